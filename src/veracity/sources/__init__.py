"""Sources stage (both paths): how factual and how biased are the outlets behind an article.

Entry points: :func:`rate_outlet` (one domain or outlet name) and :func:`rate_article_sources`
(the article's own domain and every outlet it cites). Ratings come from the published lists in
``data/outlets`` (Media Bias/Fact Check 2026 and 2025, Lin et al. 2023, Wikipedia's perennial
sources, Lasser et al., Robertson et al.) and Baly et al.'s MBFC corpora (``data/media_reliability``),
in a table that ``veracity setup`` builds on each machine (it is data, so it is not shipped):
each field comes from the newest list that gives it, with that list and its date, every list's
own rating is kept, and an outlet that lists rate both high and low is ``contested``. An outlet
in no list is "unknown", never a guess. Without the table, articles are still analysed: no outlet is rated and
the report's ``notes`` say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from veracity.errors import InputError
from veracity.ingest.urls import publisher_url
from veracity.report.schema import (
    OutletRating,
    Signal,
    SignalKind,
    SourceRating,
    Span,
    satire_listing,
)
from veracity.sources.domains import (
    is_valid_host,
    looks_like_domain,
    parent_domains,
    platform_name,
    split_address,
)
from veracity.sources.lists import SOURCE_BY_ID
from veracity.sources.table import (
    OutletAlias,
    load_outlet_table,
    outlet_table_ready,
    outlet_table_stamp,
)

__all__ = [
    "OutletCitation",
    "build_sources",
    "find_outlet_citations",
    "outlet_table_ready",
    "outlet_table_stamp",
    "platform_name",
    "queried_address_note",
    "rate_article_sources",
    "rate_outlet",
    "rated_as_another_address",
    "satire_listing",
]

if TYPE_CHECKING:
    from veracity.ingest import Article
    from veracity.sources.build import build_sources
    from veracity.sources.citations import OutletCitation, find_outlet_citations

MAX_QUERY_CHARS = 300
_LAZY = {
    "build_sources": "veracity.sources.build",
    "OutletCitation": "veracity.sources.citations",
    "find_outlet_citations": "veracity.sources.citations",
}


def __getattr__(name: str):
    # Building the table and finding citations import scikit-learn and the NLP view: a rating
    # lookup (``veracity source``) needs neither.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def rate_outlet(
    domain_or_name: str, *, role: str = "queried", with_ratings: bool = True
) -> OutletRating:
    """The factuality and bias of one outlet, given a URL, a domain or a name as written in prose.

    ``with_ratings=False`` leaves ``ratings`` (every list's own rating, a model each) empty:
    for a caller that reads only the outlet's name, domain, factuality and bias.
    """
    from veracity.ingest.text import clean_text

    # as a claim is read (pipeline.check_claim): `veracity source` echoed an argument's ESC and
    # OSC sequences to the terminal, and its lone surrogates (bytes that are not UTF-8) ended
    # `--format json` in "internal error: PydanticSerializationError" (hostile round 5)
    query = clean_text((domain_or_name or "").encode("utf-8", "replace").decode("utf-8")).strip()
    if not query:
        raise InputError("no outlet given: pass a domain (breitbart.com) or a name (Breitbart)")
    if len(query) > MAX_QUERY_CHARS:
        raise InputError(f"outlet name or domain is too long ({len(query)} characters)")
    table = load_outlet_table()
    if looks_like_domain(query):
        query = publisher_url(query)  # a web archive's copy: the archived page's outlet
        host, _ = split_address(query)
        if not is_valid_host(host):
            raise InputError(f"{query!r} is not a valid domain or URL")
        address = query
    else:
        alias = table.find_by_name(query)
        if alias is None:
            return OutletRating(outlet=query, role=role)  # type: ignore[arg-type]
        _one_outlet(query, alias)
        address = alias.domain
    host, record = table.find_by_address(address)
    # a post there is as reliable as whoever posted it: reports show that, not this rating
    # (a channel a list rates at its own address, youtube.com/nextnewsnetwork, is no platform)
    rated = record.domain if record else host
    platform = "/" not in rated and platform_name(rated) is not None
    if record is None:
        return OutletRating(
            outlet=table.display_name(host, None),
            domain=host,
            role=role,  # type: ignore[arg-type]
            platform=platform,
        )
    return OutletRating(
        outlet=table.display_name(host, record),
        domain=record.domain,
        factuality=record.factuality,  # type: ignore[arg-type]
        factuality_detail=record.factuality_detail,
        bias=record.bias,
        role=role,  # type: ignore[arg-type]
        rating_source=record.rating_source,
        bias_source=_cite(record.bias_source),
        contested=record.contested,
        platform=platform,
        ratings=(
            [_source_rating(r, record.address) for r in table.ratings(record)]
            if with_ratings
            else []
        ),
    )


_PAPERS_NAMED = 4  # papers an error names by way of example


def _one_outlet(query: str, alias: OutletAlias) -> None:
    """Refuse a name that is only a title many places' papers share ("The Gazette", "the
    Herald"): it would be rated as whichever paper a list happened to file under it."""
    from veracity.sources.places import shared_title

    title = shared_title(alias)
    if title is None:
        return
    papers: dict[str, str] = {}  # a name for each paper's address, the first in order
    for other in sorted(load_outlet_table().aliases_, key=lambda a: a.name):
        if re.split(r"[\s-]", other.name)[-1] == title:
            papers.setdefault(other.domain, f"{other.name} ({other.domain})")
    named = ", ".join(sorted(papers.values())[:_PAPERS_NAMED])
    raise InputError(
        f"{query!r} is the title of many papers ({len(papers)} in the rating lists, such as "
        f"{named}): give the paper's domain or its full name"
    )


def _cite(source_id: str | None) -> str | None:
    if source_id is None:
        return None
    source = SOURCE_BY_ID[source_id]
    return f"{source.name}, {source.date}"


def _source_rating(row: dict, address: str) -> SourceRating:
    source = SOURCE_BY_ID[row["source"]]
    return SourceRating(
        source=source.name,
        date=str(row["year"]) if "year" in row else source.date,
        factuality=row["factuality"],
        factuality_detail=row.get("factuality_detail"),
        bias=row["bias"],
        bias_detail=row.get("bias_detail"),
        domain=row.get("address", address),
        url=row.get("url"),
    )


def rate_article_sources(article: Article, citations: Iterable[Signal]) -> list[OutletRating]:
    """The article's own outlet (from its URL) then each cited outlet with where it is cited."""
    ratings: list[OutletRating] = []
    publisher = article.source_domain or article.source_url
    if publisher and article.source_from == "page":
        # The address a page gives for itself is named, not rated: a fake page names a trusted
        # outlet there (a copy of reuters.com's markup), and its rating would vouch for it.
        ratings.append(OutletRating(outlet=publisher, role="publisher"))
        publisher = None
    if not outlet_table_ready():
        return ratings + ([OutletRating(outlet=publisher, role="publisher")] if publisher else [])
    if publisher:
        try:
            ratings.append(_rating_of(publisher, "publisher"))
        except InputError:
            ratings.append(OutletRating(outlet=publisher, role="publisher"))
    cited: dict[str, OutletRating] = {}
    for signal in citations:
        if signal.kind != SignalKind.OUTLET_CITATION:
            continue
        domain = str(signal.detail.get("domain", ""))
        if domain not in cited:
            outlet = signal.detail.get("outlet")
            cited[domain] = _rating_of(
                domain or signal.quote, "cited", None if outlet is None else str(outlet)
            )
        cited[domain].citations.append(Span(start=signal.start, end=signal.end, quote=signal.quote))
    return ratings + list(cited.values())


def filed_under_another_address(rating: OutletRating, host: str) -> str | None:
    """The address of ``host`` (itself or a parent domain) that the rating lists file under
    another address of the same outlet, where ``rating`` was made for that other address
    (sputniknews.com under sputnikglobe.com, where Media Bias/Fact Check's 2026 list rates
    Sputnik: :func:`veracity.sources.lists.domain_aliases`); None when the rating was made for
    ``host``, a section of it or its registered domain, or when no rating was found."""
    if rating.domain is None or not outlet_table_ready():
        return None
    rated_host = rating.domain.split("/")[0]
    parents = parent_domains(host)
    if rated_host in parents:
        return None
    aliases = load_outlet_table().domain_aliases_
    return next((d for d in parents if aliases.get(d, "").split("/")[0] == rated_host), None)


def rated_as_another_address(rating: OutletRating, host: str, whose: str) -> str | None:
    """Which address ``rating`` was made for and why it stands for ``host`` (``whose``: what
    that address is to the reader, "this article's address"), where the rating lists file
    ``host`` under another address of the same outlet (:func:`filed_under_another_address`);
    None otherwise. The report's note and `veracity source` say it in these words."""
    filed = filed_under_another_address(rating, host)
    if filed is None:
        return None
    return (
        f"rated as {rating.domain}, not {host} ({whose}): the rating lists give {filed} and "
        f"{rating.domain} to one outlet, {rating.outlet}, which Media Bias/Fact Check's newest "
        f"list rates at {rating.domain} (an address the outlet moved to or also uses)."
    )


def queried_address_note(query: str, rating: OutletRating) -> str | None:
    """What `veracity source` says of an address asked about that its outlet's rating was made
    for another address of (probe s47: `veracity source sputniknews.com` printed "Sputnik
    (sputnikglobe.com)" and no word of why, as a report says it); None for a name."""
    query = query.strip()
    if not looks_like_domain(query):
        return None
    host, _ = split_address(publisher_url(query))
    why = rated_as_another_address(rating, host, "the address asked about")
    return f"Rated as {why.removeprefix('rated as ')}" if why else None


# Each outlet's full rating, for the table it was read from: the articles of a corpus cite the
# same outlets over and over, and a rating builds a model per rating list (about a tenth of a
# millisecond of every batch row). Bounded, as publishers' domains come from the input.
_RATED: dict[tuple[str, str], OutletRating] = {}
_RATED_TABLE: list[object] = [None]
_RATED_MAX = 10_000


def _rating_of(query: str, role: str, outlet: str | None = None) -> OutletRating:
    """``rate_outlet(query, role=role)`` (named ``outlet`` when given), rated once per outlet
    table, as a copy of its own: the caller adds citations to it."""
    table = load_outlet_table()
    if _RATED_TABLE[0] is not table:  # another table (rebuilt, or another folder)
        _RATED.clear()
        _RATED_TABLE[0] = table
    rating = _RATED.get((query, role))
    if rating is None:
        if len(_RATED) >= _RATED_MAX:
            _RATED.clear()
        rating = _RATED[query, role] = rate_outlet(query, role=role)
    update = {"ratings": list(rating.ratings), "citations": []}
    return rating.model_copy(update=update if outlet is None else {**update, "outlet": outlet})
