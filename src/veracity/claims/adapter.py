"""Check-worthiness from MiniLM's tokens: transformer layers fine-tuned on top of the frozen
shared encoder, then mean pooling and a logistic output.

The encoder (:mod:`veracity.embeddings`, int8 ONNX) stays as shipped; only the added layers and
the output weights are learned (by :mod:`veracity.claims.train_adapter`, with torch) and
shipped, as float16 numpy arrays (about 3.5 MB a layer): what changed, never a copy of the
base. Inference here is numpy only: no torch at run time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy.special import erf, expit
from sklearn.base import BaseEstimator, ClassifierMixin

HIDDEN = 384
HEADS = 12
# A layer's parameters, named as in a BERT layer and prefixed ``layers.<i>.``; the output
# weights are "out.weight/bias".
LAYER_PARAMETERS = (
    "query.weight", "query.bias", "key.weight", "key.bias", "value.weight", "value.bias",
    "attention_output.weight", "attention_output.bias", "attention_norm.weight",
    "attention_norm.bias", "intermediate.weight", "intermediate.bias", "output.weight",
    "output.bias", "output_norm.weight", "output_norm.bias",
)  # fmt: skip


def adapter_parameters(layers: int) -> tuple[str, ...]:
    """The parameter names of an adapter with ``layers`` layers."""
    names = [f"layers.{i}.{name}" for i in range(layers) for name in LAYER_PARAMETERS]
    return (*names, "out.weight", "out.bias")


def adapter_depth(weights: dict[str, np.ndarray]) -> int:
    """How many layers the adapter ``weights`` hold."""
    return sum(1 for name in weights if name.endswith(".query.weight"))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + 1e-12) * weight + bias


def _layer(w: dict[str, np.ndarray], hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """One BERT layer (post-norm) over ``hidden`` (b, t, 384)."""
    b, t, _ = hidden.shape
    head = HIDDEN // HEADS

    def heads(x: np.ndarray) -> np.ndarray:
        return x.reshape(b, t, HEADS, head).transpose(0, 2, 1, 3)

    def linear(x: np.ndarray, name: str) -> np.ndarray:
        return x @ w[f"{name}.weight"].T + w[f"{name}.bias"]

    scores = heads(linear(hidden, "query")) @ heads(linear(hidden, "key")).transpose(0, 1, 3, 2)
    scores = scores / math.sqrt(head) + (1.0 - mask[:, None, None, :]) * -1e4
    scores = np.exp(scores - scores.max(-1, keepdims=True))
    attention = scores / scores.sum(-1, keepdims=True)
    context = (attention @ heads(linear(hidden, "value"))).transpose(0, 2, 1, 3).reshape(b, t, -1)
    x = _layer_norm(
        hidden + linear(context, "attention_output"),
        w["attention_norm.weight"],
        w["attention_norm.bias"],
    )
    inner = linear(x, "intermediate")
    inner = 0.5 * inner * (1.0 + erf(inner / math.sqrt(2.0)))
    return _layer_norm(x + linear(inner, "output"), w["output_norm.weight"], w["output_norm.bias"])


def adapter_logits(
    weights: dict[str, np.ndarray], hidden: np.ndarray, mask: np.ndarray
) -> np.ndarray:
    """Logits of a batch: ``hidden`` (b, t, 384) encoder states, ``mask`` (b, t) 1 on tokens."""
    x = hidden
    for i in range(adapter_depth(weights)):
        prefix = f"layers.{i}."
        layer = {k[len(prefix) :]: v for k, v in weights.items() if k.startswith(prefix)}
        x = _layer(layer, x, mask)
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
