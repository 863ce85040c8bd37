"""A passage that says nothing of what the claim says of its subject: ``EventRule.predicates``
off, "support" and "sides", on development data only.

Probe s49's fire case (tests/fixtures/fire_case, bench/health_case.py ``--case fire``): ``veracity
verify "Air quality readings near the Dunmore Plastics factory showed toxic levels of smoke."``
read **supported (0.50003)** from the council's "Following the fire at Dunmore Plastics, the
council's environmental health team took air quality readings in the streets around Harlow
Road on Saturday and Sunday." (the head's agree 0.5001), while the council says "The readings
were within normal limits" (V2, an inverted verdict); and "The Dunmore Plastics fire was brought
under control at 09:40." read **refuted (0.77)** from the company's "confirms that a fire broke
out in the moulding hall of our Brackton site in the early hours of Saturday." (the head's
disagree 0.77; V1). Each passage names what the claim is about and holds none of the content
words of what it says of it (``cues.unstated_predicate``: the claim's main verb with all under
it but its subject and its clauses of reason; nouns, names, adjectives, verbs, numbers, no stop
words, a word's forms alike). With "support", such a passage the head reads as support never
counts as support (its support goes to "discuss", as the other-event guard's); with "sides",
also the head's refutation of such a passage that holds no denial and no negation goes to
"discuss". Reading more passages was not what V2 needed: with all 22 of the case's passages
read, the council's "The readings were within normal limits ..." reads discuss 0.51 / unrelated
0.48 and the verdict stays supported (``/tmp/verify50/diag.py``, stop 50).

Choice, fixed before the run (written at 18:36 UTC, before it began; the stop-46 rule): a
candidate is wired only if it keeps the denial set at 0 denied claims supported and loses no
confirmation there or among the dev pairs, keeps the CLIMATE-FEVER development accuracy and
macro-F1 within 0.005 of "off" (shipped before), keeps the FNC-1 claim set's dev accuracy within
0.005, and adds no inverted verdict (an agreeing body refuted, a disagreeing one supported);
of two that pass, "sides" only if it also fixes V1 on the case.

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/unstated_predicate.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from _verdict_dev import candidate_parts, parsed_once_cli  # bench/_verdict_dev.py

# The first is the rule the others' changed cases are listed against (the one before).
CANDIDATES = ("off", "support", "sides")


@contextmanager
def candidate(name: str) -> Iterator[None]:
    """``SHIPPED_EVENT_RULE.predicates`` set to ``name`` ("off": None), restored after."""
    from veracity.verify import verdict

    kept = verdict.SHIPPED_EVENT_RULE
    verdict.SHIPPED_EVENT_RULE = replace(kept, predicates=None if name == "off" else name)
    try:
        yield
    finally:
        verdict.SHIPPED_EVENT_RULE = kept


PARTS = candidate_parts(CANDIDATES, candidate)


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
