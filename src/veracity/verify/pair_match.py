"""Same-claim evidence read from a query and a candidate together: a pair head on the shared
encoder (measured as a re-ranker feature by bench/match_pair.py; not shipped).

Sentence vectors compared one against the other put two headlines of one story close together
whatever side each takes ('Woman With Three Breasts Is Reportedly A Fake' / '... denies surgery
hoax claims'). Here the two texts go through the shared int8 MiniLM encoder as one sequence,
``[CLS] query [SEP] candidate [SEP]`` (:meth:`~veracity.embeddings.SentenceEncoder.
pair_token_states`), so each token's state sees both; a logistic head over the ``[CLS]`` state
and the token mean (768 numbers; no layer is trained, no torch) gives the logit that the
candidate states the query's claim. As a feature of the fact-check re-ranker
(:mod:`veracity.verify.matcher`) it won on the dev queries and lost held out (precision 0.934
against the 0.97 floor; docs/benchmarks.md), so the store build does not use it.

A pair costs an encoder pass (about 10-20 CPU ms), so the bench reads only candidates at cosine
>= :data:`PAIR_MIN_COSINE` (on the dev queries 98% of the same-claim candidates, 74% of all);
the others get :data:`FLOOR_LOGIT`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from veracity.embeddings.pooling import mean_pool

PAIR_MIN_COSINE = 0.5
FLOOR_LOGIT = -10.0
PAIR_DIM = 768


def pair_vectors(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``(b, 768)``: each pair's ``[CLS]`` state and its masked token mean."""
    hidden = hidden.astype(np.float32)
    return np.concatenate([hidden[:, 0], mean_pool(hidden, mask.astype(np.float32))], axis=1)


def encode_pairs(queries: Sequence[str], candidates: Sequence[str]) -> np.ndarray:
    """``(n, 768)`` :func:`pair_vectors` of ``(query, candidate)`` pairs, in order."""
    from veracity.embeddings import get_encoder

    out = np.zeros((len(queries), PAIR_DIM), dtype=np.float32)
    for index, hidden, mask, _ in get_encoder().pair_token_states(queries, candidates):
        out[index] = pair_vectors(hidden, mask)
    return out


class PairHead:
    """A logistic head: :func:`pair_vectors` -> same-claim logit, fitted by mini-batch AdamW
    for a few epochs from a small random start (early stopping is its only regulariser; a
    standardised logistic regression fitted to convergence ranked better but lost as a
    re-ranker feature on dev). Positives weigh the square root of the class ratio; dropout 0.1
    on the inputs while fitting."""

    def __init__(
        self,
        epochs: int = 2,
        learning_rate: float = 1e-3,
        weight_decay: float = 0.01,
        batch_size: int = 32,
        seed: int = 0,
    ) -> None:
        self.epochs = epochs
        self.learning_rate = learning_rate
        self.weight_decay = weight_decay
        self.batch_size = batch_size
        self.seed = seed

    def fit(self, vectors: np.ndarray, same_claim: np.ndarray) -> PairHead:
        rng = np.random.default_rng(self.seed)
        x = np.asarray(vectors, dtype=np.float64)
        y = np.asarray(same_claim, dtype=np.float64)
        bound = 1.0 / np.sqrt(x.shape[1])
        params = rng.uniform(-bound, bound, x.shape[1] + 1)  # weights, then the bias
        first, second = np.zeros_like(params), np.zeros_like(params)
        positives = max(1.0, y.sum())
        pos_weight = np.sqrt(max(1.0, (len(y) - positives) / positives))
        beta1, beta2, step = 0.9, 0.999, 0
        for _ in range(self.epochs):
            order = rng.permutation(len(y))
            for start in range(0, len(order), self.batch_size):
                rows = order[start : start + self.batch_size]
                keep = rng.random((len(rows), x.shape[1])) >= 0.1
                batch = x[rows] * keep / 0.9
                p = 1.0 / (1.0 + np.exp(-(batch @ params[:-1] + params[-1])))
                # d(BCE, positives weighted)/d(logit), averaged over the batch
                error = np.where(y[rows] == 1, (p - 1) * pos_weight, p) / len(rows)
                gradient = np.append(batch.T @ error, error.sum())
                step += 1
                params *= 1 - self.learning_rate * self.weight_decay
                first = beta1 * first + (1 - beta1) * gradient
                second = beta2 * second + (1 - beta2) * gradient**2
                corrected = first / (1 - beta1**step)
                scale = np.sqrt(second / (1 - beta2**step)) + 1e-8
                params -= self.learning_rate * corrected / scale
        self.coef_, self.intercept_ = params[:-1], float(params[-1])
        return self

    def logit(self, vectors: np.ndarray) -> np.ndarray:
        """``(n,)`` same-claim logits."""
        if not len(vectors):
            return np.zeros(0)
        return np.asarray(vectors, dtype=np.float64) @ self.coef_ + self.intercept_


def margins(logits: np.ndarray, sizes: Sequence[int]) -> np.ndarray:
    """Each candidate's logit minus the best logit among its query's other candidates (0 for a
    query's only candidate); ``sizes``: how many candidates each query has, in order."""
    out, start = np.zeros(len(logits)), 0
    for n in sizes:
        block = np.asarray(logits[start : start + n], dtype=np.float64)
        if n > 1:
            order = np.argsort(-block, kind="stable")
            best, second = block[order[0]], block[order[1]]
            out[start : start + n] = block - np.where(np.arange(n) == order[0], second, best)
        start += n
    return out
