"""News media factuality and bias (Baly et al., EMNLP 2018 and ACL 2020): outlets rated by
Media Bias/Fact Check, one TSV per paper.

Read as raw rated rows, not as :class:`NewsRecord`: the outlet table takes them as two of its
rating lists (``sources.lists``) and derives outlet-name aliases from them
(``sources.build``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from veracity.errors import DataError

CORPUS = "media_reliability"
# Older first: a later file's rating of the same outlet is the newer one.
RATING_FILES = {"emnlp18": "emnlp18_corpus.tsv", "acl2020": "acl2020_corpus.tsv"}
FACTUALITY = frozenset({"high", "mixed", "low"})
BIAS = frozenset(
    {"extreme-left", "left", "left-center", "center", "right-center", "right", "extreme-right"}
)


@dataclass(frozen=True, slots=True)
class OutletRating:
    """One rated outlet as the file gives it; ``fact`` and ``bias`` lower-cased and checked."""

    source_url: str
    source_url_normalized: str
    ref: str  # the MBFC page
    fact: str
    bias: str


def read_media_reliability(path: Path) -> Iterator[OutletRating]:
    """The rows of one of the corpus's TSV files; :class:`DataError` when it is missing or a
    label is not on MBFC's scales."""
    if not path.is_file():
        raise DataError(f"media reliability file missing: {path} (set VERACITY_DATA_DIR)")
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            fact, bias = row["fact"].strip().lower(), row["bias"].strip().lower()
            if fact not in FACTUALITY or bias not in BIAS:
                raise DataError(f"unexpected labels {fact!r}/{bias!r} in {path.name}")
            yield OutletRating(
                row["source_url"], row["source_url_normalized"], row["ref"], fact, bias
            )
