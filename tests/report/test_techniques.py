"""The reader view of propaganda techniques: counts, definitions, examples and the spans found."""

from __future__ import annotations

import io
import json

import lxml.html
import pytest
from rich.console import Console

from tests.report.test_html import assert_inert, report_for
from veracity.ingest import article_from_text
from veracity.pipeline import analyze
from veracity.propaganda import TECHNIQUE_EXAMPLES, TECHNIQUES
from veracity.report.html import render_html
from veracity.report.schema import Report, SignalKind, TechniqueCount
from veracity.report.terminal import print_summary
from veracity.signals.propaganda import technique_counts

ARTICLE = (
    "Traitors in Washington are selling out our great nation\n\n"
    "These corrupt, treasonous globalist thugs want to destroy our great nation and enslave "
    "every patriot who stands in their way! The radical left mob will never stop until "
    "America is burned to the ground. Either we stand up now or we lose our country forever. "
    "Make America great again! Real Americans know the truth: it is what it is."
)


def _with_techniques(report: Report, techniques: list[str]) -> Report:
    for signal, technique in zip(report.signals, techniques, strict=True):
        signal.detail = {"technique": technique}
    return report.model_copy(update={"propaganda_techniques": technique_counts(report.signals)})


def test_counts_follow_the_propaganda_signals_most_frequent_first() -> None:
    body = "Those thugs and those crooks betrayed the nation. Make the nation proud again!"
    report = _with_techniques(
        report_for(
            None,
            body,
            [
                (SignalKind.PROPAGANDA, "thugs"),
                (SignalKind.PROPAGANDA, "crooks"),
                (SignalKind.PROPAGANDA, "Make the nation proud again!"),
                (SignalKind.LOADED_LANGUAGE, "betrayed"),
            ],
        ),
        ["Name_Calling,Labeling", "Name_Calling,Labeling", "Slogans", "Slogans"],
    )
    counts = report.propaganda_techniques
    assert [(c.technique, c.count) for c in counts] == [
        ("Name_Calling,Labeling", 2),
        ("Slogans", 1),
    ]
    assert counts[0].label == "name calling / labeling"
    assert counts[0].definition == TECHNIQUES["Name_Calling,Labeling"]
    assert counts[1].example == TECHNIQUE_EXAMPLES["Slogans"]

    tree = assert_inert(render_html(report))
    items = tree.xpath("//ul[@class='techniques']/li")
    assert [i.get("data-technique") for i in items] == ["Name_Calling,Labeling", "Slogans"]
    first = items[0].text_content()
    assert "× 2" in first and TECHNIQUES["Name_Calling,Labeling"] in first
    assert [m.text_content() for m in items[0].xpath(".//mark")] == ["thugs", "crooks"]
    assert "Example: " + TECHNIQUE_EXAMPLES["Name_Calling,Labeling"] in first

    out = io.StringIO()
    print_summary(report, Console(file=out, width=100, color_system=None))
    printed = out.getvalue()
    listing = printed[printed.index("Propaganda techniques:") :]
    assert listing.index("  name calling / labeling ×2: ") < listing.index("  slogans ×1: ")


# A wire report quoting a voter (ReCOVery abc_news:8, cut): the MPNet mix flags her words as
# Slogans and the candidate's as Black-and-White (stop 46's note), words the report reports.
VOTER = (
    "Burundi votes amid violence\n\n"
    "The violence has dimmed hopes for those outside Burundi who will not be able to vote. Over "
    "330,000 refugees are sheltering in Tanzania, Uganda, Rwanda and Congo, according to U.N. "
    "figures.\n\n"
    '“These elections will not bring hope for us because we have lost so much," said Solange '
    'Teta, a refugee in Rwanda. “The ruling party candidate cannot alleviate our suffering."\n\n'
    "Sporadic violence persists."
)


