"""The evidence-stance head's C, pair weight and verdict rule are chosen on out-of-fold
predictions: each claim's pairs (its evidence, its unrelated pairs and the pairs derived from
it) are predicted by a head fitted without them."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pytest

from veracity.verify import train_evidence_stance
from veracity.verify.train_evidence_stance import claim_folds, claim_rows, out_of_fold_proba


def test_claim_folds_are_seeded_balanced_and_shuffled() -> None:
    folds = claim_folds(23, 5)
    assert np.array_equal(folds, claim_folds(23, 5))
    assert sorted(np.bincount(folds).tolist()) == [4, 4, 5, 5, 5]
    assert not np.array_equal(folds, np.arange(23) % 5)


def test_claim_rows_follow_pairs_of_order() -> None:
    claims = [{"evidences": [1, 2]}, {"evidences": [3]}]
    assert claim_rows(claims, 10, 2).tolist() == [10, 10, 11, 10, 10, 11, 11]


class _Recording:
    """Stands in for the head: records the rows each fold fits on and predicts; the
    probability it gives a row is the row's number."""

    made: ClassVar[list[_Recording]] = []

    def __init__(self, C: float, coverage: bool) -> None:
        self.fitted: set[int] = set()
        self.predicted: set[int] = set()
        _Recording.made.append(self)

    def fit(self, features, labels, sample_weight):
        assert np.all(sample_weight > 0)
        self.fitted = {int(row) for row in features[:, 0]}
        return self

    def proba_from_features(self, features):
        self.predicted = {int(row) for row in features[:, 0]}
        return np.repeat(features[:, :1], 4, axis=1)


def test_no_claim_is_predicted_by_a_head_that_saw_its_pairs(monkeypatch) -> None:
    monkeypatch.setattr(train_evidence_stance, "EvidenceStanceModel", _Recording)
    _Recording.made = []
    n_claims = 10
    # rows: 3 evidence rows per claim, a derived row per claim, two rows of no claim (FNC-1)
    claim_of = np.concatenate([np.repeat(np.arange(n_claims), 3), np.arange(n_claims), [-1, -1]])
    rows = len(claim_of)
    weight = np.where(np.arange(rows) >= 3 * n_claims, 0.5, 1.0)
    weight[-1] = 0.0  # a pair of weight 0 is never fitted
    predict = np.arange(rows) < 3 * n_claims
    proba = out_of_fold_proba(
        np.arange(rows, dtype=float)[:, None],
        np.asarray(["agree"] * rows),
        claim_of,
        weight,
        predict,
        C=0.1,
        folds=5,
    )
    assert proba[:, 0].tolist() == list(range(3 * n_claims))  # every evidence row, in order
    assert len(_Recording.made) == 5
    for head in _Recording.made:
        predicted_claims = {int(claim_of[row]) for row in head.predicted}
        fitted_claims = {int(claim_of[row]) for row in head.fitted}
        assert predicted_claims and not predicted_claims & fitted_claims
        assert rows - 2 in head.fitted and rows - 1 not in head.fitted
    predicted = [row for head in _Recording.made for row in head.predicted]
    assert sorted(predicted) == list(range(3 * n_claims))  # each row predicted once


@pytest.mark.data
def test_the_shipped_head_was_chosen_out_of_fold() -> None:
    from veracity.verify.evidence_stance import EVIDENCE_STANCE_SPEC

    metrics = EVIDENCE_STANCE_SPEC.read_card().metrics
    assert metrics["chosen_on"].startswith("out-of-fold")
    best = max(metrics["validation_grid"].values(), key=lambda point: point["score"])
    assert best["rule"] == metrics["verdict_rule"]
