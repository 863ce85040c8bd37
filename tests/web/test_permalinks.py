"""Permalinks, 390 px phones, offline API docs, and one colour per signal kind, in headless
Chromium against a real server."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tests.api.live_server import app_settings, serve
from tests.web.pages import reopen_from_history
from veracity.api import create_app
from veracity.report.html import KIND_COLOURS, KIND_LABELS, render_html
from veracity.report.schema import Report

EXAMPLE = (Path(__file__).resolve().parents[2] / "examples" / "example-article.txt").read_text(
    encoding="utf-8"
)
STYLE = Path(__file__).resolve().parents[2] / "src" / "veracity" / "api" / "static" / "style.css"
PHONE_WIDTH = 390


def store_analysis(base_url: str, text: str, headers: dict[str, str] | None = None) -> dict:
    answer = httpx.post(
        f"{base_url}/v1/analyses",
        json={"text": text, "depth": "fast"},
        headers=headers or {},
        timeout=120,
    )
    assert answer.status_code in (200, 201), answer.text
    return answer.json()


def wait_for_analysis(browser: WebDriver, analysis_id: int) -> None:
    WebDriverWait(browser, 60).until(
        expected_conditions.text_to_be_present_in_element(
            (By.ID, "result-meta"), f"Analysis #{analysis_id}"
        )
    )


def page_width(browser: WebDriver) -> int:
    return browser.execute_script(
        "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
    )


def test_permalink_opens_reloads_and_follows_the_history(browser: WebDriver, base_url: str) -> None:
    first = store_analysis(base_url, EXAMPLE)
    second = store_analysis(base_url, "Council opens bridge\n\nThe council said the bridge opens.")
    browser.get(f"{base_url}/analyses/{first['id']}")
    wait_for_analysis(browser, first["id"])
    assert browser.find_element(By.ID, "result-title").text == first["report"]["title"]
    browser.refresh()
    wait_for_analysis(browser, first["id"])

    reopen_from_history(browser, second["id"])
    assert browser.current_url == f"{base_url}/analyses/{second['id']}"
    browser.back()
    wait_for_analysis(browser, first["id"])
    assert browser.current_url == f"{base_url}/analyses/{first['id']}"


def test_unknown_permalink_is_a_404_page(browser: WebDriver, base_url: str) -> None:
    answer = httpx.get(f"{base_url}/analyses/987654321")
    assert answer.status_code == 404
    assert "text/html" in answer.headers["content-type"]
    browser.get(f"{base_url}/analyses/987654321")
    assert "No analysis #987654321" in browser.find_element(By.TAG_NAME, "h2").text
    assert httpx.get(f"{base_url}/analyses/not-a-number").status_code == 404


def test_permalink_with_api_keys_asks_for_the_key(browser: WebDriver, tmp_path: Path) -> None:
    settings = app_settings(tmp_path / "keys.db", api_keys="newsroom-key-1")
    with serve(create_app(settings)) as url:
        stored = store_analysis(url, EXAMPLE, headers={"X-API-Key": "newsroom-key-1"})
        browser.get(f"{url}/analyses/{stored['id']}")
        WebDriverWait(browser, 30).until(
            expected_conditions.text_to_be_present_in_element((By.ID, "status"), "API key")
        )
        assert not browser.find_element(By.ID, "result").is_displayed()
        assert stored["report"]["title"] not in browser.find_element(By.TAG_NAME, "body").text
        key = browser.find_element(By.ID, "api-key")
        assert key.is_displayed()  # the key field was opened for the user
        key.send_keys("newsroom-key-1")
        browser.find_element(By.ID, "article-text").click()  # leaving the field: "change"
        wait_for_analysis(browser, stored["id"])


def test_page_and_report_fit_a_390px_phone(
    browser: WebDriver, base_url: str, tmp_path: Path
) -> None:
    stored = store_analysis(base_url, EXAMPLE)
    browser.set_window_size(PHONE_WIDTH, 900)
    inner = browser.execute_script("return window.innerWidth")
    browser.get(f"{base_url}/analyses/{stored['id']}")
    wait_for_analysis(browser, stored["id"])
    assert page_width(browser) <= inner, f"page is {page_width(browser)} px wide at {inner} px"

    report = tmp_path / "report.html"
    report.write_text(render_html(Report.model_validate(stored["report"])), encoding="utf-8")
    browser.get(report.as_uri())
    assert page_width(browser) <= inner, f"report is {page_width(browser)} px wide at {inner} px"
    why = browser.find_elements(By.CSS_SELECTOR, "table tr td:nth-child(4)")
    assert (
        why and min(cell.size["width"] for cell in why) > inner * 0.6
    )  # no letter-per-line column
    assert re.search(
        r"made \d{4}-\d\d-\d\d \d\d:\d\d UTC", browser.find_element(By.TAG_NAME, "body").text
    )


# Each element's text, with the number of lines it takes on the page.
PAGER_LINES = """return [...document.querySelectorAll('.pager button')].map(e => {
  const range = document.createRange(); range.selectNodeContents(e);
  return [e.textContent, new Set([...range.getClientRects()].map(r => Math.round(r.top))).size];
});"""


@pytest.mark.parametrize("width", [1000, 1200])
def test_the_history_pager_keeps_its_words_whole_in_a_narrow_column(
    browser: WebDriver, base_url: str, width: int
) -> None:
    """Probe s45: at a 1,000-1,250 px window the history column is at its narrowest and the
    pager's buttons read "Newe / r" and "Olde / r", each word broken over two lines."""
    store_analysis(base_url, EXAMPLE)
    browser.set_window_size(width, 900)
    browser.get(f"{base_url}/")
    WebDriverWait(browser, 30).until(
        lambda driver: driver.find_element(By.ID, "history-position").text.strip()
    )
    assert browser.execute_script(PAGER_LINES) == [["Newer", 1], ["Older", 1]]