def test_techniques_in_quoted_words_are_counted_and_shown_apart() -> None:
    """A technique found inside a quotation is the speaker's, not the article's: the summary
    says how many of its spans are quoted and lists the article's own techniques first; JSON,
    HTML and terminal say the same."""
    body = (
        "Those thugs betrayed the nation. “Make the nation proud again!” a voter said. "
        "“Those crooks lie,” she added."
    )
    report = _with_techniques(
        report_for(
            None,
            body,
            [
                (SignalKind.PROPAGANDA, "thugs"),
                (SignalKind.PROPAGANDA, "Make the nation proud again!"),
                (SignalKind.PROPAGANDA, "crooks"),
                (SignalKind.PROPAGANDA, "Those crooks lie"),
            ],
        ),
        ["Name_Calling,Labeling", "Slogans", "Name_Calling,Labeling", "Slogans"],
    )
    for signal in report.signals[1:]:
        signal.detail["quoted"] = True
    report = report.model_copy(update={"propaganda_techniques": technique_counts(report.signals)})
    counts = [(c.technique, c.count, c.quoted) for c in report.propaganda_techniques]
    # name calling: one of its two in the article's own words; slogans: only quoted
    assert counts == [("Name_Calling,Labeling", 2, 1), ("Slogans", 2, 2)]
    written = json.loads(report.model_dump_json())["propaganda_techniques"]
    assert [(e["count"], e["quoted"]) for e in written] == [(2, 1), (2, 2)]
    assert Report.model_validate_json(report.model_dump_json()) == report

    tree = assert_inert(render_html(report))
    items = tree.xpath("//ul[@class='techniques']/li")
    assert "× 2 (1 in quoted words)" in items[0].text_content()
    assert "× 2 (all 2 in quoted words)" in items[1].text_content()
    shown = [li.text_content() for li in items[0].xpath("./ul/li")]
    assert shown == ["thugs", "crooks (in quoted words)"]

    out = io.StringIO()
    print_summary(report, Console(file=out, width=120, color_system=None))
    printed = out.getvalue()
    assert "  name calling / labeling ×2 (1 in quoted words): " in printed
    assert "  slogans ×2 (all 2 in quoted words): " in printed


def test_a_report_without_quoted_counts_reads_and_writes_as_before() -> None:
    """A technique none of whose spans is quoted writes no ``quoted`` (a 1.5 report read back has
    none); a count under its quoted spans is refused."""
    report = _with_techniques(
        report_for(None, "Those thugs betrayed the nation.", [(SignalKind.PROPAGANDA, "thugs")]),
        ["Name_Calling,Labeling"],
    )
    [entry] = json.loads(report.model_dump_json())["propaganda_techniques"]
    assert "quoted" not in entry
    old = Report.model_validate({**json.loads(report.model_dump_json()), "schema_version": "1.5"})
    assert old.propaganda_techniques[0].quoted == 0
    assert old.propaganda_techniques[0].quoted_words() == ""
    with pytest.raises(ValueError, match="2 quoted spans of 1 found"):
        TechniqueCount.model_validate({**entry, "quoted": 2})


@pytest.mark.slow
def test_a_voter_quoted_in_a_wire_report_is_not_the_articles_technique() -> None:
    """Stop 46's case: a deep analysis of a wire report read a refugee's "These elections will
    not bring hope for us ..." as the article's Slogans; now each span in her words and the
    candidate's is marked quoted, says so, and the summary counts them as quoted."""
    report = analyze(article_from_text(VOTER), depth="deep", with_reliability=False)
    propaganda = [s for s in report.signals if s.kind == SignalKind.PROPAGANDA]
    voter = [s for s in propaganda if "bring hope for us" in s.quote]
    assert voter, [s.quote for s in propaganda]
    inside = [s for s in propaganda if s.start > report.text.index("“These")]
    for signal in inside:
        assert signal.detail["quoted"] is True
        assert "In quoted words: someone the article quotes uses it" in signal.explanation
    assert sum(c.quoted for c in report.propaganda_techniques) == len(inside)
    page = render_html(report)
    assert page.count("(in quoted words)</span>") == len(inside)


def test_no_techniques_no_section_and_no_json_key() -> None:
    report = report_for(None, "The meeting lasted two hours.", [])
    assert "Propaganda techniques" not in render_html(report)
    assert "propaganda_techniques" not in json.loads(report.model_dump_json())


@pytest.mark.slow
def test_deep_analysis_reports_each_technique_with_its_spans() -> None:
    report = analyze(article_from_text(ARTICLE), depth="deep", with_reliability=False)
    propaganda = [s for s in report.signals if s.kind == SignalKind.PROPAGANDA]
    assert propaganda
    by_technique = {c.technique: c.count for c in report.propaganda_techniques}
    assert sum(by_technique.values()) == len(propaganda)
    for signal in propaganda:
        assert by_technique[str(signal.detail["technique"])] >= 1
    page = lxml.html.document_fromstring(render_html(report))
    shown = {li.get("data-technique") for li in page.xpath("//ul[@class='techniques']/li")}
    assert shown == set(by_technique)
    assert json.loads(report.model_dump_json())["propaganda_techniques"][0]["count"] >= 1
    fast = analyze(article_from_text(ARTICLE), depth="fast", with_reliability=False)
    assert fast.propaganda_techniques == []
