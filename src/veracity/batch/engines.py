"""Local engines: analyse chunks in this process or in a pool of worker processes.

Both take an iterator of ``(chunk_id, records)`` and call ``on_chunk(chunk_id, rows)`` as each
chunk finishes (the pool finishes them out of order; the chunk store puts them back in order).
At most ``2 x workers`` chunks are in flight, so memory does not grow with the corpus.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from veracity.batch.analysis import (
    AnalysedRow,
    AnalysisOptions,
    analyse_chunk,
    freeze_loaded_models,
    prepare_worker,
)
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
    chunks: Iterable[ChunkWork], options: AnalysisOptions, on_chunk: OnChunk
) -> None:
    """Analyse every chunk here, one after the other (``--workers 1``)."""
    for chunk_id, records in chunks:
        rows = analyse_chunk(records, options)
        freeze_loaded_models()  # after the first chunk, which loaded the models
        on_chunk(chunk_id, rows)


def run_process_pool(
    chunks: Iterable[ChunkWork],
    options: AnalysisOptions,
    on_chunk: OnChunk,
    *,
    workers: int,
    max_restarts: int = 3,
) -> None:
    """Analyse chunks in ``workers`` processes, each loading the models once.

    A worker that dies (killed, out of memory) breaks the pool: a new pool is started and the
    chunks that were in flight are sent again, up to ``max_restarts`` times.
    """
    pending: Iterator[ChunkWork] = iter(chunks)
    in_flight: dict[Future[list[AnalysedRow]], ChunkWork] = {}
    restarts = 0
    context = multiprocessing.get_context("spawn")  # no fork of a process with threads
    while True:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=prepare_worker,
            initargs=(options.depth,),
        ) as pool:
            try:
                resend = list(in_flight.values())
                in_flight = {pool.submit(analyse_chunk, work[1], options): work for work in resend}
                keep_in_flight(
                    pending,
                    in_flight,
                    submit=lambda work, pool=pool: pool.submit(analyse_chunk, work[1], options),
                    wait_some=lambda handles, live=in_flight: _finished_in_chunk_order(
                        handles, live
                    ),
                    # BrokenProcessPool propagates from result(); the chunk stays in flight
                    collect=lambda future, work: on_chunk(work[0], future.result()),
                    limit=workers * IN_FLIGHT_PER_WORKER,
                )
                return
            except BrokenProcessPool:
                restarts += 1
                if restarts > max_restarts:
                    raise WorkerLostError(
                        f"worker processes died {restarts} times; the finished chunks are kept, "
                        "rerun the same command to resume"
                    ) from None


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
