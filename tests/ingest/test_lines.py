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


def test_a_part_of_one_huge_line_or_of_many_is_refused_in_bounded_memory(monkeypatch) -> None:
    """Round 10: an index's passages and a store's records were inflated a whole line at a time
    and every line kept, so a part of an index or a store built before their digests (round 6),
    or copied from elsewhere, of 1 MB of gzip holding one 1 GB line took 3.3 GB of memory and
    20 s to read (4 MB would take 13 GB); so would 1 GB of short lines. A line
    longer than the input readers' cap, and data inflating past 100 times its size (the build's
    text inflates 3 to 5 times), are refused as they are read."""
    import tracemalloc

    from veracity.settings import get_settings

    monkeypatch.setenv("VERACITY_MAX_INPUT_BYTES", "100000")
    get_settings.cache_clear()
    one_line = gzip.compress(b'{"text": "' + b"a" * 64 * 2**20 + b'"}\n')
    line = b'{"text": "' + b"a" * 1000 + b'"}\n'
    many_lines = gzip.compress(line * (64 * 2**20 // len(line)))
    tracemalloc.start()
    try:
        for data, refused in (
            (one_line, r"^line 1 is over 865,536 bytes, no line the build writes"),
            (many_lines, r"^it inflates past 100 times its [\d,]+ bytes at line \d+"),
        ):
            with pytest.raises(ValueError, match=refused):
                for _ in gzip_json_lines(data):
                    pass
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        get_settings.cache_clear()
    assert peak < 8 * 2**20, f"peak {peak / 2**20:.0f} MiB"
