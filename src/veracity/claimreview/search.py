"""Search the fact-check store in the response shape of Google Fact Check Tools ``claims:search``.

The shape (``claims[].text/claimant/claimDate/claimReview[]``, ``nextPageToken``) is Google's,
so clients of that API can point at ``GET /v1/factchecks:search``. Ranking is veracity's own:
statements holding every query word first, then by embedding cosine to the query, those under
:data:`MIN_COSINE` left out.
"""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime

import numpy as np
from pydantic import BaseModel, Field

from veracity.claimreview.store import COLLECTION, read_reviews
from veracity.data.liar import speaker_name
from veracity.errors import InputError
from veracity.ingest.text import strip_hidden_characters
from veracity.verify.factchecks import FactCheck, load_factcheck_store

MIN_COSINE = 0.45
MAX_RESULTS = 500
MAX_PAGE_SIZE = 100
_WORD = re.compile(r"\w+")


class Publisher(BaseModel):
    name: str
    site: str | None = None


class ClaimReviewResult(BaseModel):
    publisher: Publisher
    url: str | None = None
    title: str | None = None
    reviewDate: str | None = None
    textualRating: str | None = None  # the fact-checker's words; none for a rating by number
    languageCode: str | None = None


class ClaimResult(BaseModel):
    text: str
    claimant: str | None = None
    claimDate: str | None = None
    claimReview: list[ClaimReviewResult]


class ClaimSearchResponse(BaseModel):
    """Google Fact Check Tools ``claims:search`` response."""

    claims: list[ClaimResult] = Field(default_factory=list)
    nextPageToken: str | None = None


def search_claims(
    query: str, *, language: str | None = None, page_size: int = 10, page_token: str | None = None
) -> ClaimSearchResponse:
    """One page of fact-checked claims about ``query``."""
    query = " ".join(strip_hidden_characters(query).split())  # a NUL-only query is empty
    if not query:
        raise InputError("query is empty")
    if len(query) > 1000:
        raise InputError("query is longer than 1,000 characters")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise InputError(f"pageSize must be between 1 and {MAX_PAGE_SIZE}")
    offset = _offset(page_token)
    store = load_factcheck_store()
    ranked = _rank(query, store.records, store.vectors)
    reviews = read_reviews()
    wanted = (language or "").lower().split("-")[0]
    results = []
    for index in ranked:
        record = store.records[index]
        review = reviews.get(record.id) if record.collection == COLLECTION else None
        record_language = (review.language if review else None) or "en"
        if wanted and record_language.lower().split("-")[0] != wanted:
            continue
        results.append(_claim_result(record, review))
    page = results[offset : offset + page_size]
    more = offset + page_size < len(results)
    return ClaimSearchResponse(
        claims=page, nextPageToken=_token(offset + page_size) if more else None
    )


def _rank(query: str, records: list[FactCheck], vectors: np.ndarray) -> list[int]:
    from veracity.embeddings import embed

    cosines = vectors.astype(np.float32) @ embed([query])[0]
    words = {w.lower() for w in _WORD.findall(query)}
    containing = (
        [
            i
            for i, r in enumerate(records)
            if words <= {w.lower() for w in _WORD.findall(r.statement)}
        ]
        if len(words) <= 8
        else []
    )
    near = np.flatnonzero(cosines >= MIN_COSINE)
    ordered = sorted(containing, key=lambda i: -cosines[i])
    first = set(containing)
    ordered += [int(i) for i in near[np.argsort(-cosines[near])] if int(i) not in first]
    return ordered[:MAX_RESULTS]


def _claim_result(record: FactCheck, review) -> ClaimResult:
    if review is not None:
        return ClaimResult(
            text=review.claim,
            claimant=review.claimant,
            claimDate=_timestamp(review.claim_date),
            claimReview=[
                ClaimReviewResult(
                    publisher=Publisher(
                        name=review.fact_checker, site=_site(review.fact_checker_url or review.url)
                    ),
                    url=review.url,
                    title=review.title,
                    reviewDate=_timestamp(review.date_published),
                    textualRating=review.written_rating,
                    languageCode=review.language,
                )
            ],
        )
    return ClaimResult(
        text=record.statement,
        claimant=speaker_name(record.speaker)
        if record.speaker and record.collection == "liar"
        else record.speaker,
        claimReview=[
            ClaimReviewResult(
                publisher=Publisher(name=record.source.split(",")[0]),
                title=record.source,
                textualRating=record.verdict,
                languageCode="en",
            )
        ],
    )


def _timestamp(value: str | None) -> str | None:
    """A ClaimReview date as Google's API writes it: an RFC 3339 UTC timestamp
    (``2024-03-12T00:00:00Z``; a bare date is midnight UTC). A date that does not parse is
    left out, as a client reading timestamps could not read it."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _site(url: str | None) -> str | None:
    if not url:
        return None
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or "").removeprefix("www.") or None


def _token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode().rstrip("=")


def _offset(token: str | None) -> int:
    if not token:
        return 0
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        offset = int(text.removeprefix("offset:")) if text.startswith("offset:") else -1
    except (ValueError, UnicodeDecodeError):
        offset = -1
    if not 0 <= offset <= MAX_RESULTS:
        raise InputError("pageToken is not one this server gave")
    return offset
