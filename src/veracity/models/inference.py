"""Scoring many articles at once with the shipped model, without pandas or per-row overhead.

:class:`CalibratedLinearModel` is linear end to end, so its calibrated log-odds are computed
here straight from its fitted parts: each TF-IDF vectoriser of its ``ColumnTransformer`` over the
whole chunk (one sparse matrix; word n-grams by :class:`WordTfidf`), the text logistic
regression as one sparse dot product, the style rows of the chunk, and the combiner and its
calibration over the text score, the style and the signal columns. The result equals
``model.decision_function(feature_frame(...))`` (the tests check it), the cut-keeping map
(:mod:`veracity.models.calibration`) included.

A :class:`LinearScorer` keeps only numpy arrays (and, for character n-grams, scikit-learn's
vectoriser): the fast path's, all word n-grams, is pickled by the artefact layer and loads
without importing scikit-learn, which would be a second of every cold ``analyze --fast``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat
from typing import TYPE_CHECKING, Any

import numpy as np

from veracity.models.calibration import CutKeepingMap
from veracity.models.features import mask_names, model_text
from veracity.models.headline import headline_matrix
from veracity.models.style import style_matrix
from veracity.nlp.runs import long_word_runs, lowered_chars, word_tokens

if TYPE_CHECKING:
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer

    from veracity.models.estimator import CalibratedLinearModel

# Bump when the fields of LinearScorer or WordTfidf change: scorers pickled by an earlier
# version are then rebuilt from the model instead of misread.
SCORER_FORMAT = "linear-scorer-5"

# Token patterns with the same matches as a slower one, for ``findall``, which resumes after
# each match and, at a character that starts no match, tries the next one. A ``\b`` before
# the first ``\w`` is then redundant: an attempt at a word character always succeeds (it can
# stop at the run's last word character, where ``\b`` holds), so after a match, which ends
# before a non-word character, the next attempt that succeeds is at the start of a run. A ``\b``
# after ``\w\w+`` always holds at the end of the greedy run; after ``\w[\w'’]*`` it gives
# back trailing apostrophes, as a look-behind does in one step.
_SAME_TOKENS = {
    r"(?u)\b\w\w+\b": r"\w\w+",  # scikit-learn's default
    r"(?u)\b\w[\w'’]*\b": r"\w[\w'’]*(?<!['’])",  # the shipped models': "don't" is a word
}

# The same tokens again, by ``str.split`` over the text with its separators blanked
# (:mod:`veracity.nlp.runs`), which costs a third less than the regex scan.
_RUN_TOKENISERS = {r"\w\w+": long_word_runs, r"\w[\w'’]*(?<!['’])": word_tokens}


@dataclass(frozen=True)
class SparseRows:
    """Rows of a sparse matrix in CSR arrays: what scoring and explanations read of the fast
    path's word features, without importing SciPy (a fifth of a second of a cold start)."""

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    shape: tuple[int, int]

    def __matmul__(self, vector: np.ndarray) -> np.ndarray:
        """``rows @ vector``: each row's products added in column order from 0.0 in float64,
        as SciPy's CSR product does, so the same numbers to the last bit."""
        rows: np.ndarray = np.repeat(np.arange(self.shape[0]), np.diff(self.indptr))
        products = self.data.astype(np.float64) * np.asarray(vector, dtype=np.float64)[self.indices]
        return np.bincount(rows, weights=products, minlength=self.shape[0])

    def getrow(self, i: int) -> SparseRows:
        start, end = int(self.indptr[i]), int(self.indptr[i + 1])
        return SparseRows(
            self.data[start:end],
            self.indices[start:end],
            np.array([0, end - start]),
            (1, self.shape[1]),
        )

    def __getitem__(self, i: int) -> SparseRows:
        return self.getrow(i)

    def to_scipy(self) -> sparse.csr_matrix:
        """The same rows as a SciPy CSR matrix."""
        from scipy import sparse

        return sparse.csr_matrix((self.data, self.indices, self.indptr), shape=self.shape)


