"""The reliability estimator, in linear stages that stay exactly explainable.

1. Text: TF-IDF word 1-2-grams (and character 3-5-grams on the deep path) into a logistic
   regression. With ``mask_names``, capitalised words and digits are removed first, so who
   or what an article is about (a celebrity, a party, a virus) does not decide its score.
   With ``balance_text``, its rows are weighted so that every training corpus, and both
   classes inside it, count equally (GossipCop's topics and each corpus's share of fakes do
   not decide which words count as unreliable).
   With ``stable_vocabulary`` (``j``), only the n-grams whose effect is stable across the
   training corpora are read: the n-grams that lean the same way (their log ratio of
   document frequencies, reliable vs unreliable) in all but ``j`` of the training corpora
   that both use them and hold both classes (:func:`stable_columns`). Each out-of-domain
   text model selects from its own training corpora only.
   With ``text_experts``, the text model is a mixture of per-corpus experts: one logistic
   regression per training corpus (its two classes weighted equally), read as the mean of
   their log-odds, which is one linear model with the experts' mean weights. A training
   corpus's out-of-domain text score is the mean of the other corpora's experts.
2. Combiner: a logistic regression over the text model's *out-of-domain* score (each training
   corpus scored by a text model fitted without it, when corpora are given), the standardised
   style and sourcing features (:mod:`veracity.models.style`) and the signal counts. Rows
   are weighted so that every corpus, and both classes inside it, count equally. With
   ``style_per_corpus``, the combiner learns from style features standardised within each
   training corpus (what sets an article apart from its own corpus), and reads any other
   article against the average of the corpora's means and spreads.
   Every signal kind is a warning: a kind whose learned weight would raise the score is left
   out. With ``sourcing_directions``, the sourcing columns keep the direction their phrase
   gives a reader too (:data:`SOURCING_DIRECTIONS`: quoting people, attributing statements,
   naming sources and citing other outlets never lower a score; unnamed sources and figures
   without a source never raise it): a column whose weight breaks it is held at zero.
   With ``headline_consistency``, it also reads how much of the headline the body bears out
   (:mod:`veracity.models.headline`), each column minus its mean over the titled training
   articles, with free signs; an article without a headline (NaN) reads the mean, so it gets
   no headline term.
3. Calibration: a Platt scaling fitted on the combiner's pooled leave-one-corpus-out scores,
   with the same weights, so the 0.5 cut sits where both classes of an unseen corpus are
   missed equally often, whatever its share of fake articles (chosen on LOCO: calibrating to
   the pooled share of fakes instead lowers the LOCO ECE but pushes whole corpora to one side
   of the cut). With ``cut_keeping_map``, the Platt-scaled scores then go through
   :class:`~veracity.models.calibration.CutKeepingMap`, fitted on the same pooled
   out-of-corpus scores: isotonic below 0.5 (held below it) and above (held at or above it),
   so the cut and every label at 0.5 stay and the scores say how often an unseen article of
   that score is reliable.

The calibrated log-odds are ``a * (u * (w · x + b) + Σ v_k z_k + Σ h_m g_m + Σ s_j t_j + d) + c``:
a term's push is ``a * u * w_i * x_i``, a style feature's ``a * v_k * z_k`` (relative to the
average training article), a headline column's ``a * h_m * g_m`` (centred) and a signal's
``a * s_j * t_j``. The cut-keeping map turns an article's Platt log-odds ``l`` into ``M(l)``; its
pushes and constant are each multiplied by ``M(l) / l`` (:meth:`CalibratedLinearModel.push_scale`),
so they add up to the log-odds it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, LeaveOneGroupOut, StratifiedKFold

from veracity.models.calibration import CutKeepingMap
from veracity.models.features import SIGNAL_COLUMNS, STYLE_COLUMNS, TEXT_COLUMN, mask_names
from veracity.models.headline import HEADLINE_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

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


# The sign a sourcing column's weight must have with ``sourcing_directions`` (+1: toward
# reliable), as its explanation reads ("quotes people directly", "cites other outlets", "names
# no source for its figures"). Every other signal kind must weigh toward unreliable (-1).
SOURCING_DIRECTIONS = {
    "style:quote_rate": 1,
    "style:attribution_rate": 1,
    "style:named_source_rate": 1,
    "signal:outlet_citation": 1,
    "style:unnamed_source_rate": -1,
    "style:unsourced_figure_share": -1,
}

# The style features that say whether a text reads like a news article at all (scope).
SCOPE_FEATURES = frozenset(
    {
        "log_words",
        "mean_word_length",
        "type_token_ratio",
        "words_per_sentence",
        "long_word_share",
        "caps_word_share",
        "proper_noun_share",
        "number_rate",
    }
)


class CalibratedLinearModel(ClassifierMixin, BaseEstimator):
    """Text logistic regression stacked with style and signals, calibrated out of domain.

    ``classes_`` is ``[0, 1]`` with 1 = reliable (``real``). Signal columns may be NaN for rows
    whose signals were not computed: those rows train the text model but not the combiner.
    ``calibration_leaves_out`` names a domain whose rows train the text model and the combiner
    but never the calibration (a batch's pseudo-labelled rows: :mod:`veracity.models.adaptation`).
    """

    # models saved before the parameter existed read it from here
    calibration_leaves_out: str | None = None

    def __init__(
        self,
        C: float = 2.0,
        word_features: int = 60_000,
        char_features: int = 60_000,
        use_chars: bool = True,
        use_signals: bool = True,
        use_style: bool = False,
        mask_names: bool = False,
        balance_domains: bool = False,
        balance_text: bool = False,
        combiner_C: float = 1.0,
        calibration_folds: int = 5,
        scope_quantile: float = 0.99,
        random_state: int = 0,
        vectoriser: ColumnTransformer | None = None,
        stable_vocabulary: int | None = None,
        style_per_corpus: bool = False,
        sourcing_directions: bool = False,
        text_experts: bool = False,
        headline_consistency: bool = False,
        cut_keeping_map: bool = False,
        calibration_leaves_out: str | None = None,
    ) -> None:
        self.C = C
        self.word_features = word_features
        self.char_features = char_features
        self.use_chars = use_chars
        self.use_signals = use_signals
        self.use_style = use_style
        self.mask_names = mask_names
        self.balance_domains = balance_domains
        self.balance_text = balance_text
        self.combiner_C = combiner_C
        self.calibration_folds = calibration_folds
        self.scope_quantile = scope_quantile
        self.random_state = random_state
        self.vectoriser = vectoriser
        self.stable_vocabulary = stable_vocabulary
        self.style_per_corpus = style_per_corpus
        self.sourcing_directions = sourcing_directions
        self.text_experts = text_experts
        self.headline_consistency = headline_consistency
        self.cut_keeping_map = cut_keeping_map
        self.calibration_leaves_out = calibration_leaves_out

    def fit(
        self,
        X: pd.DataFrame,
        y: Sequence[int] | np.ndarray,
        groups: Sequence[str] | np.ndarray | None = None,
        domains: Sequence[str] | np.ndarray | None = None,
        matrix: sparse.csr_matrix | None = None,
    ) -> CalibratedLinearModel:
        """Fit the vectoriser, out-of-domain text scores, the combiner, calibration, text model.

        ``groups`` (outlets) and ``domains`` (corpora) shape the out-of-fold scores: with at
        least three domains each domain is scored by a model fitted without it. A ``vectoriser``
        given at construction is already fitted (on unlabelled text) and is kept as it is;
        ``matrix`` then passes the rows' text features when they are already computed.
        """
        y = np.asarray(y)
        self.classes_ = np.array([0, 1])
        if self.vectoriser is not None:
            self.vectoriser_ = self.vectoriser
            if matrix is None:
                matrix = self.vectoriser_.transform(self._text_frame(X))
        else:
            self.vectoriser_ = build_vectoriser(
                word_features=self.word_features,
                char_features=self.char_features,
                use_chars=self.use_chars,
            )
            matrix = self.vectoriser_.fit_transform(self._text_frame(X))
        matrix = sparse.csr_matrix(matrix)
        folds = list(self._folds(matrix, y, groups, domains))
        weights = self._weights(y, domains)
        # the text model too learns with every (corpus, class) cell weighted equally, so the
        # largest corpus's topics and each corpus's share of fakes do not decide its words
        text_weights = (
            _cell_weights(y, domains) if self.balance_text and domains is not None else None
        )
        experts = self._experts(domains)
        fitted = {d: self._fit_expert(matrix, y, rows) for d, rows in experts.items()}
        out_of_fold = np.zeros(len(y), dtype=np.float64)
        if fitted:
            for domain, rows in experts.items():
                others = [model for d, model in fitted.items() if d != domain]
                out_of_fold[rows] = np.mean([m.decision_function(matrix[rows]) for m in others], 0)
        else:
            for train, held_out in folds:
                keep = self._stable(matrix, y, domains, train)
                model = self._fit_linear(_kept(matrix, keep)[train], y[train], text_weights, train)
                out_of_fold[held_out] = model.decision_function(matrix[held_out])
        self.signal_columns_ = list(SIGNAL_COLUMNS) if self.use_signals else []
        self.style_columns_ = list(STYLE_COLUMNS) if self.use_style else []
        self.headline_columns_ = list(HEADLINE_COLUMNS) if self.headline_consistency else []
        if self.headline_columns_:
            # the centre an article without a headline reads: its titled training articles'
            headline = X[self.headline_columns_].to_numpy(dtype=np.float64)
            titled = ~np.isnan(headline)
            self.headline_mean_ = np.array(
                [headline[titled[:, j], j].mean() if titled[:, j].any() else 0.0
                 for j in range(headline.shape[1])]
            )  # fmt: skip
        self.dropped_signal_columns_: list[str] = []
        # sourcing columns held at zero (style) or left out (signals) for their direction
        self.direction_held_columns_: list[str] = []
        self.style_rows_: np.ndarray | None = None
        if self.style_columns_:
            style = X[self.style_columns_].to_numpy(dtype=np.float64)
            if self.style_per_corpus and domains is not None:
                self.style_mean_, self.style_scale_ = corpus_style_centre(style, domains)
                self.style_rows_ = per_corpus_standardised(style, domains)
            else:
                self.style_mean_ = style.mean(axis=0)
                self.style_scale_ = np.where(style.std(axis=0) > 0, style.std(axis=0), 1.0)
            self._fit_scope(self._standardised(style))
        self._fit_combiner(out_of_fold, X, y, weights)
        self._fit_calibration(out_of_fold, X, y, weights, folds, domains)
        keep = self._stable(matrix, y, domains, np.arange(len(y)))
        self.stable_columns_ = None if keep is None else int(keep.sum())
        self.linear_ = (
            averaged_linear(list(fitted.values()))
            if fitted
            else self._fit_linear(_kept(matrix, keep), y, text_weights)
        )
        self.style_rows_ = None  # training rows only: not kept in the model
        return self

    def _experts(self, domains: Sequence[str] | np.ndarray | None) -> dict[str, np.ndarray]:
        """With ``text_experts``: each training corpus's rows (an expert is fitted on each);
        empty without it, or with fewer than three corpora (no mixture to speak of)."""
        if not self.text_experts or domains is None or len(set(domains)) < 3:
            return {}
        if self.stable_vocabulary is not None:
            raise ValueError("text_experts and stable_vocabulary do not combine")
        domains = np.asarray(domains)
        return {d: np.flatnonzero(domains == d) for d in dict.fromkeys(domains.tolist())}

    def _fit_expert(
        self, matrix: sparse.csr_matrix, y: np.ndarray, rows: np.ndarray
    ) -> LogisticRegression:
        """One corpus's text expert: its rows only, both classes weighted equally."""
        if len(set(y[rows])) < 2:
            raise ValueError("a text expert's corpus holds one class only")
        return self._linear().fit(matrix[rows], y[rows])

    def _stable(
        self,
        matrix: sparse.csr_matrix,
        y: np.ndarray,
        domains: Sequence[str] | np.ndarray | None,
        rows: np.ndarray,
    ) -> np.ndarray | None:
        """The text columns a model fitted on ``rows`` reads (None: all of them)."""
        if self.stable_vocabulary is None or domains is None:
            return None
        return stable_columns(
            matrix[rows], y[rows], np.asarray(domains)[rows], self.stable_vocabulary
        )

    def _fit_linear(
        self,
        matrix: sparse.csr_matrix,
        y: np.ndarray,
        weights: np.ndarray | None,
        rows: np.ndarray | None = None,
    ) -> LogisticRegression:
        """The text logistic regression on ``matrix``; ``weights`` (of every row) when balancing."""
        if weights is None:
            return self._linear().fit(matrix, y)
        sample_weight = weights if rows is None else weights[rows]
        return self._linear(balanced=False).fit(matrix, y, sample_weight=sample_weight)

    def _fit_combiner(
        self, out_of_fold: np.ndarray, X: pd.DataFrame, y: np.ndarray, weights: np.ndarray
    ) -> None:
        """Fit the combiner with every signal weight <= 0 (toward "unreliable").

        Each signal is, by construction, evidence against reliability; a kind whose count the
        training data associates with *reliable* articles (e.g. cover-up talk in celebrity
        news) is dropped and the combiner refitted, so no signal ever raises a score. With
        ``sourcing_directions`` each column of :data:`SOURCING_DIRECTIONS` must weigh its own
        way: the one that breaks it most is dropped (a signal) or held at zero (a style
        column), and the combiner refitted, until none does.
        """
        directions = SOURCING_DIRECTIONS if self.sourcing_directions else {}
        while True:
            stacked = self._stack(out_of_fold, X, self.style_rows_)
            usable = ~np.isnan(stacked).any(axis=1)
            if usable.sum() < 50 or len(set(y[usable])) < 2:
                raise ValueError("too few rows with signal features to fit the combiner")
            self.combiner_ = self._combiner().fit(
                stacked[usable], y[usable], sample_weight=weights[usable]
            )
            # the calibration's slope is positive, so the combiner's own signs decide
            raw = dict(
                zip(
                    [*self.style_columns_, *self._headline(), *self.signal_columns_],
                    self.combiner_.coef_[0, 1:].tolist(),
                    strict=True,
                )
            )
            # how far each column weighs against its direction (signals: toward unreliable)
            against = {
                c: -directions.get(c, -1) * w
                for c, w in raw.items()
                if c.startswith("signal:")
                or (c in directions and c not in self.direction_held_columns_)
            }
            broken = [c for c, w in against.items() if w > 0]
            if not broken:
                return
            worst = max(broken, key=against.__getitem__)
            if worst.startswith("signal:"):
                self.signal_columns_.remove(worst)
            if worst in directions:
                self.direction_held_columns_.append(worst)
            else:
                self.dropped_signal_columns_.append(worst)

    def _fit_calibration(
        self,
        out_of_fold: np.ndarray,
        X: pd.DataFrame,
        y: np.ndarray,
        weights: np.ndarray,
        folds: list[tuple[np.ndarray, np.ndarray]],
        domains: Sequence[str] | np.ndarray | None = None,
    ) -> None:
        """Platt scaling of the combiner on its pooled out-of-fold (out-of-domain) scores.

        With ``style_per_corpus`` a held-out domain's style is read as a new article's is:
        against the centre of the fold's training corpora, never its own.
        """
        stacked = self._stack(out_of_fold, X, self.style_rows_)
        usable = ~np.isnan(stacked).any(axis=1)
        if self.calibration_leaves_out is not None and domains is not None:
            # a batch's pseudo-labelled rows (models.adaptation) are split at 0.5 by
            # construction: they train the combiners but are no out-of-corpus evidence
            others = np.asarray(domains) != self.calibration_leaves_out
            folds = [(train, held_out[others[held_out]]) for train, held_out in folds]
        pooled = np.full(len(y), np.nan)
        for train, held_out in folds:
            train = train[usable[train]]
            held_out = held_out[usable[held_out]]
            if len(set(y[train])) < 2 or not len(held_out):
                continue
            combiner = self._combiner().fit(stacked[train], y[train], sample_weight=weights[train])
            held = stacked[held_out]
            if self.style_rows_ is not None and domains is not None:
                style = X[self.style_columns_].to_numpy(dtype=np.float64)
                mean, scale = corpus_style_centre(style[train], np.asarray(domains)[train])
                held = held.copy()
                held[:, 1 : 1 + len(self.style_columns_)] = (style[held_out] - mean) / scale
                for i in self._held_style():  # held at zero, as in _stack
                    held[:, 1 + i] = 0.0
            pooled[held_out] = combiner.decision_function(held)
        scored = ~np.isnan(pooled)
        self.calibration_ = LogisticRegression(C=100.0).fit(
            pooled[scored].reshape(-1, 1), y[scored], sample_weight=weights[scored]
        )
        # P(reliable) of each training row from models that never saw its domain (Platt only:
        # what the cut-keeping map is fitted on)
        platt = self.platt(pooled[scored])
        self.calibration_map_ = (
            CutKeepingMap.fit(platt, y[scored]) if self.cut_keeping_map else None
        )
        calibrated = np.full(len(y), np.nan)
        calibrated[scored] = 1.0 / (1.0 + np.exp(-platt))
        self.out_of_fold_ = calibrated
        self.out_of_fold_labels_ = np.asarray(y)
        self.out_of_fold_domains_ = np.asarray(domains) if domains is not None else None

    def _fit_scope(self, standardised: np.ndarray) -> None:
        """The form distance beyond which an article counts as out of scope.

        Only the features of a text's *form* (length, word and sentence shape, capitals,
        proper nouns, figures) measure it: a shouting, second-person, question-laden story
        is far from the average article too, but it is exactly what the score is for.
        """
        self.scope_columns_ = [
            i
            for i, c in enumerate(self.style_columns_)
            if c.removeprefix("style:") in SCOPE_FEATURES
        ]
        form = standardised[:, self.scope_columns_]
        covariance = np.cov(form, rowvar=False) + 0.05 * np.eye(form.shape[1])
        self.scope_precision_ = np.linalg.inv(covariance)
        self.scope_limit_ = float(np.quantile(self._distance(standardised), self.scope_quantile))

    def _distance(self, standardised: np.ndarray) -> np.ndarray:
        form = standardised[:, self.scope_columns_]
        return np.sqrt(np.einsum("ij,jk,ik->i", form, self.scope_precision_, form))

    def scope_distance(self, style: np.ndarray) -> np.ndarray:
        """Each row's style distance from the training articles, in units of the scope limit."""
        if not self.style_columns_:
            return np.zeros(len(style))
        return self._distance(self._standardised(style)) / self.scope_limit_

    def out_of_scope(self, style: np.ndarray) -> np.ndarray:
        """Whether each row of raw style features lies beyond the training articles' range."""
        return self.scope_distance(style) > 1.0

    def transform(self, X: pd.DataFrame) -> sparse.csr_matrix:
        """The text feature matrix of ``X``."""
        return sparse.csr_matrix(self.vectoriser_.transform(self._text_frame(X)))

    def text_score(self, matrix: sparse.csr_matrix) -> np.ndarray:
        """The text model's raw log-odds for rows of :meth:`transform`."""
        return self.linear_.decision_function(matrix)

    def decision_function(self, X: pd.DataFrame) -> np.ndarray:
        """Calibrated log-odds that each row is reliable (missing signals count as zero)."""
        return self.explained_decision(X)[1]

    def explained_decision(
        self, X: pd.DataFrame, matrix: sparse.csr_matrix | None = None, *, mapped: bool = True
    ) -> tuple[sparse.csr_matrix, np.ndarray]:
        """The text feature matrix (for explanations) and the calibrated log-odds.

        ``matrix``: the rows' text features when already computed; ``mapped=False``: the
        Platt-scaled log-odds, before the cut-keeping map.
        """
        matrix = self.transform(X) if matrix is None else matrix
        stacked = np.nan_to_num(self._stack(self.text_score(matrix), X))
        platt = self.platt(self.combiner_.decision_function(stacked))
        return matrix, self.mapped(platt) if mapped else platt

    def calibrate(self, combined: np.ndarray) -> np.ndarray:
        """The combiner's log-odds through the Platt scaling and the cut-keeping map."""
        return self.mapped(self.platt(combined))

    def platt(self, combined: np.ndarray) -> np.ndarray:
        """The combiner's log-odds through the Platt scaling."""
        return self.platt_slope * np.asarray(combined) + float(self.calibration_.intercept_[0])

    def mapped(self, platt_log_odds: np.ndarray) -> np.ndarray:
        """Platt-scaled log-odds through the cut-keeping map (unchanged without one)."""
        cut_map = self.cut_map
        return platt_log_odds if cut_map is None else cut_map.apply(platt_log_odds)

    def push_scale(self, platt_log_odds: np.ndarray) -> np.ndarray:
        """The factor on each row's pushes and constant (:class:`CutKeepingMap.push_scale`;
        1 without a map)."""
        cut_map = self.cut_map
        if cut_map is None:
            return np.ones_like(np.asarray(platt_log_odds, dtype=np.float64))
        return cut_map.push_scale(platt_log_odds, cut_map.apply(platt_log_odds))

    @property
    def cut_map(self) -> CutKeepingMap | None:
        """The fitted cut-keeping map; None without one (and in a model pickled before it)."""
        return getattr(self, "calibration_map_", None)

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """``[[P(unreliable), P(reliable)], ...]``, calibrated."""
        reliable = 1.0 / (1.0 + np.exp(-self.decision_function(X)))
        return np.column_stack([1.0 - reliable, reliable])

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """1 (reliable) where the calibrated probability is at least 0.5."""
        return (self.decision_function(X) >= 0).astype(int)

    @property
    def platt_slope(self) -> float:
        """``a``: calibrated log-odds per unit of the combiner's log-odds."""
        return float(self.calibration_.coef_[0, 0])

    @property
    def text_weight(self) -> float:
        """``a * u``: calibrated log-odds per unit of the text model's score."""
        return float(self.combiner_.coef_[0, 0]) * self.platt_slope

    @property
    def style_weights(self) -> dict[str, float]:
        """``a * v_k``: calibrated log-odds per standard deviation of each style feature."""
        coef = self.combiner_.coef_[0, 1 : 1 + len(self.style_columns_)] * self.platt_slope
        return dict(zip(self.style_columns_, coef.tolist(), strict=True))

    @property
    def headline_weights(self) -> dict[str, float]:
        """``a * h_m``: calibrated log-odds per unit of each headline column (centred)."""
        start = 1 + len(self.style_columns_)
        coef = self.combiner_.coef_[0, start : start + len(self._headline())] * self.platt_slope
        return dict(zip(self._headline(), coef.tolist(), strict=True))

    @property
    def signal_weights(self) -> dict[str, float]:
        """``a * s_j``: calibrated log-odds per unit of each signal column (``log1p(count)``)."""
        start = 1 + len(self.style_columns_) + len(self._headline())
        coef = self.combiner_.coef_[0, start:] * self.platt_slope
        return dict(zip(self.signal_columns_, coef.tolist(), strict=True))

    def _headline(self) -> list[str]:
        """The headline columns the combiner reads (none in a model fitted before them)."""
        return list(getattr(self, "headline_columns_", []))

    def feature_names(self) -> np.ndarray:
        """Names of the columns of :meth:`transform` (``words__…``, ``chars__…``)."""
        return self.vectoriser_.get_feature_names_out()

    def _text_frame(self, X: pd.DataFrame) -> pd.DataFrame:
        if not self.mask_names:
            return X[[TEXT_COLUMN]]
        import pandas as pd

        return pd.DataFrame({TEXT_COLUMN: [mask_names(t) for t in X[TEXT_COLUMN]]})

    def _standardised(self, style: np.ndarray) -> np.ndarray:
        return (style - self.style_mean_) / self.style_scale_

    def _stack(
        self, text_scores: np.ndarray, X: pd.DataFrame, style_rows: np.ndarray | None = None
    ) -> np.ndarray:
        """The combiner's inputs; ``style_rows``: the rows' standardised style when given."""
        columns = [np.asarray(text_scores, dtype=np.float64).reshape(-1, 1)]
        if self.style_columns_:
            style = (
                self._standardised(X[self.style_columns_].to_numpy(dtype=np.float64))
                if style_rows is None
                else style_rows
            )
            held = self._held_style()
            if held:  # held at zero: its weight stays exactly 0
                style = style.copy()
                style[:, held] = 0.0
            columns.append(style)
        if self._headline():
            centred = X[self._headline()].to_numpy(dtype=np.float64) - self.headline_mean_
            columns.append(np.nan_to_num(centred, nan=0.0))  # no headline: no headline term
        if self.signal_columns_:
            columns.append(X[self.signal_columns_].to_numpy(dtype=np.float64))
        return np.hstack(columns)

    def _held_style(self) -> list[int]:
        """Indices of the style columns held at zero for their direction."""
        held = getattr(self, "direction_held_columns_", ())  # absent from older models
        return [self.style_columns_.index(c) for c in held if c in self.style_columns_]

    def _combiner(self) -> LogisticRegression:
        return LogisticRegression(C=self.combiner_C, max_iter=2000)

    def _linear(self, balanced: bool = True) -> LogisticRegression:
        """The text model; ``balanced=False`` when sample weights already balance the classes."""
        return LogisticRegression(
            C=self.C,
            class_weight="balanced" if balanced else None,
            solver="liblinear",
            max_iter=200,
        )

    def _weights(self, y: np.ndarray, domains: Sequence[str] | np.ndarray | None) -> np.ndarray:
        """Per-row weights: each (domain, class) cell sums to the same total when balancing."""
        if not self.balance_domains or domains is None:
            return np.ones(len(y))
        return _cell_weights(y, domains)

    def _folds(self, matrix, y: np.ndarray, groups, domains):
        if domains is not None and len(set(domains)) >= 3:
            return LeaveOneGroupOut().split(matrix, y, np.asarray(domains))
        if groups is not None and len(set(groups)) >= self.calibration_folds:
            return GroupKFold(n_splits=self.calibration_folds).split(matrix, y, groups)
        splitter = StratifiedKFold(
            n_splits=self.calibration_folds, shuffle=True, random_state=self.random_state
        )
        return splitter.split(matrix, y)


def averaged_linear(models: Sequence[LogisticRegression]) -> LogisticRegression:
    """One logistic regression whose log-odds are the mean of ``models``' (same features)."""
    mean = LogisticRegression()
    mean.classes_ = models[0].classes_
    mean.coef_ = np.mean([m.coef_ for m in models], axis=0)
    mean.intercept_ = np.mean([m.intercept_ for m in models], axis=0)
    mean.n_features_in_ = models[0].n_features_in_
    return mean


# A corpus votes on an n-gram's direction only where at least this many of its articles use it.
STABLE_MIN_DF = 3


def stable_columns(
    matrix: sparse.csr_matrix, y: np.ndarray, domains: np.ndarray, allowed_misses: int
) -> np.ndarray:
    """The columns whose direction holds across the corpora of the rows (a boolean mask).

    Each corpus with both classes votes on each column its articles use (at least
    :data:`STABLE_MIN_DF` of them): the sign of the log ratio of the column's document
    frequency among its reliable and among its unreliable articles (add-half smoothed). A
    column is kept when one sign gets the votes of all voting corpora but ``allowed_misses``
    (at least one vote): a column some corpora do not use, or that leans one way in one
    corpus and the other way in others, is dropped.
    """
    present = sparse.csr_matrix(matrix, copy=True)
    present.data = np.ones_like(present.data)
    ups = np.zeros(matrix.shape[1], dtype=np.int32)
    downs = np.zeros(matrix.shape[1], dtype=np.int32)
    voters = 0
    for domain in dict.fromkeys(np.asarray(domains).tolist()):
        in_domain = np.asarray(domains) == domain
        reliable, unreliable = in_domain & (y == 1), in_domain & (y == 0)
        if not reliable.any() or not unreliable.any():
            continue
        voters += 1
        df_reliable = np.asarray(present[reliable].sum(axis=0)).ravel()
        df_unreliable = np.asarray(present[unreliable].sum(axis=0)).ravel()
        ratio = np.log((df_reliable + 0.5) / (reliable.sum() + 1.0)) - np.log(
            (df_unreliable + 0.5) / (unreliable.sum() + 1.0)
        )
        used = df_reliable + df_unreliable >= STABLE_MIN_DF
        ups += used & (ratio > 0)
        downs += used & (ratio < 0)
    return np.maximum(ups, downs) >= max(voters - allowed_misses, 1)


def _kept(matrix: sparse.csr_matrix, keep: np.ndarray | None) -> sparse.csr_matrix:
    """``matrix`` with the columns outside ``keep`` zeroed (their weights stay exactly 0)."""
    if keep is None:
        return matrix
    kept = sparse.csr_matrix(matrix @ sparse.diags(keep.astype(matrix.dtype)))
    kept.eliminate_zeros()
    return kept


def corpus_style_centre(
    style: np.ndarray, domains: Sequence[str] | np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The mean of the corpora's style means and the root mean of their variances."""
    domains = np.asarray(domains)
    names = list(dict.fromkeys(domains.tolist()))
    means = np.array([style[domains == d].mean(axis=0) for d in names])
    variances = np.array([style[domains == d].var(axis=0) for d in names])
    scale = np.sqrt(variances.mean(axis=0))
    return means.mean(axis=0), np.where(scale > 0, scale, 1.0)


def per_corpus_standardised(style: np.ndarray, domains: Sequence[str] | np.ndarray) -> np.ndarray:
    """Each row's style in standard deviations from its own corpus's mean."""
    domains = np.asarray(domains)
    out = np.zeros_like(style, dtype=np.float64)
    for domain in dict.fromkeys(domains.tolist()):
        rows = domains == domain
        std = style[rows].std(axis=0)
        out[rows] = (style[rows] - style[rows].mean(axis=0)) / np.where(std > 0, std, 1.0)
    return out


def _cell_weights(y: np.ndarray, domains: Sequence[str] | np.ndarray) -> np.ndarray:
    """Row weights under which every (domain, class) cell has the same total; mean 1."""
    keys = [f"{d}|{label}" for d, label in zip(domains, y, strict=True)]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    weights = np.array([1.0 / counts[key] for key in keys])
    return weights * len(y) / weights.sum()
