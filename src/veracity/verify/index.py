"""An on-disk hybrid evidence index over a user's documents: BM25 + MiniLM, fused by RRF.

Documents are split into passages of two consecutive sentences; each passage is indexed by
bm25s (lexical) and by its MiniLM vector (dense). A query's two rankings are fused with
reciprocal-rank fusion. The index folder holds ``index.json`` and the folder of parts it names
(``parts-*``: ``passages.jsonl.gz``, ``vectors.npy`` (float16) and ``bm25/``).

A document's title (a JSON line's ``title``, an HTML page's headline) is kept with each of its
passages, and each passage's dense vector reads it first: a passage that never names what its
page is about ("The FDA issued an emergency authorization for use in coronavirus patients in
late March", on a page headlined "No evidence hydroxychloroquine treats coronavirus") is found
by a query that names it. A plain text's first line is no title here: on news pages it is as
often a deck or a photo caption, which pulled passages towards another reading (stop 44).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import secrets
import shlex
import shutil
import tempfile
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG
from typing import Any

import numpy as np

from veracity.artefacts import (
    DigestMismatch,
    digest_checked_bytes,
    file_sha256,
    read_regular_file,
    replaceable_by_others,
    written_by_others,
)
from veracity.errors import (
    InputError,
    InputTooLargeError,
    OutputError,
    SourceNotFoundError,
    unreadable,
)
from veracity.ingest.article import Article
from veracity.ingest.ids import UNSHOWABLE, shown_id
from veracity.ingest.lines import CappedLines, gzip_json_lines, max_line_length
from veracity.ingest.links import link_line_indices
from veracity.ingest.text import article_from_text, clean_characters
from veracity.nlp.document import load_pipeline
from veracity.verify.stance import split_sentences as stance_sentences

# "2": a paragraph's unpunctuated last line (a title) ends its sentence in a passage (8c060ca);
# an index of "1" holds the title glued onto the next sentence, as the stance models no longer read it.
# "3": the same passages, the parts in a folder of their own that index.json names, so a new index
# replaces the one before by one rename (EvidenceIndex.save); "2" (the parts beside index.json) is
# read as before, and code that reads only "2" says to rebuild rather than finding parts missing.
# "4": each passage keeps its document's title, and its vector reads the title first; the vectors
# of "3" and before were embedded without it, so those indexes are refused with a line asking to
# rebuild (their vectors cannot be mixed with new ones by --append either).
# "5": no sentence ends after a word spaCy's English tokenizer keeps whole with its period ("The
# U.S. Food and Drug Administration", "Dr. Elena Marsh": split_sentences), so passages move; an
# index of "4" holds such names cut across two passages and is refused with a line asking to
# rebuild.
INDEX_VERSION = "5"
READ_VERSIONS = ("5",)
# Why an index of an older version is refused, after the versions that differ in it.
_OLDER = (
    (("1", "2", "3"), "its passages were embedded without their documents' titles"),
    (("4",), "its passages were cut after abbreviations and initials: 'The U.S.' | 'Food and ...'"),
)
PARTS_PREFIX = "parts-"
_PARTS_NAME = re.compile(r"parts-[0-9a-f]{12}")
_PART_FILES = ("passages.jsonl.gz", "vectors.npy", "bm25")
SENTENCES_PER_PASSAGE = 2
RRF_K = 60
CANDIDATES = 50
DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm")


class EvidenceIndexError(InputError):
    """An evidence index that is corrupt, inconsistent or built by another version."""


@dataclass(frozen=True, slots=True)
class Passage:
    """A window of sentences from one document, with the document's title (None: it has none)."""

    id: int
    document_id: str
    text: str
    title: str | None = None

    @property
    def embedded_text(self) -> str:
        """What the passage's dense vector reads: its document's title, then the passage (the
        title alone once where the passage starts with it, as a page's first passage does)."""
        if self.title is None or self.text.startswith(self.title):
            return self.text
        return f"{self.title}\n{self.text}"


@dataclass(frozen=True, slots=True)
class Hit:
    """A retrieved passage with its fused score and its rank in each retriever (None: absent)."""

    passage: Passage
    score: float
    bm25_rank: int | None
    dense_rank: int | None


