"""Property tests on batch input: malformed CSV and JSONL give error rows or one InputError,
never a crash, and every row is numbered once and writable as UTF-8 JSON."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings

from tests.hostile import CSV_DOCUMENT, JSONL_DOCUMENT, csv_bytes, rows_of
from veracity.errors import InputError

PROFILE = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def read_or_refuse(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        try:
            rows = rows_of(data, suffix, Path(folder))
        except InputError as exc:
            assert str(exc).strip()
            return
    for row in rows:
        assert row["error"] is None or row["error"].strip()
        assert (row["error"] is None) == (row["analysis_path"] == "fast")


@PROFILE
@given(CSV_DOCUMENT)
@example("\n\nid,text\n1,Experts say the council lied.")  # blank lines before the header
def test_malformed_csv(document: str) -> None:
    read_or_refuse(csv_bytes(document), ".csv")


@PROFILE
@given(JSONL_DOCUMENT)
@example(b'{"text": "Experts say so."}\nnull\n"text"')  # JSON that is not an object
@example(b'{"text": "", "title": "Bad \\ud800 title"}')  # a lone surrogate, kept in the row
@example(b'{"text": "x", "title": ["\\udfff"], "url": {"": "\\ud800"}}')
@example(b'{"text": "Experts say so.", "url": []}')  # "[]" is no URL a host can come from
def test_malformed_jsonl(data: bytes) -> None:
    read_or_refuse(data, ".jsonl")
