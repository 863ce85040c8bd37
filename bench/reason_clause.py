"""A passage that leaves out what the claim says its event followed from: ``EventRule.reasons``
off and on, on development data only.

The health case (tests/fixtures/health_case, bench/health_case.py): ``veracity verify "Halden
Foods recalled Brightstart formula after babies fell ill." --index ...`` read **supported
(0.90)** from "Halden Foods on Wednesday recalled three lots of its Brightstart infant formula
after a routine test at its Marlow plant found Cronobacter bacteria.", while the same document
says "No illnesses have been reported.": an inverted verdict of a half-true claim. With
``reasons``, a passage the head reads as support that holds none of the content words of the
claim's clause of reason or occasion (under its main verb, opened by after / because / since /
when / before, with a subject of its own: ``cues.unstated_reasons``) never counts as support.

Choice, fixed before the run (written at 15:50 UTC, before it began; the stop-46 rule): "on"
is wired only if it keeps the denial set at 0 denied claims supported and loses no confirmation
there or among the dev pairs, keeps the CLIMATE-FEVER development accuracy and macro-F1 within
0.005 of "off" (shipped before), keeps the FNC-1 claim set's dev accuracy within 0.005, and adds
no inverted verdict (an agreeing body refuted, a disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/reason_clause.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, parsed_once_cli, switched  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")
PARTS = candidate_parts(CANDIDATES, switched("SHIPPED_EVENT_RULE", "reasons"))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