# A line break, which always ends a sentence (as in the stance models' split).
_LINE_BREAKS = re.compile(r"\n+")


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as the index cuts them: the stance models' split
    (:func:`veracity.verify.stance.split_sentences`: at a line break, and after end punctuation
    before a capital, a digit or a quotation mark), except that a period spaCy's English
    tokenizer keeps on its word ends no sentence: an abbreviation or an initial it knows ("U.S.",
    "Dr.", "Sept.", "Gov.", "J. R."), so "The U.S. Food and Drug Administration approved ..."
    and "Dr. Elena Marsh denied ..." stay whole. Every other cut is the stance split's, so the
    stance models read the passages they were trained on; a sentence that really ends with such
    a word ("... moved to the U.S. The next year ...") is read with the next one."""
    sentences: list[list[str]] = []  # each sentence's pieces, joined once at the end
    for line in _LINE_BREAKS.split(text):
        for n, piece in enumerate(stance_sentences(line)):
            if n and _ends_with_abbreviation(sentences[-1][-1]):
                sentences[-1].append(piece)
            else:
                sentences.append([piece])
    return [" ".join(pieces) for pieces in sentences]


@lru_cache(maxsize=8192)
def _abbreviation(word: str) -> bool:
    """Whether spaCy's English tokenizer keeps ``word``'s closing period on it (its exceptions:
    "U.S.", "Dr.", "Mrs.", "Feb.", an initial "J."), where it splits a sentence's off ("said.",
    "1.", "Iraq).", "lives..." keeps its ellipsis whole but no letter in it)."""
    last = load_pipeline("fast").tokenizer(word)[-1].text
    return len(last) > 1 and last.endswith(".") and any(c.isalpha() for c in last)


def _ends_with_abbreviation(sentence: str) -> bool:
    return sentence.endswith(".") and _abbreviation(sentence.rsplit(None, 1)[-1])


# A paragraph break: a blank line (spaces allowed on it).
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
# How a finished sentence ends: end punctuation, then closing quotes or brackets.
_ENDED = re.compile(r"[.!?…:;][\"'”’)\]]*$")


def split_passages(
    document_id: str, text: str, first_id: int = 0, title: str | None = None
) -> list[Passage]:
    """Non-overlapping windows of :data:`SENTENCES_PER_PASSAGE` sentences.

    A paragraph's last line without end punctuation (a title, a heading) ends its sentence: it
    is joined to the next one by a line break, which :func:`split_sentences` (as the stance models'
    split) reads as a sentence break, where a space would glue the two into one sentence
    ("Measles vaccine safety Large studies found ..."). Retrieval reads the line break as a
    space. Lines inside a paragraph (a hard-wrapped text's) are joined by spaces as before.
    """
    sentences: list[str] = []
    ends_unpunctuated: list[bool] = []
    for paragraph in _PARAGRAPH_BREAK.split(text):
        found = [s for s in split_sentences(paragraph) if len(s) > 1]
        sentences.extend(found)
        ends_unpunctuated.extend(
            i == len(found) - 1 and not _ENDED.search(s) for i, s in enumerate(found)
        )
    windows = []
    for start in range(0, len(sentences), SENTENCES_PER_PASSAGE):
        window = sentences[start]
        for i in range(start + 1, min(start + SENTENCES_PER_PASSAGE, len(sentences))):
            window += ("\n" if ends_unpunctuated[i - 1] else " ") + sentences[i]
        windows.append(window)
    return [Passage(first_id + n, document_id, w, title) for n, w in enumerate(windows)]


def read_documents(source: Path, skipped: list[str] | None = None) -> Iterator[tuple[str, str]]:
    """``(document id, text)`` of each document :func:`read_titled_documents` reads."""
    for document_id, text, _ in read_titled_documents(source, skipped):
        yield document_id, text


def read_titled_documents(
    source: Path, skipped: list[str] | None = None
) -> Iterator[tuple[str, str, str | None]]:
    """``(document id, text, title)`` from a folder of text/HTML files, one such file, or a
    JSON-lines file. The title is a JSON line's ``title`` or an HTML page's headline (its text
    starts with it); a plain text file has none (its first line stays in its text).

    JSON lines need a ``text`` field and may have ``id`` (default: the line number) and ``title``;
    their text is read as a folder's document is (:func:`~veracity.ingest.article_from_text`:
    site furniture such as share buttons and "story continues below" left out, a hard wrap's
    lines joined). A document's lines that point to other stories are left out
    (:func:`_without_links`). ``skipped``: a folder's document that cannot be read (empty, binary,
    undecodable, a link out of the folder), a JSON line after the first good one that is no JSON
    object with a ``text`` string, or one whose text is empty or only site furniture, is left
    out and its error line added here, the others read; without it, the first such document
    raises its :class:`InputError`.
    """
    if source.is_dir():
        files = sorted(p for p in source.rglob("*") if p.suffix.lower() in DOCUMENT_SUFFIXES)
        if not files:
            raise InputError(f"no {'/'.join(DOCUMENT_SUFFIXES)} files under {source}")
        from veracity.ingest import load_article

        root = source.resolve()
        for path in files:
            document_id = shown_id(str(path.relative_to(source)))
            # A link may point anywhere (/etc/passwd), and its passages would be shown as
            # evidence (by the API too, with VERACITY_EVIDENCE_INDEX): only files inside.
            try:
                try:
                    target = path.resolve()
                except (OSError, RuntimeError):  # RuntimeError before Python 3.13
                    raise InputError("a link that leads to itself; not read") from None
                try:
                    regular = S_ISREG(target.stat().st_mode)
                except OSError:
                    regular = True  # a broken link: load_article says what is wrong with it
                if not target.is_relative_to(root):
                    raise InputError(
                        f"a link to a file outside {source}; not read (copy the file into the "
                        "folder to index it)"
                    )
                if not regular:  # a pipe would be waited on for good
                    raise InputError("not a regular file (a pipe or a device); not read")
                article = load_article(target)
            except InputError as exc:  # say which of many documents it is; keep the exit code
                if skipped is None:
                    raise type(exc)(f"{document_id}: {exc}") from None
                skipped.append(f"{document_id}: {exc}")
                continue
            yield document_id, _without_links(article.text), _page_title(article)
    elif source.is_file() and source.suffix.lower() in DOCUMENT_SUFFIXES:
        # one text or HTML file named on its own: one document, read as a folder's file is
        from veracity.ingest import load_article

        document_id = shown_id(source.name)
        try:
            article = load_article(source)
        except InputError as exc:  # the only document: its error is the command's
            raise type(exc)(f"{document_id}: {exc}") from None
        yield document_id, _without_links(article.text), _page_title(article)
    elif source.is_file():
        opener = gzip.open if source.suffix == ".gz" else open
        limit = max_line_length()
        read_any = False
        try:
            # utf-8-sig: a byte order mark, as Windows editors save UTF-8, is not JSON
            with opener(source, "rt", encoding="utf-8-sig") as handle:
                for line_no, line in enumerate(CappedLines(handle, limit), start=1):
                    if line is None:  # one huge line (a 4 GB line in a 4 MB .gz) is not read
                        raise InputTooLargeError(
                            f"{source}:{line_no}: line longer than {limit:,} characters "
                            "(set VERACITY_MAX_INPUT_BYTES to raise it)"
                        )
                    if not line.strip():
                        continue
                    try:
                        row = json.loads(line)
                        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                            raise InputError(f"{source}:{line_no}: each line needs a 'text' string")
                    except (json.JSONDecodeError, RecursionError, InputError) as exc:
                        # After a good line, a bad one (a truncated last line, a stray row)
                        # is one document left out; a bad first line: not JSON lines at all.
                        if skipped is None or not read_any:
                            raise
                        skipped.append(
                            str(exc)
                            if isinstance(exc, InputError)
                            else f"{source}:{line_no}: not JSON ({exc})"
                        )
                        continue
                    read_any = True
                    document_id = shown_id(str(row.get("id", line_no)))
                    title = row["title"] if isinstance(row.get("title"), str) else None
                    try:
                        # read as a folder's document is read (load_article): site furniture
                        # and a hard wrap's line breaks out, the title as given (alone when
                        # the text is blank: a headline is a document too)
                        article = (
                            article_from_text(title, detect_title=False)
                            if title and not row["text"].strip()
                            else article_from_text(
                                row["text"], title=title or None, detect_title=not title
                            )
                        )
                    except InputError as exc:  # an empty or all-furniture document
                        if skipped is None:
                            raise type(exc)(f"{source}:{line_no} ({document_id}): {exc}") from None
                        skipped.append(f"{source}:{line_no} ({document_id}): {exc}")
                        continue
                    # the title given, not one guessed from the text's first line
                    given = article.title if title else None
                    yield document_id, _without_links(article.text), given
        except (json.JSONDecodeError, RecursionError) as exc:  # RecursionError: nested too deeply
            raise InputError(f"{source}: not JSON lines ({exc})") from None
        except UnicodeDecodeError:
            raise InputError(f"{source}: not UTF-8 text") from None
        except (OSError, EOFError, zlib.error) as exc:  # a damaged or cut .gz, a failed read
            raise InputError(f"{source}: cannot be read ({_why_not_read(exc)})") from None
    else:
        raise SourceNotFoundError(f"no such file or folder: {source}")


def _page_title(article: Article) -> str | None:
    """An HTML page's headline (its ``og:title``, headline or ``<title>``); None for plain text,
    whose title :func:`~veracity.ingest.text.split_title` only guesses from its first line."""
    return article.title if article.content_type == "text/html" else None


def _why_not_read(exc: BaseException) -> str:
    """A gzip failure in words: a cut file's EOFError says "Compressed file ended before the
    end-of-stream marker was reached", a damaged one's zlib.error "Error -3 while ..."."""
    if isinstance(exc, EOFError):
        return "the gzip file is cut short"
    if isinstance(exc, zlib.error):
        return f"the gzip data is damaged: {exc}"
    return str(exc.strerror if isinstance(exc, OSError) and exc.strerror else exc)