class WordTfidf:
    """A fitted word 1-2-gram ``TfidfVectorizer``'s ``transform``, with numpy lookups.

    scikit-learn joins every bigram into a string and looks each up in a dict; here each token
    gets a word id (one dict lookup) and bigrams are integer pairs found by binary search in
    the sorted bigram vocabulary. Same tokens, counts, sublinear tf, idf and l2 norm, so the
    same matrix (up to float rounding).
    """

    def __init__(self, vectoriser: TfidfVectorizer) -> None:
        if not self.supports(vectoriser):
            raise ValueError("only lower-cased word 1-2-gram TF-IDF with l2 norm is supported")
        self.dtype = vectoriser.dtype
        self.n_features = len(vectoriser.vocabulary_)
        pattern = vectoriser.token_pattern
        self.token = re.compile(_SAME_TOKENS.get(pattern, pattern))
        self.idf = np.asarray(vectoriser.idf_, dtype=np.float64)
        self.sublinear = vectoriser.sublinear_tf
        word_ids: dict[str, int] = {}
        unigrams: dict[int, int] = {}
        pairs = []
        for term, column in vectoriser.vocabulary_.items():
            parts = term.split(" ")
            ids = [word_ids.setdefault(part, len(word_ids)) for part in parts]
            if len(ids) == 1:
                unigrams[ids[0]] = column
            else:
                pairs.append((ids[0], ids[1], column))
        self.word_ids = word_ids
        self.unigram_columns = np.full(len(word_ids) + 1, -1, dtype=np.int64)  # last: unknown
        for word, column in unigrams.items():
            self.unigram_columns[word] = column
        n_words = len(word_ids) + 1
        keys = np.array([a * n_words + b for a, b, _ in pairs], dtype=np.int64)
        order = np.argsort(keys)
        self.n_words = n_words
        self.bigram_keys = keys[order]
        self.bigram_columns = np.array([c for _, _, c in pairs], dtype=np.int64)[order]

    @property
    def reads_word_tokens(self) -> bool:
        """Whether its tokens are :func:`~veracity.nlp.runs.word_tokens` of the lower-cased
        text (the shipped models' pattern), which the headline columns read."""
        return _RUN_TOKENISERS.get(self.token.pattern) is word_tokens

    @staticmethod
    def supports(vectoriser: object) -> bool:
        """Whether ``vectoriser`` is one this class reproduces exactly."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        return (
            isinstance(vectoriser, TfidfVectorizer)
            and vectoriser.analyzer == "word"
            and vectoriser.lowercase
            and vectoriser.preprocessor is None
            and vectoriser.tokenizer is None
            and vectoriser.stop_words is None
            and vectoriser.strip_accents is None
            and tuple(vectoriser.ngram_range) in {(1, 1), (1, 2)}
            and vectoriser.norm == "l2"
            and vectoriser.use_idf
            and not vectoriser.binary
        )

    def transform(
        self,
        texts: Sequence[str],
        char_sets: Sequence[set[str]] | None = None,
        tokens_out: list[list[str]] | None = None,
    ) -> SparseRows:
        """The TF-IDF rows of ``texts`` (``char_sets``: each text's distinct characters, when
        already at hand; ``tokens_out``: a list given the lower-cased tokens of each text, as
        the headline columns read them).

        The chunk is handled as one array of word ids, since numpy calls per text would cost
        more than the arithmetic: each n-gram becomes a (row, column) entry, and the sparse
        matrix adds up the repeated ones into counts.
        """
        runs = _RUN_TOKENISERS.get(self.token.pattern)
        if runs is None:
            tokens = [self.token.findall(text.lower()) for text in texts]
        elif char_sets is None:
            tokens = [runs(text.lower()) for text in texts]
        else:
            tokens = list(map(runs, [t.lower() for t in texts], map(lowered_chars, char_sets)))
        if tokens_out is not None:
            tokens_out.extend(tokens)
        lengths = np.fromiter(map(len, tokens), np.int64, len(tokens))
        unknown = self.n_words - 1
        words = chain.from_iterable(tokens)
        ids = np.fromiter(
            map(self.word_ids.get, words, repeat(unknown)), np.int64, int(lengths.sum())
        )
        text_of = np.repeat(np.arange(len(texts)), lengths)
        columns = self.unigram_columns[ids]
        rows, columns = text_of[columns >= 0], columns[columns >= 0]
        if len(ids) > 1 and len(self.bigram_keys):
            first, second = ids[:-1], ids[1:]
            pairs = (text_of[:-1] == text_of[1:]) & (first != unknown) & (second != unknown)
            # sorted (bigram, row) keys: a binary search runs several times faster on sorted keys
            keys = first[pairs] * self.n_words + second[pairs]
            keys, pair_rows = np.divmod(
                np.sort(keys * len(texts) + text_of[:-1][pairs]), len(texts)
            )
            at = np.searchsorted(self.bigram_keys, keys).clip(max=len(self.bigram_keys) - 1)
            found = self.bigram_keys[at] == keys
            rows = np.concatenate([rows, pair_rows[found]])
            columns = np.concatenate([columns, self.bigram_columns[at[found]]])
        entries, counts = _counted(rows * self.n_features + columns)
        row_of, indices = np.divmod(entries, self.n_features)
        indptr = np.asarray(np.searchsorted(row_of, np.arange(len(texts) + 1)))
        tf = np.log(counts) + 1.0 if self.sublinear else counts.astype(np.float64)
        weights = tf * self.idf[indices]
        norms = np.sqrt(np.bincount(row_of, weights=weights * weights, minlength=len(texts)))
        weights /= np.where(norms > 0, norms, 1.0)[row_of]
        return SparseRows(
            weights.astype(self.dtype), indices, indptr, (len(texts), self.n_features)
        )


def _counted(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_counts=True)``: each value once, sorted, with its count.

    Sorted by numpy's stable sort, which runs about a third faster than ``unique``'s quicksort
    here: the unigram entries come grouped by row, runs that the stable sort takes whole.
    """
    ordered = np.sort(values, kind="stable")
    if not len(ordered):
        return ordered, np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    return ordered[starts], np.diff(np.append(starts, len(ordered)))


