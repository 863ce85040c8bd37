"""Near-duplicate removal across corpora with MinHash LSH, so no text sits on both sides of a split.

Records are visited in priority order: rows of an official test split first (they are never
dropped, so official test figures stay comparable), then validation rows, then the rest. A
record whose word-3-gram Jaccard similarity with an already kept record reaches the threshold
is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from datasketch import MinHash, MinHashLSH

from veracity.data.record import NewsRecord

DEDUP_VERSION = "minhash-w3-t0.8-p64"
_WORD = re.compile(r"\w+")
_PRIORITY = {"test": 0, "valid": 1}


@dataclass
class DedupResult:
    """The records kept and, for each dropped one, the id of the kept record it duplicates."""

    kept: list[NewsRecord]
    dropped: dict[str, str] = field(default_factory=dict)


def shingles(text: str, size: int = 3) -> set[bytes]:
    """Lower-cased word n-grams of a text (its words when it is shorter than ``size``)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {word.encode() for word in words}
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def deduplicate(
    records: Sequence[NewsRecord], *, threshold: float = 0.8, num_perm: int = 64
) -> DedupResult:
    """Drop near-duplicates (title + text), keeping official test rows and the first of each group."""
    order = sorted(range(len(records)), key=lambda i: _PRIORITY.get(records[i].split or "", 2))
    shingle_sets = [shingles(records[i].full_text) for i in order]
    signatures = MinHash.bulk(shingle_sets, num_perm=num_perm)
    index = MinHashLSH(threshold=threshold, num_perm=num_perm)
    kept_positions: set[int] = set()
    dropped: dict[str, str] = {}
    for record_index, signature, shingle_set in zip(order, signatures, shingle_sets, strict=True):
        record = records[record_index]
        if not shingle_set:
            kept_positions.add(record_index)
            continue
        matches = index.query(signature)
        if matches and record.split != "test":
            dropped[record.id] = records[matches[0]].id
            continue
        index.insert(record_index, signature, check_duplication=False)
        kept_positions.add(record_index)
    kept = [record for i, record in enumerate(records) if i in kept_positions]
    return DedupResult(kept=kept, dropped=dropped)
