"""Batch output files: JSONL, Parquet, CSV or XLSX, and reading each of them back.

The columns are :class:`~veracity.batch.row.BatchRow`'s. In Parquet, ``signal_counts`` is a map
column and ``top_signals`` a list of structs; the free-form ``outlets`` and ``debunks`` lists
are JSON strings, decoded again by :func:`read_results`. CSV and XLSX hold the flat row
(:data:`~veracity.batch.row.FLAT_COLUMNS`): plain text and numbers, a text cell that a
spreadsheet would run as a formula is prefixed with ``'`` (:mod:`veracity.report.spreadsheet`),
and an XLSX that outgrows a sheet continues on the next.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from veracity.batch.checkpoint import commit_file, temporary_path, write_atomically
from veracity.batch.row import (
    CORROBORATION_COLUMNS,
    FLAT_COLUMNS,
    BatchRow,
    TopSignal,
    corroboration_from_flat,
    flat_corroboration,
)
from veracity.errors import InputError, SourceNotFoundError
from veracity.report.spreadsheet import neutralise, restore

OutputFormat = Literal["jsonl", "parquet", "csv", "xlsx"]
_PARQUET_ROWS_PER_GROUP = 10_000
_JSON_COLUMNS = ("outlets", "debunks")
_SUFFIXES: dict[str, OutputFormat] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".csv": "csv",
    ".xlsx": "xlsx",
}
XLSX_MAX_ROWS = 1_048_576  # per sheet, the header row included
XLSX_MAX_CELL_CHARS = 32_767
_TRUNCATED = " [cut: longer than a spreadsheet cell holds]"
# What a worksheet's XML cannot hold (XML 1.0's characters are tab, line breaks, U+0020-U+D7FF,
# U+E000-U+FFFD and past U+FFFF): openpyxl refuses such a cell, which ended the whole write.
_NOT_IN_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def output_format(path: Path, what: str = "--out") -> OutputFormat:
    """The output format named by the path's suffix (``what``: the path, as the error names it)."""
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{what} must end in .jsonl, .parquet, .csv or .xlsx, not {path.name!r}")
    return fmt


def _arrow_type(annotation: Any):
    """The Parquet type of a :class:`BatchRow` field; nested free-form lists become JSON text."""
    import pyarrow as pa

    args = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) is not None and len(args) == 1 and get_origin(annotation) is not list:
        annotation = args[0]  # X | None
    scalar = {int: pa.int64(), float: pa.float64(), str: pa.string()}
    if annotation in scalar:
        return scalar[annotation]
    if get_origin(annotation) is dict:
        key, value = get_args(annotation)
        return pa.map_(scalar[key], scalar[value])
    (item,) = get_args(annotation)
    if item is TopSignal:
        return pa.list_(
            pa.struct([(n, _arrow_type(f.annotation)) for n, f in item.model_fields.items()])
        )
    if item in scalar:
        return pa.list_(scalar[item])
    return pa.string()  # outlets, debunks: JSON


def _parquet_schema():
    import pyarrow as pa

    return pa.schema(
        [(name, _arrow_type(field.annotation)) for name, field in BatchRow.model_fields.items()]
    )


