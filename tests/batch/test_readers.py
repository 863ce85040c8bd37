import gzip
import json
import os
import tracemalloc
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.batch.conftest import corpus_rows, write_jsonl
from veracity.batch.readers import (
    InputSpec,
    count_records,
    max_line_length,
    read_records,
    walk_documents,
)
from veracity.errors import InputError, SourceNotFoundError
from veracity.settings import get_settings


def records(path: Path, **columns):
    spec = InputSpec.for_path(path, **columns)
    found = list(read_records(spec))
    assert count_records(spec) == len(found)
    assert [r.index for r in found] == list(range(len(found)))
    return found


def test_csv_detects_columns_and_keeps_order(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        'Headline,Body,Article_ID,Link\n"Dam fails, town floods","Water rose at noon.\n'
        'Police said so.",7,https://a.example/7\nSecond story,Another body.,8,\n',
        encoding="utf-8",
    )
    first, second = records(path)
    assert (first.id, first.title, first.url) == (
        "7",
        "Dam fails, town floods",
        "https://a.example/7",
    )
    assert first.text == "Water rose at noon.\nPolice said so."
    assert (second.id, second.url, second.error) == ("8", None, None)


def test_broken_csv_rows_become_error_records(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(
        b"id,text\n"
        b"1,Fine article text.\n"
        b"2,too,many,fields\n"
        b"3,\n"
        b"4,caf\xe9 latin-1 byte\n"
        b"5,Also fine.\n"
    )
    found = records(path)
    assert [r.id for r in found] == ["1", "2", "3", "4", "5"]
    assert found[0].error is None and found[4].error is None
    assert found[1].error == "line 3 has 4 fields, the header has 2"
    assert found[2].error == "empty text"
    assert "undecodable byte 0xe9" in found[3].error


# Probe5: a quote left open in row 4 took row 5's line into row 4's record, and the error said
# "line 5 has 2 fields": row 5 was gone from the output with nothing naming its line (lead).
def test_a_quote_left_open_names_the_lines_its_record_took(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    body = "The council met on Tuesday and approved the budget after a long debate."
    path.write_text(
        "id,title,text\n"
        f'3,Title 3,"{body}"\n'
        f'4,"Broken title,{body}\n'
        f'5,Title 5,"{body}"\n'
        f'6,Title 6,"{body}"\n'
        '7,Title 7,"A quoted body\nover two lines."\n',
        encoding="utf-8",
    )
    found = records(path)
    # probe s38 left the rows a quote left open took named but not read: row 5 is read again
    assert [r.id for r in found] == ["3", "4", "5", "6", "7"]
    assert found[1].error == (
        "line 3 not read (a quoted field runs over 2 lines, giving 2 fields for the header's 3: "
        "is a quote left open?); reading goes on at line 4"
    )
    assert [r.error for r in found[2:]] == [None] * 3
    assert (found[2].title, found[2].text) == ("Title 5", body)
    assert found[4].text == "A quoted body\nover two lines."


# Probe s39 left two adjacent rows that each lost a quote as one error row ("lines 3-4 ... are
# one record, not 2 rows"): the second opens a quote of its own, so it is no row by itself, yet
# it starts a record. One row per input record: each is its own error row, and the rows after
# them are read.
def test_two_adjacent_rows_with_quotes_left_open_are_two_error_rows(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    body = "The council met on Tuesday and approved the budget after a long debate."
    path.write_text(
        "id,title,text\n"
        f'3,Title 3,"{body}"\n'
        f'4,"Broken title,{body}\n'
        f'5,"Broken too,{body}\n'
        f'6,Title 6,"{body}"\n',
        encoding="utf-8",
    )
    found = records(path)
    assert [r.id for r in found] == ["3", "4", "5", "6"]
    assert found[1].error == (
        "line 3 not read (a quoted field runs over 2 lines and then ',' expected after '\"': "
        "is a quote left open?); reading goes on at line 4"
    )
    assert found[2].error == "line 4 has 2 fields, the header has 3"
    assert (found[3].error, found[3].title) == (None, "Title 6")
    # texts that each lost their closing quote: the second is read as the last line of a
    # file is, and the row after it too
    path.write_text(
        f'id,title,text\n4,Title 4,"{body}\n5,Title 5,"{body}\n6,Title 6,"{body}"\n',
        encoding="utf-8",
    )
    assert [(r.id, r.error is None, r.title) for r in records(path)] == [
        ("4", False, None),
        ("5", True, "Title 5"),
        ("6", True, "Title 6"),
    ]
    # a quote inside the text of a field's later line starts no record: the lines stay one
    path.write_text('id,title,text\n1,A,"one\ntwo" more\n2,B,Fine.\n', encoding="utf-8")
    assert [(r.id, r.error) for r in records(path)] == [
        (
            "1",
            "lines 2-3 (a quoted field runs over 2 lines and then ',' expected after '\"': is a "
            "quote left open?) are one record, not 2 rows",
        ),
        ("2", None),
    ]


# Probe s38: a quote left open that ran to the end of the file gave one well-formed record (its
# text field took every later line) and no error: the rows after it were gone without a word.
def test_a_quote_left_open_to_the_end_of_the_file_is_an_error_row(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        "id,title,text\n"
        "1,Water scare,Residents say the council knew about the lead for months.\n"
        '2,Broken,"unterminated quote, here\n'
        "3,Title 3,The council met on Tuesday.\n"
        "4,Title 4,The water department said a faulty valve caused the odour.\n",
        encoding="utf-8",
    )
    found = records(path)
    assert [r.id for r in found] == ["1", "2", "3", "4"]
    assert [r.error for r in found] == [
        None,
        "line 3 not read (a quoted field runs from line 3 to the end of the file: is a quote "
        "left open?); reading goes on at line 4",
        None,
        None,
    ]
    assert found[3].text == "The water department said a faulty valve caused the odour."
    # where no later line is a row by itself, the lines stay one error row, named
    path.write_text(
        'id,title,text\n1,A,Fine.\n2,Broken,"unterminated quote, here\nand on, to the end\n',
        encoding="utf-8",
    )
    assert [(r.id, r.error) for r in records(path)] == [
        ("1", None),
        (
            "2",
            "lines 3-4 (a quoted field runs from line 3 to the end of the file: is a quote left "
            "open?) are one record, not 2 rows",
        ),
    ]
    # a quoted field over lines that closes, and a stray quote on the last line, stay rows
    path.write_text('id,title,text\n1,A,"two\nlines"\n2,B,He is 6 feet 2" tall\n', encoding="utf-8")
    assert [(r.id, r.error) for r in records(path)] == [("1", None), ("2", None)]


def test_unbalanced_quote_costs_rows_up_to_the_field_limit_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VERACITY_MAX_INPUT_BYTES", "1000")
    from veracity.settings import get_settings

    get_settings.cache_clear()
    try:
        filler = "".join(f"{i},Line {i} of a story.\n" for i in range(200))
        path = tmp_path / "in.csv"
        path.write_text(f'id,text\n1,"opens a quote\n{filler}', encoding="utf-8")
        found = records(path)
    finally:
        get_settings.cache_clear()
    assert found[0].error.startswith("CSV parse error at line 2")
    assert "field larger than field limit" in found[0].error
    good = [r for r in found if r.error is None]
    assert good, "rows after the runaway field are read again"
    assert good[-1].id == "199"


def test_a_semicolon_separated_csv_is_read_by_its_columns(tmp_path: Path) -> None:
    # as a spreadsheet saves CSV where the decimal mark is a comma (byte order mark included);
    # read with commas it had one column, "id;title;text", and no text column
    path = tmp_path / "export.csv"
    path.write_text(
        "\ufeffid;title;text\n"
        '7;Dam fails;"Water rose by 1,5 metres; police said so."\n'
        "8;Second story;Another body, with a comma.\n",
        encoding="utf-8",
    )
    first, second = records(path)
    assert (first.id, first.title, first.text) == (
        "7",
        "Dam fails",
        "Water rose by 1,5 metres; police said so.",
    )
    assert (second.id, second.text, second.error) == ("8", "Another body, with a comma.", None)


def test_tsv_and_explicit_columns(tmp_path: Path) -> None:
    path = tmp_path / "in.tsv"
    path.write_text("key\tstory\theading\nk1\tThe story.\tA head line\n", encoding="utf-8")
    (record,) = records(path, text_col="story", title_col="heading", id_col="key")
    assert (record.id, record.text, record.title) == ("k1", "The story.", "A head line")


def test_missing_text_column_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("id,summary\n1,x\n", encoding="utf-8")
    with pytest.raises(InputError, match="no text column"):
        records(path)
    with pytest.raises(InputError, match="not a column"):
        records(path, text_col="nope")


def test_jsonl_bad_lines_are_error_records_and_gzip_is_read(tmp_path: Path) -> None:
    rows = corpus_rows(3)
    lines = [
        json.dumps(rows[0]),
        "{not json",
        "",
        "[1, 2]",
        json.dumps(rows[1]),
        json.dumps(rows[2]),
    ]
    raw = ("\n".join(lines) + "\n").encode() + b'{"id": "x", "text": "bad \xff byte"}\n'
    path = tmp_path / "in.jsonl.gz"
    path.write_bytes(gzip.compress(raw))
    found = records(path)
    # the blank line is not a row; the two bad lines after the first, one after the other with
    # nothing else to tell them apart, are one error row naming both
    assert len(found) == 5
    assert [r.error is None for r in found] == [True, False, True, True, False]
    assert found[1].error == (
        "2 consecutive rows not analysed: line 2 is not valid JSON: Expecting property name "
        "enclosed in double quotes: line 1 column 2 (char 1); line 4 is not a JSON object"
    )
    assert "undecodable" in found[4].error
    assert found[2].id == "art-0001" and found[2].url == "https://news.example.org/1"


def test_a_jsonl_line_cut_short_says_so(tmp_path: Path) -> None:
    """A line cut inside a string (a file truncated mid-write) read as 'Invalid control
    character at: line 1 column 25': its own line break, inside the string (probe5)."""
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "abc\r\n' + json.dumps(corpus_rows(1)[0]) + "\n")
    found = records(path)
    assert found[0].error == (
        "line 1 is not valid JSON: Unterminated string starting at: line 1 column 21 (char 20)"
    )
    assert found[1].error is None


def test_deeply_nested_jsonl_lines_are_error_rows(tmp_path: Path) -> None:
    """Hostile round 3: one line nested 100,000 deep ended the whole batch in
    "internal error: RecursionError" (exit 70) instead of being an error row."""
    rows = corpus_rows(2)
    deep = "[" * 100_000 + "]" * 100_000
    lines = [json.dumps(rows[0]), '{"text": ' + deep + "}", "[" * 200_000, json.dumps(rows[1])]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = records(path)
    assert [r.error is None for r in found] == [True, False, True]
    assert found[1].error.startswith("2 consecutive rows not analysed: line 2 is not valid JSON")
    assert "; line 3 is not valid JSON" in found[1].error


def test_parquet_is_read_in_batches(tmp_path: Path) -> None:
    rows = corpus_rows(5)
    rows[2]["text"] = None
    path = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=2)
    found = records(path)
    assert [r.id for r in found] == [row["id"] for row in rows]
    assert found[2].error.startswith("empty text")  # "...; it does not fetch URLs": it has one
    assert found[2].url == rows[2]["url"]
    assert found[4].text == rows[4]["text"]


def test_parquet_binary_and_nested_columns_are_read_as_text(tmp_path: Path) -> None:
    """Hostile round 4: a nested column holding dates, decimals or bytes (a title written as a
    list of timestamps) ended the whole batch in "internal error: TypeError: Object of type
    datetime is not JSON serializable", exit 70, with no output; a binary text column was
    analysed as its Python spelling, "b'...'"."""
    import datetime
    import decimal

    story = "The council approved the budget for the new school on Monday."
    path = tmp_path / "in.parquet"
    table = pa.table(
        {
            "text": pa.array([story.encode(), b"\xff\xfe not UTF-8", story.encode()], pa.binary()),
            "title": pa.array([[datetime.datetime(2020, 1, 2)], None, None]),
            "id": pa.array([None, None, {"n": decimal.Decimal("1.5")}]),
        }
    )
    pq.write_table(table, path)
    found = records(path)
    assert found[0].text == story and found[0].title == '["2020-01-02 00:00:00"]'
    assert found[1].error == "text: undecodable byte 0xff (wrong --encoding?)"
    assert found[2].text == story and found[2].id == '{"n": "1.5"}'


def test_folder_of_text_and_html_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.html").write_text("<html><body><p>Hi</p></body></html>")
    (tmp_path / "a.txt").write_text("Some text.")
    (tmp_path / "c.txt").write_text("   ")
    (tmp_path / "notes.md").write_text("ignored")
    found = records(tmp_path)
    assert [r.id for r in found] == ["a.txt", "b/two.html", "c.txt"]
    assert found[1].html and not found[0].html
    assert found[0].raw == b"Some text."
    assert found[2].error == "empty text"


def test_a_saved_pages_pieces_are_no_documents_and_every_html_page_is_one(tmp_path: Path) -> None:
    # a day's intake as a folder (probe s36-2): a page saved "complete" by a browser brought
    # its frames as articles ("Story_files/saved_resource.html", an ad; "widget.html", an
    # embedded post), while a page saved as .shtml, which analyze reads as HTML, was left out
    page = "<html><body><h1>Story</h1><p>Text.</p></body></html>"
    (tmp_path / "Story.html").write_text(page)
    (tmp_path / "Story_files").mkdir()
    (tmp_path / "Story_files" / "saved_resource.html").write_text("<p>Advertisement</p>")
    (tmp_path / "Story_files" / "style.css").write_text("p{}")
    (tmp_path / "Other_files").mkdir()  # no Other.html beside it: a folder like any other
    (tmp_path / "Other_files" / "kept.txt").write_text("Some text.")
    (tmp_path / "wire.shtml").write_text(page)
    (tmp_path / "brief.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "README").write_text("notes")
    found = records(tmp_path)
    assert [r.id for r in found] == ["Other_files/kept.txt", "Story.html", "wire.shtml"]
    assert found[2].html
    not_read: Counter[str] = Counter()
    assert len(list(walk_documents(tmp_path, not_read))) == 3
    assert not_read == {".pdf": 1, "(none)": 1}


def test_unknown_format_and_missing_path(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFoundError):
        InputSpec.for_path(tmp_path / "missing.csv")
    odd = write_jsonl(tmp_path / "in.xlsx", corpus_rows(1))
    with pytest.raises(InputError, match="cannot tell the format"):
        InputSpec.for_path(odd)
    with pytest.raises(InputError, match="unknown text encoding"):
        InputSpec.for_path(tmp_path, encoding="klingon")


def test_truncated_gzip_is_an_input_error(tmp_path: Path) -> None:
    data = gzip.compress("".join(json.dumps(r) + "\n" for r in corpus_rows(50)).encode())
    path = tmp_path / "in.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"cannot read in\.jsonl\.gz"):
        count_records(InputSpec.for_path(path))
    with pytest.raises(InputError, match=r"cannot read in\.jsonl\.gz"):
        list(read_records(InputSpec.for_path(path)))


def test_links_leading_out_of_the_folder_are_error_rows_and_not_read(tmp_path: Path) -> None:
    """Attack 4: a document link to /etc/passwd (or to a file beside the folder) was read
    and, with --store, served by the API."""
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Council approves the new water plant after a long debate.")
    (tmp_path / "outside.txt").write_text("SECRET-OUTSIDE-THE-FOLDER")
    (folder / "b.txt").symlink_to(folder / "a.txt")  # inside: read
    (folder / "sub" / "c.txt").symlink_to("../a.txt")  # inside, relative: read
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "sub" / "up.txt").symlink_to("../../outside.txt")
    found = {record.id: record for record in records(folder)}
    assert set(found) == {"a.txt", "b.txt", "passwd.txt", "sub/c.txt", "sub/up.txt"}
    for name in ("a.txt", "b.txt", "sub/c.txt"):
        assert found[name].error is None and b"water plant" in found[name].raw
    for name in ("passwd.txt", "sub/up.txt"):
        assert found[name].raw is None
        assert found[name].error == "a link to a file outside the input folder; not read"


def test_broken_links_and_links_to_folders_are_error_rows_not_lost_rows(tmp_path: Path) -> None:
    """Audit: a dangling ``.txt`` link was skipped without a row, so the output silently held
    fewer rows than the folder had documents."""
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Council approves the new water plant after a long debate.")
    (folder / "gone.txt").symlink_to(folder / "deleted.txt")  # inside the folder, dangling
    (folder / "far.txt").symlink_to(tmp_path / "nowhere.txt")  # dangling, outside
    (folder / "dir.txt").symlink_to(folder / "sub")  # a link to a folder named like a document
    found = {record.id: record for record in records(folder)}
    assert set(found) == {"a.txt", "dir.txt", "far.txt", "gone.txt"}
    assert found["a.txt"].error is None
    assert found["gone.txt"].raw is None
    assert found["gone.txt"].error == "cannot read: No such file or directory"
    assert found["far.txt"].error == "a link to a file outside the input folder; not read"
    assert found["dir.txt"].raw is None and found["dir.txt"].error.startswith("cannot read")


def test_a_pipe_or_a_loop_of_links_in_a_folder_is_an_error_row_not_a_hang(tmp_path: Path) -> None:
    """Round 7: a link in a batch folder to a pipe inside it (`ln -s pipe c.txt`) was opened
    and waited on for good, and a link to itself (`ln -s loop.txt loop.txt`) ended `veracity
    batch` in "internal error: OSError: Too many levels of symbolic links", exit 70; a pipe
    named like a document was left out as a file of another kind."""
    from tests.hostile import pipes_and_loops, without_waiting_on_pipes

    folder = tmp_path / "docs"
    pipes = pipes_and_loops(folder, "Council approves the new water plant after a long debate.")
    found = without_waiting_on_pipes(lambda: {r.id: r for r in records(folder)}, pipes)
    assert set(found) == {"a.txt", "b.txt", "c.txt", "loop.txt"}
    assert found["a.txt"].error is None
    for name in ("b.txt", "c.txt"):
        assert found[name].raw is None
        assert found[name].error == "not a regular file (a pipe or a device)"
    assert found["loop.txt"].error == "a link that leads to itself; not read"


def test_a_pipe_or_a_device_as_input_is_refused_not_waited_on(tmp_path: Path) -> None:
    """Hostile round 4: `veracity batch corpus.jsonl` where the name was a FIFO waited for a
    writer for good, and a link to /dev/zero counted an endless line for good."""
    fifo = tmp_path / "corpus.jsonl"
    os.mkfifo(fifo)
    device = tmp_path / "zero.csv"
    device.symlink_to("/dev/zero")
    for path in (fifo, device):
        with pytest.raises(InputError, match="not a regular file or folder"):
            InputSpec.for_path(path)


def test_a_jsonl_file_saved_with_a_byte_order_mark_keeps_its_first_row(tmp_path: Path) -> None:
    """Hostile round 4: a UTF-8 byte order mark (Windows editors write one) made the first
    row an error row, 'not valid JSON: Unexpected UTF-8 BOM', so one article went unanalysed;
    the CSV reader already dropped it."""
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        b'\xef\xbb\xbf{"id": "a", "text": "The first story is short."}\n'
        b'{"id": "b", "text": "The second story is short too."}\n'
    )
    found = records(path)
    assert [(r.id, r.text, r.error) for r in found] == [
        ("a", "The first story is short.", None),
        ("b", "The second story is short too.", None),
    ]
    # A mark inside the file is no byte order mark: that line stays an error row.
    path.write_bytes(b'{"text": "One."}\n\xef\xbb\xbf{"text": "Two."}\n')
    assert [r.error is None for r in records(path)] == [True, False]


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".csv.gz"])
def test_one_huge_compressed_line_is_an_error_row_in_bounded_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    """Attack 5: a small .gz holding one enormous line (4 GB in the report, 64 MB here) was
    read whole into memory; lines are now read with a cap and an over-long one is an error."""
    monkeypatch.setenv("VERACITY_MAX_INPUT_BYTES", "10000")
    get_settings.cache_clear()
    huge = 64 * 2**20
    path = tmp_path / f"in{suffix}"
    with gzip.open(path, "wb") as out:
        if suffix == ".jsonl.gz":
            out.write(b'{"id": "a", "text": "The first story is short."}\n{"id": "b", "text": "')
            for _ in range(huge // 2**20):
                out.write(b"x" * 2**20)
            out.write(b'"}\n{"id": "c", "text": "The third story is short too."}\n')
        else:
            out.write(b'id,text\na,"The first story is short."\nb,"')
            for _ in range(huge // 2**20):
                out.write(b"x" * 2**20)
            out.write(b'"\nc,"The third story is short too."\n')
    assert path.stat().st_size < 2**20
    tracemalloc.start()
    try:
        found = records(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        get_settings.cache_clear()
    assert peak < 8 * 2**20, f"peak {peak / 2**20:.0f} MiB"
    # the line not read has no id: its index, 1, might be another row's
    assert [(r.id, r.error is None) for r in found] == [("a", True), (None, False), ("c", True)]
    line = 2 if suffix == ".jsonl.gz" else 3  # the CSV header is line 1
    limit = max_line_length()
    assert found[1].error == f"line {line} is longer than {limit:,} bytes (the line limit); skipped"
    assert found[2].text == "The third story is short too."


def test_conventional_column_names_are_found_whatever_their_separators(tmp_path: Path) -> None:
    """Probe s38: FNC-1's bodies file ('Body ID', 'articleBody', schema.org's name) and
    news-please's output ('maintext', 'date_publish', 'source_domain') stopped at "no text
    column found": the conventional names were matched by case only."""
    from veracity.batch.readers import resolve_columns

    bodies = tmp_path / "bodies.csv"
    bodies.write_text('Body ID,articleBody\n7,"The council met on Tuesday."\n', encoding="utf-8")
    [record] = records(bodies)
    assert (record.text, record.error) == ("The council met on Tuesday.", None)
    (tmp_path / "news.jsonl").write_text("{}\n", encoding="utf-8")
    spec = InputSpec.for_path(tmp_path / "news.jsonl")
    columns = resolve_columns(spec, ["title", "maintext", "url", "source_domain", "date_publish"])
    assert (columns.text, columns.publisher, columns.date) == (
        "maintext",
        "source_domain",
        "date_publish",
    )
    # a name given by conventional order still wins: "text" before "main text"
    assert resolve_columns(spec, ["Main Text", "Text"]).text == "Text"


# Probe s38: a quote left open that a later field's quote closes gave, read leniently, one
# record of the right width whose text held the rows between: CONSTRAINT's train.tsv read as
# 6,299 rows of its 6,420, two tweets opening with a quote having taken 121 others.
def test_a_quote_closed_by_a_later_fields_quote_is_an_error_row_in_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        "id,title,text\n"
        "1,Water scare,Residents say the council knew.\n"
        '2,Broken,"unterminated quote, here\n'
        "3,,,\n"
        '4,Dup,"The council will meet on Tuesday."\n'
        "5,Fine,The water department said a faulty valve caused the odour.\n",
        encoding="utf-8",
    )
    found = records(path)
    assert [r.id for r in found] == ["1", "2", "4", "5"]  # "3,,," is no row by itself
    assert found[1].error == (
        "lines 3-4 not read (a quoted field runs over 3 lines and then ',' expected after '\"': "
        "is a quote left open?); reading goes on at line 5"
    )
    assert [r.error for r in found[2:]] == [None, None]
    assert found[2].text == "The council will meet on Tuesday."


def test_a_tab_separated_row_opening_with_a_quote_keeps_the_rows_after_it(tmp_path: Path) -> None:
    path = tmp_path / "tweets.tsv"
    path.write_text(
        "id\ttweet\tlabel\n"
        '1\t"As NY continues to fight the pandemic,” Cuomo said.\treal\n'
        "2\tPet cats wondering when you are going back to work.\tfake\n"
        '3\tA video shows a "mosque" in India.\tfake\n'
        "4\tPeople in Wuhan are locked inside their houses.\tfake\n",
        encoding="utf-8",
    )
    found = records(path, text_col="tweet")
    assert [(r.id, r.error) for r in found] == [(str(n), None) for n in range(1, 5)]
    assert found[0].text == '"As NY continues to fight the pandemic,” Cuomo said.'
    assert found[2].text == 'A video shows a "mosque" in India.'
    assert found[1].notes == (
        "lines 2-4 read as plain lines, quotes as text: read as quoted CSV they were one record "
        "(a quoted field runs over 3 lines and then a tab expected after '\"')",
    )
    assert found[3].notes == ()


def test_a_run_of_bad_lines_is_one_row_naming_every_line_it_stands_for(tmp_path: Path) -> None:
    """Round 7 left it open: every bad line was an error row of its own, so a 2 KB .jsonl.gz of
    1,000,000 lines of "x" gave 1,000,000 error rows, a 425 MB results file. Consecutive error
    rows that nothing but their place tells apart (any errors: lines of bad kinds in turn are
    one run too) are one row saying how many it stands for; rows that name an article stay
    rows of their own, and a positional id after a run is the row's new index."""
    good = json.dumps({"text": "The council met on Tuesday.", "url": None})
    lines = [good, *["x"] * 2_000, *["[1]", "nul", '{"a'] * 1_000, good]
    lines += [json.dumps({"text": "", "url": "https://a.example/1"})] * 3
    lines += [json.dumps({"text": "", "url": f"https://a.example/{i}"}) for i in (2, 3)]
    path = tmp_path / "in.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode(), 9))
    assert path.stat().st_size < 2_000
    found = records(path)
    assert [(r.id, r.error is None) for r in found] == [
        ("0", True),
        ("1", False),
        ("2", True),
        ("3", False),
        ("4", False),
        ("5", False),
    ]
    assert found[1].error == (
        "5,000 consecutive rows not analysed: 3,000 like 'line 2 is not valid JSON: Expecting "
        "value: line 1 column 1 (char 0)', 1,000 like 'line 2002 is not a JSON object', 1,000 "
        "like 'line 2004 is not valid JSON: Unterminated string starting at: line 1 column 2 "
        "(char 1)'; the last 'line 5001 is not valid JSON: Unterminated string starting at: "
        "line 1 column 2 (char 1)'"
    )
    assert found[3].error == "3 consecutive rows not analysed: " + (
        "empty text (batch analyses the text column; it does not fetch URLs)"
    )
    assert found[3].url == "https://a.example/1"
    assert [r.url for r in found[4:]] == ["https://a.example/2", "https://a.example/3"]
    # one line alike over and over: one row, its first and last lines named
    path.write_bytes(gzip.compress(b"x\n" * 10_000, 9))
    (only,) = records(path)
    assert only.error == (
        "10,000 consecutive rows not analysed, each for the same reason: the first 'line 1 is "
        "not valid JSON: Expecting value: line 1 column 1 (char 0)', the last 'line 10000 is "
        "not valid JSON: Expecting value: line 1 column 1 (char 0)'"
    )
    # CSV rows broken alike with one id are one row; rows with ids of their own stay rows
    path = tmp_path / "in.csv"
    path.write_text(
        "id,text\n1,Fine.\n" + "x,a,b\n" * 500 + "2,\n3,\n4,Fine too.\n", encoding="utf-8"
    )
    found = records(path)
    assert [(r.id, r.error) for r in found] == [
        ("1", None),
        (
            "x",
            "500 consecutive rows not analysed, each for the same reason: the first 'line 3 "
            "has 3 fields, the header has 2', the last 'line 502 has 3 fields, the header has 2'",
        ),
        ("2", "empty text"),
        ("3", "empty text"),
        ("4", None),
    ]


@pytest.mark.parametrize("encoding", ["undefined", "rot13", "base64"])
def test_an_encoding_that_is_no_text_encoding_is_refused_in_one_line(
    tmp_path: Path, encoding: str
) -> None:
    """Round 14: `--encoding` was only looked up, so a codec of bytes to bytes (rot13, base64)
    or "undefined" (which decodes nothing) ended a CSV batch in "internal error: LookupError" or
    "UnicodeError" (exit 70), and made every JSON line an error row saying it was no JSON."""
    path = tmp_path / "rows.csv"
    path.write_text("id,text\nr1,The council said the plan was late.\n", encoding="utf-8")
    with pytest.raises(InputError, match=f"'{encoding}' is no text encoding"):
        InputSpec.for_path(path, encoding=encoding)
    assert InputSpec.for_path(path, encoding="utf-16").encoding == "utf-16"  # a text encoding


def test_a_utf16_csv_without_a_byte_order_mark_is_one_clear_error(tmp_path: Path) -> None:
    """Round 14: Python's UTF-16 (and UTF-32) stream decoder gives up on a stream without a byte
    order mark with a UnicodeError, no UnicodeDecodeError (bad bytes are escaped), and a CSV
    batch ended in "internal error: UnicodeError: UTF-16 stream does not start with BOM"."""
    path = tmp_path / "rows.csv"
    text = "id,text\nr1,The council said the plan was late.\n"
    path.write_bytes(text.encode("utf-16-le"))
    spec = InputSpec.for_path(path, encoding="utf-16")
    with pytest.raises(
        InputError, match=r"cannot read rows\.csv as utf-16: .*--encoding utf-16-le"
    ):
        count_records(spec)
    records = list(read_records(InputSpec.for_path(path, encoding="utf-16-le")))
    assert [r.id for r in records] == ["r1"] and records[0].error is None


def test_ids_carry_no_terminal_controls_from_file_names_or_id_cells(tmp_path: Path) -> None:
    """Hostile round 17, attack 1: a file name (or an ``id`` cell) holding ESC, BEL, a C1 CSI or
    a direction override became the row's id as it was, and `veracity batch --out results.csv`
    wrote it raw, so ``cat results.csv`` retitled the terminal (OSC 0), cleared or recoloured
    it. Ids are now written as evidence ids are (round 4, attack 8): each such character as its
    escape, so ids stay distinct and inert."""
    folder = tmp_path / "docs"
    folder.mkdir()
    text = "Council approves the new water plant after a long debate."
    names = ["a\x1b]0;PWNED\x07.txt", "b\x1b[2Jc.txt", "d\x9b31m.txt", "e\u202egnp.txt"]
    for name in names:
        (folder / name).write_text(text)
    found = sorted(record.id or "" for record in records(folder))
    assert found == sorted(
        ["a\\x1b]0;PWNED\\x07.txt", "b\\x1b[2Jc.txt", "d\\x9b31m.txt", "e\\u202egnp.txt"]
    )
    rows = [{"id": f"row\x1b]0;{n}\x07", "text": text} for n in range(2)]
    jsonl = tmp_path / "in.jsonl"
    write_jsonl(jsonl, rows)
    csv_path = tmp_path / "in.csv"
    csv_path.write_text("id,text\n" + "".join(f'"{r["id"]}",{text}\n' for r in rows))
    for path in (jsonl, csv_path):
        ids = [record.id for record in records(path)]
        assert ids == ["row\\x1b]0;0\\x07", "row\\x1b]0;1\\x07"], path.name
