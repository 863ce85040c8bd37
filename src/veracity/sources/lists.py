"""Read each published outlet-rating list into one shape: who rates which domain how, and when.

The lists live in ``data/outlets`` (six public sources, see its README) and ``data/media_reliability``
(Media Bias/Fact Check via Baly et al.). Each source keeps its own scale in ``factuality_detail``
and ``bias_detail``; ``factuality`` is mapped to high / mixed / low and ``bias`` to the Baly
scale (extreme-left ... extreme-right), or "unknown" where the source says nothing about it.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from veracity.errors import DataError
from veracity.sources.domains import PLATFORMS, split_address

OUTLETS_CORPUS = "outlets"
BALY_CORPUS = "media_reliability"
BIAS_SCALE = (
    "extreme-left",
    "left",
    "left-center",
    "center",
    "right-center",
    "right",
    "extreme-right",
)


@dataclass(frozen=True, slots=True)
class RatingSource:
    """One published list: its id, how it is cited, and the date of its ratings."""

    id: str
    name: str
    date: str
    files: tuple[str, ...]  # paths under the data folder


# Newest expert rating first: the first source with a factuality (or bias) value gives the field.
SOURCES: tuple[RatingSource, ...] = (
    RatingSource(
        "mbfc_2026",
        "Media Bias/Fact Check (official extension feed)",
        "2026-08-19",
        ("outlets/mbfcext_official/docs_v5_data_combined.json",),
    ),
    RatingSource(
        "mbfc_2025",
        "Media Bias/Fact Check (scrape by K.-C. Yang)",
        "2025-03-14",
        ("outlets/mbfc_yang2025/data_raw_data_mbfc_ratings.csv",),
    ),
    RatingSource(
        "lin_2023",
        "Lin et al. 2023 aggregate domain quality (pc1)",
        "2023-09",
        ("outlets/lin2023_domain_quality/data_domain_pc1.csv",),
    ),
    RatingSource(
        "baly_acl2020",
        "Media Bias/Fact Check via Baly et al. (ACL 2020 corpus)",
        "2020",
        ("media_reliability/acl2020_corpus.tsv",),
    ),
    RatingSource(
        "baly_emnlp18",
        "Media Bias/Fact Check via Baly et al. (EMNLP 2018 corpus)",
        "2018",
        ("media_reliability/emnlp18_corpus.tsv",),
    ),
    RatingSource(
        "wikipedia_rsp_2026",
        "Wikipedia: Reliable sources/Perennial sources",
        "2026-04",
        ("outlets/wikipedia_rsp/domain_status_extracted.json",),
    ),
    RatingSource(
        "lasser_2022",
        "Lasser et al. 2022 list of (un)reliable domains",
        "2016..2021",
        ("outlets/lasser2022_misinfo_domains/data_clean_domain_list_clean.csv",),
    ),
    RatingSource(
        "wikipedia_rsp_2021",
        "Wikipedia: Reliable sources/Perennial sources (Kudusch extract)",
        "2021-03-17",
        ("outlets/wikipedia_rsp_2021/perennial-sources.csv",),
    ),
    RatingSource(
        "robertson_2018",
        "Robertson et al. 2018 audience partisanship",
        "2018",
        ("outlets/robertson2018_bias/data_bias_scores_bias_scores.csv",),
    ),
)
SOURCE_BY_ID = {s.id: s for s in SOURCES}
# Lin's pc1 cut-offs (its SOURCE.md; they put Reuters, NYT high, CNN, Fox mixed, Breitbart low).
LIN_HIGH, LIN_MIXED = 0.70, 0.40
# Robertson's audience score (-1 Democrats .. +1 Republicans) to the bias scale (its SOURCE.md).
ROBERTSON_CUTS = ((-0.6, "left"), (-0.2, "left-center"), (0.2, "center"), (0.6, "right-center"))


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One source's rating of one domain (or a section of it)."""

    source: str
    address: str  # host[/path] as the source lists it (see clean_address)
    factuality: str  # high / mixed / low / unknown
    factuality_detail: str | None
    bias: str  # the Baly scale, or unknown
    bias_detail: str | None
    name: str | None = None
    url: str | None = None
    year: int | None = None  # when the source last reviewed it, where it says
    organisation: bool = False  # the source files it as an organisation, not a news outlet

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None and k != "organisation"}


