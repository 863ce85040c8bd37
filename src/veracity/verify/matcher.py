"""Re-ranking fact-check candidates: the probability that a candidate states the query's claim.

Embedding cosine alone confuses two headlines of one story that make different claims with two
wordings of one claim. The ranker adds what a reader checks: how many of the rare words (names,
places, figures; weighted by inverse document frequency over the store) the two share, in both
directions, whether their figures agree, how far the candidate stands above the query's other
candidates, and the MinHash and polarity evidence of :mod:`veracity.verify.factchecks`. A
logistic regression over these :data:`MATCH_FEATURES`, fitted when the store is calibrated
(:func:`veracity.verify.calibrate.build_factchecks`) on dev queries only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

MATCH_FEATURES = (
    "cosine",
    "jaccard",
    "rank",
    "below_best_cosine",
    "above_next_cosine",
    "query_words_shared",
    "candidate_words_shared",
    "word_jaccard",
    "query_names_shared",
    "candidate_names_shared",
    "both_have_figures",
    "figures_shared",
    "log_length_ratio",
    "conflict",
    "query_rarity_shared",
    "candidate_rarity_shared",
    "rarest_shared_word",
    "top_candidate",
)
_WORD = re.compile(r"[a-z0-9]+")
_NAME = re.compile(r"\b[A-Z][a-zA-Z]+|\b[A-Z]{2,}\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS and len(w) > 1}


def _names(text: str) -> set[str]:
    return {w.lower() for w in _NAME.findall(text)} - ENGLISH_STOP_WORDS


def _share(part: set, whole: set) -> float:
    return len(part & whole) / len(part) if part else 0.0


class MatchRanker:
    """Standardised :data:`MATCH_FEATURES` into a logistic regression; IDF from the store."""

    def __init__(self, C: float = 1.0) -> None:
        self.C = C

    def fit_rarity(self, statements: Sequence[str]) -> MatchRanker:
        """Inverse document frequencies of the words of ``statements`` (the store)."""
        counts = Counter(w for s in statements for w in _words(s))
        self.documents_ = len(statements)
        self.idf_ = {w: float(np.log((self.documents_ + 1) / (c + 1))) for w, c in counts.items()}
        return self

    def _idf(self, word: str) -> float:
        return self.idf_.get(word, float(np.log(self.documents_ + 1)))

    def _rarity_share(self, part: set[str], whole: set[str]) -> float:
        total = sum(self._idf(w) for w in part)
        return sum(self._idf(w) for w in part & whole) / total if total else 0.0

    def features(
        self,
        query: str,
        statements: Sequence[str],
        cosines: Sequence[float],
        jaccards: Sequence[float],
        conflicts: Sequence[bool],
    ) -> np.ndarray:
        """``(len(statements), len(MATCH_FEATURES))`` features of one query's candidates,
        given best cosine first."""
        query_words, query_names = _words(query), _names(query)
        query_figures = set(_NUMBER.findall(query))
        rows = []
        for rank, statement in enumerate(statements):
            words, names = _words(statement), _names(statement)
            figures = set(_NUMBER.findall(statement))
            others = [c for i, c in enumerate(cosines) if i != rank]
            shared = query_words & words
            rows.append(
                [
                    cosines[rank],
                    jaccards[rank],
                    float(rank),
                    max(cosines) - cosines[rank],
                    cosines[rank] - max(others, default=0.0),
                    _share(query_words, words),
                    _share(words, query_words),
                    len(shared) / max(1, len(query_words | words)),
                    _share(query_names, names),
                    _share(names, query_names),
                    float(bool(query_figures and figures)),
                    float(bool(query_figures & figures)),
                    float(np.log((1 + len(query)) / (1 + len(statement)))),
                    float(conflicts[rank]),
                    self._rarity_share(query_words, words),
                    self._rarity_share(words, query_words),
                    max((self._idf(w) for w in shared), default=0.0),
                    float(rank == 0),
                ]
            )
        return np.asarray(rows, dtype=np.float64).reshape(len(statements), len(MATCH_FEATURES))

    def fit(self, features: np.ndarray, same_claim: np.ndarray) -> MatchRanker:
        """Fit on candidate features and whether each candidate is the query's claim."""
        self.model_ = make_pipeline(
            StandardScaler(), LogisticRegression(C=self.C, max_iter=2000)
        ).fit(features, same_claim.astype(int))
        return self

    def probability(self, features: np.ndarray) -> np.ndarray:
        """The probability that each candidate states the query's claim."""
        if not len(features):
            return np.zeros(0)
        return self.model_.predict_proba(features)[:, 1]
