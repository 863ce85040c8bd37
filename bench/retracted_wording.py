"""Wording a correction or a retraction takes back: ``verdict.SHIPPED_RETRACTED_WORDING`` off
and on, on development data only.

Probe s50's doping case (tests/fixtures/doping_case, bench/health_case.py ``--case doping``):
"The sample was collected at the Tour of Norway in June." read **supported (0.69)** from the wire
story's "Correction: An earlier version of this story said the sample was collected at the Tour
of Norway in June. It was collected at the Tour of Denmark on Aug. 14." ("restates the claim in
its own words, plainly": V2), and "Tomas Reyvik admitted to doping." (0.84) and "Arctica-Vela
said it knew about the positive test before it was announced." (0.81) from a newspaper's "On 4
October we published a report claiming that ... Jonas Berg ... had also returned a positive
doping test. That report was wrong and we retract it." (V1). With "on", a passage that states
the claim only in wording its own text takes back (``cues.retracted_wording``: sentences that
``nlp.corrections.retracted_sentences`` reads as a correction notice's account of the error, the
one reader the claims and signals use, or as a report the next sentence disowns, holding at
least half of the claim's content words and more than the passage's other sentences) has the
head's support taken as no side, and is never read as the claim restated; a refutation the head
reads in it stands.

Choice, fixed before the run (written at 19:41 UTC, before it began; the stop-46 rule): "on" is
wired only if it keeps the denial set at 0 denied claims supported and loses no confirmation
there or among the dev pairs, keeps the CLIMATE-FEVER development accuracy and macro-F1 within
0.005 of "off" (shipped before), keeps the FNC-1 claim set's dev accuracy within 0.005, and adds
no inverted verdict (an agreeing body refuted, a disagreeing one supported). The three cases
(health, fire, doping: bench/health_case.py) are read beside it: no new inverted verdict there.

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/retracted_wording.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, parsed_once_cli, switched  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")
PARTS = candidate_parts(CANDIDATES, switched("SHIPPED_RETRACTED_WORDING"))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
