"""Command line: parses arguments and calls the library; errors become one line and an exit code."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from veracity.errors import VeracityError

app = typer.Typer(
    help="veracity: how far a news article can be trusted, and why.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
err_console = Console(stderr=True)


train_app = typer.Typer(help="Rebuild the shipped model artefacts from the labelled corpora.")
app.add_typer(train_app, name="train")


@app.callback()
def _root() -> None:
    """veracity: how far a news article can be trusted, and why."""


def _fail(exc: VeracityError) -> typer.Exit:
    err_console.print(f"[red]error:[/red] {exc}", highlight=False)
    return typer.Exit(code=exc.exit_code)


@app.command()
def analyze(
    source: Annotated[str, typer.Argument(help="A text or .html file, '-' for stdin, or a URL.")],
    format: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write an HTML report here.")
    ] = None,
    fast: Annotated[
        bool, typer.Option("--fast", help="Fast path: no parser, no neural model.")
    ] = False,
) -> None:
    """Analyse one article and print its report."""
    from veracity.pipeline import analyze as run_analysis
    from veracity.report.html import render_html
    from veracity.report.terminal import print_summary

    if format not in {"text", "json"}:
        err_console.print("[red]error:[/red] --format must be 'text' or 'json'")
        raise typer.Exit(code=2)
    try:
        report = run_analysis(source, depth="fast" if fast else "deep")
    except VeracityError as exc:
        raise _fail(exc) from None
    if html is not None:
        try:
            html.write_text(render_html(report), encoding="utf-8")
        except OSError as exc:
            err_console.print(f"[red]error:[/red] cannot write {html}: {exc.strerror}")
            raise typer.Exit(code=8) from None
    if format == "json":
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
    else:
        print_summary(report)
        if html is not None:
            Console().print(f"HTML report written to {html}", highlight=False)


def main() -> None:
    """Console entry point: any unexpected failure is one line on stderr, never a traceback."""
    try:
        app()
    except VeracityError as exc:
        raise SystemExit(_fail(exc).exit_code) from None
    except Exception as exc:  # a bug: say so plainly, keep the traceback out of the user's way
        err_console.print(
            f"[red]internal error:[/red] {type(exc).__name__}: {exc} "
            "(set VERACITY_DEBUG=1 for the traceback)",
            highlight=False,
        )
        if os.environ.get("VERACITY_DEBUG"):
            raise
        raise SystemExit(70) from None


if __name__ == "__main__":
    main()
