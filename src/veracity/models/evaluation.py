"""Evaluation of the reliability model family (``veracity evaluate``, ``bench/reliability_report.py``).

Every figure sits beside a majority-class baseline and a plain TF-IDF + logistic-regression
baseline (raw text, no provenance stripping, no calibration) fitted in the same run.

Sections: in-domain article figures on source-disjoint and random splits, the cross-corpus
matrix, LIAR (6-way and binary, official test), CONSTRAINT (official test), FakeNewsNet
PolitiFact (source-disjoint), calibration, and the provenance probe.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pydantic import BaseModel
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import make_pipeline, make_union
from sklearn.preprocessing import OneHotEncoder

from veracity.data import NewsRecord, load_corpora
from veracity.data.liar import LIAR_LABELS, LIAR_META
from veracity.data.splits import (
    groups_of,
    labels_of,
    random_split,
    source_disjoint_folds,
    source_disjoint_split,
)
from veracity.metrics import (
    BinaryScores,
    binary_scores,
    calibration_curve,
    majority_scores,
    multiclass_scores,
)
from veracity.models.config import model_config, plain_baseline
from veracity.models.estimator import CalibratedLinearModel
from veracity.models.features import SIGNAL_COLUMNS, feature_frame, record_signals
from veracity.models.liar import liar_frame, liar_six_way_target, liar_stacked_model
from veracity.models.provenance import strip_provenance
from veracity.settings import get_settings

log = logging.getLogger(__name__)

# Corpus families of the cross-corpus matrix (clickbait is a style task, not veracity).
FAMILIES: dict[str, Callable[[NewsRecord], bool]] = {
    "gossipcop": lambda r: r.corpus == "fakenewsnet" and r.collection == "gossipcop",
    "politifact_articles": lambda r: r.corpus == "fakenewsnet" and r.collection == "politifact",
    "perezrosas2018": lambda r: r.corpus == "perezrosas2018",
    "buzzfeed_webis": lambda r: r.corpus == "buzzfeed_webis",
    "liar_binary": lambda r: r.corpus == "liar",
    "constraint_covid19": lambda r: r.corpus == "constraint_covid19",
}
# Cap on training rows per family in the matrix, to keep 12 fits within minutes.
MATRIX_TRAIN_CAP = 1500
SEED = 0
# The in-domain sections read the corpora of the earlier product model (the LOCO folds are in
# :mod:`veracity.models.loco`); signal counts for a seeded sample of them.
PRODUCT_CORPORA = ("fakenewsnet", "perezrosas2018", "buzzfeed_webis")
SIGNAL_SAMPLE = 1500


def signal_frame(records: Sequence[NewsRecord], sample: int) -> tuple[pd.DataFrame, list[str]]:
    """The feature table: every text, and signal counts for a seeded sample (NaN elsewhere)."""
    order = list(range(len(records)))
    random.Random(SEED).shuffle(order)
    chosen = sorted(order[:sample])
    rows, detectors = record_signals([records[i] for i in chosen])
    table = [dict.fromkeys(SIGNAL_COLUMNS, np.nan) for _ in records]
    for index, row in zip(chosen, rows, strict=True):
        table[index] = row
    return feature_frame([r.full_text for r in records], table), detectors


class MultiScores(BaseModel):
    """:func:`~veracity.metrics.multiclass_scores`, typed."""

    n: float
    accuracy: float
    macro_f1: float
    weighted_f1: float


class InDomainSplit(BaseModel):
    """One split of the product corpora: the fast-path model beside its baselines, overall and
    per collection (the source-disjoint split adds the calibration curve and the same
    configuration with character 3-5-grams, ``with_chars``)."""

    n_train: int
    n_test: int
    model: BinaryScores
    plain_tfidf_lr: BinaryScores
    majority: BinaryScores
    per_collection: dict[str, dict[str, BinaryScores]] = {}
    calibration_curve: list[tuple[float, float, int]] | None = None
    with_chars: BinaryScores | None = None


class InDomain(BaseModel):
    source_disjoint: InDomainSplit | None = None
    random: InDomainSplit | None = None


class Politifact(BaseModel):
    n: int
    protocol: str
    model: BinaryScores
    word_only: BinaryScores
    plain_tfidf_lr: BinaryScores
    majority: BinaryScores


class CrossCorpus(BaseModel):
    """The text model trained on each family alone (``single_family``: trained on -> tested
    on) and on all other families (``all_others``: held-out family -> scores)."""

    families: dict[str, int]
    train_cap_per_family: int
    single_family: dict[str, dict[str, BinaryScores]] | None = None
    all_others: dict[str, BinaryScores] | None = None


class LiarTarget(BaseModel):
    """One LIAR target (6-way or binary) on the official test split; the 6-way one adds the
    stacked head's validation figure, its base models and the earlier joint LR."""

    chosen_C: float
    model: MultiScores
    plain_tfidf_lr: MultiScores
    majority: MultiScores
    model_validation: MultiScores | None = None
    base_models: list[str] | None = None
    joint_lr: MultiScores | None = None


