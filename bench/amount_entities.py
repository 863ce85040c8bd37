"""A thing said with another amount is another thing: ``cues._other_amounts`` off and on, on
development data only.

Stop 47's fact-checker case (six city documents of our own): "The Millbrook City Council approved
a 6 percent increase in water rates." read disputed (0.90): "The council had rejected a 9 percent
increase in August." was read as the opposite outcome for the claim's subject (approved ->
rejected), though a 9 percent increase is another proposal than a 6 percent one. On: an entity
read from the parse carries the percentages and sums of money said before its noun
(``cues._amounts``: "a 6 percent increase", "a $95 billion aid bill"), and two entities that each
carry amounts, none close to the other's (``cues.CLOSE_CHANGE``), are not the same
(``cues._same_entity``): every rule that matches a claim's subject to a passage's (reversals,
changes, levels, kept rates, negated events) reads them as two things. Off: the reading before.

Choice, fixed before the run: "on" is wired only if it keeps the denial set at 0 denied claims
supported and loses no confirmation there or among the dev pairs, keeps the CLIMATE-FEVER
development accuracy and macro-F1 within 0.005 of "off" (shipped before), keeps the FNC-1 claim
set's dev accuracy within 0.005, and adds no inverted verdict (an agreeing body refuted, a
disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/amount_entities.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from _verdict_dev import candidate_parts, parsed_once_cli  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")


def _clear_caches() -> None:
    """Forget what the cached readings of ``veracity.verify.cues`` matched under the other
    candidate (the parses are kept: they do not depend on it)."""
    from veracity.verify import cues

    for name, value in vars(cues).items():
        if name != "_parse" and hasattr(value, "cache_clear"):
            value.cache_clear()


@contextmanager
def amounts(name: str) -> Iterator[None]:
    """The entity reading with (``on``) or without (``off``) the amounts said of a thing."""
    from veracity.verify import cues

    kept = cues._other_amounts
    if name == "off":
        cues._other_amounts = lambda claim, passage: False  # type: ignore[assignment]
    _clear_caches()
    try:
        yield
    finally:
        cues._other_amounts = kept  # type: ignore[assignment]
        _clear_caches()


PARTS = candidate_parts(CANDIDATES, amounts)


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
