"""Propaganda spans: what the taggers do not see (article context, repetition, a third tagger),
measured on the dev articles; nothing here ships.

Usage: ``nice -n 10 python bench/propaganda_context.py [--out FILE] [--write]`` (about ten
minutes on the shared 2-core machine, most of it encoding the dev articles for the third
tagger; the corpus's MiniLM states cached by ``veracity.propaganda.train.encode_articles``;
``git`` for the third tagger's file).

The shipped spans (the CRF + two MiniLM taggers mix at its threshold, peak and edge) are scored
on the 49 dev articles, with a CRF fit on the train articles only, as the tagger trainer chooses.
Many of their false spans overlap no gold span at all, and a rescorer over a span's own token
probabilities, length and position could not tell them apart (stop 30). The taggers read one
sentence each, so what is tried here reads beyond it:

* a sentence classifier fit on the train articles only (logistic regression over the unit
  MiniLM vectors of the line, its neighbours and the article's mean, its position and the
  article's length): how well it finds the lines with a gold span, beside the taggers' highest
  token probability; then each span kept or dropped by a logistic regression over the span's own
  figures with and without that context (the line's and its neighbours' classifier and tagger
  figures, the article's predicted-span density and mean classifier probability), the cut
  chosen on the training folds of a 5-fold article-grouped cross-validation over dev (five
  shuffles); and the classifier's probability mixed into every token's of its line.
* repetition: a phrase annotated in an article is annotated again where it recurs (measured on
  the train articles' gold), so each predicted span's other whole-word occurrences in its
  article are added as spans (spans of at least 1 to 4 words; the choice cross-validated as
  above).
* a third tagger: MiniLM's top three layers over the layer-3 states (propaganda-tagger 3,
  commit :data:`THIRD_COMMIT`, fine-tuned on the train articles), mixed in with the CRF and the
  two shipped taggers in steps of 0.1 with the threshold and the peak (edge kept), the choice
  cross-validated as above and its in-sample gain bootstrapped over the dev articles.

The held-out articles are not read. ``--write`` replaces the "Propaganda spans: context the
taggers do not see" section of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from _docs import result_cli  # bench/_docs.py
from _templates import render  # bench/_templates.py

START, END = "<!-- propaganda-context:start -->", "<!-- propaganda-context:end -->"
COMMAND = "nice -n 10 python bench/propaganda_context.py --write"
THIRD_COMMIT = "9ba2343"
THIRD_FILE = "src/veracity/artefacts/propaganda_tagger/tagger.joblib"
FOLDS, SHUFFLES, BOOTSTRAP = 5, 5, 1000
NOISE = 0.01  # a dev gain under this is within noise on 49 articles
CUTS = [round(c, 2) for c in np.arange(0.0, 0.61, 0.02)]
SHARES = [0.0, 0.1, 0.2, 0.3, 0.4]  # each tagger's share of the mix (the CRF: the rest)
TOKEN_MIX = [0.1, 0.2, 0.3]  # the sentence classifier's share of a token's probability
REPEAT_WORDS = [1, 2, 3, 4]  # the fewest words of a span whose other occurrences are added
Spans = dict[str, list[tuple[int, int]]]


class Scores(BaseModel):
    precision: float
    recall: float
    f1: float
    spans: int


class CrossValidated(BaseModel):
    """Dev SI F1 of a choice made on the training folds, each shuffle's, against the shipped."""

    f1: list[float]
    gain_mean: float


class KeepDrop(BaseModel):
    features: list[str]
    cv: CrossValidated


class ContextResult(BaseModel):
    seconds: float
    dev_articles: int
    train_articles: int
    train_lines: int
    dev_lines: int
    shipped: Scores  # threshold, peak, edge and mix as the card gives
    shipped_setting: str
    false_spans: int  # shipped spans overlapping no gold span
    line_auc_tagger: float  # dev lines with a gold span: the taggers' highest token probability
    line_auc_sentence: float  # the sentence classifier's probability
    line_auc_both: float  # their rank sum
    span_auc: dict[str, float]  # shipped spans overlapping gold, by one feature
    keep_drop: dict[str, KeepDrop]
    token_mix: dict[str, Scores]  # the classifier's share -> the best threshold/peak on dev
    token_mix_setting: dict[str, str]
    repeat_train_covered: dict[str, list[int]]  # words -> [covered, not covered] (train gold)
    repeat: dict[str, Scores]  # fewest words -> dev scores with the occurrences added
    repeat_added: dict[str, list[int]]  # fewest words -> [added, overlapping gold]
    repeat_cv: CrossValidated
    third_best: Scores
    third_best_setting: str
    third_cv: CrossValidated
    third_bootstrap: list[float]  # 95% interval of the in-sample best's gain
    best_cv_gain: float  # the highest mean cross-validated gain of any candidate