class Liar(BaseModel):
    n: dict[str, int]
    six: LiarTarget
    binary: LiarTarget


class Constraint(BaseModel):
    n: dict[str, int]
    chosen_C: float
    model: MultiScores
    plain_tfidf_lr: MultiScores
    majority: MultiScores


class ProvenanceSplit(BaseModel):
    probe: BinaryScores
    majority: BinaryScores


class ProvenanceProbe(BaseModel):
    share_with_artefacts: float
    source_disjoint: ProvenanceSplit
    random: ProvenanceSplit


class Semantic(BaseModel):
    n_train: int
    n_test: int
    max_tokens: int
    minilm_head: BinaryScores
    tfidf_text_model: BinaryScores
    stack: BinaryScores
    majority: BinaryScores


def _baseline_scores(train_texts, y_train, test_texts, y_test) -> dict[str, float]:
    model = plain_baseline().fit(train_texts, y_train)
    return binary_scores(y_test, model.predict_proba(test_texts)[:, 1])


def evaluate_in_domain(records: Sequence[NewsRecord], signal_sample: int) -> InDomain:
    """Product-corpora articles: source-disjoint and random splits, per collection as well.

    ``model`` is the shipped configuration; on the source-disjoint split the same with
    character 3-5-grams added (the deep path's configuration until leave-one-corpus-out
    evaluation left them out of both paths) is refitted beside it as ``with_chars``.
    """
    frame, _ = signal_frame(records, signal_sample)
    y, groups = labels_of(records), groups_of(records)
    raw = [r.full_text for r in records]
    results: dict[str, Any] = {}
    for split_name, (train, test) in (
        ("source_disjoint", source_disjoint_split(records, test_size=0.2, seed=SEED)),
        ("random", random_split(records, test_size=0.2, seed=SEED)),
    ):
        model = CalibratedLinearModel(**model_config()).fit(
            frame.iloc[train], y[train], groups[train]
        )
        p = model.predict_proba(frame.iloc[test])[:, 1]
        baseline = plain_baseline().fit([raw[i] for i in train], y[train])
        p_base = baseline.predict_proba([raw[i] for i in test])[:, 1]
        section: dict[str, Any] = {
            "n_train": len(train),
            "n_test": len(test),
            "model": binary_scores(y[test], p),
            "plain_tfidf_lr": binary_scores(y[test], p_base),
            "majority": majority_scores(y[train], y[test]),
            "per_collection": {},
        }
        collections = np.array([f"{records[i].corpus}/{records[i].collection}" for i in test])
        for name in sorted(set(collections)):
            mask = collections == name
            if len(set(y[test][mask])) == 2 and mask.sum() >= 20:
                section["per_collection"][name] = {
                    "model": binary_scores(y[test][mask], p[mask]),
                    "plain_tfidf_lr": binary_scores(y[test][mask], p_base[mask]),
                    "majority": majority_scores(y[train], y[test][mask]),
                }
        if split_name == "source_disjoint":
            section["calibration_curve"] = calibration_curve(y[test], p)
            with_chars = CalibratedLinearModel(**_with_chars_config())
            with_chars.fit(frame.iloc[train], y[train], groups[train])
            section["with_chars"] = binary_scores(
                y[test], with_chars.predict_proba(frame.iloc[test])[:, 1]
            )
        results[split_name] = section
        log.info("in-domain %s: %s", split_name, section["model"])
    return InDomain.model_validate(results)


