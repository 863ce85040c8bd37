"""A report's claim names who says it where the text does (schema 1.7): an embedded post's
poster, a transcript's speaker, read as `veracity claims` reads them, in every renderer."""

from __future__ import annotations

import io
import json

from rich.console import Console

from veracity.claims.triage import claim_speakers
from veracity.ingest import Article
from veracity.pipeline import analyze
from veracity.report.html import render_html
from veracity.report.schema import SCHEMA_VERSION, Report
from veracity.report.terminal import print_summary

POSTED = (
    "The president attacked kneeling players at a rally in Alabama on Friday night, and the "
    "league answered on Sunday.\n\n"
    "Unemployment among young black men fell to 7.2 percent in 2017, the lowest rate since "
    "records began in 1972.\n\n"
    "— Bishop Sankey (@BishopSankey) September 23, 2017\n\n"
    "The league said 28 players knelt during the anthem on Sunday, up from 6 players a week "
    "earlier.\n"
)
POST = (
    "Unemployment among young black men fell to 7.2 percent in 2017, the lowest rate since "
    "records began in 1972."
)
OWN = "The league said 28 players knelt during the anthem on Sunday, up from 6 players a week earlier."


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_claim_speakers_are_the_posts_and_the_turns_as_claims_reads_them() -> None:
    assert claim_speakers(POSTED, [_span(POSTED, OWN), _span(POSTED, POST)]) == [
        None,
        "Bishop Sankey (@BishopSankey)",
    ]
    transcript = (
        "HOLT: Let me ask you about jobs.\n"
        "TRUMP: We lost 70,000 factories since China joined the World Trade Organization.\n"
        "CLINTON: Well, the unemployment rate fell to 4.9 percent last month.\n"
    )
    said = ["We lost 70,000 factories", "the unemployment rate fell to 4.9 percent last month."]
    assert claim_speakers(transcript, [_span(transcript, s) for s in said]) == [
        "TRUMP",
        "CLINTON",
    ]
    assert claim_speakers("Crime rose 40% downtown last year, police said.", [(0, 20)]) == [None]
    assert claim_speakers(POSTED, []) == []


def test_an_analysed_posts_claim_names_its_poster_in_every_output() -> None:
    report = analyze(Article(text=POSTED), depth="deep")
    assert report.schema_version == SCHEMA_VERSION >= "1.7"
    speakers = {claim.text: claim.speaker for claim in report.claims}
    assert speakers[POST] == "Bishop Sankey (@BishopSankey)"
    assert speakers[OWN] is None
    written = json.loads(report.model_dump_json())
    [posted] = [c for c in written["claims"] if c["text"] == POST]
    assert posted["speaker"] == "Bishop Sankey (@BishopSankey)"
    assert all("speaker" not in c for c in written["claims"] if c["text"] != POST)  # absent
    assert Report.model_validate(written) == report
    out = io.StringIO()
    print_summary(report, Console(file=out, width=400, color_system=None))
    assert "1972.” — Bishop Sankey (@BishopSankey)" in out.getvalue()
    assert "earlier.” — " not in out.getvalue()
    page = render_html(report)
    assert "1972.</bdi>&rdquo; &mdash; <bdi>Bishop Sankey (@BishopSankey)</bdi>" in page
