"""A MiniLM head fine-tuned per LOCO fold on the shared encoder's token states (deep path).

The shipped deep head (``bench/reliability_embeddings.py``) reads one pooled MiniLM vector of
each article's opening. This measures whether a head *trained* on the opening's token states
transfers better, leave-one-corpus-out, without backpropagating through the encoder (which
does not fit two shared CPU cores): the int8 ONNX MiniLM's last hidden states of the title and
lead (126 word pieces, the same span the shipped head embeds) are cached once, in fp16, and per
held-out corpus a small torch head is trained on them:

- token head: a per-token projection (384 -> ``width``, GELU) read by a learned attention
  pooling and a mean pooling, then a logistic output. Rows are weighted so that every
  (corpus, class) cell counts equally, as the linear model's. Early stopping and the number
  of epochs are chosen on an inner split *by corpus* of the training folds only: the training
  corpora are cut into two halves, a head trained on each half is scored on the other (its
  out-of-corpus scores, which the stacker reads), and the final head is trained on every
  training corpus for the mean of the two chosen epoch counts.
- entity masking (variant): tokens of capitalised words that do not open a sentence (names of
  people, places, outlets) are left out of both poolings, in training and scoring.
- stacked: a cell-weighted 2-input logistic regression over the head's out-of-corpus log-odds
  and the fast model's own inner out-of-corpus log-odds, as the shipped head is stacked.

Pooled-state variants (no torch) run through the shipped head's own code
(:class:`veracity.models.embedding_head.EmbeddingHead`) on other poolings of the same states:
mean+max, and the entity-masked mean.

Every system is scored on the same held-out rows and folds as the shipped deep head, in the
same run: the fast model and TF-IDF+LR (their fold scores from ``reliability_embeddings.py
prepare --stage fast``), and the shipped stacked lead-embedding head refitted per fold.

Stages (``--cache``, default /tmp/relft-cache):

- ``prepare``: cache the token states of every fold article (fold rows; GossipCop cut to the
  training cap's own 3,000), in a seeded round-robin order over the folds.
- ``evaluate [--only VARIANT ...]``: every variant per fold, saved as ``evaluation.json``.
- ``render``: the "Deep path: MiniLM token head fine-tuned per fold" section of
  docs/benchmarks.md.

Usage: ``timeout 40m .venv/bin/python bench/reliability_finetune.py
prepare`` then ``... evaluate`` then ``... render``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from _templates import render as render_template  # bench/_templates.py
from reliability_embeddings import (  # bench/reliability_embeddings.py
    DEFAULT_CACHE as EMBEDDINGS_CACHE,
)
from reliability_embeddings import (
    FAST_FILE,
    _load,
    _save,
    evaluation_rows,
    load_vectors,
    priority_order,
    row_key,
    score_fold,
    score_pooled,
)
from reliability_encoder_device import (  # bench/reliability_encoder_device.py (numpy only)
    inner_halves,
    weighted_log_loss,
)
from veracity.embeddings.pooling import mean_pool
from veracity.models.loco import AUXILIARY, LocoTable, load_loco_table

log = logging.getLogger("reliability_finetune")
DEFAULT_CACHE = Path("/tmp/relft-cache")
TOKENS = 128  # [CLS] + the opening's 126 word pieces + [SEP]
DIM = 384
SENTENCE_END = set('.!?:;"\u201c\u201d\n')


def token_rows(table: LocoTable) -> np.ndarray:
    """The fold rows the evaluation reads (auxiliary corpora are neither trained nor scored)."""
    rows = evaluation_rows(table)
    return rows[~np.isin(table.fold[rows], AUXILIARY)]


def entity_tokens(span: str, encoding: Any) -> np.ndarray:
    """1 on the word pieces of capitalised words that do not open a sentence (names), per
    position of ``encoding`` (special tokens 0)."""
    flags = np.zeros(len(encoding.ids), dtype=bool)
    starts: dict[int, int] = {}
    for position, (word, (start, _)) in enumerate(
        zip(encoding.word_ids, encoding.offsets, strict=True)
    ):
        if word is None:
            continue
        first = starts.setdefault(word, start)
        if not span[first : first + 1].isupper():
            continue
        before = span[:first].rstrip(" \t'(\u2018")
        flags[position] = bool(before) and before[-1] not in SENTENCE_END
    return flags


class TokenStore:
    """The cached token states: ``states`` (n, 128, 384) fp16 memmap, ``lengths``, ``entity``
    (n, 128) flags, ``keys`` (row keys) and ``done`` (which slots are filled)."""

    def __init__(self, cache: Path, keys: Sequence[str] | None = None) -> None:
        self.cache = cache
        index = cache / "tokens-index.json"
        if keys is not None and not index.is_file():
            cache.mkdir(parents=True, exist_ok=True)
            index.write_text(json.dumps(list(keys)))
            n = len(keys)
            np.lib.format.open_memmap(
                cache / "states.npy", "w+", np.float16, (n, TOKENS, DIM)
            ).flush()
            np.save(cache / "lengths.npy", np.zeros(n, dtype=np.int16))
            np.save(cache / "entity.npy", np.zeros((n, TOKENS), dtype=bool))
            np.save(cache / "done.npy", np.zeros(n, dtype=bool))
        self.keys: list[str] = json.loads(index.read_text())
        self.slot = {k: i for i, k in enumerate(self.keys)}
        self.states = np.load(cache / "states.npy", mmap_mode="r+" if keys is not None else "r")
        self.lengths = np.load(cache / "lengths.npy")
        self.entity = np.load(cache / "entity.npy")
        self.done = np.load(cache / "done.npy")

    def save(self) -> None:
        if isinstance(self.states, np.memmap):
            self.states.flush()
        for name, value in (
            ("lengths", self.lengths),
            ("entity", self.entity),
            ("done", self.done),
        ):
            tmp = self.cache / f"{name}.tmp.npy"
            np.save(tmp, value)
            tmp.replace(self.cache / f"{name}.npy")


def prepare(table: LocoTable, cache: Path) -> None:
    """Cache the token states of every row not yet done; saves every 256 rows."""
    from veracity.embeddings.encoder import get_encoder
    from veracity.models.lead_embedding import lead_chunks

    rows = token_rows(table)
    store = TokenStore(cache, [row_key(table, int(i)) for i in rows])
    order = [
        i for i in priority_order(table, rows) if not store.done[store.slot[row_key(table, i)]]
    ]
    encoder = get_encoder()
    tokenizer = encoder._tokenizer  # the encoder's own settings (truncation at 128)
    log.info("token states: %d cached, %d to encode", int(store.done.sum()), len(order))
    started = time.time()
    for start in range(0, len(order), 256):
        part = order[start : start + 256]
        spans = [lead_chunks(table.texts[i], 1)[0] for i in part]
        spans = [s if s.strip() else "." for s in spans]
        slots = [store.slot[row_key(table, i)] for i in part]
        for index, hidden, mask in encoder.token_states(spans):
            for row, at in enumerate(index):
                length = int(mask[row].sum())
                slot = slots[at]
                store.states[slot, :length] = hidden[row, :length].astype(np.float16)
                store.lengths[slot] = length
        for span, slot in zip(spans, slots, strict=True):
            flags = entity_tokens(span, tokenizer.encode(span))
            store.entity[slot, : len(flags)] = flags[:TOKENS]
            store.done[slot] = True
        store.save()
        done = start + len(part)
        log.info(
            "tokens: %d/%d (%.1f articles/s)", done, len(order), done / (time.time() - started)
        )


# ---------------------------------------------------------------- pooled states (no torch)


def pooled(store: TokenStore, slots: np.ndarray, how: str, batch: int = 512) -> np.ndarray:
    """Unit vectors of the cached states of ``slots``: ``mean`` (the shipped lead vector),
    ``mean-entity`` (entity tokens left out) or ``mean-max`` (unit mean beside unit max)."""
    out = []
    for start in range(0, len(slots), batch):
        part = slots[start : start + batch]
        x = np.asarray(store.states[part], dtype=np.float32)
        mask = np.arange(TOKENS)[None, :] < store.lengths[part][:, None]
        if how == "mean-entity":
            mask &= ~store.entity[part]
        mean = mean_pool(x, mask.astype(np.float32))
        mean /= np.clip(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12, None)
        if how == "mean-max":
            peak = np.where(mask[..., None], x, -1e4).max(1)
            peak /= np.clip(np.linalg.norm(peak, axis=1, keepdims=True), 1e-12, None)
            mean = np.hstack([mean, peak])
        out.append(mean)
    return np.vstack(out)


# ---------------------------------------------------------------- the token head (torch)


def _torch() -> Any:
    import torch

    torch.set_num_threads(1)
    return torch


def token_head_module(width: int, corpora: int = 0) -> Any:
    """Per-token projection (384 -> width, GELU, dropout 0.1), attention and mean pooling over
    the unmasked tokens, logistic output. With ``corpora``, also a corpus classifier reading
    the pooled vector through a reversed gradient (domain-adversarial training: the pooled
    vector is pushed to carry no sign of which training corpus an article comes from)."""
    torch = _torch()
    from torch import nn

    class Reverse(torch.autograd.Function):
        @staticmethod
        def forward(ctx: Any, x: Any) -> Any:
            return x.view_as(x)

        @staticmethod
        def backward(ctx: Any, grad: Any) -> Any:
            return -grad

    class TokenHead(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.project = nn.Linear(DIM, width)
            self.attend = nn.Linear(width, 1)
            self.out = nn.Linear(2 * width, 1)
            self.dropout = nn.Dropout(0.1)
            self.corpus = nn.Linear(2 * width, corpora) if corpora else None

        def pooled(self, x: Any, mask: Any) -> Any:
            h = self.dropout(nn.functional.gelu(self.project(x)))
            scores = self.attend(h).squeeze(-1).masked_fill(~mask, -1e4)
            attention = torch.softmax(scores, -1).unsqueeze(-1)
            m = mask.unsqueeze(-1).float()
            mean = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
            return torch.cat([(attention * h).sum(1), mean], -1)

        def forward(self, x: Any, mask: Any) -> Any:
            return self.out(self.pooled(x, mask)).squeeze(-1)

        def corpus_logits(self, pooled: Any) -> Any:
            return self.corpus(Reverse.apply(pooled))

    return TokenHead()


class TokenData:
    """Token states of some rows: one fp16 tensor of every cached row (loaded once, shared by
    the folds), the rows' slots in it, and their masks; batches are cast to float32."""

    _all: Any = None

    def __init__(self, store: TokenStore, slots: np.ndarray, mask_entities: bool) -> None:
        torch = _torch()
        if TokenData._all is None:
            TokenData._all = torch.from_numpy(np.array(store.states))
        self.slots = torch.from_numpy(np.asarray(slots, dtype=np.int64))
        mask = np.arange(TOKENS)[None, :] < store.lengths[slots][:, None]
        if mask_entities:
            mask &= ~store.entity[slots]
            mask[:, 0] = True  # [CLS] keeps every row poolable
        self.mask = torch.from_numpy(mask)

    def batch(self, positions: Any) -> tuple[Any, Any]:
        return TokenData._all[self.slots[positions]].float(), self.mask[positions]

    def __len__(self) -> int:
        return len(self.mask)


