"""The fast-path reliability estimator: TF-IDF words + characters + signal counts, a linear model,
and a Platt calibration fitted on out-of-fold (source-disjoint when groups are given) scores.

One logistic regression and one sigmoid keep every prediction explainable exactly: the
calibrated log-odds are ``a * (w · x + b) + c``, so each feature's push is ``a * w_i * x_i``.
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
from sklearn.preprocessing import MaxAbsScaler

from veracity.models.features import SIGNAL_COLUMNS, TEXT_COLUMN

WORD_TOKENS = r"(?u)\b\w[\w'’]*\b"


def build_vectoriser(
    *,
    word_features: int = 60_000,
    char_features: int = 60_000,
    use_chars: bool = True,
    use_signals: bool = True,
) -> ColumnTransformer:
    """Word 1-2-grams, char_wb 3-5-grams (both TF-IDF, capped vocabularies) and signal counts."""
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
    if use_signals:
        parts.append(("signals", MaxAbsScaler(), SIGNAL_COLUMNS))
    return ColumnTransformer(parts, sparse_threshold=1.0)


class CalibratedLinearModel(ClassifierMixin, BaseEstimator):
    """Logistic regression over :func:`build_vectoriser` features, Platt-calibrated out of fold.

    ``classes_`` is ``[0, 1]`` with 1 = reliable (``real``).
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
        """Fit the vectoriser once, out-of-fold scores for calibration, then the final model."""
        y = np.asarray(y)
        self.classes_ = np.array([0, 1])
        self.vectoriser_ = build_vectoriser(
            word_features=self.word_features,
            char_features=self.char_features,
            use_chars=self.use_chars,
            use_signals=self.use_signals,
        )
        matrix = sparse.csr_matrix(self.vectoriser_.fit_transform(X))
        out_of_fold = np.zeros(len(y), dtype=np.float64)
        for train, held_out in self._folds(matrix, y, groups):
            model = self._linear().fit(matrix[train], y[train])
            out_of_fold[held_out] = model.decision_function(matrix[held_out])
        self.calibrator_ = LogisticRegression(C=1e4).fit(out_of_fold.reshape(-1, 1), y)
        self.linear_ = self._linear().fit(matrix, y)
        return self

    def transform(self, X: pd.DataFrame) -> sparse.csr_matrix:
        """The feature matrix of ``X``."""
        return sparse.csr_matrix(self.vectoriser_.transform(X))

    def decision_function(self, X: pd.DataFrame) -> np.ndarray:
        """Calibrated log-odds that each row is reliable."""
        raw = self.linear_.decision_function(self.transform(X))
        return self.calibration_slope * raw + float(self.calibrator_.intercept_[0])

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """``[[P(unreliable), P(reliable)], ...]``, calibrated."""
        reliable = 1.0 / (1.0 + np.exp(-self.decision_function(X)))
        return np.column_stack([1.0 - reliable, reliable])

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """1 (reliable) where the calibrated probability is at least 0.5."""
        return (self.decision_function(X) >= 0).astype(int)

    @property
    def calibration_slope(self) -> float:
        """The Platt slope ``a``: calibrated log-odds per unit of the linear model's score."""
        return float(self.calibrator_.coef_[0, 0])

    def feature_names(self) -> np.ndarray:
        """Names of the columns of :meth:`transform` (``words__…``, ``chars__…``, ``signals__…``)."""
        return self.vectoriser_.get_feature_names_out()

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
