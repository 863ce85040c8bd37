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

from veracity.embeddings.layers import HIDDEN, LAYER_PARAMETERS
from veracity.embeddings.train_layers import bert_layers, load_minilm_layers, top_layers
from veracity.verify.claim_stance import head_logits
from veracity.verify.train_claim_stance import PairStates

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


def _build_head(layers: int):  # type: ignore[no-untyped-def]
    import torch
    from torch import nn

    class Head(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.segment = nn.Parameter(torch.zeros(HIDDEN))
            self.layers = bert_layers(layers)
            self.dropout = nn.Dropout(0.1)
            self.out = nn.Linear(2 * HIDDEN, 1)

        def forward(self, hidden, mask, second):  # type: ignore[no-untyped-def]
            x = hidden + second[..., None] * self.segment
            for layer in self.layers:
                x = layer(x, mask)
            mean = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1e-9)
            return self.out(self.dropout(torch.cat([x[:, 0], mean], dim=1)))[:, 0]

    head = Head()
    if layers:
        load_minilm_layers(head.layers, top_layers(layers))
    return head


def weights_of(head, layers: int) -> dict[str, np.ndarray]:  # type: ignore[no-untyped-def]
    """The head's parameters as float16 numpy arrays, named for :func:`head_logits`."""
    weights = {
        name: tensor.detach().cpu().numpy().astype(np.float16)
        for name, tensor in head.state_dict().items()
    }
    expected = {"segment", "out.weight", "out.bias"} | {
        f"layers.{i}.{p}" for i in range(layers) for p in LAYER_PARAMETERS
    }
    assert set(weights) == expected, sorted(set(weights) ^ expected)
    return weights


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


def _batches(lengths: np.ndarray, rng: np.random.Generator, size: int) -> list[np.ndarray]:
    """Shuffled batches of rows of similar length (little padding)."""
    order = rng.permutation(len(lengths))
    batches = []
    for start in range(0, len(order), size * 50):
        pool = order[start : start + size * 50]
        pool = pool[np.argsort(lengths[pool], kind="stable")]
        batches += [pool[i : i + size] for i in range(0, len(pool), size)]
    rng.shuffle(batches)  # type: ignore[arg-type]
    return batches


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
    head = _build_head(layers)
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
        for rows in _batches(lengths, rng, BATCH_SIZE):
            hidden, mask, second = (torch.from_numpy(a) for a in train.batch(rows))
            loss = loss_fn(head(hidden, mask, second), torch.from_numpy(y[rows]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total, steps = total + loss.item(), steps + 1
        head.eval()
        log(f"epoch {epoch}: mean loss {total / max(1, steps):.4f}")
        at_epoch_end(epoch, weights_of(head, layers))
    return weights_of(head, layers)
