"""``POST /v1/claims/verify`` with the server's evidence index (``VERACITY_EVIDENCE_INDEX``)."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.api.live_server import app_settings, serve
from tests.corroborate.conftest import quake_evidence_index
from veracity.api import create_app

CLAIM = "An earthquake in Al Haouz province killed 32 people, the interior ministry said."


def test_verify_reads_the_servers_evidence_index(tmp_path: Path) -> None:
    """Probe6: with VERACITY_EVIDENCE_INDEX set, /v1/claims/verify answered no passages and no
    verdict (the server's index was read only to corroborate analyses), where `veracity
    verify --index` judged the claim from the same documents."""
    index = quake_evidence_index(tmp_path)
    app = create_app(app_settings(tmp_path / "veracity.db", evidence_index=index))
    with serve(app) as url, httpx.Client(base_url=url, timeout=180) as http:
        response = http.post("/v1/claims/verify", json={"claim": CLAIM})
        assert response.status_code == 200, response.text
        checked = response.json()
        assert checked["evidence"], "no passage of the server's index"
        assert {p["document_id"] for p in checked["evidence"]} <= {"broadcaster", "regional"}
        assert checked["verdict"] is not None
        blank = http.post("/v1/claims/verify", json={"claim": " \n"})
        assert blank.status_code == 400  # the request's fault stays the request's


def test_a_missing_server_index_is_a_503_naming_no_path(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-index"
    app = create_app(app_settings(tmp_path / "veracity.db", evidence_index=missing))
    with serve(app) as url, httpx.Client(base_url=url, timeout=180) as http:
        response = http.post("/v1/claims/verify", json={"claim": CLAIM})
        assert response.status_code == 503, response.text
        error = response.json()["error"]
        assert error["type"] == "evidence_index_unavailable_error"
        assert "VERACITY_EVIDENCE_INDEX" in error["message"]
        assert str(tmp_path) not in error["message"]
