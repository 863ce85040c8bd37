"""Reading and writing analyses: idempotent, and safe with many concurrent writers.

An article is identified by the SHA-256 of its cleaned text; an analysis by its article and the
versions of the models that produced it. Saving the same report twice returns the first row.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, Field, ValidationError, model_validator
from sqlalchemy import case, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from veracity._version import __version__
from veracity.errors import InputError, VeracityError
from veracity.ingest.text import clean_text
from veracity.report.schema import (
    SCHEMA_VERSION,
    SCORE_BANDS,
    SCORE_MEANING,
    Report,
    found_counts,
)
from veracity.store.models import AnalysisRow, ArticleRow

MAX_PAGE_SIZE = 100
# Ids are 32-bit integer columns: PostgreSQL refuses a larger one in a comparison with a
# database error ("integer out of range") instead of finding nothing.
MAX_ID = 2**31 - 1


class StoredAnalysis(BaseModel):
    """A report as stored, with the ids that find it again."""

    id: int
    article_id: int
    created_at: datetime
    model_versions: dict[str, str | None] = Field(
        description="What produced the analysis (veracity, analysis_path, reliability) and "
        "'report', a digest of what it says: an article has one analysis per distinct set."
    )
    report: Report


class AnalysisSummary(BaseModel):
    """One line of the history: enough to list and search analyses without their reports."""

    id: int
    article_id: int
    title: str | None
    source_url: str | None
    source_domain: str | None
    source_domain_ascii: str | None = Field(
        None,
        description="The ASCII (punycode) form of source_domain where it is written with letters "
        "outside a-z, as the report has it; absent otherwise.",
        exclude_if=lambda value: value is None,
    )
    analysis_path: str
    reliability_score: float | None = Field(
        description=f"{SCORE_MEANING} Null when not scored. Bands: {SCORE_BANDS}."
    )
    reliability_label: str | None = Field(description="The score's band, null when not scored.")
    reliability_status: str | None = Field(
        None,
        description="Why the article has no score, as its report's reliability_status says "
        "('not_english', 'too_short', 'out_of_scope'; 'scored' when it has one); null for a "
        "report that does not say (stored by an older version, or no model ran).",
    )
    signal_count: int
    created_at: datetime

    @model_validator(mode="after")
    def _with_ascii_domain(self) -> AnalysisSummary:
        if self.source_domain_ascii is None and not (self.source_domain or "").isascii():
            from veracity.ingest.urls import ascii_host  # not at import: ingest's package

            self.source_domain_ascii = ascii_host(self.source_domain)
        return self


class AnalysisPage(BaseModel):
    """A page of the history, newest first."""

    items: list[AnalysisSummary]
    total: int = Field(description="Analyses matching the query, over all pages.")
    limit: int
    offset: int


def content_hash(text: str) -> str:
    """SHA-256 (hex) of an article's cleaned text: its identity in the store."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def report_digest(report: Report) -> str:
    """SHA-256 (hex, 16 digits) of what a report says, its text left out (the article's own)."""
    said = report.model_dump_json(exclude={"text"}).encode("utf-8", "surrogatepass")
    return hashlib.sha256(said).hexdigest()[:16]


def model_versions(report: Report) -> dict[str, str | None]:
    """What produced a report, and a digest of what it says: a new analysis of an article is
    stored when one of these changes. The digest tells a changed analysis from a repeated one
    when no version says so (a detector or a rule changed within a release, a model refitted
    under the same version), so a re-analysis is never answered with an older one."""
    return {
        "veracity": report.veracity_version,
        "analysis_path": report.analysis_path,
        "reliability": report.reliability.model_version if report.reliability else None,
        "report": report_digest(report),
    }


def _versions_key(versions: dict[str, str | None]) -> str:
    return json.dumps(versions, sort_keys=True, separators=(",", ":"))


