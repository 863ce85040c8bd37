"""This machine's outlet table: ratings by domain and the names outlets go by in prose."""

from __future__ import annotations

import json
import os
import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG

import numpy as np

from veracity.artefacts import ARTEFACTS, NotARegularFile, file_sha256
from veracity.errors import ModelError
from veracity.settings import get_settings
from veracity.sources.domains import BLOG_HOSTS, parent_domains, split_address
from veracity.sources.lists import SOURCE_BY_ID, SOURCES

SOURCE_RANK = {source.id: rank for rank, source in enumerate(SOURCES)}

SPEC = ARTEFACTS["sources"]
# Named by version ("sources-3": outlet-table-3.json): the tables of older versions beside it
# stay readable by older checkouts (their rows point into their own ratings file by offset).
_TABLE_VERSION = SPEC.version.removeprefix("sources-")
OUTLETS_FILE = f"outlet-table-{_TABLE_VERSION}.json"
RATINGS_FILE = f"ratings-{_TABLE_VERSION}.jsonl"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


def canonical_name(name: str) -> str:
    """A name folded for lookup: lower case, no leading "the", no possessive, single spaces."""
    name = re.sub(r"\s+", " ", name.translate(_APOSTROPHES).strip().lower())
    name = re.sub(r"'s?$", "", name).strip()
    return name.removeprefix("the ").strip()


# The columns of one outlet in :data:`OUTLETS_FILE`; every source's rating is one line of
# :data:`RATINGS_FILE` at ``ratings_at``, read only when the outlet is asked for.
RECORD_FIELDS = (
    "host",
    "path",
    "name",
    "factuality",
    "factuality_detail",
    "factuality_source",
    "bias",
    "bias_detail",
    "bias_source",
    "contested",
    "page",
    "ratings_at",
)


@dataclass(frozen=True, slots=True)
class OutletRecord:
    """One rated outlet: a host, optionally a section of it, and each field with its source."""

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
    ratings_at: int

    @property
    def address(self) -> str:
        return self.host if not self.path else f"{self.host}/{self.path}"

    @property
    def whole_site(self) -> bool:
        return not self.path

    @property
    def domain(self) -> str:
        """The host for a whole-site rating, else the host and section it covers."""
        return self.address

    @property
    def precedence(self) -> int:
        """Rank of the source that gives the factuality (0 = newest expert rating); last if none."""
        if self.factuality_source is None:
            return len(SOURCE_RANK)
        return SOURCE_RANK[self.factuality_source]

    @property
    def rating_source(self) -> str | None:
        """Who gave the factuality (and when), with the page it is explained on where known."""
        if self.factuality_source is None:
            return None
        source = SOURCE_BY_ID[self.factuality_source]
        page = self.page if self.factuality_source.startswith(("mbfc", "baly")) else None
        return f"{source.name}, {source.date}" + (f": {page}" if page else "")


@dataclass(frozen=True, slots=True)
class OutletAlias:
    """A name an outlet goes by in prose and how to match it."""

    name: str
    domain: str
    case_sensitive: bool
    cue: bool
    origin: str


_RATINGS_AT = RECORD_FIELDS.index("ratings_at")
_REBUILD_RATINGS = "veracity setup --only sources --force"


