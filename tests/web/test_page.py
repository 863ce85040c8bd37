"""The web page in a real headless Chromium: analyse, see highlighted signals, reopen history."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.web.conftest import WINDOW_SIZE, fresh_tab
from tests.web.pages import reopen_from_history
from veracity.report.schema import RELIABLE_FROM, UNRELIABLE_BELOW, shown_score

EXAMPLE_ARTICLE = Path(__file__).resolve().parents[2] / "examples" / "example-article.txt"
ANALYSIS_TIMEOUT_S = 120

HOSTILE_TEXT = (
    "Experts say <script>window.__pwned = 'script'; alert('script')</script> is safe\n\n"
    "Sources claim <img src=\"x\" onerror=\"window.__pwned = 'img'; alert('img')\"> was "
    "posted, and many people are saying "
    "<svg onload=\"window.__pwned='svg'\"></svg> it is a cover-up. "
    "<a href=\"javascript:window.__pwned='link'\">Read more</a> "
    "<iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe>"
)


def analyse(browser: WebDriver, base_url: str, text: str) -> None:
    """Open the page, paste ``text``, pick the fast path and press Analyse."""
    browser.get(base_url + "/")
    area = browser.find_element(By.ID, "article-text")
    area.clear()
    area.send_keys(text)
    Select(browser.find_element(By.ID, "depth")).select_by_value("fast")
    browser.find_element(By.ID, "analyse").click()


def wait_for_result(browser: WebDriver) -> None:
    WebDriverWait(browser, ANALYSIS_TIMEOUT_S).until(
        lambda driver: (
            driver.find_element(By.ID, "status").text.startswith(("Done", "error"))
            or "error" in driver.find_element(By.ID, "status").get_attribute("class")
        )
    )
    status = browser.find_element(By.ID, "status")
    assert "error" not in status.get_attribute("class"), status.text


def test_example_article_is_highlighted(browser: WebDriver, base_url: str, tmp_path: Path) -> None:
    text = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    analyse(browser, base_url, text)
    wait_for_result(browser)
    marks = WebDriverWait(browser, 10).until(
        expected_conditions.visibility_of_all_elements_located((By.CSS_SELECTOR, "#article mark"))
    )
    browser.save_screenshot(str(tmp_path / "analysis.png"))

    latest = httpx.get(f"{base_url}/v1/analyses", params={"limit": 1}).json()["items"][0]
    report = httpx.get(f"{base_url}/v1/analyses/{latest['id']}").json()["report"]
    assert report["signals"], "the example article must produce signals"

    article = browser.find_element(By.ID, "article")
    assert article.text.strip() == report["text"].strip()
    marked = {mark.get_attribute("data-kind") for mark in marks}
    assert marked <= {signal["kind"] for signal in report["signals"]}
    assert "vague_attribution" in marked
    vague = next(m for m in marks if m.get_attribute("data-kind") == "vague_attribution")
    assert vague.text in report["text"]
    assert vague.value_of_css_property("background-color") not in {"rgba(0, 0, 0, 0)", ""}
    explanations = {s["explanation"] for s in report["signals"] if s["kind"] == "vague_attribution"}
    assert any(e in vague.get_attribute("title") for e in explanations)

    legend = browser.find_element(By.ID, "legend").text
    assert "Vague attribution / hedging (" in legend  # as the HTML report names it
    signals = browser.find_elements(By.CSS_SELECTOR, "#signals > li")
    assert len(signals) == len(report["signals"])
    assert browser.find_element(By.ID, "result-title").text == report["title"]

    history = browser.find_elements(By.CSS_SELECTOR, "#history button")
    assert history and report["title"] in history[0].text
    screenshot = tmp_path / "analysis.png"
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert screenshot.stat().st_size > 10_000


def test_history_entry_reopens_an_analysis(browser: WebDriver, base_url: str) -> None:
    body = "Mayor faces questions over donation\n\nCritics say the donation was never declared."
    stored = httpx.post(
        f"{base_url}/v1/analyses", json={"text": body, "depth": "fast"}, timeout=120
    ).json()
    browser.get(base_url + "/")
    reopen_from_history(browser, stored["id"])
    WebDriverWait(browser, 30).until(
        expected_conditions.text_to_be_present_in_element(
            (By.ID, "result-title"), "Mayor faces questions over donation"
        )
    )
    assert "Critics say the donation" in browser.find_element(By.ID, "article").text
    assert f"Analysis #{stored['id']}" in browser.find_element(By.ID, "result-meta").text


def test_hostile_article_text_is_shown_not_run(
    browser: WebDriver, base_url: str, tmp_path: Path
) -> None:
    analyse(browser, base_url, HOSTILE_TEXT)
    wait_for_result(browser)
    with pytest.raises(TimeoutException):
        WebDriverWait(browser, 2).until(expected_conditions.alert_is_present())
    assert browser.execute_script("return window.__pwned") is None
    injected = browser.execute_script(
        "return document.querySelectorAll("
        "'#result script, #result img, #result svg, #result iframe, #result a, #history img'"
        ").length"
    )
    assert injected == 0
    article = browser.find_element(By.ID, "article").text
    assert "<script>window.__pwned = 'script'; alert('script')</script>" in article
    assert '<img src="x" onerror=' in article
    assert "<iframe srcdoc=" in article
    title = browser.find_element(By.ID, "result-title").text
    assert title.startswith("Experts say <script>")
    history_title = browser.find_element(By.CSS_SELECTOR, "#history button").text
    assert "<script>" in history_title
    browser.save_screenshot(str(tmp_path / "hostile.png"))
    assert browser.execute_script("return window.__pwned") is None


def test_score_is_a_band_on_a_labelled_scale_not_a_percentage(
    browser: WebDriver, base_url: str
) -> None:
    body = (
        "Council approves new budget\n\n"
        "The city council approved a budget of 12 million dollars on Monday, the mayor said. "
        "Spending on schools rises by 4 percent, according to the finance department."
    )
    analyse(browser, base_url, body)
    wait_for_result(browser)
    latest = httpx.get(f"{base_url}/v1/analyses", params={"limit": 1}).json()["items"][0]
    reliability = httpx.get(f"{base_url}/v1/analyses/{latest['id']}").json()["report"][
        "reliability"
    ]
    score = browser.find_element(By.ID, "score")
    text = score.text
    assert "%" not in text
    if reliability is None:
        assert "not scored" in text.lower()
    else:
        band = score.find_element(By.CSS_SELECTOR, ".band-name")
        assert band.text.lower() == reliability["label"]
        assert f"score {shown_score(reliability['score'])} on a 0–1 scale" in text
        pin = score.find_element(By.CSS_SELECTOR, ".pin")
        bands = score.find_element(By.CSS_SELECTOR, ".bands")
        offset = pin.location["x"] + pin.size["width"] / 2 - bands.location["x"]
        assert abs(offset / bands.size["width"] - reliability["score"]) < 0.02
    ticks = [t.text for t in score.find_elements(By.CSS_SELECTOR, ".tick")]
    assert ticks == ["0", f"{UNRELIABLE_BELOW:.2f}", f"{RELIABLE_FROM:.2f}", "1"]
    widths = [b.size["width"] for b in score.find_elements(By.CSS_SELECTOR, ".band")]
    total = sum(widths)
    assert [round(w / total, 2) for w in widths] == [
        UNRELIABLE_BELOW,
        round(RELIABLE_FROM - UNRELIABLE_BELOW, 2),
        round(1 - RELIABLE_FROM, 2),
    ]
    assert "unreliable" in text and "uncertain" in text and "reliable" in text
    assert "writing style and sourcing" in text
    assert "not a verdict on whether its facts are true" in text
    history = browser.find_element(By.CSS_SELECTOR, "#history button").text
    assert "%" not in history


def test_page_shows_scores_as_the_reports_do(browser: WebDriver, base_url: str) -> None:
    browser.get(base_url)
    scores = [0.5, 0.6473, 0.65, 0.3496, 0.3451, 0.35, 0.645, 0.0, 1.0]
    shown = browser.execute_script("return arguments[0].map(shownScore)", scores)
    assert shown == [shown_score(score) for score in scores]


def test_history_shows_scores_as_the_reports_do(browser: WebDriver, base_url: str) -> None:
    # an uncertain 0.6473 read "uncertain 0.65" in the history list, a score the bands call
    # reliable, while the report beside it said 0.647
    browser.get(base_url)
    WebDriverWait(browser, 30).until(  # the page's own first load, so it cannot come after ours
        lambda driver: driver.find_elements(By.CSS_SELECTOR, "#history li")
    )
    item = {
        "id": 7,
        "title": "Council approves new budget",
        "source_domain": None,
        "analysis_path": "fast",
        "reliability_score": 0.6473,
        "reliability_label": "uncertain",
        "created_at": "2026-12-05T04:00:00Z",
    }
    browser.execute_async_script(
        "const [item, done] = arguments;"
        "window.api = async () => ({items: [item], total: 1, limit: 10, offset: 0});"
        "loadHistory().then(done);",
        item,
    )
    entry = browser.find_element(By.CSS_SELECTOR, "#history button").text
    assert f"uncertain {shown_score(0.6473)}" in entry
    assert "0.65" not in entry


def test_history_says_why_an_article_is_not_scored(browser: WebDriver, base_url: str) -> None:
    # probe s37: the history said "not scored" where the report says why
    browser.get(base_url)
    WebDriverWait(browser, 30).until(
        lambda driver: driver.find_elements(By.CSS_SELECTOR, "#history li")
    )
    entry = {
        "title": "Preguntas sobre el agua",
        "source_domain": None,
        "analysis_path": "fast",
        "reliability_score": None,
        "reliability_label": None,
        "created_at": "2026-12-05T04:00:00Z",
    }
    items = [
        {**entry, "id": 1, "reliability_status": "not_english"},
        {**entry, "id": 2, "reliability_status": "too_short"},
        {**entry, "id": 3, "reliability_status": None},  # stored before the status existed
    ]
    browser.execute_async_script(
        "const [items, done] = arguments;"
        "window.api = async () => ({items, total: 3, limit: 10, offset: 0});"
        "loadHistory().then(done);",
        items,
    )
    shown = [b.text for b in browser.find_elements(By.CSS_SELECTOR, "#history button")]
    assert "not scored: not English" in shown[0]
    assert "not scored: too short" in shown[1]
    assert "not scored ·" in shown[2]


def test_a_lookalike_host_is_shown_with_its_ascii_form(browser: WebDriver, base_url: str) -> None:
    # security s38: "bbс.co.uk" (Cyrillic "с") was shown as written in the history, the
    # analysis line and the outlets, reading as the BBC's address
    browser.get(base_url)
    WebDriverWait(browser, 30).until(
        lambda driver: driver.find_elements(By.CSS_SELECTOR, "#history li")
    )
    lookalike = {"source_domain": "bb\u0441.co.uk", "source_domain_ascii": "xn--bb-pmc.co.uk"}
    item = {
        "id": 9,
        "title": "Storm hits",
        "analysis_path": "fast",
        "reliability_score": None,
        "reliability_label": None,
        "created_at": "2026-12-05T04:00:00Z",
        **lookalike,
    }
    outlet = {
        "outlet": "bb\u0441.co.uk",
        "domain": None,
        "host_ascii": "xn--bb-pmc.co.uk",
        "factuality": "unknown",
        "bias": "unknown",
        "role": "publisher",
    }
    browser.execute_async_script(
        "const [item, outlet, done] = arguments;"
        "window.api = async () => ({items: [item], total: 1, limit: 10, offset: 0});"
        "renderOutlets({outlets: [outlet]});"
        "loadHistory().then(done);",
        item,
        outlet,
    )
    note = "(in ASCII xn--bb-pmc.co.uk: the name holds letters outside a-z)"
    assert note in browser.find_element(By.CSS_SELECTOR, "#history button").text
    # the result panel is not open: what the list holds, not what is on screen
    assert note in browser.find_element(By.ID, "outlets").get_attribute("textContent")


def test_claims_show_probabilities_as_the_reports_do(browser: WebDriver, base_url: str) -> None:
    # the page wrote "check-worthiness 87%" and "Refuted (91%)" where the terminal and the HTML
    # report write 0.87 and 0.91
    browser.get(base_url)
    claim = {
        "text": "The council raised taxes by 4 percent.",
        "score": 0.8712,
        "verdict": {"label": "refuted", "confidence": 0.9134, "explanation": "a passage denies it"},
        "evidence": [
            {
                "passage": "The council did not raise taxes.",
                "document_id": "minutes",
                "stance": "refutes",
                "stance_probability": 0.6650,
            }
        ],
    }
    browser.execute_script(
        "renderClaims({claims: [arguments[0]]});document.getElementById('result').hidden = false;",
        claim,
    )
    text = browser.find_element(By.ID, "claims").text
    assert "check-worthiness 0.87" in text
    assert "(confidence 0.91): a passage denies it" in text
    assert "refutes (stance probability 0.67)" in text
    assert "%" not in text


def test_a_reason_for_no_score_names_the_language_as_one(browser: WebDriver, base_url: str) -> None:
    browser.get(base_url)
    browser.execute_script(
        "renderScore({reliability: null, reliability_status: 'not_english', notes: []});"
        "document.getElementById('result').hidden = false;"
    )
    band = browser.find_element(By.CSS_SELECTOR, "#score .band-name")
    assert band.get_attribute("textContent") == "not scored: not English"  # CSS capitalises


def test_unscored_report_shows_not_scored_and_its_note_once(
    browser: WebDriver, base_url: str
) -> None:
    # probe s37: a report's notes are listed above the score, and the score repeated them
    # word for word: a note in another language's report read twice on the page
    browser.get(base_url + "/")
    note = "Not scored: the text is not in English (detected: es)."
    browser.execute_script(
        "const report = {reliability: null, notes: [arguments[0]]};"
        "renderNotes(report); renderScore(report);"
        "document.getElementById('result').hidden = false;",
        note,
    )
    score = browser.find_element(By.ID, "score")
    assert score.find_element(By.CSS_SELECTOR, ".band-name").text.lower() == "not scored"
    assert "The notes above say why." in score.text
    assert browser.find_element(By.ID, "result").text.count(note) == 1
    assert browser.find_element(By.ID, "notes").text == note
    assert score.find_elements(By.CSS_SELECTOR, ".pin") == []
    # a report without signals said "1. None." (an item of the numbered list), and the legend
    # over the article said it again in other words (probe s47 U2)
    browser.execute_script("renderSignals({signals: []}); renderLegend({signals: []});")
    [none] = browser.find_elements(By.CSS_SELECTOR, "#signals li")
    assert none.text == "No signals found in this article."
    assert browser.find_elements(By.CSS_SELECTOR, "#legend li") == []
    assert not browser.find_element(By.ID, "legend").is_displayed()
    assert none.value_of_css_property("list-style-type") == "none"
    assert len(score.find_elements(By.CSS_SELECTOR, ".band")) == 3
    assert "not a verdict on whether its facts are true" in score.text


# The highlighting's segments as the page cut them before hostile round 6: every signal tested
# against every segment (the reference for the sweep that replaced it).
_SEGMENTS_BY_FILTER = """
function segmentsByFilter(chars, signals) {
  const cuts = new Set([0, chars.length]);
  for (const s of signals) {
    cuts.add(Math.max(0, Math.min(s.start, chars.length)));
    cuts.add(Math.max(0, Math.min(s.end, chars.length)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const result = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const covering = signals.filter((s) => s.start <= start && s.end >= end);
    result.push({ start, end, text: chars.slice(start, end).join(""), covering });
  }
  return result;
}
"""


def test_a_report_of_many_signals_is_highlighted_in_linear_time(
    browser: WebDriver, base_url: str
) -> None:
    """Hostile round 6, attack 9: the page tested every signal against every piece of the
    text, so a stored analysis of many signals froze the tab of whoever opened it: a 1 MB
    article posted for the fast path (66,666 signals) took 10 s to cut, and the 5 MB the API
    accepts would take minutes. The pieces are now found by one sweep, the same pieces with
    the same signals in the same order, hostile offsets included."""
    browser.get(base_url + "/")
    browser.set_script_timeout(120)
    seconds = browser.execute_script(
        """
        const chars = Array.from("Shocking! They say the corrupt elites lied, sources claim. "
          .repeat(17000)).slice(0, 1000000);
        const signals = [];
        for (let at = 0; at + 9 < chars.length; at += 15) {
          signals.push({ start: at, end: at + 9, kind: "clickbait", weight: 0.5, index: signals.length });
        }
        const started = performance.now();
        const parts = segments(chars, signals);
        return [(performance.now() - started) / 1000, parts.length, signals.length];
        """
    )
    assert seconds[2] == 66_667 and seconds[1] > 100_000
    assert seconds[0] < 2.0, seconds
    differences = browser.execute_script(
        _SEGMENTS_BY_FILTER
        + """
        let seed = 6;
        const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
        const odd = [-5, null, 1e9, "3", Infinity, -Infinity, 2.5];
        let differences = 0;
        // no offset at all: the cut by filter sorted NaN among the cuts; the sweep leaves it out
        const text = Array.from("ab\\u{1F600}cd efg");
        const pieces = segments(text, [{ start: NaN, end: 4 }, { start: 2, end: undefined },
                                       { start: 1, end: 3 }]);
        if (pieces.map((p) => p.text).join("") !== text.join("")) differences += 1000;
        if (pieces.some((p, i) => i > 0 && p.start !== pieces[i - 1].end)) differences += 1000;
        for (let trial = 0; trial < 3000; trial++) {
          const chars = Array.from("ab\\u{1F600}cd efg hij".repeat(1 + Math.floor(random() * 3)));
          const signals = [];
          const n = Math.floor(random() * 8);
          for (let i = 0; i < n; i++) {
            const pick = () => random() < 0.15 ? odd[Math.floor(random() * odd.length)]
                                                : Math.floor(random() * (chars.length + 2));
            let [start, end] = [pick(), pick()];
            if (random() < 0.8 && typeof start === "number" && typeof end === "number"
                && start > end) [start, end] = [end, start];
            signals.push({ start, end, weight: random(), kind: "clickbait", index: i });
          }
          const a = JSON.stringify(segments(chars, signals).map(
            (p) => [p.start, p.end, p.text, p.covering.map((s) => s.index)]));
          const b = JSON.stringify(segmentsByFilter(chars, signals).map(
            (p) => [p.start, p.end, p.text, p.covering.map((s) => s.index)]));
          if (a !== b) differences += 1;
        }
        return differences;
        """
    )
    assert differences == 0


def test_each_test_gets_the_shared_chromium_as_a_new_one(browser: WebDriver, base_url: str) -> None:
    """One Chromium serves a module's tests (tests/web/conftest.py): what a test leaves in it (the
    API key the page keeps in session storage, a cookie, other tabs, a phone-sized window, an
    open dialog) is gone for the next."""
    browser.get(base_url + "/")
    browser.execute_script("sessionStorage.setItem('veracity.apiKey', 'secret')")
    browser.add_cookie({"name": "left", "value": "over"})
    browser.switch_to.new_window("tab")
    browser.get(base_url + "/")
    browser.set_window_size(390, 900)
    browser.execute_script("setTimeout(() => alert('left open'), 0)")
    WebDriverWait(browser, 10).until(expected_conditions.alert_is_present())

    fresh_tab(browser)
    assert len(browser.window_handles) == 1
    assert browser.get_window_size() == {"width": WINDOW_SIZE[0], "height": WINDOW_SIZE[1]}
    browser.get(base_url + "/")
    assert browser.execute_script("return sessionStorage.length") == 0
    assert browser.get_cookies() == []


def test_checkboxes_sit_beside_their_words(browser: WebDriver, base_url: str) -> None:
    # probe s46: every input took the form's full width, so "compare with stored analyses" and
    # "one statement a line, in order" had their box alone on a line above the words
    browser.get(base_url + "/")
    for box_id in ("corroborate", "triage-lines"):
        box = browser.find_element(By.ID, box_id)
        label = box.find_element(By.XPATH, "..")
        assert box.size["width"] < 30, box_id
        assert label.size["height"] < 2 * max(box.size["height"], 16), box_id  # one line


def test_stored_times_read_as_the_reports_write_them(browser: WebDriver, base_url: str) -> None:
    # probe s46: the page gave the browser's local time in its locale's order, no zone named
    # ("12/7/2026, 1:51:28 AM" in New York) where `veracity db show` and the HTML report say
    # "2026-12-07 06:51 UTC" for the same analysis
    browser.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "America/New_York"})
    stored = httpx.post(
        f"{base_url}/v1/analyses",
        json={
            "text": "Bridge reopens\n\nThe bridge reopened on Monday, the city said.",
            "depth": "fast",
        },
        timeout=120,
    ).json()
    created = datetime.fromisoformat(stored["created_at"].replace("Z", "+00:00")).astimezone(UTC)
    written = f"{created:%Y-%m-%d %H:%M} UTC"
    browser.get(base_url + "/")
    reopen_from_history(browser, stored["id"])
    assert written in browser.find_element(By.ID, "result-meta").text
    entry = browser.find_element(
        By.CSS_SELECTOR, f"#history button[data-analysis-id='{stored['id']}']"
    ).text
    assert written in entry


def test_signals_are_listed_strongest_first_as_the_reports_list_them(
    browser: WebDriver, base_url: str
) -> None:
    # probe s46: the page listed the signals in the article's order (the example's first a
    # loaded word at 0.28) while the HTML report's table and the terminal put the strongest first
    text = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    stored = httpx.post(
        f"{base_url}/v1/analyses", json={"text": text, "depth": "fast"}, timeout=120
    ).json()
    signals = stored["report"]["signals"]
    browser.get(base_url + "/")
    reopen_from_history(browser, stored["id"])
    shown = [item.text for item in browser.find_elements(By.CSS_SELECTOR, "#signals li")]
    assert len(shown) == len(signals)
    ranked = sorted(signals, key=lambda s: (-s["weight"], s["start"]))
    for item, signal in zip(shown, ranked, strict=True):
        assert signal["quote"] in item and f"weight {signal['weight']:.2f}" in item


def test_an_outlet_named_by_its_address_is_not_named_twice(
    browser: WebDriver, base_url: str
) -> None:
    # probe s46: "nfl.com (nfl.com)" under Outlets, where the terminal says "nfl.com"
    browser.get(base_url + "/")
    outlets = [
        {
            "outlet": "nfl.com",
            "domain": "nfl.com",
            "role": "publisher",
            "factuality": "unknown",
            "bias": "unknown",
        },
        {
            "outlet": "Fox News",
            "domain": "foxnews.com",
            "role": "cited",
            "factuality": "low",
            "bias": "right",
        },
    ]
    browser.execute_script("renderOutlets({outlets: arguments[0]});", outlets)
    items = [  # the result section is hidden until an analysis is shown: its text as written
        " ".join(item.get_attribute("textContent").split())
        for item in browser.find_elements(By.CSS_SELECTOR, "#outlets li")
    ]
    assert items[0].startswith("nfl.com") and "(nfl.com)" not in items[0]
    assert items[1].startswith("Fox News (foxnews.com)")


def test_a_contested_outlet_says_so_on_the_page(browser: WebDriver, base_url: str) -> None:
    # probe s48: the terminal and the HTML report say PR Newswire's rating is contested (the lists
    # disagree, high and low), the page gave the first list's "factuality high" alone
    browser.get(base_url + "/")
    outlets = [
        {
            "outlet": "PR Newswire",
            "domain": "prnewswire.com",
            "role": "publisher",
            "factuality": "high",
            "bias": "center",
            "contested": True,
        },
        {
            "outlet": "Reuters",
            "domain": "reuters.com",
            "role": "cited",
            "factuality": "high",
            "bias": "center",
            "contested": False,
        },
    ]
    browser.execute_script("renderOutlets({outlets: arguments[0]});", outlets)
    items = [
        " ".join(item.get_attribute("textContent").split())
        for item in browser.find_elements(By.CSS_SELECTOR, "#outlets li")
    ]
    said = "factuality high, bias center (contested: rating lists disagree; veracity source shows"
    assert said in items[0]
    assert "contested" not in items[1]
    # a platform (probe s48 O2): what a post there is worth, as the terminal says it
    platform = {
        **outlets[1],
        "outlet": "X",
        "domain": "twitter.com",
        "factuality": "low",
        "contested": True,
        "rating_source": "Wikipedia",
        "platform": True,
    }
    browser.execute_script("renderOutlets({outlets: [arguments[0]]});", platform)
    (item,) = [
        " ".join(item.get_attribute("textContent").split())
        for item in browser.find_elements(By.CSS_SELECTOR, "#outlets li")
    ]
    assert "cited: a platform: a post is as reliable as whoever posted it" in item
    assert "low" not in item and "contested" not in item and "Wikipedia" not in item
