"""The articles one article is corroborated against outside a batch: the store's history
(the newest analysed articles) and the documents of an evidence index."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from veracity.corroborate.corpus import CorpusArticle

if TYPE_CHECKING:
    from veracity.store import Database
    from veracity.verify.index import ServedIndex

HISTORY_LIMIT = 5000  # newest stored articles compared with (grouping cost grows with it)


def stored_articles(database: Database, limit: int = HISTORY_LIMIT) -> list[CorpusArticle]:
    """The newest ``limit`` articles of the store, their domain as the publisher."""
    from sqlalchemy import select

    from veracity.store.models import ArticleRow

    with database.session() as session:
        rows = session.execute(
            select(ArticleRow.id, ArticleRow.title, ArticleRow.text, ArticleRow.source_domain)
            .order_by(ArticleRow.ingested_at.desc(), ArticleRow.id.desc())
            .limit(limit)
        ).all()
    return [
        CorpusArticle(
            id=f"stored-{row.id}",
            title=row.title,
            text=_body(row.title, row.text),
            publisher=row.source_domain,
            name=f"stored article #{row.id}",
        )
        for row in rows
    ]


def index_articles(folder: Path | ServedIndex) -> list[CorpusArticle]:
    """The documents of an evidence index (``veracity index``; a folder, or a server's
    :class:`~veracity.verify.index.ServedIndex`), rebuilt from its passages."""
    from veracity.verify.index import EvidenceIndex

    index = EvidenceIndex.load(folder) if isinstance(folder, Path) else folder.current()
    return [
        CorpusArticle(id=document, text=text, publisher=document)
        for document, (text, _) in index.documents(p.document_id for p in index.passages).items()
    ]


def _body(title: str | None, text: str) -> str:
    """A stored text holds the title first: leave it out of the body."""
    if title and text.startswith(title):
        return text[len(title) :].lstrip()
    return text
