"""The issue's failing scenario end to end: index four documents, then verify a claim they deny
and analyse the seed article against them; and bad input to ``verify`` and ``index``. The index
is built, and the first claim and the folder checked, by the CLI in a subprocess; the other runs
call its entry point in this process (``veracity_in_process``), the models loaded once."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.test_cli import assert_one_line_error, veracity, veracity_in_process
from veracity.errors import InputError, InputTooLargeError, OutputError, SourceNotFoundError
from veracity.report.schema import WEIGHT_NOTE, Claim, Report
from veracity.verify.index import parts_folder

DOCUMENTS = Path(__file__).resolve().parents[1] / "fixtures" / "evidence_documents"
CONVOY = "The UN aid convoy near Aleppo was bombed with a US Hellfire drone."


@pytest.fixture(scope="module")
def evidence_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("index") / "my-index"
    result = veracity("index", str(DOCUMENTS), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "from 4 documents" in result.stdout
    return out


def test_a_claim_the_evidence_denies_is_not_supported(evidence_index: Path):
    result = veracity("verify", CONVOY, "--index", str(evidence_index), "--format", "json")
    assert result.returncode == 0, result.stderr
    claim = Claim.model_validate_json(result.stdout)
    assert claim.verdict is not None
    assert claim.verdict.label != "supported"
    assert claim.verdict.confidence < 1.0
    denial = [e for e in claim.evidence if "no evidence that a US drone" in e.passage]
    assert denial and denial[0].stance != "supports"
    assert all(
        p.stance != "supports"
        for p in claim.verdict.passages
        if "no evidence that a US drone" in p.passage
    )


def test_text_output_puts_the_fact_checks_before_the_evidence_and_heads_the_passages(
    evidence_index: Path,
):
    """Probe s43: the index's passages, indented, were printed after the matched fact-checks,
    so "fact-check [false] Says Barack Obama grew up in Kenya." was followed by "  neutral
    (stance probability 0.99, relevance 0.00) koirala.txt: ..." as if it were part of it."""
    result = veracity_in_process(
        "verify", "Barack Obama was born in Kenya.", "--index", str(evidence_index)
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "fact-check [" in out and "\nverdict: " in out
    assert out.rindex("fact-check [") < out.index("\nverdict: ")
    heading = out.index("\npassages of the evidence index (")
    assert heading > out.index("\nverdict: ")
    assert "fact-check [" not in out[heading:]


def test_text_output_lists_the_deciding_passages(evidence_index: Path):
    result = veracity_in_process("verify", CONVOY, "--index", str(evidence_index))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("check-worthiness: ")
    assert "\nverdict: " in result.stdout
    assert "un-convoy-inquiry.txt" in result.stdout


# verify2: the terminal cut every passage at 200 characters, with no mark, so the Pentagon's
# passage lost its "were false" and read as confirming the strike it denies (lead).
def test_text_output_says_what_a_passages_weight_is_and_shows_its_relatedness(
    evidence_index: Path,
):
    """Probe s47 (V5): "decided by: refutes (weight 0.53)" stood beside "stance probability
    0.53, relevance 0.03"; weight (relatedness x stance probability) was defined nowhere and
    the relatedness it multiplies was shown nowhere."""
    result = veracity_in_process("verify", CONVOY, "--index", str(evidence_index))
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split())
    # in the form `analyze` prints it (probe s47 U3: "refutes (weight 0.53) doc:" here)
    assert re.search(r"decided by: \w+, weight \d\.\d\d, \S+: ", out)
    assert f"({WEIGHT_NOTE})" in out
    assert re.search(
        r"\(stance probability \d\.\d\d, relevance \d\.\d\d, relatedness \d\.\d\d\)", out
    )


def test_text_output_shows_each_passage_whole(evidence_index: Path):
    claim = "Russian warships killed 30 US, British and Israeli officers in Aleppo."
    result = veracity_in_process("verify", claim, "--index", str(evidence_index))
    assert result.returncode == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "in Aleppo were false. [restates the claim and denies it" in flat
    deciding = flat.split("decided by: ", 1)[1].split(f" ({WEIGHT_NOTE})", 1)[0]
    assert deciding.endswith("…") and "were false" not in deciding


