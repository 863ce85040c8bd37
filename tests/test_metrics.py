"""Calibration error and baseline scores."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.metrics import (
    binary_scores,
    expected_calibration_error,
    label_scores,
    majority_scores,
)


def test_calibrated_scores_have_small_ece() -> None:
    rng = np.random.default_rng(0)
    p = rng.uniform(0, 1, 20_000)
    y = (rng.uniform(0, 1, 20_000) < p).astype(int)
    assert expected_calibration_error(y, p) < 0.02


def test_overconfident_scores_have_large_ece() -> None:
    y = np.array([1, 0] * 500)
    p = np.where(np.arange(1000) % 4 < 2, 0.99, 0.01)  # right only half the time
    assert expected_calibration_error(y, p) > 0.4


def test_majority_baseline_predicts_the_training_majority() -> None:
    scores = majority_scores([1, 1, 1, 0], [1, 0, 1, 1])
    assert scores["accuracy"] == 0.75
    assert binary_scores([1, 0], [0.9, 0.1])["accuracy"] == 1.0


def test_positive_class_scores_at_a_threshold() -> None:
    from veracity.metrics import positive_class_scores

    gold = np.array([1, 1, 0, 0])
    scores = positive_class_scores(gold, np.array([0.9, 0.4, 0.6, 0.1]), threshold=0.5)
    assert scores == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "roc_auc": 0.75}
    assert positive_class_scores(np.array([1, 1]), np.array([0.9, 0.2]), 0.5)["roc_auc"] == 0.0


def test_prediction_scores_of_a_majority_baseline() -> None:
    from veracity.metrics import prediction_scores

    scores = prediction_scores(np.array([1, 0, 0, 0]), np.array([0, 0, 0, 0]))
    assert scores == {"accuracy": 0.75, "precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_harmonic_f1_matches_sklearn_and_the_span_scorer_keeps_its_numbers() -> None:
    from sklearn.metrics import f1_score, precision_score, recall_score

    from veracity.metrics import harmonic_f1
    from veracity.propaganda.scoring import si_scores

    gold = np.array([1, 1, 1, 0, 0, 1, 0, 1])
    predicted = np.array([1, 0, 1, 1, 0, 1, 1, 0])
    precision, recall = precision_score(gold, predicted), recall_score(gold, predicted)
    assert harmonic_f1(precision, recall) == np.float64(f1_score(gold, predicted))
    assert harmonic_f1(0.0, 0.0) == 0.0
    # The figures the scorer gave with its own F1 arithmetic, before it used harmonic_f1.
    spans = si_scores(
        {"a": [(0, 10), (5, 20), (40, 50)], "b": [(3, 7)]},
        {"a": [(2, 12), (45, 60)], "b": [(0, 5)], "c": [(1, 2)]},
    )
    # (the scorer sums over a set of article ids, whose order follows string hashing, so the
    # last bit can differ between processes)
    assert spans == pytest.approx({"precision": 0.5, "recall": 13 / 30, "f1": 13 / 28}, rel=1e-12)


def test_label_scores_average_over_the_given_labels_only() -> None:
    gold = ["agree", "agree", "disagree", "discuss", "discuss", "discuss"]
    predicted = ["agree", "discuss", "disagree", "discuss", "unrelated", "discuss"]
    scores = label_scores(gold, predicted, ("agree", "disagree", "discuss", "unrelated"))
    assert scores.accuracy == round(4 / 6, 4)
    # agree P 1 R 0.5; disagree 1/1; discuss P 2/3 R 2/3; unrelated never gold: F1 0
    assert scores.f1 == {"agree": 0.6667, "disagree": 1.0, "discuss": 0.6667, "unrelated": 0.0}
    assert scores.macro_f1 == round((2 / 3 + 1 + 2 / 3 + 0) / 4, 4)
    # the same prediction over three labels: "unrelated" is a wrong answer, not a label
    three = label_scores(gold, predicted, ("agree", "disagree", "discuss"))
    assert three.f1 == {"agree": 0.6667, "disagree": 1.0, "discuss": 0.6667}
    assert three.macro_f1 == round((2 / 3 + 1 + 2 / 3) / 3, 4)
