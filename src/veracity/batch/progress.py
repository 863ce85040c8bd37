"""Progress reporting for a batch: a callback protocol and its Rich progress bar."""

from __future__ import annotations

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
    """Articles per second over the rows analysed in this run (resumed rows do not count)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} art/s" if speed else "-- art/s", style="progress.data.speed")


class RichBatchProgress:
    """A Rich bar with count, rate and time left."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._task: TaskID | None = None

    def start(self, total: int, already_done: int) -> None:
        description = "analysing" if not already_done else f"resuming ({already_done:,} done)"
        self._task = self._progress.add_task(description, total=total, completed=already_done)
        # rates count this run only: Rich measures speed from advances, not from ``completed``

    def advance(self, rows: int) -> None:
        if self._task is not None:
            self._progress.advance(self._task, rows)


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
    with progress:
        yield RichBatchProgress(progress)
