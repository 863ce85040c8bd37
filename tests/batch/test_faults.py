"""Fault injection: a full disk (a failing writer in process, a file size limit on a real
``veracity batch``) and malformed rows. The run fails with one clear error and keeps its
finished chunks; the restart completes with every row exactly once and a valid output."""

from __future__ import annotations

import errno
import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.batch.conftest import corpus_rows
from veracity.batch import BatchJob, InputSpec, read_results, run_batch, writers
from veracity.batch.checkpoint import ChunkStore
from veracity.errors import OutputError

REPO = Path(__file__).resolve().parents[2]
MALFORMED_LINES = ['{"id": "broken-json", "text": "unterminated', "[1, 2, 3]", "null"]


def corpus_with_malformed_rows(path: Path, n: int) -> list[str | None]:
    """Write ``n`` good rows with malformed lines mixed in; returns every row's id in order."""
    lines: list[str] = []
    ids: list[str | None] = []
    for number, row in enumerate(corpus_rows(n)):
        lines.append(json.dumps(row))
        ids.append(row["id"])
        if number % 5 == 2:
            lines.append(MALFORMED_LINES[(number // 5) % len(MALFORMED_LINES)])
            # a row that cannot be read has no id (its index might be another row's id); its
            # index names it
            ids.append(None)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def check_complete(out: Path, ids: list[str | None]) -> None:
    """The output holds every input row exactly once, in order, errors as error rows."""
    rows = list(read_results(out))
    assert [row["id"] for row in rows] == ids
    assert [row["index"] for row in rows] == list(range(len(ids)))
    malformed = [row for row in rows if row["error"]]
    assert len(malformed) == sum(1 for i in ids if i is None)
    assert all(row["analysis_path"] == "fast" for row in rows if not row["error"])
    assert not list(out.parent.glob(".*.tmp-*")), "a temporary file was left behind"


def test_a_failing_writer_stops_the_run_and_the_restart_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "in.jsonl"
    ids = corpus_with_malformed_rows(source, 16)
    out = tmp_path / "out.jsonl"
    job = BatchJob(input=InputSpec.for_path(source), out=out, chunk_size=3)
    real_write = ChunkStore.write_chunk
    written: list[int] = []

    def write_until_the_disk_fills(store: ChunkStore, chunk_id: int, rows: list) -> None:
        if len(written) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(store.chunk_path(chunk_id)))
        real_write(store, chunk_id, rows)
        written.append(chunk_id)

    monkeypatch.setattr(ChunkStore, "write_chunk", write_until_the_disk_fills)
    with pytest.raises(OutputError, match=r"No space left on device.*rerun the same command"):
        run_batch(job)
    parts = tmp_path / "out.jsonl.parts"
    assert sorted(p.name for p in parts.glob("chunk-*")) == [
        "chunk-000000.jsonl",
        "chunk-000001.jsonl",
    ]
    assert not out.exists()

    monkeypatch.setattr(ChunkStore, "write_chunk", real_write)
    summary = run_batch(job)
    assert summary.resumed_rows == 6 and summary.rows == len(ids)
    check_complete(out, ids)
    assert not parts.exists()


def test_a_full_disk_while_joining_the_output_keeps_every_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "in.jsonl"
    ids = corpus_with_malformed_rows(source, 10)
    out = tmp_path / "out.jsonl"
    job = BatchJob(input=InputSpec.for_path(source), out=out, chunk_size=4)
    real_write_atomically = writers.write_atomically

    def fill_the_disk_halfway(path: Path, chunks) -> None:
        def some_then_full():
            for number, chunk in enumerate(chunks):
                if number == 5:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
                yield chunk

        real_write_atomically(path, some_then_full())

    monkeypatch.setattr(writers, "write_atomically", fill_the_disk_halfway)
    with pytest.raises(OutputError, match=r"cannot write .*out\.jsonl: No space left on device"):
        run_batch(job)
    assert not out.exists()
    assert len(list((tmp_path / "out.jsonl.parts").glob("chunk-*.jsonl"))) == -(-len(ids) // 4)

    monkeypatch.setattr(writers, "write_atomically", real_write_atomically)
    summary = run_batch(job)
    assert summary.resumed_rows == len(ids) and summary.analysed_rows == 0
    check_complete(out, ids)


def _limit_file_size(max_bytes: int):
    def apply() -> None:
        # Past the limit a write fails with EFBIG instead of killing the process (SIGXFSZ).
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    return apply


def batch(source: Path, out: Path, max_file_bytes: int) -> subprocess.CompletedProcess:
    """``veracity batch`` in a process whose files cannot grow past ``max_file_bytes``."""
    command = [sys.executable, "-m", "veracity.cli", "batch", str(source), "--out", str(out)]
    return subprocess.run(
        [*command, "--chunk-size", "4"],
        cwd=REPO,
        env={**os.environ, "COLUMNS": "200"},
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_limit_file_size(max_file_bytes),
    )


@pytest.mark.slow
def test_a_file_size_limit_stops_the_real_command_clearly_and_a_rerun_completes(
    tmp_path: Path,
) -> None:
    """Under a 6 kB file size limit the models cannot unpack their temporary files: the run
    stops with one clear error instead of writing every row as an error row."""
    source = tmp_path / "in.jsonl"
    ids = corpus_with_malformed_rows(source, 20)
    out = tmp_path / "out.jsonl"
    limited = batch(source, out, max_file_bytes=6_000)
    assert limited.returncode == 8, limited.stderr
    message = " ".join(limited.stderr.split())
    assert "File too large" in message and "rerun the same command" in message
    assert "Traceback" not in limited.stderr and "internal error" not in limited.stderr
    assert not out.exists()
    for chunk in (tmp_path / "out.jsonl.parts").glob("chunk-*.jsonl"):
        assert "internal error" not in chunk.read_text(encoding="utf-8")

    summary = run_batch(BatchJob(input=InputSpec.for_path(source), out=out, chunk_size=4))
    assert summary.rows == len(ids)
    check_complete(out, ids)


def test_a_row_that_kills_its_worker_is_an_error_row_and_the_batch_goes_on() -> None:
    """Hostile round 5: a row that killed the worker analysing it (out of memory, a crash in a
    library) broke the pool; the chunks in flight were sent again whole, the row killed the
    next pool too, and after 3 restarts the run stopped, as every rerun then did at the same
    chunk: the rest of the batch was never analysed. The chunks in flight are now analysed
    again one row at a time and the row that dies alone becomes an error row."""
    from tests.batch.poison import analyse_or_die
    from veracity.batch.analysis import AnalysisOptions
    from veracity.batch.engines import run_process_pool
    from veracity.batch.readers import InputRecord

    body = "The council said on Monday that the new bridge will open to traffic next week."
    texts = [body, body, "POISON", body, body, body, body, body]
    records = [InputRecord(index=i, id=str(i), text=text) for i, text in enumerate(texts)]
    chunks = [(n, records[2 * n : 2 * n + 2]) for n in range(4)]
    finished: dict[int, list] = {}
    run_process_pool(
        iter(chunks),
        AnalysisOptions(depth="fast"),
        lambda chunk_id, rows: finished.setdefault(chunk_id, rows),
        workers=2,
        analyse=analyse_or_die,
    )
    rows = [result.row for chunk_id in sorted(finished) for result in finished[chunk_id]]
    assert [row.index for row in rows] == list(range(8))
    assert [row.error is not None for row in rows] == [i == 2 for i in range(8)]
    assert "worker process died analysing this row" in rows[2].error


def test_with_workers_1_a_row_that_kills_the_process_is_an_error_row_after_reruns(
    tmp_path: Path,
) -> None:
    """Hostile round 6, attack 3 (left by round 5): with ``--workers 1`` the rows are analysed
    in the command's own process, so a row that killed it stopped every rerun at its chunk.
    A rerun now analyses the chunk the last run died in one row at a time, and a row that a
    run died on alone twice becomes an error row: four runs, the last one complete."""
    body = "The council said on Monday that the new bridge will open to traffic next week."
    texts = [body, body, body, "POISON", body, body, body, body]
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(json.dumps({"id": str(i), "text": text}) + "\n" for i, text in enumerate(texts)),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "tests.batch.poison", str(source), str(out)]
    codes = []
    for _ in range(6):
        run = subprocess.run(
            command, cwd=REPO, capture_output=True, text=True, timeout=300, env=_pythonpath()
        )
        codes.append(run.returncode)
        if run.returncode == 0:
            break
    assert codes == [9, 9, 9, 0], codes
    rows = list(read_results(out))
    assert [row["id"] for row in rows] == [str(i) for i in range(8)]
    assert [bool(row.get("error")) for row in rows] == [i == 3 for i in range(8)]
    assert "the batch process died analysing this row (2 runs, the row alone" in rows[3]["error"]
    assert not (tmp_path / "out.jsonl.parts").exists()


def _pythonpath() -> dict[str, str]:
    src = str(REPO / "src")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), src])}
