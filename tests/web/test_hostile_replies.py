"""The web page against a hostile reply of its own API: markup in every string of a stored
report (hostile round 8), in a real headless Chromium."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import ValidationError
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tests.api.live_server import serve_fresh_app
from veracity.report.schema import Report

EXAMPLE_ARTICLE = Path(__file__).resolve().parents[2] / "examples" / "example-article.txt"
PAYLOAD = (
    "<img src=x onerror=\"window.__pwned='img'\"><script>window.__pwned='script'</script>"
    "<svg onload=\"window.__pwned='svg'\"></svg><a href=\"javascript:window.__pwned='a'\">x</a>"
)


def _strings(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, str):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _set(report: dict[str, Any], path: tuple[Any, ...], value: str) -> None:
    node: Any = report
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def _with_markup_everywhere(report: dict[str, Any], text: str) -> tuple[dict[str, Any], int]:
    """``report`` (as stored: without its article's ``text``) with the payload after every
    string the report's schema still reads (an enumeration or a span's quote of the text
    refuses it), and how many strings took it."""
    taken = 0
    for path in list(_strings(report)):
        node: Any = report
        for step in path:
            node = node[step]
        _set(report, path, node + PAYLOAD)
        try:
            Report.model_validate({**report, "text": text})
        except ValidationError:
            _set(report, path, node)
            continue
        taken += 1
    return report, taken


def test_a_stored_analysis_with_markup_in_every_string_runs_nothing(
    browser: WebDriver, tmp_path: Path
) -> None:
    """Rounds 1, 4 and 5 opened hostile article text in the page; a reply of the API itself
    (a stored analysis changed in the database: outlets, fact-checks, notes, explanations,
    versions) was left untried. Every string the schema reads gets script, handler and
    javascript: payloads; the permalink and the history show them as text."""
    with serve_fresh_app(tmp_path) as url, httpx.Client(base_url=url, timeout=120) as http:
        text = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
        posted = http.post("/v1/analyses", json={"text": text, "depth": "fast"})
        assert posted.status_code == 201, posted.text
        analysis_id = posted.json()["id"]
        database = sqlite3.connect(tmp_path / "veracity.db")
        [(stored,)] = database.execute("select report from analyses where id = ?", (analysis_id,))
        [(stored_text,)] = database.execute(
            "select text from articles where id = (select article_id from analyses where id = ?)",
            (analysis_id,),
        )
        report, taken = _with_markup_everywhere(json.loads(stored), stored_text)
        assert taken >= 20, taken
        database.execute(
            "update analyses set report = ? where id = ?", (json.dumps(report), analysis_id)
        )
        database.commit()
        database.close()
        served = http.get(f"/v1/analyses/{analysis_id}")
        assert served.status_code == 200, served.text
        assert served.text.count("onerror") >= taken
        browser.get(f"{url}/analyses/{analysis_id}")
        WebDriverWait(browser, 60).until(
            lambda driver: (
                driver.find_element(By.ID, "status").text.startswith(("Done", "Loaded"))
                or driver.find_element(By.ID, "result-title").text
            )
        )
        with pytest.raises(TimeoutException):
            WebDriverWait(browser, 2).until(expected_conditions.alert_is_present())
        assert browser.execute_script("return window.__pwned") is None
        injected = browser.execute_script(
            "return document.querySelectorAll("
            "'#result script, #result img, #result svg, #result a[href^=javascript], "
            "#history img, #history script'"
            ").length"
        )
        assert injected == 0
        shown = browser.find_element(By.ID, "result").text
        assert shown.count("onerror") >= 5, shown[:2000]
