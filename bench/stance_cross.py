"""Evidence stance: a claim / passage cross-encoder with MiniLM's top layers tuned (issue 16).

The candidates and the ship rule are those written before training in docs/benchmarks.md,
section 'Evidence stance: a cross-encoder with MiniLM's top layers tuned':

- (a) ``[CLS] claim [SEP] passage [SEP]`` through the shared int8 MiniLM up to the states after
  layer 3 of 6 (frozen), copies of MiniLM's layers 4-6 fine-tuned with torch over them
  (:func:`veracity.verify.train_claim_stance.fit_head`, in boxes that resume);
- (b) the shipped head's probabilities mixed with (a)'s, the share chosen on validation claims;
- (c) the head's agree / disagree factors chosen with the verdict rule, estimated in fold over
  the train + validation claims' out-of-fold probabilities.

Steps (each its own command, so the held-out claims are read only by the last):

- ``train [--box MINUTES]``: fit (a) on the training pairs (FNC-1 windows and derived pairs of
  the FNC-1 claim set's dev part left out), checkpoint chosen on the validation claims; the
  state and the best model under ``--work`` (default /tmp/stance50), resuming from there.
- ``select``: the validation comparison, (b), (c), the denial set and the FNC-1 claim set's
  dev part; writes ``select.json`` under ``--work``.
- ``held-out``: the 307 held-out claims, read once for every candidate and the shipped head,
  after ``select``; writes ``held_out.json``.
- ``--write``: the docs section from both.

Run: ``/work/notes/heavy --slot stance nice -n 10 .venv/bin/python bench/stance_cross.py train``
(45 minutes of one core in all), then ``select`` (about 15 CPU minutes), ``held-out``,
``--write``.
"""

from __future__ import annotations

import argparse
import ast
import json
import time
from collections import Counter
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from _docs import write_section  # bench/_docs.py
from stance_choice import shipped_out_of_fold_proba  # bench/stance_choice.py

REPO = Path(__file__).resolve().parents[1]
DENIAL_SET = REPO / "tests" / "fixtures" / "denial_set.jsonl"
MARK_START = "<!-- stance-cross:start -->"
MARK_END = "<!-- stance-cross:end -->"
WORK = Path("/tmp/stance50")
# (a): MiniLM's layers 4-6 (0-based 3-5) tuned over the frozen states after layer 3 (index 2).
LAYERS = 3
INPUT_LAYER = 2
LAYER_LR = 5e-5
MAX_MINUTES = 45.0
EPOCHS = 4
MIX_SHARES = (0.25, 0.5, 0.75)  # (b): the head's share


@lru_cache(maxsize=1)
def sources(data_dir: Path) -> tuple[Any, Any, Any, Any]:
    """:func:`~veracity.verify.train_evidence_stance.training_sources`, drawn once a process."""
    from veracity.verify.train_evidence_stance import training_sources

    return training_sources(data_dir)


def _data_dir() -> Path:
    from veracity.settings import get_settings

    return get_settings().data_dir


def fnc_dev_texts(data_dir: Path) -> tuple[set[str], set[str]]:
    """The headlines and body passages of the FNC-1 claim set's dev part (a selection set:
    nothing of it trains (a))."""
    from veracity.verify.fnc_claims import fnc_story_pairs
    from veracity.verify.index import split_passages

    pairs = fnc_story_pairs(data_dir)
    dev = pairs[pairs["part"] == "dev"]
    headlines = set(dev["headline"])
    windows = {
        p.text for body in dev.drop_duplicates("body_id")["body"] for p in split_passages("", body)
    }
    return headlines, windows


def training_parts(data_dir: Path) -> dict:
    """:func:`~veracity.verify.train_claim_stance.build_pairs` without the FNC-1 windows and
    derived pairs of the FNC-1 claim set's dev headlines or bodies."""
    from veracity.verify.train_claim_stance import build_pairs

    parts = build_pairs(data_dir)
    headlines, windows = fnc_dev_texts(data_dir)
    climate, fnc, derived = parts["sources"]

    def keep(part: tuple, rows: list[bool]) -> tuple:
        return tuple([x for x, k in zip(column, rows, strict=True) if k] for column in part)

    fnc = keep(
        fnc, [h not in headlines and w not in windows for h, w in zip(*fnc[:2], strict=True)]
    )
    derived = keep(derived, [c not in headlines for c in derived[0]])
    parts["sources"] = (climate, fnc, derived)
    parts["train"] = tuple(a + b + c for a, b, c in zip(climate, fnc, derived, strict=True))
    parts["kept"] = {"fnc_windows": len(fnc[0]), "derived": len(derived[0])}
    return parts


