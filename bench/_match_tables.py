"""Shared by the known-fact-check matching benches (bench/match_*.py): their docs tables, one
writer for the header, the rule under it and the rows, and one for each kind of point's
figures, so that a column reads the same in every section; and the store indices their test
sets leave out (:func:`liar_calibration_records`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

# A point chosen on all dev queries, then read nested (the same rule on four folds by FNC-1
# story, read on the fifth, pooled): bench/match_cross.py's MixPoint, match_misses.py's Point.
POINT_COLUMNS = (
    "precision (false positives)",
    "lowest fold",
    "real-paraphrase recall (found)",
    "nested: precision (false positives)",
    "nested: real recall",
)
# A system's point on the dev queries (bench/match_pair.py's DevPoint), and its false
# positives and mean real-paraphrase recall over bench/match_pair.py's FLOORS.
DEV_COLUMNS = ("precision", "recall", "real paraphrases P / R")
FLOOR_COLUMNS = ("false positives", "real R, mean at P >= 0.96-0.98")
# A system of bench/match_pair.py or match_headlines.py: its dev point and, for a pair head
# read alone (``<head>_alone``), the head's AUC.
PAIR_HEAD_COLUMNS = ("thresholds", *DEV_COLUMNS, *FLOOR_COLUMNS, "pair AUC")


def liar_calibration_records(rows: Iterable[Any]) -> set[int]:
    """The store indices the calibration sets' LIAR queries accept or ignore (``rows``: the
    dev and test rows of ``calibrate.calibration_sets``), which a bench's own queries leave out."""
    return {
        i
        for row in rows
        if row.query.kind.startswith("liar")
        for i in row.query.accept | row.query.ignore
    }


def table(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A markdown table's lines: the header of ``columns``, its rule, then one line a row."""
    return [
        "| " + " | ".join(columns) + " |",
        "|" + "---|" * len(columns),
        *("| " + " | ".join(cells) + " |" for cells in rows),
    ]


def point_cells(p: Any) -> tuple[str, ...]:
    """The :data:`POINT_COLUMNS` of a point (attributes as in bench/match_cross.py's MixPoint)."""
    return (
        f"{p.precision:.3f} ({p.false_positives})",
        f"{p.lowest_fold:.3f}",
        f"{p.real_recall:.3f} ({p.real_found})",
        f"{p.nested_precision:.3f} ({p.nested_false_positives})",
        f"{p.nested_real_recall:.3f}",
    )


def dev_cells(p: Any) -> tuple[str, ...]:
    """The :data:`DEV_COLUMNS` of a dev point (bench/match_pair.py's DevPoint)."""
    return (
        f"{p.precision:.3f}",
        f"{p.recall:.3f}",
        f"{p.real_precision:.3f} / {p.real_recall:.3f}",
    )


def thresholds_text(thresholds: dict[str, float | None]) -> str:
    """A point's thresholds as the matching benches' tables print them (``J``: lexical Jaccard,
    ``p``: match probability, ``cos``: semantic cosine; unset ones and those >= 10, off, left
    out)."""
    return ", ".join(
        f"{'J' if k == 'lexical_jaccard' else 'p' if k == 'match_probability' else 'cos'} {v}"
        for k, v in thresholds.items()
        if v is not None and v < 10
    )


def floor_cells(p: Any, floor: bool = True) -> tuple[str, ...]:
    """The :data:`FLOOR_COLUMNS` of a dev point (the floors' mean left empty where it was
    not read, or where ``floor`` is false)."""
    shown = floor and p.floor_mean is not None
    return str(p.false_positives), f"{p.floor_mean:.3f}" if shown else ""


def pair_head_cells(
    name: str, p: Any, pair_auc: dict[str, float], floor: bool = True
) -> tuple[str, ...]:
    """The :data:`PAIR_HEAD_COLUMNS` of system ``name``'s dev point (``floor``: as in
    :func:`floor_cells`)."""
    auc = pair_auc.get(name.removesuffix("_alone")) if name.endswith("_alone") else None
    return (
        thresholds_text(p.thresholds),
        *dev_cells(p),
        *floor_cells(p, floor),
        "" if auc is None else f"{auc:.3f}",
    )
