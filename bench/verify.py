"""Benchmark of claim verification: passage stance, verdicts, the denial set, deep-path cost.

Run: ``.venv/bin/python bench/verify.py [--out bench-verify.json] [--write]`` (with ``--out``
and ``--only``, the other parts keep their figures from that file).

- stance and verdicts on held-out CLIMATE-FEVER claims (claims never seen in training): the
  shipped cross-encoder (``claim-stance``), the evidence-stance head it replaced, the FNC-1
  model and the majority class;
- why the evidence-stance head's claim accuracy fell from 0.567 to 0.505 (``--only
  regression``): the heads of version 1 (git ``f36fec6^``) and 2 (``f36fec6``), each run with
  its own code, and the shipped one, each under both verdict rules;
- a fresh claim-level set, FNC-1 headlines as claims (``--only fnc1_claims``; its test part
  with ``--fnc1-test``): each headline beside one body, the body's passages retrieved as
  ``veracity verify`` retrieves them from an index holding that body; split into dev and test
  by story (Emergent claim) before any verdict was read on it;
- the hand-written denial set (``tests/fixtures/denial_set.jsonl``): claims with a confirming,
  a denying and an unrelated passage; how many denied claims each system calls "supported";
- known-fact-check matching: the held-out figures of this machine's store
  (``veracity factchecks build``), re-ranked against the cosine rule;
- deep-path cost per article: the seed article analysed with and without an evidence index
  (``tests/fixtures/evidence_documents``), CPU seconds per article and per verified claim.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from pydantic import BaseModel

from _docs import write_section  # bench/_docs.py
from _templates import render
from veracity.verify.document_stance import read_document
from veracity.verify.fnc_claims import (
    FNC_GOLD,
    FNC_SAMPLED,
    FNC_SPLIT_SEED,
    fnc_claim_passages,
    fnc_claim_scores,
    fnc_claim_set,
    fnc_claim_verdicts,
)

if TYPE_CHECKING:
    from veracity.report.schema import EvidencePassage

REPO = Path(__file__).resolve().parents[1]
DENIAL_SET = REPO / "tests" / "fixtures" / "denial_set.jsonl"
EVIDENCE_DOCUMENTS = REPO / "tests" / "fixtures" / "evidence_documents"
MARK_START = "<!-- bench/verify.py: start -->"
MARK_END = "<!-- bench/verify.py: end -->"
PREVIOUS_SHIPPED = {"accuracy": 0.5668, "macro_f1": 0.4283}  # evidence_stance card, version 1
VERSIONS = {  # evidence-stance heads before this one: the commit that shipped each
    "version_1": "f36fec6^",  # CLIMATE-FEVER pairs, one stage (claim accuracy 0.567)
    "version_2": "f36fec6",  # + FNC-1 windows and derived pairs at full weight, cues (0.505)
}
# A one-off candidate, not shipped: `git checkout bea3462 && veracity train evidence-stance`
# (that commit's trainer let validation claims weigh the FNC-1 and derived pairs; they chose 0).
CLIMATE_FEVER_ONLY = {
    "claim_accuracy": 0.5668,
    "claim_macro_f1": 0.4344,
    "f1_refuted": 0.3871,
    "denied_supported_without_guard": 21,
    "convoy_verdict": "supported (0.86)",
}


def climate_fever_from_card() -> dict:
    """The held-out figures written by the training run (``veracity train claim-stance``
    scores the held-out claims once, the evidence-stance head and baselines included)."""
    from veracity.verify.claim_stance import CLAIM_STANCE_SPEC

    card = CLAIM_STANCE_SPEC.read_card()
    metrics = dict(card["metrics"])
    metrics["source"] = "card"
    metrics["cross_encoder_training"] = _training_of(card)
    return metrics


def _training_of(card) -> dict:
    """The cross-encoder's training pairs and run (steps, epochs, validation) from its card."""
    return {
        "pairs": card["training_pairs"],
        "history": card["metrics"]["training"],
        "minutes": card["metrics"]["minutes"],
    }


