"""Analyse a chunk of input records into their result rows (what one batch output line holds).

Each record becomes an :class:`~veracity.ingest.Article`, the chunk goes through
:func:`veracity.pipeline.analyze_many` as one batch, and each report is projected onto a
:class:`~veracity.batch.row.BatchRow`: a few hundred bytes per article, so a corpus of millions
of articles gives a small output.

* ``index`` (position in the input, 0-based), ``id`` (the input id; the index where the input
  has no id column; None for a row of an input with ids that has none or could not be read,
  since any index might be another row's id), ``title``, ``url``, ``source_domain``,
  ``language``, ``n_chars``, ``analysis_path``;
* ``score``, ``label``, ``model_version``: the reliability (None while no model is shipped);
  ``reliability_status``: ``scored``, or why the score is None (``not_english``,
  ``too_short``, ``out_of_scope``; the reason's sentence is in ``notes``);
* ``n_signals``, ``n_claims`` (check-worthy claims found: with ``--claims``, among the fast path's at most
  ``claims.fast.CANDIDATES_PER_ARTICLE`` candidates), ``signal_counts`` (kind -> count) and ``top_signals``: the strongest few
  signals (kind, detector, weight, quote cut to 160 characters), a repeated one (the same
  kind, words and explanation: an outlet cited five times) once;
* ``outlets``: outlets the report rates (name, domain, factuality, bias, role; ``platform`` true
  for a platform where anyone publishes, ``satire`` true for an outlet a rating list files under
  satire: the flat column prints neither's factuality and bias);
* ``debunks``: known debunks the article's claims matched (deep path, or ``--claims``): the
  fact-checked statement (``title``), the claim, the verdict, source, similarity, match type;
* ``error``: None, or why the row could not be analysed (then the analysis fields are empty);
* ``analysis_id``: only with ``--store``, the stored analysis (None for an error row).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from veracity.batch.readers import InputRecord
from veracity.batch.row import QUOTE_CHARS, BatchRow, DebunkBrief, OutletBrief, TopSignal
from veracity.errors import OUT_OF_SPACE_ERRNOS, InputError, VeracityError
from veracity.ingest.urls import ascii_host, publisher_domain
from veracity.nlp.document import Depth
from veracity.report.schema import Report, Signal, found_counts, satire_listing

if TYPE_CHECKING:  # ingest pulls in the HTML extractor: imported when a chunk is analysed
    from veracity.ingest import Article

TOP_SIGNALS = 5
_WARM_UP_TEXT = (
    "Officials confirm the new bridge opens on Monday\n\n"
    "The city council said on Friday that the bridge will open to traffic on Monday, "
    "according to a statement published by the transport department."
)


@dataclass(frozen=True)
class AnalysisOptions:
    """How each record is analysed: the pipeline depth, whether the fast path also checks
    claims (the batch "full" path, :mod:`veracity.claims.fast`), and whether full reports
    come back."""

    depth: Depth = "fast"
    with_reports: bool = False
    claims: bool = False


@dataclass(frozen=True)
class AnalysedRow:
    """One record's output row and, when the run stores reports (``--store``), its report."""

    row: BatchRow
    report: Report | None = None


def empty_row(record: InputRecord, error: str | None) -> BatchRow:
    """The output row of a record that was not analysed."""
    domain = publisher_domain(record.url)
    return BatchRow(
        index=record.index,
        id=record.id,
        title=record.title,
        url=record.url,
        source_domain=domain,
        source_domain_ascii=ascii_host(domain),
        n_chars=len(record.text) if record.text else 0,
        notes=list(record.notes),
        error=error,
    )


def project_report(record: InputRecord, report: Report) -> BatchRow:
    """The compact output row of an analysed record."""
    # a signal the text repeats (an outlet cited five times) is listed once, as the terminal
    # summary gives it one line: five rows of "outlet_citation 0.85: twitter.com" say one thing
    distinct: dict[tuple[str, str, str], Signal] = {}
    for signal in sorted(report.signals, key=lambda s: (-s.weight, s.start)):
        key = (signal.kind.value, " ".join(signal.quote.lower().split()), signal.explanation)
        distinct.setdefault(key, signal)
    strongest = list(distinct.values())[:TOP_SIGNALS]
    reliability = report.reliability
    # the address a page gives for itself is no publisher of the row (hostile round 10)
    given = report.source_from != "page"
    domain = (report.source_domain if given else None) or publisher_domain(record.url)
    return BatchRow(
        index=record.index,
        id=record.id,
        title=report.title or record.title,
        url=(report.source_url if given else None) or record.url,
        source_domain=domain,
        source_domain_ascii=ascii_host(domain),
        language=report.language,
        n_chars=len(report.text),
        analysis_path=report.analysis_path,
        score=round(reliability.score, 4) if reliability is not None else None,
        label=reliability.label if reliability is not None else None,
        model_version=reliability.model_version if reliability is not None else None,
        reliability_status=report.reliability_status,
        n_signals=sum(found_counts(report).values()),
        n_claims=len(report.claims),
        signal_counts=dict(sorted(report.signal_counts.items())),
        top_signals=[
            TopSignal(
                kind=signal.kind.value,
                detector=signal.detector,
                weight=signal.weight,
                quote=signal.quote[:QUOTE_CHARS],
            )
            for signal in strongest
        ],
        outlets=[
            OutletBrief(
                outlet=outlet.outlet,
                domain=outlet.domain,
                factuality=outlet.factuality,
                bias=outlet.bias,
                role=outlet.role,
                host_ascii=outlet.host_ascii,
                platform=outlet.platform,
                satire=satire_listing(outlet) is not None,
            )
            for outlet in report.outlets
        ],
        debunks=[
            DebunkBrief(
                title=match.statement,
                claim=claim.text,
                verdict=match.verdict,
                source=match.source,
                similarity=match.similarity,
                match_type=match.match_type,
            )
            for claim in report.claims
            for match in claim.debunk_matches
        ],
        notes=[*record.notes, *report.notes],
    )


