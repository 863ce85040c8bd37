"""Steps on the web page that several browser tests take."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait


def reopen_from_history(browser: WebDriver, analysis_id: int) -> None:
    """Click the history entry of a stored analysis and wait until the page shows it."""
    entry = WebDriverWait(browser, 30).until(
        expected_conditions.element_to_be_clickable(
            (By.CSS_SELECTOR, f"#history button[data-analysis-id='{analysis_id}']")
        )
    )
    entry.click()
    WebDriverWait(browser, 30).until(
        expected_conditions.text_to_be_present_in_element(
            (By.ID, "result-meta"), f"Analysis #{analysis_id}"
        )
    )
