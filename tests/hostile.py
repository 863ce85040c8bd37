"""Hostile inputs and the invariants every result must keep, shared by the property tests
(small profile) and ``bench/fuzz.py`` (10,000+ inputs).

Invariants: a public entry point either returns or raises the project's own
:class:`~veracity.errors.VeracityError` with a message; every span of a report lies inside
its text and quotes it exactly; a report is valid against its own JSON schema and encodes as
UTF-8 JSON; its HTML rendering holds no active content; its text holds no control character
but the line break and no direction override.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import lxml.html
from hypothesis import strategies as st

from veracity.report.schema import Report

HOSTILE_DIR = Path(__file__).resolve().parent / "fixtures" / "hostile"

# Characters that break naive text handling: bidi controls, joiners, combining marks,
# emoji sequences, NUL and C0 controls, lone surrogates, odd line breaks, BOM, ligatures.
HOSTILE_CHARS = st.sampled_from(
    [
        "\u200f",  # right-to-left mark
        "\u202e",  # right-to-left override
        "\u2066",  # left-to-right isolate
        "\u200d",  # zero-width joiner
        "\u200b",  # zero-width space
        "\u0301",  # combining acute accent
        "e\u0301\u0301\u0301",
        "👨\u200d👩\u200d👧",
        "\U0001f600",
        "\x00",
        "\x07",
        "\x1b[31m",
        "\x9b2J",  # CSI as one C1 character: clears a terminal that honours C1 controls
        "\x9d0;retitled\x9c",  # OSC ... ST as C1 characters: sets the window title
        "\u202a",  # left-to-right embedding
        "\u202b",  # right-to-left embedding
        "\u202d",  # left-to-right override
        "\ud800",  # lone high surrogate
        "\udfff",  # lone low surrogate
        "\udc80",  # what surrogateescape makes of byte 0x80
        "\ufeff",
        "\u2028",
        "\u2029",
        "\r",
        "\x85",
        "\u00a0",
        "ﬁ",
        "İ",
        "ß",
        "مرحبا",
        "שלום",
        "日本語の記事",
    ]
)
# Phrases that trigger detectors, so spans land next to the hostile characters.
TRIGGERS = st.sampled_from(
    [
        "Experts say ",
        "Sources claim that ",
        "Why would they hide it? ",
        "SHOCKING: ",
        "the mainstream media won't tell you ",
        "a cover-up by the elites ",
        "according to the BBC, ",
        "Reuters reported ",
        "You won't believe what happened next!!! ",
        "The council said on Monday that 40% of the water was unsafe. ",
        "\n\n",
        ". ",
        "?",
    ]
)
MARKUP_IN_TEXT = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '"><svg onload=alert(1)>',
        "</textarea></title><iframe src=//evil>",
        "{{7*7}}${7*7}",
        "&lt;script&gt;",
        "'; DROP TABLE articles; --",
    ]
)
HOSTILE_TEXT = st.lists(
    st.one_of(HOSTILE_CHARS, TRIGGERS, MARKUP_IN_TEXT, st.text(max_size=40)), max_size=40
).map("".join)


def long_text(max_repeat: int) -> st.SearchStrategy[str]:
    """One piece repeated up to ``max_repeat`` times: extremely long lines and many spans."""
    return st.builds(
        lambda piece, count, tail: piece * count + tail,
        st.one_of(TRIGGERS, HOSTILE_CHARS, st.text(min_size=1, max_size=8)),
        st.integers(min_value=100, max_value=max_repeat),
        HOSTILE_TEXT,
    )


def article_text(max_repeat: int) -> st.SearchStrategy[str]:
    """Mostly short hostile text, sometimes one very long one."""
    return st.one_of(HOSTILE_TEXT, HOSTILE_TEXT, long_text(max_repeat))


HTML_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<article>",
        "<h1>",
        "</h1>",
        "<title>",
        "</title>",
        "<script>document.write('SCRIPT-BODY')</script>",
        "<script src=//evil.example/x.js></script>",
        "<iframe src='javascript:alert(1)'></iframe>",
        "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
        "<form action=//evil.example><input name=q><button>Go</button></form>",
        "<img src=x onerror=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mi><style><img src=x onerror=alert(1)></style></mi></math>",
        "<noscript><p title='</noscript><img src=x onerror=alert(1)>'></noscript>",
        "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
        "<a href=' javascript:alert(1)'>link</a>",
        "<base href=//evil.example/>",
        "<template><script>alert(1)</script></template>",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "&amp;",
        "&#0;",
        "&#x110000;",
        "<table><tr><td>",
        "</td></tr></table>",
    ]
)
HTML_DOCUMENT = st.one_of(
    st.lists(st.one_of(HTML_PIECES, TRIGGERS, HOSTILE_TEXT), max_size=40).map(
        lambda parts: "<!doctype html><html><body>" + "".join(parts)
    ),
    # Deeply nested, closed or not, around a real paragraph.
    st.builds(
        lambda tag, depth, close, inner: (
            f"<html><body>{f'<{tag}>' * depth}<p>{inner}</p>{f'</{tag}>' * depth if close else ''}"
        ),
        st.sampled_from(["div", "span", "b", "table", "ul><li", "section"]),
        st.integers(min_value=50, max_value=6_000),
        st.booleans(),
        HOSTILE_TEXT,
    ),
)


def _csv_field(value: str, quote: bool) -> str:
    return '"' + value.replace('"', '""') + '"' if quote else value


CSV_FIELD = st.one_of(
    HOSTILE_TEXT,
    st.just('unbalanced "quote'),
    st.just('"opened and never closed'),
    st.just("x" * 70_000),  # a huge field
    st.text(alphabet=',"\n\r\t', max_size=10),
)
CSV_ROW = st.lists(st.tuples(CSV_FIELD, st.booleans()), min_size=0, max_size=6).map(
    lambda fields: ",".join(_csv_field(value, quote) for value, quote in fields)
)
CSV_DOCUMENT = st.tuples(
    st.sampled_from(["id,title,text", "text", "title,text,url", "id;text", "", "\ufefftext,id"]),
    st.lists(CSV_ROW, max_size=8),
    st.sampled_from(["\n", "\r\n", "\r"]),
).map(lambda parts: parts[2].join([parts[0], *parts[1]]))

JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), HOSTILE_TEXT),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)
JSONL_LINE = st.one_of(
    st.fixed_dictionaries(
        {"text": st.one_of(HOSTILE_TEXT, JSON_VALUE)},
        optional={
            "id": JSON_VALUE,
            "title": st.one_of(HOSTILE_TEXT, JSON_VALUE),
            "url": JSON_VALUE,
        },
    ).map(lambda obj: json.dumps(obj, ensure_ascii=True)),  # escapes lone surrogates as \udXXX
    JSON_VALUE.map(json.dumps),
    st.sampled_from(
        ['{"text": "unterminated', "{", "[1, 2", "not json", '{"text": "\\ud800"}', ""]
    ),
    st.binary(max_size=40).map(lambda data: data.decode("latin-1")),
)
JSONL_DOCUMENT = st.lists(JSONL_LINE, max_size=8).map(
    lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")
)


def csv_bytes(document: str) -> bytes:
    """A CSV document as bytes (lone surrogates are written as the bytes a bad encoder makes)."""
    return document.encode("utf-8", "surrogatepass")


@cache
def report_validator() -> jsonschema.protocols.Validator:
    """A validator for the report's published JSON schema."""
    schema = Report.model_json_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def _spans(report: Report) -> list[tuple[int, int, str, str]]:
    """Every (start, end, quoted text, where) that points into the report text."""
    found = [(s.start, s.end, s.quote, f"signal {s.detector}") for s in report.signals]
    for claim in report.claims:
        found.append((claim.start, claim.end, claim.text, "claim"))
        found += [(e.start, e.end, e.text, "claim entity") for e in claim.entities]
    if report.reliability is not None:
        for feature in report.reliability.top_features:
            found += [(s.start, s.end, s.quote, f"feature {feature.name}") for s in feature.spans]
    for outlet in report.outlets:
        found += [(s.start, s.end, s.quote, f"outlet {outlet.outlet}") for s in outlet.citations]
    return found


