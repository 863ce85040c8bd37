"""Beside the reliability score, a report says how many of its claims the reader's evidence index
refutes, disputes or supports, and names the refuted ones (probe s50 V7: an article three of
whose claims the index refutes read "RELIABLE 0.79" with no word of it). The score is the
model's and does not change."""

from __future__ import annotations

import json
from pathlib import Path

from tests.report.test_terminal import CLAIMS, render, report_with_claims
from tests.test_cli import veracity
from veracity.report.html import render_html
from veracity.report.schema import Report, Verdict

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "doping_case"


def _judged_report() -> Report:
    report = report_with_claims()
    labels = ["refuted", "supported", "not_enough_evidence", "refuted", "disputed"]
    for claim, label in zip(report.claims, labels, strict=False):
        claim.verdict = Verdict(label=label, confidence=0.8, explanation="1 passage")
    return report


def test_the_claims_verdicts_are_counted_and_the_refuted_ones_named_in_json() -> None:
    report = Report.model_validate(json.loads(_judged_report().model_dump_json()))
    counted = report.model_dump(mode="json")["evidence_verdicts"]
    assert counted["checked"] == 5
    assert (counted["refuted"], counted["disputed"], counted["supported"]) == (2, 1, 1)
    assert counted["not_enough_evidence"] == 1
    # in the article's order
    assert counted["refuted_claims"] == sorted([CLAIMS[0], CLAIMS[3]], key=report.text.index)
    assert counted["disputed_claims"] == [CLAIMS[4]]


def test_a_report_without_verdicts_has_no_count_and_no_line() -> None:
    report = report_with_claims()
    assert "evidence_verdicts" not in json.loads(report.model_dump_json())
    assert not any("Your evidence index" in line for line in render(report, width=200))
    assert 'class="verdicts"' not in render_html(report)


def test_the_terminal_and_the_html_report_say_it_beside_the_score() -> None:
    report = _judged_report()
    lines = render(report, width=200)
    text = "\n".join(lines)
    line = next(i for i, x in enumerate(lines) if x.startswith("Your evidence index:"))
    assert lines[line] == (
        "Your evidence index: of 5 claims checked, 2 refuted, 1 disputed, 1 supported, "
        "1 without enough evidence (the reliability score does not read them)"
    )
    # right under the score's block, before the signals
    assert line < next(i for i, x in enumerate(lines) if x.startswith("Signals ("))
    assert line > next(i for i, x in enumerate(lines) if x.startswith("Reliability:"))
    assert f"  Refuted: “{CLAIMS[0]}”" in text and f"  Disputed: “{CLAIMS[4]}”" in text
    page = render_html(report)
    assert page.index('class="verdicts"') < page.index("<h2>")
    assert "of 5 claims checked, 2 refuted" in page


def test_a_stored_report_of_an_older_schema_is_counted_when_read() -> None:
    dumped = json.loads(_judged_report().model_dump_json())
    dumped.pop("evidence_verdicts", None)
    dumped["schema_version"] = "1.7"
    assert Report.model_validate(dumped).evidence_verdicts is not None


def test_analyze_with_an_index_counts_its_refuted_claims_in_every_form(tmp_path: Path) -> None:
    """Through the command line: the JSON's count agrees with its claims' verdicts, and the HTML
    report of the same run says its line (the doping case's summary story, whose team-mate claim
    its documents refute; the terminal's line is the same words, tested above)."""
    index = tmp_path / "index"
    built = veracity("index", str(FIXTURE / "docs"), "--out", str(index))
    assert built.returncode == 0, built.stderr
    page = tmp_path / "report.html"
    article = str(FIXTURE / "article.txt")
    as_json = veracity(
        "analyze", article, "--index", str(index), "-f", "json", "--html", str(page), timeout=600
    )
    assert as_json.returncode == 0, as_json.stderr
    report = json.loads(as_json.stdout)
    counted = report["evidence_verdicts"]
    labels = [c["verdict"]["label"] for c in report["claims"] if c["verdict"]]
    assert counted["checked"] == len(labels) > 0
    assert counted["refuted"] == labels.count("refuted")
    assert counted["refuted_claims"] == [
        c["text"] for c in report["claims"] if c["verdict"] and c["verdict"]["label"] == "refuted"
    ]
    summary = Report.model_validate(report).evidence_verdicts
    assert summary is not None
    assert summary.summary() in page.read_text(encoding="utf-8")
