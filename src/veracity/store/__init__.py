"""Store stage: articles and their analyses in SQLite (default) or PostgreSQL.

Entry points: :func:`open_database` (connects and migrates), then :func:`save_report`,
:func:`get_analysis` and :func:`list_analyses` inside ``Database.session()``.
"""

from veracity.store.database import Database, StoreError, open_database
from veracity.store.repository import (
    AnalysisPage,
    AnalysisSummary,
    StoredAnalysis,
    content_hash,
    get_analysis,
    list_analyses,
    model_versions,
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
    "save_report",
]
