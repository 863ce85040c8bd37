"""A small real evidence index (CLIMATE-FEVER evidence sentences): build, reload, retrieve."""

from __future__ import annotations

import json
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from veracity.errors import InputError, OutputError, SourceNotFoundError, VeracityError
from veracity.verify.index import (
    EvidenceIndex,
    EvidenceIndexError,
    ServedIndex,
    append_to_index,
    build_index,
    parts_folder,
    read_documents,
    split_passages,
)
from veracity.verify.stance import split_sentences

pytestmark = pytest.mark.data


@pytest.fixture(scope="module")
def climate_claims(data_dir):
    path = data_dir / "climate_fever" / "climate-fever.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:40]]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory, climate_claims):
    jsonl = tmp_path_factory.mktemp("docs") / "evidence.jsonl"
    with jsonl.open("w", encoding="utf-8") as handle:
        for claim in climate_claims:
            for evidence in claim["evidences"]:
                handle.write(
                    json.dumps({"id": evidence["evidence_id"], "text": evidence["evidence"]}) + "\n"
                )
    out = tmp_path_factory.mktemp("index")
    build_index(jsonl, out)
    return out


def test_index_reloads_with_every_document(index_dir, climate_claims):
    index = EvidenceIndex.load(index_dir)
    assert {p.document_id for p in index.passages} == {
        e["evidence_id"] for c in climate_claims for e in c["evidences"]
    }


def test_claims_retrieve_their_own_evidence(index_dir, climate_claims):
    index = EvidenceIndex.load(index_dir)
    found = 0
    for claim in climate_claims[:12]:
        own = {e["evidence_id"] for e in claim["evidences"]}
        hits = index.search(claim["claim"], k=5)
        found += any(hit.passage.document_id in own for hit in hits)
    assert found >= 10


def test_request_threads_share_one_served_index(index_dir, climate_claims):
    """A server's threads search the one index it loaded (no lock around search): each thread's
    hits are those of the same queries searched one after another."""
    from veracity.embeddings import embed

    queries = [c["claim"] for c in climate_claims[:12]]
    vectors = embed(queries)
    served = ServedIndex(index_dir)

    def searched(_: int) -> tuple[EvidenceIndex, list[list]]:
        index = served.current()
        return index, [
            index.search(q, k=5, query_vector=v) for q, v in zip(queries, vectors, strict=True)
        ]

    alone = searched(0)[1]
    with ThreadPoolExecutor(max_workers=8) as pool:
        found = list(pool.map(searched, range(32)))
    assert {id(index) for index, _ in found} == {id(served.current())}
    assert all(hits == alone for _, hits in found)


def test_unrelated_query_ranks_no_lexical_match(index_dir):
    hits = EvidenceIndex.load(index_dir).search(
        "recipe for chocolate chip cookies with butter", k=3
    )
    assert all(hit.bm25_rank is None for hit in hits)


def test_passages_are_sentence_windows():
    passages = split_passages("d1", "One sentence here. Two sentences here. Three is alone.")
    assert [p.text for p in passages] == [
        "One sentence here. Two sentences here.",
        "Three is alone.",
    ]
    assert {p.document_id for p in passages} == {"d1"}


def test_no_passage_is_cut_after_an_abbreviation_or_an_initial():
    """Stop 48's health case: version 4 cut "The U.S." from "Food and Drug Administration
    ..." and "health officer, Dr." from "Elena Marsh, ...", each half in another passage, so
    a claim naming the FDA or Dr. Marsh could not find its passage. Version 5 ends no sentence
    at a period spaCy's English tokenizer keeps on its word; every other cut is the stance
    split's (a sentence's end before a capital, a digit or a quotation mark, a line break)."""
    text = (
        "May 30, 2026 — The U.S. Food and Drug Administration on Friday approved Respira. "
        "Wade County's health officer, Dr. Elena Marsh, on Friday denied the reports. "
        "Gov. J. R. Hayes of N.Y. spoke on Sept. 3 at 5 p.m. about it. "
        'Was it safe? "No," she said. The trial ended in 2024.\nIt cost $3.5 million.'
    )
    assert [p.text for p in split_passages("d1", text)] == [
        "May 30, 2026 — The U.S. Food and Drug Administration on Friday approved Respira. "
        "Wade County's health officer, Dr. Elena Marsh, on Friday denied the reports.",
        "Gov. J. R. Hayes of N.Y. spoke on Sept. 3 at 5 p.m. about it. Was it safe?",
        '"No," she said. The trial ended in 2024.',
        "It cost $3.5 million.",
    ]


