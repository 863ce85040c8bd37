"""Analyses through the real server: create, read back, deduplicate, list and search."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from veracity.pipeline import NOTHING_CHECKED_NOTE
from veracity.settings import get_settings

HTML_PAGE = b"""<!doctype html><html><head><title>Council hides water report</title></head>
<body><nav>Home | World | Sport</nav><article><h1>Council hides water report</h1>
<p>Experts say the council knew about the contamination for weeks, and sources claim that
officials kept the report from residents of Millbrook.</p>
<p>The water department said on Tuesday that tests found chlorine levels within legal limits
and that a faulty valve, since replaced, caused the odour.</p></article>
<footer>Copyright 2026 BlueWave Daily</footer></body></html>"""

FETCHED_PAGE = HTML_PAGE.replace(b"since replaced", b"replaced on Wednesday")


def test_healthz_reports_version_and_database(client: httpx.Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    health = response.json()
    assert {k: health[k] for k in ("status", "version", "database")} == {
        "status": "ok",
        "version": "0.1.0",
        "database": "sqlite",
    }
    assert set(health["models"]) == {"fast", "deep"}
    assert health["models_ready"] == all(health["models"].values())
    assert response.headers["x-content-type-options"] == "nosniff"


def test_text_analysis_is_stored_and_read_back(client: httpx.Client, example_article: str) -> None:
    response = client.post("/v1/analyses", json={"text": example_article, "depth": "fast"})
    assert response.status_code == 201, response.text
    stored = response.json()
    report = stored["report"]
    assert report["title"].startswith("SHOCKING: You Won't Believe")
    assert report["analysis_path"] == "fast"
    assert stored["model_versions"]["analysis_path"] == "fast"
    kinds = {signal["kind"] for signal in report["signals"]}
    assert "vague_attribution" in kinds
    for signal in report["signals"]:
        assert report["text"][signal["start"] : signal["end"]] == signal["quote"]
    assert response.headers["location"].endswith(f"/v1/analyses/{stored['id']}")

    read = client.get(f"/v1/analyses/{stored['id']}")
    assert read.status_code == 200
    assert read.json() == stored


def test_same_text_again_returns_the_stored_analysis(
    client: httpx.Client, example_article: str
) -> None:
    first = client.post("/v1/analyses", json={"text": example_article, "depth": "fast"})
    again = client.post("/v1/analyses", json={"text": example_article, "depth": "fast"})
    assert first.status_code in {200, 201}
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]


def test_other_depth_is_a_new_analysis_of_the_same_article(
    client: httpx.Client, example_article: str
) -> None:
    fast = client.post("/v1/analyses", json={"text": example_article, "depth": "fast"}).json()
    deep = client.post("/v1/analyses", json={"text": example_article, "depth": "deep"})
    assert deep.status_code in {200, 201}
    assert deep.json()["article_id"] == fast["article_id"]
    assert deep.json()["id"] != fast["id"]
    assert deep.json()["report"]["analysis_path"] == "deep"


def test_given_title_is_used(client: httpx.Client) -> None:
    body = "Sources claim the mayor knew. The council said the claims were false."
    response = client.post(
        "/v1/analyses", json={"text": body, "title": "Mayor accused", "depth": "fast"}
    )
    assert response.status_code == 201
    report = response.json()["report"]
    assert report["title"] == "Mayor accused"
    assert report["text"] == f"Mayor accused\n\n{body}"


@pytest.mark.parametrize("given", ["text", "html"])
def test_source_url_rates_the_publisher_of_a_text_or_page(client: httpx.Client, given) -> None:
    body = {"text": "Sources claim the mayor knew. The council said the claims were false."}
    if given == "html":
        body = {"html": HTML_PAGE.decode()}
    address = "https://www.reuters.com/world/us/council-2026"
    response = client.post("/v1/analyses", json={**body, "depth": "fast", "source_url": address})
    assert response.status_code == 201, response.text
    report = response.json()["report"]
    assert (report["source_url"], report["source_domain"]) == (address, "reuters.com")
    publisher = [o for o in report["outlets"] if o["role"] == "publisher"]
    assert [(o["outlet"], o["factuality"]) for o in publisher] == [("Reuters", "high")]


def test_a_page_without_source_url_names_the_address_it_gives_unrated(client: httpx.Client) -> None:
    address = "https://www.reuters.com/world/us/council-2026"
    page = HTML_PAGE.decode().replace("<head>", f'<head><link rel="canonical" href="{address}">', 1)
    assert address in page
    response = client.post("/v1/analyses", json={"html": page, "depth": "fast"})
    assert response.status_code == 201, response.text
    report = response.json()["report"]
    assert (report["source_url"], report["source_domain"]) == (address, "reuters.com")
    publisher = [o for o in report["outlets"] if o["role"] == "publisher"]
    assert [(o["outlet"], o["factuality"]) for o in publisher] == [("reuters.com", "unknown")]
    assert any(
        n.startswith("The page gives its own address as reuters.com") for n in report["notes"]
    )
    given = "https://apnews.com/article/council"
    response = client.post(
        "/v1/analyses", json={"html": page, "depth": "fast", "source_url": given}
    )
    report = response.json()["report"]
    assert report["source_domain"] == "apnews.com"
    assert not any(n.startswith("The page gives its own address") for n in report["notes"])


def test_a_lookalike_source_host_gets_its_ascii_form_in_the_report_and_history(
    client: httpx.Client,
) -> None:
    """Security s38: a source_url on `bbс.co.uk` (Cyrillic "с") was answered as written only;
    the report, its read-back and the history line add the host's ASCII form, keeping
    source_domain as it was (the web page shows both)."""
    address = "https://bb\u0441.co.uk/news/lookalike-2026"
    body = {"text": "Lookalike host\n\nOfficials said the storm hit the coast on Monday."}
    response = client.post("/v1/analyses", json={**body, "depth": "fast", "source_url": address})
    assert response.status_code == 201, response.text
    made = response.json()
    report = made["report"]
    assert (report["source_domain"], report["source_domain_ascii"]) == (
        "bb\u0441.co.uk",
        "xn--bb-pmc.co.uk",
    )
    assert [o["host_ascii"] for o in report["outlets"] if o["role"] == "publisher"] == [
        "xn--bb-pmc.co.uk"
    ]
    again = client.get(f"/v1/analyses/{made['id']}").json()["report"]
    assert again["source_domain_ascii"] == "xn--bb-pmc.co.uk"
    [item] = client.get("/v1/analyses", params={"query": "Lookalike host"}).json()["items"]
    assert (item["source_domain"], item["source_domain_ascii"]) == (
        "bb\u0441.co.uk",
        "xn--bb-pmc.co.uk",
    )


def test_html_analysis_extracts_the_article(client: httpx.Client) -> None:
    response = client.post("/v1/analyses", json={"html": HTML_PAGE.decode(), "depth": "fast"})
    assert response.status_code == 201, response.text
    report = response.json()["report"]
    assert report["title"] == "Council hides water report"
    assert "Experts say the council knew" in report["text"]
    assert "Home | World" not in report["text"]


@pytest.fixture
def page_server() -> Iterator[str]:
    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(FETCHED_PAGE)))
            self.end_headers()
            self.wfile.write(FETCHED_PAGE)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/news/council-water"
    server.shutdown()
    server.server_close()


def test_url_analysis_fetches_the_page(
    client: httpx.Client, page_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "allow_private_urls", True)
    response = client.post("/v1/analyses", json={"url": page_server, "depth": "fast"})
    assert response.status_code == 201, response.text
    report = response.json()["report"]
    assert report["source_url"] == page_server
    assert report["source_domain"] == "127.0.0.1"
    assert report["title"] == "Council hides water report"


def test_private_url_is_refused_by_default(client: httpx.Client, page_server: str) -> None:
    response = client.post("/v1/analyses", json={"url": page_server, "depth": "fast"})
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "fetch_error"
    assert "loopback" in response.json()["error"]["message"]


def test_history_lists_newest_first_and_searches(client: httpx.Client) -> None:
    titles = ["Zebra crossing plan delayed again", "Zebra mussels found in the lake"]
    ids = []
    for title in titles:
        body = f"{title}\n\nOfficials said on Monday that the report would be published."
        response = client.post("/v1/analyses", json={"text": body, "depth": "fast"})
        assert response.status_code == 201
        ids.append(response.json()["id"])

    page = client.get("/v1/analyses", params={"query": "zebra"}).json()
    assert [item["id"] for item in page["items"]] == ids[::-1]
    assert page["total"] == 2
    assert page["items"][0]["title"] == titles[1]
    assert "report" not in page["items"][0]

    mussels = client.get("/v1/analyses", params={"query": "MUSSELS"}).json()
    assert [item["id"] for item in mussels["items"]] == [ids[1]]

    second = client.get("/v1/analyses", params={"query": "zebra", "limit": 1, "offset": 1}).json()
    assert [item["id"] for item in second["items"]] == [ids[0]]
    assert (second["total"], second["limit"], second["offset"]) == (2, 1, 1)

    everything = client.get("/v1/analyses").json()
    assert everything["total"] >= 2
    assert everything["items"][0]["id"] == ids[1]


def test_a_blank_claim_is_a_400(client: httpx.Client) -> None:
    response = client.post("/v1/claims/verify", json={"claim": "  \n "})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["type"] == "input_error"
    assert error["message"] == "the claim is empty"


def test_a_claim_is_read_as_an_article_is_without_nul_or_invisible_characters(
    client: httpx.Client,
) -> None:
    """Hostile round 3: a claim kept NUL, joiners and direction overrides (echoed back, and
    moving its check-worthiness: 0.13 plain, 0.24 with a joiner in every word)."""
    plain = "Drinking bleach cures the coronavirus"
    hidden = "Dri\u200dnking\x00 ble\u00adach cu\u202eres the corona\u2062virus"
    checked = [client.post("/v1/claims/verify", json={"claim": c}).json() for c in (plain, hidden)]
    assert checked[1]["text"] == plain
    assert checked[1]["score"] == checked[0]["score"]
    error = client.post("/v1/claims/verify", json={"claim": "\x00\u200b\x00"}).json()["error"]
    assert (error["status"], error["message"]) == (400, "the claim is empty")


def test_claim_verification_checks_the_claim(client: httpx.Client) -> None:
    claim = "Says the unemployment rate doubled under the governor."
    response = client.post("/v1/claims/verify", json={"claim": claim})
    assert response.status_code == 200, response.text
    checked = response.json()
    assert checked["text"] == claim
    assert 0.0 <= checked["score"] <= 1.0
    assert isinstance(checked["debunk_matches"], list)
    assert checked.get("note") == (None if checked["debunk_matches"] else NOTHING_CHECKED_NOTE)


def test_a_claim_with_nothing_to_check_it_against_says_so(client: httpx.Client) -> None:
    """Probe s37: with no fact-check matching it and no evidence index on the server, the answer
    was '"evidence": [], "verdict": null' and nothing else (veracity verify said why on stderr
    only): read as 'nothing against it' rather than as 'not checked'. A claim a fact-check
    matches is answered by it and gets no such note."""
    unmatched = client.post(
        "/v1/claims/verify",
        json={"claim": "The Springfield council raised the parking fee to 4 dollars in 2026."},
    ).json()
    assert (unmatched["debunk_matches"], unmatched["evidence"], unmatched["verdict"]) == (
        [],
        [],
        None,
    )
    assert unmatched["note"] == NOTHING_CHECKED_NOTE
    matched = client.post(
        "/v1/claims/verify", json={"claim": "Says Barack Obama grew up in Kenya."}
    )
    assert matched.json()["debunk_matches"], matched.text
    assert NOTHING_CHECKED_NOTE not in matched.json().get("note", "")
    # probe s47 (C4): the API's matching is the deep path's, as `veracity verify`'s is: where
    # Obama grew up is another claim than where he was born
    born = client.post("/v1/claims/verify", json={"claim": "Barack Obama was born in Kenya."})
    statements = [m["statement"] for m in born.json()["debunk_matches"]]
    assert statements and "Says Barack Obama grew up in Kenya." not in statements, born.text


def test_a_claim_in_another_language_says_so_in_the_answer(client: httpx.Client) -> None:
    """Probe6: the language note reached veracity verify's stderr only; the API's answer and
    the JSON output gave a French claim its score and matches with nothing said (lead)."""
    response = client.post(
        "/v1/claims/verify", json={"claim": "Le vaccin ROR provoque l'autisme chez les enfants."}
    )
    assert response.status_code == 200, response.text
    assert response.json()["note"].startswith("The claim reads as French ('fr'), not English")
    # Fix s46: it still got a check-worthiness score from the model of English
    # statements, where `veracity claims` and an article give such a sentence none.
    assert (response.json()["score"], response.json()["score_status"]) == (None, "not_english")
    assert "no check-worthiness score" in response.json()["note"]
    english = client.post(
        "/v1/claims/verify", json={"claim": "Says Barack Obama grew up in Kenya."}
    )
    assert english.json()["score_status"] == "scored" and 0 <= english.json()["score"] <= 1


def test_concurrent_analyses_all_succeed(base_url: str, example_article: str) -> None:
    """Analyses run in the server's thread pool: concurrent clients must all get their report."""

    def post(index: int) -> httpx.Response:
        text = f"{example_article}\n\nUpdate {index}: the council has not commented yet."
        return httpx.post(
            f"{base_url}/v1/analyses", json={"text": text, "depth": "fast"}, timeout=300
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(post, range(16)))
    failures = [r.text[:300] for r in responses if r.status_code != 201]
    assert failures == []
    assert len({r.json()["id"] for r in responses}) == 16
