"""Build the outlet table (``veracity setup``, ``veracity train sources``) from the rating lists.

Ratings come from every list in :mod:`veracity.sources.lists` (MBFC 2026 and 2025, Lin et al.
2023, Baly et al.'s MBFC corpora, Wikipedia's perennial sources, Lasser et al., Robertson et al.):
each field from the newest source that gives it, every source's own rating kept beside it.
Names for prose matching come from every name the lists give an outlet (MBFC's 2026 and 2025
names, Baly et al.'s MBFC page names, Wikipedia's perennial sources), with a name's bracketed
short form ("Frankfurter Allgemeine Zeitung (FAZ)") and, for a German outlet, the form its
adjectives take after "der" ("der Süddeutschen Zeitung"); Baly et al.'s domain labels; and
the curated list in :mod:`veracity.sources.aliases`. News text (the PTC articles) decides which
derived names are risky: words used in lower case there are ordinary words (matched only as
written and next to a citing word); single-word names common there in any case ("Chicago",
"GOP") are dropped, since they rarely mean the outlet, and the rarer ones ("Nextgov") need a
citing word too. A newer list's name is left out where it does not name its site ("Native
Americans" for indigenous.club: :func:`names_its_site`), where the site is an organisation's, a
government's or a blog's on a platform, and needs a citing word where news text writes its
words together ("The Week", "The State"); a name Baly et al. give one outlet stays that
outlet's.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections import Counter, defaultdict
from itertools import pairwise
from pathlib import Path
from typing import Any

from veracity.artefacts import Card, file_sha256
from veracity.data.media_reliability import CORPUS as BALY_CORPUS
from veracity.data.media_reliability import RATING_FILES, read_media_reliability
from veracity.data.ptc import CORPUS as WORD_REFERENCE  # its train, dev and test article texts
from veracity.data.ptc import article_files
from veracity.errors import DataError
from veracity.sources.aliases import CURATED_ALIASES, Alias
from veracity.sources.domains import (
    BLOG_HOSTS,
    PLATFORMS,
    looks_like_domain,
    parent_domains,
    split_address,
)
from veracity.sources.lists import (
    LIN_HIGH,
    LIN_MIXED,
    ORGANISATION_WORDS,
    SMALL_WORDS,
    SOURCES,
    MergedOutlet,
    aliased,
    domain_aliases,
    mbfc_name,
    merge_sources,
    read_mbfc_2026_aliases,
    read_source,
)
from veracity.sources.table import (
    OUTLETS_FILE,
    RATINGS_FILE,
    RECORD_FIELDS,
    SPEC,
    canonical_name,
)

# Path sections that stand for the whole site ("rt.com/news" is RT; "theguardian.com/observer" is not the Guardian).
GENERIC_SECTIONS = frozenset(
    {
        "news",
        "en",
        "english",
        "home",
        "sections",
        "ushome",
        "blog",
        "blogs",
        "t2",
        "pulse",
        "#",
        "0",
    }
)
ORDINARY_MIN_COUNT = 3
_WORD = re.compile(r"[A-Za-z]+")


def read_ratings(data_dir: Path) -> tuple[dict[str, dict], dict[str, int]]:
    """Outlet records keyed by Baly's normalised id, and counts of conflicts resolved."""
    records: dict[str, dict] = {}
    conflicts: Counter[str] = Counter()
    for corpus, name in RATING_FILES.items():
        for row in read_media_reliability(data_dir / BALY_CORPUS / name):
            fact, bias = row.fact, row.bias
            key = row.source_url_normalized.strip()
            host, path_part = split_address(row.source_url)
            if key == host:  # Baly's id has no path: the rating is for the whole site
                path_part = ""
            record = {
                "host": host,
                "path": path_part,
                "whole_site": not path_part
                or all(s in GENERIC_SECTIONS for s in path_part.split("/")),
                "name": mbfc_name(row.ref),
                "factuality": fact,
                "bias": bias,
                "corpus": corpus,
                "mbfc_page": row.ref.strip(),
            }
            previous = records.get(key)
            if previous is not None:
                conflicts["factuality"] += previous["factuality"] != fact
                conflicts["bias"] += previous["bias"] != bias
                conflicts["both_corpora"] += 1
            records[key] = record
    return records, dict(conflicts)


