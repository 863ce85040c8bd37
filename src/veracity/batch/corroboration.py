"""The corpus-level step of ``veracity batch --corroborate``, run once every chunk is done.

It reads the input again (the texts are not in the result rows) beside the finished rows,
groups the corpus into events and compares each article's claims with the other origins of
its event (:func:`veracity.corroborate.corroborate_corpus`); each row's corroboration and
adjusted score go to ``<out>.parts/corroboration.jsonl``, written atomically, so a killed run
redoes this step whole or finds it done. :func:`merge_corroboration` joins it to the rows.
With ``--store``, the reports the chunks kept in the parts folder are stored here, each with
its corroboration and moved score, and each result line names its stored analysis.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from veracity.batch.checkpoint import ChunkStore, write_atomically
from veracity.batch.readers import InputRecord, InputSpec, read_records

if TYPE_CHECKING:
    from veracity.report.schema import Corroboration
    from veracity.store import Database

RESULT_NAME = "corroboration.jsonl"


def result_path(parts: ChunkStore) -> Path:
    return parts.folder / RESULT_NAME


def run_corroboration(
    spec: InputSpec,
    parts: ChunkStore,
    n_chunks: int,
    workers: int = 1,
    *,
    database: Database | None = None,
    chunk_size: int = 1,
) -> None:
    """Corroborate the analysed rows, unless an earlier run already wrote the result.

    ``workers``: processes that read the articles' words and figures (the rest runs here);
    ``database`` (``--store``): each row's report kept in the parts folder is stored with its
    corroboration, and the result names that stored analysis (``chunk_size``: the job's, to
    find a row's chunk)."""
    path = result_path(parts)
    if path.exists():
        return
    from veracity.corroborate import adjust_score, corroborate_corpus
    from veracity.corroborate.corpus import moved_score_note
    from veracity.corroborate.events import minilm_embedder
    from veracity.models import label_for

    analysed: list[dict[str, Any]] = []  # index and score of each analysed row, in order

    def articles() -> Iterator[Any]:
        rows = parts.read_rows(n_chunks)
        for record, row in zip(read_records(spec), rows, strict=True):
            if row.get("error"):
                continue
            analysed.append({"index": row["index"], "score": row.get("score")})
            yield _corpus_article(record, row)

    results = corroborate_corpus(articles(), embed=minilm_embedder(), workers=workers)
    lines = []
    adjusted_rows = []
    for row, corroboration in zip(analysed, results, strict=True):
        adjusted = adjust_score(corroboration, row["score"])
        adjusted_rows.append((row["index"], adjusted))
        line: dict[str, Any] = {"index": row["index"], "corroboration": adjusted.model_dump()}
        if adjusted.score is not None:
            line["label"] = label_for(adjusted.score)
        if (moved := moved_score_note(adjusted)) is not None:
            line["note"] = moved
        lines.append(line)
    if database is not None:
        stored = _store_corroborated(database, parts, adjusted_rows, chunk_size)
        for line in lines:
            if line["index"] in stored:
                line["analysis_id"] = stored[line["index"]]
    write_atomically(
        path, (json.dumps(line, ensure_ascii=False).encode("utf-8") + b"\n" for line in lines)
    )


STORE_BATCH = 100  # reports saved per transaction


def _store_corroborated(
    database: Database,
    parts: ChunkStore,
    rows: list[tuple[int, Corroboration]],
    chunk_size: int,
) -> dict[int, int]:
    """Store each row's kept report with its corroboration; the stored analysis id by row
    index. A chunk that kept no reports (stored as it went, by an earlier version) is left as
    its rows name it. Saving is insert-or-get, so a step redone after a crash adds nothing."""
    from veracity.pipeline import with_corroboration
    from veracity.report.schema import Report
    from veracity.store import save_report

    stored: dict[int, int] = {}
    chunk_id, reports = -1, None
    pending: list[tuple[int, Report]] = []

    def save() -> None:
        with database.session(write=True) as session:
            for index, report in pending:
                stored[index] = save_report(session, report)[0].id
        pending.clear()

    for index, corroboration in rows:
        if index // chunk_size != chunk_id:
            chunk_id = index // chunk_size
            reports = parts.read_reports(chunk_id)
        kept = reports[index - chunk_id * chunk_size] if reports is not None else None
        if kept is None:
            continue
        pending.append((index, with_corroboration(Report.model_validate(kept), corroboration)))
        if len(pending) >= STORE_BATCH:
            save()
    if pending:
        save()
    return stored


def merge_corroboration(
    parts: ChunkStore, rows: Iterator[dict[str, Any]]
) -> Iterator[dict[str, Any]]:
    """The rows with their ``corroboration`` (None for error rows) and adjusted score."""
    from veracity.corroborate import corroborated_version
    from veracity.report.schema import Corroboration

    with result_path(parts).open("rb") as stream:
        results = (json.loads(line) for line in stream)
        pending = next(results, None)
        for row in rows:
            row["corroboration"] = None
            if pending is not None and pending["index"] == row["index"]:
                corroboration = pending["corroboration"]
                row["corroboration"] = corroboration
                if "analysis_id" in pending:  # stored with its corroboration
                    row["analysis_id"] = pending["analysis_id"]
                if "note" in pending:  # the score moved: the stored report says so too
                    row["notes"] = [*(row.get("notes") or []), pending["note"]]
                if corroboration.get("score") is not None:
                    row["score"] = corroboration["score"]
                    row["label"] = pending["label"]
                    # corroboration-1+<model> only where it moved the score
                    row["model_version"] = corroborated_version(
                        Corroboration.model_validate(corroboration), row["model_version"]
                    )
                pending = next(results, None)
            yield row


def _corpus_article(record: InputRecord, row: dict[str, Any]) -> Any:
    from veracity.corroborate import CorpusArticle, parse_date

    text, title = record.text or "", record.title
    if record.raw is not None:  # a folder document: decode it as the analysis did
        from veracity.ingest import article_from_bytes

        article = article_from_bytes(record.raw, html=record.html)
        text, title = article.text[article.body_start :], article.title
    notes: tuple[str, ...] = ()
    try:
        published = parse_date(record.published)
    except ValueError as exc:
        published, notes = None, (str(exc),)
    return CorpusArticle(
        id=record.id if record.id is not None else f"row {record.index}",
        text=text,
        title=title or row.get("title"),
        publisher=record.publisher or row.get("source_domain"),
        published=published,
        notes=notes,
        language=row.get("language"),
    )
