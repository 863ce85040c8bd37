"""Evaluation metrics: classification scores beside baselines, and calibration error."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score


def binary_scores(y_true: Sequence[int], p_reliable: Sequence[float]) -> dict[str, float]:
    """Accuracy, macro-F1, F1 of the ``fake`` class, ROC AUC and ECE at threshold 0.5."""
    y = np.asarray(y_true)
    p = np.asarray(p_reliable, dtype=float)
    predicted = (p >= 0.5).astype(int)
    scores = {
        "n": float(len(y)),
        "accuracy": float(accuracy_score(y, predicted)),
        "macro_f1": float(f1_score(y, predicted, average="macro", zero_division=0)),
        "f1_fake": float(f1_score(y, predicted, pos_label=0, zero_division=0)),
        "ece": expected_calibration_error(y, p),
    }
    scores["auc"] = float(roc_auc_score(y, p)) if len(set(y.tolist())) == 2 else float("nan")
    return scores


def majority_scores(y_train: Sequence[int], y_true: Sequence[int]) -> dict[str, float]:
    """The same scores for a model that always predicts the training majority class."""
    rate = float(np.mean(y_train))
    return binary_scores(y_true, np.full(len(y_true), rate))


def expected_calibration_error(
    y_true: Sequence[int], p_reliable: Sequence[float], bins: int = 10
) -> float:
    """ECE of P(reliable): the sample-weighted mean |observed rate - mean score| over equal-width bins."""
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(p_reliable, dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            total += mask.sum() * abs(y[mask].mean() - p[mask].mean())
    return float(total / max(len(y), 1))


def calibration_curve(
    y_true: Sequence[int], p_reliable: Sequence[float], bins: int = 10
) -> list[tuple[float, float, int]]:
    """``(mean score, observed rate, count)`` per non-empty equal-width bin."""
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(p_reliable, dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    return [
        (float(p[which == b].mean()), float(y[which == b].mean()), int((which == b).sum()))
        for b in range(bins)
        if (which == b).any()
    ]