def _scores(raw: dict[str, float], spans: Spans) -> Scores:
    return Scores(
        precision=round(raw["precision"], 4),
        recall=round(raw["recall"], 4),
        f1=round(raw["f1"], 4),
        spans=sum(len(v) for v in spans.values()),
    )


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), 1e-9)


def sentence_features(vectors: np.ndarray) -> np.ndarray:
    """Per line: its unit vector, its neighbours' (zeros past the ends), the article's mean
    vector, its position and the article's length in lines (log)."""
    v = _unit(vectors.astype(np.float64))
    n = len(v)
    zero = np.zeros((1, v.shape[1]))
    return np.hstack(
        [
            v,
            np.vstack([zero, v[:-1]]),
            np.vstack([v[1:], zero]),
            np.repeat(_unit(v.mean(axis=0, keepdims=True)), n, axis=0),
            (np.arange(n) / max(n - 1, 1))[:, None],
            np.full((n, 1), np.log(n)),
        ]
    )


def other_occurrences(
    text: str, spans: Sequence[tuple[int, int]], fewest_words: int
) -> list[tuple[int, int]]:
    """``spans`` and each span's other whole-word occurrences in ``text`` (any case) that
    overlap none kept so far, for spans of at least ``fewest_words`` words and 4 characters."""
    out = list(spans)
    for start, end in spans:
        phrase = text[start:end]
        if len(phrase.split()) < fewest_words or len(phrase) < 4:
            continue
        for found in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text, flags=re.I):
            if not any(s < found.end() and e > found.start() for s, e in out):
                out.append((found.start(), found.end()))
    return out


def folds_of(ids: Sequence[str], seed: int) -> list[list[str]]:
    order = np.random.default_rng(seed).permutation(sorted(ids))
    return [[str(a) for a in order[k::FOLDS]] for k in range(FOLDS)]


def cross_validated(
    choose_and_predict: Callable[[list[str], list[str]], Spans],
    ids: Sequence[str],
    f1: Callable[[Spans, Sequence[str]], float],
    shipped: float,
) -> CrossValidated:
    """Each shuffle's dev F1 when every fold's spans come from a choice made on the other folds
    (``choose_and_predict(train_ids, test_ids)``)."""
    scores = []
    for seed in range(SHUFFLES):
        merged: Spans = {}
        for test in folds_of(ids, seed):
            train = [a for a in ids if a not in test]
            merged.update(choose_and_predict(train, test))
        scores.append(round(f1(merged, ids), 4))
    return CrossValidated(f1=scores, gain_mean=round(float(np.mean(scores)) - shipped, 4))


