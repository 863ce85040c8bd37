"""Build the outlet table (``veracity setup``, ``veracity train sources``) from the rating lists.

Ratings come from every list in :mod:`veracity.sources.lists` (MBFC 2026 and 2025, Lin et al.
2023, Baly et al.'s MBFC corpora, Wikipedia's perennial sources, Lasser et al., Robertson et al.):
each field from the newest source that gives it, every source's own rating kept beside it.
Names for prose matching come from the MBFC page names of Baly et al.'s corpora (where an
outlet is in both and the labels differ, the ACL 2020 corpus wins), the domain, and the
curated list in :mod:`veracity.sources.aliases`. News text (the PTC articles) decides which
derived names are risky: words used in lower case there are ordinary words (matched only as
written and next to a citing word); single-word names common there in any case ("Chicago",
"GOP") are dropped, since they rarely mean the outlet, and the rarer ones ("Nextgov") need a
citing word too.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from veracity.artefacts import Card
from veracity.data.manifest import file_sha256
from veracity.data.media_reliability import CORPUS as BALY_CORPUS
from veracity.data.media_reliability import RATING_FILES, read_media_reliability
from veracity.data.ptc import CORPUS as WORD_REFERENCE  # its train, dev and test article texts
from veracity.data.ptc import article_files
from veracity.errors import DataError
from veracity.sources.aliases import CURATED_ALIASES
from veracity.sources.domains import parent_domains, split_address
from veracity.sources.lists import (
    DOMAIN_ALIASES,
    LIN_HIGH,
    LIN_MIXED,
    SMALL_WORDS,
    SOURCES,
    mbfc_name,
    merge_sources,
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
    """How often each word appears in lower case, and in any case, in news text; and its digest."""
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
        any_case.update(w.lower() for w in words)
    return lower, any_case, digest.hexdigest()


def _is_ordinary(name: str, counts: Counter) -> bool:
    words = [w.lower() for w in _WORD.findall(name)]
    return bool(words) and all(w in SMALL_WORDS or counts[w] >= ORDINARY_MIN_COUNT for w in words)


def derive_aliases(
    records: dict[str, dict], counts: Counter, any_case: Counter
) -> tuple[list[dict], int]:
    """Names to match in prose, each with its domain and matching rule; and names dropped as ambiguous."""
    candidates: dict[str, set[str]] = defaultdict(set)
    display: dict[str, str] = {}

    def add(name: str, domain: str) -> None:
        key = canonical_name(name)
        if len(key) >= 3:
            candidates[key].add(domain)
            display.setdefault(key, name)

    for record in records.values():
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

    aliases: list[dict] = []
    ambiguous = 0
    curated = {canonical_name(a.name) for a in CURATED_ALIASES}
    for key, domains in sorted(candidates.items()):
        if key in curated:
            continue
        if len(domains) > 1:
            ambiguous += 1
            continue
        name = display[key]
        ordinary = _is_ordinary(name, counts)
        if len(name.split()) == 1 and any_case[key] >= ORDINARY_MIN_COUNT:
            continue  # "Act", "Chicago", "GOP": common in news, so not the outlet without a curator
        acronym = name.isupper() and len(name) <= 5
        single_word = len(name.split()) == 1
        aliases.append(
            {
                "name": name,
                "domain": next(iter(domains)),
                "case_sensitive": ordinary or acronym or single_word,
                "cue": ordinary or single_word,
                "origin": "mbfc",
            }
        )
    for alias in CURATED_ALIASES:
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
    aliases, ambiguous = derive_aliases(records, counts, any_case)
    rows = [row for source in SOURCES for row in read_source(source, data_dir)]
    outlets, coverage = merge_sources(rows, GENERIC_SECTIONS)
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
            "domain_aliases": DOMAIN_ALIASES,
        },
        counts={
            "outlets": len(outlets),
            "aliases": len(aliases),
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
    table = {"version": SPEC.version, "outlets": table_rows, "aliases": aliases}
    # Each file whole or not at all: the table is shared by every process on the machine.
    _write_whole(out_dir / RATINGS_FILE, b"".join(lines))
    _write_whole(out_dir / OUTLETS_FILE, (json.dumps(table, separators=(",", ":")) + "\n").encode())
    SPEC.save(card, out_dir)
    return card


def _write_whole(path: Path, data: bytes) -> None:
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    partial.replace(path)
