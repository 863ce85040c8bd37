"""ReCOVery (Zhou et al. 2020): COVID-19 news of 2020, labelled by its publisher's rating.

The label is the outlet's (NewsGuard / MBFC), not the article's, so ``source`` is the publisher:
every evaluation splits by it, and the publisher never becomes a text feature.
"""

from __future__ import annotations

from pathlib import Path

from veracity.data.io import read_jsonl_gz
from veracity.data.record import NewsRecord
from veracity.data.registry import register_corpus
from veracity.errors import DataError

_LABELS = {"reliable": "real", "unreliable": "fake"}


@register_corpus("recovery_covid2020", folder="recovery_covid2020", level="article")
def load_recovery(folder: Path) -> list[NewsRecord]:
    """2,031 articles of 55 publishers (1,364 reliable, 667 unreliable), empty texts dropped."""
    records = []
    for row in read_jsonl_gz(folder / "recovery_news.jsonl.gz"):
        if row["label"] not in _LABELS:
            raise DataError(f"{folder}: unknown ReCOVery label {row['label']!r}")
        if not (row.get("text") or "").strip():
            continue
        records.append(
            NewsRecord(
                id=f"recovery-{row['id']}",
                corpus="recovery_covid2020",
                collection="recovery",
                level="article",
                title=(row.get("title") or "").strip(),
                text=row["text"].strip(),
                label=_LABELS[row["label"]],  # type: ignore[arg-type]
                original_label=row["label"],
                source=row.get("publisher") or None,
            )
        )
    return records
