"""A later passage's names read with its document's opening (``EventRule.document_names``,
shipped; probe s49's fire case: "The fire was brought under control at 09:40." in a statement
that opens on "a fire at the Dunmore Plastics factory")."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from veracity.verify import verdict
from veracity.verify.index import EvidenceIndex, Hit
from veracity.verify.verdict import MISSING_NAMES_NOTE, passage_stance

AGREE_ROW = np.array([0.84, 0.01, 0.15, 0.0])
CLAIM = "The Dunmore Plastics fire was brought under control at 09:40."
OPENING = (
    "Kestrel Valley Fire and Rescue Service statement, 14 March 2026\n"
    "At 02:17 on Saturday 14 March, crews were called to a fire at the Dunmore Plastics factory."
)
LATER = "Twelve fire engines attended. The fire was brought under control at 09:40."


def test_the_names_guard_reads_the_documents_opening_with_the_switch_on() -> None:
    on = replace(verdict.SHIPPED_EVENT_RULE, document_names=True)
    assert passage_stance(CLAIM, LATER, AGREE_ROW, event=on, lead=OPENING)[0] == "supports"
    # an opening that names something else leaves the passage's own reading
    other = OPENING.replace("Dunmore Plastics", "Harlow Mills")
    stance, _, _, note = passage_stance(CLAIM, LATER, AGREE_ROW, event=on, lead=other)
    assert stance == "neutral"
    assert note == MISSING_NAMES_NOTE.format("dunmore, plastics")


def test_off_the_names_guard_reads_the_passage_alone() -> None:
    off = replace(verdict.SHIPPED_EVENT_RULE, document_names=False)
    stance, _, _, note = passage_stance(CLAIM, LATER, AGREE_ROW, event=off, lead=OPENING)
    assert stance == "neutral"
    assert note == MISSING_NAMES_NOTE.format("dunmore, plastics")


def test_an_index_gives_each_documents_opening_and_the_shipped_rule_reads_it() -> None:
    index = EvidenceIndex.build(
        [("fire.txt", f"{OPENING}\n\n{LATER} Two workers were taken to hospital.")]
    )
    openings = index.openings(["fire.txt", "fire.txt", "missing.txt"])
    assert openings == {"fire.txt": index.passages[0].text}
    assert verdict.SHIPPED_EVENT_RULE.document_names
    later = next(p for p in index.passages if "09:40" in p.text)
    rows = {"fire.txt": ("text", 1)}  # one passage: no document reading
    judged = verdict.judge_passages(CLAIM, [Hit(later, 1.0, 1, 1)], rows, openings)
    assert judged[0].note is None or "does not mention" not in judged[0].note
    # the opening itself is read alone
    first = verdict.judge_passages(CLAIM, [Hit(index.passages[0], 1.0, 1, 1)], rows, openings)
    assert first[0].note is None or "does not mention" not in first[0].note
