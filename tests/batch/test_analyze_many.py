"""``veracity analyze`` with several inputs: JSON array, JSON lines, CSV rows, one record per input
in order; a bad input keeps its record (its path and error) and costs the exit code, not the
other reports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLE_ARTICLE
from veracity.batch.row import FLAT_COLUMNS
from veracity.cli import app
from veracity.report.schema import Report

SECOND = (
    "Council publishes water test results\n\n"
    "The city council published the results of 40 water tests on Friday, according to a "
    "statement from the transport department. Experts say the levels are normal."
)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("many")
    second = folder / "second.txt"
    second.write_text(SECOND, encoding="utf-8")
    return [str(EXAMPLE_ARTICLE), str(folder / "missing.txt"), str(second)]


def run(*args: str):
    return CliRunner().invoke(app, ["analyze", "--fast", *args])


def test_json_is_an_array_of_one_record_per_input_in_order(inputs: list[str]) -> None:
    result = run("--format", "json", *inputs)
    assert result.exit_code == 1
    assert "error: " in result.stderr and "missing.txt" in result.stderr
    records = json.loads(result.stdout)
    assert [(r["index"], r["id"]) for r in records] == list(enumerate(inputs))
    failed = records[1]
    assert set(failed) == {"index", "id", "error"}
    assert failed["error"].startswith("no such file") and "\n" not in failed["error"]
    assert failed["error"] in result.stderr
    reports = [Report.model_validate(records[i]) for i in (0, 2)]
    assert records[0]["error"] is None and records[2]["error"] is None
    assert [r.title for r in reports] == [
        "SHOCKING: You Won't Believe What Officials Are Hiding About The City Water Supply!",
        "Council publishes water test results",
    ]


def test_jsonl_is_one_record_per_line_failed_ones_included(inputs: list[str]) -> None:
    result = run("--format", "jsonl", *inputs)
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.strip().split("\n")]
    assert [(r["index"], r["id"]) for r in records] == list(enumerate(inputs))
    assert records[1]["error"].startswith("no such file") and "signals" not in records[1]
    assert all(Report.model_validate(records[i]).signals for i in (0, 2))


def test_jsonl_of_readable_inputs_exits_zero(inputs: list[str]) -> None:
    result = run("--format", "jsonl", inputs[0], inputs[2])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.strip().split("\n")]
    assert [r["id"] for r in records] == [inputs[0], inputs[2]]
    assert [r["error"] for r in records] == [None, None]


def test_every_input_failing_still_gives_its_records(tmp_path: Path) -> None:
    missing = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    result = run("--format", "json", *missing)
    assert result.exit_code == 1
    assert [r["id"] for r in json.loads(result.stdout)] == missing


def test_csv_is_one_row_per_file_failed_ones_included(inputs: list[str]) -> None:
    result = run("--format", "csv", *inputs)
    assert result.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == FLAT_COLUMNS
    assert [r["id"] for r in rows] == inputs
    assert rows[1]["error"].startswith("no such file") and not rows[1]["score"]
    assert rows[0]["label"] in {"reliable", "uncertain", "unreliable"}
    # the reports' label, not the kind's code (8ba8105)
    assert "Clickbait headline" in rows[0]["signals"]
    assert "reuters.com" in rows[0]["outlets"]


def test_one_input_keeps_the_single_report(inputs: list[str]) -> None:
    result = run("--format", "json", inputs[2])
    assert result.exit_code == 0, result.output
    assert Report.model_validate(json.loads(result.stdout)).title == SECOND.split("\n")[0]


def test_html_with_several_inputs_is_refused(inputs: list[str], tmp_path: Path) -> None:
    result = run("--html", str(tmp_path / "r.html"), inputs[0], inputs[2])
    assert result.exit_code == 2 and "one input" in result.output


def test_summarize_reads_analyze_jsonl_as_the_rows_of_its_inputs(
    inputs: list[str], tmp_path: Path
) -> None:
    """probe5: `summarize` read a report line as a batch row with no score: 'mean reliability
    n/a', 'not scored: 2 (scored 2)'."""
    from veracity.batch.writers import read_results

    result = run("--format", "jsonl", *inputs)
    out = tmp_path / "reports.jsonl"
    out.write_text(result.stdout, encoding="utf-8")
    rows = list(read_results(out))
    assert [(r["index"], r["id"]) for r in rows] == list(enumerate(inputs))
    assert rows[1]["error"].startswith("no such file") and rows[1]["score"] is None
    assert rows[0]["error"] is None and isinstance(rows[0]["score"], float)
    assert rows[0]["label"] in {"reliable", "uncertain", "unreliable"}
    assert rows[0]["signal_counts"]["clickbait"] >= 1
    # the short second article is not scored, and says why, as its report does
    assert rows[2]["error"] is None and rows[2]["score"] is None
    assert rows[2]["reliability_status"] == "too_short"
    summary = CliRunner().invoke(app, ["summarize", str(out), "--html", str(tmp_path / "s.html")])
    assert summary.exit_code == 0, summary.output
    assert "3 rows summarised" in summary.output and "1 not analysed" in summary.output
