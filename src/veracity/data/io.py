"""Small readers shared by the corpus loaders; malformed files become :class:`DataError`."""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from veracity.errors import DataError


def read_jsonl_gz(path: Path) -> Iterator[dict]:
    """Rows of a gzip JSON-lines file."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)
    except FileNotFoundError:
        raise DataError(f"missing corpus file {path}") from None
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read {path} : {exc}") from None


def read_tsv(path: Path, *, header: bool, names: list[str] | None = None) -> pd.DataFrame:
    """A TSV file read verbatim (no quote handling: statements contain quote characters)."""
    if not path.is_file():
        raise DataError(f"missing corpus file {path}")
    try:
        return pd.read_csv(
            path,
            sep="\t",
            header=0 if header else None,
            names=names,
            quoting=csv.QUOTE_NONE,
            dtype=str,
            keep_default_na=False,
        )
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise DataError(f"cannot read {path}: {exc}") from None


def read_gz_lines(path: Path) -> list[str]:
    """Non-empty stripped lines of a gzip text file."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return [line.strip() for line in handle if line.strip()]
    except FileNotFoundError:
        raise DataError(f"missing corpus file {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read {path}: {exc}") from None
