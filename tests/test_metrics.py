"""Calibration error and baseline scores."""

from __future__ import annotations

import numpy as np

from veracity.metrics import binary_scores, expected_calibration_error, majority_scores


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