def test_a_paragraph_of_abbreviations_is_cut_in_linear_time():
    """Version 5 joins the stance split's pieces after an abbreviation: joined one by one onto
    the sentence so far, a paragraph of 640,000 "Dr." (2.5 MB) took about 48 CPU s (each join
    copied the whole sentence again); joined once, under half a second."""
    from veracity.verify.index import split_sentences as index_sentences

    text = "Dr. " * 640_000
    start = time.process_time()
    [sentence] = index_sentences(text)
    assert time.process_time() - start < 10
    assert sentence == text.strip()


def test_a_title_ends_its_sentence_in_a_passage():
    text = (
        "Measles vaccine safety\n\nLarge studies found that the MMR vaccine does not cause "
        "autism.\n\nSee also\n\nThe 2019 review. A wrapped line that\ngoes on here."
    )
    passages = [p.text for p in split_passages("d1", text)]
    # what the stance models read: a title apart, not glued onto the next sentence
    assert [split_sentences(p) for p in passages] == [
        [
            "Measles vaccine safety",
            "Large studies found that the MMR vaccine does not cause autism.",
        ],
        ["See also", "The 2019 review."],
        ["A wrapped line that goes on here."],  # a line inside a paragraph: joined as before
    ]
    # the words, and so retrieval, are those of the space-joined windows
    assert [" ".join(p.split()) for p in passages] == [
        "Measles vaccine safety Large studies found that the MMR vaccine does not cause autism.",
        "See also The 2019 review.",
        "A wrapped line that goes on here.",
    ]


