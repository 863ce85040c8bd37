"""Known-debunk matching against the shipped fact-check store, with real LIAR statements."""

from __future__ import annotations

import random

import pytest

from veracity.verify.factchecks import load_factcheck_store, match_debunks, normalise, shingles
from veracity.verify.paraphrase import paraphrase

pytestmark = pytest.mark.data


def _liar(statement_start: str):
    store = load_factcheck_store()
    return next(
        r
        for r in store.records
        if r.collection == "liar" and r.statement.startswith(statement_start)
    )


def test_light_paraphrase_finds_its_fact_check_with_the_verdict():
    # LIAR train 2635.json, rated "false", reworded by hand.
    record = _liar("Says the Annies List political group supports third-trimester abortions")
    query = "The Annie's List political group backs third-trimester abortions on demand."
    matches = match_debunks([query])[0]
    assert matches, "no match for a light paraphrase"
    assert matches[0].statement == record.statement
    assert matches[0].verdict == record.verdict == "false"
    assert matches[0].source.startswith("PolitiFact via LIAR")


def test_systematic_paraphrases_mostly_match():
    store = load_factcheck_store()
    rng = random.Random(3)
    records = [r for r in store.records if r.collection == "liar"][:200:20]
    queries = [paraphrase(r.statement, rng) for r in records]
    found = sum(
        bool(m) and m[0].statement == r.statement
        for r, m in zip(records, match_debunks(queries), strict=True)
    )
    assert found >= 7


def test_unrelated_claims_match_nothing():
    matches = match_debunks(
        [
            "The bakery on Elm Street sells sourdough bread every Tuesday morning.",
            "Our cat likes to sleep on the windowsill in the afternoon sun.",
        ]
    )
    assert matches == [[], []]


def test_near_duplicate_is_lexical():
    record = _liar("Says the Annies List political group supports third-trimester abortions")
    matches = match_debunks([record.statement.replace("Says the", "The")])[0]
    assert matches[0].match_type == "lexical"
    assert "MinHash" in matches[0].explanation


def test_normalisation_ignores_case_punctuation_and_says():
    assert normalise("Says that TAXES rose, by 10%!") == "taxes rose by 10%"
    assert shingles("abc") == {b"abc"}
