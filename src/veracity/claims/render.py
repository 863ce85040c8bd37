"""A :class:`~veracity.claims.triage.Triage` as a terminal table, JSON, JSON lines or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text

from veracity.claims.triage import (
    ROWS_LEFT_OUT,
    WORTHY_ONLY_LOOKED_UP,
    FactCheckRef,
    Triage,
    TriageRow,
)
from veracity.report.spreadsheet import neutralise
from veracity.verify.factchecks import MATCHING_SKIPPED

CSV_COLUMNS = ("rank", "line", "text", "score", "check_worthy", "speaker", "group", "fact_checks")


def triage_json(triage: Triage) -> str:
    return triage.model_dump_json(indent=2) + "\n"


def triage_jsonl(triage: Triage) -> str:
    return "".join(row.model_dump_json() + "\n" for row in triage.rows)


def _fact_checks_cell(row: TriageRow) -> str:
    return json.dumps([f.model_dump() for f in row.fact_checks]) if row.fact_checks else ""


def triage_csv(triage: Triage) -> str:
    """One header line, then one line per row; ``fact_checks`` is a JSON list (empty: blank).

    Text cells a spreadsheet would evaluate (``=HYPERLINK(...)``, ``@SUM(...)``) start with ``'``.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in triage.rows:
        writer.writerow(
            [
                row.rank,
                row.line,
                neutralise(row.text),
                "" if row.score is None else f"{row.score:.4f}",
                str(row.check_worthy).lower(),
                neutralise(row.speaker or ""),
                row.group,
                _fact_checks_cell(row),
            ]
        )
    return out.getvalue()


# Columns a fact-checks column needs beside the sentences: in 80, with speakers, each sentence
# was cut to 12 characters a line, its fact-checks to 13.
_FACT_CHECKS_BESIDE = 120


def _fact_check_text(check: FactCheckRef) -> str:
    return (
        f"[{check.rating}] {check.statement} ({check.fact_checker}, {check.match_type} match, "
        f"similarity {check.similarity:.2f})"
    )


def print_triage_table(triage: Triage, console: Console, *, looked_up: bool = True) -> None:
    """Rank, score, speaker, near-duplicate group, sentence and matched fact-checks. A column no
    row fills (speakers outside a transcript, fact-checks when none matches, groups when no two
    rows share one) is left out, so
    the sentences keep the width: in 80 columns they were cut to 20 characters a line. Below
    :data:`_FACT_CHECKS_BESIDE` columns the fact-checks are listed under the table, each after
    its row's rank."""
    # A group is shown only where it holds more than one of the rows shown: 21 singleton groups
    # numbered 1-21 read as a second rank (probe s48 C4). JSON and CSV keep every row's id.
    sizes = Counter(row.group for row in triage.rows)
    groups = any(size > 1 for size in sizes.values())
    table = Table(
        # the ✓ column has no heading of its own, and "group" numbered every sentence of a
        # debate 1 to 22 as if it were an id (probe s46): the title says what both mean
        title=(
            f"check-worthiness ({triage.model}, threshold {triage.threshold:.2f}); "
            "✓ check-worthy" + ("; one group = near-duplicate sentences" if groups else "")
        ),
        show_lines=False,
    )
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("#", "right"),
        ("line", "right"),
        ("score", "right"),
        ("", "center"),
    )
    for name, justify in columns:
        table.add_column(name, justify=justify, no_wrap=True)
    speakers = any(row.speaker for row in triage.rows)
    fact_checks = any(row.fact_checks for row in triage.rows)
    beside = fact_checks and console.width >= _FACT_CHECKS_BESIDE
    if speakers:
        table.add_column("speaker", overflow="fold")
    if groups:
        table.add_column("group", justify="right")
    table.add_column("sentence", overflow="fold", ratio=3)
    if beside:
        table.add_column("fact-checks", overflow="fold", ratio=2)
    for row in triage.rows:
        # User text as Text, never as markup: "[applause]" or "[pants-fire]" stay visible.
        cells: list[str | Text] = [
            str(row.rank),
            str(row.line),
            "–" if row.score is None else f"{row.score:.3f}",
            "✓" if row.check_worthy else "",
        ]
        if speakers:
            cells.append(Text(row.speaker or ""))
        if groups:
            cells.append(str(row.group) if sizes[row.group] > 1 else "")
        cells.append(Text(row.text))
        if beside:
            cells.append(Text("; ".join(map(_fact_check_text, row.fact_checks))))
        table.add_row(*cells, style=None if row.check_worthy else "dim")
    console.print(table)
    if fact_checks and not beside:
        console.print(Text("Fact-checks matched, by rank (#):"))
        for row in triage.rows:
            for check in row.fact_checks:
                console.print(Text(f"  #{row.rank} {_fact_check_text(check)}"))
    if not fact_checks and triage.rows and looked_up:
        console.print(Text(_no_match_line(triage)))


def _no_match_line(triage: Triage) -> str:
    """What an empty fact-checks column means. Probe s43: "No row matches a known fact-check"
    under a debate whose "Obama was born in Kenya." scored 0.18 and so was never looked up
    (`veracity verify` finds PolitiFact's false ratings of it): it named every row, and so it
    did when no store was built or --no-fact-checks looked up none."""
    if any(note.startswith(MATCHING_SKIPPED) for note in triage.notes):
        return "No row was looked up: there is no fact-check store here (see the note)."
    if any(note.startswith(WORTHY_ONLY_LOOKED_UP) for note in triage.notes):
        asked = sum(1 for row in triage.rows if row.check_worthy)
        if any(note.startswith(ROWS_LEFT_OUT) for note in triage.notes):
            # --top: "the others were not looked up" took in the check-worthy rows left out,
            # which were looked up (probe s47: 3 shown of a debate's 9 check-worthy rows)
            return (
                f"None of the {asked:,} check-worthy row(s) shown matches a known fact-check; "
                'rows that are not check-worthy were not looked up (`veracity verify "SENTENCE"` '
                "looks one up)."
            )
        return (
            f"None of the {asked:,} check-worthy row(s) matches a known fact-check; the others "
            'were not looked up (`veracity verify "SENTENCE"` looks one up).'
        )
    return "No row matches a known fact-check."
