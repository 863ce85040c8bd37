"""With ``VERACITY_API_KEYS`` set, /v1 needs a key: 401 without one, 403 with a wrong one."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from pydantic import SecretStr

from tests.api.live_server import app_settings, serve
from veracity.api import create_app
from veracity.api.security import key_matches, parse_api_keys

KEYS = "alpha-key-123, beta-key-456"


@pytest.fixture(scope="module")
def keyed_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = app_settings(tmp_path_factory.mktemp("keys") / "v.db", api_keys=SecretStr(KEYS))
    with serve(create_app(settings)) as url:
        yield url


def test_missing_key_is_401(keyed_url: str) -> None:
    response = httpx.get(f"{keyed_url}/v1/analyses")
    assert response.status_code == 401
    assert response.json()["error"]["type"] == "missing_api_key_error"
    assert "X-API-Key" in response.json()["error"]["message"]
    assert "www-authenticate" in response.headers


@pytest.mark.parametrize(
    "headers",
    [
        {"X-API-Key": "alpha-key-12"},
        {"X-API-Key": "alpha-key-1234"},
        {"X-API-Key": "ALPHA-KEY-123"},
        {"Authorization": "Bearer gamma"},
    ],
)
def test_wrong_key_is_403(keyed_url: str, headers: dict[str, str]) -> None:
    response = httpx.get(f"{keyed_url}/v1/analyses", headers=headers)
    assert response.status_code == 403
    assert response.json()["error"]["type"] == "invalid_api_key_error"
    assert "alpha" not in response.text and "gamma" not in response.text


@pytest.mark.parametrize(
    "headers",
    [
        {"X-API-Key": "alpha-key-123"},
        {"X-API-Key": "beta-key-456"},
        {"Authorization": "Bearer beta-key-456"},
    ],
)
def test_accepted_key_passes(keyed_url: str, headers: dict[str, str]) -> None:
    response = httpx.get(f"{keyed_url}/v1/analyses", headers=headers)
    assert response.status_code == 200
    assert response.json()["total"] == 0


def test_key_checked_before_the_body(keyed_url: str) -> None:
    response = httpx.post(f"{keyed_url}/v1/analyses", json={"text": ""})
    assert response.status_code == 401


@pytest.mark.parametrize("path", ["/healthz", "/", "/static/app.js", "/openapi.json"])
def test_page_health_and_docs_need_no_key(keyed_url: str, path: str) -> None:
    assert httpx.get(f"{keyed_url}{path}").status_code == 200


def test_key_parsing_and_matching() -> None:
    accepted = parse_api_keys(" one,two ,, ")
    assert accepted == (b"one", b"two")
    assert key_matches("two", accepted)
    assert not key_matches("tw", accepted)
    assert not key_matches("", accepted)
    assert parse_api_keys("") == ()
