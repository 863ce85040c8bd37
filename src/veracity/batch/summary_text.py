"""The corpus overview in the terminal (``veracity summarize``): what the HTML page shows, as
figures and short tables for an 80-column terminal. A results file can be edited by anyone:
every text read from it is cut short and loses its control characters (no escape sequence
reaches the terminal)."""

from __future__ import annotations

import itertools

from rich.console import Console
from rich.table import Table
from rich.text import Text

from veracity.batch.runner import reason_shown
from veracity.batch.summary import NO_STATUS, CorpusSummary, kind_name, rating_text, shown_id
from veracity.ingest.text import strip_hidden_characters
from veracity.report.schema import (
    RELIABLE_FROM,
    SCORE_MEANING,
    UNRELIABLE_BELOW,
    cut_at_word,
    shown_score,
    status_words,
)

TERMINAL_ROWS = 10
_CELL_CHARS = 60


def _cut(text: str, limit: int = _CELL_CHARS) -> str:
    """Text of the results file on one line, without control characters, at most ``limit``."""
    text = " ".join(strip_hidden_characters(text).split())
    return cut_at_word(text, limit)


def print_corpus_summary(summary: CorpusSummary, title: str, console: Console) -> None:
    """Rows and errors, scores by band, signal kinds, publishers, matched fact-checks, the
    lowest-scored articles and why rows were not analysed: the page's figures, the longest
    lists cut to :data:`TERMINAL_ROWS`."""
    console.print(Text(f"Corpus summary: {_cut(title, 200)}", style="bold"))
    console.print(
        Text(
            f"{summary.rows:,} rows: {summary.rows - summary.errors:,} analysed, "
            f"{summary.errors:,} not analysed"
        )
    )
    _print_scores(summary, console)
    _print_signal_kinds(summary, console)
    _print_publishers(summary, console)
    _print_fact_checks(summary, console)
    _print_lowest(summary, console)
    _print_errors(summary, console)


def _print_scores(summary: CorpusSummary, console: Console) -> None:
    mean = summary.mean_score
    if mean is None:
        said = "no article scored"
        if set(summary.unscored) <= {NO_STATUS}:
            said += " (no reliability model was shipped when this ran)"
        console.print(Text.assemble("Reliability: ", (said, "bold")))
    else:
        bands = ", ".join(
            f"{label} {summary.labels[label]:,}"
            for label in ("unreliable", "uncertain", "reliable")
            if summary.labels[label]
        )
        console.print(
            Text(
                f"Reliability: {summary.scored:,} scored, mean score {shown_score(mean)} on a "
                f"0-1 scale (not a share of articles); {bands}"
            )
        )
    if summary.unscored:
        reasons = ", ".join(
            f"{_cut(status_words(reason))} {count:,}"
            for reason, count in summary.unscored.most_common()
        )
        console.print(Text(f"  not scored: {summary.unscored.total():,} ({reasons})"))
    console.print(
        Text(
            f"  Bands: unreliable < {UNRELIABLE_BELOW:.2f} <= uncertain < {RELIABLE_FROM:.2f} "
            f"<= reliable. {SCORE_MEANING}",
            style="dim",
        )
    )


def _print_signal_kinds(summary: CorpusSummary, console: Console) -> None:
    if not summary.signal_kinds:
        console.print(Text("Signals: none"))
        return
    console.print(Text(f"Signals by kind ({summary.signal_kinds.total():,} in all):"))
    for kind, count in summary.signal_kinds.most_common():
        console.print(
            Text(
                f"  {_cut(kind_name(kind))}: {count:,} in {summary.articles_with_kind[kind]:,} "
                f"article{'s' if summary.articles_with_kind[kind] != 1 else ''}"
            )
        )


def _print_publishers(summary: CorpusSummary, console: Console) -> None:
    if not summary.publisher_scores:
        return
    table = Table(
        title=f"Most frequent publishers (top {TERMINAL_ROWS})", title_justify="left", box=None
    )
    table.add_column("publisher", overflow="fold")
    table.add_column("articles", justify="right")
    table.add_column("mean score", justify="right")
    table.add_column("factuality / bias")
    ranked = sorted(summary.publisher_scores.items(), key=lambda item: (-item[1].articles, item[0]))
    for name, tally in ranked[:TERMINAL_ROWS]:
        rating = rating_text(summary.outlet_ratings.get(name, ("unknown", "unknown")), " / ")
        table.add_row(
            Text(_cut(name, 40)),
            f"{tally.articles:,}",
            shown_score(tally.mean) if tally.mean is not None else "n/a",
            Text(_cut(rating)),
        )
    console.print(table)


def _print_fact_checks(summary: CorpusSummary, console: Console) -> None:
    if not summary.debunk_groups:
        return
    ranked = sorted(summary.debunk_groups, key=lambda g: (-g.articles, g.statement))
    console.print(Text("Known fact-checks the articles' claims match (articles per statement):"))
    for group in ranked[:TERMINAL_ROWS]:
        console.print(
            Text(f"  {group.articles:>4,}  [{_cut(group.verdict, 20)}] {_cut(group.statement)}")
        )
    if len(ranked) > TERMINAL_ROWS:
        console.print(Text(f"  … and {len(ranked) - TERMINAL_ROWS:,} more", style="dim"))


def _print_lowest(summary: CorpusSummary, console: Console) -> None:
    lowest = summary.lowest[:TERMINAL_ROWS]
    if not lowest:
        return
    heading = "Lowest-scored articles" if summary.scored else "Most-flagged articles"
    table = Table(title=heading, title_justify="left", box=None)
    table.add_column("id", no_wrap=True)  # folded, "gossipcop-617627 / 4941" could not be copied
    table.add_column("score", justify="right")
    table.add_column("signals", justify="right")
    table.add_column("title", overflow="fold")
    for row in lowest:
        score = row.get("score")
        table.add_row(
            Text(_cut(shown_id(row), 32)),
            shown_score(score) if isinstance(score, (int, float)) else "n/a",
            f"{row.get('n_signals') or 0:,}",
            Text(_cut(str(row.get("title") or "(no title)"), 100)),
        )
    console.print(table)


def _print_errors(summary: CorpusSummary, console: Console) -> None:
    if not summary.errors:
        return
    console.print(Text(f"Rows not analysed ({summary.errors:,}), by reason:"))
    for reason, count in itertools.islice(summary.error_reasons.most_common(), TERMINAL_ROWS):
        shown = reason_shown(reason, count, summary.error_examples)
        console.print(Text(f"  {count:>5,}  {_cut(shown, 200)}"))