def clean_address(address: str) -> str:
    """``host[/path]`` of a URL or domain as a source lists it (lower case, no ``www.``)."""
    host, path = split_address(address)
    return f"{host}/{path}" if path else host


def aliased(address: str, aliases: dict[str, str]) -> str:
    """``address`` with its host renamed where ``aliases`` (:func:`domain_aliases`) files it
    under another."""
    host, _, path = address.partition("/")
    host = aliases.get(host, host)
    return f"{host}/{path}" if path else host


@dataclass(frozen=True, slots=True)
class DomainAlias:
    """An outlet's other address (``old``) and the one the newest list rates it at (``new``),
    with the evidence: where the lists say so."""

    old: str
    new: str
    evidence: str


# An MBFC page's address, as the lists give it ("http://mediabiasfactcheck.com/huffington-post/"):
# its path, in lower case.
_MBFC_PAGE = re.compile(r"^https?://(?:www\.)?mediabiasfactcheck\.com/([^?#]+?)/?$", re.IGNORECASE)


def _mbfc_page(url: str | None) -> str | None:
    match = _MBFC_PAGE.match((url or "").strip())
    return match.group(1).lower() if match else None


def domain_aliases(rows: list[SourceRow], feed_aliases: dict[str, str]) -> dict[str, DomainAlias]:
    """The addresses an outlet is rated at besides the one the newest list (MBFC's 2026 feed)
    rates it at, from the lists themselves, never guessed: the feed's own aliases
    (``feed_aliases``: bbc.co.uk for bbc.com), and an outlet that moved or was renamed, which
    an older list rates at its old address on the same MBFC page as the feed rates at the new
    one (huffingtonpost.com, Baly et al. 2020, and huffpost.com on MBFC's "huffington-post"
    page; sputniknews.com and sputnikglobe.com; msnbc.com and ms.now). Only whole sites, an
    old address the feed does not rate itself, no platform, one new address for each old one
    (an old address two pages move elsewhere stays as it is)."""
    newest = {row.address for row in rows if row.source == "mbfc_2026"}
    at_page: dict[str, set[str]] = {}
    for row in rows:
        if row.source == "mbfc_2026" and (page := _mbfc_page(row.url)) is not None:
            at_page.setdefault(page, set()).add(row.address)
    # old -> new -> (the MBFC page, the lists that rate old there)
    moved: dict[str, dict[str, tuple[str, list[str]]]] = {}
    for row in rows:
        page = _mbfc_page(row.url)
        targets = at_page.get(page or "", set())
        if page is None or row.source == "mbfc_2026" or len(targets) != 1:
            continue
        (new,) = targets
        old = row.address
        if old == new or old in newest or "/" in old or "/" in new or old in PLATFORMS:
            continue
        if not (_HOST.fullmatch(old) and _HOST.fullmatch(new)):
            continue  # a list's malformed row ("www" for Boston Broadside)
        moved.setdefault(old, {}).setdefault(new, (page, []))[1].append(row.source)
    aliases = {
        old: DomainAlias(
            old,
            new,
            f"MBFC's page {page!r} rates {new} in mbfc_2026 and {old} in "
            + ", ".join(dict.fromkeys(sources)),
        )
        for old, news in sorted(moved.items())
        if len(news) == 1
        for new, (page, sources) in news.items()
    }
    for old, new in sorted(feed_aliases.items()):
        old, new = clean_address(old), clean_address(new)
        if old and new and old != new and "/" not in old:
            aliases[old] = DomainAlias(old, new, "mbfc_2026's own aliases")
    return aliases


# A host name as the lists write one: labels of letters, digits and hyphens, a dot between.
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}")


def read_mbfc_2026_aliases(data_dir: Path) -> dict[str, str]:
    """The aliases MBFC's 2026 feed publishes beside its ratings ({"bbc.co.uk": "bbc.com"})."""
    path = data_dir / SOURCE_BY_ID["mbfc_2026"].files[0]
    aliases = _read_json(path).get("aliases") or {}
    if not isinstance(aliases, dict):
        raise DataError(f"outlet list {path} has an unexpected shape (aliases)")
    return {str(old): str(new) for old, new in aliases.items()}


