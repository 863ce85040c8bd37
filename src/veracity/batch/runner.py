"""Run a batch job: read the input in chunks, analyse the chunks not yet done, join the output.

Entry point: :func:`run_batch`. Chunk ``k`` always holds input rows ``k*chunk_size`` to
``(k+1)*chunk_size - 1``, so a restart, another engine or another worker count produce the
same chunks and the same output.
"""

from __future__ import annotations

import dataclasses
import itertools
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from veracity._version import __version__
from veracity.batch.analysis import AnalysedRow, AnalysisOptions
from veracity.batch.checkpoint import ChunkStore, input_fingerprint
from veracity.batch.engines import ChunkWork, OnChunk, run_in_process, run_process_pool
from veracity.batch.progress import BatchProgress
from veracity.batch.readers import (
    DOCUMENT_SUFFIXES,
    InputRecord,
    InputSpec,
    count_records,
    error_reason,
    read_records,
    walk_documents,
)
from veracity.batch.writers import output_format, write_results
from veracity.errors import OUT_OF_SPACE_ERRNOS, InputError, OutputError
from veracity.nlp.document import Depth
from veracity.settings import get_settings

if TYPE_CHECKING:
    from veracity.batch.row import BatchRow
    from veracity.store import Database

Engine = Literal["local", "ray"]
DEFAULT_CHUNK_SIZE = 100
# Past these a value is a typo; past sys.maxsize (or a C int for workers) it ended the run in
# an OverflowError from islice or the process pool.
MAX_CHUNK_SIZE = 1_000_000
MAX_WORKERS = 1024


@dataclass(frozen=True)
class BatchJob:
    """Everything that defines one batch run."""

    input: InputSpec
    out: Path
    depth: Depth = "fast"
    claims: bool = False  # fast path plus check-worthy claims and debunk matching
    corroborate: bool = False  # then group the corpus into events and compare their claims
    adapt: bool = False  # then refit the fast model with the batch's pseudo-labels and rescore
    chunk_size: int = DEFAULT_CHUNK_SIZE
    workers: int | None = None  # local: 1; a local Ray: every CPU
    engine: Engine = "local"
    ray_address: str | None = None
    fresh: bool = False
    keep_parts: bool = False
    store: bool = False
    database_url: str | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.chunk_size <= MAX_CHUNK_SIZE:
            raise InputError(f"--chunk-size must be between 1 and {MAX_CHUNK_SIZE:,}")
        if self.workers is not None and not 1 <= self.workers <= MAX_WORKERS:
            raise InputError(f"--workers must be between 1 and {MAX_WORKERS:,}")
        if self.adapt:
            refused = [
                flag
                for flag, given in (
                    ("--depth deep", self.depth == "deep"),
                    ("--corroborate", self.corroborate),
                    ("--store", self.store),
                )
                if given
            ]
            if refused:
                raise InputError(
                    f"--adapt runs on the fast path's scores alone and does not combine with "
                    f"{' or '.join(refused)}"
                )

    def manifest(self) -> dict[str, Any]:
        """What the rows depend on: input, columns, depth, chunking, output format, version.

        Engine and worker count are left out: a run may be resumed with either changed.
        """
        return {
            "input": input_fingerprint(self.input),
            "format": self.input.format,
            "columns": {
                "text": self.input.text_col,
                "title": self.input.title_col,
                "id": self.input.id_col,
                "url": self.input.url_col,
            },
            "encoding": self.input.encoding,
            "depth": self.depth,
            "claims": self.claims,
            "chunk_size": self.chunk_size,
            "output_format": output_format(self.out),
            "store": self.store,
            "veracity_version": __version__,
            **self._corroboration_manifest(),
            # only an adapting run names it: a resumed run cannot mix adapted and shipped rows
            **({"adapt": True} if self.adapt else {}),
        }

    def _corroboration_manifest(self) -> dict[str, Any]:
        """Only a corroborating run names it: other runs keep the manifest they always had."""
        if not self.corroborate:
            return {}
        columns = {"publisher": self.input.publisher_col, "date": self.input.date_col}
        return {"corroborate": True, "corroboration_columns": columns}


@dataclass
class BatchSummary:
    """What a batch run produced."""

    output: Path
    rows: int = 0
    errors: int = 0
    error_reasons: Counter[str] = field(default_factory=Counter)
    # the first error message of each reason, as its row has it
    error_examples: dict[str, str] = field(default_factory=dict)
    labels: Counter[str] = field(default_factory=Counter)
    resumed_rows: int = 0
    analysed_rows: int = 0
    elapsed_s: float = 0.0
    # files of an input folder that are no documents it reads, by suffix
    not_read: Counter[str] = field(default_factory=Counter)
    # ids that more than one input row has: the rows after the first with each
    duplicate_ids: Counter[str] = field(default_factory=Counter)

    @property
    def analysed_per_s(self) -> float:
        """Rows analysed per second in this run (resumed rows excluded)."""
        return self.analysed_rows / self.elapsed_s if self.elapsed_s > 0 else 0.0


