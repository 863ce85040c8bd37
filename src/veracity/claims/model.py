"""The check-worthiness classifiers: is a sentence a factual claim worth checking?

Two artefacts, trained on CheckThat! 2024 and ClaimBuster by :mod:`veracity.claims.train` and
loaded here with a version check: ``claims`` (TF-IDF and word-level cues chosen on validation,
then fitted again with the latest training debates, mixed 80/20 with three small MiniLM token
heads over the shared encoder's states, :mod:`veracity.claims.adapter`; feature set
``tfidf+cues+minilm_head`` on the card) and ``claims_batch`` (the batch full path: TF-IDF and
word-level cues, :data:`BATCH_FEATURE_SETS`, neither parser nor encoder; it also learnt from
claims fact-checkers checked). The deep path and ``veracity claims`` score with both
(:func:`load_checkworthiness_scorer`): the ``claims`` model, or the batch model where it is sure.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import StandardScaler

from veracity.artefacts import ARTEFACTS, ArtefactSpec
from veracity.claims.cues import CueFeatures, denies_an_event
from veracity.errors import ModelError

CLAIMS = ARTEFACTS["claims"]
CLAIMS_BATCH = ARTEFACTS["claims-batch"]

# The batch model's score at which the deep path takes its word. The claims model learnt the
# debates only and missed claims fact-checkers checked ("Hydroxychloroquine treats
# coronavirus." 0.21); the batch model also learnt 12,254 of them (0.95), and the claims model
# retrained with them lost CheckThat! dev-test F1 (0.814 -> 0.788). Chosen by
# bench/checkworthiness_combined.py (rule fixed before the run; development only): recall on
# fact-checked claims 0.794 -> 0.947, false alarms on CheckThat! dev "No" 0.032 -> 0.035,
# CheckThat! dev F1 0.940 -> 0.936; a stacked logistic on both logits lost dev F1 (0.923).
# Read once after the choice: CheckThat! dev-test F1 0.814 -> 0.812, CLIMATE-FEVER claims found
# 0.634 -> 0.794, ClaimBuster non-claims flagged 0.062 -> 0.070. Rebuilding claims-batch means
# choosing it again with that bench.
BATCH_SURE = 0.68


def make_tfidf() -> TfidfVectorizer:
    """Word 1-2 gram TF-IDF of a sentence."""
    return TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=40_000)


# Without spaCy or MiniLM: what the batch full path can afford for every candidate sentence.
BATCH_FEATURE_SETS = ("tfidf", "tfidf+cues")


def build_checkworthiness_pipeline(feature_set: str = "tfidf+cues", *, c: float = 1.0) -> Pipeline:
    """One of :data:`BATCH_FEATURE_SETS` -> balanced logistic regression."""
    parts = {
        "tfidf": make_tfidf,
        "cues": lambda: Pipeline([("cues", CueFeatures()), ("scale", StandardScaler())]),
    }
    names = feature_set.split("+")
    if feature_set not in BATCH_FEATURE_SETS:
        raise ValueError(f"unknown feature set {feature_set!r}; known: {BATCH_FEATURE_SETS}")
    features = FeatureUnion([(name, parts[name]()) for name in names])
    classifier = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    return Pipeline([("features", features), ("classifier", classifier)])


@lru_cache(maxsize=1)
def load_checkworthiness_model() -> Pipeline:
    """The shipped check-worthiness pipeline of the deep path, version-checked."""
    return _load_model(CLAIMS)


def checkworthiness_threshold() -> float:
    """The decision threshold of the deep path's scores, chosen on the validation folds for the
    claims model (stored in its card); :func:`load_checkworthiness_scorer` keeps it."""
    return _threshold(CLAIMS)


def either_probability(
    score: np.ndarray, batch_score: np.ndarray, batch_threshold: float, threshold: float
) -> np.ndarray:
    """``score``, raised where ``batch_score`` reaches ``batch_threshold`` to that score mapped
    linearly from ``[batch_threshold, 1]`` onto ``[threshold, 1]``: at or above ``threshold``
    exactly when either score reaches its own threshold, and ``score`` itself elsewhere."""
    sure = batch_score >= batch_threshold
    mapped = threshold + (1 - threshold) * (batch_score - batch_threshold) / (1 - batch_threshold)
    return np.where(sure, np.maximum(score, mapped), score)


class EitherModel(BaseEstimator, ClassifierMixin):
    """Check-worthy when ``model`` says so at ``threshold`` or ``batch`` scores at least
    ``batch_threshold``; one probability (:func:`either_probability`). A sentence that claims an
    event took nobody (:func:`~veracity.claims.cues.denies_an_event`: "Nobody died.") is
    check-worthy too, its score raised to ``threshold`` where both models score it lower: a
    claim of zero holds no figure for them to weigh."""

    def __init__(self, model: Any, batch: Any, batch_threshold: float, threshold: float) -> None:
        self.model = model
        self.batch = batch
        self.batch_threshold = batch_threshold
        self.threshold = threshold

    @property
    def classes_(self) -> np.ndarray:
        return np.array([0, 1])

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        positive = either_probability(
            self.model.predict_proba(texts)[:, 1],
            self.batch.predict_proba(texts)[:, 1],
            self.batch_threshold,
            self.threshold,
        )
        denied = np.fromiter((denies_an_event(text) for text in texts), bool, len(texts))
        positive = np.where(denied, np.maximum(positive, self.threshold), positive)
        return np.column_stack([1.0 - positive, positive])

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return (self.predict_proba(texts)[:, 1] >= self.threshold).astype(int)


@lru_cache(maxsize=1)
def load_checkworthiness_scorer() -> EitherModel:
    """What the deep path and ``veracity claims`` score sentences with: the claims model, or the
    batch model at :data:`BATCH_SURE` (claims fact-checkers checked, beyond the debates)."""
    return EitherModel(
        load_checkworthiness_model(),
        load_batch_checkworthiness_model(),
        BATCH_SURE,
        checkworthiness_threshold(),
    )


@lru_cache(maxsize=1)
def load_batch_checkworthiness_model() -> Pipeline:
    """The shipped parser-free check-worthiness pipeline of the batch path, version-checked."""
    return _load_model(CLAIMS_BATCH)


def batch_checkworthiness_threshold() -> float:
    """The batch model's decision threshold (stored in its card)."""
    return _threshold(CLAIMS_BATCH)


def _threshold(spec: ArtefactSpec) -> float:
    threshold = spec.read_card().threshold
    if threshold is None:
        raise ModelError(f"the {spec.name} card has no threshold; {spec.rebuild_hint}")
    return threshold


def _load_model(spec: ArtefactSpec) -> Pipeline:
    spec.read_card()
    return spec.load_file("model.joblib")
