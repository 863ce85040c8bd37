"""What one passage alone makes of its claim, judged as the product judges a passage: the
evidence-stance head's probabilities, ``verdict.passage_stance`` under the guard rules given,
then ``verdict.aggregate`` over that passage. Shared by the hand-labelled pair fixtures' tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from veracity.report.schema import EvidencePassage
from veracity.verify.evidence_stance import load_evidence_stance_model
from veracity.verify.verdict import aggregate, passage_stance


def read_cases(path: Path) -> list[dict]:
    """The rows of a hand-labelled JSON-lines fixture."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def verdicts(claims: list[str], passages: list[str], **rules: Any) -> list[str]:
    """The verdict label each passage alone gives its claim (``rules``: ``event=``,
    ``outcome=``, ``denial=``, as ``passage_stance`` takes them)."""
    labels = []
    proba = load_evidence_stance_model().predict_proba(claims, passages)
    for claim, passage, row in zip(claims, passages, proba, strict=True):
        stance, probability, relevance, note = passage_stance(claim, passage, row, **rules)
        judged = EvidencePassage(
            document_id="doc",
            passage=passage,
            stance=stance,
            stance_probability=min(1.0, probability),
            relevance=relevance,
            retrieval_score=0.0,
            note=note,
        )
        labels.append(aggregate([judged]).label)
    return labels