def _mbfc_factuality(tier: str) -> str:
    """MBFC's six tiers on the three-level scale: very high, high, mostly factual are high."""
    tier = tier.strip().lower().replace("-", " ")
    if tier in {"very high", "high", "mostly factual"}:
        return "high"
    if tier == "mixed":
        return "mixed"
    if tier in {"low", "very low"}:
        return "low"
    return "unknown"


_MBFC_BIAS = {
    "left": "left",
    "left-center": "left-center",
    "left center": "left-center",
    "leftcenter": "left-center",
    "center": "center",
    "least biased": "center",
    "right-center": "right-center",
    "right center": "right-center",
    "right": "right",
    "extreme-right": "extreme-right",
    "extreme right": "extreme-right",
    "far right": "extreme-right",
    "far-right": "extreme-right",
    "extreme-left": "extreme-left",
    "extreme left": "extreme-left",
    "far left": "extreme-left",
    "far-left": "extreme-left",
}


def _mbfc_bias(text: str) -> str:
    """A direction from MBFC's bias text; categories (questionable, conspiracy, satire) give none
    unless prefixed by one ("RIGHT CONSPIRACY-PSEUDOSCIENCE" is right)."""
    text = re.sub(r"\s+", " ", text.strip().lower())
    if text in _MBFC_BIAS:
        return _MBFC_BIAS[text]
    match = re.match(r"(extreme|far)?[ -]?(left|right)\b", text)
    if match and not text.startswith(("left-center", "right-center")):
        return ("extreme-" if match.group(1) else "") + match.group(2)
    return "unknown"


SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "a", "an", "at", "to", "de"})


def mbfc_name(ref: str) -> str:
    """An outlet's name from its MBFC page address ("/fox-news/" -> "Fox News")."""
    slug = ref.rstrip("/").rsplit("/", 1)[-1].lower()
    words = [w for w in slug.split("-") if w]
    if words and words[-1] in {"com", "org", "net"}:
        return ""
    if len(words) > 1 and re.fullmatch(r"[2-4]", words[-1]):
        words = words[:-1]
    return " ".join(w if i and w in SMALL_WORDS else w.capitalize() for i, w in enumerate(words))


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"outlet list unreadable: {path} ({exc})") from exc


def _csv_rows(path: Path, delimiter: str = ",") -> Iterator[dict[str, str]]:
    if not path.is_file():
        raise DataError(f"outlet list missing: {path} (set VERACITY_DATA_DIR)")
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter=delimiter)


def read_mbfc_2026(path: Path) -> Iterator[SourceRow]:
    data = _read_json(path)
    for item in data["sources"]:
        tier = item.get("reporting") or ""
        category = item.get("bias") or ""
        factuality = _mbfc_factuality(tier)
        if not tier and category == "fake-news":  # a questionable source without a tier
            factuality = "low"
        bias = "center" if category == "pro-science" else _mbfc_bias(category)
        yield SourceRow(
            "mbfc_2026",
            clean_address(item["domain"]),
            factuality,
            tier.replace("-", " ") or None,
            bias,
            category or None,
            item.get("name"),
            item.get("url"),
        )


# MBFC's media type of a think tank, a party or an agency ("Organization/Foundation",
# "Government Organization"): a source of statements, not an outlet that reports them.
# Words of an organisation's name: a list rates the site of a think tank, a party or a charity,
# which prose names for its statements, not as an outlet. A name without one ("Save the
# Children") says what it is where the text calls it so ("the charity Save the Children":
# ``veracity.sources.citations``).
ORGANISATION_WORDS = frozenset(
    {"foundation", "institute", "institution", "council", "committee", "association"}
    | {"society", "center", "centre", "coalition", "party", "church", "university", "college"}
    | {"league", "alliance", "federation", "fund", "commission", "department", "ministry"}
    | {"union", "school", "hospital", "clinic"}
)
_ORGANISATION = re.compile(r"organi[sz]ation|government", re.IGNORECASE)