def _insert(session: Session, table: type[Any]) -> postgresql.Insert | sqlite.Insert:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"the store supports SQLite and PostgreSQL, not {dialect}")


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes: they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def save_report(session: Session, report: Report) -> tuple[StoredAnalysis, bool]:
    """Store ``report`` (insert-or-get); returns the stored analysis and whether it is new.

    Both inserts use ``ON CONFLICT DO NOTHING`` on the unique keys, then read the winning row,
    so concurrent writers of the same article or analysis converge on one row each.
    """
    now = datetime.now(UTC)
    digest = content_hash(report.text)
    # The history lists and searches the address a caller gave or a page was fetched from, never
    # the one a page gives for itself (a fake page names reuters.com there: hostile round 10);
    # the stored report keeps it, with its note.
    given = report.source_from != "page"
    session.execute(
        _insert(session, ArticleRow)
        .values(
            content_hash=digest,
            title=report.title,
            text=report.text,
            source_url=report.source_url if given else None,
            source_domain=report.source_domain if given else None,
            ingested_at=now,
        )
        .on_conflict_do_nothing(index_elements=["content_hash"])
    )
    article_id = session.scalars(
        select(ArticleRow.id).where(ArticleRow.content_hash == digest)
    ).one()

    versions = model_versions(report)
    key = _versions_key(versions)
    inserted_id = session.scalars(
        _insert(session, AnalysisRow)
        .values(
            article_id=article_id,
            model_versions=key,
            analysis_path=report.analysis_path,
            reliability_score=report.reliability.score if report.reliability else None,
            reliability_label=report.reliability.label if report.reliability else None,
            signal_count=sum(found_counts(report).values()),
            # The text lives once, in the article row.
            report=report.model_dump(mode="json", exclude={"text"}),
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["article_id", "model_versions"])
        .returning(AnalysisRow.id)
    ).one_or_none()
    row = session.execute(
        select(AnalysisRow, ArticleRow.text)
        .join(ArticleRow)
        .where(AnalysisRow.article_id == article_id, AnalysisRow.model_versions == key)
    ).one()
    return _stored(row[0], row[1]), inserted_id is not None


def get_analysis(session: Session, analysis_id: int) -> StoredAnalysis | None:
    """The analysis with this id, or None (also for an id no row can have)."""
    if not 1 <= analysis_id <= MAX_ID:
        return None
    try:
        row = session.execute(
            select(AnalysisRow, ArticleRow.text)
            .join(ArticleRow)
            .where(AnalysisRow.id == analysis_id)
        ).one_or_none()
    except _UNREADABLE_COLUMN as exc:
        raise _unreadable_row(f"analysis {analysis_id}", exc) from None
    return _stored(row[0], row[1]) if row else None