class LinearScorer:
    """The fitted parts of one :class:`CalibratedLinearModel`, read once into arrays."""

    def __init__(self, model: CalibratedLinearModel) -> None:
        self.vectorisers: list[Any] = [
            WordTfidf(transformer) if WordTfidf.supports(transformer) else transformer
            for name, transformer, _ in model.vectoriser_.transformers_
            if name != "remainder" and not isinstance(transformer, str)
        ]
        self.mask_names = bool(model.mask_names)
        self.text_coef = np.asarray(model.linear_.coef_[0], dtype=np.float64)
        self.text_intercept = float(model.linear_.intercept_[0])
        self.uses_style = bool(model.style_columns_)
        self.signal_columns = list(model.signal_columns_)
        self.combiner_coef = np.asarray(model.combiner_.coef_[0], dtype=np.float64)
        self.combiner_intercept = float(model.combiner_.intercept_[0])
        self.platt_slope = model.platt_slope
        self.platt_intercept = float(model.calibration_.intercept_[0])
        self.cut_map: CutKeepingMap | None = model.cut_map
        self.text_weight = model.text_weight
        self.style_weights = model.style_weights
        self.signal_weights = model.signal_weights
        self.headline_columns = list(getattr(model, "headline_columns_", []))
        self.headline_weights = model.headline_weights
        self.headline_mean = (
            np.asarray(model.headline_mean_, dtype=np.float64)
            if self.headline_columns
            else np.zeros(0)
        )
        if self.uses_style:
            self.style_mean = model.style_mean_
            self.style_scale = model.style_scale_
            self.scope_columns = list(model.scope_columns_)
            self.scope_precision = model.scope_precision_
            self.scope_limit = float(model.scope_limit_)
        # each column's term (block prefix removed) and whether it is a word n-gram
        blocks, _, terms = np.char.partition(model.feature_names().astype(str), "__").T
        self.terms = terms
        self.is_word = blocks == "words"

    @property
    def needs_scikit_learn(self) -> bool:
        """Whether a vectoriser is scikit-learn's own (character n-grams): then unpickling this
        scorer imports scikit-learn."""
        return not all(isinstance(v, WordTfidf) for v in self.vectorisers)

    def features(self, texts: Sequence[str]) -> tuple[SparseRows | sparse.csr_matrix, np.ndarray]:
        """The text feature matrix and the raw style rows of article texts (cut, stripped here).

        The matrix is :class:`SparseRows` when the model reads word n-grams only (the fast
        path), else a SciPy CSR matrix (with scikit-learn's character n-grams).
        """
        matrix, style, _ = self.all_features(texts)
        return matrix, style

    def all_features(
        self, texts: Sequence[str], titles: Sequence[str | None] | None = None
    ) -> tuple[SparseRows | sparse.csr_matrix, np.ndarray, np.ndarray]:
        """:meth:`features` and the headline columns of article texts given their titles
        (:mod:`veracity.models.headline`; NaN for an article without one, and every row when
        ``titles`` is None or the model reads no headline column)."""
        stripped = [model_text(text) for text in texts]
        model_texts = stripped
        # each text's distinct characters, read once for the style words and the word tokens
        char_sets: list[set[str]] | None = list(map(set, stripped))
        style = style_matrix(stripped, char_sets) if self.uses_style else np.zeros((len(texts), 0))
        if self.mask_names:
            stripped = [mask_names(text) for text in stripped]
            char_sets = None
        with_headline = bool(self.headline_columns) and titles is not None
        # the lower-cased tokens of the model texts, as the word n-grams read them: the
        # headline columns read them too (not the texts with names masked)
        words: list[list[str]] = []
        collect = with_headline and not self.mask_names
        blocks = []
        for v in self.vectorisers:
            if isinstance(v, WordTfidf):
                kept = words if collect and v.reads_word_tokens else None
                blocks.append(v.transform(stripped, char_sets, kept))
                collect = collect and kept is None
            else:
                blocks.append(v.transform(stripped))
        if with_headline and titles is not None:
            headline = headline_matrix(model_texts, titles, words or None)
        else:
            headline = np.full((len(texts), len(self.headline_columns)), np.nan)
        if len(blocks) == 1 and isinstance(blocks[0], SparseRows):
            return blocks[0], style, headline
        from scipy import sparse

        blocks = [b.to_scipy() if isinstance(b, SparseRows) else b for b in blocks]
        matrix = sparse.csr_matrix(blocks[0] if len(blocks) == 1 else sparse.hstack(blocks))
        return matrix, style, headline

    def transform(self, texts: Sequence[str]) -> SparseRows | sparse.csr_matrix:
        """The text feature matrix of raw article texts."""
        return self.features(texts)[0]

    def centred_headline(self, headline: np.ndarray) -> np.ndarray:
        """Headline rows minus the titled training articles' means, 0 where there is none."""
        return np.nan_to_num(np.asarray(headline) - self.headline_mean, nan=0.0)

    def standardised_style(self, style: np.ndarray) -> np.ndarray:
        """Style rows in standard deviations from the average training article."""
        if not self.uses_style:
            return style
        return (style - self.style_mean) / self.style_scale

    def out_of_scope(self, style: np.ndarray) -> np.ndarray:
        """Whether each row of raw style features lies beyond the training articles' range
        (:meth:`CalibratedLinearModel.out_of_scope`)."""
        if not self.uses_style:
            return np.zeros(len(style), dtype=bool)
        form = self.standardised_style(style)[:, self.scope_columns]
        distance = np.sqrt(np.einsum("ij,jk,ik->i", form, self.scope_precision, form))
        return distance / self.scope_limit > 1.0

    @property
    def constant(self) -> float:
        """The Platt-scaled log-odds of an article whose every push is 0 (no word of the
        vocabulary, the average training article's style, no headline term, no signal)."""
        return (
            self.text_weight * self.text_intercept
            + self.platt_slope * self.combiner_intercept
            + self.platt_intercept
        )

    def calibrate(self, combined: np.ndarray) -> np.ndarray:
        """The combiner's log-odds through the Platt scaling and the cut-keeping map."""
        return self.mapped(self.platt(combined))

    def platt(self, combined: np.ndarray) -> np.ndarray:
        """The combiner's log-odds through the Platt scaling."""
        return self.platt_slope * np.asarray(combined) + self.platt_intercept

    def mapped(self, platt_log_odds: np.ndarray) -> np.ndarray:
        """Platt-scaled log-odds through the cut-keeping map (unchanged without one)."""
        if self.cut_map is None:
            return np.asarray(platt_log_odds, dtype=np.float64)
        return self.cut_map.apply(platt_log_odds)

    def push_scale(self, platt_log_odds: np.ndarray) -> np.ndarray:
        """The factor on each article's pushes and constant, so that they add up to the mapped
        log-odds it is shown (:meth:`CutKeepingMap.push_scale`; 1 without a map)."""
        z = np.asarray(platt_log_odds, dtype=np.float64)
        if self.cut_map is None:
            return np.ones_like(z)
        return self.cut_map.push_scale(z, self.cut_map.apply(z))

    def decision(
        self,
        matrix: SparseRows | sparse.csr_matrix,
        signal_rows: Sequence[dict[str, float]],
        style: np.ndarray | None = None,
        headline: np.ndarray | None = None,
        *,
        mapped: bool = True,
    ) -> np.ndarray:
        """Calibrated log-odds of "reliable" for each row (a missing signal counts as zero;
        ``headline``: the rows' headline columns from :meth:`all_features`, None or NaN for
        an article without a headline, which then gets no headline term; ``mapped=False``:
        the Platt-scaled log-odds, before the cut-keeping map)."""
        text_score = matrix @ self.text_coef + self.text_intercept
        stacked = self.combiner_coef[0] * text_score + self.combiner_intercept
        n_style = 0
        if self.uses_style:
            if style is None:
                raise ValueError("this model reads style features: pass the rows of features()")
            z = self.standardised_style(style)
            n_style = z.shape[1]
            stacked += z @ self.combiner_coef[1 : 1 + n_style]
        n_head = len(self.headline_columns)
        if n_head and headline is not None:
            stacked += (
                self.centred_headline(headline)
                @ self.combiner_coef[1 + n_style : 1 + n_style + n_head]
            )
        if self.signal_columns:
            signals = np.array(
                [[row.get(column, 0.0) for column in self.signal_columns] for row in signal_rows],
                dtype=np.float64,
            ).reshape(len(signal_rows), len(self.signal_columns))
            stacked += np.nan_to_num(signals) @ self.combiner_coef[1 + n_style + n_head :]
        platt = self.platt(stacked)
        return self.mapped(platt) if mapped else platt


@lru_cache(maxsize=4)
def linear_scorer(model: CalibratedLinearModel) -> LinearScorer:
    """The scorer of a loaded model, built once per model."""
    return LinearScorer(model)
