"""Fit the relevance calibration (:mod:`.relevance`) on the passages retrieval finds for
CLIMATE-FEVER's development claims (train + validation: no held-out claim is read), with its
figures out of fold by claim: ``veracity train relevance``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from veracity.artefacts import Card, TrainingMetrics, data_manifest
from veracity.verify.relevance import (
    FEATURES,
    FOLDS,
    READ,
    RELEVANCE,
    RelevanceModel,
    claim_fold,
    relevance_features,
)


def retrieval_dev_set(data_dir: Path) -> tuple[list[tuple[str, str]], list[tuple[str, Any]]]:
    """CLIMATE-FEVER's development pages (one per Wikipedia article, its sentences in order,
    the article's name first) and queries (claim, its gold SUPPORTS / REFUTES sentences)."""
    from veracity.data.climate_fever import load_climate_fever
    from veracity.verify.train_evidence_stance import split_claims

    train, validation, _ = split_claims(load_climate_fever(data_dir))
    pages: dict[str, dict[int, str]] = defaultdict(dict)
    queries = []
    for claim in train + validation:
        gold = set()
        for evidence in claim["evidences"]:
            article, _, number = evidence["evidence_id"].rpartition(":")
            pages[article][int(number)] = evidence["evidence"]
            if evidence["evidence_label"] in ("SUPPORTS", "REFUTES"):
                gold.add(evidence["evidence"])
        if gold:
            queries.append((claim["claim"], gold))
    documents = [
        (article, article + "\n\n" + " ".join(s for _, s in sorted(sentences.items())))
        for article, sentences in sorted(pages.items())
    ]
    return documents, queries


@dataclass
class RetrievalRows:
    """The retrieved development passages: claim, text, evidence or not, features."""

    claims: list[str]
    texts: list[str]
    labels: np.ndarray
    features: np.ndarray
    head_relatedness: np.ndarray  # 1 - the head's "unrelated": the relevance shown before


def retrieval_rows(data_dir: Path) -> RetrievalRows:
    """The first :data:`READ` passages ``EvidenceIndex.search`` returns for each development
    claim, over an index (version 4, titled pages) of the development pages."""
    from veracity.verify.evidence_stance import load_evidence_stance_model
    from veracity.verify.index import EvidenceIndex
    from veracity.verify.stance import STANCE_LABELS

    documents, queries = retrieval_dev_set(data_dir)
    index = EvidenceIndex.build([(article, text, article) for article, text in documents])
    claims, texts, labels = [], [], []
    for query, gold in queries:
        for hit in index.search(query, k=READ):
            claims.append(query)
            texts.append(hit.passage.text)
            labels.append(any(s in hit.passage.text for s in gold))
    proba = load_evidence_stance_model().predict_proba(claims, texts)
    return RetrievalRows(
        claims=claims,
        texts=texts,
        labels=np.array(labels, dtype=float),
        features=relevance_features(claims, texts, proba),
        head_relatedness=1.0 - proba[:, STANCE_LABELS.index("unrelated")],
    )


def fold_models(rows: RetrievalRows) -> dict[int, RelevanceModel]:
    """For each fold (:func:`claim_fold`), the calibration fitted on the other folds' claims."""
    folds = np.array([claim_fold(c) for c in rows.claims])
    return {
        fold: RelevanceModel.fit(rows.features[folds != fold], rows.labels[folds != fold])
        for fold in range(FOLDS)
    }


def out_of_fold(rows: RetrievalRows, models: dict[int, RelevanceModel]) -> np.ndarray:
    """Each retrieved passage's calibrated relevance from the model that did not see its claim."""
    folds = np.array([claim_fold(c) for c in rows.claims])
    out = np.zeros(len(rows.labels))
    for fold, model in models.items():
        out[folds == fold] = model.predict(rows.features[folds == fold])
    return out


def expected_calibration_error(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """ECE over ``bins`` equal-width bins."""
    edges = np.minimum((p * bins).astype(int), bins - 1)
    return float(
        sum(
            abs(p[edges == b].mean() - y[edges == b].mean()) * (edges == b).mean()
            for b in range(bins)
            if (edges == b).any()
        )
    )


class RelevanceMetrics(TrainingMetrics):
    """Out of fold by claim, on the retrieved development passages: the calibrated relevance
    and, beside it, the head's relatedness (the figure shown before)."""

    claims: int
    passages: int
    evidence_passages: int
    auc: float
    ece: float
    brier: float
    head_auc: float
    head_ece: float
    head_brier: float

    @property
    def summary(self) -> str:
        return (
            f"relevance: out of fold on {self.passages:,} retrieved CLIMATE-FEVER dev passages "
            f"AUC {self.auc:.3f} / ECE {self.ece:.3f} / Brier {self.brier:.3f} (the head's "
            f"relatedness {self.head_auc:.3f} / {self.head_ece:.3f} / {self.head_brier:.3f})"
        )


def train_relevance(data_dir: Path, out_dir: Path | None = None) -> Card:
    """Fit the calibration on the retrieved development passages; figures out of fold."""
    from sklearn.metrics import brier_score_loss, roc_auc_score

    from veracity.data.climate_fever import CLIMATE_FEVER

    rows = retrieval_rows(data_dir)
    oof = out_of_fold(rows, fold_models(rows))
    y = rows.labels
    head = rows.head_relatedness

    def scores(p: np.ndarray) -> tuple[float, float, float]:
        return (
            round(float(roc_auc_score(y, p)), 4),
            round(expected_calibration_error(p, y), 4),
            round(float(brier_score_loss(y, p)), 4),
        )

    (auc, ece, brier), (head_auc, head_ece, head_brier) = scores(oof), scores(head)
    metrics = RelevanceMetrics(
        claims=len(set(rows.claims)),
        passages=len(y),
        evidence_passages=int(y.sum()),
        auc=auc,
        ece=ece,
        brier=brier,
        head_auc=head_auc,
        head_ece=head_ece,
        head_brier=head_brier,
    )
    model = RelevanceModel.fit(rows.features, y)
    card = RELEVANCE.new_card(
        summary=metrics.summary,
        intended_use=(
            "Each retrieved passage's relevance in reports: the probability that it holds "
            "evidence that supports or refutes the claim; the verdict counts no passage below "
            "its min_evidence (veracity.verify.verdict.VerdictRule)."
        ),
        training_data=data_manifest([data_dir / CLIMATE_FEVER], data_dir),
        split={
            "method": (
                "CLIMATE-FEVER's train + validation claims with SUPPORTS / REFUTES evidence "
                "(veracity.verify.train_evidence_stance.split_claims; no held-out claim), "
                f"the first {READ} passages EvidenceIndex.search returns for each over an index "
                "of their pages (one per Wikipedia article, titled); an evidence passage holds "
                f"a gold SUPPORTS / REFUTES sentence of the claim; figures out of fold, {FOLDS} "
                "folds by claim (veracity.verify.relevance.claim_fold)"
            ),
            "claims": metrics.claims,
            "passages": metrics.passages,
        },
        features=list(FEATURES),
        coefficients=list(model.coefficients),
        intercept=model.intercept,
        metrics=metrics.record(),
        limits=(
            "Calibrated on Wikipedia sentences retrieved for climate claims, where 13% of the "
            "passages read are evidence: on news pages it ranks passages as well as its "
            "features allow, and its level is that base rate's. The head's four probabilities "
            "are read before any guard or document reading."
        ),
    )
    return RELEVANCE.save(card, out_dir)
