"""The hand-written denial set: claims with a confirming, a denying and an unrelated passage.

No claim whose only related evidence denies it may be judged "supported"; confirmations should
mostly support; an unrelated passage alone is not enough evidence.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veracity.report.schema import EvidencePassage, Verdict
from veracity.verify.index import Hit, Passage
from veracity.verify.verdict import aggregate, judge_passages

DENIAL_SET = Path(__file__).resolve().parents[1] / "fixtures" / "denial_set.jsonl"
SIDE_DENIALS = DENIAL_SET.with_name("side_denials.jsonl")


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return [json.loads(line) for line in DENIAL_SET.read_text(encoding="utf-8").splitlines()]


def _verdict(claim: str, *passages: str):
    hits = [Hit(Passage(i, f"doc-{i}", text), 0.03, 1, 1) for i, text in enumerate(passages)]
    judged = judge_passages(claim, hits)
    return judged, aggregate(judged)


@pytest.fixture(scope="module")
def denied(cases) -> list[tuple[list[EvidencePassage], Verdict]]:
    """Each claim judged on its denying and its unrelated passage (the next two tests' input,
    computed once)."""
    return [_verdict(case["claim"], case["denying"], case["unrelated"]) for case in cases]


def test_no_denied_claim_is_supported(cases, denied):
    for case, (judged, verdict) in zip(cases, denied, strict=True):
        assert judged[0].stance != "supports", case["claim"]
        assert verdict.label != "supported", case["claim"]


def test_most_explicitly_denied_claims_are_refuted(cases, denied):
    # 15 of 25 at the shipped denial rule (bench/denial_stance.py); 2 before it, when a denial
    # only lost its support probability and was left "neutral"
    refuted = sum(verdict.label == "refuted" for _, verdict in denied)
    assert refuted >= 0.5 * len(cases)


def test_most_confirmed_claims_are_supported(cases):
    supported = sum(
        _verdict(case["claim"], case["confirming"], case["unrelated"])[1].label == "supported"
        for case in cases
    )
    assert supported >= 0.7 * len(cases)


def test_unrelated_passages_alone_are_not_enough_evidence(cases):
    for case in cases:
        judged, verdict = _verdict(case["claim"], case["unrelated"])
        assert verdict.label == "not_enough_evidence", case["claim"]
        assert judged[0].stance == "neutral"


def test_a_passage_that_confirms_the_claim_and_denies_a_side_point_is_not_refutation():
    # "The company laid off 5,000 workers in March but denied that the cuts were linked to the
    # merger": the denial rule reads only the denial's own clause (1 of 19 is refuted by the
    # stance head itself, as before the rule)
    side = [json.loads(line) for line in SIDE_DENIALS.read_text(encoding="utf-8").splitlines()]
    refuted = [
        case["passage"]
        for case in side
        if _verdict(case["claim"], case["passage"])[0][0].stance == "refutes"
    ]
    assert len(refuted) <= 1, refuted
