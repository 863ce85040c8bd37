import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.batch.conftest import corpus_rows, read_jsonl, write_jsonl
from veracity.batch import BatchJob, InputSpec, read_results, run_batch
from veracity.batch.analysis import GC_YOUNG_THRESHOLD
from veracity.errors import InputError

REPO = Path(__file__).resolve().parents[2]


def job(path: Path, out: Path, **options) -> BatchJob:
    return BatchJob(input=InputSpec.for_path(path), out=out, **options)


def test_every_row_once_in_order_with_errors_counted(tmp_path: Path) -> None:
    rows = corpus_rows(7)
    source = tmp_path / "in.jsonl"
    lines = [json.dumps(r) for r in rows[:3]] + ["{broken"] + [json.dumps(r) for r in rows[3:]]
    lines.append(json.dumps({"id": "blank", "text": ""}))
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_batch(job(source, out, chunk_size=3))
    results = read_jsonl(out)
    assert [r["index"] for r in results] == list(range(9))
    assert (
        [r["id"] for r in results]
        == [
            *[r["id"] for r in rows[:3]],
            None,  # the line that is no JSON: its index might be another row's id
            *[r["id"] for r in rows[3:]],
            "blank",
        ]
    )
    assert (summary.rows, summary.errors, summary.analysed_rows) == (9, 2, 9)
    assert results[3]["error"].startswith("line 4 is not valid JSON")
    assert results[8]["error"] == "empty text"
    analysed = [r for r in results if r["error"] is None]
    assert all(r["analysis_path"] == "fast" and r["n_chars"] > 0 for r in analysed)
    # the example article's "experts are convinced" paragraph is in every third row at least
    assert any(r["signal_counts"].get("vague_attribution") for r in analysed)
    assert all(r["n_signals"] == sum(r["signal_counts"].values()) for r in analysed)
    assert all(r["url"].startswith("https://news.example.org/") for r in analysed)
    assert not (tmp_path / "out.jsonl.parts").exists()


def test_parquet_output_holds_the_same_rows(tmp_path: Path, small_jsonl: Path) -> None:
    run_batch(job(small_jsonl, tmp_path / "out.jsonl", chunk_size=5))
    run_batch(job(small_jsonl, tmp_path / "out.parquet", chunk_size=5))
    assert list(read_results(tmp_path / "out.parquet")) == read_jsonl(tmp_path / "out.jsonl")


def test_restart_skips_finished_chunks(tmp_path: Path, small_jsonl: Path) -> None:
    out = tmp_path / "out.jsonl"
    run_batch(job(small_jsonl, out, chunk_size=4, keep_parts=True))
    first = read_jsonl(out)
    parts = tmp_path / "out.jsonl.parts"
    # as if the run had died after chunk 0: chunk 0 is marked so a recomputation would show
    marked = [
        dict(row, title="kept from the first run")
        for row in read_jsonl(parts / "chunk-000000.jsonl")
    ]
    write_jsonl(parts / "chunk-000000.jsonl", marked)
    for name in ("chunk-000001.jsonl", "chunk-000002.jsonl"):
        (parts / name).unlink()
    out.unlink()
    summary = run_batch(job(small_jsonl, out, chunk_size=4))
    assert (summary.resumed_rows, summary.analysed_rows, summary.rows) == (4, 8, 12)
    second = read_jsonl(out)
    assert [r["title"] for r in second[:4]] == ["kept from the first run"] * 4
    assert second[4:] == first[4:]
    assert not parts.exists()


def test_parts_of_another_job_are_refused_unless_fresh(tmp_path: Path, small_jsonl: Path) -> None:
    out = tmp_path / "out.jsonl"
    run_batch(job(small_jsonl, out, chunk_size=4, keep_parts=True))
    with pytest.raises(InputError, match="--fresh"):
        run_batch(job(small_jsonl, out, chunk_size=5))
    summary = run_batch(job(small_jsonl, out, chunk_size=5, fresh=True))
    assert summary.resumed_rows == 0 and summary.rows == 12


