"""BuzzFeed-Webis 2016: Facebook-era political articles rated by BuzzFeed journalists."""

from __future__ import annotations

from pathlib import Path

from veracity.data.io import read_jsonl_gz
from veracity.data.record import NewsRecord
from veracity.data.registry import register_corpus


@register_corpus("buzzfeed_webis", folder="buzzfeed_webis_2016", level="article")
def load_buzzfeed_webis(folder: Path) -> list[NewsRecord]:
    """Articles rated mostly true (real) or mostly false (fake), empty texts dropped.

    "mixture" and "no factual content" ratings are not part of the binary task.
    """
    return [
        NewsRecord(
            id=f"buzzfeed-{row['id']}",
            corpus="buzzfeed_webis",
            collection=row.get("orientation") or "unknown",
            level="article",
            title=(row.get("title") or "").strip(),
            text=row["text"].strip(),
            label=row["label"],
            original_label=row["veracity"],
            source=row.get("portal") or None,
        )
        for row in read_jsonl_gz(folder / "buzzfeed_webis_2016.jsonl.gz")
        if row["label"] in {"fake", "real"} and (row.get("text") or "").strip()
    ]
