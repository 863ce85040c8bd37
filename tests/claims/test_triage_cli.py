"""`veracity claims` from its entry point: every output format parses into typed rows with the
required fields, --lines keeps one row per input line, bad input is one `error:` line. Every run
calls the entry point in this process (``veracity_in_process``: arguments, standard input,
environment, output streams and exit code as a subprocess has them): a subprocess loads the
models and reads the store again, 3-5 s of CPU a call."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console

from tests.test_cli import PNG, assert_one_line_error, veracity_in_process
from veracity.claims.render import print_triage_table, triage_csv, triage_json, triage_jsonl
from veracity.claims.triage import Triage, TriageRow, top_rows, triage_text
from veracity.errors import InputError, InputTooLargeError, SourceNotFoundError

STATEMENTS = [
    "Says President Obama has doubled the deficit.",  # PolitiFact (LIAR train 6850): false
    "Thank you all for coming tonight.",
    "The unemployment rate for African Americans is 58 percent.",
]


@pytest.fixture(scope="module")
def statements_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("claims") / "statements.txt"
    path.write_text("\n".join(STATEMENTS) + "\n", encoding="utf-8")
    return path


def test_jsonl_lines_keep_input_order_with_every_field(statements_file: Path):
    result = veracity_in_process(
        "claims", str(statements_file), "--lines", "--format", "jsonl", "--no-fact-checks"
    )
    assert result.returncode == 0, result.stderr
    rows = [TriageRow.model_validate_json(line) for line in result.stdout.splitlines()]
    assert [row.text for row in rows] == STATEMENTS
    assert [row.line for row in rows] == [1, 2, 3]
    first = json.loads(result.stdout.splitlines()[0])
    assert {"text", "score", "check_worthy", "speaker", "fact_checks", "group"} <= first.keys()
    assert rows[1].score < rows[2].score


def test_csv_from_stdin_transcript():
    transcript = (
        b"TRUMP: We have spent $6 trillion in the Middle East.\nCLINTON: Thank you, Lester.\n"
    )
    result = veracity_in_process(
        "claims", "-", "--format", "csv", "--no-fact-checks", stdin=transcript
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["speaker"] for r in rows] == ["TRUMP", "CLINTON"]
    assert rows[0]["text"] == "We have spent $6 trillion in the Middle East."
    assert rows[0]["check_worthy"] == "true" and rows[1]["check_worthy"] == "false"
    assert float(rows[0]["score"]) > float(rows[1]["score"])


@pytest.mark.data
def test_the_note_on_rows_not_looked_up_says_a_judgement_is_not_at_any_score(tmp_path: Path):
    # probe s41: the note said rows scored >= 0.50 were looked up, yet "He's a liar." (0.57)
    # was not: a sentence that only judges what was said before is not check-worthy at any score
    path = tmp_path / "debate.txt"
    path.write_text(
        "GOVERNOR: The unemployment rate fell to 3.9 percent last quarter, according to the "
        "Labor Department.\nSENATOR: He's a liar.\nSENATOR: Thank you.\n",
        encoding="utf-8",
    )
    result = veracity_in_process("claims", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    triage = Triage.model_validate_json(result.stdout)
    liar = next(row for row in triage.rows if row.text == "He's a liar.")
    assert liar.score is not None and liar.score >= triage.threshold and not liar.check_worthy
    notes = [n for n in triage.notes if n.startswith("Known fact-checks were looked up for the")]
    assert len(notes) == 1
    assert (
        f"(score >= {triage.threshold:.2f}, and not only passing judgement on what was said "
        "before); the other 2 scored row(s) were not looked up" in notes[0]
    )


@pytest.mark.data
def test_every_line_of_a_statement_list_is_looked_up(tmp_path: Path):
    # PolitiFact rated it pants on fire (LIAR test), the store holds it word for word, but the
    # model scores it below the threshold. A quarter of 200 LIAR test statements rated false or
    # pants-fire were below it: with --lines (a list of statements to check) they were not
    # looked up, only said not to be (probe s36); now every line is. In a transcript or an
    # article only the check-worthy sentences are, and a note says how many were not. (Stop
    # 44: "Evidence shows Zika virus turns fetus brains to liquid.", the example before, is
    # check-worthy now that the deep path takes the batch model's word on fact-checked claims.)
    denali = "Denali is the Kenyan word for black power."
    path = tmp_path / "statements.txt"
    path.write_text(f"{STATEMENTS[0]}\n{denali}\n", encoding="utf-8")
    result = veracity_in_process("claims", str(path), "--lines", "--format", "json")
    assert result.returncode == 0, result.stderr
    triage = Triage.model_validate_json(result.stdout)
    assert [row.check_worthy for row in triage.rows] == [True, False]
    assert triage.rows[0].fact_checks
    assert [check.rating for check in triage.rows[1].fact_checks][:1] == ["pants-fire"]
    assert not [n for n in triage.notes if n.startswith("Known fact-checks were looked up")]
    text = veracity_in_process("claims", str(path), "--format", "json")
    assert text.returncode == 0, text.stderr
    triage = Triage.model_validate_json(text.stdout)
    assert not next(row for row in triage.rows if row.text == denali).fact_checks
    notes = [n for n in triage.notes if n.startswith("Known fact-checks were looked up for the")]
    assert len(notes) == 1 and "the other 1 scored row(s) were not looked up" in notes[0]
    without = veracity_in_process(
        "claims", str(path), "--lines", "--format", "json", "--no-fact-checks"
    )
    assert not Triage.model_validate_json(without.stdout).notes


@pytest.mark.data
def test_json_matches_a_known_fact_check(statements_file: Path):
    result = veracity_in_process("claims", str(statements_file), "--format", "json")
    assert result.returncode == 0, result.stderr
    triage = Triage.model_validate_json(result.stdout)
    deficit = next(row for row in triage.rows if "deficit" in row.text)
    assert deficit.check_worthy
    assert deficit.fact_checks and deficit.fact_checks[0].rating == "false"
    assert "doubled the deficit" in deficit.fact_checks[0].statement
    assert not next(row for row in triage.rows if row.text.startswith("Thank")).fact_checks


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (b"", InputError.exit_code, "input is empty"),
        (b" \n\t\n", InputError.exit_code, "input is empty"),
        (PNG * 50, InputError.exit_code, "binary"),
    ],
)
def test_bad_stdin_is_one_clear_line(content: bytes, code: int, message: str):
    assert_one_line_error(veracity_in_process("claims", "-", stdin=content), code, message)


def test_missing_file_and_size_limit(tmp_path: Path):
    missing = veracity_in_process("claims", str(tmp_path / "missing.txt"))
    assert_one_line_error(missing, SourceNotFoundError.exit_code, "no such file: ")
    big = tmp_path / "big.txt"
    big.write_text("We spent $6 trillion in the Middle East.\n" * 100)
    limited = veracity_in_process("claims", str(big), env={"VERACITY_MAX_INPUT_BYTES": "1000"})
    assert_one_line_error(limited, InputTooLargeError.exit_code, "over the limit of 1,000 bytes")


def test_bad_format_option(statements_file: Path):
    result = veracity_in_process("claims", str(statements_file), "--format", "xml")
    assert result.returncode == 2
    assert result.stderr.startswith("error: Invalid value for '--format' / '-f'")
    assert "is not one of 'table', 'json', 'jsonl', 'csv'" in result.stderr


def test_top_keeps_the_highest_ranked_rows_in_every_format():
    every = triage_text("\n".join(STATEMENTS))
    top = top_rows(every, 2)
    assert [row.rank for row in top.rows] == [1, 2]
    assert top.rows == every.rows[:2]
    assert top.notes[-1] == (
        "Only the 2 highest-ranked of 3 rows are shown (by rank); the others were scored and "
        "left out."
    )
    # with --lines, the two highest keep their input order
    by_line = top_rows(triage_text("\n".join(STATEMENTS), by_line=True), 2)
    assert [row.text for row in by_line.rows] == [STATEMENTS[0], STATEMENTS[2]]
    assert sorted(row.rank for row in by_line.rows) == [1, 2]
    assert top_rows(every, 3) == every
    assert [r["text"] for r in json.loads(triage_json(by_line))["rows"]] == [
        STATEMENTS[0],
        STATEMENTS[2],
    ]
    assert len(triage_jsonl(top).splitlines()) == 2
    assert len(list(csv.DictReader(io.StringIO(triage_csv(top))))) == 2


def test_top_on_the_command_line_shows_that_many_rows_and_refuses_zero(statements_file: Path):
    result = veracity_in_process(
        "claims",
        str(statements_file),
        "--lines",
        "--top",
        "2",
        "--format",
        "csv",
        "--no-fact-checks",
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["text"] for row in rows] == [STATEMENTS[0], STATEMENTS[2]]
    assert (
        "note: Only the 2 highest-ranked of 3 rows are shown (in input order); the others "
        "were scored and left out." in " ".join(result.stderr.split())
    )
    refused = veracity_in_process("claims", str(statements_file), "--top", "0", "--no-fact-checks")
    assert refused.returncode != 0
    assert "--top" in refused.stderr


def test_the_table_says_what_its_tick_and_group_columns_mean() -> None:
    """Probe s46: a newcomer's `veracity claims debate.txt` showed a column of ticks with no
    heading and a "group" column numbering 22 sentences 1 to 22, read as another id."""
    triage = Triage(
        model="claims",
        threshold=0.5,
        by_line=False,
        rows=[
            TriageRow(
                rank=1,
                line=1,
                text="Taxes rose 18 percent.",
                score=0.99,
                check_worthy=True,
                group=1,
            ),
            TriageRow(rank=2, line=2, text="Thank you.", score=0.01, check_worthy=False, group=2),
            # a group is shown where it holds two sentences (probe s48 C4)
            TriageRow(
                rank=3,
                line=3,
                text="Taxes rose 18 per cent.",
                score=0.98,
                check_worthy=True,
                group=1,
            ),
        ],
    )
    out = io.StringIO()
    print_triage_table(triage, Console(file=out, width=120, color_system=None), looked_up=False)
    title = " ".join(out.getvalue().split())
    assert "✓ check-worthy" in title and "one group = near-duplicate sentences" in title


def test_the_table_shows_a_group_only_where_it_holds_more_than_one_sentence() -> None:
    """Probe s48 C4: `veracity claims townhall.txt` numbered 21 singleton groups 1-21 in the
    "group" column, which read as a second rank. A group is shown only where two or more of the
    rows share it; with none shared the column is left out. JSON and CSV keep every row's id."""
    texts = [
        "Property taxes rose 9 percent between 2021 and 2024.",
        "Thank you all for coming tonight.",
        "Property taxes rose 9 per cent between 2021 and 2024.",
        "The Route 9 bus line was cut last year.",
    ]
    groups = [1, 2, 1, 3]
    rows = [
        TriageRow(rank=i + 1, line=i + 1, text=t, score=0.9, check_worthy=True, group=g)
        for i, (t, g) in enumerate(zip(texts, groups, strict=True))
    ]
    triage = Triage(model="claims", threshold=0.5, by_line=True, rows=rows)

    def table(triage: Triage) -> list[str]:
        out = io.StringIO()
        print_triage_table(triage, Console(file=out, width=160, color_system=None), looked_up=False)
        return out.getvalue().splitlines()

    lines = table(triage)
    header = next(line for line in lines if "┃ sentence" in line)
    assert "group" in header
    shown = {}
    for line in lines:
        for text in texts:
            if text in line:
                cells = [cell.strip() for cell in line.split("│")]
                shown[text] = cells[cells.index(text) - 1]
    assert shown == {texts[0]: "1", texts[1]: "", texts[2]: "1", texts[3]: ""}
    assert [json.loads(line)["group"] for line in triage_jsonl(triage).splitlines()] == groups
    alone = Triage(model="claims", threshold=0.5, by_line=True, rows=[rows[0], rows[1], rows[3]])
    lines = table(alone)
    assert "group" not in "\n".join(lines)
    assert not any(re.search(r"│\s*[123]\s*│\s*(Property|Thank|The Route)", line) for line in lines)


