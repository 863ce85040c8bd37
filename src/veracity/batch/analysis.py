"""Analyse input records into compact result rows (what one batch output line holds).

A result row is a small projection of the full :class:`~veracity.report.schema.Report`, so a
corpus of millions of articles gives an output of a few hundred bytes per article:

* ``index`` (position in the input, 0-based), ``id`` (the input id, else the index), ``title``,
  ``url``, ``source_domain``, ``language``, ``n_chars``, ``analysis_path``;
* ``score``, ``label``, ``model_version``: the reliability (None while no model is shipped);
  ``reliability_status``: ``scored``, or why the score is None (``not_english``,
  ``too_short``, ``out_of_scope``; the reason's sentence is in ``notes``);
* ``n_signals``, ``n_claims`` (check-worthy claims found), ``signal_counts`` (kind -> count) and ``top_signals``: the strongest few
  signals (kind, detector, weight, quote cut to 160 characters);
* ``outlets``: outlets the report rates (name, domain, factuality, bias, role);
* ``debunks``: known debunks the article's claims matched (deep path, or ``--claims``): the
  fact-checked statement (``title``), the claim, the verdict, source, similarity, match type;
* ``error``: None, or why the row could not be analysed (then the analysis fields are empty);
* ``analysis_id``: only with ``--store``, the stored analysis (None for an error row).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from veracity.batch.readers import InputRecord
from veracity.errors import ModelError, VeracityError
from veracity.nlp.document import Depth
from veracity.report.schema import Report

if TYPE_CHECKING:  # the models package loads the reliability artefacts: imported when scoring
    from veracity.models import ReliabilityOutcome

REPORT_KEY = "_report"
OUT_OF_SPACE_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})
TOP_SIGNALS = 5
QUOTE_CHARS = 160
_WARM_UP_TEXT = (
    "Officials confirm the new bridge opens on Monday\n\n"
    "The city council said on Friday that the bridge will open to traffic on Monday, "
    "according to a statement published by the transport department."
)


def empty_row(record: InputRecord, error: str | None) -> dict[str, Any]:
    """The output row of a record that was not analysed."""
    return {
        "index": record.index,
        "id": record.id,
        "title": record.title,
        "url": record.url,
        "source_domain": _domain(record.url),
        "language": None,
        "n_chars": len(record.text) if record.text else 0,
        "analysis_path": None,
        "score": None,
        "label": None,
        "model_version": None,
        "reliability_status": None,
        "n_signals": 0,
        "n_claims": 0,
        "signal_counts": {},
        "top_signals": [],
        "outlets": [],
        "debunks": [],
        "notes": [],
        "error": error,
    }


def project_report(record: InputRecord, report: Report) -> dict[str, Any]:
    """The compact output row of an analysed record."""
    row = empty_row(record, None)
    strongest = sorted(report.signals, key=lambda s: (-s.weight, s.start))[:TOP_SIGNALS]
    row.update(
        title=report.title or record.title,
        url=report.source_url or record.url,
        source_domain=report.source_domain or _domain(record.url),
        language=report.language,
        n_chars=len(report.text),
        analysis_path=report.analysis_path,
        n_signals=len(report.signals),
        n_claims=len(report.claims),
        signal_counts=dict(sorted(report.signal_counts.items())),
        top_signals=[
            {
                "kind": signal.kind.value,
                "detector": signal.detector,
                "weight": signal.weight,
                "quote": signal.quote[:QUOTE_CHARS],
            }
            for signal in strongest
        ],
        outlets=[
            {
                "outlet": outlet.outlet,
                "domain": outlet.domain,
                "factuality": outlet.factuality,
                "bias": outlet.bias,
                "role": outlet.role,
            }
            for outlet in getattr(report, "outlets", None) or []
        ],
        debunks=_debunks(report),
        notes=list(report.notes),
        reliability_status=report.reliability_status,
    )
    if report.reliability is not None:
        row.update(
            score=round(report.reliability.score, 4),
            label=report.reliability.label,
            model_version=report.reliability.model_version,
        )
    return row


def _debunks(report: Report) -> list[dict[str, Any]]:
    """Known debunks the report's claims matched: the fact-checked statement and the claim."""
    return [
        {
            "title": match.statement,
            "claim": claim.text,
            "verdict": match.verdict,
            "source": match.source,
            "similarity": match.similarity,
            "match_type": match.match_type,
        }
        for claim in report.claims
        for match in claim.debunk_matches
    ]


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:  # e.g. "[]": brackets that hold no IPv6 address
        return None
    return host.removeprefix("www.") if host else None


def analyse_record(
    record: InputRecord, depth: Depth, *, with_report: bool = False
) -> dict[str, Any]:
    """Analyse one record into its output row; any failure becomes the row's ``error``.

    ``with_report`` also puts the full report (as JSON data) under ``REPORT_KEY``, for the
    store; the chunk store removes it before writing the row.
    """
    options = AnalysisOptions(depth=depth, with_reports=with_report)
    return analyse_chunk([record], options)[0]


