"""Run a batch job: read the input in chunks, analyse the chunks not yet done, join the output.

Entry point: :func:`run_batch`. Chunk ``k`` always holds input rows ``k*chunk_size`` to
``(k+1)*chunk_size - 1``, so a restart, another engine or another worker count produce the
same chunks and the same output.
"""

from __future__ import annotations

import itertools
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from veracity import __version__
from veracity.batch.checkpoint import ChunkStore, input_fingerprint
from veracity.batch.engines import ChunkWork, OnChunk, run_in_process, run_process_pool
from veracity.batch.progress import BatchProgress
from veracity.batch.readers import InputSpec, count_records, read_records
from veracity.batch.writers import output_format, write_results
from veracity.errors import InputError
from veracity.nlp.document import Depth

Engine = Literal["local", "ray"]
DEFAULT_CHUNK_SIZE = 100
_NUMBERS = re.compile(r"0x[0-9a-f]+|\d[\d,]*")


@dataclass(frozen=True)
class BatchJob:
    """Everything that defines one batch run."""

    input: InputSpec
    out: Path
    depth: Depth = "fast"
    chunk_size: int = DEFAULT_CHUNK_SIZE
    workers: int = 1
    engine: Engine = "local"
    ray_address: str | None = None
    fresh: bool = False
    keep_parts: bool = False

    def manifest(self) -> dict[str, Any]:
        """What the rows depend on: input, columns, depth, chunking, output format, version.

        Engine and worker count are left out: a run may be resumed with either changed.
        """
        return {
            "input": input_fingerprint(self.input),
            "format": self.input.format,
            "columns": {
                "text": self.input.text_col,
                "title": self.input.title_col,
                "id": self.input.id_col,
                "url": self.input.url_col,
            },
            "encoding": self.input.encoding,
            "depth": self.depth,
            "chunk_size": self.chunk_size,
            "output_format": output_format(self.out),
            "veracity_version": __version__,
        }


@dataclass
class BatchSummary:
    """What a batch run produced."""

    output: Path
    rows: int = 0
    errors: int = 0
    error_reasons: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    resumed_rows: int = 0
    analysed_rows: int = 0
    elapsed_s: float = 0.0

    @property
    def analysed_per_s(self) -> float:
        """Rows analysed per second in this run (resumed rows excluded)."""
        return self.analysed_rows / self.elapsed_s if self.elapsed_s > 0 else 0.0


def run_batch(job: BatchJob, progress: BatchProgress | None = None) -> BatchSummary:
    """Analyse every input row into ``job.out``, resuming an interrupted run of the same job."""
    if job.chunk_size < 1:
        raise InputError("--chunk-size must be at least 1")
    if job.workers < 1:
        raise InputError("--workers must be at least 1")
    if job.out.resolve() == job.input.path.resolve():
        raise InputError("--out must not be the input file")
    started = time.perf_counter()
    job.out.parent.mkdir(parents=True, exist_ok=True)
    store = ChunkStore(job.out, job.manifest())
    store.open(fresh=job.fresh)
    if "total_rows" not in store.manifest:
        store.manifest["total_rows"] = count_records(job.input)
        store.save_manifest()
    total = store.manifest["total_rows"]
    n_chunks = -(-total // job.chunk_size)
    done = store.done_chunks()
    resumed_rows = sum(_chunk_rows(chunk_id, job.chunk_size, total) for chunk_id in done)
    if progress is not None:
        progress.start(total, resumed_rows)
    summary = BatchSummary(output=job.out, resumed_rows=resumed_rows)

    def on_chunk(chunk_id: int, rows: list[dict[str, Any]]) -> None:
        store.write_chunk(chunk_id, rows)
        summary.analysed_rows += len(rows)
        if progress is not None:
            progress.advance(len(rows))

    _run_engine(job, _pending_chunks(job, done), on_chunk)
    _finish(job, store, n_chunks, total, summary)
    summary.elapsed_s = time.perf_counter() - started
    return summary


def _chunk_rows(chunk_id: int, chunk_size: int, total: int) -> int:
    return max(0, min(chunk_size, total - chunk_id * chunk_size))


def _pending_chunks(job: BatchJob, done: set[int]) -> Iterator[ChunkWork]:
    """The chunks still to analyse, read from the input in order; finished ones are skipped."""
    records = read_records(job.input)
    for chunk_id in itertools.count():
        chunk = list(itertools.islice(records, job.chunk_size))
        if not chunk:
            return
        if chunk_id not in done:
            yield chunk_id, chunk


def _run_engine(job: BatchJob, chunks: Iterator[ChunkWork], on_chunk: OnChunk) -> None:
    if job.engine == "ray":
        from veracity.batch.ray_engine import run_on_ray

        run_on_ray(
            chunks,
            job.depth,
            on_chunk,
            address=job.ray_address,
            workers=job.workers if job.ray_address is None else None,
        )
    elif job.workers == 1:
        run_in_process(chunks, job.depth, on_chunk)
    else:
        run_process_pool(chunks, job.depth, on_chunk, workers=job.workers)


def _finish(
    job: BatchJob, store: ChunkStore, n_chunks: int, total: int, summary: BatchSummary
) -> None:
    """Join the chunks into the output (counting rows, errors and labels), then drop the parts."""

    def counted(rows: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for row in rows:
            summary.rows += 1
            if row.get("error"):
                summary.errors += 1
                summary.error_reasons[error_reason(row["error"])] += 1
            elif row.get("label"):
                summary.labels[row["label"]] += 1
            yield row
        if summary.rows != total:  # raised inside the writer: the output is not replaced
            raise InputError(
                f"the input changed during the run ({summary.rows:,} rows read back, "
                f"{total:,} counted); rerun with --fresh"
            )

    write_results(job.out, counted(store.read_rows(n_chunks)))
    if not job.keep_parts:
        store.remove()


def error_reason(error: str) -> str:
    """An error message without its row-specific numbers, to count errors by kind."""
    return _NUMBERS.sub("N", error)[:100]