def _without_links(text: str) -> str:
    """``text`` without its lines that point to other stories (:func:`link_line_indices`: a
    labelled link, "MORE: Woman pays $20,000 for third breast ...", and the headlines under a
    heading such as "Top stories"): another story's headline is no evidence of what the
    document reports, and was retrieved, and counted, as a passage of it. The first line is the
    document's own headline, whatever its label ("WATCH: The audience laughs at ...")."""
    lines = text.split("\n")
    links = link_line_indices(lines) - {0}
    if not links:
        return text
    return "\n".join(line for index, line in enumerate(lines) if index not in links).strip()


# What a passage's text may not hold: an index is built from text read as an article's
# (controls but the tab and line break, overrides and lone surrogates gone).
_NOT_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\ud800-\udfff]")
_PASSAGE_FIELDS = {"id", "document_id", "text", "title"}
# What an index is built from: (document id, text) or (document id, text, title or None).
Document = tuple[str, str] | tuple[str, str, str | None]
# The longest title a passage keeps, in characters: every passage of a document stores its title
# and its vector reads it first, so a long one was written, stored and held in memory once per
# passage (a 235 KB JSON line of a 200 KB title made a 26 MB index) and crowded the passage out
# of what MiniLM reads (256 tokens). News headlines stay well under it (of 14,395 in ReCOVery,
# FakeNewsNet and BuzzFeed-Webis, 2 are longer, both a caption glued on, at most 684).
MAX_TITLE_CHARS = 500


def _as_indexed(documents: Iterable[Document]) -> Iterator[tuple[str, str, str | None]]:
    """``documents`` as every index keeps them, whoever builds it (``veracity index`` or the
    Python API): the id with :data:`~veracity.ingest.ids.UNSHOWABLE`'s characters escaped
    (:func:`~veracity.ingest.ids.shown_id`),
    the text's characters read as an article's are (a lone surrogate as "?", then
    :func:`~veracity.ingest.text.clean_characters`), so no passage holds what
    :data:`_NOT_IN_TEXT` refuses on load, and the title so on one line, cut to
    :data:`MAX_TITLE_CHARS` (None when blank).
    Documents ``veracity index`` read are so already."""
    for document_id, text, *rest in documents:
        title = rest[0] if rest else None
        if title is not None:
            title = _kept_title(" ".join(_readable(title).split()))
        yield shown_id(document_id), _readable(text), title


def _kept_title(title: str) -> str | None:
    """``title`` (on one line) as passages keep it: None when blank, else at most
    :data:`MAX_TITLE_CHARS` characters, cut after its last whole word that fits."""
    if len(title) <= MAX_TITLE_CHARS:
        return title or None
    cut = title[: MAX_TITLE_CHARS + 1].rsplit(" ", 1)[0]
    return (cut if len(cut) <= MAX_TITLE_CHARS else title[:MAX_TITLE_CHARS]).rstrip() or None


def _readable(text: str) -> str:
    """``text``'s characters as an article's are read (a lone surrogate as "?")."""
    return clean_characters(text.encode("utf-8", "replace").decode("utf-8"))


