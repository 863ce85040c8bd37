"""ingest.lines: gzip-compressed JSON lines as a fact-check store and an evidence index read them."""

from __future__ import annotations

import gzip

import pytest

from veracity.ingest.lines import gzip_json_lines


def test_each_non_blank_line_is_read_with_its_number() -> None:
    data = gzip.compress(b'{"a": 1}\n\n  \n[2, 3]\n"x"\n')
    assert list(gzip_json_lines(data)) == [(1, {"a": 1}), (4, [2, 3]), (5, "x")]


@pytest.mark.parametrize("bad", [b"{not json", b"[" * 100_000 + b"]" * 100_000])
def test_a_line_that_is_not_json_is_named(bad: bytes) -> None:
    data = gzip.compress(b'{"a": 1}\n' + bad + b"\n")
    lines = gzip_json_lines(data)
    assert next(lines) == (1, {"a": 1})
    with pytest.raises(ValueError, match=r"^line 2 is not JSON$"):
        next(lines)
