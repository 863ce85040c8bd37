"""The verdict's floor on the calibrated relevance for a refuting passage
(``VerdictRule.min_refuting_evidence``) against the one for any passage (``min_evidence``,
shipped 0.02), on development data (issue 16 item 2).

Probe s47 (V1): ``veracity verify "The county lost two hospitals since 2020."`` read **refuted
(0.53)**, decided by "The county's unemployment rate fell to 3.1 percent in December 2023 ...":
relevance 0.03 (the calibrated probability that it is evidence for the claim), relatedness 0.99,
so it counted (shipped floor 0.02) and the head's refutation on the shared words ("county",
"2020"-like figures) decided the claim. A refutation is the verdict a fact-checker publishes
against someone; a passage unlikely to be evidence should not make one.

Candidates: ``min_refuting_evidence`` in :data:`CANDIDATES` (0.02: the rule before, every
passage held to the shipped ``min_evidence``); supports and sideless passages stay at 0.02.
Choice, fixed before the run (written at 10:06 UTC, before it began): a
candidate passes when it keeps the denial set at 0 denied claims supported and loses no
confirmation and no refutation of a denied claim there, keeps the CLIMATE-FEVER development
accuracy and macro-F1 each within 0.005 of the rule before, keeps the FNC-1 claim set's dev
accuracy within 0.005, and inverts no verdict the rule before did not; among those that pass,
the highest floor (the one that takes the most weakly related refutations out), shipped only if
it is above 0.02.

Parts as bench/relevance_rule.py's (``climate_fever``, ``fnc1``, ``denial``); no held-out set is
read.

Usage: ``.venv/bin/python bench/refuting_floor.py > results.json`` (its own slot).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from functools import partial
from typing import Any

import relevance_rule  # bench/relevance_rule.py
from _verdict_dev import parsed_once_cli  # bench/_verdict_dev.py

CANDIDATES = (0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.12, 0.15)


def refuting_rules() -> dict[str, Any]:
    from veracity.verify.verdict import shipped_rule

    shipped = shipped_rule()
    return {str(floor): replace(shipped, min_refuting_evidence=floor) for floor in CANDIDATES}


PARTS = {
    name: partial(getattr(relevance_rule, name), rules=refuting_rules)
    for name in ("climate_fever", "fnc1", "denial")
}


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
