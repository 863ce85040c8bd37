"""Local engines: analyse chunks in this process or in a pool of worker processes.

Both take an iterator of ``(chunk_id, records)`` and call ``on_chunk(chunk_id, rows)`` as each
chunk finishes (the pool finishes them out of order; the chunk store puts them back in order).
At most ``2 x workers`` chunks are in flight, so memory does not grow with the corpus.
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from veracity.batch.analysis import (
    AnalysedRow,
    AnalysisOptions,
    analyse_chunk,
    empty_row,
    freeze_loaded_models,
    hold_collection,
    prepare_worker,
    release_collection,
)
from veracity.batch.checkpoint import write_atomically
from veracity.batch.readers import InputRecord
from veracity.errors import VeracityError

ChunkWork = tuple[int, list[InputRecord]]
OnChunk = Callable[[int, list[AnalysedRow]], None]
IN_FLIGHT_PER_WORKER = 2
Handle = TypeVar("Handle")


class WorkerLostError(VeracityError):
    """Worker processes kept dying; finished chunks are kept and a rerun resumes after them."""

    exit_code = 10


def run_in_process(
    chunks: Iterable[ChunkWork],
    options: AnalysisOptions,
    on_chunk: OnChunk,
    *,
    mark: Path | None = None,
) -> None:
    """Analyse every chunk here, one after the other (``--workers 1``).

    A row that kills this process (out of memory, a crash in a library) cannot be caught
    here, and stopped every rerun at its chunk. So ``mark`` (a file of the parts folder) says
    what is being analysed while it is: the chunk, or the row of a chunk analysed one row at
    a time. A rerun that finds a mark analyses the chunk the last run died in one row at a
    time, and a row that a run died on alone :data:`ROW_DEATHS` times becomes an error row,
    as with a pool of workers. The mark is removed when the run ends in Python (an error, an
    interrupt), which is no death of the row's making.
    """
    died = _read_mark(mark)
    hold_collection()  # until the first chunk has loaded the models
    try:
        for chunk_id, records in chunks:
            if died is not None and died["chunk"] == chunk_id:
                rows = _one_row_at_a_time(chunk_id, records, options, died, mark)
            else:
                _write_mark(mark, {"chunk": chunk_id, "row": None, "deaths": 0})
                rows = analyse_chunk(records, options)
            freeze_loaded_models()  # after the first chunk, which loaded the models
            on_chunk(chunk_id, rows)
    finally:
        release_collection()  # the first chunk failed before the freeze
        if mark is not None:
            mark.unlink(missing_ok=True)


IN_PROCESS_DEATH_ERROR = (
    "the batch process died analysing this row ({deaths} runs, the row alone: killed, out of "
    "memory, or a crash in a library); the row was left out"
)


def _one_row_at_a_time(
    chunk_id: int,
    records: list[InputRecord],
    options: AnalysisOptions,
    died: dict[str, Any],
    mark: Path | None,
) -> list[AnalysedRow]:
    """The chunk an earlier run died in, analysed one row at a time under the mark."""
    rows: list[AnalysedRow] = []
    for position, record in enumerate(records):
        deaths = died["deaths"] + 1 if died["row"] == position else 0
        if deaths >= ROW_DEATHS:
            rows.append(
                AnalysedRow(empty_row(record, IN_PROCESS_DEATH_ERROR.format(deaths=deaths)))
            )
            continue
        _write_mark(mark, {"chunk": chunk_id, "row": position, "deaths": deaths})
        rows.extend(analyse_chunk([record], options))
    return rows


def _read_mark(mark: Path | None) -> dict[str, Any] | None:
    """What the last run was analysing when it died, or None (no mark, or not one of ours)."""
    if mark is None:
        return None
    try:
        data = json.loads(mark.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    chunk, row, deaths = data.get("chunk"), data.get("row"), data.get("deaths")
    if not (isinstance(chunk, int) and isinstance(deaths, int) and deaths >= 0):
        return None
    if row is not None and not isinstance(row, int):
        return None
    return {"chunk": chunk, "row": row, "deaths": deaths}


def _write_mark(mark: Path | None, what: dict[str, Any]) -> None:
    if mark is not None:
        write_atomically(mark, [json.dumps(what).encode("utf-8")])


# A row is left out once its worker has died with it this many times, the row alone in flight.
ROW_DEATHS = 2
# Rows left out one after another before the pool is taken to be failing on every row.
CONDEMNED_IN_A_ROW = 3
DEAD_WORKER_ERROR = (
    "the worker process died analysing this row ({deaths} times, the row alone: killed, out "
    "of memory, or a crash in a library); the row was left out"
)


@dataclass
class _RowByRow:
    """A chunk that was in flight when a worker died, analysed again one row at a time."""

    chunk_id: int
    records: list[InputRecord]
    rows: list[AnalysedRow] = field(default_factory=list)
    deaths: int = 0  # of workers, on the row after the last one analysed


def run_process_pool(
    chunks: Iterable[ChunkWork],
    options: AnalysisOptions,
    on_chunk: OnChunk,
    *,
    workers: int,
    max_restarts: int = 3,
    analyse: Callable[[list[InputRecord], AnalysisOptions], list[AnalysedRow]] = analyse_chunk,
) -> None:
    """Analyse chunks in ``workers`` processes, each loading the models once.

    A worker that dies (killed, out of memory, a crash in a library) breaks the pool: a new
    pool is started and the chunks that were in flight are analysed again one row at a time,
    one row in flight, so that a row that kills its worker on its own (:data:`ROW_DEATHS`
    times) becomes an error row and the batch goes on; it stopped every rerun at that chunk
    before. A pool that breaks ``max_restarts`` times more with no row to blame, or whose
    workers die on :data:`CONDEMNED_IN_A_ROW` rows in a row, stops the run
    (:class:`WorkerLostError`; the finished chunks are kept). ``analyse``: what a worker runs
    on a chunk's records.
    """
    pending: Iterator[ChunkWork] = iter(chunks)
    in_flight: dict[Future[list[AnalysedRow]], ChunkWork] = {}
    suspects: list[_RowByRow] = []
    restarts = condemned_in_a_row = 0
    context = multiprocessing.get_context("spawn")  # no fork of a process with threads
    while True:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=prepare_worker,
            initargs=(options.depth,),
        ) as pool:
            try:
                while suspects:
                    chunk = suspects[0]
                    while len(chunk.rows) < len(chunk.records):
                        record = chunk.records[len(chunk.rows)]
                        if chunk.deaths >= ROW_DEATHS:
                            error = DEAD_WORKER_ERROR.format(deaths=chunk.deaths)
                            chunk.rows.append(AnalysedRow(empty_row(record, error)))
                            chunk.deaths, restarts = 0, 0  # the break is explained
                            condemned_in_a_row += 1
                            if condemned_in_a_row >= CONDEMNED_IN_A_ROW:
                                raise WorkerLostError(
                                    f"worker processes died on {condemned_in_a_row} rows in a "
                                    "row, each analysed alone; the finished chunks are kept"
                                )
                            continue
                        chunk.rows.extend(pool.submit(analyse, [record], options).result())
                        chunk.deaths = condemned_in_a_row = 0
                    on_chunk(chunk.chunk_id, chunk.rows)
                    suspects.pop(0)
                resend = list(in_flight.values())
                in_flight = {pool.submit(analyse, work[1], options): work for work in resend}
                keep_in_flight(
                    pending,
                    in_flight,
                    submit=lambda work, pool=pool: pool.submit(analyse, work[1], options),
                    wait_some=lambda handles, live=in_flight: _finished_in_chunk_order(
                        handles, live
                    ),
                    # BrokenProcessPool propagates from result(); the chunk stays in flight
                    collect=lambda future, work: on_chunk(work[0], future.result()),
                    limit=workers * IN_FLIGHT_PER_WORKER,
                )
                return
            except BrokenProcessPool:
                if suspects:  # the row after the last one analysed was alone in flight
                    suspects[0].deaths += 1
                    continue
                restarts += 1
                if restarts > max_restarts:
                    raise WorkerLostError(
                        f"worker processes died {restarts} times; the finished chunks are kept, "
                        "rerun the same command to resume"
                    ) from None
                suspects = [
                    _RowByRow(chunk_id, records) for chunk_id, records in in_flight.values()
                ]
                in_flight = {}


def keep_in_flight(
    pending: Iterator[ChunkWork],
    in_flight: dict[Handle, ChunkWork],
    submit: Callable[[ChunkWork], Handle],
    wait_some: Callable[[list[Handle]], Iterable[Handle]],
    collect: Callable[[Handle, ChunkWork], None],
    limit: int,
) -> None:
    """Keep ``limit`` chunks in flight until the input is exhausted and all have finished.

    ``submit`` starts a chunk and returns its handle, ``wait_some`` blocks until some handles
    are done and returns them, ``collect`` takes one finished chunk's rows. A chunk leaves
    ``in_flight`` only once collected, so a caller that restarts its workers after an
    exception can send again exactly the chunks still in ``in_flight``.
    """
    exhausted = False
    while True:
        while not exhausted and len(in_flight) < limit:
            work = next(pending, None)
            if work is None:
                exhausted = True
            else:
                in_flight[submit(work)] = work
        if not in_flight:
            return
        for handle in wait_some(list(in_flight)):
            collect(handle, in_flight[handle])
            del in_flight[handle]


def _finished_in_chunk_order(
    futures: list[Future[list[AnalysedRow]]], in_flight: dict[Any, ChunkWork]
) -> list[Future[list[AnalysedRow]]]:
    finished, _ = wait(futures, return_when=FIRST_COMPLETED)
    return sorted(finished, key=lambda future: in_flight[future][0])
