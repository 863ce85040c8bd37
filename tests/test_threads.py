"""BLAS on one thread for the deep path's small numpy products (veracity.threads)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg  # noqa: F401  (its own OpenBLAS, loaded before the counts)
from threadpoolctl import threadpool_info

from tests.conftest import EXAMPLE_ARTICLE
from veracity.threads import one_blas_thread


def _blas_threads() -> list[int]:
    np.ones((2, 2)) @ np.ones((2, 2))  # BLAS loaded
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_one_blas_thread_limits_inside_and_restores_after() -> None:
    before = _blas_threads()
    assert before
    with one_blas_thread():
        assert set(_blas_threads()) == {1}
    assert _blas_threads() == before


def test_the_deep_analysis_runs_on_one_blas_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import veracity.pipeline as pipeline

    seen: list[list[int]] = []

    def recording(original):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            seen.append(_blas_threads())
            return original(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(pipeline, "detector_outputs", recording(pipeline.detector_outputs))
    monkeypatch.setattr(pipeline, "_score", recording(pipeline._score))
    pipeline.analyze(EXAMPLE_ARTICLE, depth="deep")
    assert len(seen) == 2 and all(set(threads) == {1} for threads in seen), seen
    seen.clear()
    pipeline.analyze(EXAMPLE_ARTICLE, depth="fast")  # the fast path is left as it is
    assert seen and seen[0] == _blas_threads()
