"""The FastAPI application: REST API under ``/v1``, the web page at ``/``, docs at ``/docs``."""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from veracity._version import __version__
from veracity.api.connections import request_deadline_protocol
from veracity.api.errors import install_error_handlers
from veracity.api.middleware import (
    AllowedHosts,
    BodySizeLimit,
    OneFraming,
    SecurityHeaders,
    host_name,
)
from veracity.api.pages import install_pages
from veracity.api.ratelimit import TokenBucketLimiter
from veracity.api.responses import ScriptSafeJSONResponse
from veracity.api.routes import api_router, health_router
from veracity.api.security import parse_api_keys
from veracity.api.slots import WorkSlots
from veracity.api.warmup import ModelWarmup
from veracity.settings import Settings, get_settings
from veracity.store import Database, open_database
from veracity.verify.index import ServedIndex

STATIC_DIR = Path(__file__).resolve().parent / "static"
logger = logging.getLogger("veracity.api")


def server_options(
    forwarded_allow_ips: str | None = None, request_timeout_s: float | None = None
) -> dict[str, Any]:
    """uvicorn options for ``veracity serve``.

    ``request_timeout_s`` (``VERACITY_API_REQUEST_TIMEOUT_S``): a connection that has not sent
    its whole request (line, headers, body) by then is closed
    (:mod:`veracity.api.connections`); uvicorn itself never closes one.

    ``X-Forwarded-For``/``-Proto`` are ignored unless ``forwarded_allow_ips`` names the
    proxies to trust (comma-separated addresses or networks, ``*`` for any): uvicorn's own
    default trusts them from 127.0.0.1, so any local process could pick its client address,
    escape the per-client rate limit and forge the address in the logs.
    """
    timeout_s = request_timeout_s or get_settings().api_request_timeout_s
    return {
        "proxy_headers": bool(forwarded_allow_ips),
        "forwarded_allow_ips": forwarded_allow_ips or "",
        "server_header": False,
        "http": request_deadline_protocol(timeout_s),
    }


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def allowed_hosts(listen_host: str, configured: str) -> str:
    """The Host names ``veracity serve`` answers to: ``configured``
    (``VERACITY_API_ALLOWED_HOSTS``) if set; else, listening on a loopback interface, the
    loopback names and that interface only (so no web page can reach it under its own name,
    by DNS rebinding); else any (``""``)."""
    if any(name.strip() for name in configured.split(",")):  # "," names none: as if unset
        return configured
    try:
        loopback = ipaddress.ip_address(listen_host.strip("[]")).is_loopback
    except ValueError:
        loopback = listen_host.lower().rstrip(".") == "localhost"
    return ",".join(dict.fromkeys([*LOOPBACK_NAMES, listen_host])) if loopback else ""


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    """Build the app; opens (and migrates) the configured database unless one is given."""
    settings = settings or get_settings()
    database = database or open_database(settings.database_url)

    warmup = ModelWarmup()
    work_slots = WorkSlots(settings.api_max_concurrent_analyses)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        warmup.start()  # in the background: the server answers /healthz meanwhile
        yield
        # No thread may be left in the models' native code when the process exits: it aborted
        # (exit 134) after a clean stop. Stop the model load; wait for abandoned analyses, at
        # most the grace period (one answered 503 at its timeout may run on for minutes): what
        # still runs then is logged and abandoned, and `veracity serve` ends the process
        # without unwinding its threads (cli.serve).
        await anyio.to_thread.run_sync(warmup.stop)
        left = await work_slots.wait_idle(settings.api_shutdown_grace_s)
        if left:
            logger.warning(
                "stopping with %d request(s) still running after the %g s shutdown grace "
                "period (VERACITY_API_SHUTDOWN_GRACE_S), abandoned: %s",
                len(left),
                settings.api_shutdown_grace_s,
                "; ".join(left),
            )
        _app.state.abandoned_at_shutdown = left
        database.dispose()

    app = FastAPI(
        title="veracity",
        version=__version__,
        summary="How far a news article can be trusted, and why.",
        lifespan=lifespan,
        docs_url=None,  # served by install_pages from local assets, not a CDN
        redoc_url=None,
        default_response_class=ScriptSafeJSONResponse,
    )
    app.state.database = database
    app.state.api_keys = parse_api_keys(settings.api_keys.get_secret_value())
    app.state.rate_limiter = TokenBucketLimiter(settings.api_rate_limit_per_minute)
    app.state.analysis_timeout_s = settings.api_analysis_timeout_s
    app.state.work_slots = work_slots
    app.state.abandoned_at_shutdown = []
    # loaded by the first request that needs it, again only when it changes on disk
    app.state.evidence_index = (
        None if settings.evidence_index is None else ServedIndex(settings.evidence_index)
    )
    app.state.warmup = warmup
    install_error_handlers(app)
    app.include_router(health_router)
    app.include_router(api_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    install_pages(app, STATIC_DIR)

    @app.get("/", include_in_schema=False)
    def web_page() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    app.add_middleware(BodySizeLimit, max_bytes=settings.api_max_body_bytes)
    app.add_middleware(SecurityHeaders)
    hosts = {host_name(h) for h in settings.api_allowed_hosts.split(",") if h.strip()}
    if hosts and "*" not in hosts:
        app.add_middleware(AllowedHosts, hosts=frozenset(hosts))
    app.add_middleware(OneFraming)  # outermost: checked first
    return app
