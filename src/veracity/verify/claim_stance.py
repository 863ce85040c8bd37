"""Stance of an evidence passage towards a claim, read by a cross-encoder.

Claim and passage go through the shared MiniLM encoder as one sequence,
``[CLS] claim [SEP] passage [SEP]``, so every token's state already sees both texts; the
encoder (int8 ONNX, :mod:`veracity.embeddings`) stays as shipped. On top, fine-tuned with torch
by :mod:`veracity.verify.train_claim_stance` and shipped as numpy arrays: a learned vector added
to the passage's tokens (which side a token is on), BERT layers that start from MiniLM's top
layers, and a linear output over the ``[CLS]`` state and the mean of the tokens. Inference is
onnxruntime + numpy: no torch at run time.

Labels follow :data:`~veracity.verify.stance.STANCE_LABELS`: ``agree`` (supports),
``disagree`` (refutes), ``discuss`` (related, takes no side) and ``unrelated``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

import numpy as np
from scipy.special import softmax
from sklearn.base import BaseEstimator, ClassifierMixin

from veracity.artefacts import ARTEFACTS
from veracity.embeddings.layers import bert_layer
from veracity.embeddings.pooling import mean_pool
from veracity.verify.stance import STANCE_LABELS, PairStanceMixin

CLAIM_STANCE_SPEC = ARTEFACTS["claim-stance"]


def head_logits(
    weights: dict[str, np.ndarray],
    layers: int,
    hidden: np.ndarray,
    mask: np.ndarray,
    second: np.ndarray,
) -> np.ndarray:
    """``(b, 4)`` logits from encoder states ``hidden`` (b, t, 384), ``mask`` (b, t) 1 on
    tokens and ``second`` (b, t) 1 on the passage's tokens."""
    x = hidden.astype(np.float32) + second[..., None] * weights["segment"]
    mask = mask.astype(np.float32)
    for layer in range(layers):
        x = bert_layer(weights, f"layers.{layer}.", x, mask)
    pooled = np.concatenate([x[:, 0], mean_pool(x, mask)], axis=1)
    return pooled @ weights["out.weight"].T + weights["out.bias"]


class ClaimStanceModel(PairStanceMixin, BaseEstimator, ClassifierMixin):
    """(claim, passage) pairs -> probabilities of :data:`STANCE_LABELS`.

    ``weights_``: parameter name -> float16 array (computed in float32); ``layers_``: how many
    BERT layers sit on the encoder; ``verdict_rule_``: the
    :class:`~veracity.verify.verdict.VerdictRule` chosen with this model on validation claims;
    ``input_layer_``: the 0-based MiniLM layer whose states the layers read (None: the encoder's
    last hidden state; ``k``: the states after layer ``k``, the layers being tuned copies of
    MiniLM's layers above it, :func:`~veracity.embeddings.encoder.get_layer_encoder`).
    """

    def __init__(
        self,
        weights_: dict[str, np.ndarray],
        layers_: int,
        verdict_rule_=None,
        input_layer_: int | None = None,
    ) -> None:
        self.weights_ = weights_
        self.layers_ = layers_
        self.verdict_rule_ = verdict_rule_
        self.input_layer_ = input_layer_

    @property
    def classes_(self) -> np.ndarray:
        return np.asarray(STANCE_LABELS)

    def __getstate__(self) -> dict:
        # The float32 copy is a cache of this process, never saved with the model.
        return {k: v for k, v in self.__dict__.items() if k != "_weights32"}

    def _float32(self) -> dict[str, np.ndarray]:
        cached = getattr(self, "_weights32", None)
        if cached is None:
            cached = {k: np.asarray(v, dtype=np.float32) for k, v in self.weights_.items()}
            self._weights32 = cached
        return cached

    def proba_from_states(
        self, hidden: np.ndarray, mask: np.ndarray, second: np.ndarray
    ) -> np.ndarray:
        """``(b, 4)`` probabilities of one batch of encoder states."""
        return softmax(head_logits(self._float32(), self.layers_, hidden, mask, second), axis=1)

    def predict_proba(self, claims: Sequence[str], passages: Sequence[str]) -> np.ndarray:
        """``(n, 4)`` probabilities in the order of :data:`STANCE_LABELS`."""
        out = np.zeros((len(claims), len(STANCE_LABELS)), dtype=np.float64)
        for index, hidden, mask, second in pair_states_of(
            claims, passages, getattr(self, "input_layer_", None)
        ):
            out[index] = self.proba_from_states(hidden, mask, second.astype(np.float32))
        return out


def pair_states_of(
    claims: Sequence[str], passages: Sequence[str], input_layer: int | None
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """The shared encoder's batches of pair states (:meth:`~veracity.embeddings.encoder.
    SentenceEncoder.pair_token_states`): the last hidden state (``input_layer`` None) or the
    states after 0-based MiniLM layer ``input_layer``."""
    from veracity.embeddings import get_encoder
    from veracity.embeddings.encoder import get_layer_encoder

    if input_layer is None:
        return get_encoder().pair_token_states(claims, passages)
    return get_layer_encoder(input_layer).pair_token_states(claims, passages, output=1)


@lru_cache(maxsize=1)
def load_claim_stance_model() -> ClaimStanceModel:
    """The shipped claim / passage cross-encoder, version-checked."""
    CLAIM_STANCE_SPEC.read_card()
    return CLAIM_STANCE_SPEC.load_file("model.joblib")
