"""The shipped FNC-1 stance model on real headline-body pairs of held-out bodies."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.data.fnc1 import load_fnc_pairs
from veracity.metrics import fnc_max_score, fnc_score
from veracity.verify.stance import STANCE_LABELS, load_stance_model
from veracity.verify.train_stance import split_by_body

pytestmark = pytest.mark.data


@pytest.fixture(scope="module")
def held_out(data_dir):
    pairs = load_fnc_pairs(data_dir)
    train, held_out = split_by_body(pairs)
    assert not set(pairs.iloc[train]["body_id"]) & set(pairs.iloc[held_out]["body_id"])
    return pairs.iloc[held_out]


def test_fnc_score_formula():
    gold = np.array(["agree", "unrelated", "discuss", "disagree"])
    assert fnc_max_score(gold) == 0.25 * 4 + 0.75 * 3
    assert fnc_score(gold, gold) == fnc_max_score(gold)
    # related but wrong stance: only the 0.25; unrelated guessed for a related pair: nothing
    assert fnc_score(gold, np.array(["discuss", "unrelated", "unrelated", "agree"])) == 0.25 * 3


def test_shipped_model_separates_related_from_unrelated(held_out):
    model = load_stance_model()
    sample = held_out.groupby("stance").head(40)
    predicted = model.predict(sample["headline"].tolist(), sample["body"].tolist())
    gold_related = sample["stance"].to_numpy() != "unrelated"
    assert np.mean((predicted != "unrelated") == gold_related) > 0.9


def test_shipped_model_scores_well_on_held_out_bodies(held_out):
    sample = held_out.sample(n=600, random_state=0)
    predicted = load_stance_model().predict(sample["headline"].tolist(), sample["body"].tolist())
    gold = sample["stance"].to_numpy()
    majority = np.full(len(gold), "unrelated")
    ratio = fnc_score(gold, predicted) / fnc_max_score(gold)
    assert ratio > 0.7 > fnc_score(gold, majority) / fnc_max_score(gold) + 0.2


def test_probabilities_are_distributions(held_out):
    rows = held_out.head(5)
    proba = load_stance_model().predict_proba(rows["headline"].tolist(), rows["body"].tolist())
    assert proba.shape == (5, len(STANCE_LABELS))
    assert np.allclose(proba.sum(axis=1), 1.0)
