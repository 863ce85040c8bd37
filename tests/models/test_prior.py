"""Batch-level prior re-estimation (:mod:`veracity.models.prior`)."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.models.prior import (
    PriorSafeguards,
    adjust_to_prior,
    bbse_prior,
    em_prior,
    estimate_prior,
)


def _exact_posteriors(prior: float, n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Labels drawn at ``prior`` and each article's exact P(reliable) under a 0.5 prior.

    The class-conditional densities are N(+1, 1) and N(-1, 1), whose posterior at equal
    priors is sigmoid(2x): only the prior differs from the scores' own.
    """
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < prior).astype(int)
    x = rng.normal(np.where(y == 1, 1.0, -1.0), 1.0)
    return 1.0 / (1.0 + np.exp(-2.0 * x)), y


@pytest.mark.parametrize("prior", [0.2, 0.8, 0.94])
def test_em_recovers_the_prior_when_only_the_prior_moved(prior: float) -> None:
    p, y = _exact_posteriors(prior, 4000)
    estimate = estimate_prior(p, 0.5)
    assert estimate.applied and estimate.reason == "adjusted"
    assert estimate.prior == pytest.approx(y.mean(), abs=0.03)
    assert estimate.batch_size == 4000 and estimate.iterations > 1
    # the fixed point: the adjusted posteriors average to the estimate
    assert adjust_to_prior(p, estimate.prior, 0.5).mean() == pytest.approx(estimate.prior, abs=1e-4)
    assert f"{estimate.prior:.0%}" in estimate.note and "4,000" in estimate.note


def test_em_and_bbse_agree_on_the_same_shift() -> None:
    source_p, source_y = _exact_posteriors(0.5, 4000, seed=1)
    p, y = _exact_posteriors(0.75, 3000, seed=2)
    em, _, converged = em_prior(p, 0.5)
    assert converged
    assert bbse_prior(p, source_p, source_y) == pytest.approx(y.mean(), abs=0.04)
    assert em == pytest.approx(y.mean(), abs=0.03)


def test_adjusting_to_the_training_prior_changes_nothing() -> None:
    p = np.array([0.1, 0.5, 0.9, np.nan])
    np.testing.assert_allclose(adjust_to_prior(p, 0.5, 0.5), p)
    moved = adjust_to_prior(p, 0.9, 0.5)
    assert np.isnan(moved[3])
    assert moved[1] == pytest.approx(0.9)  # an undecided score takes the new prior
    assert (moved[:3] > p[:3]).all() and (np.diff(moved[:3]) > 0).all()


def test_a_small_batch_is_not_adjusted() -> None:
    p, _ = _exact_posteriors(0.8, 250)
    p[:100] = np.nan  # not scored (abstained): not counted
    estimate = estimate_prior(p, 0.5)
    assert not estimate.applied
    assert estimate.reason == "too_few_articles" and estimate.batch_size == 150
    assert estimate.prior is None
    assert "too few scored articles (150)" in estimate.note


def test_an_estimate_outside_the_range_is_clipped_or_rejected() -> None:
    p, _ = _exact_posteriors(0.97, 3000)
    clipped = estimate_prior(p, 0.5, safeguards=PriorSafeguards(clip=0.2))
    assert clipped.applied and clipped.prior == pytest.approx(0.8)
    assert clipped.raw_prior is not None and clipped.raw_prior > 0.9
    rejected = estimate_prior(p, 0.5, safeguards=PriorSafeguards(clip=0.2, reject_outside=True))
    assert not rejected.applied and rejected.reason == "out_of_range"
    assert "outside the range" in rejected.note


def test_an_unstable_estimate_is_not_applied() -> None:
    p, _ = _exact_posteriors(0.6, 300)
    estimate = estimate_prior(p, 0.5, safeguards=PriorSafeguards(max_spread=0.001))
    assert not estimate.applied and estimate.reason == "unstable"
    assert estimate.spread is not None and estimate.spread > 0.001
    assert "unstable" in estimate.note


def test_bad_input_is_refused() -> None:
    p, _ = _exact_posteriors(0.5, 300)
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        estimate_prior(p, 1.0)
    with pytest.raises(ValueError, match="bbse needs source"):
        estimate_prior(p, 0.5, method="bbse")


@pytest.mark.data
def test_bbse_recovers_a_shifted_prior_on_real_articles() -> None:
    """Celebrity articles scored by the shipped fast model: batches drawn with 20% and 80%
    reliable articles, the confusion matrix from the corpus's other articles."""
    from veracity.data import load_corpus
    from veracity.ingest import article_from_text
    from veracity.models import score_reliability_batch
    from veracity.nlp import analyse_text
    from veracity.settings import get_settings
    from veracity.signals import detect_signals

    records = [
        r
        for r in load_corpus("perezrosas2018", get_settings().data_dir)
        if r.collection == "celebrity"
    ]
    documents = [analyse_text(article_from_text(r.full_text), "fast") for r in records]
    outcomes = score_reliability_batch(
        [d.text for d in documents], [detect_signals(d) for d in documents], explain=False
    )
    p = np.array([o.reliability.score if o.reliability else np.nan for o in outcomes])
    y = np.array([r.label == "real" for r in records], dtype=int)
    rng = np.random.default_rng(0)
    scored = np.flatnonzero(~np.isnan(p))
    assert len(scored) > 400
    for share in (0.2, 0.8):
        reliable = rng.choice(scored[y[scored] == 1], int(150 * share), replace=False)
        fake = rng.choice(scored[y[scored] == 0], 150 - len(reliable), replace=False)
        batch = np.concatenate([reliable, fake])
        source = np.setdiff1d(scored, batch)
        estimate = estimate_prior(
            p[batch],
            0.5,
            method="bbse",
            safeguards=PriorSafeguards(min_articles=100),
            source=(p[source], y[source]),
        )
        assert estimate.applied
        assert estimate.prior == pytest.approx(share, abs=0.1)