class RatingsLines:
    """The ratings file of a table, as it was when the table was loaded: held open, its lines
    read by offset (:func:`os.pread`) when an outlet is asked for.

    ``veracity setup`` writes a table and its ratings file whole and renames each over the old
    one, so a rebuild of the same version (``--force``, or changed corpora) while a process runs
    (``veracity serve``, a long batch) puts other lines at the offsets the loaded table holds:
    read by name, they were another outlet's ratings or half a line. The file opened with the
    table keeps the lines it was built with. A ratings file whose lines do not start where the
    table's rows point (one from another build: a setup stopped between its two files) is
    refused as the table loads."""

    def __init__(self, path: Path, offsets: Iterable[int]) -> None:
        self.path = path
        rebuild = f"build them again with: {_REBUILD_RATINGS}"
        try:
            # O_NONBLOCK: a pipe at the name must not hang the load
            descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        except OSError as exc:
            raise ModelError(f"outlet ratings missing or unreadable at {path}; {rebuild}") from exc
        self._descriptor = descriptor
        weakref.finalize(self, os.close, descriptor)
        status = os.fstat(descriptor)
        if not S_ISREG(status.st_mode):
            raise ModelError(f"outlet ratings unreadable: {NotARegularFile(path)}; {rebuild}")
        data = os.pread(descriptor, status.st_size, 0)
        newlines = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == ord("\n"))
        # each line's start and end (its newline): a line cut short at the end is no line
        self._starts = np.concatenate(([0], newlines + 1))[: len(newlines)]
        self._ends = newlines
        wanted = np.fromiter(offsets, dtype=np.int64)
        found = np.searchsorted(self._starts, wanted)
        inside = found < len(self._starts)
        if not inside.all() or not (self._starts[found] == wanted).all():
            raise ModelError(
                f"outlet ratings at {path} are not those the outlet table beside them was built "
                f"with (a row points inside a line or past the end: another build's file, or a "
                f"setup stopped halfway); {rebuild}"
            )

    def line(self, offset: int) -> bytes:
        """The ratings line at ``offset`` (one the table's rows point to)."""
        index = int(np.searchsorted(self._starts, offset))
        return os.pread(self._descriptor, int(self._ends[index]) - offset, offset)


class OutletTable:
    """Ratings by address and outlet names, as built by ``veracity setup``."""

    def __init__(
        self,
        rows: list[list],
        aliases: list[OutletAlias],
        ratings_path: Path | None = None,
        domain_aliases: dict[str, str] | None = None,
    ) -> None:
        self.rows_ = {(r[0] if not r[1] else f"{r[0]}/{r[1]}"): r for r in rows}
        self.aliases_ = aliases
        # an outlet's other addresses: the one it is rated at, by each
        # (:func:`veracity.sources.lists.domain_aliases`)
        self.domain_aliases_ = domain_aliases or {}
        self.ratings_path_ = ratings_path
        # the ratings file as the table was loaded with it (:class:`RatingsLines`)
        self.ratings_lines_ = (
            RatingsLines(ratings_path, (r[_RATINGS_AT] for r in rows))
            if ratings_path is not None
            else None
        )
        self.ratings_read_: dict[int, list[dict]] = {}
        self.by_name_ = {canonical_name(a.name): a for a in aliases}
        # An outlet's display name: its first curated name, which reads best, else its list name.
        self.name_of_: dict[str, str] = {}
        for alias in aliases:
            if alias.origin == "curated":
                self.name_of_.setdefault(alias.domain, alias.name)

    @property
    def whole_sites(self) -> list[str]:
        """The hosts rated as a whole (not only a section of them)."""
        return [address for address in self.rows_ if "/" not in address]

    def record(self, address: str) -> OutletRecord | None:
        row = self.rows_.get(address)
        return None if row is None else OutletRecord(*row)

    def find_by_address(self, address: str) -> tuple[str, OutletRecord | None]:
        """The normalised domain of ``address`` and its rating record, if any.

        A rated section (theguardian.com/observer) stands for its pages. Otherwise the host and
        each parent domain are candidates (aliases applied: bbc.co.uk is bbc.com,
        huffingtonpost.com is huffpost.com: :attr:`domain_aliases_`); the one
        rated by the newest expert source wins, the most specific on a tie, so a subdomain
        only some minor list rates (edition.cnn.com) falls back to its registered domain.
        """
        host, path = split_address(address)
        site = self.domain_aliases_.get(host, host)
        if path:
            segments = path.split("/")
            for k in range(len(segments), 0, -1):
                record = self.record(f"{site}/{'/'.join(segments[:k])}")
                if record is not None:
                    return host, record
        candidates = [
            record
            for domain in parent_domains(host)
            # a blog on a platform's subdomain (name.blogspot.com) is not the platform
            if not (domain != host and domain in BLOG_HOSTS)
            and (record := self.record(self.domain_aliases_.get(domain, domain))) is not None
        ]
        if not candidates:
            return host, None
        return host, min(candidates, key=lambda r: r.precedence)

    def ratings(self, record: OutletRecord) -> list[dict]:
        """Every source's rating of ``record``, newest expert rating first."""
        if self.ratings_lines_ is None:
            return []
        if record.ratings_at not in self.ratings_read_:  # an article cites few outlets, often
            line = self.ratings_lines_.line(record.ratings_at)
            try:
                ratings = json.loads(line)
            except ValueError as exc:
                raise ModelError(
                    f"outlet ratings at {self.ratings_lines_.path} are damaged at byte "
                    f"{record.ratings_at} ({exc}); build them again with: {_REBUILD_RATINGS}"
                ) from None
            self.ratings_read_[record.ratings_at] = ratings
        return self.ratings_read_[record.ratings_at]

    def find_by_name(self, name: str) -> OutletAlias | None:
        """The alias an outlet name resolves to, if known."""
        return self.by_name_.get(canonical_name(name))

    def display_name(self, host: str, record: OutletRecord | None) -> str:
        """The best name for an outlet: curated, else from the rating lists, else its host."""
        section = record.address if record is not None and not record.whole_site else None
        for address in (section, host, record.domain if record is not None else None):
            if address in self.name_of_:
                return self.name_of_[address]
        if record is not None and record.name:
            return record.name
        return host


