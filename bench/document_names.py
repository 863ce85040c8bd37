"""A later passage's names read with its document's opening: ``EventRule.document_names`` off
and on, on development data only.

Probe s49's fire case (tests/fixtures/fire_case, bench/health_case.py ``--case fire``): the fire
service's "The fire was brought under control at 09:40." (the head's agree 0.84), "Two workers
on the night shift were taken to Brackton General Hospital with smoke inhalation." (0.90) and the
company's "Our sprinkler system was inspected in January 2026 and passed that inspection."
(0.84) are each read as "does not mention most of what the claim names (dunmore, plastics):
never counted as support", while each document's opening names the company ("... crews were
called to a fire at the Dunmore Plastics factory ...", "Dunmore Plastics statement"). A news
document names its subject in its title and first sentences and refers back to it after
("the fire", "the company", "our"). With ``document_names``, what the claim names counts as
mentioned by a passage where the passage or its document's opening (the document's first
passage: ``EvidenceIndex.openings``; on the FNC-1 claim set, the body's first passage as the
index cuts it) names it; the names guard (``cues.lacks_names``) reads the two together. Only
that guard reads the opening; the head, the other guards and the document reading are as
before (the fire service statement's passages are still vetoed by its document reading, agree
0.002-0.017 under ``veto_below`` 0.02: the case moves only with that, measured apart).

Choice, fixed before the run (written at 18:42 UTC, before it began; the stop-46 rule): "on" is
wired only if it keeps the denial set at 0 denied claims supported and loses no confirmation
there or among the dev pairs, keeps the CLIMATE-FEVER development accuracy and macro-F1 within
0.005 of "off" (shipped before; its claims are judged against sentences, no document: unchanged
by construction), keeps the FNC-1 claim set's dev accuracy within 0.005, and adds no inverted
verdict (an agreeing body refuted, a disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/document_names.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, parsed_once_cli, switched  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")
PARTS = candidate_parts(CANDIDATES, switched("SHIPPED_EVENT_RULE", "document_names"))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
