"""Shared by the benches that choose a span decoding on the dev articles
(``bench/propaganda_context_tagger.py``, ``propaganda_decoding.py``): a choice's spans scored
against the gold spans with the official partial-overlap metric, per article (so that folds of
the articles can be scored from the same sums) and pooled."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from veracity.propaganda.scoring import ArticleSums, article_sums, pooled_si

Spans = dict[str, list[tuple[int, int]]]  # an article's id -> its spans' character offsets


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
