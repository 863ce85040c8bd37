"""Parse large HTML pages in helper processes that can be killed when parsing runs away.

libxml2 compares each attribute of an element with all the earlier ones, so one element with
200,000 attributes (a 1.9 MB page) costs minutes of CPU, and a thread stuck in C code cannot be
stopped. :func:`extract_in_helper` sends the page to a helper process
(``python -m veracity.ingest.html_helper``, started on first use and reused) and waits at most
``settings.html_parse_timeout_s``; past that the helper is killed, its CPU freed, and the page
refused with an :class:`InputError`. Up to :data:`MAX_HELPERS` helpers serve concurrent callers
(API threads); the helpers exit when their parent closes their stdin.

Messages are length-prefixed JSON both ways: the page and URL in, ``["ok", [title, headings,
body, section, address]]``, ``["error", message]`` (an :class:`InputError`) or
``["bug", message]`` out.
"""

from __future__ import annotations

import json
import os
import select
import struct
import subprocess
import sys
import threading
import time
from typing import IO, Any

from veracity.errors import InputError
from veracity.settings import get_settings

MAX_HELPERS = max(2, os.cpu_count() or 2)
_LENGTH = struct.Struct("<Q")
_STARTUP_S = 3.0  # a fresh helper's allowance for importing lxml and trafilatura

# title, first headings, body, section, address, the page's quotations (<blockquote> paragraphs)
# and how many of its data tables the body leaves out
Parts = tuple[str | None, list[str], str, str | None, str | None, list[str], int]


def write_message(stream: IO[bytes], value: Any) -> None:
    data = json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    data = stream.read(size)
    if data is None or len(data) != size:
        raise EOFError
    return data


def read_message(stream: IO[bytes]) -> Any:
    (size,) = _LENGTH.unpack(_read_exactly(stream, _LENGTH.size))
    return json.loads(_read_exactly(stream, size).decode("utf-8", "surrogatepass"))


class _Helper:
    """One helper process and its pipes."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "veracity.ingest.html_helper"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )

    def alive(self) -> bool:
        return self.process.poll() is None

    def extract(self, page: str, source_url: str | None, deadline: float) -> Any:
        """The helper's answer, or None when it did not answer before ``deadline``."""
        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            write_message(self.process.stdin, [page, source_url])
        except OSError:
            return None
        stdout = self.process.stdout
        # Wait for the first byte with a deadline; the rest of an answer follows at once.
        ready, _, _ = select.select([stdout], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            return None
        try:
            return read_message(stdout)
        except (EOFError, ValueError, OSError):
            return None

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


class _HelperPool:
    """Idle helpers to reuse, at most :data:`MAX_HELPERS` in existence."""

    def __init__(self) -> None:
        self._idle: list[_Helper] = []
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(MAX_HELPERS)

    def extract(self, page: str, source_url: str | None, timeout_s: float) -> Any:
        deadline = time.monotonic() + timeout_s
        if not self._slots.acquire(timeout=timeout_s):
            return None
        helper: _Helper | None = None
        try:
            with self._lock:
                while self._idle and helper is None:
                    candidate = self._idle.pop()
                    helper = candidate if candidate.alive() else None
            if helper is None:
                helper = _Helper()
                deadline += _STARTUP_S
            answer = helper.extract(page, source_url, deadline)
            if answer is None:
                helper.kill()
            else:
                with self._lock:
                    self._idle.append(helper)
            return answer
        finally:
            self._slots.release()


_POOL = _HelperPool()


def extract_in_helper(page: str, source_url: str | None) -> Parts:
    """Title, headings, body and section of ``page``, parsed in a helper killed past the time
    limit."""
    timeout_s = get_settings().html_parse_timeout_s
    answer = _POOL.extract(page, source_url, timeout_s)
    if answer is None:
        raise InputError(
            f"the HTML page took more than {timeout_s:g} s to parse and was refused "
            "(pathological markup, such as an element with a huge number of attributes)"
        )
    status, value = answer
    if status == "error":
        raise InputError(str(value))
    if status != "ok":
        raise RuntimeError(f"the HTML helper process failed: {value}")
    title, headings, body, section, address, quoted, tables = value
    return title, list(headings), body, section, address, list(quoted), int(tables)