def reference_word_counts(data_dir: Path) -> tuple[Counter, Counter, str]:
    """How often each word appears in lower case, and each word and pair of words in any case, in
    news text; and its digest."""
    files = article_files(data_dir)
    if not files:
        raise DataError(f"word reference articles missing: {data_dir / WORD_REFERENCE}")
    lower: Counter = Counter()
    any_case: Counter = Counter()
    digest = hashlib.sha256()
    for path in files:
        data = path.read_bytes()
        digest.update(data)
        words = _WORD.findall(data.decode("utf-8"))
        lower.update(w for w in words if w.islower())
        folded = [w.lower() for w in words]
        any_case.update(folded)
        any_case.update(f"{a} {b}" for a, b in pairwise(folded))  # word pairs
    return lower, any_case, digest.hexdigest()


def _is_ordinary(name: str, counts: Counter) -> bool:
    words = [w.lower() for w in _WORD.findall(name)]
    return bool(words) and all(w in SMALL_WORDS or counts[w] >= ORDINARY_MIN_COUNT for w in words)


_BRACKETED = re.compile(r"\(([^()]*)\)")
_DASH = re.compile(r"\s[-–—]\s")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,5}")
# A German outlet: its host's country, or a word only a German outlet's name has.
GERMAN_SUFFIXES = (".de", ".at", ".ch")
GERMAN_NAME_WORDS = frozenset(
    {"zeitung", "welle", "rundschau", "rundfunk", "allgemeine", "nachrichten", "tagblatt"}
    | {"anzeiger", "fernsehen"}
)
_GERMAN_ARTICLES = frozenset({"die", "der", "das", "den", "dem", "des"})
_NAME_ARTICLES = _GERMAN_ARTICLES | {"the", "le", "la", "les", "el", "il", "de"}
# Hosts of agencies, universities and international bodies: an article cites them for their
# statements, and their names ("Environmental Protection Agency") are no outlet's.
INSTITUTION_SUFFIXES = (".gov", ".mil", ".int", ".edu")


_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _folded(text: str) -> str:
    """Lower case, German umlauts written out and other accents dropped ("Süddeutsche" sueddeutsche)."""
    text = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    return "".join(c for c in text if c.isascii() and c.isalnum())


def names_its_site(name: str, host: str) -> bool:
    """Whether a listed name is the site's own: a word of it, or its initials, is in the host's
    name ("Le Monde" lemonde.fr, "Süddeutsche Zeitung" sueddeutsche.de, "Frankfurter
    Allgemeine Zeitung" faz.net). A list sometimes files a site under what it is about or
    who runs it ("Native Americans" indigenous.club, "Republican National Committee"
    gop.com): prose uses those names for other things."""
    label = _folded(parent_domains(host)[-1].split(".")[0])
    words = [_folded(w) for w in re.split(r"[\s-]+", name) if w[:1].isupper()]
    words = [w for w in words if w and w not in _NAME_ARTICLES]
    initials = "".join(w[0] for w in words)
    return any(len(w) >= 2 and w in label for w in words) or (
        len(initials) >= 2 and initials in label
    )


def _organisation_name(name: str) -> bool:
    return any(w in ORGANISATION_WORDS for w in _WORD.findall(name.lower()))


def _on_blog_host(host: str) -> bool:
    """A newsletter or blog on a platform's subdomain (robertreich.substack.com): its name is its
    author's, who is named in prose for other things than the blog."""
    return any(host.endswith(f".{blog}") for blog in BLOG_HOSTS)


def _institution(host: str) -> bool:
    labels = host.split(".")
    return host.endswith(INSTITUTION_SUFFIXES) or any(
        label in {"gov", "mil", "edu", "ac", "parliament"} for label in labels[1:]
    )


