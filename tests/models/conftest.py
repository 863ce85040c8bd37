"""What every reliability-model test shares."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from veracity.threads import one_blas_thread


@pytest.fixture(autouse=True, scope="module")
def blas_on_one_thread() -> Iterator[None]:
    """BLAS on one thread (suite time): these tests fit and read linear models whose products
    on OpenBLAS's two threads wait for each other on a busy 2-core machine (the LIAR stacked fit
    8.4 CPU-s on two threads, 0.9 on one). No test here reads the thread count."""
    with one_blas_thread():
        yield