def train(
    work: Path, box: float | None, epochs: int = EPOCHS, max_minutes: float = MAX_MINUTES
) -> None:
    import joblib

    from veracity.verify.train_claim_stance import (
        fit_head,
        pair_states,
        proba_of,
        validation_score,
    )
    from veracity.verify.train_evidence_stance import choose_rule

    started = time.monotonic()
    data_dir = _data_dir()
    parts = training_parts(data_dir)
    train_claims, validation, _ = parts["claims"]
    train_pairs, validation_pairs = parts["train"], parts["validation"]
    print(
        f"pairs: train {len(train_pairs[0])} ({Counter(train_pairs[2])}), validation"
        f" {len(validation_pairs[0])}; kept of the FNC-1 and derived pairs {parts['kept']}",
        flush=True,
    )
    cache = work / "states"
    train_states = pair_states(list(train_pairs[0]), list(train_pairs[1]), cache, INPUT_LAYER)
    validation_states = pair_states(
        list(validation_pairs[0]), list(validation_pairs[1]), cache, INPUT_LAYER
    )
    print(f"states ready after {time.monotonic() - started:.0f} s", flush=True)
    n_validation = sum(label != "unrelated" for label in validation_pairs[2])

    model, run = fit_head(
        train_states,
        list(train_pairs[2]),
        lambda model: validation_score(model, validation, validation_states, n_validation),
        layers=LAYERS,
        epochs=epochs,
        max_minutes=max_minutes,
        input_layer=INPUT_LAYER,
        layer_lr=LAYER_LR,
        state_path=work / "state.pt",
        box_minutes=box,
        log=lambda line: print(line, flush=True),
    )
    proba = proba_of(model, validation_states)
    rule, scores = choose_rule(validation, proba[:n_validation])
    model.verdict_rule_ = rule
    joblib.dump(model, work / "cross.joblib")
    np.save(work / "cross_validation.npy", proba)
    (work / "train.json").write_text(
        json.dumps(
            {
                "run": run.model_dump(),
                "validation": scores,
                "rule": asdict(rule),
                "pairs": dict(Counter(train_pairs[2])),
                "train_claims": len(train_claims),
                "seconds": round(time.monotonic() - started),
            },
            indent=1,
        )
    )
    print(f"kept epoch {run.best_epochs}: validation {scores}, rule {rule}", flush=True)


def from_saved_state(work: Path, data_dir: Path) -> None:
    """What ``train`` writes at its end, from the state its last checkpoint saved (a box cut
    short after a checkpoint): the best checkpoint yet, its rule and validation probabilities
    (the validation pairs' states read from the cache ``train`` filled)."""
    import joblib
    import torch

    from veracity.verify.claim_stance import ClaimStanceModel
    from veracity.verify.train_claim_stance import pair_states, proba_of
    from veracity.verify.train_evidence_stance import (
        SPLIT_SEED,
        choose_rule,
        pairs_of,
    )

    saved = torch.load(work / "state.pt", weights_only=False)
    score, weights, input_layer, epochs = saved["best"]
    model = ClaimStanceModel(weights, saved["layers"], input_layer_=input_layer)
    (train_claims, validation, _), pools, _, _ = sources(data_dir)
    texts, passages, labels = pairs_of(validation, seed=SPLIT_SEED + 2, off_topic=pools[1])
    states = pair_states(texts, passages, work / "states", input_layer)
    proba = proba_of(model, states)
    n = sum(label != "unrelated" for label in labels)
    rule, scores = choose_rule(validation, proba[:n])
    model.verdict_rule_ = rule
    joblib.dump(model, work / "cross.joblib")
    np.save(work / "cross_validation.npy", proba)
    run = saved["run"]
    # the training pairs by label, as the train step's log (``train.log`` beside the state) says
    logged = (work / "train.log").read_text(encoding="utf-8").splitlines()[0]
    pairs = ast.literal_eval(logged[logged.index("Counter(") + 8 : logged.index(")")])
    (work / "train.json").write_text(
        json.dumps(
            {
                "run": {
                    "history": run["history"],
                    "best_epochs": epochs,
                    "steps": run["step"],
                    "stopped_by_time": True,
                    "minutes": round(run["minutes"], 1),
                    "cut_after_checkpoint": True,
                },
                "validation": scores,
                "rule": asdict(rule),
                "pairs": pairs,
                "train_claims": len(train_claims),
            },
            indent=1,
        )
    )
    print(f"from the saved state: epoch {epochs}, validation {score:.4f} -> {scores}", flush=True)


