"""The fast-path reliability estimator, in two linear stages that stay exactly explainable.

1. Text: TF-IDF word 1-2-grams and character 3-5-grams into a logistic regression.
2. Combiner: a logistic regression over the text model's *out-of-fold* score (source-disjoint
   folds when groups are given) and the signal counts. It is the Platt calibration and the
   stacking step at once, so it is fitted only on rows whose signals were computed.

The calibrated log-odds are ``a * (w · x + b) + Σ v_k s_k + c``: a term's push is
``a * w_i * x_i`` and a signal's ``v_k * s_k``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold

from veracity.models.features import SIGNAL_COLUMNS, TEXT_COLUMN

WORD_TOKENS = r"(?u)\b\w[\w'’]*\b"


def build_vectoriser(
    *, word_features: int = 60_000, char_features: int = 60_000, use_chars: bool = True
) -> ColumnTransformer:
    """Word 1-2-grams and char_wb 3-5-grams, both TF-IDF with capped vocabularies."""
    parts: list[tuple[str, object, object]] = [
        (
            "words",
            TfidfVectorizer(
                ngram_range=(1, 2),
                min_df=3,
                max_df=0.9,
                max_features=word_features,
                sublinear_tf=True,
                token_pattern=WORD_TOKENS,
                dtype=np.float32,
            ),
            TEXT_COLUMN,
        )
    ]
    if use_chars:
        parts.append(
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(3, 5),
                    min_df=5,
                    max_features=char_features,
                    sublinear_tf=True,
                    dtype=np.float32,
                ),
                TEXT_COLUMN,
            )
        )
    return ColumnTransformer(parts, sparse_threshold=1.0)


class CalibratedLinearModel(ClassifierMixin, BaseEstimator):
    """Text logistic regression stacked with signal counts in a calibrating combiner.

    ``classes_`` is ``[0, 1]`` with 1 = reliable (``real``). Signal columns may be NaN for rows
    whose signals were not computed: those rows train the text model but not the combiner.
    """

    def __init__(
        self,
        C: float = 2.0,
        word_features: int = 60_000,
        char_features: int = 60_000,
        use_chars: bool = True,
        use_signals: bool = True,
        calibration_folds: int = 5,
        random_state: int = 0,
    ) -> None:
        self.C = C
        self.word_features = word_features
        self.char_features = char_features
        self.use_chars = use_chars
        self.use_signals = use_signals
        self.calibration_folds = calibration_folds
        self.random_state = random_state

    def fit(
        self, X: pd.DataFrame, y: Sequence[int], groups: Sequence[str] | None = None
    ) -> CalibratedLinearModel:
        """Fit the vectoriser once, out-of-fold text scores, the combiner, then the text model."""
        y = np.asarray(y)
        self.classes_ = np.array([0, 1])
        self.vectoriser_ = build_vectoriser(
            word_features=self.word_features,
            char_features=self.char_features,
            use_chars=self.use_chars,
        )
        matrix = sparse.csr_matrix(self.vectoriser_.fit_transform(X))
        out_of_fold = np.zeros(len(y), dtype=np.float64)
        for train, held_out in self._folds(matrix, y, groups):
            model = self._linear().fit(matrix[train], y[train])
            out_of_fold[held_out] = model.decision_function(matrix[held_out])
        self.signal_columns_ = list(SIGNAL_COLUMNS) if self.use_signals else []
        self.dropped_signal_columns_: list[str] = []
        self._fit_combiner(out_of_fold, X, y)
        self.linear_ = self._linear().fit(matrix, y)
        return self

    def _fit_combiner(self, out_of_fold: np.ndarray, X: pd.DataFrame, y: np.ndarray) -> None:
        """Fit the combiner with every signal weight <= 0 (toward "unreliable").

        Each signal is, by construction, evidence against reliability; a kind whose count the
        training data associates with *reliable* articles (e.g. cover-up talk in celebrity
        news) is dropped and the combiner refitted, so no signal ever raises a score.
        """
        while True:
            stacked = self._stack(out_of_fold, X)
            usable = ~np.isnan(stacked).any(axis=1)
            if usable.sum() < 50 or len(set(y[usable])) < 2:
                raise ValueError("too few rows with signal features to fit the combiner")
            self.combiner_ = LogisticRegression(C=1.0, max_iter=1000).fit(
                stacked[usable], y[usable]
            )
            positive = [c for c, w in self.signal_weights.items() if w > 0]
            if not positive:
                return
            worst = max(positive, key=self.signal_weights.__getitem__)
            self.signal_columns_.remove(worst)
            self.dropped_signal_columns_.append(worst)

    def transform(self, X: pd.DataFrame) -> sparse.csr_matrix:
        """The text feature matrix of ``X``."""
        return sparse.csr_matrix(self.vectoriser_.transform(X))

    def text_score(self, matrix: sparse.csr_matrix) -> np.ndarray:
        """The text model's raw log-odds for rows of :meth:`transform`."""
        return self.linear_.decision_function(matrix)

    def decision_function(self, X: pd.DataFrame) -> np.ndarray:
        """Calibrated log-odds that each row is reliable (missing signals count as zero)."""
        return self.explained_decision(X)[1]

    def explained_decision(self, X: pd.DataFrame) -> tuple[sparse.csr_matrix, np.ndarray]:
        """The text feature matrix (for explanations) and the calibrated log-odds."""
        matrix = self.transform(X)
        stacked = np.nan_to_num(self._stack(self.text_score(matrix), X))
        return matrix, self.combiner_.decision_function(stacked)

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """``[[P(unreliable), P(reliable)], ...]``, calibrated."""
        reliable = 1.0 / (1.0 + np.exp(-self.decision_function(X)))
        return np.column_stack([1.0 - reliable, reliable])

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """1 (reliable) where the calibrated probability is at least 0.5."""
        return (self.decision_function(X) >= 0).astype(int)

    @property
    def text_weight(self) -> float:
        """``a``: calibrated log-odds per unit of the text model's score."""
        return float(self.combiner_.coef_[0, 0])

    @property
    def signal_weights(self) -> dict[str, float]:
        """``v_k``: calibrated log-odds per unit of each signal column (``log1p(count)``)."""
        return dict(zip(self.signal_columns_, self.combiner_.coef_[0, 1:].tolist(), strict=True))

    def feature_names(self) -> np.ndarray:
        """Names of the columns of :meth:`transform` (``words__…``, ``chars__…``)."""
        return self.vectoriser_.get_feature_names_out()

    def _stack(self, text_scores: np.ndarray, X: pd.DataFrame) -> np.ndarray:
        columns = [np.asarray(text_scores, dtype=np.float64).reshape(-1, 1)]
        if self.signal_columns_:
            columns.append(X[self.signal_columns_].to_numpy(dtype=np.float64))
        return np.hstack(columns)

    def _linear(self) -> LogisticRegression:
        return LogisticRegression(
            C=self.C, class_weight="balanced", solver="liblinear", max_iter=200
        )

    def _folds(self, matrix, y: np.ndarray, groups: Sequence[str] | None):
        if groups is not None and len(set(groups)) >= self.calibration_folds:
            return GroupKFold(n_splits=self.calibration_folds).split(matrix, y, groups)
        splitter = StratifiedKFold(
            n_splits=self.calibration_folds, shuffle=True, random_state=self.random_state
        )
        return splitter.split(matrix, y)
