"""Ray engine: the same chunks as the local engines, as Ray tasks on a local or remote cluster.

Records travel to the workers as task arguments and rows come back to the driver, which alone
writes the chunk files: only the machine running ``veracity batch`` needs the input and the
output paths. A task whose worker dies is retried by Ray (``max_retries``); since a chunk's rows
are written once, under its id, a retried chunk is never duplicated. Every node needs veracity
installed (same version) with its models.

A Ray started here keeps its session (its unix sockets, logs and spilled objects) in a folder
only this user can enter, removed when the run ends: by default Ray makes ``/tmp/ray`` and each
session folder in it writable by every user (mode 777, not sticky), so another user of the
machine could read the workers' logs, or put their own socket or file at a name the driver or a
worker opens next. Ray's network ports answer on every interface; since Ray 2.5x its token
authentication (on by default, the token in ``~/.ray/auth_token``) is what refuses other hosts.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterable
from contextlib import suppress
from functools import lru_cache
from pathlib import Path
from typing import Any

from veracity.batch.analysis import AnalysedRow, AnalysisOptions, analyse_chunk, prepare_worker
from veracity.batch.engines import (
    IN_FLIGHT_PER_WORKER,
    ChunkWork,
    OnChunk,
    WorkerLostError,
    keep_in_flight,
)
from veracity.batch.readers import InputRecord
from veracity.errors import VeracityError
from veracity.nlp.document import Depth

TASK_NAME = "veracity_batch_chunk"


# Where Ray looks for its token-authentication settings (Ray 2.5x): a mode, a token, a token file.
RAY_TOKEN_VARIABLES = ("RAY_AUTH_TOKEN", "RAY_AUTH_TOKEN_PATH")
RAY_AUTH_VARIABLES = ("RAY_AUTH_MODE", *RAY_TOKEN_VARIABLES)


def use_own_token() -> None:
    """Give the local Rays this process starts a token of this process's own, in its
    environment only (which Ray's processes inherit), unless the user set Ray's authentication.

    Ray authenticates its network ports by a token, and without one in the environment a new
    local cluster wrote a token to ``~/.ray/auth_token``, mode 0644, and kept using it: anyone
    who could read the home folder had the key to every later local Ray of this user (hostile
    round 16, left; round 17, attack 5). This token is on no disk and lives as long as the
    process; it stays set, because Ray's driver keeps the token it first read for every later
    cluster of the process.

    ``RAY_AUTH_MODE=token`` with no token is what Ray's own setup leaves in the environment of
    a process that started a local Ray before (it writes the token to the home folder and sets
    only the mode): no choice of the user's. Taken as one, a caller that had run and shut down
    its own Ray gave veracity's local Ray the token on disk, and none at all where that file
    was gone ("cannot start or reach Ray at local": the GCS server found no token). Such a
    process's local Rays get their own token too; a token, a token file or another mode set
    by the user is kept."""
    if any(name in os.environ for name in RAY_TOKEN_VARIABLES):
        return
    if os.environ.get("RAY_AUTH_MODE", "token") != "token":
        return
    os.environ["RAY_AUTH_MODE"] = "token"
    os.environ["RAY_AUTH_TOKEN"] = secrets.token_hex(32)  # as Ray makes them
    # As Ray's own token setup does: this process reads the mode again, and forgets a token it
    # read before this one (Ray's configuration is read once, when it is first used).
    with suppress(ImportError, AttributeError):
        from ray._raylet import AuthenticationTokenLoader, Config

        Config.initialize("")
        AuthenticationTokenLoader.instance().reset_cache()


def private_session_folder() -> Path:
    """A new folder only this user can enter (0700), under Ray's temporary root
    (``RAY_TMPDIR``, else the system's), for a local Ray's ``_temp_dir``."""
    return Path(tempfile.mkdtemp(prefix="vr-", dir=os.environ.get("RAY_TMPDIR")))


@lru_cache(maxsize=2)
def _prepared(depth: Depth) -> bool:
    """Load the models of ``depth`` once per Ray worker process (the cache lives with it)."""
    prepare_worker(depth)
    return True


def analyse_chunk_on_worker(
    records: list[InputRecord], options: AnalysisOptions
) -> list[AnalysedRow]:
    """The Ray task body: rows of one chunk, models loaded on the worker's first chunk."""
    _prepared(options.depth)
    return analyse_chunk(records, options)


def run_on_ray(
    chunks: Iterable[ChunkWork],
    options: AnalysisOptions,
    on_chunk: OnChunk,
    *,
    address: str | None = None,
    workers: int | None = None,
    max_retries: int = 3,
) -> None:
    """Analyse chunks as Ray tasks; connects to ``address`` or starts a local Ray.

    ``workers`` caps the CPUs of a local Ray (ignored when joining a cluster). A Ray started
    here is shut down at the end; one already initialised by the caller is left running.
    """
    try:
        import ray
        from ray.exceptions import RayError, RayTaskError
    except ImportError:
        raise VeracityError(
            "--engine ray needs Ray, which is missing from this installation: pip install 'ray>=2.9,<3'"
        ) from None

    started_here = not ray.is_initialized()
    session: Path | None = None
    if started_here:
        local: dict[str, Any] = {}
        if address is None:
            use_own_token()
            session = private_session_folder()
            local = {"num_cpus": workers, "_temp_dir": str(session / "r")}
        try:
            ray.init(
                address=address,
                include_dashboard=False,
                log_to_driver=False,
                # Ray's own warnings ("Token authentication is enabled for this Ray cluster
                # ...") printed amid the batch's progress (probe s49 U5); what goes wrong
                # reaches the user as an exception, said in one error line
                logging_level=logging.ERROR,
                **local,
            )
        except (OSError, RuntimeError, ValueError) as exc:  # OSError: a socket path too long
            if session is not None:
                shutil.rmtree(session, ignore_errors=True)
            raise VeracityError(
                f"cannot start or reach Ray at {address or 'local'}: {exc}"
            ) from exc
    try:
        task = ray.remote(num_cpus=1, max_retries=max_retries, name=TASK_NAME)(
            analyse_chunk_on_worker
        )
        limit = max(1, int(ray.cluster_resources().get("CPU", 1))) * IN_FLIGHT_PER_WORKER

        def collect(ref: Any, work: ChunkWork) -> None:
            try:
                rows = ray.get(ref)
            except RayTaskError as exc:
                if isinstance(exc.cause, VeracityError):
                    raise exc.cause from None
                raise
            except RayError as exc:
                raise WorkerLostError(
                    f"chunk {work[0]} failed on Ray after {max_retries} retries "
                    f"({type(exc).__name__}); the finished chunks are kept, rerun to resume"
                ) from None
            on_chunk(work[0], rows)

        keep_in_flight(
            iter(chunks),
            {},
            submit=lambda work: task.remote(work[1], options),
            wait_some=lambda refs: ray.wait(refs, num_returns=1)[0],
            collect=collect,
            limit=limit,
        )
    finally:
        if started_here:
            ray.shutdown()
        if session is not None:
            shutil.rmtree(session, ignore_errors=True)