def _with_chars_config() -> dict[str, Any]:
    """The shipped configuration with character 3-5-grams added: the deep path's before LOCO
    chose one configuration for both paths (``model_config("deep")`` has none since)."""
    return model_config("fast") | {"use_chars": True}


def evaluate_politifact(records: Sequence[NewsRecord]) -> Politifact:
    """FakeNewsNet PolitiFact articles alone, 5-fold grouped by outlet domain.

    The head is the issue's recipe, TF-IDF word and character n-grams into the calibrated
    linear model (the deep path's configuration before LOCO chose one configuration for both
    paths); the shipped configuration (word n-grams only) is scored on the same folds beside it.
    """
    pf = [r for r in records if r.corpus == "fakenewsnet" and r.collection == "politifact"]
    frame = feature_frame([r.full_text for r in pf], [{}] * len(pf))
    y, groups = labels_of(pf), groups_of(pf)
    raw = np.array([r.full_text for r in pf], dtype=object)
    p = np.zeros(len(pf))
    p_words = np.zeros(len(pf))
    p_base = np.zeros(len(pf))
    p_major = np.zeros(len(pf))
    text_only = {"use_signals": False, "calibration_folds": 3}
    with_chars = _with_chars_config() | text_only
    words = model_config("fast") | text_only
    for train, test in source_disjoint_folds(pf, n_splits=5):
        for config, scores in ((with_chars, p), (words, p_words)):
            model = CalibratedLinearModel(**config).fit(frame.iloc[train], y[train], groups[train])
            scores[test] = model.predict_proba(frame.iloc[test])[:, 1]
        p_base[test] = plain_baseline().fit(raw[train], y[train]).predict_proba(raw[test])[:, 1]
        p_major[test] = y[train].mean()
    return Politifact.model_validate(
        {
            "n": len(pf),
            "protocol": "5-fold GroupKFold by outlet domain (Wayback copies grouped by archived site)",
            "model": binary_scores(y, p),
            "word_only": binary_scores(y, p_words),
            "plain_tfidf_lr": binary_scores(y, p_base),
            "majority": binary_scores(y, p_major),
        }
    )


def evaluate_cross_corpus(
    records: Sequence[NewsRecord], parts: Sequence[str] = ("single_family", "all_others")
) -> CrossCorpus:
    """Train on each family alone and on all others; test on every family (text model only)."""
    by_family = {name: [r for r in records if keep(r)] for name, keep in FAMILIES.items()}
    texts = {
        name: feature_frame([r.full_text for r in rows], [{}] * len(rows))
        for name, rows in by_family.items()
    }
    rng = random.Random(SEED)
    config = {**model_config(), "use_signals": False, "calibration_folds": 2}

    def fit(train_names: Sequence[str]) -> CalibratedLinearModel:
        indices: list[tuple[str, int]] = []
        for name in train_names:
            rows = list(range(len(by_family[name])))
            rng.shuffle(rows)
            indices.extend((name, i) for i in rows[:MATRIX_TRAIN_CAP])
        frame = _rows_of(texts, indices)
        y = np.array([1 if by_family[name][i].label == "real" else 0 for name, i in indices])
        groups = [by_family[name][i].group for name, i in indices]
        return CalibratedLinearModel(**config).fit(frame, y, groups)

    matrix: dict[str, dict[str, dict[str, float]]] = {}
    for train_name in FAMILIES if "single_family" in parts else ():
        matrix[train_name] = _score_families(fit([train_name]), by_family, texts)
        log.info("cross-corpus trained on %s", train_name)
    leave_one_out: dict[str, dict[str, float]] = {}
    for test_name in FAMILIES if "all_others" in parts else ():
        model = fit([name for name in FAMILIES if name != test_name])
        leave_one_out[test_name] = _score_families(model, {test_name: by_family[test_name]}, texts)[
            test_name
        ]
        log.info("cross-corpus held out %s", test_name)
    result: dict[str, Any] = {
        "families": {name: len(rows) for name, rows in by_family.items()},
        "train_cap_per_family": MATRIX_TRAIN_CAP,
    }
    if "single_family" in parts:
        result["single_family"] = matrix
    if "all_others" in parts:
        result["all_others"] = leave_one_out
    return CrossCorpus.model_validate(result)


