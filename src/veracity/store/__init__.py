"""Store stage: articles and their analyses in SQLite (default) or PostgreSQL.

Entry points: :func:`open_database` (connects and migrates), then :func:`save_report`,
:func:`get_analysis` and :func:`list_analyses` inside ``Database.session()``.
"""

from veracity.store.database import (
    Database,
    StoreError,
    create_store_engine,
    resolve_database_url,
)
from veracity.store.repository import (
    AnalysisPage,
    AnalysisSummary,
    StoredAnalysis,
    content_hash,
    get_analysis,
    list_analyses,
    model_versions,
    report_digest,
    save_report,
)

__all__ = [
    "AnalysisPage",
    "AnalysisSummary",
    "Database",
    "StoreError",
    "StoredAnalysis",
    "content_hash",
    "get_analysis",
    "list_analyses",
    "model_versions",
    "open_database",
    "report_digest",
    "save_report",
]


def open_database(url: str | None = None) -> Database:
    """Connect to ``url`` (or the configured database) and bring its schema up to date."""
    from veracity.store.migrate import upgrade_schema  # alembic: loaded only to open a database

    engine = create_store_engine(resolve_database_url(url))
    try:
        upgrade_schema(engine)
    except BaseException:
        engine.dispose()
        raise
    return Database(engine)
