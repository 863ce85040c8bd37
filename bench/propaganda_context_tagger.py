"""Propaganda spans: a tagger that reads across sentences, chosen on the dev articles beside
the shipped mix; nothing here ships unless its out-of-fold dev gain reaches the noise bar.

Usage: fine-tune the tagger with
``nice -n 10 python bench/propaganda_context_tagger.py --train [--minutes M]`` (a time box of M
minutes, default :data:`veracity.propaganda.train_tagger.CONTEXT_MINUTES`, on one core, one
torch thread, plus encoding; the best checkpoint yet is kept after every checkpoint), then ``nice -n 10 python bench/propaganda_context_tagger.py [--out FILE] [--write]``
(a few minutes; the corpus's MiniLM states cached by ``veracity.propaganda.train``). Both take
``--layers N`` for a tagger of MiniLM's top N layers (default 3; its own docs section).

The shipped taggers read one sentence each (windows of 126 pieces of it). The context tagger
(``train_context_tagger``) is MiniLM's top three layers over the layer-3 states of windows of
126 pieces packed across the article's sentences, each window starting half a window after the
previous one; loss on every piece of every window, and each token's probability read from the
window where its pieces are most central, so that every piece but an article's first and last
sees at least about a quarter window on either side. Same recipe as the shipped taggers
otherwise: the train articles and the 80 wire articles as negatives, AdamW, batch 32, inside
pieces weighted up, one torch thread, a time box, its checkpoint chosen on dev by its best mix
with the CRF fit on train within the wire-dev bound (the CRF alone's spans per 1,000 wire-dev
words).

Then, on the 49 dev articles (a CRF fit on the 256 train articles, the float16 taggers in
numpy), the mix is chosen as the shipped one was, among the choices within the wire-dev bound:
the context tagger with the CRF (share in steps of 0.1, every threshold and peak of the
trainer's grid), and the context tagger beside the two shipped taggers and the CRF (each
tagger's share 0 to 0.4 in steps of 0.1, their sum 0.5 to 0.8, threshold 0.2 to 0.3, peak 0.1
or 0.2 over it); then the edge at that choice. That whole choice is cross-validated over 5
article-grouped folds of dev (5 shuffles, as ``bench/propaganda_context.py``): each fold's
spans come from the choice (mix, threshold, peak, edge) that scores best on the other four. The
held-out articles are not read here. ``--write`` replaces the "Propaganda spans: a tagger that
reads across sentences" section of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import itertools
import json
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from _docs import result_cli  # bench/_docs.py
from _si_dev import DevScorer, Scores, Spans  # bench/_si_dev.py
from _templates import render  # bench/_templates.py

START = "<!-- propaganda-context-tagger:start -->"
END = "<!-- propaganda-context-tagger:end -->"
COMMAND = "nice -n 10 python bench/propaganda_context_tagger.py --write"
TRAIN_COMMAND = "nice -n 10 python bench/propaganda_context_tagger.py --train"
# the context tagger's depth (``--layers N``, default CONTEXT_LAYERS): MiniLM's top N layers
LAYERS = 3


def markers(layers: int) -> tuple[str, str]:
    """The docs section's markers for a context tagger of ``layers`` layers."""
    if layers == 3:
        return START, END
    return (
        f"<!-- propaganda-context-tagger-{layers}:start -->",
        f"<!-- propaganda-context-tagger-{layers}:end -->",
    )


def commands(layers: int, minutes: float = 30.0) -> tuple[str, str]:
    """The bench's and the trainer's command lines for that depth (and the trainer's time box
    when it is not the default 30 minutes)."""
    extra = "" if layers == 3 else f" --layers {layers}"
    box = "" if minutes == 30.0 else f" --minutes {minutes:g}"
    return COMMAND + extra, TRAIN_COMMAND + extra + box


FOLDS, SHUFFLES = 5, 5
NOISE = 0.01  # a dev gain under this is within noise on 49 articles
SHARES = [0.0, 0.1, 0.2, 0.3, 0.4]  # each tagger's share in the three-tagger mix
PRIMARY = "either of the two (one grid)"
log = logging.getLogger("propaganda_context_tagger")
Key = tuple[tuple[float, ...], float, float]  # (shares of five, two, context), threshold, peak


