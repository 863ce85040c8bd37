"""Registry of corpus loaders: adding a corpus is one module plus one import line.

A loader reads one folder of ``data_dir`` and returns :class:`NewsRecord` objects; it raises
:class:`~veracity.errors.DataError` when the folder is missing or malformed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from veracity.data.record import Level, NewsRecord
from veracity.errors import DataError

LoadFn = Callable[[Path], list[NewsRecord]]


@dataclass(frozen=True)
class CorpusLoader:
    """A registered corpus: its folder under ``data_dir``, its level and its loader."""

    name: str
    folder: str
    level: Level
    load: LoadFn


_LOADERS: dict[str, CorpusLoader] = {}


def register_corpus(name: str, *, folder: str, level: Level) -> Callable[[LoadFn], LoadFn]:
    """Decorator registering ``fn`` as the loader of corpus ``name`` (read from ``folder``)."""

    def wrap(fn: LoadFn) -> LoadFn:
        if name in _LOADERS:
            raise ValueError(f"corpus {name!r} registered twice")
        _LOADERS[name] = CorpusLoader(name, folder, level, fn)
        return fn

    return wrap


def corpus_loaders() -> list[CorpusLoader]:
    """Every registered corpus loader, in registration order."""
    return list(_LOADERS.values())


def corpus_folder(data_dir: Path, name: str) -> Path:
    """The folder of a registered corpus, checked to exist."""
    loader = _get(name)
    folder = data_dir / loader.folder
    if not folder.is_dir():
        raise DataError(f"corpus {name!r} not found at {folder} (set VERACITY_DATA_DIR)")
    return folder


def load_corpus(name: str, data_dir: Path) -> list[NewsRecord]:
    """All records of one registered corpus."""
    return _get(name).load(corpus_folder(data_dir, name))


def _get(name: str) -> CorpusLoader:
    try:
        return _LOADERS[name]
    except KeyError:
        known = ", ".join(sorted(_LOADERS))
        raise DataError(f"unknown corpus {name!r}; known: {known}") from None