def run(data_dir: Path) -> ContextResult:
    import joblib
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from veracity.embeddings.encoder import LOWER_LAYER
    from veracity.propaganda.corpus import load_ptc_train, split_articles
    from veracity.propaganda.encoder import encode_segments, pooled
    from veracity.propaganda.features import line_segments
    from veracity.propaganda.model import token_runs
    from veracity.propaganda.neural import load_neural_tagger, token_probabilities
    from veracity.propaganda.scoring import si_scores
    from veracity.propaganda.train import encode_articles
    from veracity.propaganda.train_tagger import article_lines, crf_on, neural_token_probabilities

    started = time.monotonic()
    articles = load_ptc_train(data_dir)
    parts = split_articles(articles)
    train, dev = parts["train"], parts["dev"]
    ids = [a.article_id for a in dev]
    texts = {a.article_id: a.text for a in dev}
    gold = {a.article_id: a.si_spans for a in dev}
    crf = crf_on(train)
    mix, weight, threshold, peak, edge = load_neural_tagger()
    members = list(getattr(mix, "members_", [mix]))
    shares = [weight * s for s in getattr(mix, "shares_", [1.0])]
    lines = article_lines(dev, encode_articles(articles, members[0].input_layer), crf)
    tokens = {k: [line.tokens for line in v] for k, v in lines.items()}
    crf_p = {k: [line.crf for line in v] for k, v in lines.items()}
    member_p = [
        neural_token_probabilities(
            article_lines(dev, encode_articles(articles, m.input_layer), crf) if k else lines,
            m.piece_probabilities,
        )
        for k, m in enumerate(members)
    ]
    with tempfile.TemporaryDirectory() as scratch:
        third_path = Path(scratch) / "tagger.joblib"
        third_path.write_bytes(
            subprocess.run(
                ["git", "show", f"{THIRD_COMMIT}:{THIRD_FILE}"], capture_output=True, check=True
            ).stdout
        )
        third = joblib.load(third_path)
    third_p: dict[str, list[np.ndarray]] = {}
    for a in dev:
        segments = line_segments(a.text)
        windows = encode_segments(a.text, segments, third.input_layer)
        third_p[a.article_id] = [
            token_probabilities(w, third.piece_probabilities(w), t)
            for w, t in zip(windows, tokens[a.article_id], strict=True)
        ]
    all_p = [*member_p, third_p]

    def mixed(tagger_shares: Sequence[float]) -> dict[str, list[np.ndarray]]:
        rest = 1.0 - sum(tagger_shares)
        return {
            k: [
                rest * c + sum(w * p[k][i] for w, p in zip(tagger_shares, all_p, strict=False) if w)
                for i, c in enumerate(crf_p[k])
            ]
            for k in ids
        }

    def spans_of(
        p: dict[str, list[np.ndarray]], at: float, top: float | None, trim: float | None
    ) -> dict[str, list[list[tuple[int, int, float]]]]:
        return {
            k: [
                token_runs(texts[k], t, list(q), at, top, trim) if len(q) else []
                for t, q in zip(tokens[k], p[k], strict=True)
            ]
            for k in ids
        }

    def flat(by_line: dict[str, list[list[tuple[int, int, float]]]]) -> Spans:
        return {k: [(s, e) for line in v for s, e, _ in line] for k, v in by_line.items()}

    def f1(spans: Spans, among: Sequence[str]) -> float:
        return si_scores({a: spans[a] for a in among}, {a: gold[a] for a in among})["f1"]

    shipped_p = mixed(shares)
    shipped_lines = spans_of(shipped_p, threshold, peak, edge)
    shipped_spans = flat(shipped_lines)
    shipped = _scores(si_scores(shipped_spans, gold), shipped_spans)
    false_spans = sum(
        not any(gs < e and ge > s for gs, ge in gold[k])
        for k, v in shipped_spans.items()
        for s, e in v
    )

    # the sentence classifier, fit on the train articles' lines only
    last = encode_articles(articles, LOWER_LAYER)  # every window's last states, cached

    def line_table(article) -> tuple[np.ndarray, np.ndarray]:
        windows = last[article.article_id]
        vectors, labels = [], []
        for s, e in line_segments(article.text):
            vectors.append(pooled([w for w in windows if w.start < e and w.end > s]))
            labels.append(any(gs < e and ge > s for gs, ge in article.si_spans))
        return sentence_features(np.array(vectors)), np.array(labels, dtype=int)

    train_x, train_y = zip(*(line_table(a) for a in train), strict=True)
    sentence = LogisticRegression(C=0.1, max_iter=2000).fit(
        np.vstack(train_x), np.concatenate(train_y)
    )
    dev_tables = {a.article_id: line_table(a) for a in dev}
    line_p = {k: sentence.predict_proba(x)[:, 1] for k, (x, _) in dev_tables.items()}
    line_y = np.concatenate([dev_tables[k][1] for k in ids])
    line_max = {k: np.array([q.max() if len(q) else 0.0 for q in shipped_p[k]]) for k in ids}
    tagger_line, sentence_line = (
        np.concatenate([line_max[k] for k in ids]),
        np.concatenate([line_p[k] for k in ids]),
    )
    ranks = np.argsort(np.argsort(tagger_line)) + np.argsort(np.argsort(sentence_line))

    # each shipped span with its own figures and its context
    rows: list[dict[str, float]] = []
    keys: list[tuple[str, int, int]] = []
    for k in ids:
        n_lines = len(tokens[k])
        density = sum(len(v) for v in shipped_lines[k]) / max(n_lines, 1)
        for i, line_spans in enumerate(shipped_lines[k]):
            q, c = shipped_p[k][i], crf_p[k][i]
            for s, e, mean in line_spans:
                inside = [j for j, t in enumerate(tokens[k][i]) if t.start < e and t.end > s]
                rows.append(
                    {
                        "mean": mean,
                        "max": float(q[inside].max()),
                        "crf_max": float(c[inside].max()),
                        "tokens": len(inside),
                        "line_share": len(inside) / len(tokens[k][i]),
                        "line_spans": len(line_spans),
                        "line_max": line_max[k][i],
                        "before_max": line_max[k][i - 1] if i else 0.0,
                        "after_max": line_max[k][i + 1] if i + 1 < n_lines else 0.0,
                        "sentence": line_p[k][i],
                        "before_sentence": line_p[k][i - 1] if i else 0.0,
                        "after_sentence": line_p[k][i + 1] if i + 1 < n_lines else 0.0,
                        "article_density": density,
                        "article_sentence": float(line_p[k].mean()),
                        "article_line_max": float(line_max[k].mean()),
                        "hit": float(any(gs < e and ge > s for gs, ge in gold[k])),
                    }
                )
                keys.append((k, s, e))
    own = ["mean", "max", "crf_max", "tokens", "line_share"]
    context = [
        "line_spans",
        "line_max",
        "before_max",
        "after_max",
        "sentence",
        "before_sentence",
        "after_sentence",
        "article_density",
        "article_sentence",
        "article_line_max",
    ]
    hits = np.array([r["hit"] for r in rows])
    span_auc = {
        f: round(float(roc_auc_score(hits, [r[f] for r in rows])), 3) for f in own + context
    }
    article_of = np.array([k for k, _, _ in keys])

    def kept(mask: np.ndarray, among: Sequence[str]) -> Spans:
        out: Spans = {a: [] for a in among}
        for (k, s, e), keep in zip(keys, mask, strict=True):
            if keep and k in out:
                out[k].append((s, e))
        return out

    def keep_drop(features: list[str]) -> KeepDrop:
        x = np.array([[r[f] for f in features] for r in rows])

        def choose(train_ids: list[str], test_ids: list[str]) -> Spans:
            fit_rows = np.isin(article_of, train_ids)
            model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
            model.fit(x[fit_rows], hits[fit_rows])
            p = model.predict_proba(x)[:, 1]
            cut = max(CUTS, key=lambda c: (f1(kept(p >= c, train_ids), train_ids), -c))
            return kept(p >= cut, test_ids)

        return KeepDrop(features=features, cv=cross_validated(choose, ids, f1, shipped.f1))

    keep_drop_results = {
        "own figures": keep_drop(own),
        "own figures + context": keep_drop(own + context),
    }

    token_mix: dict[str, Scores] = {}
    token_mix_setting: dict[str, str] = {}
    for share in TOKEN_MIX:
        with_sentence = {
            k: [(1 - share) * q + share * line_p[k][i] for i, q in enumerate(shipped_p[k])]
            for k in ids
        }
        grid = {
            (at, top): flat(spans_of(with_sentence, at, top, edge))
            for at in (0.2, 0.25, 0.3, 0.35)
            for top in (at + 0.1, at + 0.2)
        }
        best = max(grid, key=lambda g: f1(grid[g], ids))
        token_mix[str(share)] = _scores(si_scores(grid[best], gold), grid[best])
        token_mix_setting[str(share)] = f"threshold {best[0]}, peak {round(best[1], 2)}"

    # repetition: the train articles' gold, then the shipped spans' other occurrences on dev
    covered: dict[str, list[int]] = {str(n): [0, 0] for n in REPEAT_WORDS}
    for article in train:
        for s, e in article.si_spans:
            for found in other_occurrences(article.text, [(s, e)], 1)[1:]:
                words = str(min(len(article.text[s:e].split()), REPEAT_WORDS[-1]))
                hit = any(gs < found[1] and ge > found[0] for gs, ge in article.si_spans)
                covered[words][0 if hit else 1] += 1
    repeated = {
        n: {k: other_occurrences(texts[k], shipped_spans[k], n) for k in ids} for n in REPEAT_WORDS
    }
    repeat = {str(n): _scores(si_scores(v, gold), v) for n, v in repeated.items()}
    repeat_added = {
        str(n): [
            sum(len(v[k]) - len(shipped_spans[k]) for k in ids),
            sum(
                any(gs < e and ge > s for gs, ge in gold[k])
                for k in ids
                for s, e in v[k][len(shipped_spans[k]) :]
            ),
        ]
        for n, v in repeated.items()
    }
    repeat_choices: dict[int, Spans] = {0: shipped_spans, **repeated}
    repeat_cv = cross_validated(
        lambda tr, te: {
            a: repeat_choices[max(repeat_choices, key=lambda n: f1(repeat_choices[n], tr))][a]
            for a in te
        },
        ids,
        f1,
        shipped.f1,
    )

    # a third tagger beside the two shipped ones
    third_grid: dict[tuple, Spans] = {}
    for tagger_shares in itertools.product(SHARES, repeat=3):
        if not 0.5 <= sum(tagger_shares) <= 0.8 + 1e-9:
            continue
        p = mixed(tagger_shares)
        for at in (0.2, 0.25, 0.3):
            for top in (at + 0.1, at + 0.2):
                third_grid[(tagger_shares, at, round(top, 2))] = flat(spans_of(p, at, top, edge))
    best_key = max(third_grid, key=lambda g: f1(third_grid[g], ids))
    third_best = third_grid[best_key]
    third_cv = cross_validated(
        lambda tr, te: {
            a: third_grid[max(third_grid, key=lambda g: f1(third_grid[g], tr))][a] for a in te
        },
        ids,
        f1,
        shipped.f1,
    )
    rng = np.random.default_rng(0)
    gains = []
    for _ in range(BOOTSTRAP):
        drawn = [str(a) for a in rng.choice(ids, len(ids))]

        def resampled(spans: Spans, drawn: list[str] = drawn) -> float:
            return si_scores(
                {f"{a}#{i}": spans[a] for i, a in enumerate(drawn)},
                {f"{a}#{i}": gold[a] for i, a in enumerate(drawn)},
            )["f1"]

        gains.append(resampled(third_best) - resampled(shipped_spans))
    shares_text = " / ".join(f"{s:.1f}" for s in best_key[0])
    return ContextResult(
        seconds=round(time.monotonic() - started, 1),
        dev_articles=len(dev),
        train_articles=len(train),
        train_lines=int(sum(len(y) for y in train_y)),
        dev_lines=len(line_y),
        shipped=shipped,
        shipped_setting=(
            f"CRF {1 - weight:.2f}, taggers {' / '.join(f'{s:.2f}' for s in shares)}, threshold "
            f"{threshold}, peak {peak}, edge {edge}"
        ),
        false_spans=false_spans,
        line_auc_tagger=round(float(roc_auc_score(line_y, tagger_line)), 3),
        line_auc_sentence=round(float(roc_auc_score(line_y, sentence_line)), 3),
        line_auc_both=round(float(roc_auc_score(line_y, ranks)), 3),
        span_auc=span_auc,
        keep_drop=keep_drop_results,
        token_mix=token_mix,
        token_mix_setting=token_mix_setting,
        repeat_train_covered=covered,
        repeat=repeat,
        repeat_added=repeat_added,
        repeat_cv=repeat_cv,
        third_best=_scores(si_scores(third_best, gold), third_best),
        third_best_setting=(
            f"taggers (five, two, three layers) {shares_text}, CRF "
            f"{1 - sum(best_key[0]):.1f}, threshold {best_key[1]}, peak {best_key[2]}"
        ),
        third_cv=third_cv,
        third_bootstrap=[round(float(x), 4) for x in np.percentile(gains, [2.5, 97.5])],
        best_cv_gain=max(
            cv.gain_mean
            for cv in [*(k.cv for k in keep_drop_results.values()), repeat_cv, third_cv]
        ),
    )


def section(result: ContextResult) -> str:
    return render(
        "propaganda-context.md.j2", r=result, start=START, end=END, command=COMMAND, noise=NOISE
    )


if __name__ == "__main__":
    result_cli(__doc__.splitlines()[0], ContextResult, run, section, START, END)
