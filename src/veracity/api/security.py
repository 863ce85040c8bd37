"""Optional API keys (``VERACITY_API_KEYS``, comma-separated), checked in constant time, and
the per-client rate limit that follows the check."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from typing import Annotated

from fastapi import Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from veracity.api.errors import InvalidApiKeyError, MissingApiKeyError
from veracity.api.ratelimit import TokenBucketLimiter

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


def client_address(request: Request) -> str:
    """The peer's address (behind a proxy: as uvicorn's ``--proxy-headers`` resolved it)."""
    return request.client.host if request.client else "unknown"


def address_client(address: str) -> str:
    """The client an address stands for: an IPv4 address (also when written in IPv6, mapped),
    or an IPv6 address's /64. An IPv6 host is given a whole /64 (2^64 addresses) to pick from,
    so a client changing its address on every request would otherwise get a fresh rate-limit
    bucket and a fresh share of the analysis slots each time."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return address


def require_api_key(
    request: Request,
    header_key: Annotated[str | None, Security(_api_key_header)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
) -> None:
    """Dependency: pass when no keys are configured or the request has an accepted one.

    Records who the client is for :func:`enforce_rate_limit`: a digest of its key (never the
    key itself), else its address. A refused key counts against the address's rate limit,
    so guessing keys is throttled like any other request.
    """
    accepted: tuple[bytes, ...] = request.app.state.api_keys
    request.state.client_identity = f"address:{address_client(client_address(request))}"
    if not accepted:
        return
    candidate = header_key or (bearer.credentials if bearer else None)
    if not candidate or not key_matches(candidate, accepted):
        enforce_rate_limit(request)
        if not candidate:
            raise MissingApiKeyError("this server needs an API key: send it as X-API-Key")
        raise InvalidApiKeyError("the API key is not valid")
    digest = hashlib.sha256(candidate.encode("utf-8")).hexdigest()[:24]
    request.state.client_identity = f"key:{digest}"


def client_identity(request: Request) -> str:
    """Who sent ``request``: a digest of its accepted key, else its address."""
    identity = getattr(request.state, "client_identity", None)
    return identity or f"address:{address_client(client_address(request))}"


def enforce_rate_limit(request: Request) -> None:
    """Dependency (after :func:`require_api_key`): take one token from the client's bucket."""
    limiter: TokenBucketLimiter = request.app.state.rate_limiter
    limiter.acquire(client_identity(request))