def bench_climate_fever(data_dir: Path) -> dict:
    """The shipped models on held-out CLIMATE-FEVER claims, recomputed (onnxruntime path)."""
    from veracity.verify.claim_stance import CLAIM_STANCE_SPEC, load_claim_stance_model
    from veracity.verify.train_claim_stance import build_pairs, evaluate_held_out

    start = time.perf_counter()
    result = evaluate_held_out(load_claim_stance_model(), build_pairs(data_dir)).record()
    result["seconds"] = round(time.perf_counter() - start, 1)
    result["cross_encoder_training"] = _training_of(CLAIM_STANCE_SPEC.read_card())
    return result


_HEAD_PROBA = """
import json, sys, numpy as np
from pathlib import Path
from veracity.data.climate_fever import load_climate_fever
from veracity.verify.evidence_stance import load_evidence_stance_model
from veracity.verify.train_evidence_stance import split_claims
held_out = split_claims(load_climate_fever(Path(sys.argv[1])))[2]
texts = [c["claim"] for c in held_out for _ in c["evidences"]]
passages = [e["evidence"] for c in held_out for e in c["evidences"]]
model = load_evidence_stance_model()
np.save(sys.argv[2], model.predict_proba(texts, passages))
rule = getattr(model, "verdict_rule_", None)
Path(sys.argv[3]).write_text(json.dumps(rule.__dict__ if rule else None))
"""


def _old_rule(claims: list[dict], proba: np.ndarray) -> list[str]:
    """The version-1 verdict: every passage whose likeliest label is agree / disagree counts
    with its probability; one side only, or twice the other -> that side; none -> not enough
    evidence; else disputed."""
    from veracity.verify.stance import STANCE_LABELS

    verdicts, row = [], 0
    for claim in claims:
        sides = {"agree": 0.0, "disagree": 0.0}
        for _ in claim["evidences"]:
            label = STANCE_LABELS[int(np.argmax(proba[row]))]
            if label in sides:
                sides[label] += float(proba[row].max())
            row += 1
        support, refute = sides["agree"], sides["disagree"]
        if not support and not refute:
            verdicts.append("not_enough_evidence")
        elif refute == 0 or support >= 2 * refute:
            verdicts.append("supported")
        elif support == 0 or refute >= 2 * support:
            verdicts.append("refuted")
        else:
            verdicts.append("disputed")
    return verdicts


def _head_at(commit: str, data_dir: Path) -> tuple[np.ndarray, dict | None]:
    """Held-out probabilities and verdict rule of the evidence-stance head shipped at
    ``commit``, run with that commit's code (a subprocess over ``git archive``)."""
    import subprocess

    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", commit, "src"], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        proba, rule = Path(folder) / "proba.npy", Path(folder) / "rule.json"
        subprocess.run(
            [sys.executable, "-c", _HEAD_PROBA, str(data_dir), str(proba), str(rule)],
            check=True,
            env={**os.environ, "PYTHONPATH": str(Path(folder) / "src")},
            cwd=folder,
        )
        return np.load(proba), json.loads(rule.read_text(encoding="utf-8"))


def bench_regression(data_dir: Path) -> dict:
    """Held-out claim accuracy of the version-1 and version-2 (shipped) evidence-stance heads,
    each under the version-1 verdict rule and under the version-2 head's rule."""
    from veracity.verify.train_evidence_stance import (
        CLAIM_VERDICT,
        VerdictMetrics,
        claim_verdicts,
        load_climate_fever,
        split_claims,
    )
    from veracity.verify.verdict import VerdictRule

    held_out = split_claims(load_climate_fever(data_dir))[2]
    gold = [CLAIM_VERDICT[c["claim_label"]] for c in held_out]
    from veracity.verify.evidence_stance import load_evidence_stance_model

    probas, rules = {}, {}
    for name, commit in VERSIONS.items():
        probas[name], rules[name] = _head_at(commit, data_dir)
    shipped = load_evidence_stance_model()
    texts = [c["claim"] for c in held_out for _ in c["evidences"]]
    passages = [e["evidence"] for c in held_out for e in c["evidences"]]
    probas["shipped"] = shipped.predict_proba(texts, passages)
    rules["shipped"] = shipped.verdict_rule_.__dict__
    rule = VerdictRule(**rules["version_2"])
    results = {}
    for name, proba in probas.items():
        for rule_name, verdicts in (
            ("old_rule", _old_rule(held_out, proba)),
            ("new_rule", claim_verdicts(held_out, proba, rule)),
            (
                "own_rule",
                _old_rule(held_out, proba)
                if rules[name] is None
                else claim_verdicts(held_out, proba, VerdictRule(**rules[name])),
            ),
        ):
            metrics = VerdictMetrics.of(gold, verdicts)
            results[f"{name}/{rule_name}"] = {
                "accuracy": metrics.accuracy,
                "macro_f1": metrics.macro_f1,
            }
            if rule_name == "own_rule":
                results[f"{name}/own_rule_metrics"] = metrics.model_dump(exclude_none=True)
        labels = np.asarray(["agree", "disagree", "discuss", "unrelated"])[proba.argmax(1)]
        results[f"{name}/predicted"] = {
            label: int(np.sum(labels == label)) for label in ("agree", "disagree", "discuss")
        }
    return results


