"""A level on the claim's side of its base year, far from the claim's amount:
``FigureRule.level_amounts`` off and on, on development data only.

Stop 46's ``FigureRule.levels`` reads only the side of 100: "Riverton's bus ridership fell by a
third since 2019." is refuted by "ridership reached 104 percent of its 2019 level", but not by
"92 percent of its 2019 level" (down 8 percent, not a third). ``FigureRule.level_amounts``
(:func:`~veracity.verify.cues.level_against_change` with ``amounts``): a level on the claimed
side of 100 is read as the change it is (100 less it) and refutes the claim where that change is
far from the claim's amount (a percentage, "by a third", "by half", "halved") as
another amount for a change is (``cues.CLOSE_CHANGE``, 0.25: the larger at most a quarter over
the smaller); a claim that gives no amount is held to the side only.

Choice, fixed before the run: "on" is wired only if it keeps the denial set at 0 denied claims
supported and loses no confirmation there or among the dev pairs, keeps the CLIMATE-FEVER
development accuracy and macro-F1 within 0.005 of "off" (shipped before), keeps the FNC-1 claim
set's dev accuracy within 0.005, and adds no inverted verdict (an agreeing body refuted, a
disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/level_amounts.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, parsed_once_cli, switched  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")

PARTS = candidate_parts(CANDIDATES, switched("SHIPPED_FIGURE_RULE", "level_amounts"))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
