"""The API's endpoints: analyse, fetch and list stored analyses, verify claims, health."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, TypeVar

import anyio
from fastapi import APIRouter, Depends, Path, Query, Request, Response, status
from sqlalchemy import text

from veracity._version import __version__
from veracity.api.errors import (
    AnalysisNotFoundError,
    AnalysisTimeoutError,
    EvidenceIndexUnavailableError,
    logger,
)
from veracity.api.schemas import AnalysisRequest, ClaimVerificationRequest, Health, TriageRequest
from veracity.api.security import client_identity, enforce_rate_limit, require_api_key
from veracity.api.slots import WorkSlots
from veracity.api.warmup import ModelWarmup
from veracity.claimreview.search import ClaimSearchResponse
from veracity.claims.triage import Triage
from veracity.errors import SourceNotFoundError
from veracity.ingest import (
    Article,
    article_from_html,
    article_from_text,
    article_from_url,
    with_address,
)
from veracity.pipeline import analyze, check_claim, triage_statements
from veracity.report.schema import Claim, Report
from veracity.store import (
    AnalysisPage,
    Database,
    StoredAnalysis,
    get_analysis,
    list_analyses,
    save_report,
)
from veracity.store.repository import MAX_ID, MAX_PAGE_SIZE

if TYPE_CHECKING:
    from veracity.verify.index import ServedIndex

T = TypeVar("T")

health_router = APIRouter(tags=["service"])
api_router = APIRouter(
    prefix="/v1", dependencies=[Depends(require_api_key), Depends(enforce_rate_limit)]
)


def _database(request: Request) -> Database:
    return request.app.state.database


DatabaseDep = Annotated[Database, Depends(_database)]


@health_router.get("/healthz", response_model=Health)
def healthz(request: Request, database: DatabaseDep) -> Health:
    """Liveness, database reachability and whether each path's models are loaded."""
    with database.session() as session:
        session.execute(text("SELECT 1"))
    models: dict[str, bool] = request.app.state.warmup.status()
    return Health(
        version=__version__,
        database=database.engine.dialect.name,
        models_ready=all(models.values()),
        models=models,
    )


def build_article(body: AnalysisRequest) -> Article:
    """The request's article, through the same ingest builders as the CLI."""
    if body.url is not None:
        return article_from_url(body.url)
    if body.html is not None:
        article = article_from_html(body.html)
    else:
        article = article_from_text(
            body.text or "", title=body.title, detect_title=body.title is None
        )
    return article if body.source_url is None else with_address(article, body.source_url)


async def analyse_within_timeout(
    body: AnalysisRequest,
    timeout_s: float,
    warmup: ModelWarmup,
    database: Database | None,
    evidence_index: ServedIndex | None,
    slots: WorkSlots,
    client: str,
) -> Report:
    """Fetch (for a URL) and analyse in a worker thread once one of ``slots`` is free,
    answering 503 after ``timeout_s`` (which includes waiting for a cold server's models and
    for a slot).

    A thread cannot be stopped: a timed-out analysis is abandoned and finishes in the
    background, holding its slot, but the client is answered and the event loop stays free.
    """
    try:
        with anyio.fail_after(timeout_s):
            while not warmup.is_ready(body.depth):  # the models load once, in the background
                await anyio.sleep(0.05)
            return await slots.run(
                lambda: _analysed(body, database, evidence_index), client, "the analysis"
            )
    except TimeoutError:
        raise _timed_out(
            "the analysis", timeout_s, "send a shorter text or use depth=fast"
        ) from None


async def within_timeout(
    work: Callable[[], T], timeout_s: float, what: str, slots: WorkSlots, client: str
) -> T:
    """``work()`` in a worker thread once one of ``slots`` is free, answering 503 after
    ``timeout_s`` as an analysis does (a 200,000-character triage ran for minutes, holding a
    thread and the connection)."""
    try:
        with anyio.fail_after(timeout_s):
            return await slots.run(work, client, what)
    except TimeoutError:
        raise _timed_out(what, timeout_s, "send a shorter text") from None


def _timed_out(what: str, timeout_s: float, hint: str) -> AnalysisTimeoutError:
    return AnalysisTimeoutError(
        f"{what} took longer than {timeout_s:g} s and was stopped; {hint} "
        "(VERACITY_API_ANALYSIS_TIMEOUT_S sets the limit)"
    )


def _analysed(
    body: AnalysisRequest, database: Database | None, evidence_index: ServedIndex | None = None
) -> Report:
    """The request's report, its claims verified against the server's evidence index
    (``VERACITY_EVIDENCE_INDEX``) as ``veracity analyze --index`` verifies them; with
    ``corroborate``, compared with the store's history and that index's documents."""
    article = build_article(body)  # the request's own faults (a URL not found) stay its own
    with _server_index(evidence_index):
        report = analyze(article, depth=body.depth, index=evidence_index)
        if body.corroborate and database is not None:
            from veracity.pipeline import corroborate_report

            report = corroborate_report(report, database=database, index=evidence_index)
    return report