def _systems():
    """name -> function(claims, passages) giving (n, 4) stance probabilities, and whether the
    denial guard applies."""
    from veracity.verify.claim_stance import load_claim_stance_model
    from veracity.verify.evidence_stance import load_evidence_stance_model
    from veracity.verify.stance import load_stance_model

    model = load_claim_stance_model()
    head = load_evidence_stance_model()
    return {
        "shipped": (head.predict_proba, True),
        "head_without_guard": (head.predict_proba, False),
        "cross_encoder": (model.predict_proba, True),
        "cross_encoder_without_guard": (model.predict_proba, False),
        "fnc1_model": (lambda c, p: load_stance_model().predict_proba(c, p), False),
    }


FNC_PASSAGES = 5  # as veracity verify retrieves (verdict.DEFAULT_PASSAGES)


def bench_fnc1_claims(data_dir: Path, parts: tuple[str, ...] = ("dev",)) -> dict:
    """The shipped verdict (evidence-stance head + guards + document stance, shipped rules) on
    the FNC-1 claim set's ``parts``, beside the passages alone (the verdict before the document
    stance), the document-stance model alone, the majority verdict and the FNC-1 stance model
    reading the whole body (on the bodies it was not trained on, with the shipped verdict on the
    same cases). The document-stance model trained on the dev stories: on the dev part its
    probabilities are out of fold (folds by story, as its rule was chosen), on the test part
    the shipped model's."""
    from veracity.verify.document_stance import load_document_stance
    from veracity.verify.evidence_stance import load_evidence_stance_model
    from veracity.verify.stance import STANCE_LABELS, load_stance_model
    from veracity.verify.train_document_stance import (
        dev_pairs,
        document_rule_verdicts,
        out_of_fold_proba,
    )
    from veracity.verify.verdict import SHIPPED_EVENT_RULE

    start = time.perf_counter()
    claim_set = fnc_claim_set(data_dir)
    seen = _fnc1_model_seen_bodies(data_dir)
    head, fnc1, document = load_evidence_stance_model(), load_stance_model(), load_document_stance()
    result: dict[str, Any] = {
        "stories": {name: len({c["story"] for c in claim_set[name]}) for name in claim_set},
        "parts": {},
    }
    for name in parts:
        cases = claim_set[name]
        passages = fnc_claim_passages(cases, k=FNC_PASSAGES)
        proba = head.predict_proba(
            [c["claim"] for c, texts in zip(cases, passages, strict=True) for _ in texts],
            [text for texts in passages for text in texts],
        )
        document_proba = (
            out_of_fold_proba(dev_pairs(data_dir), cases)
            if name == "dev"
            else document.model_.predict_proba(
                [c["claim"] for c in cases], [c["body"] for c in cases]
            )
        )
        rule = document.rule_
        shipped = document_rule_verdicts(cases, passages, proba, document_proba, rule)
        readings = [
            read_document(row, rule) if len(texts) >= rule.min_passages else None
            for row, texts in zip(document_proba, passages, strict=True)
        ]
        figures = fnc_claim_verdicts(
            cases, passages, proba, readings, event=replace(SHIPPED_EVENT_RULE, figures=True)
        )
        alone = [FNC_GOLD[STANCE_LABELS[int(np.argmax(row))]] for row in document_proba]
        unseen = [i for i, c in enumerate(cases) if c["body_id"] not in seen]
        whole = fnc1.predict_proba(
            [cases[i]["claim"] for i in unseen], [cases[i]["body"] for i in unseen]
        )
        fnc1_verdicts = [FNC_GOLD[STANCE_LABELS[int(np.argmax(row))]] for row in whole]
        result["parts"][name] = {
            "shipped": fnc_claim_scores(cases, shipped),
            "passages_alone": fnc_claim_scores(cases, fnc_claim_verdicts(cases, passages, proba)),
            "figures_guard": fnc_claim_scores(cases, figures),
            "document_alone": fnc_claim_scores(cases, alone),
            "majority": fnc_claim_scores(cases, ["not_enough_evidence"] * len(cases)),
            "fnc1_model_unseen": fnc_claim_scores([cases[i] for i in unseen], fnc1_verdicts),
            "shipped_unseen": fnc_claim_scores(
                [cases[i] for i in unseen], [shipped[i] for i in unseen]
            ),
            "passages": int(sum(len(t) for t in passages)),
        }
    result["rule"] = document.rule_.record()
    result["seconds"] = round(time.perf_counter() - start, 1)
    return result