def _rows_of(texts: dict[str, pd.DataFrame], indices: Sequence[tuple[str, int]]) -> pd.DataFrame:
    """The feature rows named by ``(family, index)`` pairs, in that order."""
    return pd.concat(
        [
            texts[name].iloc[[i for n, i in indices if n == name]]
            for name in dict.fromkeys(n for n, _ in indices)
        ],
        ignore_index=True,
    )


def _score_families(
    model: CalibratedLinearModel,
    by_family: dict[str, list[NewsRecord]],
    texts: dict[str, pd.DataFrame],
) -> dict[str, dict[str, float]]:
    return {
        name: binary_scores(labels_of(rows), model.predict_proba(texts[name])[:, 1])
        for name, rows in by_family.items()
    }


def evaluate_liar(records: Sequence[NewsRecord]) -> Liar:
    """LIAR statements + metadata (never the credit history): 6-way and binary, official test.

    6-way: the stacked head of :mod:`veracity.models.liar` (hyper-parameters fixed from the
    validation split), fitted on train for the validation figure and on train + valid for test,
    beside the earlier joint logistic regression, the plain baseline and the majority class.
    """
    liar = [r for r in records if r.corpus == "liar"]
    split = {name: [r for r in liar if r.split == name] for name in ("train", "valid", "test")}

    def columns(rows: Sequence[NewsRecord]) -> tuple[list[str], np.ndarray]:
        meta = np.array([[r.meta.get(k, "").lower() or "none" for k in LIAR_META] for r in rows])
        return [r.text for r in rows], meta

    def build(C: float, multiclass: bool):
        text_vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        meta_vec = OneHotEncoder(handle_unknown="ignore", min_frequency=3)
        subject_vec = TfidfVectorizer(token_pattern=r"[^,]+", sublinear_tf=True)
        model = LogisticRegression(
            C=C, max_iter=2000, class_weight=None if multiclass else "balanced"
        )
        return text_vec, meta_vec, subject_vec, model

    def fit_predict(C: float, train_rows, test_rows, target, with_meta: bool):
        text_vec, meta_vec, subject_vec, model = build(C, multiclass=target == "six")
        texts, meta = columns(train_rows)
        parts = [text_vec.fit_transform(texts)]
        if with_meta:
            parts += [meta_vec.fit_transform(meta[:, 1:]), subject_vec.fit_transform(meta[:, 0])]
        y = _liar_target(train_rows, target)
        model.fit(sparse.hstack(parts).tocsr(), y)
        t_texts, t_meta = columns(test_rows)
        t_parts = [text_vec.transform(t_texts)]
        if with_meta:
            t_parts += [meta_vec.transform(t_meta[:, 1:]), subject_vec.transform(t_meta[:, 0])]
        return model.predict(sparse.hstack(t_parts).tocsr())

    results: dict[str, Any] = {"n": {k: len(v) for k, v in split.items()}}
    for target in ("six", "binary"):
        y_valid = _liar_target(split["valid"], target)
        best_C = max(
            (0.1, 0.3, 1.0),
            key=lambda C: accuracy_score(
                y_valid, fit_predict(C, split["train"], split["valid"], target, True)
            ),
        )
        train_rows = split["train"] + split["valid"]
        y_test = _liar_target(split["test"], target)
        predicted = fit_predict(best_C, train_rows, split["test"], target, True)
        text_only = fit_predict(4.0, train_rows, split["test"], target, False)
        majority = np.full(len(y_test), _majority(_liar_target(train_rows, target)))
        results[target] = {
            "chosen_C": best_C,
            "model": multiclass_scores(y_test, predicted),
            "plain_tfidf_lr": multiclass_scores(y_test, text_only),
            "majority": multiclass_scores(y_test, majority),
        }
        log.info("LIAR %s: %s", target, results[target]["model"])
    joint = results["six"]
    results["six"] = {**_liar_stacked(liar, split), "joint_lr": joint.pop("model"), **joint}
    log.info("LIAR six (stacked): %s", results["six"]["model"])
    return Liar.model_validate(results)


