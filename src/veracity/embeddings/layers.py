"""A BERT transformer layer in numpy, for heads fine-tuned on top of the shared encoder.

The shared MiniLM encoder (int8 ONNX) stays as shipped; a head adds layers trained with torch
(training modules only) and ships their weights as numpy arrays. This is their forward pass at
run time: no torch.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.special import erf

HIDDEN = 384
HEADS = 12
# A layer's parameters, named as in a BERT layer (prefixed by the layer's name).
LAYER_PARAMETERS = (
    "query.weight", "query.bias", "key.weight", "key.bias", "value.weight", "value.bias",
    "attention_output.weight", "attention_output.bias", "attention_norm.weight",
    "attention_norm.bias", "intermediate.weight", "intermediate.bias", "output.weight",
    "output.bias", "output_norm.weight", "output_norm.bias",
)  # fmt: skip
# Our name -> the BERT name of the parameter it starts from.
BERT_NAMES = {
    "query": "attention.self.query",
    "key": "attention.self.key",
    "value": "attention.self.value",
    "attention_output": "attention.output.dense",
    "attention_norm": "attention.output.LayerNorm",
    "intermediate": "intermediate.dense",
    "output": "output.dense",
    "output_norm": "output.LayerNorm",
}


def layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + 1e-12) * weight + bias


def gelu(x: np.ndarray) -> np.ndarray:
    """The exact (erf) GELU, as BERT and torch's default compute it."""
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


def bert_layer(
    weights: dict[str, np.ndarray], prefix: str, hidden: np.ndarray, mask: np.ndarray
) -> np.ndarray:
    """One BERT layer: ``hidden`` (b, t, 384) float32, ``mask`` (b, t) 1 on tokens."""
    b, t, _ = hidden.shape
    head = HIDDEN // HEADS

    def heads(x: np.ndarray) -> np.ndarray:
        return x.reshape(b, t, HEADS, head).transpose(0, 2, 1, 3)

    def linear(x: np.ndarray, name: str) -> np.ndarray:
        return x @ weights[f"{prefix}{name}.weight"].T + weights[f"{prefix}{name}.bias"]

    scores = heads(linear(hidden, "query")) @ heads(linear(hidden, "key")).transpose(0, 1, 3, 2)
    scores = scores / math.sqrt(head) + (1.0 - mask[:, None, None, :]) * -1e4
    scores = np.exp(scores - scores.max(-1, keepdims=True))
    attention = scores / scores.sum(-1, keepdims=True)
    context = (attention @ heads(linear(hidden, "value"))).transpose(0, 2, 1, 3).reshape(b, t, -1)
    x = layer_norm(
        hidden + linear(context, "attention_output"),
        weights[f"{prefix}attention_norm.weight"],
        weights[f"{prefix}attention_norm.bias"],
    )
    inner = gelu(linear(x, "intermediate"))
    return layer_norm(
        x + linear(inner, "output"),
        weights[f"{prefix}output_norm.weight"],
        weights[f"{prefix}output_norm.bias"],
    )