def _report_without_reliability(record: InputRecord, depth: Depth) -> Report:
    """The record's report with every stage but the reliability score (scored per chunk)."""
    from veracity.ingest import article_from_bytes, article_from_text
    from veracity.pipeline import analyze

    if record.raw is not None:
        article = article_from_bytes(record.raw, html=record.html)
    else:
        article = article_from_text(
            record.text or "",
            title=record.title,
            detect_title=record.title is None,
            source_url=record.url,
            source_domain=_domain(record.url),
        )
    return analyze(article, depth=depth, with_reliability=False)


def _error_row(record: InputRecord, exc: Exception) -> dict[str, Any]:
    if isinstance(exc, VeracityError):
        return empty_row(record, str(exc) or type(exc).__name__)
    # a bug in one stage must cost one row, not the whole corpus
    return empty_row(record, f"internal error: {type(exc).__name__}: {exc}")


@dataclass(frozen=True)
class AnalysisOptions:
    """How each record is analysed: the pipeline depth, whether the fast path also checks
    claims (the batch "full" path, :mod:`veracity.batch.claims`), and whether full reports
    come back."""

    depth: Depth = "fast"
    with_reports: bool = False
    claims: bool = False


def analyse_chunk(records: Iterable[InputRecord], options: AnalysisOptions) -> list[dict[str, Any]]:
    """Analyse a chunk of records into their rows, in order.

    Each record goes through the pipeline on its own; the reliability model then scores the
    whole chunk at once (one sparse matrix), which is most of the fast path's saving. A
    missing or broken model (:class:`ModelError`) fails the chunk: it would fail every row.
    """

    records = list(records)
    rows: list[dict[str, Any] | None] = [None] * len(records)
    reports: list[tuple[int, Report]] = []
    for position, record in enumerate(records):
        if record.error is not None:
            rows[position] = empty_row(record, record.error)
            continue
        try:
            reports.append((position, _report_without_reliability(record, options.depth)))
        except ModelError:
            raise
        except Exception as exc:
            if isinstance(exc, OSError) and exc.errno in OUT_OF_SPACE_ERRNOS:
                raise  # a full disk would fail every row: stop, keeping the finished chunks
            rows[position] = _error_row(record, exc)
    scored = _score_chunk(reports, depth=options.depth, explain=options.with_reports)
    if options.claims and options.depth == "fast" and reports:
        from veracity.batch.claims import check_claims_batch

        for (_, report), claims in zip(
            reports, check_claims_batch([report for _, report in reports]), strict=True
        ):
            report.claims = claims
    for (position, report), outcome in zip(reports, scored, strict=True):
        record = records[position]
        if isinstance(outcome, Exception):
            rows[position] = _error_row(record, outcome)
            continue
        report.reliability = outcome.reliability
        report.reliability_status = outcome.status
        if outcome.note:
            report.notes.insert(0, outcome.note)
        row = project_report(record, report)
        if options.with_reports:
            row[REPORT_KEY] = report.model_dump(mode="json")
        rows[position] = row
    return [row for row in rows if row is not None]


def _score_chunk(
    reports: list[tuple[int, Report]], *, depth: Depth, explain: bool
) -> list[ReliabilityOutcome | Exception]:
    """Reliability of each report by its path's model, the chunk at once; one by one if the
    chunk fails (the same model ``analyze`` uses at that depth)."""
    from veracity.models import score_reliability_batch

    texts = [report.text for _, report in reports]
    signals = [report.signals for _, report in reports]
    languages = [report.language for _, report in reports]
    try:
        return list(
            score_reliability_batch(
                texts, signals, explain=explain, depth=depth, languages=languages
            )
        )
    except ModelError:
        raise
    except Exception:  # find the row that broke it, and score the others
        results: list[ReliabilityOutcome | Exception] = []
        for text, found, language in zip(texts, signals, languages, strict=True):
            try:
                results.extend(
                    score_reliability_batch(
                        [text], [found], explain=explain, depth=depth, languages=[language]
                    )
                )
            except ModelError:
                raise
            except Exception as exc:
                results.append(exc)
        return results


def prepare_worker(depth: Depth) -> None:
    """Load every model of ``depth`` once, single-threaded, before the first chunk arrives."""
    for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    from veracity.ingest import article_from_text
    from veracity.pipeline import analyze

    # a missing model is reported by the first record, where the engine can raise it
    with contextlib.suppress(VeracityError):
        analyze(article_from_text(_WARM_UP_TEXT), depth=depth)
    if "torch" in sys.modules:  # one process per core: intra-op threads would oversubscribe
        sys.modules["torch"].set_num_threads(1)
