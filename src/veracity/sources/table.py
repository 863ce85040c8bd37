"""The shipped outlet table: ratings by domain and the names outlets go by in prose."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from veracity.errors import ModelError
from veracity.settings import get_settings
from veracity.sources.domains import parent_domains, split_address

SOURCES_VERSION = "sources-1"
OUTLETS_FILE = "outlets.json"
RATING_SOURCE = {
    "acl2020": "Media Bias/Fact Check via Baly et al. (ACL 2020 corpus)",
    "emnlp18": "Media Bias/Fact Check via Baly et al. (EMNLP 2018 corpus)",
}
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


def canonical_name(name: str) -> str:
    """A name folded for lookup: lower case, no leading "the", no possessive, single spaces."""
    name = re.sub(r"\s+", " ", name.translate(_APOSTROPHES).strip().lower())
    name = re.sub(r"'s?$", "", name).strip()
    return name.removeprefix("the ").strip()


@dataclass(frozen=True, slots=True)
class OutletRecord:
    """One rated outlet: a host, optionally a section of it, and its labels."""

    host: str
    path: str
    whole_site: bool
    name: str
    factuality: str
    bias: str
    corpus: str
    mbfc_page: str

    @property
    def address(self) -> str:
        return self.host if not self.path else f"{self.host}/{self.path}"

    @property
    def domain(self) -> str:
        """The host for a whole-site rating, else the host and section it covers."""
        return self.host if self.whole_site else self.address

    @property
    def rating_source(self) -> str:
        return RATING_SOURCE.get(self.corpus, self.corpus)


@dataclass(frozen=True, slots=True)
class OutletAlias:
    """A name an outlet goes by in prose and how to match it."""

    name: str
    domain: str
    case_sensitive: bool
    cue: bool
    origin: str


class OutletTable:
    """Ratings by address and outlet names, as built by ``veracity train sources``."""

    def __init__(self, records: list[OutletRecord], aliases: list[OutletAlias]) -> None:
        self.records_ = records
        self.aliases_ = aliases
        self.by_address_ = {r.address: r for r in records}
        self.whole_site_ = {}
        for record in records:
            if record.whole_site and (not record.path or record.host not in self.whole_site_):
                self.whole_site_[record.host] = record
        self.by_name_ = {canonical_name(a.name): a for a in aliases}
        # An outlet's display name: its first curated name, which reads best, else its MBFC name.
        self.name_of_: dict[str, str] = {}
        for alias in aliases:
            if alias.origin == "curated":
                self.name_of_.setdefault(alias.domain, alias.name)

    def find_by_address(self, address: str) -> tuple[str, OutletRecord | None]:
        """The normalised domain of ``address`` and its rating record, if any."""
        host, path = split_address(address)
        if path:
            segments = path.split("/")
            for k in range(len(segments), 0, -1):
                record = self.by_address_.get(f"{host}/{'/'.join(segments[:k])}")
                if record is not None:
                    return host, record
        for domain in parent_domains(host):
            record = self.whole_site_.get(domain)
            if record is not None:
                return host, record
        return host, None

    def find_by_name(self, name: str) -> OutletAlias | None:
        """The alias an outlet name resolves to, if known."""
        return self.by_name_.get(canonical_name(name))

    def display_name(self, host: str, record: OutletRecord | None) -> str:
        """The best name for an outlet: curated, else from MBFC, else its host."""
        section = record.address if record is not None and not record.whole_site else None
        for address in (section, host, record.domain if record is not None else None):
            if address in self.name_of_:
                return self.name_of_[address]
        if record is not None and record.name:
            return record.name
        return host


def table_dir() -> Path:
    """Where this machine's outlet table lives (built by ``veracity setup``, never shipped)."""
    return get_settings().reference_dir / "sources"


# Table folders seen built. Asked three times per article, so a folder is checked on disk only
# until its table is there: from then on the process reads the table it loaded (cached by
# :func:`load_outlet_table`), whatever happens to the file.
_BUILT: set[Path] = set()


def outlet_table_ready(directory: Path | None = None) -> bool:
    """Whether the outlet table has been built on this machine."""
    directory = directory or table_dir()
    if directory in _BUILT:
        return True
    if (directory / OUTLETS_FILE).is_file():
        _BUILT.add(directory)
        return True
    return False


@lru_cache(maxsize=1)
def load_outlet_table(directory: Path | None = None) -> OutletTable:
    """This machine's outlet table, checked against :data:`SOURCES_VERSION`."""
    path = (directory or table_dir()) / OUTLETS_FILE
    rebuild = "build it with: veracity setup (or veracity train sources)"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"outlet table missing or unreadable at {path}; {rebuild}") from exc
    if data.get("version") != SOURCES_VERSION:
        raise ModelError(
            f"outlet table is version {data.get('version')!r}, expected {SOURCES_VERSION!r}; {rebuild}"
        )
    try:
        records = [OutletRecord(**r) for r in data["outlets"]]
        aliases = [OutletAlias(**a) for a in data["aliases"]]
    except (KeyError, TypeError) as exc:
        raise ModelError(f"outlet table at {path} is malformed ({exc}); {rebuild}") from exc
    return OutletTable(records, aliases)
