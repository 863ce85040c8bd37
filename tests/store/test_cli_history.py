"""`veracity db list` and `veracity db show`: the stored analyses read back from the CLI."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import update
from typer.testing import CliRunner

from tests.store.test_repository import make_report
from veracity.cli import app
from veracity.report.schema import Reliability
from veracity.settings import get_settings
from veracity.store import open_database, save_report
from veracity.store.models import AnalysisRow


@pytest.fixture
def stored_ids(database_url: str, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Two stored analyses (a scored one last), the store the CLI reads from."""
    database = open_database(database_url)
    reports = [
        make_report(title="Water supply questions in Millbrook", domain="millbrook-news.example"),
        make_report(
            title="Justin Bieber & Kourtney Kardashian: Why The Exes Still Talk",
            domain="hollywoodlife.com",
            model_version="reliability-2.test",
        ),
    ]
    with database.session(write=True) as session:
        ids = [save_report(session, report)[0].id for report in reports]
    database.dispose()
    monkeypatch.setenv("VERACITY_DATABASE_URL", database_url)
    get_settings.cache_clear()
    return ids


def test_db_show_prints_a_stored_analysis_as_analyze_prints_a_report(
    stored_ids: list[int], tmp_path: Path
) -> None:
    """Probe s42: a fact-checker's `batch --store` gave each row an analysis_id, and the CLI
    had no command to read one back (only `db upgrade`); the API and the web page could."""
    page = tmp_path / "report.html"
    result = CliRunner().invoke(
        app, ["db", "show", str(stored_ids[1]), "--html", str(page)], terminal_width=100
    )
    assert result.exit_code == 0, result.output
    assert f"Analysis #{stored_ids[1]}" in result.output
    assert "Justin Bieber & Kourtney Kardashian" in result.output
    assert "UNRELIABLE (score 0.25" in result.output
    assert "Vague attribution" in result.output or "vague attribution" in result.output
    assert "Justin Bieber &amp; Kourtney Kardashian" in page.read_text(encoding="utf-8")

    result = CliRunner().invoke(app, ["db", "show", str(stored_ids[0]), "--format", "json"])
    assert result.exit_code == 0, result.output
    stored = json.loads(result.output)  # as GET /v1/analyses/{id} answers
    assert stored["id"] == stored_ids[0] and stored["report"]["title"].startswith("Water supply")


