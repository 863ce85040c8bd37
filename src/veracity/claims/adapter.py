"""Check-worthiness from MiniLM's tokens, read from the frozen shared encoder: transformer
layers fine-tuned on top of it, then mean pooling and a logistic output (the adapter); or no
added layer, only mean and attention pooling of its last states and a small network (the head).

The encoder (:mod:`veracity.embeddings`, int8 ONNX) stays as shipped; only the added layers and
the output weights are learned (by :mod:`veracity.claims.train_adapter`, with torch) and
shipped, as float16 numpy arrays (about 3.5 MB a layer; the head about 0.5 MB): what changed,
never a copy of the base. Inference here is numpy only: no torch at run time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin

from veracity.embeddings.layers import LAYER_PARAMETERS, bert_layer, gelu
from veracity.embeddings.pooling import mean_pool

# The token states a head reads: debate sentences are short, 64 word pieces hold all but a few.
HEAD_MAX_TOKENS = 64
HEAD_PARAMETERS = (
    "attention.weight", "attention.bias", "score.weight",
    "hidden.weight", "hidden.bias", "out.weight", "out.bias",
)  # fmt: skip


def adapter_parameters(layers: int) -> tuple[str, ...]:
    """The parameter names of an adapter with ``layers`` layers."""
    names = [f"layers.{i}.{name}" for i in range(layers) for name in LAYER_PARAMETERS]
    return (*names, "out.weight", "out.bias")


def adapter_depth(weights: dict[str, np.ndarray]) -> int:
    """How many layers the adapter ``weights`` hold."""
    return sum(1 for name in weights if name.endswith(".query.weight"))


def adapter_logits(
    weights: dict[str, np.ndarray], hidden: np.ndarray, mask: np.ndarray
) -> np.ndarray:
    """Logits of a batch: ``hidden`` (b, t, 384) encoder states, ``mask`` (b, t) 1 on tokens."""
    x = hidden
    for i in range(adapter_depth(weights)):
        x = bert_layer(weights, f"layers.{i}.", x, mask)
    return (mean_pool(x, mask) @ weights["out.weight"].T + weights["out.bias"]).reshape(-1)


def head_logits(weights: dict[str, np.ndarray], hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Logits of a batch through the head: the mean of the token states and their
    attention-weighted mean (a learned score per token), then one hidden GELU layer."""
    mean = mean_pool(hidden, mask)
    keys = np.tanh(hidden @ weights["attention.weight"].T + weights["attention.bias"])
    scores = (keys @ weights["score.weight"].T)[..., 0] + (1.0 - mask) * -1e4
    scores = np.exp(scores - scores.max(-1, keepdims=True))
    attention = scores / scores.sum(-1, keepdims=True)
    attended = (attention[..., None] * hidden).sum(1)
    inner = gelu(np.concatenate([mean, attended], -1) @ weights["hidden.weight"].T
                 + weights["hidden.bias"])  # fmt: skip
    return (inner @ weights["out.weight"].T + weights["out.bias"]).reshape(-1)


class TokenHeadClassifier(BaseEstimator, ClassifierMixin):
    """Sentences -> check-worthiness probability, from the shared encoder's last token states
    (the first :data:`HEAD_MAX_TOKENS`, rounded to float16 as in training): the mean
    probability of the heads (:func:`head_logits`), one encoder pass for all of them.

    ``heads_``: one dict per head, :data:`HEAD_PARAMETERS` -> float16 arrays (computed in
    float32), learned by :func:`veracity.claims.train_adapter.fit_token_head`.
    """

    def __init__(self, heads_: list[dict[str, np.ndarray]]) -> None:
        self.heads_ = heads_

    @property
    def classes_(self) -> np.ndarray:
        return np.array([0, 1])

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        from veracity.embeddings import get_encoder

        heads = [{k: v.astype(np.float32) for k, v in head.items()} for head in self.heads_]
        positive = np.zeros(len(texts), dtype=np.float64)
        for index, hidden, mask in get_encoder().token_states(list(texts)):
            states = hidden[:, :HEAD_MAX_TOKENS].astype(np.float16).astype(np.float32)
            positive[index] = self.probability_of_states(heads, states, mask[:, :HEAD_MAX_TOKENS])
        return np.column_stack([1.0 - positive, positive])

    @staticmethod
    def probability_of_states(
        heads: list[dict[str, np.ndarray]], states: np.ndarray, mask: np.ndarray
    ) -> np.ndarray:
        """The heads' mean probability for a batch of token ``states`` (b, t, 384)."""
        mask = mask.astype(np.float32)
        return np.mean([expit(head_logits(head, states, mask)) for head in heads], axis=0)

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return (self.predict_proba(texts)[:, 1] >= 0.5).astype(int)


class TokenAdapterClassifier(BaseEstimator, ClassifierMixin):
    """Sentences -> check-worthiness probability, from the shared encoder's token states.

    ``weights_``: :func:`adapter_parameters` -> float16 arrays (computed in float32), learned
    by :func:`veracity.claims.train_adapter.fit_token_adapter`.
    """

    def __init__(self, weights_: dict[str, np.ndarray]) -> None:
        self.weights_ = weights_

    @property
    def classes_(self) -> np.ndarray:
        return np.array([0, 1])

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        from veracity.embeddings import get_encoder

        weights = {k: v.astype(np.float32) for k, v in self.weights_.items()}
        logits = np.zeros(len(texts), dtype=np.float64)
        for index, hidden, mask in get_encoder().token_states(list(texts)):
            logits[index] = adapter_logits(weights, hidden, mask.astype(np.float32))
        positive = expit(logits)
        return np.column_stack([1.0 - positive, positive])

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return (self.predict_proba(texts)[:, 1] >= 0.5).astype(int)


class MeanProbability(BaseEstimator, ClassifierMixin):
    """The (weighted) mean check-worthiness probability of several fitted classifiers."""

    def __init__(self, members: Sequence[Any], weights: Sequence[float] | None = None) -> None:
        self.members = members
        self.weights = weights

    @property
    def classes_(self) -> np.ndarray:
        return np.array([0, 1])

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        return np.average(
            [m.predict_proba(texts) for m in self.members], axis=0, weights=self.weights
        )

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return (self.predict_proba(texts)[:, 1] >= 0.5).astype(int)
