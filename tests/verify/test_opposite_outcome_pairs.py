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

from tests.verify.single_passage import read_cases
from veracity.verify.verdict import EventRule, OutcomeRule, alone_verdicts

PAIRS = Path(__file__).resolve().parents[1] / "fixtures" / "opposite_outcome_pairs.jsonl"
BEFORE = OutcomeRule()  # the verdicts before bench/opposite_outcomes.py
LEXICON = OutcomeRule(scope="clause", refutes=True, related=True)  # shipped first, no parse
# measured, not shipped: WordNet's event nouns in the parsed reading
NOUNS = OutcomeRule(scope="clause", refutes=True, related=True, parsed=True, families=("nouns",))


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return read_cases(PAIRS)


def _labels(cases: list[dict], field: str, outcome: OutcomeRule | None = None) -> list[str]:
    # the other-outcome rule (stop 42) left out, as when these rules were measured: it takes
    # the support of an opposite passage away too, under any outcome rule
    claims, texts = [c["claim"] for c in cases], [c[field] for c in cases]
    return alone_verdicts(claims, texts, outcome=outcome, event=EventRule())


def test_the_other_outcome_rule_takes_no_confirmation_and_no_support_of_an_opposite_away(cases):
    # stop 42 (bench/figure_negation_guards.py: dev confirmations and side passages unchanged)
    shipped = {
        field: alone_verdicts([c["claim"] for c in cases], [c[field] for c in cases])
        for field in ("confirming", "side", "opposite")
    }
    assert shipped["confirming"] == _labels(cases, "confirming")
    assert shipped["side"] == _labels(cases, "side")
    assert shipped["opposite"].count("supported") <= _labels(cases, "opposite").count("supported")


def test_the_pairs_are_split_in_dev_and_test(cases):
    assert len(cases) == 82
    assert sum(c["split"] == "dev" for c in cases) == 42


def test_confirmations_and_side_passages_keep_their_support(cases):
    # 62 and 78 of 82 with any rule (bench/opposite_outcomes.py): an opposite word about
    # something else ("... while inflation fell"), or "failed to" in its other sense, takes no
    # support away
    for rule in (None, NOUNS):
        assert _labels(cases, "confirming", rule) == _labels(cases, "confirming", BEFORE)
        assert _labels(cases, "side", rule) == _labels(cases, "side", BEFORE)
    assert _labels(cases, "confirming").count("supported") >= 60
    assert _labels(cases, "side").count("supported") >= 76


def test_the_opposite_outcome_refutes_the_claim(cases):
    before = _labels(cases, "opposite", BEFORE)
    lexicon = _labels(cases, "opposite", LEXICON)
    after = _labels(cases, "opposite")
    nouns = _labels(cases, "opposite", NOUNS)
    assert before.count("supported") >= 32  # 35 of 82 (18 dev + 17 test) before
    # the lexicon alone misses "threw out", "slid", "struck down", "the measure": 11 of 82
    assert lexicon.count("supported") >= 9
    # the parse leaves 4 of the 24 newer pairs' dev passages ("softened", "a cut in", "killed
    # the bill", "shrank" for "expanded"), WordNet's event nouns 3
    assert after.count("supported") <= 4
    assert after.count("refuted") >= 64  # 66 of 82 (33 dev + 33 test)
    assert nouns.count("supported") <= 3
    assert nouns.count("refuted") >= 68  # 70 of 82 (35 dev + 35 test)
