"""Pérez-Rosas et al. 2018: FakeNewsAMT (crowd-written fakes) and Celebrity articles."""

from __future__ import annotations

from pathlib import Path

from veracity.data.io import read_jsonl_gz
from veracity.data.record import NewsRecord
from veracity.data.registry import register_corpus


@register_corpus("perezrosas2018", folder="perezrosas2018_fakenewsamt_celebrity", level="article")
def load_perezrosas(folder: Path) -> list[NewsRecord]:
    """980 articles; no outlet is recorded, so ``source`` is the subset's topic."""
    return [
        NewsRecord(
            id=row["id"],
            corpus="perezrosas2018",
            collection=row["subset"],
            level="article",
            title=(row.get("title") or "").strip(),
            text=row["text"].strip(),
            label=row["label"],
            original_label=row["label"],
            source=f"{row['subset']}/{row.get('topic') or 'none'}",
        )
        for row in read_jsonl_gz(folder / "perezrosas2018.jsonl.gz")
    ]
