"""A thing said with another amount is another thing: ``cues._other_amounts`` off and on, on
development data only.

Stop 47's fact-checker case (six city documents of our own): "The Millbrook City Council approved
a 6 percent increase in water rates." read disputed (0.90): "The council had rejected a 9 percent
increase in August." was read as the opposite outcome for the claim's subject (approved ->
rejected), though a 9 percent increase is another proposal than a 6 percent one. On: an entity
read from the parse carries the percentages and sums of money said before its noun
(``cues._amounts``: "a 6 percent increase", "a $95 billion aid bill"), and two entities that each
carry amounts, none close to the other's (``cues.CLOSE_CHANGE``), are not the same
(``cues._same_entity``): every rule that matches a claim's subject to a passage's (reversals,
changes, levels, kept rates, negated events) reads them as two things. Off: the reading before.

Choice, fixed before the run: "on" is wired only if it keeps the denial set at 0 denied claims
supported and loses no confirmation there or among the dev pairs, keeps the CLIMATE-FEVER
development accuracy and macro-F1 within 0.005 of "off" (shipped before), keeps the FNC-1 claim
set's dev accuracy within 0.005, and adds no inverted verdict (an agreeing body refuted, a
disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/amount_entities.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, cues_switched, parsed_once_cli  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")


PARTS = candidate_parts(CANDIDATES, cues_switched("_other_amounts", lambda claim, passage: False))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