class Choice(BaseModel):
    """A choice made on all dev articles (in sample) and its cross-validation."""

    setting: str
    dev: Scores
    wire_dev_rate: float
    cv_f1: list[float]  # each shuffle's out-of-fold dev F1
    cv_gain_mean: float  # their mean minus the shipped dev F1


class TaggerResult(BaseModel):
    seconds: float
    dev_articles: int
    train_articles: int
    layers: int
    minutes: float
    epoch: float
    epochs_run: float
    history: list[dict]
    wire_dev_bound: float  # the CRF fit on train alone, spans per 1,000 wire-dev words
    shipped: Scores
    shipped_setting: str
    shipped_wire_dev_rate: float
    alone: Scores  # the context tagger without the CRF, its best threshold on dev
    alone_threshold: float
    sentence_alone: Scores  # the shipped taggers without the CRF, their best threshold
    sentence_alone_threshold: float
    candidates: dict[str, Choice]
    extra_ms_per_wire_article: float  # the context windows' encoding + the tagger, CPU ms
    shipped_taggers_ms_per_wire_article: float  # the sentence windows + the shipped taggers
    wire_words_per_article: float
    best_cv_gain: float


def describe(key: Key, trim: float, label: str = "context tagger") -> str:
    """A choice as the docs give it, the new tagger called ``label`` (:func:`parse_setting`
    reads it back)."""
    (five, two, ctx), at, top = key
    taggers = f"{label} {ctx:.1f}" + (
        f", five-layer {five:.1f}, two-layer {two:.1f}" if five or two else ""
    )
    return f"{taggers}, CRF {1 - five - two - ctx:.1f}, threshold {at}, peak {top}, edge {trim}"


def folds_of(ids: Sequence[str], seed: int) -> list[list[str]]:
    order = np.random.default_rng(seed).permutation(sorted(ids))
    return [[str(a) for a in order[k::FOLDS]] for k in range(FOLDS)]


def three_tagger_mixes() -> list[tuple[float, float, float]]:
    """(five, two, context) shares of the three-tagger grid: each 0 to 0.4, sum 0.5 to 0.8."""
    return [
        m
        for m in itertools.product(SHARES, repeat=3)
        if 0.5 - 1e-9 <= sum(m) <= 0.8 + 1e-9 and m[2] > 0
    ]


def train(data_dir: Path, minutes: float | None = None) -> None:
    from veracity.propaganda.train_tagger import CONTEXT_MINUTES, train_context_tagger

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    box = CONTEXT_MINUTES if minutes is None else minutes
    print(train_context_tagger(data_dir, layers=LAYERS, minutes=box), file=sys.stderr)


