"""The web page in a real headless Chromium: analyse, see highlighted signals, reopen history."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.web.pages import reopen_from_history

EXAMPLE_ARTICLE = Path(__file__).resolve().parents[2] / "examples" / "example-article.txt"
ANALYSIS_TIMEOUT_S = 120

HOSTILE_TEXT = (
    "Experts say <script>window.__pwned = 'script'; alert('script')</script> is safe\n\n"
    "Sources claim <img src=\"x\" onerror=\"window.__pwned = 'img'; alert('img')\"> was "
    "posted, and many people are saying "
    "<svg onload=\"window.__pwned='svg'\"></svg> it is a cover-up. "
    "<a href=\"javascript:window.__pwned='link'\">Read more</a> "
    "<iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe>"
)


def analyse(browser: WebDriver, base_url: str, text: str) -> None:
    """Open the page, paste ``text``, pick the fast path and press Analyse."""
    browser.get(base_url + "/")
    area = browser.find_element(By.ID, "article-text")
    area.clear()
    area.send_keys(text)
    Select(browser.find_element(By.ID, "depth")).select_by_value("fast")
    browser.find_element(By.ID, "analyse").click()


def wait_for_result(browser: WebDriver) -> None:
    WebDriverWait(browser, ANALYSIS_TIMEOUT_S).until(
        lambda driver: (
            driver.find_element(By.ID, "status").text.startswith(("Done", "error"))
            or "error" in driver.find_element(By.ID, "status").get_attribute("class")
        )
    )
    status = browser.find_element(By.ID, "status")
    assert "error" not in status.get_attribute("class"), status.text


def test_example_article_is_highlighted(browser: WebDriver, base_url: str, tmp_path: Path) -> None:
    text = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    analyse(browser, base_url, text)
    wait_for_result(browser)
    marks = WebDriverWait(browser, 10).until(
        expected_conditions.visibility_of_all_elements_located((By.CSS_SELECTOR, "#article mark"))
    )
    browser.save_screenshot(str(tmp_path / "analysis.png"))

    latest = httpx.get(f"{base_url}/v1/analyses", params={"limit": 1}).json()["items"][0]
    report = httpx.get(f"{base_url}/v1/analyses/{latest['id']}").json()["report"]
    assert report["signals"], "the example article must produce signals"

    article = browser.find_element(By.ID, "article")
    assert article.text.strip() == report["text"].strip()
    marked = {mark.get_attribute("data-kind") for mark in marks}
    assert marked <= {signal["kind"] for signal in report["signals"]}
    assert "vague_attribution" in marked
    vague = next(m for m in marks if m.get_attribute("data-kind") == "vague_attribution")
    assert vague.text in report["text"]
    assert vague.value_of_css_property("background-color") not in {"rgba(0, 0, 0, 0)", ""}
    explanations = {s["explanation"] for s in report["signals"] if s["kind"] == "vague_attribution"}
    assert any(e in vague.get_attribute("title") for e in explanations)

    legend = browser.find_element(By.ID, "legend").text
    assert "vague attribution" in legend
    signals = browser.find_elements(By.CSS_SELECTOR, "#signals > li")
    assert len(signals) == len(report["signals"])
    assert browser.find_element(By.ID, "result-title").text == report["title"]

    history = browser.find_elements(By.CSS_SELECTOR, "#history button")
    assert history and report["title"] in history[0].text
    screenshot = tmp_path / "analysis.png"
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert screenshot.stat().st_size > 10_000


def test_history_entry_reopens_an_analysis(browser: WebDriver, base_url: str) -> None:
    body = "Mayor faces questions over donation\n\nCritics say the donation was never declared."
    stored = httpx.post(
        f"{base_url}/v1/analyses", json={"text": body, "depth": "fast"}, timeout=120
    ).json()
    browser.get(base_url + "/")
    reopen_from_history(browser, stored["id"])
    WebDriverWait(browser, 30).until(
        expected_conditions.text_to_be_present_in_element(
            (By.ID, "result-title"), "Mayor faces questions over donation"
        )
    )
    assert "Critics say the donation" in browser.find_element(By.ID, "article").text
    assert f"Analysis #{stored['id']}" in browser.find_element(By.ID, "result-meta").text


def test_hostile_article_text_is_shown_not_run(
    browser: WebDriver, base_url: str, tmp_path: Path
) -> None:
    analyse(browser, base_url, HOSTILE_TEXT)
    wait_for_result(browser)
    with pytest.raises(TimeoutException):
        WebDriverWait(browser, 2).until(expected_conditions.alert_is_present())
    assert browser.execute_script("return window.__pwned") is None
    injected = browser.execute_script(
        "return document.querySelectorAll("
        "'#result script, #result img, #result svg, #result iframe, #result a, #history img'"
        ").length"
    )
    assert injected == 0
    article = browser.find_element(By.ID, "article").text
    assert "<script>window.__pwned = 'script'; alert('script')</script>" in article
    assert '<img src="x" onerror=' in article
    assert "<iframe srcdoc=" in article
    title = browser.find_element(By.ID, "result-title").text
    assert title.startswith("Experts say <script>")
    history_title = browser.find_element(By.CSS_SELECTOR, "#history button").text
    assert "<script>" in history_title
    browser.save_screenshot(str(tmp_path / "hostile.png"))
    assert browser.execute_script("return window.__pwned") is None