# A host's first label that only numbers a web server ("www3.nhk.or.jp", "ww38.toptopic.club").
_SERVER_LABEL = re.compile(r"^ww+\d*\.")


def _yang_address(domain: str, source: str) -> str:
    """The host a row of Yang's scrape rates: its ``source`` URL's host where that is a
    subdomain of its ``domain`` column, which gives only the registered domain (Highline at
    highline.huffingtonpost.com, Google News at news.google.com, the Earth Institute at
    earth.columbia.edu), as MBFC's own feed files them; else ``domain``."""
    address = clean_address(domain)
    host = _SERVER_LABEL.sub("", split_address(source)[0])
    return host if host.endswith("." + address) else address


def read_mbfc_2025(path: Path) -> Iterator[SourceRow]:
    for row in _csv_rows(path):
        if not row["domain"].strip():
            continue
        tier, bias_text = row["factual_reporting"].strip(), row["bias_rating"].strip()
        yield SourceRow(
            "mbfc_2025",
            _yang_address(row["domain"], row.get("source") or ""),
            _mbfc_factuality(tier),
            tier.lower() or None,
            _mbfc_bias(bias_text),
            bias_text.lower() or None,
            row["page"].strip() or None,
            row["mbfclink"].strip() or None,
            organisation=bool(_ORGANISATION.search(row.get("media_type") or "")),
        )


def read_lin_2023(path: Path) -> Iterator[SourceRow]:
    for row in _csv_rows(path):
        pc1 = float(row["pc1"])
        factuality = "high" if pc1 >= LIN_HIGH else "mixed" if pc1 >= LIN_MIXED else "low"
        yield SourceRow(
            "lin_2023", clean_address(row["domain"]), factuality, f"pc1 {pc1:.2f}", "unknown", None
        )


def read_baly(path: Path, source: str) -> Iterator[SourceRow]:
    from veracity.data.media_reliability import read_media_reliability  # building only

    for row in read_media_reliability(path):
        fact, bias = row.fact, row.bias
        key = row.source_url_normalized.strip()
        host, section = split_address(row.source_url)
        # Baly's id without a path rates the whole site, whatever the URL it was seen at.
        address = clean_address(host if key == host else f"{host}/{section}")
        ref = row.ref.strip()
        yield SourceRow(source, address, fact, fact, bias, bias, mbfc_name(ref) or None, ref)


_RSP_STATUS = {
    "gr": ("high", "generally reliable"),
    "nc": ("mixed", "no consensus"),
    "gu": ("low", "generally unreliable"),
    "d": ("low", "deprecated"),
}
_RSP_ENTRY = re.compile(r"^(\w+) \((.*); last (\d{4})\)$")
_WORST = {"high": 0, "mixed": 1, "low": 2, "unknown": -1}


def read_wikipedia_2026(path: Path) -> Iterator[SourceRow]:
    """The most recently discussed status of each domain; of equally recent ones, the worst."""
    for domain, entries in _read_json(path).items():
        parsed = []
        for entry in entries:
            match = _RSP_ENTRY.match(entry.strip())
            if match and match.group(1) in _RSP_STATUS:
                parsed.append((int(match.group(3)), *_RSP_STATUS[match.group(1)], match.group(2)))
        if not parsed:
            continue
        year, factuality, detail, name = max(parsed, key=lambda p: (p[0], _WORST[p[1]]))
        yield SourceRow(
            "wikipedia_rsp_2026",
            clean_address(domain),
            factuality,
            detail,
            "unknown",
            None,
            name,
            None,
            year,
        )


_RSP_2021 = {
    "generally reliable": "high",
    "no consensus": "mixed",
    "generally unreliable": "low",
    "deprecated": "low",
    "blacklisted": "low",
}


def read_wikipedia_2021(path: Path) -> Iterator[SourceRow]:
    """Each listed domain with the worst of its statuses (the extract has no dates per status)."""
    for row in _csv_rows(path):
        statuses = [s.lower() for s in json.loads(row["status"] or "[]")]
        levels = [_RSP_2021[s] for s in statuses if s in _RSP_2021]
        if not levels:
            continue
        factuality = max(levels, key=_WORST.__getitem__)
        for url in json.loads(row["urls"] or "[]"):
            address = clean_address(url)
            if address:
                yield SourceRow(
                    "wikipedia_rsp_2021",
                    address.split("/", 1)[0],
                    factuality,
                    " / ".join(statuses),
                    "unknown",
                    None,
                    row["name"],
                    row["wiki_url"] or None,
                )


