"""Another figure for the claim's measure, place and time: ``FigureRule.same_measure`` off and
on, on development data only.

Stop 47's fact-checker case: over the city's documents, ``veracity verify "Millbrook's
unemployment rate fell to 3.9 percent in October."`` reads not enough evidence beside the labour
department's "Millbrook's unemployment rate fell to 4.2 percent in October, from 4.5 percent in
September." (the head neutral, its document "does not confirm"). The figure rule
(``cues.contradicting_figures``) ships as "no_support" since stop 42: its "refutes" turned an
agreeing FNC-1 dev body refuted; and it reads no figure in a sentence naming a month the claim
does not ("September", of the figure it fell from). ``FigureRule.same_measure``
(``cues.same_measure_figures``) refutes only where the passage states what the claim states,
with another figure: the same quantity (verb, place in it, unit), a measure both name with the
same words each way ("Millbrook's unemployment rate"; not "the county's rate" for "the
unemployment rate"), in a sentence naming every year and month the claim names (the claim must
name one), no figure of the passage for it meeting the claim's; its support and sideless
discussion go to refutation (note "gives another figure for what the claim's figure counts, at
its place and time ...").

What the brief asks before wiring it: how often it would fire wrongly on the development sets.
Each changed verdict is listed with its gold label (CLIMATE-FEVER, FNC-1 claim set, denial set,
dev pairs), and a verdict newly refuted whose gold label is not a refutation is a wrong firing.

Choice, fixed before the run (the stop-46 rule): "on" is wired only if it keeps the denial set
at 0 denied claims supported and loses no confirmation there or among the dev pairs, keeps the
CLIMATE-FEVER development accuracy and macro-F1 within 0.005 of "off" (shipped before), keeps
the FNC-1 claim set's dev accuracy within 0.005, and adds no inverted verdict (an agreeing body
refuted, a disagreeing one supported).

Parts (development only; no held-out set is read): ``climate_fever``, ``fnc1``, ``guards`` as
bench/question_rule.py's; ``fires``, every development text pair the cue fires on.

Usage: ``.venv/bin/python bench/same_measure.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys
from typing import Any

from _verdict_dev import (  # bench/_verdict_dev.py
    candidate_parts,
    dev_text_pairs,
    parsed_once_cli,
    switched,
)

# The first is the rule the other's changed cases are listed against (the one before).
CANDIDATES = ("off", "on")

PARTS = candidate_parts(CANDIDATES, switched("SHIPPED_FIGURE_RULE", "same_measure"))


def fires(data_dir: Any) -> dict[str, Any]:
    """Where the cue fires at all, one text at a time: each CLIMATE-FEVER development claim
    against each of its annotated sentences, each FNC-1 claim set dev headline against each
    sentence of its body; every firing listed with its gold label (a sentence of an agreeing
    body, or one annotated SUPPORTS, is a wrong one)."""
    from veracity.verify.cues import same_measure_figures

    pairs = dev_text_pairs(data_dir)
    fired = [
        f"{gold}: {claim} || {passage} || {'; '.join(found)}"
        for claim, passage, gold in pairs
        if (found := same_measure_figures(claim, passage))
    ]
    return {"pairs": len(pairs), "fired": fired}


PARTS["fires"] = fires


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
