"""Verify stage: known-debunk matching (:mod:`.factchecks`), evidence retrieval (:mod:`.index`),
stance (:mod:`.stance`) and verdicts (:mod:`.verdict`).

Entry point: :func:`verify_claims`, for claims found by the claims stage (or given by a user).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from veracity.report.schema import Claim

if TYPE_CHECKING:
    from veracity.verify.index import Passage, ServedIndex


def verify_claims(
    claims: list[Claim],
    *,
    index: Path | ServedIndex | None = None,
    notes: list[str] | None = None,
    source_text: str | None = None,
) -> list[Claim]:
    """The claims with matching fact-checks and (with ``index``: a folder, or a server's
    :class:`~veracity.verify.index.ServedIndex`) evidence and a verdict each.

    ``source_text``: the article the claims come from. A passage of the index that it holds
    (the article's own, or a copy's, when the index holds it) is no evidence for its claims: it
    is left out, and a note names the documents it came from.

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
    own_text = " ".join(source_text.split()) if source_text else None
    own_documents: dict[str, None] = {}

    def own(passage: Passage) -> bool:
        if own_text is None or " ".join(passage.text.split()) not in own_text:
            return False
        own_documents[passage.document_id] = None
        return True

    verified = []
    for claim in claims:
        passages, verdict = verify_claim(
            claim.text, evidence_index, leave_out=own if own_text else None
        )
        verified.append(claim.model_copy(update={"evidence": passages, "verdict": verdict}))
    if own_documents and notes is not None:
        named = ", ".join(list(own_documents)[:5]) + (
            f" and {len(own_documents) - 5:,} more" if len(own_documents) > 5 else ""
        )
        notes.append(
            f"The evidence index holds this article's own text (document(s) {named}): those "
            "passages were left out of the evidence for its claims, as an article, or a copy "
            "of it, is no evidence for itself."
        )
    return verified


__all__ = ["verify_claims"]