def run_batch(job: BatchJob, progress: BatchProgress | None = None) -> BatchSummary:
    """Analyse every input row into ``job.out``, resuming an interrupted run of the same job."""
    if job.chunk_size < 1:
        raise InputError("--chunk-size must be at least 1")
    if job.workers is not None and job.workers < 1:
        raise InputError("--workers must be at least 1")
    if job.out.resolve() == job.input.path.resolve():
        raise InputError("--out must not be the input file")
    # the nearest folder of --out that exists must be a folder (mkdir says "File exists")
    nearest = next(
        folder for folder in (job.out.parent, *job.out.parent.parents) if folder.exists()
    )
    if not nearest.is_dir():
        raise InputError(f"--out {job.out}: {nearest} is a file, not a folder")
    started = time.perf_counter()
    data_dir = get_settings().data_dir
    if job.adapt:  # before any chunk: the corpora the refit reads and the card's share
        from veracity.batch.adaptation import check_adaptation

        check_adaptation(data_dir)
    parts = ChunkStore(job.out, job.manifest())
    with _writing(parts.folder):
        job.out.parent.mkdir(parents=True, exist_ok=True)
        parts.open(fresh=job.fresh)
        if "total_rows" not in parts.manifest:
            parts.manifest["total_rows"] = count_records(job.input)
            parts.save_manifest()
    total = parts.manifest["total_rows"]
    if total == 0:  # a wrong folder or an empty export: say so, not "0 rows" and exit 0
        parts.remove()
        raise InputError(_nothing_to_analyse(job.input))
    n_chunks = -(-total // job.chunk_size)
    done = parts.done_chunks()
    resumed_rows = sum(_chunk_rows(chunk_id, job.chunk_size, total) for chunk_id in done)
    if progress is not None:
        progress.start(total, resumed_rows)
    summary = BatchSummary(output=job.out, resumed_rows=resumed_rows)
    if job.input.format == "dir":  # one more listing of the folder: what it does not read
        for _ in walk_documents(job.input.path, summary.not_read):
            pass

    claims = job.claims or job.corroborate
    options = AnalysisOptions(depth=job.depth, with_reports=job.store, claims=claims)
    database = _open_store(job) if job.store else None

    def on_chunk(chunk_id: int, results: list[AnalysedRow]) -> None:
        if database is not None and job.corroborate:
            # stored once corroborated (run_corroboration), so that the stored analysis says
            # what the row says: the score corroboration moved, the claims' statuses
            with _writing(parts.reports_path(chunk_id)):
                parts.write_reports(chunk_id, [r.report for r in results])
            rows = [r.row.model_copy(update={"analysis_id": None}) for r in results]
        elif database is not None:
            rows = store_reports(database, results)
        else:
            rows = [r.row for r in results]
        with _writing(parts.chunk_path(chunk_id)):
            parts.write_chunk(chunk_id, rows)
        summary.analysed_rows += len(rows)
        if progress is not None:
            progress.advance(len(rows))

    try:
        _run_engine(
            job,
            options,
            _pending_chunks(job, done, summary.duplicate_ids),
            on_chunk,
            mark=parts.mark_path,
        )
        if job.corroborate:
            from veracity.batch.corroboration import run_corroboration

            with _writing(parts.folder):
                run_corroboration(
                    job.input,
                    parts,
                    n_chunks,
                    workers=job.workers or 1,
                    database=database,
                    chunk_size=job.chunk_size,
                )
        if job.adapt:
            from veracity.batch.adaptation import run_adaptation

            with _writing(parts.folder):
                run_adaptation(job.input, parts, n_chunks, data_dir)
    except OSError as exc:
        if exc.errno not in OUT_OF_SPACE_ERRNOS:
            raise
        raise OutputError(
            f"out of disk space while analysing ({exc.strerror or exc}). Free some space and "
            "rerun the same command: finished chunks are kept"
        ) from exc
    finally:
        if database is not None:
            database.dispose()
    _finish(job, parts, n_chunks, total, summary)
    summary.elapsed_s = time.perf_counter() - started
    return summary


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    """Turn a failed write (disk full, file size limit, permissions) into one clear error."""
    try:
        yield
    except OSError as exc:
        remedy = (
            "Free some space"
            if exc.errno in OUT_OF_SPACE_ERRNOS
            else "Fix the folder or its permissions"
        )
        raise OutputError(
            f"cannot write {path}: {exc.strerror or exc}. {remedy} and rerun the same command: "
            "finished chunks are kept"
        ) from exc


def _open_store(job: BatchJob) -> Database:
    from veracity.store import open_database

    return open_database(job.database_url)


def store_reports(database: Database, results: list[AnalysedRow]) -> list[BatchRow]:
    """Save the full reports of a chunk in the store (one transaction): the rows with the ids
    of their stored analyses (None for an error row).

    Saving is insert-or-get, so a chunk stored again after a crash adds nothing twice.
    """
    from veracity.store import save_report

    rows = []
    with database.session(write=True) as session:
        for result in results:
            analysis_id = None
            if result.report is not None:
                analysis_id = save_report(session, result.report)[0].id
            rows.append(result.row.model_copy(update={"analysis_id": analysis_id}))
    return rows


def _chunk_rows(chunk_id: int, chunk_size: int, total: int) -> int:
    return max(0, min(chunk_size, total - chunk_id * chunk_size))


def _pending_chunks(
    job: BatchJob, done: set[int], duplicates: Counter[str] | None = None
) -> Iterator[ChunkWork]:
    """The chunks still to analyse, read from the input in order; finished ones are skipped
    (but read, so that a row repeating an earlier row's id is noted however the run resumed)."""
    records = noting_duplicate_ids(read_records(job.input), duplicates)
    for chunk_id in itertools.count():
        chunk = list(itertools.islice(records, job.chunk_size))
        if not chunk:
            return
        if chunk_id not in done:
            yield chunk_id, chunk


def noting_duplicate_ids(
    records: Iterable[InputRecord], duplicates: Counter[str] | None = None
) -> Iterator[InputRecord]:
    """The records, each one whose id an earlier record has with a note naming that row (the
    row is analysed all the same); ``duplicates`` counts such rows by id."""
    first: dict[str, int] = {}
    for record in records:
        ident = record.id
        if ident is None:  # a row with no id shares none
            yield record
            continue
        earlier = first.setdefault(ident, record.index)
        if earlier != record.index:
            note = f"duplicate id {ident!r}: row {earlier} has it too"
            record = dataclasses.replace(record, notes=(*record.notes, note))
            if duplicates is not None:
                duplicates[ident] += 1
        yield record


def _run_engine(
    job: BatchJob,
    options: AnalysisOptions,
    chunks: Iterator[ChunkWork],
    on_chunk: OnChunk,
    mark: Path | None = None,
) -> None:
    if job.engine == "ray":
        from veracity.batch.ray_engine import run_on_ray

        run_on_ray(
            chunks,
            options,
            on_chunk,
            address=job.ray_address,
            workers=job.workers if job.ray_address is None else None,
        )
    elif job.workers in (None, 1):
        run_in_process(chunks, options, on_chunk, mark=mark)
    else:
        run_process_pool(chunks, options, on_chunk, workers=job.workers)


def _finish(
    job: BatchJob, parts: ChunkStore, n_chunks: int, total: int, summary: BatchSummary
) -> None:
    """Join the chunks into the output (counting rows, errors and labels), then drop the parts."""

    def counted(rows: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for row in rows:
            summary.rows += 1
            if row.get("error"):
                summary.errors += 1
                reason = error_reason(row["error"])
                summary.error_reasons[reason] += 1
                summary.error_examples.setdefault(reason, str(row["error"]))
            elif row.get("label"):
                summary.labels[row["label"]] += 1
            yield row
        if summary.rows != total:  # raised inside the writer: the output is not replaced
            raise InputError(
                f"the input changed during the run ({summary.rows:,} rows read back, "
                f"{total:,} counted); rerun with --fresh"
            )

    rows = counted(parts.read_rows(n_chunks))
    if job.corroborate:
        from veracity.batch.corroboration import merge_corroboration

        rows = merge_corroboration(parts, rows)
    if job.adapt:
        from veracity.batch.adaptation import adaptation_share, merge_adaptation

        rows = merge_adaptation(parts, rows, adaptation_share())
    with _writing(job.out):
        write_results(job.out, rows, corroboration=job.corroborate)
    if not job.keep_parts:
        parts.remove()


def _nothing_to_analyse(spec: InputSpec) -> str:
    if spec.format == "dir":
        return (
            f"{spec.path} holds no documents to analyse (files ending in "
            f"{', '.join(DOCUMENT_SUFFIXES)}, in it or its subfolders)"
        )
    return f"{spec.path} holds no rows to analyse"


def reason_shown(reason: str, count: int, examples: dict[str, str]) -> str:
    """A kind of error as a reader reads it: the row's own message when one row has it ("lines
    3-5 ... has 6 fields, the header has 4", not "lines N ... has N fields, the header has N"),
    else the kind with its first message."""
    example = examples.get(reason)
    if example is None or example == reason:
        return reason
    return example if count == 1 else f"{reason} (first: {example})"
