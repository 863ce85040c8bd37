"""What every test here shares."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from veracity.threads import one_blas_thread


@pytest.fixture(autouse=True, scope="module")
def blas_on_one_thread() -> Iterator[None]:
    """BLAS on one thread, as the deep path runs these numpy layers (suite time): their small
    products on OpenBLAS's two threads wait for each other on a busy 2-core machine. No test
    here reads the thread count."""
    with one_blas_thread():
        yield
