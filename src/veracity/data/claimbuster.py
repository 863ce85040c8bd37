"""ClaimBuster (Arslan et al. 2020): US presidential debate sentences labelled check-worthy
or not (the 3xNCS ground truth of ``kfold_30ncs.json``), for the check-worthiness models."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from veracity.errors import DataError

CLAIMBUSTER_FILE = "claimbuster/kfold_30ncs.json"


def load_claimbuster(data_dir: Path) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Sentences, labels (1 = check-worthy) and sentence ids."""
    path = data_dir / CLAIMBUSTER_FILE
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        texts = [str(r["text"]).strip() for r in rows]
        labels = np.asarray([int(r["label"]) for r in rows])
        ids = np.asarray([int(r["sentence_id"]) for r in rows])
    except FileNotFoundError:
        raise DataError(f"ClaimBuster file missing: {path} (set VERACITY_DATA_DIR)") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(f"cannot read {path}: {exc}") from None
    return texts, labels, ids
