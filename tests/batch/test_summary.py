import base64
import hashlib
import html
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.batch.conftest import write_jsonl
from veracity.batch import BatchJob, InputSpec, run_batch, summarize_results, write_summary_html
from veracity.batch.summary import LOWEST_SHOWN
from veracity.cli import app
from veracity.errors import InputError


def result_row(index: int, score: float | None, **extra) -> dict:
    return {
        "index": index,
        "id": f"a{index}",
        "title": f"Story {index}",
        "url": f"https://example.org/{index}",
        "score": score,
        "label": None if score is None else "unreliable" if score < 0.4 else "reliable",
        "n_signals": 2,
        "signal_counts": {"clickbait": 1, "loaded_language": 1},
        "top_signals": [
            {"kind": "clickbait", "detector": "clickbait", "weight": 0.8, "quote": "SHOCKING"}
        ],
        "outlets": [],
        "debunks": [],
        "error": None,
        **extra,
    }


def test_counts_scores_signals_outlets_debunks_and_errors() -> None:
    rows = [result_row(i, i / 100) for i in range(100)]
    rows[5]["outlets"] = [
        {"outlet": "Reuters", "domain": "reuters.com", "factuality": "high", "bias": "center"}
    ]
    rows[6]["outlets"] = rows[5]["outlets"] + [
        {"outlet": "InfoWars", "factuality": "low", "bias": "right"},
        {"outlet": "Daily Planet", "factuality": "mixed", "bias": "center", "role": "publisher"},
    ]
    rows[7]["debunks"] = [{"title": "Pope endorses Trump", "url": "https://snopes.com/x"}]
    rows.append({"index": 100, "id": "bad", "error": "line 101 is not valid JSON: Expecting value"})
    summary = summarize_results(rows)
    assert (summary.rows, summary.errors, summary.scored) == (101, 1, 100)
    assert sum(summary.score_bins) == 100 and summary.score_bins[0] == 5
    assert summary.mean_score == pytest.approx(0.495)
    assert summary.signal_kinds["clickbait"] == 100
    assert summary.outlets == {"Reuters": 2, "InfoWars": 1}
    assert summary.publishers == {"Daily Planet": 1}
    assert summary.outlet_ratings["InfoWars"] == ("low", "right")
    assert summary.debunks == {"Pope endorses Trump": 1}
    assert summary.error_reasons == {"line N is not valid JSON: Expecting value": 1}
    lowest = summary.lowest
    assert len(lowest) == LOWEST_SHOWN
    assert [row["id"] for row in lowest[:3]] == ["a0", "a1", "a2"]


def test_without_scores_the_most_flagged_come_first() -> None:
    rows = [result_row(i, None, n_signals=i % 7) for i in range(30)]
    assert [row["n_signals"] for row in summarize_results(rows).lowest[:3]] == [6, 6, 6]


def test_an_article_not_scored_is_never_among_the_lowest_scored(tmp_path: Path) -> None:
    # a French, a too-short and an out-of-scope article (no score: the model did not judge
    # them) had led the "Lowest-scored articles" table, above every article scored unreliable
    rows = [result_row(i, 0.3 + i / 100) for i in range(30)]
    for index, status in ((30, "not_english"), (31, "too_short"), (32, "out_of_scope")):
        rows.append(result_row(index, None, reliability_status=status, n_signals=5))
    summary = summarize_results(rows)
    assert [row["id"] for row in summary.lowest[:3]] == ["a0", "a1", "a2"]
    assert len(summary.lowest) == LOWEST_SHOWN
    assert all(row["score"] is not None for row in summary.lowest)
    write_summary_html(write_jsonl(tmp_path / "results.jsonl", rows), tmp_path / "summary.html")
    page = (tmp_path / "summary.html").read_text(encoding="utf-8")
    assert "not scored: 3 (not English 1, too short 1, out of scope 1)" in page


