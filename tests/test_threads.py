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


def test_the_thread_pools_are_found_once_however_many_blocks_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # finding them reads every loaded library (1.5 CPU ms); the heads enter a block per call
    import threadpoolctl

    from veracity.threads import one_openmp_thread

    found: list[int] = []
    find = threadpoolctl.ThreadpoolController.__init__

    def counting(self) -> None:  # type: ignore[no-untyped-def]
        found.append(1)
        find(self)

    monkeypatch.setattr(threadpoolctl.ThreadpoolController, "__init__", counting)
    for _ in range(3):
        with one_openmp_thread(), one_blas_thread():
            pass
    assert len(found) <= 2  # once for each kind of pool, or none when found before


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


def _openmp_threads() -> list[int]:
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "openmp"]


def _recording_threads(model, seen: list[list[int]], monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Record the OpenMP threads each call of ``model.predict_proba`` runs on."""
    original = model.predict_proba

    def recording(features):  # type: ignore[no-untyped-def]
        seen.append(_openmp_threads())
        return original(features)

    monkeypatch.setattr(model, "predict_proba", recording)


def test_the_boosted_heads_predict_on_one_openmp_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    from threadpoolctl import threadpool_limits

    from veracity.verify.evidence_stance import load_evidence_stance_model
    from veracity.verify.matcher import MATCH_FEATURES, MatchRanker
    from veracity.verify.stance import load_stance_model

    evidence, stance = load_evidence_stance_model(), load_stance_model()
    features = np.random.default_rng(0).normal(size=(200, len(MATCH_FEATURES)))
    with threadpool_limits(limits=1, user_api="openmp"):  # fitting is not what is tested
        ranker = MatchRanker().fit(features, features[:, 0] > 0)
    before = _openmp_threads()
    assert before
    seen: list[list[int]] = []
    _recording_threads(evidence.second_, seen, monkeypatch)
    _recording_threads(stance.relatedness_, seen, monkeypatch)
    _recording_threads(stance.stance_, seen, monkeypatch)
    _recording_threads(ranker.model_.models[1], seen, monkeypatch)
    claim, passage = "The Senate passed the bill.", "The Senate voted the bill down on Tuesday."
    assert evidence.predict_proba([claim], [passage]).shape == (1, 4)
    assert stance.predict_proba([claim], [passage]).shape == (1, 4)
    assert ranker.probability(features[:3]).shape == (3,)
    assert len(seen) == 4 and all(set(threads) == {1} for threads in seen), seen
    assert _openmp_threads() == before  # restored after each call
