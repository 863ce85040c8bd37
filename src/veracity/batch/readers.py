"""Streaming readers: turn a corpus file or folder into numbered input records, one at a time.

Every format yields :class:`InputRecord` in a stable order (file order; sorted paths for a
folder) and never holds the whole input in memory. A row that cannot be read (a broken CSV
row, bytes that do not decode, a line that is not JSON, an empty text) still yields a record,
with ``error`` set, so that it reaches the output and the summary instead of stopping the batch.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import itertools
import json
import os
import re
import stat
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Literal, cast

from veracity.errors import InputError, SourceNotFoundError
from veracity.ingest.ids import shown_id
from veracity.ingest.lines import CappedLines, max_line_length
from veracity.ingest.urls import is_web_address
from veracity.settings import get_settings

InputFormat = Literal["csv", "tsv", "jsonl", "parquet", "dir"]

# Conventional names, matched whatever their case, spaces, underscores and hyphens ("Article
# Body", "article_body" and schema.org's "articleBody" are one name); news-please writes
# "maintext", "date_publish" and "source_domain".
TEXT_COLUMNS = (
    "text",
    "content",
    "body",
    "article",
    "article_text",
    "full_text",
    "story",
    "article_body",
    "body_text",
    "main_text",
)
TITLE_COLUMNS = ("title", "headline", "heading", "subject")
ID_COLUMNS = ("id", "article_id", "doc_id", "uid", "guid", "uuid", "key")
URL_COLUMNS = ("url", "link", "source_url", "article_url", "href")
PUBLISHER_COLUMNS = (
    "publisher",
    "source",
    "outlet",
    "site",
    "site_name",
    "portal",
    "domain",
    "source_domain",
)
DATE_COLUMNS = (
    "date",
    "published",
    "publish_date",
    "published_at",
    "pubdate",
    "timestamp",
    "date_publish",
    "date_published",
)
_NAME_SEPARATORS = re.compile(r"[\s_\-]+")


def _column_key(name: str) -> str:
    """A column name as the conventional names are matched: lower case, no spaces, underscores
    or hyphens."""
    return _NAME_SEPARATORS.sub("", name.strip().lower())


DOCUMENT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".shtml")
_HTML_SUFFIXES = frozenset(DOCUMENT_SUFFIXES[2:])  # as ingest.html.HTML_EXTENSIONS
# A browser's "Web page, complete" saves the page's pieces beside it, in "<page>_files": its
# frames (ads, embedded posts, saved_resource.html), scripts and pictures, none an article.
_SAVED_PAGE_PIECES = "_files"
_PARQUET_BATCH_ROWS = 1024
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


_URL_WITHOUT_TEXT = "empty text (batch analyses the text column; it does not fetch URLs)"
_SHOWN_CELL = 80  # characters of a bad url cell that its note quotes


@dataclass(frozen=True, slots=True)
class InputRecord:
    """One input row: its position in the input, its id and its raw fields (or why it failed)."""

    index: int
    # the input's id; the index where the input has no ids; None for a row of an input with
    # ids that has none or could not be read (any index might be another row's id)
    id: str | None
    text: str | None = None
    title: str | None = None
    url: str | None = None
    raw: bytes | None = None  # a folder document's bytes, decoded by the analysis step
    html: bool = False
    error: str | None = None
    publisher: str | None = None  # read for --corroborate only; never makes a row fail
    published: str | None = None
    notes: tuple[str, ...] = ()  # about the input row (a url cell that is no address)
    id_is_index: bool = False  # the id is the index (the input has no ids): renumbered with it


@dataclass(frozen=True)
class ColumnMap:
    """Which input columns hold the text, title, id and URL (None: absent)."""

    text: str
    title: str | None = None
    id: str | None = None
    url: str | None = None
    publisher: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class InputSpec:
    """What to read and how: the path, its format, column names (None: detect) and encoding."""

    path: Path
    format: InputFormat
    text_col: str | None = None
    title_col: str | None = None
    id_col: str | None = None
    url_col: str | None = None
    encoding: str = "utf-8"
    publisher_col: str | None = None
    date_col: str | None = None

    @classmethod
    def for_path(
        cls,
        path: str | Path,
        *,
        format: InputFormat | None = None,
        text_col: str | None = None,
        title_col: str | None = None,
        id_col: str | None = None,
        url_col: str | None = None,
        encoding: str = "utf-8",
        publisher_col: str | None = None,
        date_col: str | None = None,
    ) -> InputSpec:
        """A spec for ``path``, its format guessed from the suffix unless given."""
        path = Path(path)
        if not path.exists():
            raise SourceNotFoundError(f"no such file or folder: {path}")
        if not (path.is_file() or path.is_dir()):  # a FIFO or /dev/zero: the count never ends
            raise InputError(
                f"{path} is not a regular file or folder (a pipe or a device); batch reads its "
                "input twice (to count, then to analyse): save it to a file first"
            )
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown text encoding {encoding!r}") from None
        try:  # a codec of bytes to bytes (base64, rot13), or "undefined", which decodes nothing
            b"a".decode(encoding)
        except UnicodeDecodeError:
            pass  # one byte is no character in UTF-16 or UTF-32: still text encodings
        except (LookupError, UnicodeError):
            raise InputError(
                f"{encoding!r} is no text encoding; name one (utf-8, cp1252, ...)"
            ) from None
        return cls(
            path=path,
            format=format or guess_format(path),
            text_col=text_col,
            title_col=title_col,
            id_col=id_col,
            url_col=url_col,
            encoding=encoding,
            publisher_col=publisher_col,
            date_col=date_col,
        )


def guess_format(path: Path) -> InputFormat:
    """The input format from a path: a folder, or the suffix (``.gz`` is looked through)."""
    if path.is_dir():
        return "dir"
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    suffix = suffixes[-1] if suffixes else ""
    formats: dict[str, InputFormat] = {
        ".csv": "csv",
        ".tsv": "tsv",
        ".tab": "tsv",
        ".jsonl": "jsonl",
        ".ndjson": "jsonl",
        ".json": "jsonl",
        ".parquet": "parquet",
        ".pq": "parquet",
    }
    if suffix not in formats:
        raise InputError(
            f"cannot tell the format of {path.name}: expected .csv, .tsv, .jsonl, .parquet "
            "(optionally .gz) or a folder of .txt/.html files"
        )
    return formats[suffix]


def resolve_columns(spec: InputSpec, available: list[str]) -> ColumnMap:
    """Match the requested (or conventional) column names against the input's columns."""
    by_lower = {name.strip().lower(): name for name in available}
    by_key: dict[str, str] = {}
    for name in available:  # the first of two columns with one key ("Text" and "text")
        by_key.setdefault(_column_key(name), name)

    def pick(requested: str | None, conventional: tuple[str, ...], role: str) -> str | None:
        if requested is not None:
            if requested in available:
                return requested
            if requested.lower() in by_lower:
                return by_lower[requested.lower()]
            raise InputError(
                f"--{role}-col {requested!r} is not a column of {spec.path.name} "
                f"(columns: {', '.join(available[:30]) or 'none'})"
            )
        keys = (_column_key(name) for name in conventional)
        return next((by_key[key] for key in keys if key in by_key), None)

    text = pick(spec.text_col, TEXT_COLUMNS, "text")
    if text is None:
        raise InputError(
            f"no text column found in {spec.path.name} (columns: "
            f"{', '.join(available[:30]) or 'none'}); name it with --text-col"
        )
    return ColumnMap(
        text=text,
        title=pick(spec.title_col, TITLE_COLUMNS, "title"),
        id=pick(spec.id_col, ID_COLUMNS, "id"),
        url=pick(spec.url_col, URL_COLUMNS, "url"),
        publisher=pick(spec.publisher_col, PUBLISHER_COLUMNS, "publisher"),
        date=pick(spec.date_col, DATE_COLUMNS, "date"),
    )


