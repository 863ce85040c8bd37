"""Explanations: the features that moved one article's score, mapped to spans of its text.

The model is linear in its features, so a feature's push on the calibrated log-odds of
"reliable" is exact: ``a * w_i * x_i`` for a word n-gram, ``v_k * s_k`` for a signal kind.
Character n-grams are too small to read one by one; their total push is reported as one entry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from scipy import sparse

from veracity.models.estimator import CalibratedLinearModel
from veracity.report.schema import FeatureContribution, Signal, Span

MAX_SPANS_PER_FEATURE = 5
_TOKEN_CHARS = r"\w'’"


def top_contributions(
    model: CalibratedLinearModel,
    matrix: sparse.csr_matrix,
    signal_values: dict[str, float],
    text: str,
    signals: Sequence[Signal],
    *,
    limit: int = 8,
) -> list[FeatureContribution]:
    """The ``limit`` word n-grams and signal kinds with the largest push, plus the char total.

    ``matrix`` is the article's row of the text feature matrix. Only the strongest ``limit``
    terms are named and located in the text.
    """
    row = matrix.getrow(0) if matrix.shape[0] != 1 else matrix
    names, is_word = _feature_blocks(model)
    weights = model.linear_.coef_[0, row.indices] * row.data * model.text_weight
    words = is_word[row.indices]
    char_total = float(weights[~words].sum())
    word_columns, word_weights = row.indices[words], weights[words]
    if len(word_weights) > limit:
        strongest = np.argpartition(-np.abs(word_weights), limit)[:limit]
        word_columns, word_weights = word_columns[strongest], word_weights[strongest]
    candidates: list[tuple[float, str, str]] = [
        (float(push), "term", str(names[column]))
        for column, push in zip(word_columns, word_weights, strict=True)
    ]
    for column, weight in model.signal_weights.items():
        push = weight * signal_values.get(column, 0.0)
        if push:
            candidates.append((push, "signal", column.removeprefix("signal:")))
    candidates.sort(key=lambda item: abs(item[0]), reverse=True)
    contributions = [
        FeatureContribution(
            name=feature if source == "term" else f"signal: {feature}",
            source=source,  # type: ignore[arg-type]
            contribution=round(push, 4),
            spans=term_spans(text, feature) if source == "term" else signal_spans(signals, feature),
        )
        for push, source, feature in candidates[:limit]
    ]
    if char_total:
        contributions.append(
            FeatureContribution(
                name="character n-grams (spelling, punctuation, casing style)",
                source="other",
                contribution=round(char_total, 4),
            )
        )
    return contributions


@lru_cache(maxsize=4)
def _feature_blocks(model: CalibratedLinearModel) -> tuple[np.ndarray, np.ndarray]:
    """Each column's term (block prefix removed) and whether it is a word n-gram, built once.

    Building 60k names per call costs ~0.2 s, so this is cached per model.
    """
    blocks, _, terms = np.char.partition(model.feature_names().astype(str), "__").T
    return terms, blocks == "words"


def term_spans(text: str, term: str, limit: int = MAX_SPANS_PER_FEATURE) -> list[Span]:
    """Where a (lower-cased) word n-gram occurs in ``text``, as exact spans."""
    pattern = _term_pattern(term)
    if pattern is None:
        return []
    spans = []
    for match in pattern.finditer(text):
        spans.append(Span(start=match.start(), end=match.end(), quote=match.group()))
        if len(spans) == limit:
            break
    return spans


@lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern[str] | None:
    words = term.split()
    if not words:
        return None
    separator = f"[^{_TOKEN_CHARS}]+"
    return re.compile(
        f"(?<![{_TOKEN_CHARS}])"
        + separator.join(re.escape(word) for word in words)
        + f"(?![{_TOKEN_CHARS}])",
        re.IGNORECASE,
    )


def signal_spans(
    signals: Sequence[Signal], kind: str, limit: int = MAX_SPANS_PER_FEATURE
) -> list[Span]:
    """The spans of the signals of one kind."""
    return [Span(start=s.start, end=s.end, quote=s.quote) for s in signals if s.kind.value == kind][
        :limit
    ]
