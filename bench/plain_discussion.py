"""A plain restatement of the claim with its figures that the stance head reads as sideless
discussion: ``RestatementRule.plain_discussion`` off and on, on development data only.

Probe s47 (V2): ``veracity verify "Unemployment in the county fell to 3.1 percent."`` read
**not enough evidence**: "The county's unemployment rate fell to 3.1 percent in December 2023,
down from 4.4 percent a year earlier." (every content word and figure of the claim, no negation,
denial or doubt) read neutral 0.72 (the head: discuss 0.72, agree 0.27). Stop 39's
``RestatementRule.plain`` reads such a restatement's refutation as support;
``plain_discussion`` reads its sideless discussion so too, before the guards (what else the
passage says, a denial or an opposite outcome, still decides).

Choice, fixed before the run (written at 10:06 UTC, before it began): "on" is wired only if it
keeps the denial set at 0 denied claims supported and loses no confirmation there or among the
dev pairs, keeps the CLIMATE-FEVER development accuracy and macro-F1 within 0.005 of "off"
(shipped before), keeps the FNC-1 claim set's dev accuracy within 0.005, and adds no inverted
verdict (an agreeing body refuted, a disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/plain_discussion.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, parsed_once_cli, switched  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")

PARTS = candidate_parts(CANDIDATES, switched("SHIPPED_RESTATEMENT_RULE", "plain_discussion"))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
