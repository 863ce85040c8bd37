"""Ingest stage (both paths): turn a file, stdin, HTML page or URL into a clean :class:`Article`.

Entry point: :func:`load_article`. Plain text goes through :mod:`veracity.ingest.text`, HTML
through :mod:`veracity.ingest.html`, URLs through :mod:`veracity.ingest.fetch` first; site
furniture is removed by :mod:`veracity.ingest.boilerplate` on every path.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from veracity.errors import FetchError, InputError, InputTooLargeError, SourceNotFoundError
from veracity.ingest.article import Article
from veracity.ingest.html import (
    HTML_CONTENT_TYPES,
    HTML_EXTENSIONS,
    article_from_html,
    looks_like_html,
)
from veracity.ingest.text import article_from_text, check_size, decode_bytes
from veracity.ingest.urls import is_url, publisher_domain
from veracity.settings import get_settings

__all__ = [
    "Article",
    "article_from_bytes",
    "article_from_html",
    "article_from_text",
    "article_from_url",
    "load_article",
    "with_address",
]


def load_article(source: str | Path) -> Article:
    """Load an article from a path (text or HTML), ``-`` (stdin), or an ``http(s)://`` URL."""
    source_str = str(source)
    if not source_str.strip():
        raise InputError("no input given: pass a file path, '-' for stdin, or a URL")
    if source_str == "-":
        return article_from_bytes(_read_capped(sys.stdin.buffer, "standard input"))
    if isinstance(source, str) and is_url(source_str):
        return article_from_url(source_str)
    path = Path(source_str)
    try:
        if not path.exists():
            raise SourceNotFoundError(f"no such file: {source_str}")
        if path.is_dir():
            raise InputError(
                f"{source_str} is a directory, not an article file (`veracity batch FOLDER "
                "--out results.jsonl` analyses each article file of a folder)"
            )
        check_size(path.stat().st_size, what=source_str)
        with path.open("rb") as stream:  # bounded: /dev/zero or a FIFO report no size
            data = _read_capped(stream, source_str)
    except OSError as exc:
        raise SourceNotFoundError(f"cannot read {source_str}: {exc.strerror or exc}") from exc
    return article_from_bytes(data, html=path.suffix.lower() in HTML_EXTENSIONS or None)


def _read_capped(stream: BinaryIO, what: str) -> bytes:
    """Read a stream, stopping one byte past the size limit."""
    limit = get_settings().max_input_bytes
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputTooLargeError(
            f"{what} is over the limit of {limit:,} bytes (set VERACITY_MAX_INPUT_BYTES to raise it)"
        )
    return data


def article_from_bytes(data: bytes, *, html: bool | None = None) -> Article:
    """Decode raw bytes into an article; ``html=None`` sniffs for an HTML document."""
    if html or (html is None and looks_like_html(data)):
        return article_from_html(data)
    return article_from_text(decode_bytes(data))


def article_from_url(url: str) -> Article:
    """Fetch a web page (HTML or plain text) and build its article."""
    from veracity.ingest.fetch import fetch_url  # the HTTP client loads only to fetch

    page = fetch_url(url)
    if page.content_type in HTML_CONTENT_TYPES or (
        page.content_type in {"", "application/octet-stream"} and looks_like_html(page.body)
    ):
        return article_from_html(
            page.body,
            declared_charset=page.charset,
            source_url=page.url,
            source_domain=page.domain,
        )
    if page.content_type.startswith("text/") or not page.content_type:
        return article_from_text(
            decode_bytes(page.body, page.charset),
            source_url=page.url,
            source_domain=page.domain,
        )
    raise FetchError(f"{page.url} is {page.content_type}, not an HTML or text page")


def with_address(article: Article, url: str) -> Article:
    """``article`` given the web address it was published at (a saved page, text pasted from
    it): its publisher is rated from it as for a fetched page, a web archive's copy as its
    page's. A given address wins over the one a page gives for itself (a fake page can name a
    trusted site there)."""
    return Article.model_validate(
        article.model_dump()
        | {"source_url": url, "source_domain": publisher_domain(url), "source_from": None}
    )
