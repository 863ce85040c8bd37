"""The web page shows a report in the terminal's and the HTML report's form (probe s48 U2-U4,
C4): what moved the score in one order, a repeated quote once with its count, no quotation mark
doubled, and a near-duplicate group only where it holds two sentences. Headless Chromium against
a real server."""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from tests.api.live_server import serve_fresh_app
from tests.report.test_terminal import satirical_publisher
from tests.web.pages import stored_with
from tests.web.test_triage import rank

OPENS = "“If in the next 20 years we do nothing, the markets will fall,” the minister said."
ENDS = "The minister said the markets “will fall by 40 percent.”"
TEXT = (
    "Markets and the feud\n\n"
    f"{OPENS} The raging feud goes on, and the raging lawyers say so. {ENDS}"
)


def change(text: str) -> dict:
    first, second = text.index("raging"), text.rindex("raging")
    loaded = {
        "kind": "loaded_language",
        "quote": "raging",
        "weight": 0.25,
        "explanation": "Emotionally loaded wording (raging).",
        "detector": "loaded_language",
    }
    reasons = ["short article", "attributes statements", "leans on unnamed sources", "figures"]
    claims = []
    for score, claim in ((0.95, OPENS), (0.9, ENDS)):
        start = text.index(claim)
        claims.append({"text": claim, "start": start, "end": start + len(claim), "score": score})
    return {
        "signals": [
            {**loaded, "start": first, "end": first + 6},
            {**loaded, "start": second, "end": second + 6},
        ],
        "signal_counts": {"loaded_language": 2},
        "reliability_status": "scored",
        "reliability": {
            "score": 0.35,
            "label": "uncertain",
            "model_version": "test-1",
            "top_features": [
                {"name": name, "source": "style", "contribution": (-1) ** (i + 1) / (i + 1)}
                for i, name in enumerate(reasons)
            ],
        },
        "claims": claims,
    }


def test_the_page_shows_the_report_in_the_terminals_form(
    browser: WebDriver, tmp_path: Path
) -> None:
    with serve_fresh_app(tmp_path) as url:
        analysis_id = stored_with(tmp_path, url, TEXT, change)
        browser.get(f"{url}/analyses/{analysis_id}")
        WebDriverWait(browser, 60).until(
            lambda driver: driver.find_element(By.CSS_SELECTOR, "#claims > li > q")
        )
        # U2: what lowers the score, then what raises it, as the terminal gives them
        reasons = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "ul.drivers li")]
        assert reasons == [
            "Lowers it: short article; leans on unnamed sources",
            "Raises it: attributes statements; figures",
        ]
        # U3: the word the text repeats is one item, ×2 after it; "show" lights both
        items = browser.find_elements(By.CSS_SELECTOR, "#signals > li")
        assert len(items) == 1 and "raging ×2" in items[0].text
        assert len(items[0].find_elements(By.TAG_NAME, "q")) == 1
        items[0].find_element(By.CSS_SELECTOR, "button.link").click()
        lit = browser.execute_script(
            "return document.querySelectorAll('#article mark.flash').length"
        )
        assert lit == 2
        # U4: a claim that opens with a quotation mark gets no second opening one, a claim that
        # ends with a closing mark no second closing one; session 49: and none unpaired
        marks = browser.execute_script(
            "return [...document.querySelectorAll('#claims > li > q')].map((q) => ["
            "q.textContent, getComputedStyle(q).quotes === 'none' ? 'no marks' :"
            " getComputedStyle(q, '::before').content + ' ' + getComputedStyle(q, '::after').content])"
        )
        assert marks == [[OPENS, "no marks"], [ENDS, "no marks"]]


def test_the_pages_triage_shows_a_group_only_where_it_holds_two_sentences(
    browser: WebDriver, base_url: str
) -> None:
    """Probe s48 C4, on the page's claims triage as in `veracity claims`."""
    browser.get(base_url + "/")
    rows = rank(
        browser,
        "Property taxes rose 9 percent between 2021 and 2024.\n"
        "Thank you all for coming tonight.\n"
        "Property taxes rose 9 per cent between 2021 and 2024.\n"
        "The Route 9 bus line was cut last year.",
        lines=True,
    )
    assert [(cells[1], cells[5]) for cells in rows] == [
        ("1", "1"),
        ("2", ""),
        ("3", "1"),
        ("4", ""),
    ]


