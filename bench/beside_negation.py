"""A claim's predicate stated beside a negation of another verb: ``RestatementRule.beside_negation``
off and on, on development data only.

Probe s51's recount case (tests/fixtures/recount_case, bench/health_case.py ``--case recount``):
"Helen Marsh remains chair of the Electoral Board." was **refuted** (0.52) by "Board chair Helen
Marsh said: "Every ballot was counted by hand ..."" (the head's disagree 0.53 on a quotation that
says nothing of whether she remains chair), while the passage that states it, "Ms Marsh has not
resigned and remains chair of the Board." (the retraction), took no side: the head read it as
discussion (agree 0.17 / disagree 0.19 / discuss 0.64) and the denial guard read its "not" (of
"resigned") as a negation of the claim ("denies or negates the claim: never counted as
support"). It is not a plain restatement (``cues.plain_restatement``): it names "Ms Marsh" and
"the Board", its document's context for "Helen Marsh" and "the Electoral Board", and it holds a
negation. With "on", a passage with a sentence that states the claim's predicate for its subject
there (``cues.stated_beside_negation``: the claim's main verb, finite, un-negated, with its
complements and every head noun of its predicate and every figure of the claim, its subject one
of the claim's subject's words, in a sentence with no explicit denial whose negated verbs are
other verbs that reach it at most through "and" / "but") is read as ``plain`` and
``plain_discussion`` read a plain restatement (the head's refutation or sideless discussion is
support), and its negation is not read as a denial of the claim.

Choice, fixed before the run (session 52, part verdict; the stop-46 rule): "on" is wired only if
it keeps the denial set at 0 denied claims supported and loses no confirmation there or among
the dev pairs, keeps the CLIMATE-FEVER development accuracy and macro-F1 within 0.005 of "off"
(the rule before), keeps the FNC-1 claim set's dev accuracy within 0.005, and adds no inverted
verdict (an agreeing body refuted, a disagreeing one supported). The four cases
(bench/health_case.py) are read beside it: no new inverted verdict there.

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/lemma_words.py's.

Usage: ``.venv/bin/python bench/beside_negation.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, parsed_once_cli, switched  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")
PARTS = candidate_parts(CANDIDATES, switched("SHIPPED_RESTATEMENT_RULE", "beside_negation"))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
