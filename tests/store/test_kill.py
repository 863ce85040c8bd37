"""A writer killed (SIGKILL) in the middle of its writes leaves a SQLite file that passes
``PRAGMA integrity_check`` and holds every committed analysis intact."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.store.test_repository import make_report
from veracity.store import get_analysis, open_database

REPO = Path(__file__).resolve().parents[2]
COMMITS_BEFORE_KILL = 40

# Writes analyses one transaction each (with a few big ones, so a kill can land inside a
# long write), printing each id once its transaction has committed.
WRITER = """
import sys
from tests.store.test_repository import make_report
from veracity.store import open_database, save_report

database = open_database(sys.argv[1])
for n in range(100_000):
    body = ("Experts say the water is safe. " + "The council met again. " * (n % 7) * 2_000)
    report = make_report(title=f"Writer article {n}", body=body)
    with database.session(write=True) as session:
        stored, _ = save_report(session, report)
    print(stored.id, n, flush=True)
"""


def test_sigkill_mid_write_leaves_a_sound_database(tmp_path: Path) -> None:
    path = tmp_path / "veracity.db"
    open_database(f"sqlite:///{path}").dispose()  # migrated before the writer starts
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, f"sqlite:///{path}"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    committed: dict[int, int] = {}
    deadline = time.monotonic() + 120
    assert writer.stdout is not None
    while len(committed) < COMMITS_BEFORE_KILL and time.monotonic() < deadline:
        line = writer.stdout.readline()
        assert line, writer.stderr.read() if writer.stderr else "writer exited"
        analysis_id, n = map(int, line.split())
        committed[analysis_id] = n
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    assert len(committed) == COMMITS_BEFORE_KILL

    with sqlite3.connect(path) as connection:  # a plain connection: replays the WAL
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    database = open_database(f"sqlite:///{path}")
    try:
        with database.session() as session:
            for analysis_id, n in committed.items():
                stored = get_analysis(session, analysis_id)
                assert stored is not None, f"committed analysis {analysis_id} is lost"
                expected = make_report(title=f"Writer article {n}")
                assert stored.report.title == expected.title
                assert stored.report.signals == expected.signals
        # The database still takes writes after the crash.
        with database.session(write=True) as session:
            from veracity.store import save_report

            _, created = save_report(session, make_report(title="After the crash"))
        assert created
    finally:
        database.dispose()
