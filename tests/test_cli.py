"""The real CLI in a subprocess: bad input is one clear stderr line and an exit code, never a
traceback; good input gives a JSON report that validates and an inert HTML page. The deep JSON
report and the tests of what ``verify`` prints and of a lookalike host call the CLI's entry
point in this process (``veracity_in_process``): each subprocess loads the models again."""

from __future__ import annotations

import json
import os
import re
import socket
import stat
import subprocess
import sys
import warnings
from pathlib import Path
from typing import TextIO

import pytest

from tests.report.test_html import assert_inert
from veracity.errors import (
    FetchError,
    InputError,
    InputTooLargeError,
    OutputError,
    SourceNotFoundError,
)
from veracity.report.schema import Report

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


def veracity(
    *args: str, stdin: bytes = b"", env: dict[str, str] | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("VERACITY_")}
    environment.update(env or {})
    result = subprocess.run(
        [sys.executable, "-m", "veracity.cli", *args],
        input=stdin,
        capture_output=True,
        env=environment,
        timeout=timeout,
        check=False,
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
    )


_FRESH_WARNING_FILTERS = (  # a fresh interpreter's, as `python -m veracity.cli` starts with
    ("default", DeprecationWarning, "__main__"),
    ("ignore", DeprecationWarning, None),
    ("ignore", PendingDeprecationWarning, None),
    ("ignore", ImportWarning, None),
    ("ignore", ResourceWarning, None),
)


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """A fresh interpreter's ``warnings.showwarning``: the warning on standard error."""
    (file or sys.stderr).write(warnings.formatwarning(message, category, filename, lineno, line))


