"""Taxes read as a tax: ``cues._LEMMA_READINGS`` off and on, on development data only.

Probe s48 V1 (read while finding why "Property taxes rose 4 percent." is never refuted): the
parser's lemmatizer reads every "taxes" as "taxis" (and "bases" as "basis"), so to every cue of
:mod:`veracity.verify.cues` "property taxes" and "the property tax" are two things: "Property
taxes rose 4 percent between 2021 and 2024." is not refuted by "The property tax rose 9 percent
between 2021 and 2024." (``cues.other_change`` finds no same subject), though "Taxes rose 4
percent in 2023." is by "Taxes rose 9 percent in 2023.". ``_LEMMA_READINGS`` reads the two
plurals as the nouns news means by them ("tax", "base") wherever a cue reads a lemma.

Choice, fixed before the run (the stop-46 rule, 13:24 UTC): "on" stays wired only if it keeps
the denial set at 0 denied claims supported and loses no confirmation there or among the dev
pairs, keeps the CLIMATE-FEVER development accuracy and macro-F1 within 0.005 of "off" (the
lemmatizer's own reading, shipped before), keeps the FNC-1 claim set's dev accuracy within
0.005, and adds no inverted verdict (an agreeing body refuted, a disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/tax_lemma.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, cues_switched, parsed_once_cli  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")

PARTS = candidate_parts(CANDIDATES, cues_switched("_LEMMA_READINGS", {}))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