def head_scores(model: Any, data: TokenData, rows: np.ndarray | None = None) -> np.ndarray:
    torch = _torch()
    model.eval()
    index = np.arange(len(data)) if rows is None else rows
    out = []
    with torch.no_grad():
        for start in range(0, len(index), 256):
            part = torch.from_numpy(index[start : start + 256])
            out.append(model(*data.batch(part)).numpy())
    return np.concatenate(out).astype(np.float64) if out else np.zeros(0)


def train_token_head(
    data: TokenData,
    train: np.ndarray,
    y: np.ndarray,
    weights: np.ndarray,
    epochs: int,
    width: int,
    seed: int,
    validation: np.ndarray | None = None,
    lr: float = 2e-3,
    corpora: np.ndarray | None = None,
    adversarial: float = 0.0,
) -> tuple[Any, list[np.ndarray]]:
    """Train on positions ``train`` of ``data`` (labels ``y``, cell weights ``weights``); the
    scores of positions ``validation`` after each epoch (when given). ``adversarial`` > 0: a
    corpus classifier through a reversed gradient, weighted so, reads ``corpora`` (per row of
    ``train``)."""
    torch = _torch()
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    codes = None
    if adversarial and corpora is not None:
        names, inverse = np.unique(corpora, return_inverse=True)
        codes = torch.from_numpy(inverse.astype(np.int64))
    model = token_head_module(width, len(names) if codes is not None else 0)
    optimiser = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    target = torch.from_numpy(y.astype(np.float32))
    weight = torch.from_numpy(weights.astype(np.float32))
    scores = []
    for _ in range(epochs):
        model.train()
        order = rng.permutation(len(train))
        for start in range(0, len(order), BATCH):
            at = order[start : start + BATCH]
            x, mask = data.batch(torch.from_numpy(train[at]))
            pooled = model.pooled(x, mask)
            logits = model.out(pooled).squeeze(-1)
            loss = (
                torch.nn.functional.binary_cross_entropy_with_logits(
                    logits, target[at], weight=weight[at]
                )
                / weight[at].mean()
            )
            if codes is not None:
                loss = loss + adversarial * torch.nn.functional.cross_entropy(
                    model.corpus_logits(pooled), codes[at]
                )
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        if validation is not None:
            scores.append(head_scores(model, data, validation))
    return model, scores


