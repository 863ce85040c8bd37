"""Models stage: the calibrated reliability score (fast path: linear models only).

Entry point: :func:`score_reliability`.
"""

from __future__ import annotations

from veracity.nlp import AnalysedText
from veracity.report.schema import Reliability, Signal


def score_reliability(analysed: AnalysedText, signals: list[Signal]) -> Reliability | None:
    """The calibrated reliability of an article, or None while no model artefact is shipped."""
    return None
