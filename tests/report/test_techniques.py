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
from veracity.report.schema import Report, SignalKind
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
