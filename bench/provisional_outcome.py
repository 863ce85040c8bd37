"""A provisional measure is not the claim's outcome: ``verdict.SHIPPED_PROVISIONAL_OUTCOME`` off
and on, on development data only.

Probe s50's doping case (tests/fixtures/doping_case, bench/health_case.py ``--case doping``, V3):
"Reyvik has been banned for four years." read **supported (0.47)** from the wire story's
"Norwegian cyclist Tomas Reyvik has been provisionally suspended after testing positive for the
banned heart drug trimetazidine", the head's own agree with no guard firing (the outcome guard
holds no pair for a suspension against a ban, and gives up where the passage says the claim's
verb at all: "the banned heart drug"). With "on", a passage the head reads as support that
states, for the one the claim's main verb is about, only a measure with another verb that a
word makes provisional ("provisionally", "temporarily", "interim", "temporary", ...:
``cues.provisional_outcome``), and never the claim's own verb as a verb, never counts as
support: a status that holds until a ruling is not the claim's outcome. A claim that itself
says provisional is not held to it.

Choice, fixed before the run (written at 20:14 UTC, before it began; the stop-46 rule): "on" is
wired only if it keeps the denial set at 0 denied claims supported and loses no confirmation
there or among the dev pairs, keeps the CLIMATE-FEVER development accuracy and macro-F1 within
0.005 of "off" (shipped before), keeps the FNC-1 claim set's dev accuracy within 0.005, and adds
no inverted verdict (an agreeing body refuted, a disagreeing one supported). The three cases
(bench/health_case.py) are read beside it: no new inverted verdict there.

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/provisional_outcome.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, parsed_once_cli, switched  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")
PARTS = candidate_parts(CANDIDATES, switched("SHIPPED_PROVISIONAL_OUTCOME"))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
