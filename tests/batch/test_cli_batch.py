import json
from pathlib import Path

from typer.testing import CliRunner

from tests.batch.conftest import read_jsonl
from veracity.cli import app

runner = CliRunner()


def test_batch_then_summarize(tmp_path: Path) -> None:
    source = tmp_path / "corpus.csv"
    source.write_text(
        "headline,content,doc_id\n"
        'Water scare,"Experts are convinced the council knew. Many people are saying it is a cover-up.",d1\n'
        "Broken,row,with,extra,fields\n"
        "Valve replaced,The water department said a faulty valve caused the odour.,d3\n",
        encoding="utf-8",
    )
    out = tmp_path / "results.jsonl"
    result = runner.invoke(app, ["batch", str(source), "--out", str(out), "--chunk-size", "2"])
    assert result.exit_code == 0, result.output
    assert "3 rows" in result.output and "1 errors" in result.output
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["d1", "with", "d3"]  # the id column of the broken row
    assert rows[0]["title"] == "Water scare" and rows[0]["signal_counts"]["vague_attribution"] >= 2
    assert rows[1]["error"] == "line 3 has 5 fields, the header has 3"

    page = tmp_path / "summary.html"
    result = runner.invoke(app, ["summarize", str(out), "--html", str(page)])
    assert result.exit_code == 0, result.output
    assert "Water scare" in page.read_text(encoding="utf-8")


def test_batch_input_problems_are_one_line_errors(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["batch", str(tmp_path / "missing.csv"), "--out", str(tmp_path / "o.jsonl")]
    )
    assert result.exit_code == 4 and "no such file" in result.output
    (tmp_path / "in.csv").write_text("a,b\n1,2\n")
    result = runner.invoke(
        app, ["batch", str(tmp_path / "in.csv"), "--out", str(tmp_path / "o.jsonl")]
    )
    assert result.exit_code == 2 and "--text-col" in result.output
    # one line: no blank line left by a progress bar that never started
    assert result.output.startswith("error: ") and len(result.output.strip().splitlines()) == 1
    (tmp_path / "a-file").write_text("x")
    result = runner.invoke(
        app, ["batch", str(tmp_path / "in.csv"), "--out", str(tmp_path / "a-file" / "o.jsonl")]
    )  # mkdir had said "File exists. Free some space (or fix the permissions)"
    assert result.exit_code == 2 and "a-file is a file, not a folder" in result.output
    assert result.output.startswith("error: ") and len(result.output.strip().splitlines()) == 1
    result = runner.invoke(
        app, ["batch", str(tmp_path / "in.csv"), "--out", "o.jsonl", "--engine", "spark"]
    )
    assert result.exit_code == 2 and "--engine" in result.output
    assert result.output.startswith("error: ") and len(result.output.strip().splitlines()) == 1
    result = runner.invoke(
        app, ["batch", str(tmp_path / "in.csv"), "--out", "o.jsonl", "--depth", "medium"]
    )
    assert result.exit_code == 2 and "'medium' is not one of 'fast', 'deep'" in result.output
    result = runner.invoke(app, ["summarize", str(tmp_path / "nope.jsonl"), "--html", "s.html"])
    assert result.exit_code == 4 and "no such results file" in result.output


def test_claims_help_says_how_many_sentences_it_reads() -> None:
    # A --claims row said n_claims 2 where the deep path found 7 to 15 in the same articles
    # (ReCOVery): the help did not say that only the most claim-like few are read.
    from typer.main import get_command

    from veracity.claims.fast import CANDIDATES_PER_ARTICLE

    batch = get_command(app).commands["batch"]  # type: ignore[attr-defined]
    [claims] = [p for p in batch.params if p.name == "claims"]
    assert f"at most {CANDIDATES_PER_ARTICLE};" in (claims.help or "")