def _part_files(parts: Path) -> dict[str, Path]:
    """The files of a parts folder by their names in it (``bm25/vocab.index.json``)."""
    found = {name: parts / name for name in ("passages.jsonl.gz", "vectors.npy")}
    bm25 = parts / "bm25"
    if bm25.is_dir():
        for path in sorted(bm25.rglob("*")):
            if not path.is_dir() or path.is_symlink():  # a pipe too: refused, not waited on
                found[path.relative_to(parts).as_posix()] = path
    return found


def _check_digests(found: dict[str, Path], digests: dict[str, str]) -> dict[str, bytes]:
    """Each file the build wrote is there with its SHA-256 and there is no other; the checked
    bytes of each ``bm25/`` file by its name in that folder (the passages and vectors are
    checked on the bytes that are then read, by the caller)."""
    for name in sorted(found.keys() - digests.keys()):
        raise DigestMismatch(name, "is not one of the parts index.json names")
    for name in sorted(digests.keys() - found.keys()):
        raise DigestMismatch(name, "is missing (index.json names it)")
    return {
        name.removeprefix("bm25/"): digest_checked_bytes(path, name, digests, "index.json")
        for name, path in found.items()
        if name.startswith("bm25/")
    }


def _load_bm25(folder: Path, checked: dict[str, bytes] | None) -> Any:
    """bm25s's index of ``folder`` (a parts folder's ``bm25/``), read from ``checked`` (each
    file's bytes as its digest was checked) when given: bm25s opens its files by name, so it
    reads a private copy of them, and a file replaced after its check is not what is searched."""
    import bm25s

    if checked is None:  # an index built before the digests: nothing to hold the files to
        return bm25s.BM25.load(str(folder), show_progress=False)
    with tempfile.TemporaryDirectory(prefix="veracity-bm25-") as private:
        for name, data in checked.items():
            copy = Path(private, name)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(data)
        return bm25s.BM25.load(private, show_progress=False)  # arrays read whole, not mapped


def _named_part(mismatch: DigestMismatch) -> str:
    """A part that is not what ``index.json`` says, as an error names it: ``vectors.npy:
    changed, …``, ``bm25/: vocab.index.json changed, …``."""
    folder, _, file = mismatch.part.partition("/")
    return f"{folder}/: {file} {mismatch}" if file else f"{mismatch.part}: {mismatch}"


def _read_passages(data: bytes) -> list[Passage]:
    """The passages of a ``passages.jsonl.gz``, each checked to be one the build writes: its
    id its position, its document id a string without controls (they are escaped), its text a
    string without them; ``ValueError`` naming the line otherwise."""
    passages: list[Passage] = []
    for number, row in gzip_json_lines(data):
        if not isinstance(row, dict) or set(row) != _PASSAGE_FIELDS:
            raise ValueError(f"line {number} is not a passage")
        passage_id, document_id, text = row["id"], row["document_id"], row["text"]
        title = row["title"]
        if type(passage_id) is not int or passage_id != len(passages):
            raise ValueError(f"line {number} is passage {passage_id!r}, not {len(passages)}")
        if not isinstance(document_id, str) or UNSHOWABLE.search(document_id):
            raise ValueError(f"line {number}: the document id is not one the build writes")
        if not isinstance(text, str) or _NOT_IN_TEXT.search(text):
            raise ValueError(f"line {number}: the text is not one the build writes")
        if title is not None and (
            not isinstance(title, str) or not title or UNSHOWABLE.search(title)
        ):
            raise ValueError(f"line {number}: the title is not one the build writes")
        passages.append(Passage(passage_id, document_id, text, title))
    return passages


_BM25_PARAMS = "params.index.json"
# What bm25s may read from its params file, as the build writes them (bm25s 0.3): anything
# else (a "corpus" it would answer from, a "numba" backend, a dtype numpy does not
# know) ended a search of an index built before the digests in an internal error.
_BM25_METHODS = frozenset({"robertson", "lucene", "atire", "bm25l", "bm25+"})
_BM25_PARAM_VALUES: dict[str, Callable[[Any], bool]] = {
    "k1": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "b": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "delta": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "method": lambda v: v in _BM25_METHODS,
    "idf_method": lambda v: v is None or v in _BM25_METHODS,
    "dtype": lambda v: v in {"float16", "float32", "float64"},
    "int_dtype": lambda v: v in {"int32", "int64"},
    "num_docs": lambda v: type(v) is int,
    "version": lambda v: isinstance(v, str),
    "backend": lambda v: v == "numpy",
}


def _check_bm25_params(data: bytes) -> None:
    """``ValueError`` unless ``data`` holds the parameters the build writes for bm25s, each of
    the value it writes (bm25s passes them to its constructor as they are)."""
    params = json.loads(data)
    if not isinstance(params, dict) or any(
        name not in _BM25_PARAM_VALUES or not _BM25_PARAM_VALUES[name](value)
        for name, value in params.items()
    ):
        raise ValueError(f"{_BM25_PARAMS} holds parameters the build does not write")


def _bm25_matches(bm25: Any, passages: int) -> bool:
    """Whether a loaded ``bm25s.BM25`` was built over ``passages`` documents and its sparse
    score matrix is whole: every term of the vocabulary has a column, row ids lie inside the
    corpus (bm25s keeps the empty token in the vocabulary without a column)."""
    scores = getattr(bm25, "scores", None)
    vocab = getattr(bm25, "vocab_dict", None)
    if not isinstance(scores, dict) or not isinstance(vocab, dict):
        return False
    if scores.get("num_docs") != passages:
        return False
    try:
        indptr = np.asarray(scores["indptr"])
        indices = np.asarray(scores["indices"])
        data = np.asarray(scores["data"])
    except KeyError:
        return False
    if indptr.ndim != 1 or not len(indptr) or len(indices) != len(data):
        return False
    if indptr[0] != 0 or indptr[-1] != len(indices) or (np.diff(indptr) < 0).any():
        return False
    term_ids = [i for term, i in vocab.items() if term]
    if term_ids and not all(isinstance(i, int) and 0 <= i < len(indptr) - 1 for i in term_ids):
        return False
    return not len(indices) or (int(indices.min()) >= 0 and int(indices.max()) < passages)