@pytest.mark.parametrize("threshold", [float("nan"), float("inf"), -1, 5, True, "0.5"], ids=str)
def test_a_claims_card_whose_threshold_is_no_share_is_one_error_line(
    tmp_path: Path, statements_file: Path, threshold: object
) -> None:
    """Round 15, attack 1 (left by round 14: the other models' cards keep their own checks
    only): the check-worthiness card's threshold was read as pydantic reads a float, so NaN
    ended `veracity claims` in "internal error: ValidationError" (exit 70), 5 or infinity made
    no sentence check-worthy and -1 every one, silently, and `true` or "0.5" were read as 1.0 and
    0.5. It is one error line naming the rebuild; the shipped card reads as before."""
    import json
    import shutil

    from veracity.artefacts import ARTEFACTS, CARD_FILE

    artefacts = tmp_path / "artefacts"
    for name in ("claims", "claims-batch"):  # what the command reads
        shutil.copytree(ARTEFACTS[name].directory, artefacts / ARTEFACTS[name].directory.name)
    card = json.loads((artefacts / "claims" / CARD_FILE).read_text(encoding="utf-8"))
    card["threshold"] = threshold
    (artefacts / "claims" / CARD_FILE).write_text(json.dumps(card), encoding="utf-8")
    result = veracity_in_process(
        "claims",
        str(statements_file),
        "--no-fact-checks",
        env={"VERACITY_ARTEFACTS_DIR": str(artefacts)},
    )
    assert_one_line_error(result, 6, "first: threshold: no number from 0 to 1); rebuild it with")


@pytest.mark.data
def test_the_note_on_rows_not_looked_up_is_in_a_readers_words(tmp_path: Path):
    # probe s48: the page's triage box and the terminal's stderr said "so their empty
    # fact_checks does not mean ...", the name of a JSON field, beside a column headed "known
    # fact-checks" that shows nothing for those rows
    path = tmp_path / "forum.txt"
    path.write_text(
        "TOM ALVAREZ: Property taxes went up 14 percent under her watch.\nDANA PRICE: Thank you.\n",
        encoding="utf-8",
    )
    result = veracity_in_process("claims", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    notes = [
        n
        for n in Triage.model_validate_json(result.stdout).notes
        if n.startswith("Known fact-checks were looked up for the")
    ]
    assert len(notes) == 1
    assert notes[0].endswith(
        "the other 1 scored row(s) were not looked up, so a known fact-check of one of them "
        "may exist though none is shown."
    )
    assert "fact_checks" not in notes[0]