# Texts of each kind the quotation rule tells apart (report.html.quotation_marks_added): no mark,
# its own marks paired, a quotation left open or closed unopened, German and French pairs,
# straight marks (an odd count opening at the start or closing at the end), single marks (an
# apostrophe as often), nothing at all.
QUOTATION_CASES = [
    "The markets will fall.",
    OPENS,
    ENDS,
    "“If we do nothing, the markets will",
    "the markets will fall,” he said.",
    "„Wir schaffen das“, sagte sie.",
    "Sie sagte: „Wir schaffen das",
    "«Nous gagnerons»",
    "Il a dit: nous gagnerons»",
    '"We will win," he said.',
    '"We will win',
    'we will win"',
    'He said "we will win',
    "‘Single’ marks first",
    "the players’",
    "“Nested «quotes» inside”",
    "",
]


def test_the_pages_quotation_marks_are_the_reports_for_every_kind_of_text(
    browser: WebDriver, base_url: str
) -> None:
    """The page's quotation() (static/app.js, unmatchedMarks) is a second home of the rule the
    terminal and the HTML report share (report.html.quotation_marks_added), written in
    JavaScript because the page renders itself: 937b519 checked the two by hand on ten texts.
    Each kind of text gets the same marks from both, so a change to one that the other does not
    follow fails here."""
    from veracity.report.html import quotation_marks_added

    browser.get(base_url + "/")
    shown = browser.execute_script(
        "return arguments[0].map((text) => quotation(text).className)", QUOTATION_CASES
    )
    classes = {("“", "”"): "", ("", ""): "enclosed", ("“", ""): "closed", ("", "”"): "opened"}
    expected = [classes[quotation_marks_added(text)] for text in QUOTATION_CASES]
    assert list(zip(QUOTATION_CASES, shown, strict=True)) == list(
        zip(QUOTATION_CASES, expected, strict=True)
    )
    assert len(set(expected)) == 4  # every outcome of the rule is among the cases


def _outlets() -> list:
    """An outlet of each kind the rating words tell apart (report.schema.rating_words)."""
    from veracity.report.schema import OutletRating

    return [
        satirical_publisher().model_copy(update={"contested": True}),
        OutletRating(
            outlet="Reuters",
            domain="reuters.com",
            factuality="high",
            bias="center",
            rating_source="Lin et al. 2023, 2023-09",
            contested=True,
            role="cited",
        ),
        OutletRating(outlet="Example", domain="example.org", role="cited"),
        OutletRating(
            outlet="YouTube",
            domain="youtube.com",
            factuality="mixed",
            rating_source="Lin et al. 2023, 2023-09",
            platform=True,
            role="cited",
        ),
        OutletRating(outlet="a saved page", role="publisher"),
    ]


def test_the_pages_outlet_ratings_read_as_the_reports_for_every_kind_of_outlet(
    browser: WebDriver, base_url: str
) -> None:
    """The page's outlet line (static/app.js renderOutlets, ratingWords, satireListing) is a
    second home of report.schema.rating_words and rating_notes, which the terminal and the HTML
    report read; edcb87e (satire in place of the levels) checked the page by reading its code.
    A satirical publisher, a contested rated outlet, an unrated one, a platform and a publisher
    never looked up read on the page as the reports' rule writes them."""
    from veracity.report.schema import rating_notes, rating_words

    outlets = _outlets()
    browser.get(base_url + "/")
    shown = browser.execute_script(
        "renderOutlets({outlets: arguments[0]});"
        "return [...document.querySelectorAll('#outlets > li .why')].map((e) => e.textContent)",
        [o.model_dump(mode="json") for o in outlets],
    )
    expected = []
    for outlet in outlets:
        contested, source = rating_notes(outlet)
        expected.append(
            f"{outlet.role}: {rating_words(outlet)}{contested}" + (f" ({source})" if source else "")
        )
    assert shown == expected
    assert expected[0].startswith("publisher: satire: its stories are jokes, not reports")
