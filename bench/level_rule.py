"""A level against the claim's base year: ``FigureRule.levels`` off and on, on development data
only.

Probe s46 (finding 10): over four city documents ``veracity verify "Riverton's bus ridership fell
by a third since 2019."`` read not enough evidence beside "Riverton Transit reported that bus
ridership reached 104 percent of its 2019 level". ``FigureRule.levels``
(:func:`~veracity.verify.cues.level_against_change`): for a claim's rise or fall counted from a
year ("since 2019"), a passage sentence giving the claim's subject (matched as for a reversal)
as a percentage of its level in that year, on the other side of 100, refutes the claim, its
sideless discussion too.

Choice, fixed before the run: "on" is wired only if it keeps the denial set at 0 denied claims
supported and loses no confirmation there or among the dev pairs, keeps the CLIMATE-FEVER
development accuracy and macro-F1 within 0.005 of "off" (shipped before), keeps the FNC-1 claim
set's dev accuracy within 0.005, and adds no inverted verdict (an agreeing body refuted, a
disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/level_rule.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, parsed_once_cli, switched  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")

PARTS = candidate_parts(CANDIDATES, switched("SHIPPED_FIGURE_RULE", "levels"))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
