"""A change said at no time against a change over named years: ``cues.UNTIMED_CHANGES`` off and
on, on development data only.

Probe s48 V1: over the fact-checker's documents ``veracity verify "Property taxes rose 4
percent."`` (and "went up 14 percent") reads not enough evidence beside the budget office's "the
property tax levy rose 9 percent between 2021 and 2024", the passage neutral 0.98. The figure
rule's ``changes`` (stop 46, :func:`~veracity.verify.cues.other_change`) refutes a claim's rise
or fall stated for its subject by an amount far from the claim's, but not where the passage's
sentence names a year the claim does not: another time. Over the same span it already fires
("Property taxes rose 4 percent between 2021 and 2024." / "property taxes rose 9 percent between
2021 and 2024"). ``UNTIMED_CHANGES``: a claim that names no time at all (no DATE of the parse:
no year, month, "last year") is held to the passage's change whatever years the passage names.
(The probe's pair would still not meet: "property taxes" / "the property tax levy" are two heads.)

What the brief asks before wiring it: how often it would fire wrongly on the development sets.
Each changed verdict is listed with its gold label, and ``fires`` lists every development text
pair the cue fires on with the switch on and not off, with its gold label (a sentence of an
agreeing FNC-1 body, or one annotated SUPPORTS, is a wrong firing).

Choice, fixed before the run (the stop-46 rule, 13:25 UTC): "on" is wired only if it keeps the
denial set at 0 denied claims supported and loses no confirmation there or among the dev pairs,
keeps the CLIMATE-FEVER development accuracy and macro-F1 within 0.005 of "off" (shipped), keeps
the FNC-1 claim set's dev accuracy within 0.005, adds no inverted verdict (an agreeing body
refuted, a disagreeing one supported), and fires wrongly on no development pair of ``fires``.

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's; ``fires``.

Usage: ``.venv/bin/python bench/untimed_change.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from _verdict_dev import (  # bench/_verdict_dev.py
    _clear_cues_caches,
    candidate_parts,
    dev_text_pairs,
    parsed_once_cli,
)

# The first is the rule the other's changed cases are listed against (the one shipped).
CANDIDATES = ("off", "on")


@contextmanager
def untimed(name: str) -> Iterator[None]:
    """``cues.UNTIMED_CHANGES`` set to ``name == "on"``, restored after; the cues' cached
    readings cleared on entry and exit."""
    from veracity.verify import cues

    kept = cues.UNTIMED_CHANGES
    cues.UNTIMED_CHANGES = name == "on"
    _clear_cues_caches()
    try:
        yield
    finally:
        cues.UNTIMED_CHANGES = kept
        _clear_cues_caches()


PARTS = candidate_parts(CANDIDATES, untimed)


def fires(data_dir: Any) -> dict[str, Any]:
    """Where the cue fires with the switch on and not off, one text at a time: each
    CLIMATE-FEVER development claim against each of its annotated sentences, each FNC-1 claim
    set dev headline against each sentence of its body."""
    from veracity.verify.cues import other_change

    pairs = dev_text_pairs(data_dir)
    found: dict[str, list[str]] = {}
    for name in CANDIDATES:
        with untimed(name):
            found[name] = [
                f"{gold}: {claim} || {passage} || {'; '.join(said)}"
                for claim, passage, gold in pairs
                if (said := other_change(claim, passage))
            ]
    return {
        "pairs": len(pairs),
        "fired off": len(found["off"]),
        "fired on": len(found["on"]),
        "new": sorted(set(found["on"]) - set(found["off"])),
    }


PARTS["fires"] = fires


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
