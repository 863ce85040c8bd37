"""The Propaganda Techniques Corpus (PTC, SemEval-2020 Task 11): 371 training articles with
their gold span-identification (SI) spans and technique-classification (TC) spans.

Read as articles with spans, not as :class:`NewsRecord`: the propaganda tagger and technique
classifier train on the spans (``propaganda/corpus.py`` checks the techniques and splits the
articles), and the loaded-language lexicon counts the words inside them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from veracity.errors import DataError

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


def article_files(data_dir: Path) -> list[Path]:
    """Every article file of the corpus (train, dev and test), sorted by path."""
    return sorted((data_dir / CORPUS).glob("*-articles/article*.txt"))


def read_article_text(path: Path) -> str:
    """An article exactly as the offsets index it: UTF-8, no newline translation."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def read_ptc_train(data_dir: Path) -> list[PTCArticle]:
    """Every training article with its gold spans, sorted by id (techniques as written)."""
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
        _article(articles, article_id).tc_spans.append((technique, int(start), int(end)))
    return list(articles.values())


def _article(articles: dict[str, PTCArticle], article_id: str) -> PTCArticle:
    if article_id not in articles:
        raise DataError(f"label for article {article_id} whose text is missing")
    return articles[article_id]
