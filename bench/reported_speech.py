"""A passage that reports the claim's speaker saying it: its own reading, not its document's
(``verdict.SHIPPED_REPORTED_SPEECH`` off and on), on development data only.

Probe s45: over 19 BuzzFeed-Webis articles on the TPP, ``veracity verify "Hillary Clinton called
the TPP the gold standard of trade agreements."`` was disputed: 'Clinton said, "TPP sets the gold
standard in trade agreements ..."' was counted as refutation because its document argues against
the deal (document stance: disagree 0.26). A claim that someone said something is about the
saying: a passage that names the claim's speaker as the subject of a verb of saying, not negated,
whose clause holds at least half of what the claim says was said
(:func:`~veracity.verify.cues.reports_speaker_saying`), keeps its own reading whatever its
document reads.

Choice, fixed before the run: "on" is wired only if it keeps the denial set at 0 denied claims
supported and loses no confirmation there or among the dev pairs, keeps the CLIMATE-FEVER
development accuracy and macro-F1 within 0.005 of "off" (shipped before), keeps the FNC-1 claim
set's dev accuracy within 0.005, and adds no inverted verdict (an agreeing body refuted, a
disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/reported_speech.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, parsed_once_cli, switched  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")

PARTS = candidate_parts(CANDIDATES, switched("SHIPPED_REPORTED_SPEECH"))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
