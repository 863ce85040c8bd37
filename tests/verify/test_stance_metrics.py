"""The stance heads' figures are typed: pair and verdict metrics own their label sets, and the
shipped cards' metrics and summaries are what the typed results write."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.artefacts import ARTEFACTS
from veracity.verify.train_claim_stance import ClaimStanceMetrics
from veracity.verify.train_evidence_stance import (
    EvidenceStanceMetrics,
    PairMetrics,
    VerdictMetrics,
)


def test_pair_metrics_score_the_labelled_pairs_and_every_label() -> None:
    gold = np.array(["agree", "agree", "disagree", "discuss", "unrelated", "unrelated"], object)
    predicted = np.array(["agree", "discuss", "disagree", "discuss", "agree", "unrelated"], object)
    scores = PairMetrics.of(gold, predicted)
    assert PairMetrics.LABELS == ("agree", "disagree", "discuss", "unrelated")
    assert set(scores.f1) == set(PairMetrics.LABELS)
    # the four labelled pairs: 3 right; unrelated pairs count only in the unrelated F1
    assert scores.accuracy_labelled == 0.75
    # agree 1/1 precision 1/2 recall -> 0.6667; disagree 1; discuss P 1/2 R 1 -> 0.6667
    assert scores.macro_f1_labelled == round((2 / 3 + 1 + 2 / 3) / 3, 4)
    assert scores.f1["agree"] == 0.5  # the unrelated pair called agree costs agree precision
    assert scores.f1["unrelated"] == round(2 / 3, 4)
    assert "label" not in scores.model_dump(exclude_none=True)


def test_verdict_metrics_average_over_all_four_verdicts() -> None:
    gold = ["supported", "refuted", "supported", "not_enough_evidence"]
    scores = VerdictMetrics.of(gold, ["supported"] * 4, label="supported")
    assert VerdictMetrics.LABELS == ("supported", "refuted", "disputed", "not_enough_evidence")
    assert scores.accuracy == 0.5
    assert scores.f1 == {
        "supported": round(2 / 3, 4),
        "refuted": 0.0,
        "disputed": 0.0,
        "not_enough_evidence": 0.0,
    }
    assert scores.macro_f1 == round(2 / 3 / 4, 4)
    assert next(iter(scores.model_dump(exclude_none=True))) == "label"


@pytest.mark.parametrize(
    ("name", "typed"),
    [("evidence-stance", EvidenceStanceMetrics), ("claim-stance", ClaimStanceMetrics)],
)
def test_the_shipped_cards_are_what_the_typed_results_write(name, typed) -> None:
    card = ARTEFACTS[name].read_card()
    metrics = typed.model_validate(card.metrics)
    assert metrics.record() == card.metrics
    assert metrics.summary == card.summary
    majority = metrics.pairs["majority_baseline"]
    assert majority.label in PairMetrics.LABELLED
    assert metrics.pairs["model"].macro_f1_labelled > majority.macro_f1_labelled
