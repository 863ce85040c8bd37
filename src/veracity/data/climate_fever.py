"""CLIMATE-FEVER (Diggelmann et al. 2020): 1,535 climate claims, each with 5 Wikipedia evidence
sentences labelled SUPPORTS / REFUTES / NOT_ENOUGH_INFO and a claim-level label.

Read as raw rows (claim, label and evidences), not as :class:`NewsRecord`: the evidence stance
head trains on the sentence pairs and the fact-check store takes the claims.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from veracity.errors import DataError

CLIMATE_FEVER = "climate_fever/climate-fever.jsonl"


def load_climate_fever(data_dir: Path) -> list[dict[str, Any]]:
    """The CLIMATE-FEVER claims of ``data_dir``, each with its ``evidences``."""
    path = data_dir / CLIMATE_FEVER
    try:
        return [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    except FileNotFoundError:
        raise DataError(f"CLIMATE-FEVER file missing: {path} (set VERACITY_DATA_DIR)") from None
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read {path}: {exc}") from None
