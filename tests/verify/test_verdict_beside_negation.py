"""A passage that states the claim's predicate for its subject beside a negation of another verb
supports the claim (probe s51's recount case: "Ms Marsh has not resigned and remains chair of the
Board." read as denying "Helen Marsh remains chair of the Electoral Board.")."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from veracity.verify import verdict
from veracity.verify.cues import stated_beside_negation
from veracity.verify.stance import STANCE_LABELS
from veracity.verify.verdict import judge_passage

CLAIM = "Helen Marsh remains chair of the Electoral Board."
# The head's row for the retraction's passage in the recount case: mostly discussion.
DISCUSSION = np.asarray(
    [
        {"agree": 0.172, "disagree": 0.185, "discuss": 0.642}.get(label, 0.001)
        for label in STANCE_LABELS
    ]
)
STATED = "Ms Marsh has not resigned and remains chair of the Board. We apologise to Ms Marsh."


@pytest.mark.parametrize(
    "passage",
    [STATED, "Ms Marsh has not resigned but remains chair of the Board."],
)
def test_the_predicate_stated_beside_another_verbs_negation_supports(passage: str):
    assert stated_beside_negation(CLAIM, passage)
    judged = judge_passage(CLAIM, passage, DISCUSSION)
    assert judged.stance == "supports", judged.note
    assert "beside a negation of something else" in (judged.note or "")


def test_without_the_rule_it_is_read_as_a_denial(monkeypatch: pytest.MonkeyPatch):
    rule = replace(verdict.SHIPPED_RESTATEMENT_RULE, beside_negation=False)
    monkeypatch.setattr(verdict, "SHIPPED_RESTATEMENT_RULE", rule)
    judged = judge_passage(CLAIM, STATED, DISCUSSION)
    assert judged.stance != "supports"
    assert judged.guard == "denial"


@pytest.mark.parametrize(
    "passage",
    [
        # a bare verb after the negation: negated too
        "She did not resign or remain chair of the Board.",
        # under the negated verb
        "He does not think Marsh remains chair of the Board.",
        # the claim's own verb negated
        "Marsh does not remain chair of the Board.",
        # another predicate: chair of another body
        "Marsh has not resigned and remains chair of the Finance Committee.",
        # another subject
        "The clerk has not resigned and remains chair of the Board.",
        # no negation at all: a plain statement, read by the other rules
        "Marsh remains chair of the Board.",
    ],
)
def test_a_negated_or_other_predicate_is_not_stated(passage: str):
    assert not stated_beside_negation(CLAIM, passage)
    note = judge_passage(CLAIM, passage, DISCUSSION).note or ""
    assert "beside a negation of something else" not in note


def test_a_figure_the_sentence_does_not_hold_is_not_stated():
    claim = "The council kept 12 libraries open."
    assert stated_beside_negation(
        claim, "The council has not sold them and kept 12 libraries open."
    )
    assert not stated_beside_negation(
        claim, "The council has not sold them and kept 11 libraries open."
    )
