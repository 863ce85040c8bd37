"""A passage that reports the claim promoted or suggested, not found: ``EventRule.advocacy`` off
and on, on development data only.

Probe s44 / s45: over ReCOVery's hydroxychloroquine pages ``veracity verify "Hydroxychloroquine
cures COVID-19."`` read disputed (0.78): two passages supported it that only report someone
pushing the cure ("a controversial microbiologist in France posted a video ... promoting the use
of hydroxychloroquine to treat COVID-19", "an anti-malaria drug that Trump has at times
suggested as a treatment or preventative for COVID-19"). ``EventRule.advocacy``
(:func:`~veracity.verify.cues.only_advocated`) takes the support of a passage whose every
sentence on the claim holds its words only inside what someone promotes, suggests, touts,
claims, hopes or believes as no support (it goes to "discuss").

Choice, fixed before the run: "on" is wired only if it keeps the denial set at 0 denied claims
supported and loses no confirmation there or among the dev pairs, keeps the CLIMATE-FEVER
development accuracy and macro-F1 within 0.005 of "off" (shipped before), keeps the FNC-1 claim
set's dev accuracy within 0.005, and adds no inverted verdict (an agreeing body refuted, a
disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/advocacy_rule.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, parsed_once_cli, switched  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")

PARTS = candidate_parts(CANDIDATES, switched("SHIPPED_EVENT_RULE", "advocacy"))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