def read_records(spec: InputSpec) -> Iterator[InputRecord]:
    """Every record of the input, in order, streamed."""
    readers = {
        "csv": _read_delimited,
        "tsv": _read_delimited,
        "jsonl": _read_jsonl,
        "parquet": _read_parquet,
        "dir": _read_folder,
    }
    try:
        yield from _joining_runs_of_errors(readers[spec.format](spec))
    except (OSError, EOFError, zlib.error) as exc:  # truncated gzip, disk errors mid-file
        raise InputError(f"cannot read {spec.path.name}: {exc}") from exc


def count_records(spec: InputSpec) -> int:
    """How many records :func:`read_records` will yield (a pass that analyses nothing; it
    reads every row, as a run of rows that cannot be read is one record)."""
    if spec.format != "jsonl":
        return sum(1 for _ in read_records(spec))
    try:
        return sum(1 for _ in _joining_runs_of_errors(_read_jsonl(spec, counting=True)))
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"cannot read {spec.path.name}: {exc}") from exc


# Numbers standing alone ("line 12", "1,048,576 bytes", "0x1f"), not digits inside a name such
# as UTF-8, UTF-16 or mp3; a range of them ("lines 3-5") is one number.
_NUMBERS = re.compile(r"(?<![\w-])(?:0x[0-9a-f]+|\d[\d,]*(?:-\d[\d,]*)?)(?![\w-])")