# What the text of a report never holds: controls other than a line break (ESC, CSI and OSC
# drive terminals) and direction embeddings and overrides (they reverse what follows them).
_UNSAFE_IN_TEXT = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]")


def check_report(report: Report, *, render: bool = True) -> None:
    """Assert the report invariants: spans quote the text, schema-valid JSON, inert HTML, no
    control character or direction override in the text."""
    text = report.text
    unsafe = _UNSAFE_IN_TEXT.search(text)
    assert unsafe is None, f"the text holds {unsafe.group()!r} at {unsafe.start()}"
    assert 0 <= report.body_start <= len(text)
    if report.title:
        assert text.startswith(report.title)
    for start, end, quote, where in _spans(report):
        assert 0 <= start < end <= len(text), f"{where} span {start}:{end} outside the text"
        assert text[start:end] == quote, f"{where} span {start}:{end} does not quote the text"
    data = json.loads(report.model_dump_json().encode("utf-8"))
    errors = sorted(report_validator().iter_errors(data), key=lambda e: list(e.path))
    assert not errors, f"report is not valid against its JSON schema: {errors[0].message}"
    if render:
        from veracity.report.html import render_html

        violations = active_content(render_html(report))
        assert not violations, violations


_DANGEROUS_URL = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcdoc", "poster", "data"}
_ACTIVE_TAGS = {"script", "iframe", "frame", "object", "embed", "applet", "base", "form"}


def active_content(page: str, parse=lxml.html.document_fromstring) -> list[str]:
    """What in ``page`` could run or navigate: script-like elements, ``on*`` handlers,
    ``javascript:``/``data:`` URLs, meta refresh. Empty for an inert page."""
    tree = parse(page)
    found = []
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        local = tag.rsplit("}", 1)[-1].lower()
        if local in _ACTIVE_TAGS:
            found.append(f"<{local}> element")
        if local == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            found.append("meta refresh")
        for name, value in element.attrib.items():
            attribute = name.rsplit("}", 1)[-1].lower()
            if attribute.startswith("on"):
                found.append(f"<{local} {attribute}=...> handler")
            stripped = re.sub(r"[\x00-\x20]", "", value)
            if attribute in _URL_ATTRIBUTES and _DANGEROUS_URL.match(stripped):
                found.append(f"<{local} {attribute}={value[:40]!r}>")
    return found


