"""A speaker before what a claim says taken off what is looked for: ``without_attribution``
with ``saying`` off and on, on development data only.

Probe s47 (V3): ``veracity analyze`` of an article whose claims read "Councillor Ann Hayes said
on Monday that the county added 4,200 jobs in 2023 ...", "Hayes also said the bridge on Route 9
was repaired on time and under budget." and '"The Lakeside hospital closed last year," Reyes
told supporters.' judged every claim "not enough evidence": the speaker's name and "Monday"
were looked for in the passages ("does not mention most of what the claim names (ann, hayes,
monday)"), while each bare claim is decided by ``veracity verify``. ``verify_claim`` retrieves
and judges for ``cues.without_attribution(claim)``, which took off a trailing reporting clause
(after a comma, not after a quotation's comma) and a leading "According to ...,"; with
``saying`` it also takes off a leading speaker and reporting verb ("X said on Monday that",
"X also said") and reads a trailing one after a quotation.

The verdict benches judge their claims as written (not through ``verify_claim``), so this
bench rewrites them as ``verify_claim`` would under each candidate: the FNC-1 claim set's dev
headlines (each case's passages retrieved from its body for the rewritten claim and judged as
``veracity verify`` judges them; the cases no candidate rewrites read the same under both and
are judged once), and lists the CLIMATE-FEVER development claims and the denial set's claims
each candidate rewrites (their benches read annotated sentences with out-of-fold probabilities
computed for the claim as written; a rewritten one is read by hand).

Choice, fixed before the run: "on" is wired only if the FNC-1 claim set's dev accuracy is not
down more than 0.005 and no verdict is newly inverted (an agreeing body refuted, a disagreeing
one supported), no denial-set claim is rewritten into another claim, and every CLIMATE-FEVER
rewrite read by hand keeps what the claim states.

Usage: ``.venv/bin/python bench/leading_attribution.py > results.json``.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from _verdict_dev import DENIAL_SET, fnc_candidate_scores, read_jsonl  # bench/_verdict_dev.py

CANDIDATES = ("off", "on")

# A candidate's rewrite of a claim into what ``verify_claim`` looks for: (claim, candidate name).
Stated = Callable[[str, str], str]


def _stated(claim: str, name: str) -> str:
    from veracity.verify.cues import without_attribution

    return without_attribution(claim, saying=name == "on", comment=False)


def rewrite_parts(stated: Stated) -> dict[str, Callable[[Any], dict[str, Any]]]:
    """The bench's parts for the rewrite ``stated`` ("off" is the rewrite before)."""
    return {
        "fnc1": lambda data_dir: fnc1(data_dir, stated),
        "climate_fever": lambda data_dir: climate_fever(data_dir, stated),
        "denial": lambda data_dir: denial(data_dir, stated),
    }


def fnc1(data_dir: Any, stated: Stated = _stated) -> dict[str, Any]:
    from veracity.verify.fnc_claims import fnc_claim_readings, fnc_claim_set, fnc_claim_verdicts

    cases = fnc_claim_set(data_dir)["dev"]
    out: dict[str, Any] = {"cases": dict(Counter(c["stance"] for c in cases))}
    rewritten = {
        name: [{**c, "claim": stated(c["claim"], name)} for c in cases] for name in CANDIDATES
    }
    differ = [
        i for i in range(len(cases)) if rewritten["off"][i]["claim"] != rewritten["on"][i]["claim"]
    ]
    out["rewritten_differently"] = [
        f"{cases[i]['claim']} -> {rewritten['on'][i]['claim']}" for i in differ
    ]
    verdicts: dict[str, list[str]] = {}
    for name in CANDIDATES:
        judged = rewritten[name] if name == "off" else [rewritten[name][i] for i in differ]
        if not judged:
            verdicts[name] = list(verdicts["off"])
            continue
        passages, proba, readings = fnc_claim_readings(judged, k=5)
        labels = fnc_claim_verdicts(judged, passages, proba, readings)
        if name == "off":
            verdicts[name] = labels
        else:
            verdicts[name] = list(verdicts["off"])
            for i, label in zip(differ, labels, strict=True):
                verdicts[name][i] = label
    for name in CANDIDATES:
        out[name] = fnc_candidate_scores(cases, verdicts[name], verdicts["off"])
    return out


def climate_fever(data_dir: Any, stated: Stated = _stated) -> dict[str, Any]:
    from _verdict_dev import SHARED_OOF, verdict_data

    data = verdict_data(data_dir, SHARED_OOF, compute=False)
    claims = [c["claim"] for c in data.dev_claims]
    return {
        "claims": len(claims),
        **{
            f"{name} rewritten": [
                f"{c} -> {stated(c, name)}" for c in claims if stated(c, name) != c
            ]
            for name in CANDIDATES
        },
    }


def denial(_data_dir: Any, stated: Stated = _stated) -> dict[str, Any]:
    claims = [case["claim"] for case in read_jsonl(DENIAL_SET)]
    return {
        f"{name} rewritten": [f"{c} -> {stated(c, name)}" for c in claims if stated(c, name) != c]
        for name in CANDIDATES
    }


PARTS = rewrite_parts(_stated)


def main(parts: dict[str, Callable[[Any], dict[str, Any]]] = PARTS) -> int:
    from veracity.settings import get_settings

    data_dir = get_settings().data_dir
    result: dict[str, Any] = {}
    for name, part in parts.items():
        started = time.process_time()
        result[name] = part(data_dir)
        result[name]["cpu_seconds"] = round(time.process_time() - started, 1)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
