"""The API's ``corroborate`` option: an article compared with the analyses stored before it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.api.live_server import serve_fresh_app
from tests.corroborate.conftest import quake_articles, quake_evidence_index


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    with (
        serve_fresh_app(tmp_path_factory.mktemp("api")) as url,
        httpx.Client(base_url=url, timeout=180) as http,
    ):
        yield http


def _post(client: httpx.Client, article, **options) -> httpx.Response:
    return client.post(
        "/v1/analyses",
        json={"text": article.text, "title": article.title, "depth": "fast", **options},
    )


def test_corroborate_compares_with_the_stored_history(client: httpx.Client) -> None:
    articles = {a.id: a for a in quake_articles()}
    for name in ("broadcaster", "regional", "wire"):
        response = _post(client, articles[name])
        assert response.status_code == 201, response.text
        assert "corroboration" not in response.json()["report"]
    response = _post(client, articles["outlier"], corroborate=True)
    assert response.status_code == 201, response.text
    report = response.json()["report"]
    corroboration = report["corroboration"]
    assert corroboration["event_articles"] == 4
    tolls = [c for c in corroboration["claims"] if "300" in c["figures"]]
    assert tolls and tolls[0]["status"] == "contradicted"
    assert report["reliability"]["model_version"].startswith("corroboration-1+")
    stored = client.get(response.headers["Location"]).json()
    assert stored["report"]["corroboration"] == corroboration


def test_corroborate_must_be_a_boolean(client: httpx.Client) -> None:
    article = quake_articles()[0]
    response = _post(client, article, corroborate="perhaps")
    assert response.status_code == 422


def test_corroborate_also_compares_with_the_servers_evidence_index(tmp_path) -> None:
    from tests.api.live_server import app_settings, serve
    from veracity.api import create_app

    index = quake_evidence_index(tmp_path)
    outlier = next(a for a in quake_articles() if a.id == "outlier")
    app = create_app(app_settings(tmp_path / "veracity.db", evidence_index=index))
    with serve(app) as url, httpx.Client(base_url=url, timeout=180) as http:
        response = _post(http, outlier, corroborate=True)
        assert response.status_code == 201, response.text
        corroboration = response.json()["report"]["corroboration"]
        assert corroboration["independent_origins"] == 3  # the two indexed reports
        tolls = [c for c in corroboration["claims"] if "300" in c["figures"]]
        assert tolls[0]["status"] == "contradicted"
        plain = _post(http, quake_articles()[0])
        assert "corroboration" not in plain.json()["report"]
