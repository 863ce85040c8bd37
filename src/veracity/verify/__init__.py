"""Verify stage: known-debunk matching (:mod:`.factchecks`), evidence retrieval (:mod:`.index`),
stance (:mod:`.stance`) and verdicts (:mod:`.verdict`).

Entry point: :func:`verify_claims`, for claims found by the claims stage (or given by a user).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from veracity.report.schema import Claim

if TYPE_CHECKING:
    from veracity.verify.index import ServedIndex


def verify_claims(
    claims: list[Claim],
    *,
    index: Path | ServedIndex | None = None,
    notes: list[str] | None = None,
) -> list[Claim]:
    """The claims with matching fact-checks and (with ``index``: a folder, or a server's
    :class:`~veracity.verify.index.ServedIndex`) evidence and a verdict each.

    When the fact-check store is not built on this machine, matching is skipped and the reason
    is appended to ``notes`` (the report's notes).
    """
    from veracity.verify.factchecks import match_debunks_if_built

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

    evidence_index = EvidenceIndex.load(index) if isinstance(index, Path) else index.current()
    verified = []
    for claim in claims:
        passages, verdict = verify_claim(claim.text, evidence_index)
        verified.append(claim.model_copy(update={"evidence": passages, "verdict": verdict}))
    return verified


__all__ = ["verify_claims"]
