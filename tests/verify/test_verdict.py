"""Aggregating judged passages into a verdict."""

from __future__ import annotations

from veracity.report.schema import EvidencePassage
from veracity.verify.verdict import aggregate


def _passage(stance: str, probability: float = 0.8) -> EvidencePassage:
    return EvidencePassage(
        document_id="doc",
        passage="text",
        stance=stance,
        stance_probability=probability,
        retrieval_score=0.1,
    )


def test_agreeing_passages_support():
    assert (
        aggregate([_passage("agree"), _passage("discuss"), _passage("unrelated")]).label
        == "supported"
    )


def test_disagreeing_passages_refute():
    assert aggregate([_passage("disagree"), _passage("unrelated")]).label == "refuted"


def test_both_sides_is_disputed():
    verdict = aggregate([_passage("agree", 0.7), _passage("disagree", 0.6)])
    assert verdict.label == "disputed"
    assert "1 passage(s) agree and 1 disagree" in verdict.explanation


def test_nothing_related_is_not_enough_evidence():
    assert aggregate([_passage("unrelated"), _passage("discuss")]).label == "not_enough_evidence"
    assert aggregate([]).label == "not_enough_evidence"
