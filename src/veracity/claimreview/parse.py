"""Read ClaimReview JSON-LD (one object, a list, an ``@graph`` or a schema.org DataFeed) and
Google Fact Check Tools ``claims:search`` responses."""

from __future__ import annotations

import hashlib
from typing import Any

from pydantic import BaseModel, Field

from veracity.errors import InputError, InputTooLargeError
from veracity.ingest.text import MAX_CLAIM_CHARS, strip_hidden_characters


class ClaimReviewItem(BaseModel):
    """What veracity keeps of one ClaimReview."""

    claim: str = Field(description="claimReviewed: the claim as the fact-checker states it.")
    rating: str = Field(description="reviewRating.alternateName, the fact-checker's own verdict.")
    rating_value: str | None = None
    best_rating: str | None = None
    worst_rating: str | None = None
    fact_checker: str = Field(description="author.name: who published the review.")
    fact_checker_url: str | None = None
    url: str | None = Field(None, description="The review's own page.")
    title: str | None = None
    date_published: str | None = None
    claimant: str | None = Field(None, description="itemReviewed.author.name: who made the claim.")
    claim_date: str | None = None
    language: str | None = None

    @property
    def written_rating(self) -> str | None:
        """The rating's text as the fact-checker wrote it (alternateName, else name); None for
        a rating given only as a number, whose ``rating`` ("1/5") veracity wrote to show it."""
        if self.rating_value is not None and self.rating == _numeric(
            self.rating_value, self.best_rating
        ):
            return None
        return self.rating

    @property
    def id(self) -> str:
        """Stable across imports: the review's URL (else fact-checker and claim) hashed."""
        key = self.url or f"{self.fact_checker}\n{self.claim}"
        return "claimreview-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def parse_claimreviews(document: Any, *, name: str = "input") -> list[ClaimReviewItem]:
    """Every ClaimReview in a parsed JSON-LD document or Fact Check Tools ``claims:search``
    response (or a list of its pages); a malformed one raises, naming it."""
    if document == {}:  # what claims:search answers when it finds nothing
        raise InputError(f"{name} is an empty object: no claims, no ClaimReview")
    pages = document if isinstance(document, list) else [document]
    if pages and all(_is_search_response(page) for page in pages):
        return _search_reviews(pages, name)
    items = list(_candidates(document))
    if not items:
        raise InputError(
            f"{name} holds no ClaimReview (expected an object, a list or an @graph, or a Fact "
            "Check Tools claims:search response)"
        )
    reviews = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise InputError(f"{name} item {number} is not a JSON object")
        if "ClaimReview" not in _types(item):
            if item.get("@type") is None:
                raise InputError(f"{name} item {number} has no @type (expected ClaimReview)")
            continue  # other nodes of a graph (the organisation, the web page)
        label = f"{name} item {number}{_label(item)}"
        reviews.append(_bounded(_review(item, label), label, _FIELDS))
    if not reviews:
        raise InputError(f"{name} holds no item of @type ClaimReview")
    return reviews


def _is_search_response(node: Any) -> bool:
    """Whether ``node`` is a Fact Check Tools ``claims:search`` response (``{"claims": [...],
    "nextPageToken": ...}``), not JSON-LD."""
    return (
        isinstance(node, dict)
        and "claims" in node
        and not {"@type", "@context", "@graph"} & node.keys()
    )


def _search_reviews(pages: list[dict], name: str) -> list[ClaimReviewItem]:
    """The reviews of Fact Check Tools ``claims:search`` responses: each claim's ``text``,
    ``claimant`` and ``claimDate`` with each of its ``claimReview`` entries (``publisher.name``,
    else ``publisher.site``, as the fact-checker; ``textualRating`` as its rating)."""
    reviews = []
    number = 0
    for page in pages:
        claims = page["claims"]
        if not isinstance(claims, list):
            raise InputError(f"{name}: 'claims' is not a list")
        for claim in claims:
            number += 1
            label = f"{name} claim {number}"
            if not isinstance(claim, dict):
                raise InputError(f"{label} is not a JSON object")
            text = _claim_text(claim.get("text"), label, "text")
            if not text:
                raise InputError(f"{label}: no text")
            entries = claim.get("claimReview")
            if not isinstance(entries, list) or not entries:
                raise InputError(f"{label}: no claimReview list")
            for review_number, entry in enumerate(entries, start=1):
                where = f"{label} review {review_number}"
                if not isinstance(entry, dict):
                    raise InputError(f"{where} is not a JSON object")
                where += _label(entry)
                publisher = entry.get("publisher")
                publisher = publisher if isinstance(publisher, dict) else {}
                fact_checker = _text(publisher.get("name")) or _text(publisher.get("site"))
                if not fact_checker:
                    raise InputError(f"{where}: no publisher with a name or site")
                rating = _text(entry.get("textualRating"))
                if not rating:
                    raise InputError(f"{where}: no textualRating")
                reviews.append(
                    _bounded(
                        ClaimReviewItem(
                            claim=text,
                            rating=rating,
                            fact_checker=fact_checker,
                            url=_address(entry.get("url"), where),
                            title=_text(entry.get("title")),
                            date_published=_text(entry.get("reviewDate")),
                            claimant=_text(claim.get("claimant")),
                            claim_date=_text(claim.get("claimDate")),
                            language=_text(entry.get("languageCode")),
                        ),
                        where,
                        _SEARCH_FIELDS,
                    )
                )
    if not reviews:
        raise InputError(f"{name} is a claims:search response with no claims")
    return reviews


