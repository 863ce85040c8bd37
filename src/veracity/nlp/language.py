"""Language guess for the report (py3langid, model shipped in its wheel)."""

from __future__ import annotations

import py3langid

# py3langid's cost grows faster than the sample (8 ms at 5,000 characters, under 1 ms at
# 1,000), and a thousand characters of running text name the language as well.
SAMPLE_CHARS = 1000


def guess_language(text: str, min_chars: int = 20) -> str | None:
    """ISO 639-1 code of the most likely language, or None when the text is too short."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < min_chars:
        return None
    code, _ = py3langid.classify(sample)
    return code
