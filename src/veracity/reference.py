"""Reference data built on this machine from the labelled corpora: ``veracity setup``.

Trained models ship inside the package; lookup tables that are the corpora themselves (outlet
ratings, the statements of published fact-checks) are data, so they are never shipped. They are
built here into ``settings.reference_dir`` instead, once, and rebuilt only when their corpora or
their format change. A stamp file per part records what each was built from.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from veracity.artefacts import ARTEFACTS, ArtefactSpec, Card
from veracity.errors import DataError, OutputError
from veracity.settings import get_settings

STAMP_NAME = "built-from.json"
LOCK_NAME = ".setup.lock"


@dataclass(frozen=True)
class ReferencePart:
    """One lookup table: a reference artefact (:mod:`veracity.artefacts`) and the corpus folders it reads."""

    name: str
    corpora: tuple[str, ...]

    @property
    def spec(self) -> ArtefactSpec:
        return ARTEFACTS[self.name]

    @property
    def purpose(self) -> str:
        return self.spec.purpose

    def version(self) -> str:
        return self.spec.version

    def build(self, data_dir: Path, out_dir: Path) -> Card:
        return self.spec.run_training(data_dir, out_dir)


@dataclass(frozen=True)
class PartOutcome:
    """What ``setup`` did for one part."""

    name: str
    folder: Path
    action: str  # "built" or "up to date"
    seconds: float


PARTS: dict[str, ReferencePart] = {
    part.name: part
    for part in (
        ReferencePart(
            name="sources", corpora=("outlets", "media_reliability", "ptc_semeval2020_task11")
        ),
        ReferencePart(name="speakers", corpora=("liar",)),
        ReferencePart(
            name="factchecks",
            corpora=("liar", "climate_fever", "constraint_covid19_fakenews", "fnc1"),
        ),
    )
}


def reference_folder(name: str) -> Path:
    """``<reference_dir>/<name>``: where one part lives on this machine."""
    return get_settings().reference_dir / name


def corpora_digest(data_dir: Path, corpora: Iterable[str]) -> str:
    """sha256 over every file (name and bytes) of the given corpus folders, in a stable order."""
    digest = hashlib.sha256()
    for corpus in sorted(corpora):
        folder = data_dir / corpus
        if not folder.is_dir():
            raise DataError(f"corpus folder {folder} is missing; set VERACITY_DATA_DIR")
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(data_dir)).encode("utf-8") + b"\0")
            with path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()


def stamp_of(part: ReferencePart, data_dir: Path) -> dict[str, str]:
    """What a built ``part`` records: its format version and a digest of its corpora."""
    return {"version": part.version(), "corpora_sha256": corpora_digest(data_dir, part.corpora)}


def recorded_stamp(folder: Path) -> dict[str, str] | None:
    """The stamp a built part left in ``folder``, if any."""
    try:
        return json.loads((folder / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _unwritable(folder: Path, exc: OSError) -> OutputError:
    return OutputError(
        f"cannot write the reference tables to {folder}: {exc.strerror or exc}; "
        "set VERACITY_REFERENCE_DIR to a folder you can write"
    )


@contextmanager
def setup_lock(folder: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold ``folder``'s setup lock; while another ``veracity setup`` holds it, call ``on_wait`` and wait.

    Two setups at once built the fact-check store twice (892 s against about 4 minutes); the
    second now waits, then finds the first one's stamps and skips.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = (folder / LOCK_NAME).open("a")
    except OSError as exc:
        raise _unwritable(folder, exc) from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_reference(
    data_dir: Path | None = None,
    *,
    only: Iterable[str] | None = None,
    force: bool = False,
    on_wait: Callable[[], None] | None = None,
) -> list[PartOutcome]:
    """Build each reference part that is missing or stale into ``settings.reference_dir``.

    One setup at a time per reference folder: a second one calls ``on_wait``, waits for the
    first, then skips what it built.
    """
    data_dir = data_dir or get_settings().data_dir
    if not data_dir.is_dir():
        raise DataError(
            f"data directory {data_dir} is missing; point VERACITY_DATA_DIR at the corpora"
        )
    names = list(only) if only else list(PARTS)
    unknown = sorted(set(names) - set(PARTS))
    if unknown:
        raise DataError(f"unknown reference part(s) {unknown}; choose from {sorted(PARTS)}")
    with setup_lock(get_settings().reference_dir, on_wait):
        return [_build_part(PARTS[name], data_dir, force) for name in names]


def _build_part(part: ReferencePart, data_dir: Path, force: bool) -> PartOutcome:
    """Build one part unless its stamp says it is up to date; the caller holds the setup lock."""
    folder = reference_folder(part.name)
    started = time.perf_counter()
    stamp = stamp_of(part, data_dir)  # digest the corpora once: to compare, then to record
    if not force and recorded_stamp(folder) == stamp:
        return PartOutcome(part.name, folder, "up to date", 0.0)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / STAMP_NAME).unlink(missing_ok=True)  # a half-built part is never "up to date"
    except OSError as exc:
        raise _unwritable(folder, exc) from exc
    part.build(data_dir, folder)
    (folder / STAMP_NAME).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
    return PartOutcome(part.name, folder, "built", time.perf_counter() - started)
