"""Readable terminal summary of a report (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from veracity.report.html import KIND_LABELS
from veracity.report.schema import Report

_BAND_STYLE = {"reliable": "bold green", "uncertain": "bold yellow", "unreliable": "bold red"}


def print_summary(report: Report, console: Console | None = None, max_signals: int = 12) -> None:
    """Print the score band, signal counts and the strongest signals with their quotes."""
    console = console or Console()
    console.print(
        f"[bold]{report.title or 'Untitled article'}[/bold]", markup=True, highlight=False
    )
    if report.reliability:
        rel = report.reliability
        console.print(
            f"Reliability: [{_BAND_STYLE[rel.label]}]{rel.label.upper()}[/] "
            f"(score {rel.score:.2f}, model {rel.model_version})"
        )
        if rel.top_features:
            drivers = ", ".join(f"{f.name} ({f.contribution:+.2f})" for f in rel.top_features[:5])
            console.print(f"Driven by: {drivers}", highlight=False)
    else:
        console.print("Reliability: [dim]no model loaded[/dim]")
    counts = ", ".join(f"{k} {v}" for k, v in sorted(report.signal_counts.items()))
    console.print(f"Signals ({len(report.signals)}): {counts or 'none'}", highlight=False)
    if not report.signals:
        return
    table = Table(show_lines=False, expand=True)
    table.add_column("Kind", style="cyan", no_wrap=True)
    table.add_column("Quote")
    table.add_column("Weight", justify="right")
    table.add_column("Why", style="dim")
    for signal in sorted(report.signals, key=lambda s: (-s.weight, s.start))[:max_signals]:
        quote = signal.quote if len(signal.quote) <= 120 else signal.quote[:117] + "..."
        table.add_row(
            KIND_LABELS[signal.kind], f"“{quote}”", f"{signal.weight:.2f}", signal.explanation
        )
    console.print(table)
