"""Denial, negation and conflict cues between a claim and a passage."""

from __future__ import annotations

import random

from veracity.verify.cues import CUE_FEATURES, cue_features, denies
from veracity.verify.stance_pairs import change_figure, clause, derive_pairs, negate, swap_antonym

CONVOY = "The UN aid convoy near Aleppo was bombed with a US Hellfire drone."


def test_issue_denials_are_denials():
    assert denies(
        CONVOY,
        "A UN board of inquiry found no evidence that a US drone was involved in the attack on "
        "the aid convoy near Aleppo.",
    )
    assert denies(
        "Russian strikes killed 30 US officers in Aleppo.",
        "The Pentagon said reports that Russian strikes killed US officers in Aleppo were false.",
    )
    assert denies("The mayor resigned.", "The mayor has not resigned, his office said.")


def test_confirmations_and_other_subjects_are_not_denials():
    assert not denies(CONVOY, "Investigators said a US Hellfire drone bombed the UN aid convoy.")
    # A denial about something else entirely does not touch the claim.
    assert not denies(CONVOY, "The company denied that it had raised prices last year.")


def test_cue_features_see_the_denial_next_to_the_claim():
    denial = dict(
        zip(
            CUE_FEATURES,
            cue_features(
                CONVOY, "Officials denied that a US drone bombed the aid convoy near Aleppo."
            ),
            strict=True,
        )
    )
    confirmation = dict(
        zip(
            CUE_FEATURES,
            cue_features(
                CONVOY, "Officials confirmed that a US drone bombed the aid convoy near Aleppo."
            ),
            strict=True,
        )
    )
    assert denial["denial_near_claim"] > 0.5 and confirmation["denial_near_claim"] == 0
    assert confirmation["confirmation_near_claim"] > 0.5
    figures = dict(
        zip(
            CUE_FEATURES,
            cue_features("30 officers were killed.", "12 officers were killed."),
            strict=True,
        )
    )
    assert figures["numbers_conflict"] == 1.0


def test_rewrites_contradict_the_claim():
    assert negate("The sea level is rising.") == "The sea level is not rising."
    assert (
        negate("Russian warships killed 30 officers.")
        == "Russian warships did not kill 30 officers."
    )
    assert swap_antonym("Global temperatures increased last year.") == (
        "Global temperatures decreased last year."
    )
    changed = change_figure("The company cut 5000 jobs.", random.Random(0))
    assert changed is not None and "5000" not in changed
    assert clause("Says the sea is rising.") == "the sea is rising"


def test_derived_pairs_cover_every_stance():
    claims, passages, labels = derive_pairs(
        ["The city banned cars from the centre in January.", "Too short."], random.Random(1)
    )
    assert set(claims) == {"The city banned cars from the centre in January."}
    assert {"agree", "disagree", "discuss"} <= set(labels)
    assert all("banned cars" in p or "ban cars" in p for p in passages)
