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

from pydantic import BaseModel

from _docs import write_section
from _templates import render

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


class CommandTiming(BaseModel):
    """One command's median wall and CPU seconds, and its target (None: no target)."""

    name: str
    wall_s: float
    cpu_s: float
    target_s: float | None = None

    def met(self, seconds: float) -> str:
        """ "yes" / "no" against the target; empty without one."""
        return "" if self.target_s is None else ("yes" if seconds <= self.target_s else "no")


class CliSpeedRun(BaseModel):
    """One run of this script: the machine it ran on and each command's timings."""

    runs: int
    cpus: int | None
    load_before: float
    load_after: float
    niceness: int
    commands: list[CommandTiming]


def measure(runs: int) -> CliSpeedRun:
    """Time every command ``runs`` times after one untimed run; the machine's load around it."""
    timings = []
    load = os.getloadavg()[0]
    for name, command, target in COMMANDS:
        time_command(command)  # once untimed: OS file cache warm, as for a user's second call
        results = [time_command(command) for _ in range(runs)]
        timing = CommandTiming(
            name=name,
            wall_s=statistics.median(r[0] for r in results),
            cpu_s=statistics.median(r[1] for r in results),
            target_s=target,
        )
        timings.append(timing)
        print(f"{name}: wall {timing.wall_s:.2f} s, cpu {timing.cpu_s:.2f} s", flush=True)
    return CliSpeedRun(
        runs=runs,
        cpus=os.cpu_count(),
        load_before=load,
        load_after=os.getloadavg()[0],
        niceness=os.nice(0),
        commands=timings,
    )


def render_markdown(run: CliSpeedRun) -> str:
    """The CLI cold-start section of docs/benchmarks.md (templates/cli_speed.md.j2)."""
    return render("cli_speed.md.j2", run=run, start=START, end=END).removesuffix("\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    write_section(render_markdown(measure(args.runs)), START, END)


if __name__ == "__main__":
    main()