def write_results(
    path: Path, rows: Iterable[dict[str, Any]], *, corroboration: bool = False
) -> None:
    """Write rows to ``path`` in the format its suffix names, atomically.

    ``corroboration``: the rows carry a ``corroboration`` (``--corroborate``), a JSON column
    in Parquet and :data:`~veracity.batch.row.CORROBORATION_COLUMNS` in CSV and XLSX.
    """
    fmt = output_format(path)
    if fmt == "jsonl":
        write_atomically(
            path, (json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n" for row in rows)
        )
    elif fmt == "parquet":
        _write_parquet(path, rows, corroboration=corroboration)
    elif fmt == "csv":
        write_atomically(path, _csv_lines(rows, corroboration))
    else:
        _write_xlsx(path, rows, corroboration)


def flat_rows(
    rows: Iterable[dict[str, Any]], corroboration: bool = False
) -> Iterator[dict[str, Any]]:
    """Each row as its flat spreadsheet columns, text cells safe from formula injection."""
    for row in rows:
        cells = BatchRow.model_validate(row).flat()
        if corroboration:
            cells.update(flat_corroboration(row.get("corroboration")))
        yield {name: neutralise(value) for name, value in cells.items()}


def _columns(corroboration: bool) -> tuple[str, ...]:
    return FLAT_COLUMNS + CORROBORATION_COLUMNS if corroboration else FLAT_COLUMNS


def _csv_lines(rows: Iterable[dict[str, Any]], corroboration: bool = False) -> Iterator[bytes]:
    import csv
    import io

    buffer = io.StringIO()
    columns = _columns(corroboration)
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    buffer.write("\ufeff")  # a BOM, so that spreadsheet programs read the file as UTF-8
    writer.writeheader()
    for cells in flat_rows(rows, corroboration):
        writer.writerow(cells)
        if buffer.tell() > 1 << 16:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def _write_xlsx(path: Path, rows: Iterable[dict[str, Any]], corroboration: bool = False) -> None:
    from openpyxl import Workbook

    columns = _columns(corroboration)
    tmp = temporary_path(path)
    workbook = Workbook(write_only=True)  # streams rows to disk: memory stays flat
    sheet, written, sheets = None, 0, 0
    try:
        for cells in flat_rows(rows, corroboration):
            if sheet is None or written >= XLSX_MAX_ROWS:
                sheets += 1
                sheet = workbook.create_sheet("results" if sheets == 1 else f"results {sheets}")
                sheet.append(list(columns))
                written = 1
            sheet.append([_fit_cell(cells[name]) for name in columns])
            written += 1
        if sheet is None:
            workbook.create_sheet("results").append(list(columns))
        workbook.save(tmp)
        commit_file(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _fit_cell(value: Any) -> Any:
    """A cell as a worksheet holds it: a character XML cannot hold (a control character in an
    input's own id, U+FFFF) as its escape (``\\x01``, as the CLI shows an id's controls), so
    ids stay distinct; a text longer than a cell holds cut."""
    if not isinstance(value, str):
        return value
    value = _NOT_IN_XML.sub(lambda found: ascii(found.group())[1:-1], value)
    if len(value) > XLSX_MAX_CELL_CHARS:
        return value[: XLSX_MAX_CELL_CHARS - len(_TRUNCATED)] + _TRUNCATED
    return value


def _write_parquet(path: Path, rows: Iterable[dict[str, Any]], *, corroboration: bool) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema()
    if corroboration:
        schema = schema.append(pa.field("corroboration", pa.string()))
    tmp = temporary_path(path)

    def flush(writer: pq.ParquetWriter, batch: list[dict[str, Any]]) -> None:
        for row in batch:
            row["signal_counts"] = list(row["signal_counts"].items())
            for column in _JSON_COLUMNS:
                row[column] = json.dumps(row.get(column) or [], ensure_ascii=False)
            if corroboration:
                row["corroboration"] = json.dumps(row.get("corroboration"), ensure_ascii=False)
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))

    try:
        with pq.ParquetWriter(tmp, schema) as writer:
            batch: list[dict[str, Any]] = []
            for row in rows:
                batch.append({name: row.get(name) for name in schema.names})
                if len(batch) >= _PARQUET_ROWS_PER_GROUP:
                    flush(writer, batch)
                    batch = []
            flush(writer, batch)
        commit_file(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


# The JSON record of an input `veracity analyze` could not read (`batch.export`).
_FAILED_INPUT_KEYS = {"index", "id", "error"}
# Columns every batch result row has, an error row too; a batch's input file has neither
_RESULT_COLUMNS = ("score", "analysis_path")


def _check_result_columns(path: Path, columns: Iterable[Any], sheet: str = "") -> None:
    """Refuse a file that holds no batch results (the input of ``veracity batch``, say) with the
    command that makes them, instead of counting its rows as unscored articles."""
    present = set(columns)
    missing = [name for name in ("index", *_RESULT_COLUMNS) if name not in present]
    if "index" not in missing and len(missing) < len(_RESULT_COLUMNS):
        return
    where = f"{path.name} sheet {sheet!r}" if sheet else path.name
    columns_text = (
        ", ".join(missing[:-1]) + f" or {missing[-1]}" if len(missing) > 1 else missing[0]
    )
    # batch reads CSV, TSV, JSONL and Parquet, not spreadsheets
    advice = "" if sheet else f": run `veracity batch {path} --out results.jsonl` first"
    raise InputError(f"{where} holds no batch results (no {columns_text} column){advice}")


def _is_report(row: dict[str, Any]) -> bool:
    """Whether a JSON line is a report of ``veracity analyze --format jsonl`` (its own keys after
    the input's ``index``, ``id`` and ``error``), not a batch row."""
    return "schema_version" in row and "analysis_path" in row


def _analyzed_row(row: dict[str, Any], name: str, number: int) -> dict[str, Any]:
    """A report of ``veracity analyze`` as the batch row of its input."""
    from veracity.batch.analysis import project_report
    from veracity.batch.readers import InputRecord
    from veracity.report.schema import Report

    try:
        report = Report.model_validate(row)
    except ValueError as exc:
        raise InputError(f"{name} line {number} is not a readable report: {exc}") from None
    index = row.get("index")
    record = InputRecord(
        index=index if isinstance(index, int) else number - 1,
        id=str(row.get("id") or number - 1),
        url=report.source_url,
    )
    return project_report(record, report).record()


def read_results(path: Path) -> Iterator[dict[str, Any]]:
    """Rows of a batch output file (JSONL, Parquet, CSV or XLSX), streamed; the JSON lines of
    ``veracity analyze --format jsonl`` are read as the rows of their inputs."""
    if not path.is_file():
        raise SourceNotFoundError(f"no such results file: {path}")
    fmt = output_format(path, "batch results")
    if fmt in {"csv", "xlsx"}:
        for cells in _read_csv(path) if fmt == "csv" else _read_xlsx(path):
            cells = {k: restore(v) for k, v in cells.items()}
            try:
                row = BatchRow.from_flat(cells).model_dump()
            except ValueError as exc:
                raise InputError(f"{path.name} has a row that is not a result row: {exc}") from None
            if "event" in cells:  # written by batch --corroborate
                row["corroboration"] = corroboration_from_flat(cells)
            yield row
        return
    if fmt == "jsonl":
        first = True
        with path.open("rb") as stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except (ValueError, RecursionError) as exc:  # RecursionError: nested too deeply
                    raise InputError(f"{path.name} line {number} is not JSON: {exc}") from None
                if not isinstance(row, dict):
                    raise InputError(f"{path.name} line {number} is not a result row")
                if _is_report(row):
                    row = _analyzed_row(row, path.name, number)
                elif row.keys() == _FAILED_INPUT_KEYS:  # an input analyze could not read
                    row = BatchRow.model_validate(row).record()
                elif first:
                    _check_result_columns(path, row)
                first = False
                yield row
        return
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        raise InputError(f"{path.name} is not a readable Parquet file: {exc}") from exc
    _check_result_columns(path, parquet.schema_arrow.names)
    read = 0
    try:
        for batch in parquet.iter_batches():
            for row in batch.to_pylist():
                read += 1
                yield _parquet_row(row)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise InputError(f"{path.name} is unreadable after row {read:,}: {exc}") from None


def _parquet_row(row: dict[str, Any]) -> dict[str, Any]:
    """A Parquet row as the other formats give it: JSON columns decoded, counts as a dict.

    A cell that does not decode stays as its text, so the summary counts the row as malformed
    and names the column (a results file can be edited by anyone), instead of stopping.
    """
    if row.get("analysis_id") is None:  # only batches run with --store have it
        row.pop("analysis_id", None)
    if isinstance(row.get("signal_counts"), list):
        with contextlib.suppress(TypeError, ValueError):
            row["signal_counts"] = dict(row["signal_counts"])
    for column in (*_JSON_COLUMNS, "corroboration"):
        if isinstance(row.get(column), str):
            with contextlib.suppress(ValueError, RecursionError):
                row[column] = json.loads(row[column])
    return row


def _read_csv(path: Path) -> Iterator[dict[str, Any]]:
    import csv

    from veracity.ingest.lines import max_line_length

    # A cell holds at most an article's worth (csv's default limit, 128 KiB, is less than the
    # signals of a long article); a broken file is one error naming its line, not a crash.
    csv.field_size_limit(max_line_length())
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        try:
            _check_result_columns(path, reader.fieldnames or ())
            yield from reader
        except csv.Error as exc:
            raise InputError(f"{path.name} line {reader.line_num + 1}: {exc}") from None


# A zip member may inflate to at most this many times its compressed size, past the grace
# size (Apache POI's ZipSecureFile rule, whose default is the same 1 / 0.01). XML compresses
# 5 to 20 times: a results sheet of 1,500 articles 6.0 times, one of 5,000 identical error rows
# 10.7. A bomb's sheet or shared strings (one cell of 1 GiB of "a" in a 1 MB file) goes far past
# it, and openpyxl holds a cell's whole text, or every shared string, in memory.
MAX_INFLATE_RATIO = 100
_INFLATE_GRACE_BYTES = 1 << 20


def _refuse_zip_bombs(path: Path, members: Iterable[Any]) -> None:
    """An :class:`InputError` for a member of ``path`` that would inflate more than
    :data:`MAX_INFLATE_RATIO` times (zipfile stops at a member's declared size, so a member
    that lies about its size cannot inflate further)."""
    for member in members:
        size, packed = member.file_size, max(member.compress_size, 1)
        if size > _INFLATE_GRACE_BYTES and size > MAX_INFLATE_RATIO * packed:
            raise InputError(
                f"{path.name} is not a readable XLSX file: {member.filename} would inflate "
                f"{size / packed:,.0f} times ({packed:,} bytes to {size:,}), more than "
                f"{MAX_INFLATE_RATIO} times, as a zip bomb does"
            )


def _read_xlsx(path: Path) -> Iterator[dict[str, Any]]:
    import zipfile
    import zlib

    from openpyxl import load_workbook

    # XML inside a zip, read as the rows are: a broken member, malformed XML (SyntaxError: expat's
    # ParseError and lxml's XMLSyntaxError) or an entity expansion expat stops is the file's fault.
    unreadable = (
        OSError,
        EOFError,
        ValueError,
        KeyError,
        SyntaxError,
        zipfile.BadZipFile,
        zlib.error,
    )
    try:
        with zipfile.ZipFile(path) as archive:
            _refuse_zip_bombs(path, archive.infolist())
        workbook = load_workbook(path, read_only=True, data_only=True)
    except unreadable as exc:
        raise InputError(f"{path.name} is not a readable XLSX file: {exc}") from None
    try:
        for sheet in workbook.worksheets:
            values = sheet.iter_rows(values_only=True)
            header = next(values, None) or ()
            _check_result_columns(path, header, sheet=sheet.title)
            for row in values:
                yield dict(zip(header, row, strict=False))
    except unreadable as exc:
        raise InputError(f"{path.name} is not a readable XLSX file: {exc}") from None
    finally:
        workbook.close()
