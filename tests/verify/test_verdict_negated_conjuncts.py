"""A claim of two coordinated events is refuted by a passage that says one of them did not
happen (probe s51's recount case: "... refused to stop Okonjo from being sworn in, but it
dismissed Lindqvist's election petition" was supported by the refusal, while "The court did not
dismiss Mr Lindqvist's election petition itself." took no side)."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.verify import cues
from veracity.verify.cues import negated_event
from veracity.verify.stance import STANCE_LABELS
from veracity.verify.verdict import judge_passage

CLAIM = (
    "The High Court in Carrick refused on Saturday to stop Okonjo from being sworn in, but it "
    "dismissed Lindqvist's election petition, ending his challenge."
)
NOT_DISMISSED = (
    '"An allegation is not evidence," the judge said. The court did not dismiss Mr '
    "Lindqvist's election petition itself."
)
# The head's row for that passage in the recount case: mostly agreement.
AGREE = np.asarray(
    [
        {"agree": 0.67, "disagree": 0.015, "discuss": 0.314}.get(label, 0.001)
        for label in STANCE_LABELS
    ]
)


def test_a_passage_negating_the_claims_second_event_refutes_it():
    assert negated_event(CLAIM, NOT_DISMISSED) == ["dismissed = not dismiss"]
    judged = judge_passage(CLAIM, NOT_DISMISSED, AGREE)
    assert judged.stance == "refutes", judged.note
    assert judged.guard == "negated_event"


def test_without_the_switch_only_the_main_verb_is_read(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(cues, "NEGATED_CONJUNCTS", False)
    cues._negated_event.cache_clear()
    try:
        assert negated_event(CLAIM, NOT_DISMISSED) == []
    finally:
        cues._negated_event.cache_clear()


@pytest.mark.parametrize(
    "passage",
    [
        # the second event stated, not negated
        "The court dismissed Mr Lindqvist's election petition.",
        # another thing not dismissed
        "The court did not dismiss the costs order.",
        # the negation only reported
        "Lindqvist said the court did not dismiss his election petition.",
    ],
)
def test_no_negation_of_the_claims_events(passage: str):
    assert negated_event(CLAIM, passage) == []
