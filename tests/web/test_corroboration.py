"""The web page's corroboration: an article compared with the analyses stored before it."""

from __future__ import annotations

import httpx
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select

from tests.corroborate.conftest import quake_articles
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
