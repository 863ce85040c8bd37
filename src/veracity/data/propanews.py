"""PropaNews' Snopes test set (Huang et al. 2023): human-written news 2014-2017, real or fake.

The released text is tokenised (``Sydney , where``, ```` `` ```` quotes, ``& # 039 ;``
entities) with the title run into the body; :func:`detokenise` restores ordinary punctuation
so the held-out texts read like the articles veracity is given. The Snopes fact-check pages
themselves (``Claim : ... Rating : ...``) are not news articles and are dropped.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from veracity.data.io import read_jsonl_gz
from veracity.data.record import NewsRecord
from veracity.data.registry import register_corpus

_FACT_CHECK_PAGE = re.compile(r"\bClaim\s*:.*\bRating\s*:", re.DOTALL)
_ENTITY = re.compile(r"&\s*#\s*(\d+)\s*;")
_SPACE_BEFORE = re.compile(r" +([.,;:!?%)\]}]|'s\b|n't\b|'re\b|'ll\b|'ve\b|'m\b|'d\b)")
_SPACE_AFTER = re.compile(r"([(\[{$]) +")
_OPEN_QUOTE = re.compile(r"(``|“) *")
_CLOSE_QUOTE = re.compile(r" *(''|”)")
_CURLY_APOSTROPHE = re.compile(r" *’ *(?=\w)")


def detokenise(text: str) -> str:
    """Undo PTB-style tokenisation: entities, spaces around punctuation, quotes."""
    text = _ENTITY.sub(lambda m: chr(int(m.group(1))), html.unescape(text))
    text = _OPEN_QUOTE.sub("“", text)
    text = _CLOSE_QUOTE.sub("”", text)
    text = _CURLY_APOSTROPHE.sub("’", text)
    text = _SPACE_BEFORE.sub(r"\1", text)
    return _SPACE_AFTER.sub(r"\1", text)


@register_corpus("propanews_snopes", folder="propanews_snopes", level="article")
def load_propanews_snopes(folder: Path) -> list[NewsRecord]:
    """696 articles (710 minus 14 Snopes pages); label ``True`` means real. No outlet."""
    records = []
    for index, row in enumerate(read_jsonl_gz(folder / "snopes_test.jsonl.gz")):
        if _FACT_CHECK_PAGE.search(row["txt"]):
            continue
        records.append(
            NewsRecord(
                id=f"propanews-snopes-{index}",
                corpus="propanews_snopes",
                collection="snopes",
                level="article",
                title="",
                text=detokenise(row["txt"]).strip(),
                label="real" if row["label"] else "fake",
                original_label=str(row["label"]).lower(),
            )
        )
    return records
