"""The web page shows a claim with no check-worthiness score (schema 1.4) by its note, in a real
headless Chromium."""

from __future__ import annotations

from pathlib import Path

import httpx
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tests.api.live_server import serve_fresh_app
from tests.web.pages import stored_with

FRENCH = "Le vaccin ROR provoque l'autisme chez les enfants."
NOTE = "The claim reads as French ('fr'), not English: it has no check-worthiness score."


def test_a_claim_without_a_score_shows_its_note_not_a_number(
    browser: WebDriver, tmp_path: Path
) -> None:
    """Fix s46: the page wrote `check-worthiness ${Number(claim.score).toFixed(2)}`, which for
    a claim in another language (score null) reads "check-worthiness 0.00": a figure the model
    never gave. A stored report holding one scored and one unscored claim is opened."""
    english = "The council raised the parking fee to 4 dollars in 2026."

    def with_claims(served: str) -> dict:
        first, start = served.index(english), served.index(FRENCH)
        return {
            "claims": [
                {"text": english, "start": first, "end": first + len(english), "score": 0.87},
                {
                    "text": FRENCH,
                    "start": start,
                    "end": start + len(FRENCH),
                    "score": None,
                    "score_status": "not_english",
                    "note": NOTE,
                },
            ]
        }

    with serve_fresh_app(tmp_path) as url, httpx.Client(base_url=url, timeout=120) as http:
        analysis_id = stored_with(tmp_path, url, f"{english} {FRENCH}", with_claims)
        assert (
            http.get(f"/v1/analyses/{analysis_id}").json()["report"]["claims"][1]["score"] is None
        )
        browser.get(f"{url}/analyses/{analysis_id}")
        WebDriverWait(browser, 60).until(
            expected_conditions.visibility_of_element_located((By.ID, "claims-section"))
        )
        items = browser.find_elements(By.CSS_SELECTOR, "#claims > li")
        assert "check-worthiness 0.87" in items[0].text
        assert "check-worthiness not scored (not English)" in items[1].text
        assert NOTE in items[1].text
        assert "0.00" not in items[1].text


def test_a_claims_speaker_follows_its_words_on_the_page(browser: WebDriver, tmp_path: Path) -> None:
    """Part ui, stop 49: a report's claim names its speaker (schema 1.7), as the terminal and
    the HTML report write it: " — Bishop Sankey (@BishopSankey)" after the claim's words."""
    claim = "The council raised the parking fee to 4 dollars in 2026."

    def with_claims(served: str) -> dict:
        first, second = served.index(claim), served.rindex(claim)
        return {
            "claims": [
                {
                    "text": claim,
                    "start": first,
                    "end": first + len(claim),
                    "score": 0.87,
                    "speaker": "Bishop Sankey (@BishopSankey)",
                },
                {"text": claim, "start": second, "end": second + len(claim), "score": 0.5},
            ]
        }

    with serve_fresh_app(tmp_path) as url, httpx.Client(base_url=url, timeout=120) as http:
        analysis_id = stored_with(tmp_path, url, f"{claim} {claim}", with_claims)
        claims = http.get(f"/v1/analyses/{analysis_id}").json()["report"]["claims"]
        assert claims[0]["speaker"] == "Bishop Sankey (@BishopSankey)"
        assert "speaker" not in claims[1]
        browser.get(f"{url}/analyses/{analysis_id}")
        WebDriverWait(browser, 60).until(
            expected_conditions.visibility_of_element_located((By.ID, "claims-section"))
        )
        items = browser.find_elements(By.CSS_SELECTOR, "#claims > li")
        assert "2026. — Bishop Sankey (@BishopSankey) check-worthiness 0.87" in items[0].text
        assert " — " not in items[1].text.split("check-worthiness")[0]