def _fnc1_model_seen_bodies(data_dir: Path) -> set[int]:
    """The bodies the FNC-1 stance model was trained on (its split by body)."""
    from veracity.data.fnc1 import load_fnc_pairs
    from veracity.verify.train_stance import split_by_body

    pairs = load_fnc_pairs(data_dir)
    return {int(b) for b in pairs.iloc[split_by_body(pairs)[0]]["body_id"]}


def _unguarded(passage: str, row: np.ndarray) -> EvidencePassage:
    """A passage judged by the head's most probable label alone: no guard, no rule."""
    from veracity.report.schema import EvidencePassage
    from veracity.verify.stance import STANCE_LABELS
    from veracity.verify.verdict import PASSAGE_STANCE

    return EvidencePassage(
        document_id="d",
        passage=passage,
        stance=PASSAGE_STANCE[STANCE_LABELS[int(np.argmax(row))]],
        stance_probability=min(1.0, float(row.max())),
        relatedness=1.0 - float(row[STANCE_LABELS.index("unrelated")]),
        retrieval_score=0.0,
    )


def bench_denial_set() -> dict:
    from veracity.verify.verdict import aggregate, judged_passages

    cases = [json.loads(line) for line in DENIAL_SET.read_text(encoding="utf-8").splitlines()]
    results = {}
    for name, (predict, guarded) in _systems().items():
        counts = {"denied_supported": 0, "denying_passage_supports": 0, "confirmed_supported": 0}
        counts["unrelated_not_enough_evidence"] = 0
        predict([cases[0]["claim"]], [cases[0]["confirming"]])  # models loaded before timing
        cpu = 0.0
        for case in cases:
            texts = [case["confirming"], case["denying"], case["unrelated"]]
            start = time.process_time()
            proba = predict([case["claim"]] * 3, texts)
            cpu += time.process_time() - start
            judged = (
                judged_passages(case["claim"], texts, proba)
                if guarded
                else [_unguarded(text, row) for text, row in zip(texts, proba, strict=True)]
            )
            confirming, denying, unrelated = judged
            counts["denied_supported"] += aggregate([denying, unrelated]).label == "supported"
            counts["denying_passage_supports"] += denying.stance == "supports"
            counts["confirmed_supported"] += aggregate([confirming, unrelated]).label == "supported"
            counts["unrelated_not_enough_evidence"] += (
                aggregate([unrelated]).label == "not_enough_evidence"
            )
        results[name] = {**counts, "cpu_ms_per_pair": round(1000 * cpu / (3 * len(cases)), 1)}
    return {"claims": len(cases), "systems": results}


def bench_deep_cost(data_dir: Path) -> dict:
    import resource

    from veracity.pipeline import analyze as run_analysis
    from veracity.verify.index import build_index

    seed = data_dir.parent / "examples" / "seed-article.txt"

    def cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    with tempfile.TemporaryDirectory() as folder:
        index = Path(folder) / "index"
        build_index(EVIDENCE_DOCUMENTS, index)
        run_analysis(seed, depth="deep", index=index)  # warm: models loaded once per process
        runs = {}
        for name, kwargs in (("deep", {}), ("deep_with_index", {"index": index})):
            cpu_times, walls = [], []
            for _ in range(3):
                start_cpu, start = cpu(), time.perf_counter()
                report = run_analysis(seed, depth="deep", **kwargs)
                cpu_times.append(cpu() - start_cpu)
                walls.append(time.perf_counter() - start)
            runs[name] = {
                "cpu_s": round(float(np.median(cpu_times)), 3),
                "wall_s": round(float(np.median(walls)), 3),
                "claims": len(report.claims),
            }
    verified = runs["deep_with_index"]["claims"]
    extra = runs["deep_with_index"]["cpu_s"] - runs["deep"]["cpu_s"]
    return {
        **runs,
        "verification_cpu_s_per_claim": round(extra / verified, 3) if verified else None,
    }


