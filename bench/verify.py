"""Benchmark of claim verification: passage stance, verdicts, the denial set, deep-path cost.

Run: ``.venv/bin/python bench/verify.py [--out bench-verify.json] [--write]`` (with ``--out``
and ``--only``, the other parts keep their figures from that file).

- stance and verdicts on held-out CLIMATE-FEVER claims (claims never seen in training): the
  shipped cross-encoder (``claim-stance``), the evidence-stance head it replaced, the FNC-1
  model and the majority class;
- why the evidence-stance head's claim accuracy fell from 0.567 to 0.505 (``--only
  regression``): the heads of version 1 (git ``f36fec6^``) and 2 (``f36fec6``), each run with
  its own code, and the shipped one, each under both verdict rules;
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
from pathlib import Path

import numpy as np

from _docs import write_section  # bench/_docs.py

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


def bench_denial_set() -> dict:
    from veracity.report.schema import EvidencePassage
    from veracity.verify.stance import STANCE_LABELS
    from veracity.verify.verdict import PASSAGE_STANCE, aggregate, passage_stance

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
            judged = []
            for text, row in zip(texts, proba, strict=True):
                if guarded:
                    stance, probability, relevance, _ = passage_stance(case["claim"], text, row)
                else:
                    label = STANCE_LABELS[int(np.argmax(row))]
                    stance, probability = PASSAGE_STANCE[label], float(row.max())
                    relevance = 1.0 - float(row[STANCE_LABELS.index("unrelated")])
                judged.append(
                    EvidencePassage(
                        document_id="d",
                        passage=text,
                        stance=stance,
                        stance_probability=min(1.0, probability),
                        relevance=relevance,
                        retrieval_score=0.0,
                    )
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


def section(results: dict) -> str:
    lines = [
        MARK_START,
        "## Claim verification: passage stance, verdicts, denials",
        "",
        "Command: `.venv/bin/python bench/verify.py --write` (or part by part, `--only PART --out"
        " results.json`, then `--write` with the same `--out`; `--from-card`: the CLIMATE-FEVER"
        " figures of the `claim-stance` training run; matching: the card of a store"
        " rebuilt by `veracity factchecks build`, run with `VERACITY_REFERENCE_DIR` set to a"
        " fresh folder). The store ships the cosine rule: the re-ranker is saved and measured but not"
        " enabled, since its held-out precision is under the 0.97 floor.",
        "",
    ]
    if "climate_fever" in results:
        r = results["climate_fever"]
        p, c = r["pairs"], r["claims"]
        lines += [
            f"Held-out CLIMATE-FEVER: {r['held_out_claims']} claims ({r['held_out_pairs']} labelled"
            f" pairs + {r['unrelated_pairs']} unrelated), split by claim id; none of them, nor the"
            " validation claims that chose the checkpoint and the verdict rule, is in training"
            " (claim-disjoint by id and by text; 664 of the 1535 held-out evidence sentences also"
            " occur in training pairs, with other claims: CLIMATE-FEVER draws them from the same"
            " Wikipedia articles). Each model's passages are weighed by its own verdict rule"
            " (`verify/verdict.py`), the FNC-1 model's by the shipped one."
            + (
                " Figures of the training run (`veracity train claim-stance`), which scores the"
                " held-out claims once, read from its card."
                if r.get("source") == "card"
                else ""
            ),
            "",
            "| system | pair accuracy (labelled) | pair macro-F1 | claim accuracy | claim macro-F1 | F1 supported | F1 refuted | F1 disputed | F1 not enough evidence |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        rows = [
            (
                "evidence_stance",
                "evidence-stance head version 3: vectors + cues + coverage, two stages (shipped)",
            ),
            ("model", "MiniLM cross-encoder (`claim-stance`; measured, not enabled)"),
            ("fnc1_model", "FNC-1 model"),
            ("majority_baseline", "majority class"),
        ]
        # The earlier heads, run with the code of the commits that shipped them (--only
        # regression), each under its own verdict rule: claim-level figures only.
        earlier = results.get("regression", {})
        for name, label in (
            ("version_2", "previous head, version 2 (FNC-1 + derived pairs at full weight)"),
            ("version_1", "version 1 head (CLIMATE-FEVER pairs, one stage)"),
        ):
            if f"{name}/own_rule_metrics" in earlier:
                p[name] = None
                c[name] = earlier[f"{name}/own_rule_metrics"]
                rows.insert(len(rows) - 2, (name, label))
        for name, label in rows:
            pm, cm = p[name], c[name]
            bold = "**" if name == "evidence_stance" else ""
            pair = (
                f"{pm['accuracy_labelled']:.3f} | {pm['macro_f1_labelled']:.3f}" if pm else "– | –"
            )
            lines.append(
                f"| {label} | {pair} | {bold}{cm['accuracy']:.3f}{bold} |"
                f" {cm['macro_f1']:.3f} | {cm['f1']['supported']:.3f} | {cm['f1']['refuted']:.3f} |"
                f" {cm['f1']['disputed']:.3f} | {cm['f1']['not_enough_evidence']:.3f} |"
            )
        training = r.get("cross_encoder_training")
        if training:
            from veracity.verify.train_claim_stance import MAX_MINUTES

            pairs, history = training["pairs"], training["history"]
            lines += [
                "",
                "The cross-encoder (`veracity train claim-stance`, `verify/claim_stance.py`) reads"
                " claim and passage as one sequence, `[CLS] claim [SEP] passage [SEP]` (128"
                " tokens), through the shared int8 MiniLM (frozen: its ONNX graph is the pinned"
                " wheel), then one BERT layer started from MiniLM's top layer, a learned"
                " passage-side vector and a linear output over `[CLS]` and the token mean, fine-"
                "tuned with torch on one core and shipped as float16 numpy arrays (3.6 MB: only"
                " what changed over the base). Training pairs:"
                f" {pairs['climate_fever']} CLIMATE-FEVER (training claims),"
                f" {pairs['fnc1_windows']} FNC-1 windows and {pairs['derived']} derived denials /"
                f" negations / rewrites; {history['steps']} steps of 32"
                f" ({history['history'][-1]['epochs']:.1f} epochs) before its training time box"
                f" ({MAX_MINUTES:.0f} min of a {training['minutes']:.0f}-minute run, shared"
                " machine); the checkpoint with the best"
                f" validation score (mean of claim accuracy and macro-F1:"
                f" {max(h['validation'] for h in history['history']):.3f}) was kept, at"
                f" {history['best_epochs']} epochs. It refutes about as well as the shipped head"
                " (F1 refuted above) but tells related from unrelated passages worse, and loses"
                " on claim accuracy, so verdicts keep the head.",
            ]
        lines += [
            "",
            "The version-1 evidence head (before the denial work) reached claim accuracy"
            f" {PREVIOUS_SHIPPED['accuracy']:.3f} (macro-F1 {PREVIOUS_SHIPPED['macro_f1']:.3f}) on"
            " the same held-out claims; the CLIMATE-FEVER paper reports 38.8% for a FEVER-trained"
            " model. Claim-level verdicts read each claim's 5 annotated sentences, not retrieved ones."
            " (The 'Stance of short evidence passages' section, from bench/claims.py, still shows"
            " that version-1 head's figures.)",
            "",
        ]
    if "regression" in results:
        r = results["regression"]
        lines += [
            "Why the evidence-stance head fell from 0.567 to 0.505, and what version 3 changed"
            " (`.venv/bin/python bench/verify.py --only regression`: versions 1 and 2 run with the"
            f" code of the commits that shipped them, `{VERSIONS['version_1']}` and"
            f" `{VERSIONS['version_2']}`, version 3 with this checkout's; each head under the"
            " version-1 verdict rule, version 2's and its own, with this checkout's guards;"
            " held-out claim accuracy / macro-F1, and the held-out pairs each predicts agree /"
            " disagree / discuss; gold 397 / 128 / 1010):",
            "",
            "| head | version-1 rule | version-2 rule | own rule | predicted agree / disagree / discuss |",
            "|---|---|---|---|---|",
        ]
        for name, label in (
            ("version_1", "version 1 (CLIMATE-FEVER pairs, one stage)"),
            ("version_2", "version 2 (+ FNC-1 windows and derived pairs at full weight, cues)"),
            ("shipped", "version 3, shipped (shuffled folds, coverage, pair weight chosen)"),
        ):
            if f"{name}/predicted" not in r:
                continue
            old, new, own, predicted = (
                r[f"{name}/{k}"] for k in ("old_rule", "new_rule", "own_rule", "predicted")
            )
            lines.append(
                f"| {label} | {old['accuracy']:.3f} / {old['macro_f1']:.3f} |"
                f" {new['accuracy']:.3f} / {new['macro_f1']:.3f} |"
                f" {own['accuracy']:.3f} / {own['macro_f1']:.3f} |"
                f" {predicted['agree']} / {predicted['disagree']} / {predicted['discuss']} |"
            )
        lines += [
            "",
            "Version 2 lost the accuracy in its second stage. That stage is fitted on out-of-fold"
            " first-stage probabilities, and the folds were unshuffled while the pairs came"
            " grouped by source (CLIMATE-FEVER, then FNC-1 windows, then derived pairs): each"
            " CLIMATE-FEVER pair was scored by a first stage fitted mostly on news headlines and"
            " templates, so the second stage learned to distrust it and called most Wikipedia"
            " sentences that support or refute a claim implicitly 'discuss'. Version 3 (`veracity"
            " train evidence-stance`) draws the folds shuffled, adds what of the claim the"
            " passage leaves out (`COVERAGE_FEATURES`: claim words and names missing, best"
            " sentence coverage) and lets validation claims choose C and the weight of the FNC-1"
            " and derived pairs (0, 0.1 or 0.3); its card holds the whole validation grid. An"
            " earlier attempt, the head trained on CLIMATE-FEVER alone with the unshuffled folds"
            f" (commit bea3462's trainer), reached {CLIMATE_FEVER_ONLY['claim_accuracy']:.3f}"
            " but judged the convoy passages that say nothing of a drone 'supports' (issue's UN"
            f" example: {CLIMATE_FEVER_ONLY['convoy_verdict']}). The verdict now has a second"
            " guard for that (`verify/cues.lacks_names`): a passage that mentions at most half of"
            " the names a claim rests on (capitalised words past the first: 'UN', 'Aleppo', 'US',"
            " 'Hellfire') never counts as support; and the denial guard counts a denial as about"
            " the claim from 20% of the shorter side's content words (was 30%: the seed article's"
            " long Sputnik sentence shares 3 of its 15 with the Pentagon's denial). Both guards"
            " apply when the verdict rule is chosen on validation claims. (Under the version-1"
            " rule version 3 gets a higher held-out accuracy and a lower macro-F1, table above; the"
            " shipped rule"
            " is the one the validation claims chose: held-out figures choose nothing.)",
            "",
        ]
    if "denial_set" in results:
        r = results["denial_set"]
        n = r["claims"]
        lines += [
            f"Denial set (`tests/fixtures/denial_set.jsonl`, {n} hand-written claims, each with a"
            " confirming, a denying and an unrelated passage; includes the issue's Pentagon"
            ' "reports ... were false" and UN "no evidence that a US drone was involved" cases'
            " and the seed article's lead claim). Verdicts from the denying + unrelated passage,"
            " the confirming + unrelated passage, and the unrelated passage alone:",
            "",
            f"| system | denied claims judged supported (of {n}) | denying passages judged supports | confirmed claims supported | unrelated alone: not enough evidence | CPU ms per passage |",
            "|---|---|---|---|---|---|",
        ]
        for name, label in (
            ("shipped", "evidence-stance head + guards (shipped)"),
            ("head_without_guard", "evidence-stance head, no guards"),
            ("cross_encoder", "MiniLM cross-encoder + guard (not enabled)"),
            ("cross_encoder_without_guard", "MiniLM cross-encoder, no guard"),
            ("fnc1_model", "FNC-1 model, no guard"),
        ):
            m = r["systems"][name]
            lines.append(
                f"| {label} | {'**' if name == 'shipped' else ''}{m['denied_supported']}{'**' if name == 'shipped' else ''} |"
                f" {m['denying_passage_supports']} | {m['confirmed_supported']} |"
                f" {m['unrelated_not_enough_evidence']} | {m.get('cpu_ms_per_pair', '–')} |"
            )
        bare = r["systems"]["head_without_guard"]["denied_supported"]
        if bare:
            lines += [
                "",
                f"The shipped head leans on the guards: without them it supports {bare} of the"
                f" {n} denied claims (the validation claims gave the FNC-1 and derived pairs,"
                " which teach denials, little or no weight). The guards are part of every"
                " verdict (`verify/verdict.passage_stance`), not an option.",
            ]
        lines.append("")
    if "matching" in results:
        r = results["matching"]
        lines += [
            "Known-fact-check matching on the held-out paraphrase test (FNC-1 rewording + LIAR"
            f" re-checks as real paraphrases; {r['test_queries']} test queries, thresholds chosen"
            f" on {r['dev_queries']} dev queries; figures from `veracity factchecks build`, which"
            " reports the test part once; rows of `bench/claims.py`'s debunk table):",
            "",
            "| system | thresholds | precision (all) | recall (all) | real paraphrases P / R | false positives |",
            "|---|---|---|---|---|---|",
        ]
        for name, label in (
            (
                "reranked",
                "MinHash + re-ranked candidates (`verify/matcher.py`; measured, not enabled)",
            ),
            ("hybrid", "MinHash + cosine (shipped)"),
            ("dense_only", "cosine only"),
            ("minhash_only", "MinHash only"),
        ):
            if name not in r:
                continue
            m, t = r[name], r[name]["thresholds"]
            rule = (
                f"J {t['lexical_jaccard']:.2f}, p {t['match_probability']:.2f}"
                if t.get("match_probability") is not None
                else f"J {t['lexical_jaccard']:.2f}, cos {t['semantic_cosine']:.2f}"
            )
            lines.append(
                f"| {label} | {rule} | {m['all']['precision']:.3f} | {m['all']['recall']:.3f} |"
                f" {m['real_paraphrases']['precision']:.3f} / {m['real_paraphrases']['recall']:.3f} |"
                f" {m['all']['false_positives']} |"
            )
        lines.append("")
    if "deep_cost" in results:
        r = results["deep_cost"]
        lines += [
            "Deep-path cost per article (the seed article, models loaded, sentence embeddings"
            " already in the disk cache, median of 3, one process on a shared 2-core machine;"
            " a first-seen article also pays MiniLM for its sentences):",
            "",
            "| path | CPU s per article | wall s | claims |",
            "|---|---|---|---|",
            f"| deep | {r['deep']['cpu_s']:.2f} | {r['deep']['wall_s']:.2f} | {r['deep']['claims']} |",
            f"| deep + evidence index (4 documents) | {r['deep_with_index']['cpu_s']:.2f} |"
            f" {r['deep_with_index']['wall_s']:.2f} | {r['deep_with_index']['claims']} |",
            "",
            f"Verification adds about {r['verification_cpu_s_per_claim']} CPU s per verified claim"
            " (retrieval, stance of 5 passages, cues).",
            "",
        ]
        if "denial_set" in results:
            systems = results["denial_set"]["systems"]
            head, cross = (systems[n]["cpu_ms_per_pair"] for n in ("shipped", "cross_encoder"))
            claims = r["deep_with_index"]["claims"]
            lines += [
                f"Stance costs {head} CPU ms a passage with the shipped head (it reads the"
                " passage vectors cached when the index is built) and"
                f" {cross} ms with the cross-encoder (MiniLM over each claim / passage pair,"
                " nothing to cache per passage); enabled, the cross-encoder would add about"
                f" {(cross - head) * 5 * claims / 1000:.1f} CPU s to this article"
                f" ({claims} claims x 5 passages).",
                "",
            ]
    lines += _targets(results)
    lines.append(MARK_END)
    return "\n".join(lines)


def _targets(results: dict) -> list[str]:
    """Issue 16's targets, met or not, from the figures above."""
    lines = ["Targets (issue 16):", ""]
    if "denial_set" in results:
        shipped = results["denial_set"]["systems"]["shipped"]
        met = "met" if shipped["denied_supported"] == 0 else "NOT met"
        lines.append(
            f"- no denied claim judged supported: {shipped['denied_supported']} of"
            f" {results['denial_set']['claims']} ({met})."
        )
    if "climate_fever" in results:
        accuracy = results["climate_fever"]["claims"]["evidence_stance"]["accuracy"]
        held_out = results["climate_fever"]["held_out_claims"]
        above = accuracy > PREVIOUS_SHIPPED["accuracy"]
        lines.append(
            f"- CLIMATE-FEVER claim accuracy above {PREVIOUS_SHIPPED['accuracy']:.3f} and 0.388:"
            f" {accuracy:.3f} ({'met' if above else 'NOT met for the first'};"
            f" {'above' if accuracy > 0.388 else 'NOT above'} 0.388)."
            + (
                ""
                if above
                else f" {round(accuracy * held_out)} of {held_out} claims right, version 1:"
                f" {round(PREVIOUS_SHIPPED['accuracy'] * held_out)}. The cross-encoder reached"
                f" {results['climate_fever']['claims']['model']['accuracy']:.3f} (above)."
            )
        )
    if "matching" in results and "reranked" in results["matching"]:
        m = results["matching"]["reranked"]
        recall, precision = m["real_paraphrases"]["recall"], m["all"]["precision"]
        met = "met" if recall >= 0.8 and precision >= 0.97 else "NOT met"
        lines.append(
            f"- real-paraphrase recall >= 0.80 at precision >= 0.97: recall {recall:.3f} at"
            f" precision {precision:.3f} ({met}; the cosine rule:"
            f" {results['matching']['hybrid']['real_paraphrases']['recall']:.3f} at"
            f" {results['matching']['hybrid']['all']['precision']:.3f})."
        )
    lines.append("")
    return lines


def main() -> None:
    from veracity.settings import get_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument(
        "--only",
        choices=["climate_fever", "regression", "denial_set", "matching", "deep_cost"],
        action="append",
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
    }
    # With --out, parts not rerun keep their figures from the previous run's file.
    results = (
        json.loads(args.out.read_text(encoding="utf-8")) if args.out and args.out.exists() else {}
    )
    for name in args.only or parts:
        results[name] = parts[name]()
        print(f"{name}: {json.dumps(results[name])}", file=sys.stderr, flush=True)
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.write:
        write_section(section(results), MARK_START, MARK_END)


if __name__ == "__main__":
    main()