class Proba:
    """A stance predictor for the product's verdict code: ``predict_proba`` and the verdict
    rule to weigh it by (stands in for the shipped head where a bench patches it in)."""

    def __init__(self, predict, verdict_rule_) -> None:
        self._predict = predict
        self.verdict_rule_ = verdict_rule_

    def predict_proba(self, claims, passages) -> np.ndarray:
        return self._predict(list(claims), list(passages))


def patched_head(predictor: Proba):
    """The product's evidence-stance loader answering ``predictor`` (a context manager)."""
    from unittest import mock

    return mock.patch(
        "veracity.verify.evidence_stance.load_evidence_stance_model", return_value=predictor
    )


def head_out_of_fold(
    data_dir: Path, saved: Path | None = None
) -> tuple[list[dict], np.ndarray, int]:
    """The train + validation claims, the shipped head's out-of-fold probabilities of their
    evidence rows (``bench/stance_choice.py``'s; read from ``saved`` where an earlier
    ``select`` left them: the same head, folds and rows, 20 minutes of fitting on a loaded
    machine) and how many of those rows are the train claims' (the validation claims'
    follow)."""
    (train, validation, _), pools, extras, _ = sources(data_dir)
    n_rows = sum(len(claim["evidences"]) for claim in train + validation)
    if saved is not None and saved.exists() and len(proba := np.load(saved)) == n_rows:
        return train + validation, proba, sum(len(claim["evidences"]) for claim in train)
    proba = shipped_out_of_fold_proba(train, validation, pools, extras)
    return train + validation, proba, sum(len(claim["evidences"]) for claim in train)


def _figures(claims: list[dict], verdicts: list[str]) -> dict[str, Any]:
    from veracity.verify.train_evidence_stance import CLAIM_VERDICT, VerdictMetrics

    gold = [CLAIM_VERDICT[claim["claim_label"]] for claim in claims]
    scores = VerdictMetrics.of(gold, verdicts)
    return {
        "accuracy": round(scores.accuracy, 4),
        "macro_f1": round(scores.macro_f1, 4),
        "f1": {k: round(v, 4) for k, v in scores.f1.items()},
        "right": sum(a == b for a, b in zip(gold, verdicts, strict=True)),
        "claims": len(claims),
    }


def discuss_share(claims: list[dict], proba: np.ndarray) -> dict[str, float]:
    """The share of supporting and of refuting evidence sentences the predictor reads
    "discuss" (argmax), and of refuting ones it reads "disagree"."""
    from veracity.verify.stance import STANCE_LABELS

    gold = [e["evidence_label"] for claim in claims for e in claim["evidences"]]
    read = [STANCE_LABELS[int(i)] for i in np.argmax(proba, axis=1)]
    sided = [r for g, r in zip(gold, read, strict=True) if g in ("SUPPORTS", "REFUTES")]
    refuting = [r for g, r in zip(gold, read, strict=True) if g == "REFUTES"]
    return {
        "sided_read_discuss": round(sided.count("discuss") / max(len(sided), 1), 4),
        "refuting_read_disagree": round(refuting.count("disagree") / max(len(refuting), 1), 4),
        "sided": len(sided),
        "refuting": len(refuting),
    }


