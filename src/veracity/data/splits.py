"""Train/test splits: source-disjoint (grouped by outlet), random (labelled as such), official."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.model_selection import GroupKFold, GroupShuffleSplit, train_test_split

from veracity.data.record import NewsRecord

Indices = tuple[np.ndarray, np.ndarray]


def groups_of(records: Sequence[NewsRecord]) -> np.ndarray:
    """The grouping key of each record (its source, else itself)."""
    return np.array([record.group for record in records])


def labels_of(records: Sequence[NewsRecord]) -> np.ndarray:
    """1 for ``real`` (reliable), 0 for ``fake``."""
    return np.array([1 if record.label == "real" else 0 for record in records])


def source_disjoint_split(
    records: Sequence[NewsRecord], *, test_size: float = 0.2, seed: int = 0
) -> Indices:
    """Train/test indices with no source (outlet, domain, speaker) on both sides."""
    splitter = GroupShuffleSplit(n_splits=1, test_size=test_size, random_state=seed)
    train, test = next(splitter.split(np.zeros(len(records)), groups=groups_of(records)))
    return train, test


def source_disjoint_folds(records: Sequence[NewsRecord], n_splits: int = 5) -> list[Indices]:
    """Grouped K-fold indices: every source lands in exactly one test fold."""
    groups = groups_of(records)
    n_splits = min(n_splits, len(set(groups)))
    return list(GroupKFold(n_splits=n_splits).split(np.zeros(len(records)), groups=groups))


def random_split(
    records: Sequence[NewsRecord], *, test_size: float = 0.2, seed: int = 0
) -> Indices:
    """Stratified random train/test indices (sources may appear on both sides)."""
    indices = np.arange(len(records))
    train, test = train_test_split(
        indices, test_size=test_size, random_state=seed, stratify=labels_of(records)
    )
    return np.sort(train), np.sort(test)


def official_split(records: Sequence[NewsRecord]) -> dict[str, list[NewsRecord]]:
    """Records by their corpus's official split (``train``/``valid``/``test``)."""
    by_split: dict[str, list[NewsRecord]] = {}
    for record in records:
        if record.split:
            by_split.setdefault(record.split, []).append(record)
    return by_split
