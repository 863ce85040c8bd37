"""Fine-tune MiniLM's top layer as a same-claim bi-encoder (training only; torch inside).

Pairs: a text and the one that states its claim (a headline and its lead,
:mod:`veracity.verify.headline_pairs`), each with up to two texts that do not (the lead negated,
with an opposite word or another figure; the lead reported denied; a neighbouring article's
lead). Loss: sentence-transformers' multiple-negatives ranking, both ways: in a batch of B
pairs, each anchor must pick its own partner among the B partners and every hard negative of
the batch by cosine x :data:`SCALE` (cross-entropy), and each partner its anchor among the B
anchors. Only a copy of MiniLM's layer 5 is trained, on the cached states after layer 4 of the
shared int8 graph; its weights run through :mod:`veracity.verify.match_encoder` (numpy).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from veracity.embeddings.layers import HIDDEN
from veracity.verify.match_encoder import INPUT_LAYER, PREFIX, check_weights

SCALE = 20.0
BATCH_SIZE = 32
LEARNING_RATE = 5e-5
SEED = 0


class TextStates:
    """Cached states after :data:`~veracity.verify.match_encoder.INPUT_LAYER` of texts (ragged,
    float16), read in padded batches."""

    def __init__(self, states: np.ndarray, offsets: np.ndarray) -> None:
        self.states, self.offsets = states, offsets

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    def batch(self, rows: Sequence[int] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(hidden (b, t, 384) float32, mask (b, t) float32)`` of ``rows``."""
        lengths = [int(self.offsets[r + 1] - self.offsets[r]) for r in rows]
        width = max(lengths)
        hidden = np.zeros((len(rows), width, HIDDEN), dtype=np.float32)
        mask = np.zeros((len(rows), width), dtype=np.float32)
        for i, (r, n) in enumerate(zip(rows, lengths, strict=True)):
            hidden[i, :n] = self.states[self.offsets[r] : self.offsets[r + 1]]
            mask[i, :n] = 1.0
        return hidden, mask


def text_states(texts: Sequence[str], cache_dir: Path) -> TextStates:
    """The states of ``texts`` after the input layer, read from ``cache_dir`` or computed there."""
    from veracity.embeddings.encoder import MODEL_ID, get_layer_encoder

    key = hashlib.sha1("\x01".join([MODEL_ID, str(INPUT_LAYER), *texts]).encode()).hexdigest()
    folder = cache_dir / f"states-{key[:20]}"
    if (folder / "offsets.npy").exists():
        return TextStates(
            np.load(folder / "states.npy", mmap_mode="r"), np.load(folder / "offsets.npy")
        )
    per_text: list[np.ndarray] = [np.zeros((0, HIDDEN), np.float16)] * len(texts)
    for index, outputs, mask in get_layer_encoder(INPUT_LAYER).all_token_states(list(texts)):
        for row, at in enumerate(index):
            per_text[at] = outputs[1][row, : int(mask[row].sum())].astype(np.float16)
    offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(s) for s in per_text])
    partial = folder.with_name(folder.name + ".partial")
    partial.mkdir(parents=True, exist_ok=True)
    np.save(partial / "states.npy", np.concatenate(per_text) if texts else np.zeros((0, HIDDEN)))
    np.save(partial / "offsets.npy", offsets)
    partial.rename(folder)
    return TextStates(np.load(folder / "states.npy", mmap_mode="r"), offsets)


def layer_weights(layers) -> dict[str, np.ndarray]:  # type: ignore[no-untyped-def]
    """The trained layer's parameters as float16 arrays named for the numpy forward pass."""
    return {
        PREFIX + name: tensor.detach().cpu().numpy().astype(np.float16)
        for name, tensor in layers[0].state_dict().items()
    }


def fit_bi_encoder(
    states: TextStates,
    anchors: np.ndarray,
    partners: np.ndarray,
    negatives: np.ndarray,
    *,
    epochs: int,
    at_epoch_end: Callable[[int, dict[str, np.ndarray]], None],
    learning_rate: float = LEARNING_RATE,
    log: Callable[[str], None] = print,
    resume: tuple[int, dict[str, np.ndarray]] | None = None,
) -> dict[str, np.ndarray]:
    """Fit the layer copy on pairs (``anchors[i]``, ``partners[i]``: rows of ``states``) with
    ``negatives[i]`` (``(n, k)`` rows, -1 for none) for ``epochs`` epochs, calling
    ``at_epoch_end(epoch, weights)`` after each (the weights before any step at epoch 0).

    ``resume=(done, weights)`` starts from the weights saved after epoch ``done`` (a run split
    into boxes): epochs ``done + 1`` to ``done + epochs`` are run, their batch order seeded
    by ``done`` (a run not split draws on one seed); the optimiser's moments start anew."""
    import torch

    from veracity.embeddings.train_layers import bert_layers, length_batches, load_minilm_layers

    torch.set_num_threads(1)
    done = resume[0] if resume else 0
    torch.manual_seed(SEED + done)
    layers = bert_layers(1)
    load_minilm_layers(layers, [INPUT_LAYER + 1])
    if resume:
        check_weights(resume[1])
        layers[0].load_state_dict(
            {
                name[len(PREFIX) :]: torch.from_numpy(np.asarray(value, dtype=np.float32))
                for name, value in resume[1].items()
            }
        )
    else:
        at_epoch_end(0, layer_weights(layers))
    optimiser = torch.optim.AdamW(layers.parameters(), lr=learning_rate, weight_decay=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()
    lengths = states.lengths()[anchors]
    rng = np.random.default_rng(SEED + done)

    def embed(rows: np.ndarray) -> torch.Tensor:
        hidden, mask = (torch.from_numpy(a) for a in states.batch(rows))
        out = layers[0](hidden, mask)
        pooled = (out * mask[..., None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, dim=-1)

    for epoch in range(done + 1, done + epochs + 1):
        layers.train()
        total, steps = 0.0, 0
        for rows in length_batches(lengths, rng, BATCH_SIZE):
            hard = negatives[rows].ravel()
            hard = hard[hard >= 0]
            a = embed(anchors[rows])
            p = embed(np.concatenate([partners[rows], hard]))
            target = torch.arange(len(rows))
            scores = SCALE * a @ p.T
            loss = loss_fn(scores, target) + loss_fn(scores[:, : len(rows)].T, target)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total, steps = total + loss.item(), steps + 1
        layers.eval()
        log(f"epoch {epoch}: mean loss {total / max(1, steps):.4f}")
        with torch.no_grad():
            at_epoch_end(epoch, layer_weights(layers))
    return layer_weights(layers)
