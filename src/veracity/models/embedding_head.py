"""A reliability head over MiniLM lead embeddings, stacked on a fitted fast model's score.

Training (all on the rows the fast model was fitted on, with ``domains`` the training corpora):

1. Embedding model: a logistic regression over the lead vectors
   (:mod:`veracity.models.lead_embedding`), rows weighted so that every (corpus, class) cell
   counts equally, as the fast model's text model. With ``project_domains``, the directions
   that separate the training corpora's (class-balanced) mean vectors are projected out first,
   so a topic shared by a whole corpus cannot decide its score.
2. Its out-of-corpus scores: each training corpus scored by an embedding model fitted without
   it.
3. Stacker: a logistic regression, cell-weighted, over the fast model's own out-of-corpus
   log-odds and the embedding model's out-of-corpus score: its probabilities are calibrated
   out of domain, as the fast model's are.

Scoring: ``stacker(fast log-odds, embedding model(vector))``; without ``use_fast`` the stacker
reads the embedding score alone (an embedding-only model, calibrated the same way).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.linear_model import LogisticRegression


def cell_weights(y: np.ndarray, domains: Sequence[str] | np.ndarray) -> np.ndarray:
    """Row weights under which every (domain, class) cell has the same total; mean 1."""
    keys = [f"{d}|{label}" for d, label in zip(domains, y, strict=True)]
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    weights = 1.0 / counts[inverse]
    return weights * len(y) / weights.sum()


def domain_directions(vectors: np.ndarray, y: np.ndarray, domains: np.ndarray) -> np.ndarray:
    """An orthonormal basis (k, d) of the spread of the corpora's class-balanced mean vectors."""
    means = []
    for domain in np.unique(domains):
        rows = domains == domain
        classes = [vectors[rows & (y == c)].mean(axis=0) for c in (0, 1) if (rows & (y == c)).any()]
        means.append(np.mean(classes, axis=0))
    centred = np.array(means) - np.mean(means, axis=0)
    _, singular, vt = np.linalg.svd(centred, full_matrices=False)
    return vt[singular > 1e-6 * max(singular.max(), 1e-12)]


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


class EmbeddingHead(BaseEstimator):
    """Embedding logistic regression, out-of-corpus stacked with the fast model's log-odds."""

    def __init__(
        self,
        C: float = 1.0,
        project_domains: bool = False,
        use_fast: bool = True,
        stacker_C: float = 1.0,
    ) -> None:
        self.C = C
        self.project_domains = project_domains
        self.use_fast = use_fast
        self.stacker_C = stacker_C

    def fit(
        self,
        vectors: np.ndarray,
        y: Sequence[int],
        domains: Sequence[str],
        fast_out_of_fold: np.ndarray | None = None,
    ) -> EmbeddingHead:
        """``fast_out_of_fold``: the fast model's out-of-corpus P(reliable) of each row (its
        ``out_of_fold_``), needed with ``use_fast``; rows where it is NaN do not fit the stacker."""
        labels = np.asarray(y)
        corpora = np.asarray(domains)
        weights = cell_weights(labels, corpora)
        self.directions_ = (
            domain_directions(vectors, labels, corpora)
            if self.project_domains
            else np.zeros((0, vectors.shape[1]))
        )
        x = self._project(vectors)
        out_of_fold = np.full(len(labels), np.nan)
        for domain in np.unique(corpora):
            held = corpora == domain
            if len(np.unique(labels[~held])) < 2:
                continue
            model = self._linear().fit(x[~held], labels[~held], sample_weight=weights[~held])
            out_of_fold[held] = model.decision_function(x[held])
        self.linear_ = self._linear().fit(x, labels, sample_weight=weights)
        stacked = self._stack(out_of_fold, fast_out_of_fold)
        usable = ~np.isnan(stacked).any(axis=1)
        self.stacker_ = LogisticRegression(C=self.stacker_C).fit(
            stacked[usable], labels[usable], sample_weight=weights[usable]
        )
        self.out_of_fold_ = out_of_fold
        return self

    def embedding_score(self, vectors: np.ndarray) -> np.ndarray:
        """The embedding model's raw log-odds."""
        return self.linear_.decision_function(self._project(vectors))

    def decision(self, vectors: np.ndarray, fast_log_odds: np.ndarray | None = None) -> np.ndarray:
        """Calibrated log-odds that each row is reliable."""
        stacked = self._stack(self.embedding_score(vectors), fast_log_odds, probabilities=False)
        return self.stacker_.decision_function(stacked)

    def _stack(
        self, embedding: np.ndarray, fast: np.ndarray | None, *, probabilities: bool = True
    ) -> np.ndarray:
        columns = [np.asarray(embedding, dtype=np.float64).reshape(-1, 1)]
        if self.use_fast:
            if fast is None:
                raise ValueError("the stacked head needs the fast model's scores")
            fast = logit(fast) if probabilities else np.asarray(fast, dtype=np.float64)
            columns.append(fast.reshape(-1, 1))
        return np.hstack(columns)

    def _project(self, vectors: np.ndarray) -> np.ndarray:
        vectors = np.asarray(vectors, dtype=np.float64)
        if not len(self.directions_):
            return vectors
        return vectors - (vectors @ self.directions_.T) @ self.directions_

    def _linear(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, max_iter=2000)


__all__ = ["EmbeddingHead", "cell_weights", "domain_directions", "logit"]