def test_bad_sources_raise_project_errors(tmp_path):
    with pytest.raises(SourceNotFoundError):
        list(read_documents(tmp_path / "missing"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    with pytest.raises(InputError):
        list(read_documents(bad))
    deep = tmp_path / "deep.jsonl"  # nested too deeply: a RecursionError before
    deep.write_text('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n", encoding="utf-8")
    with pytest.raises(InputError, match="not JSON lines"):
        list(read_documents(deep))
    with pytest.raises(SourceNotFoundError):
        EvidenceIndex.load(tmp_path)


def test_one_huge_json_line_is_refused_in_bounded_memory(tmp_path, monkeypatch):
    """Hostile round 4: `veracity index` read a JSON-lines file a whole line at a time, so a
    400 KB .jsonl.gz holding one 400 MB line took the process past 22 GB and the kernel killed
    it; lines are now read with the batch readers' cap."""
    import gzip
    import tracemalloc

    from veracity.errors import InputTooLargeError
    from veracity.settings import get_settings

    monkeypatch.setenv("VERACITY_MAX_INPUT_BYTES", "10000")
    get_settings.cache_clear()
    path = tmp_path / "evidence.jsonl.gz"
    with gzip.open(path, "wb") as out:
        out.write(b'{"id": "a", "text": "The council met on Monday."}\n{"id": "b", "text": "')
        for _ in range(64):
            out.write(b"x" * 2**20)
        out.write(b'"}\n')
    assert path.stat().st_size < 2**20
    tracemalloc.start()
    try:
        with pytest.raises(InputTooLargeError, match=r"evidence.jsonl.gz:2: line longer than"):
            list(read_documents(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        get_settings.cache_clear()
    assert peak < 8 * 2**20, f"peak {peak / 2**20:.0f} MiB"


def test_json_lines_saved_with_a_byte_order_mark_are_read(tmp_path):
    """Hostile round 4: a UTF-8 byte order mark (Windows editors write one) stopped the build
    with 'not JSON lines (Unexpected UTF-8 BOM)'."""
    path = tmp_path / "evidence.jsonl"
    path.write_bytes(
        b'\xef\xbb\xbf{"id": "a", "text": "The council met on Monday."}\n'
        b'{"id": "b", "text": "The bridge opened in May."}\n'
    )
    assert list(read_documents(path)) == [
        ("a", "The council met on Monday."),
        ("b", "The bridge opened in May."),
    ]


def test_json_documents_are_read_as_articles_without_terminal_controls(tmp_path):
    """Hostile round 4: JSON-lines evidence was indexed raw (a folder's documents go through
    load_article): ESC, OSC and C1 sequences and direction overrides in a document's id, title
    or text reached the terminal `veracity verify --index` prints passages to (the window
    retitled, the screen cleared), and a lone surrogate (a \\udfff escape) ended `veracity
    index` in "internal error: UnicodeEncodeError", exit 70."""
    import re

    path = tmp_path / "evidence.jsonl"
    row = {
        "id": "doc\x1b]0;retitled\x07\x1b[2J",
        "title": "Bridge\x1b[31m report",
        "text": "The bridge cost 3 billion dollars\x9b2J, officials \u202esaid \udfff on Monday.",
    }
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    [(document_id, text)] = list(read_documents(path))
    assert document_id == "doc\\x1b]0;retitled\\x07\\x1b[2J"  # ids stay distinct, shown inert
    assert (
        text
        == "Bridge[31m report\n\nThe bridge cost 3 billion dollars2J, officials said ? on Monday."
    )
    assert not re.search(
        "[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\ud800-\udfff]", document_id + text
    )
    out = tmp_path / "index"
    build_index(path, out)
    assert [p.document_id for p in EvidenceIndex.load(out).passages] == [document_id]


def test_an_index_built_through_the_python_api_loads_and_reads_as_the_cli_builds_it(tmp_path):
    """EvidenceIndex.build (the Python API: benches, fnc_claims) kept a document's controls,
    direction overrides and lone surrogates, which EvidenceIndex.load then refused ("the text
    is not one the build writes"; three LIAR statements in a bench): the build cleans every
    document as `veracity index` reads it, so the two indexes hold the same passages."""
    document_id = "doc\x1b]0;retitled\x07"
    text = (
        "The bridge cost 3 billion dollars\x9b2J, officials \u202esaid \udfff on Monday.\r\n\r\n"
        "The vote\x1b[2J was held\x00 on Tuesday. Its result\x85\x85was announced\x0c later."
    )
    api = tmp_path / "api"
    EvidenceIndex.build([(document_id, text)]).save(api)
    path = tmp_path / "evidence.jsonl"
    path.write_text(json.dumps({"id": document_id, "text": text}) + "\n", encoding="utf-8")
    cli = tmp_path / "cli"
    build_index(path, cli)
    passages = EvidenceIndex.load(api).passages
    assert passages == EvidenceIndex.load(cli).passages
    assert [(p.document_id, p.text) for p in passages] == [
        (
            "doc\\x1b]0;retitled\\x07",
            "The bridge cost 3 billion dollars2J, officials said ? on Monday. The vote[2J was "
            "held on Tuesday.",
        ),
        ("doc\\x1b]0;retitled\\x07", "Its result\nwas announced later."),
    ]


def test_a_file_name_with_terminal_controls_is_an_inert_document_id(tmp_path):
    """Hostile round 4: a folder's file names are the documents' ids, printed by `veracity
    verify --index`: a name holding ESC sequences retitled the window and cleared the screen."""
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "a\x1b]0;retitled\x07\x1b[2J\u202eb.txt").write_text("The council met on Monday.")
    [(document_id, _)] = list(read_documents(folder))
    assert document_id == "a\\x1b]0;retitled\\x07\\x1b[2J\\u202eb.txt"


def test_a_link_out_of_the_folder_is_refused_not_indexed(tmp_path):
    """Hostile round 3: `veracity index FOLDER` read a link to /etc/passwd as a document, and
    its lines came back as evidence passages (batch folders already refused such links)."""
    folder = tmp_path / "documents"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("The council said the water was safe to drink on Monday.")
    (folder / "sub" / "b.txt").symlink_to(folder / "a.txt")  # inside: read
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash")
    assert [doc for doc, _ in read_documents(folder)] == ["a.txt", "sub/b.txt"]
    (folder / "passwd.txt").symlink_to(outside)
    with pytest.raises(InputError, match=r"passwd.txt: a link to a file outside"):
        list(read_documents(folder))


def test_a_pipe_or_a_loop_of_links_in_the_folder_is_left_out_not_waited_on(tmp_path):
    """Round 7: `veracity index FOLDER` opened a pipe named like a document (or a link to one)
    and waited on it for good, and a link to itself ended it in "internal error: RuntimeError:
    Symlink loop", exit 70 (batch folders: tests/batch/test_readers.py)."""
    from tests.hostile import pipes_and_loops, without_waiting_on_pipes

    folder = tmp_path / "documents"
    pipes = pipes_and_loops(folder, "The council said the water was safe to drink on Monday.")
    skipped: list[str] = []
    found = without_waiting_on_pipes(lambda: list(read_documents(folder, skipped)), pipes)
    assert [doc for doc, _ in found] == ["a.txt"]
    with pytest.raises(InputError, match=r"b.txt: not a regular file \(a pipe or a device\)"):
        without_waiting_on_pipes(lambda: list(read_documents(folder)), pipes)
    assert skipped == [
        "b.txt: not a regular file (a pipe or a device); not read",
        "c.txt: not a regular file (a pipe or a device); not read",
        "loop.txt: a link that leads to itself; not read",
    ]


def test_verify_command_prints_a_verdict_with_evidence(index_dir, climate_claims):
    from typer.testing import CliRunner

    from veracity.cli import app

    claim = climate_claims[0]["claim"]
    result = CliRunner().invoke(
        app, ["verify", claim, "--index", str(index_dir), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["text"] == claim
    assert payload["verdict"]["label"] in {
        "supported",
        "refuted",
        "disputed",
        "not_enough_evidence",
    }
    assert len(payload["evidence"]) == 5
    own = {e["evidence_id"] for e in climate_claims[0]["evidences"]}
    assert any(p["document_id"] in own for p in payload["evidence"])


def test_verify_command_reports_a_missing_index(tmp_path):
    from typer.testing import CliRunner

    from veracity.cli import app

    result = CliRunner().invoke(app, ["verify", "Sea levels are rising.", "--index", str(tmp_path)])
    assert result.exit_code == SourceNotFoundError.exit_code
    assert "no evidence index" in result.output


def _jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_index_append_adds_documents_and_keeps_the_old_ones(tmp_path):
    """A newsroom adds evidence daily: `veracity index` could only build a new index, so each
    day's documents meant re-reading and re-embedding all of the earlier ones."""
    from typer.testing import CliRunner

    from veracity.cli import app

    out = tmp_path / "index"
    monday = _jsonl(
        tmp_path / "monday.jsonl",
        [
            {"id": "water", "text": "The council said the water was safe to drink on Monday."},
            {
                "id": "bridge",
                "text": "The bridge will close for repairs in May. It reopens in June.",
            },
        ],
    )
    tuesday = _jsonl(
        tmp_path / "tuesday.jsonl",
        [
            {"id": "flood", "text": "The river burst its banks on Tuesday, flooding 40 homes."},
            {"id": "bridge", "text": "The bridge repairs were postponed until September."},
        ],
    )
    runner = CliRunner()
    first = runner.invoke(app, ["index", str(monday), "--out", str(out), "--append"])
    assert first.exit_code == 0 and "indexed 2 passages from 2 documents" in first.stdout
    before = EvidenceIndex.load(out)
    result = runner.invoke(app, ["index", str(tuesday), "--out", str(out), "--append"])
    assert result.exit_code == 0, result.output
    assert "added 2 passages from 2 documents" in result.stdout
    assert "1 replaced a document of the same id" in result.stdout
    index = EvidenceIndex.load(out)
    assert [p.document_id for p in index.passages] == ["water", "flood", "bridge"]
    assert [p.id for p in index.passages] == [0, 1, 2]
    assert index.passages[2].text == "The bridge repairs were postponed until September."
    # the kept passage's vector is the one it had; the index searches all three
    assert (index.vectors[0] == before.vectors[0]).all()
    assert index.search("river flooding homes", k=1)[0].passage.document_id == "flood"
    assert index.search("council water safe", k=1)[0].passage.document_id == "water"
    assert not list(tmp_path.glob(".index.*"))  # nothing left beside it


def test_index_append_refuses_an_index_of_another_version_in_one_line(tmp_path):
    from typer.testing import CliRunner

    from veracity.cli import app

    out = tmp_path / "index"
    docs = _jsonl(tmp_path / "docs.jsonl", [{"id": "a", "text": "The council met on Monday."}])
    runner = CliRunner()
    assert runner.invoke(app, ["index", str(docs), "--out", str(out)]).exit_code == 0
    meta = json.loads((out / "index.json").read_text())
    for key, value, said in (
        ("version", "0", "is version '0'"),
        ("embedding_model", "other/model", "was embedded with 'other/model'"),
    ):
        changed = {**meta, key: value}
        (out / "index.json").write_text(json.dumps(changed))
        result = runner.invoke(app, ["index", str(docs), "--out", str(out), "--append"])
        assert result.exit_code != 0
        [line] = result.stderr.strip().splitlines()
        assert line.startswith("error: cannot append: evidence index") and said in line
        assert json.loads((out / "index.json").read_text()) == changed  # left as it was


def test_a_reader_finds_a_whole_index_while_documents_are_appended(tmp_path):
    """Stop 35's probe: `--append` put the new index in place by two renames (the old one
    aside, then the new one in), so for a moment there was no index at --out, and a reader
    that had read index.json went on to read the parts of the other index. A reader loading
    the index over and over while documents are appended finds it whole, before or after each
    append."""
    out = tmp_path / "index"
    towns = ["Leeds", "Hull", "York", "Bath", "Ely", "Wells", "Ripon", "Truro", "Derby"]
    build_index(
        _jsonl(tmp_path / "0.jsonl", [{"id": "0", "text": "The council met on Monday."}]), out
    )
    stop = threading.Event()
    seen: list[int] = []
    failures: list[str] = []

    def read() -> None:
        while not stop.is_set():
            try:
                seen.append(len(EvidenceIndex.load(out).passages))
            except VeracityError as exc:
                failures.append(str(exc))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for day, town in enumerate(towns, start=1):
            row = {"id": str(day), "text": f"The bridge in {town} closed for repairs on day {day}."}
            append_to_index(_jsonl(tmp_path / f"{day}.jsonl", [row]), out)
    finally:
        stop.set()
        reader.join()
    assert not failures, failures[:3]
    assert len(seen) > len(towns) and set(seen) <= set(range(1, len(towns) + 2))
    assert len(EvidenceIndex.load(out).passages) == len(towns) + 1


def test_an_older_index_is_refused_in_one_line_and_rebuilt_in_its_place(tmp_path):
    """Version 5 cuts no passage after "U.S." or "Dr.", version 4 embeds each passage after
    its document's title: an index of version 4 holds other passages, one of version 2 (the
    parts beside index.json) or 3 vectors embedded without the title, which new ones cannot be
    mixed with. `veracity verify` says so in one line asking to rebuild; `veracity index` over
    it builds version 5."""
    from typer.testing import CliRunner

    from veracity.cli import app

    out = tmp_path / "index"
    docs = _jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": "The council met."}])
    build_index(docs, out)
    meta = json.loads((out / "index.json").read_text())
    runner = CliRunner()
    for version, why in (
        ("4", "cut after abbreviations and initials"),
        ("3", "embedded without their documents' titles"),
        ("2", "embedded without their documents' titles"),
    ):
        if version == "2":  # its parts beside index.json, as version 2 wrote them
            parts = parts_folder(out)
            for name in ("passages.jsonl.gz", "vectors.npy", "bm25"):
                (parts / name).rename(out / name)
            parts.rmdir()
            meta = {k: v for k, v in meta.items() if k != "parts"}
        (out / "index.json").write_text(json.dumps({**meta, "version": version}))
        with pytest.raises(
            EvidenceIndexError, match="rebuild it from your documents with: veracity index"
        ):
            EvidenceIndex.load(out)
        result = runner.invoke(app, ["verify", "The council met.", "--index", str(out)])
        assert result.exit_code != 0
        [line] = result.stderr.strip().splitlines()
        assert f"is version '{version}', this code needs '5'" in line
        assert why in line and "rebuild it" in line
    assert runner.invoke(app, ["index", str(docs), "--out", str(out)]).exit_code == 0
    assert json.loads((out / "index.json").read_text())["version"] == "5"
    assert [p.document_id for p in EvidenceIndex.load(out).passages] == ["a"]


FDA_CLAIM = "The FDA issued an emergency authorization for hydroxychloroquine in late March."
FDA_PAGES = ("politico:0", "usa_today:42", "usa_today:37", "reuters:2", "reuters:1")


def test_a_passage_is_found_through_its_pages_title(tmp_path, data_dir):
    """Probe s42: over ReCOVery's hydroxychloroquine pages `veracity verify` refuted (0.82)
    the FDA claim: the passage that states it ("The FDA issued an emergency authorization for
    use in coronavirus patients in late March ...") never names the drug, which its page's
    title does ("No evidence hydroxychloroquine treats coronavirus ..."), so the dense ranking
    put it far down and the fusion out of the 5 passages read. Each passage's vector now reads
    its page's title first (index version 4)."""
    import gzip

    path = data_dir / "recovery_covid2020" / "recovery_news.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        pages = {
            row["id"]: {"id": row["id"], "title": row["title"], "text": row["text"]}
            for row in map(json.loads, handle)
            if row["id"] in FDA_PAGES
        }
    out = tmp_path / "index"
    build_index(_jsonl(tmp_path / "pages.jsonl", [pages[i] for i in FDA_PAGES]), out)
    index = EvidenceIndex.load(out)
    first = index.search(FDA_CLAIM, k=5)[0]
    assert first.passage.document_id == "politico:0"
    assert first.passage.text.startswith("The FDA issued an emergency authorization")
    assert {p.document_id: p.title for p in index.passages} == {
        i: pages[i]["title"] for i in FDA_PAGES
    }
    assert first.passage.embedded_text.startswith(pages["politico:0"]["title"] + "\n")


def test_only_a_title_the_document_has_is_embedded(tmp_path):
    """A JSON line's title and an HTML page's headline are titles; a plain text's first line is
    not (on news pages it is as often a deck or a caption): its passages are embedded alone. A
    passage that starts with its title (a page's first) reads it once; appended documents keep
    theirs, and the old ones keep their own."""
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "page.html").write_text(
        "<html><head><title>Bridge reopens after repairs</title></head><body><article>"
        "<h1>Bridge reopens after repairs</h1><p>The bridge over the river reopened on Monday "
        "after two years of work. Engineers said the new deck would last a century.</p>"
        "<p>Traffic was light in the morning. The mayor drove across first.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (folder / "plain.txt").write_text(
        "Photo: the mayor at the opening\n\nThe council met on Monday. It voted on the budget."
        "\n\nThe vote was close.",
        encoding="utf-8",
    )
    out = tmp_path / "index"
    build_index(folder, out)
    line = {"id": "j", "title": "Budget \x1b[31mpassed\n", "text": "The budget passed. It did."}
    append_to_index(_jsonl(tmp_path / "more.jsonl", [line]), out)
    index = EvidenceIndex.load(out)
    titles = {p.document_id: p.title for p in index.passages}
    assert titles == {
        "page.html": "Bridge reopens after repairs",
        "plain.txt": None,
        "j": "Budget [31mpassed",
    }
    for passage in index.passages:
        if passage.title is None or passage.text.startswith(passage.title):
            assert passage.embedded_text == passage.text
        else:
            assert passage.embedded_text == f"{passage.title}\n{passage.text}"
    assert any(p.embedded_text != p.text for p in index.passages if p.document_id == "page.html")
    assert {p.document_id for p in index.passages} == {"page.html", "plain.txt", "j"}


def test_json_documents_lose_their_site_furniture_as_a_folders_do(tmp_path):
    """Probe s36: a JSON-lines document was indexed with its site furniture, which a folder's
    document (read by load_article) loses, so 'Story Continued Below', 'Enlarge this image
    toggle caption' and 'Email *' were evidence passages (543 of 3,641 BuzzFeed-Webis and
    ReCOVery articles indexed as JSON lines); a headline alone is still a document, and an
    empty one is left out with its error line, as an empty file of a folder is."""
    body = (
        "The council approved the budget on Tuesday.\n"
        "Story Continued Below\n"
        "Enlarge this image toggle caption\n"
        "The mayor said the vote was close.\n"
        "Share this:\nFacebook\nTwitter\nEmail\n"
    )
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "a.txt").write_text("Council approves budget\n\n" + body, encoding="utf-8")
    path = _jsonl(
        tmp_path / "documents.jsonl",
        [
            {"id": "a", "title": "Council approves budget", "text": body},
            {"id": "b", "title": "Mayor resigns after budget vote", "text": ""},
            {"id": "c", "text": "   "},
        ],
    )
    skipped: list[str] = []
    documents = dict(read_documents(path, skipped))
    [(_, from_folder)] = list(read_documents(folder))
    assert documents["a"] == from_folder
    assert "Continued" not in documents["a"] and "Email" not in documents["a"]
    assert documents["b"] == "Mayor resigns after budget vote"
    assert "c" not in documents
    assert len(skipped) == 1 and "documents.jsonl:3 (c)" in skipped[0] and "empty" in skipped[0]


def test_lines_pointing_to_other_stories_are_no_evidence(tmp_path):
    """Probe s36: 'MORE: Woman pays $20,000 for third breast to make herself LESS attractive to
    men', a link to another story inside an FNC-1 body, was a passage of its document and
    decided verdicts (it 'supported' that very headline). A document's own headline stays,
    whatever its label."""
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "WATCH: The council approves the budget\n\n"
        "The council approved the budget on Tuesday.\n"
        "MORE: Mayor Signs Order Cutting 400 City Jobs, Unions Vow To Sue\n"
        "The mayor said the vote was close.\n",
        encoding="utf-8",
    )
    path = _jsonl(
        tmp_path / "documents.jsonl",
        [{"id": "c", "text": "The bridge opened in May.\nSEE ALSO: Bridge Closed For Repairs"}],
    )
    documents = dict(read_documents(folder)) | dict(read_documents(path))
    assert documents["a.txt"] == (
        "WATCH: The council approves the budget\n\n"
        "The council approved the budget on Tuesday.\nThe mayor said the vote was close."
    )
    assert documents["c"] == "The bridge opened in May."


def test_one_text_file_is_one_document_read_as_a_folders_file_is(tmp_path):
    """`veracity index statement.txt` said "not JSON lines": a newcomer's single text file (probe s40)."""
    folder = tmp_path / "docs"
    folder.mkdir()
    body = "Pentagon statement\n\nReports that a Russian strike killed US officers were false.\n"
    (folder / "statement.txt").write_text(body, encoding="utf-8")
    (folder / "page.html").write_text(
        "<html><body><p>The UN found no evidence that a drone was involved.</p></body></html>",
        encoding="utf-8",
    )
    from_folder = dict(read_documents(folder))
    for name in ("statement.txt", "page.html"):
        assert list(read_documents(folder / name)) == [(name, from_folder[name])]
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match=r"^empty\.txt: "):
        list(read_documents(empty))


def test_the_index_summary_counts_in_words_a_reader_reads(tmp_path):
    """`veracity index one.txt` printed "indexed 1 passages from 1 documents" (probe s40)."""
    from typer.testing import CliRunner

    from veracity.cli import app

    note = tmp_path / "note.txt"
    note.write_text("The council approved the budget on Tuesday.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["index", str(note), "--out", str(tmp_path / "idx")])
    assert result.exit_code == 0, result.output
    assert "indexed 1 passage from 1 document -> " in result.stdout


@pytest.mark.skipif(os.geteuid() != 0, reason="another user's folder and link are made as root")
def test_an_index_is_not_written_where_another_user_could_change_it(tmp_path):
    """Hostile round 8: round 7 refuses to read an index another user could have written, but
    `veracity index DOCS --out FOLDER` wrote one there all the same, after embedding every
    document: into a folder every user may write or another user owns (to be refused at the
    first verify), and through a link another user made at the name, into the folder of this
    user's that the link names (its old parts removed, its index replaced). Each is now one
    error line before any document is read."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The council approved the budget on Tuesday.", encoding="utf-8")
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    os.chown(theirs, 65534, 65534)
    mine = tmp_path / "mine"
    mine.mkdir()
    link = tmp_path / "link"
    link.symlink_to(mine)
    os.lchown(link, 65534, 65534)
    open_parent = tmp_path / "open"
    open_parent.mkdir()
    open_parent.chmod(0o777)
    cases = {
        shared: "is writable by every user",
        theirs: "is owned by another user (uid 65534)",
        link: "is a link another user made (uid 65534)",
        open_parent / "index": "is writable by every user, who could make",
    }
    for out, why in cases.items():
        for write in (build_index, append_to_index):
            with pytest.raises(OutputError, match="cannot write the index to") as caught:
                write(docs, out)
            assert why in str(caught.value)
    assert list(mine.iterdir()) == [] and list(shared.iterdir()) == []
    assert not (open_parent / "index").exists()


def test_a_damaged_or_cut_gzip_of_documents_is_one_error_line(tmp_path):
    """Hostile round 8: `veracity index DOCS.jsonl.gz` of a gzip file whose trailer lies about
    the size or the CRC ended in "internal error: BadGzipFile", one whose deflate data is
    damaged in "internal error: error: Error -3 while decompressing data" (exit 70), and one
    cut short in "Aborted." (click's word for an EOFError, exit 1, no reason given); the batch
    readers already said "cannot read". The parts of an index or a store built before their
    digests are read the same way: damaged gzip is a corrupt part there."""
    import gzip
    import struct

    from veracity.ingest.lines import gzip_json_lines

    good = gzip.compress(b'{"text": "The council approved the budget on Tuesday."}\n' * 500)
    lying_size = good[:-4] + struct.pack("<I", 7)
    lying_crc = good[:-8] + b"\0\0\0\0" + good[-4:]
    damaged = bytearray(good)
    damaged[30] ^= 0xFF
    damaged[31] ^= 0x55
    cases = {
        "size": (lying_size, "Incorrect length of data produced"),
        "crc": (lying_crc, "CRC check failed"),
        "damaged": (bytes(damaged), "the gzip data is damaged"),
        "cut": (good[: len(good) // 2], "the gzip file is cut short"),
    }
    for name, (data, why) in cases.items():
        path = tmp_path / f"{name}.jsonl.gz"
        path.write_bytes(data)
        with pytest.raises(InputError, match=f"cannot be read \\({why}"):
            build_index(path, tmp_path / f"index-{name}")
        with pytest.raises(ValueError, match="not readable gzip"):
            list(gzip_json_lines(data))


def test_a_folder_of_other_files_is_not_made_an_index(tmp_path):
    """Round 10: a save replaces ``index.json`` and removes what an older index left beside it,
    so `veracity index DOCS --out FOLDER` (and ``--append``) given a folder of the user's own
    that held no index removed its ``bm25/`` folder, its ``vectors.npy`` and
    ``passages.jsonl.gz`` and any ``parts-*`` folder of its, whatever they were. Such a folder
    is refused before any document is read, nothing in it touched; an empty folder, one
    holding an index and the leftovers of an interrupted save are written as before."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The council approved the budget on Tuesday.", encoding="utf-8")
    mine = tmp_path / "mine"
    (mine / "bm25").mkdir(parents=True)
    (mine / "bm25" / "notes.txt").write_text("mine", encoding="utf-8")
    (mine / "vectors.npy").write_text("mine", encoding="utf-8")
    (mine / "parts-of-a-book").mkdir()
    before = sorted(path.relative_to(mine) for path in mine.rglob("*"))
    for write in (build_index, append_to_index):
        with pytest.raises(OutputError, match=r"it holds no index but other files \('bm25' and 2"):
            write(docs, mine)
    assert sorted(path.relative_to(mine) for path in mine.rglob("*")) == before
    interrupted = tmp_path / "interrupted"
    (interrupted / "parts-0123456789ab").mkdir(parents=True)
    (interrupted / ".index.json.parts-0123456789ab").write_text("{}", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    for out in (interrupted, empty):
        build_index(docs, out)
        build_index(docs, out)  # over its own index
        assert [p.name for p in out.iterdir() if p.name.startswith("parts-")] and len(
            EvidenceIndex.load(out).passages
        ) == 1
    assert not (interrupted / "parts-0123456789ab").exists()


def test_a_long_title_is_kept_cut_not_whole_with_each_passage(tmp_path):
    """Hostile round 12: each passage keeps its document's title (landed this session), so a
    JSON line's title of any length was written, stored and loaded once per passage: a 235 KB
    line of a 200 KB title made a 26 MB index. A title is kept to its words that fit in
    MAX_TITLE_CHARS."""
    from veracity.verify.index import MAX_TITLE_CHARS

    words = [f"w{k:06d}" for k in range(30_000)]  # 240 KB, no run gzip could fold
    text = "Officials said the bridge repairs were cancelled after the vote. " * 300
    out = tmp_path / "index"
    build_index(
        _jsonl(tmp_path / "docs.jsonl", [{"id": "a", "title": " ".join(words), "text": text}]), out
    )
    index = EvidenceIndex.load(out)
    assert len(index.passages) > 100
    assert {p.title for p in index.passages} == {" ".join(words[:62])}  # 495 characters
    assert MAX_TITLE_CHARS - 8 < len(" ".join(words[:62])) <= MAX_TITLE_CHARS
    assert (
        sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) < 3_000_000
    )  # its text holds it once
