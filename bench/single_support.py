"""Support from one passage: what a "supported" verdict that one passage alone decides gets,
chosen on development claims, then read once on the held-out claims and the denial set.

On the CLIMATE-FEVER development claims a "supported" verdict is right about as often as the
share of supported claims when one passage decides it, and about three times in four from two
or more (bench/event_support.py). The candidates (:class:`~veracity.verify.verdict.VerdictRule`):
``one_passage_cap``, the highest confidence such a verdict may show (it keeps its label), and
``min_supporting``: two passages needed, one alone gives "not enough evidence".

Development (the choice reads only these): the CLIMATE-FEVER train + validation claims (the
shipped head's out-of-fold probabilities, as in bench/denial_stance.py). Each candidate's
claim accuracy, macro-F1 and score (their mean) and how well its confidence tells a right
verdict from a wrong one: the Brier score of the confidence against the verdict being right,
over all claims, and the expected calibration error (10 bins). Choice: among the candidates
within :data:`TOLERANCE` of the rule before on the score, the lowest Brier score, then the
higher score. Read once, after the choice, for the rule before and the chosen one: the
held-out CLIMATE-FEVER claims and the denial set. The chosen rule ships only if it keeps issue
16's floors there and does what it was chosen for (:func:`ships`): a held-out Brier score no
higher than the rule before's.

Usage: ``.venv/bin/python bench/single_support.py [--out results.json] [--write]``.
"""

from __future__ import annotations

import sys
import time
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import numpy as np

from _verdict_dev import (  # bench/_verdict_dev.py
    CLIMATE_FEVER_FLOOR,
    climate_fever_scores,
    denial_counts,
    markers,
    rule_bench_main,
    rule_section,
    verdict_data,
)

SECTION_START, SECTION_END = markers("single-support")
# As bench/event_support.py: a claim or two of 1,228 on the development score.
TOLERANCE = 0.005
CAPS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
BINS = 10


def candidates(rule: Any) -> dict[str, Any]:
    """Each candidate's name -> its VerdictRule; "before" first."""
    out = {"before": rule}
    for cap in CAPS:
        out[f"one passage: confidence at most {cap}"] = replace(rule, one_passage_cap=cap)
    out["one passage: not enough evidence"] = replace(rule, min_supporting=2)
    return out


def calibration(verdicts: list[Any], gold: list[str]) -> dict[str, float]:
    """The Brier score and expected calibration error of the verdicts' confidence as the
    probability that the verdict is right, over all claims and over the "supported" ones."""
    confidence = np.array([v.confidence for v in verdicts])
    right = np.array([v.label == g for v, g in zip(verdicts, gold, strict=True)], dtype=float)
    supported = np.array([v.label == "supported" for v in verdicts])
    bins = np.minimum((confidence * BINS).astype(int), BINS - 1)
    ece = sum(
        abs(confidence[bins == b].mean() - right[bins == b].mean()) * (bins == b).mean()
        for b in range(BINS)
        if (bins == b).any()
    )
    return {
        "brier": float(np.mean((confidence - right) ** 2)),
        "ece": float(ece),
        "brier_supported": float(np.mean((confidence[supported] - right[supported]) ** 2)),
        "supported": int(supported.sum()),
        "supported_right": int(right[supported].sum()),
        "mean_confidence_supported": float(confidence[supported].mean()),
    }


def by_supporting(verdicts: list[Any], gold: list[str]) -> list[dict[str, Any]]:
    """The "supported" verdicts by how many passages support them: how many, how often right,
    their mean confidence."""
    rows: dict[str, list[tuple[bool, float]]] = {}
    for verdict, truth in zip(verdicts, gold, strict=True):
        if verdict.label == "supported":
            count = len(verdict.passages)
            key = str(count) if count < 3 else "3+"
            rows.setdefault(key, []).append((truth == "supported", verdict.confidence))
    return [
        {
            "passages": key,
            "claims": len(items),
            "right": sum(r for r, _ in items),
            "mean_confidence": float(np.mean([c for _, c in items])),
        }
        for key, items in sorted(rows.items())
    ]


