"""The Propaganda Techniques Corpus (read by ``veracity.data.ptc``) checked against the task's
techniques and split by article."""

from __future__ import annotations

import hashlib
from pathlib import Path

from veracity.data.ptc import TC_LABELS, PTCArticle, read_ptc_train
from veracity.errors import DataError
from veracity.propaganda.techniques import TECHNIQUES


def load_ptc_train(data_dir: Path) -> list[PTCArticle]:
    """Every training article with its gold spans, sorted by id; :class:`DataError` for a
    technique that is not one of the task's 14."""
    articles = read_ptc_train(data_dir)
    for article in articles:
        for technique, _, _ in article.tc_spans:
            if technique not in TECHNIQUES:
                raise DataError(f"unknown technique {technique!r} in {TC_LABELS}")
    return articles


HELD_OUT_SHARE = 0.2
DEV_SHARE = 0.15


def split_of(article_id: str) -> str:
    """``"test"`` (held out), ``"dev"`` (tuning) or ``"train"``, fixed by a hash of the id."""
    bucket = int(hashlib.sha256(article_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    if bucket < HELD_OUT_SHARE:
        return "test"
    return "dev" if bucket < HELD_OUT_SHARE + DEV_SHARE else "train"


def split_articles(articles: list[PTCArticle]) -> dict[str, list[PTCArticle]]:
    """Article-disjoint ``train`` / ``dev`` / ``test`` parts, stable across runs."""
    parts: dict[str, list[PTCArticle]] = {"train": [], "dev": [], "test": []}
    for article in articles:
        parts[split_of(article.article_id)].append(article)
    return parts
