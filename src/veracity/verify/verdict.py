"""Verify a claim against an evidence index: retrieve passages, judge their stance, aggregate.

Stance: short passages by the CLIMATE-FEVER evidence head (:mod:`.evidence_stance`), long ones
by the FNC-1 model (:mod:`.stance`).

Aggregation: passages judged ``agree`` support the claim and ``disagree`` refute it (each
weighted by its stance probability). Support only -> supported; refutation only -> refuted;
both, with neither above twice the other -> disputed; nothing but ``discuss``/``unrelated``
-> not enough evidence.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from veracity.report.schema import EvidencePassage, Verdict
from veracity.verify.evidence_stance import is_short, load_evidence_stance_model
from veracity.verify.index import EvidenceIndex, Hit
from veracity.verify.stance import STANCE_LABELS, load_stance_model

DEFAULT_PASSAGES = 5
DOMINANCE = 2.0


def judge_passages(claim: str, hits: Sequence[Hit]) -> list[EvidencePassage]:
    """The stance of each retrieved passage towards the claim.

    Short passages (a sentence or two) go to the CLIMATE-FEVER evidence head, long ones (news
    bodies) to the FNC-1 model: each judges the kind of text it was trained on.
    """
    if not hits:
        return []
    texts = [h.passage.text for h in hits]
    short = np.asarray([is_short(t) for t in texts])
    proba = np.zeros((len(hits), len(STANCE_LABELS)))
    labels = np.empty(len(hits), dtype=object)
    for model, rows in (
        (load_evidence_stance_model(), np.flatnonzero(short)),
        (load_stance_model(), np.flatnonzero(~short)),
    ):
        if len(rows):
            proba[rows] = model.predict_proba([claim] * len(rows), [texts[i] for i in rows])
            labels[rows] = model.labels_from_proba(proba[rows])
    return [
        EvidencePassage(
            document_id=hit.passage.document_id,
            passage=hit.passage.text,
            stance=label,
            stance_probability=round(float(row[STANCE_LABELS.index(label)]), 4),
            retrieval_score=hit.score,
        )
        for hit, label, row in zip(hits, labels, proba, strict=True)
    ]


def aggregate(passages: Sequence[EvidencePassage]) -> Verdict:
    """One verdict from the judged passages, with its reason."""
    support = sum(p.stance_probability for p in passages if p.stance == "agree")
    refute = sum(p.stance_probability for p in passages if p.stance == "disagree")
    n_agree = sum(p.stance == "agree" for p in passages)
    n_disagree = sum(p.stance == "disagree" for p in passages)
    n_discuss = sum(p.stance == "discuss" for p in passages)
    if not support and not refute:
        reason = (
            f"{n_discuss} passage(s) discuss the claim without taking a side"
            if n_discuss
            else "no retrieved passage is related to the claim"
        )
        return Verdict(label="not_enough_evidence", confidence=0.0, explanation=reason)
    total = support + refute
    if refute == 0 or support >= DOMINANCE * refute:
        label, confidence = "supported", support / total
    elif support == 0 or refute >= DOMINANCE * support:
        label, confidence = "refuted", refute / total
    else:
        label, confidence = "disputed", 1.0 - abs(support - refute) / total
    explanation = (
        f"{n_agree} passage(s) agree and {n_disagree} disagree "
        f"(weights {support:.2f} vs {refute:.2f}); {n_discuss} discuss it"
    )
    return Verdict(label=label, confidence=round(min(confidence, 1.0), 4), explanation=explanation)


def verify_claim(
    claim: str, index: EvidenceIndex, *, passages: int = DEFAULT_PASSAGES
) -> tuple[list[EvidencePassage], Verdict]:
    """Retrieve evidence for ``claim`` from ``index``, judge it and give a verdict."""
    judged = judge_passages(claim, index.search(claim, k=passages))
    return judged, aggregate(judged)