def test_a_parts_folder_others_could_have_written_is_not_resumed(
    tmp_path: Path, small_jsonl: Path
) -> None:
    """Hostile round 5: in a folder others can write (``--out /tmp/out.jsonl``) anyone could
    make ``out.jsonl.parts`` first, with a manifest for the same input, and the run resumed
    from their chunks (their scores in the output) and wrote its own rows where they could
    read them. A parts folder that others can write, that is a link, or that is another
    user's is refused; ``--fresh`` discards one of this user's own."""
    out = tmp_path / "out.jsonl"
    run_batch(job(small_jsonl, out, chunk_size=4, keep_parts=True))
    parts = tmp_path / "out.jsonl.parts"
    assert parts.stat().st_mode & 0o077 == 0  # made for this user alone
    forged = [
        dict(row, score=0.99, title="planted") for row in read_jsonl(parts / "chunk-000000.jsonl")
    ]
    write_jsonl(parts / "chunk-000000.jsonl", forged)
    out.unlink()
    parts.chmod(0o777)
    with pytest.raises(InputError, match="other users"):
        run_batch(job(small_jsonl, out, chunk_size=4))
    assert not out.exists()
    summary = run_batch(job(small_jsonl, out, chunk_size=4, fresh=True, keep_parts=True))
    assert summary.resumed_rows == 0 and "planted" not in {r["title"] for r in read_jsonl(out)}
    elsewhere = tmp_path / "elsewhere"
    parts.rename(elsewhere)
    parts.symlink_to(elsewhere, target_is_directory=True)
    for fresh in (False, True):
        with pytest.raises(InputError, match="is a link"):
            run_batch(job(small_jsonl, out, chunk_size=4, fresh=fresh))
    assert elsewhere.is_dir()  # --fresh removed nothing through the link
    if os.getuid() == 0:  # a folder of another user's (root can make one here)
        parts.unlink()
        elsewhere.rename(parts)
        os.chown(parts, 65534, 65534)
        with pytest.raises(InputError, match="another user"):
            run_batch(job(small_jsonl, out, chunk_size=4, fresh=True))


def test_bad_options_are_input_errors(tmp_path: Path, small_jsonl: Path) -> None:
    with pytest.raises(InputError, match=r"\.jsonl, \.parquet, \.csv or \.xlsx"):
        run_batch(job(small_jsonl, tmp_path / "out.ods"))
    with pytest.raises(InputError, match="chunk-size"):
        run_batch(job(small_jsonl, tmp_path / "out.jsonl", chunk_size=0))


@pytest.mark.slow
def test_worker_processes_give_the_same_output(tmp_path: Path, small_jsonl: Path) -> None:
    run_batch(job(small_jsonl, tmp_path / "one.jsonl", chunk_size=2))
    run_batch(job(small_jsonl, tmp_path / "two.jsonl", chunk_size=2, workers=2))
    assert read_jsonl(tmp_path / "two.jsonl") == read_jsonl(tmp_path / "one.jsonl")


def _batch_command(source: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "veracity.cli",
        "batch",
        str(source),
        "--out",
        str(out),
        "--chunk-size",
        "2",
    ]


