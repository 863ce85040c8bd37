"""Train and evaluate the evidence-sentence stance head on CLIMATE-FEVER, split by claim.

CLIMATE-FEVER has 1,535 claims, each with 5 Wikipedia evidence sentences labelled SUPPORTS /
REFUTES / NOT_ENOUGH_INFO (-> agree / disagree / discuss). ``unrelated`` pairs are made by
pairing each claim with an evidence sentence of another claim of the same part and with a LIAR
statement off the climate topic. Claims are
split 80/20 into train and held-out (no claim in both); the regularisation strength is chosen
on a validation part of the training claims (pair macro-F1, then claim-level verdict accuracy). Figures on the held-out claims, each beside the
majority class and the FNC-1 model, from the same run: per-pair F1 and the claim-level verdict.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

from veracity.artefacts import Card, data_manifest
from veracity.data.climate_fever import CLIMATE_FEVER, load_climate_fever
from veracity.report.schema import EvidencePassage
from veracity.verify.evidence_stance import (
    EVIDENCE_STANCE_SPEC,
    LEXICAL_FEATURES,
    SHORT_PASSAGE_WORDS,
    EvidenceStanceModel,
    pair_features,
)
from veracity.verify.stance import STANCE_LABELS

HELD_OUT_FRACTION = 0.2
VALIDATION_FRACTION = 0.2
SPLIT_SEED = 17
C_GRID = (0.00003, 0.0001, 0.0003, 0.001, 0.003)
EVIDENCE_STANCE = {"SUPPORTS": "agree", "REFUTES": "disagree", "NOT_ENOUGH_INFO": "discuss"}
CLAIM_VERDICT = {
    "SUPPORTS": "supported",
    "REFUTES": "refuted",
    "DISPUTED": "disputed",
    "NOT_ENOUGH_INFO": "not_enough_evidence",
}
VERDICTS = ("supported", "refuted", "disputed", "not_enough_evidence")
CLIMATE_WORDS = frozenset(
    [
        "climate",
        "warming",
        "carbon",
        "co2",
        "emissions",
        "greenhouse",
        "temperature",
        "temperatures",
        "ice",
        "sea",
        "energy",
        "coal",
        "solar",
        "wind",
        "fossil",
    ]
)


def split_claims(claims: list[dict]) -> tuple[list[dict], list[dict], list[dict]]:
    """(train, validation, held-out) claims; no claim id in two parts."""
    ids = sorted({str(c["claim_id"]) for c in claims})
    rng = random.Random(SPLIT_SEED)
    rng.shuffle(ids)
    n_held_out = int(len(ids) * HELD_OUT_FRACTION)
    held_out = set(ids[:n_held_out])
    validation = set(ids[n_held_out : n_held_out + int(len(ids) * VALIDATION_FRACTION)])

    def part(chosen: set[str]) -> list[dict]:
        return [c for c in claims if str(c["claim_id"]) in chosen]

    train = set(ids) - held_out - validation
    return part(train), part(validation), part(held_out)


def off_topic_sentences(data_dir: Path) -> list[str]:
    """LIAR statements (politics, not climate): unrelated passages from outside the topic."""
    from veracity.data.liar import load_liar

    return [
        r.text
        for r in load_liar(data_dir / "liar")
        if r.text and not CLIMATE_WORDS.intersection(r.text.lower().split())
    ]


def pairs_of(
    claims: list[dict], *, seed: int, off_topic: list[str] | None = None
) -> tuple[list[str], list[str], list[str]]:
    """(claims, passages, labels): the labelled evidence plus unrelated passages per claim.

    Unrelated: a sentence of another claim (same topic, other subject) and, when ``off_topic``
    is given, one of those texts (another topic altogether).
    """
    rng = random.Random(seed)
    texts, passages, labels = [], [], []
    for claim in claims:
        for evidence in claim["evidences"]:
            texts.append(claim["claim"])
            passages.append(evidence["evidence"])
            labels.append(EVIDENCE_STANCE[evidence["evidence_label"]])
    for claim in claims:
        other = rng.choice(claims)
        while other is claim and len(claims) > 1:
            other = rng.choice(claims)
        texts.append(claim["claim"])
        passages.append(rng.choice(other["evidences"])["evidence"])
        labels.append("unrelated")
        if off_topic:
            texts.append(claim["claim"])
            passages.append(rng.choice(off_topic))
            labels.append("unrelated")
    return texts, passages, labels


def pair_metrics(gold: np.ndarray, predicted: np.ndarray) -> dict[str, object]:
    """Accuracy, per-class F1 and macro-F1 over CLIMATE-FEVER's three classes (and unrelated)."""
    labelled = gold != "unrelated"
    three = ["agree", "disagree", "discuss"]
    per_class = f1_score(gold, predicted, labels=list(STANCE_LABELS), average=None, zero_division=0)
    return {
        "accuracy_labelled": round(float(np.mean(gold[labelled] == predicted[labelled])), 4),
        "macro_f1_labelled": round(
            float(
                f1_score(
                    gold[labelled],
                    predicted[labelled],
                    labels=three,
                    average="macro",
                    zero_division=0,
                )
            ),
            4,
        ),
        "f1": {
            label: round(float(v), 4) for label, v in zip(STANCE_LABELS, per_class, strict=True)
        },
    }


