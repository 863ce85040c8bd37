"""A negated change stated in other words: ``EventRule.unchanged`` off and on, on development data
only.

Probe s46 (finding 10): over four city documents ``veracity verify "Riverton has not raised its
property tax rate since 2020."`` read refuted (0.65) by "Property tax bills have still risen
... because the county assessor raised assessed values ...", while the passage that states it
("voted ... to keep the property tax rate at 1.12 percent, the same rate it has set every year
since 2020") read neutral (0.83). ``EventRule.unchanged``: for a claim whose main verb is a
negated rise or fall (or a verb making one: raise, hike, cut, lower ...), a passage whose verb
of keeping (keep, hold, freeze, maintain, leave) has the claim's thing as its object, in a
sentence saying which one and naming the claim's years
(:func:`~veracity.verify.cues.kept_unchanged`), has the head's refutation and discussion read
as support; one whose every such change is of another thing
(:func:`~veracity.verify.cues.change_elsewhere`) has the head's refutation taken as no side.

Choice, fixed before the run: "on" is wired only if it keeps the denial set at 0 denied claims
supported and loses no confirmation there or among the dev pairs, keeps the CLIMATE-FEVER
development accuracy and macro-F1 within 0.005 of "off" (shipped before), keeps the FNC-1 claim
set's dev accuracy within 0.005, and adds no inverted verdict (an agreeing body refuted, a
disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/unchanged_rule.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, parsed_once_cli, switched  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")

PARTS = candidate_parts(CANDIDATES, switched("SHIPPED_EVENT_RULE", "unchanged"))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
