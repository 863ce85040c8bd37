"""Hand-written claims with one passage each for the verdict defects probe3 listed: a vote said
another way ("the bill was rejected by the Senate", "MPs defeated the bill" for "passed"), the
other outcome at another time ("the plant opened in 1985" for "the company closed its Detroit
plant") and other figures ("12 percent" for "20 percent"), with controls that must keep their
verdict. Split dev / test before any verdict was read; each passage is judged alone, under the
shipped rules (docs/benchmarks.md, "A fresh claim set: FNC-1 headlines against their bodies").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.verify.single_passage import read_cases
from veracity.verify.verdict import alone_verdicts

PAIRS = Path(__file__).resolve().parents[1] / "fixtures" / "verdict_defect_pairs.jsonl"
MEETS = {
    "refuted": lambda verdict: verdict == "refuted",
    "supported": lambda verdict: verdict == "supported",
    "not_refuted": lambda verdict: verdict != "refuted",
    "not_supported": lambda verdict: verdict != "supported",
}


@pytest.fixture(scope="module")
def judged() -> list[tuple[dict, str]]:
    cases = read_cases(PAIRS)
    verdicts = alone_verdicts([c["claim"] for c in cases], [c["passage"] for c in cases])
    return list(zip(cases, verdicts, strict=True))


def _met(judged: list[tuple[dict, str]], split: str, defect: str) -> tuple[int, int]:
    rows = [(c, v) for c, v in judged if c["split"] == split and c["defect"] == defect]
    return sum(MEETS[c["expected"]](v) for c, v in rows), len(rows)


def test_the_pairs_are_split_in_dev_and_test(judged):
    assert len(judged) == 34
    assert sum(c["split"] == "dev" for c, _ in judged) == 17


def test_a_vote_said_another_way_refutes_a_passed_bill(judged):
    # before: 2 of 7 dev and 1 of 7 test cases as expected (controls); left: "MPs defeated the
    # bill" for "Parliament passed" (the parse matches no actor named otherwise), "the
    # referendum failed" for "was approved" ("fail" is no vote against an approval: "the drug
    # failed in trials"), and a control the head does not support
    assert _met(judged, "dev", "vote") == (6, 7)
    assert _met(judged, "test", "vote") == (5, 7)


def test_the_other_outcome_at_another_time_does_not_refute(judged):
    # before: 1 of 6 dev and 3 of 6 test cases as expected; a year the claim names is the same
    # occurrence
    assert _met(judged, "dev", "another_time") == (6, 6)
    assert _met(judged, "test", "another_time") == (6, 6)


def test_other_figures_do_not_support(judged):
    # the figures guard is measured, not enabled: without it "6 percent" supported "9 percent"
    # (test); it turns 1 of 2,219 claims of the FNC-1 claim set's dev part. The figure rule
    # (stop 42: the same verb, place and subject by the parse) reads it: "reached 6 percent"
    # is no "reached 9 percent" (the test half read once, after bench/figure_negation_guards.py)
    assert _met(judged, "dev", "other_figures") == (4, 4)
    assert _met(judged, "test", "other_figures") == (4, 4)
