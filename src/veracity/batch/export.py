"""Reports of ``veracity analyze`` in one output: a JSON array, JSON lines, CSV rows, or the
fact-checks their claims matched as ClaimReview JSON-LD.

Every input is one record, in input order, failed ones included. CSV rows are the batch row's
flat columns (:mod:`veracity.batch.row`), so a few articles analysed one by one and a corpus run
through ``veracity batch`` give the same spreadsheet. A JSON record opens with the keys a batch
row names its input by, ``index``, ``id`` (the path, ``-`` or URL) and ``error`` (null, or why
the input has no report), and goes on with the report's own keys, so it still reads as a
:class:`Report` (which ignores the three); a failed input's record is those three keys alone.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any, Literal

from veracity.batch.analysis import empty_row, project_report
from veracity.batch.readers import InputRecord
from veracity.batch.row import FLAT_COLUMNS
from veracity.batch.writers import flat_rows
from veracity.report.schema import Report

ReportsFormat = Literal["json", "jsonl", "csv", "claimreview"]
# One analysed input: where it came from, and its report or why it has none.
Outcome = tuple[str, Report | None, str | None]


def render_reports(outcomes: Iterable[Outcome], fmt: ReportsFormat) -> Iterator[str]:
    """The outputs of several analyses, streamed as they come; one record per input, except in
    ClaimReview, which lists the matched fact-checks of them all."""
    if fmt == "jsonl":
        for index, outcome in enumerate(outcomes):
            yield json.dumps(_json_record(index, *outcome), ensure_ascii=False) + "\n"
    elif fmt == "claimreview":
        from veracity.claimreview import claimreview_json, claimreview_jsonld

        matches = [
            match
            for _, report, _ in outcomes
            if report is not None
            for claim in report.claims
            for match in claim.debunk_matches
        ]
        yield claimreview_json(claimreview_jsonld(matches)) + "\n"
    elif fmt == "json":
        yield "["
        for index, outcome in enumerate(outcomes):
            record = json.dumps(_json_record(index, *outcome), indent=2, ensure_ascii=False)
            yield ("\n" if index == 0 else ",\n") + record
        yield "\n]\n"
    else:
        yield from _csv(outcomes)


def _json_record(
    index: int, source: str, report: Report | None, error: str | None
) -> dict[str, Any]:
    """One input's JSON record: its place, its name and its error, then its report's keys."""
    record: dict[str, Any] = {"index": index, "id": source, "error": error}
    if report is not None:
        record.update(json.loads(report.model_dump_json()))
    return record


def _csv(outcomes: Iterable[Outcome]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FLAT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for index, (source, report, error) in enumerate(outcomes):
        record = InputRecord(index=index, id=source)
        row = project_report(record, report) if report is not None else empty_row(record, error)
        writer.writerows(flat_rows([row.record()]))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