def _liar_stacked(liar: Sequence[NewsRecord], split: dict[str, list[NewsRecord]]) -> dict[str, Any]:
    """The stacked 6-way head: validation figure (fit on train), test figure (train + valid).

    The statements' MiniLM embeddings (read by the embedding and similar-claims models) take
    minutes on a CPU the first time; they are cached and rebuilt from the data when missing.
    """
    from veracity.models.semantic import cached_embeddings

    vectors = cached_embeddings([r.id for r in liar], [r.text for r in liar])
    frame = liar_frame(liar, vectors)
    y = liar_six_way_target(liar)
    rows = {name: np.array([r.split == name for r in liar]) for name in split}
    fitted = liar_stacked_model().fit(frame[rows["train"]], y[rows["train"]])
    validation = multiclass_scores(y[rows["valid"]], fitted.predict(frame[rows["valid"]]))
    train = rows["train"] | rows["valid"]
    final = liar_stacked_model().fit(frame[train], y[train])
    return {
        "model": multiclass_scores(y[rows["test"]], final.predict(frame[rows["test"]])),
        "model_validation": validation,
        "base_models": [name for name, _ in final.estimators],
    }


def _liar_target(rows: Sequence[NewsRecord], target: str) -> np.ndarray:
    if target == "six":
        return np.array([LIAR_LABELS.index(r.original_label) for r in rows])
    return labels_of(rows)


def _majority(y: np.ndarray) -> int:
    values, counts = np.unique(y, return_counts=True)
    return int(values[np.argmax(counts)])


def evaluate_constraint(records: Sequence[NewsRecord]) -> Constraint:
    """CONSTRAINT COVID-19 posts: word + char TF-IDF and a linear model, official test split."""
    rows = [r for r in records if r.corpus == "constraint_covid19"]
    split = {name: [r for r in rows if r.split == name] for name in ("train", "valid", "test")}

    def build(C: float):
        return make_pipeline(
            make_union(
                TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True),
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True
                ),
            ),
            LogisticRegression(C=C, max_iter=2000, solver="liblinear"),
        )

    def texts(rs):
        return [r.text for r in rs]

    y_valid = labels_of(split["valid"])
    best_C = max(
        (3.0, 10.0, 30.0),
        key=lambda C: f1_score(
            y_valid,
            build(C)
            .fit(texts(split["train"]), labels_of(split["train"]))
            .predict(texts(split["valid"])),
            average="weighted",
        ),
    )
    train_rows = split["train"] + split["valid"]
    y_train, y_test = labels_of(train_rows), labels_of(split["test"])
    predicted = build(best_C).fit(texts(train_rows), y_train).predict(texts(split["test"]))
    plain = plain_baseline().fit(texts(train_rows), y_train).predict(texts(split["test"]))
    majority = np.full(len(y_test), _majority(y_train))
    return Constraint.model_validate(
        {
            "n": {k: len(v) for k, v in split.items()},
            "chosen_C": best_C,
            "model": multiclass_scores(y_test, predicted),
            "plain_tfidf_lr": multiclass_scores(y_test, plain),
            "majority": multiclass_scores(y_test, majority),
        }
    )


def evaluate_provenance_probe(records: Sequence[NewsRecord]) -> ProvenanceProbe:
    """A model that sees only the stripped provenance artefacts: how much do they predict?"""
    artefacts = [
        " | ".join(strip_provenance(r.full_text[:6000]).artefacts) or "<none>" for r in records
    ]
    y = labels_of(records)
    results: dict[str, Any] = {
        "share_with_artefacts": float(np.mean([a != "<none>" for a in artefacts]))
    }
    for split_name, (train, test) in (
        ("source_disjoint", source_disjoint_split(records, test_size=0.2, seed=SEED)),
        ("random", random_split(records, test_size=0.2, seed=SEED)),
    ):
        probe = make_pipeline(
            TfidfVectorizer(
                ngram_range=(1, 2),
                min_df=2,
                sublinear_tf=True,
                lowercase=False,
                token_pattern=r"\S+",
            ),
            LogisticRegression(C=1.0, solver="liblinear", class_weight="balanced"),
        ).fit([artefacts[i] for i in train], y[train])
        p = probe.predict_proba([artefacts[i] for i in test])[:, 1]
        results[split_name] = {
            "probe": binary_scores(y[test], p),
            "majority": majority_scores(y[train], y[test]),
        }
    return ProvenanceProbe.model_validate(results)


SEMANTIC_TRAIN, SEMANTIC_TEST = 1000, 400


