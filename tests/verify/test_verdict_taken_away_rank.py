"""A result taken away never supports it; another place in the same contest refutes it (probe s50
V4: "disqualified him from the results of stage 3" supported "Reyvik won the overall Tour of
Denmark." 0.77; "Reyvik finished 14th overall." read neutral)."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.verify.cues import other_rank, taken_away_outcome
from veracity.verify.stance import STANCE_LABELS
from veracity.verify.verdict import judge_passage


def _proba(**given: float) -> np.ndarray:
    return np.asarray([given.get(label, 0.0) for label in STANCE_LABELS])


SUPPORT = _proba(agree=0.8, disagree=0.05, discuss=0.1, unrelated=0.05)
DISCUSS = _proba(agree=0.16, disagree=0.02, discuss=0.82)
ORGANISER = (
    "Copenhagen, 5 October 2026. Following the provisional suspension of Tomas Reyvik, the Tour "
    "of Denmark organisers have, on the instruction of the cycling authorities, disqualified him "
    "from the results of stage 3 in Vejle."
)
OVERALL = "The general classification is unchanged, as Reyvik finished 14th overall."
TITLE = "Tour of Denmark: stage 3 result amended"
AWARDED = (
    "The stage win has been awarded to Belgian rider Pieter Claes of Team Lumina, who finished "
    "second on the day."
)


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        ("Reyvik won the overall Tour of Denmark.", ORGANISER),
        ("Smith won the gold medal in the marathon.", "Smith was stripped of his gold medal."),
        ("Jones won the election.", "Jones's election was annulled by the supreme court."),
        ("The team won the cup.", "The team's cup win was vacated by the league."),
    ],
)
def test_a_result_taken_away_never_supports_the_claim(claim: str, passage: str):
    assert taken_away_outcome(claim, passage)
    judged = judge_passage(claim, passage, SUPPORT)
    assert judged.stance == "neutral", claim
    assert judged.guard == "other_event"
    assert "takes the claim's result away" in (judged.note or "")


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        # another rider taken away, not the claim's subject
        ("Smith won the gold medal.", "Brown was stripped of his gold medal."),
        # negated: nothing was taken away
        ("Jones won the election.", "Jones's election was not overturned by the court."),
        # the claim is not a result of a contest
        ("Reyvik tested positive for trimetazidine.", ORGANISER),
        # what the claim is about is no one a pronoun of the passage stands for
        ("The stage 3 win in Vejle has been awarded to Pieter Claes.", ORGANISER),
        # the pronoun stands for the one named before it, not for the claim's subject named after
        ("Pieter Claes was awarded the stage 3 win.", f"{ORGANISER} {AWARDED}"),
        # the claim itself says it was taken away
        ("Reyvik was disqualified from stage 3.", ORGANISER),
    ],
)
def test_another_ones_loss_or_a_claim_of_no_result_is_read_as_before(claim: str, passage: str):
    assert taken_away_outcome(claim, passage) == []


@pytest.mark.parametrize(
    ("claim", "passage", "lead"),
    [
        ("Reyvik won the overall Tour of Denmark.", OVERALL, TITLE),
        ("Reyvik finished second overall in the Tour of Denmark.", OVERALL, TITLE),
        ("Smith won the 100 metres.", "Smith came in second place in the 100 metres.", None),
        ("Smith won the 100 metres.", "Jones won the 100 metres; Smith finished third.", None),
    ],
)
def test_another_place_in_the_same_contest_refutes_the_claim(
    claim: str, passage: str, lead: str | None
):
    assert other_rank(claim, passage, lead)
    judged = judge_passage(claim, passage, DISCUSS, lead=lead)
    assert judged.stance == "refutes", claim
    assert judged.guard == "contradicting_figures"
    assert "another place in the same contest" in (judged.note or "")


@pytest.mark.parametrize(
    ("claim", "passage", "lead"),
    [
        # the same place
        ("Reyvik finished 14th overall in the Tour of Denmark.", OVERALL, TITLE),
        # another contest: a stage, not the overall classification
        ("Reyvik won stage 3.", OVERALL, TITLE),
        # the contest's name is nowhere in the passage nor its document's opening
        ("Reyvik won the overall Tour of Denmark.", OVERALL, None),
        # another rider's place
        ("Smith won the 100 metres.", "Smith won the 100 metres; Jones came second.", None),
        # a count of titles is not a place
        ("Smith won his second title.", "Smith finished first in the final of the title.", None),
        # negated
        ("Smith won the final.", "Smith did not finish second in the final.", None),
    ],
)
def test_the_same_place_another_contest_or_another_one_is_not_read_as_a_rank(
    claim: str, passage: str, lead: str | None
):
    assert other_rank(claim, passage, lead) == []