def list_analyses(
    session: Session, query: str | None = None, *, limit: int = 20, offset: int = 0
) -> AnalysisPage:
    """Analyses newest first, optionally only those whose title or domain contains ``query``."""
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    # past MAX_ID rows there are none to skip: a larger offset is an empty page, not a number
    # SQLite cannot hold (`db list --offset 99999999999999999999`: OverflowError; round 9)
    offset = max(0, min(offset, MAX_ID))
    matching = select(AnalysisRow.id).join(ArticleRow)
    if query and "\x00" in query:
        # PostgreSQL refuses NUL in text (a database error) and SQLite cuts the pattern at it
        # (matching every row): neither is a search.
        raise InputError("the search text contains a NUL character")
    # As titles were stored (an article's text: NFC, no invisible characters, single spaces),
    # so that "Cafe\u0301" finds "Café" and a zero-width space cannot hide a word.
    query = " ".join(clean_text(query).split()) if query else None
    if query:
        pattern = f"%{_escape_like(query)}%"
        matching = matching.where(
            or_(
                ArticleRow.title.ilike(pattern, escape="\\"),
                ArticleRow.source_domain.ilike(pattern, escape="\\"),
            )
        )
    total = session.scalar(select(func.count()).select_from(matching.subquery())) or 0
    try:
        rows = session.execute(
            select(
                AnalysisRow.id,
                AnalysisRow.article_id,
                ArticleRow.title,
                ArticleRow.source_url,
                ArticleRow.source_domain,
                AnalysisRow.analysis_path,
                AnalysisRow.reliability_score,
                AnalysisRow.reliability_label,
                # read from the stored report (JSON on SQLite, JSONB on PostgreSQL): no column holds it
                _reported_status(session).label("reliability_status"),
                AnalysisRow.signal_count,
                AnalysisRow.created_at,
            )
            .join(ArticleRow)
            .where(AnalysisRow.id.in_(matching.scalar_subquery()))
            .order_by(AnalysisRow.created_at.desc(), AnalysisRow.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
    except _UNREADABLE_COLUMN as exc:
        where = f"one of the history's analyses {offset + 1:,} to {offset + limit:,} (newest first)"
        raise _unreadable_row(where, exc) from None
    items = []
    for row in rows:
        try:
            items.append(AnalysisSummary(**{**row._asdict(), "created_at": _utc(row.created_at)}))
        except ValidationError as exc:
            raise _unreadable_row(f"analysis {row.id}", exc) from None
    return AnalysisPage(items=items, total=total, limit=limit, offset=offset)


def _reported_status(session: Session) -> Any:
    """The stored report's reliability_status, read in SQL (no column holds it). SQLite keeps
    any text in a JSON column and its JSON functions refuse text that is no JSON, which made
    the whole history a database error for one such row (hostile round 10): there such a
    report has no status, and `db show` names what cannot be read."""
    status = AnalysisRow.report["reliability_status"].as_string()
    if session.get_bind().dialect.name != "sqlite":
        return status  # PostgreSQL's JSONB holds JSON only
    return case((func.json_valid(AnalysisRow.report) == 1, status), else_=None)


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class UnreadableAnalysisError(VeracityError):
    """A stored analysis whose report this version cannot read: written by another version of
    veracity sharing the store (a newer report schema, a signal kind this one does not know)
    or changed in the database since."""

    exit_code = 9
    http_status = 409


# What a column changed in the database raises as its row is read (SQLite keeps a value of any
# type in any column): a time that does not parse (ValueError), a report that is no JSON or is
# nested past Python's limit.
_UNREADABLE_COLUMN = (ValueError, TypeError, RecursionError)


def _unreadable_row(what: str, exc: Exception) -> UnreadableAnalysisError:
    """The error for a stored row whose columns do not read as this version wrote them."""
    why = (
        f"{'.'.join(map(str, exc.errors()[0]['loc']))}: {exc.errors()[0]['msg']}"
        if isinstance(exc, ValidationError)
        else f"{type(exc).__name__}: {str(exc)[:200]}"
    )
    return UnreadableAnalysisError(
        f"{what} is stored in a form veracity {__version__} does not read: a column holds what "
        f"no version writes (changed in the database?): {why}"
    )


def _stored(row: AnalysisRow, text: str) -> StoredAnalysis:
    report = row.report
    try:
        if not isinstance(report, dict):
            raise ValueError("the stored report is not a JSON object")
        read = Report.model_validate({**report, "text": text})
    except (ValidationError, ValueError) as exc:
        written = report if isinstance(report, dict) else {}
        version, schema = written.get("veracity_version"), written.get("schema_version")
        why = (
            f"{exc.error_count()} field(s) this version does not read, first "
            f"{'.'.join(map(str, exc.errors()[0]['loc']))}: {exc.errors()[0]['msg']}"
            if isinstance(exc, ValidationError)
            else str(exc)
        )
        raise UnreadableAnalysisError(
            f"analysis {row.id} was stored by veracity {_shown(version)} (report schema "
            f"{_shown(schema)}) and does not read as a report of this server's veracity "
            f"{__version__} (schema {SCHEMA_VERSION}): {why}"
        ) from None
    try:
        return StoredAnalysis(
            id=row.id,
            article_id=row.article_id,
            created_at=_utc(row.created_at),
            model_versions=json.loads(row.model_versions),
            report=read,
        )
    except (ValidationError, *_UNREADABLE_COLUMN) as exc:
        raise _unreadable_row(f"analysis {row.id}", exc) from None


def _shown(value: Any) -> str:
    """A version read from a stored report, as an error shows it (whatever it holds)."""
    text = value if isinstance(value, str) else "unknown"
    return repr(text[:40]) if not text.replace(".", "").isalnum() else text[:40]