def run(data_dir: Path, path: Path | None = None, label: str = "context tagger") -> TaggerResult:
    """Measure the tagger kept at ``path`` (default: the context tagger of :data:`LAYERS`
    layers; its ``.json`` record says whether it reads across sentences), called ``label``."""
    import joblib

    from veracity.propaganda.corpus import load_ptc_train, split_articles
    from veracity.propaganda.encoder import encode_segments
    from veracity.propaganda.model import token_runs
    from veracity.propaganda.neural import NeuralTagger, load_neural_tagger
    from veracity.propaganda.scoring import ArticleSums
    from veracity.propaganda.train import CRF_THRESHOLD, encode_articles
    from veracity.propaganda.train_tagger import (
        EDGES,
        THRESHOLDS,
        WIRE_DEV,
        article_lines,
        context_tagger_path,
        context_windows,
        crf_on,
        deep_sentences,
        input_layer,
        neural_token_probabilities,
        peaks,
        sentence_windows,
        wire_lines,
        wire_texts,
    )
    from veracity.threads import one_blas_thread

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    started = time.monotonic()
    articles = load_ptc_train(data_dir)
    parts = split_articles(articles)
    train_articles, dev = parts["train"], parts["dev"]
    ids = [a.article_id for a in dev]
    texts = {a.article_id: a.text for a in dev}
    gold = {a.article_id: a.si_spans for a in dev}
    scorer = DevScorer(gold, ids)
    crf = crf_on(train_articles)
    path = path or context_tagger_path(LAYERS)
    record = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    reads_context = bool(record.get("context", True))
    context = joblib.load(path)
    if not isinstance(context, NeuralTagger):
        raise SystemExit(f"{path} is not a tagger; run {TRAIN_COMMAND}")
    mix, weight, threshold, peak, edge = load_neural_tagger()
    members = list(getattr(mix, "members_", [mix]))
    shipped_shares = tuple(round(weight * s, 3) for s in getattr(mix, "shares_", [1.0]))
    if len(members) != 2:
        raise SystemExit("the bench expects the shipped ensemble of two taggers")

    # dev: the shipped taggers on their sentence windows, the context tagger on its windows
    lines = {}
    dev_p: list[dict[str, list[np.ndarray]]] = []
    for m in members:
        lines = article_lines(dev, encode_articles(dev, m.input_layer), crf)
        dev_p.append(neural_token_probabilities(lines, m.piece_probabilities))
    tokens = {k: [line.tokens for line in v] for k, v in lines.items()}
    crf_p = {k: [line.crf for line in v] for k, v in lines.items()}
    below = input_layer(context.layers_)
    context_lines = article_lines(
        dev,
        context_windows(train_articles + dev, below)
        if reads_context
        else encode_articles(dev, below),
        crf,
    )
    dev_p.append(neural_token_probabilities(context_lines, context.piece_probabilities))
    log.info("dev read by the three taggers")

    # wire-dev, read as the product reads it
    wire = wire_texts(data_dir, *WIRE_DEV)
    wire_p: list[dict[str, list[np.ndarray]]] = []
    wire_text: dict[str, str] = {}
    wire_tokens: dict[str, list] = {}
    wire_crf: dict[str, list[np.ndarray]] = {}
    words = 0
    for m in members:
        read, words = wire_lines(wire, crf, m.input_layer)
        only = {k: v for k, (_, v) in read.items()}
        wire_p.append(neural_token_probabilities(only, m.piece_probabilities))
        wire_text = {k: t for k, (t, _) in read.items()}
        wire_tokens = {k: [line.tokens for line in v] for k, v in only.items()}
        wire_crf = {k: [line.crf for line in v] for k, v in only.items()}
    read, _ = wire_lines(wire, crf, below, context=reads_context)
    wire_p.append(
        neural_token_probabilities(
            {k: v for k, (_, v) in read.items()}, context.piece_probabilities
        )
    )
    # the cost on the product's path (BLAS on one thread, as the deep analysis runs it): the
    # context tagger's windows encoded and its layers, beside the shipped taggers' sentence
    # windows and their layers
    analysed = [deep_sentences(body, title) for body, title in wire]
    with one_blas_thread():
        cpu = time.process_time()
        for text, sentences, _ in analysed:
            own = sentence_windows(text, sentences, below, reads_context)
            context.piece_probabilities(list({id(w): w for ws in own for w in ws}.values()))
        extra_ms = 1000 * (time.process_time() - cpu) / len(analysed)
        cpu = time.process_time()
        for text, sentences, _ in analysed:
            own = encode_segments(text, sentences, mix.input_layers)
            mix.piece_probabilities([w for ws in own for w in ws])
        shipped_ms = 1000 * (time.process_time() - cpu) / len(analysed)
    log.info(
        "cost: context %.0f ms, shipped taggers %.0f ms per wire article", extra_ms, shipped_ms
    )

    def mixed(p: list[dict[str, list[np.ndarray]]], base: dict, shares: Sequence[float]) -> dict:
        rest = 1.0 - sum(shares)
        return {
            k: [
                rest * c + sum(w * q[k][i] for w, q in zip(shares, p, strict=True) if w)
                for i, c in enumerate(v)
            ]
            for k, v in base.items()
        }

    def spans_of(txt, toks, probs, at, top, trim) -> Spans:
        return {
            k: [
                (s, e)
                for t, q in zip(toks[k], probs[k], strict=True)
                if len(q) and float(np.max(q)) >= at
                for s, e, _ in token_runs(txt[k], t, list(q), at, top, trim)
            ]
            for k in probs
        }

    def rate(shares: Sequence[float], at: float, top: float, trim: float | None) -> float:
        p = mixed(wire_p, wire_crf, shares)
        spans = spans_of(wire_text, wire_tokens, p, at, top, trim)
        return 1000 * sum(len(v) for v in spans.values()) / max(words, 1)

    bound = rate((0.0, 0.0, 0.0), CRF_THRESHOLD, CRF_THRESHOLD, None)

    shipped_full = (*shipped_shares, 0.0)
    shipped_spans = spans_of(
        texts, tokens, mixed(dev_p, crf_p, shipped_full), threshold, peak, edge
    )
    shipped = scorer.scores(scorer.stats(shipped_spans), shipped_spans)
    shipped_rate = rate(shipped_full, threshold, peak or threshold, edge)

    def alone_of(shares: tuple[float, float, float]) -> tuple[Scores, float]:
        p = mixed(dev_p, crf_p, shares)
        grid = {at: spans_of(texts, tokens, p, at, at, None) for at in THRESHOLDS}
        best = max(grid, key=lambda at: scorer.f1(scorer.stats(grid[at]), ids))
        return scorer.scores(scorer.stats(grid[best]), grid[best]), best

    alone, alone_at = alone_of((0.0, 0.0, 1.0))
    total = sum(shipped_shares)
    sentence_alone, sentence_at = alone_of((*(s / total for s in shipped_shares), 0.0))

    grids: dict[str, list[Key]] = {
        f"{label} + CRF": [
            ((0.0, 0.0, round(w, 1)), at, top)
            for w in np.arange(0.1, 1.01, 0.1)
            for at in THRESHOLDS
            for top in peaks(at)
        ],
        f"{label} + the two shipped taggers + CRF": [
            (m, at, round(at + step, 2))
            for m in three_tagger_mixes()
            for at in (0.2, 0.25, 0.3)
            for step in (0.1, 0.2)
        ],
    }
    grids[PRIMARY] = grids[f"{label} + CRF"] + grids[f"{label} + the two shipped taggers + CRF"]
    log.info("wire-dev read; %d grid points", len(grids[PRIMARY]))
    wire_rate: dict[Key, float] = {}
    dev_stats: dict[Key, dict[str, ArticleSums]] = {}
    mixes_done: dict[tuple[float, ...], tuple[dict, dict]] = {}
    for key in grids[PRIMARY]:
        shares, at, top = key
        if shares not in mixes_done:
            mixes_done[shares] = (mixed(dev_p, crf_p, shares), mixed(wire_p, wire_crf, shares))
        dev_mix, wire_mix = mixes_done[shares]
        wire_spans = spans_of(wire_text, wire_tokens, wire_mix, at, top, None)
        wire_rate[key] = 1000 * sum(len(v) for v in wire_spans.values()) / max(words, 1)
        if wire_rate[key] <= bound + 1e-9:
            dev_stats[key] = scorer.stats(spans_of(texts, tokens, dev_mix, at, top, None))
    trimmed: dict[tuple[Key, float], tuple[Spans, dict[str, ArticleSums]]] = {}

    def at_edge(key: Key, trim: float) -> tuple[Spans, dict[str, ArticleSums]]:
        if (key, trim) not in trimmed:
            shares, at, top = key
            spans = spans_of(texts, tokens, mixes_done[shares][0], at, top, trim or None)
            trimmed[(key, trim)] = (spans, scorer.stats(spans))
        return trimmed[(key, trim)]

    def choose(keys: list[Key], among: Sequence[str]) -> tuple[Key, float]:
        allowed = [k for k in keys if k in dev_stats]
        # ties: the smaller share of the new tagger, then the lower threshold
        key = max(allowed, key=lambda k: (scorer.f1(dev_stats[k], among), -sum(k[0]), -k[1]))
        trim = max(EDGES, key=lambda e: (scorer.f1(at_edge(key, e)[1], among), -e))
        return key, trim

    log.info("grid scored: %d points within the bound", len(dev_stats))
    candidates: dict[str, Choice] = {}
    for name, keys in grids.items():
        key, trim = choose(keys, ids)
        spans, stats = at_edge(key, trim)
        cv = []
        for seed in range(SHUFFLES):
            merged: dict[str, ArticleSums] = {}
            for test in folds_of(ids, seed):
                fit = [a for a in ids if a not in test]
                k, e = choose(keys, fit)
                merged.update({a: at_edge(k, e)[1][a] for a in test})
            cv.append(round(scorer.f1(merged, ids), 4))
        candidates[name] = Choice(
            setting=describe(key, trim, label),
            dev=scorer.scores(stats, spans),
            wire_dev_rate=round(rate(key[0], key[1], key[2], trim or None), 2),
            cv_f1=cv,
            cv_gain_mean=round(float(np.mean(cv)) - shipped.f1, 4),
        )
    return TaggerResult(
        seconds=round(time.monotonic() - started, 1),
        dev_articles=len(dev),
        train_articles=len(train_articles),
        layers=int(record["layers"]),
        minutes=float(record["minutes"]),
        epoch=float(record["epoch"]),
        epochs_run=float(record["epochs_run"]),
        history=record["history"],
        wire_dev_bound=round(bound, 2),
        shipped=shipped,
        shipped_setting=(
            f"CRF {1 - weight:.2f}, taggers {' / '.join(f'{s:.2f}' for s in shipped_shares)}, "
            f"threshold {threshold}, peak {peak}, edge {edge}"
        ),
        shipped_wire_dev_rate=round(shipped_rate, 2),
        alone=alone,
        alone_threshold=alone_at,
        sentence_alone=sentence_alone,
        sentence_alone_threshold=sentence_at,
        candidates=candidates,
        extra_ms_per_wire_article=round(extra_ms, 1),
        shipped_taggers_ms_per_wire_article=round(shipped_ms, 1),
        wire_words_per_article=round(words / len(wire), 1),
        best_cv_gain=max(c.cv_gain_mean for c in candidates.values()),
    )