def token_head_fold(
    data: TokenData,
    y: np.ndarray,
    corpora: np.ndarray,
    test: np.ndarray,
    *,
    width: int,
    max_epochs: int,
    seed: int = 0,
    lr: float = 2e-3,
    adversarial: float = 0.0,
) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
    """Out-of-corpus scores of the training positions (two halves by corpus, each scored by a
    head trained on the other, at its best epoch on it) and the test positions' scores from a
    head trained on every training position for the mean best epoch count."""
    from veracity.models.embedding_head import cell_weights

    train = np.flatnonzero(~np.isin(np.arange(len(y)), test))
    weights = cell_weights(y[train], corpora[train])
    out_of_fold = np.full(len(y), np.nan)
    chosen = []
    for fit, held in inner_halves(train, corpora):
        w_fit = cell_weights(y[fit], corpora[fit])
        w_held = cell_weights(y[held], corpora[held])
        _, per_epoch = train_token_head(
            data,
            fit,
            y[fit],
            w_fit,
            max_epochs,
            width,
            seed,
            validation=held,
            lr=lr,
            corpora=corpora[fit],
            adversarial=adversarial,
        )
        losses = [weighted_log_loss(y[held], z, w_held) for z in per_epoch]
        best = int(np.argmin(losses))
        chosen.append(best + 1)
        out_of_fold[held] = per_epoch[best]
    epochs = max(1, round(float(np.mean(chosen))))
    model, _ = train_token_head(
        data,
        train,
        y[train],
        weights,
        epochs,
        width,
        seed,
        lr=lr,
        corpora=corpora[train],
        adversarial=adversarial,
    )
    return out_of_fold, head_scores(model, data, test), {"epochs": chosen, "final_epochs": epochs}