def evaluate_semantic(records: Sequence[NewsRecord]) -> Semantic:
    """MiniLM head vs the TF-IDF text model vs their stack, on a source-disjoint subsample.

    Embedding every article on a shared CPU takes far too long, so this compares the three on
    the same seeded subsample of the source-disjoint split (1,000 train / 400 test).
    """
    from sklearn.model_selection import cross_val_predict

    from veracity.models.semantic import cached_embeddings

    train, test = source_disjoint_split(records, test_size=0.2, seed=SEED)
    rng = np.random.default_rng(SEED)
    train = np.sort(rng.choice(train, min(SEMANTIC_TRAIN, len(train)), replace=False))
    test = np.sort(rng.choice(test, min(SEMANTIC_TEST, len(test)), replace=False))
    chosen = [records[i] for i in [*train, *test]]
    stripped = [strip_provenance(r.full_text[:6000]).text for r in chosen]
    vectors = cached_embeddings([r.id for r in chosen], stripped)
    y = labels_of(chosen)
    groups = groups_of(chosen)
    n = len(train)
    head = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")
    frame = feature_frame([r.full_text for r in chosen], [{}] * len(chosen))
    text_model = CalibratedLinearModel(
        **{**model_config(), "use_signals": False, "calibration_folds": 3}
    )
    text_model.fit(frame.iloc[:n], y[:n], groups[:n])
    folds = source_disjoint_folds(chosen[:n], n_splits=3)
    oof_head = cross_val_predict(head, vectors[:n], y[:n], cv=folds, method="decision_function")
    oof_text = np.zeros(n)
    for fold_train, fold_test in folds:
        fold_model = CalibratedLinearModel(
            **{**model_config(), "use_signals": False, "calibration_folds": 3}
        )
        fold_model.fit(frame.iloc[fold_train], y[fold_train], groups[fold_train])
        oof_text[fold_test] = fold_model.decision_function(frame.iloc[fold_test])
    head.fit(vectors[:n], y[:n])
    head_calibrator = LogisticRegression().fit(oof_head.reshape(-1, 1), y[:n])
    stacker = LogisticRegression().fit(np.column_stack([oof_text, oof_head]), y[:n])
    test_head = head.decision_function(vectors[n:])
    test_text = text_model.decision_function(frame.iloc[n:])
    return Semantic.model_validate(
        {
            "n_train": n,
            "n_test": len(test),
            "max_tokens": 256,
            "minilm_head": binary_scores(
                y[n:], head_calibrator.predict_proba(test_head.reshape(-1, 1))[:, 1]
            ),
            "tfidf_text_model": binary_scores(y[n:], 1 / (1 + np.exp(-test_text))),
            "stack": binary_scores(
                y[n:], stacker.predict_proba(np.column_stack([test_text, test_head]))[:, 1]
            ),
            "majority": majority_scores(y[:n], y[n:]),
        }
    )


SECTIONS = (
    "in_domain",
    "provenance_probe",
    "politifact",
    "liar",
    "constraint",
    "semantic",
    "cross_corpus",
)


class EvaluationResult(BaseModel):
    """The evaluation sections :func:`run_evaluation` ran (the others None), each typed as its
    evaluator returns it, with the record count after deduplication and the seconds taken."""

    records_after_dedup: int
    in_domain: InDomain | None = None
    provenance_probe: ProvenanceProbe | None = None
    politifact: Politifact | None = None
    liar: Liar | None = None
    constraint: Constraint | None = None
    semantic: Semantic | None = None
    cross_corpus: CrossCorpus | None = None
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """The sections that ran, keyed as :func:`format_tables` reads them."""
        return self.model_dump(exclude_unset=True)

    def summary_line(self) -> str:
        """One line: which sections ran, on how many records, in how long."""
        ran = [name for name in SECTIONS if getattr(self, name) is not None]
        return (
            f"reliability evaluation: {', '.join(ran) or 'no sections'} on "
            f"{self.records_after_dedup:,} records after deduplication ({self.seconds:.0f} s)"
        )