def in_fold_scale(claims: list[dict], proba: np.ndarray) -> dict[str, list[str]]:
    """(c): verdicts of each claim under the rule alone and under factors + rule, each chosen
    on the other four folds' claims (the shipped head's out-of-fold probabilities)."""
    from itertools import product

    from veracity.verify.train_evidence_stance import (
        CHOICE_FOLDS,
        CLAIM_VERDICT,
        NO_SCALE,
        RULE_GRID,
        SCALE_GRID,
        VerdictMetrics,
        claim_folds,
        judged_claims,
        scale_tuple,
    )
    from veracity.verify.verdict import VerdictRule, aggregate

    gold = [CLAIM_VERDICT[claim["claim_label"]] for claim in claims]
    fold = claim_folds(len(claims))
    scales = [
        {**NO_SCALE, "agree": a, "disagree": d}
        for a, d in product(SCALE_GRID["agree"], SCALE_GRID["disagree"])
    ]
    rules = [
        VerdictRule(min_relevance=r, min_strength=s, dominance=d)
        for r, s, d in product(*RULE_GRID.values())
    ]
    # verdicts[scale][rule] = each claim's verdict
    verdicts = []
    for scale in scales:
        judged = judged_claims(claims, proba, scale_tuple(scale))
        verdicts.append([[aggregate(p, rule).label for p in judged] for rule in rules])
    out: dict[str, list[str]] = {
        "rule_alone": [""] * len(claims),
        "scale_and_rule": [""] * len(claims),
    }
    for k in range(CHOICE_FOLDS):
        inside = [i for i in range(len(claims)) if fold[i] != k]
        outside = [i for i in range(len(claims)) if fold[i] == k]

        def value(s: int, r: int, inside=inside) -> float:
            scores = VerdictMetrics.of(
                [gold[i] for i in inside], [verdicts[s][r][i] for i in inside]
            )
            return (scores.accuracy + scores.macro_f1) / 2

        best_rule = max(range(len(rules)), key=lambda r: (value(0, r), -r))
        best = max(
            ((s, r) for s in range(len(scales)) for r in range(len(rules))),
            key=lambda sr: (value(*sr), -sr[0], -sr[1]),
        )
        for i in outside:
            out["rule_alone"][i] = verdicts[0][best_rule][i]
            out["scale_and_rule"][i] = verdicts[best[0]][best[1]][i]
        scale, rule = scales[best[0]], rules[best[1]]
        out.setdefault("chosen", []).append(
            f"agree x{scale['agree']:g} / disagree x{scale['disagree']:g}, relevance"
            f" {rule.min_relevance} / strength {rule.min_strength} / dominance {rule.dominance}"
        )
    return out


def denial_counts(predictor: Proba) -> dict[str, int]:
    """The denial set judged by ``predictor`` under its rule with the shipped guards and
    margins (:func:`~veracity.verify.verdict.shipped_rule`)."""
    from veracity.verify.index import Hit, Passage
    from veracity.verify.verdict import aggregate, judge_passages

    cases = [json.loads(line) for line in DENIAL_SET.read_text(encoding="utf-8").splitlines()]

    def verdict(claim: str, *passages: str) -> str:
        hits = [Hit(Passage(i, f"doc-{i}", t), 0.03, 1, 1) for i, t in enumerate(passages)]
        with patched_head(predictor):
            return aggregate(judge_passages(claim, hits)).label

    return {
        "denied_supported": sum(
            verdict(c["claim"], c["denying"], c["unrelated"]) == "supported" for c in cases
        ),
        "confirmed_supported": sum(
            verdict(c["claim"], c["confirming"], c["unrelated"]) == "supported" for c in cases
        ),
        "unrelated_not_enough_evidence": sum(
            verdict(c["claim"], c["unrelated"]) == "not_enough_evidence" for c in cases
        ),
        "claims": len(cases),
    }


