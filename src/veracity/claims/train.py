"""Train the check-worthiness classifier on ClaimBuster and write the artefact and its card.

Data: ClaimBuster's 3xNCS subset (2,764 check-worthy factual sentences, 8,292 others, from US
presidential debates). There is no official split; sentence ids run through the debates in
order, so blocks of 1,000 consecutive ids (about one debate each) are the groups of a grouped
split: 20% of blocks are held out for the reported figures, and the feature set is chosen on
a validation part of the training blocks, never on the held-out one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_recall_fscore_support, roc_auc_score
from sklearn.model_selection import GroupShuffleSplit
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from veracity.artefacts import ArtefactSpec, Card, data_manifest
from veracity.claims.cues import CueFeatures
from veracity.claims.model import (
    CLAIMS,
    FEATURE_SETS,
    LinguisticFeatures,
    build_checkworthiness_pipeline,
    make_tfidf,
)
from veracity.errors import DataError

CLAIMBUSTER_FILE = "claimbuster/kfold_30ncs.json"
ID_BLOCK = 1000
SPLIT_SEED = 7
THRESHOLD = 0.5


def load_claimbuster(data_dir: Path) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Sentences, labels (1 = check-worthy) and split groups (blocks of sentence ids)."""
    path = data_dir / CLAIMBUSTER_FILE
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        texts = [str(r["text"]).strip() for r in rows]
        labels = np.asarray([int(r["label"]) for r in rows])
        groups = np.asarray([int(r["sentence_id"]) // ID_BLOCK for r in rows])
    except FileNotFoundError:
        raise DataError(f"ClaimBuster file missing: {path} (set VERACITY_DATA_DIR)") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(f"cannot read {path}: {exc}") from None
    return texts, labels, groups


def _grouped_split(groups: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    splitter = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=seed)
    return next(splitter.split(groups, groups=groups))


def binary_metrics(gold: np.ndarray, score: np.ndarray, threshold: float) -> dict[str, float]:
    """Precision, recall and F1 of the check-worthy class, and ROC AUC."""
    predicted = (score >= threshold).astype(int)
    precision, recall, f1, _ = precision_recall_fscore_support(
        gold, predicted, average="binary", zero_division=0
    )
    return {
        "precision": round(float(precision), 4),
        "recall": round(float(recall), 4),
        "f1": round(float(f1), 4),
        "roc_auc": round(float(roc_auc_score(gold, score)), 4) if len(set(gold)) > 1 else 0.0,
    }


def _feature_blocks(
    texts: list[str], fit_rows: np.ndarray, valid_rows: np.ndarray, names: set[str]
) -> dict[str, tuple[sparse.csr_matrix, sparse.csr_matrix]]:
    """(fit, validation) matrices of each feature block in ``names``, fitted on ``fit_rows``."""
    blocks = {}
    if "tfidf" in names:
        tfidf = make_tfidf()
        blocks["tfidf"] = (
            tfidf.fit_transform([texts[i] for i in fit_rows]),
            tfidf.transform([texts[i] for i in valid_rows]),
        )
    scaled = {"linguistic": LinguisticFeatures, "cues": CueFeatures}
    for name in names & scaled.keys():
        rows = scaled[name]().transform(texts)
        scaler = StandardScaler().fit(rows[fit_rows])
        blocks[name] = (
            sparse.csr_matrix(scaler.transform(rows[fit_rows])),
            sparse.csr_matrix(scaler.transform(rows[valid_rows])),
        )
    if "minilm" in names:
        from veracity.embeddings import embed

        vectors = embed(texts)
        blocks["minilm"] = (
            sparse.csr_matrix(vectors[fit_rows]),
            sparse.csr_matrix(vectors[valid_rows]),
        )
    return blocks


def _compare_feature_sets(
    texts: list[str],
    labels: np.ndarray,
    groups: np.ndarray,
    feature_sets: tuple[str, ...] = FEATURE_SETS,
    cs: tuple[float, ...] = (1.0,),
) -> dict[str, dict[str, float]]:
    """Validation figures of each feature set (at its best C of ``cs``), on a grouped split of
    the training part only."""
    fit_rows, valid_rows = _grouped_split(groups, SPLIT_SEED + 1)
    names = {name for feature_set in feature_sets for name in feature_set.split("+")}
    blocks = _feature_blocks(texts, fit_rows, valid_rows, names)
    results: dict[str, dict[str, float]] = {}
    for feature_set in feature_sets:
        names_of_set = feature_set.split("+")
        fit_matrix = sparse.hstack([blocks[n][0] for n in names_of_set]).tocsr()
        valid_matrix = sparse.hstack([blocks[n][1] for n in names_of_set]).tocsr()
        for c in cs:
            classifier = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
            classifier.fit(fit_matrix, labels[fit_rows])
            score = classifier.predict_proba(valid_matrix)[:, 1]
            metrics = {**binary_metrics(labels[valid_rows], score, THRESHOLD), "c": c}
            if feature_set not in results or metrics["f1"] > results[feature_set]["f1"]:
                results[feature_set] = metrics
    return results


def _baselines(gold: np.ndarray, train_labels: np.ndarray) -> dict[str, dict[str, float]]:
    """The majority class and "everything is check-worthy" on the held-out part."""
    majority = int(np.bincount(train_labels).argmax())
    return {
        "majority_class": {
            "label": majority,
            "f1": round(float(f1_score(gold, np.full(len(gold), majority), zero_division=0)), 4),
            "accuracy": round(float(np.mean(gold == majority)), 4),
        },
        "all_check_worthy": binary_metrics(gold, np.ones(len(gold)), THRESHOLD),
    }


def train_claims(data_dir: Path, out_dir: Path | None = None) -> Card:
    """Choose the feature set on validation, fit on train, report held-out figures, save."""
    texts, labels, groups = load_claimbuster(data_dir)
    train_rows, held_out_rows = _grouped_split(groups, SPLIT_SEED)
    train_texts = [texts[i] for i in train_rows]
    held_out_texts = [texts[i] for i in held_out_rows]
    validation = _compare_feature_sets(train_texts, labels[train_rows], groups[train_rows])
    chosen = max(validation, key=lambda name: validation[name]["f1"])
    model = build_checkworthiness_pipeline(chosen).fit(train_texts, labels[train_rows])
    score = model.predict_proba(held_out_texts)[:, 1]
    gold = labels[held_out_rows]
    held_out = binary_metrics(gold, score, THRESHOLD)
    metrics = {
        "feature_set": chosen,
        "validation": validation,
        "held_out": held_out,
        "held_out_positive_rate": round(float(gold.mean()), 4),
        "baselines": _baselines(gold, labels[train_rows]),
    }
    return save_checkworthiness_model(
        model,
        CLAIMS,
        out_dir,
        summary=(
            f"check-worthiness ({chosen}) held-out precision {held_out['precision']:.3f}, "
            f"recall {held_out['recall']:.3f}, F1 {held_out['f1']:.3f}"
        ),
        intended_use="Score article sentences for check-worthiness (factual claims worth checking).",
        data_dir=data_dir,
        sentences=(len(train_rows), len(held_out_rows)),
        metrics=metrics,
        limits=(
            "Trained on spoken US presidential debate sentences; news prose differs in style. "
            "Negatives are sub-sampled 3:1, so scores overstate the share of check-worthy text."
        ),
    )
    return metrics


def save_checkworthiness_model(
    model: Pipeline,
    spec: ArtefactSpec,
    folder: Path | None,
    *,
    summary: str,
    intended_use: str,
    data_dir: Path,
    sentences: tuple[int, int],
    metrics: dict[str, Any],
    limits: str,
) -> Card:
    """Write a fitted check-worthiness pipeline and its card (ClaimBuster, grouped split)."""
    train_sentences, held_out_sentences = sentences
    card = spec.new_card(
        summary=summary,
        intended_use=intended_use,
        training_data=data_manifest([data_dir / CLAIMBUSTER_FILE], data_dir),
        split={
            "method": f"GroupShuffleSplit on blocks of {ID_BLOCK} consecutive sentence ids (~debates)",
            "seed": SPLIT_SEED,
            "train_sentences": train_sentences,
            "held_out_sentences": held_out_sentences,
        },
        threshold=THRESHOLD,
        metrics=metrics,
        limits=limits,
    )
    return spec.save(card, folder, objects={"model.joblib": model})
