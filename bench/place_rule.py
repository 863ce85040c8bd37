"""A passage about another place: ``EventRule.places`` off and on, on development data only.

Probe s43: "Early voting made up more than half the vote in Florida in 2012." had "... Early
voting in Ohio in 2012 and 2008 comprised some 30 percent of the overall vote." counted as
support (0.77): the head reads the claim's event, and nothing asked where.
``EventRule.places`` (:func:`~veracity.verify.cues.other_places`) takes a passage the head reads
as support that names only places (GPE entities of the parse) other than the claim's, none
holding or lying in one of them, as another event: never support. Left alone where a place is
one whose extent is not known (a city may lie in the claim's state).

Stop 44: the claim's nationality words as its places too (``EventRule.nationalities``: "Brit
teenage jihadi killed in Syrian airstrike as Britain set to enter war" names Britain as a GPE and
Syria only as "Syrian", so "al-Britani has been killed in an airstrike in Syria" read as another
place; WordNet's nationality words, :data:`~veracity.nlp.demonyms.DEMONYMS`): "beside" reads them
only where the claim names a place itself (the rule can then only fire less), "any" also where it
names none ("Syrian refugees ..." would then have its event in Syria).

Choice, fixed before the run: "on" is wired only if it keeps the denial set at 0 denied claims
supported and loses no confirmation there or among the dev pairs, keeps the CLIMATE-FEVER
development accuracy and macro-F1 within 0.005 of "off", keeps the FNC-1 claim set's dev
accuracy within 0.005, and adds no inverted verdict (an agreeing body refuted, a disagreeing one
supported). Stop 44, the same rule against "on" (shipped): a nationalities candidate is wired
only if it passes it; of two that pass, the one with the higher FNC-1 claim set dev accuracy, and
on a tie "beside" (the narrower).

Parts (development only; no held-out set is read): ``climate_fever`` (the CLIMATE-FEVER train +
validation claims, the shipped head's out-of-fold probabilities), ``fnc1`` (the FNC-1 claim
set's dev part, judged as bench/verify.py judges it; changed cases listed), ``guards`` (the dev
halves of the opposite-outcome, other-event and verdict-defect pairs, and the denial set).

Usage: ``.venv/bin/python bench/place_rule.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from _verdict_dev import candidate_parts, parsed_once_cli  # bench/_verdict_dev.py

# The first is the rule the others' changed cases are listed against (the shipped one).
CANDIDATES = ("on", "off", "beside", "any")


@contextmanager
def places(name: str) -> Iterator[None]:
    """The verdict's shipped event rule with ``places`` off or on, or on with the claim's
    nationality words as its places ("beside", "any")."""
    from veracity.verify import verdict

    kept = verdict.SHIPPED_EVENT_RULE
    nationalities = name if name in ("beside", "any") else None
    verdict.SHIPPED_EVENT_RULE = replace(kept, places=name != "off", nationalities=nationalities)
    try:
        yield
    finally:
        verdict.SHIPPED_EVENT_RULE = kept


PARTS = candidate_parts(CANDIDATES, places)


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
