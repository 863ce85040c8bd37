"""Optional API keys (``VERACITY_API_KEYS``, comma-separated), checked in constant time."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from veracity.api.errors import InvalidApiKeyError, MissingApiKeyError

_api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)
_bearer = HTTPBearer(auto_error=False)


def parse_api_keys(raw: str) -> tuple[bytes, ...]:
    """The accepted keys from a comma-separated list; none means the API is open."""
    return tuple(key.strip().encode("utf-8") for key in raw.split(",") if key.strip())


def key_matches(candidate: str, accepted: tuple[bytes, ...]) -> bool:
    """Whether ``candidate`` is an accepted key, comparing with every key in constant time."""
    given = candidate.encode("utf-8")
    found = False
    for key in accepted:
        found |= hmac.compare_digest(given, key)
    return found


def require_api_key(
    request: Request,
    header_key: Annotated[str | None, Security(_api_key_header)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
) -> None:
    """Dependency: pass when no keys are configured or the request has an accepted one."""
    accepted: tuple[bytes, ...] = request.app.state.api_keys
    if not accepted:
        return
    candidate = header_key or (bearer.credentials if bearer else None)
    if not candidate:
        raise MissingApiKeyError("this server needs an API key: send it as X-API-Key")
    if not key_matches(candidate, accepted):
        raise InvalidApiKeyError("the API key is not valid")