def fact_check_matching() -> dict:
    """The held-out matching figures written by ``veracity factchecks build`` (calibration and
    the one test report happen there; the store is built per machine)."""
    from veracity.verify.factchecks import SPEC

    card = SPEC.read_card()
    metrics = card["metrics"]
    return {
        name: metrics[name]
        for name in ("reranked", "hybrid", "dense_only", "minhash_only")
        if name in metrics
    } | {"test_queries": metrics["test_queries"], "dev_queries": metrics["dev_queries"]}


class ClaimScores(BaseModel):
    """Claim-level verdict scores on the held-out CLIMATE-FEVER claims."""

    accuracy: float
    macro_f1: float
    f1: dict[str, float]  # per verdict


class PairScores(BaseModel):
    """Pair-level stance scores on the labelled held-out pairs."""

    accuracy_labelled: float
    macro_f1_labelled: float


class ClimateFever(BaseModel):
    """Held-out CLIMATE-FEVER figures (bench_climate_fever() or the training run's card)."""

    held_out_claims: int
    held_out_pairs: int
    unrelated_pairs: int
    pairs: dict[str, PairScores | None]
    claims: dict[str, ClaimScores]
    source: str | None = None
    cross_encoder_training: dict[str, Any] | None = None  # pairs, history, minutes


class DenialSystem(BaseModel):
    """One system's verdicts on the denial set (counts of claims / passages)."""

    denied_supported: int
    denying_passage_supports: int
    confirmed_supported: int
    unrelated_not_enough_evidence: int
    cpu_ms_per_pair: int | float | None = None


class DenialSet(BaseModel):
    claims: int
    systems: dict[str, DenialSystem]


class MatchThresholds(BaseModel):
    lexical_jaccard: float
    semantic_cosine: float | None = None
    match_probability: float | None = None

    def rule(self) -> str:
        if self.match_probability is not None:
            return f"J {self.lexical_jaccard:.2f}, p {self.match_probability:.2f}"
        return f"J {self.lexical_jaccard:.2f}, cos {self.semantic_cosine:.2f}"


class MatchScores(BaseModel):
    precision: float
    recall: float
    false_positives: int | None = None


class MatchSystem(BaseModel):
    """A matcher's thresholds and its held-out scores, all queries and real paraphrases."""

    thresholds: MatchThresholds
    all: MatchScores
    real_paraphrases: MatchScores


class Matching(BaseModel):
    """Known-fact-check matching figures from the fact-check store's card."""

    test_queries: int
    dev_queries: int
    reranked: MatchSystem | None = None
    hybrid: MatchSystem | None = None
    dense_only: MatchSystem | None = None
    minhash_only: MatchSystem | None = None


class PathCost(BaseModel):
    cpu_s: float
    wall_s: float
    claims: int


class DeepCost(BaseModel):
    deep: PathCost
    deep_with_index: PathCost
    verification_cpu_s_per_claim: int | float


class FncClaimScores(BaseModel):
    """One system's verdicts on a part of the FNC-1 claim set: scores over :data:`FNC_VERDICTS`
    and, per gold stance of the body, how many cases got each verdict."""

    accuracy: float
    macro_f1: float
    f1: dict[str, float]
    cases: int
    by_stance: dict[str, dict[str, int]]

    def judged(self, stance: str, verdict: str) -> int:
        """Cases whose body has ``stance`` that got ``verdict``."""
        return self.by_stance.get(stance, {}).get(verdict, 0)

    def gold(self, stance: str) -> int:
        """Cases whose body has ``stance``."""
        return sum(self.by_stance.get(stance, {}).values())

    def gold_counts(self) -> str:
        """ "agree 818, disagree 201, ..." in FNC-1's order."""
        return ", ".join(
            f"{stance} {self.gold(stance)}" for stance in FNC_GOLD if self.gold(stance)
        )


