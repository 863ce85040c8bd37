"""A passage that states only a provisional measure for the claim's subject never supports the
claim's outcome (probe s50 V3)."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.verify.cues import provisional_outcome
from veracity.verify.stance import STANCE_LABELS
from veracity.verify.verdict import judge_passage

SUPPORT = np.asarray(
    [{"agree": 0.8, "disagree": 0.05, "discuss": 0.1}.get(label, 0.05) for label in STANCE_LABELS]
)
WIRE = (
    "OSLO, Oct 2 - Norwegian cyclist Tomas Reyvik has been provisionally suspended after testing "
    "positive for the banned heart drug trimetazidine, the Cycling Anti-Doping Unit said on Friday."
)


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        ("Reyvik has been banned for four years.", WIRE),
        ("The mayor was removed from office.", "The mayor was temporarily relieved of his duties."),
        ("The court struck down the law.", "The court temporarily blocked the law on Monday."),
    ],
)
def test_a_provisional_measure_never_supports_the_claims_outcome(claim: str, passage: str):
    assert provisional_outcome(claim, passage)
    judged = judge_passage(claim, passage, SUPPORT)
    assert judged.stance == "neutral", claim
    assert judged.guard == "other_event"


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        # the claim's own verb: the suspension is the claim's outcome
        ("Reyvik has been suspended.", WIRE),
        # the claim itself says provisional
        ("Reyvik has been provisionally suspended.", WIRE),
        # the passage states the claim's outcome as well
        (
            "Reyvik was banned for four years.",
            "Reyvik was provisionally suspended in October and banned for four years in January.",
        ),
        # a provisional measure of someone else
        ("The mayor was removed from office.", "The council temporarily closed the town hall."),
    ],
)
def test_a_claim_the_passage_states_or_that_is_provisional_itself_is_read_as_before(
    claim: str, passage: str
):
    assert provisional_outcome(claim, passage) == []