def error_reason(error: str) -> str:
    """An error message without its row-specific numbers, to count errors by kind."""
    return _NUMBERS.sub("N", error)[:100]


# An input of one bad line over and over made as many error rows: a 2 KB .jsonl.gz of
# 1,000,000 lines of "x" wrote 1,000,000 of them, a 425 MB results file. Rows that cannot be
# analysed and are alike but for their place (the same id, or none of the input's own, title,
# url and notes; any errors) are one row when they come one after another, its error saying
# how many rows it stands for and why: every input row is still accounted for, and the output
# grows with what the input says, not with how well it compresses.
_EACH_ERROR_SHOWN = 3  # a run of at most this many rows gives each row's error
_KINDS_SHOWN = 3
_KINDS_KEPT = 32
_SHOWN_ERROR = 200  # characters of one row's error in a run's


def _joining_runs_of_errors(records: Iterator[InputRecord]) -> Iterator[InputRecord]:
    """The records numbered again from 0, each run of error rows alike but for their place
    one record."""
    index = 0
    run: _ErrorRun | None = None
    for record in records:
        key = _run_key(record)
        if run is not None and key is not None and key == run.key:
            run.add(record)
            continue
        if run is not None:
            yield run.record(index)
            index += 1
            run = None
        if key is not None:
            run = _ErrorRun(key, record)
            continue
        yield _renumbered(record, index)
        index += 1
    if run is not None:
        yield run.record(index)


def _run_key(record: InputRecord) -> tuple[object, ...] | None:
    """What an error row says besides its error (None: no error row), to tell a run's rows."""
    if record.error is None:
        return None
    return (
        None if record.id_is_index else record.id,
        record.title,
        record.url,
        record.notes,
    )


def _renumbered(record: InputRecord, index: int) -> InputRecord:
    if record.index == index:
        return record
    ident = str(index) if record.id_is_index else record.id
    return replace(record, index=index, id=ident)


class _ErrorRun:
    """Consecutive error rows alike but for their place: how many, and their errors by kind."""

    def __init__(self, key: tuple[object, ...], first: InputRecord) -> None:
        self.key = key
        self.first = first
        self.count = 0
        self.errors: list[str] = []  # the first few rows' errors
        self.last = ""
        self.kinds: dict[str, list[int | str]] = {}  # kind: [rows, the first row's error]
        self.other_kinds = 0  # rows of kinds past _KINDS_KEPT
        self.add(first)

    def add(self, record: InputRecord) -> None:
        error = _shown_error(record.error or "")
        self.count += 1
        self.last = error
        if len(self.errors) < _EACH_ERROR_SHOWN:
            self.errors.append(error)
        kind = self.kinds.get(error_reason(error))
        if kind is not None:
            kind[0] = cast(int, kind[0]) + 1
        elif len(self.kinds) < _KINDS_KEPT:
            self.kinds[error_reason(error)] = [1, error]
        else:
            self.other_kinds += 1

    def record(self, index: int) -> InputRecord:
        if self.count == 1:
            return _renumbered(self.first, index)
        return replace(_renumbered(self.first, index), error=self._error())

    def _error(self) -> str:
        said = f"{self.count:,} consecutive rows not analysed"
        if self.count <= _EACH_ERROR_SHOWN:
            return f"{said}: {'; '.join(dict.fromkeys(self.errors))}"
        if len(self.kinds) == 1 and not self.other_kinds:
            if self.errors[0] == self.last:
                return f"{said}: {self.last}"
            return (
                f"{said}, each for the same reason: the first {self.errors[0]!r}, "
                f"the last {self.last!r}"
            )
        kinds = sorted(self.kinds.values(), key=lambda kind: -cast(int, kind[0]))
        shown = [f"{cast(int, rows):,} like {first!r}" for rows, first in kinds[:_KINDS_SHOWN]]
        rest = sum(cast(int, rows) for rows, _ in kinds[_KINDS_SHOWN:]) + self.other_kinds
        if rest:
            shown.append(f"{rest:,} of other kinds")
        return f"{said}: {', '.join(shown)}; the last {self.last!r}"


