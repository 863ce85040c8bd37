"""A claim's word said in another form by the passage: ``cues.LEMMA_WORDS`` off and on, on
development data only.

Probe s50's doping case (tests/fixtures/doping_case, bench/health_case.py ``--case doping``, V5):
"Tomas Reyvik tested positive for trimetazidine." against the wire story's "Norwegian cyclist
Tomas Reyvik has been provisionally suspended after testing positive for the banned heart drug
trimetazidine, the Cycling Anti-Doping Unit said on Friday." (the head's agree 0.72), and "The
hearing will be held on 15 January 2027." against "... the cycling tribunal, which will hold a
hearing in Lausanne on 15 January 2027." (agree 0.51), were each "not enough evidence": the
FNC-1-trained document model reads both short reports as not confirming the claim (agree
0.00-0.01), and the exception for a passage that states the claim itself
(``verdict.SHIPPED_RESTATED_SUPPORT``, ``cues.states_plainly`` / ``cues.plain_restatement``)
matches the claim's words by their first five letters, so "tested" / "testing" and "held" /
"hold" read as missing. With "on", a claim's content word that a sentence holds in another form
is read as held by its lemma (spaCy's, as the other parsed cues read them), for at most two such
words per sentence (``cues._LEMMA_MISSING``: a sentence is parsed only where it holds nearly all
of the claim already). It moves every reading that asks whether a sentence restates the claim:
the restated-support exception above, the head's refutation of a plain restatement read as
support (``RestatementRule.plain``) and its sideless discussion (``plain_discussion``).

Choice, fixed before the run (written at 21:55 UTC, before it began; the stop-46 rule): "on" is
wired only if it keeps the denial set at 0 denied claims supported and loses no confirmation
there or among the dev pairs, keeps the CLIMATE-FEVER development accuracy and macro-F1 within
0.005 of "off" (shipped before), keeps the FNC-1 claim set's dev accuracy within 0.005, and adds
no inverted verdict (an agreeing body refuted, a disagreeing one supported). The three cases
(bench/health_case.py) are read beside it: no new inverted verdict there.

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's.

Usage: ``.venv/bin/python bench/lemma_words.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys

from _verdict_dev import candidate_parts, cues_switched, parsed_once_cli  # bench/_verdict_dev.py

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")
PARTS = candidate_parts(CANDIDATES, cues_switched("LEMMA_WORDS", False))


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
