"""Hand-written news claims, each with a passage that confirms it, one that states the opposite
outcome for the same subject, and one that confirms it with an opposite word about something
else.

The opposite passage shares all the claim's words but one ("approved" for "rejected"), so the
stance head reads it much like a confirmation; only the verdict's opposite-outcome rule
(``verdict.SHIPPED_OUTCOME_RULE``) turns it (docs/benchmarks.md, "Support never from the
opposite outcome").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.verify.single_passage import read_cases, verdicts
from veracity.verify.verdict import OutcomeRule

PAIRS = Path(__file__).resolve().parents[1] / "fixtures" / "opposite_outcome_pairs.jsonl"
BEFORE = OutcomeRule()  # the verdicts before bench/opposite_outcomes.py
LEXICON = OutcomeRule(scope="clause", refutes=True, related=True)  # shipped first, no parse


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return read_cases(PAIRS)


def _labels(cases: list[dict], field: str, outcome: OutcomeRule | None = None) -> list[str]:
    return verdicts([c["claim"] for c in cases], [c[field] for c in cases], outcome=outcome)


def test_the_pairs_are_split_in_dev_and_test(cases):
    assert len(cases) == 58
    assert sum(c["split"] == "dev" for c in cases) == 30


def test_confirmations_and_side_passages_keep_their_support(cases):
    # 48 and 54 of 58 with any rule (bench/opposite_outcomes.py): an opposite word about
    # something else ("... while inflation fell") takes no support away
    assert _labels(cases, "confirming") == _labels(cases, "confirming", BEFORE)
    assert _labels(cases, "confirming").count("supported") >= 48
    assert _labels(cases, "side") == _labels(cases, "side", BEFORE)
    assert _labels(cases, "side").count("supported") >= 54


def test_the_opposite_outcome_refutes_the_claim(cases):
    before = _labels(cases, "opposite", BEFORE)
    lexicon = _labels(cases, "opposite", LEXICON)
    after = _labels(cases, "opposite")
    assert before.count("supported") >= 24  # 27 of 58 (12 dev + 15 test) before
    # the lexicon alone misses "threw out", "slid", "struck down", "the measure": 7 of 58
    assert lexicon.count("supported") >= 5
    assert after.count("supported") == 0
    assert after.count("refuted") >= 54  # 56 of 58 (29 dev + 27 test)
