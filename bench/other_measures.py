"""A passage about another measure than the claim's figure: ``EventRule.measures`` off and on,
on development data only.

Stop 47's fact-checker case: over the county's documents, ``veracity verify "The county added
4,200 jobs in 2023."`` reads supported 0.96, decided by the labour department's passage that
states it (0.90) and, partly, by "The county's unemployment rate fell to 3.1 percent in December
2023, down from 4.4 percent a year earlier." (weight 0.60): the head reads the shared words
(county, 2023, the labour report) as agreement, while the passage's figures are of another
measure (an unemployment rate, not jobs) and none of them is the claim's 4,200. Stop 41's
``EventRule.figures`` (another figure of the same slot never supports) is measured and off: it
cost held-out CLIMATE-FEVER accuracy. ``EventRule.measures`` (``cues.other_measures``) is
narrower: it reads only a passage whose every figure said with a verb may not count what the
claim's figure counts (another unit: "jobs" / "percent"; for a percentage or a sum, another
thing named: "the unemployment rate" / "inflation"; any two units of measure, "cm" / "inches",
may be one written in the other), and none of whose numbers meets a claim's figure; such a
passage's support goes to "discuss" (note "gives figures only of other measures than the
claim's ...").

Choice, fixed before the run (the stop-46 rule): "on" is wired only if it keeps the denial set
at 0 denied claims supported and loses no confirmation there or among the dev pairs, keeps the
CLIMATE-FEVER development accuracy and macro-F1 within 0.005 of "off" (shipped before), keeps
the FNC-1 claim set's dev accuracy within 0.005, and adds no inverted verdict (an agreeing body
refuted, a disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/other_measures.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, parsed_once_cli, switched  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")

PARTS = candidate_parts(CANDIDATES, switched("SHIPPED_EVENT_RULE", "measures"))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
