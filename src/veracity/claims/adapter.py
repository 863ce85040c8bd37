"""Check-worthiness from MiniLM's tokens: transformer layers fine-tuned on top of the frozen
shared encoder, then mean pooling and a logistic output.

The encoder (:mod:`veracity.embeddings`, int8 ONNX) stays as shipped; only the added layers and
the output weights are learned (by :mod:`veracity.claims.train_adapter`, with torch) and
shipped, as float16 numpy arrays (about 3.5 MB a layer): what changed, never a copy of the
base. Inference here is numpy only: no torch at run time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin

from veracity.embeddings.layers import LAYER_PARAMETERS, bert_layer


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
    weights_of_tokens = mask[..., None]
    pooled = (x * weights_of_tokens).sum(1) / np.clip(weights_of_tokens.sum(1), 1e-9, None)
    return (pooled @ weights["out.weight"].T + weights["out.bias"]).reshape(-1)


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
