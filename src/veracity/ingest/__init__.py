"""Ingest stage (both paths): turn a file, stdin, HTML page or URL into a clean :class:`Article`.

Entry point: :func:`load_article`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from veracity.errors import InputError, SourceNotFoundError
from veracity.ingest.article import Article
from veracity.ingest.text import article_from_text, check_size, decode_bytes

__all__ = ["Article", "article_from_text", "load_article"]


def load_article(source: str | Path) -> Article:
    """Load an article from a path, ``-`` (stdin), or an ``http(s)://`` URL."""
    source_str = str(source)
    if source_str == "-":
        return article_from_bytes(sys.stdin.buffer.read())
    path = Path(source_str)
    if not path.exists():
        raise SourceNotFoundError(f"no such file: {source_str}")
    if path.is_dir():
        raise InputError(f"{source_str} is a directory, not an article file")
    try:
        check_size(path.stat().st_size, what=source_str)
        data = path.read_bytes()
    except OSError as exc:
        raise SourceNotFoundError(f"cannot read {source_str}: {exc.strerror}") from exc
    return article_from_bytes(data)


def article_from_bytes(data: bytes) -> Article:
    """Decode raw bytes into an article."""
    return article_from_text(decode_bytes(data))