@pytest.mark.slow
def test_killed_run_resumes_with_every_row_exactly_once(tmp_path: Path) -> None:
    rows = corpus_rows(60)
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    parts = tmp_path / "out.jsonl.parts"
    env = {**os.environ, "COLUMNS": "100"}
    run = subprocess.Popen(
        _batch_command(source, out),
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.poll() is None:
        if parts.is_dir() and len(list(parts.glob("chunk-*.jsonl"))) >= 3:
            break
        time.sleep(0.02)
    run.send_signal(signal.SIGKILL)
    run.wait()
    finished_before_kill = len(list(parts.glob("chunk-*.jsonl")))
    assert run.returncode == -signal.SIGKILL
    assert 3 <= finished_before_kill < 30 and not out.exists()

    again = subprocess.run(
        _batch_command(source, out), cwd=REPO, env=env, capture_output=True, text=True, timeout=600
    )
    assert again.returncode == 0, again.stderr
    assert f"{2 * finished_before_kill:,} from an earlier run" in again.stdout
    ids = [row["id"] for row in read_jsonl(out)]
    assert ids == [row["id"] for row in rows]
    assert not parts.exists()


def test_store_saves_every_analysed_report_once(tmp_path: Path, small_jsonl: Path) -> None:
    from veracity.store import get_analysis, open_database

    url = f"sqlite:///{tmp_path / 'store.db'}"
    out = tmp_path / "out.jsonl"
    run_batch(job(small_jsonl, out, chunk_size=5, store=True, database_url=url))
    first = read_jsonl(out)
    ids = [row["analysis_id"] for row in first]
    assert all(isinstance(i, int) for i in ids) and len(set(ids)) == 12
    run_batch(job(small_jsonl, out, chunk_size=5, store=True, database_url=url, fresh=True))
    assert [row["analysis_id"] for row in read_jsonl(out)] == ids  # stored again: same rows
    database = open_database(url)
    try:
        with database.session() as session:
            stored = get_analysis(session, ids[3])
            assert stored is not None and stored.report.title == first[3]["title"]
            assert len(stored.report.signals) == first[3]["n_signals"]
    finally:
        database.dispose()


@pytest.mark.slow
def test_a_missing_model_stops_the_batch_instead_of_failing_every_row(
    tmp_path: Path, small_jsonl: Path
) -> None:
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "VERACITY_ARTEFACTS_DIR": str(tmp_path / "no-artefacts")}
    done = subprocess.run(
        [sys.executable, "-m", "veracity.cli", "batch", str(small_jsonl), "--out", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 6, done.stderr
    assert "train" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists() and (tmp_path / "out.jsonl.parts" / "manifest.json").exists()


def test_a_batch_process_freezes_its_loaded_models_once() -> None:
    """After loading (prepare_worker, or the first chunk of an in-process run), the models are
    out of the collector's full collections (gc.freeze), and a second call adds nothing."""
    script = (
        "import gc; from veracity.batch.analysis import prepare_worker; "
        "prepare_worker('fast'); first = gc.get_freeze_count(); "
        "prepare_worker('fast'); print(first, gc.get_freeze_count(), gc.get_threshold()[0])"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
    )
    first, second, young = map(int, done.stdout.split())
    assert first > 50_000  # the fast path's models: over a hundred thousand objects
    assert second == first
    assert young == GC_YOUNG_THRESHOLD


_COLLECTIONS_WHILE_LOADING = """
import gc, json, sys
from pathlib import Path
from veracity.batch.analysis import AnalysisOptions, prepare_worker
from veracity.batch.engines import run_in_process
from veracity.batch.readers import InputRecord
collections = [0, 0, 0]  # by generation, from here on
gc.callbacks.append(lambda phase, info: phase == "stop" and collections.__setitem__(
    info["generation"], collections[info["generation"]] + 1))
if sys.argv[1] == "worker":
    prepare_worker("fast")
else:
    text = Path(sys.argv[2]).read_text(encoding="utf-8")
    records = [InputRecord(index=0, id="a", text=text, title=None, url=None)]
    run_in_process([(0, records)], AnalysisOptions(depth="fast"), lambda chunk, rows: None)
print(json.dumps([collections, gc.isenabled(), gc.get_freeze_count()]))
"""


@pytest.mark.parametrize("engine", ["worker", "in_process"])
def test_loading_the_models_runs_one_collection_before_the_freeze(
    engine: str, tmp_path: Path
) -> None:
    """Loading the models (a pool worker's prepare_worker, an in-process run's first chunk)
    allocates objects that all live: no automatic collection walks them while they load, only
    the one full collection before gc.freeze (which frees what loading left behind); then
    collection is on again."""
    article = tmp_path / "article.txt"
    article.write_text(corpus_rows(1)[0]["text"], encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _COLLECTIONS_WHILE_LOADING, engine, str(article)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    collections, enabled, frozen = json.loads(done.stdout.splitlines()[-1])
    assert collections == [0, 0, 1]
    assert enabled
    assert frozen > 50_000


def test_error_reasons_drop_row_numbers_but_keep_names_with_digits() -> None:
    """Audit: the batch summary printed "input is not valid UTF-N" (the 8 of UTF-8 was taken
    for a row-specific number)."""
    from veracity.batch.runner import error_reason

    assert (
        error_reason("input is not valid UTF-8 and no text encoding could be detected")
        == "input is not valid UTF-8 and no text encoding could be detected"
    )
    assert error_reason("line 12 is not valid JSON: Expecting value") == (
        "line N is not valid JSON: Expecting value"
    )
    assert (
        error_reason("over the size limit of 1,048,576 bytes") == "over the size limit of N bytes"
    )
    assert error_reason("bad byte 0x1f at 3") == "bad byte N at N"


def test_an_input_with_nothing_to_analyse_is_an_error_not_an_empty_result(tmp_path: Path) -> None:
    """Audit: an empty folder (or one of .md files), an empty CSV and a header-only CSV ran as
    "0 rows -> out" with exit 0 and an empty output file."""
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "readme.md").write_text("A story about the council, in the wrong format.")
    header_only = tmp_path / "header.csv"
    header_only.write_text("id,text\n")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    for source, message in (
        (folder, "holds no documents to analyse (files ending in .txt"),
        (header_only, "holds no rows to analyse"),
        (empty, "holds no rows to analyse"),
    ):
        out = tmp_path / f"{source.name}-out.jsonl"
        with pytest.raises(InputError, match=re.escape(message)):
            run_batch(BatchJob(input=InputSpec.for_path(source), out=out))
        assert not out.exists() and not list(tmp_path.glob(f"{out.name}.parts*"))


def test_a_row_with_a_url_but_no_text_keeps_its_url_and_says_urls_are_not_fetched(
    tmp_path: Path,
) -> None:
    """Audit: such a row came out as 'empty text' with its url dropped (which article was
    it?), and 'javascript:alert(1)' was given the source domain 'javascript'."""
    source = tmp_path / "links.csv"
    source.write_text(
        "id,url,text\n"
        "a,https://www.example.org/story,\n"
        "b,javascript:alert(1),\n"
        "c,javascript:alert(1),The council approved the water plant on Monday after a debate.\n"
    )
    out = tmp_path / "out.jsonl"
    run_batch(BatchJob(input=InputSpec.for_path(source), out=out))
    rows = {row["id"]: row for row in read_jsonl(out)}
    assert rows["a"]["url"] == "https://www.example.org/story"
    assert rows["a"]["source_domain"] == "example.org"
    assert (
        rows["a"]["error"] == "empty text (batch analyses the text column; it does not fetch URLs)"
    )
    # no web address: the note quotes the cell, so that the row still says what it held
    assert rows["b"]["url"] is None and rows["b"]["source_domain"] is None
    assert rows["b"]["notes"] == [
        "url 'javascript:alert(1)' is not a web address: the row has no url or domain"
    ]
    assert rows["c"]["error"] is None and rows["c"]["source_domain"] is None


def test_a_url_cell_that_is_no_address_is_noted_and_the_row_still_analysed(
    tmp_path: Path,
) -> None:
    """Probe s37: 'not a url' came out as the url 'not%20a%20url' with the source domain
    'not a url', and no note said the cell was wrong."""
    text = "The council approved the water plant on Monday after a long debate in the town hall."
    source = tmp_path / "urls.csv"
    source.write_text(
        "id,url,text\n"
        f"a,not a url,{text}\n"
        f"b,n/a,{text}\n"
        f"c,www.example.org/story,{text}\n"
        f"d,https://news.example.org/a b,{text}\n"
    )
    out = tmp_path / "out.jsonl"
    summary = run_batch(BatchJob(input=InputSpec.for_path(source), out=out))
    rows = {row["id"]: row for row in read_jsonl(out)}
    assert (summary.rows, summary.errors) == (4, 0)
    for key, cell in (("a", "not a url"), ("b", "n/a")):
        assert rows[key]["url"] is None and rows[key]["source_domain"] is None
        assert rows[key]["error"] is None and rows[key]["analysis_path"] == "fast"
        assert (
            f"url {cell!r} is not a web address: the row has no url or domain" in rows[key]["notes"]
        )
    assert rows["c"]["source_domain"] == "example.org"
    assert rows["d"]["source_domain"] == "news.example.org"
    assert not any("web address" in note for key in "cd" for note in rows[key]["notes"])


def test_a_row_from_a_web_archive_copy_is_published_by_the_archived_site(tmp_path: Path) -> None:
    """Probe6: 606 FakeNewsNet and BuzzFeed-Webis rows with Wayback Machine URLs all had the
    source domain web.archive.org, their publisher rated as the Internet Archive (high)."""
    source = tmp_path / "archived.csv"
    source.write_text(
        "id,url,text\n"
        "a,http://web.archive.org/web/20160920123248/http://www.infowars.com/story/,"
        "The council approved the water plant on Monday after a long debate.\n"
    )
    out = tmp_path / "out.jsonl"
    run_batch(BatchJob(input=InputSpec.for_path(source), out=out))
    [row] = read_jsonl(out)
    assert row["source_domain"] == "infowars.com"
    if row["outlets"]:  # rated where the outlet table is built
        assert row["outlets"][0]["domain"] == "infowars.com"


def test_a_folder_with_a_dangling_link_runs_with_an_error_row_for_it(tmp_path: Path) -> None:
    """Audit: the dangling link, once listed as a row, made the input fingerprint's stat()
    end the whole batch in 'internal error: FileNotFoundError'."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(" ".join(corpus_rows(1)[0].values()))
    (folder / "gone.txt").symlink_to(folder / "deleted.txt")
    out = tmp_path / "out.jsonl"
    summary = run_batch(BatchJob(input=InputSpec.for_path(folder), out=out, workers=2))
    rows = {row["id"]: row for row in read_jsonl(out)}
    assert set(rows) == {"a.txt", "gone.txt"} and summary.rows == 2
    assert rows["a.txt"]["error"] is None
    assert rows["gone.txt"]["error"] == "cannot read: No such file or directory"


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"chunk_size": 10**20}, "--chunk-size must be between 1 and 1,000,000"),
        ({"chunk_size": 0}, "--chunk-size must be between 1 and 1,000,000"),
        ({"workers": 10**20}, "--workers must be between 1 and 1,024"),
        ({"workers": 0}, "--workers must be between 1 and 1,024"),
    ],
)
def test_chunk_sizes_and_worker_counts_out_of_range_are_input_errors(
    tmp_path: Path, options: dict, words: str
) -> None:
    """Hostile round 4: `--chunk-size 99999999999999999999` ended the run in "internal error:
    ValueError" from islice, `--workers` as large in an OverflowError, exit 70."""
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "The council met."}])
    with pytest.raises(InputError, match=words):
        BatchJob(input=InputSpec.for_path(source), out=tmp_path / "out.jsonl", **options)


