"""Matched fact-checks as ClaimReview JSON-LD (schema.org), with the fact-checker's own rating."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from veracity.claimreview.parse import ClaimReviewItem
from veracity.claimreview.speakers import is_organisation
from veracity.claimreview.store import read_reviews, source_label
from veracity.data.liar import MEDIA_SPEAKERS, speaker_name
from veracity.report.schema import DebunkMatch

CONTEXT = "https://schema.org"
# Who published the corpus fact-checks, from the start of their ``source``.
_CORPUS_PUBLISHERS = (
    ("PolitiFact via LIAR", "PolitiFact", "https://www.politifact.com/"),
    ("CONSTRAINT-2021", "CONSTRAINT-2021 shared task (fact-checked social media posts)", None),
    ("CLIMATE-FEVER", "CLIMATE-FEVER (annotated Wikipedia evidence)", None),
)


def claimreview_jsonld(matches: Iterable[DebunkMatch]) -> dict[str, Any]:
    """One ``@graph`` of ClaimReview nodes, one per distinct fact-check, in the given order."""
    imported = {source_label(review): review for review in read_reviews().values()}
    graph, seen = [], set()
    for match in matches:
        key = (match.source, match.statement)
        if key in seen:
            continue
        seen.add(key)
        review = imported.get(match.source)
        graph.append(_from_review(review) if review else _from_match(match))
    return {"@context": CONTEXT, "@graph": graph}


# JSON-LD is published inside an HTML page's <script type="application/ld+json"> block, where
# "</script>" in a string (a fact-checker's name or a claim as an imported review gave it) would
# end the block and run what follows as markup; JSON reads these escapes as the same characters.
_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def claimreview_json(document: dict[str, Any] | list[dict[str, Any]]) -> str:
    """``document`` (:func:`claimreview_jsonld`'s, or a list of them) as JSON text safe to
    paste into an HTML page's ``<script type="application/ld+json">`` block, as schema.org
    markup is published: ``<``, ``>`` and ``&`` written as JSON escapes, so no string of it
    ends the block (the same JSON for any reader)."""
    return json.dumps(document, indent=2, ensure_ascii=False).translate(_HTML_SAFE)


def _from_review(review: ClaimReviewItem) -> dict[str, Any]:
    """The review as its fact-checker published it. A rating given only as a number keeps its
    numbers and no alternateName: Google wants the fact-checker's own words there ("False",
    "Mostly true"), which only the fact-checker can say its numbers stand for."""
    rating: dict[str, Any] = {"@type": "Rating"}
    if review.written_rating is not None:
        rating["alternateName"] = review.written_rating
    for key, value in (
        ("ratingValue", review.rating_value),
        ("bestRating", review.best_rating),
        ("worstRating", review.worst_rating),
    ):
        if value is not None:
            rating[key] = value
    author: dict[str, Any] = {"@type": "Organization", "name": review.fact_checker}
    if review.fact_checker_url:
        author["url"] = review.fact_checker_url
    node: dict[str, Any] = {
        "@type": "ClaimReview",
        "claimReviewed": review.claim,
        "reviewRating": rating,
        "author": author,
        "itemReviewed": _claim(review.claimant, review.claim_date),
    }
    for key, value in (
        ("url", review.url),
        ("name", review.title),
        ("datePublished", review.date_published),
        ("inLanguage", review.language),
    ):
        if value is not None:
            node[key] = value
    return node


def _from_match(match: DebunkMatch) -> dict[str, Any]:
    name, url = match.source, None
    for prefix, publisher, site in _CORPUS_PUBLISHERS:
        if match.source.startswith(prefix):
            name, url = publisher, site
            break
    author: dict[str, Any] = {"@type": "Organization", "name": name}
    if url:
        author["url"] = url
    if match.source.startswith("PolitiFact via LIAR") and match.speaker:
        claim = _liar_claim(match.speaker)
    else:
        claim = _claim(match.speaker, None)
    return {
        "@type": "ClaimReview",
        "claimReviewed": match.statement,
        "reviewRating": {"@type": "Rating", "alternateName": match.verdict},
        "author": author,
        "itemReviewed": claim,
        "description": match.source,
    }


def _liar_claim(slug: str) -> dict[str, Any]:
    """The claim of a LIAR statement: its speaker's slug ("barack-obama") written as a name,
    a Person or an Organization; a chain email or Facebook posts are where it appeared."""
    if slug in MEDIA_SPEAKERS:
        return {
            "@type": "Claim",
            "appearance": {"@type": "CreativeWork", "name": speaker_name(slug)},
        }
    kind = "Organization" if is_organisation(slug) else "Person"
    return {"@type": "Claim", "author": {"@type": kind, "name": speaker_name(slug)}}


def _claim(claimant: str | None, date: str | None) -> dict[str, Any]:
    claim: dict[str, Any] = {"@type": "Claim"}
    if claimant:
        claim["author"] = {"@type": "Person", "name": claimant}
    if date:
        claim["datePublished"] = date
    return claim
