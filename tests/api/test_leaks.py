"""Attack 9: errors must not leak the database's URL, and a NUL byte in a search is a 422."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from tests.api.live_server import app_settings, serve
from veracity.api import create_app


@pytest.fixture
def app_and_url(tmp_path: Path) -> Iterator[tuple[object, str, Path]]:
    database = tmp_path / "secret-name" / "veracity.db"
    app = create_app(app_settings(database))
    with serve(app, lifespan="off") as url:
        yield app, url, database


def test_nul_in_a_search_is_422(app_and_url) -> None:
    _, url, _ = app_and_url
    for query in ("\x00", "council\x00"):
        response = httpx.get(f"{url}/v1/analyses", params={"query": query}, timeout=10)
        assert response.status_code == 422, response.text
        assert response.json()["error"]["type"] == "validation_error"
    assert httpx.get(f"{url}/v1/analyses", params={"query": "x"}, timeout=10).status_code == 200


def test_a_database_error_does_not_name_the_database(app_and_url) -> None:
    app, url, database = app_and_url
    with app.state.database.engine.begin() as connection:  # a broken store, for real
        connection.execute(text("DROP TABLE analyses"))
    response = httpx.get(f"{url}/v1/analyses", timeout=10)
    assert response.status_code == 503
    message = response.json()["error"]["message"]
    assert "database is unavailable" in message
    assert "secret-name" not in response.text and str(database) not in response.text
