"""Read the Propaganda Techniques Corpus (SemEval-2020 Task 11) and split it by article."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from veracity.errors import DataError
from veracity.propaganda.techniques import TECHNIQUES

CORPUS = "ptc_semeval2020_task11"
SI_LABELS = "train-task1-SI.labels"
TC_LABELS = "train-task2-TC.labels"
ARTICLES = "train-articles"


@dataclass
class PTCArticle:
    """One training article with its gold SI spans and TC ``(technique, start, end)`` spans."""

    article_id: str
    text: str
    si_spans: list[tuple[int, int]] = field(default_factory=list)
    tc_spans: list[tuple[str, int, int]] = field(default_factory=list)


def corpus_dir(data_dir: Path) -> Path:
    """The PTC folder under ``data_dir``, or :class:`DataError` when it is missing."""
    root = data_dir / CORPUS
    if not (root / ARTICLES).is_dir() or not (root / SI_LABELS).is_file():
        raise DataError(f"PTC corpus not found at {root} (set VERACITY_DATA_DIR)")
    return root


def corpus_files(data_dir: Path) -> list[Path]:
    """The label files training reads (article texts are named by them)."""
    root = corpus_dir(data_dir)
    return [root / SI_LABELS, root / TC_LABELS]


def read_article_text(path: Path) -> str:
    """An article exactly as the offsets index it: UTF-8, no newline translation."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def load_ptc_train(data_dir: Path) -> list[PTCArticle]:
    """Every training article with its gold spans, sorted by id."""
    root = corpus_dir(data_dir)
    articles: dict[str, PTCArticle] = {}
    for path in sorted((root / ARTICLES).glob("article*.txt")):
        article_id = path.stem.removeprefix("article")
        articles[article_id] = PTCArticle(article_id, read_article_text(path))
    for line in (root / SI_LABELS).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        article_id, start, end = line.split("\t")
        _article(articles, article_id).si_spans.append((int(start), int(end)))
    for line in (root / TC_LABELS).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        article_id, technique, start, end = line.split("\t")
        if technique not in TECHNIQUES:
            raise DataError(f"unknown technique {technique!r} in {TC_LABELS}")
        _article(articles, article_id).tc_spans.append((technique, int(start), int(end)))
    return list(articles.values())


def _article(articles: dict[str, PTCArticle], article_id: str) -> PTCArticle:
    if article_id not in articles:
        raise DataError(f"label for article {article_id} whose text is missing")
    return articles[article_id]


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