def veracity_in_process(
    *args: str, stdin: bytes = b"", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """:func:`veracity`'s run of the CLI's entry point (``veracity.cli.main``) in this process:
    the same environment (no ``VERACITY_*`` variable but ``env``'s, settings read afresh),
    arguments, standard input, a fresh interpreter's warning filters, no logging handler but
    Python's last resort, standard output and error read at their file descriptors (what a
    library writes there too) and the exit code. The models this process has loaded are not
    loaded again: a subprocess pays 3-5 s of CPU for each call. Process-level behaviour (the
    interpreter's start, argument bytes, signals, a full disk) stays with :func:`veracity`."""
    import io
    import logging
    import signal
    import tempfile

    from veracity import cli
    from veracity.settings import get_settings

    saved_environ = dict(os.environ)
    saved_streams = (sys.argv, sys.stdin, sys.stdout, sys.stderr)
    saved_interrupt = signal.getsignal(signal.SIGINT)
    root = logging.getLogger()
    saved_handlers = root.handlers[:]
    code: int | str | None = 0
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        saved_fds = {}
        for fd, target in ((1, out), (2, err)):
            saved_fds[fd] = os.dup(fd)
            os.dup2(target.fileno(), fd)
        try:
            os.environ.clear()
            os.environ.update(
                {k: v for k, v in saved_environ.items() if not k.startswith("VERACITY_")}
            )
            os.environ.update(env or {})
            get_settings.cache_clear()
            root.handlers = []
            sys.argv = [cli.__file__, *args]
            sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
            sys.stdout = io.TextIOWrapper(io.FileIO(1, "wb", closefd=False), encoding="utf-8")
            sys.stderr = io.TextIOWrapper(io.FileIO(2, "wb", closefd=False), encoding="utf-8")
            with warnings.catch_warnings():
                warnings.resetwarnings()
                for action, category, module in reversed(_FRESH_WARNING_FILTERS):
                    warnings.filterwarnings(action, category=category, module=module or "")
                warnings.showwarning = _show_warning  # on stderr, not in pytest's record
                try:
                    cli.main()
                except SystemExit as exc:
                    code = exc.code
                if isinstance(code, str):  # the interpreter prints it and exits 1
                    sys.stderr.write(code + "\n")
                    code = 1
        finally:
            for stream in (sys.stdout, sys.stderr):
                stream.flush()
            sys.argv, sys.stdin, sys.stdout, sys.stderr = saved_streams
            for fd, saved in saved_fds.items():
                os.dup2(saved, fd)
                os.close(saved)
            root.handlers = saved_handlers
            signal.signal(signal.SIGINT, saved_interrupt)
            os.environ.clear()
            os.environ.update(saved_environ)
            get_settings.cache_clear()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    return subprocess.CompletedProcess(
        ["veracity", *args],
        code or 0,
        stdout.decode("utf-8", "replace"),
        stderr.decode("utf-8", "replace"),
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int, text: str) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and text in lines[0], lines[0]
    assert result.stdout == ""


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\t \r\n   \n")
    (folder / "image.png").write_bytes(PNG + bytes(range(256)) * 16)
    (folder / "random.bin").write_bytes(bytes((i * 7919 + 13) % 256 for i in range(5_000)))
    (folder / "big.txt").write_text("A headline\n\n" + "All work and no play. " * 200)
    (folder / "furniture.txt").write_text(
        "Leave a Reply\nYour email address will not be published."
    )
    (folder / "empty.html").write_text(
        "<!doctype html><html><body><script>x()</script></body></html>"
    )
    return folder


@pytest.mark.parametrize(
    ("args", "env", "code", "message"),
    [
        (["{dir}/empty.txt"], {}, InputError.exit_code, "input is empty"),
        (["{dir}/blank.txt"], {}, InputError.exit_code, "input is empty"),
        (["{dir}/image.png"], {}, InputError.exit_code, "binary"),
        (["{dir}/random.bin"], {}, InputError.exit_code, "binary"),
        (["{dir}/furniture.txt"], {}, InputError.exit_code, "only site furniture"),
        (["{dir}/empty.html"], {}, InputError.exit_code, "no readable article text"),
        (
            ["{dir}/big.txt"],
            {"VERACITY_MAX_INPUT_BYTES": "1000"},
            InputTooLargeError.exit_code,
            "over the limit of 1,000 bytes (set VERACITY_MAX_INPUT_BYTES to raise it)",
        ),
        (["{dir}/missing.txt"], {}, SourceNotFoundError.exit_code, "no such file: "),
        (["{dir}/[/bold]missing.txt"], {}, SourceNotFoundError.exit_code, "[/bold]missing.txt"),
        (
            ["{dir}"],
            {},
            InputError.exit_code,
            "is a directory, not an article file (`veracity batch FOLDER --out results.jsonl`",
        ),
        ([""], {}, InputError.exit_code, "no input given"),
        (
            ["http://127.0.0.1:{port}/news"],
            {},
            FetchError.exit_code,
            # probe s45: the message and the README agree (the variable is no server setting)
            "127.0.0.1 is a loopback address (a page on your own network: save it and run "
            "`veracity analyze page.html --url URL`, or on a machine only you use set "
            "VERACITY_ALLOW_PRIVATE_URLS=1; never on a server)",
        ),
        (
            ["http://10.0.0.1/internal"],
            {},
            FetchError.exit_code,
            "10.0.0.1 is a private address",
        ),
        (
            ["http://127.0.0.1:{port}/news"],
            {"VERACITY_ALLOW_PRIVATE_URLS": "1"},
            FetchError.exit_code,
            "cannot fetch http://127.0.0.1:{port}/news",
        ),
        (["https://no-such-host.invalid/a"], {}, FetchError.exit_code, "cannot resolve host"),
        (["ftp://example.com/a.txt"], {}, FetchError.exit_code, "only http:// and https://"),
    ],
)
def test_bad_input_is_one_clear_line(
    bad_inputs: Path, args: list[str], env: dict[str, str], code: int, message: str
) -> None:
    port = str(closed_port())
    args = [a.replace("{dir}", str(bad_inputs)).replace("{port}", port) for a in args]
    result = veracity("analyze", *args, env=env)
    assert_one_line_error(result, code, message.replace("{port}", port))


def test_empty_stdin() -> None:
    assert_one_line_error(veracity("analyze", "-", stdin=b""), InputError.exit_code, "empty")


def test_binary_stdin() -> None:
    result = veracity("analyze", "-", stdin=PNG * 50)
    assert_one_line_error(result, InputError.exit_code, "binary")


def test_bad_format_option(bad_inputs: Path) -> None:
    result = veracity("analyze", str(bad_inputs / "blank.txt"), "--format", "xml")
    assert result.returncode == 2
    assert result.stderr.startswith("error: Invalid value for '--format' / '-f'")
    assert "'xml' is not one of 'text', 'json', 'jsonl', 'csv', 'claimreview'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_claimreview_on_the_fast_path_is_refused_not_an_empty_graph() -> None:
    result = veracity("analyze", "-", "--fast", "--format", "claimreview", stdin=b"Plain words.")
    assert_one_line_error(result, InputError.exit_code, "only the deep path finds; drop --fast")


def test_an_index_on_the_fast_path_is_refused_not_ignored(tmp_path: Path) -> None:
    # the fast path finds no claims: the index was dropped without a word (a missing one too)
    result = veracity("analyze", "-", "--fast", "--index", str(tmp_path), stdin=b"Plain words.")
    assert_one_line_error(result, InputError.exit_code, "only the deep path finds; drop --fast")


def test_evaluate_deep_without_loco_is_refused_not_ignored(tmp_path: Path) -> None:
    # Before, --deep alone was dropped without a word and the fast path's tables were printed
    # (after minutes of work) as if they were the deep path's.
    result = veracity("evaluate", "--deep", "--data", str(tmp_path))
    assert_one_line_error(result, InputError.exit_code, "--deep is a variant of --loco")


def test_evaluate_shows_its_steps_on_a_terminal_only_and_keeps_stdout_plain(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Audit: `veracity evaluate` ran about eleven minutes with no output until its tables."""
    import io

    from rich.console import Console
    from typer.testing import CliRunner

    from veracity import cli
    from veracity.models import evaluation, loco

    def steps(*names: str):
        def run(data: object, *args: object, on_step=None) -> str:
            for done, name in enumerate(names):
                if on_step is not None:
                    on_step(name, done, len(names))
            return "+".join(names)

        return run

    monkeypatch.setattr(evaluation, "run_evaluation", steps("loading", "in domain", "liar"))
    monkeypatch.setattr(evaluation, "format_tables", lambda result: f"tables: {result}")
    monkeypatch.setattr(loco, "evaluate_loco", steps("table", "buzzfeed held out"))
    monkeypatch.setattr(loco, "format_loco", lambda result: f"loco: {result}")
    for args, stdout, last in (
        (["evaluate"], "tables: loading+in domain+liar\n", "liar"),
        (["evaluate", "--loco"], "loco: table+buzzfeed held out\n", "buzzfeed held out"),
    ):
        for terminal in (True, False):
            stream = io.StringIO()
            console = Console(file=stream, force_terminal=terminal, width=120)
            monkeypatch.setattr(cli, "err_console", console)
            result = CliRunner().invoke(cli.app, args)
            assert result.exit_code == 0, result.output
            assert result.stdout == stdout
            # a bar naming the step on a terminal; nothing in a log or a pipe
            assert (last in stream.getvalue()) is terminal
            assert bool(stream.getvalue()) is terminal


def test_unwritable_html_report_is_an_output_error(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "report.html"
    result = veracity_in_process(
        "analyze", "-", "--fast", "--html", str(target), stdin=b"Plain words here."
    )
    assert result.returncode == OutputError.exit_code
    assert result.stderr.startswith(f"error: cannot write {target}")
    assert "Traceback" not in result.stderr


def test_a_link_at_the_html_reports_name_is_replaced_not_written_through(tmp_path: Path) -> None:
    """Hostile round 8: ``analyze --html`` wrote its report by following a link at the name,
    where every other output is written to a fresh file and renamed: in a folder others can
    write (``--html /tmp/report.html``; this machine's fs.protected_symlinks is 0) a link
    planted there had the report written over whichever of the user's files it named, and a
    pipe or a device another user made there got it. Now the link is replaced by the report
    and another user's pipe or link to a device is refused with one error line (exit 8)."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    report = tmp_path / "report.html"
    report.symlink_to(victim)
    result = veracity_in_process(
        "analyze", "-", "--fast", "--html", str(report), stdin=b"Plain words here."
    )
    assert result.returncode == 0, result.stderr
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert not report.is_symlink() and report.read_text(encoding="utf-8").startswith("<!DOCTYPE")
    if os.geteuid() != 0:  # another user's files are made as root only
        return
    device = tmp_path / "device"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # the null device, as /dev/null
    planted = tmp_path / "planted.html"
    planted.symlink_to(device)
    os.lchown(planted, 65534, 65534)
    pipe = tmp_path / "pipe.html"
    os.mkfifo(pipe)
    os.chown(pipe, 65534, 65534)
    for target in (planted, pipe):  # a pipe no one reads: written through, this would hang
        result = veracity_in_process(
            "analyze", "-", "--fast", "--html", str(target), stdin=b"Plain words here."
        )
        assert result.returncode == OutputError.exit_code
        assert result.stderr.startswith(f"error: cannot write {target}: it is a ")
        assert "another user made (uid 65534): not written through" in result.stderr
    assert planted.is_symlink() and stat.S_ISFIFO(pipe.lstat().st_mode)


SAVED_PAGE = b"""<html><head><title>Politics | The Daily Example</title></head><body>
<article><h1>Senate passes the budget after a long night</h1><p>The Senate passed the budget
on Tuesday by 52 votes to 48, after a debate that ran through the night. The bill now goes to
the House, where its leaders said they expect a vote next week.</p></article></body></html>"""


def test_a_saved_page_is_given_its_address_with_url(tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_bytes(SAVED_PAGE)
    address = "https://web.archive.org/web/2026/https://www.reuters.com/world/senate-budget"
    result = veracity_in_process(
        "analyze", str(page), "--fast", "--format", "json", "--url", address
    )
    assert result.returncode == 0, result.stderr
    report = Report.model_validate_json(result.stdout)
    assert (report.source_url, report.source_domain) == (address, "reuters.com")
    publisher = [o for o in report.outlets if o.role == "publisher"]
    assert [(o.outlet, o.factuality) for o in publisher] == [("Reuters", "high")]


@pytest.mark.parametrize("path", [("--fast",), ()], ids=["fast", "deep"])
def test_a_saved_page_without_url_names_the_address_it_gives_unrated_and_says_so(
    tmp_path: Path, path: tuple[str, ...]
) -> None:
    """A page's own canonical link or og:url is named, never rated: a fake page copies a trusted
    outlet's markup, and the rating would vouch for it (a513f70's rule; 243d435 read the address)."""
    page = tmp_path / "saved.html"
    address = "https://www.reuters.com/world/senate-budget"
    page.write_bytes(
        SAVED_PAGE.replace(b"<head>", f'<head><link rel="canonical" href="{address}">'.encode())
    )
    result = veracity_in_process("analyze", str(page), *path, "--format", "json")
    assert result.returncode == 0, result.stderr
    report = Report.model_validate_json(result.stdout)
    assert report.analysis_path == ("fast" if path else "deep")
    assert (report.source_url, report.source_domain) == (address, "reuters.com")
    publisher = [o for o in report.outlets if o.role == "publisher"]
    assert [(o.outlet, o.factuality, o.ratings) for o in publisher] == [
        ("reuters.com", "unknown", [])
    ]
    assert [n for n in report.notes if n.startswith("The page gives its own address")] == [
        "The page gives its own address as reuters.com (its og:url or canonical link), as no "
        "address was given. That is not checked, since a copied or fake page can name any site "
        "there, so the publisher is named but not rated from it. Give the address it was "
        "published at (--url, or source_url in the API) to rate the publisher."
    ]
    given = "https://apnews.com/article/senate-budget"
    result = veracity_in_process("analyze", str(page), *path, "--format", "json", "--url", given)
    report = Report.model_validate_json(result.stdout)
    assert (report.source_url, report.source_domain) == (given, "apnews.com")
    assert [o.factuality for o in report.outlets if o.role == "publisher"] != ["unknown"]
    assert not [n for n in report.notes if n.startswith("The page gives its own address")]


@pytest.mark.parametrize(
    ("inputs", "url", "message"),
    [
        (["PAGE"], "ftp://example.org/a", "--url must be a web address"),
        (["PAGE"], "reuters.com", "--url must be a web address"),
        (["https://example.org/a"], "https://example.org/b", "a URL input is its own address"),
        (["PAGE", "PAGE"], "https://example.org/b", "pass one input with it"),
    ],
)
def test_url_names_one_input_without_an_address(tmp_path: Path, inputs, url, message) -> None:
    page = tmp_path / "saved.html"
    page.write_bytes(SAVED_PAGE)
    sources = [str(page) if i == "PAGE" else i for i in inputs]
    result = veracity("analyze", *sources, "--fast", "--url", url)
    assert result.returncode == InputError.exit_code
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.data
def test_json_report_validates(data_dir: Path) -> None:
    seed = data_dir.parent / "examples" / "seed-article.txt"
    result = veracity_in_process("analyze", str(seed), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = Report.model_validate_json(result.stdout)
    assert report.analysis_path == "deep"
    assert report.title.startswith("Russia Kills 30 US")
    assert "Add a Comment" not in report.text
    assert report.signals
    for signal in report.signals:
        assert report.text[signal.start : signal.end] == signal.quote


HOSTILE_ARTICLE = """<script>alert("title")</script> Officials <b onmouseover=alert(2)>hide</b> it

Experts are convinced <script>alert(1)</script> that the water is unsafe.

Many people are saying <img src=x onerror=alert(1)> that the mayor knew.

Click javascript:alert(document.cookie) to see what they don't want you to know!
"""


def test_hostile_article_from_stdin_gives_a_summary_and_an_inert_html_report(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out.html"
    result = veracity_in_process(
        "analyze",
        "-",
        "--fast",
        "--html",
        str(out),
        stdin=HOSTILE_ARTICLE.encode("cp1252"),
        env={"COLUMNS": "80"},
    )
    assert result.returncode == 0, result.stderr
    title = '<script>alert("title")</script> Officials <b onmouseover=alert(2)>hide</b> it'
    lines = result.stdout.splitlines()
    assert lines[0] == title
    assert any(line.startswith("Signals (") and "none" not in line for line in lines)
    assert all(len(line) <= 80 for line in lines[:-1])  # the last one names the file
    assert lines[-1] == f"HTML report written to {out}"
    tree = assert_inert(out.read_text(encoding="utf-8"))
    visible = tree.text_content()
    for text in (
        title,
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "javascript:alert(document.cookie)",
    ):
        assert text in visible
    marks = tree.xpath("//mark")
    assert marks and all(mark.get("title") for mark in marks)


def test_a_report_path_with_brackets_is_printed_as_written(tmp_path: Path) -> None:
    """Audit: '--html "[red]x.html"' wrote that file but said 'HTML report written to
    .../x.html' (the path was read as Rich markup)."""
    out = tmp_path / "[red]report.html"
    result = veracity_in_process(
        "analyze", "-", "--fast", "--html", str(out), stdin=b"Plain words here."
    )
    assert result.returncode == 0, result.stderr
    assert out.is_file()
    assert result.stdout.splitlines()[-1] == f"HTML report written to {out}"


def test_verify_with_undecodable_argument_bytes_is_no_internal_error() -> None:
    """Hostile round 3: bytes that are not UTF-8 in the claim argument reached the tokenizer as
    lone surrogates and ended in "internal error: TypeError" (exit 70)."""
    claim = os.fsdecode(b"Drinking bleach \x80\xff cures the coronavirus")
    result = veracity("verify", claim, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["text"] == "Drinking bleach ?? cures the coronavirus"


def test_terminal_summary_carries_no_c1_control_from_the_article() -> None:
    """Hostile round 3: CSI and OSC sent as C1 characters reached the terminal summary."""
    article = (
        "Shocking \u009b2J\u009d0;pwned\u009c news today\n\n"
        "Experts say the council \u009b31mlied\u009b0m about the water, sources claim."
    )
    result = veracity_in_process("analyze", "-", "--fast", stdin=article.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    assert "Shocking 2J0;pwned news today" in result.stdout
    assert not any("\x80" <= ch <= "\x9f" for ch in result.stdout + result.stderr)


@pytest.mark.skipif(not Path("/dev/full").is_char_device(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["analyze", "-", "--fast"], ["claims", "-", "--format", "csv"]])
def test_standard_output_on_a_full_disk_is_an_output_error(args: list[str]) -> None:
    """Hostile round 4: `veracity analyze ... > /dev/full` ended in "internal error: OSError:
    [Errno 28] No space left on device", exit 70, as if it were a bug."""
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "veracity.cli", *args],
            input=b"The council approved the budget for the new school on Monday, officials said.",
            stdout=full,
            stderr=subprocess.PIPE,
            env={k: v for k, v in os.environ.items() if not k.startswith("VERACITY_")},
            timeout=180,
            check=False,
        )
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == OutputError.exit_code, stderr
    assert stderr.strip().splitlines() == [
        "error: cannot write the output: No space left on device"
    ]


def test_verify_names_the_nearest_passages_of_an_undecided_claim_as_such(tmp_path: Path) -> None:
    """probe5: a claim no passage bears on ("The Moon is made of cheese.") listed unrelated
    passages (weight 0.00) as "decided by"; they are only the nearest ones. Probe s48 V3: listed
    as "nearest passages" at weight 0.00 they still told a reader nothing: none is listed, and
    the verdict says no passage is related at all."""
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "council.txt").write_text(
        "Council rejects budget\n\nThe city council rejected the mayor's 2026 budget on "
        "Tuesday by a vote of 7 to 2. Councillors said the plan raised property taxes by 8 "
        "percent.",
        encoding="utf-8",
    )
    (documents / "bridge.txt").write_text(
        "Harbor bridge to reopen in March\n\nThe Harbor Street bridge, closed since June for "
        "repairs, will reopen to traffic in March, the transport department said on Monday.",
        encoding="utf-8",
    )
    index = tmp_path / "index"
    assert veracity_in_process("index", str(documents), "--out", str(index)).returncode == 0
    undecided = veracity_in_process("verify", "The Moon is made of cheese.", "--index", str(index))
    # as analyze, the HTML report and the web page write it (probe s41: not_enough_evidence)
    assert undecided.stdout.splitlines()[2].startswith("verdict: not enough evidence (")
    assert "nearest passages: " not in undecided.stdout and "decided by" not in undecided.stdout
    assert "no retrieved passage is closely related to the claim (none at all)" in " ".join(
        undecided.stdout.split()
    )
    decided = veracity_in_process(
        "verify", "The city council rejected the budget.", "--index", str(index)
    )
    assert decided.stdout.splitlines()[2].startswith("verdict: supported"), decided.stdout
    # in the form `analyze` prints it (probe s47 U3: "supports (weight 0.90) council.txt:")
    assert re.search(r"decided by: supports, weight \d\.\d\d, council\.txt: ", decided.stdout)


def test_verify_says_the_claims_own_check_worthiness_and_its_entities_and_numbers() -> None:
    """probe s37: the text output left out the claim's check-worthiness (the note on stderr
    spoke of "0.24" that nothing printed), and JSON's `entities` and `numbers` were always empty
    for a claim checked on its own, where an article's claims have them."""
    claim = "Says Barack Obama was born in Kenya in 1961, 4 percent of voters believe."
    text = veracity_in_process("verify", claim)
    assert text.returncode == 0, text.stderr
    first = " ".join(text.stdout.split("\n")[:2])
    assert re.match(r"check-worthiness: \d\.\d\d \(threshold 0\.50; ", first), text.stdout
    assert "not whether it is true" in first
    dumped = json.loads(veracity_in_process("verify", claim, "--format", "json").stdout)
    assert f"check-worthiness: {dumped['score']:.2f} " in first
    assert {(e["text"], e["label"]) for e in dumped["entities"]} >= {
        ("Barack Obama", "PERSON"),
        ("Kenya", "GPE"),
        ("4 percent", "PERCENT"),
    }
    for entity in dumped["entities"]:
        assert claim[entity["start"] : entity["end"]] == entity["text"]
    assert "4 percent" in dumped["numbers"] and "1961" in dumped["numbers"]


def test_source_reads_its_argument_as_text_without_controls() -> None:
    """Hostile round 5: `veracity source` echoed an argument's ESC and OSC sequences to the
    terminal (the window retitled), and bytes that are not UTF-8 in it ended `--format json`
    in "internal error: PydanticSerializationError" (exit 70)."""
    name = os.fsdecode(b"Bre\xffitbart \x1b]0;pwned\x07\x1b[2J")
    result = veracity("source", name, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["outlet"] == "Bre?itbart ]0;pwned[2J"
    result = veracity("source", name)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout


def test_an_error_shows_the_controls_of_an_argument_as_escapes(tmp_path: Path) -> None:
    """Hostile round 5: an error naming an argument (a file that is not there, a URL that is not
    one) printed its ESC and OSC sequences to the terminal as they were."""
    missing = str(tmp_path / "no\x1b]0;pwned\x07file.txt")
    for argument in (missing, "http://a\x1b[2J.example/"):
        result = veracity_in_process("analyze", argument, "--fast")
        assert result.returncode in (4, 5), result.stderr
        assert "\x1b" not in result.stderr and "\x07" not in result.stderr
        assert "\\x1b" in result.stderr


def test_every_error_line_shows_controls_and_line_breaks_as_escapes(tmp_path: Path) -> None:
    """Hostile round 8: round 5 made the one-input error printer write controls as escapes, but
    `veracity analyze A B` printed each failed input's name and error as they were (an ESC ]0;
    in a file name retitled the window), as did `veracity index`'s documents left out and
    `veracity verify FILE`'s bad lines; and a line break in a name split any error in two, the
    second line of the name's own making. Each error is now one line with its controls, line
    breaks included, as escapes."""
    fine = tmp_path / "fine.txt"
    fine.write_text("The council approved the budget on Tuesday.", encoding="utf-8")
    missing = str(tmp_path / "no\x1b]0;pwned\x07\nindexed 500 passages.txt")
    shown = missing.replace("\x1b", "\\x1b").replace("\x07", "\\x07").replace("\n", "\\x0a")
    for args in (("analyze", missing, "--fast"), ("analyze", missing, str(fine), "--fast")):
        result = veracity_in_process(*args, "--format", "jsonl")
        assert result.returncode != 0
        assert "\x1b" not in result.stderr and "\x07" not in result.stderr
        assert result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith("error: ") and shown in result.stderr


def test_a_lookalike_host_is_shown_with_its_ascii_form_wherever_it_is_shown(
    tmp_path: Path,
) -> None:
    """Security s38: `bbс.co.uk` (Cyrillic "с") was rated unknown but shown as written, so the
    report's "Source:" and "Publisher:" lines read as the BBC's address. Each now carries the
    host's ASCII form, as a browser shows such a name; JSON keeps source_domain and the outlet
    as they were and adds the form; an ASCII host's report is as before; the rating is not
    changed."""
    article = b"Storm hits\n\nThe storm hit the coast on Monday, officials said."
    url = "https://bb\u0441.co.uk/news/uk-123"
    note = "(in ASCII xn--bb-pmc.co.uk: the name holds letters outside a-z)"
    html = tmp_path / "report.html"
    text = veracity_in_process(
        "analyze", "-", "--fast", "--url", url, "--html", str(html), stdin=article
    )
    assert text.returncode == 0, text.stderr
    flat = " ".join(text.stdout.split())
    assert f"Source: {url} {note}" in flat
    # an address that is no valid host is never looked up in the lists (probe s44's wording)
    assert f"Publisher: bb\u0441.co.uk {note} — not rated" in flat
    # the address is isolated (<bdi>, hostile round 13) so its direction cannot reorder the note
    assert f"Source: <bdi>{url}</bdi> {note}</p>" in html.read_text(encoding="utf-8")
    made = veracity_in_process(
        "analyze", "-", "--fast", "--url", url, "--format", "json", stdin=article
    )
    report = json.loads(made.stdout)
    assert (report["source_domain"], report["source_domain_ascii"]) == (
        "bb\u0441.co.uk",
        "xn--bb-pmc.co.uk",
    )
    [publisher] = report["outlets"]
    assert (publisher["outlet"], publisher["host_ascii"]) == ("bb\u0441.co.uk", "xn--bb-pmc.co.uk")
    assert publisher["factuality"] == "unknown"
    plain = veracity_in_process(
        "analyze",
        "-",
        "--fast",
        "--url",
        "https://bbc.co.uk/news/1",
        "--format",
        "json",
        stdin=article,
    )
    assert "ascii" not in plain.stdout  # an ASCII host's report has neither field
    rated = veracity_in_process("source", "bb\u0441.co.uk")
    assert note in " ".join(rated.stdout.split())


def test_a_source_url_sends_no_c1_control_or_direction_override_to_the_terminal() -> None:
    """Hostile round 6, attack 7: a URL's C1 controls and direction characters were kept (only
    C0 controls, spaces and lone surrogates were percent-encoded), so `veracity analyze --url`
    printed "Source: https://x.example/a<CSI>2J<RLO>kcatta": CSI clears the screen where
    terminals honour C1, and the override shows the rest of the address reversed (and so in
    the HTML report's "Source:" line of an analysis posted with such a source_url)."""
    url = "https://x.example/a\u009b2J\u202ekcatta\u2066b\u200fc"
    result = veracity_in_process(
        "analyze", "-", "--fast", "--url", url, stdin=b"Storm hits\n\nThe storm hit the coast."
    )
    assert result.returncode == 0, result.stderr
    assert "Source: https://x.example/a%C2%9B2J%E2%80%AEkcatta%E2%81%A6b%E2%80%8Fc" in result.stdout
    shown = result.stdout + result.stderr
    assert not any("\x80" <= ch <= "\x9f" or "\u202a" <= ch <= "\u202e" for ch in shown)


def test_an_empty_path_is_no_input_not_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Probe s40: `veracity index "" --out IDX` and `veracity batch "" --out R` (an unset shell
    variable) read the current folder whole, as Path("") is "."; `veracity verify ""` answered
    " is a directory", `summarize ""` and `factchecks import ""` "no such file: .";
    `veracity index FILE --out ""` wrote the index into the current folder. Each is one error
    line now, and nothing is written. The CLI runs in this process, in ``tmp_path`` as its
    current folder: six subprocesses cost about 4 CPU-s each to load the package."""
    (tmp_path / "note.txt").write_text("The council met on Tuesday and approved the budget.\n")
    monkeypatch.chdir(tmp_path)
    run = veracity_in_process
    for args, what in (
        (("index", "", "--out", "idx"), "no folder, text file or JSON-lines file of documents"),
        (("index", "note.txt", "--out", ""), "no folder to write the index to (--out) given"),
        (("batch", " ", "--out", "results.jsonl"), "no input file or folder given"),
        (("summarize", ""), "no results file given"),
        (("factchecks", "import", ""), "no fact-check file given"),
    ):
        result = run(*args)
        assert_one_line_error(result, InputError.exit_code, what)
        assert "for the current folder, write '.'" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.txt"]
    assert_one_line_error(run("verify", ""), InputError.exit_code, "error: the claim is empty")


def _command_paths() -> list[tuple[str, ...]]:
    """Every command and group of the CLI, as the words that name it."""
    import typer.main

    from veracity import cli

    paths: list[tuple[str, ...]] = [()]
    groups = [((), typer.main.get_command(cli.app))]
    while groups:
        path, group = groups.pop()
        for name, command in group.commands.items():  # type: ignore[attr-defined]
            paths.append((*path, name))
            if hasattr(command, "commands"):
                groups.append(((*path, name), command))
    return paths


def test_no_help_shows_a_flag_as_taking_a_value() -> None:
    """Probe s41: typer's help listed "--fast <bool>", so a user wrote "veracity analyze --fast
    true a.txt" and "true" was read as an input file (an error for it, a.txt analysed, exit
    1). An on/off option is a flag and its help shows no value."""
    paths = _command_paths()
    assert ("analyze",) in paths and ("factchecks", "build") in paths
    for path in paths:
        result = veracity_in_process(*path, "--help")
        assert result.returncode == 0, (path, result.stderr)
        assert "<bool>" not in result.stdout, path
    assert "--fast " in veracity_in_process("analyze", "--help").stdout


def test_a_group_lists_each_command_on_one_line_at_a_wide_terminal() -> None:
    """Probe s43: `veracity --help` listed analyze as "... JSON lines or CSV rows," and then
    "one record per input in order ..." on the next line, at any width (typer's list of
    commands keeps a docstring's line breaks); so did summarize, index, verify, db show and
    db list. A command's summary is its docstring's first paragraph, wrapped by the terminal
    alone."""
    import typer

    from veracity import cli

    groups = [((), typer.main.get_command(cli.app))]
    checked = 0
    while groups:
        path, group = groups.pop()
        result = veracity_in_process(*path, "--help", env={"COLUMNS": "400"})
        assert result.returncode == 0, (path, result.stderr)
        for name, command in group.commands.items():  # type: ignore[attr-defined]
            if hasattr(command, "commands"):
                groups.append(((*path, name), command))
            summary = " ".join((command.help or "").split("\n\n")[0].split())
            rows = [line for line in result.stdout.splitlines() if f"│ {name} " in line]
            assert len(rows) == 1 and summary in rows[0], (path, name, result.stdout)
            checked += 1
    assert checked >= 17


def test_a_commands_help_prints_each_paragraph_on_one_line_at_a_wide_terminal() -> None:
    """Probe s47: `veracity evaluate --help` printed "... names each step (section, or held-out
    corpus with" and "--loco); the tables go to stdout." on two lines at any width: typer keeps
    the line breaks of a docstring's paragraphs after its first."""
    import typer

    from veracity import cli

    checked = 0
    for path in _command_paths():
        command = typer.main.get_command(cli.app)
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        result = veracity_in_process(*path, "--help", env={"COLUMNS": "400"})
        assert result.returncode == 0, (path, result.stderr)
        lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
        for paragraph in (command.help or "").split("\n\n")[1:]:
            words = " ".join(paragraph.split())
            assert any(words in line for line in lines), (path, words, result.stdout)
            checked += 1
    assert checked >= 1


@pytest.mark.parametrize(
    ("args", "flag", "value"),
    [
        (("analyze", "--fast", "true"), "--fast", "true"),
        (("analyze", "--fast", "False", "--format", "json"), "--fast", "False"),
        (("claims", "--lines", "yes"), "--lines", "yes"),
        (("claims", "--no-fact-checks", "1"), "--no-fact-checks", "1"),
    ],
)
def test_a_flag_given_a_value_is_one_error_line(
    args: tuple[str, ...], flag: str, value: str, tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The council approved the budget on Monday after a long debate.\n")
    result = veracity_in_process(*args, str(article))
    assert_one_line_error(result, InputError.exit_code, f"{flag} takes no value")
    assert f"'{value}' after it would be read as an input" in result.stderr
    # the flag alone, and a file so named (by its path), as before
    assert veracity_in_process(*args[:2], str(article), "--format", "json").returncode == 0
    named = tmp_path / value
    named.write_text(article.read_text())
    assert veracity_in_process(*args[:2], str(named)).returncode == 0


def test_train_help_shows_each_artefact_name_whole_and_refuses_an_unknown_one() -> None:
    """Probe s47: `veracity train --help` in 80 columns listed the names as the argument's
    type, cut mid-name ("sig" / "nal-heads", "propagan" / "da-tagger", "factche" / "cks")."""
    from veracity.artefacts import ARTEFACTS

    result = veracity_in_process("train", "--help", env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    words = {word.strip("│,.") for line in result.stdout.splitlines() for word in line.split()}
    assert set(ARTEFACTS) <= words, sorted(set(ARTEFACTS) - words)
    unknown = veracity_in_process("train", "signal-head")
    assert_one_line_error(unknown, InputError.exit_code, "no artefact is named 'signal-head'")
    assert "signal-heads" in unknown.stderr


def test_the_readme_names_every_artefact_train_rebuilds() -> None:
    """Probe s47: `veracity train --help` named loaded-lexicon, document-stance, relevance,
    speakers and reliability-deep, which the README's list of rebuild commands left out."""
    from veracity.artefacts import ARTEFACTS

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"veracity train ([a-z-]+)", readme))
    named |= set(re.findall(r"\(or ([a-z-]+)\)", readme))
    # the fact-check store's rebuild is listed as `veracity factchecks build`
    assert set(ARTEFACTS) - {"factchecks"} <= named, sorted(set(ARTEFACTS) - named)


def test_the_mpnet_encoder_is_only_for_the_propaganda_tagger() -> None:
    for args in (
        ["clickbait", "--encoder", "mpnet"],
        ["reliability", "--deep", "--encoder", "mpnet"],
    ):
        result = veracity_in_process("train", *args)
        assert result.returncode == InputError.exit_code, result
        assert "only propaganda-tagger" in result.stderr and "Traceback" not in result.stderr


def test_every_format_of_analyze_verify_and_claims_is_said_in_its_help() -> None:
    """Probe s48 (part ui, walking the help against the README): `analyze --help` listed
    <text|json|jsonl|csv|claimreview> with no word of what each gives (the README says a
    JSON array for several inputs, a record per line, a row per input with batch's columns),
    `claims --help` likewise, and `verify --help` said only what claimreview is. Each choice
    but the terminal's own is now said in the option's help."""
    for command, terminal in (("analyze", "text"), ("verify", "text"), ("claims", "table")):
        result = veracity_in_process(command, "--help", env={"COLUMNS": "400"})
        assert result.returncode == 0, result.stderr
        row = next(line for line in result.stdout.splitlines() if "--format" in line)
        choices = re.search(r"<([a-z|]+)>", row).group(1).split("|")
        for choice in choices:
            if choice != terminal:
                assert f"{choice}: " in row, (command, choice, row)


MARKUP_ARTICLE = """\
[link=https://evil.example/login]Officials said[/link] on Monday [blink]that[/blink] the city \
council would raise parking fees by 5 percent next year, according to a report by Reuters.

Smh and all because he is exercising his right as an American citizen to protest the law.
— Bishop [link=https://evil.example]Sankey[/link] (@BishopSankey) September 23, 2017

The mayor [bold red]told[/bold red] reporters that the budget shortfall reached $4 million, the \
largest in a decade, and [link=file:///etc/passwd]critics[/link] said the plan would hurt shops.
"""


@pytest.mark.parametrize("command", ["analyze", "claims"])
def test_console_markup_in_an_article_is_shown_as_written_not_obeyed(
    tmp_path: Path, command: str
) -> None:
    """Hostile round 16 (held): rich reads ``[link=URL]...[/link]`` in a string it is given as
    markup and writes a terminal hyperlink (OSC 8) that shows other words than where it leads;
    article text, a post's signature (the claims' speaker) and quotes are printed as text, so
    a colour terminal gets no hyperlink, no blink and the brackets as written."""
    article = tmp_path / "markup.txt"
    article.write_text(MARKUP_ARTICLE, encoding="utf-8")
    result = veracity_in_process(
        command, str(article), env={"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "200"}
    )
    assert result.returncode == 0, result.stderr
    assert "\x1b]8;" not in result.stdout and "\x1b[5m" not in result.stdout
    assert "[link=" in result.stdout
