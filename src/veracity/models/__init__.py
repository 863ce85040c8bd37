"""Models stage: the calibrated reliability score (linear models only).

Entry points: :func:`score_reliability` (one article) and :func:`score_reliability_batch` (a
chunk of articles as one sparse matrix, for batch runs). Each shipped model is a TF-IDF +
logistic-regression text model stacked with the fast-path signal counts in a calibrating
combiner, one per path (``depth``): ``artefacts/reliability`` reads word n-grams (fast path,
the default), ``artefacts/reliability_deep`` word and character n-grams (deep path). See
``docs/model-card.md`` for what the score is and is not.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from veracity.models.artefact import ReliabilityArtefact, load_artefact
from veracity.models.explain import top_contributions
from veracity.models.features import feature_frame, signal_row
from veracity.models.inference import linear_scorer
from veracity.nlp import AnalysedText
from veracity.nlp.document import Depth
from veracity.report.schema import Reliability, Signal

__all__ = ["label_for", "score_reliability", "score_reliability_batch", "score_texts"]


def score_reliability(
    analysed: AnalysedText, signals: list[Signal], *, depth: Depth = "fast"
) -> Reliability | None:
    """The calibrated probability that the article is reliable, its label and what drove it.

    ``depth`` picks the model: the fast path's (word n-grams) or the deep path's (+ chars).
    """
    return score_reliability_batch([analysed.text], [signals], depth=depth)[0]


def score_reliability_batch(
    texts: Sequence[str],
    signals_per_article: Sequence[Sequence[Signal]],
    *,
    explain: bool = True,
    depth: Depth = "fast",
) -> list[Reliability]:
    """:func:`score_reliability` for a chunk of articles at once (one sparse matrix).

    ``explain=False`` leaves ``top_features`` empty (batch rows carry only score and label).
    """
    if len(texts) != len(signals_per_article):
        raise ValueError("one list of signals per text is needed")
    if not texts:
        return []
    artefact = load_artefact(depth=depth)
    scorer = linear_scorer(artefact.model)
    rows = [signal_row(signals, artefact.detectors) for signals in signals_per_article]
    matrix = scorer.transform(texts)
    scores = 1.0 / (1.0 + np.exp(-scorer.decision(matrix, rows)))
    results = []
    for i, score in enumerate(scores.tolist()):
        results.append(
            Reliability(
                score=round(score, 4),
                label=label_for(score, artefact),
                model_version=artefact.version,
                top_features=(
                    top_contributions(
                        artefact.model, matrix[i], rows[i], texts[i], signals_per_article[i]
                    )
                    if explain
                    else []
                ),
            )
        )
    return results


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
