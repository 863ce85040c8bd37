"""Stance of an evidence passage (a sentence or two, an index passage) towards a claim.

Two stages (:class:`EvidenceStanceModel`): MiniLM vectors of claim ``u`` and passage ``v``
combined as ``u*v`` and ``|u-v|`` into a logistic regression; then its probabilities with
cheap lexical features (word overlap, negations, numbers) and explicit cues
(:mod:`veracity.verify.cues`: a denial, confirmation or doubt next to the claim's words, a
negation the claim lacks, other figures, an opposite word) and, for heads fitted with
``coverage=True``, what of the claim the passage leaves out (:data:`COVERAGE_FEATURES`) into
gradient boosting. Trained on CLIMATE-FEVER, with FNC-1 and derived pairs at the weight the
validation claims chose (:mod:`veracity.verify.train_evidence_stance`). Labels
follow :data:`STANCE_LABELS`: ``agree`` (supports), ``disagree`` (refutes), ``discuss``
(related, takes no side) and ``unrelated``; reports say supports / refutes / neutral.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from veracity.artefacts import ARTEFACTS
from veracity.threads import one_openmp_thread
from veracity.verify.cues import (
    CUE_FEATURES,
    claim_names,
    content_words,
    cue_features,
    missing_names,
)
from veracity.verify.stance import (
    HEDGING_WORDS,
    NEGATIONS,
    REFUTING_WORDS,
    STANCE_LABELS,
    PairStanceMixin,
    split_sentences,
    tokenize,
)

EVIDENCE_STANCE_SPEC = ARTEFACTS["evidence-stance"]

VECTOR_FEATURES = 2 * 384
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
# What of the claim the passage leaves out (a head fitted with ``coverage=True`` reads them):
# a passage on the claim's topic that lacks its specifics (who, with what, how many) does not
# support it. Words compare by their first five letters ("bombed" ~ "bombing").
COVERAGE_FEATURES = (
    "claim_stems_in_passage",
    "claim_stems_missing",
    "claim_names_missing_share",
    "claim_names_missing",
    "best_sentence_claim_stems",
    "claim_stems",
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


def _stems(text: str) -> set[str]:
    return {word[:5] for word in content_words(text)}


def coverage_features(claim: str, passage: str) -> list[float]:
    """The :data:`COVERAGE_FEATURES` of one pair."""
    claim_stems, passage_stems = _stems(claim), _stems(passage)
    names = claim_names(claim)
    names_missing = len(missing_names(claim, passage))
    best_sentence = max(
        (
            len(claim_stems & _stems(sentence)) / len(claim_stems)
            for sentence in split_sentences(passage)
            if sentence.strip() and claim_stems  # a claim of stop words only: "It is."
        ),
        default=0.0,
    )
    return [
        len(claim_stems & passage_stems) / len(claim_stems) if claim_stems else 0.0,
        float(len(claim_stems - passage_stems)),
        names_missing / len(names) if names else 0.0,
        float(names_missing),
        best_sentence if claim_stems else 0.0,
        float(len(claim_stems)),
    ]


def pair_features(
    claims: Sequence[str],
    passages: Sequence[str],
    claim_vectors: np.ndarray | None = None,
    passage_vectors: np.ndarray | None = None,
    *,
    coverage: bool = False,
) -> np.ndarray:
    """``(n, 2 * 384 + len(LEXICAL_FEATURES) + len(CUE_FEATURES))`` float32 features of pairs,
    and the :data:`COVERAGE_FEATURES` after them when ``coverage``."""
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
    cues = np.asarray(
        [cue_features(c, p) for c, p in zip(claims, passages, strict=True)], dtype=np.float32
    ).reshape(len(cosines), len(CUE_FEATURES))
    blocks = [u * v, np.abs(u - v), lexical, cues]
    if coverage:
        blocks.append(
            np.asarray(
                [coverage_features(c, p) for c, p in zip(claims, passages, strict=True)],
                dtype=np.float32,
            ).reshape(len(cosines), len(COVERAGE_FEATURES))
        )
    return np.hstack(blocks).astype(np.float32)


class EvidenceStanceModel(PairStanceMixin, BaseEstimator, ClassifierMixin):
    """Two stages: MiniLM pair vectors into a logistic regression, then its four probabilities
    with the lexical and :data:`~veracity.verify.cues.CUE_FEATURES` into gradient boosting.

    The first stage says how close the passage is to the claim; the second reads the cues that
    vectors miss (a denial, a negation, another figure) and how they combine with that
    closeness. The boosting stage is fitted on out-of-fold first-stage probabilities, so it
    learns how far to trust them on pairs the first stage has not seen.
    ``class_weight="sqrt"`` weighs each class by the square root of its rarity.
    """

    def __init__(
        self,
        C: float = 0.0003,
        class_weight: str | None = "sqrt",
        folds: int = 3,
        coverage: bool = False,
    ):
        self.C = C
        self.class_weight = class_weight
        self.folds = folds
        self.coverage = coverage

    def _weights(self, labels: np.ndarray) -> dict[str, float]:
        names, counts = np.unique(labels, return_counts=True)
        if self.class_weight != "sqrt":
            return {str(n): 1.0 for n in names}
        return {
            str(n): float(np.sqrt(counts.max() / c)) for n, c in zip(names, counts, strict=True)
        }

    def fit(
        self,
        features: np.ndarray,
        labels: Sequence[str],
        sample_weight: np.ndarray | None = None,
    ) -> EvidenceStanceModel:
        """Fit on precomputed :func:`pair_features` (training embeds each text once);
        ``sample_weight`` (one per pair, e.g. by source) multiplies the class weights."""
        from sklearn.model_selection import StratifiedKFold, cross_val_predict

        labels_array = np.asarray(labels)
        unknown = set(labels_array) - set(STANCE_LABELS)
        if unknown:
            raise ValueError(f"unknown stance labels {sorted(unknown)}")
        weights = self._weights(labels_array)
        class_weight = np.asarray([weights[str(label)] for label in labels_array])
        sample_weight = (
            class_weight
            if sample_weight is None
            else class_weight * np.asarray(sample_weight, dtype=float)
        )
        vectors, lexical = features[:, :VECTOR_FEATURES], features[:, VECTOR_FEATURES:]
        self.first_ = make_pipeline(StandardScaler(), LogisticRegression(C=self.C, max_iter=2000))
        weighted = {"logisticregression__sample_weight": sample_weight}
        # Shuffled folds: the pairs come grouped by source (CLIMATE-FEVER, then FNC-1 and
        # derived), and unshuffled folds would score each source with a first stage fitted
        # mostly on the others, teaching the second stage to distrust it.
        out_of_fold = cross_val_predict(
            self.first_,
            vectors,
            labels_array,
            cv=StratifiedKFold(self.folds, shuffle=True, random_state=0),
            method="predict_proba",
            params=weighted,
        )
        self.first_.fit(vectors, labels_array, **weighted)
        self.second_ = HistGradientBoostingClassifier(
            max_iter=300,
            learning_rate=0.06,
            max_leaf_nodes=31,
            l2_regularization=1.0,
            random_state=0,
        ).fit(np.hstack([out_of_fold, lexical]), labels_array, sample_weight=sample_weight)
        self.classes_ = np.asarray(STANCE_LABELS)
        return self

    def proba_from_features(self, features: np.ndarray) -> np.ndarray:
        """``(n, 4)`` probabilities in the order of :data:`STANCE_LABELS`."""
        out = np.zeros((len(features), len(STANCE_LABELS)), dtype=np.float64)
        if not len(features):
            return out
        first = self.first_.predict_proba(features[:, :VECTOR_FEATURES])
        with one_openmp_thread():  # see veracity.threads
            proba = self.second_.predict_proba(np.hstack([first, features[:, VECTOR_FEATURES:]]))
        for column, label in enumerate(self.second_.classes_):
            out[:, STANCE_LABELS.index(label)] = proba[:, column]
        return out

    def predict_proba(self, claims: Sequence[str], passages: Sequence[str]) -> np.ndarray:
        """``(n, 4)`` probabilities in the order of :data:`STANCE_LABELS`."""
        # Heads saved before the coverage features existed have no ``coverage`` attribute.
        coverage = bool(getattr(self, "coverage", False))
        return self.proba_from_features(pair_features(claims, passages, coverage=coverage))


@lru_cache(maxsize=1)
def load_evidence_stance_model() -> EvidenceStanceModel:
    """The shipped evidence-sentence stance head, version-checked."""
    EVIDENCE_STANCE_SPEC.read_card()
    return EVIDENCE_STANCE_SPEC.load_file("model.joblib")
