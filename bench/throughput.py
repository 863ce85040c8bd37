"""Batch throughput (articles/s per core) and peak memory, and its "Throughput" section.

Usage: ``python bench/throughput.py [--sizes 1000 10000 100000] [--full-sizes 200]
[--baseline-sizes 1000 10000 100000] [--engines local1 local2 ray] [--write]``.

Corpora are sampled with replacement (fixed seed) from the FakeNewsNet article texts in the
data dir, as-is ("natural" length) and stretched or cut to exactly 1,000 words. Each
measurement runs ``veracity.batch.run_batch`` end to end (JSONL in, JSONL out, checkpoints
included) in a fresh child process, so its peak RSS is its own:

* shallow path: ``depth=fast`` (fast signals + reliability model);
* full path: ``depth=deep`` (spaCy's full pipeline and every deep detector);
* baseline: TF-IDF + logistic regression fitted on 4,000 other articles, predicting the same
  sample in batches of 1,000 (one process).

Rates: ``end-to-end`` is rows / wall time including start-up and model loading; ``steady`` is
measured from the first finished chunk to the last. Per core = rate / worker processes.
``--write`` replaces the "Throughput" section of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
BENCHMARKS = REPO / "docs" / "benchmarks.md"
START, END = "<!-- throughput:start -->", "<!-- throughput:end -->"
CORPUS = Path("fakenewsnet_gossipcop_large") / "fakenewsnet_large.jsonl.gz"
SEED = 8
ENGINES = {"local1": ("local", 1), "local2": ("local", 2), "ray": ("ray", 2)}
TARGETS = {"fast": 300.0, "deep": 50.0}


def load_pool(data_dir: Path) -> list[dict[str, str]]:
    """The source articles (id, title, text, label) to sample from."""
    with gzip.open(data_dir / CORPUS, "rt", encoding="utf-8") as stream:
        return [
            {k: row[k] for k in ("id", "title", "text", "label")} for row in map(json.loads, stream)
        ]


def write_sample(pool: list[dict[str, str]], n: int, words: int | None, path: Path) -> Path:
    """``n`` articles drawn with replacement, each cut or extended to ``words`` words."""
    rng = random.Random(f"{SEED}-{n}-{words}")
    with path.open("w", encoding="utf-8") as stream:
        for i in range(n):
            article = rng.choice(pool)
            text = article["text"]
            if words is not None:
                tokens = text.split()
                while len(tokens) < words:
                    tokens += rng.choice(pool)["text"].split()
                text = " ".join(tokens[:words])
            row = {"id": f"s{i}", "title": article["title"], "text": text}
            stream.write(json.dumps(row) + "\n")
    return path


def _ray_worker_rss_mb(stop: threading.Event, peak: list[float]) -> None:
    """Sample the resident memory of Ray worker processes (not children of the driver)."""
    while not stop.wait(0.5):
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                if not Path(f"/proc/{pid}/cmdline").read_bytes().startswith(b"ray::"):
                    continue
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"VmRSS:\s+(\d+) kB", status)
            if match:
                peak[0] = max(peak[0], int(match.group(1)) / 1024)


def run_child(config: dict[str, Any]) -> dict[str, Any]:
    """One measurement, in this (fresh) process."""
    if config["kind"] == "baseline":
        return _baseline(config)
    from veracity.batch import BatchJob, InputSpec, run_batch

    engine, workers = ENGINES[config["engine"]]
    marks: list[tuple[float, int]] = []

    class Marks:
        def start(self, total: int, already_done: int) -> None:
            pass

        def advance(self, rows: int) -> None:
            marks.append((time.perf_counter(), rows))

    out = Path(config["out"])
    job = BatchJob(
        input=InputSpec.for_path(config["input"]),
        out=out,
        depth=config["depth"],
        chunk_size=config["chunk_size"],
        workers=workers,
        engine=engine,  # type: ignore[arg-type]
        fresh=True,
    )
    stop, ray_peak = threading.Event(), [0.0]
    sampler = threading.Thread(target=_ray_worker_rss_mb, args=(stop, ray_peak), daemon=True)
    if engine == "ray":
        sampler.start()
    started = time.perf_counter()
    summary = run_batch(job, Marks())
    seconds = time.perf_counter() - started
    stop.set()
    out.unlink()
    steady_rows = sum(rows for _, rows in marks[1:])
    steady_s = marks[-1][0] - marks[0][0] if len(marks) > 1 else 0.0
    return {
        "rows": summary.rows,
        "errors": summary.errors,
        "seconds": seconds,
        "rate": summary.rows / seconds,
        "steady_rate": steady_rows / steady_s if steady_s > 0 else None,
        "processes": workers,
        "peak_rss_mb": _peak_rss_mb(),
        "worker_peak_rss_mb": ray_peak[0] if engine == "ray" else _peak_rss_mb(children=True),
    }


def _peak_rss_mb(children: bool = False) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


def _baseline(config: dict[str, Any]) -> dict[str, Any]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    from veracity.settings import get_settings

    pool = load_pool(get_settings().data_dir)
    sampled_ids = set()
    with open(config["input"], encoding="utf-8") as stream:
        for line in stream:
            sampled_ids.add(json.loads(line)["id"])
    fit_rows = random.Random(SEED).sample(pool, 4000)
    model = make_pipeline(
        TfidfVectorizer(sublinear_tf=True, min_df=2, max_features=100_000, ngram_range=(1, 2)),
        LogisticRegression(max_iter=1000),
    )
    model.fit([f"{r['title']}\n\n{r['text']}" for r in fit_rows], [r["label"] for r in fit_rows])
    del pool, fit_rows
    started = time.perf_counter()
    rows = 0
    batch: list[str] = []
    with open(config["input"], encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            batch.append(f"{row['title']}\n\n{row['text']}")
            if len(batch) == 1000:
                model.predict_proba(batch)
                rows += len(batch)
                batch = []
    if batch:
        model.predict_proba(batch)
        rows += len(batch)
    seconds = time.perf_counter() - started
    return {
        "rows": rows,
        "errors": 0,
        "seconds": seconds,
        "rate": rows / seconds,
        "steady_rate": rows / seconds,
        "processes": 1,
        "peak_rss_mb": _peak_rss_mb(),
        "worker_peak_rss_mb": 0.0,
    }


def measure(config: dict[str, Any], timeout_s: float) -> dict[str, Any]:
    """Run one measurement in a child process and return its figures (or why it failed)."""
    command = [sys.executable, __file__, "--child", json.dumps(config)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout_s, cwd=REPO, check=False
        )
    except subprocess.TimeoutExpired:
        return {**config, "failed": f"over the {timeout_s:.0f} s limit"}
    if done.returncode != 0:
        return {**config, "failed": done.stderr.strip().splitlines()[-1:] or ["no output"]}
    return {**config, **json.loads(done.stdout.strip().splitlines()[-1])}


def plan(args: argparse.Namespace, workdir: Path) -> list[dict[str, Any]]:
    """Every measurement asked for, with its sampled input written."""
    from veracity.settings import get_settings

    pool = load_pool(get_settings().data_dir)
    configs = []
    inputs: dict[tuple[int, int | None], Path] = {}

    def sample(n: int, words: int | None) -> str:
        if (n, words) not in inputs:
            name = f"sample-{n}-{words or 'natural'}.jsonl"
            inputs[(n, words)] = write_sample(pool, n, words, workdir / name)
        return str(inputs[(n, words)])

    for words in args.words:
        length = None if words == 0 else words
        for n in args.baseline_sizes:
            configs.append(
                {
                    "kind": "baseline",
                    "path": "baseline",
                    "n": n,
                    "words": length,
                    "engine": "local1",
                    "input": sample(n, length),
                }
            )
        for depth, sizes in (("fast", args.sizes), ("deep", args.full_sizes)):
            for n in sizes:
                for engine in args.engines:
                    configs.append(
                        {
                            "kind": "batch",
                            "path": "shallow" if depth == "fast" else "full",
                            "depth": depth,
                            "n": n,
                            "words": length,
                            "engine": engine,
                            "chunk_size": args.chunk_size,
                            "input": sample(n, length),
                            "out": str(workdir / f"out-{len(configs)}.jsonl"),
                        }
                    )
    return configs


def section(results: list[dict[str, Any]], command: str, total_s: float) -> str:
    """The markdown section for ``docs/benchmarks.md``."""
    lines = [
        START,
        "## Throughput",
        "",
        f"Generated by `{command}` ({total_s / 60:.1f} min in all) on "
        f"{platform.machine()}, {os.cpu_count()} CPU cores shared with other jobs, Python "
        f"{platform.python_version()}. Articles sampled with replacement from "
        "`fakenewsnet_gossipcop_large` (natural length: median ~2,100 characters; and cut or "
        "extended to exactly 1,000 words). End-to-end = rows / wall time of `run_batch` "
        "including worker start-up and model loading; steady = from the first finished chunk "
        "to the last. Per core = steady rate / worker processes. Peak RSS: the driver, and the "
        "largest worker process (pool workers, or Ray workers sampled every 0.5 s).",
        "",
        "| path | words | articles | engine | end-to-end /s | steady /s | per core /s | target /core | driver RSS MB | worker RSS MB |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        words = r["words"] or "natural"
        if "failed" in r:
            lines.append(
                f"| {r['path']} | {words} | {r['n']:,} | {r['engine']} | failed: {r['failed']} | | | | | |"
            )
            continue
        steady = r["steady_rate"] or r["rate"]
        per_core = steady / r["processes"]
        target = TARGETS.get(r.get("depth", ""))
        target_text = (
            f"{target:.0f} {'met' if per_core >= target else 'missed'}"
            if target and r["words"] == 1000
            else ""
        )
        lines.append(
            f"| {r['path']} | {words} | {r['n']:,} | {r['engine']} | {r['rate']:,.1f} | "
            f"{steady:,.1f} | {per_core:,.1f} | {target_text} | {r['peak_rss_mb']:,.0f} | "
            f"{r['worker_peak_rss_mb']:,.0f} |"
        )
    lines += ["", END]
    return "\n".join(lines)


def write_section(text: str) -> None:
    """Replace (or append) the throughput section of docs/benchmarks.md."""
    current = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    if pattern.search(current):
        updated = pattern.sub(lambda _: text, current)
    else:
        updated = current.rstrip("\n") + "\n\n" + text + "\n"
    BENCHMARKS.write_text(updated, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument(
        "--sizes", type=int, nargs="*", default=[1000], help="shallow-path corpus sizes"
    )
    parser.add_argument(
        "--full-sizes", type=int, nargs="*", default=[100], help="full-path corpus sizes"
    )
    parser.add_argument("--baseline-sizes", type=int, nargs="*", default=[1000, 10_000, 100_000])
    parser.add_argument(
        "--words",
        type=int,
        nargs="*",
        default=[1000, 0],
        help="article length in words; 0 = natural",
    )
    parser.add_argument("--engines", nargs="*", default=list(ENGINES), choices=list(ENGINES))
    parser.add_argument("--chunk-size", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per measurement")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_child(json.loads(args.child))))
        return
    started = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="veracity-bench-") as workdir:
        for config in plan(args, Path(workdir)):
            result = measure(config, args.timeout)
            results.append(result)
            print(
                json.dumps({k: v for k, v in result.items() if k not in {"input", "out"}}),
                flush=True,
            )
    command = "python bench/throughput.py " + " ".join(sys.argv[1:])
    text = section(results, command.strip(), time.perf_counter() - started)
    print(text)
    if args.write:
        write_section(text)


if __name__ == "__main__":
    main()
