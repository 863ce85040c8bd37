"""A real uvicorn server on a free loopback port, in a thread of the test process."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI

from veracity.settings import Settings


def app_settings(database_path: Path, **overrides: object) -> Settings:
    """Settings for one test server: its own database, API keys and limits as given."""
    return Settings(database_url=f"sqlite:///{database_path}", **overrides)


@contextmanager
def serve(
    app: FastAPI, startup_timeout_s: float = 30.0, shutdown_timeout_s: float = 120.0, **config: Any
) -> Iterator[str]:
    """Run ``app`` until the block ends; yields its base URL (``http://127.0.0.1:PORT``).

    ``config``: uvicorn.Config options over the defaults (quiet logs, graceful shutdown).
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))  # the kernel picks a free port; no window for another taker
    port = sock.getsockname()[1]
    options = {"log_level": "warning", "lifespan": "on", "timeout_graceful_shutdown": 5, **config}
    server = uvicorn.Server(uvicorn.Config(app, **options))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_timeout_s
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        # The app's shutdown waits for its model load and abandoned work: a thread left in
        # their native code when the test process exits aborts it (exit 134).
        thread.join(timeout=shutdown_timeout_s)
        sock.close()
        if thread.is_alive():
            raise RuntimeError(f"uvicorn did not stop within {shutdown_timeout_s:g} s")


@contextmanager
def serve_fresh_app(folder: Path) -> Iterator[str]:
    """The veracity app with default settings over a new SQLite file in ``folder``, served
    until the block ends; yields its base URL."""
    from veracity.api import create_app

    with serve(create_app(app_settings(folder / "veracity.db"))) as url:
        yield url