def test_db_list_finds_stored_analyses_by_title_or_domain(stored_ids: list[int]) -> None:
    result = CliRunner().invoke(app, ["db", "list"], terminal_width=100)
    assert result.exit_code == 0, result.output
    # newest first, each with its id, score and publisher
    assert result.output.index("Justin Bieber") < result.output.index("Water supply")
    assert "0.25 unreliable" in result.output and "not scored" in result.output
    assert "1-2 of 2" in result.output

    result = CliRunner().invoke(app, ["db", "list", "millbrook", "--format", "json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)  # as GET /v1/analyses answers
    assert [item["id"] for item in listed["items"]] == [stored_ids[0]] and listed["total"] == 1


def test_db_list_says_why_an_analysis_has_no_score_and_aligns_the_scores(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe s47: `veracity db list` showed "not scored" where the web page's history said
    "not scored: too short", and its right-justified scores sat a column apart ("0.86
    reliable" under "0.43 uncertain")."""
    short = make_report(title="Short note", domain="short.example")
    short.reliability_status = "too_short"
    reports = [
        make_report(title="Scored reliable", domain="a.example", model_version="r.test"),
        make_report(title="Scored uncertain", domain="b.example", model_version="r.test"),
        short,
    ]
    reports[0].reliability = Reliability(score=0.86, label="reliable", model_version="r.test")
    reports[1].reliability = Reliability(score=0.43, label="uncertain", model_version="r.test")
    database = open_database(database_url)
    with database.session(write=True) as session:
        for report in reports:
            save_report(session, report)
    database.dispose()
    monkeypatch.setenv("VERACITY_DATABASE_URL", database_url)
    get_settings.cache_clear()
    result = CliRunner().invoke(app, ["db", "list"], terminal_width=120)
    assert result.exit_code == 0, result.output
    assert "not scored: too short" in result.output
    lines = result.output.splitlines()
    columns = {
        next(line for line in lines if word in line).index(word[:4])
        for word in ("0.86 reliable", "0.43 uncertain", "not scored: too short")
    }
    assert len(columns) == 1, result.output


def test_an_unknown_id_or_a_page_too_long_is_one_error_line(stored_ids: list[int]) -> None:
    result = CliRunner().invoke(app, ["db", "show", "999999"])
    assert result.exit_code != 0
    assert "no stored analysis has id 999999" in result.output
    assert "Traceback" not in result.output
    result = CliRunner().invoke(app, ["db", "list", "--limit", "500"])
    assert result.exit_code != 0 and "--limit is at most 100" in result.output


def test_an_offset_past_any_row_is_an_empty_page_not_an_internal_error(
    stored_ids: list[int],
) -> None:
    """Hostile round 9: `db list --offset 99999999999999999999` ended in "internal error:
    OverflowError: Python int too large to convert to SQLite INTEGER", exit 70 (the API
    bounds its offset; the CLI's option had no upper bound)."""
    for offset in ("99999999999999999999", str(2**63), str(2**31)):
        result = CliRunner().invoke(app, ["db", "list", "--offset", offset, "--format", "json"])
        assert result.exit_code == 0, result.output
        listed = json.loads(result.output)
        assert listed["items"] == [] and listed["total"] == 2


def test_a_stored_analysis_sends_no_terminal_control_to_the_terminal(
    database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Hostile round 9: `db list` and `db show` printed a stored analysis's title, text and
    publisher as the store held them, so a row an older version wrote (before ingest dropped
    C1 controls and direction overrides) or one changed in the database retitled the window
    (OSC), cleared the screen (CSI, U+009B) or showed the rest of a line reversed (U+202E)."""
    hostile = "Evil\x1b]0;pwned\x07 \x9b2J title\r \u202etxt.exe"
    report = make_report(title=hostile, domain="news.example")
    report = report.model_copy(update={"source_domain": "x\x1b[31m.example"})
    database = open_database(database_url)
    with database.session(write=True) as session:
        analysis_id = save_report(session, report)[0].id
    database.dispose()
    monkeypatch.setenv("VERACITY_DATABASE_URL", database_url)
    get_settings.cache_clear()
    page = tmp_path / "report.html"
    for args in (["db", "list"], ["db", "show", str(analysis_id), "--html", str(page)]):
        result = CliRunner().invoke(app, args, terminal_width=100)
        assert result.exit_code == 0, result.output
        assert "pwned" in result.output and "txt.exe" in result.output  # shown, made inert
        for acted_on in ("\x1b", "\x9b", "\x07", "\r", "\u202e"):
            assert acted_on not in result.output, (args, acted_on)
    assert "\u202e" not in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("column", "value", "commands"),
    [
        ("created_at", "'not a time'", ("list", "show")),
        ("reliability_score", "'abc'", ("list",)),
        ("signal_count", "'many'", ("list",)),
        ("model_versions", "'not json'", ("show",)),
        ("model_versions", "'[1, 2]'", ("show",)),
        ("model_versions", "printf('%.100000c', '[') || printf('%.100000c', ']')", ("show",)),
        ("report", "'{not json'", ("show",)),
        ("report", "printf('%.100000c', '[') || printf('%.100000c', ']')", ("show",)),
    ],
)
def test_a_row_changed_in_the_database_is_one_clear_error_not_an_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, column: str, value: str, commands: tuple
) -> None:
    """Round 10: round 7 made a stored report this version cannot read one clear error, but the
    row's other columns were read as they were, and SQLite keeps a value of any type in any
    column: a row changed by hand (a time that is no time, a score or a count that is text,
    model versions or a report that are no JSON, or JSON nested past Python's limit) ended
    `veracity db list` or `db show` in "internal error" (exit 70), and the API's history and
    analysis routes in a bare 500. Each is one error naming the analysis (exit 9, 409). A
    report that is no JSON made the whole history a database error (exit 9, 503 "the database
    is unavailable"): SQLite's JSON functions refuse it as the history reads each status; the
    history now lists it (without a status) and `db show` names it."""
    import sqlite3

    from veracity.store.repository import UnreadableAnalysisError

    url = f"sqlite:///{tmp_path / 'veracity.db'}"
    database = open_database(url)
    with database.session(write=True) as session:
        analysis_id = save_report(session, make_report())[0].id
    database.dispose()
    with sqlite3.connect(tmp_path / "veracity.db") as edited:
        edited.execute(f"update analyses set {column} = {value}")
    monkeypatch.setenv("VERACITY_DATABASE_URL", url)
    get_settings.cache_clear()
    for command in commands:
        args = ["db", "list"] if command == "list" else ["db", "show", str(analysis_id)]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == UnreadableAnalysisError.exit_code, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and "does not read" in lines[0], result.output
        assert "internal error" not in result.output
        if command == "show" or column != "created_at":
            assert f"analysis {analysis_id} " in lines[0]
    if column == "report":
        listed = CliRunner().invoke(app, ["db", "list", "--format", "json"])
        assert listed.exit_code == 0, listed.output
        [item] = json.loads(listed.output)["items"]
        assert item["id"] == analysis_id and item["reliability_status"] is None


def test_db_show_html_says_when_the_analysis_was_made(
    stored_ids: list[int], database_url: str, tmp_path: Path
) -> None:
    """Probe s46: `db show ID --html` wrote "made" with the time the page was written, so a
    report stored last week read as made today, while `db show` and the web page said when."""
    made = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    database = open_database(database_url)
    with database.session(write=True) as session:
        session.execute(
            update(AnalysisRow).where(AnalysisRow.id == stored_ids[1]).values(created_at=made)
        )
    database.dispose()
    page = tmp_path / "report.html"
    result = CliRunner().invoke(
        app, ["db", "show", str(stored_ids[1]), "--html", str(page)], terminal_width=100
    )
    assert result.exit_code == 0, result.output
    assert "stored 2026-01-02 03:04 UTC" in result.output
    html = page.read_text(encoding="utf-8")
    assert '<time datetime="2026-01-02T03:04:05+00:00">2026-01-02 03:04 UTC</time>' in html