class HeldOut(BaseModel):
    """The held-out articles, read once, for the dev choice "either of the two (one grid)"
    beside the shipped mix (same run; the shipped CRF fit on train+dev and the quoted floor, as
    the product runs them), and spans per 1,000 words on the 40 wire articles of
    ``bench/propaganda.py``."""

    setting: str
    articles: int
    shipped: Scores
    chosen: Scores
    wire_words: int
    wire_shipped: float
    wire_chosen: float


def parse_setting(
    setting: str, label: str = "context tagger"
) -> tuple[tuple[float, float, float], float, float, float]:
    """``((five, two, new) shares, threshold, peak, edge)`` of a :class:`Choice` setting, the
    new tagger called ``label``."""
    values = dict(
        (name.strip(), float(value))
        for name, value in (part.rsplit(" ", 1) for part in setting.split(", "))
    )
    shares = (values.get("five-layer", 0.0), values.get("two-layer", 0.0), values[label])
    return shares, values["threshold"], values["peak"], values["edge"]


def held_out(
    data_dir: Path, saved: Path, path: Path | None = None, label: str = "context tagger"
) -> HeldOut:
    """Read the held-out articles once for the saved dev result's choice (only when its
    out-of-fold gain reaches :data:`NOISE`), the new tagger the one kept at ``path`` (default:
    the context tagger of :data:`LAYERS` layers), called ``label``."""
    import joblib

    from explainable_signals import wire_articles  # bench/explainable_signals.py
    from veracity.propaganda.corpus import load_ptc_train, split_articles
    from veracity.propaganda.features import line_segments, tokenize_segment
    from veracity.propaganda.model import QUOTED_FLOOR, in_quotation, token_runs
    from veracity.propaganda.neural import load_neural_tagger, token_probabilities
    from veracity.propaganda.scoring import si_scores
    from veracity.propaganda.train import encode_articles
    from veracity.propaganda.train_tagger import (
        context_tagger_path,
        context_windows,
        input_layer,
        neural_token_probabilities,
        shipped_crf,
        wire_lines,
    )

    result = TaggerResult.model_validate_json(saved.read_text(encoding="utf-8"))
    if result.best_cv_gain < NOISE:
        raise SystemExit(f"out-of-fold gain {result.best_cv_gain} < {NOISE}: held-out not read")
    chosen_shares, at, top, trim = parse_setting(result.candidates[PRIMARY].setting, label)
    articles = load_ptc_train(data_dir)
    test = split_articles(articles)["test"]
    crf = shipped_crf()
    path = path or context_tagger_path(LAYERS)
    reads_context = bool(
        json.loads(path.with_suffix(".json").read_text(encoding="utf-8")).get("context", True)
    )
    context = joblib.load(path)
    mix, weight, threshold, peak, edge = load_neural_tagger()
    members = list(mix.members_)
    shipped = (*(round(weight * s, 3) for s in mix.shares_), 0.0)
    below = input_layer(context.layers_)
    gold = {a.article_id: a.si_spans for a in test}
    texts = {a.article_id: a.text for a in test}

    def probabilities(windows_of, tagger) -> dict[str, list[np.ndarray]]:
        out = {}
        for a in test:
            rows = []
            for s, e in line_segments(a.text):
                own = [w for w in windows_of[a.article_id] if w.start < e and w.end > s]
                tokens = tokenize_segment(a.text, s, e)
                rows.append(token_probabilities(own, tagger.piece_probabilities(own), tokens))
            out[a.article_id] = rows
        return out

    member_p = [probabilities(encode_articles(test, m.input_layer), m) for m in members]
    member_p.append(
        probabilities(
            context_windows(test, below) if reads_context else encode_articles(test, below),
            context,
        )
    )
    tokens = {
        a.article_id: [tokenize_segment(a.text, s, e) for s, e in line_segments(a.text)]
        for a in test
    }
    crf_p = {
        k: [np.array(crf.token_probabilities([t.text for t in ts])) for ts in v]
        for k, v in tokens.items()
    }

    def spans(txt, toks, crf_of, p, shares, at_, top_, trim_) -> Spans:
        rest = 1.0 - sum(shares)
        out: Spans = {}
        for k in toks:
            found = []
            for i, ts in enumerate(toks[k]):
                q = rest * crf_of[k][i] + sum(
                    w * m[k][i] for w, m in zip(shares, p, strict=True) if w
                )
                for s_, e_, mean in token_runs(txt[k], ts, list(q), at_, top_, trim_ or None):
                    if mean >= QUOTED_FLOOR or not in_quotation(txt[k], s_, e_):
                        found.append((s_, e_))
            out[k] = found
        return out

    def scored(found: Spans) -> Scores:
        raw = si_scores(found, gold)
        return Scores(
            precision=round(raw["precision"], 4),
            recall=round(raw["recall"], 4),
            f1=round(raw["f1"], 4),
            spans=sum(len(v) for v in found.values()),
        )

    shipped_scores = scored(spans(texts, tokens, crf_p, member_p, shipped, threshold, peak, edge))
    chosen_scores = scored(spans(texts, tokens, crf_p, member_p, chosen_shares, at, top, trim))

    rows = [(r["text"], r.get("title") or None) for r in wire_articles()[:40]]
    wire_p, wire_text, wire_tokens, wire_crf, words = [], {}, {}, {}, 0
    for m, layer, ctx in [
        (members[0], members[0].input_layer, False),
        (members[1], members[1].input_layer, False),
        (context, below, reads_context),
    ]:
        read, words = wire_lines(rows, crf, layer, ctx)
        only = {k: v for k, (_, v) in read.items()}
        wire_p.append(neural_token_probabilities(only, m.piece_probabilities))
        wire_text = {k: t for k, (t, _) in read.items()}
        wire_tokens = {k: [line.tokens for line in v] for k, v in only.items()}
        wire_crf = {k: [line.crf for line in v] for k, v in only.items()}

    def rate(shares, at_, top_, trim_) -> float:
        found = spans(wire_text, wire_tokens, wire_crf, wire_p, shares, at_, top_, trim_)
        return round(1000 * sum(len(v) for v in found.values()) / max(words, 1), 2)

    return HeldOut(
        setting=result.candidates[PRIMARY].setting,
        articles=len(test),
        shipped=shipped_scores,
        chosen=chosen_scores,
        wire_words=words,
        wire_shipped=rate(shipped, threshold, peak, edge),
        wire_chosen=rate(chosen_shares, at, top, trim),
    )


def section(result: TaggerResult) -> str:
    start, end = markers(result.layers)
    command, train_command = commands(result.layers, result.minutes)
    return render(
        "propaganda-context-tagger.md.j2",
        r=result,
        start=start,
        end=end,
        command=command,
        train_command=train_command,
        noise=NOISE,
    )


if __name__ == "__main__":
    if "--layers" in sys.argv[1:]:
        at = sys.argv.index("--layers")
        LAYERS = int(sys.argv[at + 1])
        del sys.argv[at : at + 2]
    if "--train" in sys.argv[1:]:  # --train [--minutes M]: the time box (default 30)
        from veracity.settings import get_settings

        box = None
        if "--minutes" in sys.argv[1:]:
            box = float(sys.argv[sys.argv.index("--minutes") + 1])
        train(get_settings().data_dir, box)
    elif "--held-out" in sys.argv[1:]:  # --held-out SAVED_RESULT: read the held-out articles once
        from veracity.settings import get_settings

        saved = Path(sys.argv[sys.argv.index("--held-out") + 1])
        print(held_out(get_settings().data_dir, saved).model_dump_json(indent=1))
    else:
        result_cli(__doc__.splitlines()[0], TaggerResult, run, section, *markers(LAYERS))