# Each kept field by the name its input gives it, for the error that names one too long.
_FIELDS = {
    "rating": "reviewRating",
    "rating_value": "reviewRating.ratingValue",
    "best_rating": "reviewRating.bestRating",
    "worst_rating": "reviewRating.worstRating",
    "fact_checker": "author.name",
    "fact_checker_url": "author.url",
    "url": "url",
    "title": "name",
    "date_published": "datePublished",
    "claimant": "itemReviewed.author.name",
    "claim_date": "itemReviewed.datePublished",
    "language": "inLanguage",
}
_SEARCH_FIELDS = {
    **_FIELDS,
    "rating": "textualRating",
    "fact_checker": "publisher.name",
    "title": "title",
    "date_published": "reviewDate",
    "claimant": "claimant",
    "claim_date": "claimDate",
    "language": "languageCode",
}


def _bounded(item: ClaimReviewItem, label: str, names: dict[str, str]) -> ClaimReviewItem:
    """``item``, or :class:`InputTooLargeError` naming a field longer than a claim: the claim
    is refused past ``MAX_CLAIM_CHARS`` (:func:`_claim_text`), and a rating, a fact-checker's
    name or an address is stored, matched to claims and shown with every match as well (a
    5 MB author name was taken whole, security round 7)."""
    for field, name in names.items():
        value = getattr(item, field)
        if isinstance(value, str) and len(value) > MAX_CLAIM_CHARS:
            raise InputTooLargeError(
                f"{label}: {name} is {len(value):,} characters long; a field of a review is at "
                f"most {MAX_CLAIM_CHARS:,} characters (as a claim is)"
            )
    return item


def _address(value: Any, label: str) -> str | None:
    """A review's URL, which must be an http(s) address (it is shown and exported as a link)."""
    url = _text(value)
    if url is not None and not url.startswith(("http://", "https://")):
        raise InputError(f"{label}: url {url[:80]!r} is not an http(s) address")
    return url


def _candidates(document: Any):
    if isinstance(document, list):
        for entry in document:
            yield from _candidates(entry) if _is_container(entry) else [entry]
    elif isinstance(document, dict) and _is_container(document):
        if "@graph" in document:
            yield from _candidates(document["@graph"])
        for element in document.get("dataFeedElement") or []:
            inner = element.get("item") if isinstance(element, dict) else None
            yield from _candidates(inner if isinstance(inner, list) else [inner])
    elif document is not None:
        yield document


def _is_container(node: Any) -> bool:
    if isinstance(node, list):
        return True
    return isinstance(node, dict) and ("@graph" in node or "DataFeed" in _types(node))


def _types(node: dict) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).rsplit("/", 1)[-1] for k in kinds if k}


def _label(item: dict) -> str:
    url = item.get("url")
    if not isinstance(url, str) or not url:
        return ""
    return f" ({url if len(url) <= 120 else url[:119] + '…'})"  # one error line, whatever it is


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        # Controls dropped (ESC and C1 sequences would drive the terminal `veracity verify`
        # prints them to), lone surrogates replaced, as for an article's text.
        text = str(value).encode("utf-8", "replace").decode("utf-8")
        text = " ".join(strip_hidden_characters(text).split())
        return text or None
    return None


def _numeric(value: str | None, best: str | None) -> str:
    """How a rating given only as a number is shown ("1/5"): veracity's, not the fact-checker's."""
    return f"{value}/{best or '?'}"


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _name(node: Any) -> str | None:
    node = _first(node)
    if isinstance(node, dict):
        return _text(node.get("name"))
    return _text(node)


def _claim_text(value: Any, label: str, field: str) -> str | None:
    """A review's claim (:func:`_text`), refused past the length of a claim ``veracity verify``
    checks: an imported statement is matched against every claim near it, and shown whole."""
    text = _text(value)
    if text is not None and len(text) > MAX_CLAIM_CHARS:
        raise InputTooLargeError(
            f"{label}: {field} is {len(text):,} characters long; a claim is at most "
            f"{MAX_CLAIM_CHARS:,} characters (as `veracity verify` takes one)"
        )
    return text


def _review(item: dict, label: str) -> ClaimReviewItem:
    claim = _claim_text(item.get("claimReviewed"), label, "claimReviewed")
    if not claim:
        raise InputError(f"{label}: no claimReviewed text")
    rating = _first(item.get("reviewRating"))
    if not isinstance(rating, dict):
        raise InputError(f"{label}: no reviewRating object")
    verdict = _text(rating.get("alternateName")) or _text(rating.get("name"))
    value = _text(rating.get("ratingValue"))
    if not verdict and not value:
        raise InputError(f"{label}: reviewRating has neither alternateName nor ratingValue")
    author = _first(item.get("author"))
    fact_checker = _name(author)
    if not fact_checker:
        raise InputError(f"{label}: no author (the fact-checker) with a name")
    reviewed = _first(item.get("itemReviewed"))
    reviewed = reviewed if isinstance(reviewed, dict) else {}
    url = _address(item.get("url"), label)
    language = item.get("inLanguage")
    if isinstance(language, dict):
        language = language.get("alternateName") or language.get("name")
    return ClaimReviewItem(
        claim=claim,
        rating=verdict or _numeric(value, _text(rating.get("bestRating"))),
        rating_value=value,
        best_rating=_text(rating.get("bestRating")),
        worst_rating=_text(rating.get("worstRating")),
        fact_checker=fact_checker,
        fact_checker_url=_text(author.get("url")) if isinstance(author, dict) else None,
        url=url,
        title=_text(item.get("name")) or _text(item.get("headline")),
        date_published=_text(item.get("datePublished")),
        claimant=_name(reviewed.get("author")),
        claim_date=_text(reviewed.get("datePublished")),
        language=_text(language),
    )
