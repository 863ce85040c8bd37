"""Support only from the claim's own event: the verdict's other-event guard and support margin,
chosen on development pairs, then read once on the held-out claims and the reported pairs.

A passage about another event than the claim's (another place, date, figure or actor) reads,
to the stance head, much like one that confirms it: both share the claim's words. Of the 32
hand-written claims of ``tests/fixtures/other_event_pairs.jsonl`` (each with a passage that
confirms it and one that reports a like event with one fact changed), the head alone, under the
guard before this bench, judged 20 of the other-event passages "supported". The candidates:

- :class:`~veracity.verify.verdict.EventRule`: the share of the claim's names a passage may
  leave out (``lacks_names``: more than half of two or more names, before), and whether a
  passage that gives its own figure where the claim's is missing (``other_figures``: "killed
  12 Syrian soldiers" for "killed 62 Syrian soldiers", "in 2011" for "in 2019") may support;
- ``VerdictRule.min_support``: the support strength a "supported" verdict needs at least, on
  top of the rule's ``min_strength`` (0.4: one passage at 0.4 made a verdict).

Development (the choice reads only these): the CLIMATE-FEVER train + validation claims (the
shipped head's out-of-fold probabilities, as in bench/denial_stance.py; score: mean of claim
accuracy and macro-F1) and the "dev" half of the other-event pairs (verdict of each passage
alone). Choice: among the candidates within :data:`TOLERANCE` of the rule before on the
CLIMATE-FEVER score that keep every dev confirmation the rule before supports, the fewest dev
other-event passages judged supported, then the higher CLIMATE-FEVER score. Read once, after
the choice, for the rule before and the chosen one: the "test" half of the pairs, the 307
held-out CLIMATE-FEVER claims and the denial set.

Usage: ``.venv/bin/python bench/event_support.py [--out results.json] [--write]``.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict, replace
from itertools import product
from pathlib import Path
from typing import Any

import numpy as np

from _verdict_dev import (  # bench/_verdict_dev.py
    CLIMATE_FEVER_FLOOR,
    REPO,
    climate_fever_scores,
    denial_counts,
    fixture_pairs,
    judged,
    markers,
    rule_bench_main,
    rule_section,
    verdict_data,
)

PAIRS = REPO / "tests" / "fixtures" / "other_event_pairs.jsonl"
SECTION_START, SECTION_END = markers("event-support")
# How far below the rule before a candidate may score on the CLIMATE-FEVER development claims
# (as bench/denial_stance.py: a claim or two of 1,228).
TOLERANCE = 0.005
NAME_RULES = {"> 1/2 of 2+": (0.5, 2), "> 1/3 of 2+": (0.34, 2), "any of 2+": (0.0, 2)}
NAME_RULES["any of 1+"] = (0.0, 1)
MIN_SUPPORTS = (0.0, 0.5, 0.6, 0.7)


def candidates() -> dict[str, tuple[Any, float]]:
    """Each candidate's name -> (event rule, min_support); "before" first."""
    from veracity.verify.verdict import EventRule

    out = {}
    for (names, (missing, minimum)), figures, margin in product(
        NAME_RULES.items(), (False, True), MIN_SUPPORTS
    ):
        name = f"names missing {names}" + (", other figures" if figures else "")
        name += f", support >= {margin}" if margin else ""
        out[name] = (EventRule(missing, minimum, figures), margin)
    return {"before": out.pop("names missing > 1/2 of 2+"), **out}


def passage_verdicts(model: Any, cases: list[dict], field: str, event: Any, rule: Any) -> list[str]:
    """The verdict from each case's ``field`` passage alone."""
    from veracity.verify.verdict import aggregate

    claims, texts = [c["claim"] for c in cases], [c[field] for c in cases]
    return [aggregate([p], rule).label for p in judged(model, claims, texts, event=event)]


def pair_counts(model: Any, cases: list[dict], event: Any, rule: Any) -> dict[str, int]:
    confirmed = passage_verdicts(model, cases, "confirming", event, rule)
    other = passage_verdicts(model, cases, "other_event", event, rule)
    by_kind = {
        kind: sum(
            o == "supported" for o, c in zip(other, cases, strict=True) if c["differs"] == kind
        )
        for kind in ("place", "date", "figure", "actor")
    }
    return {
        "claims": len(cases),
        "confirmed_supported": confirmed.count("supported"),
        "other_supported": other.count("supported"),
        **{f"other_supported_{kind}": n for kind, n in by_kind.items()},
    }


