"""CONSTRAINT@AAAI-2021: COVID-19 social-media posts, real or fake, on the official splits."""

from __future__ import annotations

from pathlib import Path

from veracity.data.io import read_tsv
from veracity.data.record import NewsRecord
from veracity.data.registry import register_corpus
from veracity.errors import DataError

_SPLITS = {"train": "train.tsv", "valid": "valid.tsv", "test": "test.tsv"}


@register_corpus("constraint_covid19", folder="constraint_covid19_fakenews", level="claim")
def load_constraint(folder: Path) -> list[NewsRecord]:
    """10,700 posts (train 6,420 / valid 2,140 / test 2,140); no author is recorded."""
    records: list[NewsRecord] = []
    for split, file_name in _SPLITS.items():
        frame = read_tsv(folder / file_name, header=True)
        if not {"id", "tweet", "label"} <= set(frame.columns):
            raise DataError(f"{folder / file_name}: expected columns id, tweet, label")
        for row in frame.itertuples(index=False):
            if row.label not in {"fake", "real"}:
                raise DataError(f"{folder / file_name}: unknown label {row.label!r}")
            records.append(
                NewsRecord(
                    id=f"constraint-{split}-{row.id}",
                    corpus="constraint_covid19",
                    collection="covid19_posts",
                    level="claim",
                    title="",
                    text=row.tweet.strip(),
                    label=row.label,
                    original_label=row.label,
                    split=split,  # type: ignore[arg-type]
                )
            )
    return records
