"""A claim's event stated in other words and negated: ``RestatementRule.same_event`` off and on,
on development data only.

Stop 47's fact-checker case: ``veracity verify "The county lost two hospitals since 2020."``
read **not enough evidence**: "No other hospital in the county has closed since 2020." read
neutral 0.83, while it refutes "Two hospitals in the county have closed since 2020." (0.90, stop
44's negated restatement). A place that closes is one its town loses: one event in other words.
``same_event`` lets the negated restatement read, for a claim whose main verb is "lose" with a
facility for its object (``cues._SAME_EVENT``: hospital, clinic, school, library, mine, mill and
the businesses that open and close), "close" / "shut" (down) as that verb, in its words and
negated.

Choice, fixed before the run (written at 10:52 UTC, before it began): "on" is wired only if it
keeps the denial set at 0 denied claims supported and loses no confirmation there or among the
dev pairs, keeps the CLIMATE-FEVER development accuracy and macro-F1 within 0.005 of "off"
(shipped before), keeps the FNC-1 claim set's dev accuracy within 0.005, and adds no inverted
verdict (an agreeing body refuted, a disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/same_event.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, parsed_once_cli, switched  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")

PARTS = candidate_parts(CANDIDATES, switched("SHIPPED_RESTATEMENT_RULE", "same_event"))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
