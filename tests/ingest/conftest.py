"""Fixtures for ingest tests: settings overrides and a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from veracity.settings import get_settings

ARTICLE_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Council hid water report | Millbrook Gazette</title>
<meta property="og:title" content="Council kept water report from residents for weeks">
<script>document.write('SCRIPT-TEXT-LEAK')</script>
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<div class="cookie-banner">We use cookies to give you the best experience. <button>Accept</button></div>
<article>
<h1>Council kept water report from residents for weeks</h1>
<p>Millbrook's council received a laboratory report on the contamination of the town's water
supply three weeks before residents were told, documents released on Friday show.</p>
<p>The report, seen by the Gazette, found chlorine levels above the legal limit in two of the
five samples taken at the treatment plant on the first of the month.</p>
<p>A council spokesperson said the delay was caused by a second round of tests and denied that
anything had been hidden from the public.</p>
<div class="share-buttons">Share this: <a href="#">Twitter</a> <a href="#">Facebook</a></div>
</article>
<section id="comments"><h3>Leave a Reply</h3>
<form>Your email address will not be published. <textarea>COMMENT-FORM-LEAK</textarea></form>
</section>
<footer>© 2024 Millbrook Gazette. All rights reserved.</footer>
</body></html>
"""

Route = Callable[[BaseHTTPRequestHandler], None]


@pytest.fixture
def override_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., None]]:
    """Set ``VERACITY_*`` variables for one test; settings are re-read and restored after."""

    def override(**values: object) -> None:
        for name, value in values.items():
            monkeypatch.setenv(f"VERACITY_{name.upper()}", str(value))
        get_settings.cache_clear()

    yield override
    monkeypatch.undo()
    get_settings.cache_clear()


def send(
    handler: BaseHTTPRequestHandler,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> None:
    """Answer one request with ``body``."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


class LocalServer:
    """A threaded HTTP server on 127.0.0.1 answering from a ``path -> handler`` table."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str | None]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append((self.path, self.headers.get("Host")))
                route = server.routes.get(self.path)
                if route is None:
                    send(self, b"not found", "text/plain", status=404)
                    return
                # The client may stop reading: what the size-cap tests expect.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    route(self)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    server = LocalServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()
