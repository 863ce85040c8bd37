"""CheckThat! 2024 Task 1, English (Hasanain et al. 2024): debate sentences labelled ``Yes``
when worth fact-checking, in train / dev / dev-test splits, for the check-worthiness models."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from veracity.errors import DataError

CHECKTHAT_DIR = "checkthat2024_en"


def checkthat_file(split: str) -> str:
    """The file of one split (``train``, ``dev``, ``dev-test``), relative to the data folder."""
    return f"{CHECKTHAT_DIR}/CT24_checkworthy_english_{split}.tsv"


def load_checkthat(data_dir: Path, split: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Sentences, labels (1 = ``Yes``) and sentence ids of one CheckThat! 2024 split."""
    path = data_dir / checkthat_file(split)
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
        texts = [str(r["Text"]).strip() for r in rows]
        labels = np.asarray([r["class_label"].strip() == "Yes" for r in rows], dtype=int)
        ids = np.asarray([int(r["Sentence_id"]) for r in rows])
    except FileNotFoundError:
        raise DataError(f"CheckThat! file missing: {path} (set VERACITY_DATA_DIR)") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DataError(f"cannot read {path}: {exc}") from None
    return texts, labels, ids
