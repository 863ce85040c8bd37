"""Every error the API returns is one JSON shape, produced here and nowhere else.

``{"error": {"status": 400, "type": "input_error", "message": "...", "fields": [...]}}``;
``fields`` only on validation errors. A bug becomes a plain 500 with no traceback.
"""

from __future__ import annotations

import logging
import re
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from veracity.api.responses import ScriptSafeJSONResponse
from veracity.errors import VeracityError
from veracity.store.database import StoreError

logger = logging.getLogger("veracity.api")


class AnalysisNotFoundError(VeracityError):
    """No stored analysis has this id."""

    http_status = 404


class MissingApiKeyError(VeracityError):
    """The server requires an API key and the request carries none."""

    http_status = 401
    headers: ClassVar[dict[str, str]] = {
        "WWW-Authenticate": 'Bearer realm="veracity", ApiKey header="X-API-Key"'
    }


class InvalidApiKeyError(VeracityError):
    """The request's API key is not one the server accepts."""

    http_status = 403


class EvidenceIndexUnavailableError(VeracityError):
    """The server's evidence index (``VERACITY_EVIDENCE_INDEX``) is missing or unreadable: the
    server's fault, not the request's; its message names no path of the server's."""

    http_status = 503


class AnalysisTimeoutError(VeracityError):
    """An analysis ran past ``VERACITY_API_ANALYSIS_TIMEOUT_S``; the client gets an answer."""

    http_status = 503


def error_body(
    status: int, kind: str, message: str, fields: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The JSON body of every error response."""
    error: dict[str, Any] = {"status": status, "type": kind, "message": message}
    if fields is not None:
        error["fields"] = fields
    return {"error": error}


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


async def _veracity_error(_request: Request, exc: Exception) -> ScriptSafeJSONResponse:
    assert isinstance(exc, VeracityError)
    status = exc.http_status
    message = str(exc)
    if status >= 500:
        logger.error("%s: %s", type(exc).__name__, exc)
    if isinstance(exc, StoreError):  # its message names the database (user, host, port, name)
        message = "the database is unavailable; the server log has the details"
    return ScriptSafeJSONResponse(
        error_body(status, _snake(type(exc).__name__), message),
        status_code=status,
        headers=getattr(exc, "headers", None),
    )


# The most field errors a 422 lists: a body of 400,000 unknown keys (6.5 MB) was answered with
# each one twice over (58 MB), the event loop building it for 18 s (hostile round 17, attack 7).
MAX_REPORTED_ERRORS = 20


async def _validation_error(_request: Request, exc: Exception) -> ScriptSafeJSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    if any(error["type"] == "json_invalid" for error in errors):
        return ScriptSafeJSONResponse(
            error_body(400, "invalid_json", "the request body is not valid JSON"), status_code=400
        )
    if any(error["type"] == "missing" and tuple(error["loc"]) == ("body",) for error in errors):
        return ScriptSafeJSONResponse(
            error_body(400, "empty_body", "the request body is empty: send a JSON object"),
            status_code=400,
        )
    fields = [
        {
            "field": ".".join(str(part) for part in error["loc"][1:]) or error["loc"][0],
            "location": error["loc"][0],
            "message": error["msg"].removeprefix("Value error, "),
            "type": error["type"],
        }
        for error in errors[:MAX_REPORTED_ERRORS]
    ]
    summary = "; ".join(f"{f['field']}: {f['message']}" for f in fields)
    if len(errors) > len(fields):
        summary += f"; and {len(errors) - len(fields):,} more"
    return ScriptSafeJSONResponse(
        error_body(422, "validation_error", f"invalid request: {summary}", fields),
        status_code=422,
    )


async def _http_error(_request: Request, exc: Exception) -> ScriptSafeJSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) else "request failed"
    kind = {
        400: "bad_request",
        404: "not_found",
        405: "method_not_allowed",
        413: "input_too_large",
    }.get(exc.status_code, "http_error")
    return ScriptSafeJSONResponse(
        error_body(exc.status_code, kind, message),
        status_code=exc.status_code,
        headers=getattr(exc, "headers", None),
    )


async def _unexpected_error(request: Request, exc: Exception) -> ScriptSafeJSONResponse:
    logger.exception("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    return ScriptSafeJSONResponse(
        error_body(500, "internal_error", "internal error; the server log has the details"),
        status_code=500,
    )


def install_error_handlers(app: FastAPI) -> None:
    """Route every exception the app can raise to one JSON error shape."""
    app.add_exception_handler(VeracityError, _veracity_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
