"""Shared by the benches that choose a span decoding on the dev articles
(``bench/propaganda_context_tagger.py``, ``propaganda_decoding.py``,
``propaganda_stacked_crf.py``, ``propaganda_technique_vote.py``): a choice's spans scored against
the gold spans with the official partial-overlap metric, per article (so that folds of the
articles can be scored from the same sums) and pooled, and the choosing scored out of fold; the shipped taggers' and a CRF's token probabilities on each line of the dev
and the wire-dev articles (:func:`shipped_dev`: the dev articles, their scorer and those
probabilities, the CRF fit on the train articles)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np
from pydantic import BaseModel

from veracity.propaganda.scoring import ArticleSums, article_sums, pooled_si

if TYPE_CHECKING:
    from veracity.data.ptc import PTCArticle
    from veracity.propaganda.model import PropagandaModel

Spans = dict[str, list[tuple[int, int]]]  # an article's id -> its spans' character offsets
# a line's token probabilities: the CRF's marginal and each shipped tagger's
Line = tuple[np.ndarray, list[np.ndarray]]
K = TypeVar("K")  # what a bench chooses among: a decoding's name or setting


class Scores(BaseModel):
    precision: float
    recall: float
    f1: float
    spans: int


@dataclass(frozen=True)
class DevScorer:
    """Scores spans on the articles ``ids`` against their ``gold`` spans."""

    gold: Mapping[str, Sequence[tuple[int, int]]]
    ids: Sequence[str]

    def stats(self, spans: Spans) -> dict[str, ArticleSums]:
        """Each article's share of the metric (:func:`article_sums`)."""
        return {k: article_sums(spans[k], self.gold[k]) for k in self.ids}

    def f1(self, stats: Mapping[str, ArticleSums], among: Sequence[str]) -> float:
        """The pooled F1 of the articles ``among`` (a fold, or all of them)."""
        return pooled_si(stats[k] for k in among)["f1"]

    def best(self, choices: Mapping[K, Mapping[str, ArticleSums]], among: Sequence[str]) -> K:
        """The choice (a decoding's name or setting -> its :meth:`stats`) whose spans score best
        on the articles ``among`` (the first of equals)."""
        return max(choices, key=lambda k: self.f1(choices[k], among))

    def nested_f1(
        self, choices: Mapping[K, Mapping[str, ArticleSums]], folds: Sequence[Sequence[str]]
    ) -> float:
        """Out-of-fold F1 of choosing among ``choices``: each fold's articles scored under the
        choice that scores best on the other folds' articles, pooled over every article."""
        merged: dict[str, ArticleSums] = {}
        for test in folds:
            pick = self.best(choices, [a for a in self.ids if a not in test])
            merged.update({a: choices[pick][a] for a in test})
        return self.f1(merged, self.ids)

    def scores(self, stats: Mapping[str, ArticleSums], spans: Spans) -> Scores:
        """Precision, recall and F1 of every article pooled (rounded as the docs give them) and
        the spans' count."""
        raw = pooled_si(stats[k] for k in self.ids)
        return Scores(
            precision=round(raw["precision"], 4),
            recall=round(raw["recall"], 4),
            f1=round(raw["f1"], 4),
            spans=sum(len(v) for v in spans.values()),
        )


@dataclass
class ShippedLines:
    """The shipped taggers' decoding (their mix's share ``weight``, each tagger's ``shares`` of
    a token's probability, ``threshold``, ``peak``, ``edge``) and each line of the dev and the
    wire-dev articles: text, tokens, a CRF's marginal and the taggers' probabilities."""

    weight: float
    threshold: float
    peak: float | None
    edge: float | None
    shares: tuple[float, ...]
    dev_text: dict[str, str]
    dev_tokens: dict[str, list]
    dev_lines: dict[str, list[Line]]
    wire_text: dict[str, str]
    wire_tokens: dict[str, list]
    wire_lines: dict[str, list[Line]]
    wire_words: int


def shipped_lines(data_dir: Path, dev: Sequence[PTCArticle], crf: PropagandaModel) -> ShippedLines:
    """The shipped taggers (float16, in numpy) and ``crf`` read on every line of ``dev`` and of
    the wire-dev articles."""
    from veracity.propaganda.neural import load_neural_tagger
    from veracity.propaganda.train import encode_articles
    from veracity.propaganda.train_tagger import (
        WIRE_DEV,
        article_lines,
        neural_token_probabilities,
        wire_lines,
        wire_texts,
    )

    mix, weight, threshold, peak, edge = load_neural_tagger()
    members = list(getattr(mix, "members_", [mix]))
    shares = tuple(round(weight * s, 3) for s in getattr(mix, "shares_", [1.0]))
    dev_text = {a.article_id: a.text for a in dev}
    dev_tokens: dict[str, list] = {}
    dev_lines: dict[str, list[Line]] = {}
    member_p = []
    for m in members:
        lines = article_lines(dev, encode_articles(list(dev), m.input_layer), crf)
        member_p.append(neural_token_probabilities(lines, m.piece_probabilities))
        dev_tokens = {k: [line.tokens for line in v] for k, v in lines.items()}
        dev_lines = {
            k: [(line.crf, []) for line in v] for k, v in lines.items()
        }  # members added below
    for k, rows in dev_lines.items():
        for i, (_, own) in enumerate(rows):
            own.extend(p[k][i] for p in member_p)
    wire = wire_texts(data_dir, *WIRE_DEV)
    wire_text: dict[str, str] = {}
    wire_tokens: dict[str, list] = {}
    wire_p = []
    wire_crf: dict[str, list[np.ndarray]] = {}
    words = 0
    for m in members:
        read, words = wire_lines(wire, crf, m.input_layer)
        only = {k: v for k, (_, v) in read.items()}
        wire_p.append(neural_token_probabilities(only, m.piece_probabilities))
        wire_text = {k: t for k, (t, _) in read.items()}
        wire_tokens = {k: [line.tokens for line in v] for k, v in only.items()}
        wire_crf = {k: [line.crf for line in v] for k, v in only.items()}
    wire_of: dict[str, list[Line]] = {
        k: [(c, [p[k][i] for p in wire_p]) for i, c in enumerate(v)] for k, v in wire_crf.items()
    }
    return ShippedLines(
        weight, threshold, peak, edge, shares, dev_text, dev_tokens, dev_lines,
        wire_text, wire_tokens, wire_of, words,
    )  # fmt: skip


def shipped_dev(data_dir: Path) -> tuple[list[PTCArticle], DevScorer, ShippedLines]:
    """The PTC dev articles, a scorer of their gold spans and the shipped taggers' and a CRF's
    reading of them and of the wire-dev articles (:func:`shipped_lines`), the CRF fit on the
    train articles: their probabilities are out of sample on dev alone. The held-out articles
    are not read."""
    from veracity.propaganda.corpus import load_ptc_train, split_articles
    from veracity.propaganda.train_tagger import crf_on

    parts = split_articles(load_ptc_train(data_dir))
    dev = parts["dev"]
    scorer = DevScorer({a.article_id: a.si_spans for a in dev}, [a.article_id for a in dev])
    return dev, scorer, shipped_lines(data_dir, dev, crf_on(parts["train"]))
