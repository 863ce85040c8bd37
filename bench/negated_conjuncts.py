"""A claim of two coordinated events, one of them negated by the passage: ``cues.NEGATED_CONJUNCTS``
off and on, on development data only.

Probe s51's recount case (tests/fixtures/recount_case, bench/health_case.py ``--case recount``),
its article's "The High Court in Carrick refused on Saturday to stop Okonjo from being sworn in,
but it dismissed Lindqvist's election petition, ending his challenge." was **supported (0.90)**,
inverted, by the court's "The High Court in Carrick today refused an application by Gregor
Lindqvist to stop Mara Okonjo from being sworn in ..." (head agree 0.96: the first event), while
the same document's "The court did not dismiss Mr Lindqvist's election petition itself." took no
side: the negated-event guard (``cues.negated_event``, ``RestatementRule.negated_event``) reads
only the claim's main verb ("refused"), so the denial guard read the sentence only as "a negation
that shares some of the claim's words". The claim "The High Court dismissed Lindqvist's election
petition." alone is refuted by it. With "on", ``negated_event`` reads each verb coordinated with
the claim's main verb too (its conjuncts, each with what it is about), so a passage that negates
one of a claim's two events refutes the claim.

Choice, fixed before the run (session 52, part verdict; the stop-46 rule): "on" is wired only if
it keeps the denial set at 0 denied claims supported and loses no confirmation there or among
the dev pairs, keeps the CLIMATE-FEVER development accuracy and macro-F1 within 0.005 of "off"
(the rule before), keeps the FNC-1 claim set's dev accuracy within 0.005, and adds no inverted
verdict (an agreeing body refuted, a disagreeing one supported). The four cases
(bench/health_case.py) are read beside it: no new inverted verdict there.

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/lemma_words.py's.

Usage: ``.venv/bin/python bench/negated_conjuncts.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, cues_switched, parsed_once_cli  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")
PARTS = candidate_parts(CANDIDATES, cues_switched("NEGATED_CONJUNCTS", False))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
