"""The check-worthiness classifier: is a sentence a factual claim worth checking?

TF-IDF n-grams plus linguistic features (numbers, entity types, tense, questions, first
person) read from spaCy's full pipeline, into a logistic regression. Trained on ClaimBuster by
:mod:`veracity.claims.train`; loaded here with a version check.

Two artefacts: ``claims`` (the deep path, any of :data:`FEATURE_SETS`) and ``claims_batch``
(the batch full path, parser- and encoder-free :data:`BATCH_FEATURE_SETS`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import StandardScaler

from veracity.artefacts import ARTEFACTS, ArtefactSpec
from veracity.claims.cues import CueFeatures
from veracity.errors import ModelError

if TYPE_CHECKING:
    from spacy.tokens import Doc

CLAIMS = ARTEFACTS["claims"]
CLAIMS_BATCH = ARTEFACTS["claims-batch"]

_ENTITY_GROUPS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "NORP": "group",
    "FAC": "place",
    "EVENT": "event",
    "LAW": "law",
    "DATE": "time",
    "TIME": "time",
    "CARDINAL": "number",
    "QUANTITY": "number",
    "PERCENT": "number",
    "MONEY": "number",
    "ORDINAL": "number",
}
_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "we", "us", "our", "ours"})
_OPINION_VERBS = frozenset({"think", "believe", "feel", "hope", "want", "wish", "guess"})
_MODALS = frozenset({"should", "must", "ought", "would", "could", "might", "may", "will", "shall"})


def linguistic_features(doc: Doc) -> list[float]:
    """Numbers, entity types, tense, mood and person of one sentence."""
    words = [t for t in doc if not t.is_punct and not t.is_space]
    n_words = max(len(words), 1)
    groups = [_ENTITY_GROUPS.get(e.label_) for e in doc.ents]
    lower = [t.lower_ for t in words]
    return [
        float(sum(t.like_num for t in words)),
        float(any(t.like_num for t in words)),
        float(groups.count("person")),
        float(groups.count("organisation")),
        float(groups.count("place") + groups.count("group")),
        float(groups.count("time")),
        float(groups.count("number")),
        float(groups.count("event") + groups.count("law")),
        sum(t.tag_ in {"VBD", "VBN"} for t in words) / n_words,
        sum(t.tag_ in {"VBP", "VBZ"} for t in words) / n_words,
        sum(w in _MODALS for w in lower) / n_words,
        sum(w in _FIRST_PERSON for w in lower) / n_words,
        float(any(t.lemma_ in _OPINION_VERBS for t in words)),
        float(doc.text.rstrip().endswith("?")),
        float(np.log1p(n_words)),
        sum(t.tag_ in {"JJ", "JJR", "JJS", "RB", "RBR", "RBS"} for t in words) / n_words,
    ]


class LinguisticFeatures(BaseEstimator, TransformerMixin):
    """Sentences -> :func:`linguistic_features` rows, parsed with the deep spaCy pipeline."""

    def fit(self, texts: Sequence[str], y: Sequence[int] | None = None) -> LinguisticFeatures:
        return self

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        from veracity.nlp.document import load_pipeline

        nlp = load_pipeline("deep")
        rows = [linguistic_features(doc) for doc in nlp.pipe(texts, batch_size=256)]
        return np.asarray(rows, dtype=np.float64).reshape(len(rows), 16)


class SentenceEmbeddings(BaseEstimator, TransformerMixin):
    """Sentences -> MiniLM vectors (cached on disk by :func:`veracity.embeddings.embed`)."""

    def fit(self, texts: Sequence[str], y: Sequence[int] | None = None) -> SentenceEmbeddings:
        return self

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        from veracity.embeddings import embed

        return embed(list(texts))


def make_tfidf() -> TfidfVectorizer:
    """Word 1-2 gram TF-IDF of a sentence."""
    return TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=40_000)


FEATURE_SETS = ("tfidf", "tfidf+linguistic", "minilm", "minilm+linguistic")
# Without spaCy or MiniLM: what the batch full path can afford for every candidate sentence.
BATCH_FEATURE_SETS = ("tfidf", "tfidf+cues")


def build_checkworthiness_pipeline(
    feature_set: str = "tfidf+linguistic", *, c: float = 1.0
) -> Pipeline:
    """One of :data:`FEATURE_SETS` or :data:`BATCH_FEATURE_SETS` -> balanced logistic regression."""
    parts = {
        "tfidf": make_tfidf,
        "linguistic": lambda: Pipeline(
            [("parse", LinguisticFeatures()), ("scale", StandardScaler())]
        ),
        "cues": lambda: Pipeline([("cues", CueFeatures()), ("scale", StandardScaler())]),
        "minilm": SentenceEmbeddings,
    }
    names = feature_set.split("+")
    known = FEATURE_SETS + BATCH_FEATURE_SETS
    if feature_set not in known:
        raise ValueError(f"unknown feature set {feature_set!r}; known: {known}")
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
