"""A result taken away; another place in the same contest: ``verdict.SHIPPED_TAKEN_AWAY`` and
``verdict.SHIPPED_FIGURE_RULE.ranks`` off and on together, on development data only.

Probe s50's doping case (tests/fixtures/doping_case, bench/health_case.py ``--case doping``, V4):
"Reyvik won the overall Tour of Denmark." read **supported (0.77)** from the organiser's "the
Tour of Denmark organisers have ... disqualified him from the results of stage 3 in Vejle.", the
head's own agree with no guard firing, while the next sentence of the same document, "The general
classification is unchanged, as Reyvik finished 14th overall.", read neutral. With "on": a
passage that takes the result of a contest, a vote or an award away from the one the claim's
main verb is about, or undoes it ("disqualified", "stripped of", "annulled", "overturned",
"vacated", ...: ``cues.taken_away_outcome``), never counts as support (a result taken away is not
the claim's result standing); and a passage that gives the claim's subject another place in the
same contest ("finished 14th" for "won", "came second" for "won", "finished 14th" for "finished
second"; every common word the claim says of the contest in the passage's sentence, every name
of it in the passage or its document's opening: ``cues.other_rank``) refutes it, its sideless
discussion too (guard ``contradicting_figures``, read before the figure rule's ``effect``).

Choice, fixed before the run (written at 21:36 UTC, before it began; the stop-46 rule): "on" is
wired only if it keeps the denial set at 0 denied claims supported and loses no confirmation
there or among the dev pairs, keeps the CLIMATE-FEVER development accuracy and macro-F1 within
0.005 of "off" (shipped before), keeps the FNC-1 claim set's dev accuracy within 0.005, and adds
no inverted verdict (an agreeing body refuted, a disagreeing one supported). The three cases
(bench/health_case.py) are read beside it: no new inverted verdict there.

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/taken_away_rank.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from _verdict_dev import candidate_parts, parsed_once_cli, switched  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")


@contextmanager
def _both(name: str) -> Iterator[None]:
    """Both switches set to ``name == "on"``."""
    with switched("SHIPPED_TAKEN_AWAY")(name), switched("SHIPPED_FIGURE_RULE", "ranks")(name):
        yield


PARTS = candidate_parts(CANDIDATES, _both)


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
