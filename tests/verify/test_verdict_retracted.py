"""A passage that states the claim only in wording its own text takes back (a correction
notice's superseded version, a retracted report) never supports it (probe s50 V1, V2)."""

from __future__ import annotations

import numpy as np

from veracity.verify.cues import retracted_wording
from veracity.verify.document_stance import DocumentReading
from veracity.verify.stance import STANCE_LABELS
from veracity.verify.verdict import RETRACTED_NOTE, bounded_stance, judge_passage


def _proba(**values: float) -> np.ndarray:
    return np.asarray([values.get(label, 0.0) for label in STANCE_LABELS])


SUPPORT = _proba(agree=0.8, disagree=0.05, discuss=0.1, unrelated=0.05)
REFUTE = _proba(agree=0.05, disagree=0.8, discuss=0.1, unrelated=0.05)

NOTICE = (
    "Correction: An earlier version of this story said the sample was collected at the Tour of "
    "Norway in June. It was collected at the Tour of Denmark on Aug. 14."
)
NOTICE_CLAIM = "The sample was collected at the Tour of Norway in June."
RETRACTION = (
    "On 4 October we published a report claiming that Arctica-Vela rider Jonas Berg, a "
    "team-mate of Tomas Reyvik, had also returned a positive doping test. That report was wrong "
    "and we retract it."
)
LIBRARY = (
    "This article originally stated that the council voted to close Elm Street library in May. "
    "The council voted to keep it open."
)
LIBRARY_CLAIM = "The council voted to close Elm Street library."


def test_a_correction_notices_superseded_wording_never_supports_the_error():
    for claim, passage in ((NOTICE_CLAIM, NOTICE), (LIBRARY_CLAIM, LIBRARY)):
        judged = judge_passage(claim, passage, SUPPORT)
        assert (judged.stance, judged.guard) == ("neutral", "retracted"), claim
        assert judged.note == RETRACTED_NOTE.format(retracted_wording(claim, passage)[0])
        # nor read as the claim restated where the head reads it as refuting (the plain
        # restatement rule had turned that into support: probe s50 V2's "restates the claim
        # in its own words, plainly"), whatever its document reads
        assert judge_passage(claim, passage, REFUTE).stance != "supports", claim
        reading = DocumentReading("no_support", 0.01)
        assert bounded_stance(claim, passage, SUPPORT, reading)[0] != "supports", claim
        assert bounded_stance(claim, passage, REFUTE, reading)[0] != "supports", claim


def test_a_retracted_report_supports_neither_its_words_nor_other_claims():
    for claim in (
        "Tomas Reyvik admitted to doping.",
        "Jonas Berg returned a positive doping test.",
    ):
        judged = judge_passage(claim, RETRACTION, SUPPORT)
        assert (judged.stance, judged.guard) == ("neutral", "retracted"), claim
    # the head's refutation of the retracted report's claim stands ("That report was wrong")
    assert judge_passage(
        "Jonas Berg returned a positive doping test.", RETRACTION, REFUTE
    ).stance == ("refutes")


def test_a_claim_the_passage_states_outside_the_retracted_wording_is_read_as_before():
    # the corrected sentence states the claim: the notice takes back something else
    corrected = "The sample was collected at the Tour of Denmark on Aug. 14."
    assert judge_passage(corrected, NOTICE, SUPPORT).guard != "retracted"
    notice = (
        "An earlier version of this story misstated the date of the vote. The council voted on "
        "Monday to close Elm Street library."
    )
    assert judge_passage(LIBRARY_CLAIM, notice, SUPPORT).stance == "supports"
    assert retracted_wording(LIBRARY_CLAIM, notice) == []
