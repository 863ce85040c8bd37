"""A chunk analyser for the worker-death tests (importable by spawned workers): a record whose
text is ``POISON`` kills the process analysing it, as a row that runs its worker out of memory
or crashes a library would."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from veracity.batch.analysis import AnalysedRow, AnalysisOptions, analyse_chunk
from veracity.batch.readers import InputRecord


def analyse_or_die(records: list[InputRecord], options: AnalysisOptions) -> list[AnalysedRow]:
    if any(record.text == "POISON" for record in records):
        os._exit(9)
    return analyse_chunk(records, options)


def batch_with_workers_1(source: str, out: str) -> None:
    """``veracity batch SOURCE --out OUT --workers 1 --chunk-size 2`` with this analyser, in
    the command's own process, as the CLI runs it."""
    from veracity.batch import BatchJob, InputSpec, engines, run_batch

    engines.analyse_chunk = analyse_or_die  # type: ignore[assignment]
    job = BatchJob(input=InputSpec.for_path(Path(source)), out=Path(out), chunk_size=2, workers=1)
    run_batch(job)


if __name__ == "__main__":
    batch_with_workers_1(sys.argv[1], sys.argv[2])
