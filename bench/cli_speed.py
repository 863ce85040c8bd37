"""Cold-start timings of the CLI (each command a fresh process), beside ``python -c pass``.

Usage: ``python bench/cli_speed.py [--runs 5]``. Each command runs ``--runs`` times in a row; the
median wall time and the median CPU time (user + system of the child) are reported. Writes its
section of docs/benchmarks.md. The machine's load at the time is reported with the figures:
wall time on a shared machine is CPU time plus waiting for a core.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _docs import write_section

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "example-article.txt"
START, END = "<!-- cli-speed:start -->", "<!-- cli-speed:end -->"
CLI = [sys.executable, "-m", "veracity.cli"]
COMMANDS = [
    ("python -c pass (baseline)", [sys.executable, "-c", "pass"], None),
    ("veracity --version", [*CLI, "--version"], None),
    ("veracity source nytimes.com", [*CLI, "source", "nytimes.com"], 1.0),
    ("veracity analyze --fast example-article.txt", [*CLI, "analyze", "--fast", str(EXAMPLE)], 3.0),
    ("veracity analyze example-article.txt (deep)", [*CLI, "analyze", str(EXAMPLE)], 6.0),
]


def time_command(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command`` (its stdout discarded)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rows = []
    load = os.getloadavg()[0]
    for name, command, target in COMMANDS:
        time_command(command)  # once untimed: OS file cache warm, as for a user's second call
        runs = [time_command(command) for _ in range(args.runs)]
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        met = "" if target is None else ("yes" if wall <= target else "no")
        rows.append((name, wall, cpu, target, met))
        print(f"{name}: wall {wall:.2f} s, cpu {cpu:.2f} s", flush=True)
    lines = [
        START,
        "## CLI cold start",
        "",
        f"Command: `python bench/cli_speed.py --runs {args.runs}` (median of {args.runs} fresh "
        f"processes after one untimed run; {os.cpu_count()} CPUs, 1-minute load average "
        f"{load:.1f} when it started).",
        "",
        "| command | wall s (median) | CPU s (median) | target wall s | met |",
        "|---|---:|---:|---:|---|",
    ]
    for name, wall, cpu, target, met in rows:
        lines.append(
            f"| {name} | {wall:.2f} | {cpu:.2f} | {'' if target is None else f'{target:.0f}'} | {met} |"
        )
    lines += [
        "",
        "CPU time is what the command costs; wall time adds the wait for a core on a loaded "
        f"machine (this run: 1-minute load average {load:.1f} on {os.cpu_count()} CPUs). The same "
        "script before the plain-pickle artefact cache measured `analyze --fast` at 4.98 s CPU. "
        "What is left in `analyze --fast`: importing scikit-learn with SciPy (about 1 s), pandas "
        "(imported by `veracity.models.estimator`), the language model and the outlet-name "
        "index. The deep path adds importing spaCy, which imports torch through thinc when "
        "torch is installed (several seconds), and building the fact-check store's MinHash LSH "
        "index (about 39,000 records) in every process. `source` imports typer and pydantic and "
        "reads the outlet table (0.05 s).",
        END,
    ]
    write_section("\n".join(lines), START, END)


if __name__ == "__main__":
    main()
