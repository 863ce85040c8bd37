"""Claims stage (deep path): check-worthy sentences of an article, with entities and numbers.

Entry points: :func:`extract_claims` (an article's claims) and :func:`score_claim` (one claim on
its own). Verifying them is the verify stage's job; :mod:`veracity.pipeline` composes the two.
"""

from __future__ import annotations

from veracity.claims.extract import extract_claims, score_claim

__all__ = ["extract_claims", "score_claim"]
