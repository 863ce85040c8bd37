"""FNC-1 (Fake News Challenge stage 1, 2017): headline / article-body pairs labelled agree,
disagree, discuss or unrelated; only the labelled competition test files are available.

Read as a table of pairs, not as :class:`NewsRecord`: the stance models train on the pairs and
the fact-check calibration rewords their headlines.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from veracity.errors import DataError

FNC_STANCES = "fnc1/competition_test_stances.csv.gz"
FNC_BODIES = "fnc1/competition_test_bodies.csv.gz"


def load_fnc_pairs(data_dir: Path) -> pd.DataFrame:
    """FNC-1 pairs: ``headline``, ``body_id``, ``body``, ``stance``."""
    try:
        stances = pd.read_csv(data_dir / FNC_STANCES, dtype={"Body ID": int})
        bodies = pd.read_csv(data_dir / FNC_BODIES, dtype={"Body ID": int})
    except FileNotFoundError as exc:
        raise DataError(f"FNC-1 file missing: {exc.filename} (set VERACITY_DATA_DIR)") from None
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read FNC-1: {exc}") from None
    if {"Headline", "Body ID", "Stance"} - set(stances) or {"Body ID", "articleBody"} - set(bodies):
        raise DataError("FNC-1 files lack the Headline / Body ID / Stance / articleBody columns")
    pairs = stances.merge(bodies, on="Body ID", how="inner", validate="many_to_one")
    return pairs.rename(
        columns={
            "Headline": "headline",
            "Body ID": "body_id",
            "articleBody": "body",
            "Stance": "stance",
        }
    )
