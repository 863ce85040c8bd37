"""The HTML report: self-contained, script-free, every span highlighted with its explanation."""

from __future__ import annotations

import lxml.html
import pytest

from veracity import __version__
from veracity.ingest import article_from_text
from veracity.report.html import judged, render_html
from veracity.report.schema import (
    WEIGHT_NOTE,
    Claim,
    DecidingPassage,
    EvidencePassage,
    Reliability,
    Report,
    Signal,
    SignalKind,
    Verdict,
)

HOSTILE_TITLE = '</title><script>alert("title")</script><b onmouseover=alert(2)>Hi</b>'
HOSTILE_BODY = (
    "The mayor said <script>alert(1)</script> on Monday.\n\n"
    "Experts are convinced that <img src=x onerror=alert(1)> is harmless.\n\n"
    'Click <a href="javascript:alert(3)">javascript:alert(3)</a> for "proof".'
)


def report_for(title: str | None, body: str, spans: list[tuple[SignalKind, str]]) -> Report:
    article = article_from_text(body, title=title, detect_title=False, remove_boilerplate=False)
    signals = []
    for kind, quote in spans:
        start = article.text.index(quote)
        signals.append(
            Signal(
                kind=kind,
                start=start,
                end=start + len(quote),
                quote=quote,
                weight=0.7,
                explanation=f'Because <b>{kind.value}</b> & "quotes" <script>x</script>',
                detector=kind.value,
            )
        )
    return Report(
        veracity_version=__version__,
        analysis_path="fast",
        title=article.title,
        text=article.text,
        body_start=article.body_start,
        language="en",
        signals=signals,
    )


def assert_inert(page: str) -> lxml.html.HtmlElement:
    tree = lxml.html.document_fromstring(page)
    assert tree.xpath("//script") == []
    assert tree.xpath("//iframe | //object | //embed | //img | //a | //link | //base") == []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if name.lower() in {"href", "src", "action", "formaction", "srcdoc"}:
                assert "javascript:" not in value.lower()
    csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert csp and "default-src 'none'" in csp[0]
    return tree


def test_hostile_article_renders_as_text_only() -> None:
    report = report_for(
        HOSTILE_TITLE,
        HOSTILE_BODY,
        [
            (SignalKind.VAGUE_ATTRIBUTION, "Experts are convinced"),
            (SignalKind.LOADED_LANGUAGE, "<img src=x onerror=alert(1)>"),
            (SignalKind.CLICKBAIT, HOSTILE_TITLE),
        ],
    )
    tree = assert_inert(render_html(report))
    visible = tree.text_content()
    for hostile in (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "javascript:alert(3)",
        HOSTILE_TITLE,
    ):
        assert hostile in visible
    assert tree.xpath("//h1")[0].text_content() == HOSTILE_TITLE
    assert tree.xpath("//title")[0].text_content() == f"veracity: {HOSTILE_TITLE}"


def test_every_span_is_marked_with_its_explanation() -> None:
    report = report_for(
        "Council hides the truth",
        "Experts are convinced the council lied. Why would they stay silent?",
        [
            (SignalKind.CLICKBAIT, "Council hides the truth"),
            (SignalKind.VAGUE_ATTRIBUTION, "Experts are convinced"),
            (SignalKind.RHETORICAL_QUESTION, "Why would they stay silent?"),
            (SignalKind.LOADED_LANGUAGE, "Experts are convinced the council lied"),
        ],
    )
    tree = assert_inert(render_html(report))
    marks = tree.xpath("//mark")
    for signal in report.signals:
        covering = [m for m in marks if signal.kind.value in m.get("class").split()]
        assert "".join(m.text_content() for m in covering) == signal.quote
        assert all(signal.explanation in m.get("title") for m in covering)
    overlap = [m for m in marks if m.text_content() == "Experts are convinced"]
    assert overlap and "multi" in overlap[0].get("class").split()
    assert tree.xpath("//h1/mark")[0].text_content() == "Council hides the truth"
    # The article text is shown once, whole: headline in <h1>, body in the article block.
    assert (
        tree.xpath("//div[@class='article']")[0].text_content() == report.text[report.body_start :]
    )


def test_legend_lists_each_kind_present_with_its_count() -> None:
    report = report_for(
        None,
        "Experts are convinced. Sources say so. Why?",
        [
            (SignalKind.VAGUE_ATTRIBUTION, "Experts are convinced"),
            (SignalKind.VAGUE_ATTRIBUTION, "Sources say"),
            (SignalKind.RHETORICAL_QUESTION, "Why?"),
        ],
    )
    tree = assert_inert(render_html(report))
    legend = [s.text_content() for s in tree.xpath("//div[@class='legend']/span")]
    assert legend == ["Vague attribution / hedging (2)", "Rhetorical question (1)"]


