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
    """The ``limit`` word n-grams and signal kinds with the largest push, plus the char total."""
    row = matrix.getrow(0)
    weights = model.linear_.coef_[0, row.indices] * row.data * model.text_weight
    names = _feature_names(model)[row.indices]
    candidates: list[tuple[float, str, str]] = []
    char_total = 0.0
    for name, push in zip(names, weights, strict=True):
        block, _, feature = str(name).partition("__")
        if block == "words":
            candidates.append((float(push), "term", feature))
        else:
            char_total += float(push)
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
def _feature_names(model: CalibratedLinearModel) -> np.ndarray:
    """The model's feature names, built once (building 60k names per call costs ~0.2 s)."""
    return model.feature_names()


def term_spans(text: str, term: str, limit: int = MAX_SPANS_PER_FEATURE) -> list[Span]:
    """Where a (lower-cased) word n-gram occurs in ``text``, as exact spans."""
    words = term.split()
    if not words:
        return []
    separator = f"[^{_TOKEN_CHARS}]+"
    pattern = re.compile(
        f"(?<![{_TOKEN_CHARS}])"
        + separator.join(re.escape(word) for word in words)
        + f"(?![{_TOKEN_CHARS}])",
        re.IGNORECASE,
    )
    spans = []
    for match in pattern.finditer(text):
        spans.append(Span(start=match.start(), end=match.end(), quote=match.group()))
        if len(spans) == limit:
            break
    return spans


def signal_spans(
    signals: Sequence[Signal], kind: str, limit: int = MAX_SPANS_PER_FEATURE
) -> list[Span]:
    """The spans of the signals of one kind."""
    return [Span(start=s.start, end=s.end, quote=s.quote) for s in signals if s.kind.value == kind][
        :limit
    ]
