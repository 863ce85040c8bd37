"""Language guess for the report (py3langid, model shipped in its wheel)."""

from __future__ import annotations

import py3langid


def guess_language(text: str, min_chars: int = 20) -> str | None:
    """ISO 639-1 code of the most likely language, or None when the text is too short."""
    sample = text[:5000]
    if len(sample.strip()) < min_chars:
        return None
    code, _ = py3langid.classify(sample)
    return code
