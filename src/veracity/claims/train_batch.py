"""Train the batch path's check-worthiness classifier (parser-free) and write its artefact.

Same data, split, validation part and threshold as :mod:`veracity.claims.train`; the feature
set and C are chosen on the validation part among :data:`BATCH_FEATURE_SETS`, which need
neither spaCy nor MiniLM. The card also holds, from the same run, the shipped deep model's
feature set on the same validation part and the shipped deep model on the same held-out part.
"""

from __future__ import annotations

import time
from pathlib import Path

from veracity.artefacts import Card
from veracity.claims.model import (
    BATCH_FEATURE_SETS,
    CLAIMS,
    CLAIMS_BATCH,
    build_checkworthiness_pipeline,
    load_checkworthiness_model,
)
from veracity.claims.train import (
    SPLIT_SEED,
    THRESHOLD,
    _baselines,
    _compare_feature_sets,
    _grouped_split,
    binary_metrics,
    load_claimbuster,
    save_checkworthiness_model,
)

C_GRID = (0.5, 1.0, 2.0, 4.0)


def train_claims_batch(data_dir: Path, out_dir: Path | None = None) -> Card:
    """Choose features and C on validation, fit on train, report held-out figures, save."""
    texts, labels, groups = load_claimbuster(data_dir)
    train_rows, held_out_rows = _grouped_split(groups, SPLIT_SEED)
    train_texts = [texts[i] for i in train_rows]
    held_out_texts = [texts[i] for i in held_out_rows]
    deep_card = CLAIMS.read_card()
    deep_features = str(deep_card["metrics"]["feature_set"])
    validation = _compare_feature_sets(
        train_texts, labels[train_rows], groups[train_rows], BATCH_FEATURE_SETS, C_GRID
    )
    chosen = max(BATCH_FEATURE_SETS, key=lambda name: validation[name]["f1"])
    model = build_checkworthiness_pipeline(chosen, c=validation[chosen]["c"])
    model.fit(train_texts, labels[train_rows])
    started = time.process_time()
    score = model.predict_proba(held_out_texts)[:, 1]
    ms_per_sentence = 1000 * (time.process_time() - started) / len(held_out_texts)
    gold = labels[held_out_rows]
    held_out = binary_metrics(gold, score, THRESHOLD)
    deep_validation = _compare_feature_sets(
        train_texts, labels[train_rows], groups[train_rows], (deep_features,)
    )
    deep_score = load_checkworthiness_model().predict_proba(held_out_texts)[:, 1]
    deep_held_out = binary_metrics(gold, deep_score, float(deep_card["threshold"]))
    metrics = {
        "feature_set": chosen,
        "c": validation[chosen]["c"],
        "validation": validation,
        "held_out": held_out,
        "held_out_positive_rate": round(float(gold.mean()), 4),
        "cpu_ms_per_sentence": round(ms_per_sentence, 3),
        "shipped_deep_model": {
            "feature_set": deep_features,
            "validation": deep_validation[deep_features],
            "held_out": deep_held_out,
        },
        "baselines": _baselines(gold, labels[train_rows]),
    }
    return save_checkworthiness_model(
        model,
        CLAIMS_BATCH,
        out_dir,
        summary=(
            f"batch check-worthiness ({chosen}) held-out F1 {held_out['f1']:.3f} "
            f"(shipped deep model, same split: {deep_held_out['f1']:.3f})"
        ),
        intended_use=(
            "Score the candidate sentences of the batch full path for check-worthiness, "
            "without spaCy or sentence embeddings (the deep path uses the claims artefact)."
        ),
        data_dir=data_dir,
        sentences=(len(train_rows), len(held_out_rows)),
        metrics=metrics,
        limits=(
            "Trained on spoken US presidential debate sentences; news prose differs in style. "
            "Word-list cues stand in for a tagger and NER, so names and tense are approximate."
        ),
    )
    return metrics