def test_a_repeated_signal_is_one_of_the_top_signals_once() -> None:
    """An article citing twitter.com five times had five rows 'outlet_citation 0.85:
    twitter.com' as its top signals, and nothing else (probe s35: a folder of 19 analysed
    articles, 6 rows with a repeated top signal)."""
    from tests.report.test_html import report_for
    from veracity.batch.analysis import project_report
    from veracity.batch.readers import InputRecord
    from veracity.report.schema import SignalKind

    body = " ".join(f"Post {i} on twitter.com today." for i in range(5)) + " Sources say so."
    report = report_for("Tweets", body, [(SignalKind.VAGUE_ATTRIBUTION, "Sources say")])
    first = report.signals[0]
    at = [m.start() for m in re.finditer("twitter.com", report.text)]
    report.signals = [
        first.model_copy(
            update={
                "kind": SignalKind.OUTLET_CITATION,
                "start": start,
                "end": start + 11,
                "quote": "twitter.com",
                "weight": 0.85,
                "explanation": "Cites X (social network), an outlet rated low.",
            }
        )
        for start in at
    ] + [first]
    row = project_report(InputRecord(index=0, id="a"), report)
    assert [(s.kind, s.quote) for s in row.top_signals] == [
        ("outlet_citation", "twitter.com"),
        ("vague_attribution", "Sources say"),
    ]
    assert row.n_signals == 6


def test_a_folder_holding_a_file_name_that_is_not_utf8_is_analysed_whole(tmp_path: Path) -> None:
    """Hostile round 11, attack 6: whoever supplies a corpus folder names its files, and a name
    that is not UTF-8 (a Latin-1 name from an unpacked archive, b"caf\\xe9.txt") ended the
    whole `veracity batch FOLDER` in "internal error: UnicodeEncodeError" (exit 70) as the run
    fingerprinted the folder, before any row was read: no output, every rerun the same."""
    folder = tmp_path / "docs"
    folder.mkdir()
    [first, second] = corpus_rows(2)
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(first["text"], encoding="utf-8")
    (folder / "plain.txt").write_text(second["text"], encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_batch(BatchJob(input=InputSpec.for_path(folder), out=out))
    rows = read_jsonl(out)
    assert [row["id"] for row in rows] == ["caf\\udce9.txt", "plain.txt"]
    assert [row["error"] for row in rows] == [None, None]
