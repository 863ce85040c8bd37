"""Lines of a stream read with a length cap, for every reader of line-based input (batch JSONL
and CSV, evidence JSON lines): one huge line (a 4 GB line in a 4 MB .gz) is never read into
memory whole."""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from typing import IO, Any

from veracity.settings import get_settings

# The longest line a JSONL or CSV input may have, in multiples of the article size limit: an
# article at the limit written with \uXXXX escapes, plus its other fields.
_LINE_LIMIT_FACTOR = 8


def max_line_length() -> int:
    """The longest line (bytes for JSONL, characters for CSV) read into memory."""
    return _LINE_LIMIT_FACTOR * get_settings().max_input_bytes + 65_536


class CappedLines:
    """Lines of a binary or text stream, each read with a length cap.

    An over-long line is skipped to its end in cap-sized pieces (memory stays flat) and
    yielded as None; :attr:`skipped` counts them so the CSV reader can tell what happened.
    """

    def __init__(self, stream: IO[bytes] | IO[str], limit: int) -> None:
        self._stream = stream
        self._ends: tuple[str, ...] | tuple[bytes, ...] = (
            ("\n", "\r") if isinstance(stream, io.TextIOBase) else (b"\n",)
        )
        self.limit = limit
        self.line_number = 0
        self.skipped = 0

    def __iter__(self) -> Iterator[Any]:
        stream, limit, ends = self._stream, self.limit, self._ends
        while True:
            line = stream.readline(limit + 1)
            if not line:
                return
            self.line_number += 1
            if len(line) <= limit or line.endswith(ends):  # type: ignore[arg-type]
                yield line
                continue
            while line and not line.endswith(ends):  # type: ignore[arg-type]
                line = stream.readline(limit)
            self.skipped += 1
            yield None


# The most a part's gzip data may inflate, as a multiple of its compressed size past
# _INFLATE_FREE bytes (Apache POI's rule for zip members, as the results XLSX reader applies it):
# the build's passages and records are text, which gzip shrinks 3 to 8 times.
MAX_INFLATE_RATIO = 100
_INFLATE_FREE = 1 << 20


def gzip_json_lines(data: bytes) -> Iterator[tuple[int, Any]]:
    """The line number and JSON value of each non-blank line of gzip-compressed JSON lines (a
    store's or an index's parts, read whole after their digests were checked); ``ValueError``
    naming the line for one that is not JSON, nested too deeply included, and for gzip data
    that is damaged or cut short (a part of an index or a store built before their digests).

    Read in bounded memory (hostile round 10): a line longer than :func:`max_line_length`, or
    data inflating past :data:`MAX_INFLATE_RATIO` times its size, is a ``ValueError`` before
    it is held whole (1 MB of gzip held one 1 GB line: 3.3 GB of memory)."""
    limit = max_line_length()
    most = max(_INFLATE_FREE, MAX_INFLATE_RATIO * len(data))
    number = inflated = 0
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as lines:
            while line := lines.readline(limit + 1):
                number += 1
                inflated += len(line)
                if len(line) > limit and not line.endswith(b"\n"):
                    raise ValueError(
                        f"line {number} is over {limit:,} bytes, no line the build writes"
                    )
                if inflated > most:
                    raise ValueError(
                        f"it inflates past {MAX_INFLATE_RATIO} times its {len(data):,} bytes at "
                        f"line {number}: no data the build writes"
                    )
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except (ValueError, RecursionError):  # nested too deeply is no value either
                    raise ValueError(f"line {number} is not JSON") from None
                yield number, value
    except (OSError, EOFError, zlib.error) as exc:  # zlib.error is no OSError
        raise ValueError(f"not readable gzip after line {number} ({exc})") from None
