"""Koirala 2021 COVID-19 fake news: articles rated false / partially false (fake) or true."""

from __future__ import annotations

from pathlib import Path

from veracity.data.io import read_jsonl_gz
from veracity.data.record import NewsRecord
from veracity.data.registry import register_corpus
from veracity.errors import DataError


@register_corpus("covid19_fakenews_koirala", folder="covid19_fakenews_koirala", level="article")
def load_koirala(folder: Path) -> list[NewsRecord]:
    """2,794 articles of the deduplicated file (953 fake, 1,841 real); no outlet is recorded.

    ``collection`` is the corpus's subcategory (false news, partially false, true). The file's
    own ``id`` restarts in each sheet of the original workbook (34 values recur), so the record id
    adds the row's position in the fixed deduplicated file.
    """
    records = []
    rows = read_jsonl_gz(folder / "covid_fakenews_koirala.dedup.jsonl.gz")
    for position, row in enumerate(rows):
        if row["label"] not in {"fake", "real"}:
            raise DataError(f"{folder}: unknown label {row['label']!r}")
        records.append(
            NewsRecord(
                id=f"koirala-{position}-{row['id']}",
                corpus="covid19_fakenews_koirala",
                collection=row.get("subcategory") or "unknown",
                level="article",
                title=(row.get("title") or "").strip(),
                text=row["text"].strip(),
                label=row["label"],
                original_label=row.get("subcategory") or row["label"],
            )
        )
    return records