def parse_with_html5lib(page: str):
    """Parse as a browser does (WHATWG algorithm), into an lxml tree."""
    import html5lib

    return html5lib.parse(page, treebuilder="lxml", namespaceHTMLElements=False).getroot()


def rows_of(data: bytes, suffix: str, folder: Path) -> list[dict[str, Any]]:
    """Read an input file of batch rows and analyse each one on the fast path."""
    from veracity.batch.analysis import analyse_record
    from veracity.batch.readers import InputSpec, read_records

    path = folder / f"input{suffix}"
    path.write_bytes(data)
    records = list(read_records(InputSpec.for_path(path)))
    assert [r.index for r in records] == list(range(len(records)))
    rows = []
    for record in records:
        assert record.error is not None or record.text or record.raw
        row = analyse_record(record, "fast").record()
        assert row["index"] == record.index
        # Every row must be writable as UTF-8 JSON, the batch's output format.
        json.dumps(row, ensure_ascii=False).encode("utf-8")
        rows.append(row)
    return rows


def pipes_and_loops(folder: Path, text: str) -> list[Path]:
    """``folder`` made to hold a document (``a.txt``, ``text``), a pipe named like one
    (``b.txt``), a link to a pipe beside it (``c.txt`` to ``pipe``) and a link to itself
    (``loop.txt``); its pipes, for :func:`without_waiting_on_pipes`."""
    import os

    folder.mkdir()
    (folder / "a.txt").write_text(text)
    os.mkfifo(folder / "b.txt")
    os.mkfifo(folder / "pipe")
    (folder / "c.txt").symlink_to("pipe")
    (folder / "loop.txt").symlink_to("loop.txt")
    return [folder / "b.txt", folder / "pipe"]


def without_waiting_on_pipes(read, pipes: list[Path], seconds: float = 20.0):
    """``read()``'s result, or a failed test when it is still running after ``seconds``: then
    each of ``pipes`` is opened for writing until ``read`` ends (a reader waiting on a pipe
    then reads its end), so that a regression fails the test rather than hanging it."""
    import contextlib
    import os
    import threading

    import pytest

    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = read()
        except BaseException as exc:  # raised again in the test's thread
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        while thread.is_alive():
            for pipe in pipes:
                with contextlib.suppress(OSError):  # non-blocking: fails unless a reader waits
                    os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
            thread.join(0.1)
        pytest.fail(f"still reading after {seconds:.0f} s: waited on a pipe")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


class SwapsAfterHashing:
    """Stands for ``hashlib`` in the module that checks a file's digest, and puts
    ``replacement`` (bytes) at ``path`` as soon as the bytes there have been hashed: a swap
    between a file's check and its load, made certain rather than raced for. It swaps once,
    when the bytes hashed (or the file handle read) are ``path``'s: given at once
    (``sha256(data)``, ``file_digest``) or a block at a time (``sha256()`` then ``update``), when
    the digest is asked for."""

    def __init__(self, path: Path, replacement: bytes) -> None:
        import hashlib

        self._hashlib = hashlib
        self._path = path
        self._original = path.read_bytes()
        self._inode = path.stat().st_ino
        self._replacement = replacement
        self.swapped = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._hashlib, name)

    def _swap(self) -> None:
        if not self.swapped:
            partial = self._path.with_name(self._path.name + ".swap")
            partial.write_bytes(self._replacement)
            partial.replace(self._path)
            self.swapped = True

    def sha256(self, data: bytes = b"", **kwargs: Any) -> Any:
        digest = self._hashlib.sha256(data, **kwargs)
        if data and bytes(data) == self._original:
            self._swap()
            return digest
        return _SwapsWhenRead(digest, self)

    def file_digest(self, handle: Any, name: str) -> Any:
        digest = self._hashlib.file_digest(handle, name)
        import os

        if os.fstat(handle.fileno()).st_ino == self._inode:
            self._swap()
        return digest


class _SwapsWhenRead:
    """A SHA-256 fed a block at a time: when its digest is read and it is that of the file
    :class:`SwapsAfterHashing` watches, the file is swapped (the hashing has ended)."""

    def __init__(self, digest: Any, swaps: SwapsAfterHashing) -> None:
        self._digest = digest
        self._swaps = swaps

    def update(self, data: Any) -> None:
        self._digest.update(data)

    def _ended(self) -> None:
        import hashlib

        if self._digest.digest() == hashlib.sha256(self._swaps._original).digest():
            self._swaps._swap()

    def hexdigest(self) -> str:
        self._ended()
        return str(self._digest.hexdigest())

    def digest(self) -> bytes:
        self._ended()
        return bytes(self._digest.digest())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._digest, name)
