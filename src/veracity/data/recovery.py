"""ReCOVery (Zhou et al. 2020): COVID-19 news of 2020, labelled by its publisher's rating.

The label is the outlet's (NewsGuard / MBFC), not the article's, so ``source`` is the publisher:
every evaluation splits by it, and the publisher never becomes a text feature.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from veracity.data.io import read_jsonl_gz
from veracity.data.record import NewsRecord
from veracity.data.registry import register_corpus
from veracity.errors import DataError

_LABELS = {"reliable": "real", "unreliable": "fake"}
NEWS_FILE = "recovery_news.jsonl.gz"
# Wire and broadcast newsrooms: the neutral reporting on which false alarms are counted
# (signals, propaganda spans) and which the propaganda tagger learns has no span.
WIRE_PUBLISHERS = frozenset(
    {
        "Reuters",
        "National Public Radio (NPR)",
        "CBS News",
        "USA Today",
        "ABC News",
        "PBS NewsHour",
    }
)


@register_corpus("recovery_covid2020", folder="recovery_covid2020", level="article")
def load_recovery(folder: Path) -> list[NewsRecord]:
    """2,031 articles of 55 publishers (1,364 reliable, 667 unreliable), empty texts dropped."""
    records = []
    for row in read_jsonl_gz(folder / NEWS_FILE):
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


def newsroom_articles(
    folder: Path, publishers: Collection[str], min_chars: int = 500
) -> list[dict[str, Any]]:
    """The raw rows of the reliable articles of ``publishers`` with at least ``min_chars``
    characters of text, ordered by id (the fixed samples of straight news the benches and the
    trainers draw from)."""
    return sorted(
        (
            row
            for row in read_jsonl_gz(folder / NEWS_FILE)
            if row.get("label") == "reliable"
            and row.get("publisher") in publishers
            and len(row.get("text") or "") >= min_chars
        ),
        key=lambda row: str(row["id"]),
    )