def _shown_error(error: str) -> str:
    return error if len(error) <= _SHOWN_ERROR else error[: _SHOWN_ERROR - 3] + "..."


def _open_binary(path: Path) -> IO[bytes]:
    try:
        stream: IO[bytes] = path.open("rb")
        if path.suffix.lower() == ".gz":
            return gzip.open(stream)  # type: ignore[return-value]
        return stream
    except OSError as exc:
        raise SourceNotFoundError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _over_long(line_number: int, limit: int) -> str:
    return f"line {line_number} is longer than {limit:,} bytes (the line limit); skipped"


def _raise_field_size_limit() -> None:
    """Let a CSV field be as long as the largest article we accept, and no longer."""
    csv.field_size_limit(get_settings().max_input_bytes)


# Bytes that did not decode, as Python's surrogateescape handler leaves them.
_UNDECODABLE = re.compile("[\udc80-\udcff]")


def _clean_field(value: str | None) -> tuple[str | None, str | None]:
    """A field's text and, if its bytes did not decode, the reason."""
    if value is None:
        return None, None
    bad = _UNDECODABLE.search(value)  # one regex pass: a Python loop cost ~1 ms per article
    if bad is not None:
        return None, f"undecodable byte 0x{ord(bad.group()) - 0xDC00:02x} (wrong --encoding?)"
    return value, None


def _make_record(
    index: int,
    fields: dict[str, str | None],
    columns: ColumnMap,
) -> InputRecord:
    """A record from one row's fields, with an error if the row cannot be analysed."""
    raw_id = fields.get(columns.id) if columns.id else None
    stripped = str(raw_id).strip() if raw_id is not None else ""
    record_id = shown_id(stripped) if stripped else None if columns.id else str(index)
    positional = columns.id is None
    errors = []
    values: dict[str, str | None] = {}
    for role in ("text", "title", "url"):
        column = getattr(columns, role)
        raw = fields.get(column) if column else None
        if raw is not None and not isinstance(raw, str):
            raw = str(raw)
        value, error = _clean_field(raw)
        values[role] = value.strip() if value and value.strip() else None
        if error:
            errors.append(f"{role}: {error}")
    if errors:
        return InputRecord(index, record_id, error="; ".join(errors), id_is_index=positional)
    notes: tuple[str, ...] = ()
    if values["url"] is not None and not is_web_address(values["url"]):
        # the row is analysed all the same, with no address and no domain made of the cell
        shown = " ".join(values["url"].split())
        shown = shown if len(shown) <= _SHOWN_CELL else shown[: _SHOWN_CELL - 3] + "..."
        notes = (f"url {_printable(shown)!r} is not a web address: the row has no url or domain",)
        values["url"] = None
    if values["text"] is None:
        return InputRecord(
            index,
            record_id,
            title=values["title"],
            url=values["url"],  # kept, so that the error row says which article it was
            error="empty text" if values["url"] is None else _URL_WITHOUT_TEXT,
            notes=notes,
            id_is_index=positional,
        )
    return InputRecord(
        index,
        record_id,
        text=values["text"],
        title=values["title"],
        url=values["url"],
        publisher=_optional_field(fields, columns.publisher),
        published=_optional_field(fields, columns.date),
        notes=notes,
        id_is_index=positional,
    )


def _optional_field(fields: dict[str, str | None], column: str | None) -> str | None:
    """A metadata field, or None when absent, empty or undecodable (it fails no row)."""
    raw = fields.get(column) if column else None
    if raw is None:
        return None
    value, error = _clean_field(raw if isinstance(raw, str) else str(raw))
    return value.strip() if value and value.strip() and error is None else None


def _printable(value: str) -> str:
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