# verify (s35): the Pentagon's "No American service members were in Aleppo at the time" restates
# the claim with its verb negated; the head read it as "discuss": not enough evidence (0.99).
def test_a_restatement_with_its_verb_negated_refutes_the_claim(evidence_index: Path):
    claim = "American service members were in Aleppo."
    result = veracity_in_process(
        "verify", claim, "--index", str(evidence_index), "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    verdict = Claim.model_validate_json(result.stdout).verdict
    assert verdict is not None and verdict.label == "refuted"
    assert verdict.passages[0].passage.startswith("No American service members were in Aleppo")


@pytest.mark.data
def test_seed_article_lead_claim_is_not_supported_by_the_pentagon_denial(
    evidence_index: Path, data_dir: Path
):
    seed = data_dir.parent / "examples" / "seed-article.txt"
    result = veracity_in_process(
        "analyze", str(seed), "--index", str(evidence_index), "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    report = Report.model_validate_json(result.stdout)
    lead = [c for c in report.claims if "30" in c.text and "officers" in c.text]
    assert lead, [c.text for c in report.claims]
    for claim in lead:
        assert claim.verdict is not None and claim.verdict.label != "supported"
    for claim in report.claims:
        if claim.verdict is not None and claim.verdict.label == "supported":
            assert all(p.document_id != "pentagon-statement.txt" for p in claim.verdict.passages)
        for passage in claim.evidence:
            if passage.document_id == "pentagon-statement.txt" and "were false" in passage.passage:
                assert passage.stance != "supports"


def test_empty_and_oversized_claims_are_one_error_line(evidence_index: Path):
    assert_one_line_error(
        veracity_in_process("verify", "   ", "--index", str(evidence_index)),
        InputError.exit_code,
        "empty",
    )
    assert_one_line_error(
        veracity_in_process("verify", "word " * 2000, "--index", str(evidence_index)),
        InputTooLargeError.exit_code,
        "at most 2,000 characters",
    )


def test_a_folder_is_refused_as_no_claim(tmp_path: Path):
    """Security s38: `veracity verify FOLDER` (or a FIFO) checked the name as the claim (exit
    0, 'not enough evidence'); verify reads no folder, so it says what it takes, as `analyze
    FOLDER` points to batch."""
    folder = tmp_path / "claims"
    folder.mkdir()
    (folder / "a.txt").write_text(CONVOY + "\n")
    result = veracity("verify", str(folder))
    assert_one_line_error(result, InputError.exit_code, f"{folder} is a directory: verify takes")
    assert "a file of claims (one per line)" in result.stderr
    assert "`veracity index FOLDER --out IDX`" in result.stderr
    fifo = tmp_path / "claims.fifo"  # named as the claim, read as its text: refused, no hang
    os.mkfifo(fifo)
    assert_one_line_error(
        veracity("verify", str(fifo)), InputError.exit_code, "is not a regular file: verify takes"
    )


def test_missing_corrupt_and_foreign_indexes_are_one_error_line(
    evidence_index: Path, tmp_path: Path
):
    assert_one_line_error(
        veracity_in_process("verify", CONVOY, "--index", str(tmp_path / "nowhere")),
        SourceNotFoundError.exit_code,
        "no evidence index",
    )
    corrupt = tmp_path / "corrupt"
    shutil.copytree(evidence_index, corrupt)
    (parts_folder(corrupt) / "passages.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    assert_one_line_error(
        veracity_in_process("verify", CONVOY, "--index", str(corrupt)),
        InputError.exit_code,
        "corrupt",
    )
    foreign = tmp_path / "foreign"
    shutil.copytree(evidence_index, foreign)
    meta = json.loads((foreign / "index.json").read_text())
    (foreign / "index.json").write_text(json.dumps({**meta, "version": "0"}))
    assert_one_line_error(
        veracity_in_process("verify", CONVOY, "--index", str(foreign)),
        InputError.exit_code,
        "version '0'",
    )


def test_a_file_given_as_the_index_is_called_a_file_and_never_an_index_to_build_there(
    tmp_path: Path,
):
    """Probe s49 U4: `verify --index wire.txt` advised "build one with: veracity index
    DIR_OR_JSONL --out .../wire.txt", an index written over the very file."""
    article = tmp_path / "wire.txt"
    article.write_text("Copper fell 2.3% on the London Metal Exchange on Wednesday.\n")
    for command in (("verify", CONVOY), ("analyze", str(article))):
        result = veracity_in_process(*command, "--index", str(article))
        assert_one_line_error(
            result,
            SourceNotFoundError.exit_code,
            f"{article} is a file, not an evidence index folder; to verify against its text, "
            f"build an index of it with: veracity index {article} --out veracity-index",
        )
        assert f"--out {article}" not in result.stderr
    folder = tmp_path / "my-index"
    folder.mkdir()
    (folder / "index.json").write_text("{}")
    assert_one_line_error(
        veracity_in_process("verify", CONVOY, "--index", str(folder / "index.json")),
        SourceNotFoundError.exit_code,
        f"is a file, not an evidence index folder; give the folder that holds it: {folder}",
    )


def test_an_index_built_before_titles_ended_their_sentence_is_refused(
    evidence_index: Path, tmp_path: Path
):
    """Version "1" glued a document's title onto its first sentence in a passage (before
    8c060ca); its passages are not what the stance models now read, so it must be rebuilt."""
    old = tmp_path / "old"
    shutil.copytree(evidence_index, old)
    meta = json.loads((old / "index.json").read_text())
    (old / "index.json").write_text(json.dumps({**meta, "version": "1"}))
    result = veracity_in_process("verify", CONVOY, "--index", str(old))
    assert_one_line_error(result, InputError.exit_code, "version '1'")
    assert f"rebuild it from your documents with: veracity index DOCUMENTS --out {old}" in (
        result.stderr
    )


@pytest.mark.parametrize(
    "part", ["vectors.npy", "bm25/vocab.index.json", "bm25/data.csc.index.npy"]
)
def test_a_corrupt_index_part_is_named_and_no_unsafe_load_is_suggested(
    evidence_index: Path, tmp_path: Path, part: str
):
    """NumPy reads a garbled .npy as pickled objects, and its message says to load it with
    allow_pickle: the error line passed that on and named no file (probe5)."""
    corrupt = tmp_path / "corrupt"
    shutil.copytree(evidence_index, corrupt)
    (parts_folder(corrupt) / part).write_bytes(b"garbage")
    for digests in (True, False):  # refused by its digest, and as an index built before them
        if not digests:
            _without_digests(corrupt)
        result = veracity_in_process("verify", CONVOY, "--index", str(corrupt))
        assert_one_line_error(result, InputError.exit_code, "corrupt")
        assert f"({part.split('/')[0] + '/' if '/' in part else part}: " in result.stderr
        assert "pickle" not in result.stderr


def test_indexing_nothing_is_one_error_line(tmp_path: Path):
    assert_one_line_error(
        veracity_in_process("index", str(tmp_path / "missing"), "--out", str(tmp_path / "out")),
        SourceNotFoundError.exit_code,
        "no such file",
    )
    (tmp_path / "empty").mkdir()
    assert_one_line_error(
        veracity_in_process("index", str(tmp_path / "empty"), "--out", str(tmp_path / "out")),
        InputError.exit_code,
        "no .txt",
    )


def test_an_index_mixed_from_two_builds_or_with_broken_vectors_is_one_error_line(
    evidence_index: Path, tmp_path: Path
):
    """Audit: a bm25/ folder from another build made ``verify`` end in an internal error
    (IndexError past the passages, or bm25s refusing k), and NaN vectors were used silently."""
    import numpy as np

    from veracity.verify.index import EvidenceIndex, EvidenceIndexError

    small_docs = tmp_path / "small"
    small_docs.mkdir()
    for name in sorted(p.name for p in DOCUMENTS.iterdir())[:2]:
        shutil.copy(DOCUMENTS / name, small_docs / name)
    small = tmp_path / "small-index"
    assert veracity_in_process("index", str(small_docs), "--out", str(small)).returncode == 0
    for base, other in ((evidence_index, small), (small, evidence_index)):
        mixed = tmp_path / f"mixed-{base.name}"
        shutil.copytree(base, mixed)
        shutil.rmtree(parts_folder(mixed) / "bm25")
        shutil.copytree(parts_folder(other) / "bm25", parts_folder(mixed) / "bm25")
        assert_one_line_error(
            veracity_in_process("verify", CONVOY, "--index", str(mixed)),
            InputError.exit_code,
            "is corrupt (bm25/: ",  # its digests (round 6)
        )
        _without_digests(mixed)  # as an index built before them: the parts are compared
        assert_one_line_error(
            veracity_in_process("verify", CONVOY, "--index", str(mixed)),
            InputError.exit_code,
            "inconsistent (its bm25/ part does not match",
        )
    broken = tmp_path / "nan"
    shutil.copytree(evidence_index, broken)
    vectors = np.load(parts_folder(broken) / "vectors.npy")
    np.save(parts_folder(broken) / "vectors.npy", np.full_like(vectors, np.nan))
    with pytest.raises(EvidenceIndexError, match=r"vectors\.npy: changed, cut short"):
        EvidenceIndex.load(broken)
    _without_digests(broken)
    with pytest.raises(EvidenceIndexError, match="no finite embeddings"):
        EvidenceIndex.load(broken)
    assert EvidenceIndex.load(evidence_index).passages  # the sound index still loads


@pytest.mark.data
def test_a_claim_nothing_matches_without_an_index_gets_a_note_not_silence():
    """Audit: ``veracity verify`` with no index and no matching fact-check printed nothing at
    all and exited 0."""
    result = veracity_in_process(
        "verify", "The singer's new album drops on Friday, and her fans cheer."
    )
    assert result.returncode == 0, result.stderr
    assert "No published fact-check matches this claim" in result.stderr
    assert "--index" in result.stderr
    matched = veracity_in_process("verify", "Barack Obama was born in Kenya.")
    assert matched.returncode == 0 and "fact-check [" in matched.stdout
    assert "No published fact-check matches" not in matched.stderr
    # probe s47 (C4): where he grew up is another claim (the deep path's predicate guard)
    assert "grew up in Kenya" not in matched.stdout


def test_depth_option_of_analyze_matches_batch_and_contradictions_are_refused():
    """Audit: ``analyze --depth deep`` (the spelling ``batch`` takes) was 'No such option'."""
    text = b"Council approves the new water plant\n\nThe council voted on Monday to build it."
    fast = veracity_in_process("analyze", "-", "--depth", "fast", "--format", "json", stdin=text)
    assert fast.returncode == 0, fast.stderr
    assert Report.model_validate_json(fast.stdout).analysis_path == "fast"
    assert_one_line_error(
        veracity_in_process("analyze", "-", "--fast", "--depth", "deep", stdin=text),
        InputError.exit_code,
        "contradict",
    )


@pytest.mark.parametrize("claim", ["It is.", "???", "\U0001f600\U0001f600"])
def test_a_claim_without_content_words_gets_a_verdict_not_an_internal_error(
    evidence_index: Path, claim: str
):
    """Audit: a claim of stop words or symbols only ended in 'internal error:
    ZeroDivisionError' (evidence_stance.coverage_features divided by its zero content words)."""
    from veracity.verify.evidence_stance import coverage_features

    features = coverage_features(claim, "The convoy was struck from the air. No drone was seen.")
    assert features[0] == features[4] == 0.0  # shares nothing with the passage
    result = veracity_in_process(
        "verify", claim, "--index", str(evidence_index), "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    verdict = Claim.model_validate_json(result.stdout).verdict
    assert verdict is not None and verdict.label == "not_enough_evidence"


def test_indexing_into_a_file_is_one_error_line_and_a_bad_document_is_left_out_by_name(
    tmp_path: Path,
):
    """Audit: ``index --out`` naming an existing file ended in 'internal error:
    FileExistsError'; one binary file among the documents stopped indexing without saying
    which file it was. Probe6: and once it said which, it still stopped: one empty or binary
    file among a folder's documents left no index at all; now the others are indexed and each
    unreadable one has its error line, as `analyze a b c` does with its inputs."""
    taken = tmp_path / "taken"
    taken.write_text("not a folder")
    assert_one_line_error(
        veracity_in_process("index", str(DOCUMENTS), "--out", str(taken)),
        OutputError.exit_code,
        f"cannot write the index to {taken}",
    )
    documents = tmp_path / "documents"
    shutil.copytree(DOCUMENTS, documents)
    (documents / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (documents / "draft.txt").write_text("  \n")
    out = tmp_path / "out"
    result = veracity_in_process("index", str(documents), "--out", str(out))
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip().splitlines() == [
        "error: 2 documents not read: draft.txt: input is empty; "
        "scan.txt: input looks binary (NUL bytes), not text",
    ]
    documents_read = len(list(DOCUMENTS.glob("*.txt")))
    assert f"from {documents_read} documents" in result.stdout
    assert "2 documents not read (error above)" in result.stdout
    assert json.loads((out / "index.json").read_text())["documents"] == documents_read
    for name in ("scan.txt", "draft.txt"):
        (documents / name).unlink()
    (documents / "blank.txt").write_text("")
    for path in documents.glob("*.txt"):
        if path.name != "blank.txt":
            path.unlink()
    result = veracity_in_process("index", str(documents), "--out", str(tmp_path / "none"))
    assert result.returncode == InputError.exit_code
    assert result.stderr.strip().splitlines() == [
        "error: blank.txt: input is empty",
        "error: the documents contain no text to index",
    ]


def test_a_folder_of_empty_files_is_one_error_line_with_the_count_and_the_first_names(
    tmp_path: Path,
):
    """Probe s48: `veracity index` printed one error line per empty file, a screen of them for
    a folder of stubs; the files left out are one line: their count, and per reason the first
    few names and how many more. The exit code stays 1 (some inputs not read)."""
    documents = tmp_path / "documents"
    shutil.copytree(DOCUMENTS, documents)
    for i in range(1, 8):
        (documents / f"stub{i}.txt").write_text("" if i % 2 else "  \n")
    (documents / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    result = veracity_in_process("index", str(documents), "--out", str(tmp_path / "out"))
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip().splitlines() == [
        "error: 8 documents not read: scan.txt: input looks binary (NUL bytes), not text; "
        "stub1.txt, stub2.txt, stub3.txt and 4 more: input is empty"
    ]
    assert "8 documents not read (error above)" in result.stdout


def test_a_json_lines_files_bad_lines_past_three_reasons_are_counted_as_other_reasons(
    tmp_path: Path,
):
    """A JSON-lines file's bad lines can each carry their own parser message: the error line of
    `veracity index` names the first three reasons, each with its lines, and counts the lines of
    the rest, so that a file of broken lines is one line, not a screen of messages."""
    source = tmp_path / "docs.jsonl"
    good = {"text": "The council approved the budget on Tuesday after a long debate on schools."}
    source.write_text(
        "\n".join([json.dumps(good), "[1]", "{", "nul", '{"text": ""}', '{"text": 5}']) + "\n"
    )
    result = veracity_in_process("index", str(source), "--out", str(tmp_path / "out"))
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(
        f"error: 5 documents not read: {source}:2, {source}:6: each line needs a 'text' string; "
        f"{source}:3: not JSON ("
    ), line
    assert f"; {source}:4: not JSON (" in line
    assert line.endswith("; 1 other for other reasons"), line  # line 5: input is empty
    assert "5 documents not read (error above)" in result.stdout


def test_a_file_of_claims_is_checked_claim_by_claim(evidence_index: Path, tmp_path: Path):
    """Probe6: `veracity verify claims.txt --index IDX` judged the path 'claims.txt' itself as
    the claim ('not enough evidence', exit 0), and '-' likewise: a file of claims, one per
    line, or stdin, is now checked claim by claim, the index loaded once; a bad line gets its
    error line and the exit code, the others their results, in order."""
    claims = tmp_path / "claims.txt"
    claims.write_text(f"{CONVOY}\n\n" + "word " * 500 + "\nBarack Obama was born in Kenya.\n")
    result = veracity_in_process(
        "verify", str(claims), "--index", str(evidence_index), "--format", "json"
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stderr
    assert "error: line 3: the claim is 2,499 characters long" in result.stderr
    checked = [Claim.model_validate(c) for c in json.loads(result.stdout)]
    assert [c.text for c in checked] == [CONVOY, "Barack Obama was born in Kenya."]
    assert checked[0].verdict is not None and checked[0].verdict.label != "supported"
    assert checked[0].evidence and checked[1].debunk_matches
    piped = veracity_in_process("verify", "-", "--format", "json", stdin=claims.read_bytes())
    assert [c["text"] for c in json.loads(piped.stdout)] == [c.text for c in checked]
    text = veracity_in_process("verify", str(claims), "--index", str(evidence_index))
    assert text.stdout.count("verdict: ") == 2 and "fact-check [" in text.stdout
    one = veracity_in_process("verify", CONVOY, "--index", str(evidence_index), "--format", "json")
    assert json.loads(one.stdout)["text"] == CONVOY  # one claim: one object, as before
    blank = tmp_path / "blank.txt"
    blank.write_text("\n  \n")
    assert_one_line_error(
        veracity_in_process("verify", str(blank), "--index", str(evidence_index)),
        InputError.exit_code,
        "blank.txt: input is empty",
    )
    too_long = tmp_path / "long.txt"
    too_long.write_text("word " * 500)
    result = veracity_in_process("verify", str(too_long), "--index", str(evidence_index))
    assert result.returncode == InputError.exit_code
    assert (
        result.stderr.splitlines()[-1]
        == f"error: {too_long}: no claim to check (one claim per line)"
    )


def test_the_notes_on_a_file_of_claims_name_the_claims_by_their_lines(tmp_path: Path):
    """Probe s38: with a blank line and a refused line in the file, the notes said 'Claim(s)
    1, 3 of the 3 score below the check-worthiness threshold' of claims on lines 1 and 5,
    beside the error line's 'line 4': counted among the claims checked, not the file's lines."""
    # Stop 44: "Says Barack Obama was born in Kenya." (line 1) and "Le gouvernement a augmenté
    # les impôts en 2023." (line 6) score above the threshold now that the deep path takes the
    # batch model's word (0.97, 0.71): lines 1 and 6 hold claims that still score below it.
    claims = tmp_path / "claims.txt"
    claims.write_text(
        "I think we all want a better future for our children.\n\n"
        "The unemployment rate doubled under Obama.\n"
        + "word " * 500
        + "\nI think pizza is great.\nLe gouvernement a augmenté les impôts.\n"
    )
    result = veracity_in_process("verify", str(claims))
    assert result.returncode == 1
    notes = [line for line in result.stderr.splitlines() if line.startswith("note: ")]
    said = " ".join(" ".join(notes).split())
    assert "error: line 4: the claim is 2,499 characters long" in result.stderr
    assert "The claim on line 6 reads as French ('fr'), not English" in said
    # line 6's French claim has no score (fix s46), so it is not among those scored below
    assert "The claim(s) on lines 1, 5 (2 of the 4 claims) score below" in said
    assert "No published fact-check matches the claim(s) on lines " in said
    assert "Claim(s) " not in said and "Claim 4" not in said


def test_a_claim_in_another_language_gets_a_note(evidence_index: Path):
    """Probe6: a French or Chinese claim got a verdict ('not enough evidence', 0.99) and a
    check-worthiness score from models of English with nothing said; an article in another
    language gets a note, and so does a claim now."""
    from veracity.pipeline import check_claim, check_claims

    for claim, named in [
        ("Le vaccin ROR provoque l'autisme chez les enfants.", "French ('fr')"),
        ("疫苗导致自闭症。", "another script"),
    ]:
        notes: list[str] = []
        checked = check_claim(claim, index=evidence_index, notes=notes)
        assert any(n.startswith(f"The claim reads as {named}") for n in notes), notes
        assert checked.note is not None and checked.note.startswith(f"The claim reads as {named}")
        # Fix s46: no check-worthiness score from the model of English statements (it gave
        # these claims one), as `veracity claims` gives such a line none.
        assert (checked.score, checked.score_status) == (None, "not_english")
        assert "no check-worthiness score" in checked.note
    notes = []
    both = check_claims(
        [CONVOY, "Le vaccin ROR provoque l'autisme chez les enfants."],
        index=evidence_index,
        notes=notes,
    )
    assert both[0].note is None and "note" not in both[0].model_dump(mode="json")
    assert both[0].score is not None and both[0].score_status == "scored"
    assert both[1].score is None
    assert both[1].note is not None and both[1].note.startswith("The claim reads as French ('fr')")
    assert (
        [n for n in notes if "not English" in n]
        == [n for n in notes if n.startswith("Claim 2 reads as French ('fr'), not English")]
        != []
    )
    notes = []
    check_claim(CONVOY, index=evidence_index, notes=notes)
    assert not any("not English" in n for n in notes)
    french = "Le vaccin ROR provoque l'autisme chez les enfants."
    answered = json.loads(
        veracity_in_process(
            "verify", french, "--index", str(evidence_index), "--format", "json"
        ).stdout
    )
    assert (answered["score"], answered["score_status"]) == (None, "not_english")
    shown = veracity_in_process("verify", french, "--index", str(evidence_index)).stdout
    assert "check-worthiness: not scored (not English): The claim reads as French" in " ".join(
        shown.split()
    )


def test_a_claim_scored_below_the_check_worthiness_threshold_gets_a_note(evidence_index: Path):
    """Probe s36: 'I think climate change is a party issue.' (check-worthiness 0.01) got
    'refuted (0.98)' with nothing said, and 'Find me a scientist that says that.', a CheckThat!
    debate line, 'refuted (0.98)': a verdict reads as a finding about a fact, and the model
    that scored the claim says it may state none."""
    from veracity.claims.model import checkworthiness_threshold
    from veracity.pipeline import check_claim, check_claims

    threshold = checkworthiness_threshold()
    notes: list[str] = []
    checked = check_claim(
        "I think climate change is a party issue.", index=evidence_index, notes=notes
    )
    assert checked.score < threshold
    assert checked.note is not None and checked.note.startswith(
        f"The claim scores {checked.score:.2f} for check-worthiness, below the model's "
        f"threshold of {threshold:.2f}: it may state no checkable fact"
    )
    assert notes[0] == checked.note
    notes = []
    both = check_claims([CONVOY, "Why is it on the ballot?"], index=evidence_index, notes=notes)
    assert both[0].score >= threshold and both[0].note is None
    assert both[1].note is not None and "below the model's threshold" in both[1].note
    assert [n for n in notes if "threshold" in n] == [
        f"Claim(s) 2 of the 2 score below the check-worthiness threshold of {threshold:.2f}: "
        "each may state no checkable fact, and its fact-checks and verdict read it as if it "
        "did (its note says so)."
    ]


def test_an_article_is_no_evidence_for_its_own_claims(evidence_index: Path):
    """Probe s36: an article of the indexed archive, analysed with --index, was judged by its
    own passages: all 15 verdicts of a ReCOVery article, 'supported (0.90)' by the sentence
    itself and 'refuted (0.90)' too."""
    from veracity.claims.extract import score_claim
    from veracity.ingest import load_article
    from veracity.verify import verify_claims

    article = load_article(DOCUMENTS / "convoy-attack-report.txt").text
    claim = score_claim(
        "An aid convoy of 31 trucks was attacked near Aleppo on Monday evening as it unloaded "
        "food at a warehouse of the Syrian Arab Red Crescent."
    )
    [alone] = verify_claims([claim], index=evidence_index)
    assert alone.evidence[0].document_id == "convoy-attack-report.txt"
    notes: list[str] = []
    [own] = verify_claims([claim], index=evidence_index, notes=notes, source_text=article)
    assert own.evidence and own.verdict is not None
    assert all(p.document_id != "convoy-attack-report.txt" for p in own.evidence)
    assert all(p.document_id != "convoy-attack-report.txt" for p in own.verdict.passages)
    assert [n for n in notes if "own text" in n] == [
        "The evidence index holds this article's own text (document(s) "
        "convoy-attack-report.txt): those passages were left out of the evidence for its "
        "claims, as an article, or a copy of it, is no evidence for itself."
    ]


def test_a_bad_json_line_after_good_ones_is_left_out_by_line(tmp_path: Path):
    """Probe6: a JSON-lines file of documents whose last line was cut short (a scraper killed
    mid-write) or held one row without text stopped `veracity index` with 'not JSON lines' and
    no index; a bad first line still means the file is no JSON lines."""
    documents = tmp_path / "documents.jsonl"
    rows = [
        {"id": path.stem, "text": path.read_text(encoding="utf-8")}
        for path in sorted(DOCUMENTS.glob("*.txt"))
    ]
    documents.write_text(
        "".join(json.dumps(row) + "\n" for row in rows[:2])
        + '{"id": "no-text", "text": 5}\n'
        + json.dumps(rows[2])
        + "\n"
        + json.dumps(rows[3])[:40]
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "index"
    result = veracity_in_process("index", str(documents), "--out", str(out))
    assert result.returncode == 1, result.stderr
    errors = result.stderr.strip().splitlines()
    # One error line for every line left out (fcbbde1), each with its file and line number.
    assert len(errors) == 1
    assert errors[0].startswith(
        f"error: 2 documents not read: {documents}:3: each line needs a 'text' string; "
        f"{documents}:5: not JSON ("
    )
    assert json.loads((out / "index.json").read_text())["documents"] == 3
    csv = tmp_path / "documents.csv"
    csv.write_text("id,text\n1,The council met.\n")
    assert_one_line_error(
        veracity_in_process("index", str(csv), "--out", str(tmp_path / "csv-index")),
        InputError.exit_code,
        "not JSON lines",
    )


def _without_digests(index: Path) -> None:
    """The index as one built before index.json gave its parts' digests."""
    meta = json.loads((index / "index.json").read_text())
    (index / "index.json").write_text(json.dumps({k: v for k, v in meta.items() if k != "digests"}))


def _tampered(index: Path, to: Path, rows: list[dict] | None = None, raw: bytes | None = None):
    import gzip

    shutil.copytree(index, to)
    passages = parts_folder(to) / "passages.jsonl.gz"
    if raw is None:
        raw = "".join(json.dumps(row) + "\n" for row in rows or []).encode("utf-8")
    passages.write_bytes(gzip.compress(raw))
    return to


def _passage_rows(index: Path) -> list[dict]:
    import gzip

    with gzip.open(parts_folder(index) / "passages.jsonl.gz", "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


@pytest.mark.parametrize(
    "change",
    [
        "texts swapped",
        "terminal controls",
        "a text not a string",
        "a document id a list",
        "nested JSON",
        "ids out of order",
    ],
)
def test_a_tampered_passages_file_is_one_error_line_not_a_wrong_verdict(
    evidence_index: Path, tmp_path: Path, change: str
):
    """Round 6, attack 4 (left by round 5): an index's passages file was trusted as built. With
    its passages' texts swapped (same count, same vectors) ``verify`` gave verdicts on other
    passages' words; controls in a text reached the terminal; a document id that is a list or
    a line nested 100,000 deep ended in an internal error (exit 70)."""
    rows = _passage_rows(evidence_index)
    n = len(rows)
    changed = {
        "texts swapped": [{**r, "text": rows[(i + 5) % n]["text"]} for i, r in enumerate(rows)],
        "terminal controls": [{**r, "text": r["text"] + " \x1b]0;pwned\x07\x1b[2J"} for r in rows],
        "a text not a string": [{**r, "text": 5} if i == 0 else r for i, r in enumerate(rows)],
        "a document id a list": [
            {**r, "document_id": [1]} if i == 0 else r for i, r in enumerate(rows)
        ],
        "nested JSON": None,
        "ids out of order": [{**r, "id": n - 1 - i} for i, r in enumerate(rows)],
    }[change]
    raw = (b"[" * 100_000 + b"]" * 100_000 + b"\n") * n if changed is None else None
    tampered = _tampered(evidence_index, tmp_path / "tampered", changed, raw)
    result = veracity_in_process("verify", CONVOY, "--index", str(tampered))
    assert_one_line_error(result, InputError.exit_code, "is corrupt (passages.jsonl.gz")
    assert "\x1b" not in result.stdout + result.stderr
    if change == "texts swapped":  # well-formed passages: only the digest tells
        return
    _without_digests(tampered)  # an index built before them: each passage is checked
    result = veracity_in_process("verify", CONVOY, "--index", str(tampered))
    assert_one_line_error(result, InputError.exit_code, "is corrupt (passages.jsonl.gz: line ")
    assert "\x1b" not in result.stdout + result.stderr


def test_an_index_part_changed_since_it_was_built_is_refused_by_its_digest(
    evidence_index: Path, tmp_path: Path
):
    """index.json gives each part's SHA-256: a part cut short, changed or added after the
    build is named, and an index built before the digests is still read."""
    import numpy as np

    from veracity.verify.index import EvidenceIndex, EvidenceIndexError

    meta = json.loads((evidence_index / "index.json").read_text())
    assert {"passages.jsonl.gz", "vectors.npy"} <= set(meta["digests"])
    cut = tmp_path / "cut"
    shutil.copytree(evidence_index, cut)
    vectors = parts_folder(cut) / "vectors.npy"
    np.save(vectors, np.load(vectors)[::-1].copy())  # the same vectors, in another order
    with pytest.raises(
        EvidenceIndexError, match=r"vectors\.npy: changed, cut short or replaced since it was built"
    ):
        EvidenceIndex.load(cut)
    added = tmp_path / "added"
    shutil.copytree(evidence_index, added)
    (parts_folder(added) / "bm25" / "extra.json").write_text("{}")
    with pytest.raises(
        EvidenceIndexError, match=r"bm25/: extra\.json is not one of the parts index.json names"
    ):
        EvidenceIndex.load(added)
    older = tmp_path / "older"
    shutil.copytree(evidence_index, older)
    (older / "index.json").write_text(json.dumps({k: v for k, v in meta.items() if k != "digests"}))
    assert len(EvidenceIndex.load(older).passages) == meta["passages"]


def test_a_bm25_part_swapped_after_its_digest_is_checked_is_not_what_loads(
    evidence_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Round 14: each `bm25/` file was hashed against index.json, then bm25s opened the files
    again by their names, so another vocabulary put there in between (a copy over it, another
    process of this user) was the one searched: a claim's words then found other passages. The
    index reads the bytes it checks."""
    from tests.hostile import SwapsAfterHashing
    from veracity import artefacts
    from veracity.verify.index import EvidenceIndex

    index = tmp_path / "index"
    shutil.copytree(evidence_index, index)
    vocab = parts_folder(index) / "bm25" / "vocab.index.json"
    built = json.loads(vocab.read_text(encoding="utf-8"))
    # the terms' columns in reverse: well-formed, the same size, other rankings
    terms = sorted((term for term in built if term), key=built.__getitem__)
    moved = {**built, **dict(zip(terms, reversed([built[t] for t in terms]), strict=True))}
    swap = SwapsAfterHashing(vocab, json.dumps(moved).encode())
    monkeypatch.setattr(artefacts, "hashlib", swap)
    loaded = EvidenceIndex.load(index)
    assert swap.swapped
    assert loaded.bm25.vocab_dict == built


def test_an_index_json_nested_too_deeply_is_corrupt_not_an_internal_error(tmp_path: Path):
    """Round 6, attack 5: an index.json of 100,000 nested brackets ended `veracity verify
    --index` and a rebuild over it (`veracity index ... --out`) in "internal error:
    RecursionError", exit 70."""
    nested = tmp_path / "nested"
    nested.mkdir()
    (nested / "index.json").write_text("[" * 100_000 + "]" * 100_000)
    assert_one_line_error(
        veracity_in_process("verify", CONVOY, "--index", str(nested)),
        InputError.exit_code,
        "is corrupt (index.json",
    )
    rebuilt = veracity_in_process("index", str(DOCUMENTS), "--out", str(nested))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "from 4 documents" in rebuilt.stdout


def test_an_index_others_can_write_is_refused_before_it_is_read(
    evidence_index: Path, tmp_path: Path
):
    """Round 7: the digests beside an index's parts are no signature, whoever can write its
    folder rewrites them too. An index whose folder, index.json or a part another user owns, or
    every user may write, is refused naming the path (and read again once put right)."""
    from veracity.verify.index import EvidenceIndex, EvidenceIndexError

    nobody = 65534
    for name, change in (
        ("folder open to all", lambda index: index.chmod(0o777)),
        ("index.json open to all", lambda index: (index / "index.json").chmod(0o666)),
        (
            "passages open to all",
            lambda index: (parts_folder(index) / "passages.jsonl.gz").chmod(0o646),
        ),
        (
            "a bm25 part open to all",
            lambda index: next((parts_folder(index) / "bm25").iterdir()).chmod(0o666),
        ),
        (
            "vectors another's",
            lambda index: os.chown(parts_folder(index) / "vectors.npy", nobody, -1),
        ),
        ("parts folder another's", lambda index: os.chown(parts_folder(index), nobody, -1)),
    ):
        index = tmp_path / name.replace(" ", "-").replace("'", "")
        shutil.copytree(evidence_index, index)
        if name.endswith("another's") and os.geteuid() != 0:
            continue  # only root can give a file away
        change(index)
        with pytest.raises(
            EvidenceIndexError,
            match=r"is not read: .* (is owned by another user|is writable by every user)",
        ):
            EvidenceIndex.load(index)
    assert_one_line_error(  # as the command line says it
        veracity_in_process("verify", CONVOY, "--index", str(tmp_path / "folder-open-to-all")),
        EvidenceIndexError.exit_code,
        "only its owner (or root) may write an index",
    )
    group = tmp_path / "group"
    shutil.copytree(evidence_index, group)
    group.chmod(0o775)  # a group chosen to share it may
    assert EvidenceIndex.load(group).passages


def test_a_part_linked_into_a_folder_others_can_write_is_refused(
    evidence_index: Path, tmp_path: Path
):
    """Round 14: round 7 checks the folders above an index's own folder, and each part's own
    owner and mode as its link resolves, not the folder the link leads to: a part linked into a
    folder every user may write (not sticky) was read, though any user could put another file
    at its name there (an index built before the digests then searched theirs). It is refused
    as a part another user owns is; a sticky folder, as /tmp, may hold it."""
    from veracity.verify.index import EvidenceIndex, EvidenceIndexError

    for mode in (0o777, 0o1777):
        index = tmp_path / f"linked-{mode:o}"
        shutil.copytree(evidence_index, index)
        shared = tmp_path / f"shared-{mode:o}"
        shared.mkdir()
        shared.chmod(mode)
        vectors = parts_folder(index) / "vectors.npy"
        shutil.move(vectors, shared / "vectors.npy")
        vectors.symlink_to(shared / "vectors.npy")
        if mode == 0o1777:
            assert EvidenceIndex.load(index).passages
            continue
        with pytest.raises(
            EvidenceIndexError,
            match=r"is not read: .*shared-777, a folder above .* is writable by every user",
        ):
            EvidenceIndex.load(index)


def test_a_pipe_or_a_device_among_an_indexs_parts_is_refused_not_waited_on(
    evidence_index: Path, tmp_path: Path
):
    """Round 10: a part of an index was read by following its name, so a pipe at the name of
    ``vectors.npy`` or ``passages.jsonl.gz`` (with or without digests), or at a file of
    ``bm25/`` (without them: bm25s opens its files itself), hung `veracity verify --index` and
    every API claim check for good, and a link to a device was read to no end. Each is refused
    by name, without waiting on it."""
    from tests.hostile import without_waiting_on_pipes
    from veracity.verify.index import EvidenceIndex, EvidenceIndexError

    for name in ("vectors.npy", "passages.jsonl.gz", "bm25/params.index.json"):
        for digests in (True, False):
            index = tmp_path / f"{name.replace('/', '-')}-{digests}"
            shutil.copytree(evidence_index, index)
            if not digests:
                _without_digests(index)
            pipe = parts_folder(index) / name
            pipe.unlink()
            os.mkfifo(pipe)
            with pytest.raises(
                EvidenceIndexError, match=rf"{re.escape(name)} is not a regular file: a pipe"
            ):
                without_waiting_on_pipes(lambda index=index: EvidenceIndex.load(index), [pipe])
    device = tmp_path / "device"
    shutil.copytree(evidence_index, device)
    (parts_folder(device) / "vectors.npy").unlink()
    (parts_folder(device) / "vectors.npy").symlink_to("/dev/null")
    assert_one_line_error(
        veracity_in_process("verify", CONVOY, "--index", str(device)),
        EvidenceIndexError.exit_code,
        "vectors.npy is not a regular file: a pipe or a device, not read",
    )


@pytest.mark.parametrize(
    ("file", "change"),
    [
        ("params.index.json", {"backend": "numba"}),  # ImportError before
        ("params.index.json", {"corpus": ["planted"]}),  # IndexError at the search before
        ("params.index.json", {"dtype": "os.system"}),  # TypeError at the search before
        ("params.index.json", {"method": "evil"}),
        ("vocab.index.json", ["a", "list"]),  # AttributeError before
    ],
)
def test_bm25_files_of_an_index_built_before_the_digests_are_checked_not_trusted(
    evidence_index: Path, tmp_path: Path, file: str, change: dict | list
):
    """Round 10: an index built before its parts had digests (round 6) had its ``bm25/`` files
    read by bm25s as they were, which passes every parameter to its constructor: a ``numba``
    backend, a ``corpus`` to answer from, a dtype numpy does not know, or a vocabulary that is
    a list ended `veracity verify --index` in "internal error" (exit 70), at the load or at
    the first search. Now the parameters must be those the build writes, and whatever bm25s
    cannot read is a corrupt part."""
    from veracity.verify.index import EvidenceIndex, EvidenceIndexError

    index = tmp_path / "older"
    shutil.copytree(evidence_index, index)
    _without_digests(index)
    path = parts_folder(index) / "bm25" / file
    if isinstance(change, dict):
        change = json.loads(path.read_text()) | change
    path.write_text(json.dumps(change))
    with pytest.raises(EvidenceIndexError, match=r"is corrupt \(bm25/: "):
        EvidenceIndex.load(index).search("Was the convoy bombed?")


class _PlantedCode:
    """Pickled into an object array: unpickling it would create ``flag``."""

    def __init__(self, flag: Path) -> None:
        self.flag = flag

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (Path.write_text, (str(self.flag), "ran"))  # type: ignore[return-value]


def test_an_index_part_of_planted_objects_is_never_unpickled(
    evidence_index: Path, tmp_path: Path
) -> None:
    """Hostile round 16 (held): a `vectors.npy` written as an object array whose pickle runs
    code, in an index built before the digests (nothing checks its bytes): NumPy refuses it
    unread (``allow_pickle=False``), one error line, no code run."""
    import numpy as np

    planted = tmp_path / "planted"
    shutil.copytree(evidence_index, planted)
    _without_digests(planted)
    flag = tmp_path / "ran.txt"
    array = np.empty(1, dtype=object)
    array[0] = _PlantedCode(flag)
    with open(parts_folder(planted) / "vectors.npy", "wb") as handle:
        np.save(handle, array, allow_pickle=True)
    result = veracity_in_process("verify", CONVOY, "--index", str(planted))
    assert_one_line_error(result, InputError.exit_code, "corrupt")
    assert "(vectors.npy: not a NumPy array file)" in result.stderr
    assert not flag.exists()


@pytest.mark.parametrize("parts", ["../other/parts-0123456789ab", "/tmp", "parts-0123456789ab/.."])
def test_an_index_json_naming_parts_outside_its_folder_is_refused(
    evidence_index: Path, tmp_path: Path, parts: str
) -> None:
    """Hostile round 16 (held): an `index.json` whose `parts` climbs out of the index's folder
    (to another index's parts, or anywhere): refused by the parts name's form, nothing read."""
    crafted = tmp_path / "crafted"
    shutil.copytree(evidence_index, crafted)
    meta = json.loads((crafted / "index.json").read_text())
    (crafted / "index.json").write_text(json.dumps({**meta, "parts": parts}))
    result = veracity_in_process("verify", CONVOY, "--index", str(crafted))
    assert_one_line_error(result, InputError.exit_code, "names no folder of parts")


def test_the_line_of_documents_left_out_carries_no_terminal_control_from_their_names(
    tmp_path: Path,
):
    """Hostile round 17, held: the one line naming the documents `veracity index` left out
    (new in session 49) names them by their ids, so an empty file named with an OSC title
    sequence, a screen clear or a C1 CSI shows as its escapes, the terminal untouched."""
    documents = tmp_path / "documents"
    shutil.copytree(DOCUMENTS, documents)
    for name in ("a\x1b]0;PWNED\x07.txt", "b\x1b[2J.txt", "c\x9b31m.txt"):
        (documents / name).write_text("")
    result = veracity_in_process("index", str(documents), "--out", str(tmp_path / "out"))
    assert result.returncode == 1, result.stderr
    assert not set(result.stderr + result.stdout) & {"\x1b", "\x07", "\x9b"}
    assert result.stderr.strip().splitlines() == [
        "error: 3 documents not read: a\\x1b]0;PWNED\\x07.txt, b\\x1b[2J.txt, c\\x9b31m.txt: "
        "input is empty"
    ]


def test_an_index_out_at_a_file_is_one_error_line_before_any_document_is_read(tmp_path: Path):
    """Stop 50's review: `index DIR --out EXISTING_FILE` printed two error lines, the documents
    it could not read and then "cannot write the index to ...: File exists" (the save's mkdir,
    after every readable document was embedded)."""
    documents = tmp_path / "documents"
    shutil.copytree(DOCUMENTS, documents)
    (documents / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    taken = tmp_path / "taken.txt"
    taken.write_text("not a folder")
    for out, extra in ((taken, ()), (taken / "index", ()), (taken, ("--append",))):
        assert_one_line_error(
            veracity_in_process("index", str(documents), "--out", str(out), *extra),
            OutputError.exit_code,
            f"cannot write the index to {out}: {taken} is a file, and an index is a folder",
        )
    assert taken.read_text() == "not a folder"


def test_the_missing_index_advice_is_a_command_that_pastes_whole(tmp_path: Path):
    """Stop 50's review: the advice named "veracity index DIR_OR_JSONL", though one file can be
    indexed, and an unquoted folder with a space in its name broke the pasted line."""
    import shlex

    missing = tmp_path / "my index"
    result = veracity_in_process("verify", CONVOY, "--index", str(missing))
    assert_one_line_error(result, SourceNotFoundError.exit_code, f"no evidence index at {missing}")
    command = result.stderr.split("build one from your documents with: ")[1].split(" (")[0]
    assert shlex.split(command) == ["veracity", "index", "DOCUMENTS", "--out", str(missing)]
    assert "(DOCUMENTS: a folder of .txt/.md/.html files, one such file, or a JSON-lines file)" in (
        result.stderr
    )
