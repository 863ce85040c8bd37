"""What batch says while it works: loading first, then one rate, and a line when stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console

from tests.batch.conftest import corpus_rows, write_jsonl
from veracity.batch.progress import rich_progress

REPO = Path(__file__).resolve().parents[2]


def test_bar_says_loading_until_rows_arrive_then_one_rate() -> None:
    console = Console(record=True, width=120, force_terminal=False)
    with rich_progress(console) as progress:
        progress.start(total=300, already_done=100)
        task = progress._progress.tasks[0]
        assert task.description.startswith("loading models")
        time.sleep(0.2)
        progress.advance(50)
        assert task.description == "resuming (100 done)"
        started = task.fields["run_started"]
        rate = progress._progress.columns[3].render(task).plain
        elapsed = time.perf_counter() - started
        shown = float(rate.split()[0].replace(",", ""))
        assert rate.endswith(" rows/s")  # the unit of the closing line's rate too
        # rows of this run only (not the 100 resumed) over the run's time, loading included
        assert 50 / (elapsed + 0.05) <= shown <= 50 / 0.2


def test_version_is_printed() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "veracity.cli", "--version"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("veracity ") and result.stdout.split()[1][0].isdigit()


@pytest.mark.slow
def test_ctrl_c_says_it_is_stopping_and_keeps_finished_chunks(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", corpus_rows(400))
    out = tmp_path / "out.jsonl"
    run = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "veracity.cli",
            "batch",
            str(source),
            "--out",
            str(out),
            "--chunk-size",
            "2",
        ],
        cwd=REPO,
        env={**os.environ, "COLUMNS": "100"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    parts = tmp_path / "out.jsonl.parts"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and run.poll() is None:
        if parts.is_dir() and list(parts.glob("chunk-*.jsonl")):
            break
        time.sleep(0.05)
    run.send_signal(signal.SIGINT)
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 130, stderr
    assert "stopping (Ctrl-C)" in stderr
    assert "finished chunks are kept" in stderr
    assert "Traceback" not in stderr