class FncClaims(BaseModel):
    """The FNC-1 claim set's figures (bench_fnc1_claims()): per part, per system."""

    stories: dict[str, int]
    parts: dict[str, dict[str, FncClaimScores | int]]
    rule: dict[str, float] | None = None  # the document-stance rule measured
    seconds: float


class VerifyBench(BaseModel):
    """What the section is rendered from: the parts of a run (``--out`` keeps them), each optional."""

    climate_fever: ClimateFever | None = None
    # "<head>/<old_rule|new_rule|own_rule|own_rule_metrics|predicted>": scores or pair counts
    regression: dict[str, dict[str, Any]] | None = None
    denial_set: DenialSet | None = None
    matching: Matching | None = None
    deep_cost: DeepCost | None = None
    fnc1_claims: FncClaims | None = None

    def summary(self) -> str:
        """One line: the shipped head's claim accuracy and denied claims judged supported."""
        parts = []
        if self.climate_fever is not None:
            accuracy = self.climate_fever.claims["evidence_stance"].accuracy
            parts.append(f"CLIMATE-FEVER claim accuracy {accuracy:.3f}")
        if self.denial_set is not None:
            denied = self.denial_set.systems["shipped"].denied_supported
            parts.append(f"{denied} of {self.denial_set.claims} denied claims supported")
        return "; ".join(parts) or "no parts measured"


CLIMATE_FEVER_ROWS = [
    (
        "evidence_stance",
        "evidence-stance head version 3: vectors + cues + coverage, two stages (shipped)",
    ),
    ("model", "MiniLM cross-encoder (`claim-stance`; measured, not enabled)"),
    ("fnc1_model", "FNC-1 model"),
    ("majority_baseline", "majority class"),
]
EARLIER_HEADS = (
    ("version_2", "previous head, version 2 (FNC-1 + derived pairs at full weight)"),
    ("version_1", "version 1 head (CLIMATE-FEVER pairs, one stage)"),
)
REGRESSION_HEADS = (
    ("version_1", "version 1 (CLIMATE-FEVER pairs, one stage)"),
    ("version_2", "version 2 (+ FNC-1 windows and derived pairs at full weight, cues)"),
    ("shipped", "version 3, shipped (shuffled folds, coverage, pair weight chosen)"),
)
DENIAL_SYSTEMS = (
    ("shipped", "evidence-stance head + guards (shipped)"),
    ("head_without_guard", "evidence-stance head, no guards"),
    ("cross_encoder", "MiniLM cross-encoder + guard (not enabled)"),
    ("cross_encoder_without_guard", "MiniLM cross-encoder, no guard"),
    ("fnc1_model", "FNC-1 model, no guard"),
)
MATCHERS = (
    ("reranked", "MinHash + re-ranked candidates (`verify/matcher.py`; measured, not enabled)"),
    ("hybrid", "MinHash + cosine (shipped)"),
    ("dense_only", "cosine only"),
    ("minhash_only", "MinHash only"),
)


def _climate_fever_rows(
    r: ClimateFever, regression: dict[str, dict[str, Any]]
) -> list[tuple[str, str, PairScores | None, ClaimScores]]:
    """(name, label, pair scores, claim scores) per system; the earlier heads, run with the code
    of the commits that shipped them (--only regression), claim-level figures only."""
    rows = [(name, label, r.pairs[name], r.claims[name]) for name, label in CLIMATE_FEVER_ROWS]
    for name, label in EARLIER_HEADS:
        if f"{name}/own_rule_metrics" in regression:
            scores = ClaimScores.model_validate(regression[f"{name}/own_rule_metrics"])
            rows.insert(len(rows) - 2, (name, label, None, scores))
    return rows


