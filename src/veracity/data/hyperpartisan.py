"""SemEval-2019 Task 4 by-article: hyperpartisan or not (a partisanship label, not veracity).

Auxiliary: never a LOCO fold nor training data for the reliability model. ``label`` maps
hyperpartisan to ``fake`` only so that it fits the common record; ``original_label`` keeps the
corpus's own label, and evaluations read that.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from veracity.data.io import read_jsonl_gz
from veracity.data.record import NewsRecord
from veracity.data.registry import register_corpus
from veracity.errors import DataError

_LABELS = {"hyperpartisan": "fake", "not_hyperpartisan": "real"}


def _domain(url: str | None) -> str | None:
    host = urlparse(url).hostname if url else None
    return host.lower().removeprefix("www.") if host else None


@register_corpus("semeval2019_hyperpartisan", folder="semeval2019_hyperpartisan", level="article")
def load_hyperpartisan(folder: Path) -> list[NewsRecord]:
    """645 articles (238 hyperpartisan, 407 not) from about 300 domains."""
    records = []
    for row in read_jsonl_gz(folder / "hyperpartisan_byarticle_train.jsonl.gz"):
        if row["label"] not in _LABELS:
            raise DataError(f"{folder}: unknown label {row['label']!r}")
        records.append(
            NewsRecord(
                id=f"hyperpartisan-{row['id']}",
                corpus="semeval2019_hyperpartisan",
                collection="byarticle",
                level="article",
                title=(row.get("title") or "").strip(),
                text=row["text"].strip(),
                label=_LABELS[row["label"]],  # type: ignore[arg-type]
                original_label=row["label"],
                source=_domain(row.get("url")),
            )
        )
    return records