def prose_names(name: str) -> list[str]:
    """The names a list's outlet name stands for in prose: the name without its brackets, and
    what the brackets hold where it is another name ("Frankfurter Allgemeine Zeitung (FAZ)":
    "FAZ"; "BR (Bayerischer Rundfunk)"; "Der Spiegel (Spiegel Online, SPON)"), not where it says
    which one ("The Local (Germany)", "Amazon (company)"). A name that is an address
    ("ARD.de") or joins two with a dash ("SWI - Swissinfo.ch") gives none of its own: the
    domain is matched as written."""
    inner = [part.strip() for m in _BRACKETED.finditer(name) for part in m.group(1).split(",")]
    base = " ".join(_BRACKETED.sub(" ", name).split())
    names = [base]
    base_words = {w.lower() for w in _capitalised(base)}
    for part in inner:
        words = part.split()
        if (_ACRONYM.fullmatch(part) and part == _initials(base)) or (
            len(words) > 1
            and all(w[:1].isupper() or w.lower() in SMALL_WORDS for w in words)
            # the long form of an acronym ("BR (Bayerischer Rundfunk)") or another form of
            # the name ("Spiegel Online (Der Spiegel)"); not a place ("The State (South Carolina)")
            and (
                _initials(part) == base.removeprefix("The ")
                or base_words & {w.lower() for w in _capitalised(part)}
            )
        ):
            names.append(" ".join(words))
    return [n for n in names if n and not _DASH.search(n) and not looks_like_domain(n)]


def _capitalised(name: str) -> list[str]:
    """The capitalised words of a name, but articles ("The", "Der", "Le")."""
    return [w for w in name.split() if w[:1].isupper() and w.lower() not in _NAME_ARTICLES]


def _initials(name: str) -> str:
    """The first letters of a name's capitalised words: "Frankfurter Allgemeine Zeitung" FAZ."""
    return "".join(w[0] for w in _capitalised(name)).upper()


def german_forms(name: str, host: str) -> list[str]:
    """A German outlet's name as it reads after "der" / "die" in a sentence: each adjective
    before a capitalised word takes "-n" ("Süddeutsche Zeitung": "der Süddeutschen Zeitung",
    "Frankfurter Allgemeinen Zeitung", "der Neuen Zürcher Zeitung"); none where no word changes."""
    words = name.split()
    if not (host.endswith(GERMAN_SUFFIXES) or any(w.lower() in GERMAN_NAME_WORDS for w in words)):
        return []
    inflected = [
        f"{word}n"
        if i + 1 < len(words)
        and word[:1].isupper()
        and word.endswith("e")
        and word.lower() not in _GERMAN_ARTICLES
        and words[i + 1][:1].isupper()
        else word
        for i, word in enumerate(words)
    ]
    return [" ".join(inflected)] if inflected != words else []


def _one_address(domains: dict[str, str]) -> str | None:
    """The address a name stands for, given ``{site: address as listed}`` of the outlets that
    go by it: the one, or a site over its own sections ("lemonde.fr" over "lemonde.fr/en");
    ``None`` where different outlets share the name."""
    sites = {site for site in domains if "/" not in site}
    kept = [s for s in domains if "/" not in s or s.split("/", 1)[0] not in sites]
    return domains[kept[0]] if len(kept) == 1 else None


def _common_phrase(name: str, any_case: Counter) -> bool:
    """Whether news text writes the words of a name of several words together, each pair of them
    (any case) :data:`ORDINARY_MIN_COUNT` times or more: "Native Americans", "The Republican",
    "Make America Great Again" are said of other things than the outlet."""
    words = [w for w in _WORD.findall(name.lower()) if w != "the"]
    pairs = [f"{a} {b}" for a, b in pairwise(words)]
    if not pairs:
        return bool(words) and any_case[words[0]] >= ORDINARY_MIN_COUNT
    return all(any_case[pair] >= ORDINARY_MIN_COUNT for pair in pairs)


