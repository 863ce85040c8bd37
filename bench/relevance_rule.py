"""The verdict's floor on the calibrated relevance (``VerdictRule.min_evidence``), chosen out of
fold on development data (issue 16 item 2: weak relevance gives "not enough evidence").

Each passage's relevance in reports is the calibrated probability that it is evidence for the
claim (``veracity.verify.relevance``, ``veracity train relevance``: a logistic regression over
the evidence-stance head's four log-probabilities, the claim-passage cosine and the share of the
claim's words in the passage, fitted on the passages retrieval finds for CLIMATE-FEVER's
development claims). A passage under ``min_evidence`` does not count; 0 is the rule before (the
head's relatedness and ``min_relevance`` alone decide, as now).

Candidates: ``min_evidence`` in :data:`CANDIDATES`. Choice, fixed before the run: a candidate
passes when it keeps the denial set at 0 denied claims supported and loses no confirmation there,
keeps the CLIMATE-FEVER development accuracy and macro-F1 each within 0.005 of the rule before,
keeps the FNC-1 claim set's dev accuracy within 0.005, and inverts no verdict the rule before
did not (CLIMATE-FEVER: a SUPPORTS claim refuted or a REFUTES claim supported; FNC-1: an agreeing
body refuted or a disagreeing one supported). Among those that pass: the best sum of the two
sets' scores (each the mean of accuracy and macro-F1), ties to the higher floor.

Parts: ``climate_fever`` (the CLIMATE-FEVER train + validation claims, their 5 annotated
sentences, the shipped head's out-of-fold probabilities; each sentence's calibrated relevance
from the calibration fitted on the other folds' claims, ``relevance.claim_fold``), ``fnc1`` (the
FNC-1 claim set's dev part, passages retrieved and judged as bench/verify.py does, the shipped
calibration: it never saw FNC-1), ``denial`` (the denial set, the shipped calibration) and, read
once after the choice, ``held_out`` (the 307 held-out CLIMATE-FEVER claims under the rule before
and the shipped ``SHIPPED_MIN_EVIDENCE``, the shipped calibration).

Usage: ``.venv/bin/python bench/relevance_rule.py --only climate_fever --only fnc1 --only denial
> results.json`` (heavy queue); after the choice is shipped, ``--only held_out`` once.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from _verdict_dev import (  # bench/_verdict_dev.py
    SHARED_OOF,
    climate_fever_scores,
    denial_counts,
    fnc_candidate_scores,
    parsed_once_cli,
    verdict_data,
)

CANDIDATES = (0.0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3)
INVERTED = {("supported", "refuted"), ("refuted", "supported")}


def _rule(floor: float) -> Any:
    from veracity.verify.verdict import shipped_rule

    return replace(shipped_rule(), min_evidence=floor)


def _with_relevance(judged: list[list[Any]], relevance: np.ndarray) -> list[list[Any]]:
    """Each claim's judged passages with their calibrated relevance (``relevance``, in order)."""
    out, row = [], 0
    for passages in judged:
        out.append(
            [
                p.model_copy(update={"relevance": float(relevance[row + i])})
                for i, p in enumerate(passages)
            ]
        )
        row += len(passages)
    return out


def floor_rules() -> dict[str, Any]:
    """Each candidate's verdict rule by its name (:data:`CANDIDATES`)."""
    return {str(floor): _rule(floor) for floor in CANDIDATES}