# ---------------------------------------------------------------- evaluation


def _stack(head_oof: np.ndarray, fast_oof: np.ndarray, y: np.ndarray, corpora: np.ndarray) -> Any:
    from sklearn.linear_model import LogisticRegression

    from veracity.models.embedding_head import cell_weights, logit

    x = np.column_stack([head_oof, logit(fast_oof)])
    usable = ~np.isnan(x).any(axis=1)
    weights = cell_weights(y, corpora)
    return LogisticRegression(C=1.0).fit(x[usable], y[usable], sample_weight=weights[usable])


TOKEN_VARIANTS: dict[str, dict[str, Any]] = {
    "token_head_w32": {"width": 32, "mask_entities": False},
    "token_head_w32_entities_masked": {"width": 32, "mask_entities": True},
    "token_head_w64": {"width": 64, "mask_entities": False},
    "token_head_w32_lr3e-4": {"width": 32, "mask_entities": False, "lr": 3e-4, "max_epochs": 6},
    "token_head_w32_adversarial": {"width": 32, "mask_entities": False, "adversarial": 0.3},
}
POOLED_VARIANTS: dict[str, str] = {
    "pooled_mean_entities_masked": "mean-entity",
    "pooled_mean_max": "mean-max",
}
MAX_EPOCHS = 4
BATCH = 128


