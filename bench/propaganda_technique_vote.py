"""Propaganda spans: a classifier's reading of each candidate span as a second vote beside the
taggers' token probabilities, measured on the dev articles; nothing here ships unless its
out-of-fold dev gain reaches the noise bar.

Usage: ``nice -n 10 python bench/propaganda_technique_vote.py [--out FILE] [--write]`` (the
dev and wire-dev reading of ``bench/_si_dev.shipped_dev``, then a few minutes: two classifiers
and five CRFs fit on the train articles).

The shipped spans are runs of each token's mixed probability (the CRF's marginal and the two
MiniLM taggers'); the technique classifier then names each span from its words, its sentence,
MiniLM's token states pooled over span and sentence and MiniLM's vector of the span read alone,
and never changes which spans are kept. Two votes read those same records of each candidate:

* technique: the technique classifier's highest probability, the shipped design (blend of the
  linear model and the MLP at the shipped share) fit on the train articles' gold technique spans
  alone (the shipped one was fit on train + dev, so its reading of dev is in sample);
* span: a span-or-not logistic regression, the shipped linear pipeline with two classes
  (balanced weights), fit on the runs that CRFs read out of fold on the train articles (5
  article-grouped folds, threshold 0.15, peak 0.25, edge 0.6, the CRF's features and parameters
  as shipped), a run labelled a span when it overlaps a gold span: in sample, the train-fit
  CRF's runs nearly all overlap gold (3,960 of 4,199 at threshold 0.1), too few misses to learn
  from.

Each vote decides spans three ways (each a family of settings):

* drop: a shipped span is dropped when its vote is under a floor and its mean token probability
  under a bar (the bar 9: any mean);
* rescue: a run of a looser decoding (threshold 0.15 to 0.25, peak 0.25 to 0.35) that overlaps
  no shipped span is added when its vote reaches a floor;
* vote: a run of the shipped or a looser decoding is kept when its mean probability plus a
  weight times its vote reaches a cut.

A setting is a choice only when it flags no more spans per 1,000 wire-dev words than the
shipped decoding; each family's choice is cross-validated over 5 article-grouped folds of dev (5
shuffles): each fold's spans come from the setting that scores best on the other four. The
held-out articles are not read (their MiniLM windows share the corpus cache file and are
dropped unread). ``--write`` replaces the "Propaganda spans: a classifier's vote on each span"
section of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from _docs import result_cli  # bench/_docs.py
from _si_dev import Line, Scores, Spans, shipped_dev  # bench/_si_dev.py
from _templates import render  # bench/_templates.py
from propaganda_decoding import folds_of  # bench/

START = "<!-- propaganda-technique-vote:start -->"
END = "<!-- propaganda-technique-vote:end -->"
COMMAND = "nice -n 10 python bench/propaganda_technique_vote.py --write"
SHUFFLES = 5
CRF_FOLDS = 5
NOISE = 0.01  # a dev gain under this is within noise on 49 articles
VOTES = ("technique", "span")
# the train articles' runs the span-or-not classifier learns from (threshold, peak, edge)
TRAIN_RUNS = (0.15, 0.25, 0.6)
LOOSE = [(0.15, 0.25, 0.6), (0.15, 0.3, 0.6), (0.2, 0.25, 0.6), (0.2, 0.3, 0.6),
         (0.2, 0.35, 0.6), (0.25, 0.3, 0.6)]  # fmt: skip
FLOORS = [round(0.25 + 0.05 * k, 2) for k in range(11)]  # 0.25 to 0.75
MEAN_BARS = [0.3, 0.35, 0.4, 0.45, 0.5, 9.0]
WEIGHTS = [0.1, 0.2, 0.3, 0.5]
CUTS = [round(0.3 + 0.05 * k, 2) for k in range(11)]  # 0.3 to 0.8
log = logging.getLogger("propaganda_technique_vote")
Setting = tuple[float, float, float]  # threshold, peak, edge
Run = tuple[int, int, int, float]  # line, start, end, mean token probability
Runs = dict[str, list[Run]]  # an article's key -> its runs
Votes = Mapping[tuple[str, int, int], float]  # (article, start, end) -> a vote


class Family(BaseModel):
    """A vote's family of span decisions: its settings, the one chosen on all dev, the
    cross-validation."""

    settings: int
    within_bound: int
    chosen: str
    dev: Scores
    wire_dev_rate: float
    cv_f1: list[float]
    cv_gain_mean: float


class VoteResult(BaseModel):
    seconds: float
    dev_articles: int
    shipped_setting: str
    shipped: Scores
    shipped_wire_dev_rate: float
    technique_dev_micro_f1: float  # the train-only classifier's argmax on dev's gold spans
    span_train_runs: int
    span_train_misses: int  # of those runs, the ones overlapping no gold span
    auc: dict[str, float]  # each figure's ROC AUC, shipped dev spans overlapping gold or not
    families: dict[str, Family]
    best_cv_gain: float


def decode(
    texts: Mapping[str, str],
    tokens: Mapping[str, list],
    probabilities: Mapping[str, list[np.ndarray]],
    setting: Setting,
) -> Runs:
    """Each line's runs at ``setting`` (:func:`veracity.propaganda.model.token_runs`)."""
    from veracity.propaganda.model import token_runs

    out: Runs = {}
    for k, rows in probabilities.items():
        out[k] = [
            (i, s, e, mean)
            for i, (toks, p) in enumerate(zip(tokens[k], rows, strict=True))
            if len(p)
            for s, e, mean in token_runs(texts[k], toks, list(p), *setting)
        ]
    return out


