"""ASGI middleware: one framing of each request, the allowed Host names, the request body limit
and the security headers."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from veracity.api.errors import error_body

# The page and its assets get a strict policy: scripts and styles from this origin only, no
# inline script, so article text can never run as code even if it reached the DOM as markup.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI and ReDoc pages load their bundles from a CDN and bootstrap with inline script.
_DOCS_PATHS = ("/docs", "/redoc")


def _too_large_message(limit: int) -> str:
    return (
        f"the request body is over the limit of {limit:,} bytes "
        "(set VERACITY_API_MAX_BODY_BYTES to raise it)"
    )


def host_name(header: str) -> str:
    """The name in a ``Host`` header, without its port, brackets or a final dot, lower-cased."""
    host = header.strip().lower()
    if host.startswith("["):  # [::1]:8000
        host = host[1:].partition("]")[0]
    elif host.count(":") == 1:
        host = host.partition(":")[0]
    return host.rstrip(".")


class AllowedHosts:
    """Answer 400 to a request whose ``Host`` is not one of ``hosts``.

    A page on any web site can make a browser send requests to a server on the reader's own
    machine under the site's name, by pointing that name at 127.0.0.1 (DNS rebinding): the
    browser then treats the server as the site's origin and lets the page read the answers.
    Such a request carries the site's name in ``Host``; refusing names the server does not go
    by closes it.
    """

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
        if host_name(header) in self.hosts:
            await self.app(scope, receive, send)
            return
        message = (
            f"this server answers to {', '.join(sorted(self.hosts))} only, not to the Host "
            "this request names (set VERACITY_API_ALLOWED_HOSTS to add names)"
        )
        await send_json_error(send, 400, "invalid_host", message)


class OneFraming:
    """Answer 400, and close the connection, to a request whose body's length is given twice
    over: by ``Content-Length`` and by ``Transfer-Encoding`` (or by ``Transfer-Encoding`` in
    HTTP/1.0, which has none).

    uvicorn reads such a body by its chunks and kept the connection open, so what followed the
    last chunk was read as the next request: a proxy in front that reads the body by its
    ``Content-Length`` forwards that next request as part of the body, unchecked by the proxy,
    and its answer goes to whoever sends the next request on that connection (request
    smuggling). RFC 9112 (section 6.1) asks a server to close the connection after such a
    request, or to refuse it; it is refused here, before anything else reads it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            names = {name.lower() for name, _ in scope["headers"]}
            if b"transfer-encoding" in names and (
                b"content-length" in names or scope.get("http_version") == "1.0"
            ):
                message = (
                    "the request gives its body's length twice over (Content-Length and "
                    "Transfer-Encoding; or Transfer-Encoding in HTTP/1.0): send one"
                )
                await send_json_error(send, 400, "ambiguous_framing", message)
                return
        await self.app(scope, receive, send)


class BodySizeLimit:
    """Answer 413 to bodies over ``max_bytes``: by ``Content-Length``, or while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._reject(send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # FastAPI re-raises HTTPExceptions met while reading the body.
                    raise HTTPException(413, _too_large_message(self.max_bytes))
            return message

        await self.app(scope, limited_receive, send)

    async def _reject(self, send: Send) -> None:
        await send_json_error(send, 413, "input_too_large", _too_large_message(self.max_bytes))


async def send_json_error(send: Send, status: int, kind: str, message: str) -> None:
    """Answer with the API's JSON error shape and close the connection."""
    body = json.dumps(error_body(status, kind, message)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def own_location(location: bytes) -> bytes:
    """A ``Location`` this app wrote, as a path on this server.

    Starlette builds the ``Location`` of a created analysis and of its trailing-slash redirects
    from the request's ``Host``, so a server that answers any name (not on loopback, no
    ``VERACITY_API_ALLOWED_HOSTS``) wrote whatever name a client sent into its answer (hostile
    round 16, left; round 17, attack 2): behind a cache that keys on the path, one client's
    ``Host: evil.example`` would send the next to another site. The app only ever points at
    itself, so its path (and query) says it all; leading slashes collapse to one, so a path
    such as ``//evil.example/`` cannot read as another host."""
    parts = urlsplit(location.decode("latin-1"))
    if not parts.scheme and not parts.netloc:
        return location
    path = "/" + parts.path.lstrip("/")
    return (path + (f"?{parts.query}" if parts.query else "")).encode("latin-1")


class SecurityHeaders:
    """Add CSP (except on the API docs pages), nosniff, no referrer and no framing; write the
    app's own ``Location`` headers as paths (:func:`own_location`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        add_csp = not scope["path"].startswith(_DOCS_PATHS)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (name, own_location(value) if name.lower() == b"location" else value)
                    for name, value in message.get("headers", [])
                ]
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                if add_csp:
                    headers.append((b"content-security-policy", PAGE_CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
