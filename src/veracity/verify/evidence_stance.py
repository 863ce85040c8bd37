"""Stance of a short evidence passage (a sentence or two) towards a claim.

The FNC-1 model (:mod:`veracity.verify.stance`) learnt from headline / news-body pairs and says
"discuss" for most short passages. This head is trained on CLIMATE-FEVER claim / evidence-
sentence pairs (:mod:`veracity.verify.train_evidence_stance`): MiniLM vectors of claim ``u`` and
passage ``v`` combined as ``u*v`` and ``|u-v|``, plus cheap lexical cues (word overlap,
negation and refutation words on either side, numbers of the claim missing from the passage),
into a multinomial logistic regression. Labels follow :data:`STANCE_LABELS`: ``agree``
(supports), ``disagree`` (refutes), ``discuss`` (related, takes no side) and ``unrelated``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from veracity.artefacts import ARTEFACTS
from veracity.verify.stance import (
    HEDGING_WORDS,
    NEGATIONS,
    REFUTING_WORDS,
    STANCE_LABELS,
    tokenize,
)

EVIDENCE_STANCE_SPEC = ARTEFACTS["evidence-stance"]
# Passages up to this many words are judged by this head; longer ones (news bodies) by FNC-1's.
SHORT_PASSAGE_WORDS = 80

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
LEXICAL_FEATURES = (
    "cosine",
    "claim_words_in_passage",
    "claim_bigrams_in_passage",
    "passage_words_in_claim",
    "claim_negations",
    "passage_negations",
    "negation_mismatch",
    "passage_refuting",
    "passage_hedging",
    "claim_numbers_missing",
    "passage_has_numbers",
    "claim_log_words",
    "passage_log_words",
)


def _content(text: str) -> list[str]:
    return [t for t in tokenize(text) if t not in ENGLISH_STOP_WORDS and len(t) > 1]


def _fraction(part: set, whole: set) -> float:
    return len(part & whole) / len(part) if part else 0.0


def lexical_features(claim: str, passage: str, cosine: float) -> list[float]:
    """The :data:`LEXICAL_FEATURES` of one pair."""
    claim_tokens, passage_tokens = tokenize(claim), tokenize(passage)
    claim_content, passage_content = _content(claim), _content(passage)
    claim_bigrams = set(pairwise(claim_content))
    passage_bigrams = set(pairwise(passage_content))
    claim_negations = sum(t in NEGATIONS for t in claim_tokens)
    passage_negations = sum(t in NEGATIONS for t in passage_tokens)
    claim_numbers = set(_NUMBER.findall(claim))
    passage_numbers = set(_NUMBER.findall(passage))
    return [
        cosine,
        _fraction(set(claim_content), set(passage_content)),
        _fraction(claim_bigrams, passage_bigrams),
        _fraction(set(passage_content), set(claim_content)),
        float(claim_negations),
        float(passage_negations),
        float((claim_negations > 0) != (passage_negations > 0)),
        float(sum(t in REFUTING_WORDS for t in passage_tokens)),
        float(sum(t in HEDGING_WORDS for t in passage_tokens)),
        len(claim_numbers - passage_numbers) / len(claim_numbers) if claim_numbers else 0.0,
        float(bool(passage_numbers)),
        float(np.log1p(len(claim_tokens))),
        float(np.log1p(len(passage_tokens))),
    ]


def pair_features(
    claims: Sequence[str],
    passages: Sequence[str],
    claim_vectors: np.ndarray | None = None,
    passage_vectors: np.ndarray | None = None,
) -> np.ndarray:
    """``(n, 2 * 384 + len(LEXICAL_FEATURES))`` float32 features of claim / passage pairs."""
    from veracity.embeddings import embed

    u = embed(list(claims)) if claim_vectors is None else claim_vectors
    v = embed(list(passages)) if passage_vectors is None else passage_vectors
    cosines = np.sum(u * v, axis=1)
    lexical = np.asarray(
        [
            lexical_features(c, p, float(cos))
            for c, p, cos in zip(claims, passages, cosines, strict=True)
        ],
        dtype=np.float32,
    ).reshape(len(cosines), len(LEXICAL_FEATURES))
    return np.hstack([u * v, np.abs(u - v), lexical]).astype(np.float32)


class EvidenceStanceModel(BaseEstimator, ClassifierMixin):
    """Standardised :func:`pair_features` into a multinomial logistic regression.

    ``class_weight="sqrt"`` weighs each class by the square root of its rarity: halfway between
    no weights (the rare ``disagree`` is never predicted) and "balanced" (it is over-predicted).
    """

    def __init__(self, C: float = 0.0003, class_weight: str | None = "sqrt"):
        self.C = C
        self.class_weight = class_weight

    def fit(self, features: np.ndarray, labels: Sequence[str]) -> EvidenceStanceModel:
        """Fit on precomputed :func:`pair_features` (training embeds each text once)."""
        labels_array = np.asarray(labels)
        unknown = set(labels_array) - set(STANCE_LABELS)
        if unknown:
            raise ValueError(f"unknown stance labels {sorted(unknown)}")
        weights: dict[str, float] | str | None = self.class_weight
        if self.class_weight == "sqrt":
            names, counts = np.unique(labels_array, return_counts=True)
            weights = {
                str(n): float(np.sqrt(counts.max() / c)) for n, c in zip(names, counts, strict=True)
            }
        self.pipeline_ = make_pipeline(
            StandardScaler(),
            LogisticRegression(C=self.C, class_weight=weights, max_iter=2000),
        ).fit(features, labels_array)
        self.classes_ = np.asarray(STANCE_LABELS)
        return self

    def proba_from_features(self, features: np.ndarray) -> np.ndarray:
        """``(n, 4)`` probabilities in the order of :data:`STANCE_LABELS`."""
        out = np.zeros((len(features), len(STANCE_LABELS)), dtype=np.float64)
        if not len(features):
            return out
        proba = self.pipeline_.predict_proba(features)
        for column, label in enumerate(self.pipeline_.classes_):
            out[:, STANCE_LABELS.index(label)] = proba[:, column]
        return out

    def predict_proba(self, claims: Sequence[str], passages: Sequence[str]) -> np.ndarray:
        """``(n, 4)`` probabilities in the order of :data:`STANCE_LABELS`."""
        return self.proba_from_features(pair_features(claims, passages))

    def predict(self, claims: Sequence[str], passages: Sequence[str]) -> np.ndarray:
        """The most likely stance label of each pair."""
        return self.labels_from_proba(self.predict_proba(claims, passages))

    @staticmethod
    def labels_from_proba(proba: np.ndarray) -> np.ndarray:
        """The likeliest label of each row."""
        return np.asarray(STANCE_LABELS, dtype=object)[np.argmax(proba, axis=1)]


def is_short(passage: str) -> bool:
    """Whether ``passage`` is short enough for this head (else FNC-1's model judges it)."""
    return len(passage.split()) <= SHORT_PASSAGE_WORDS


@lru_cache(maxsize=1)
def load_evidence_stance_model() -> EvidenceStanceModel:
    """The shipped evidence-sentence stance head, version-checked."""
    EVIDENCE_STANCE_SPEC.read_card()
    return EVIDENCE_STANCE_SPEC.load_file("model.joblib")