@contextmanager
def _server_index(index: ServedIndex | None) -> Iterator[None]:
    """The server's evidence index missing or unreadable is the server's fault: a 503 that
    names no server path (the log has it), not a 4xx of the request."""
    if index is None:
        yield
        return
    from veracity.verify.index import EvidenceIndexError

    try:
        yield
    except (EvidenceIndexError, SourceNotFoundError) as exc:
        logger.error("evidence index unavailable: %s", exc)
        raise EvidenceIndexUnavailableError(
            "the server's evidence index (VERACITY_EVIDENCE_INDEX) is missing or unreadable; "
            "the server log has the details"
        ) from None


@api_router.post(
    "/analyses",
    response_model=StoredAnalysis,
    status_code=status.HTTP_201_CREATED,
    tags=["analyses"],
    responses={200: {"description": "Already analysed by these model versions: the stored one."}},
)
async def create_analysis(
    body: AnalysisRequest, request: Request, response: Response, database: DatabaseDep
) -> StoredAnalysis:
    """Analyse an article and store the report (201), or return the stored one (200)."""
    report = await analyse_within_timeout(
        body,
        request.app.state.analysis_timeout_s,
        request.app.state.warmup,
        database,
        request.app.state.evidence_index,
        request.app.state.work_slots,
        client_identity(request),
    )

    def save() -> tuple[StoredAnalysis, bool]:
        with database.session(write=True) as session:
            return save_report(session, report)

    stored, created = await anyio.to_thread.run_sync(save)
    if not created:
        response.status_code = status.HTTP_200_OK
    response.headers["Location"] = str(request.url_for("read_analysis", analysis_id=stored.id))
    return stored


@api_router.get("/analyses/{analysis_id}", response_model=StoredAnalysis, tags=["analyses"])
def read_analysis(
    analysis_id: Annotated[int, Path(ge=1, le=MAX_ID)], database: DatabaseDep
) -> StoredAnalysis:
    """One stored analysis with its full report."""
    with database.session() as session:
        stored = get_analysis(session, analysis_id)
    if stored is None:
        raise AnalysisNotFoundError(f"no analysis with id {analysis_id}")
    return stored


@api_router.get("/analyses", response_model=AnalysisPage, tags=["analyses"])
def search_analyses(
    database: DatabaseDep,
    query: Annotated[
        str | None,
        Query(max_length=200, pattern=r"^[^\x00]*$", description="Matches title or domain."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> AnalysisPage:
    """The history of analyses, newest first, optionally searched by title or domain."""
    with database.session() as session:
        return list_analyses(session, query, limit=limit, offset=offset)


@api_router.post(
    "/claims/verify",
    response_model=Claim,
    tags=["claims"],
)
async def verify_claim(body: ClaimVerificationRequest, request: Request) -> Claim:
    """Check one claim: check-worthiness, matching published fact-checks and, when the server
    has an evidence index (``VERACITY_EVIDENCE_INDEX``), its passages and verdict, as
    ``veracity verify --index``."""
    timeout_s = request.app.state.analysis_timeout_s
    index: ServedIndex | None = request.app.state.evidence_index
    return await within_timeout(
        lambda: _checked(body.claim, index),
        timeout_s,
        "the check",
        request.app.state.work_slots,
        client_identity(request),
    )


def _checked(claim: str, index: ServedIndex | None) -> Claim:
    with _server_index(index):  # a bad claim is refused before the index is read
        return check_claim(claim, index=index)


@api_router.post("/claims:triage", response_model=Triage, tags=["claims"])
async def triage_claims(body: TriageRequest, request: Request) -> Triage:
    """Rank every sentence (every line with ``lines``) by check-worthiness, with speakers,
    near-duplicate groups and matched fact-checks; as ``veracity claims``."""
    return await within_timeout(
        lambda: triage_statements(body.text, by_line=body.lines, fact_checks=body.fact_checks),
        request.app.state.analysis_timeout_s,
        "the triage",
        request.app.state.work_slots,
        client_identity(request),
    )


@api_router.get(
    "/factchecks:search",
    response_model=ClaimSearchResponse,
    response_model_exclude_none=True,
    tags=["claims"],
)
def search_factchecks(
    query: Annotated[str, Query(min_length=1, max_length=1000, description="Text to search for.")],
    languageCode: Annotated[
        str | None, Query(max_length=20, description="BCP-47 language, e.g. 'en' or 'es'.")
    ] = None,
    pageSize: Annotated[int, Query(ge=1, le=100)] = 10,
    pageToken: Annotated[str | None, Query(max_length=100)] = None,
) -> ClaimSearchResponse:
    """Fact-checked claims about ``query``, in the response shape of Google Fact Check Tools'
    ``claims:search`` (imported ClaimReviews and the corpus fact-checks)."""
    from veracity.claimreview import search_claims

    return search_claims(query, language=languageCode, page_size=pageSize, page_token=pageToken)
