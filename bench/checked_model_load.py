"""What loading MiniLM and MPNet from the bytes their digest was checked on costs (hostile round
12, deep path; docs/security.md), against a tree that checked them and read them again by name.

Each measurement is one cold process per tree, the trees taken in turn (``--runs`` each), so the
page cache and the machine's load fall alike on both:

- ``minilm``: ``get_encoder()`` then ``get_layer_encoder()`` (the deep path's start-up: the
  shared graph and the span tagger's layer graph), then per call: 64 sentences encoded 3 times;
- ``mpnet``: ``mpnet_tokenizer()`` and ``get_mpnet(8)`` (what the span tagger loads of the
  model; its own files are not on main yet, and their load is unchanged here), then per call: one 128-piece window through the 8 layers, 3 times; with the
  process's resident memory after the load and at its peak, and a SHA-256 of every weight loaded
  (equal across trees: the same tensors, bit for bit).

    /work/notes/heavy nice -n 10 .venv/bin/python bench/checked_model_load.py \\
        --before /tmp/sec2-before/src --after src --runs 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

CHILD = r"""
import hashlib, json, resource, sys, time
import numpy as np
what = sys.argv[1]
out = {}
def rss_mb():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS")) / 1024
if what == "minilm":
    from veracity.embeddings.encoder import get_encoder, get_layer_encoder
    t, c = time.perf_counter(), time.process_time()
    get_encoder(); get_layer_encoder()
    out["load_s"], out["load_cpu_s"] = time.perf_counter() - t, time.process_time() - c
    out["loaded_rss_mb"] = rss_mb()
    texts = [f"Officials said {n} people attended the meeting on Monday." for n in range(64)]
    get_encoder().encode(texts[:2])
    t, c = time.perf_counter(), time.process_time()
    for _ in range(3):
        vectors = get_encoder().encode(texts)
    out["call_s"], out["call_cpu_s"] = time.perf_counter() - t, time.process_time() - c
    out["weights"] = hashlib.sha256(vectors.tobytes()).hexdigest()[:16]
else:
    from veracity.embeddings.mpnet import BOS, EOS, get_mpnet, mpnet_tokenizer
    from veracity.propaganda.mpnet_tagger import INPUT_LAYER
    t, c = time.perf_counter(), time.process_time()
    tokenizer = mpnet_tokenizer(); encoder = get_mpnet(INPUT_LAYER + 1)
    out["load_s"], out["load_cpu_s"] = time.perf_counter() - t, time.process_time() - c
    out["loaded_rss_mb"] = rss_mb()
    digest = hashlib.sha256()
    for name in sorted(encoder.weights_):
        digest.update(name.encode()); digest.update(encoder.weights_[name].tobytes())
    out["weights"] = digest.hexdigest()[:16]
    text = "The council said on Monday that the water was unsafe, and officials agreed. " * 12
    ids = np.array([[BOS, *tokenizer.encode(text, add_special_tokens=False).ids[:126], EOS]])
    mask = np.ones_like(ids)
    encoder.hidden_states(ids, mask)
    t, c = time.perf_counter(), time.process_time()
    for _ in range(3):
        encoder.hidden_states(ids, mask)
    out["call_s"], out["call_cpu_s"] = time.perf_counter() - t, time.process_time() - c
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def run(src: str, what: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": src, "OMP_NUM_THREADS": "1"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, what], env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"{what} under {src} failed: {done.stderr.strip()[-2000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", required=True, help="src folder of the tree before")
    parser.add_argument("--after", default="src", help="src folder of the tree after")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--what", nargs="+", default=["minilm", "mpnet"])
    args = parser.parse_args()
    for what in args.what:
        rows: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
        for _ in range(args.runs):
            for tree, src in (("before", args.before), ("after", args.after)):
                rows[tree].append(run(src, what))
        for tree, found in rows.items():
            figures = {
                key: statistics.median(float(r[key]) for r in found)
                for key in (
                    "load_s",
                    "load_cpu_s",
                    "call_s",
                    "call_cpu_s",
                    "loaded_rss_mb",
                    "peak_rss_mb",
                )
            }
            shown = ", ".join(f"{k} {v:.3f}" for k, v in figures.items())
            print(f"{what} {tree} (median of {len(found)}): {shown}; {found[0]['weights']}")


if __name__ == "__main__":
    main()