def dropped(shipped: Runs, votes: Votes, floor: float, bar: float) -> Spans:
    """The shipped runs without those whose vote is under ``floor`` and mean under ``bar``."""
    return {
        k: [(s, e) for _, s, e, mean in v if votes[(k, s, e)] >= floor or mean >= bar]
        for k, v in shipped.items()
    }


def rescued(shipped: Runs, loose: Runs, votes: Votes, floor: float) -> Spans:
    """The shipped runs and each ``loose`` run that overlaps none of its line's shipped runs
    and whose vote reaches ``floor``."""
    out: Spans = {}
    for k, v in shipped.items():
        added = [
            (s, e)
            for i, s, e, _ in loose.get(k, [])
            if votes[(k, s, e)] >= floor
            and not any(j == i and s < e2 and e > s2 for j, s2, e2, _ in v)
        ]
        out[k] = [(s, e) for _, s, e, _ in v] + added
    return out


def voted(runs: Runs, votes: Votes, weight: float, cut: float) -> Spans:
    """The runs whose mean probability plus ``weight`` times their vote reaches ``cut``."""
    return {
        k: [(s, e) for _, s, e, mean in v if mean + weight * votes[(k, s, e)] >= cut]
        for k, v in runs.items()
    }


def auc(positive: Sequence[bool], score: Sequence[float]) -> float:
    """ROC AUC of ``score`` for ``positive`` (ties count half)."""
    from sklearn.metrics import roc_auc_score

    return round(float(roc_auc_score(positive, score)), 3)