def derive_aliases(
    records: dict[str, dict],
    counts: Counter,
    any_case: Counter,
    outlets: list[MergedOutlet] | None = None,
    moved: dict[str, str] | None = None,
) -> tuple[list[dict], int]:
    """Names to match in prose, each with its domain and matching rule; and names dropped as ambiguous.

    ``records`` are Baly et al.'s outlets (their page names and domain labels), ``outlets``
    the merged table's, whose every listed name (:func:`prose_names`, :func:`german_forms`)
    is a name too; ``moved``: the other addresses of outlets
    (:func:`veracity.sources.lists.domain_aliases`)."""
    moved = moved or {}
    # an outlet's earlier addresses: a name a list gave it there names its site too ("Live
    # Leak" liveleak.com, now itemfix.com)
    earlier: dict[str, list[str]] = defaultdict(list)
    for old, new in moved.items():
        earlier[new].append(old)
    # Baly et al.'s names first: a name they give one outlet stays that outlet's, whoever else
    # a newer list gives it to ("Business Insider" is businessinsider.com, not a local edition).
    baly: dict[str, set[str]] = defaultdict(set)
    listed: dict[str, dict[str, str]] = defaultdict(dict)
    not_its_own: set[tuple[str, str]] = set()  # a listed name and the site it does not name
    display: dict[str, str] = {}

    def add(name: str, domain: str, by_baly: bool = True) -> None:
        key = canonical_name(name)
        if len(key) >= 3:
            if by_baly:
                baly[key].add(domain)
            else:
                listed[key].setdefault(aliased(domain, moved), domain)
            display.setdefault(key, name)

    for record in records.values():
        if record["host"] in PLATFORMS:
            continue  # "Reddit", "YouTube": where others publish, not an outlet
        address = record["host"] if record["whole_site"] else f"{record['host']}/{record['path']}"
        if record["name"]:
            add(record["name"], address)
            words = record["name"].split()
            # "world health organization who": the trailing acronym is a name of its own.
            initials = "".join(w[0] for w in words[:-1] if w.lower() not in SMALL_WORDS).lower()
            if len(words) > 2 and words[-1].lower() == initials:
                add(" ".join(words[:-1]), address)
                add(words[-1].upper(), address)
        registrable = parent_domains(record["host"])[-1]
        if record["whole_site"] and record["host"] == registrable:
            label = registrable.split(".")[0]
            if label.isalpha():
                add(label.upper() if len(label) <= 4 else label.capitalize(), address)
    for outlet in outlets or []:
        if (
            outlet.organisation
            or _institution(outlet.host)
            or _on_blog_host(outlet.host)
            or outlet.host in PLATFORMS
        ):
            continue  # its domain is matched, as written
        address = outlet.host if not outlet.path else f"{outlet.host}/{outlet.path}"
        for given in outlet.names:
            for name in prose_names(given):
                add(name, address, by_baly=False)  # shared with another outlet, it is ambiguous
                hosts = [outlet.host, *earlier.get(address, ())]
                if _organisation_name(name) or not any(names_its_site(name, h) for h in hosts):
                    not_its_own.add((canonical_name(name), aliased(address, moved)))
                    continue
                for form in german_forms(name, outlet.host):
                    add(form, address, by_baly=False)

    aliases: list[dict] = []
    ambiguous = 0
    curated_forms = [
        (form, alias)
        for alias in CURATED_ALIASES
        for form in german_forms(alias.name, alias.domain)
    ]
    curated = {canonical_name(a.name) for a in CURATED_ALIASES} | {
        canonical_name(form) for form, _ in curated_forms
    }
    for key in sorted(baly.keys() | listed.keys()):
        if key in curated:
            continue
        if key in baly:
            domain = next(iter(baly[key])) if len(baly[key]) == 1 else None
        else:
            domain = _one_address(listed[key])
            if domain is not None and (key, aliased(domain, moved)) in not_its_own:
                continue
        if domain is None:
            ambiguous += 1
            continue
        name = display[key]
        ordinary = _is_ordinary(name, counts)
        if len(name.split()) == 1 and any_case[key] >= ORDINARY_MIN_COUNT:
            continue  # "Act", "Chicago", "GOP": common in news, so not the outlet without a curator
        acronym = name.isupper() and len(name) <= 5
        single_word = len(name.split()) == 1
        # a newer list's name that news text uses for other things: written as the list does,
        # next to a citing word only (Baly et al.'s names are matched as they always were)
        common = key not in baly and _common_phrase(name, any_case)
        aliases.append(
            {
                "name": name,
                "domain": domain,
                "case_sensitive": ordinary or acronym or single_word or common,
                "cue": ordinary or single_word or common,
                "origin": "mbfc",
            }
        )
    known = {canonical_name(a.name) for a in CURATED_ALIASES}
    inflected = [  # "der Deutschen Welle"
        Alias(form, alias.domain, alias.cue)
        for form, alias in curated_forms
        if canonical_name(form) not in known
    ]
    for alias in [*CURATED_ALIASES, *inflected]:
        ordinary = _is_ordinary(alias.name, counts)
        aliases.append(
            {
                "name": alias.name,
                "domain": alias.domain,
                "case_sensitive": True,  # curated names are written as newsrooms write them
                "cue": alias.cue or (ordinary and len(alias.name.split()) == 1),
                "origin": "curated",
            }
        )
    return aliases, ambiguous


