"""The official SemEval-2020 Task 11 metrics.

SI (span identification), as the task's scorer computes it: for predicted spans S and gold
spans T of the same article,
``P = sum_{s,t} |s ∩ t| / |s| / |S|`` and ``R = sum_{s,t} |s ∩ t| / |t| / |T|`` (character
sets, partial credit by overlap length), F1 their harmonic mean. Overlapping predicted spans
are merged first, as the scorer does; gold SI spans are already merged in the release.
TC (technique classification): micro-F1 over the gold spans, i.e. accuracy when every gold
span gets exactly one label.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from veracity.metrics import harmonic_f1


def merge_spans(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans joined into one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class ArticleSums(NamedTuple):
    """One article's share of the SI metric: the overlap credit of its predicted spans (merged)
    and of its gold spans, and how many of each."""

    precision_sum: float
    predicted: int
    recall_sum: float
    gold: int


def article_sums(
    predicted: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]]
) -> ArticleSums:
    """The SI metric's sums for one article: predicted spans merged first, empty spans dropped,
    each overlap credited by its length over the predicted span's (precision) and over the gold
    span's (recall)."""
    pred = [s for s in merge_spans(predicted) if s[1] > s[0]]
    true = [s for s in gold if s[1] > s[0]]
    precision_sum = recall_sum = 0.0
    for p_start, p_end in pred:
        for g_start, g_end in true:
            overlap = min(p_end, g_end) - max(p_start, g_start)
            if overlap > 0:
                precision_sum += overlap / (p_end - p_start)
                recall_sum += overlap / (g_end - g_start)
    return ArticleSums(precision_sum, len(pred), recall_sum, len(true))


def pooled_si(sums: Iterable[ArticleSums]) -> dict[str, float]:
    """Precision, recall and F1 of the articles whose :func:`article_sums` are ``sums`` (the
    sums added over articles, as the task's scorer pools them)."""
    n_predicted = n_gold = 0
    precision_sum = recall_sum = 0.0
    for one in sums:
        precision_sum += one.precision_sum
        n_predicted += one.predicted
        recall_sum += one.recall_sum
        n_gold += one.gold
    precision = precision_sum / n_predicted if n_predicted else 0.0
    recall = recall_sum / n_gold if n_gold else 0.0
    return {"precision": precision, "recall": recall, "f1": harmonic_f1(precision, recall)}


def si_scores(
    predicted: Mapping[str, Sequence[tuple[int, int]]],
    gold: Mapping[str, Sequence[tuple[int, int]]],
) -> dict[str, float]:
    """Precision, recall and F1 of span identification with partial credit by overlap."""
    return pooled_si(
        article_sums(predicted.get(article_id, []), gold.get(article_id, []))
        for article_id in set(predicted) | set(gold)
    )


def tc_micro_f1(predicted: Sequence[str], gold: Sequence[str]) -> float:
    """Micro-averaged F1 of technique labels on the gold spans (one label each)."""
    if len(predicted) != len(gold):
        raise ValueError("one predicted label per gold span is required")
    if not gold:
        return 0.0
    return sum(p == g for p, g in zip(predicted, gold, strict=True)) / len(gold)
