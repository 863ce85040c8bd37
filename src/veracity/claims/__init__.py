"""Claims stage (deep path): check-worthy sentences, matched to known fact-checks and, when an
evidence index is given, verified against it.

Entry points: :func:`extract_claims` and :func:`check_claims`.
"""

from __future__ import annotations

from pathlib import Path

from veracity.claims.extract import extract_claims
from veracity.nlp import AnalysedText
from veracity.report.schema import Claim

__all__ = ["check_claims", "extract_claims"]


def check_claims(
    analysed: AnalysedText, *, index: Path | None = None, notes: list[str] | None = None
) -> list[Claim]:
    """Extract the claims, attach matching fact-checks and (with ``index``) evidence and a verdict.

    When the fact-check store is not built on this machine, matching is skipped and the reason
    is appended to ``notes`` (the report's notes).
    """
    from veracity.verify.factchecks import match_debunks_if_built

    claims = extract_claims(analysed)
    if not claims:
        return claims
    matches = match_debunks_if_built([c.text for c in claims], notes)
    claims = [
        c.model_copy(update={"debunk_matches": m}) for c, m in zip(claims, matches, strict=True)
    ]
    if index is None:
        return claims
    from veracity.verify.index import EvidenceIndex
    from veracity.verify.verdict import verify_claim

    evidence_index = EvidenceIndex.load(index)
    verified = []
    for claim in claims:
        passages, verdict = verify_claim(claim.text, evidence_index)
        verified.append(claim.model_copy(update={"evidence": passages, "verdict": verdict}))
    return verified
