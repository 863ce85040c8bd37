"""LIAR (Wang 2017): PolitiFact statements with six truth labels and speaker metadata.

The speaker credit-history columns (9-13) count the speaker's past verdicts *including this
statement's own*, so they leak the label: they are read positionally and never kept.
"""

from __future__ import annotations

from pathlib import Path

from veracity.data.io import read_tsv
from veracity.data.record import NewsRecord
from veracity.data.registry import register_corpus
from veracity.errors import DataError

LIAR_LABELS = ("pants-fire", "false", "barely-true", "half-true", "mostly-true", "true")
LIAR_REAL = frozenset({"half-true", "mostly-true", "true"})
LIAR_META = ("subject", "speaker", "job", "state", "party", "context")

_COLUMNS = [
    "id",
    "label",
    "statement",
    "subject",
    "speaker",
    "job",
    "state",
    "party",
    *(f"credit_{i}" for i in range(5)),
    "context",
]
_SPLITS = {"train": "train.tsv", "valid": "valid.tsv", "test": "test.tsv"}


@register_corpus("liar", folder="liar", level="claim")
def load_liar(folder: Path) -> list[NewsRecord]:
    """12,836 statements on the official splits; binary ``real`` = half-true or truer."""
    records: list[NewsRecord] = []
    for split, file_name in _SPLITS.items():
        frame = read_tsv(folder / file_name, header=False, names=_COLUMNS)
        unknown = set(frame["label"]) - set(LIAR_LABELS)
        if unknown:
            raise DataError(f"{folder / file_name}: unknown LIAR labels {sorted(unknown)}")
        for row in frame.itertuples(index=False):
            records.append(
                NewsRecord(
                    id=f"liar-{row.id.removesuffix('.json')}",
                    corpus="liar",
                    collection="politifact_statements",
                    level="claim",
                    title="",
                    text=row.statement.strip(),
                    label="real" if row.label in LIAR_REAL else "fake",
                    original_label=row.label,
                    source=row.speaker or None,
                    split=split,  # type: ignore[arg-type]
                    meta={name: str(getattr(row, name)).strip() for name in LIAR_META},
                )
            )
    return records
