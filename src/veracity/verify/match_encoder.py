"""A same-claim sentence vector: MiniLM's top layer fine-tuned on headline / lead pairs (numpy).

The shared encoder's vectors (all-MiniLM-L6-v2) were trained for general similarity; here a copy
of its top layer (layer 5 of 0-5) is fine-tuned (:mod:`veracity.verify.train_match_encoder`,
training only) so that a headline and its own article's lead sentence
(:mod:`veracity.verify.headline_pairs`) lie closer than other texts of a batch and than the lead
negated or reported denied. At run time the shared int8 graph gives the states after layer 4
(:func:`~veracity.embeddings.get_layer_encoder`), this module runs the tuned layer in numpy
(:func:`~veracity.embeddings.layers.bert_layer`), mean-pools and normalises: no torch. Measured
as a fact-check re-ranker feature by bench/match_headlines.py.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from veracity.embeddings.layers import LAYER_PARAMETERS, bert_layer
from veracity.embeddings.pooling import mean_pool

# The states after this 0-based MiniLM layer feed the tuned copy of the layer above it.
INPUT_LAYER = 4
PREFIX = "layers.0."


def check_weights(weights: dict[str, np.ndarray]) -> None:
    """Raise ValueError unless ``weights`` hold exactly one BERT layer's parameters."""
    expected = {PREFIX + p for p in LAYER_PARAMETERS}
    if set(weights) != expected:
        raise ValueError(f"not one BERT layer's weights: {sorted(set(weights) ^ expected)}")


def tuned_vectors(
    weights: dict[str, np.ndarray], hidden: np.ndarray, mask: np.ndarray
) -> np.ndarray:
    """``(b, 384)`` unit vectors from the states after :data:`INPUT_LAYER` (``hidden`` (b, t,
    384), ``mask`` (b, t) 1 on tokens) through the tuned layer."""
    w32 = {k: np.asarray(v, dtype=np.float32) for k, v in weights.items()}
    m = mask.astype(np.float32)
    pooled = mean_pool(bert_layer(w32, PREFIX, hidden.astype(np.float32), m), m)
    return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


def encode_tuned(texts: Sequence[str], weights: dict[str, np.ndarray]) -> np.ndarray:
    """``(n, 384)`` tuned unit vectors of ``texts``, in order."""
    from veracity.embeddings.encoder import get_layer_encoder

    check_weights(weights)
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for index, outputs, mask in get_layer_encoder(INPUT_LAYER).all_token_states(list(texts)):
        out[index] = tuned_vectors(weights, outputs[1], mask)
    return out