def run_evaluation(
    data_dir: Path | None = None,
    *,
    sections: Sequence[str] = SECTIONS,
    signal_sample: int = SIGNAL_SAMPLE,
    on_step: Callable[[str, int, int], None] | None = None,
) -> EvaluationResult:
    """The named sections (default: all), from one deduplicated load of the corpora.

    ``on_step``: told before each step (the load, then each section) what it is, how many
    steps are done and how many there are (the CLI's progress bar).
    """
    unknown = set(sections) - {*SECTIONS, "cross_corpus_single", "cross_corpus_held_out"}
    if unknown:
        raise ValueError(f"unknown evaluation sections {sorted(unknown)}; known: {SECTIONS}")
    started = time.time()
    data_dir = data_dir or get_settings().data_dir
    steps = 1 + len(sections)
    if on_step is not None:
        on_step("loading and deduplicating the corpora", 0, steps)
    records = load_corpora(data_dir=data_dir).kept
    articles = [r for r in records if r.corpus in PRODUCT_CORPORA]
    runners: dict[str, Callable[[], BaseModel]] = {
        "in_domain": lambda: evaluate_in_domain(articles, signal_sample),
        "provenance_probe": lambda: evaluate_provenance_probe(articles),
        "politifact": lambda: evaluate_politifact(articles),
        "liar": lambda: evaluate_liar(records),
        "constraint": lambda: evaluate_constraint(records),
        "semantic": lambda: evaluate_semantic(articles),
        "cross_corpus": lambda: evaluate_cross_corpus(records),
        "cross_corpus_single": lambda: evaluate_cross_corpus(records, ("single_family",)),
        "cross_corpus_held_out": lambda: evaluate_cross_corpus(records, ("all_others",)),
    }
    results: dict[str, Any] = {"records_after_dedup": len(records)}
    for done, name in enumerate(sections, 1):
        if on_step is not None:
            on_step(name.replace("_", " "), done, steps)
        if name.startswith("cross_corpus_"):  # halves of the matrix, run as separate processes
            earlier = results.get("cross_corpus")
            results["cross_corpus"] = CrossCorpus.model_validate(
                {
                    **(earlier.model_dump(exclude_unset=True) if earlier else {}),
                    **runners[name]().model_dump(exclude_unset=True),
                }
            )
        else:
            results[name] = runners[name]()
    results["seconds"] = round(time.time() - started, 1)
    return EvaluationResult.model_validate(results)


FAST_MODEL_LABEL = "veracity fast-path model (word n-grams, stripped, calibrated)"


def _fmt(value: float | None) -> str:
    return "–" if value is None or value != value else f"{value:.3f}"


