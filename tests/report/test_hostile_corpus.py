"""The hostile corpus (tests/fixtures/hostile/) rendered as HTML reports holds no active content,
parsed both by libxml2 and as a browser parses (html5lib), and shows the payloads as text."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from tests.hostile import HOSTILE_DIR, active_content, check_report, parse_with_html5lib
from veracity.ingest import Article, article_from_html, article_from_text
from veracity.pipeline import analyze
from veracity.report.html import render_html

CORPUS = sorted(p for p in HOSTILE_DIR.iterdir() if p.suffix in {".txt", ".html"})
HOSTILE_URL = "javascript:window.__pwned='url'//\"><script>window.__pwned='url'</script>"


def hostile_article(path: Path) -> Article:
    """The article as the API builds it: ``.txt`` as pasted text, ``.html`` as a page."""
    if path.suffix == ".html":
        return article_from_html(path.read_bytes(), source_url=HOSTILE_URL, source_domain="x")
    return article_from_text(path.read_text(encoding="utf-8"), source_url=HOSTILE_URL)


def test_the_corpus_is_there() -> None:
    assert {p.suffix for p in CORPUS} == {".txt", ".html"} and len(CORPUS) >= 5


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_report_of_a_hostile_article_is_inert(path: Path) -> None:
    report = analyze(hostile_article(path), depth="fast")
    assert report.signals, "the corpus is written to trigger detectors next to the payloads"
    check_report(report, render=False)
    page = render_html(report)
    assert active_content(page, parse=lxml.html.document_fromstring) == []
    assert active_content(page, parse=parse_with_html5lib) == []
    tree = parse_with_html5lib(page)
    shown = "".join(tree.itertext())
    assert HOSTILE_URL in shown  # the source URL is text, never a link
    assert not tree.xpath("//a")
    if "<script>" in report.text:
        assert "<script>" in shown  # payloads kept in the text are shown, escaped
    for mark in tree.xpath("//mark"):
        assert mark.get("title") is not None  # explanations stay inside their attribute


def test_scripts_and_markup_of_a_hostile_page_never_reach_the_text() -> None:
    report = analyze(hostile_article(HOSTILE_DIR / "hostile-page.html"), depth="fast")
    for leak in ("head-script", "body-onload", "evil.example", "password", "iframe"):
        assert leak not in report.text
    assert "<script>window.__pwned='escaped'</script>" in report.text  # was text in the page


@pytest.mark.parametrize("parse", [lxml.html.document_fromstring, parse_with_html5lib])
def test_the_checker_finds_active_content_when_text_is_not_escaped(parse) -> None:
    """The same payloads pasted raw into a page are caught: the checks above can fail."""
    raw = "".join(p.read_text(encoding="utf-8") for p in CORPUS)
    found = " ".join(active_content(f"<html><body>{raw}</body></html>", parse=parse))
    for expected in ("<script> element", "onerror", "onload", "javascript:", "<iframe>", "<form>"):
        assert expected in found
