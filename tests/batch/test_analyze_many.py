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
    assert "clickbait" in rows[0]["signals"]
    assert "reuters.com" in rows[0]["outlets"]


def test_one_input_keeps_the_single_report(inputs: list[str]) -> None:
    result = run("--format", "json", inputs[2])
    assert result.exit_code == 0, result.output
    assert Report.model_validate(json.loads(result.stdout)).title == SECOND.split("\n")[0]


def test_html_with_several_inputs_is_refused(inputs: list[str], tmp_path: Path) -> None:
    result = run("--html", str(tmp_path / "r.html"), inputs[0], inputs[2])
    assert result.exit_code == 2 and "one input" in result.output