def test_a_corpus_the_model_abstained_on_says_why_not_that_no_model_ran(tmp_path: Path) -> None:
    rows = [result_row(i, None, reliability_status="not_english") for i in range(4)]
    write_summary_html(write_jsonl(tmp_path / "results.jsonl", rows), tmp_path / "summary.html")
    page = (tmp_path / "summary.html").read_text(encoding="utf-8")
    assert "not scored: 4 (not English 4)" in page
    assert "no reliability model" not in page
    assert "Most-flagged articles" in page  # nothing scored: ranked by their signals


def test_html_is_offline_and_escapes_text(tmp_path: Path) -> None:
    rows = [result_row(i, i / 10) for i in range(10)]
    rows[0]["title"] = "<script>alert('title')</script>"
    rows[0]["url"] = "javascript:alert(1)"
    rows[1]["outlets"] = [
        {"outlet": "<img src=x onerror=alert(2)>", "factuality": "low", "bias": "x"}
    ]
    results = write_jsonl(tmp_path / "results.jsonl", rows)
    write_summary_html(results, tmp_path / "summary.html")
    page = (tmp_path / "summary.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page
    assert re.search(r"<script[^>]*\bsrc=", page) is None and "Plotly.newPlot" in page
    assert page.count("plotly.js v") <= 2  # the library is inlined once, not per chart
    assert "Reliability score distribution" in page and "Most-cited outlets" in page


def test_summary_of_a_real_batch_run(tmp_path: Path, small_jsonl: Path) -> None:
    out = tmp_path / "out.parquet"
    run_batch(BatchJob(input=InputSpec.for_path(small_jsonl), out=out))
    summary = write_summary_html(out, tmp_path / "summary.html")
    assert summary.rows == 12 and summary.errors == 0
    assert summary.signal_kinds["vague_attribution"] > 0
    page = (tmp_path / "summary.html").read_text(encoding="utf-8")
    assert "Signal kinds by frequency" in page
    lowest = summary.lowest[0]
    assert lowest["score"] is not None and str(lowest["title"]) in page
    assert all(row["score"] is not None for row in summary.lowest)
    unscored = sum(summary.unscored.values())
    assert summary.scored + unscored == 12 and f"not scored: {unscored}" in page


def test_stored_reports_are_linked(tmp_path: Path) -> None:
    rows = [result_row(i, i / 10, analysis_id=100 + i) for i in range(3)]
    results = write_jsonl(tmp_path / "results.jsonl", rows)
    url = "http://localhost:8000/v1/analyses/{analysis_id}"
    write_summary_html(results, tmp_path / "s.html", report_url=url)
    page = (tmp_path / "s.html").read_text(encoding="utf-8")
    assert 'href="http://localhost:8000/v1/analyses/100"' in page
    with pytest.raises(InputError, match="analysis_id"):
        write_summary_html(results, tmp_path / "s.html", report_url="http://x/")


def test_results_of_an_unknown_format_are_named_as_results_not_as_out(tmp_path: Path) -> None:
    # the summarize command takes no --out, but its error named one
    (tmp_path / "results.txt").write_text("{}\n")
    with pytest.raises(InputError, match=r"batch results must end in \.jsonl") as refused:
        write_summary_html(tmp_path / "results.txt", tmp_path / "s.html")
    assert "--out" not in str(refused.value)


def test_empty_results_are_refused(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("")
    with pytest.raises(InputError, match="no result rows"):
        write_summary_html(tmp_path / "empty.jsonl", tmp_path / "s.html")


def test_malformed_rows_are_reported_and_never_reach_the_page_as_markup(tmp_path: Path) -> None:
    """Attack 6: an edited results file put `n_signals` into the page unescaped, and rows of
    the wrong types crashed `veracity summarize` (exit 70)."""
    rows = [result_row(i, i / 10) for i in range(6)]
    rows[0]["n_signals"] = "<script>alert('n_signals')</script>"
    rows[1]["n_signals"] = "abc"
    rows[2]["signal_counts"] = {"x": "y"}
    rows[3]["score"] = float("nan")
    rows[4]["score"] = 7
    rows[5]["title"] = {"<b>nested</b>": ["<img src=x onerror=alert(3)>"]}
    results = write_jsonl(tmp_path / "results.jsonl", rows)
    result = CliRunner().invoke(
        app, ["summarize", str(results), "--html", str(tmp_path / "summary.html")]
    )
    assert result.exit_code == 0, result.output
    page = (tmp_path / "summary.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>nested" not in page
    summary = summarize_results(rows)
    assert (summary.rows, summary.errors, summary.malformed, summary.scored) == (6, 5, 5, 1)
    reasons = " | ".join(summary.error_reasons)
    for field in ("n_signals", "signal_counts.x", "score"):
        assert f"malformed result row: {field}:" in reasons
    assert "Rows not analysed (5)" in page and "malformed result row: n_signals" in page
    # The one sound row is listed; its dict title is shown as escaped text.
    assert "&lt;b&gt;nested&lt;/b&gt;" in page


def test_page_policy_allows_exactly_the_chart_scripts(tmp_path: Path) -> None:
    rows = [result_row(i, i / 10) for i in range(10)]
    results = write_jsonl(tmp_path / "results.jsonl", rows)
    write_summary_html(results, tmp_path / "summary.html")
    page = (tmp_path / "summary.html").read_text(encoding="utf-8")
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert policy is not None
    directives = dict(d.strip().split(" ", 1) for d in html.unescape(policy.group(1)).split(";"))
    assert directives["default-src"] == "'none'"
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", page, re.S)
    assert scripts and "'unsafe-inline'" not in directives["script-src"]
    allowed = set(directives["script-src"].split())
    for code in scripts:
        digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed
    assert len(allowed) == len(set(scripts))


def test_summarize_says_how_many_rows_were_not_analysed(tmp_path: Path) -> None:
    rows = [result_row(i, i / 10) for i in range(4)]
    rows[1] = {"index": 1, "id": "a1", "error": "empty text"}
    rows[2]["n_signals"] = "many"
    results = write_jsonl(tmp_path / "results.jsonl", rows)
    out = tmp_path / "summary.html"
    result = CliRunner().invoke(app, ["summarize", str(results), "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert (
        f"4 rows summarised in {out}; 2 not analysed (1 of them malformed rows of the results "
        "file)" in " ".join(result.output.split())
    )
    # batch's error rows (a broken input row, an empty text) are well formed: no "0 malformed"
    # beside the input rows batch reported as broken (probe5)
    errors = write_jsonl(tmp_path / "errors.jsonl", [rows[0], rows[1]])
    result = CliRunner().invoke(app, ["summarize", str(errors), "--html", str(out)])
    assert result.output.strip().splitlines()[-1] == f"2 rows summarised in {out}; 1 not analysed"
    clean = write_jsonl(tmp_path / "clean.jsonl", [result_row(0, 0.5)])
    result = CliRunner().invoke(app, ["summarize", str(clean), "--html", str(out)])
    assert result.output.strip().splitlines()[-1] == f"1 rows summarised in {out}"


def test_a_crafted_parquet_json_cell_is_a_malformed_row_not_a_traceback(tmp_path: Path) -> None:
    """A Parquet results file whose JSON columns hold text that is not JSON (or JSON of the
    wrong shape): each such row is counted as malformed, naming its column; the rest are read."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [result_row(i, i / 10) for i in range(5)]
    for row in rows:
        for column in ("outlets", "debunks"):  # JSON text in the Parquet writer's files
            row[column] = json.dumps(row[column])
    rows[1]["outlets"] = "{not json"
    rows[2]["debunks"] = '"a string"'
    rows[3]["corroboration"] = "[1, 2"
    for row in rows:
        row.setdefault("corroboration", None)
    path = tmp_path / "results.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path)
    out = tmp_path / "summary.html"
    result = CliRunner().invoke(app, ["summarize", str(path), "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert (
        "5 rows summarised" in result.output
        and "3 not analysed (3 of them malformed" in result.output
    )
    summary = write_summary_html(path, out)
    reasons = " | ".join(summary.error_reasons)
    assert "malformed result row: outlets: Value error, text that is not a JSON list" in reasons
    assert "malformed result row: debunks: Value error, text that is not a JSON list" in reasons
    assert (
        "malformed result row: corroboration: Value error, text that is not a JSON object"
        in reasons
    )
    assert summary.scored == 2


def test_a_truncated_parquet_file_is_one_error_line(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "results.parquet"
    pq.write_table(pa.Table.from_pylist([result_row(i, 0.5) for i in range(50)]), path)
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\0" * 200 + data[300:])  # a page's bytes overwritten
    result = CliRunner().invoke(
        app, ["summarize", str(path), "--html", str(tmp_path / "s.html")], catch_exceptions=False
    )
    assert result.exit_code != 0
    assert result.output.strip().startswith("error:") and "results.parquet" in result.output
    assert "Traceback" not in result.output


def test_signal_kinds_are_drawn_in_the_colours_of_the_page_and_the_report() -> None:
    from veracity.batch.summary import _signal_chart
    from veracity.report.html import KIND_COLOURS
    from veracity.report.schema import SignalKind

    rows = [result_row(i, 0.5) for i in range(3)]
    rows[0]["signal_counts"] = {"conspiracy_framing": 4, "clickbait": 1, "satire_from_later": 2}
    chart = _signal_chart(summarize_results(rows))
    bars = chart.data[0]
    colours = dict(zip(bars.y, bars.marker.color, strict=True))
    assert colours["Conspiracy framing"] == KIND_COLOURS[SignalKind.CONSPIRACY_FRAMING]
    assert colours["Clickbait headline"] == KIND_COLOURS[SignalKind.CLICKBAIT]
    assert colours["Loaded / emotional language"] == KIND_COLOURS[SignalKind.LOADED_LANGUAGE]
    assert colours["Satire from later"] == "#9e9e9e"  # a kind this version does not know


def test_the_page_names_signal_kinds_as_the_report_does(tmp_path: Path) -> None:
    """Probe s37: the corpus page's chart and its tables said 'rhetorical_question' and
    'vague_attribution' where an article's report says 'Rhetorical question' and 'Vague
    attribution / hedging'."""
    from veracity.batch.summary import _signal_chart
    from veracity.report.html import kind_label
    from veracity.report.schema import SignalKind

    rows = [result_row(i, 0.1 + i / 10) for i in range(3)]
    for row in rows:
        row["signal_counts"] = {"rhetorical_question": 2, "vague_attribution": 1}
        row["top_signals"] = [
            {"kind": "rhetorical_question", "weight": 0.8, "quote": "Who really pays for it?"}
        ]
    chart = _signal_chart(summarize_results(rows))
    assert set(chart.data[0].y) == {
        kind_label(SignalKind.RHETORICAL_QUESTION),
        kind_label(SignalKind.VAGUE_ATTRIBUTION),
    }
    results = tmp_path / "results.jsonl"
    write_jsonl(results, rows)
    write_summary_html(results, tmp_path / "summary.html")
    page = (tmp_path / "summary.html").read_text(encoding="utf-8")
    assert "Rhetorical question: Who really pays for it?" in page
    assert "rhetorical_question" not in page and "vague_attribution" not in page


def test_lowest_table_shows_each_score_in_its_label_band(tmp_path: Path) -> None:
    rows = [result_row(0, 0.3496), result_row(1, 0.3451)]  # both labelled unreliable
    results = write_jsonl(tmp_path / "results.jsonl", rows)
    write_summary_html(results, tmp_path / "summary.html")
    page = (tmp_path / "summary.html").read_text(encoding="utf-8")
    assert "<td>0.3496</td><td>unreliable</td>" in page  # not "0.35", the uncertain band's edge
    assert "<td>0.345</td><td>unreliable</td>" in page


def test_summarize_prints_the_overview_in_the_terminal_without_a_page(tmp_path: Path) -> None:
    # `veracity summarize results.jsonl` stopped at "Missing option '--html'": the overview was
    # only a page, where `analyze` prints a readable summary by default
    rows = [result_row(i, 0.2 + i / 10) for i in range(6)]
    rows[0]["outlets"] = [
        {"outlet": "Daily Planet", "factuality": "mixed", "bias": "center", "role": "publisher"}
    ]
    rows[1]["debunks"] = [{"title": "Says the moon is made of cheese.", "verdict": "false"}]
    rows.append(result_row(6, None, reliability_status="not_english"))
    rows.append({"index": 7, "id": "bad", "error": "line 8 is not valid JSON: Expecting value"})
    results = write_jsonl(tmp_path / "results.jsonl", rows)
    result = CliRunner().invoke(app, ["summarize", str(results)], terminal_width=100)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "8 rows: 7 analysed, 1 not analysed" in out
    assert "6 scored, mean score 0.45" in out and "unreliable 2, reliable 4" in out
    assert "not scored: 1 (not English 1)" in out
    assert "Clickbait headline: 7 in 7 articles" in out
    assert "Daily Planet" in out and "mixed / center" in out
    assert "[false] Says the moon is made of cheese." in out
    assert out.index("Lowest-scored articles") < out.index("a0") < out.index("a1")
    assert "line 8 is not valid JSON" in out  # one row: its own message
    assert not list(tmp_path.glob("*.html"))  # no page unless asked for

    page = tmp_path / "summary.html"
    result = CliRunner().invoke(app, ["summarize", str(results), "--html", str(page)])
    assert result.exit_code == 0 and page.is_file()
    assert "Corpus summary: results.jsonl" in result.output
    assert f"8 rows summarised in {page}" in result.output.replace("\n", "")


def test_a_report_url_without_a_page_is_refused() -> None:
    result = CliRunner().invoke(
        app, ["summarize", "results.jsonl", "--report-url", "http://h/{analysis_id}"]
    )
    assert result.exit_code == 2 and "give --html too" in result.output


def test_the_terminal_overview_sends_no_escape_sequence_from_the_results_file(
    tmp_path: Path,
) -> None:
    rows = [result_row(0, 0.2, title="Story \x1b[2J\x1b]0;pwned\x07 one \x9b31mred")]
    rows[0]["outlets"] = [{"outlet": "Daily\x1b[5m Planet", "role": "publisher"}]
    rows.append({"index": 1, "id": "x\x1b[1A", "error": "bad \x1b[31mrow"})
    results = write_jsonl(tmp_path / "results.jsonl", rows)
    result = CliRunner().invoke(app, ["summarize", str(results)], terminal_width=100)
    assert result.exit_code == 0, result.output
    assert "Story [2J]0;pwned one 31mred" in result.output
    assert "Daily[5m Planet" in result.output
    assert not any(ch == "\x1b" or "\x80" <= ch <= "\x9f" for ch in result.output)


_PAGE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]")
_ESCAPED_CONTROL = re.compile(r"\\u(00[01][0-9a-fA-F]|007[fF]|00[89][0-9a-fA-F]|202[a-eA-E])")


def test_the_page_carries_no_control_or_direction_override_from_the_results_file(
    tmp_path: Path,
) -> None:
    """Round 6, attack 2 (left by round 5): the page copied a results file's controls, C1
    characters and direction overrides into its text and its chart labels, where an
    unterminated override reverses what follows it (round 5, attack 12, for the report)."""
    bad = "\x1b[2J\x00\x07\x9b31m\u202e"
    rows = [
        result_row(
            i,
            i / 10,
            id=f"id{bad}{i}",
            title=f"Story{bad}{i}",
            label=f"unreliable{bad}",
            signal_counts={f"kind{bad}": 1},
            top_signals=[{"kind": "clickbait", "quote": f"quote{bad}"}],
            outlets=[
                {"outlet": f"Daily{bad}Planet", "role": "publisher", "factuality": f"low{bad}"},
                {"outlet": f"Cited{bad}Outlet", "role": "cited", "bias": f"left{bad}"},
            ],
            debunks=[{"title": f"Statement{bad}", "verdict": f"False{bad}"}],
            corroboration={
                "event_id": "e1",
                "independent_origins": 2,
                "origin": f"origin{bad}{i}",
                "claims": [
                    {
                        "status": "contradicted",
                        "text": f"claim{bad}",
                        "figures": [f"5{bad}"],
                        "contradicting_origins": 2,
                        "contradicted_by": [{"origin": f"other{bad}", "figures": ["6"]}],
                    }
                ],
            },
        )
        for i in range(3)
    ]
    rows.append({"index": 3, "id": f"x{bad}", "error": f"bad{bad} row"})
    results = write_jsonl(tmp_path / f"results{bad.replace(chr(0), '')}.jsonl", rows)
    write_summary_html(results, tmp_path / "summary.html")
    page = (tmp_path / "summary.html").read_text(encoding="utf-8")
    for text in ("Story[2J31m0", "Daily[2J31mPlanet", "Statement[2J31m", "claim[2J31m"):
        assert text in page
    from plotly.offline import get_plotlyjs

    page = page.replace(get_plotlyjs(), "")  # the chart library's own code holds two controls
    assert _PAGE_CONTROL.findall(page) == []
    assert _ESCAPED_CONTROL.findall(page) == []


def test_the_lowest_scored_table_keeps_each_id_on_one_line(tmp_path: Path) -> None:
    # probe s42: 200 FakeNewsNet rows printed "gossipcop-617627" over "4941" at 80 columns: the
    # id (16 characters at most, folded) could not be read or copied to find the row
    rows = [result_row(i, 0.1 + i / 20, id=f"gossipcop-617627494{i}") for i in range(3)]
    rows[0]["title"] = "Justin Bieber & Kourtney Kardashian: Why The Exes ‘Still Talk,’ But Selena"
    results = write_jsonl(tmp_path / "results.jsonl", rows)
    result = CliRunner().invoke(app, ["summarize", str(results)], terminal_width=80)
    assert result.exit_code == 0, result.output
    for i in range(3):
        assert f"gossipcop-617627494{i}" in result.output


def test_a_rows_url_links_only_as_http_and_never_breaks_out_of_its_attribute(
    tmp_path: Path,
) -> None:
    """Hostile round 17, held: a results file's `url` is the one string the overview page
    writes into an attribute; `javascript:` and `data:` in any case or after spaces stay text,
    and an http address holding a quote stays inside its href."""
    urls = [
        "javascript:alert(1)",
        "  JaVaScRiPt:alert(2)",
        "\tjavascript:alert(3)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==",
        'https://example.org/"><script>alert(5)</script>',
        "https://example.org/ok' onmouseover='alert(6)",
    ]
    rows = [result_row(i, 0.1 + i / 100, url=url) for i, url in enumerate(urls)]
    results = write_jsonl(tmp_path / "results.jsonl", rows)
    write_summary_html(results, tmp_path / "s.html")
    page = (tmp_path / "s.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a href="([^"]*)" rel="noopener noreferrer">', page)
    assert sorted(hrefs) == [
        "https://example.org/&quot;&gt;&lt;script&gt;alert(5)&lt;/script&gt;",
        "https://example.org/ok&#x27; onmouseover=&#x27;alert(6)",
    ]
    markup = re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.DOTALL)  # plotly's own
    assert not re.search(r"href=\s*[\"']?\s*(javascript|data):", markup, re.IGNORECASE)
    assert "<script>alert" not in page and "onmouseover='" not in page


def test_a_results_files_escapes_never_reach_the_terminal(tmp_path: Path) -> None:
    """Hostile round 17, held: `veracity summarize` prints ids, titles and error reasons of a
    results file someone else may have written; an OSC title sequence, a screen clear, a C1 CSI
    or a bell in any of them reaches the terminal as no control."""
    escapes = "\x1b]0;PWNED\x07\x1b[2J\x9b31m"
    rows = [
        result_row(i, 0.1 + i / 10, id=f"id{i}{escapes}", title=f"T{escapes}") for i in range(3)
    ]
    rows.append(result_row(3, None, id=f"bad{escapes}", error=f"empty text{escapes}"))
    results = write_jsonl(tmp_path / "results.jsonl", rows)
    result = CliRunner().invoke(app, ["summarize", str(results)])
    assert result.exit_code == 0, result.output
    assert "PWNED" in result.output and "id0" in result.output
    assert not set(result.output) & {"\x1b", "\x07", "\x9b"}
