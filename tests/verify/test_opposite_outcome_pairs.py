"""Hand-written news claims, each with a passage that confirms it, one that states the opposite
outcome for the same subject, and one that confirms it with an opposite word about something
else.

The opposite passage shares all the claim's words but one ("approved" for "rejected"), so the
stance head reads it much like a confirmation; only the verdict's opposite-outcome rule
(``verdict.SHIPPED_OUTCOME_RULE``) turns it (docs/benchmarks.md, "Support never from the
opposite outcome").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veracity.report.schema import EvidencePassage
from veracity.verify.evidence_stance import load_evidence_stance_model
from veracity.verify.verdict import OutcomeRule, aggregate, passage_stance

PAIRS = Path(__file__).resolve().parents[1] / "fixtures" / "opposite_outcome_pairs.jsonl"
BEFORE = OutcomeRule()  # the verdicts before bench/opposite_outcomes.py


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]


def _labels(cases: list[dict], field: str, outcome: OutcomeRule | None = None) -> list[str]:
    claims, texts = [c["claim"] for c in cases], [c[field] for c in cases]
    labels = []
    for claim, text, row in zip(
        claims, texts, load_evidence_stance_model().predict_proba(claims, texts), strict=True
    ):
        stance, probability, relevance, note = passage_stance(claim, text, row, outcome=outcome)
        judged = EvidencePassage(
            document_id="doc",
            passage=text,
            stance=stance,
            stance_probability=min(1.0, probability),
            relevance=relevance,
            retrieval_score=0.0,
            note=note,
        )
        labels.append(aggregate([judged]).label)
    return labels


def test_the_pairs_are_split_in_half(cases):
    assert len(cases) == 36
    assert sum(c["split"] == "dev" for c in cases) == 18


def test_confirmations_and_side_passages_keep_their_support(cases):
    assert _labels(cases, "confirming").count("supported") == 36
    # 35 of 36 before and after (bench/opposite_outcomes.py): an opposite word about something
    # else ("... while inflation fell") takes no support away
    assert _labels(cases, "side").count("supported") >= 35


def test_the_opposite_outcome_refutes_the_claim(cases):
    before = _labels(cases, "opposite", BEFORE)
    after = _labels(cases, "opposite")
    assert before.count("supported") >= 15  # 20 of 36 (9 dev + 11 test) before
    assert after.count("supported") <= 2  # 1 of 36 (a test pair)
    assert after.count("refuted") >= 30  # 33 of 36 (18 dev + 15 test)
