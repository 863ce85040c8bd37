"""A chunk analyser for the worker-death tests (importable by spawned workers): a record whose
text is ``POISON`` kills the process analysing it, as a row that runs its worker out of memory
or crashes a library would."""

from __future__ import annotations

import os

from veracity.batch.analysis import AnalysedRow, AnalysisOptions, analyse_chunk
from veracity.batch.readers import InputRecord


def analyse_or_die(records: list[InputRecord], options: AnalysisOptions) -> list[AnalysedRow]:
    if any(record.text == "POISON" for record in records):
        os._exit(9)
    return analyse_chunk(records, options)
