"""Claims fact-checkers checked, outside the debates the check-worthiness models learn from.

LIAR's statements (PolitiFact, on its official splits), CONSTRAINT's fake COVID-19 posts (posts
fact-checkers rated false, on its official splits) and CLIMATE-FEVER's claims (no split): each
was worth checking, so each is a check-worthy sentence of another genre than a debate. A text
is taken as a sentence reaches the model: links dropped, spaces collapsed; a post that is a
retweet, names an account or carries a hashtag is left out (social-media markup, not a
sentence), and so is a text of fewer than 4 or more than 40 words.
"""

from __future__ import annotations

import re
from pathlib import Path

SOURCES = ("liar", "constraint", "climate_fever")
MIN_WORDS, MAX_WORDS = 4, 40
_LINK = re.compile(r"https?://\S+|www\.\S+")
_MARKUP = re.compile(r"(?:^|\s)[@#]\w|^RT\b")


def claim_sentence(text: str) -> str | None:
    """``text`` as one claim sentence (see the module docstring), or None when it is not one."""
    cleaned = " ".join(_LINK.sub(" ", text).split())
    if _MARKUP.search(cleaned) or not MIN_WORDS <= len(cleaned.split()) <= MAX_WORDS:
        return None
    return cleaned


def fact_checked_claims(data_dir: Path, source: str, split: str | None = None) -> list[str]:
    """The distinct claim sentences of one of :data:`SOURCES` (``split``: LIAR's or
    CONSTRAINT's official split, ``train``, ``valid`` or ``test``; CLIMATE-FEVER has none)."""
    if source == "climate_fever":
        from veracity.data.climate_fever import load_climate_fever

        texts = [row["claim"] for row in load_climate_fever(data_dir)]
    elif source == "liar":
        from veracity.data.liar import load_liar

        texts = [r.text for r in load_liar(data_dir / "liar") if r.split == split]
    elif source == "constraint":
        from veracity.data.constraint import load_constraint

        texts = [
            r.text
            for r in load_constraint(data_dir / "constraint_covid19_fakenews")
            if r.split == split and r.label == "fake"
        ]
    else:
        raise ValueError(f"unknown fact-checked source {source!r}; known: {SOURCES}")
    sentences = (claim_sentence(t) for t in texts)
    return list(dict.fromkeys(s for s in sentences if s))
