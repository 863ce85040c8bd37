"""The helper process of :mod:`veracity.ingest.html_worker`: parse pages sent on stdin.

Run as ``python -m veracity.ingest.html_helper``; answers each request on stdout until its
parent closes stdin.
"""

from __future__ import annotations

import sys
from typing import IO, Any

from veracity.errors import InputError
from veracity.ingest.html import extract_parts
from veracity.ingest.html_worker import read_message, write_message


def serve(stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """Answer requests until the parent closes stdin."""
    while True:
        try:
            page, source_url = read_message(stdin)
        except EOFError:
            return
        try:
            answer: list[Any] = ["ok", list(extract_parts(page, source_url))]
        except InputError as exc:
            answer = ["error", str(exc)]
        except Exception as exc:  # a bug: reported to the parent, which raises it
            answer = ["bug", f"{type(exc).__name__}: {exc}"]
        write_message(stdout, answer)


if __name__ == "__main__":
    answers = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print from a library must not corrupt the answers
    serve(sys.stdin.buffer, answers)
