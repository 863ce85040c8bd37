"""HTML pages besides ``/``: an analysis's permalink and the API docs with their assets served here.

Swagger UI and ReDoc come from the ``fastapi-offline`` package's static folder, so ``/docs`` and
``/redoc`` work without a network. ``/analyses/{id}`` is the web page itself, which opens the
analysis named by its address; without API keys configured an unknown id answers a 404 page,
with keys the page asks for the key first (it cannot tell which ids exist without it).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

DOCS_ASSETS = "/docs-assets"
# The docs pages run an inline script (their set-up); everything else must come from here, so
# ReDoc's link to its vendor's logo, say, is never fetched.
DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; worker-src 'self' blob:; font-src 'self' data:; frame-ancestors 'none'"
)


def docs_assets_dir() -> Path:
    import fastapi_offline

    return Path(fastapi_offline.__file__).resolve().parent / "static"


def install_pages(app: FastAPI, static_dir: Path) -> None:
    """Add ``/docs``, ``/redoc``, their assets and ``/analyses/{id}`` to ``app``."""
    app.mount(DOCS_ASSETS, StaticFiles(directory=docs_assets_dir()), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return _local_only(
            get_swagger_ui_html(
                openapi_url=app.openapi_url or "/openapi.json",
                title=f"{app.title} API",
                swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
                swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
                swagger_favicon_url=f"{DOCS_ASSETS}/favicon.png",
            )
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return _local_only(
            get_redoc_html(
                openapi_url=app.openapi_url or "/openapi.json",
                title=f"{app.title} API",
                redoc_js_url=f"{DOCS_ASSETS}/redoc.standalone.js",
                redoc_favicon_url=f"{DOCS_ASSETS}/favicon.png",
                with_google_fonts=False,
            )
        )

    @app.get("/analyses/{analysis_id}", include_in_schema=False, response_model=None)
    def analysis_page(analysis_id: str, request: Request) -> FileResponse | HTMLResponse:
        if not request.app.state.api_keys and not _stored(request, analysis_id):
            return HTMLResponse(_not_found(analysis_id), status_code=404)
        return FileResponse(static_dir / "index.html", media_type="text/html")


def _local_only(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = DOCS_POLICY
    return page


def _stored(request: Request, analysis_id: str) -> bool:
    from veracity.store import get_analysis
    from veracity.store.repository import UnreadableAnalysisError

    if not _is_an_id(analysis_id):
        return False
    with request.app.state.database.session() as session:
        try:
            return get_analysis(session, int(analysis_id)) is not None
        except UnreadableAnalysisError:  # there: the page's script shows why it cannot be read
            return True


def _is_an_id(analysis_id: str) -> bool:
    """Whether ``analysis_id`` is written as a stored analysis's number can be: ASCII digits
    (isdigit() alone accepts "²" and other digits int() refuses: a 500 before), 18 at most."""
    return analysis_id.isascii() and analysis_id.isdigit() and len(analysis_id) <= 18


def _not_found(analysis_id: str) -> str:
    # The id is shown only as the number an analysis has: any other text of the address (words,
    # a direction override that shows them reversed) would be this server's page saying what
    # whoever wrote the link chose ("/analyses/Your account is locked: call ...").
    shown = f" #{analysis_id}" if _is_an_id(analysis_id) else ""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>veracity: no such analysis</title>"
        '<link rel="stylesheet" href="/static/style.css"></head><body>'
        '<header class="masthead"><h1>veracity</h1></header><main class="layout"><section '
        f'class="panel"><h2>No analysis{escape(shown)}</h2><p>This server has no '
        'analysis with that number. <a href="/">Analyse an article</a> or pick one from the '
        "history.</p></section></main></body></html>"
    )
