"""MPNet on the deep path, its cost: CPU-seconds per window of 128 pieces and per wire article,
the numpy runtime beside torch's MPNetModel (the train extra) and MiniLM's shipped path, with
BLAS on one thread and on two.

Costs are ``time.process_time`` (every thread of the process), so a busy shared machine does
not inflate them; wall seconds are printed beside them for the two-thread runs. Windows: 16 of
126 pieces of wire-dev text between ``<s>`` and ``</s>`` (MiniLM: 16 of its own 126-piece
windows of the same text, between ``[CLS]`` and ``[SEP]``), run as one batch. Articles: wire-dev
articles (ReCOVery's wire, ids 40..), their sentences as the deep path splits them (parsed
before the clock starts): MPNet's windows through the frozen layers 1-8 (``encode_mpnet_segments``)
and the tagger's four layers and head (``MPNetTagger``: the shipped files when present, else
random weights of their shapes, which cost the same), beside MiniLM's: the int8 graph with the
two taggers' input layers exposed (``encode_segments``) and the shipped tagger mix.

Run: ``nice -n 10 python bench/mpnet_speed.py [--articles 5] [--out FILE]``. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

WINDOWS = 16
THREADS = (1, 2)


def cpu(fn: Any, *args: Any) -> tuple[float, float, Any]:
    """``(CPU seconds, wall seconds, result)`` of ``fn(*args)``."""
    started, wall = time.process_time(), time.perf_counter()
    out = fn(*args)
    return time.process_time() - started, time.perf_counter() - wall, out


def mpnet_tagger(directory: Path | None) -> Any:
    """The shipped MPNet tagger when its files are there, else one with random weights."""
    from veracity.artefacts import ARTEFACTS
    from veracity.embeddings.mpnet import RELATIVE_BIAS, get_mpnet
    from veracity.propaganda.mpnet_tagger import (
        HEAD_FILE,
        HEAD_SHAPES,
        SHAPES,
        TUNED_LAYERS,
        MPNetTagger,
        load_mpnet_tagger,
    )

    directory = directory or ARTEFACTS["propaganda-tagger"].directory
    if (directory / HEAD_FILE).exists():
        return load_mpnet_tagger(directory), "shipped"
    rng = np.random.default_rng(0)
    layers = {
        k: {n: (0.05 * rng.standard_normal(s)).astype(np.float32) for n, s in SHAPES.items()}
        for k in TUNED_LAYERS
    }
    head = {n: rng.standard_normal(s).astype(np.float32) for n, s in HEAD_SHAPES.items()}
    table = get_mpnet(TUNED_LAYERS[0]).weights_[RELATIVE_BIAS]
    return MPNetTagger(layers, head, table), "random weights"


def measure(data_dir: Path, n_articles: int, tagger_dir: Path | None) -> dict[str, Any]:
    import torch
    from threadpoolctl import threadpool_limits
    from transformers import MPNetModel

    from veracity.embeddings.mpnet import BOS, EOS, get_mpnet, mpnet_tokenizer
    from veracity.embeddings.mpnet_files import mpnet_files
    from veracity.propaganda.encoder import encode_segments, window_bounds
    from veracity.propaganda.mpnet_tagger import encode_mpnet_segments
    from veracity.propaganda.neural import load_neural_tagger
    from veracity.propaganda.train_tagger import WIRE_DEV, deep_sentences, wire_texts

    first = WIRE_DEV[0]
    articles = [
        deep_sentences(body, title)
        for body, title in wire_texts(data_dir, first, first + n_articles)
    ]
    text = " ".join(t for t, _, _ in articles)
    pieces = mpnet_tokenizer().encode(text, add_special_tokens=False).ids
    ids = np.array(
        [[BOS, *pieces[k * 126 : (k + 1) * 126], EOS] for k in range(WINDOWS)], dtype=np.int64
    )
    mask = np.ones_like(ids)
    minilm, _, _, _, _ = load_neural_tagger()
    bounds = window_bounds(text, 0, len(text))[:WINDOWS]
    numpy_model = get_mpnet()
    reference = MPNetModel.from_pretrained(str(mpnet_files()["config.json"].parent)).eval()
    tagger, weights = mpnet_tagger(tagger_dir)
    layers = minilm.input_layers
    # warm: every model loaded and run once before the clock
    numpy_model.hidden_states(ids[:1], mask[:1])
    encode_segments(text, bounds[:1], layers)
    tagger.piece_probabilities(encode_mpnet_segments(text, bounds[:1])[0])

    out: dict[str, Any] = {
        "windows": WINDOWS,
        "pieces_per_window": int(ids.shape[1]),
        "mpnet_tagger_weights": weights,
        "per_window_cpu_s": {},
        "per_article": {},
    }
    for threads in THREADS:
        torch.set_num_threads(threads)
        with threadpool_limits(threads):
            c, w, _ = cpu(lambda: numpy_model.hidden_states(ids, mask))
            row = {"mpnet_numpy_12_layers": c / WINDOWS, "mpnet_numpy_wall": w / WINDOWS}
            with torch.no_grad():
                c, w, _ = cpu(
                    lambda: reference(
                        input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask)
                    )
                )
            row |= {"mpnet_torch_12_layers": c / WINDOWS, "mpnet_torch_wall": w / WINDOWS}
            c, w, windows = cpu(lambda: encode_segments(text, bounds, layers))
            flat = [x for own in windows for x in own]
            t, _, _ = cpu(minilm.piece_probabilities, flat)
            row |= {
                "minilm_int8_encoder": c / WINDOWS,
                "minilm_shipped_taggers": t / WINDOWS,
                "minilm_pieces_per_window": float(np.mean([len(x.offsets) for x in flat])),
            }
            out["per_window_cpu_s"][threads] = {k: round(v, 4) for k, v in row.items()}
            rows = []
            for article_text, sentences, words in articles:
                c1, w1, mp = cpu(encode_mpnet_segments, article_text, sentences)
                flat = [x for own in mp for x in own]
                c2, w2, _ = cpu(tagger.piece_probabilities, flat)
                c3, _, mini = cpu(encode_segments, article_text, sentences, layers)
                flat_minilm = [x for own in mini for x in own]
                c4, _, _ = cpu(minilm.piece_probabilities, flat_minilm)
                rows.append(
                    {
                        "words": words,
                        "mpnet_pieces": sum(len(x.offsets) for x in flat),
                        "mpnet_windows": len(flat),
                        "mpnet_frozen_8_layers": c1,
                        "mpnet_tagger_4_layers": c2,
                        "mpnet_wall": w1 + w2,
                        "minilm_int8_encoder": c3,
                        "minilm_shipped_taggers": c4,
                    }
                )
            out["per_article"][threads] = {
                "articles": [{k: round(v, 3) for k, v in r.items()} for r in rows],
                "mean": {
                    k: round(float(np.mean([r[k] for r in rows])), 3)
                    for k in rows[0]
                    if k not in ("words",)
                }
                | {"words": round(float(np.mean([r["words"] for r in rows])))},
            }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("/work/shared/data"))
    parser.add_argument("--articles", type=int, default=5)
    parser.add_argument("--tagger-dir", type=Path, help="a propaganda-tagger folder")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    result = measure(args.data_dir, args.articles, args.tagger_dir)
    text = json.dumps(result, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
