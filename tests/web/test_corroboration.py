"""The web page's corroboration: an article compared with the analyses stored before it."""

from __future__ import annotations

import re

import httpx
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select

from tests.corroborate.conftest import lone_article, quake_articles
from tests.web.test_page import wait_for_result


def test_the_page_shows_which_outlets_give_other_figures(browser: WebDriver, base_url: str) -> None:
    articles = {a.id: a for a in quake_articles()}
    for name in ("wire", "broadcaster", "regional"):
        article = articles[name]
        stored = httpx.post(
            f"{base_url}/v1/analyses",
            json={"text": article.text, "title": article.title, "depth": "fast"},
            timeout=180,
        )
        assert stored.status_code == 201, stored.text
    outlier = articles["outlier"]
    browser.get(base_url + "/")
    area = browser.find_element(By.ID, "article-text")
    area.send_keys(f"{outlier.title}\n\n{outlier.text}")
    Select(browser.find_element(By.ID, "depth")).select_by_value("fast")
    browser.find_element(By.ID, "corroborate").click()
    browser.find_element(By.ID, "analyse").click()
    wait_for_result(browser)
    section = browser.find_element(By.ID, "corroboration-section")
    assert section.is_displayed()
    summary = browser.find_element(By.ID, "corroboration-summary").text
    assert summary.startswith("3 other independent origin(s) report this event")
    contradicted = browser.find_elements(
        By.CSS_SELECTOR, "#corroboration li.corroboration-contradicted"
    )
    assert contradicted and "300" in contradicted[0].text
    assert "Other figures" in contradicted[0].text and ": 32" in contradicted[0].text
    browser.find_element(By.ID, "corroborate").click()  # off again: no section
    browser.find_element(By.ID, "analyse").click()
    wait_for_result(browser)
    assert not browser.find_element(By.ID, "corroboration-section").is_displayed()


def test_a_story_no_other_origin_tells_says_so_once(browser: WebDriver, base_url: str) -> None:
    """probe s47 U5: "0 other independent origin(s) report this event." then each claim "no other
    origin reports the event: No other origin reports this event.", read as so many strikes.
    The summary says it once for every claim, and no claim repeats it."""
    for article in quake_articles()[:2]:  # stored analyses of another event
        stored = httpx.post(
            f"{base_url}/v1/analyses",
            json={"text": article.text, "title": article.title, "depth": "fast"},
            timeout=180,
        )
        assert stored.status_code in (200, 201), stored.text  # 200: stored by the test above
    lone = lone_article()
    browser.get(base_url + "/")
    browser.find_element(By.ID, "article-text").send_keys(f"{lone.title}\n\n{lone.text}")
    Select(browser.find_element(By.ID, "depth")).select_by_value("fast")
    browser.find_element(By.ID, "corroborate").click()
    browser.find_element(By.ID, "analyse").click()
    wait_for_result(browser)
    assert browser.find_element(By.ID, "corroboration-section").is_displayed()
    summary = browser.find_element(By.ID, "corroboration-summary").text
    assert re.fullmatch(
        r"No other independent origin reports this event, so none of its [2-9] claim\(s\) with "
        r"figures could be compared with another outlet's report\.",
        summary,
    ), summary
    assert browser.find_elements(By.CSS_SELECTOR, "#corroboration li") == []
