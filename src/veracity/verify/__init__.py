"""Verify stage: known-debunk matching (:mod:`.factchecks`), evidence retrieval (:mod:`.index`),
stance (:mod:`.stance`) and verdicts (:mod:`.verdict`).

Entry point for one claim on its own: :func:`check_claim`.
"""

from __future__ import annotations

from pathlib import Path

from veracity.errors import InputError
from veracity.report.schema import Claim


def check_claim(text: str, *, index: Path | None = None, notes: list[str] | None = None) -> Claim:
    """One claim with its check-worthiness, matching fact-checks and (with ``index``) a verdict.

    Without a built fact-check store, matching is skipped (the reason goes to ``notes``) when an
    ``index`` is given; with neither there is nothing to check against:
    :class:`~veracity.verify.factchecks.FactCheckStoreMissingError`.
    """
    from veracity.claims.model import load_checkworthiness_model
    from veracity.verify.factchecks import FactCheckStoreMissingError, match_debunks

    claim_text = text.strip()
    if not claim_text:
        raise InputError("the claim is empty")
    try:
        matches = match_debunks([claim_text])[0]
    except FactCheckStoreMissingError as exc:
        if index is None:
            raise FactCheckStoreMissingError(
                f"nothing to check the claim against: {exc}, or give an evidence index "
                "(veracity index)"
            ) from None
        matches = []
        if notes is not None:
            notes.append(f"Known-debunk matching was skipped: {exc}")
    score = float(load_checkworthiness_model().predict_proba([claim_text])[:, 1][0])
    claim = Claim(
        text=claim_text,
        start=0,
        end=len(claim_text),
        score=round(score, 4),
        debunk_matches=matches,
    )
    if index is None:
        return claim
    from veracity.verify.index import EvidenceIndex
    from veracity.verify.verdict import verify_claim

    passages, verdict = verify_claim(claim_text, EvidenceIndex.load(index))
    return claim.model_copy(update={"evidence": passages, "verdict": verdict})
