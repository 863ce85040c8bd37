"""The batch overview page (`veracity summarize`) in headless Chromium: its charts run under
its Content-Security-Policy, and a script that got into the page any other way does not."""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from tests.batch.conftest import write_jsonl
from tests.batch.test_summary import result_row
from veracity.batch import write_summary_html


def test_charts_run_and_an_injected_script_does_not(browser: WebDriver, tmp_path: Path) -> None:
    results = write_jsonl(tmp_path / "results.jsonl", [result_row(i, i / 10) for i in range(10)])
    page_path = tmp_path / "summary.html"
    write_summary_html(results, page_path)
    # Stand-in for an escaping hole: markup that reached the page outside the chart blocks.
    page = page_path.read_text(encoding="utf-8").replace(
        "<h2>", "<script>document.title = 'INJECTED-RAN'</script><h2>", 1
    )
    page_path.write_text(page, encoding="utf-8")
    browser.get(page_path.as_uri())
    WebDriverWait(browser, 60).until(
        lambda driver: driver.execute_script("return document.querySelectorAll('.main-svg').length")
    )
    assert browser.title.startswith("veracity corpus summary")
    assert "INJECTED-RAN" not in browser.title