_LASSER_BIAS = {
    "left bias": "left",
    "left center bias": "left-center",
    "least biased": "center",
    "right center bias": "right-center",
    "center right bias": "right-center",
    "right bias": "right",
}


def read_lasser_2022(path: Path) -> Iterator[SourceRow]:
    for row in _csv_rows(path):
        accuracy = int(row["accuracy"])
        factuality = "high" if accuracy >= 4 else "mixed" if accuracy == 3 else "low"
        label = row["label"].strip().lower()
        bias = (
            _LASSER_BIAS.get(label, "unknown")
            if row["source"] == "media_bias_fact_check"
            else "unknown"
        )
        year = row["last_update"].strip()[:4]
        yield SourceRow(
            "lasser_2022",
            clean_address(row["url"]),
            factuality,
            f"accuracy {accuracy}/5 ({row['source']}: {label})",
            bias,
            label if bias != "unknown" else None,
            None,
            None,
            int(year) if year.isdigit() else None,
        )


def read_robertson_2018(path: Path) -> Iterator[SourceRow]:
    for row in _csv_rows(path):
        score = float(row["score"])
        bias = next((label for cut, label in ROBERTSON_CUTS if score < cut), "right")
        yield SourceRow(
            "robertson_2018",
            clean_address(row["domain"]),
            "unknown",
            None,
            bias,
            f"audience score {score:+.2f}",
        )


def read_source(source: RatingSource, data_dir: Path) -> Iterator[SourceRow]:
    """Every row one source rates, mapped to the common scales."""
    path = data_dir / source.files[0]
    if not path.is_file():
        raise DataError(f"outlet list missing: {path} (set VERACITY_DATA_DIR)")
    readers = {
        "mbfc_2026": read_mbfc_2026,
        "mbfc_2025": read_mbfc_2025,
        "lin_2023": read_lin_2023,
        "baly_acl2020": lambda p: read_baly(p, "baly_acl2020"),
        "baly_emnlp18": lambda p: read_baly(p, "baly_emnlp18"),
        "wikipedia_rsp_2026": read_wikipedia_2026,
        "lasser_2022": read_lasser_2022,
        "wikipedia_rsp_2021": read_wikipedia_2021,
        "robertson_2018": read_robertson_2018,
    }
    try:
        yield from readers[source.id](path)
    except (KeyError, ValueError) as exc:
        raise DataError(f"outlet list {path} has an unexpected shape ({exc})") from exc


@dataclass(frozen=True, slots=True)
class MergedOutlet:
    """One outlet's fields, each from the newest source that gives it, and every source's rating."""

    host: str
    path: str
    name: str
    factuality: str
    factuality_detail: str | None
    factuality_source: str | None
    bias: str
    bias_detail: str | None
    bias_source: str | None
    contested: bool
    page: str | None
    ratings: list[dict]
    names: tuple[str, ...] = ()  # every name a source gives it, newest source first
    organisation: bool = False  # a source files it as an organisation (SourceRow.organisation)

    def as_dict(self) -> dict:
        return asdict(self)


def _slim(row: SourceRow, address: str) -> dict:
    """A row as the table stores it: no name, and its address only where it differs."""
    fields = row.as_dict()
    fields.pop("name", None)
    if fields["address"] == address:
        del fields["address"]
    return fields


def _site_address(address: str, generic_sections: frozenset[str], aliases: dict[str, str]) -> str:
    """Aliases applied, and a path of generic sections only ("rt.com/news") read as the site."""
    address = aliased(address, aliases)
    host, _, path = address.partition("/")
    if path and all(s in generic_sections for s in path.split("/")):
        return host
    return address


_WORDS = re.compile(r"[a-z0-9]+")
_QUALIFIER = re.compile(r"\([^()]*\)")


