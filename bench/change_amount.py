"""Another amount for the claim's rise or fall: ``FigureRule.changes`` off and on, on development
data only.

Probe s46 (finding 10): over four city documents ``veracity verify "Overall crime in Riverton
went up 40 percent last year."`` read not enough evidence though "Overall reported crime rose 3
percent." gives the change: the figure reader (:func:`~veracity.verify.cues.contradicting_figures`)
reads a figure that is a verb's object, subject or prepositional object, not the amount of a
rise or fall ("rose 3 percent"), and the figure rule ships as "no_support" only.
``FigureRule.changes`` (:func:`~veracity.verify.cues.other_change`): a passage sentence that
states the claim's rise or fall by a percentage, the same way, for its subject, by an amount
far from the claim's (more than :data:`~veracity.verify.cues.CLOSE_CHANGE`, a quarter, apart:
"17 percent" is "18 percent" rounded) refutes the claim, its sideless discussion too.

Choice, fixed before the run: "on" is wired only if it keeps the denial set at 0 denied claims
supported and loses no confirmation there or among the dev pairs, keeps the CLIMATE-FEVER
development accuracy and macro-F1 within 0.005 of "off" (shipped before), keeps the FNC-1 claim
set's dev accuracy within 0.005, and adds no inverted verdict (an agreeing body refuted, a
disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/change_amount.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, parsed_once_cli, switched  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")

PARTS = candidate_parts(CANDIDATES, switched("SHIPPED_FIGURE_RULE", "changes"))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
