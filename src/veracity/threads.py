"""Thread limits for the numpy work of one process.

The deep path's small matrix products (the propaganda taggers' numpy layers, the token heads
of the check-worthiness, loaded-language and reliability models: shapes like
(8, 40, 384) x (384, 128)) ran on OpenBLAS's default threads, which spent more CPU waiting
for each other than computing: one such product cost 4.4 ms of CPU instead of 0.56 ms, and
`veracity analyze` on the bundled example 6.8 CPU s instead of 5.0 (start-up included), with
the same bits either way. MiniLM itself runs on onnxruntime's own threads, which this leaves
alone. Batch workers get the same limit from their environment (one process per core).

The gradient-boosted heads (evidence stance, FNC-1 stance, the fact-check match ranker:
scikit-learn's HistGradientBoostingClassifier) predicted on OpenMP's default threads, one
parallel region per tree (1,200 for the evidence-stance head), so a call on the few passages of
one claim spent its time starting and waiting for threads: on the shared 2-core machine at
load 9, 2.2 CPU-s and 13.5 s of wall time per one-passage call instead of 0.009 CPU-s and
0.08 s on one thread, with the same probabilities (each row is read alone).

Each limit works on the thread pools found once per process (:func:`_pools`): finding them
reads every loaded library, 1.5 CPU ms a call (6 ms of wall time at load 9), which the heads
paid on every prediction; setting and restoring the limit on the found pools costs 6-12 µs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from threadpoolctl import ThreadpoolController


@cache
def _pools(user_api: str) -> ThreadpoolController:
    """The process's ``user_api`` thread pools, found once, after the libraries that hold them
    are loaded: scipy ships its own OpenBLAS beside numpy's, loaded with scipy.linalg; the
    boosted heads' OpenMP is scikit-learn's, loaded with its gradient boosting."""
    if user_api == "blas":
        import scipy.linalg  # noqa: F401
    else:
        import sklearn.ensemble  # noqa: F401
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController().select(user_api=user_api)


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the block with BLAS on one thread (process-wide; restored on exit)."""
    with _pools("blas").limit(limits=1):
        yield


@contextmanager
def one_openmp_thread() -> Iterator[None]:
    """Run the block with OpenMP on one thread (process-wide; restored on exit)."""
    with _pools("openmp").limit(limits=1):
        yield
