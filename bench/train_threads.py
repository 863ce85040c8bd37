"""`veracity train` targets with BLAS on the machine's default threads and on one: CPU and wall
time of each fit, and whether the artefacts are the same.

Usage: ``nice -n 10 python bench/train_threads.py --out DIR reliability-deep stance ...``
(each target trained once per setting, in a fresh process, into ``DIR/<target>/<setting>``;
``--order`` the settings and their order: ``default``, ``one`` (BLAS on one thread) or
``threadsN`` (on N threads, as a machine with N cores runs by default), a suffix such as
``one-2`` for a second run; every two settings' artefacts compared; ``--json FILE`` the
figures). On the shared 2-core machine
OpenBLAS's two threads spend CPU waiting for each other (the deep path's heads: 4.4 CPU ms a
product on two threads, 0.56 on one; :mod:`veracity.threads`); a training fit's products and
reductions are larger, so this measures whether one thread helps there too. Same artefacts:
each file's SHA-256 equal, else every number held in it (a joblib or npz file, walked through
its objects' attributes) equal within ``--tolerance``; the card is compared without its
timestamps and timings.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

# card fields that differ between two runs of the same fit (and scikit-learn's TF-IDF's
# _stop_words_id, the id() of a list)
VOLATILE = {"created", "created_at", "trained_at", "date", "seconds", "cpu_seconds", "minutes",
            "wall_seconds", "elapsed", "timing", "cost", "scoring_cost",
            "_stop_words_id"}  # fmt: skip


def train_one(target: str, setting: str, out: Path) -> dict[str, float]:
    """Train ``target`` into ``out`` in this process (``setting``: BLAS on its default threads
    or on one); its CPU seconds (every thread) and wall seconds."""
    from veracity.artefacts import ARTEFACTS
    from veracity.threads import one_blas_thread

    name, _, deep = target.partition(":")
    spec = ARTEFACTS[f"{name}-deep" if deep else name]
    out.mkdir(parents=True, exist_ok=True)
    started, cpu = time.perf_counter(), time.process_time()
    if setting.startswith("one"):
        with one_blas_thread():
            spec.run_training(None, out)
    elif setting.startswith("threads"):  # threads4: as a 4-core machine's default would run
        from threadpoolctl import threadpool_limits

        with threadpool_limits(int(setting.removeprefix("threads").split("-")[0]), "blas"):
            spec.run_training(None, out)
    else:
        spec.run_training(None, out)
    return {"cpu_s": time.process_time() - cpu, "wall_s": time.perf_counter() - started}


def _numbers(value: Any, path: str, out: dict[str, np.ndarray], seen: set[int]) -> None:
    if isinstance(value, (float, int, np.floating, np.integer)) and not isinstance(value, bool):
        out[path] = np.asarray(value)
        return
    if id(value) in seen:  # a circular reference: the object is being walked already
        return
    seen.add(id(value))
    _walk(value, path, out, seen)
    seen.discard(id(value))


def _walk(value: Any, path: str, out: dict[str, np.ndarray], seen: set[int]) -> None:
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "fiucb":
            out[path] = value
        elif value.dtype == object:
            for k, item in enumerate(value.ravel()):
                _numbers(item, f"{path}[{k}]", out, seen)
    elif isinstance(value, dict):
        for key, item in value.items():
            if str(key) not in VOLATILE:
                _numbers(item, f"{path}.{key}", out, seen)
    elif isinstance(value, (list, tuple)):
        for k, item in enumerate(value):
            _numbers(item, f"{path}[{k}]", out, seen)
    elif hasattr(value, "__dict__") or hasattr(value, "__slots__"):
        state = dict(getattr(value, "__dict__", {}))
        for slot in getattr(type(value), "__slots__", ()):
            if hasattr(value, slot):
                state[slot] = getattr(value, slot)
        _numbers(state, path, out, seen)


def loaded(path: Path) -> Any:
    if path.suffix == ".npz":
        with np.load(path, allow_pickle=False) as stored:
            return {name: stored[name] for name in stored.files}
    if path.suffix == ".json":
        return json.loads(path.read_text())
    import joblib

    return joblib.load(path)


def compare(a: Path, b: Path, tolerance: float) -> dict[str, Any]:
    """Files of ``a`` and ``b`` compared: identical bytes, or their numbers' largest difference."""
    names = sorted({p.relative_to(a) for p in a.rglob("*") if p.is_file()}
                   | {p.relative_to(b) for p in b.rglob("*") if p.is_file()})  # fmt: skip
    files: dict[str, Any] = {}
    for name in names:
        x, y = a / name, b / name
        if not (x.exists() and y.exists()):
            files[str(name)] = "only in one"
            continue
        if hashlib.sha256(x.read_bytes()).digest() == hashlib.sha256(y.read_bytes()).digest():
            files[str(name)] = "identical"
            continue
        try:
            left, right = {}, {}  # type: ignore[var-annotated]
            _numbers(loaded(x), "", left, set())
            _numbers(loaded(y), "", right, set())
        except Exception as exc:  # a file this bench cannot read is reported
            files[str(name)] = f"differs, unreadable here ({type(exc).__name__})"
            continue
        if set(left) != set(right):
            files[str(name)] = f"differs in structure ({len(set(left) ^ set(right))} paths)"
            continue
        largest, where = 0.0, ""
        for key in left:
            if left[key].shape != right[key].shape:
                largest, where = float("inf"), key
                break
            if left[key].size:
                x64, y64 = left[key].astype(np.float64), right[key].astype(np.float64)
                with np.errstate(invalid="ignore"):
                    diff = np.where(np.isnan(x64) & np.isnan(y64), 0.0, np.abs(x64 - y64))
                if float(np.max(diff)) > largest:
                    largest, where = float(np.nanmax(diff)), key
        files[str(name)] = {"largest_difference": largest, "at": where,
                            "within": largest <= tolerance,
                            "numbers": sum(v.size for v in left.values())}  # fmt: skip
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", help="artefact names; NAME:deep for --deep")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--order", default="default,one")
    parser.add_argument("--tolerance", type=float, default=1e-12)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--child", nargs=2, metavar=("TARGET", "SETTING"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        target, setting = args.child
        print(json.dumps(train_one(target, setting, args.out / target / setting)))
        return 0
    rows = []
    for target in args.targets:
        row: dict[str, Any] = {"target": target}
        for setting in args.order.split(","):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            run = subprocess.run(
                [sys.executable, __file__, "--out", str(args.out), "--child", target, setting],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            if run.returncode:
                row[setting] = {"error": run.stderr.strip().splitlines()[-1:]}
                continue
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            row[setting] = json.loads(run.stdout.strip().splitlines()[-1]) | {
                "process_cpu_s": round(
                    after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2
                )
            }
        done = [s for s in args.order.split(",") if "cpu_s" in row.get(s, {})]
        for a, b in itertools.combinations(done, 2):
            row[f"{a} vs {b}"] = compare(
                args.out / target / a, args.out / target / b, args.tolerance
            )
        rows.append(row)
        print(json.dumps(row), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