def test_no_signals() -> None:
    tree = assert_inert(render_html(report_for(None, "The council met on Monday.", [])))
    assert "No signals found." in tree.text_content()
    assert tree.xpath("//mark") == [] and tree.xpath("//table") == []
    assert tree.xpath("//h1")[0].text_content() == "Untitled article"


def test_score_shows_its_band_scale_and_meaning() -> None:
    report = report_for("Council meets", "The council met on Monday.", [])
    report.reliability = Reliability(score=0.35, label="uncertain", model_version="test-1")
    tree = assert_inert(render_html(report))
    score = tree.xpath("//div[contains(@class, 'score')]")[0]
    assert "uncertain" in score.get("class").split()
    assert "reliability score 0.35 on a 0–1 scale" in score.text_content()
    text = " ".join(tree.text_content().split())
    assert "writing style and sourcing" in text
    assert "not a verdict on whether its facts are true" in text
    assert "unreliable below 0.35, uncertain up to 0.65, reliable from 0.65" in text
    assert "35%" not in text
    bands = tree.xpath("//div[@class='bands']/span")
    assert [b.get("class") for b in bands] == ["unreliable", "uncertain", "reliable", "pin"]
    assert [b.get("style") for b in bands[:3]] == ["width:35%", "width:30%", "width:35%"]
    assert "left:calc(35.0% - 1px)" in bands[3].get("style")


def test_a_score_just_under_a_band_edge_keeps_its_band_in_print() -> None:
    report = report_for("Council meets", "The council met on Monday.", [])
    report.reliability = Reliability(score=0.3496, label="unreliable", model_version="test-1")
    score = assert_inert(render_html(report)).xpath("//div[contains(@class, 'score')]")[0]
    assert "reliability score 0.3496 on a 0–1 scale" in score.text_content()


def test_unscored_report_says_not_scored_with_its_note() -> None:
    report = report_for("Noticia", "El consejo se reunió el lunes.", [])
    report.notes = ["Not scored: the text is not in English (detected: es)."]
    tree = assert_inert(render_html(report))
    score = tree.xpath("//div[contains(@class, 'score')]")[0]
    assert "not-scored" in score.get("class").split()
    assert "Not scored" in score.text_content()
    assert "Note: Not scored: the text is not in English" in tree.text_content()
    assert tree.xpath("//span[@class='pin']") == []


@pytest.mark.parametrize("repeat", [2_000])
def test_long_text_with_many_spans(repeat: int) -> None:
    sentence = "Experts are convinced it is a cover-up. "
    body = sentence * repeat + "x" * 5_000
    article = article_from_text(body, detect_title=False, remove_boilerplate=False)
    signals = [
        Signal(
            kind=SignalKind.VAGUE_ATTRIBUTION,
            start=i * len(sentence),
            end=i * len(sentence) + len("Experts are convinced"),
            quote="Experts are convinced",
            weight=0.8,
            explanation="Unnamed authorities.",
            detector="vague_attribution",
        )
        for i in range(repeat)
    ]
    report = Report(
        veracity_version=__version__,
        analysis_path="fast",
        title=None,
        text=article.text,
        body_start=0,
        language="en",
        signals=signals,
    )
    tree = assert_inert(render_html(report))
    assert len(tree.xpath("//mark")) == repeat
    assert tree.xpath("//div[@class='article']")[0].text_content() == article.text


def test_evidence_says_why_a_passage_takes_no_side() -> None:
    """probe5: a passage that denies the claim is 'neutral' with the note saying why (never
    counted as support); the terminal and the web page showed the note and the stance model's
    probability, the HTML report showed 'neutral' alone, which read as unrelated."""
    claim_text = "Vaccines cause autism."
    report = report_for(None, f"Some say that {claim_text}", [])
    start = report.text.index(claim_text)
    denial = "Health officials said the claim that vaccines cause autism has been disproved."
    evidence = EvidencePassage(
        document_id="vaccine.txt",
        passage=denial,
        stance="neutral",
        stance_probability=0.5734,
        relevance=0.9996,
        retrieval_score=0.03,
        note="denies or negates the claim: never counted as support",
    )
    unjudged = evidence.model_copy(update={"relevance": None, "note": None, "passage": "Other."})
    claim = Claim(
        text=claim_text,
        start=start,
        end=start + len(claim_text),
        score=0.9,
        evidence=[evidence, unjudged],
    )
    page = render_html(report.model_copy(update={"claims": [claim]}))
    items = [
        " ".join(li.text_content().split())
        for li in assert_inert(page).xpath("//h2[.='Claims']/following-sibling::ol//ul/li")
    ]
    assert items == [
        f"neutral (stance probability 0.57, relevance 1.00) — vaccine.txt: “{denial}”; denies "
        "or negates the claim: never counted as support",
        "neutral (stance probability 0.57) — vaccine.txt: “Other.”",
    ]
    # the relatedness the verdict's weight multiplies, beside the relevance (probe s47, V5)
    related = evidence.model_copy(update={"relatedness": 0.9949})
    assert judged(related) == "stance probability 0.57, relevance 1.00, relatedness 0.99"


