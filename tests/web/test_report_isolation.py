"""Hostile round 13: direction marks in article text and the HTML report's own words.

Ingest keeps directional isolates (U+2066-U+2069) and marks, which right-to-left text needs,
and drops overrides and embeddings (round 3). An isolate a claim leaves open runs to the end of
its line, so in the report a claim ending in U+2067 put "(check-worthiness 0.87)" before the
claim's own closing quotation mark, and a fact-checked statement ending in one put the
fact-checker's name before the statement's end; in the web page the score went inside the
claim's quotation marks. Laid out by headless Chromium, as a reader sees it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import httpx
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from tests.api.live_server import serve_fresh_app
from veracity import __version__
from veracity.ingest import article_from_text
from veracity.report.html import render_html
from veracity.report.schema import Claim, DebunkMatch, Report

RLI = "\u2067"  # RIGHT-TO-LEFT ISOLATE, never closed

# The x of the first closing quotation mark in ``element`` and of the element ``after`` it.
POSITIONS = """
const [element, after] = arguments;
const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const at = walker.currentNode.data.indexOf('\\u201d');
  if (at >= 0) {
    const range = document.createRange();
    range.setStart(walker.currentNode, at);
    range.setEnd(walker.currentNode, at + 1);
    return [range.getBoundingClientRect().x, after.getBoundingClientRect().x];
  }
}
return null;
"""


def hostile_report() -> Report:
    claim_text = f"Taxes rose by 40 percent last year{RLI}"
    article = article_from_text(
        f"{claim_text}, officials said.", detect_title=False, remove_boilerplate=False
    )
    assert RLI in article.text  # kept on input, as right-to-left text needs
    match = DebunkMatch(
        statement=f"Taxes rose by 40 percent{RLI}",
        verdict="false",
        source="PolitiFact 1234",
        similarity=0.9,
        match_type="semantic",
        explanation="same meaning",
    )
    claim = Claim(text=claim_text, start=0, end=len(claim_text), score=0.87, debunk_matches=[match])
    return Report(
        veracity_version=__version__,
        analysis_path="deep",
        title=None,
        text=article.text,
        body_start=article.body_start,
        language="en",
        claims=[claim],
    )


def test_an_open_isolate_in_a_claim_does_not_reorder_the_reports_own_words(
    browser: WebDriver, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(hostile_report()), encoding="utf-8")
    browser.get(page.as_uri())
    line = browser.find_element("xpath", "//h2[.='Claims']/following-sibling::ol/li/p[1]")
    closing, score = browser.execute_script(POSITIONS, line, line.find_element("tag name", "small"))
    assert closing < score, "(check-worthiness ...) laid out before the claim's closing quote"
    fact_check = browser.find_element(
        "xpath", "//p[.='Known fact-checks:']/following-sibling::ul/li"
    )
    assert fact_check.text.startswith("[false] Taxes rose by 40 percent")
    statement, source = (
        browser.execute_script(
            "const r = document.createRange(); const t = arguments[0];"
            "const walker = document.createTreeWalker(arguments[1], NodeFilter.SHOW_TEXT);"
            "while (walker.nextNode()) { const at = walker.currentNode.data.indexOf(t);"
            "  if (at >= 0) { r.setStart(walker.currentNode, at);"
            "    r.setEnd(walker.currentNode, at + t.length);"
            "    return r.getBoundingClientRect().x; } } return null;",
            text,
            fact_check,
        )
        for text in ("percent", "PolitiFact")
    )
    assert statement < source, "the fact-checker's name laid out before the statement's end"


def test_an_open_isolate_in_a_claim_does_not_reorder_the_pages_own_words(
    browser: WebDriver, tmp_path: Path
) -> None:
    """The same claim in the web page (a stored analysis given the claim in the database, as
    a deep analysis would store it): its closing quotation mark stays before the score."""
    report = hostile_report()
    with serve_fresh_app(tmp_path) as url, httpx.Client(base_url=url, timeout=120) as http:
        posted = http.post("/v1/analyses", json={"text": report.text, "depth": "fast"})
        assert posted.status_code == 201, posted.text
        analysis_id = posted.json()["id"]
        database = sqlite3.connect(tmp_path / "veracity.db")
        [(stored,)] = database.execute("select report from analyses where id = ?", (analysis_id,))
        changed = json.loads(stored)
        changed["claims"] = [json.loads(claim.model_dump_json()) for claim in report.claims]
        database.execute(
            "update analyses set report = ? where id = ?", (json.dumps(changed), analysis_id)
        )
        database.commit()
        database.close()
        browser.get(f"{url}/analyses/{analysis_id}")
        quoted = WebDriverWait(browser, 60).until(
            lambda driver: driver.find_element(By.CSS_SELECTOR, "#claims > li > q")
        )
        score = browser.find_element(By.CSS_SELECTOR, "#claims > li > span.meta")
        assert "check-worthiness 0.87" in score.text
        right, left = browser.execute_script(
            "return [arguments[0].getBoundingClientRect().right,"
            " arguments[1].getBoundingClientRect().left]",
            quoted,
            score,
        )
        assert right <= left + 0.5, "the score laid out inside the claim's quotation marks"
