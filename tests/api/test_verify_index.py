"""``POST /v1/claims/verify`` with the server's evidence index (``VERACITY_EVIDENCE_INDEX``)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from tests.api.live_server import app_settings, serve
from tests.corroborate.conftest import quake_evidence_index
from tests.test_cli import veracity
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


def test_the_server_loads_its_index_once_and_again_when_it_changes(
    tmp_path: Path, index_loads: list[Path]
) -> None:
    """Stop 35's probe: every request that read the server's index loaded it again (12 ms at
    1,926 passages, growing with the index). It is loaded once, and again when another process
    changes it (`veracity index --append`), whose new document the next request then finds."""
    index = quake_evidence_index(tmp_path)
    app = create_app(app_settings(tmp_path / "veracity.db", evidence_index=index))
    with serve(app) as url, httpx.Client(base_url=url, timeout=180) as http:
        for _ in range(3):
            response = http.post("/v1/claims/verify", json={"claim": CLAIM})
            assert response.status_code == 200, response.text
        assert len(index_loads) == 1
        added = tmp_path / "added.jsonl"
        added.write_text(
            json.dumps(
                {
                    "id": "dam",
                    "text": "A dam on the Oum Er-Rbia river burst on Tuesday, flooding four "
                    "villages downstream. Engineers had warned of cracks in its wall for years.",
                }
            )
            + "\n",
            encoding="utf-8",
        )
        appended = veracity("index", str(added), "--out", str(index), "--append")
        assert appended.returncode == 0, appended.stderr
        response = http.post(
            "/v1/claims/verify", json={"claim": "A dam on the Oum Er-Rbia river burst."}
        )
        assert response.status_code == 200, response.text
        assert "dam" in {p["document_id"] for p in response.json()["evidence"]}
        assert len(index_loads) == 2


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


ARTICLE = {
    "title": "Quake toll",
    "text": (
        "An earthquake in Al Haouz province killed 32 people on Monday, the interior ministry "
        "said. Rescue teams were searching collapsed houses in the mountain villages.\n\n"
        "The ministry said the toll could rise as rescuers reach remote areas."
    ),
    "depth": "deep",
}
# the deep models load on the first analysis: a loaded machine needs more than the default 60 s
PATIENT = {"api_analysis_timeout_s": 600.0, "api_request_timeout_s": 600.0}


def test_an_analysis_verifies_its_claims_against_the_servers_evidence_index(
    tmp_path: Path,
) -> None:
    """POST /v1/analyses read the server's index only to corroborate: its claims came back
    with no passage and no verdict, where `veracity analyze --index` and POST
    /v1/claims/verify judged them from the same documents."""
    index = quake_evidence_index(tmp_path)
    app = create_app(app_settings(tmp_path / "veracity.db", evidence_index=index, **PATIENT))
    with serve(app) as url, httpx.Client(base_url=url, timeout=600) as http:
        response = http.post("/v1/analyses", json=ARTICLE)
        assert response.status_code == 201, response.text
        claims = response.json()["report"]["claims"]
        assert claims and any(c["evidence"] for c in claims), "no passage of the server's index"
        judged = [c for c in claims if c["evidence"]]
        assert all(c["verdict"] is not None for c in judged)
        # beside the score, the verdicts counted (probe s50 V7)
        counted = response.json()["report"]["evidence_verdicts"]
        labels = [c["verdict"]["label"] for c in claims if c["verdict"]]
        assert counted["checked"] == len(labels)
        assert counted["refuted"] == labels.count("refuted")
        assert {p["document_id"] for c in judged for p in c["evidence"]} <= {
            "broadcaster",
            "regional",
        }


def test_an_analysis_with_a_missing_server_index_is_a_503_naming_no_path(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-index"
    app = create_app(app_settings(tmp_path / "veracity.db", evidence_index=missing, **PATIENT))
    with serve(app) as url, httpx.Client(base_url=url, timeout=600) as http:
        response = http.post("/v1/analyses", json=ARTICLE)
        assert response.status_code == 503, response.text
        error = response.json()["error"]
        assert error["type"] == "evidence_index_unavailable_error"
        assert str(tmp_path) not in error["message"]
        fast = http.post("/v1/analyses", json={**ARTICLE, "depth": "fast"})
        assert fast.status_code == 201  # the fast path finds no claims: no index is read
        compared = http.post("/v1/analyses", json={**ARTICLE, "depth": "fast", "corroborate": True})
        assert compared.status_code == 503, compared.text  # was a 404 naming the server's path
        assert str(tmp_path) not in compared.text
