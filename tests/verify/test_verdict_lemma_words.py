"""A passage that states the claim with one of its words in another form ("testing" for "tested",
"hold" for "held") restates it (probe s50 V5: both read "not enough evidence", the document
model's veto standing because the restatement was not seen)."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.verify.cues import plain_restatement, states_plainly
from veracity.verify.document_stance import DocumentReading
from veracity.verify.stance import STANCE_LABELS
from veracity.verify.verdict import bounded_stance

SUPPORT = np.asarray(
    [{"agree": 0.7, "disagree": 0.05, "discuss": 0.25}.get(label, 0.0) for label in STANCE_LABELS]
)
WIRE = (
    "OSLO, Oct 2 - Norwegian cyclist Tomas Reyvik has been provisionally suspended after testing "
    "positive for the banned heart drug trimetazidine, the Cycling Anti-Doping Unit said on Friday."
)
HEARING = (
    "The case will now go before the cycling tribunal, which will hold a hearing in Lausanne on "
    "15 January 2027. Reyvik remains provisionally suspended."
)


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        ("Tomas Reyvik tested positive for trimetazidine.", WIRE),
        ("The hearing will be held on 15 January 2027.", HEARING),
        ("The council voted to close the library.", "The council votes to close the library."),
    ],
)
def test_a_claim_stated_with_a_word_in_another_form_is_restated(claim: str, passage: str):
    assert states_plainly(claim, passage)
    # its document's "does not confirm" reading does not take the support of its own statement
    stance, _, _, note = bounded_stance(
        claim, passage, SUPPORT, DocumentReading("no_support", 0.01)
    )
    assert stance == "supports", note


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        # a word missing in any form
        ("Tomas Reyvik tested positive for EPO.", WIRE),
        # another number
        ("The hearing will be held on 16 January 2027.", HEARING),
        # three words only in other forms: not read as the claim restated
        ("Smith ran, won and held the lead.", "Smith runs, wins and holds the lead."),
    ],
)
def test_a_missing_word_or_figure_is_still_missing(claim: str, passage: str):
    assert not plain_restatement(claim, passage, figures=False)
