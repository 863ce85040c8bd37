import os
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tests.batch.conftest import corpus_rows, read_jsonl, write_jsonl
from tests.test_cli import veracity
from veracity.batch import BatchJob, InputSpec, run_batch
from veracity.batch.ray_engine import RAY_AUTH_VARIABLES, TASK_NAME

ray = pytest.importorskip("ray")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def _chunk_task_pids() -> list[int]:
    """Ray worker processes busy with a batch chunk (Ray titles them ``ray::<task name>``)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as stream:
                command = stream.read()
        except OSError:
            continue
        if command.startswith(f"ray::{TASK_NAME}".encode()):
            pids.append(int(entry))
    return pids


def test_a_ray_started_here_keeps_its_session_where_only_this_user_can_enter(
    tmp_path: Path, small_jsonl: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hostile round 16: a local Ray made its session folder (unix sockets, logs, spilled
    objects) under RAY_TMPDIR/ray, every folder of it writable by every user (777, not sticky),
    and left it behind. It is now made in a folder of this user's alone (0700), removed after.
    Runs first in this module: Ray must not be started yet, so that the batch starts its own."""
    assert not ray.is_initialized()
    # a short name: Ray's unix sockets live under it, and their paths are 107 bytes at most
    shared = Path(tempfile.mkdtemp(prefix="s16-", dir="/tmp"))
    shared.chmod(0o1777)
    monkeypatch.setenv("RAY_TMPDIR", str(shared))
    # Round 17, attack 5: without a token in the environment a new local Ray wrote one to
    # ~/.ray/auth_token, mode 0644, the key to its ports for anyone who can read the home folder
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    # a user who set Ray's authentication keeps it; without, this process's Rays use its own
    own_token = not any(name in os.environ for name in RAY_AUTH_VARIABLES)
    seen: list[int] = []
    modes: list[str | None] = []

    class Watch:  # as rows come in, Ray runs: what is in the shared folder then
        def start(self, total: int, already_done: int) -> None: ...

        def advance(self, rows: int) -> None:
            seen.extend(entry.stat().st_mode & 0o777 for entry in shared.iterdir())
            modes.append(os.environ.get("RAY_AUTH_MODE"))

    job = BatchJob(
        input=InputSpec.for_path(small_jsonl),
        out=tmp_path / "ray.jsonl",
        chunk_size=6,
        engine="ray",
        workers=1,
    )
    try:
        summary = run_batch(job, progress=Watch())
        left = list(shared.iterdir())
    finally:
        shutil.rmtree(shared)
    assert summary.rows == 12 and not ray.is_initialized()
    assert seen and set(seen) == {0o700}
    assert left == []
    if own_token:
        assert modes and set(modes) == {"token"}  # authenticated, by a token on no disk
        assert not (home / ".ray").exists()


def test_ray_gives_the_same_rows_as_the_local_engine(
    local_ray, tmp_path: Path, small_jsonl: Path
) -> None:
    local = BatchJob(
        input=InputSpec.for_path(small_jsonl), out=tmp_path / "local.jsonl", chunk_size=3
    )
    on_ray = BatchJob(
        input=InputSpec.for_path(small_jsonl),
        out=tmp_path / "ray.jsonl",
        chunk_size=3,
        engine="ray",
    )
    run_batch(local)
    summary = run_batch(on_ray)
    assert summary.rows == 12 and ray.is_initialized()  # a caller's Ray is left running
    assert read_jsonl(tmp_path / "ray.jsonl") == read_jsonl(tmp_path / "local.jsonl")


