"""The README's lists of a batch row's columns against the columns a row has."""

from __future__ import annotations

import re
from pathlib import Path

from veracity.batch.row import BatchRow

README = Path(__file__).resolve().parents[2] / "README.md"


def _named(opening: str, closing: str) -> set[str]:
    """The column names in backticks in the README's text from ``opening`` to ``closing``."""
    text = README.read_text(encoding="utf-8")
    start = text.index(opening)
    part = text[start : text.index(closing, start)]
    return {name for name in re.findall(r"`([^`]+)`", part) if re.fullmatch(r"[a-z_]+", name)}


def test_the_readme_names_every_column_of_a_batch_row() -> None:
    """Probe s43: the README's lists left out `reliability_status` (why a row has no score:
    too short, not English, out of scope), and the JSON lines list `n_claims` and `notes`,
    which every row has."""
    assert _named("Output: one row per input row", "A row that\ncannot") == set(
        BatchRow.model_fields
    )
    assert _named("CSV and XLSX hold flat columns", "A text cell") == set(BatchRow(index=0).flat())
