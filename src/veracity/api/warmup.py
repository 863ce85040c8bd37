"""Load the analysis models once per server process, in the background, before requests use them.

Without this, every request thread of a cold server loaded its own copy of the models at the
same time (32 concurrent first requests took 56 s or timed out). :class:`ModelWarmup` loads
the fast path's models, then the deep path's, in one background thread started with the
app; a request waits (asynchronously, within its analysis timeout) until its depth is ready,
and ``/healthz`` reports the state.

The load is stopped with the server (:meth:`ModelWarmup.stop`, from the app's lifespan): a
depth not yet begun is skipped and the one loading is waited for. Left running, the daemon
thread was inside onnxruntime's native code when the interpreter exited; Python then ends
such a thread (``pthread_exit``) as it takes the GIL back, the unwinding crosses a C++
``noexcept`` frame, and the whole process aborted ("terminate called without an active
exception", exit 134) after a clean stop.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Literal

from veracity.errors import VeracityError

Depth = Literal["fast", "deep"]
DEPTHS: tuple[Depth, ...] = ("fast", "deep")
_WARM_UP_TEXT = (
    "Council approves new water plant\n\n"
    "The city council approved the new water treatment plant on Tuesday, officials said. "
    "Critics claim the project was rushed, but the mayor said the vote followed two years "
    "of public consultation."
)
logger = logging.getLogger(__name__)


class ModelWarmup:
    """One background load of each depth's models; readiness per depth."""

    def __init__(self) -> None:
        self._ready = {depth: threading.Event() for depth in DEPTHS}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self.load_seconds: dict[str, float] = {}

    def start(self) -> None:
        """Start loading (once; later calls do nothing)."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._load_all, name="veracity-model-warmup", daemon=True
                )
                self._thread.start()

    def stop(self) -> None:
        """Load no further depth and wait for the one loading, if any, to end (blocking:
        call it from a worker thread in async code)."""
        self._stopping.set()
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join()

    def is_ready(self, depth: Depth) -> bool:
        return self._ready[depth].is_set()

    def status(self) -> dict[str, bool]:
        return {depth: self.is_ready(depth) for depth in DEPTHS}

    def _load_all(self) -> None:
        from veracity.ingest import article_from_text
        from veracity.pipeline import analyze

        for depth in DEPTHS:
            if self._stopping.is_set():  # the server stopped: not ready, and never will be
                return
            started = time.monotonic()
            try:
                analyze(article_from_text(_WARM_UP_TEXT), depth=depth)
            except VeracityError as exc:  # a missing model: each request then reports it
                logger.warning("models for the %s path not loaded: %s", depth, exc)
            except Exception:  # never leave requests waiting on a failed warm-up
                logger.exception("loading the models for the %s path failed", depth)
            self.load_seconds[depth] = time.monotonic() - started
            self._ready[depth].set()
