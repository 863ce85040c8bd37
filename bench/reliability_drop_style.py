"""Screen style features for removal: leave-one-corpus-out with some style columns held constant.

Each variant runs ``veracity.models.loco.evaluate_loco`` (shared vocabulary: a third of the time
of ``bench/reliability_report.py --per-fold-vocabulary``) on the LOCO table with the named
style features replaced by their median (plus a 1e-6 jitter so that standardising them stays
defined), which takes them out of the model without touching the code: the same folds, rows,
text features and signals as the shipped configuration. A variant that holds up here is then
measured with the full command and the feature removed from ``models.style``.

Run: ``.venv/bin/python bench/reliability_drop_style.py --variant
title_capitalised_share --variant title_capitalised_share,title_caps_share --out FILE`` (about
3 minutes a variant); the first row is always the shipped configuration, from the same run.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from veracity.models.loco import LocoResult, LocoTable


def main() -> None:
    import veracity.models.loco as loco
    from veracity.models.style import STYLE_FEATURES

    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        help="comma-separated style features held constant (repeatable)",
    )
    parser.add_argument("--out", type=Path, default=None, help="save the results as JSON")
    args = parser.parse_args()
    variants = {"shipped": [], **{v: v.split(",") for v in args.variant}}
    unknown = {f for drop in variants.values() for f in drop} - set(STYLE_FEATURES)
    if unknown:
        parser.error(f"unknown style features: {', '.join(sorted(unknown))}")
    base = loco.load_loco_table()
    results = {}
    for name, drop in variants.items():
        table = copy.copy(base)
        style = base.style.copy()
        jitter = 1e-6 * np.random.default_rng(0).standard_normal(len(style))
        for feature in drop:
            column = STYLE_FEATURES.index(feature)
            style[:, column] = np.median(style[:, column]) + jitter
        table.style = style
        started = time.time()
        saved = loco_result(loco, table).as_saved()
        results[name] = {
            "held_constant": drop,
            "summary": saved["summary"]["veracity"],
            "per_fold": {fold: v["veracity"]["macro_f1"] for fold, v in saved["folds"].items()},
            "pooled": saved["pooled"]["veracity"],
            "seconds": round(time.time() - started, 1),
        }
        summary = results[name]["summary"]
        print(
            f"{name}: mean {summary['mean_macro_f1']:.3f}, worst {summary['worst_macro_f1']:.3f}, "
            f"pooled ECE {results[name]['pooled']['ece']:.3f}",
            flush=True,
        )
    if args.out:
        args.out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    json.dump(results, sys.stderr, indent=1)


def loco_result(loco: ModuleType, table: LocoTable) -> LocoResult:
    """``evaluate_loco`` (shared vocabulary) on ``table`` instead of the cached one."""
    load = loco.load_loco_table
    loco.load_loco_table = lambda data_dir=None: table
    try:
        return loco.evaluate_loco(shared_vocabulary=True)
    finally:
        loco.load_loco_table = load


if __name__ == "__main__":
    main()