def fnc_dev(
    systems: dict[str, tuple[dict[str, float], Any]], rules: dict[str, Any], data_dir: Path
) -> dict[str, dict]:
    """Each system's verdicts on the FNC-1 claim set's dev part, as ``bench/verify.py --only
    fnc1_claims`` reads them (5 passages retrieved from the body, the shipped document rule over
    out-of-fold document-stance probabilities), with the inversions counted. ``systems``: name
    -> (weights of the base predictors' probabilities, the base predictors by name: each a
    ``predict_proba``, run once over the passages); ``rules``: each system's verdict rule."""
    from veracity.verify.document_stance import load_document_stance
    from veracity.verify.fnc_claims import fnc_claim_passages, fnc_claim_scores, fnc_claim_set
    from veracity.verify.train_document_stance import (
        dev_pairs,
        document_rule_verdicts,
        out_of_fold_proba,
    )

    cases = fnc_claim_set(data_dir)["dev"]
    passages = fnc_claim_passages(cases, k=5)
    document_proba = out_of_fold_proba(dev_pairs(data_dir), cases)
    rule = load_document_stance().rule_
    claims = [c["claim"] for c, texts in zip(cases, passages, strict=True) for _ in texts]
    texts = [text for group in passages for text in group]
    base: dict[str, np.ndarray] = {}
    out = {}
    for name, (weights, predictors) in systems.items():
        for key in weights:
            if key not in base:
                base[key] = predictors[key](claims, texts)
        proba = sum(w * base[key] for key, w in weights.items())
        with patched_head(Proba(None, rules[name])):
            verdicts = document_rule_verdicts(cases, passages, proba, document_proba, rule)
        scores = fnc_claim_scores(cases, verdicts)
        inverted = sum(
            (c["gold"], v) in (("supported", "refuted"), ("refuted", "supported"))
            for c, v in zip(cases, verdicts, strict=True)
        )
        out[name] = {
            "accuracy": round(scores["accuracy"], 4),
            "macro_f1": round(scores["macro_f1"], 4),
            "inverted": inverted,
            "by_stance": scores["by_stance"],
            "cases": len(cases),
        }
        print(name, out[name]["accuracy"], inverted, flush=True)
    return out


def select(work: Path) -> None:
    import joblib

    from veracity.verify.evidence_stance import load_evidence_stance_model
    from veracity.verify.train_evidence_stance import choose_rule, claim_verdicts
    from veracity.verify.verdict import VerdictRule

    started = time.monotonic()
    data_dir = _data_dir()
    if not (work / "cross.joblib").exists():
        from_saved_state(work, data_dir)
    cross = joblib.load(work / "cross.joblib")
    claims, oof, n_train_rows = head_out_of_fold(data_dir, work / "head_oof.npy")
    print(f"out-of-fold head ready after {time.monotonic() - started:.0f} s", flush=True)
    validation = claims[len(claims) - _validation_count(data_dir) :]
    head_val = oof[n_train_rows:]
    cross_val = np.load(work / "cross_validation.npy")[: len(head_val)]
    systems: dict[str, np.ndarray] = {"shipped_head": head_val, "cross": cross_val}
    for share in MIX_SHARES:
        systems[f"mix_{share}"] = share * head_val + (1 - share) * cross_val
    chosen: dict[str, Any] = {}
    for name, proba in systems.items():
        rule, _ = choose_rule(validation, proba)
        chosen[name] = {
            "rule": asdict(rule),
            **_figures(validation, claim_verdicts(validation, proba, rule)),
            "discuss": discuss_share(validation, proba),
        }
        print(name, chosen[name]["accuracy"], chosen[name]["macro_f1"], flush=True)
    mixes = [f"mix_{share}" for share in MIX_SHARES]
    best_mix = max(mixes, key=lambda m: chosen[m]["accuracy"] + chosen[m]["macro_f1"])
    np.save(work / "head_oof.npy", oof)
    head = load_evidence_stance_model()

    def mix_predict(claims_: list[str], passages: list[str], share: float) -> np.ndarray:
        return share * head.predict_proba(claims_, passages) + (1 - share) * cross.predict_proba(
            claims_, passages
        )

    share = float(best_mix.split("_")[1])
    predictors = {
        "shipped_head": Proba(head.predict_proba, head.verdict_rule_),
        "cross": Proba(cross.predict_proba, VerdictRule(**chosen["cross"]["rule"])),
        best_mix: Proba(
            lambda c, p: mix_predict(c, p, share), VerdictRule(**chosen[best_mix]["rule"])
        ),
    }
    denial = {name: denial_counts(p) for name, p in predictors.items()}
    print("denial", denial, flush=True)
    # FNC-1 dev for the candidates that pass the validation criterion, beside the shipped head.
    base = {"shipped_head": head.predict_proba, "cross": cross.predict_proba}
    weights = {
        "shipped_head": {"shipped_head": 1.0},
        "cross": {"cross": 1.0},
        best_mix: {"shipped_head": share, "cross": 1 - share},
    }
    passing = [
        name
        for name in ("cross", best_mix)
        if chosen[name]["accuracy"] > chosen["shipped_head"]["accuracy"]
        and chosen[name]["macro_f1"] > chosen["shipped_head"]["macro_f1"]
    ]
    fnc = (
        fnc_dev(
            {name: (weights[name], base) for name in ["shipped_head", *passing]},
            {name: predictors[name].verdict_rule_ for name in predictors},
            data_dir,
        )
        if passing
        else {}
    )
    cost = passage_cost({"shipped_head": head.predict_proba, "cross": cross.predict_proba})
    print("cost", cost, flush=True)
    sample = disagreements(validation, head_val, cross_val)
    (work / "sample.json").write_text(json.dumps(sample, indent=1))
    result = {
        "cost_ms_per_passage": cost,
        "validation": chosen,
        "best_mix": best_mix,
        "denial_set": denial,
        "passing_validation": passing,
        "fnc1_dev": fnc,
        "train": json.loads((work / "train.json").read_text()),
        "seconds": round(time.monotonic() - started),
    }
    (work / "select.json").write_text(json.dumps(result, indent=1))