def climate_fever(
    data_dir: Path, rules: Callable[[], dict[str, Any]] = floor_rules
) -> dict[str, Any]:
    from veracity.verify.relevance import claim_fold, relevance_features
    from veracity.verify.train_evidence_stance import VerdictMetrics, judged_claims
    from veracity.verify.train_relevance import fold_models, retrieval_rows
    from veracity.verify.verdict import aggregate

    data = verdict_data(data_dir, SHARED_OOF, compute=False)
    models = fold_models(retrieval_rows(data_dir))
    claims = [c["claim"] for c in data.dev_claims for _ in c["evidences"]]
    texts = [e["evidence"] for c in data.dev_claims for e in c["evidences"]]
    features = relevance_features(claims, texts, data.oof)
    folds = np.array([claim_fold(c) for c in claims])
    relevance = np.zeros(len(claims))
    for fold, model in models.items():
        relevance[folds == fold] = model.predict(features[folds == fold])
    gold_rows = np.array(
        [
            e["evidence_label"] in ("SUPPORTS", "REFUTES")
            for c in data.dev_claims
            for e in c["evidences"]
        ]
    )
    judged = _with_relevance(judged_claims(data.dev_claims, data.oof), relevance)
    out: dict[str, Any] = {
        "claims": len(data.dev_claims),
        "sentences": len(claims),
        "relevance_mean_evidence": round(float(relevance[gold_rows].mean()), 4),
        "relevance_mean_other": round(float(relevance[~gold_rows].mean()), 4),
    }
    before: list[str] = []
    for name, rule in rules().items():
        verdicts = [aggregate(passages, rule).label for passages in judged]
        before = before or verdicts
        scores = climate_fever_scores(VerdictMetrics.of(data.dev_gold, verdicts))
        out[name] = {
            **scores,
            "inverted": sum(
                (g, v) in INVERTED for g, v in zip(data.dev_gold, verdicts, strict=True)
            ),
            "newly_inverted": sum(
                (g, v) in INVERTED and (g, b) not in INVERTED
                for g, b, v in zip(data.dev_gold, before, verdicts, strict=True)
            ),
            "changed": [
                f"{g}: {b} -> {v} ({c['claim']})"
                for c, g, b, v in zip(data.dev_claims, data.dev_gold, before, verdicts, strict=True)
                if b != v
            ][:40],
            "changed_count": sum(b != v for b, v in zip(before, verdicts, strict=True)),
        }
    return out


def fnc1(data_dir: Path, rules: Callable[[], dict[str, Any]] = floor_rules) -> dict[str, Any]:
    from collections import Counter

    from veracity.verify.fnc_claims import fnc_claim_readings, fnc_claim_set
    from veracity.verify.verdict import aggregate, judged_passages

    cases = fnc_claim_set(data_dir)["dev"]
    passages, proba, readings = fnc_claim_readings(cases, k=5)
    judged, row = [], 0
    for case, texts, reading in zip(cases, passages, readings, strict=True):
        judged.append(judged_passages(case["claim"], texts, proba[row : row + len(texts)], reading))
        row += len(texts)
    out: dict[str, Any] = {"cases": dict(Counter(c["stance"] for c in cases))}
    before: list[str] = []
    for name, rule in rules().items():
        verdicts = [aggregate(p, rule).label for p in judged]
        before = before or verdicts
        scores = fnc_candidate_scores(cases, verdicts, before)
        scores["newly_inverted"] = sum(
            (c["stance"], v) in {("agree", "refuted"), ("disagree", "supported")}
            and (c["stance"], b) not in {("agree", "refuted"), ("disagree", "supported")}
            for c, b, v in zip(cases, before, verdicts, strict=True)
        )
        scores["changed_count"] = len(scores["changed"])
        scores["changed"] = scores["changed"][:40]
        out[name] = scores
    return out


def denial(_data_dir: Path, rules: Callable[[], dict[str, Any]] = floor_rules) -> dict[str, Any]:
    from veracity.verify.evidence_stance import load_evidence_stance_model

    model = load_evidence_stance_model()
    return {name: denial_counts(model, rule) for name, rule in rules().items()}


def held_out(data_dir: Path) -> dict[str, Any]:
    """Read once, after the choice: the rule before and the shipped floor."""
    from veracity.verify.train_evidence_stance import VerdictMetrics, judged_claims
    from veracity.verify.verdict import SHIPPED_MIN_EVIDENCE, aggregate, evidence_relevance

    data = verdict_data(data_dir, SHARED_OOF, compute=False)
    proba, gold = data.held_out_probabilities()
    claims = [c["claim"] for c in data.held_out for _ in c["evidences"]]
    texts = [e["evidence"] for c in data.held_out for e in c["evidences"]]
    relevance = np.array(
        [evidence_relevance(c, t, row) for c, t, row in zip(claims, texts, proba, strict=True)]
    )
    judged = _with_relevance(judged_claims(data.held_out, proba), relevance)
    out: dict[str, Any] = {"claims": len(data.held_out), "shipped": SHIPPED_MIN_EVIDENCE}
    for floor in dict.fromkeys((0.0, SHIPPED_MIN_EVIDENCE)):
        verdicts = [aggregate(passages, _rule(floor)).label for passages in judged]
        out[str(floor)] = VerdictMetrics.of(gold, verdicts).model_dump()
    return out


PARTS = {"climate_fever": climate_fever, "fnc1": fnc1, "denial": denial, "held_out": held_out}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--only" not in argv:  # the held-out part is read only when named
        argv += [arg for part in PARTS if part != "held_out" for arg in ("--only", part)]
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
