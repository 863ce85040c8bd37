"""Fine-tune a same-claim pair head on the shared encoder's token states (training only).

A fact-check candidate and the query go through the shared int8 MiniLM encoder as one sequence,
``[CLS] query [SEP] candidate [SEP]`` (:meth:`~veracity.embeddings.SentenceEncoder.
pair_token_states`, cached by :func:`~veracity.verify.train_claim_stance.pair_states`), so every
token state already sees both texts. On top, as for the claim-stance cross-encoder: a learned
vector added to the candidate's tokens, BERT layers that start from MiniLM's top layers and a
linear output over the ``[CLS]`` state and the token mean, here with one logit: "the candidate
states the query's claim" against "another claim, or the same story told the other way".

torch is imported inside the functions and nowhere at run time; the weights run through the
numpy forward pass of :func:`veracity.verify.claim_stance.head_logits`.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from veracity.embeddings.train_layers import (
    length_batches,
)
from veracity.verify.claim_stance import head_logits
from veracity.verify.train_claim_stance import PairStates, build_pair_head, pair_head_weights

BATCH_SIZE = 32
LAYER_LR = 1e-4
HEAD_LR = 1e-3
SEED = 0


class PairRows(PairStates):
    """Some rows of cached pairs, read like :class:`PairStates` (no copy of the states)."""

    def __init__(self, states: PairStates, rows: np.ndarray) -> None:
        super().__init__(states.states, states.second, states.offsets)
        self.rows = np.asarray(rows, dtype=np.int64)

    def __len__(self) -> int:
        return len(self.rows)

    def lengths(self) -> np.ndarray:
        return super().lengths()[self.rows]

    def batch(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return PairStates(self.states, self.second, self.offsets).batch(self.rows[rows])


def pair_logits(
    weights: dict[str, np.ndarray], layers: int, states: PairStates, batch_size: int = 64
) -> np.ndarray:
    """``(n,)`` same-claim logits of cached pairs through the numpy forward pass."""
    w32 = {k: np.asarray(v, dtype=np.float32) for k, v in weights.items()}
    out = np.zeros(len(states))
    order = np.argsort(states.lengths(), kind="stable")
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        out[rows] = head_logits(w32, layers, *states.batch(rows))[:, 0]
    return out


def fit_layers_head(
    train: PairStates,
    labels: np.ndarray,
    *,
    layers: int,
    epochs: int,
    at_epoch_end: Callable[[int, dict[str, np.ndarray]], None],
    log: Callable[[str], None] = print,
) -> dict[str, np.ndarray]:
    """Fit the head on ``train`` pairs (``labels`` 1 = same claim) for ``epochs`` epochs, calling
    ``at_epoch_end(epoch, weights)`` after each (epoch from 1); returns the last weights.

    Positives are weighted by the square root of the class ratio (as the claim-stance head's
    classes are)."""
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    head = build_pair_head(layers, outputs=1)
    y = np.asarray(labels, dtype=np.float32)
    positives = max(1.0, float(y.sum()))
    pos_weight = math.sqrt(max(1.0, (len(y) - positives) / positives))
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor(pos_weight))
    layer_params = [p for n, p in head.named_parameters() if n.startswith("layers.")]
    other_params = [p for n, p in head.named_parameters() if not n.startswith("layers.")]
    groups = [{"params": other_params, "lr": HEAD_LR}]
    if layer_params:
        groups.append({"params": layer_params, "lr": LAYER_LR})
    optimiser = torch.optim.AdamW(groups, weight_decay=0.01)
    lengths = train.lengths()
    for epoch in range(1, epochs + 1):
        head.train()
        total, steps = 0.0, 0
        for rows in length_batches(lengths, rng, BATCH_SIZE):
            hidden, mask, second = (torch.from_numpy(a) for a in train.batch(rows))
            loss = loss_fn(head(hidden, mask, second)[:, 0], torch.from_numpy(y[rows]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total, steps = total + loss.item(), steps + 1
        head.eval()
        log(f"epoch {epoch}: mean loss {total / max(1, steps):.4f}")
        at_epoch_end(epoch, pair_head_weights(head, layers))
    return pair_head_weights(head, layers)
