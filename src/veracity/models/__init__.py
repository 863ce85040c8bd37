"""Models stage: the calibrated reliability score (fast path: linear models only).

Entry point: :func:`score_reliability`. The shipped model (``artefacts/reliability``) is a
TF-IDF + logistic-regression text model stacked with the fast-path signal counts in a
calibrating combiner; see ``docs/model-card.md`` for what the score is and is not.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from veracity.models.artefact import ReliabilityArtefact, load_artefact
from veracity.models.explain import top_contributions
from veracity.models.features import feature_frame, signal_row
from veracity.nlp import AnalysedText
from veracity.report.schema import Reliability, Signal

__all__ = ["label_for", "score_reliability", "score_texts"]


def score_reliability(analysed: AnalysedText, signals: list[Signal]) -> Reliability | None:
    """The calibrated probability that the article is reliable, its label and what drove it."""
    artefact = load_artefact()
    row = signal_row(signals, artefact.detectors)
    frame = feature_frame([analysed.text], [row])
    model = artefact.model
    matrix, log_odds = model.explained_decision(frame)
    score = float(1.0 / (1.0 + np.exp(-log_odds[0])))
    return Reliability(
        score=round(score, 4),
        label=label_for(score, artefact),
        model_version=artefact.version,
        top_features=top_contributions(model, matrix, row, analysed.text, signals),
    )


def score_texts(
    texts: Sequence[str], signal_rows: Sequence[dict[str, float]] | None = None
) -> np.ndarray:
    """P(reliable) for many texts at once (batch triage); signals count as zero when not given."""
    rows = signal_rows if signal_rows is not None else [{}] * len(texts)
    return load_artefact().model.predict_proba(feature_frame(texts, rows))[:, 1]


def label_for(score: float, artefact: ReliabilityArtefact | None = None) -> str:
    """``unreliable`` / ``uncertain`` / ``reliable`` by the thresholds in the model card."""
    low, high = (artefact or load_artefact()).thresholds
    if score < low:
        return "unreliable"
    return "reliable" if score >= high else "uncertain"
