"""The check-worthiness classifiers: is a sentence a factual claim worth checking?

Two artefacts, trained on CheckThat! 2024 and ClaimBuster by :mod:`veracity.claims.train` and
loaded here with a version check: ``claims`` (the deep path and ``veracity claims``: TF-IDF and
word-level cues chosen on validation, then fitted again with the latest training debates, mixed
80/20 with three small MiniLM token heads over the shared encoder's states,
:mod:`veracity.claims.adapter`; feature set ``tfidf+cues+minilm_head`` on the card) and
``claims_batch`` (the batch full path: TF-IDF and word-level cues, :data:`BATCH_FEATURE_SETS`,
neither parser nor encoder).
"""

from __future__ import annotations

from functools import lru_cache

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import StandardScaler

from veracity.artefacts import ARTEFACTS, ArtefactSpec
from veracity.claims.cues import CueFeatures
from veracity.errors import ModelError

CLAIMS = ARTEFACTS["claims"]
CLAIMS_BATCH = ARTEFACTS["claims-batch"]


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
    """The decision threshold chosen on the validation folds (stored in the card)."""
    return _threshold(CLAIMS)


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