def evaluate(
    table: LocoTable,
    cache: Path,
    embeddings_cache: Path,
    only: Sequence[str] | None = None,
    command: str = "",
    only_folds: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Every system on every fold, on the held-out rows with cached token states; heads train
    on the training rows with cached token states. Saved as ``evaluation.json``."""
    from veracity.models.embedding_head import EmbeddingHead
    from veracity.models.loco import summarise

    store = TokenStore(cache)
    folds = _load(embeddings_cache / FAST_FILE)
    rows = token_rows(table)
    lead, embedded = load_vectors(table, rows, embeddings_cache, 1)
    slot_of = np.full(len(table.y), -1)
    for i in rows:
        slot = store.slot.get(row_key(table, int(i)), -1)
        slot_of[i] = slot if slot >= 0 and store.done[slot] else -1
    ready = (slot_of >= 0) & embedded
    names = [n for n in [*POOLED_VARIANTS, *TOKEN_VARIANTS] if not only or n in only]
    pooled_vectors = {
        n: pooled(store, slot_of[ready], how) for n, how in POOLED_VARIANTS.items() if n in names
    }
    position = np.full(len(table.y), -1)
    position[ready] = np.arange(int(ready.sum()))
    covered = np.array([reason is None for reason in table.abstained])
    result: dict[str, Any] = {"folds": {}, "pooled": {}, "command": command, "training": {}}
    # Each system's held-out scores per fold, kept so that a run stopped by its time box resumes.
    scores_path = cache / "fold-scores.pkl"
    saved: dict[str, dict[str, Any]] = _load(scores_path)
    systems = ["veracity", "plain_tfidf_lr", "shipped_deep_head", *names]
    pooled_p: dict[str, list[np.ndarray]] = {n: [] for n in systems}
    pooled_y, pooled_covered = [], []
    started = time.time()
    for held_out, fold in folds.items():
        if only_folds and held_out not in only_folds:
            continue
        n = int((table.fold[fold["test"]] == held_out).sum())
        keep = np.flatnonzero(ready[fold["test"][:n]])
        test = fold["test"][keep]
        train_keep = np.flatnonzero(ready[fold["train"]])
        train = fold["train"][train_keep]
        fast_oof = np.asarray(fold["fast_out_of_fold"])[train_keep]
        y, y_train, corpora = table.y[test], table.y[train], table.fold[train]
        abstain = fold["fast_distance"][keep] > 1.0
        fast = fold["fast_log_odds"][keep]
        p_by_name = {
            "veracity": np.where(abstain, np.nan, 1 / (1 + np.exp(-fast))),
            "plain_tfidf_lr": fold["plain"][keep],
        }
        for name, vectors in {"shipped_deep_head": lead, **pooled_vectors}.items():
            kept = saved.get(name, {}).get(held_out)
            if kept is not None and np.array_equal(kept["rows"], test):
                p_by_name[name] = kept["p"]
                continue
            rows_of = (lambda r: r) if name == "shipped_deep_head" else (lambda r: position[r])
            head = EmbeddingHead(C=1.0).fit(vectors[rows_of(train)], y_train, corpora, fast_oof)
            z = head.decision(vectors[rows_of(test)], fast)
            p_by_name[name] = np.where(abstain, np.nan, 1 / (1 + np.exp(-z)))
            saved.setdefault(name, {})[held_out] = {"rows": test, "p": p_by_name[name]}
            _save(scores_path, saved)
        for name, params in TOKEN_VARIANTS.items():
            if name not in names:
                continue
            kept = saved.get(name, {}).get(held_out)
            if kept is not None and np.array_equal(kept["rows"], test):
                p_by_name[name] = kept["p"]
                result["training"].setdefault(name, {})[held_out] = kept["info"]
                continue
            tic = time.time()
            both = np.concatenate([train, test])
            data = TokenData(store, slot_of[both], params["mask_entities"])
            labels = table.y[both]
            where = np.concatenate([corpora, np.full(len(test), "__held_out__")])
            oof, z_test, info = token_head_fold(
                data,
                labels,
                where,
                np.arange(len(train), len(both)),
                width=params["width"],
                max_epochs=params.get("max_epochs", MAX_EPOCHS),
                lr=params.get("lr", 2e-3),
                adversarial=params.get("adversarial", 0.0),
            )
            stacker = _stack(oof[: len(train)], fast_oof, y_train, corpora)
            z = stacker.decision_function(np.column_stack([z_test, fast]))
            p_by_name[name] = np.where(abstain, np.nan, 1 / (1 + np.exp(-z)))
            info["seconds"] = round(time.time() - tic, 1)
            result["training"].setdefault(name, {})[held_out] = info
            saved.setdefault(name, {})[held_out] = {
                "rows": test,
                "p": p_by_name[name],
                "info": info,
            }
            _save(scores_path, saved)
            log.info("%s %s: %s", name, held_out, info)
        fold_result = score_fold(table, fold, test, covered, p_by_name, pooled_p)
        result["folds"][held_out] = fold_result
        pooled_y.append(y)
        pooled_covered.append(covered[test])
        log.info(
            "%s: %d of %d held-out rows | %s",
            held_out,
            len(test),
            n,
            " ".join(f"{k} {v['macro_f1']:.3f}" for k, v in fold_result.items()),
        )
    result["pooled"] = score_pooled(pooled_p, pooled_y, pooled_covered)
    result["summary"] = summarise(result)
    result["seconds"] = time.time() - started
    result["rows_per_fold"] = {f: int(r["veracity"]["n"]) for f, r in result["folds"].items()}
    result["complete"] = bool(ready[rows].all())
    result["head_ms_per_article"] = token_head_cost(store)
    result["bert_layer_train_ms_per_article"] = bert_layer_train_cost()
    (cache / "evaluation.json").write_text(json.dumps(result, indent=1))
    for name, summary in result["summary"].items():
        log.info(
            "%-34s mean %.3f worst %.3f ece %.3f",
            name,
            summary["mean_macro_f1"],
            summary["worst_macro_f1"],
            result["pooled"].get(name, {"ece": float("nan")})["ece"],
        )
    return result


def bert_layer_train_cost(batches: int = 3, size: int = 32) -> float:
    """CPU milliseconds per article and epoch to train one added BERT layer
    (:func:`veracity.embeddings.train_layers.bert_layers`) on 128 token states, forward and
    backward on one thread: the plan that did not fit (see the docs section)."""
    torch = _torch()
    from veracity.embeddings.train_layers import bert_layers

    layers = bert_layers(1)
    out = torch.nn.Linear(DIM, 1)
    optimiser = torch.optim.AdamW([*layers.parameters(), *out.parameters()], lr=1e-4)
    x, mask = torch.randn(size, TOKENS, DIM), torch.ones(size, TOKENS)
    spent = []
    for _ in range(batches + 1):  # the first batch warms up
        started = time.process_time()
        loss = out(layers[0](x, mask).mean(1)).sum()
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        spent.append(time.process_time() - started)
    return 1000 * float(np.mean(spent[1:])) / size


def token_head_cost(store: TokenStore, n: int = 200, width: int = 32) -> float:
    """CPU milliseconds per article of a token head's forward pass in numpy over
    cached token states (on top of the MiniLM pass the deep path already makes)."""
    rng = np.random.default_rng(0)
    w1 = rng.normal(size=(DIM, width)).astype(np.float32)
    a = rng.normal(size=width).astype(np.float32)
    o = rng.normal(size=2 * width).astype(np.float32)
    x = np.asarray(store.states[: min(n, len(store.keys))], dtype=np.float32)
    started = time.process_time()
    for row in x:
        h = row @ w1
        h = 0.5 * h * (1 + np.tanh(0.7978845608 * (h + 0.044715 * h**3)))
        s = h @ a
        e = np.exp(s - s.max())
        float(np.concatenate([(e / e.sum()) @ h, h.mean(0)]) @ o)
    return 1000 * (time.process_time() - started) / len(x)


# ---------------------------------------------------------------- docs

SECTION_START = "<!-- reliability-finetune:start -->"
SECTION_END = "<!-- reliability-finetune:end -->"
SHIPPED = "shipped_deep_head"
# A fold's macro-F1 moves by 0.01-0.02 with sampling alone on folds of 500-3,000 articles.
NOISE = 0.01
LABELS = {
    "veracity": "fast model (the fast path's shipped configuration)",
    "plain_tfidf_lr": "TF-IDF+LR (baseline)",
    "majority": "majority class",
    SHIPPED: "shipped deep head: fast score + pooled MiniLM lead LR, stacked (refitted per fold)",
    "pooled_mean_entities_masked": "(p) mean of the lead's token states without name tokens + LR, stacked",
    "pooled_mean_max": "(p) mean and max of the lead's token states + LR, stacked",
    "token_head_w32": "(t) token head trained per fold (attention + mean pooling, width 32), stacked",
    "token_head_w32_entities_masked": "(t) token head, name tokens masked, stacked",
    "token_head_w64": "(t) token head, width 64, stacked",
    "token_head_w32_adversarial": "(t) token head, corpus-adversarial (reversed-gradient corpus classifier, weight 0.3), stacked",
    "token_head_w32_lr3e-4": "(t) token head, learning rate 3e-4 (2e-3 above), up to 6 epochs, stacked",
}
BASELINES = ("veracity", "plain_tfidf_lr", "majority", SHIPPED)


class FinetuneRow(BaseModel):
    """One system over the folds, with its margins over TF-IDF+LR and the shipped deep head."""

    name: str
    label: str
    mean_macro_f1: float
    worst_macro_f1: float
    ece: float | None
    mean_auc: float
    margin_over_tfidf: float | None
    over_shipped: tuple[float, float] | None  # mean, worst
    per_fold: list[float]


def finetune_rows(result: dict[str, Any], labels: dict[str, str]) -> list[FinetuneRow]:
    """One row per system of a LOCO evaluation (``summary``, ``pooled``, ``folds``), each
    candidate with its margins over the shipped deep head."""
    shipped = result["summary"][SHIPPED]
    rows = []
    for name, s in result["summary"].items():
        rows.append(
            FinetuneRow(
                name=name,
                label=labels.get(name, name),
                mean_macro_f1=s["mean_macro_f1"],
                worst_macro_f1=s["worst_macro_f1"],
                ece=result["pooled"][name]["ece"] if name in result["pooled"] else None,
                mean_auc=s["mean_auc"],
                margin_over_tfidf=s.get("min_margin_over_tfidf"),
                over_shipped=None
                if name in BASELINES
                else (
                    s["mean_macro_f1"] - shipped["mean_macro_f1"],
                    s["worst_macro_f1"] - shipped["worst_macro_f1"],
                ),
                per_fold=[fold[name]["macro_f1"] for fold in result["folds"].values()],
            )
        )
    return rows


class FinetuneSection(BaseModel):
    """The "Deep path: MiniLM token head fine-tuned per fold" section from ``evaluation.json``."""

    command: str
    folds: list[str]
    rows_per_fold: dict[str, int]
    rows: list[FinetuneRow]
    epochs: dict[str, dict[str, Any]]
    head_ms_per_article: float
    bert_layer_train_ms_per_article: float
    complete: bool
    max_epochs: int = MAX_EPOCHS

    @classmethod
    def from_run(cls, result: dict[str, Any]) -> FinetuneSection:
        return cls(
            command=result["command"],
            folds=list(result["folds"]),
            rows_per_fold=result["rows_per_fold"],
            rows=finetune_rows(result, LABELS),
            epochs=result.get("training", {}),
            head_ms_per_article=result["head_ms_per_article"],
            bert_layer_train_ms_per_article=result["bert_layer_train_ms_per_article"],
            complete=result["complete"],
        )

    @property
    def winners(self) -> list[str]:
        """Variants above the shipped deep head on the mean and within noise of it on the worst
        fold: the issue's rule for shipping one on the deep path."""
        return [
            r.name
            for r in self.rows
            if r.over_shipped is not None and r.over_shipped[0] > 0 and r.over_shipped[1] >= -NOISE
        ]

    @property
    def bert_layer_cpu_hours(self) -> float:
        """CPU hours to train one added BERT layer per fold as the token heads are trained
        (two half-size inner heads and a final head: about two full passes per epoch)."""
        articles = sum(self.rows_per_fold.values())  # each fold trains on the others
        training = articles * (len(self.folds) - 1)
        return self.bert_layer_train_ms_per_article * training * 2 * MAX_EPOCHS / 3.6e6

    def summary(self) -> str:
        best = max(
            (r for r in self.rows if r.over_shipped is not None), key=lambda r: r.mean_macro_f1
        )
        verdict = "ships" if self.winners else "not shipped"
        return (
            f"MiniLM token heads per LOCO fold: best {best.name} {best.mean_macro_f1:.3f} mean / "
            f"{best.worst_macro_f1:.3f} worst vs shipped deep head "
            f"{next(r for r in self.rows if r.name == SHIPPED).mean_macro_f1:.3f}; {verdict}"
        )


def section(result: dict[str, Any]) -> str:
    doc = FinetuneSection.from_run(result)
    text = render_template(
        "reliability-finetune.md.j2", doc=doc, start=SECTION_START, end=SECTION_END, noise=NOISE
    )
    return text.removesuffix("\n")


def render(cache: Path) -> None:
    """Write the docs section from the saved evaluation."""
    from _docs import write_section  # bench/_docs.py

    result = json.loads((cache / "evaluation.json").read_text())
    write_section(section(result), SECTION_START, SECTION_END)
    log.info(FinetuneSection.from_run(result).summary())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("prepare")
    evaluate_parser = sub.add_parser("evaluate")
    evaluate_parser.add_argument("--only", nargs="*", help="these variants only")
    evaluate_parser.add_argument("--folds", nargs="*", help="these held-out folds only (a check)")
    sub.add_parser("render")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--embeddings-cache", type=Path, default=EMBEDDINGS_CACHE)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    if args.command == "render":
        render(args.cache)
        return 0
    table = load_loco_table()
    if args.command == "prepare":
        prepare(table, args.cache)
    elif args.command == "evaluate":
        command = "bench/reliability_finetune.py " + " ".join(
            sys.argv[1:] if argv is None else argv
        )
        evaluate(table, args.cache, args.embeddings_cache, args.only, command, args.folds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