def section(results: VerifyBench) -> str:
    """The claim-verification section of docs/benchmarks.md (templates/verify.md.j2)."""
    max_minutes = None
    if results.climate_fever is not None and results.climate_fever.cross_encoder_training:
        from veracity.verify.train_claim_stance import MAX_MINUTES

        max_minutes = MAX_MINUTES
    regression = results.regression or {}
    held_out, accuracy = 0, 0.0
    if results.climate_fever is not None:
        held_out = results.climate_fever.held_out_claims
        accuracy = results.climate_fever.claims["evidence_stance"].accuracy
    return render(
        "verify.md.j2",
        start=MARK_START,
        end=MARK_END,
        r=results,
        climate_fever_rows=(
            _climate_fever_rows(results.climate_fever, regression)
            if results.climate_fever is not None
            else []
        ),
        max_minutes=max_minutes,
        regression_rows=[
            (
                label,
                *(
                    regression[f"{name}/{k}"]
                    for k in ("old_rule", "new_rule", "own_rule", "predicted")
                ),
            )
            for name, label in REGRESSION_HEADS
            if f"{name}/predicted" in regression
        ],
        denial_systems=DENIAL_SYSTEMS,
        matchers=MATCHERS,
        previous=PREVIOUS_SHIPPED,
        versions=VERSIONS,
        climate_fever_only=CLIMATE_FEVER_ONLY,
        claims_right=round(accuracy * held_out) if results.climate_fever is not None else None,
        previous_right=round(PREVIOUS_SHIPPED["accuracy"] * held_out),
    ).removesuffix("\n")


FNC_MARK_START = "<!-- bench/verify.py fnc1_claims: start -->"
FNC_MARK_END = "<!-- bench/verify.py fnc1_claims: end -->"
FNC_SYSTEMS = (
    ("shipped", "shipped verdict (evidence-stance head + guards + document stance)"),
    ("passages_alone", "passages alone (evidence-stance head + guards: the verdict before)"),
    ("figures_guard", "shipped + other-figures guard (`EventRule(figures=True)`; not enabled)"),
    ("document_alone", "document-stance model alone (whole body)"),
    ("majority", "majority verdict (not enough evidence)"),
    ("shipped_unseen", "shipped verdict, bodies the FNC-1 model never saw"),
    ("fnc1_model_unseen", "FNC-1 stance model on the whole body, same cases"),
)


def fnc1_section(results: FncClaims) -> str:
    """The FNC-1 claim-set section of docs/benchmarks.md (templates/verify-fnc1.md.j2)."""
    return render(
        "verify-fnc1.md.j2",
        start=FNC_MARK_START,
        end=FNC_MARK_END,
        f=results,
        systems=FNC_SYSTEMS,
        passages=FNC_PASSAGES,
        split_seed=FNC_SPLIT_SEED,
        sampled=FNC_SAMPLED,
    ).removesuffix("\n")


def main() -> None:
    from veracity.settings import get_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument(
        "--only",
        choices=[
            "climate_fever",
            "regression",
            "denial_set",
            "matching",
            "deep_cost",
            "fnc1_claims",
        ],
        action="append",
    )
    parser.add_argument(
        "--fnc1-test",
        action="store_true",
        help="fnc1_claims: measure its test part too (read once, after every choice on dev)",
    )
    parser.add_argument(
        "--from-card",
        action="store_true",
        help="CLIMATE-FEVER figures from the training run's card instead of recomputing them",
    )
    args = parser.parse_args()
    data_dir = get_settings().data_dir
    parts = {
        "climate_fever": (
            climate_fever_from_card if args.from_card else lambda: bench_climate_fever(data_dir)
        ),
        "regression": lambda: bench_regression(data_dir),
        "denial_set": bench_denial_set,
        "matching": fact_check_matching,
        "deep_cost": lambda: bench_deep_cost(data_dir),
        "fnc1_claims": lambda: bench_fnc1_claims(
            data_dir, ("dev", "test") if args.fnc1_test else ("dev",)
        ),
    }
    # With --out, parts not rerun keep their figures from the previous run's file.
    results = (
        json.loads(args.out.read_text(encoding="utf-8")) if args.out and args.out.exists() else {}
    )
    # fnc1_claims runs only when asked for: its test part is read once.
    for name in args.only or [name for name in parts if name != "fnc1_claims"]:
        results[name] = parts[name]()
        print(f"{name}: {json.dumps(results[name])}", file=sys.stderr, flush=True)
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.write:
        bench = VerifyBench.model_validate(results)
        if set(results) - {"fnc1_claims"}:
            write_section(section(bench), MARK_START, MARK_END)
        if bench.fnc1_claims is not None:
            write_section(fnc1_section(bench.fnc1_claims), FNC_MARK_START, FNC_MARK_END)


if __name__ == "__main__":
    main()