def run(data_dir: Path) -> VoteResult:
    import pandas as pd

    from veracity.embeddings.cache import embed
    from veracity.propaganda.corpus import load_ptc_train, split_articles
    from veracity.propaganda.encoder import encode_segments
    from veracity.propaganda.features import line_segments, tokenize_segment
    from veracity.propaganda.model import PropagandaModel, classifier_record, token_runs
    from veracity.propaganda.scoring import ArticleSums, tc_micro_f1
    from veracity.propaganda.train import (
        build_classifier,
        encode_articles,
        fit_technique_classifier,
        line_windows,
        tc_frame,
        train_tagger,
    )

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    started = time.monotonic()
    dev, scorer, read = shipped_dev(data_dir)
    ids = list(scorer.ids)
    log.info("dev and wire-dev read; %.0f s", time.monotonic() - started)
    train = split_articles(load_ptc_train(data_dir))["train"]
    wanted = {a.article_id for a in train + dev}
    windows = {k: v for k, v in encode_articles(load_ptc_train(data_dir)).items() if k in wanted}
    shares = read.shares

    def linear(line: Line) -> np.ndarray:
        crf, taggers = line
        return (1 - sum(shares)) * crf + sum(s * q for s, q in zip(shares, taggers, strict=True))

    dev_p = {k: [linear(line) for line in v] for k, v in read.dev_lines.items()}
    wire_p = {k: [linear(line) for line in v] for k, v in read.wire_lines.items()}
    shipped_setting: Setting = (read.threshold, read.peak or read.threshold, read.edge or 0.0)
    settings = [shipped_setting, *[s for s in LOOSE if s != shipped_setting]]
    dev_runs = {s: decode(read.dev_text, read.dev_tokens, dev_p, s) for s in settings}
    wire_runs = {s: decode(read.wire_text, read.wire_tokens, wire_p, s) for s in settings}

    def spans_of(runs: Runs) -> Spans:
        return {k: [(s, e) for _, s, e, _ in v] for k, v in runs.items()}

    words = read.wire_words

    def rate(spans: Spans) -> float:
        return 1000 * sum(len(v) for v in spans.values()) / max(words, 1)

    shipped_spans = spans_of(dev_runs[shipped_setting])
    shipped = scorer.scores(scorer.stats(shipped_spans), shipped_spans)
    bound = rate(spans_of(wire_runs[shipped_setting]))
    log.info("shipped: dev %s, wire-dev %.2f", shipped, bound)

    # the technique classifier, the shipped design fit on train alone
    from veracity.propaganda.model import load_propaganda_model

    dense_weight = load_propaganda_model().classifier_.dense_weight
    train_frame, train_labels = tc_frame(train, windows)
    technique = fit_technique_classifier(train_frame, train_labels, dense_weight)
    dev_frame, dev_labels = tc_frame(dev, windows)
    technique_f1 = round(tc_micro_f1(list(technique.predict(dev_frame)), dev_labels), 4)
    log.info("technique classifier fit on train: dev micro-F1 %.4f", technique_f1)

    # the span-or-not classifier, on the train articles' out-of-fold CRF runs
    order = [
        str(a) for a in np.random.default_rng(0).permutation(sorted(a.article_id for a in train))
    ]
    fold_of = {a: k % CRF_FOLDS for k, a in enumerate(order)}
    train_runs: list[tuple[str, str, int, int, bool]] = []  # article, text, start, end, gold
    scratch = Path(tempfile.mkdtemp(prefix="technique-vote-"))
    try:
        for fold in range(CRF_FOLDS):
            crf = PropagandaModel(
                train_tagger(
                    [a for a in train if fold_of[a.article_id] != fold], scratch / f"{fold}.crf"
                ),
                None,
                TRAIN_RUNS[0],
            )
            for a in train:
                if fold_of[a.article_id] != fold:
                    continue
                for s0, e0 in line_segments(a.text):
                    toks = tokenize_segment(a.text, s0, e0)
                    if not toks:
                        continue
                    p = crf.token_probabilities([t.text for t in toks])
                    for s, e, _ in token_runs(a.text, toks, p, *TRAIN_RUNS):
                        hit = any(s < ge and e > gs for gs, ge in a.si_spans)
                        train_runs.append((a.article_id, a.text, s, e, hit))
            log.info("CRF fold %d read; %.0f s", fold, time.monotonic() - started)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    alone = embed([text[s:e] for _, text, s, e, _ in train_runs])
    span_frame = pd.DataFrame(
        [
            classifier_record(text, s, e, line_windows(windows[k], text, s, e), alone[n])
            for n, (k, text, s, e, _) in enumerate(train_runs)
        ]
    )
    span_model = build_classifier("balanced")
    span_model.fit(span_frame, ["span" if hit else "none" for *_, hit in train_runs])
    span_column = list(span_model.classes_).index("span")
    log.info("span classifier fit on %d runs; %.0f s", len(train_runs), time.monotonic() - started)

    def votes_of(
        runs: Runs, texts: Mapping[str, str], windows_of: Callable[[str, int, int, int], list]
    ) -> dict[str, dict[tuple[str, int, int], float]]:
        keys = sorted({(k, i, s, e) for k, v in runs.items() for i, s, e, _ in v})
        vectors = embed([texts[k][s:e] for k, _, s, e in keys])
        frame = pd.DataFrame(
            [
                classifier_record(texts[k], s, e, windows_of(k, i, s, e), vectors[n])
                for n, (k, i, s, e) in enumerate(keys)
            ]
        )
        highest = technique.predict_proba(frame).max(axis=1)
        span = span_model.predict_proba(frame)[:, span_column]
        return {
            "technique": {
                (k, s, e): float(v) for (k, _, s, e), v in zip(keys, highest, strict=True)
            },
            "span": {(k, s, e): float(v) for (k, _, s, e), v in zip(keys, span, strict=True)},
        }

    def union(by_setting: dict[Setting, Runs]) -> Runs:
        out: Runs = {}
        for runs in by_setting.values():
            for k, v in runs.items():
                out.setdefault(k, []).extend(v)
        return out

    dev_votes = votes_of(
        union(dev_runs),
        read.dev_text,
        lambda k, i, s, e: line_windows(windows[k], read.dev_text[k], s, e),
    )
    wire_union = union(wire_runs)
    wire_windows: dict[tuple[str, int], list] = {}
    for k, rows in wire_union.items():
        needed = sorted({i for i, *_ in rows})
        toks = read.wire_tokens[k]
        bounds = [(toks[i][0].start, toks[i][-1].end) for i in needed]
        for i, own in zip(needed, encode_segments(read.wire_text[k], bounds), strict=True):
            wire_windows[(k, i)] = own
    wire_votes = votes_of(wire_union, read.wire_text, lambda k, i, s, e: wire_windows[(k, i)])
    log.info("votes read; %.0f s", time.monotonic() - started)

    positive = [
        any(s < ge and e > gs for gs, ge in scorer.gold[k])
        for k, v in dev_runs[shipped_setting].items()
        for _, s, e, _ in v
    ]
    figures = {
        "mean token probability": [m for v in dev_runs[shipped_setting].values() for *_, m in v],
        **{
            f"{name} vote": [
                dev_votes[name][(k, s, e)]
                for k, v in dev_runs[shipped_setting].items()
                for _, s, e, _ in v
            ]
            for name in VOTES
        },
    }
    aucs = {name: auc(positive, score) for name, score in figures.items()}
    log.info("AUC %s", aucs)

    families: dict[str, dict[str, tuple[Spans, Spans]]] = {}
    ship_dev, ship_wire = dev_runs[shipped_setting], wire_runs[shipped_setting]
    for name in VOTES:
        dv, wv = dev_votes[name], wire_votes[name]
        families[f"{name}: drop"] = {
            f"vote < {f} and mean < {b}": (
                dropped(ship_dev, dv, f, b),
                dropped(ship_wire, wv, f, b),
            )
            for f in FLOORS
            for b in MEAN_BARS
        }
        families[f"{name}: rescue"] = {
            f"threshold {s[0]}, peak {s[1]}, vote >= {f}": (
                rescued(ship_dev, dev_runs[s], dv, f),
                rescued(ship_wire, wire_runs[s], wv, f),
            )
            for s in LOOSE
            for f in FLOORS
        }
        families[f"{name}: vote"] = {
            f"threshold {s[0]}, peak {s[1]}, mean + {w} vote >= {c}": (
                voted(dev_runs[s], dv, w, c),
                voted(wire_runs[s], wv, w, c),
            )
            for s in settings
            for w in WEIGHTS
            for c in CUTS
        }

    result: dict[str, Family] = {}
    for family, choices in families.items():
        stats: dict[str, dict[str, ArticleSums]] = {}
        rates: dict[str, float] = {}
        for label, (dev_spans, wire_spans) in choices.items():
            rates[label] = rate(wire_spans)
            if rates[label] <= bound + 1e-9:
                stats[label] = scorer.stats(dev_spans)
        if not stats:
            continue

        chosen = scorer.best(stats, ids)
        cv = [round(scorer.nested_f1(stats, folds_of(ids, seed)), 4) for seed in range(SHUFFLES)]
        result[family] = Family(
            settings=len(choices),
            within_bound=len(stats),
            chosen=chosen,
            dev=scorer.scores(stats[chosen], choices[chosen][0]),
            wire_dev_rate=round(rates[chosen], 2),
            cv_f1=cv,
            cv_gain_mean=round(float(np.mean(cv)) - shipped.f1, 4),
        )
        log.info("%s: %s", family, result[family])
    return VoteResult(
        seconds=round(time.monotonic() - started, 1),
        dev_articles=len(dev),
        shipped_setting=(
            f"CRF {1 - read.weight:.2f}, taggers {' / '.join(f'{s:.2f}' for s in shares)}, "
            f"threshold {read.threshold}, peak {read.peak}, edge {read.edge}"
        ),
        shipped=shipped,
        shipped_wire_dev_rate=round(bound, 2),
        technique_dev_micro_f1=technique_f1,
        span_train_runs=len(train_runs),
        span_train_misses=sum(not hit for *_, hit in train_runs),
        auc=aucs,
        families=result,
        best_cv_gain=max(f.cv_gain_mean for f in result.values()),
    )


def section(result: VoteResult) -> str:
    return render(
        "propaganda-technique-vote.md.j2",
        r=result,
        start=START,
        end=END,
        command=COMMAND,
        noise=NOISE,
    )


if __name__ == "__main__":
    result_cli(__doc__.splitlines()[0], VoteResult, run, section, START, END)
