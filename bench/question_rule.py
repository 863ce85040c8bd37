"""A passage that only asks: ``EventRule.questions`` off and on, on development data only.

Probe s44: ``veracity verify "Hydroxychloroquine cures COVID-19."`` over ReCOVery's
hydroxychloroquine pages counted "Can hydroxychloroquine prevent COVID-19? President Trump thinks
maybe." as support: the head reads the claim's words, asked, as the claim stated.
``EventRule.questions`` (:func:`~veracity.verify.cues.only_asks`) takes a passage whose every
sentence on the claim (two or more of its content words) ends in a question mark as taking no
side: its support and refutation go to "discuss".

Choice, fixed before the run: "on" is wired only if it keeps the denial set at 0 denied claims
supported and loses no confirmation there or among the dev pairs, keeps the CLIMATE-FEVER
development accuracy and macro-F1 within 0.005 of "off" (shipped before), keeps the FNC-1 claim
set's dev accuracy within 0.005, and adds no inverted verdict (an agreeing body refuted, a
disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever`` (the CLIMATE-FEVER train +
validation claims, the shipped head's out-of-fold probabilities), ``fnc1`` (the FNC-1 claim
set's dev part, judged as bench/verify.py judges it; changed cases listed), ``guards`` (the dev
halves of the opposite-outcome, other-event and verdict-defect pairs, and the denial set).

Usage: ``.venv/bin/python bench/question_rule.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from _verdict_dev import candidate_parts, parsed_once_cli  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")


@contextmanager
def questions(name: str) -> Iterator[None]:
    """The verdict's shipped event rule with ``questions`` off or on."""
    from veracity.verify import verdict

    kept = verdict.SHIPPED_EVENT_RULE
    verdict.SHIPPED_EVENT_RULE = replace(kept, questions=name == "on")
    try:
        yield
    finally:
        verdict.SHIPPED_EVENT_RULE = kept


PARTS = candidate_parts(CANDIDATES, questions)


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
