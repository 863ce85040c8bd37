"""A claim stated whole beside a denial of something else: ``DenialRule.beside`` off and on, on
development data only.

Stop 48's second fact-checker case (a health department's documents, /tmp/verify2_48):
``veracity verify "Dr. Elena Marsh said the water supply is safe." --index ...`` read **refuted
(0.77)**, "restates the claim and denies it", decided by the health officer's "Elena Marsh, on
Friday denied reports that the salmonella outbreak was caused by Carver City's water supply.
"The water supply is safe.": what her denial denies ("reports that the salmonella outbreak was
caused by Carver City's water supply") holds two of the three content words of the claim as
judged ("The water supply is safe."), above the denial rule's 0.2, while her next sentence
states the claim whole. With ``beside``, a passage that states the claim whole in a sentence of
its own (every content word of the claim, no denial, no negation) while what each of its
explicit denials denies holds less than all of them (``cues.stated_beside_denial``) is not read
as denying the claim: neither the denial's refutation nor its "never counted as support".
Since stop 49 "on" also keeps such a passage's own reading over its document's, whose
"disputes the claim" is read from the same denial (``verdict.bounded_stance``).

Choice, fixed before the run (written at 13:12 UTC, before it began): "on" is wired only if it
keeps the denial set at 0 denied claims supported and loses no confirmation there or among the
dev pairs, keeps the CLIMATE-FEVER development accuracy and macro-F1 within 0.005 of "off"
(shipped before), keeps the FNC-1 claim set's dev accuracy within 0.005, and adds no inverted
verdict (an agreeing body refuted, a disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/denial_beside.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, parsed_once_cli, switched  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")
PARTS = candidate_parts(CANDIDATES, switched("SHIPPED_DENIAL_RULE", "beside"))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
