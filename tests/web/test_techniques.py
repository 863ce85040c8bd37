"""The web page lists each propaganda technique found, as Prta does, and points at its spans."""

from __future__ import annotations

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tests.report.test_techniques import ARTICLE, VOTER
from veracity.propaganda import TECHNIQUES


@pytest.mark.slow
def test_techniques_are_counted_defined_and_linked(browser: WebDriver, base_url: str) -> None:
    stored = httpx.post(
        f"{base_url}/v1/analyses", json={"text": ARTICLE, "depth": "deep"}, timeout=180
    ).json()
    found = stored["report"]["propaganda_techniques"]
    assert found
    browser.get(f"{base_url}/analyses/{stored['id']}")
    section = WebDriverWait(browser, 30).until(
        expected_conditions.visibility_of_element_located((By.ID, "techniques-section"))
    )
    items = section.find_elements(By.CSS_SELECTOR, "#techniques > li")
    assert [i.get_attribute("data-technique") for i in items] == [t["technique"] for t in found]
    first, entry = items[0], found[0]
    assert f"{entry['label']} × {entry['count']}" in first.text
    assert TECHNIQUES[entry["technique"]] in first.text
    assert "Example: " in first.text
    spans = first.find_elements(By.CSS_SELECTOR, ".technique-spans button")
    assert len(spans) == entry["count"]
    spans[0].click()
    WebDriverWait(browser, 5).until(
        lambda driver: driver.find_elements(By.CSS_SELECTOR, "#article mark.flash")
    )
    flashed = browser.find_elements(By.CSS_SELECTOR, "#article mark.flash")
    assert spans[0].text.startswith(flashed[0].text)


@pytest.mark.slow
def test_techniques_in_quoted_words_are_labelled(browser: WebDriver, base_url: str) -> None:
    """A voter quoted in a wire report: the page says how many of a technique's spans are in
    quoted words and labels each such span, as the JSON and the HTML report do."""
    stored = httpx.post(
        f"{base_url}/v1/analyses", json={"text": VOTER, "depth": "deep"}, timeout=180
    ).json()
    found = stored["report"]["propaganda_techniques"]
    quoted = [t for t in found if t.get("quoted")]
    assert quoted, found
    browser.get(f"{base_url}/analyses/{stored['id']}")
    section = WebDriverWait(browser, 30).until(
        expected_conditions.visibility_of_element_located((By.ID, "techniques-section"))
    )
    items = section.find_elements(By.CSS_SELECTOR, "#techniques > li")
    for item, entry in zip(items, found, strict=True):
        labels = item.find_elements(By.CSS_SELECTOR, ".technique-spans .quoted")
        assert len(labels) == entry.get("quoted", 0)
        if entry.get("quoted"):
            assert "in quoted words)" in item.find_element(By.CSS_SELECTOR, ".badge").text
