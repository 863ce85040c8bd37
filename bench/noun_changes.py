"""A rise or fall said by a noun of change with its amount, or by a verb that makes one:
``cues.NOUN_CHANGES`` off and on, on development data only.

Stop 47's fact-checker case: "The Millbrook City Council raised water rates by 9 percent." read
supported (0.54) beside "The Millbrook City Council approved a 6 percent increase in water rates
on Monday, the first rise since 2019.": the change rule (``FigureRule.changes``,
``cues.other_change``) read a rise said by its verb ("rose 3 percent"), neither a noun of change
with its amount ("a 6 percent increase in water rates") nor a verb that makes one with its object
("raised water rates by 9 percent"). On: both are read as changes of their thing (``cues._changes``,
``cues._noun_change``); a noun change under a verb that turned it down or only asked for it
("rejected", "proposed", ``cues._UNMADE``) is negated, and its years are those of its own phrase
and its verb's time phrases, not another object's ("the first rise since 2019"). Off: the reading
before.

Choice, fixed before the run: "on" is wired only if it keeps the denial set at 0 denied claims
supported and loses no confirmation there or among the dev pairs, keeps the CLIMATE-FEVER
development accuracy and macro-F1 within 0.005 of "off" (shipped before), keeps the FNC-1 claim
set's dev accuracy within 0.005, and adds no inverted verdict (an agreeing body refuted, a
disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/noun_changes.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, cues_switched, parsed_once_cli  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")


PARTS = candidate_parts(CANDIDATES, cues_switched("NOUN_CHANGES", False))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
