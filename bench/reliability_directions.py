"""Sourcing features that keep the direction their phrase gives a reader (leave-one-corpus-out).

Explanations read "quotes people directly" and "cites other outlets" as pushes toward
*unreliable* for some articles: a combiner that learns its weights freely gives both a negative
weight (every signal kind is held to a negative weight, as a warning; a quote-mark rate competes
with the attribution rate it goes with). This run measures why and what fixing it costs: for
each fold corpus, how far its reliable and unreliable articles differ on each sourcing column
(standardised mean difference); the fast configuration (``model_config("fast")``) with
``sourcing_directions`` off (weights learned freely, as shipped before it) and on (each column
of :data:`veracity.models.estimator.SOURCING_DIRECTIONS` weighs the way its phrase reads, or is
held at zero), TF-IDF+LR and the majority class, on the same folds and fold features as
``bench/reliability_invariant.py``; and, for each fold's model, which sourcing columns weigh
against their phrase.

Rule, fixed before the first run: ``sourcing_directions`` ships when neither the LOCO mean nor
the worst fold is more than :data:`TOLERANCE` below the free weights' (a reader-facing fix, not
a search for a higher figure; the tolerance of the reliability refits).

Usage: ``timeout 40m .venv/bin/python bench/reliability_directions.py
--cache DIR --write`` (about 2 minutes once ``bench/reliability_chars.py`` has filled the fold
features of ``DIR``, 10 from a cold cache); ``--render`` rewrites the section from the saved
run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from _loco import (  # noqa: E402  (bench/ on the path first)
    BASELINE,
    LocoRun,
    LocoSetup,
    cached_fold,
    code_digest,
    fold_features,
    fold_probabilities,
    fold_rows,
    setting_main,
    setting_tables,
)

DEFAULT_CACHE = Path("/tmp/loco-chars-cache")  # shares the fold features of reliability_chars
START = "<!-- reliability-directions:start -->"
END = "<!-- reliability-directions:end -->"
COMMAND = "timeout 40m .venv/bin/python bench/reliability_directions.py --write"
TOLERANCE = 0.005
log = logging.getLogger("reliability_directions")

# name -> (label, options added to the fast configuration)
SETTINGS: dict[str, tuple[str, dict[str, Any]]] = {
    "free": (
        "fast configuration, sourcing weights learned freely",
        {"sourcing_directions": False},
    ),
    "directions": (
        "sourcing columns held to their phrase's direction",
        {"sourcing_directions": True},
    ),
}


class FoldWeights(BaseModel):
    """A fold model's calibrated weight of each sourcing column (0.0: held or dropped)."""

    fold: str
    weights: dict[str, float]


class DirectionsRun(LocoRun):
    """The run: corpus differences, every setting's LOCO row and its fold models' weights."""

    differences: dict[str, dict[str, float]]  # corpus -> column -> (reliable - unreliable) / sd
    weights: dict[str, list[FoldWeights]]  # setting -> one entry per fold


def sourcing_columns() -> dict[str, int]:
    from veracity.models.estimator import SOURCING_DIRECTIONS

    return dict(SOURCING_DIRECTIONS)


def column_values(table: Any, rows: np.ndarray, column: str) -> np.ndarray:
    """One sourcing column of the rows, raw (a style feature or a signal's log count)."""
    from veracity.models.style import STYLE_FEATURES

    if column.startswith("style:"):
        return np.asarray(table.style[rows, STYLE_FEATURES.index(column.removeprefix("style:"))])
    return np.array([table.signals[i].get(column, np.nan) for i in rows], dtype=np.float64)


def differences(table: Any) -> dict[str, dict[str, float]]:
    """Per fold corpus: each sourcing column's mean among reliable minus among unreliable
    articles, in the corpus's standard deviations (positive: reliable articles have more)."""
    from veracity.models.loco import FOLDS

    out: dict[str, dict[str, float]] = {}
    for fold in FOLDS:
        rows = table.rows([fold])
        y = table.y[rows]
        out[fold] = {}
        for column in sourcing_columns():
            x = column_values(table, rows, column)
            sd = float(np.nanstd(x)) or 1.0
            gap = np.nanmean(x[y == 1]) - np.nanmean(x[y == 0])
            out[fold][column] = round(float(gap) / sd, 3)
    return out


def setting_system(name: str, cache: Path, weights: dict[str, list[FoldWeights]]) -> Any:
    """The fast configuration plus the setting's options; records each fold model's weights."""
    from veracity.models.config import model_config

    config = {**model_config("fast"), **SETTINGS[name][1]}
    tag = hashlib.sha256(json.dumps([config, code_digest()], sort_keys=True).encode())

    def system(table: Any, train: np.ndarray, test: np.ndarray) -> np.ndarray:
        train, fold = fold_rows(table, train, test)
        path = cache / f"pred-dir-{name}-{fold}-{tag.hexdigest()[:12]}.pkl"

        def fit() -> tuple[np.ndarray, dict[str, float]]:
            vectoriser, train_matrix, test_matrix = fold_features(table, fold, train, test, cache)
            model, p = fold_probabilities(
                config, vectoriser, table, (train, test), (train_matrix, test_matrix)
            )
            learned = {**model.style_weights, **model.signal_weights}
            return p, {c: round(learned.get(c, 0.0), 4) for c in sourcing_columns()}

        p, fold_weights = cached_fold(path, f"{name} on {fold}", log, fit)
        weights.setdefault(name, []).append(FoldWeights(fold=fold, weights=fold_weights))
        return p

    return system


