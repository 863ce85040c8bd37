"""How many analyses, claim checks and triages the server runs at once.

A request past its timeout is answered 503, but its thread cannot be stopped and runs on to its
end (Python threads cannot be killed). Without a bound, a client repeating a slow request
started a new thread beside every abandoned one: memory and cores without limit (one fast
analysis of a dense 5 MB article holds 1.2 GB for 12 s; hostile round 6). A slot is taken
before the work starts and given back when the work ends, abandoned or not; a request waits for
a slot within its own timeout. A freed slot goes first to a waiting client holding fewer slots
than the others waiting: without that, a client that held every slot and queued more requests
took each freed slot as often as not, and another client's one request waited, then 503
(hostile round 15); with no one else waiting, a client may take every slot.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import TypeVar

import anyio

T = TypeVar("T")
_WAIT_S = 0.02


class WorkSlots:
    """At most ``size`` pieces of work run at once in worker threads, shared between clients."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._taken = 0
        self._held: Counter[str] = Counter()  # slots per client, abandoned work included
        self._waiting: Counter[str] = Counter()  # requests waiting per client
        self._running: dict[int, tuple[str, float]] = {}  # what each started work is, since
        self._ids = itertools.count()

    async def run(self, work: Callable[[], T], client: str = "", what: str = "the work") -> T:
        """``work()`` in a worker thread once a slot is free for ``client`` (an API key's
        digest or an address); cancelled (a timeout), the work is abandoned and keeps its slot
        until it ends, or gives it back if it had not started. ``what``: the work in words
        ("the triage"), for the log of a server that stops before it ends."""
        with self._lock:
            self._waiting[client] += 1
        try:
            while not self._take(client):  # thread-safe counts: polled
                await anyio.sleep(_WAIT_S)
        finally:
            with self._lock:
                self._waiting[client] -= 1
                if not self._waiting[client]:
                    del self._waiting[client]
        turn = _Turn()

        def in_thread() -> T | None:
            if not turn.start():  # the request gave up before the thread began
                return None
            key = next(self._ids)
            with self._lock:
                self._running[key] = (what, time.monotonic())
            try:
                return work()
            finally:
                with self._lock:
                    del self._running[key]
                self._give_back(client)

        try:
            result = await anyio.to_thread.run_sync(in_thread, abandon_on_cancel=True)
        finally:
            if turn.give_up():
                self._give_back(client)
        return result  # type: ignore[return-value]  # None only when given up (raised above)

    async def wait_idle(self, timeout_s: float | None = None) -> list[str]:
        """Return once no work holds a slot, abandoned work included (a server that stops
        waits for it: a thread left inside onnxruntime's native code as the interpreter exits
        aborts the process), or after ``timeout_s``: then the work still running, in words
        ("the triage, running for 75 s"), which the caller abandons (a request answered 503
        at its timeout ran on, and a stopping server waited for it without bound)."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while True:
            with self._lock:
                if not self._taken:
                    return []
                if deadline is not None and time.monotonic() >= deadline:
                    now = time.monotonic()
                    return [
                        f"{what}, running for {now - since:.0f} s"
                        for what, since in sorted(self._running.values(), key=lambda w: w[1])
                    ]
            await anyio.sleep(_WAIT_S)

    def _take(self, client: str) -> bool:
        """A slot for ``client``, unless none is free or another waiting client holds fewer."""
        with self._lock:
            if self._taken >= self.size:
                return False
            held = self._held[client]
            if held and any(self._held[other] < held for other in self._waiting if other != client):
                return False
            self._taken += 1
            self._held[client] += 1
            return True

    def _give_back(self, client: str) -> None:
        with self._lock:
            self._taken -= 1
            self._held[client] -= 1
            if not self._held[client]:
                del self._held[client]


class _Turn:
    """Who gives a slot back: the thread once it has started the work, else the request."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state = "waiting"

    def start(self) -> bool:
        """The thread begins the work, unless the request gave up first."""
        return self._leave_waiting("started")

    def give_up(self) -> bool:
        """The request stops waiting, unless the thread has begun the work."""
        return self._leave_waiting("given up")

    def _leave_waiting(self, state: str) -> bool:
        with self._lock:
            if self._state != "waiting":
                return False
            self._state = state
            return True
