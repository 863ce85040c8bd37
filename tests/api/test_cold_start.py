"""Attack 7: a cold server's models load once, in the background, and /healthz says when.

Before, every request thread of a cold server loaded its own copy of the models: 32
concurrent first requests took 56 s, or got 503 after 60 s. The burst on a fresh server
process is measured by ``bench/api_latency.py`` (cold start).
"""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from tests.api.live_server import app_settings, serve
from veracity.api import create_app

STORY = (
    "Council approves water plant number {n}\n\n"
    "The council approved water plant number {n} on Tuesday. Critics say the vote was "
    "rushed, but officials said it followed two years of consultation."
)


def test_requests_wait_for_the_one_background_load(tmp_path: Path) -> None:
    """With the warm-up not started (lifespan off), a request neither loads models itself
    nor hangs: it waits within its timeout; once the warm-up ran, the same request works."""
    app = create_app(app_settings(tmp_path / "v.db", api_analysis_timeout_s=1.0))
    with serve(app, lifespan="off") as url:
        health = httpx.get(f"{url}/healthz", timeout=10).json()
        assert health["models_ready"] is False
        assert health["models"] == {"fast": False, "deep": False}
        body = {"text": STORY.format(n=1), "depth": "fast"}
        response = httpx.post(f"{url}/v1/analyses", json=body, timeout=30)
        assert response.status_code == 503
        assert "took longer than 1 s" in response.json()["error"]["message"]
        app.state.warmup.start()
        deadline = time.monotonic() + 240
        while not httpx.get(f"{url}/healthz", timeout=10).json()["models"]["fast"]:
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert httpx.post(f"{url}/v1/analyses", json=body, timeout=30).status_code == 201
    app.state.warmup.stop()  # as the lifespan would: no load left running at exit (exit 134)
