"""The hostile corpus through the web page path: stored by the API, opened in headless Chromium
from the history list; nothing runs and no active element reaches the DOM."""

from __future__ import annotations

import httpx
import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tests.hostile import HOSTILE_DIR
from tests.web.pages import reopen_from_history

CORPUS = sorted(p for p in HOSTILE_DIR.iterdir() if p.suffix in {".txt", ".html"})

# Every element under the result and history panels whose tag can run or navigate, every on*
# attribute, every javascript:/data: URL.
ACTIVE_IN_DOM = """
const found = [];
for (const root of [document.getElementById('result'), document.getElementById('history')]) {
  for (const node of root.querySelectorAll('*')) {
    const tag = node.tagName.toLowerCase();
    if (['script', 'iframe', 'frame', 'object', 'embed', 'form', 'base', 'img', 'svg', 'math',
         'a', 'meta', 'link', 'template', 'style'].includes(tag)) found.push('<' + tag + '>');
    for (const attribute of node.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\\x00-\\x20]/g, '').toLowerCase();
      if (name.startsWith('on')) found.push(tag + ' ' + name);
      if (['href', 'src', 'action', 'formaction', 'srcdoc', 'data'].includes(name)
          && /^(javascript|data|vbscript):/.test(value)) found.push(tag + ' ' + name + '=' + value);
    }
  }
}
return found;
"""


@pytest.mark.slow
def test_hostile_corpus_opened_in_the_page_runs_nothing(browser: WebDriver, base_url: str) -> None:
    stored = []
    for path in CORPUS:
        body = (
            {"html": path.read_text(encoding="utf-8"), "depth": "fast"}
            if path.suffix == ".html"
            else {"text": path.read_text(encoding="utf-8"), "depth": "fast"}
        )
        response = httpx.post(f"{base_url}/v1/analyses", json=body, timeout=120)
        assert response.status_code in (200, 201), response.text
        stored.append(response.json())
    browser.get(base_url + "/")
    for analysis in stored:
        reopen_from_history(browser, analysis["id"])
        with pytest.raises(TimeoutException):
            WebDriverWait(browser, 0.5).until(expected_conditions.alert_is_present())
        assert browser.execute_script("return window.__pwned") is None
        assert browser.execute_script(ACTIVE_IN_DOM) == []
        article = browser.execute_script("return document.getElementById('article').textContent")
        assert article == analysis["report"]["text"]  # shown whole, as text
        marks = browser.find_elements(By.CSS_SELECTOR, "#article mark")
        assert len(marks) >= 1  # signals were highlighted next to the payloads
    assert browser.execute_script("return window.__pwned") is None