def passage_cost(predictors: dict[str, Any], n: int = 200) -> dict[str, float]:
    """CPU ms per passage of each predictor on ``n`` CLIMATE-FEVER evidence sentences of
    training claims (models loaded and warmed first; one process, one thread)."""
    from veracity.data.climate_fever import load_climate_fever

    claims = load_climate_fever(_data_dir())
    # A fresh mark on each passage: no embedding cached from an earlier run (a first-seen
    # passage pays the encoder, as on the deep path).
    mark = f"{time.time_ns()}"
    pairs = [
        (c["claim"], f"{e['evidence']} ({mark}-{i})")
        for i, (c, e) in enumerate((c, e) for c in claims for e in c["evidences"])
    ][: n + 10]
    out = {}
    for name, predict in predictors.items():
        predict([a for a, _ in pairs[n:]], [b for _, b in pairs[n:]])  # warm
        start = time.process_time()
        predict([a for a, _ in pairs[:n]], [b for _, b in pairs[:n]])
        out[name] = round(1000 * (time.process_time() - start) / n, 2)
    return out


def disagreements(claims: list[dict], head: np.ndarray, cross: np.ndarray) -> list[dict]:
    """The validation evidence sentences the two predictors read differently (argmax), with the
    gold label: what each reads right and wrong, for reading by hand."""
    from veracity.verify.stance import STANCE_LABELS
    from veracity.verify.train_evidence_stance import EVIDENCE_STANCE

    rows = [
        (c["claim"], e["evidence"], e["evidence_label"]) for c in claims for e in c["evidences"]
    ]
    out = []
    for (claim, passage, gold), h, x in zip(rows, head, cross, strict=True):
        read_h, read_x = STANCE_LABELS[int(np.argmax(h))], STANCE_LABELS[int(np.argmax(x))]
        if read_h != read_x:
            out.append(
                {
                    "claim": claim,
                    "passage": passage,
                    "gold": EVIDENCE_STANCE[gold],
                    "head": read_h,
                    "cross": read_x,
                }
            )
    return out


def held_out(work: Path) -> None:
    """The held-out claims, once: every candidate and the shipped head (its card's rule, and
    the rule chosen on the validation claims' out-of-fold probabilities)."""
    import joblib

    from veracity.verify.evidence_stance import load_evidence_stance_model
    from veracity.verify.stance import StanceModel
    from veracity.verify.train_evidence_stance import (
        SPLIT_SEED,
        PairMetrics,
        claim_verdicts,
        pairs_of,
    )
    from veracity.verify.verdict import VerdictRule

    marker = work / "held_out.json"
    if marker.exists():
        raise SystemExit(f"{marker} exists: the held-out claims were read already")
    chosen = json.loads((work / "select.json").read_text())
    data_dir = _data_dir()
    (_, _, claims), pools, _, _ = sources(data_dir)
    texts, passages, labels = pairs_of(claims, seed=SPLIT_SEED + 1, off_topic=pools[2])
    n = sum(len(c["evidences"]) for c in claims)
    head = load_evidence_stance_model()
    cross = joblib.load(work / "cross.joblib")
    head_proba = head.predict_proba(texts, passages)
    cross_proba = cross.predict_proba(texts, passages)
    share = float(chosen["best_mix"].split("_")[1])
    validation = chosen["validation"]
    systems = {
        "shipped_head_card_rule": (head_proba, head.verdict_rule_),
        "shipped_head": (head_proba, VerdictRule(**validation["shipped_head"]["rule"])),
        "cross": (cross_proba, VerdictRule(**validation["cross"]["rule"])),
        chosen["best_mix"]: (
            share * head_proba + (1 - share) * cross_proba,
            VerdictRule(**validation[chosen["best_mix"]]["rule"]),
        ),
    }
    gold = np.asarray(labels)
    out: dict[str, Any] = {}
    for name, (proba, rule) in systems.items():
        pairs = PairMetrics.of(gold, StanceModel.labels_from_proba(proba))
        out[name] = {
            **_figures(claims, claim_verdicts(claims, proba[:n], rule)),
            "pair_accuracy": round(pairs.accuracy_labelled, 4),
            "pair_macro_f1": round(pairs.macro_f1_labelled, 4),
            "discuss": discuss_share(claims, proba[:n]),
        }
        print(name, out[name]["accuracy"], out[name]["macro_f1"], flush=True)
    marker.write_text(json.dumps({"claims": len(claims), "systems": out}, indent=1))


