"""POST /v1/claims:triage on a real server: typed rows as `veracity claims`, 4xx on bad input."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.api.live_server import serve_fresh_app
from veracity.claims.triage import Triage


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    with (
        serve_fresh_app(tmp_path_factory.mktemp("api")) as url,
        httpx.Client(base_url=url, timeout=180) as http,
    ):
        yield http


def test_lines_come_back_in_order_with_speakers(client: httpx.Client) -> None:
    text = (
        "TRUMP: We have spent $6 trillion in the Middle East.\n"
        "CLINTON: Thank you, Lester.\n"
        "Unemployment fell to 4.2 percent in March, the lowest level since 2008."
    )
    response = client.post(
        "/v1/claims:triage", json={"text": text, "lines": True, "fact_checks": False}
    )
    assert response.status_code == 200, response.text
    triage = Triage.model_validate(response.json())
    assert triage.by_line and [row.line for row in triage.rows] == [1, 2, 3]
    assert [row.speaker for row in triage.rows] == ["TRUMP", "CLINTON", None]
    assert triage.rows[0].check_worthy and not triage.rows[1].check_worthy
    assert triage.rows[1].score < triage.rows[2].score


def test_a_line_in_another_language_gets_no_score_and_a_note(client: httpx.Client) -> None:
    """As `veracity claims`: a French line among English ones was scored (0.71, check-worthy)."""
    text = (
        "We have spent $6 trillion in the Middle East.\n"
        "Le gouvernement a augmenté les impôts en 2023."
    )
    response = client.post(
        "/v1/claims:triage", json={"text": text, "lines": True, "fact_checks": False}
    )
    assert response.status_code == 200, response.text
    triage = Triage.model_validate(response.json())
    assert triage.rows[0].score is not None and triage.rows[1].score is None
    assert not triage.rows[1].check_worthy
    assert [note for note in triage.notes if "line(s) 2 read as French ('fr')" in note]


@pytest.mark.parametrize(
    "body",
    [{"text": ""}, {"text": " \n \n", "lines": True}, {"text": "x", "format": "csv"}, {}],
)
def test_bad_requests_are_4xx(client: httpx.Client, body: dict) -> None:
    response = client.post("/v1/claims:triage", json=body)
    assert 400 <= response.status_code < 500, response.text
