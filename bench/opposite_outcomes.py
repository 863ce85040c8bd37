"""Support never from the opposite outcome: the verdict's opposite-outcome rule, chosen on
development pairs, then read once on the held-out claims and the reported pairs.

A passage that states the opposite outcome of the claim's predicate for the same subject
("the council approved the budget" for "the council rejected the budget", "fell to 3.9
percent" for "rose to 10 percent", "far from a doubling" for "doubled") shares all the claim's
words but one, and the stance head, trained on Wikipedia-style evidence, reads it much like a
confirmation. ``tests/fixtures/opposite_outcome_pairs.jsonl`` holds hand-written news claims,
each with a passage that confirms it, one that states the opposite outcome, and a "side"
passage that confirms it and states an opposite word about something else ("... while
inflation fell"), which must keep its support. The candidates
(:class:`~veracity.verify.verdict.OutcomeRule`): where the opposite must sit
(``cues.opposite_outcomes``: in the clause that names the claim's subject, or in its sentence),
whether it is also read from a parse (``parsed``: by lemma, about the noun the outcome is
about) and what it does to the head's support probability (goes to "discuss"; goes to
"refutes"; and the head's "discuss" too).

Development (the choice reads only these): the CLIMATE-FEVER train + validation claims (the
shipped head's out-of-fold probabilities, as in bench/denial_stance.py; score: mean of claim
accuracy and macro-F1) and the "dev" half of the pairs (verdict of each passage alone).
Choice: among the candidates within :data:`TOLERANCE` of the rule before on the CLIMATE-FEVER
score that keep every dev confirmation and side passage the rule before supports, the fewest
dev opposite passages judged supported, then the most judged refuted, then the higher score.
Read once, after the choice, for the rule before, the lexicon rule shipped first
(:data:`LEXICON_RULE`), the parsed rule shipped next (:data:`PARSED_RULE`) and the chosen one:
the "test" half of the pairs, the held-out CLIMATE-FEVER claims and the denial set. A chosen
rule that misses issue 16's floors there, or loses a test confirmation or side passage the
parsed rule supports, leaves the parsed rule shipped.

Usage: ``.venv/bin/python bench/opposite_outcomes.py [--out results.json] [--write]``.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

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

PAIRS = REPO / "tests" / "fixtures" / "opposite_outcome_pairs.jsonl"
SECTION_START, SECTION_END = markers("opposite-outcomes")
# As bench/event_support.py: a claim or two of 1,228 on the development score.
TOLERANCE = 0.005
FIELDS = ("confirming", "opposite", "side")
# The rule shipped first (a432245): the lexicon alone; what a chosen rule must beat.
LEXICON_RULE = "clause: support and discuss refute"
# The parsed reading shipped before WordNet's outcome words; reported beside the chosen rule.
PARSED_RULE = "clause: support and discuss refute, parsed"
FAMILIES = (("nouns",), ("nouns", "antonyms"))


def candidates() -> dict[str, Any]:
    """Each candidate's name -> its OutcomeRule; "before" first."""
    from veracity.verify.verdict import OutcomeRule

    out: dict[str, Any] = {"before": OutcomeRule()}
    for parsed in (False, True):
        read = ", parsed" if parsed else ""
        for scope in ("clause", "sentence"):
            out[f"{scope}: no support{read}"] = OutcomeRule(scope, parsed=parsed)
            out[f"{scope}: support refutes{read}"] = OutcomeRule(scope, True, parsed=parsed)
            out[f"{scope}: support and discuss refute{read}"] = OutcomeRule(
                scope, True, related=True, parsed=parsed
            )
    # WordNet's outcome words (scripts/outcome_families.py) in the parsed reading
    for families in FAMILIES:
        words = " + ".join(families)
        out[f"clause: no support, parsed, {words}"] = OutcomeRule(
            "clause", parsed=True, families=families
        )
        out[f"clause: support refutes, parsed, {words}"] = OutcomeRule(
            "clause", True, parsed=True, families=families
        )
        out[f"clause: support and discuss refute, parsed, {words}"] = OutcomeRule(
            "clause", True, related=True, parsed=True, families=families
        )
    return out


def pair_counts(model: Any, cases: list[dict], outcome: Any, rule: Any) -> dict[str, int]:
    """How many passages of each kind alone make each verdict."""
    from veracity.verify.verdict import aggregate

    counts = {"claims": len(cases)}
    claims = [c["claim"] for c in cases]
    for field in FIELDS:
        labels = [
            aggregate([p], rule).label
            for p in judged(model, claims, [c[field] for c in cases], outcome=outcome)
        ]
        counts[f"{field}_supported"] = labels.count("supported")
        counts[f"{field}_refuted"] = labels.count("refuted")
    return counts


