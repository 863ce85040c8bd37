"""Steps on the web page that several browser tests take."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import httpx
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait


def stored_with(tmp_path: Path, url: str, text: str, change: Callable[[str], dict]) -> int:
    """A fast analysis of ``text`` stored through the API of the app serving ``tmp_path``'s
    database at ``url``, its stored report then updated with ``change(the report's text)`` in
    the database (claims and reasons as a deep analysis would store them); its id."""
    posted = httpx.post(f"{url}/v1/analyses", json={"text": text, "depth": "fast"}, timeout=120)
    assert posted.status_code == 201, posted.text
    analysis_id = posted.json()["id"]
    served = posted.json()["report"]["text"]
    database = sqlite3.connect(tmp_path / "veracity.db")
    [(stored,)] = database.execute("select report from analyses where id = ?", (analysis_id,))
    report = json.loads(stored)
    report.update(change(served))
    database.execute(
        "update analyses set report = ? where id = ?", (json.dumps(report), analysis_id)
    )
    database.commit()
    database.close()
    return analysis_id


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
