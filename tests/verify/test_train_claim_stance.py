"""Fine-tuning the claim / passage cross-encoder in boxes that resume (training only: torch)."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.verify.stance import STANCE_LABELS


def _states(n: int = 40, tokens: int = 6):
    from veracity.verify.train_claim_stance import PairStates

    rng = np.random.default_rng(0)
    states = rng.normal(size=(n * tokens, 384)).astype(np.float16)
    second = np.tile(np.r_[np.zeros(tokens // 2), np.ones(tokens - tokens // 2)], n)
    offsets = np.arange(n + 1) * tokens
    labels = [STANCE_LABELS[i % len(STANCE_LABELS)] for i in range(n)]
    return PairStates(states, second.astype(np.int8), offsets), labels


def _fit(states, labels, epochs: int, state_path, scores):
    from veracity.verify.train_claim_stance import fit_head

    return fit_head(
        states,
        labels,
        lambda model: next(scores),
        layers=1,
        epochs=epochs,
        max_minutes=60.0,
        input_layer=4,
        state_path=state_path,
        log=lambda line: None,
    )


def test_a_run_cut_into_boxes_ends_where_one_run_ends(tmp_path):
    pytest.importorskip("torch")  # training-only dependency
    states, labels = _states()
    # every checkpoint scores above the one before (the count goes on across boxes), so each
    # run keeps its last checkpoint
    whole, whole_run = _fit(states, labels, 2, tmp_path / "whole.pt", iter(range(100)))
    scores = iter(range(100))
    _fit(states, labels, 1, tmp_path / "boxed.pt", scores)  # the first box stops after one epoch
    boxed, boxed_run = _fit(states, labels, 2, tmp_path / "boxed.pt", scores)  # the second resumes
    assert boxed_run.steps == whole_run.steps == 4
    assert boxed_run.history == whole_run.history and boxed_run.best_epochs == 2.0
    assert whole.input_layer_ == boxed.input_layer_ == 4
    for name, value in whole.weights_.items():
        assert np.array_equal(value, boxed.weights_[name]), name