@pytest.mark.parametrize(
    ("label", "heading"),
    [
        ("not_enough_evidence", "Nearest passages (none decides it):"),
        ("refuted", "Decided by:"),
    ],
)
def test_the_passages_of_an_undecided_verdict_are_only_the_nearest(label: str, heading: str):
    """probe5: 'Decided by: neutral, weight 0.00' listed passages too weakly related to count
    under a verdict of not enough evidence."""
    claim_text = "The Moon is made of cheese."
    report = report_for(None, f"Some say that {claim_text}", [])
    start = report.text.index(claim_text)
    verdict = Verdict(
        label=label,
        confidence=0.9,
        explanation="no retrieved passage is closely related to the claim",
        passages=[
            DecidingPassage(
                document_id="council.txt",
                passage="Council rejects budget.",
                stance="neutral",
                weight=0.0014,
            )
        ],
    )
    claim = Claim(
        text=claim_text, start=start, end=start + len(claim_text), score=0.9, verdict=verdict
    )
    page = assert_inert(render_html(report.model_copy(update={"claims": [claim]})))
    texts = [" ".join(p.text_content().split()) for p in page.xpath("//li/p")]
    assert heading in texts
    # what the weight is (probe s47, V5: defined nowhere)
    assert WEIGHT_NOTE in texts


def test_outlets_are_listed_with_their_ratings_as_in_the_terminal() -> None:
    """Probe s45: `analyze page.html --url https://abcnews.go.com/... --html report.html` printed
    "Publisher: ABC News — factuality high, bias left-center" in the terminal and the web page
    listed it under Outlets, but the HTML report named no outlet and no rating anywhere: only
    "Cited outlet (4)" in its legend."""
    from veracity.report.schema import OutletRating

    report = report_for("Aid convoy", "Fox News said the convoy was hit.", [])
    report.outlets = [
        OutletRating(
            outlet="ABC News",
            domain="abcnews.go.com",
            factuality="high",
            bias="left-center",
            role="publisher",
            rating_source="Media Bias/Fact Check (official extension feed), 2026-08-19",
        ),
        OutletRating(
            outlet="Fox <b>News</b>",
            domain="foxnews.com",
            factuality="low",
            bias="right",
            role="cited",
            contested=True,
        ),
    ]
    page = assert_inert(render_html(report))
    items = [" ".join(li.text_content().split()) for li in page.xpath("//ul[@class='outlets']/li")]
    assert items == [
        "Publisher: ABC News (abcnews.go.com) — factuality high, bias left-center "
        "(Media Bias/Fact Check (official extension feed), 2026-08-19)",
        "Cites: Fox <b>News</b> (foxnews.com) — factuality low, bias right "
        "(contested: rating lists disagree; veracity source shows each)",
    ]
    # a saved page's own address, never looked up in the lists, is not rated, not "unknown"
    # a platform (probe s48 O2): what a post there is worth, not the platform's own rating
    report.outlets = [
        OutletRating(
            outlet="YouTube",
            domain="youtube.com",
            factuality="low",
            role="cited",
            rating_source="Lin et al. 2023",
            contested=True,
            platform=True,
        )
    ]
    page = assert_inert(render_html(report))
    assert [
        " ".join(li.text_content().split()) for li in page.xpath("//ul[@class='outlets']/li")
    ] == ["Cites: YouTube (youtube.com) — a platform: a post is as reliable as whoever posted it"]
    report.outlets = [OutletRating(outlet="abcnews.go.com", role="publisher")]
    page = assert_inert(render_html(report))
    assert [
        " ".join(li.text_content().split()) for li in page.xpath("//ul[@class='outlets']/li")
    ] == [
        "Publisher: abcnews.go.com — not rated: its address was not looked up in the rating lists"
    ]
    report.outlets = []
    assert "Outlets" not in assert_inert(render_html(report)).text_content()


def test_an_outlet_named_by_its_address_is_not_named_twice() -> None:
    """Probe s46: an NFL.com story's report read "Publisher: nfl.com (nfl.com) — factuality
    unknown" where the terminal says "Publisher: nfl.com — ..."; a rated outlet keeps its
    address beside its name."""
    from veracity.report.schema import OutletRating

    report = report_for("Overtime", "Fox News said the coach kneeled.", [])
    report.outlets = [
        OutletRating(outlet="nfl.com", domain="nfl.com", role="publisher"),
        OutletRating(outlet="Fox News", domain="foxnews.com", factuality="low", role="cited"),
    ]
    page = assert_inert(render_html(report))
    items = [" ".join(li.text_content().split()) for li in page.xpath("//ul[@class='outlets']/li")]
    assert items[0].startswith("Publisher: nfl.com — factuality unknown")
    assert items[1].startswith("Cites: Fox News (foxnews.com) — factuality low")