@pytest.mark.parametrize(
    ("path", "rendered"), [("/docs", ".swagger-ui .info .title"), ("/redoc", ".api-info h1")]
)
def test_api_docs_load_from_the_app_alone(
    browser: WebDriver, base_url: str, path, rendered
) -> None:
    page = httpx.get(base_url + path).text
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith(("/", "#")) for s in sources), sources
    browser.get(base_url + path)
    title = WebDriverWait(browser, 60).until(
        expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, rendered))
    )
    assert "veracity" in title.text
    # Everything the page loaded came from the app; anything else (ReDoc's link to its vendor's
    # logo) was refused by the page's policy, so no response ever came.
    entries = browser.execute_script(
        "return performance.getEntriesByType('resource')"
        ".map((e) => [new URL(e.name).host, e.responseStart, e.transferSize])"
    )
    local = base_url.removeprefix("http://")
    assert any(host == local for host, _, _ in entries)
    assert all(start == 0 and size == 0 for host, start, size in entries if host != local), entries
    assert "img-src 'self' data:" in httpx.get(base_url + path).headers["content-security-policy"]


def test_page_and_report_use_one_name_per_signal_kind() -> None:
    """probe s41: the page's legend and badges said "outlet citation (3)" and "propaganda" where
    the HTML report and the terminal's entries said "Cited outlet" and "Propaganda technique"."""
    script = (STYLE.parent / "app.js").read_text(encoding="utf-8")
    table = re.search(r"const KIND_LABELS = \{(.*?)\};", script, re.DOTALL)
    assert table is not None
    page = dict(re.findall(r'(\w+): "([^"]+)"', table.group(1)))
    assert page == {kind.value: label for kind, label in KIND_LABELS.items()}


def test_page_and_report_use_one_colour_per_signal_kind() -> None:
    css = STYLE.read_text(encoding="utf-8")
    page = {name: value.lower() for name, value in re.findall(r"--(\w+):\s*(#[0-9a-fA-F]{6})", css)}
    for kind, colour in KIND_COLOURS.items():
        assert page[kind.value] == colour.lower(), kind


def test_the_publishers_rating_comes_right_after_the_score(
    browser: WebDriver, base_url: str
) -> None:
    """Probe s47 U4: the page listed the publisher's rating at the bottom ("Outlets", after the
    signals and techniques) where the terminal and the HTML report give it near the top. It now
    comes right after the score, before the article, as they give it."""
    answer = httpx.post(
        f"{base_url}/v1/analyses",
        json={
            "text": EXAMPLE,
            "source_url": "https://www.bbc.co.uk/news/water-123",
            "depth": "fast",
        },
        timeout=120,
    )
    assert answer.status_code in (200, 201), answer.text
    stored = answer.json()
    browser.get(f"{base_url}/analyses/{stored['id']}")
    wait_for_analysis(browser, stored["id"])
    outlets = browser.find_element(By.ID, "outlets-section")
    assert outlets.is_displayed() and "BBC" in outlets.text
    tops = {
        name: browser.find_element(By.ID, name).rect["y"]
        for name in ("score", "outlets-section", "article", "signals")
    }
    assert tops["score"] < tops["outlets-section"] < tops["article"] < tops["signals"], tops
