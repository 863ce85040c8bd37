"""Outlet citations: where the text leans on a named news outlet, and how factual that outlet is.

"According to Russia's Sputnik news agency", "Reuters reported", "told CNN": each cited outlet
is rated from Media Bias/Fact Check (via :mod:`veracity.sources`). A claim resting on a
low-factuality outlet weighs heavily; one resting on a high-factuality outlet barely at all;
an outlet missing from the data is unknown, and weighs in between. The page's own outlet (its
address's) is the publisher, never a citation, and so is the agency its dateline names. Runs on both paths.
"""

from __future__ import annotations

from veracity.errors import InputError
from veracity.nlp import AnalysedText
from veracity.nlp.document import dateline_agency
from veracity.report.schema import Signal, SignalKind, rating_words, satire_listing
from veracity.signals.registry import make_signal, register
from veracity.sources import (
    find_outlet_citations,
    load_outlet_table,
    outlet_table_ready,
    outlet_table_stamp,
    platform_name,
    rate_outlet,
)

NAME = "outlet_citation"

WEIGHTS = {"low": 0.85, "mixed": 0.5, "unknown": 0.3, "high": 0.1}
EXPLANATIONS = {
    "low": "Cites {outlet}, an outlet rated low for factual reporting ({bias} bias).",
    "mixed": "Cites {outlet}, an outlet rated mixed for factual reporting ({bias} bias).",
    "high": "Cites {outlet}, an outlet rated high for factual reporting ({bias} bias).",
    "unknown": "Cites {outlet}, an outlet with no factuality rating in the data.",
}
# A post on a platform where anyone publishes (an embedded tweet, a YouTube video) is as good as
# whoever posted it, which the platform's own rating does not say: it weighs as an unrated outlet.
# An outlet a rating list files under satire: its stories are jokes, whatever factuality another
# list gives its site (probe s50 O1: "Cites The Onion, an outlet rated mixed for factual
# reporting (center bias)", from Lin et al.'s domain score and Baly et al.'s bias). A text that
# leans on a joke as a report leans on no report at all: it weighs as a low-factuality outlet.
SATIRE_EXPLANATION = "Cites {outlet}, {satire}."
PLATFORM_EXPLANATION = (
    "Cites a post on {platform}, a platform where anyone publishes: it is as reliable as whoever "
    "posted it."
)


# The headline fields of each address rated so far, for the table they were read from: an
# outlet is cited by many articles of a corpus, and a rating costs a lookup and a model.
# Bounded, as publishers' domains come from the input.
_HEADLINES: dict[str, tuple[str, str, str, str, str | None]] = {}
_HEADLINES_TABLE: list[object] = [None]
_HEADLINES_MAX = 10_000


def _headline(address: str) -> tuple[str, str, str, str, str | None]:
    """``(outlet, domain, factuality, bias, satire)`` of a cited address, as ``rate_outlet``
    gives them; ``satire``: which list files it under satire, in a report's words, or None."""
    table = load_outlet_table()
    if _HEADLINES_TABLE[0] is not table:  # another table (rebuilt, or another folder)
        _HEADLINES.clear()
        _HEADLINES_TABLE[0] = table
    if address not in _HEADLINES:
        if len(_HEADLINES) >= _HEADLINES_MAX:
            _HEADLINES.clear()
        rating = rate_outlet(address, role="cited")
        satire = satire_listing(rating)
        _HEADLINES[address] = (
            rating.outlet,
            rating.domain or address,
            rating.factuality,
            rating.bias,
            None if satire is None else rating_words(rating),
        )
    return _HEADLINES[address]


def _publisher_domain(page: str | None) -> str | None:
    """The rated domain of the page's own outlet (``reuters.com`` for uk.reuters.com), if known."""
    if not page:
        return None
    try:
        return _headline(page)[1]
    except InputError:  # an address that names no outlet: the report rates it as given
        return None


# Its counts depend on this machine's outlet table: caches of them are keyed on the table too. It
# reads outlet names and addresses, not English wording, so it runs on text in any language.
@register(NAME, SignalKind.OUTLET_CITATION, data_stamp=outlet_table_stamp, english_only=False)
def detect_outlet_citations(analysed: AnalysedText) -> list[Signal]:
    """A span for each citation of a news outlet, weighted by the outlet's factuality."""
    signals: list[Signal] = []
    if not outlet_table_ready():  # not built on this machine: the report's notes say so
        return signals
    citations = find_outlet_citations(analysed)
    # an outlet's own name on its own page ("LONDON (Reuters)" on reuters.com) is its byline,
    # not a citation: the report lists it once, as the publisher
    publisher = _publisher_domain(analysed.article.source_domain) if citations else None
    # so is the agency the body's dateline names ("SANTIAGO, Dec 3 (Reuters) -"), there and
    # wherever else the story names it ("polled by Reuters"): the story's own newsgathering
    # (probe s49 S5: "Cites Reuters" twice on a Reuters wire story)
    agency = dateline_agency(analysed.text, analysed.article.body_start) if citations else None
    own = {publisher} | {
        _headline(c.address)[1] for c in citations if agency and agency[0] <= c.start < agency[1]
    }
    for citation in citations:
        outlet, domain, factuality, bias, satire = _headline(citation.address)
        if domain in own:
            continue
        platform = platform_name(domain)
        if platform:
            weight, explanation = WEIGHTS["unknown"], PLATFORM_EXPLANATION.format(platform=platform)
        elif satire:
            weight, explanation = (
                WEIGHTS["low"],
                SATIRE_EXPLANATION.format(outlet=outlet, satire=satire),
            )
        else:
            weight = WEIGHTS[factuality]
            explanation = EXPLANATIONS[factuality].format(outlet=outlet, bias=bias)
        signals.append(
            make_signal(
                analysed,
                citation.start,
                citation.end,
                kind=SignalKind.OUTLET_CITATION,
                detector=NAME,
                weight=weight,
                explanation=explanation,
                outlet=outlet,
                domain=domain,
                factuality=factuality,
                bias=bias,
            )
        )
    return signals
