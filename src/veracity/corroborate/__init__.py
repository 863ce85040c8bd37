"""Corroboration across sources: does anyone else report an article's event and claims, and
with the same figures?

Entry points: :func:`corroborate_corpus` (a corpus grouped into events, each article's claims
compared with the other independent origins of its event) and :func:`corroborate_article`
(one article against others: the store's history, an evidence index).
"""

from veracity.corroborate.corpus import (
    MODEL_VERSION,
    CorpusArticle,
    adjust_score,
    corroborate_article,
    corroborate_corpus,
    corroborated_version,
    parse_date,
)
from veracity.corroborate.events import GroupingConfig

__all__ = [
    "MODEL_VERSION",
    "CorpusArticle",
    "GroupingConfig",
    "adjust_score",
    "corroborate_article",
    "corroborate_corpus",
    "corroborated_version",
    "parse_date",
]