def _bm25(texts: list[str]):
    """BM25 over the passages' texts, tokenised as :meth:`EvidenceIndex.search` tokenises a
    query (English stop words out)."""
    import bm25s

    bm25 = bm25s.BM25()
    bm25.index(bm25s.tokenize(texts, stopwords="en", show_progress=False), show_progress=False)
    return bm25


class EvidenceIndex:
    """Passages with their BM25 index and dense vectors; build, save, load, search."""

    def __init__(self, passages: list[Passage], vectors: np.ndarray, bm25) -> None:
        self.passages = passages
        self.vectors = vectors.astype(np.float32)
        self.bm25 = bm25
        self._document_passages: dict[str, list[str]] = {}
        self._openings: dict[str, str] = {}
        for passage in passages:  # in order: a document's passages are consecutive windows
            self._document_passages.setdefault(passage.document_id, []).append(passage.text)
            self._openings.setdefault(passage.document_id, passage.embedded_text)

    def documents(self, document_ids: Iterable[str]) -> dict[str, tuple[str, int]]:
        """Each document's text (its passages joined in order) and its number of passages."""
        return {
            d: (" ".join(self._document_passages[d]), len(self._document_passages[d]))
            for d in dict.fromkeys(document_ids)
            if d in self._document_passages
        }

    def openings(self, document_ids: Iterable[str]) -> dict[str, str]:
        """Each document's opening: its first passage, after its title where it has one apart
        (what a later passage's "the fire" or "the company" refers back to)."""
        return {d: self._openings[d] for d in dict.fromkeys(document_ids) if d in self._openings}

    @classmethod
    def build(cls, documents: Iterable[Document]) -> EvidenceIndex:
        """Split, embed and index documents, their ids and characters as every index keeps
        them (:func:`_as_indexed`), so that the index built loads. Each passage's vector reads
        its document's title first (:attr:`Passage.embedded_text`); BM25 reads the passage."""
        from veracity.embeddings import embed

        passages: list[Passage] = []
        for document_id, text, title in _as_indexed(documents):
            passages.extend(split_passages(document_id, text, len(passages), title))
        if not passages:
            raise InputError("the documents contain no text to index")
        vectors = embed([p.embedded_text for p in passages])
        return cls(passages, vectors, _bm25([p.text for p in passages]))

    def extend(self, documents: Iterable[Document]) -> tuple[EvidenceIndex, int, int]:
        """This index with ``documents`` added after its own passages, the number of passages
        they added, and how many of them replaced a document of the same id (its old passages
        go: an updated article is indexed once). Only the new passages are embedded; BM25 is
        rebuilt over all of them (its word weights depend on every passage)."""
        from veracity.embeddings import embed

        by_document: dict[str, list[Passage]] = {}
        for document_id, text, title in _as_indexed(documents):
            by_document.pop(document_id, None)  # a repeated id: the last, in its place
            by_document[document_id] = split_passages(document_id, text, title=title)
        added = [p for found in by_document.values() for p in found]
        if not added:
            raise InputError("the documents contain no text to index")
        new_ids = {p.document_id for p in added}
        kept = [k for k, p in enumerate(self.passages) if p.document_id not in new_ids]
        replaced = len(new_ids & set(self._document_passages))
        passages = [replace(self.passages[k], id=n) for n, k in enumerate(kept)]
        passages += [replace(p, id=len(passages) + n) for n, p in enumerate(added)]
        vectors = np.concatenate(
            [self.vectors[kept], embed([p.embedded_text for p in added]).astype(np.float32)]
        )
        return (
            EvidenceIndex(passages, vectors, _bm25([p.text for p in passages])),
            len(added),
            replaced,
        )

    def save(self, folder: Path) -> None:
        """Write the index to ``folder`` (created if needed), in place of any index there, so
        that a reader (a server, another command) finds a whole index at every moment: the parts
        go to a new folder inside it, then ``index.json``, which names that folder, is replaced
        by one rename. The parts of the index it replaced stay until the next save (a reader that
        read its ``index.json`` just before still finds them); older ones are removed. One writer
        at a time."""
        from veracity.embeddings import MODEL_ID

        refuse_a_folder_of_other_files(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            replaced = _parts_named(folder)
            parts = folder / f"{PARTS_PREFIX}{secrets.token_hex(6)}"
            parts.mkdir()
        except OSError as exc:  # a file of that name, a read-only place
            raise OutputError(
                f"cannot write the index to {folder}: {exc.strerror or exc}"
            ) from None
        staged = folder / f".index.json.{parts.name}"
        try:
            with gzip.open(parts / "passages.jsonl.gz", "wt", encoding="utf-8") as handle:
                for passage in self.passages:
                    handle.write(json.dumps(asdict(passage), ensure_ascii=False) + "\n")
            np.save(parts / "vectors.npy", self.vectors.astype(np.float16))
            self.bm25.save(str(parts / "bm25"), show_progress=False)
            meta = {
                "version": INDEX_VERSION,
                "embedding_model": MODEL_ID,
                "passages": len(self.passages),
                "documents": len({p.document_id for p in self.passages}),
                "sentences_per_passage": SENTENCES_PER_PASSAGE,
                "parts": parts.name,
                "digests": {name: file_sha256(path) for name, path in _part_files(parts).items()},
            }
            staged.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
            os.replace(staged, folder / "index.json")
        except BaseException:  # the index there stays as it was, with nothing of this one
            shutil.rmtree(parts, ignore_errors=True)
            staged.unlink(missing_ok=True)
            raise
        _remove_parts(folder, keep={parts.name, replaced})

    @classmethod
    def load(cls, folder: Path) -> EvidenceIndex:
        """Read an index written by :meth:`save`; :class:`EvidenceIndexError` when it is corrupt,
        inconsistent or from another version, :class:`SourceNotFoundError` when missing.

        An index replaced while it is read (its parts gone, removed by a second save) is read
        again, as it is now."""
        stamp = _stamp(folder)
        for _ in range(2):
            try:
                return cls._load(folder)
            except EvidenceIndexError:
                replaced = _stamp(folder)
                if replaced == stamp:
                    raise
                stamp = replaced
        return cls._load(folder)

    @classmethod
    def _load(cls, folder: Path) -> EvidenceIndex:
        from veracity.embeddings import EMBEDDING_DIM, MODEL_ID

        meta_path = folder / "index.json"
        if folder.is_file():
            raise _file_for_an_index(folder)
        if not meta_path.is_file():
            raise SourceNotFoundError(
                f"no evidence index at {folder}; build one {_index_command(folder)}"
            )
        rebuild = f"rebuild it {_index_command(folder)}"
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError) as exc:  # nested too deeply: not JSON
            raise EvidenceIndexError(
                f"evidence index {folder} is corrupt (index.json: {exc}); {rebuild}"
            ) from None
        if not isinstance(meta, dict):
            raise EvidenceIndexError(f"evidence index {folder} is corrupt (index.json); {rebuild}")
        if meta.get("version") not in READ_VERSIONS:
            older = next(
                (
                    f" (an older index: {why})"
                    for versions, why in _OLDER
                    if meta.get("version") in versions
                ),
                "",
            )
            raise EvidenceIndexError(
                f"evidence index {folder} is version {meta.get('version')!r}, this code needs "
                f"{INDEX_VERSION!r}{older}; {rebuild}"
            )
        if meta.get("embedding_model") != MODEL_ID:
            raise EvidenceIndexError(
                f"evidence index {folder} was embedded with {meta.get('embedding_model')!r}, "
                f"this code uses {MODEL_ID!r}; {rebuild}"
            )
        parts = _parts_folder(folder, meta)
        if parts is None:
            raise EvidenceIndexError(
                f"evidence index {folder} is corrupt (index.json names no folder of parts); "
                f"{rebuild}"
            )
        digests = meta.get("digests")  # None: built before parts had digests
        if digests is not None and not (
            isinstance(digests, dict) and all(isinstance(d, str) for d in digests.values())
        ):
            raise EvidenceIndexError(
                f"evidence index {folder} is corrupt (index.json: digests); {rebuild}"
            )
        part = "passages.jsonl.gz"
        try:
            found = _part_files(parts)
            for path in (folder, meta_path, parts, *found.values()):
                if path not in (folder, parts) and not S_ISREG(path.stat().st_mode):
                    # bm25s opens its files itself: a pipe among them would hang it for good
                    raise EvidenceIndexError(
                        f"evidence index {folder} is corrupt ({path.relative_to(folder)} is "
                        f"not a regular file: a pipe or a device, not read); {rebuild}"
                    )
                # and the folders above each, as its links resolve: whoever can write one of
                # them can swap what it holds (a part linked into a folder open to every user)
                if (why := replaceable_by_others(path)) is not None:
                    raise EvidenceIndexError(
                        f"evidence index {folder} is not read: {why}, who could change its "
                        "verdicts and its digests alike; only its owner (or root) may write an "
                        "index (chown it, or chmod o-w)"
                    )
            checked_bm25 = None if digests is None else _check_digests(found, digests)
            passages = _read_passages(
                digest_checked_bytes(found[part], part, digests, "index.json")
            )
            part = "vectors.npy"
            data = digest_checked_bytes(parts / part, part, digests, "index.json")
            vectors = np.load(io.BytesIO(data), allow_pickle=False)
            part = "bm25/"
            _check_bm25_params(
                read_regular_file(parts / "bm25" / _BM25_PARAMS)
                if checked_bm25 is None
                else checked_bm25.get(_BM25_PARAMS, b"")
            )
            try:
                bm25 = _load_bm25(parts / "bm25", checked_bm25)
            except Exception as exc:  # a third-party reader of files an older build wrote
                raise ValueError(unreadable(exc)) from None
        except DigestMismatch as exc:
            raise EvidenceIndexError(
                f"evidence index {folder} is corrupt ({_named_part(exc)}); {rebuild}"
            ) from None
        except (OSError, EOFError, ValueError, TypeError, KeyError, RecursionError) as exc:
            raise EvidenceIndexError(
                f"evidence index {folder} is corrupt ({part}: {unreadable(exc)}); {rebuild}"
            ) from None
        if len(passages) != len(vectors) or vectors.ndim != 2 or vectors.shape[1] != EMBEDDING_DIM:
            raise EvidenceIndexError(f"evidence index {folder} is inconsistent; {rebuild}")
        if not np.issubdtype(vectors.dtype, np.floating) or not np.isfinite(vectors).all():
            raise EvidenceIndexError(
                f"evidence index {folder} is corrupt (vectors.npy holds no finite embeddings); "
                f"{rebuild}"
            )
        if not _bm25_matches(bm25, len(passages)):
            # e.g. a bm25/ folder copied from another build: its ids would point past the
            # passages (an IndexError deep in retrieval) or retrieval would refuse its k.
            raise EvidenceIndexError(
                f"evidence index {folder} is inconsistent (its bm25/ part does not match its "
                f"{len(passages):,} passages); {rebuild}"
            )
        return cls(passages, vectors, bm25)

    def bm25_ranking(self, query: str, k: int = CANDIDATES) -> list[tuple[int, float]]:
        """``(passage id, BM25 score)`` of the best ``k`` lexical matches."""
        import bm25s

        tokens = bm25s.tokenize([query], stopwords="en", show_progress=False)
        if not tokens.vocab:
            return []
        k = min(k, len(self.passages))
        ids, scores = self.bm25.retrieve(tokens, k=k, show_progress=False, n_threads=1)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if s > 0]

    def dense_ranking(
        self, query_vector: np.ndarray, k: int = CANDIDATES
    ) -> list[tuple[int, float]]:
        """``(passage id, cosine)`` of the best ``k`` dense matches."""
        cosines = self.vectors @ query_vector
        k = min(k, len(self.passages))
        top = np.argpartition(-cosines, k - 1)[:k]
        top = top[np.argsort(-cosines[top])]
        return [(int(i), float(cosines[i])) for i in top]

    def search(
        self, query: str, k: int = 5, *, query_vector: np.ndarray | None = None
    ) -> list[Hit]:
        """The ``k`` best passages by reciprocal-rank fusion of BM25 and dense rankings."""
        from veracity.embeddings import embed

        if not query.strip():
            raise InputError("empty query")
        vector = embed([query])[0] if query_vector is None else query_vector
        bm25_ranks = {pid: rank for rank, (pid, _) in enumerate(self.bm25_ranking(query), start=1)}
        dense_ranks = {
            pid: rank for rank, (pid, _) in enumerate(self.dense_ranking(vector), start=1)
        }
        fused = {
            pid: sum(
                1.0 / (RRF_K + ranks[pid]) for ranks in (bm25_ranks, dense_ranks) if pid in ranks
            )
            for pid in bm25_ranks.keys() | dense_ranks.keys()
        }
        best = sorted(fused, key=lambda pid: -fused[pid])[:k]
        return [
            Hit(self.passages[pid], round(fused[pid], 6), bm25_ranks.get(pid), dense_ranks.get(pid))
            for pid in best
        ]


