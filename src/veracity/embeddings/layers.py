"""A BERT transformer layer in numpy, for heads fine-tuned on top of the shared encoder.

The shared MiniLM encoder (int8 ONNX) stays as shipped; a head adds layers trained with torch
(training modules only) and ships their weights as numpy arrays. This is their forward pass at
run time: no torch. MPNet's layers (:mod:`veracity.embeddings.mpnet`) are the same layer under
other parameter names, 768 wide, with a relative position bias added to the attention scores.
"""

from __future__ import annotations

import math

import numpy as np

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


def layer_norm(
    x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float = 1e-12
) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + eps) * weight + bias


# Abramowitz & Stegun 7.1.26: erf within 1.5e-7 of the exact value (6e-7 in float32 here), at a
# third of SciPy's erf's cost on float32 (MPNet's 12 layers spent 30% of their time in it)
_ERF_P = np.float32(0.3275911)
_ERF_A = tuple(
    np.float32(a) for a in (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592)
)
_GELU_ROWS = 128  # rows of activations per pass: a few MB, kept in the CPU cache


def erf(x: np.ndarray) -> np.ndarray:
    """The error function of ``x`` (within 1e-6)."""
    z = np.abs(x)
    t = 1.0 / (1.0 + _ERF_P * z)
    poly = _ERF_A[0] * t
    for a in _ERF_A[1:]:
        poly += a
        poly *= t
    z *= z
    np.negative(z, out=z)
    np.exp(z, out=z)
    poly *= z
    out = 1.0 - poly
    return np.copysign(out, x, out=out)


def gelu(x: np.ndarray) -> np.ndarray:
    """The erf GELU, as BERT and torch's default compute it (within 1e-6)."""
    x = np.asarray(x)
    rows = x.reshape(-1, x.shape[-1]) if x.ndim else x.reshape(1, 1)
    out = np.empty_like(rows)
    for at in range(0, len(rows), _GELU_ROWS):
        chunk = rows[at : at + _GELU_ROWS]
        out[at : at + _GELU_ROWS] = (
            0.5 * chunk * (1.0 + erf(chunk * np.float32(1 / math.sqrt(2.0))))
        )
    return out.reshape(x.shape)


def bert_layer(
    weights: dict[str, np.ndarray],
    prefix: str,
    hidden: np.ndarray,
    mask: np.ndarray,
    *,
    names: dict[str, str] | None = None,
    eps: float = 1e-12,
    position_bias: np.ndarray | None = None,
) -> np.ndarray:
    """One BERT layer: ``hidden`` (b, t, width) float32, ``mask`` (b, t) 1 on tokens.

    ``names``: our parameter names (:data:`LAYER_PARAMETERS` without ``.weight``/``.bias``) ->
    the names ``weights`` holds them under (default: ours); ``eps``: the layer norms' epsilon;
    ``position_bias`` (1 or b, heads, t, t): added to the attention scores (MPNet's)."""
    b, t, width = hidden.shape
    head = width // HEADS
    names = names or {}

    def heads(x: np.ndarray) -> np.ndarray:
        return x.reshape(b, t, HEADS, head).transpose(0, 2, 1, 3)

    def param(name: str, kind: str) -> np.ndarray:
        return weights[f"{prefix}{names.get(name, name)}.{kind}"]

    def linear(x: np.ndarray, name: str) -> np.ndarray:
        # one (b * t, width) product: a BLAS call per row of the batch cost 35% more
        out = x.reshape(-1, x.shape[-1]) @ param(name, "weight").T + param(name, "bias")
        return out.reshape(*x.shape[:-1], -1)

    scores = heads(linear(hidden, "query")) @ heads(linear(hidden, "key")).transpose(0, 1, 3, 2)
    scores = scores / math.sqrt(head) + (1.0 - mask[:, None, None, :]) * -1e4
    if position_bias is not None:
        scores = scores + position_bias
    scores = np.exp(scores - scores.max(-1, keepdims=True))
    attention = scores / scores.sum(-1, keepdims=True)
    context = (attention @ heads(linear(hidden, "value"))).transpose(0, 2, 1, 3).reshape(b, t, -1)
    x = layer_norm(
        hidden + linear(context, "attention_output"),
        param("attention_norm", "weight"),
        param("attention_norm", "bias"),
        eps,
    )
    inner = gelu(linear(x, "intermediate"))
    return layer_norm(
        x + linear(inner, "output"),
        param("output_norm", "weight"),
        param("output_norm", "bias"),
        eps,
    )
