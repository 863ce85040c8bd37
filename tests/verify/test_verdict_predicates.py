"""A passage that names what the claim is about and none of what it says of it
(``EventRule.predicates``; probe s49 V2 and V1, the fire case)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from veracity.verify.cues import unstated_predicate
from veracity.verify.verdict import (
    SHIPPED_EVENT_RULE,
    UNSTATED_PREDICATE_NOTE,
    passage_stance,
)

# The head's readings: agree, disagree, discuss, unrelated.
AGREE_ROW = np.array([0.5001, 0.16, 0.3399, 0.0])
DISAGREE_ROW = np.array([0.02, 0.77, 0.21, 0.0])
READINGS = (
    "Following the fire at Dunmore Plastics, the council's environmental health team took air "
    "quality readings in the streets around Harlow Road on Saturday and Sunday."
)
TOXIC = "Air quality readings near the Dunmore Plastics factory showed toxic levels of smoke."


def test_what_the_claim_says_of_its_subject_is_read_from_its_main_verb_down() -> None:
    assert unstated_predicate(TOXIC, READINGS) == ["showed", "toxic", "levels", "smoke"]
    # a passage that says any of it (a word's forms alike) states the predicate
    assert unstated_predicate(TOXIC, "Readings showed smoke at toxic levels.") == []
    assert unstated_predicate(TOXIC, "The level of smoke was high.") == []
    # the subject and the clause of reason are not the predicate
    resigned = "The mayor resigned after the audit found missing funds."
    assert unstated_predicate(resigned, "The mayor resigned on Monday.") == []
    assert unstated_predicate(resigned, "The mayor said the audit found missing funds.") == [
        "resigned"
    ]
    # a headline of nouns says nothing of its subject by a verb: never read
    assert unstated_predicate("Toxic smoke fears near Dunmore factory", READINGS) == []


def test_a_passage_that_names_only_what_the_claim_is_about_never_supports_it() -> None:
    rule = replace(SHIPPED_EVENT_RULE, predicates="support")
    stance, _, _, note = passage_stance(TOXIC, READINGS, AGREE_ROW, event=rule)
    assert stance == "neutral"
    assert note == UNSTATED_PREDICATE_NOTE.format(
        "showed, toxic, levels, smoke", "never counted as support"
    )
    # one that says what the readings showed still supports
    said = READINGS + " They showed toxic levels of smoke."
    assert passage_stance(TOXIC, said, AGREE_ROW, event=rule)[0] == "supports"
    # "support" leaves the head's refutation as it is
    control = "The Dunmore Plastics fire was brought under control at 09:40."
    broke_out = "Dunmore Plastics confirms that a fire broke out in the early hours of Saturday."
    assert passage_stance(control, broke_out, DISAGREE_ROW, event=rule)[0] == "refutes"


def test_with_sides_the_heads_refutation_of_such_a_passage_takes_no_side() -> None:
    rule = replace(SHIPPED_EVENT_RULE, predicates="sides")
    control = "The Dunmore Plastics fire was brought under control at 09:40."
    broke_out = "Dunmore Plastics confirms that a fire broke out in the early hours of Saturday."
    stance, _, _, note = passage_stance(control, broke_out, DISAGREE_ROW, event=rule)
    assert stance == "neutral"
    assert note == UNSTATED_PREDICATE_NOTE.format("brought, control", "takes no side")
    # a passage that negates or denies may say the claim is false in words of its own
    for denying in (
        broke_out + " It was not stopped for hours.",
        "Dunmore Plastics denied reports about the fire.",
    ):
        assert passage_stance(control, denying, DISAGREE_ROW, event=rule)[0] == "refutes"