def claim_verdicts(claims: list[dict], labels: list[str], proba: np.ndarray) -> list[str]:
    """The verdict (:func:`veracity.verify.verdict.aggregate`) of each claim from its 5 pairs."""
    from veracity.verify.verdict import aggregate

    verdicts, row = [], 0
    for claim in claims:
        passages = []
        for evidence in claim["evidences"]:
            label = labels[row]
            passages.append(
                EvidencePassage(
                    document_id=evidence["evidence_id"],
                    passage=evidence["evidence"],
                    stance=label,  # type: ignore[arg-type]
                    stance_probability=float(proba[row, STANCE_LABELS.index(label)]),
                    retrieval_score=0.0,
                )
            )
            row += 1
        verdicts.append(aggregate(passages).label)
    return verdicts


def verdict_metrics(gold: list[str], predicted: list[str]) -> dict[str, object]:
    """Claim-level accuracy, macro-F1 and per-verdict F1."""
    per_class = f1_score(gold, predicted, labels=list(VERDICTS), average=None, zero_division=0)
    return {
        "accuracy": round(float(np.mean(np.asarray(gold) == np.asarray(predicted))), 4),
        "macro_f1": round(float(np.mean(per_class)), 4),
        "f1": {v: round(float(f), 4) for v, f in zip(VERDICTS, per_class, strict=True)},
    }


def evaluate_models(
    model: EvidenceStanceModel,
    train: list[dict],
    held_out: list[dict],
    off_topic: list[str] | None = None,
) -> dict[str, object]:
    """Held-out pair and claim-level figures of ``model``, the majority class and FNC-1's model."""
    from veracity.verify.stance import StanceModel, load_stance_model

    texts, passages, gold_labels = pairs_of(held_out, seed=SPLIT_SEED + 1, off_topic=off_topic)
    gold = np.asarray(gold_labels)
    proba = model.proba_from_features(pair_features(texts, passages))
    predicted = model.labels_from_proba(proba)
    labelled = gold != "unrelated"
    n_labelled = int(labelled.sum())

    fnc = load_stance_model()
    fnc_proba = fnc.predict_proba(texts, passages)
    fnc_predicted = StanceModel.labels_from_proba(fnc_proba)

    _, _, train_labels = pairs_of(train, seed=SPLIT_SEED)
    majority = Counter(label for label in train_labels if label != "unrelated").most_common(1)[0][0]
    gold_verdicts = [CLAIM_VERDICT[c["claim_label"]] for c in held_out]
    majority_verdict = Counter(CLAIM_VERDICT[c["claim_label"]] for c in train).most_common(1)[0][0]
    return {
        "held_out_claims": len(held_out),
        "held_out_pairs": n_labelled,
        "unrelated_pairs": int((~labelled).sum()),
        "pairs": {
            "model": pair_metrics(gold, predicted),
            "fnc1_model": pair_metrics(gold, fnc_predicted),
            "majority_baseline": {
                "label": majority,
                **pair_metrics(gold, np.full(len(gold), majority, dtype=object)),
            },
        },
        "claims": {
            "model": verdict_metrics(
                gold_verdicts,
                claim_verdicts(held_out, list(predicted[:n_labelled]), proba[:n_labelled]),
            ),
            "fnc1_model": verdict_metrics(
                gold_verdicts,
                claim_verdicts(held_out, list(fnc_predicted[:n_labelled]), fnc_proba[:n_labelled]),
            ),
            "majority_baseline": {
                "label": majority_verdict,
                **verdict_metrics(gold_verdicts, [majority_verdict] * len(gold_verdicts)),
            },
        },
    }