def rates_a_guest(row: SourceRow, address: str) -> bool:
    """Whether ``row`` rates the bare host of a platform (:data:`PLATFORMS`) under another
    outlet's name (MBFC's "Next News Network" at youtube.com): a channel or blog hosted there,
    which the list had no address of its own for. Its rating is not the platform's. Nor is a
    row of a section of the platform ("facebook.com/news", which ``address`` reads as the
    site), or one whose name adds words to the platform's own ("Facebook News", the news tab,
    which Yang's scrape files at facebook.com): probe s48 read facebook.com as "Facebook News",
    factuality high."""
    platform = PLATFORMS.get(address)
    if platform is None:
        return False
    if row.address != address:
        return True
    own = platform.own_words | set(_WORDS.findall(address))
    # a list's qualifier in brackets ("X (social network)", "Medium (website)") names no other
    name = _QUALIFIER.sub(" ", row.name or "")
    if set(_WORDS.findall(name.lower())) - own:
        return True
    page = (row.url or "").rstrip("/").rsplit("/", 1)[-1]
    return bool(page) and not (set(_WORDS.findall(page.lower())) & own)


def merge_sources(
    rows: list[SourceRow], generic_sections: frozenset[str], aliases: dict[str, str]
) -> tuple[list[MergedOutlet], dict[str, int]]:
    """One outlet per address from every source's rows; and how many outlets each source rates.

    An address ``aliases`` files under another (:func:`domain_aliases`) is that one's. A source
    listing an address twice (an alias and its target) counts once: the target's row.
    Audience partisanship (Robertson) only adds to outlets some rating list covers, since its
    19,000 domains are whatever was shared, news or not.
    """
    order = {s.id: i for i, s in enumerate(SOURCES)}
    by_address: dict[str, dict[str, SourceRow]] = {}
    for row in rows:
        address = _site_address(row.address, generic_sections, aliases)
        if not address or rates_a_guest(row, address):
            continue
        kept = by_address.setdefault(address, {})
        previous = kept.get(row.source)
        if (
            previous is None
            or (previous.address != address and row.address == address)
            # listed twice under one name (a source's topics or periods): the worse rating
            or (
                previous.address == row.address
                and _WORST[row.factuality] > _WORST[previous.factuality]
            )
        ):
            kept[row.source] = row

    def _moved(row: SourceRow) -> bool:
        """Whether the row rates an address ``aliases`` files under another outlet's."""
        return aliased(row.address, aliases) != row.address

    outlets, coverage = [], dict.fromkeys(order, 0)
    for address, per_source in sorted(by_address.items()):
        if set(per_source) == {"robertson_2018"}:
            continue
        ranked = sorted(per_source.values(), key=lambda r: order[r.source])
        for row in ranked:
            coverage[row.source] += 1
        factual = next((r for r in ranked if r.factuality != "unknown"), None)
        leaning = next((r for r in ranked if r.bias != "unknown"), None)
        levels = {r.factuality for r in ranked}
        host, _, path = address.partition("/")
        outlets.append(
            MergedOutlet(
                host=host,
                path=path,
                name=next((r.name for r in ranked if r.name), ""),
                factuality=factual.factuality if factual else "unknown",
                factuality_detail=factual.factuality_detail if factual else None,
                factuality_source=factual.source if factual else None,
                bias=leaning.bias if leaning else "unknown",
                bias_detail=leaning.bias_detail if leaning else None,
                bias_source=leaning.source if leaning else None,
                contested={"high", "low"} <= levels,
                page=next((r.url for r in ranked if r.url), None),
                ratings=[_slim(r, address) for r in ranked],
                # A row of an address the outlet moved from says what was there: filed as an
                # organisation, it neither files the outlet as one nor gives it its names (an
                # older list's row of everytownresearch.org, merged in, dropped "Everytown for
                # Gun Safety" of everytown.org from the names looked for in prose)
                names=tuple(
                    dict.fromkeys(
                        r.name.strip()
                        for r in ranked
                        if r.name and r.name.strip() and not (r.organisation and _moved(r))
                    )
                ),
                organisation=any(r.organisation for r in ranked if not _moved(r)),
            )
        )
    return outlets, coverage
