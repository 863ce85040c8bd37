"""The technique classifier's decision: offsets per technique, chosen for a recall floor."""

from __future__ import annotations

import numpy as np

from veracity.propaganda.model import biased_argmax
from veracity.propaganda.train import choose_technique_bias


def test_biased_argmax_adds_offsets_to_log_probabilities() -> None:
    probabilities = np.array([[0.6, 0.3, 0.1], [0.5, 0.45, 0.05]])
    classes = ["Loaded_Language", "Doubt", "Slogans"]
    assert biased_argmax(probabilities, classes, {}).tolist() == [0, 0]
    # log(0.45) + 0.2 > log(0.5), log(0.3) + 0.2 < log(0.6)
    assert biased_argmax(probabilities, classes, {"Doubt": 0.2}).tolist() == [0, 1]
    # an offset for a technique the classifier lacks is ignored
    assert biased_argmax(
        probabilities, classes, {"Bandwagon,Reductio_ad_hitlerum": 5}
    ).tolist() == [0, 0]


def test_offsets_lift_a_never_predicted_class_to_the_floor() -> None:
    rng = np.random.default_rng(0)
    targets = np.repeat([0, 1, 2], [300, 200, 40])
    scores = rng.normal(size=(len(targets), 3))
    scores[np.arange(len(targets)), targets] += 1.5
    scores[:, 2] -= 3.5  # the rare class is hardly ever the argmax
    log_probabilities = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))
    before = log_probabilities.argmax(axis=1)
    assert (before[targets == 2] == 2).mean() < 0.1
    bias = choose_technique_bias(log_probabilities, targets, floor=0.3)
    after = (log_probabilities + bias).argmax(axis=1)
    recall = [(after[targets == k] == k).mean() for k in range(3)]
    assert min(recall) >= 0.3
    # the floor costs little accuracy here: the rare class is 7% of the rows
    assert (after == targets).mean() >= (before == targets).mean() - 0.05