def table_dir() -> Path:
    """Where this machine's outlet table lives (built by ``veracity setup``, never shipped)."""
    return SPEC.directory


# Table folders seen built. Asked three times per article, so a folder is checked on disk only
# until its table is there: from then on the process reads the table it loaded (cached by
# :func:`load_outlet_table`), whatever happens to the file. The settings' reference folder
# (the object itself) whose table was seen built is kept too: building the table's path and
# hashing it cost more than the rest of the check (about 5 us a call).
_BUILT: set[Path] = set()
_BUILT_REFERENCE: list[object] = [None]


def outlet_table_ready(directory: Path | None = None) -> bool:
    """Whether the outlet table has been built on this machine."""
    if directory is None:
        reference = get_settings().reference_dir
        if reference is _BUILT_REFERENCE[0]:
            return True
        if not outlet_table_ready(table_dir()):
            return False
        _BUILT_REFERENCE[0] = reference
        return True
    if directory in _BUILT:
        return True
    if (directory / OUTLETS_FILE).is_file():
        _BUILT.add(directory)
        return True
    return False


def outlet_table_stamp(directory: Path | None = None) -> str:
    """The SHA-256 of this machine's outlet table file, or ``"absent"`` when none is built:
    what the outlet-citation detector's output depends on besides its code."""
    path = (directory or table_dir()) / OUTLETS_FILE
    try:
        return file_sha256(path)
    except OSError:
        return "absent"


@lru_cache(maxsize=1)
def load_outlet_table(directory: Path | None = None) -> OutletTable:
    """This machine's outlet table, checked against the ``sources`` artefact's version."""
    path = (directory or table_dir()) / OUTLETS_FILE
    rebuild = f"build it with: veracity setup (or {SPEC.rebuild_command})"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"outlet table missing or unreadable at {path}; {rebuild}") from exc
    if data.get("version") != SPEC.version:
        raise ModelError(
            f"outlet table is version {data.get('version')!r}, expected {SPEC.version!r}; {rebuild}"
        )
    try:
        rows = data["outlets"]
        if rows and len(rows[0]) != len(RECORD_FIELDS):
            raise TypeError(f"outlet rows have {len(rows[0])} columns, not {len(RECORD_FIELDS)}")
        aliases = [OutletAlias(**a) for a in data["aliases"]]
        domain_aliases = {str(old): str(new) for old, new in data["domain_aliases"].items()}
    except (KeyError, TypeError, AttributeError) as exc:
        raise ModelError(f"outlet table at {path} is malformed ({exc}); {rebuild}") from exc
    return OutletTable(rows, aliases, path.parent / RATINGS_FILE, domain_aliases)
