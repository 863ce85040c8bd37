"""A caution about a thing, read against a claim that the thing was authorised:
``EventRule.cautions`` off and on, on development data only.

Probe s42 / s45: over ReCOVery's hydroxychloroquine pages ``veracity verify "The FDA issued an
emergency authorization for hydroxychloroquine in late March."`` reads disputed (0.82): usa_today
:42's "The FDA has cautioned that hydroxychloroquine should be limited to people in clinical
trials ..." is read as agreeing on shared words (0.83) and its page's reading (disagree 0.42)
turns that into refutation. ``EventRule.cautions`` (:func:`~veracity.verify.cues.only_cautioned`):
for a claim whose main verb or its object is a leave (authorise, approve, license, permit,
clearance), a passage whose only sentences on the claim hold its words inside what someone
cautions, warns, advises, urges or recommends, and that names no leave itself, takes no side,
whatever its document reads: how a thing should be used says nothing of whether it was allowed.
(Stop 46's bench/lent_refutation.py and stop 44's bench/voice_rules.py ``event`` changed what
every disputing document lends and lost FNC-1 dev accuracy; this rule reads the passage.)

Choice, fixed before the run: "on" is wired only if it keeps the denial set at 0 denied claims
supported and loses no confirmation there or among the dev pairs, keeps the CLIMATE-FEVER
development accuracy and macro-F1 within 0.005 of "off" (shipped before), keeps the FNC-1 claim
set's dev accuracy within 0.005, and adds no inverted verdict (an agreeing body refuted, a
disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/caution_rule.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, parsed_once_cli, switched  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")

PARTS = candidate_parts(CANDIDATES, switched("SHIPPED_EVENT_RULE", "cautions"))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