def fnc1_reversals(data_dir: Path, outcome: Any) -> dict[str, Any]:
    """How often ``cues.opposite_outcomes`` finds a reversal of an FNC-1 competition headline in
    its body, by the pair's stance (agree / disagree): its false alarms on real news that
    confirms the headline, and its reach on news that disputes it."""
    import csv
    import gzip

    from veracity.verify.cues import opposite_outcomes

    folder = data_dir / "fnc1"
    with gzip.open(folder / "competition_test_bodies.csv.gz", "rt", encoding="utf-8") as f:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(f)}
    with gzip.open(folder / "competition_test_stances.csv.gz", "rt", encoding="utf-8") as f:
        pairs = [row for row in csv.DictReader(f) if row["Stance"] in ("agree", "disagree")]
    out: dict[str, Any] = {}
    for stance in ("agree", "disagree"):
        of_stance = [p for p in pairs if p["Stance"] == stance]
        found = [
            (p["Headline"], reversal)
            for p in of_stance
            if (
                reversal := opposite_outcomes(
                    p["Headline"],
                    bodies[p["Body ID"]],
                    parsed=outcome.parsed,
                    families=outcome.families,
                )
            )
        ]
        out[stance] = {
            "pairs": len(of_stance),
            "reversed": len(found),
            "headlines": sorted({headline for headline, _ in found}),
        }
    return out


def run(data_dir: Path, oof_cache: Path) -> dict[str, Any]:
    from veracity.verify.train_evidence_stance import VerdictMetrics, claim_verdicts

    started = time.time()
    data = verdict_data(data_dir, oof_cache, compute=False)
    model, dev_claims, dev_gold, oof = data.model, data.dev_claims, data.dev_gold, data.oof
    _, dev_pairs, test_pairs = fixture_pairs(PAIRS)
    rule = replace(model.verdict_rule_, min_support=0.0)
    options = candidates()
    development: dict[str, Any] = {}
    for name, outcome in options.items():
        verdicts = VerdictMetrics.of(
            dev_gold, claim_verdicts(dev_claims, oof, rule, None, None, None, outcome)
        )
        development[name] = {
            "climate_fever": climate_fever_scores(verdicts),
            "pairs": pair_counts(model, dev_pairs, outcome, rule),
        }
        print(name, json.dumps(development[name]), flush=True)
    before = development["before"]
    eligible = [
        name
        for name, d in development.items()
        if d["climate_fever"]["score"] >= before["climate_fever"]["score"] - TOLERANCE
        and d["pairs"]["confirming_supported"] >= before["pairs"]["confirming_supported"]
        and d["pairs"]["side_supported"] >= before["pairs"]["side_supported"]
    ]
    chosen = min(
        eligible,
        key=lambda n: (
            development[n]["pairs"]["opposite_supported"],
            -development[n]["pairs"]["opposite_refuted"],
            -development[n]["climate_fever"]["score"],
        ),
    )
    # Read once, after the choice: the held-out claims, the test pairs, the denial set.
    held_proba, held_gold = data.held_out_probabilities()
    reported = {}
    for name in dict.fromkeys(("before", LEXICON_RULE, PARSED_RULE, chosen)):
        outcome = options[name]
        verdicts = VerdictMetrics.of(
            held_gold, claim_verdicts(data.held_out, held_proba, rule, None, None, None, outcome)
        )
        reported[name] = {
            "climate_fever_held_out": verdicts.model_dump(),
            "pairs_test": pair_counts(model, test_pairs, outcome, rule),
            "denial_set": denial_counts(model, rule, outcome=outcome),
        }
    after, first = reported[chosen], reported[PARSED_RULE]
    keeps_floors = (
        after["climate_fever_held_out"]["accuracy"] > CLIMATE_FEVER_FLOOR
        and after["denial_set"]["denied_supported"] == 0
        and after["pairs_test"]["confirming_supported"]
        >= first["pairs_test"]["confirming_supported"]
        and after["pairs_test"]["side_supported"] >= first["pairs_test"]["side_supported"]
    )
    return {
        "development": development,
        "chosen": chosen,
        "keeps_floors": keeps_floors,
        "shipped": chosen if keeps_floors else PARSED_RULE,
        "outcome_rule": asdict(options[chosen if keeps_floors else PARSED_RULE]),
        "verdict_rule": asdict(rule),
        "reported": reported,
        "fnc1": fnc1_reversals(data_dir, options[chosen]),
        "dev_claims": len(dev_claims),
        "held_out_claims": len(data.held_out),
        "dev_pairs": len(dev_pairs),
        "test_pairs": len(test_pairs),
        "seconds": round(time.time() - started, 1),
    }


def section(result: dict[str, Any], command: str) -> str:
    return rule_section(
        "opposite-outcomes", result, command, tolerance=TOLERANCE, floor=CLIMATE_FEVER_FLOOR
    )


def main(argv: list[str] | None = None) -> int:
    return rule_bench_main("opposite-outcomes", __doc__, run, section, argv)


if __name__ == "__main__":
    sys.exit(main())
