"""Every user mistake is a clear 4xx JSON error; a bug is a bare 500 with no traceback."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest

from tests.api.live_server import app_settings, serve
from veracity.api import create_app
from veracity.settings import get_settings


def error_of(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert error["status"] == status
    assert "Traceback" not in response.text
    return error


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text_is_400(client: httpx.Client, text: str) -> None:
    error = error_of(client.post("/v1/analyses", json={"text": text}), 400)
    assert error["type"] == "input_error"
    assert "empty" in error["message"]


def test_invalid_json_is_400(client: httpx.Client) -> None:
    response = client.post(
        "/v1/analyses",
        content=b'{"text": "unterminated',
        headers={"content-type": "application/json"},
    )
    assert error_of(response, 400)["type"] == "invalid_json"


def test_undecodable_body_is_400(client: httpx.Client) -> None:
    response = client.post(
        "/v1/analyses",
        content=b'{"text": "\xff\xfe\xfa"}',
        headers={"content-type": "application/json"},
    )
    error = error_of(response, 400)
    assert error["type"] in {"invalid_json", "bad_request"}
    assert "body" in error["message"]


def test_missing_body_is_400(client: httpx.Client) -> None:
    response = client.post("/v1/analyses", headers={"content-type": "application/json"})
    assert error_of(response, 400)["type"] == "empty_body"


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({}, "body", "exactly one of text, html or url"),
        ({"text": "a b c", "url": "https://example.com/"}, "body", "got text, url"),
        ({"url": "file:///etc/passwd"}, "url", "http:// or https://"),
        ({"url": "/etc/passwd"}, "url", "http:// or https://"),
        ({"text": "a b c", "depth": "medium"}, "depth", "'fast' or 'deep'"),
        ({"text": "a b c", "colour": "red"}, "colour", "Extra inputs"),
        ({"text": 42}, "text", "valid string"),
        ({"url": "https://example.com/", "title": "T"}, "body", "title applies to text only"),
        ({"text": "a b c", "source_url": "javascript:alert(1)"}, "source_url", "http:// or"),
        (
            {"url": "https://example.com/", "source_url": "https://example.org/"},
            "body",
            "a url is its own address",
        ),
    ],
)
def test_invalid_fields_are_422_with_details(
    client: httpx.Client, body: dict, field: str, words: str
) -> None:
    error = error_of(client.post("/v1/analyses", json=body), 422)
    assert error["type"] == "validation_error"
    assert field in [f["field"] for f in error["fields"]]
    assert words in error["message"]


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v1/analyses", {"text": "a b c", "depth": "fast", "corroborate": "yes"}, "corroborate"),
        ("/v1/analyses", {"text": "a b c", "depth": "fast", "corroborate": 1}, "corroborate"),
        ("/v1/analyses", {"text": "a b c", "depth": "fast", "corroborate": "on"}, "corroborate"),
        ("/v1/analyses", {"text": "a b c", "depth": "fast", "corroborate": 0.0}, "corroborate"),
        ("/v1/claims:triage", {"text": "a b c", "lines": "true"}, "lines"),
        ("/v1/claims:triage", {"text": "a b c", "lines": 1}, "lines"),
        ("/v1/claims:triage", {"text": "a b c", "fact_checks": "no"}, "fact_checks"),
        ("/v1/claims:triage", {"text": "a b c", "fact_checks": "off"}, "fact_checks"),
    ],
)
def test_a_boolean_is_true_or_false_not_a_lax_spelling(
    client: httpx.Client, path: str, body: dict, field: str
) -> None:
    error = error_of(client.post(path, json=body), 422)
    assert error["type"] == "validation_error"
    assert [f["field"] for f in error["fields"]] == [field]
    assert "boolean" in error["message"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/v1/analyses/999999", 404),
        ("/v1/analyses/not-a-number", 422),
        ("/v1/analyses/0", 422),
        ("/v1/analyses?limit=0", 422),
        ("/v1/analyses?limit=101", 422),
        ("/v1/analyses?offset=-1", 422),
        ("/no/such/page", 404),
    ],
)
def test_bad_reads(client: httpx.Client, path: str, status: int) -> None:
    error_of(client.get(path), status)


@pytest.mark.parametrize(
    "analysis_id", ["%C2%B2", "%D9%A1%D9%A2", "99999999999999999", "-1", "0x10"]
)
def test_permalink_with_an_odd_id_is_the_404_page(client: httpx.Client, analysis_id: str) -> None:
    """Hostile round 3: "/analyses/²" passed str.isdigit() and int() refused it: a 500."""
    answer = client.get(f"/analyses/{analysis_id}")
    assert answer.status_code == 404
    assert "text/html" in answer.headers["content-type"]
    assert "<h2>No analysis" in answer.text
    if analysis_id.isdigit():
        assert f"No analysis #{analysis_id}<" in answer.text


@pytest.mark.parametrize(
    "written",
    [
        "Your account is locked: call +1 555 0100",
        "\u202edetacol si tnuocca ruoY",
        "<b>bold",
    ],
)
def test_the_404_page_shows_no_text_of_the_address_but_an_id(
    client: httpx.Client, written: str
) -> None:
    """Hostile round 11, attack 4: the permalink page's 404 quoted what followed /analyses/ in
    its heading (escaped, 40 characters), so a link to this server could make its page say
    what the link's author chose ("No analysis #Your account is locked: call ..."), or, with a
    direction override, show it reversed."""
    answer = client.get("/analyses/" + quote(written, safe=""))
    assert answer.status_code == 404
    assert "<h2>No analysis</h2>" in answer.text
    assert "account" not in answer.text and "\u202e" not in answer.text
    assert "bold" not in answer.text and "tnuocca" not in answer.text


def test_wrong_method_is_405(client: httpx.Client) -> None:
    error_of(client.delete("/v1/analyses"), 405)


def test_empty_claim_is_422(client: httpx.Client) -> None:
    error = error_of(client.post("/v1/claims/verify", json={"claim": ""}), 422)
    assert error["fields"][0]["field"] == "claim"


def test_text_over_the_input_limit_is_413(
    client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "max_input_bytes", 200)
    error = error_of(client.post("/v1/analyses", json={"text": "word " * 100}), 413)
    assert error["type"] == "input_too_large_error"
    assert "VERACITY_MAX_INPUT_BYTES" in error["message"]


def test_text_over_the_deep_paths_limit_is_413(client: httpx.Client) -> None:
    # 1.2 MB of text is under the byte limits, but one paragraph of it is more than spaCy's
    # parser takes (a ValueError, answered as a 500 before)
    text = "The council said the budget rose by 4 percent this year. " * 21_000
    error = error_of(client.post("/v1/analyses", json={"text": text}), 413)
    assert error["type"] == "input_too_large_error"
    assert "VERACITY_MAX_TEXT_CHARS" in error["message"]
    fast = client.post("/v1/analyses", json={"text": text, "depth": "fast"})
    assert fast.status_code == 201, fast.text


def test_a_bug_is_a_500_without_details(
    client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("secret internal state")

    monkeypatch.setattr("veracity.api.routes.analyze", broken)
    response = client.post("/v1/analyses", json={"text": "Some text here.", "depth": "fast"})
    error = error_of(response, 500)
    assert error["type"] == "internal_error"
    assert "secret internal state" not in response.text


@pytest.fixture(scope="module")
def small_limit_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = app_settings(tmp_path_factory.mktemp("limit") / "v.db", api_max_body_bytes=2000)
    with serve(create_app(settings)) as url:
        yield url


def test_body_over_the_limit_is_413(small_limit_url: str) -> None:
    response = httpx.post(f"{small_limit_url}/v1/analyses", json={"text": "x" * 5000})
    error = error_of(response, 413)
    assert "VERACITY_API_MAX_BODY_BYTES" in error["message"]


def test_streamed_body_over_the_limit_is_413(small_limit_url: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(10):
            yield b"y" * 500
        yield b'"}'

    response = httpx.post(
        f"{small_limit_url}/v1/analyses",
        content=chunks(),
        headers={"content-type": "application/json"},
    )
    assert "content-length" not in response.request.headers
    error_of(response, 413)


def test_body_under_the_limit_passes(small_limit_url: str) -> None:
    body = {"text": "Council under fire\n\nOfficials said the report is late.", "depth": "fast"}
    assert httpx.post(f"{small_limit_url}/v1/analyses", json=body, timeout=120).status_code == 201


def test_docs_and_openapi_are_served(client: httpx.Client) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/healthz", "/v1/analyses", "/v1/analyses/{analysis_id}", "/v1/claims/verify"} <= set(
        paths
    )


def test_web_page_has_a_strict_content_security_policy(client: httpx.Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert '<script src="/static/app.js"' in response.text
    assert client.get("/static/app.js").status_code == 200


def test_a_stored_analysis_this_version_cannot_read_is_409_not_a_500(
    tmp_path, example_article: str
) -> None:
    """Round 7: a stored report written by another version (a signal kind this one does not
    know) made `GET /v1/analyses/{id}` a bare 500 and the permalink page a 500; the API says
    which analysis and why (409), the page is served and its script shows that error."""
    import json
    import sqlite3

    from tests.api.live_server import serve_fresh_app

    with serve_fresh_app(tmp_path) as url, httpx.Client(base_url=url, timeout=120) as http:
        posted = http.post("/v1/analyses", json={"text": example_article, "depth": "fast"})
        assert posted.status_code == 201, posted.text
        analysis_id = posted.json()["id"]
        database = sqlite3.connect(tmp_path / "veracity.db")
        [(stored,)] = database.execute("select report from analyses where id = ?", (analysis_id,))
        report = json.loads(stored)
        report["signals"][0]["kind"] = "a_kind_of_a_newer_version"
        database.execute(
            "update analyses set report = ? where id = ?", (json.dumps(report), analysis_id)
        )
        database.commit()
        database.close()
        error = error_of(http.get(f"/v1/analyses/{analysis_id}"), 409)
        assert error["type"] == "unreadable_analysis_error"
        assert error["message"].startswith(f"analysis {analysis_id} was stored by veracity")
        page = http.get(f"/analyses/{analysis_id}")
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        assert http.get("/v1/analyses").status_code == 200  # the history still lists it


# probe s46: a Sputnik page that is only its cookie-consent notice (27 ReCOVery records are).
CONSENT_ONLY = (
    "To improve the performance of our website, show the most relevant news products and "
    "targeted advertising, we collect technical impersonal information about you, including "
    "through the tools of our partners. You can find a detailed description of how we use your "
    "data in our Privacy Policy. For a detailed description of the technologies, please see the "
    "Cookie and Automatic Logging Policy.\n\n"
    'By clicking on the "Accept & Close" button, you provide your explicit consent to the '
    "processing of your data to achieve the above goal.\n\n"
    "You can withdraw your consent using the method specified in the Privacy Policy.\n"
)


def test_a_page_that_is_only_a_consent_notice_is_400_as_the_cli_refuses_it(
    client: httpx.Client,
) -> None:
    error = error_of(client.post("/v1/analyses", json={"text": CONSENT_ONLY}), 400)
    assert error["type"] == "input_error"
    assert error["message"].startswith("input has no article text, only site furniture")
    assert "a cookie or consent notice" in error["message"]


@pytest.mark.parametrize("path", ["/v1/analyses", "/v1/claims/verify", "/v1/claims:triage"])
def test_a_body_of_many_unknown_fields_is_one_error_not_one_a_field(
    client: httpx.Client, path: str
) -> None:
    """Hostile round 17, attack 7: a 6.5 MB body of 400,000 unknown keys was checked into
    400,000 errors on the server's event loop (/healthz from another client waited 18 s) and
    answered with each of them, twice over (58 MB). Past MAX_UNKNOWN_FIELDS such fields the body
    is one error; a few are still named one by one."""
    body = {f"k{i}": i for i in range(5_000)} | {"text": "a b c", "claim": "a b c"}
    response = client.post(path, json=body)
    error = error_of(response, 422)
    assert len(error["fields"]) == 1 and len(response.content) < 2_000
    assert "holds 5,00" in error["message"] and "'k0', 'k1', 'k2', ..." in error["message"]
    few = error_of(client.post(path, json={"text": "a b c", "claim": "a b c", "colour": 1}), 422)
    assert "colour" in [f["field"] for f in few["fields"]]
