"""Clickbait headlines (Chakraborty et al. 2016): a style task, not a veracity one.

``label`` maps clickbait to ``fake`` and the news-wire headlines to ``real`` so the corpus fits
the binary record; ``original_label`` keeps ``clickbait`` / ``not_clickbait``.
"""

from __future__ import annotations

from pathlib import Path

from veracity.data.io import read_gz_lines
from veracity.data.record import NewsRecord
from veracity.data.registry import register_corpus

FILES = {"clickbait": "clickbait_data.gz", "not_clickbait": "non_clickbait_data.gz"}


@register_corpus("clickbait", folder="clickbait", level="headline")
def load_clickbait(folder: Path) -> list[NewsRecord]:
    """32,000 headlines: 15,999 clickbait and 16,001 not; the text is the headline."""
    records: list[NewsRecord] = []
    for original, file_name in FILES.items():
        for index, headline in enumerate(read_gz_lines(folder / file_name)):
            records.append(
                NewsRecord(
                    id=f"clickbait-{original}-{index}",
                    corpus="clickbait",
                    collection="headlines",
                    level="headline",
                    title="",
                    text=headline,
                    label="fake" if original == "clickbait" else "real",
                    original_label=original,
                )
            )
    return records
