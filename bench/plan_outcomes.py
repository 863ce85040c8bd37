"""A job's time and cost against its plan read as opposite outcomes: ``OutcomeRule.plans`` off
and on, on development data only.

Probe s47 (V6): ``veracity verify "The bridge on Route 9 was repaired on time and under
budget."`` read **supported (0.66)** by "the Route 9 bridge repairs were completed two months
late and 1.2 million dollars over budget": the stance head reads the shared words as agreement
and the opposite-outcome rule knew no outcome of a schedule or a budget. ``OutcomeRule.plans``
(:func:`~veracity.verify.cues.opposite_outcomes` with ``plans``): "on time", "on schedule",
"ahead of schedule", "N weeks early" against "N months late", "finished late", "behind
schedule", "delayed"; "under", "within", "on" or "below budget" against "over" or "above
budget", each for the claim's subject (the verb the job finished with not asked), in the
lexicon reading of the rule, so a reversal refutes as any other does.

Choice, fixed before the run: "on" is wired only if it keeps the denial set at 0 denied claims
supported and loses no confirmation there or among the dev pairs, keeps the CLIMATE-FEVER
development accuracy and macro-F1 within 0.005 of "off" (shipped before), keeps the FNC-1 claim
set's dev accuracy within 0.005, and adds no inverted verdict (an agreeing body refuted, a
disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/plan_outcomes.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, parsed_once_cli, switched  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")

PARTS = candidate_parts(CANDIDATES, switched("SHIPPED_OUTCOME_RULE", "plans"))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
