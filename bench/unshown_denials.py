"""A passage saying the evidence does not show the claim: ``cues._UNSHOWN`` among the explicit
denials of what follows them, off and on, on development data only (issue 16, stop 45).

Probe s44: `veracity verify "Hydroxychloroquine cures COVID-19."` over ReCOVery's
hydroxychloroquine pages read the FDA's "Hydroxychloroquine and chloroquine have not been shown
to be safe and effective for treating or preventing COVID-19" as neutral: a plain negation ("not")
only takes a passage's support away, where "there is no evidence that hydroxychloroquine cures
COVID-19" refutes (the denial rule: an explicit denial whose object holds enough of the claim,
``cues.denial_coverage``). "On" reads the family "not (been) shown / proven / demonstrated /
established to|that" and "unproven" as explicit denials of what follows them, as "no evidence
that" is: what the head reads as support of the claim, in a passage that so denies it, is
refutation.

Choice, fixed before the run: "on" is wired only if it keeps the denial set at 0 denied claims
supported and loses no confirmation there or among the dev pairs, keeps the CLIMATE-FEVER
development accuracy and macro-F1 within 0.005 of "off" (shipped before), keeps the FNC-1 claim
set's dev accuracy within 0.005, and adds no inverted verdict (an agreeing body refuted, a
disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards``, as in
bench/question_rule.py (``_verdict_dev.candidate_parts``).

Usage: ``.venv/bin/python bench/unshown_denials.py [--only PART] > results.json``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from _verdict_dev import candidate_parts, parts_cli  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")


@contextmanager
def unshown(name: str) -> Iterator[None]:
    """The explicit denials of what follows them with the family or without it ("off")."""
    from veracity.verify import cues

    kept = cues.DENIES_WHAT_FOLLOWS
    if name == "off":
        without = kept.pattern.replace(cues._UNSHOWN + "|", "")
        assert without != kept.pattern
        cues.DENIES_WHAT_FOLLOWS = re.compile(without, kept.flags)
    try:
        yield
    finally:
        cues.DENIES_WHAT_FOLLOWS = kept


PARTS = candidate_parts(CANDIDATES, unshown)


def main(argv: list[str] | None = None) -> int:
    from veracity.verify import cues

    # one parse per text for the whole run (FNC-1 bodies meet several headlines)
    cues._parse = lru_cache(maxsize=60_000)(cues._parse.__wrapped__)  # type: ignore[assignment]
    return parts_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
