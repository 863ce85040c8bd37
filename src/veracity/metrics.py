"""Evaluation metrics shared by every stage's training and evaluation: binary and multi-class
scores (with abstentions counted as errors where a model may abstain), positive-class
precision, recall and F1 (check-worthiness, clickbait), calibration error and curve, and the
FNC-1 stance score.

Stage-specific scorers that are the task's official definition live here too; the SemEval-2020
propaganda span scorer stays in ``propaganda/scoring.py`` beside its corpus reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike
from pydantic import BaseModel
from sklearn.metrics import (
    accuracy_score,
    f1_score,
    precision_recall_fscore_support,
    precision_score,
    recall_score,
    roc_auc_score,
)


def harmonic_f1(precision: float, recall: float) -> float:
    """F1 from a precision and a recall (their harmonic mean; 0 when both are 0), for scorers
    that count their own hits (span overlap, top-match decisions)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


class BinaryScores(BaseModel):
    """:func:`binary_scores`, typed."""

    n: float
    accuracy: float
    macro_f1: float
    f1_fake: float
    ece: float
    auc: float


def binary_scores(y_true: ArrayLike, p_reliable: ArrayLike) -> dict[str, float]:
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


def majority_scores(y_train: ArrayLike, y_true: ArrayLike) -> dict[str, float]:
    """The same scores for a model that always predicts the training majority class."""
    rate = float(np.mean(np.asarray(y_train, dtype=float)))
    return binary_scores(y_true, np.full(len(np.asarray(y_true)), rate))


def expected_calibration_error(y_true: ArrayLike, p_reliable: ArrayLike, bins: int = 10) -> float:
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
    y_true: ArrayLike, p_reliable: ArrayLike, bins: int = 10
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


def scores_with_abstentions(
    y: np.ndarray, p: np.ndarray, covered: np.ndarray | None = None
) -> dict[str, float]:
    """Macro-F1 and accuracy at 0.5 (abstentions count as errors), AUC and ECE on the scored."""
    covered = np.ones(len(y), dtype=bool) if covered is None else covered
    predicted = (p >= 0.5).astype(int)
    predicted = np.where(covered, predicted, 1 - y)  # an abstention is an error
    scores = {
        "n": float(len(y)),
        "coverage": float(covered.mean()) if len(y) else float("nan"),
        "macro_f1": float(f1_score(y, predicted, average="macro", zero_division=0)),
        "accuracy": float((predicted == y).mean()),
        "share_scored_reliable": float((p[covered] >= 0.5).mean()) if covered.any() else 0.0,
        "ece": expected_calibration_error(y[covered], p[covered]),
    }
    both = covered.any() and len(set(y[covered].tolist())) == 2
    scores["auc"] = float(roc_auc_score(y[covered], p[covered])) if both else float("nan")
    return scores


def multiclass_scores(y_true: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    """Accuracy, macro-F1 and weighted F1 of a multi-class prediction."""
    return {
        "n": float(len(y_true)),
        "accuracy": float(accuracy_score(y_true, predicted)),
        "macro_f1": float(f1_score(y_true, predicted, average="macro", zero_division=0)),
        "weighted_f1": float(f1_score(y_true, predicted, average="weighted", zero_division=0)),
    }


class LabelScores(NamedTuple):
    """Accuracy, macro-F1 over a label set (the mean of its labels' F1) and each label's F1."""

    accuracy: float
    macro_f1: float
    f1: dict[str, float]


def label_scores(gold: ArrayLike, predicted: ArrayLike, labels: Sequence[str]) -> LabelScores:
    """:class:`LabelScores` of a prediction over ``labels`` (4 places): a label missing from
    both sides scores F1 0, and a prediction outside ``labels`` counts against its row's label."""
    gold, predicted = np.asarray(gold), np.asarray(predicted)
    per_label = f1_score(gold, predicted, labels=list(labels), average=None, zero_division=0)
    return LabelScores(
        accuracy=round(float(np.mean(gold == predicted)), 4),
        macro_f1=round(float(np.mean(per_label)), 4),
        f1={label: round(float(v), 4) for label, v in zip(labels, per_label, strict=True)},
    )


def fnc_score(gold: np.ndarray, predicted: np.ndarray) -> float:
    """The official FNC-1 weighted score: 0.25 for related/unrelated right, +0.75 for the stance."""
    gold_related = gold != "unrelated"
    predicted_related = predicted != "unrelated"
    score = 0.25 * np.sum(gold_related == predicted_related)
    score += 0.75 * np.sum(gold_related & (gold == predicted))
    return float(score)


def fnc_max_score(gold: np.ndarray) -> float:
    """The score of a perfect prediction."""
    return float(0.25 * len(gold) + 0.75 * np.sum(gold != "unrelated"))


def positive_class_scores(gold: ArrayLike, score: ArrayLike, threshold: float) -> dict[str, float]:
    """Precision, recall and F1 of the positive class at ``threshold``, and ROC AUC (4 places)."""
    gold, score = np.asarray(gold), np.asarray(score)
    predicted = (score >= threshold).astype(int)
    precision, recall, f1, _ = precision_recall_fscore_support(
        gold, predicted, average="binary", zero_division=0
    )
    return {
        "precision": round(float(precision), 4),
        "recall": round(float(recall), 4),
        "f1": round(float(f1), 4),
        "roc_auc": round(float(roc_auc_score(gold, score)), 4) if len(set(gold)) > 1 else 0.0,
    }


def prediction_scores(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, float]:
    """Accuracy, and precision, recall and F1 of the positive class (4 places)."""
    return {
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4),
        "precision": round(float(precision_score(y_true, y_pred, zero_division=0)), 4),
        "recall": round(float(recall_score(y_true, y_pred, zero_division=0)), 4),
        "f1": round(float(f1_score(y_true, y_pred, zero_division=0)), 4),
    }
