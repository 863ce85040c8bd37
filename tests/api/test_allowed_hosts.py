"""Hostile round 3: DNS rebinding. A web page on any site could point its own name at 127.0.0.1
and, in the reader's browser, read the history of a local `veracity serve` without keys (and
post analyses): the server answered whatever Host a request named. `veracity serve` on a
loopback interface now answers its loopback names only; VERACITY_API_ALLOWED_HOSTS sets them."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.api.live_server import app_settings, serve
from veracity.api import allowed_hosts, create_app


def status_for_host(url: str, host: str, path: str = "/v1/analyses") -> httpx.Response:
    return httpx.get(f"{url}{path}", headers={"Host": host}, timeout=10)


def test_a_loopback_server_refuses_a_rebound_name_and_answers_its_own(tmp_path: Path) -> None:
    settings = app_settings(tmp_path / "v.db", api_allowed_hosts=allowed_hosts("127.0.0.1", ""))
    with serve(create_app(settings), lifespan="off") as url:
        port = url.rsplit(":", 1)[1]
        for host in ("attacker.example", f"attacker.example:{port}", "127.0.0.1.nip.io", ""):
            for path in ("/v1/analyses", "/", "/healthz"):
                answer = status_for_host(url, host, path)
                assert answer.status_code == 400, (host, path)
                assert answer.json()["error"]["type"] == "invalid_host"
        posted = httpx.post(
            f"{url}/v1/analyses",
            headers={"Host": f"attacker.example:{port}"},
            json={"text": "Rebound request. Experts say the water is unsafe.", "depth": "fast"},
        )
        assert posted.status_code == 400
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", "LOCALHOST."):
            assert status_for_host(url, host).status_code == 200, host
        assert status_for_host(url, f"127.0.0.1:{port}").json()["total"] == 0  # nothing stored


@pytest.mark.parametrize("configured", ["", "*"])
def test_without_a_list_any_host_is_answered(tmp_path: Path, configured: str) -> None:
    settings = app_settings(tmp_path / "v.db", api_allowed_hosts=configured)
    with serve(create_app(settings), lifespan="off") as url:
        assert status_for_host(url, "news.example").status_code == 200


@pytest.mark.parametrize(
    ("listen", "configured", "expected"),
    [
        ("127.0.0.1", "", {"localhost", "127.0.0.1", "::1"}),
        ("127.0.0.2", "", {"localhost", "127.0.0.1", "::1", "127.0.0.2"}),
        ("::1", "", {"localhost", "127.0.0.1", "::1"}),
        ("localhost", "", {"localhost", "127.0.0.1", "::1"}),
        ("0.0.0.0", "", set()),
        ("203.0.113.7", "", set()),
        ("127.0.0.1", "news.example,localhost", {"news.example", "localhost"}),
        # Hostile round 4: a list naming no host (",", " , ") turned the defence off on
        # loopback (a rebound name answered 200); it now reads as unset.
        ("127.0.0.1", ",", {"localhost", "127.0.0.1", "::1"}),
        ("127.0.0.1", " , ", {"localhost", "127.0.0.1", "::1"}),
    ],
)
def test_serve_answers_loopback_names_by_default_on_loopback(
    listen: str, configured: str, expected: set[str]
) -> None:
    assert set(filter(None, allowed_hosts(listen, configured).split(","))) == expected