# Schemes that name no host: "javascript:alert(1)" gave the domain "javascript".
def analyse_record(record: InputRecord, depth: Depth) -> BatchRow:
    """Analyse one record into its output row; any failure becomes the row's ``error``."""
    return analyse_chunk([record], AnalysisOptions(depth=depth))[0].row


def article_of(record: InputRecord) -> Article:
    """The record as an article: a folder document decoded, a row's text with its title."""
    from veracity.ingest import article_from_bytes, article_from_text

    if record.raw is not None:
        return article_from_bytes(record.raw, html=record.html)
    return article_from_text(
        record.text or "",
        title=record.title,
        detect_title=record.title is None,
        source_url=record.url,
        source_domain=publisher_domain(record.url),
    )


def _error_row(record: InputRecord, exc: Exception) -> BatchRow:
    if isinstance(exc, InputError) and record.title is None and exc.title:
        # a page of furniture only, refused: its headline names the row (probe s47)
        record = dataclasses.replace(record, title=exc.title)
    if isinstance(exc, VeracityError):
        return empty_row(record, str(exc) or type(exc).__name__)
    # a bug in one stage must cost one row, not the whole corpus
    return empty_row(record, f"internal error: {type(exc).__name__}: {exc}")


def analyse_chunk(records: Iterable[InputRecord], options: AnalysisOptions) -> list[AnalysedRow]:
    """Analyse a chunk of records into their rows, in order, as one batch of the pipeline.

    A record that cannot be read or analysed gets an error row. A missing or broken model
    (:class:`~veracity.errors.ModelError`) or a full disk fails the chunk: it would fail every row.
    """
    from veracity.pipeline import analyze_many

    records = list(records)
    results: list[AnalysedRow | None] = [None] * len(records)
    articles: list[tuple[int, Article]] = []
    for position, record in enumerate(records):
        if record.error is not None:
            results[position] = AnalysedRow(empty_row(record, record.error))
            continue
        try:
            articles.append((position, article_of(record)))
        except Exception as exc:
            if isinstance(exc, OSError) and exc.errno in OUT_OF_SPACE_ERRNOS:
                raise
            results[position] = AnalysedRow(_error_row(record, exc))
    reports = analyze_many(
        [article for _, article in articles],
        depth=options.depth,
        claims=True if options.claims else None,
        explain=options.with_reports,
        batch_size=max(len(articles), 1),
        errors="return",
    )
    for (position, _), report in zip(articles, reports, strict=True):
        record = records[position]
        if isinstance(report, Exception):
            results[position] = AnalysedRow(_error_row(record, report))
        else:
            row = project_report(record, report)
            results[position] = AnalysedRow(row, report if options.with_reports else None)
    return [result for result in results if result is not None]


def prepare_worker(depth: Depth) -> None:
    """Load every model of ``depth`` once, single-threaded, before the first chunk arrives."""
    hold_collection()
    try:
        for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
            os.environ.setdefault(variable, "1")
        from veracity.ingest import article_from_text
        from veracity.pipeline import analyze

        # a missing model is reported by the first record, where the engine can raise it
        with contextlib.suppress(VeracityError):
            analyze(article_from_text(_WARM_UP_TEXT), depth=depth)
        if "torch" in sys.modules:  # one process per core: intra-op threads would oversubscribe
            sys.modules["torch"].set_num_threads(1)
        freeze_loaded_models()
    finally:
        release_collection()  # loading failed before the freeze


_frozen = False
_held = False  # automatic collection switched off while the models load
GC_YOUNG_THRESHOLD = 50000


def hold_collection() -> None:
    """No automatic collection from now until :func:`freeze_loaded_models` (or
    :func:`release_collection`): loading the models (imports, artefacts, indexes) allocates
    some 150,000 objects that all live, and the collector walked them in three or four
    automatic full collections and hundreds of young ones (about 0.2 CPU-s of each batch
    process's start-up) only to find them alive; the collection before the freeze still
    frees whatever loading left behind. Once per process, and only where collection is on."""
    global _held
    if not _frozen and not _held and gc.isenabled():
        gc.disable()
        _held = True


def release_collection() -> None:
    """Automatic collection back on, if :func:`hold_collection` switched it off."""
    global _held
    if _held:
        _held = False
        gc.enable()


def freeze_loaded_models() -> None:
    """Keep what is loaded now (the models) out of the garbage collector's full collections.

    The loaded models are some 150,000 objects that live as long as the process, and every
    full collection walked them all (about 0.1 s each, one every few hundred articles).
    ``gc.freeze`` moves every object alive now into a generation the collector never scans;
    once per process, after a collection that frees what loading left behind. The youngest
    generation is then collected after :data:`GC_YOUNG_THRESHOLD` net new objects instead of
    Python's 700: an article leaves few cycles, and each young collection walked every object
    of the chunk in progress. Nothing is freed by reference counting any later or earlier, so
    results do not change.
    """
    global _frozen
    if not _frozen:
        _frozen = True
        gc.collect()
        gc.freeze()
        gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    release_collection()
