"""The web page's claims triage: a transcript's sentences ranked, with speakers and notes.

Issue 16 asks for `veracity claims` on the web page too; before, only the API had it.
"""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

TRANSCRIPT = """\
MODERATOR: Good evening and welcome to the second debate.
SMITH: Unemployment has fallen to 3.5 percent, the lowest in fifty years.
[APPLAUSE]
JONES: That's false. <img src=x onerror="document.title='pwned'"> Unemployment rose to 6 percent.
"""


def rank(browser: WebDriver, text: str, *, lines: bool = False) -> list[list[str]]:
    """Paste ``text``, rank it, and return the table's cells row by row."""
    area = browser.find_element(By.ID, "triage-text")
    area.clear()
    area.send_keys(text)
    if browser.find_element(By.ID, "triage-lines").is_selected() != lines:
        browser.find_element(By.ID, "triage-lines").click()
    browser.find_element(By.ID, "triage").click()
    WebDriverWait(browser, 180).until(
        expected_conditions.text_to_be_present_in_element((By.ID, "triage-status"), "Done")
    )
    return [
        [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
        for row in browser.find_elements(By.CSS_SELECTOR, "#triage-rows tr")
    ]


def test_the_page_ranks_a_transcripts_sentences_with_their_speakers(
    browser: WebDriver, base_url: str
) -> None:
    browser.get(base_url + "/")
    rows = rank(browser, TRANSCRIPT)
    by_text = {cells[6]: cells for cells in rows}
    claim = "Unemployment has fallen to 3.5 percent, the lowest in fifty years."
    assert by_text[claim][4] == "SMITH" and by_text[claim][3] == "✓"
    assert [cells[0] for cells in rows] == [str(n) for n in range(1, len(rows) + 1)]
    assert rows[0][3] == "✓" and rows[-1][3] == ""  # most check-worthy first
    assert not any("APPLAUSE" in cells[6] for cells in rows)
    notes = browser.find_element(By.ID, "triage-notes").text
    assert "1 stage direction(s) and heading(s) of the transcript left out" in notes
    # the transcript's markup is shown as text, never run
    assert any("<img src=x onerror=" in cells[6] for cells in rows)
    assert browser.find_elements(By.CSS_SELECTOR, "#triage-rows img") == []
    assert browser.title != "pwned"
    # one statement a line: one row per line, in input order
    rows = rank(browser, "Thank you.\nCrime has doubled in our cities since 2019.", lines=True)
    assert [(cells[1], cells[6]) for cells in rows] == [
        ("1", "Thank you."),
        ("2", "Crime has doubled in our cities since 2019."),
    ]
    assert rows[1][3] == "✓" and rows[0][3] == ""


def test_the_triage_table_fits_a_390px_phone(browser: WebDriver, base_url: str) -> None:
    browser.set_window_size(390, 900)
    inner = browser.execute_script("return window.innerWidth")
    browser.get(base_url + "/")
    rank(browser, TRANSCRIPT)
    width = browser.execute_script(
        "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
    )
    assert width <= inner, f"page is {width} px wide at {inner} px"
    sentences = browser.find_elements(By.CSS_SELECTOR, "#triage-rows td[data-label='sentence']")
    assert sentences and min(cell.size["width"] for cell in sentences) > inner * 0.6


def test_numbers_and_headings_of_the_triage_table_keep_to_one_line(
    browser: WebDriver, base_url: str
) -> None:
    """probe5: the table let every cell break anywhere, so beside long sentences its numbers
    and headings broke a character a line ("0. / 8 / 4 / 3", "s / c / o / r / e")."""
    browser.set_window_size(1300, 1200)
    browser.get(base_url + "/")
    long_lines = "\n".join(
        [
            "A foreclosure tax that would take effect in 2013 could mean a high tax bill for "
            "those facing foreclosure and millions of families who modified their mortgage.",
            "The Atlanta streetcar is expected to create 930 jobs during construction, totaling "
            "more than 5,600 jobs over the next 20 years.",
        ]
    )
    rank(browser, long_lines, lines=True)
    lines_of = (
        "const range = document.createRange(); range.selectNodeContents(arguments[0]);"
        "return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;"
    )
    headings = browser.find_elements(By.CSS_SELECTOR, ".triage th")
    numbers = [
        cell
        for row in browser.find_elements(By.CSS_SELECTOR, "#triage-rows tr")
        for cell in row.find_elements(By.TAG_NAME, "td")[:4]
    ]
    assert headings and numbers
    for cell in headings + numbers:
        assert browser.execute_script(lines_of, cell) == 1, cell.text


def test_empty_triage_input_is_refused_on_the_page(browser: WebDriver, base_url: str) -> None:
    browser.get(base_url + "/")
    browser.find_element(By.ID, "triage").click()
    status = browser.find_element(By.ID, "triage-status")
    assert status.text == "Paste a transcript or statements first."
    assert "error" in status.get_attribute("class")
    assert not browser.find_element(By.ID, "triage-result").is_displayed()


POSTED = """\
The senator spoke on Sunday about the protest at the stadium.

Smh and all because he is exercising his right as an American citizen to protest the law.
— Bishop <img src=x onerror="document.title='pwned'"> Sankey (@BishopSankey) September 23, 2017

The league said on Monday it would not fine the players for the protest.
"""


def test_a_posters_name_holding_markup_is_shown_as_text(browser: WebDriver, base_url: str) -> None:
    """Hostile round 16 (held): an embedded post's signature names its poster, and since this
    session (289c166) the poster is the speaker of the post's sentences: markup in the name
    reaches the triage table's speaker cell as text, nothing made or run."""
    browser.set_window_size(1400, 1800)
    browser.get(base_url + "/")
    rows = rank(browser, POSTED)
    speakers = [cells[4] for cells in rows if cells[4]]
    assert speakers == [
        "Bishop <img src=x onerror=\"document.title='pwned'\"> Sankey (@BishopSankey)"
    ]
    assert browser.find_elements(By.CSS_SELECTOR, "#triage-rows img") == []
    assert browser.title != "pwned"