def train_evidence_stance(data_dir: Path, out_dir: Path | None = None) -> Card:
    """Choose C on validation claims, fit on train + validation, evaluate held-out, save."""
    claims = load_climate_fever(data_dir)
    train, validation, held_out = split_claims(claims)
    off_topic = off_topic_sentences(data_dir)
    random.Random(SPLIT_SEED).shuffle(off_topic)
    # Disjoint off-topic pools, so no unrelated passage is seen in training and in held-out.
    pools = off_topic[::3], off_topic[1::3], off_topic[2::3]
    train_pairs = pairs_of(train, seed=SPLIT_SEED, off_topic=pools[0])
    validation_pairs = pairs_of(validation, seed=SPLIT_SEED + 2, off_topic=pools[1])
    train_features = pair_features(train_pairs[0], train_pairs[1])
    validation_features = pair_features(validation_pairs[0], validation_pairs[1])
    validation_gold = np.asarray(validation_pairs[2])
    n_labelled = int(np.sum(validation_gold != "unrelated"))
    gold_verdicts = [CLAIM_VERDICT[c["claim_label"]] for c in validation]
    search: dict[str, dict[str, float]] = {}
    for c in C_GRID:
        candidate = EvidenceStanceModel(C=c).fit(train_features, train_pairs[2])
        proba = candidate.proba_from_features(validation_features)
        predicted = candidate.labels_from_proba(proba)
        verdicts = claim_verdicts(validation, list(predicted[:n_labelled]), proba[:n_labelled])
        search[str(c)] = {
            "verdict_accuracy": verdict_metrics(gold_verdicts, verdicts)["accuracy"],
            "pair_macro_f1": pair_metrics(validation_gold, predicted)["macro_f1_labelled"],
        }
    # Pair macro-F1 first: 1,500 validation pairs rank C more steadily than 300 verdicts.
    best_c = float(
        max(search, key=lambda k: (search[k]["pair_macro_f1"], search[k]["verdict_accuracy"]))
    )
    model = EvidenceStanceModel(C=best_c).fit(
        np.vstack([train_features, validation_features]),
        list(train_pairs[2]) + list(validation_pairs[2]),
    )
    metrics = evaluate_models(model, train + validation, held_out, pools[2])
    metrics["validation_by_C"] = search
    metrics["C"] = best_c
    verdicts = metrics["claims"]
    card = EVIDENCE_STANCE_SPEC.new_card(
        summary=(
            "evidence stance held-out pair macro-F1 "
            f"{metrics['pairs']['model']['macro_f1_labelled']:.3f}; claim verdict accuracy "
            f"{verdicts['model']['accuracy']:.3f} (majority "
            f"{verdicts['majority_baseline']['accuracy']:.3f}, FNC-1 model "
            f"{verdicts['fnc1_model']['accuracy']:.3f})"
        ),
        intended_use=(
            "Stance of a short evidence passage (<= "
            f"{SHORT_PASSAGE_WORDS} words) towards a claim: agree / disagree / discuss / unrelated."
        ),
        training_data=data_manifest(
            [
                data_dir / CLIMATE_FEVER,
                *(data_dir / "liar" / f"{s}.tsv" for s in ("train", "valid", "test")),
            ],
            data_dir,
        ),
        split={
            "method": "claims shuffled by id (seeded): held-out, validation and train claims disjoint",
            "seed": SPLIT_SEED,
            "train_claims": len(train),
            "validation_claims": len(validation),
            "held_out_claims": len(held_out),
        },
        labels={"SUPPORTS": "agree", "REFUTES": "disagree", "NOT_ENOUGH_INFO": "discuss"},
        features=["minilm u*v (384)", "minilm |u-v| (384)", *LEXICAL_FEATURES],
        metrics=metrics,
        limits=(
            "Evidence sentences are Wikipedia sentences about climate; 'unrelated' pairs are "
            "random sentences of other claims and off-topic LIAR statements, easier than "
            "retrieval's near misses. Claim-level "
            "verdicts read the 5 annotated sentences of each claim, not retrieved ones."
        ),
    )
    return EVIDENCE_STANCE_SPEC.save(card, out_dir, objects={"model.joblib": model})
