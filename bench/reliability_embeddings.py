"""MiniLM lead embeddings for the deep path's reliability score, measured leave-one-corpus-out.

Stages (each cached under ``--cache``, keyed by fold and article id, so a rerun costs seconds):

- ``prepare --stage fast``: per LOCO fold, the shipped fast configuration and the plain
  TF-IDF+LR baseline fitted on the other folds as ``bench/reliability_report.py`` does (shared
  vocabulary); keeps their held-out scores, the fast model's abstentions and its inner
  out-of-fold (out-of-corpus) training scores, which the stacked variants read.
- ``prepare --stage chunk0`` / ``chunk1``: the MiniLM vector of each article's first / second
  126-word-piece chunk (:mod:`veracity.models.lead_embedding`), in a seeded round-robin order
  over the folds, so that a stage stopped by its time box leaves a random sample of each.
- ``prepare --stage text-cache``: copies the chunk-0 vectors into veracity's embedding cache.
- ``evaluate [--chunks 2] [--only VARIANT ...]``: the embedding variants
  (:mod:`veracity.models.embedding_head`) beside the fast model, TF-IDF+LR and the majority
  class on the same folds and rows; saved as ``evaluation-<chunks>.json`` in the cache.
- ``render``: writes the "Deep path: MiniLM lead embeddings" section of docs/benchmarks.md from
  the saved evaluations.

GossipCop's 9,967 articles are represented by the 3,000 the training cap already samples
(seed 0): every system in the table is scored on the same rows, and every training set is the
one the full LOCO run uses.

Usage: ``timeout 25m .venv/bin/python bench/reliability_embeddings.py
prepare --stage fast`` (then ``chunk0``, ``chunk1``), then ``... evaluate``, then ``render``.
"""

from __future__ import annotations

import argparse
import logging
import pickle
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict

from _templates import render as render_template  # bench/_templates.py
from veracity.models.config import TRAIN_CAP_PER_CORPUS, model_config, plain_baseline
from veracity.models.loco import (
    AUXILIARY,
    FOLDS,
    LocoTable,
    SystemSummary,
    capped_rows,
    load_loco_table,
    table_frame,
)

log = logging.getLogger("reliability_embeddings")
DEFAULT_CACHE = Path("/tmp/relembed-cache")


def evaluation_rows(table: LocoTable) -> np.ndarray:
    """Every fold and auxiliary row, GossipCop's cut to the training cap's own sample."""
    folds = list(FOLDS)
    rows = capped_rows(table, table.rows(folds), TRAIN_CAP_PER_CORPUS)
    return np.sort(np.concatenate([rows, table.rows(AUXILIARY)]))


def priority_order(table: LocoTable, rows: np.ndarray, seed: int = 0) -> list[int]:
    """``rows`` round-robin over the folds, each fold in a seeded random order, auxiliaries
    last: whenever embedding stops, every fold holds a random sample (the smaller ones whole)."""
    rng = np.random.default_rng(seed)
    queues = [rng.permutation(rows[table.fold[rows] == fold]).tolist() for fold in FOLDS]
    order = []
    for position in range(max(len(q) for q in queues)):
        order += [q[position] for q in queues if position < len(q)]
    aux = rows[np.isin(table.fold[rows], AUXILIARY)]
    return [int(i) for i in order] + [int(i) for i in rng.permutation(aux)]


def fill_text_cache(table: LocoTable, rows: np.ndarray, cache: Path) -> int:
    """Copy the cached chunk-0 vectors into veracity's embedding cache (keyed by chunk text), so
    that ``veracity train reliability --deep`` does not embed the training articles again."""
    from veracity.embeddings.cache import _key, _open_cache
    from veracity.embeddings.encoder import DEFAULT_MAX_TOKENS
    from veracity.models.lead_embedding import lead_chunks
    from veracity.settings import get_settings

    store = _load(cache / "chunk0.pkl")
    entries = []
    for i in rows:
        vector = store.get(row_key(table, int(i)))
        if vector is not None:
            span = lead_chunks(table.texts[int(i)], 1)[0]
            entries.append((_key(span, DEFAULT_MAX_TOKENS), vector.astype(np.float32).tobytes()))
    connection = _open_cache(get_settings().cache_dir / "embeddings.sqlite")
    if connection is None:
        raise SystemExit("the embedding cache is not writable")
    with connection:
        connection.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)", entries)
    connection.close()
    return len(entries)