def evaluate(judged: list[list[Any]], gold: list[str], rule: Any) -> dict[str, Any]:
    """A rule's verdicts on claims whose passages are ``judged`` (the shipped guards)."""
    from veracity.verify.train_evidence_stance import VerdictMetrics
    from veracity.verify.verdict import aggregate

    verdicts = [aggregate(passages, rule) for passages in judged]
    metrics = VerdictMetrics.of(gold, [v.label for v in verdicts])
    return {
        "climate_fever": climate_fever_scores(metrics),
        "metrics": metrics.model_dump(),
        "calibration": calibration(verdicts, gold),
        "by_supporting": by_supporting(verdicts, gold),
    }


def run(data_dir: Path, oof_cache: Path) -> dict[str, Any]:
    from veracity.verify.train_evidence_stance import judged_claims

    started = time.time()
    data = verdict_data(data_dir, oof_cache, compute=False)
    rule = replace(data.model.verdict_rule_, min_support=0.0)
    options = candidates(rule)
    development = {}
    judged = judged_claims(data.dev_claims, data.oof)
    for name, candidate in options.items():
        development[name] = evaluate(judged, data.dev_gold, candidate)
        print(name, development[name]["climate_fever"], development[name]["calibration"])
    before = development["before"]["climate_fever"]["score"]
    eligible = [
        name for name, d in development.items() if d["climate_fever"]["score"] >= before - TOLERANCE
    ]
    chosen = min(
        eligible,
        key=lambda n: (
            development[n]["calibration"]["brier"],
            -development[n]["climate_fever"]["score"],
        ),
    )
    # Read once, after the choice: the held-out claims and the denial set.
    held_proba, held_gold = data.held_out_probabilities()
    held_judged = judged_claims(data.held_out, held_proba)
    reported = {}
    for name in dict.fromkeys(("before", chosen)):
        result = evaluate(held_judged, held_gold, options[name])
        reported[name] = {
            "climate_fever_held_out": result["metrics"],
            "calibration": result["calibration"],
            "by_supporting": result["by_supporting"],
            "denial_set": denial_counts(data.model, options[name]),
        }
    result = {
        "development": development,
        "chosen": chosen,
        "reported": reported,
        "dev_claims": len(data.dev_claims),
        "held_out_claims": len(data.held_out),
        "seconds": round(time.time() - started, 1),
    }
    return {**result, **ships(result), "verdict_rule": asdict(options[ships(result)["shipped"]])}


def ships(result: dict[str, Any]) -> dict[str, Any]:
    """Whether the chosen rule keeps issue 16's floors on the held-out claims and the denial set
    (``keeps_floors``) and calibrates the held-out verdicts no worse than the rule before
    (``calibrates``: its Brier score), and so which rule ships."""
    reported = result["reported"]
    after, before = reported[result["chosen"]], reported["before"]
    keeps_floors = (
        after["climate_fever_held_out"]["accuracy"] > CLIMATE_FEVER_FLOOR
        and after["denial_set"]["denied_supported"] == 0
        and after["denial_set"]["confirmed_supported"]
        >= before["denial_set"]["confirmed_supported"]
    )
    calibrates = after["calibration"]["brier"] <= before["calibration"]["brier"]
    return {
        "keeps_floors": keeps_floors,
        "calibrates": calibrates,
        "shipped": result["chosen"] if keeps_floors and calibrates else "before",
    }


def section(result: dict[str, Any], command: str) -> str:
    return rule_section(
        "single-support", result, command, tolerance=TOLERANCE, floor=CLIMATE_FEVER_FLOOR
    )


def main(argv: list[str] | None = None) -> int:
    return rule_bench_main("single-support", __doc__, run, section, argv)


if __name__ == "__main__":
    sys.exit(main())
