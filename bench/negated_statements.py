"""A negation that shares some of the claim's words: ``DenialRule.statements`` off and on, on
development data only.

Stop 49's evidence index version 5 added one inverted verdict on the FNC-1 claim set (dev): body
2555, "For President Trump, Pulling Out Of Paris Is The Only Logical Move" (an agreeing body),
not enough evidence -> refuted 0.51. Its joined window ("... refrained from endorsing ... Mr.
Trump's views related to Paris were "evolving."") reads agree 0.43 / disagree 0.29 / discuss
0.28; ``cues.denies`` finds a negation that shares some of the claim's words but is not the
claim's own denial (``NEGATED_STATEMENT_NOTE``), and the denial branch zeroed the support and
renormalised, so disagree beat discuss by 0.01 and a passage that denies nothing of the claim
refuted it. With ``statements``, the support such a passage loses goes to "discuss" (related, no
side), as the quoted-claim and other-event guards move theirs.

Choice, fixed before the run (written at 16:42 UTC, before it began): "on" is wired only if it
keeps the denial set at 0 denied claims supported and loses no confirmation there or among the
dev pairs, keeps the CLIMATE-FEVER development accuracy and macro-F1 within 0.005 of "off"
(shipped before), keeps the FNC-1 claim set's dev accuracy within 0.005, and brings the FNC-1
inversions back to index version 4's 19 or fewer.

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/negated_statements.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, parsed_once_cli, switched  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")
PARTS = candidate_parts(CANDIDATES, switched("SHIPPED_DENIAL_RULE", "statements"))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
