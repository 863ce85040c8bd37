"""Per-client rate limit: a token bucket per API key (per client address when no keys are set).

Each client may send ``per_minute`` requests in a burst, then one more every
``60 / per_minute`` seconds. A request over the limit gets 429 with ``Retry-After``.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from veracity.errors import VeracityError

# Buckets of idle clients are dropped once this many are held, so spraying addresses
# (or keys) cannot grow memory without bound; a dropped bucket was full anyway.
MAX_TRACKED_CLIENTS = 10_000


class RateLimitedError(VeracityError):
    """The client sent more requests than the server's rate limit allows."""

    http_status = 429

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s
        self.headers = {"Retry-After": str(retry_after_s)}


@dataclass
class _Bucket:
    tokens: float
    updated: float


class TokenBucketLimiter:
    """Token buckets keyed by client identity; thread-safe (routes run in a thread pool)."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.refill_per_s = per_minute / 60.0
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        """Whether any limit applies (``per_minute`` of 0 turns it off)."""
        return self.capacity > 0

    def acquire(self, identity: str) -> None:
        """Take one token from ``identity``'s bucket, or raise :class:`RateLimitedError`."""
        if not self.enabled:
            return
        with self._lock:
            now = self._clock()
            bucket = self._buckets.get(identity)
            if bucket is None:
                if len(self._buckets) >= MAX_TRACKED_CLIENTS:
                    self._drop_full_buckets(now)
                bucket = self._buckets[identity] = _Bucket(self.capacity, now)
            else:
                elapsed = max(0.0, now - bucket.updated)
                bucket.tokens = min(self.capacity, bucket.tokens + elapsed * self.refill_per_s)
                bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return
            wait_s = max(1, math.ceil((1.0 - bucket.tokens) / self.refill_per_s))
        raise RateLimitedError(
            f"rate limit of {int(self.capacity)} requests per minute reached; "
            f"retry in {wait_s} s (VERACITY_API_RATE_LIMIT_PER_MINUTE sets the limit)",
            retry_after_s=wait_s,
        )

    def _drop_full_buckets(self, now: float) -> None:
        """Forget clients whose bucket has refilled: they are indistinguishable from new ones."""
        full_after_s = self.capacity / self.refill_per_s
        self._buckets = {
            identity: bucket
            for identity, bucket in self._buckets.items()
            if now - bucket.updated < full_after_s
        }
        if len(self._buckets) >= MAX_TRACKED_CLIENTS:  # all busy: drop the longest idle half
            by_age = sorted(self._buckets.items(), key=lambda item: item[1].updated)
            self._buckets = dict(by_age[len(by_age) // 2 :])