def test_batch_of_a_folder_says_which_files_it_did_not_read(tmp_path: Path) -> None:
    # probe s36-2: "3 rows" for a folder that also held a PDF and a Word file, said nowhere
    folder = tmp_path / "intake"
    folder.mkdir()
    (folder / "a.txt").write_text("Headline\n\nThe council approved the budget on Monday.")
    (folder / "b.pdf").write_bytes(b"%PDF-1.4")
    (folder / "c.pdf").write_bytes(b"%PDF-1.4")
    (folder / "d.docx").write_bytes(b"PK")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["batch", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 rows" in result.output
    assert (
        "3 files of the folder not read (it reads .txt, .text, .html, .htm, .xhtml, .shtml): "
        ".pdf 2, .docx 1"
    ) in " ".join(result.output.split())
    csv_input = tmp_path / "in.csv"
    csv_input.write_text("text\nThe council approved the budget on Monday.\n")
    result = runner.invoke(app, ["batch", str(csv_input), "--out", str(tmp_path / "o.jsonl")])
    assert "not read" not in result.output


def test_rows_sharing_an_id_are_noted_and_named_once_resumed_or_not(tmp_path: Path) -> None:
    """Probe s37: two input rows with the id 'a1' came out as two rows 'a1' and nothing said so
    (which of them does a join on the id pick?)."""
    text = "The council approved the water plant on Monday after a long debate in the town hall."
    source = tmp_path / "corpus.csv"
    source.write_text(
        f"id,text\na1,{text}\nb,{text}\na1,{text} Again.\nc,\na1,{text} Once more.\nc,{text}\n",
        encoding="utf-8",
    )
    out = tmp_path / "results.jsonl"
    # the third run resumes from the chunks the second kept: it reads them back, analyses none
    for extra, resumed in (([], 0), (["--keep-parts"], 0), ([], 6)):
        result = runner.invoke(
            app, ["batch", str(source), "--out", str(out), "--chunk-size", "2", *extra]
        )
        assert result.exit_code == 0, result.output
        rows = read_jsonl(out)
        assert [r["id"] for r in rows] == ["a1", "b", "a1", "c", "a1", "c"]  # none dropped
        notes = [[n for n in r["notes"] if n.startswith("duplicate id")] for r in rows]
        assert notes == [
            [],
            [],
            ["duplicate id 'a1': row 0 has it too"],
            [],
            ["duplicate id 'a1': row 0 has it too"],
            ["duplicate id 'c': row 3 has it too"],
        ]
        assert rows[3]["error"] == "empty text" and rows[5]["error"] is None
        said = " ".join(result.output.split())
        assert "warning: 2 ids are on more than one row" in said
        assert "'a1' x3, 'c' x2" in said
        # probe s38: "0 from an earlier run" was printed after every run, resumed or not
        assert ("from an earlier run" in said) == (resumed > 0)
        assert f"{resumed} from an earlier run" in said or not resumed


def test_an_error_reason_shows_its_rows_own_numbers(tmp_path: Path) -> None:
    """Probe s38: one broken CSV row was summed up as "lines N-5 (a quoted field runs over N
    lines: is a quote left open?) has N fields, the header has N": the numbers that say what is
    wrong were taken out to count errors by kind, and a range kept half of itself."""
    source = tmp_path / "corpus.csv"
    source.write_text(
        "id,title,text\n"
        "1,Water scare,Residents say the council knew about the lead for months.\n"
        '2,Broken,"unterminated quote, here\n'
        "3,,,\n"
        '4,Dup,"The council will meet on Tuesday.",x,y\n'
        "5,Fine,The water department said a faulty valve caused the odour.\n"
        "6,a,b,c\n"
        "7,d,e,f,g\n",
        encoding="utf-8",
    )
    out = tmp_path / "results.jsonl"
    result = runner.invoke(app, ["batch", str(source), "--out", str(out)], terminal_width=200)
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert (
        "1 x lines 3-5 (a quoted field runs over 3 lines: is a quote left open?) has 5 fields, "
        "the header has 3"
    ) in said
    assert (
        "2 x line N has N fields, the header has N (first: line 7 has 4 fields, the header has 3)"
    ) in said
    summary = runner.invoke(app, ["summarize", str(out)], terminal_width=200)
    assert "1 lines 3-5 (a quoted field runs over 3 lines" in " ".join(summary.output.split())


def test_error_reasons_read_a_range_as_one_number() -> None:
    from veracity.batch.runner import error_reason

    assert error_reason("lines 3-5 (a quoted field runs over 3 lines)") == (
        "lines N (a quoted field runs over N lines)"
    )
    assert error_reason("not valid ISO-8859-1 text") == "not valid ISO-8859-1 text"


def test_a_row_without_an_id_of_its_own_shares_no_real_id(tmp_path: Path) -> None:
    """Probe s38: a row whose id was not read (a short row, an empty id cell, a quote left open
    before the id) took its index as its id, which the id column of another row can hold: batch
    warned of duplicates that were none, and a join on the id took the wrong article."""
    source = tmp_path / "corpus.csv"
    source.write_text(
        "text,id\n"
        "The council met on Tuesday and approved the budget.,2\n"
        "A row of one field\n"
        "The water department said a faulty valve caused the odour.,\n"
        '"A quote left open before the id,7\n'
        "The valve was replaced on Friday after residents complained.,1\n",
        encoding="utf-8",
    )
    out = tmp_path / "results.jsonl"
    result = runner.invoke(app, ["batch", str(source), "--out", str(out)], terminal_width=200)
    assert result.exit_code == 0, result.output
    rows = read_jsonl(out)
    assert [(r["index"], r["id"]) for r in rows] == [
        (0, "2"),
        (1, None),
        (2, None),
        (3, None),
        (4, "1"),
    ]
    assert [r["error"] is None for r in rows] == [True, False, True, False, True]
    assert "more than one row" not in result.output
    assert not any(n.startswith("duplicate id") for r in rows for n in r["notes"])
    summary = runner.invoke(app, ["summarize", str(out)], terminal_width=200)
    assert summary.exit_code == 0 and "None" not in summary.output


def test_a_lookalike_host_gets_its_ascii_form_in_every_result_format_and_the_overview(
    tmp_path: Path,
) -> None:
    """Round 7 (round 6 left it): reports show a host written with letters outside a-z with
    its ASCII form (7bcb19d), but batch rows kept `bbс.co.uk` (a Cyrillic "с") as written with
    no such column, so a results file and its overview read as the BBC's address."""
    import csv
    import json

    lookalike = "bb\u0441.co.uk"
    source = tmp_path / "corpus.jsonl"
    text = "The council met on Friday and agreed the water plan after a long debate. " * 3
    source.write_text(
        json.dumps({"id": "fake", "url": f"https://{lookalike}/news/1", "text": text})
        + "\n"
        + json.dumps({"id": "real", "url": "https://www.bbc.co.uk/news/2", "text": text})
        + "\n",
        encoding="utf-8",
    )
    for suffix in ("jsonl", "csv"):
        out = tmp_path / f"results.{suffix}"
        result = runner.invoke(app, ["batch", str(source), "--out", str(out)])
        assert result.exit_code == 0, result.output
        if suffix == "jsonl":
            rows = {r["id"]: r for r in read_jsonl(out)}
            publisher = next(o for o in rows["fake"]["outlets"] if o["role"] == "publisher")
            assert publisher["host_ascii"] == "xn--bb-pmc.co.uk"
        else:
            with out.open(encoding="utf-8", newline="") as handle:
                rows = {r["id"]: r for r in csv.DictReader(handle)}
        assert rows["fake"]["source_domain"] == lookalike
        assert rows["fake"]["source_domain_ascii"] == "xn--bb-pmc.co.uk"
        assert rows["real"]["source_domain_ascii"] in (None, "")
    page = tmp_path / "summary.html"
    result = runner.invoke(app, ["summarize", str(tmp_path / "results.csv"), "--html", str(page)])
    assert result.exit_code == 0, result.output
    assert f"{lookalike} (in ASCII xn--bb-pmc.co.uk)" in page.read_text(encoding="utf-8")


def test_a_consent_only_page_is_an_error_in_analyze_and_a_kept_row_in_batch(
    tmp_path: Path,
) -> None:
    """probe s46: a page that is only a cookie-consent notice. No article is there to judge, so
    `analyze` refuses it with one error line and exit 2 (the API with a 400), and `batch` keeps
    its row, in order, with that error (README, "Bad input")."""
    from tests.api.test_errors import CONSENT_ONLY
    from veracity.errors import InputError

    (tmp_path / "a_consent.txt").write_text(CONSENT_ONLY, encoding="utf-8")
    (tmp_path / "b_story.txt").write_text(
        "Council passes budget\n\n" + "The council voted 7-2 on Monday to pass the budget. " * 12,
        encoding="utf-8",
    )
    runner = CliRunner()
    refused = runner.invoke(app, ["analyze", str(tmp_path / "a_consent.txt"), "--fast"])
    assert refused.exit_code == InputError.exit_code
    assert "only site furniture (menus, buttons, a cookie or consent notice" in refused.output
    out = tmp_path / "out.jsonl"
    done = runner.invoke(app, ["batch", str(tmp_path), "--out", str(out)])
    assert done.exit_code == 0, done.output
    rows = read_jsonl(out)
    assert [row["id"] for row in rows] == ["a_consent.txt", "b_story.txt"]
    assert rows[0]["error"].startswith("input has no article text, only site furniture")
    assert rows[0]["score"] is None and rows[1]["error"] is None


def test_a_refused_or_cut_consent_page_keeps_its_headline_as_the_rows_title(
    tmp_path: Path,
) -> None:
    """probe s47: a headline over a consent page read "Untitled article": in a text file it was
    the body of an untitled article; in an HTML page (its <title>, og:title and <h1>) the page
    was refused and the row had no title. The title now survives both: the text's headline is
    the article's title (no score: too short), and the refused page's row keeps its title."""
    import html

    from tests.ingest.test_boilerplate import SPUTNIK_CONSENT

    headline = "Russia says talks with Ukraine will resume next week"
    (tmp_path / "a_cut.txt").write_text(f"{headline}\n\n{SPUTNIK_CONSENT}", encoding="utf-8")
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in SPUTNIK_CONSENT.split("\n\n"))
    (tmp_path / "b_refused.html").write_text(
        f"<html><head><title>{headline} | Sputnik</title>"
        f'<meta property="og:title" content="{headline}"></head>'
        f"<body><h1>{headline}</h1><article>{paragraphs}</article></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    done = CliRunner().invoke(app, ["batch", str(tmp_path), "--out", str(out)])
    assert done.exit_code == 0, done.output
    cut, refused = read_jsonl(out)
    assert cut["title"] == headline and cut["error"] is None
    assert cut["score"] is None and cut["reliability_status"] == "too_short"
    assert refused["title"] == headline
    assert refused["error"].startswith("input has no article text, only site furniture")


def test_a_headline_over_a_furniture_page_says_so_in_every_output(tmp_path: Path) -> None:
    """Part ui, stop 49: a headline over a page that is otherwise site furniture keeps its
    headline as the title and an empty body (ingest), and the report said only "too short", as
    if the text had been cut. Ingest now says the body was furniture, and every output has
    the note: the JSON report, the terminal, the HTML report and the batch row (the web page
    and the API list the report's notes as they are)."""
    import json

    from tests.ingest.test_boilerplate import SPUTNIK_CONSENT
    from veracity.ingest import article_from_text
    from veracity.pipeline import FURNITURE_BODY_NOTE

    headline = "Russia says talks with Ukraine will resume next week"
    cut = tmp_path / "a_cut.txt"
    cut.write_text(f"{headline}\n\n{SPUTNIK_CONSENT}", encoding="utf-8")
    assert article_from_text(cut.read_text(encoding="utf-8")).body_was_furniture
    story = (
        "Council passes budget\n\n" + "The council voted 7-2 on Monday to pass the budget. " * 12
    )
    assert not article_from_text(story).body_was_furniture
    assert not article_from_text("Council passes budget").body_was_furniture  # one line: body
    runner = CliRunner()
    shown = runner.invoke(app, ["analyze", str(cut), "--fast", "--format", "json"])
    assert shown.exit_code == 0, shown.output
    report = json.loads(shown.output)
    assert report["reliability_status"] == "too_short"
    assert FURNITURE_BODY_NOTE in report["notes"]
    page = tmp_path / "report.html"
    told = runner.invoke(app, ["analyze", str(cut), "--fast", "--html", str(page)])
    assert told.exit_code == 0, told.output
    assert "Only the headline was read: the rest of the page is site furniture" in " ".join(
        told.output.split()
    )
    assert "Only the headline was read: the rest of the page is site furniture" in (
        page.read_text(encoding="utf-8")
    )
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a_cut.txt").write_text(cut.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b_story.txt").write_text(story, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = runner.invoke(app, ["batch", str(folder), "--out", str(out)])
    assert done.exit_code == 0, done.output
    rows = {row["id"]: row for row in read_jsonl(out)}
    assert FURNITURE_BODY_NOTE in rows["a_cut.txt"]["notes"]
    assert FURNITURE_BODY_NOTE not in (rows["b_story.txt"]["notes"] or [])


def test_summarize_of_a_batch_input_names_what_it_lacks_and_the_command(tmp_path: Path) -> None:
    """Probe s49 U6: the input of `veracity batch` (no result columns) was summarised as "2
    rows: 2 analysed" and "no reliability model was shipped when this ran", both untrue."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [
        {
            "id": "a1",
            "title": "Valve replaced",
            "text": "The water department said a valve failed.",
        },
        {"id": "a2", "title": "Water scare", "text": "Many people are saying it is a cover-up."},
    ]
    jsonl = tmp_path / "corpus.jsonl"
    jsonl.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    indexed = tmp_path / "corpus.csv"  # an index column of its own is not a result column
    indexed.write_text("index,id,text\n0,a1,The water department said a valve failed.\n")
    parquet = tmp_path / "corpus.parquet"
    pq.write_table(pa.Table.from_pylist(rows), parquet)
    for path, missing in (
        (jsonl, "index, score or analysis_path"),
        (indexed, "score or analysis_path"),
        (parquet, "index, score or analysis_path"),
    ):
        result = runner.invoke(app, ["summarize", str(path)])
        assert result.exit_code != 0 and isinstance(result.exception, SystemExit)
        assert result.output.strip().splitlines() == [
            f"error: {path.name} holds no batch results (no {missing} column): "
            f"run `veracity batch {path} --out results.jsonl` first"
        ], result.output
        assert "analysed" not in result.output


def test_a_satire_publisher_reads_satire_in_batch_rows_and_the_summary(tmp_path: Path) -> None:
    """Stop 49 (edcb87e) made the reports say "satire" for an outlet a rating list files under
    satire (probe s49 O1), but a batch row's flat `outlets` column still printed The Onion as
    "factuality mixed, bias center" and the summary "mixed / center"."""
    import csv

    from veracity.report.schema import SATIRE_WORDS

    source = tmp_path / "corpus.jsonl"
    story = {
        "id": "o1",
        "url": "https://www.theonion.com/area-man-1",
        "title": "Democrats Unveil New Slogans",
        "text": "WASHINGTON - Hoping to appeal to voters, Democratic leaders unveiled 324 new "
        "slogans on Tuesday, each tested with focus groups for months before being printed on "
        "banners that party officials said would hang in every office, Reuters reported.",
    }
    source.write_text(json.dumps(story) + "\n", encoding="utf-8")
    for name in ("results.csv", "results.jsonl"):
        result = runner.invoke(app, ["batch", str(source), "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    [cells] = list(csv.DictReader((tmp_path / "results.csv").open(encoding="utf-8")))
    lines = cells["outlets"].split("\n")
    assert f"publisher: The Onion (theonion.com) - {SATIRE_WORDS}" in lines, lines
    # a news outlet the story cites keeps its levels
    assert any(line.startswith("cited: Reuters (reuters.com) - factuality ") for line in lines)
    [row] = read_jsonl(tmp_path / "results.jsonl")
    rated = {o["domain"]: o for o in row["outlets"]}
    assert rated["theonion.com"]["satire"] is True and "satire" not in rated["reuters.com"]
    for name in ("results.csv", "results.jsonl"):
        summary = runner.invoke(app, ["summarize", str(tmp_path / name)], terminal_width=200)
        assert summary.exit_code == 0, summary.output
        onion = [line for line in summary.output.splitlines() if "The Onion" in line]
        assert onion and onion[0].split()[-1] == "satire", summary.output
        assert "mixed / center" not in summary.output


def test_batch_takes_analyzes_fast_flag_and_refuses_it_beside_depth_deep(tmp_path: Path) -> None:
    # probe s50 U1: `batch --fast` was "No such option: --fast" though `analyze --fast` exists
    source = tmp_path / "corpus.jsonl"
    source.write_text(
        json.dumps({"id": "a", "text": "Experts are convinced the council knew about it."}) + "\n",
        encoding="utf-8",
    )
    rows = {}
    for name, flags in (("plain", []), ("fast", ["--fast"]), ("depth", ["--depth", "fast"])):
        out = tmp_path / f"{name}.jsonl"
        result = runner.invoke(app, ["batch", str(source), "--out", str(out), *flags])
        assert result.exit_code == 0, result.output
        rows[name] = read_jsonl(out)
    assert rows["fast"] == rows["plain"] == rows["depth"]
    assert rows["fast"][0]["analysis_path"] == "fast"
    result = runner.invoke(
        app, ["batch", str(source), "--out", str(tmp_path / "x.jsonl"), "--fast", "--depth", "deep"]
    )
    assert result.exit_code == 2 and "contradict each other" in result.output
    assert result.output.startswith("error: ") and len(result.output.strip().splitlines()) == 1