def _read_delimited(spec: InputSpec) -> Iterator[InputRecord]:
    try:
        yield from _read_delimited_text(spec)
    except UnicodeError as exc:  # bad bytes are escaped: a decoder that gives up entirely
        raise InputError(
            f"cannot read {spec.path.name} as {spec.encoding}: {exc} (a UTF-16 or UTF-32 file "
            "without a byte order mark: name its byte order, e.g. --encoding utf-16-le)"
        ) from None


def _read_delimited_text(spec: InputSpec) -> Iterator[InputRecord]:
    _raise_field_size_limit()
    delimiter = "\t" if spec.format == "tsv" else ","
    with (
        _open_binary(spec.path) as binary,
        io.TextIOWrapper(
            binary, encoding=spec.encoding, errors="surrogateescape", newline=""
        ) as stream,
    ):
        lines = CappedLines(stream, max_line_length())
        source: Iterator[str | None] = iter(lines)  # None: an over-long line, skipped
        leading: list[str | None] = []  # up to the header line, read ahead to tell the delimiter
        for text in source:
            leading.append(text)
            if text is not None and text.strip():
                break
        if spec.format == "csv" and leading and _semicolon_separated(leading[-1] or ""):
            delimiter = ";"
        source = itertools.chain(leading, source)
        # the header is read by a reader of its own; csv readers read no line ahead, so the
        # records' reader below starts on the line after it
        header_reader = csv.reader(("" if t is None else t for t in source), delimiter=delimiter)
        try:
            header = next(header_reader)
            while not header:  # blank lines before the header
                header = next(header_reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"cannot read the header of {spec.path.name}: {exc}") from exc
        header = [_clean_field(name)[0] or f"column_{i}" for i, name in enumerate(header)]
        header[0] = header[0].lstrip("\ufeff")
        columns = resolve_columns(spec, header)
        shape = _Shape(
            delimiter,
            len(header),
            header.index(columns.id) if columns.id else None,
            lines.limit,
        )
        pieces = _delimited_records(source, shape, header_reader.line_num, "the end of the file")
        for index, (ident, row, error, notes) in enumerate(pieces):
            if error is not None or row is None:
                # a row read in no part has no id: its index, when the input has no ids at
                # all, cannot be another row's; where it has ids, any number might be one
                positional = ident is None and columns.id is None
                if positional:
                    ident = str(index)
                yield InputRecord(
                    index, ident, error=error or "unreadable row", id_is_index=positional
                )
                continue
            record = _make_record(index, dict(zip(header, row, strict=True)), columns)
            yield replace(record, notes=(*record.notes, *notes)) if notes else record


@dataclass(frozen=True)
class _Shape:
    """What reading the records of a delimited input needs to know of it."""

    delimiter: str
    width: int  # the header's fields
    id_position: int | None
    line_limit: int


# One record of a delimited input: its id (None: not read), its fields (None: an error row),
# the error and notes.
_Piece = tuple[str | None, list[str] | None, str | None, tuple[str, ...]]


