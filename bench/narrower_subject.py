"""A narrower subject is not the same subject: ``OutcomeRule.narrower`` off and on, on
development data only.

Probe s46 (finding 10): over four city documents ``veracity verify "Violent crime in Riverton
fell 6 percent last year."`` read disputed (0.79): "Overall reported crime rose 3 percent."
refuted it as "the opposite outcome for the claim's subject (fell -> rose)", though its subject
is all crime, not violent crime. ``OutcomeRule.narrower``
(:func:`~veracity.verify.cues.opposite_outcomes` with ``narrower``) counts a parsed reversal
only from a sentence that also says which one of its noun the claim's subject is (every word of
the claim's "kind" of it, its names aside: "violent" of "violent crime").

Choice, fixed before the run: "on" is wired only if it keeps the denial set at 0 denied claims
supported and loses no confirmation there or among the dev pairs, keeps the CLIMATE-FEVER
development accuracy and macro-F1 within 0.005 of "off" (shipped before), keeps the FNC-1 claim
set's dev accuracy within 0.005, and adds no inverted verdict (an agreeing body refuted, a
disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/narrower_subject.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, parsed_once_cli, switched  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")

PARTS = candidate_parts(CANDIDATES, switched("SHIPPED_OUTCOME_RULE", "narrower"))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
