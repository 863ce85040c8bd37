"""Whether an input is written as a URL: apart from the fetcher, so that reading a file never
imports the HTTP client (httpx and httpcore, a tenth of a second of a cold start)."""

from __future__ import annotations

import re

URL_PATTERN = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def is_url(source: str) -> bool:
    """Whether ``source`` is written as a URL (any scheme) rather than a file path."""
    return bool(URL_PATTERN.match(source))
