"""Batch output files: JSONL (one row per line) or Parquet (fixed schema), and reading them back.

In Parquet, ``signal_counts`` is a map column and ``top_signals`` a list of structs; the
free-form ``outlets`` and ``debunks`` lists are JSON strings, decoded again by
:func:`read_results`.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from veracity.batch.checkpoint import commit_file, temporary_path, write_atomically
from veracity.errors import InputError, SourceNotFoundError

OutputFormat = Literal["jsonl", "parquet"]
_PARQUET_ROWS_PER_GROUP = 10_000
_JSON_COLUMNS = ("outlets", "debunks")


def output_format(path: Path) -> OutputFormat:
    """The output format named by the path's suffix."""
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    if suffix in {".parquet", ".pq"}:
        return "parquet"
    raise InputError(f"--out must end in .jsonl or .parquet, not {path.name!r}")


def _parquet_schema():
    import pyarrow as pa

    signal = pa.struct(
        [
            ("kind", pa.string()),
            ("detector", pa.string()),
            ("weight", pa.float64()),
            ("quote", pa.string()),
        ]
    )
    return pa.schema(
        [
            ("index", pa.int64()),
            ("id", pa.string()),
            ("title", pa.string()),
            ("url", pa.string()),
            ("source_domain", pa.string()),
            ("language", pa.string()),
            ("n_chars", pa.int64()),
            ("analysis_path", pa.string()),
            ("score", pa.float64()),
            ("label", pa.string()),
            ("model_version", pa.string()),
            ("n_signals", pa.int64()),
            ("signal_counts", pa.map_(pa.string(), pa.int64())),
            ("top_signals", pa.list_(signal)),
            ("outlets", pa.string()),
            ("debunks", pa.string()),
            ("notes", pa.list_(pa.string())),
            ("error", pa.string()),
            ("analysis_id", pa.int64()),
        ]
    )


def write_results(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    """Write rows to ``path`` in the format its suffix names, atomically."""
    if output_format(path) == "jsonl":
        write_atomically(
            path, (json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n" for row in rows)
        )
    else:
        _write_parquet(path, rows)


def _write_parquet(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema()
    tmp = temporary_path(path)

    def flush(writer: pq.ParquetWriter, batch: list[dict[str, Any]]) -> None:
        for row in batch:
            row["signal_counts"] = list(row["signal_counts"].items())
            for column in _JSON_COLUMNS:
                row[column] = json.dumps(row.get(column) or [], ensure_ascii=False)
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


def read_results(path: Path) -> Iterator[dict[str, Any]]:
    """Rows of a batch output file (JSONL or Parquet), streamed."""
    if not path.is_file():
        raise SourceNotFoundError(f"no such results file: {path}")
    if output_format(path) == "jsonl":
        with path.open("rb") as stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except ValueError as exc:
                    raise InputError(f"{path.name} line {number} is not JSON: {exc}") from None
                if not isinstance(row, dict):
                    raise InputError(f"{path.name} line {number} is not a result row")
                yield row
        return
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        raise InputError(f"{path.name} is not a readable Parquet file: {exc}") from exc
    for batch in parquet.iter_batches():
        for row in batch.to_pylist():
            if row.get("analysis_id") is None:  # only batches run with --store have it
                row.pop("analysis_id", None)
            if isinstance(row.get("signal_counts"), list):
                row["signal_counts"] = dict(row["signal_counts"])
            for column in _JSON_COLUMNS:
                if isinstance(row.get(column), str):
                    row[column] = json.loads(row[column])
            yield row
