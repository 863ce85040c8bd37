"""An article the model cannot judge: no score, a status and a note in every output, exit 0."""

from __future__ import annotations

import json

import pytest

from tests.test_cli import veracity_in_process
from veracity.batch.analysis import project_report
from veracity.batch.readers import InputRecord
from veracity.ingest import article_from_text
from veracity.pipeline import analyze
from veracity.report.html import render_html
from veracity.report.schema import Report

SPANISH = (
    "El gobierno anunció hoy que la economía creció un tres por ciento en el último trimestre, "
    "según datos oficiales publicados por el instituto nacional de estadística. Los analistas "
    "esperaban un crecimiento menor, y la oposición pidió explicaciones sobre el gasto público."
)


@pytest.mark.parametrize(("text", "status"), [("Short.", "too_short"), (SPANISH, "not_english")])
def test_report_html_and_batch_row_say_why_there_is_no_score(text: str, status: str) -> None:
    report = analyze(article_from_text(text), depth="fast")
    assert report.reliability is None and report.reliability_status == status
    assert report.notes[0].startswith("No reliability score")
    assert Report.model_validate_json(report.model_dump_json()) == report
    assert "Not scored" in render_html(report)
    row = project_report(InputRecord(index=0, id="a", title=None, url=None, text=text), report)
    assert row.score is None and row.reliability_status == status
    assert row.notes[0] == report.notes[0]


def test_cli_answers_short_text_with_a_note_and_exit_zero() -> None:
    summary = veracity_in_process("analyze", "-", "--fast", stdin=b"Short.")
    assert summary.returncode == 0, summary.stderr
    assert "not scored: too short" in summary.stdout
    as_json = veracity_in_process("analyze", "-", "--fast", "--format", "json", stdin=b"Short.")
    assert as_json.returncode == 0
    report = json.loads(as_json.stdout)
    assert report["reliability"] is None and report["reliability_status"] == "too_short"