def run(cache: Path) -> DirectionsRun:
    loco = LocoSetup(cache)
    weights: dict[str, list[FoldWeights]] = {}
    systems = {name: setting_system(name, cache, weights) for name in SETTINGS}
    labels = {name: label for name, (label, _) in SETTINGS.items()}
    options = {name: options for name, (_, options) in SETTINGS.items()}
    return DirectionsRun(
        **loco.scored(systems, labels, options),
        differences=differences(loco.table),
        weights=weights,
    )


def kept(result: DirectionsRun) -> bool:
    """Whether ``sourcing_directions`` passes the rule fixed before the run."""
    by_name = {row.name: row for row in result.rows}
    free, directions = by_name["free"], by_name["directions"]
    return (
        directions.mean_macro_f1 >= free.mean_macro_f1 - TOLERANCE
        and directions.worst_macro_f1 >= free.worst_macro_f1 - TOLERANCE
    )


def _short(column: str) -> str:
    return column.split(":", 1)[1]


def section(result: DirectionsRun) -> str:
    """The section of docs/benchmarks.md."""
    from veracity.models.explain import SIGNAL_PHRASES
    from veracity.models.style import STYLE_PHRASES

    columns = sourcing_columns()

    def phrase(column: str) -> str:
        name = _short(column)
        return STYLE_PHRASES[name][0] if column.startswith("style:") else SIGNAL_PHRASES[name]

    by_name = {row.name: row for row in result.rows}
    free, plain = by_name["free"], by_name[BASELINE]
    lines = [
        START,
        "### Reliability across corpora: sourcing features held to their direction "
        "(leave-one-corpus-out)",
        "",
        f"Generated by `{COMMAND}` ({result.seconds:.0f} s on the shared 2-core machine, fold "
        "features shared with the character n-gram run). Folds, training rows (3,000 a corpus "
        "at most), abstentions (counted as errors) and the 0.5 cut are those of the LOCO "
        "matrix above; each fold's word TF-IDF vocabulary is fitted on its training rows only. "
        "*Held to their direction*: the combiner's weight of each sourcing column must have "
        "the sign its phrase gives a reader (toward reliable: "
        + ", ".join(f'"{phrase(c)}"' for c, s in columns.items() if s > 0)
        + "; toward unreliable: "
        + ", ".join(f'"{phrase(c)}"' for c, s in columns.items() if s < 0)
        + "); the column that breaks it most is held at zero (a signal: left out) and the "
        "combiner refitted, as signal kinds that would raise a score always were. The free "
        "weights are the configuration the character n-gram run above calls shipped.",
        "",
        "Why the phrases read backwards: each corpus's reliable minus unreliable articles on "
        "each column, in the corpus's standard deviations (positive: reliable articles have "
        "more of it).",
        "",
        "| corpus | " + " | ".join(f"`{_short(c)}`" for c in columns) + " |",
        "|---|" + "---|" * len(columns),
    ]
    for fold, gaps in result.differences.items():
        lines.append(f"| {fold} | " + " | ".join(f"{gaps[c]:+.2f}" for c in columns) + " |")
    lines += [
        "",
        "Each fold model's calibrated weight of each column (per standard deviation; a "
        "signal per unit of log count; 0 where held or left out):",
        "",
        "| setting, held-out fold | " + " | ".join(f"`{_short(c)}`" for c in columns) + " |",
        "|---|" + "---|" * len(columns),
    ]
    for name, fold_weights in result.weights.items():
        for entry in fold_weights:
            cells = []
            for column, sign in columns.items():
                weight = entry.weights[column]
                mark = " (against)" if weight * sign < 0 else ""
                cells.append(f"{weight:+.3f}{mark}")
            lines.append(f"| {name}, {entry.fold} | " + " | ".join(cells) + " |")
    lines += [""]
    lines += setting_tables(
        result,
        reference=free,
        plain=plain,
        versus="free weights",
        compared=lambda row: row.name in SETTINGS and row.name != "free",
        per_fold_note="Per fold (macro-F1 at the 0.5 cut; in brackets the margin over TF-IDF+LR):",
        per_fold_versus=False,
    )
    lines += [
        "",
        f"Rule, fixed before the run: shipped when neither the mean nor the worst fold is more "
        f"than {TOLERANCE} below the configuration with free weights. "
        + (
            "It holds: `sourcing_directions` is on in `model_config`."
            if kept(result)
            else "It does not hold: not shipped (`sourcing_directions` stays off in "
            "`model_config`)."
        ),
        END,
    ]
    return "\n".join(lines)


def main() -> None:
    setting_main(__doc__, DEFAULT_CACHE, "directions.json", DirectionsRun, run, section, START, END)


if __name__ == "__main__":
    main()