def support_bins(claims: list[dict], proba: np.ndarray, gold: list[str], rule: Any) -> list[dict]:
    """How often a "supported" verdict is right, by its support strength (the rule before)."""
    from veracity.verify.train_evidence_stance import judged_claims
    from veracity.verify.verdict import EventRule, aggregate

    bins: dict[float, list[str]] = {}
    for passages, truth in zip(judged_claims(claims, proba, event=EventRule()), gold, strict=True):
        verdict = aggregate(passages, rule)
        if verdict.label != "supported":
            continue
        strength = 1.0 - float(np.prod([1.0 - p.weight for p in verdict.passages]))
        bins.setdefault(min(int(strength * 10), 9) / 10, []).append(truth)
    return [
        {"low": low, "claims": len(truths), "right": truths.count("supported")}
        for low, truths in sorted(bins.items())
    ]


def run(data_dir: Path, oof_cache: Path | None = None) -> dict[str, Any]:
    from veracity.verify.train_evidence_stance import VerdictMetrics, claim_verdicts

    started = time.time()
    data = verdict_data(data_dir, oof_cache)
    model, dev_claims, dev_gold, oof = data.model, data.dev_claims, data.dev_gold, data.oof
    pairs, dev_pairs, test_pairs = fixture_pairs(PAIRS)
    base = model.verdict_rule_
    development: dict[str, Any] = {}
    options = candidates()
    for name, (event, margin) in options.items():
        rule = replace(base, min_support=margin)
        verdicts = VerdictMetrics.of(
            dev_gold, claim_verdicts(dev_claims, oof, rule, None, None, event)
        )
        development[name] = {
            "climate_fever": climate_fever_scores(verdicts),
            "pairs": pair_counts(model, dev_pairs, event, rule),
        }
        print(name, json.dumps(development[name]), flush=True)
    before = development["before"]
    eligible = [
        name
        for name, d in development.items()
        if d["climate_fever"]["score"] >= before["climate_fever"]["score"] - TOLERANCE
        and d["pairs"]["confirmed_supported"] >= before["pairs"]["confirmed_supported"]
    ]
    chosen = min(
        eligible,
        key=lambda n: (
            development[n]["pairs"]["other_supported"],
            -development[n]["climate_fever"]["score"],
        ),
    )
    # Read once, after the choice: the held-out claims, the test pairs, the denial set.
    held_proba, held_gold = data.held_out_probabilities()
    reported = {}
    for name in dict.fromkeys(("before", chosen)):
        event, margin = options[name]
        rule = replace(base, min_support=margin)
        verdicts = VerdictMetrics.of(
            held_gold, claim_verdicts(data.held_out, held_proba, rule, None, None, event)
        )
        reported[name] = {
            "climate_fever_held_out": verdicts.model_dump(),
            "pairs_test": pair_counts(model, test_pairs, event, rule),
            "denial_set": denial_counts(model, rule, event=event),
        }
    keeps_floors = (
        reported[chosen]["climate_fever_held_out"]["accuracy"] > CLIMATE_FEVER_FLOOR
        and reported[chosen]["denial_set"]["denied_supported"] == 0
    )
    event, margin = options[chosen]
    return {
        "development": development,
        "chosen": chosen,
        "keeps_floors": keeps_floors,
        "shipped": chosen if keeps_floors else "before",
        "event_rule": asdict(event),
        "min_support": margin,
        "verdict_rule": asdict(base),
        "support_bins": support_bins(dev_claims, oof, dev_gold, base),
        "supported_share": dev_gold.count("supported") / len(dev_gold),
        "reported": reported,
        "dev_claims": len(dev_claims),
        "held_out_claims": len(data.held_out),
        "pairs_by_change": {
            kind: sum(p["differs"] == kind for p in pairs)
            for kind in ("place", "date", "figure", "actor")
        },
        "dev_pairs": len(dev_pairs),
        "test_pairs": len(test_pairs),
        "seconds": round(time.time() - started, 1),
    }


def section(result: dict[str, Any], command: str) -> str:
    return rule_section(
        "event-support", result, command, tolerance=TOLERANCE, floor=CLIMATE_FEVER_FLOOR
    )


def main(argv: list[str] | None = None) -> int:
    return rule_bench_main("event-support", __doc__, run, section, argv)


if __name__ == "__main__":
    sys.exit(main())