def _row(name: str, f: dict[str, Any]) -> str:
    f1 = f["f1"]
    return (
        f"| {name} | {f['accuracy']:.3f} | {f['macro_f1']:.3f} | {f1['supported']:.3f} |"
        f" {f1['refuted']:.3f} | {f1['disputed']:.3f} | {f1['not_enough_evidence']:.3f} |"
    )


NAMES = {
    "shipped_head": "evidence-stance head version 3 (shipped), out of fold",
    "cross": "(a) cross-encoder, MiniLM layers 4-6 tuned",
    "shipped_head_card_rule": "evidence-stance head version 3 (shipped)",
}


def _name(key: str) -> str:
    if key.startswith("mix_"):
        return f"(b) head x {key.split('_')[1]} + cross-encoder x {1 - float(key.split('_')[1]):g}"
    return NAMES[key]


def results(work: Path) -> str:
    """The 'Results' part of the section, from ``select.json`` (and ``held_out.json`` once
    read)."""
    s = json.loads((work / "select.json").read_text())
    run = s["train"]["run"]
    v = s["validation"]
    head = v["shipped_head"]
    lines = [
        "Results (`/work/notes/heavy --slot stance nice -n 10 .venv/bin/python"
        " bench/stance_cross.py train`, then `select`, `scale`"
        + (", `held-out`" if (work / "held_out.json").exists() else "")
        + ", `--write --verdict TEXT`; work folder /tmp/stance50):",
        "",
        f"Training (a): {sum(s['train']['pairs'].values())} pairs ({s['train']['pairs']}),"
        f" {run['steps']} steps of 32 ({run['steps'] * 32 / sum(s['train']['pairs'].values()):.2f}"
        " epochs)"
        + (
            f", the box cut after its first checkpoint ({run['minutes']} wall minutes of the"
            f" {MAX_MINUTES:.0f}; the run's state is kept and resumes)"
            if run.get("cut_after_checkpoint")
            else f" in the {MAX_MINUTES:.0f}-minute box"
        )
        + f"; checkpoint kept at {run['best_epochs']} epochs; validation score (mean of claim"
        f" accuracy and macro-F1) by checkpoint: {', '.join(str(h['validation']) for h in run['history'])}.",
        "",
        f"Validation claims ({head['claims']}), each under its own rule chosen there:",
        "",
        "| system | claim accuracy | claim macro-F1 | F1 supported | F1 refuted | F1 disputed |"
        " F1 not enough evidence |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, figures in v.items():
        lines.append(_row(_name(key), figures))
    lines += [
        "",
        'Evidence sentences read "discuss" among the supporting or refuting ones / refuting'
        ' ones read "disagree" (validation): '
        + "; ".join(
            f"{_name(k)} {f['discuss']['sided_read_discuss']:.0%} /"
            f" {f['discuss']['refuting_read_disagree']:.0%}"
            for k, f in v.items()
        )
        + ".",
        "",
    ]
    scale_file = work / "scale.json"
    if scale_file.exists():
        c = json.loads(scale_file.read_text())
        lines += [
            "(c) factors on the head's agree / disagree probabilities, chosen with the rule on"
            f" four folds and applied to the fifth, over {c['rule_alone']['claims']} claims:"
            f" accuracy / macro-F1 {c['rule_alone']['accuracy']:.3f} /"
            f" {c['rule_alone']['macro_f1']:.3f} (rule alone) ->"
            f" {c['scale_and_rule']['accuracy']:.3f} / {c['scale_and_rule']['macro_f1']:.3f}"
            f" (factors + rule); chosen in the five folds: {'; '.join(c['chosen'])}.",
            "",
        ]
    else:
        lines += [
            "(c): not measured in this session: its run (`bench/stance_cross.py scale`) had not"
            " finished at the deadline on the shared machine.",
            "",
        ]
    lines += [
        "Guards (each system under its validation rule with the shipped margins; the shipped"
        " head under its card's rule):",
        "",
        "| system | denial set: denied supported | confirmed supported | unrelated alone not"
        " enough evidence | FNC-1 dev accuracy | FNC-1 dev macro-F1 | FNC-1 dev inversions |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, d in s["denial_set"].items():
        f = s["fnc1_dev"].get(key)
        fnc = (
            f"{f['accuracy']:.3f} | {f['macro_f1']:.3f} | {f['inverted']}"
            if f
            else "not run (no candidate passes on validation) | |"
        )
        lines.append(
            f"| {_name(key if key != 'shipped_head' else 'shipped_head_card_rule')} | {d['denied_supported']} | {d['confirmed_supported']} |"
            f" {d['unrelated_not_enough_evidence']} | {fnc} |"
        )
    cost = s["cost_ms_per_passage"]
    lines += [
        "",
        "CPU ms per passage (200 evidence sentences, models warm, one thread): "
        + ", ".join(
            f"{_name(k if k != 'shipped_head' else 'shipped_head_card_rule')} {ms}"
            for k, ms in cost.items()
        )
        + ".",
    ]
    held = work / "held_out.json"
    if held.exists():
        h = json.loads(held.read_text())
        lines += [
            "",
            f"Held-out claims ({h['claims']}), read once after the choice (they choose nothing):",
            "",
            "| system | pair accuracy | pair macro-F1 | claim accuracy | claim macro-F1 |"
            " F1 supported | F1 refuted | F1 disputed | F1 not enough evidence |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for key, f in h["systems"].items():
            row = _row(_name(key), f).split(" | ", 1)
            lines.append(
                f"{row[0]} | {f['pair_accuracy']:.3f} | {f['pair_macro_f1']:.3f} | {row[1]}"
            )
    return "\n".join(lines)


def write(work: Path, verdict: str) -> None:
    """Replace the section's results (after its 'Results' line) with :func:`results` and
    ``verdict`` (the ship decision in words)."""
    from _docs import BENCHMARKS

    text = BENCHMARKS.read_text(encoding="utf-8")
    start, end = text.index(MARK_START), text.index(MARK_END)
    section = text[start:end]
    head = section[: section.index("Results")]
    write_section(head + results(work) + "\n\n" + verdict + "\n" + MARK_END, MARK_START, MARK_END)


def scale(work: Path) -> None:
    """(c) over the train + validation claims, from the head's out-of-fold probabilities
    ``select`` saved."""
    (train, validation, _), _, _, _ = sources(_data_dir())
    claims = train + validation
    oof = np.load(work / "head_oof.npy")
    verdicts = in_fold_scale(claims, oof)
    figures = {
        "rule_alone": _figures(claims, verdicts["rule_alone"]),
        "scale_and_rule": _figures(claims, verdicts["scale_and_rule"]),
        "chosen": verdicts["chosen"],
    }
    print(figures, flush=True)
    (work / "scale.json").write_text(json.dumps(figures, indent=1))


def _validation_count(data_dir: Path) -> int:
    return len(sources(data_dir)[0][1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", nargs="?", choices=("train", "select", "scale", "held-out"))
    parser.add_argument("--work", type=Path, default=WORK)
    parser.add_argument("--box", type=float, default=None, help="minutes of this box")
    parser.add_argument(
        "--epochs", type=int, default=EPOCHS, help="train: stop after this many epochs"
    )
    parser.add_argument(
        "--minutes", type=float, default=MAX_MINUTES, help="train: the run's wall minutes in all"
    )
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--verdict", default="", help="the ship decision, in words (--write)")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    if args.step == "train":
        train(args.work, args.box, args.epochs, args.minutes)
    elif args.step == "select":
        select(args.work)
    elif args.step == "scale":
        scale(args.work)
    elif args.step == "held-out":
        held_out(args.work)
    if args.write:
        write(args.work, args.verdict)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
