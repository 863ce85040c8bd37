"""Golbeck et al. 2018: fabricated stories and satire, both from unreliable sites.

Auxiliary: there is no reliable class, so it is never a LOCO fold. Both classes are ``fake``
in the common record; ``collection`` (``fake`` / ``satire``) tells them apart, to check that
neither is scored reliable.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from veracity.data.io import read_jsonl_gz
from veracity.data.record import NewsRecord
from veracity.data.registry import register_corpus
from veracity.errors import DataError


@register_corpus("golbeck2018_fake_satire", folder="golbeck2018_fake_satire", level="article")
def load_golbeck(folder: Path) -> list[NewsRecord]:
    """486 stories: 283 fabricated, 203 satirical; ``source`` is the site's domain."""
    records = []
    for row in read_jsonl_gz(folder / "golbeck2018.jsonl.gz"):
        if row["label"] not in {"fake", "satire"}:
            raise DataError(f"{folder}: unknown label {row['label']!r}")
        host = urlparse(row["url"]).hostname if row.get("url") else None
        records.append(
            NewsRecord(
                id=f"golbeck-{row['id']}",
                corpus="golbeck2018_fake_satire",
                collection=row["label"],
                level="article",
                title=(row.get("title") or "").strip(),
                text=row["text"].strip(),
                label="fake",
                original_label=row["label"],
                source=host.lower().removeprefix("www.") if host else None,
            )
        )
    return records
