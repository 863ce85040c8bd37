"""A disputing document's refutation lent only to passages likely to be evidence for the claim
(the rule lives in this bench: measured, not wired), on development data only.

Probe s42 / s45: over ReCOVery's hydroxychloroquine pages ``veracity verify "The FDA issued an
emergency authorization for hydroxychloroquine in late March."`` reads disputed (0.82): a caution
passage ("The FDA has cautioned that hydroxychloroquine should be limited to people in clinical
trials ...") that the head reads as agreeing (0.83) on shared words has that support counted as
refutation because its page disputes the claim (disagree 0.42). Candidates: a passage whose
calibrated relevance (``veracity.verify.relevance``: the probability that it is evidence for the
claim) is under the floor has its support taken as no side instead (0: the rule before).

Choice, fixed before the run: a floor is wired only if it keeps the denial set at 0 denied claims
supported and loses no confirmation there or among the dev pairs, keeps the CLIMATE-FEVER
development accuracy and macro-F1 within 0.005 of the rule before, keeps the FNC-1 claim set's
dev accuracy within 0.005, and adds no inverted verdict (an agreeing body refuted, a disagreeing
one supported); among those, the best FNC-1 dev mean of accuracy and macro-F1.

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's (only FNC-1 reads documents).

Usage: ``.venv/bin/python bench/lent_refutation.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from _verdict_dev import candidate_parts, parsed_once_cli  # bench/_verdict_dev.py

# The first is the rule the others' changed cases are listed against (the one before).
CANDIDATES = ("0", "0.1", "0.2", "0.25", "0.3")


LENT_NOTE = (
    "its document as a whole disputes the claim (document stance: disagree {:.2f}), but the "
    "passage is unlikely to be evidence for it: its support taken as no side"
)


@contextmanager
def floor(name: str) -> Iterator[None]:
    """The verdict with a disputing document's refutation lent only to passages whose calibrated
    relevance reaches ``name`` (under it, a passage whose own reading supports the claim is read
    as its document read it were the document only unlikely to agree: no side). Lives in the
    bench only: measured, not wired."""
    from veracity.verify import verdict

    kept = verdict.bounded_stance
    below = float(name)

    def lent(claim, passage, proba, reading, reported=False, *args, **rules):  # type: ignore[no-untyped-def]
        read = kept(claim, passage, proba, reading, reported, *args, **rules)
        if (
            below > 0
            and reading is not None
            and reading.effect == "refutes"
            and read[0] == "refutes"
            and verdict.judge_passage(claim, passage, proba, **rules).stance == "supports"
            and verdict.evidence_relevance(claim, passage, proba) < below
        ):
            stance, probability, relevance, note = kept(
                claim,
                passage,
                proba,
                replace(reading, effect="no_support"),
                reported,
                *args,
                **rules,
            )
            note = "; ".join(n for n in (LENT_NOTE.format(reading.probability), note) if n)
            return stance, probability, relevance, note
        return read

    verdict.bounded_stance = lent
    try:
        yield
    finally:
        verdict.bounded_stance = kept


PARTS = candidate_parts(CANDIDATES, floor)


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
