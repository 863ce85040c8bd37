"""One article against the store's history and an evidence index (``analyze --corroborate``)."""

from __future__ import annotations

import html
import json
from pathlib import Path

from rich.console import Console

from tests.corroborate.conftest import council_articles, quake_articles, quake_evidence_index
from tests.test_cli import veracity_in_process
from veracity.ingest import article_from_text
from veracity.pipeline import analyze, corroborate_report
from veracity.report.terminal import print_summary
from veracity.store import open_database, save_report


def _store(database_url: str, articles) -> None:
    database = open_database(database_url)
    try:
        with database.session(write=True) as session:
            for article in articles:
                domain = article.publisher.lower().replace(" ", "") + ".example"
                report = analyze(
                    article_from_text(
                        article.text,
                        title=article.title,
                        source_url=f"https://{domain}/{article.id}",
                        source_domain=domain,
                    ),
                    depth="fast",
                )
                save_report(session, report)
    finally:
        database.dispose()


def _outlier_report():
    outlier = next(a for a in quake_articles() if a.id == "outlier")
    return analyze(article_from_text(outlier.text, title=outlier.title), depth="fast")


def test_an_article_is_compared_with_the_stored_analyses(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    _store(url, [a for a in quake_articles() + council_articles() if a.id != "outlier"])
    before = _outlier_report()
    report = corroborate_report(before, database_url=url)
    corroboration = report.corroboration
    assert corroboration is not None
    assert corroboration.independent_origins == 4  # the wire and its reprint: one origin
    tolls = [c for c in corroboration.claims if "300" in c.figures]
    assert tolls and tolls[0].status == "contradicted"
    assert {"32"} == {f for a in tolls[0].contradicted_by for f in a.figures}
    assert report.reliability.score < before.reliability.score
    assert report.reliability.model_version.startswith("corroboration-1+")
    assert "corroboration" not in before.model_dump()
    console = Console(record=True, width=200)
    print_summary(report, console)
    shown = console.export_text()
    assert "Corroboration: 3 other independent origin(s) report this event" in shown
    assert "Figure contradicted by 3 independent outlet(s)" in shown
    # the reasons shown are the model's, for the score before corroboration moved it
    assert report.notes[-1].startswith("Corroboration moved the reliability score from ")
    assert "Corroboration moved the reliability score from" in shown


def test_articles_without_a_domain_are_named_as_a_reader_knows_them(tmp_path: Path) -> None:
    """Pasted text has no domain: the article was 'article this article' and a stored one
    'article stored-2' (probe5, the API with "corroborate": true)."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    database = open_database(url)
    try:
        with database.session(write=True) as session:
            for article in quake_articles():
                if article.id not in ("outlier", "copy"):
                    report = analyze(
                        article_from_text(article.text, title=article.title), depth="fast"
                    )
                    save_report(session, report)
    finally:
        database.dispose()
    corroboration = corroborate_report(_outlier_report(), database_url=url).corroboration
    assert corroboration.origin == "this article"
    assert corroboration.other_origins
    assert all(o.startswith("stored article #") for o in corroboration.other_origins)


def test_a_stored_story_that_shares_names_but_not_meaning_is_another_event(
    tmp_path: Path,
) -> None:
    """MiniLM confirms the grouping against the store as it does in a batch: on wording alone a
    stored story on another matter joined the pasted article's event (probe5: the bundled
    example's water scare counted as another origin of a flood-plan story)."""
    from tests.corroborate.test_corpus import spanish_stories

    protest, tourism = spanish_stories()
    url = f"sqlite:///{tmp_path / 'store.db'}"
    database = open_database(url)
    try:
        with database.session(write=True) as session:
            stored = analyze(article_from_text(tourism.text, title=tourism.title), depth="fast")
            save_report(session, stored)
    finally:
        database.dispose()
    pasted = analyze(article_from_text(protest.text, title=protest.title), depth="fast")
    corroboration = corroborate_report(pasted, database_url=url).corroboration
    assert corroboration.independent_origins == 1


def test_an_empty_store_and_an_evidence_index(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    report = corroborate_report(_outlier_report(), database_url=url)
    alone = report.corroboration
    assert alone.independent_origins == 1
    assert {c.status for c in alone.claims} == {"no_other_origin"}
    # an empty store: its "no other independent origin" says nothing of other outlets, and a
    # note says so where the report shows its notes (probe5: none did)
    assert any(n.startswith("Corroboration had nothing to compare with") for n in report.notes)
    assert alone.notes == [n for n in report.notes if n.startswith("Corroboration had")]
    index = quake_evidence_index(tmp_path)
    with_index = corroborate_report(_outlier_report(), database_url=url, index=index)
    assert not any("nothing to compare" in n for n in with_index.notes)
    found = with_index.corroboration
    assert found.independent_origins == 3
    tolls = [c for c in found.claims if "300" in c.figures]
    assert tolls[0].status == "contradicted" and tolls[0].contradicting_origins == 2


def test_no_other_origin_is_said_once_not_once_per_claim(tmp_path: Path) -> None:
    """probe s47 U5: "Corroboration: 0 other independent origin(s) report this event", then
    "Claim reported by no other outlet." under each claim, read as so many strikes. One line
    says it for every claim, in the terminal, the HTML report and the JSON's signals; each
    claim keeps its machine-readable status."""
    from veracity.report.html import render_html

    report = corroborate_report(_outlier_report(), database_url=f"sqlite:///{tmp_path / 'e.db'}")
    alone = report.corroboration
    assert len(alone.claims) >= 2 and {c.status for c in alone.claims} == {"no_other_origin"}
    assert alone.signals == []
    once = (
        f"No other independent origin reports this event, so none of its {len(alone.claims)} "
        "claim(s) with figures could be compared with another outlet's report"
    )
    console = Console(record=True, width=400)
    print_summary(report, console)
    shown = console.export_text()
    assert f"Corroboration: {once}\n" in shown
    assert shown.count(once) == 1 and "Claim reported by no other outlet" not in shown
    page = render_html(report)
    section = page[page.index("<h2>Corroboration</h2>") :]
    assert f"<p>{html.escape(once)};" in section
    assert "corroboration-no_other_origin" not in section and "<ol>" not in section


def test_the_cli_reports_corroboration_and_refuses_a_missing_index(tmp_path: Path) -> None:
    article = tmp_path / "outlier.txt"
    outlier = next(a for a in quake_articles() if a.id == "outlier")
    article.write_text(f"{outlier.title}\n\n{outlier.text}", encoding="utf-8")
    env = {"VERACITY_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}
    result = veracity_in_process(
        "analyze", str(article), "--fast", "--corroborate", "-f", "json", env=env
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["corroboration"]["independent_origins"] == 1
    plain = veracity_in_process("analyze", str(article), "--fast", "-f", "json", env=env)
    assert "corroboration" not in json.loads(plain.stdout)
    missing = veracity_in_process(
        "analyze", str(article), "--fast", "--corroborate", "--index", str(tmp_path / "no"), env=env
    )
    assert missing.returncode != 0
    assert missing.stderr.startswith("error:") and "Traceback" not in missing.stderr


def test_the_html_report_shows_the_corroboration(tmp_path: Path) -> None:
    from veracity.report.html import render_html

    url = f"sqlite:///{tmp_path / 'store.db'}"
    _store(url, [a for a in quake_articles() if a.id != "outlier"])
    before = _outlier_report()
    page = render_html(corroborate_report(before, database_url=url))
    assert "<h2>Corroboration</h2>" in page
    assert "3 other independent origin(s) report this event" in page
    section = page[page.index("<h2>Corroboration</h2>") :]
    assert 'class="corroboration-contradicted"' in section and "Other figures:" in section
    assert "nationalbroadcaster.example: 32" in section
    assert "Corroboration" not in render_html(before)