def build_sources(data_dir: Path, out_dir: Path | None = None) -> Card:
    """Write the outlet table with its card into ``out_dir`` (default :func:`table_dir`)."""
    records, conflicts = read_ratings(data_dir)
    counts, any_case, reference_digest = reference_word_counts(data_dir)
    rows = [row for source in SOURCES for row in read_source(source, data_dir)]
    moves = domain_aliases(rows, read_mbfc_2026_aliases(data_dir))
    moved = {old: move.new for old, move in moves.items()}
    outlets, coverage = merge_sources(rows, GENERIC_SECTIONS, moved)
    aliases, ambiguous = derive_aliases(records, counts, any_case, outlets, moved)
    out_dir = out_dir or SPEC.directory
    card = SPEC.new_card(
        summary=f"outlet table: {len(outlets)} outlets, {len(aliases)} names",
        data={
            "sources": [
                {
                    "id": source.id,
                    "name": source.name,
                    "date": source.date,
                    "files": {name: file_sha256(data_dir / name) for name in source.files},
                    "outlets": coverage[source.id],
                }
                for source in SOURCES
            ],
            "word_reference": {
                "folder": WORD_REFERENCE,
                "sha256_of_concatenation": reference_digest,
            },
            "precedence": "each field from the first source in the list above that gives it "
            "(newest expert rating first); every source's own rating is kept with the outlet",
            "factuality_mapping": "MBFC very high / high / mostly factual -> high, mixed -> mixed, "
            f"low / very low -> low; Lin pc1 >= {LIN_HIGH} high, >= {LIN_MIXED} mixed, else low; "
            "Wikipedia generally reliable -> high, no consensus -> mixed, generally unreliable / "
            "deprecated / blacklisted -> low; Lasser accuracy 4-5 high, 3 mixed, 1-2 low",
            "contested": "true where one source rates the outlet high and another low",
            "domain_aliases": {
                old: {"to": move.new, "evidence": move.evidence} for old, move in moves.items()
            },
        },
        counts={
            "outlets": len(outlets),
            "aliases": len(aliases),
            "domain_aliases": len(moves),
            "names_dropped_as_ambiguous": ambiguous,
            "baly_conflicts_between_corpora": conflicts,
            "factuality": dict(Counter(o.factuality for o in outlets)),
            "contested": sum(o.contested for o in outlets),
        },
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    table_rows: list[list[Any]] = []
    lines: list[bytes] = []
    offset = 0
    for outlet in outlets:
        line = json.dumps(outlet.ratings, separators=(",", ":")).encode("utf-8") + b"\n"
        lines.append(line)
        fields = outlet.as_dict()
        table_rows.append([fields[name] for name in RECORD_FIELDS[:-1]] + [offset])
        offset += len(line)
    table = {
        "version": SPEC.version,
        "outlets": table_rows,
        "aliases": aliases,
        "domain_aliases": moved,
    }
    # Each file whole or not at all: the table is shared by every process on the machine.
    _write_whole(out_dir / RATINGS_FILE, b"".join(lines))
    _write_whole(out_dir / OUTLETS_FILE, (json.dumps(table, separators=(",", ":")) + "\n").encode())
    SPEC.save(card, out_dir)
    return card


def _write_whole(path: Path, data: bytes) -> None:
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    partial.replace(path)
