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
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from _verdict_dev import (  # bench/_verdict_dev.py
    SHARED_OOF,
    climate_fever_scores,
    fnc_candidate_scores,
    guard_counts,
    parts_cli,
    verdict_data,
)

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


def climate_fever(data_dir: Path) -> dict[str, Any]:
    from veracity.verify.train_evidence_stance import VerdictMetrics, claim_verdicts

    data = verdict_data(data_dir, SHARED_OOF, compute=False)
    out: dict[str, Any] = {"claims": len(data.dev_claims)}
    before: list[str] = []
    for name in CANDIDATES:
        with questions(name):
            verdicts = claim_verdicts(data.dev_claims, data.oof)
        before = before or verdicts
        out[name] = climate_fever_scores(VerdictMetrics.of(data.dev_gold, verdicts))
        out[f"{name} changed"] = [
            f"{gold}: {b} -> {v} ({c['claim']})"
            for c, gold, b, v in zip(data.dev_claims, data.dev_gold, before, verdicts, strict=True)
            if b != v
        ]
    return out


def fnc1(data_dir: Path) -> dict[str, Any]:
    from veracity.verify.fnc_claims import (
        fnc_claim_readings,
        fnc_claim_set,
        fnc_claim_verdicts,
    )

    cases = fnc_claim_set(data_dir)["dev"]
    passages, proba, readings = fnc_claim_readings(cases, k=5)
    out: dict[str, Any] = {"cases": dict(Counter(c["stance"] for c in cases))}
    before: list[str] = []
    for name in CANDIDATES:
        with questions(name):
            verdicts = fnc_claim_verdicts(cases, passages, proba, readings)
        before = before or verdicts
        out[name] = fnc_candidate_scores(cases, verdicts, before)
    return out


def guards(_data_dir: Path) -> dict[str, Any]:
    return guard_counts(CANDIDATES, questions)


PARTS = {"climate_fever": climate_fever, "fnc1": fnc1, "guards": guards}


def main(argv: list[str] | None = None) -> int:
    from veracity.verify import cues

    # one parse per text for the whole run (FNC-1 bodies meet several headlines)
    cues._parse = lru_cache(maxsize=60_000)(cues._parse.__wrapped__)  # type: ignore[assignment]
    return parts_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