class ServedIndex:
    """The evidence index at ``folder``, loaded once and loaded again only when the index on
    disk changes (its ``index.json`` rewritten or replaced, as ``veracity index`` and
    ``--append`` by another process do): a server's index, shared by its request threads.

    Loading the index for every request cost 12 ms at 1,926 passages and grows with the index.
    The threads search the one loaded index without a lock: search only reads its arrays
    (bm25s scores each query into a new array, and its own ``retrieve`` maps queries over one
    index in a thread pool; the dense side is a matrix product). A load holds the lock, so a
    change is read once.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._loaded: tuple[tuple[int, int, int], EvidenceIndex] | None = None

    def current(self) -> EvidenceIndex:
        """The index as it is on disk now; :meth:`EvidenceIndex.load`'s errors when it is
        missing or unreadable (never an older copy in its place)."""
        stamp = _stamp(self.folder)
        loaded = self._loaded
        if stamp is not None and loaded is not None and loaded[0] == stamp:
            return loaded[1]
        with self._lock:
            # stamped before the read: a change made while it reads is read again next time
            stamp = _stamp(self.folder)
            if stamp is not None and self._loaded is not None and self._loaded[0] == stamp:
                return self._loaded[1]
            index = EvidenceIndex.load(self.folder)
            if stamp is not None:
                self._loaded = (stamp, index)
            return index


def _stamp(folder: Path) -> tuple[int, int, int] | None:
    """What changes when the index at ``folder`` is written again: its ``index.json``'s inode,
    modification time and size (None: there is none)."""
    try:
        found = (folder / "index.json").stat()
    except OSError:
        return None
    return found.st_ino, found.st_mtime_ns, found.st_size


def parts_folder(folder: Path) -> Path:
    """The folder that holds the parts of the index at ``folder`` (:class:`EvidenceIndexError`
    when its ``index.json`` names none)."""
    try:
        meta = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        raise EvidenceIndexError(f"evidence index {folder} is unreadable ({exc})") from None
    found = _parts_folder(folder, meta) if isinstance(meta, dict) else None
    if found is None:
        raise EvidenceIndexError(f"evidence index {folder} names no folder of parts")
    return found


def _index_command(folder: Path) -> str:
    """How to build the index at ``folder``: the command, pasted with the user's documents in
    place of DOCUMENTS (stop 50's review: "veracity index DIR_OR_JSONL" named no single file);
    the folder quoted for a shell, so that one with a space in its name pastes whole."""
    return (
        f"from your documents with: veracity index DOCUMENTS --out {shlex.quote(str(folder))} "
        "(DOCUMENTS: a folder of .txt/.md/.html files, one such file, or a JSON-lines file)"
    )


def _file_for_an_index(path: Path) -> SourceNotFoundError:
    """The error for a file given where an index folder belongs (probe s49 U4: the advice was to
    build an index at that very path, over the file)."""
    if path.name == "index.json" and path.parent.is_dir():
        return SourceNotFoundError(
            f"{path} is a file, not an evidence index folder; give the folder that holds it: "
            f"{path.parent}"
        )
    return SourceNotFoundError(
        f"{path} is a file, not an evidence index folder; to verify against its text, build "
        f"an index of it with: veracity index {path} --out veracity-index (then --index "
        "veracity-index)"
    )


def _parts_folder(folder: Path, meta: dict[str, Any]) -> Path | None:
    """Where ``meta`` (an ``index.json``) puts its parts: the folder it names (version 3), the
    index folder itself (version 2); None when it names something else."""
    if meta.get("version") == "2":
        return folder
    name = meta.get("parts")
    return folder / name if isinstance(name, str) and _PARTS_NAME.fullmatch(name) else None


def _parts_named(folder: Path) -> str | None:
    """The name of the parts folder the index at ``folder`` reads ("": its own folder, version
    2); None when there is no readable index."""
    try:
        found = parts_folder(folder)
    except EvidenceIndexError:
        return None
    return "" if found == folder else found.name


def _remove_parts(folder: Path, keep: set[str | None]) -> None:
    """Remove the parts at ``folder`` of indexes older than ``keep`` ("": those beside
    ``index.json``, as version 2 wrote them), and the index.json of a save interrupted before."""
    for child in folder.iterdir():
        if child.name.startswith(PARTS_PREFIX) and child.is_dir() and child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)
    if "" not in keep:
        for name in _PART_FILES:
            legacy = folder / name
            if legacy.is_dir():
                shutil.rmtree(legacy, ignore_errors=True)
            else:
                legacy.unlink(missing_ok=True)
    for staged in folder.glob(".index.json.*"):
        if staged.name.removeprefix(".index.json.") not in keep:
            staged.unlink(missing_ok=True)


def build_index(source: Path, out_dir: Path, skipped: list[str] | None = None) -> EvidenceIndex:
    """Index the documents of ``source`` (folder or JSON lines) into ``out_dir``; ``skipped``:
    see :func:`read_documents`."""
    refuse_a_place_others_can_write(out_dir)  # before the documents are embedded
    refuse_a_folder_of_other_files(out_dir)
    index = EvidenceIndex.build(read_titled_documents(source, skipped))
    index.save(out_dir)
    return index


def refuse_a_place_others_can_write(folder: Path) -> None:
    """:class:`OutputError` when an index written to ``folder`` would be another user's to
    change: the folder (or the nearest one there is above it, where it would be made) owned by
    another user or writable by every user, or a link another user made at its name (it
    decides where the index goes: into a folder of this user's that they chose). Such an index
    would be refused when read (see :meth:`EvidenceIndex.load`); say so before any work."""
    place = next((p for p in (folder, *folder.parents) if p.exists() or p.is_symlink()), None)
    if place is None:
        return
    try:
        link = place.lstat()
        why = (
            f"{place} is a link another user made (uid {link.st_uid})"
            if place.is_symlink() and link.st_uid not in (os.geteuid(), 0)
            else None
        )
        if why is None and place == folder:
            why = written_by_others(folder)
        elif why is None and (place.stat().st_mode & 0o002) and not place.stat().st_mode & 0o1000:
            why = f"{place} is writable by every user, who could make {folder} first"
    except OSError:
        return  # what cannot be looked at fails as the write does, with its own error
    if why is not None:
        raise OutputError(
            f"cannot write the index to {folder}: {why}; an index others can write is refused "
            "when read (write it to a folder only you can write: chown it, or chmod o-w)"
        )


def refuse_a_folder_of_other_files(folder: Path) -> None:
    """:class:`OutputError` when ``folder`` holds files and no index (no ``index.json``): a
    save replaces ``index.json`` and removes what an older index left there (``bm25/``,
    ``vectors.npy``, ``passages.jsonl.gz``, ``parts-*`` folders), which in a folder of the
    user's own are the user's (hostile round 10). What an interrupted save leaves (its parts
    folder, its staged ``index.json``) is no obstacle."""
    if (folder / "index.json").exists() or (folder / "index.json").is_symlink():
        return
    # a file at the folder's place (or above it): the save's mkdir said "File exists" after
    # every document was read and embedded, below the line naming those it could not read
    place = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if place is not None and not place.is_dir():
        raise OutputError(
            f"cannot write the index to {folder}: {place} is a file, and an index is a folder; "
            "give a new or empty folder (or one holding an index, to replace it)"
        )
    try:
        others = sorted(
            child.name
            for child in folder.iterdir()
            if not (_PARTS_NAME.fullmatch(child.name) or child.name.startswith(".index.json."))
        )
    except OSError:  # no folder yet (the save makes it), or no folder at all (it says so)
        return
    if others:
        more = f" and {len(others) - 1:,} more" if len(others) > 1 else ""
        raise OutputError(
            f"cannot write the index to {folder}: it holds no index but other files "
            f"({others[0]!r}{more}), which writing an index there could replace or remove; "
            "give a new or empty folder (or one holding an index, to replace it)"
        )


@dataclass(frozen=True, slots=True)
class Appended:
    """What ``veracity index --append`` did: the index now, and what the new documents added."""

    index: EvidenceIndex
    passages: int  # the new documents' passages
    documents: int
    replaced: int  # new documents whose id was already indexed (their old passages went)
    created: bool  # there was no index at the folder: a new one was built


def append_to_index(source: Path, out_dir: Path, skipped: list[str] | None = None) -> Appended:
    """Add the documents of ``source`` to the index at ``out_dir`` (built there if there is
    none). The index must load as this code's version and embedding model
    (:class:`EvidenceIndexError`, naming which, otherwise: its old vectors cannot be mixed with
    new ones). The updated index replaces it as :meth:`EvidenceIndex.save` replaces one: a
    reader finds the old index or the new one whole at every moment, and an interrupted append
    leaves the old one."""
    refuse_a_place_others_can_write(out_dir)
    if not (out_dir / "index.json").exists():
        index = build_index(source, out_dir, skipped)
        documents = len({p.document_id for p in index.passages})
        return Appended(index, len(index.passages), documents, 0, created=True)
    try:
        old = EvidenceIndex.load(out_dir)
    except EvidenceIndexError as exc:
        raise EvidenceIndexError(f"cannot append: {exc}") from None
    new, added_passages, replaced = old.extend(read_titled_documents(source, skipped))
    new.save(out_dir)
    added = new.passages[len(new.passages) - added_passages :]
    documents = len({p.document_id for p in added})
    return Appended(new, added_passages, documents, replaced, created=False)