def head_cost(table: LocoTable, rows: np.ndarray, n: int = 60, chunks: int = 1) -> float:
    """CPU milliseconds per article of the deep head's extra work: the MiniLM vectors of the
    opening's first ``chunks`` chunks (uncached) for ``n`` evaluation articles."""
    from veracity.embeddings.encoder import get_encoder
    from veracity.models.lead_embedding import lead_chunks

    texts = [table.texts[int(i)] for i in rows[:: max(len(rows) // n, 1)][:n]]
    encoder = get_encoder()
    encoder.encode(["warm up"])
    started = time.process_time()
    encoder.encode([span for t in texts for span in lead_chunks(t, chunks)])
    return 1000 * (time.process_time() - started) / len(texts)


def row_key(table: LocoTable, i: int) -> str:
    record = table.records[i]
    return f"{table.fold[i]}/{record.corpus}/{record.id}"


def _load(path: Path) -> dict[str, Any]:
    if path.is_file():
        with path.open("rb") as handle:
            return pickle.load(handle)
    return {}


def _save(path: Path, value: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        pickle.dump(value, handle)
    tmp.replace(path)


def prepare_chunk(table: LocoTable, rows: np.ndarray, chunk: int, cache: Path) -> None:
    """Embed chunk ``chunk`` of every row not yet cached; saves every 256 rows."""
    from veracity.models.lead_embedding import chunk_vectors

    path = cache / f"chunk{chunk}.pkl"
    store = _load(path)
    todo = [i for i in priority_order(table, rows) if row_key(table, i) not in store]
    log.info("chunk %d: %d cached, %d to embed", chunk, len(store), len(todo))
    started = time.time()
    for start in range(0, len(todo), 256):
        part = todo[start : start + 256]
        vectors, present = chunk_vectors([table.texts[i] for i in part], chunk)
        for i, vector, has in zip(part, vectors, present, strict=True):
            store[row_key(table, i)] = vector if has else None
        _save(path, store)
        done = start + len(part)
        log.info(
            "chunk %d: %d/%d (%.1f articles/s)",
            chunk,
            done,
            len(todo),
            done / (time.time() - started),
        )


FAST_FILE = "fast-folds-shared.pkl"


def prepare_fast(table: LocoTable, rows: np.ndarray, cache: Path) -> None:
    """Per fold: the fast model's and TF-IDF+LR's held-out scores, the fast model's inner
    out-of-fold training scores and scope distances.

    As in the published LOCO matrix (``bench/reliability_report.py``), each TF-IDF vocabulary
    and IDF (veracity's and the baseline's) is fitted once on the unlabelled texts of every
    corpus (:func:`veracity.models.loco.shared_text_features`); every weight is learned on the
    training folds only.
    """
    from sklearn.base import clone

    from veracity.models.estimator import CalibratedLinearModel
    from veracity.models.loco import shared_text_features

    path = cache / FAST_FILE
    store = _load(path)
    aux = rows[np.isin(table.fold[rows], AUXILIARY)]
    started = time.time()
    vectoriser, matrix = shared_text_features(table, "fast")
    plain_vectoriser, plain_classifier = (step for _, step in plain_baseline().steps)
    plain_matrix = plain_vectoriser.fit_transform(table.raw).tocsr()
    log.info("shared vocabularies: %.0f s", time.time() - started)
    for held_out in FOLDS:
        if held_out in store:
            continue
        started = time.time()
        train = capped_rows(
            table, table.rows([f for f in FOLDS if f != held_out]), TRAIN_CAP_PER_CORPUS
        )
        test = np.concatenate([rows[table.fold[rows] == held_out], aux])
        model = CalibratedLinearModel(**model_config("fast"), vectoriser=vectoriser)
        model.fit(
            table_frame(table, train),
            table.y[train],
            [table.records[i].group for i in train],
            table.fold[train],
            matrix=matrix[train],
        )
        _, log_odds = model.explained_decision(table_frame(table, test), matrix[test])
        plain = clone(plain_classifier).fit(plain_matrix[train], table.y[train])
        store[held_out] = {
            "train": train,
            "test": test,
            "fast_log_odds": log_odds,
            "fast_distance": model.scope_distance(table.style[test]),
            "fast_out_of_fold": np.asarray(model.out_of_fold_),
            "plain": plain.predict_proba(plain_matrix[test])[:, 1],
        }
        _save(path, store)
        log.info("fast %s: %.0f s", held_out, time.time() - started)


def load_vectors(
    table: LocoTable, rows: np.ndarray, cache: Path, chunks: int
) -> tuple[np.ndarray, np.ndarray]:
    """The mean-of-chunks lead vector of every table row, and which rows have every chunk
    embedded (embedding may have stopped part way: the evaluation reads those rows only)."""
    from veracity.models.lead_embedding import combine_chunks

    vectors, present = [], []
    embedded = np.zeros(len(table.y), dtype=bool)
    embedded[rows] = True
    for chunk in range(chunks):
        store = _load(cache / f"chunk{chunk}.pkl")
        full = np.zeros((len(table.y), 384), dtype=np.float32)
        has = np.zeros(len(table.y), dtype=bool)
        for i in rows:
            key = row_key(table, int(i))
            if key not in store:
                embedded[i] = False
            elif store[key] is not None:
                full[i] = store[key]
                has[i] = True
        vectors.append(full)
        present.append(has)
    return combine_chunks(vectors, present), embedded


VARIANTS: dict[str, tuple[int, dict[str, Any]]] = {
    "emb_only_C0.1": (1, {"C": 0.1, "use_fast": False}),
    "emb_only_C1": (1, {"C": 1.0, "use_fast": False}),
    "emb_only_C10": (1, {"C": 10.0, "use_fast": False}),
    "emb_only_projected_C1": (1, {"C": 1.0, "use_fast": False, "project_domains": True}),
    "stacked_C0.1": (1, {"C": 0.1}),
    "stacked_C1": (1, {"C": 1.0}),
    "stacked_C10": (1, {"C": 10.0}),
    "stacked_projected_C1": (1, {"C": 1.0, "project_domains": True}),
    "emb_only_2chunks_C1": (2, {"C": 1.0, "use_fast": False}),
    "stacked_2chunks_C1": (2, {"C": 1.0}),
    "stacked_2chunks_projected_C1": (2, {"C": 1.0, "project_domains": True}),
}


def score_fold(
    table: LocoTable,
    fold: dict[str, Any],
    test: np.ndarray,
    covered: np.ndarray,
    p_by_name: dict[str, np.ndarray],
    pooled: dict[str, list[np.ndarray]],
) -> dict[str, Any]:
    """One held-out fold's scores per system (abstentions count as errors; the baseline
    never abstains) beside the training folds' majority class; appends each system's
    held-out probabilities to ``pooled``."""
    from veracity.metrics import scores_with_abstentions

    y = table.y[test]
    fold_result = {}
    for name, p in p_by_name.items():
        pooled[name].append(p)
        mask = None if name == "plain_tfidf_lr" else covered[test] & ~np.isnan(p)
        fold_result[name] = scores_with_abstentions(y, np.nan_to_num(p, nan=0.5), mask)
    rate = table.y[fold["train"]].mean()
    fold_result["majority"] = scores_with_abstentions(y, np.full(len(y), rate))
    return fold_result


def score_pooled(
    pooled: dict[str, list[np.ndarray]],
    pooled_y: list[np.ndarray],
    pooled_covered: list[np.ndarray],
) -> dict[str, Any]:
    """Every system's scores on the pooled held-out predictions of all folds."""
    from veracity.metrics import scores_with_abstentions

    all_y, all_covered = np.concatenate(pooled_y), np.concatenate(pooled_covered)
    out = {}
    for name, parts in pooled.items():
        p = np.concatenate(parts)
        mask = None if name == "plain_tfidf_lr" else all_covered & ~np.isnan(p)
        out[name] = scores_with_abstentions(all_y, np.nan_to_num(p, nan=0.5), mask)
    return out


def evaluate(
    table: LocoTable,
    rows: np.ndarray,
    cache: Path,
    chunks: int = 1,
    only: Sequence[str] | None = None,
    command: str = "",
) -> dict[str, Any]:
    """Every system on every fold, on the held-out rows whose first ``chunks`` chunks are
    embedded; the heads train on the embedded training rows. Saved as JSON in the cache."""
    import json

    from veracity.models.embedding_head import EmbeddingHead
    from veracity.models.loco import summarise

    folds = _load(cache / FAST_FILE)
    vectors: dict[int, np.ndarray] = {}
    embedded = np.ones(len(table.y), dtype=bool)
    for k in range(1, chunks + 1):
        vectors[k], has = load_vectors(table, rows, cache, k)
        embedded &= has
    variants = {
        name: v for name, v in VARIANTS.items() if v[0] <= chunks and (not only or name in only)
    }
    covered = np.array([reason is None for reason in table.abstained])
    started = time.time()
    result: dict[str, Any] = {"folds": {}, "pooled": {}, "chunks": chunks, "command": command}
    names = ["veracity", "plain_tfidf_lr", *variants]
    pooled: dict[str, list[np.ndarray]] = {name: [] for name in names}
    pooled_y, pooled_covered = [], []
    for held_out, fold in folds.items():
        n = int((table.fold[fold["test"]] == held_out).sum())
        keep = np.flatnonzero(embedded[fold["test"][:n]])
        test = fold["test"][keep]
        train_keep = np.flatnonzero(embedded[fold["train"]])
        train = fold["train"][train_keep]
        y = table.y[test]
        abstain = fold["fast_distance"][keep] > 1.0
        fast = fold["fast_log_odds"][keep]
        p_by_name = {
            "veracity": np.where(abstain, np.nan, 1 / (1 + np.exp(-fast))),
            "plain_tfidf_lr": fold["plain"][keep],
        }
        for name, (k, params) in variants.items():
            head = EmbeddingHead(**params).fit(
                vectors[k][train],
                table.y[train],
                table.fold[train],
                fold["fast_out_of_fold"][train_keep],
            )
            p = 1 / (1 + np.exp(-head.decision(vectors[k][test], fast)))
            p_by_name[name] = np.where(abstain, np.nan, p)
        result["folds"][held_out] = score_fold(table, fold, test, covered, p_by_name, pooled)
        pooled_y.append(y)
        pooled_covered.append(covered[test])
        log.info("%s: %d of %d held-out rows", held_out, len(test), n)
    result["pooled"] = score_pooled(pooled, pooled_y, pooled_covered)
    result["summary"] = summarise(result)
    result["head_seconds"] = time.time() - started
    result["rows_per_fold"] = {f: int(r["veracity"]["n"]) for f, r in result["folds"].items()}
    result["training_rows_embedded"] = int(embedded[folds["gossipcop"]["train"]].sum())
    result["complete"] = bool(embedded[rows[np.isin(table.fold[rows], list(FOLDS))]].all())
    result["embedding_ms_per_article"] = head_cost(table, rows, chunks=chunks)
    (cache / f"evaluation-{chunks}.json").write_text(json.dumps(result, indent=1))
    for name, summary in result["summary"].items():
        margins = " ".join(
            f"{s[name]['macro_f1'] - s['veracity']['macro_f1']:+.3f}"
            for s in result["folds"].values()
        )
        log.info(
            "%-30s mean %.3f worst %.3f ece %.3f | vs fast %s",
            name,
            summary["mean_macro_f1"],
            summary["worst_macro_f1"],
            result["pooled"].get(name, {"ece": float("nan")})["ece"],
            margins,
        )
    return result


SECTION_START = "<!-- reliability-embeddings:start -->"
SECTION_END = "<!-- reliability-embeddings:end -->"
LABELS = {
    "veracity": "fast model (the fast path's shipped configuration)",
    "plain_tfidf_lr": "TF-IDF+LR (baseline)",
    "majority": "majority class",
    "emb_only_C0.1": "(a) MiniLM lead (1 chunk) + LR, C=0.1",
    "emb_only_C1": "(a) MiniLM lead (1 chunk) + LR, C=1",
    "emb_only_C10": "(a) MiniLM lead (1 chunk) + LR, C=10",
    "emb_only_projected_C1": "(c) (a) with the corpora's mean directions projected out, C=1",
    "stacked_C0.1": "(b) fast score + MiniLM lead LR, stacked out of corpus, C=0.1",
    "stacked_C1": "(b) fast score + MiniLM lead LR, stacked out of corpus, C=1",
    "stacked_C10": "(b) fast score + MiniLM lead LR, stacked out of corpus, C=10",
    "stacked_projected_C1": "(c) (b) with the corpora's mean directions projected out, C=1",
    "emb_only_2chunks_C1": "(a) mean of the first 2 chunks + LR, C=1",
    "stacked_2chunks_C1": "(b) fast score + mean of 2 chunks, stacked, C=1",
    "stacked_2chunks_projected_C1": "(c) fast score + 2 chunks, projected, stacked, C=1",
}


def winners(result: dict[str, Any]) -> list[str]:
    """The variants above the fast model on both the mean and the worst fold."""
    fast = result["summary"]["veracity"]
    return [
        name
        for name, s in result["summary"].items()
        if name not in ("veracity", "plain_tfidf_lr", "majority")
        and s["mean_macro_f1"] > fast["mean_macro_f1"]
        and s["worst_macro_f1"] > fast["worst_macro_f1"]
    ]


def shipped_variant() -> str:
    """The bench's name of the head the deep artefact ships (:data:`veracity.models.deep.HEAD_CONFIG`);
    empty when it ships none."""
    from veracity.models.deep import HEAD_CONFIG

    if HEAD_CONFIG is None:
        return ""
    projected = "_projected" if HEAD_CONFIG["project_domains"] else ""
    return f"stacked{projected}_C{HEAD_CONFIG['C']:g}"


def record_in_card(result: dict[str, Any]) -> None:
    """Write the shipped head's LOCO figures and the fast model's from the same run into the
    deep artefact's card (``embedding_head.leave_one_corpus_out``)."""
    from veracity.models.artefact import SPECS

    spec = SPECS["deep"]
    card = spec.read_card()
    name = shipped_variant()
    head = dict(card["embedding_head"])
    head["leave_one_corpus_out"] = {
        "command": result["command"] + " (bench/reliability_embeddings.py)",
        "per_fold_macro_f1": {
            fold: {
                "deep": scores[name]["macro_f1"],
                "fast": scores["veracity"]["macro_f1"],
                "tfidf_lr": scores["plain_tfidf_lr"]["macro_f1"],
                "majority": scores["majority"]["macro_f1"],
            }
            for fold, scores in result["folds"].items()
        },
        "deep": result["summary"][name] | {"pooled_ece": result["pooled"][name]["ece"]},
        "fast": result["summary"]["veracity"] | {"pooled_ece": result["pooled"]["veracity"]["ece"]},
        "tfidf_lr": result["summary"]["plain_tfidf_lr"],
    }
    extra = (card.model_extra or {}) | {"embedding_head": head}
    fields = {k: getattr(card, k) for k in ("summary", "created", "veracity_version", "metrics")}
    spec.save(spec.new_card(**extra, **fields), spec.directory)


class SummaryRow(BaseModel):
    """One system over the folds, with its margins over TF-IDF+LR and the fast model."""

    label: str
    mean_macro_f1: float
    worst_macro_f1: float
    ece: float | None
    mean_auc: float
    margin_over_tfidf: float | None
    margin_over_fast: tuple[float, float] | None  # mean, worst; None for the fast model


class FoldCell(BaseModel):
    """A system's macro-F1 on one held-out fold; an embedding variant's with its margins."""

    macro_f1: float
    over_tfidf: float | None = None
    over_fast: float | None = None


class FoldRow(BaseModel):
    label: str
    cells: list[FoldCell]


class EmbeddingRun(BaseModel):
    """One saved evaluation (``evaluation-<chunks>.json``) as the docs section reads it."""

    model_config = ConfigDict(extra="allow")

    summary: dict[str, SystemSummary]
    pooled: dict[str, dict[str, Any]]
    folds: dict[str, dict[str, dict[str, Any]]]
    rows_per_fold: dict[str, int]
    embedding_ms_per_article: float
    training_rows_embedded: int | None = None
    complete: bool | None = None

    def summary_rows(self) -> list[SummaryRow]:
        fast = self.summary["veracity"]
        return [
            SummaryRow(
                label=LABELS.get(name, name),
                mean_macro_f1=s.mean_macro_f1,
                worst_macro_f1=s.worst_macro_f1,
                ece=self.pooled[name]["ece"] if name in self.pooled else None,
                mean_auc=float("nan") if s.mean_auc is None else s.mean_auc,
                margin_over_tfidf=s.min_margin_over_tfidf,
                margin_over_fast=None
                if name == "veracity"
                else (
                    s.mean_macro_f1 - fast.mean_macro_f1,
                    s.worst_macro_f1 - fast.worst_macro_f1,
                ),
            )
            for name, s in self.summary.items()
        ]

    def fold_rows(self) -> list[FoldRow]:
        rows = []
        for name in self.summary:
            cells = []
            for scores in self.folds.values():
                value = scores[name]["macro_f1"]
                cells.append(
                    FoldCell(macro_f1=value)
                    if name in ("veracity", "plain_tfidf_lr", "majority")
                    else FoldCell(
                        macro_f1=value,
                        over_tfidf=value - scores["plain_tfidf_lr"]["macro_f1"],
                        over_fast=value - scores["veracity"]["macro_f1"],
                    )
                )
            rows.append(FoldRow(label=LABELS.get(name, name), cells=cells))
        return rows


class ChunkComparison(BaseModel):
    """The stacked head on the rows with two chunks embedded: two chunks against one."""

    two_chunks: SystemSummary
    one_chunk: SystemSummary
    cost_ratio: float

    @property
    def better(self) -> bool:
        return (
            self.two_chunks.mean_macro_f1 > self.one_chunk.mean_macro_f1
            and self.two_chunks.worst_macro_f1 > self.one_chunk.worst_macro_f1
        )


class EmbeddingsSection(BaseModel):
    """The "Deep path: MiniLM lead embeddings" section of docs/benchmarks.md from the saved
    runs (1 chunk; 2 chunks when run), rendered by templates/reliability-embeddings.md.j2."""

    one: EmbeddingRun
    two: EmbeddingRun | None = None
    command_one: str
    command_two: str = ""
    comparison: ChunkComparison | None = None
    winners: list[str]
    shipped: str

    @classmethod
    def from_runs(
        cls, results: dict[int, dict[str, Any]], commands: dict[int, str]
    ) -> EmbeddingsSection:
        one = EmbeddingRun.model_validate(results[1])
        two = EmbeddingRun.model_validate(results[2]) if 2 in results else None
        comparison = None
        if two is not None and {"stacked_C1", "stacked_2chunks_C1"} <= set(two.summary):
            comparison = ChunkComparison(
                two_chunks=two.summary["stacked_2chunks_C1"],
                one_chunk=two.summary["stacked_C1"],
                cost_ratio=two.embedding_ms_per_article / max(one.embedding_ms_per_article, 1e-9),
            )
        return cls(
            one=one,
            two=two,
            command_one=commands[1],
            command_two=commands.get(2, ""),
            comparison=comparison,
            winners=winners(results[1]),
            shipped=shipped_variant(),
        )

    def summary(self) -> str:
        """One line: what the deep path ships, measured on how many chunks."""
        ships = (
            LABELS.get(self.shipped, self.shipped)
            if self.shipped in self.winners
            else "the fast configuration"
        )
        chunks = "1 and 2 chunks" if self.two is not None else "1 chunk"
        return f"MiniLM lead embeddings ({chunks}): {len(self.winners)} variants above the fast model on mean and worst; the deep path ships {ships}"


def section(results: dict[int, dict[str, Any]], commands: dict[int, str]) -> str:
    """The docs section from the saved runs (1 chunk; 2 chunks when run)."""
    doc = EmbeddingsSection.from_runs(results, commands)
    text = render_template(
        "reliability-embeddings.md.j2",
        doc=doc,
        labels=LABELS,
        start=SECTION_START,
        end=SECTION_END,
    )
    return text.removesuffix("\n")  # the section ends at its end marker


def render(cache: Path) -> None:
    """Write the docs section from the saved evaluations."""
    import json

    from _docs import write_section  # bench/_docs.py

    results = {}
    commands = {}
    for chunks in (1, 2):
        path = cache / f"evaluation-{chunks}.json"
        if path.is_file():
            results[chunks] = json.loads(path.read_text())
            commands[chunks] = results[chunks].get("command", "")
    write_section(section(results, commands), SECTION_START, SECTION_END)
    if shipped_variant() and shipped_variant() in winners(results[1]):
        record_in_card(results[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    prepare = sub.add_parser("prepare")
    prepare.add_argument(
        "--stage", choices=["fast", "chunk0", "chunk1", "chunk2", "text-cache"], required=True
    )
    evaluate_parser = sub.add_parser("evaluate")
    evaluate_parser.add_argument("--chunks", type=int, default=1)
    evaluate_parser.add_argument("--only", nargs="*", help="these variants only")
    sub.add_parser("render")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    if args.command == "render":
        render(args.cache)
        return 0
    table = load_loco_table()
    rows = evaluation_rows(table)
    log.info("%d evaluation rows", len(rows))
    if args.command == "prepare":
        if args.stage == "fast":
            prepare_fast(table, rows, args.cache)
        elif args.stage == "text-cache":
            log.info("%d vectors copied", fill_text_cache(table, rows, args.cache))
        else:
            prepare_chunk(table, rows, int(args.stage[-1]), args.cache)
        return 0
    command = "bench/reliability_embeddings.py " + " ".join(sys.argv[1:] if argv is None else argv)
    evaluate(table, rows, args.cache, args.chunks, args.only, command)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
