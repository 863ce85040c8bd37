"""``veracity analyze`` with several inputs: JSON array, JSON lines, CSV rows; a bad input costs
its own line and the exit code, not the other reports."""

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


def test_json_is_an_array_of_the_readable_inputs(inputs: list[str]) -> None:
    result = run("--format", "json", *inputs)
    assert result.exit_code == 1
    assert "error: " in result.stderr and "missing.txt" in result.stderr
    reports = [Report.model_validate(r) for r in json.loads(result.stdout)]
    assert [r.title for r in reports] == [
        "SHOCKING: You Won't Believe What Officials Are Hiding About The City Water Supply!",
        "Council publishes water test results",
    ]


def test_jsonl_is_one_report_per_line(inputs: list[str]) -> None:
    result = run("--format", "jsonl", inputs[0], inputs[2])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 2
    assert all(Report.model_validate_json(line).signals for line in lines)


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
