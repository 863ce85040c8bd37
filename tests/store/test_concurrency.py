"""Several processes migrating and writing at once never lose nor duplicate a row."""

from __future__ import annotations

import multiprocessing
import random

from sqlalchemy import func, select

from tests.store.test_repository import make_report
from veracity.store import open_database, save_report
from veracity.store.models import AnalysisRow, ArticleRow

WRITERS = 8
SHARED_ARTICLES = 6
OWN_ARTICLES = 3


def _write(url: str, writer: int, barrier, results) -> None:
    """One writer: open (and migrate) the database, then save shared and own reports."""
    barrier.wait(timeout=60)
    database = open_database(url)
    jobs = [(f"shared-{n}", path) for n in range(SHARED_ARTICLES) for path in ("fast", "deep")]
    jobs += [(f"writer-{writer}-own-{n}", "fast") for n in range(OWN_ARTICLES)]
    random.Random(writer).shuffle(jobs)
    saved = []
    for name, path in jobs:
        report = make_report(title=f"Article {name}", path=path)
        with database.session(write=True) as session:
            stored, created = save_report(session, report)
        saved.append((name, path, stored.article_id, stored.id, created))
    database.dispose()
    results.put(saved)


def test_concurrent_writers_converge_on_one_row_each(database_url: str) -> None:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WRITERS)
    results = context.Queue()
    writers = [
        context.Process(target=_write, args=(database_url, n, barrier, results))
        for n in range(WRITERS)
    ]
    for process in writers:
        process.start()
    saved = [row for _ in writers for row in results.get(timeout=240)]
    for process in writers:
        process.join(timeout=60)
        assert process.exitcode == 0

    analysis_ids: dict[tuple[str, str], set[int]] = {}
    article_ids: dict[str, set[int]] = {}
    created_count: dict[tuple[str, str], int] = {}
    for name, path, article_id, analysis_id, created in saved:
        analysis_ids.setdefault((name, path), set()).add(analysis_id)
        article_ids.setdefault(name, set()).add(article_id)
        created_count[(name, path)] = created_count.get((name, path), 0) + created
    # Every writer saw the same row for the same article and analysis ...
    assert all(len(ids) == 1 for ids in analysis_ids.values())
    assert all(len(ids) == 1 for ids in article_ids.values())
    # ... and exactly one writer created it.
    assert set(created_count.values()) == {1}

    expected_articles = SHARED_ARTICLES + WRITERS * OWN_ARTICLES
    expected_analyses = 2 * SHARED_ARTICLES + WRITERS * OWN_ARTICLES
    database = open_database(database_url)
    with database.session() as session:
        articles = session.scalar(select(func.count()).select_from(ArticleRow))
        analyses = session.scalar(select(func.count()).select_from(AnalysisRow))
    database.dispose()
    assert (articles, analyses) == (expected_articles, expected_analyses)
    assert len(article_ids) == expected_articles
