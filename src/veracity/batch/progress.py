"""Progress reporting for a batch: a callback protocol and its Rich progress bar."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class BatchProgress(Protocol):
    """Told how many rows there are, how many an earlier run finished, and each new chunk."""

    def start(self, total: int, already_done: int) -> None: ...

    def advance(self, rows: int) -> None: ...


class RateColumn(ProgressColumn):
    """Rows analysed in this run per second since it started, model loading included: the same
    rate the closing line reports (resumed rows do not count)."""

    def render(self, task: Task) -> Text:
        started, done_before = task.fields.get("run_started"), task.fields.get("done_before", 0)
        analysed = task.completed - done_before
        if not started or analysed <= 0:
            return Text("-- rows/s", style="progress.data.speed")
        rate = analysed / max(time.perf_counter() - started, 1e-9)
        return Text(f"{rate:,.1f} rows/s", style="progress.data.speed")


class RichBatchProgress:
    """A Rich bar with what it is doing, count, rate and time left."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._task: TaskID | None = None
        self._doing = ""

    def start(self, total: int, already_done: int) -> None:
        # The bar shows from here: a run refused before it (a bad --out, no rows) prints only
        # its error line, not an empty bar first.
        self._progress.start()
        # Nothing moves while the workers load their models (seconds): say so.
        self._doing = "analysing" if not already_done else f"resuming ({already_done:,} done)"
        self._task = self._progress.add_task(
            "loading models, then the first chunk",
            total=total,
            completed=already_done,
            run_started=time.perf_counter(),
            done_before=already_done,
        )

    @property
    def started(self) -> bool:
        return self._task is not None

    def advance(self, rows: int) -> None:
        if self._task is not None:
            self._progress.update(self._task, advance=rows, description=self._doing)


@contextmanager
def rich_progress(console: Console | None = None) -> Iterator[RichBatchProgress]:
    """A live progress bar on stderr for the duration of the block."""
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console or Console(stderr=True),
        speed_estimate_period=60.0,
    )
    bar = RichBatchProgress(progress)
    try:
        yield bar
    finally:
        if bar.started:  # stopping a bar that never started still prints a blank line
            progress.stop()