def _delimited_records(
    source: Iterator[str | None], shape: _Shape, offset: int, end: str
) -> Iterator[_Piece]:
    """The records of ``source``, whose first line is line ``offset + 1`` of the input and whose
    last is ``end`` ("the end of the file", or "line 12" for lines re-read after a quote left
    open).

    A record a quote left open ran over several lines is an error, and reading goes on at the
    next of its lines that is a record by itself; the lines before it (the open quote's) are
    the error row.
    """
    # The lines of the record being read, and whether the input ended inside it: a quote left
    # open takes every later line into its field, and at the end of the input the csv module
    # closes the field and gives the record with no error.
    record_lines: list[str | None] = []
    ended = False

    def recorded() -> Iterator[str]:
        nonlocal ended
        for text in source:
            record_lines.append(text)
            # an over-long line reaches the csv module as an empty line (ending any quoted
            # field there); the record it belonged to becomes an error row below
            yield "" if text is None else text
        ended = True

    reader = csv.reader(recorded(), delimiter=shape.delimiter)
    while True:
        line = offset + reader.line_num + 1
        record_lines.clear()
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield None, None, f"CSV parse error at line {line}: {exc}", ()
            continue
        last = offset + reader.line_num
        if None in record_lines:
            yield None, None, _over_long(line, shape.line_limit), ()
            continue
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        ident = _id_of(row, shape.id_position)
        broken = None
        one_record = True  # read as one record of the header's width (else: of another)
        if last > line:
            texts = cast(list[str], record_lines)
            if ended and sum(t.count('"') for t in texts) % 2:
                # an odd number of quotes over lines that ran to the end: never closed
                broken = f"a quoted field runs from line {line} to {end}"
            elif len(row) == shape.width:
                # read leniently, text after a closing quote joins the field: a quote
                # left open that a later field's quote closes takes the rows between
                broken = _quote_closed_mid_field(texts, shape.delimiter)
            elif any("\n" in field or "\r" in field for field in row):
                one_record = False
                broken = (
                    f"a quoted field runs over {last - line + 1} lines, giving {len(row)} "
                    f"fields for the header's {shape.width}"
                )
        if broken:
            texts = cast(list[str], record_lines)
            plain = _plain_rows(texts, shape.width) if shape.delimiter == "\t" else None
            if plain is not None:
                # tab-separated text seldom quotes: each line is its row, quotes and all
                note = (
                    f"lines {line}-{last} read as plain lines, quotes as text: read "
                    f"as quoted CSV they were one record ({broken})"
                )
                for fields in plain:
                    yield _id_of(fields, shape.id_position), fields, None, (note,)
                continue
            ident = _leading_id(texts[0], shape)
            resume = _next_record_start(texts, shape)
            if resume is not None:
                span = f"line {line}" if resume == 1 else f"lines {line}-{line + resume - 1}"
                yield (
                    ident,
                    None,
                    f"{span} not read ({broken}: is a quote left open?); reading goes on at "
                    f"line {line + resume}",
                    (),
                )
                rest = iter(texts[resume:])
                yield from _delimited_records(
                    rest, shape, line + resume - 1, end if ended else f"line {last}"
                )
                continue
            if one_record:
                error = (
                    f"lines {line}-{last} ({broken}: is a quote left open?) are one record, "
                    f"not {last - line + 1} rows"
                )
                yield ident, None, error, ()
                continue
        if len(row) != shape.width:
            where = _where(line, last, row)
            error = f"{where} has {len(row)} fields, the header has {shape.width}"
            yield ident, None, error, ()
        else:
            yield ident, row, None, ()


def _id_of(row: list[str], position: int | None) -> str | None:
    """A row's id cell, or None (no id column, a short row, an empty cell)."""
    if position is None or position >= len(row) or not row[position].strip():
        return None
    return shown_id(row[position].strip())


def _leading_id(first_line: str, shape: _Shape) -> str | None:
    """The id of a record a quote left open, when it comes before the field that the quote
    opens on the record's first line (after it, any later line's text might be read as one)."""
    fields = next(csv.reader([first_line], delimiter=shape.delimiter), [])
    return _id_of(fields[:-1], shape.id_position)


def _next_record_start(lines: list[str], shape: _Shape) -> int | None:
    """The first of ``lines`` after the first that starts a record: one that is a record by
    itself (the header's number of fields, well-formed CSV), or one that begins as a record
    does and leaves a quote open itself (:func:`_opens_own_quote`: the next of two adjacent
    rows that each lost a closing quote), or None."""
    for position, text in enumerate(lines[1:], start=1):
        if not text.strip():
            continue
        try:
            rows = list(csv.reader([text], delimiter=shape.delimiter, strict=True))
        except csv.Error:
            if _opens_own_quote(text, shape):
                return position
            continue
        if len(rows) == 1 and len(rows[0]) == shape.width:
            return position
    return None


def _opens_own_quote(text: str, shape: _Shape) -> bool:
    """Whether ``text``, one line read alone, begins as a record does (a field, then a quoted
    one) and is broken by a quote of its own (one left open, or closed inside a field): a row
    of its own that lost a quote, not the rest of another row's field (a quote inside a
    field's text is no opening quote)."""
    try:
        list(csv.reader([text], delimiter=shape.delimiter, strict=True))
    except csv.Error:
        pass
    else:
        return False
    before = text[: text.find('"')].rstrip(" ")
    return before.endswith(shape.delimiter) and bool(before.split(shape.delimiter)[0].strip())


def _plain_rows(lines: list[str], fields: int) -> list[list[str]] | None:
    """Each of ``lines`` split at tabs with quotes as text, when every one gives ``fields``
    fields; else None."""
    rows = [
        next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE), [])
        for line in lines
        if line.strip()
    ]
    return rows if rows and all(len(row) == fields for row in rows) else None