def test_a_killed_ray_worker_loses_and_duplicates_nothing(local_ray, tmp_path: Path) -> None:
    rows = corpus_rows(40)
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    killed: list[int] = []

    def kill_one_busy_worker() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed:
            for pid in _chunk_task_pids():
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                break
            time.sleep(0.005)

    killer = threading.Thread(target=kill_one_busy_worker, daemon=True)
    killer.start()
    job = BatchJob(
        input=InputSpec.for_path(source), out=tmp_path / "out.jsonl", chunk_size=4, engine="ray"
    )
    summary = run_batch(job)
    killer.join(timeout=5)
    assert killed, "no Ray worker was caught running a chunk"
    results = read_jsonl(tmp_path / "out.jsonl")
    assert [r["id"] for r in results] == [r["id"] for r in rows]
    assert summary.rows == 40 and summary.errors == 0


def test_the_cli_on_ray_prints_no_ray_warning_amid_its_progress(
    tmp_path: Path, small_jsonl: Path
) -> None:
    """Probe s49 U5: `veracity batch --engine ray` printed Ray's own "WARNING ... Token
    authentication is enabled for this Ray cluster ..." line amid the progress."""
    out = tmp_path / "ray.jsonl"
    result = veracity(
        "batch", str(small_jsonl), "--out", str(out), "--engine", "ray", "--workers", "1"
    )
    assert result.returncode == 0, result.stderr
    assert len(read_jsonl(out)) == 12
    assert "WARNING" not in result.stderr and "Token authentication" not in result.stderr, (
        result.stderr
    )


# A caller that ran its own local Ray first (no token of veracity's: Ray's setup wrote one to
# the home folder and set RAY_AUTH_MODE=token), shut it down and removed the key file Ray left
# readable to all, then runs a batch on veracity's own local Ray. In a child process: the
# Rays it starts and the environment Ray changes must not reach the tests after this one.
_CALLER_RAN_RAY_FIRST = """
import json, os, sys
from pathlib import Path

import ray

from veracity.batch import BatchJob, InputSpec, run_batch
from veracity.errors import VeracityError

home, corpus, out = map(Path, sys.argv[1:])
ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False)
ray.shutdown()
mode = os.environ.get("RAY_AUTH_MODE")
(home / ".ray" / "auth_token").unlink()
tokens = []

class Watch:
    def start(self, total, already_done): ...

    def advance(self, rows):
        tokens.append(os.environ.get("RAY_AUTH_TOKEN"))

job = BatchJob(
    input=InputSpec.for_path(corpus), out=out, chunk_size=6, engine="ray", workers=1
)
try:
    rows = run_batch(job, progress=Watch()).rows
except VeracityError as exc:
    rows = f"error: {exc}"
print(json.dumps({
    "mode_left_by_ray": mode,
    "rows": rows,
    "own_token": bool(tokens) and all(tokens),
    "ray_left_running": ray.is_initialized(),
    "home_key": (home / ".ray" / "auth_token").exists(),
}))
"""


def test_a_caller_that_ran_its_own_ray_first_gets_a_local_ray_with_a_token_of_its_own(
    tmp_path: Path, small_jsonl: Path
) -> None:
    """Stop 50 (1d19a82, worked round in the tests only): a process that had started and shut
    down a Ray of its own then got "cannot start or reach Ray at local" from the batch: Ray's
    RAY_AUTH_MODE=token, left in the environment, was taken for the user's setting, so the
    batch's Ray looked for the token in the home folder (or used the world-readable file there,
    where it was still present), and its GCS server found none."""
    import json
    import subprocess
    import sys

    home = tmp_path / "home"
    home.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("RAY_AUTH_")},
        "HOME": str(home),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    out = tmp_path / "ray.jsonl"
    result = subprocess.run(
        [sys.executable, "-c", _CALLER_RAN_RAY_FIRST, str(home), str(small_jsonl), str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    said = json.loads(result.stdout.strip().splitlines()[-1])
    assert said == {
        "mode_left_by_ray": "token",  # what Ray's own setup leaves (the case this test is for)
        "rows": 12,
        "own_token": True,  # a token on no disk, as for a process that never ran Ray
        "ray_left_running": False,
        "home_key": False,
    }, result.stderr[-3000:]