def _binary_table(rows: dict[str, dict[str, float]]) -> list[str]:
    lines = [
        "| system | n | accuracy | macro-F1 | F1 (fake) | AUC | ECE |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, s in rows.items():
        lines.append(
            f"| {name} | {int(s['n'])} | {_fmt(s['accuracy'])} | {_fmt(s['macro_f1'])} | "
            f"{_fmt(s['f1_fake'])} | {_fmt(s.get('auc'))} | {_fmt(s['ece'])} |"
        )
    return lines


def _multi_table(rows: dict[str, dict[str, float]]) -> list[str]:
    lines = ["| system | n | accuracy | macro-F1 | weighted-F1 |", "|---|---|---|---|---|"]
    for name, s in rows.items():
        lines.append(
            f"| {name} | {int(s['n'])} | {_fmt(s['accuracy'])} | {_fmt(s['macro_f1'])} | {_fmt(s['weighted_f1'])} |"
        )
    return lines


def _systems(
    section: dict[str, Any], model_label: str = "veracity (stripped, calibrated)"
) -> dict[str, dict[str, float]]:
    names = {
        "tfidf_text_model": "TF-IDF text model (stripped, calibrated)",
        "minilm_head": "MiniLM embeddings + LR head",
        "stack": "stack of both",
        "model": model_label,
        "joint_lr": "joint LR (statement + metadata; earlier head)",
        "word_only": "same head, word n-grams only (the shipped configuration, both paths)",
        "with_chars": "same model + char 3-5-grams (the deep path's configuration before LOCO)",
        "plain_tfidf_lr": "plain TF-IDF+LR",
        "majority": "majority class",
        "probe": "provenance probe",
    }
    return {names[key]: section[key] for key in names if key in section}


def format_tables(results: EvaluationResult | dict[str, Any]) -> str:
    """The evaluation as Markdown tables (printed by ``veracity evaluate``, used in the docs)."""
    if isinstance(results, EvaluationResult):
        results = results.as_dict()
    out: list[str] = []
    in_domain = results.get("in_domain", {})
    for split_name, title in (
        ("source_disjoint", "source-disjoint (grouped by outlet)"),
        ("random", "RANDOM split (outlets shared; optimistic)"),
    ):
        if split_name not in in_domain:
            continue
        section = in_domain[split_name]
        out += [f"### Articles, in-domain, {title}", ""]
        out += [*_binary_table(_systems(section, FAST_MODEL_LABEL)), ""]
        if section.get("per_collection"):
            out += [
                "Per collection (same split):",
                "",
                "| collection | system | n | accuracy | macro-F1 | AUC |",
                "|---|---|---|---|---|---|",
            ]
            for collection, systems in section["per_collection"].items():
                for name, s in _systems(systems, FAST_MODEL_LABEL).items():
                    out.append(
                        f"| {collection} | {name} | {int(s['n'])} | {_fmt(s['accuracy'])} | {_fmt(s['macro_f1'])} | {_fmt(s.get('auc'))} |"
                    )
            out.append("")
    if "provenance_probe" in results:
        probe = results["provenance_probe"]
        out += [
            "### Provenance probe (sees only the stripped artefacts)",
            "",
            f"Articles with at least one artefact: {probe['share_with_artefacts']:.1%}.",
            "",
        ]
        for split_name in ("source_disjoint", "random"):
            out += [
                f"{split_name.replace('_', '-')} split:",
                "",
                *_binary_table(_systems(probe[split_name])),
                "",
            ]
    if "politifact" in results:
        pf = results["politifact"]
        out += [
            f"### FakeNewsNet PolitiFact articles ({pf['protocol']})",
            "",
            *_binary_table(
                _systems(
                    pf,
                    "PolitiFact head (stripped text, word + char n-grams, calibrated; "
                    "the deep path's configuration before LOCO)",
                )
            ),
            "",
        ]
    if "liar" in results:
        liar = results["liar"]
        out += ["### LIAR, official test split (statement + metadata; no credit history)", ""]
        out += [
            "6-way:",
            "",
            *_multi_table(
                _systems(
                    liar["six"],
                    "LIAR stacked head (statement, metadata, speaker prior, MiniLM, similar claims)",
                )
            ),
            "",
        ]
        if "model_validation" in liar["six"]:
            valid = liar["six"]["model_validation"]
            out += [
                "The stacked head on the official validation split (fitted on train only; its "
                f"settings were chosen there): accuracy {_fmt(valid['accuracy'])}, "
                f"macro-F1 {_fmt(valid['macro_f1'])}.",
                "",
            ]
        out += [
            "Binary (half-true or truer vs the rest):",
            "",
            *_multi_table(_systems(liar["binary"], "LIAR head (statement + metadata)")),
            "",
        ]
    if "constraint" in results:
        out += [
            "### CONSTRAINT COVID-19, official test split",
            "",
            *_multi_table(_systems(results["constraint"], "CONSTRAINT head (word + char TF-IDF)")),
            "",
        ]
    if "semantic" in results:
        sem = results["semantic"]
        out += [
            f"### Semantic path (source-disjoint subsample: {sem['n_train']} train / {sem['n_test']} test articles, first {sem['max_tokens']} tokens)",
            "",
            *_binary_table(_systems(sem)),
            "",
        ]
    if "cross_corpus" in results:
        cc = results["cross_corpus"]
        families = list(cc["families"])
        out += [
            "### Cross-corpus matrix (text model; rows: trained on, columns: tested on; AUC / macro-F1)",
            "",
        ]
        out += [
            "| trained on \\ tested on | " + " | ".join(families) + " |",
            "|---" * (len(families) + 1) + "|",
        ]
        for train_name, scores in {
            **cc.get("single_family", {}),
            "all others": cc.get("all_others", {}),
        }.items():
            cells = []
            for family in families:
                s = scores.get(family)
                diagonal = train_name == family
                cells.append(
                    "(in-domain)"
                    if diagonal
                    else (f"{_fmt(s.get('auc'))} / {_fmt(s['macro_f1'])}" if s else "–")
                )
            out.append(f"| {train_name} | " + " | ".join(cells) + " |")
        out.append("")
        out += [
            "Held out (trained on all other families):",
            "",
            *_binary_table(cc.get("all_others", {})),
            "",
        ]
    return "\n".join(out)