def _quote_closed_mid_field(lines: list[str], delimiter: str) -> str | None:
    """Why a record over several lines is not well-formed CSV (text after a quote that closes a
    field, as when a quote left open is closed by a later field's opening quote), or None."""
    try:
        for _ in csv.reader(lines, delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        said = str(exc).replace("'\t'", "a tab")  # "'\t' expected after '\"'"
        return f"a quoted field runs over {len(lines)} lines and then {said}"
    return None


def _where(first: int, last: int, row: list[str]) -> str:
    """The input lines a broken record took: one line, or the lines a quoted field ran over (a
    quote left open takes the next lines into the record, so they give no rows of their own)."""
    if last > first and any("\n" in field or "\r" in field for field in row):
        return (
            f"lines {first}-{last} (a quoted field runs over {last - first + 1} lines: "
            "is a quote left open?)"
        )
    return f"line {first}"


def _semicolon_separated(header: str) -> bool:
    """Whether a CSV header line separates its names with semicolons (spreadsheets save CSV so
    where the decimal mark is a comma): some semicolon and no comma."""
    return ";" in header and "," not in header


def _read_jsonl(spec: InputSpec, counting: bool = False) -> Iterator[InputRecord]:
    """The records of a JSON-lines input; ``counting``: a row that will be analysed is a bare
    record (a count needs only which rows are errors and what error rows say)."""
    columns: ColumnMap | None = None
    wanted: tuple[str, ...] | None = None
    index = 0
    with _open_binary(spec.path) as stream:
        lines = CappedLines(stream, max_line_length())
        for line in lines:
            line_number = lines.line_number
            if line is None:
                yield _unread(index, columns, _over_long(line_number, lines.limit))
                index += 1
                continue
            assert isinstance(line, bytes)
            if not line.strip():
                continue
            obj: object = None
            try:
                decoded = line.decode(spec.encoding)
                if line_number == 1:  # a byte order mark, as Windows editors save UTF-8
                    decoded = decoded.removeprefix("\ufeff")
                # without its line break: a line cut short inside a string is "Unterminated
                # string", not an "Invalid control character" (the break read as in the string)
                obj = json.loads(decoded.rstrip("\r\n"))
                error = (
                    None if isinstance(obj, dict) else f"line {line_number} is not a JSON object"
                )
            except UnicodeDecodeError as exc:
                error = f"line {line_number}: undecodable byte 0x{line[exc.start]:02x} (wrong --encoding?)"
            except (ValueError, RecursionError) as exc:  # RecursionError: nested too deeply
                error = f"line {line_number} is not valid JSON: {exc}"
            if not isinstance(obj, dict):
                yield _unread(index, columns, error)
            elif counting and columns is not None and _has_text(obj.get(columns.text)):
                yield InputRecord(index, None)  # analysed, not an error: all a count needs
            elif wanted is not None:  # only the columns read: every row is read twice
                fields = {name: _as_text(obj[name]) for name in wanted if name in obj}
                yield _make_record(index, fields, cast(ColumnMap, columns))
            else:
                # a JSON object's keys are strings, so their text is never None
                fields = {cast(str, _as_text(key)): _as_text(value) for key, value in obj.items()}
                if columns is None:
                    columns = resolve_columns(spec, list(fields))
                    wanted = _wanted(columns)
                yield _make_record(index, fields, columns)
            index += 1


def _has_text(value: object) -> bool:
    """Whether a JSON value is a text :func:`_make_record` analyses (a lone surrogate in it is
    replaced, never an undecodable byte: JSON lines fail on bad bytes whole)."""
    return isinstance(value, str) and not value.isspace() and bool(value)


def _wanted(columns: ColumnMap) -> tuple[str, ...] | None:
    """The columns a record is made of, or None where a name is no key as written (a lone
    surrogate in it was replaced when it was read)."""
    names = tuple(
        dict.fromkeys(
            name
            for name in (
                columns.text,
                columns.title,
                columns.id,
                columns.url,
                columns.publisher,
                columns.date,
            )
            if name
        )
    )
    return None if any("\ufffd" in name for name in names) else names


def _unread(index: int, columns: ColumnMap | None, error: str | None) -> InputRecord:
    """The record of a line not read. Its id is its index once the input is known to have no
    ids, else none (a line before the first object read might be in an input whose ids are
    numbers)."""
    positional = columns is not None and columns.id is None
    return InputRecord(
        index, str(index) if positional else None, error=error, id_is_index=positional
    )


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        text = json.dumps(value, ensure_ascii=False, default=str)  # Parquet: dates, decimals
    elif isinstance(value, bytes):  # a Parquet binary column: its text, not "b'...'"
        return value.decode("utf-8", "surrogateescape")  # bad bytes: an error row, below
    else:
        text = value if isinstance(value, str) else str(value)
    # JSON can spell a lone surrogate (a \ud800 escape); no UTF-8 output can hold it. Encoding
    # fails exactly on surrogates, and costs a fifth of the regular expression's scan.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", text)
    return text


def _parquet_file(path: Path):
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        raise InputError(f"{path.name} is not a readable Parquet file: {exc}") from exc


def _read_parquet(spec: InputSpec) -> Iterator[InputRecord]:
    parquet = _parquet_file(spec.path)
    columns = resolve_columns(spec, parquet.schema_arrow.names)
    wanted = list(
        dict.fromkeys(
            c
            for c in (
                columns.text,
                columns.title,
                columns.id,
                columns.url,
                columns.publisher,
                columns.date,
            )
            if c
        )
    )
    index = 0
    for batch in parquet.iter_batches(batch_size=_PARQUET_BATCH_ROWS, columns=wanted):
        for row in batch.to_pylist():
            fields = {key: _as_text(value) for key, value in row.items()}
            yield _make_record(index, fields, columns)
            index += 1


def _read_folder(spec: InputSpec) -> Iterator[InputRecord]:
    limit = get_settings().max_input_bytes
    root = spec.path.resolve()
    for index, path in enumerate(walk_documents(spec.path)):
        record_id = shown_id(path.relative_to(spec.path).as_posix())
        html = path.suffix.lower() in _HTML_SUFFIXES
        # A link may point anywhere (/etc/passwd): only files inside the folder are read.
        try:
            target = path.resolve()
        except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
            yield InputRecord(index, record_id, error="a link that leads to itself; not read")
            continue
        if not target.is_relative_to(root):
            yield InputRecord(
                index, record_id, error="a link to a file outside the input folder; not read"
            )
            continue
        try:
            # O_NOFOLLOW: a file swapped for a link after the check is not followed either;
            # O_NONBLOCK: nor is a pipe a link leads to waited on (it is no file: refused below)
            descriptor = os.open(target, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            with os.fdopen(descriptor, "rb") as stream:
                if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                    yield InputRecord(
                        index, record_id, error="not a regular file (a pipe or a device)"
                    )
                    continue
                data = stream.read(limit + 1)
        except OSError as exc:
            yield InputRecord(index, record_id, error=f"cannot read: {exc.strerror or exc}")
            continue
        if len(data) > limit:
            yield InputRecord(index, record_id, error=f"over the size limit of {limit:,} bytes")
        elif not data.strip():
            yield InputRecord(index, record_id, error="empty text")
        else:
            yield InputRecord(index, record_id, raw=data, html=html)


def walk_documents(root: Path, not_read: Counter[str] | None = None) -> Iterator[Path]:
    """Document files under ``root`` in sorted path order, one folder listing at a time.

    A saved page's folder of pieces (``page_files`` beside ``page.html``) is left out;
    ``not_read`` counts the other files left out, by suffix (``.pdf``, ``(none)``)."""
    try:
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError as exc:
        raise SourceNotFoundError(f"cannot list {root}: {exc.strerror or exc}") from exc
    pages = {
        name.rsplit(".", 1)[0]
        for entry in entries
        if (name := entry.name.lower()).endswith(tuple(_HTML_SUFFIXES))
    }
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            name = entry.name.lower()
            if name.endswith(_SAVED_PAGE_PIECES) and name[: -len(_SAVED_PAGE_PIECES)] in pages:
                continue
            yield from walk_documents(Path(entry.path), not_read)
        elif entry.name.lower().endswith(DOCUMENT_SUFFIXES):
            # A broken link (or one to a folder, or a loop of links) and a pipe or a device of
            # a document's name are yielded too: the reader makes each an error row, so that no
            # document of the folder is silently left out (nor a pipe waited on).
            yield Path(entry.path)
        elif not_read is not None:
            not_read[Path(entry.name).suffix.lower() or "(none)"] += 1
