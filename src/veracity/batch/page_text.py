"""Text of a results file as the overview page writes it: a results file can be edited by
anyone, so its text loses control characters (C0 but tab and line breaks, C1), zero-width
characters and direction overrides (an unterminated one reverses what follows it on the
page), then is escaped for HTML."""

from __future__ import annotations

import html

from veracity.ingest.text import strip_hidden_characters


def page_text(text: str, quote: bool = True) -> str:
    """``text`` without hidden characters, escaped for HTML (attributes too unless ``quote``
    is false)."""
    return html.escape(strip_hidden_characters(text), quote=quote)
