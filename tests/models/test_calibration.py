"""The cut-keeping map: monotone, each article on its side of 0.5, never 0 or 1, and the factor
that keeps an explanation's pushes adding up to the score shown."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.models.calibration import (
    BELOW_CUT,
    HIGHEST,
    LOWEST,
    MAX_PUSH_SCALE,
    CutKeepingMap,
)


def _logit(p: np.ndarray) -> np.ndarray:
    return np.log(p) - np.log1p(-p)


def _prior_shifted(n: int = 4000, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Scores whose 0.5 cut sits where both classes are missed equally often, on articles 62%
    reliable (what the Platt scaling gives on the pooled LOCO articles), rounded to steps so
    that many articles share one score (ties) and whole steps hold one class (flat steps)."""
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.62).astype(float)
    z = np.round(rng.normal(np.where(y == 1, 0.6, -0.6), 1.2), 1)
    z[:40], y[:40] = -4.0, 0.0  # a lowest step of fakes only: isotonic says 0 there
    z[40:80], y[40:80] = 4.0, 1.0  # a highest of reliable ones only: isotonic says 1
    return z, y


def test_the_map_is_monotone_across_ties_flat_steps_and_the_cut() -> None:
    z, y = _prior_shifted()
    cut_map = CutKeepingMap.fit(z, y)
    grid = np.concatenate([np.linspace(-12, 12, 20001), z, [-1e-12, 0.0, 1e-12]])
    grid.sort()
    mapped = cut_map.apply(grid)
    assert np.all(np.diff(mapped) >= 0)
    # articles of one score get one mapped score (ties stay ties)
    assert len(np.unique(cut_map.apply(z))) <= len(np.unique(z))


def test_an_article_stays_on_its_side_of_the_cut() -> None:
    z, y = _prior_shifted()
    cut_map = CutKeepingMap.fit(z, y)
    grid = np.concatenate([np.linspace(-12, 12, 20001), [-1e-300, -1e-12, 0.0, 1e-12]])
    mapped = cut_map.apply(grid)
    assert np.all((mapped < 0) == (grid < 0))
    # as reports give a score (four decimals): under 0.5 stays under, at or over stays
    shown = np.round(1 / (1 + np.exp(-mapped)), 4)
    assert np.all((shown < 0.5) == (grid < 0))
    # the prior shift is what the map corrects: just under the cut reads as close to it as it
    # may, just over it reads as reliable as the articles there were
    assert shown[grid == -1e-12][0] == BELOW_CUT
    assert shown[grid == 1e-12][0] > 0.6


def test_no_score_is_0_or_1_at_the_flat_ends() -> None:
    z, y = _prior_shifted()
    cut_map = CutKeepingMap.fit(z, y)
    p = 1 / (1 + np.exp(-cut_map.apply(np.array([-50.0, -4.0, 4.0, 50.0]))))
    assert np.allclose(p, [LOWEST, LOWEST, HIGHEST, HIGHEST])
    assert np.all(np.isfinite(cut_map.apply(np.array([-1e6, 1e6]))))


def test_a_side_without_training_scores_is_left_as_it_is() -> None:
    cut_map = CutKeepingMap.fit(np.array([0.2, 0.8, 1.5, 2.0]), np.array([0, 1, 1, 1]))
    below = np.array([-3.0, -1.0, -0.1])
    assert np.allclose(cut_map.apply(below), below)


@pytest.mark.parametrize("z", [-3.0, -0.7, -1e-9, 0.0, 1e-9, 0.4, 2.5])
def test_scaled_pushes_and_constant_add_up_to_the_mapped_log_odds(z: float) -> None:
    cut_map = CutKeepingMap.fit(*_prior_shifted())
    pushes = np.array([0.9, -2.3, 0.4])
    constant = z - pushes.sum()
    mapped = float(cut_map.apply(np.array([z]))[0])
    scale = float(cut_map.push_scale(np.array([z]), np.array([mapped]))[0])
    assert 0.0 <= scale <= MAX_PUSH_SCALE
    shown_constant = mapped - scale * pushes.sum()
    assert abs((pushes * scale).sum() + shown_constant - mapped) < 1e-12
    if scale < MAX_PUSH_SCALE and z != 0.0:  # uncapped: the constant is rescaled like the rest
        assert abs(shown_constant - scale * constant) < 1e-9


def test_the_map_reads_the_scores_of_its_fit() -> None:
    """Where a step's articles were reliable 80% of the time, it says 0.8."""
    z = np.repeat([-1.0, -0.2, 0.3, 1.0], 100)
    y = np.concatenate([np.r_[np.ones(10), np.zeros(90)], np.r_[np.ones(45), np.zeros(55)],
                        np.r_[np.ones(80), np.zeros(20)], np.r_[np.ones(95), np.zeros(5)]])  # fmt: skip
    p = 1 / (1 + np.exp(-CutKeepingMap.fit(z, y).apply(np.array([-1.0, -0.2, 0.3, 1.0]))))
    assert np.allclose(p, [0.10, 0.45, 0.80, 0.95])
    assert np.allclose(_logit(p), CutKeepingMap.fit(z, y).apply(np.array([-1.0, -0.2, 0.3, 1.0])))


def test_articles_keep_their_order_inside_a_step() -> None:
    """Between its first and last knot a side rises strictly: a step map gave every article of a
    step one score (on the pooled LOCO articles a quarter read 0.4999 and a misleading headline
    no longer moved the score shown)."""
    z, y = _prior_shifted()
    cut_map = CutKeepingMap.fit(z, y)
    for xs in (cut_map.below_x, cut_map.above_x):
        assert len(xs) > 2
        p = np.linspace(xs[0], xs[-1], 502)[1:-1]
        assert np.all(np.diff(cut_map.apply(_logit(p))) > 0)
    # just under the cut reads close to 0.5, not one shared 0.4999 for a whole step
    shown = 1 / (1 + np.exp(-cut_map.apply(_logit(np.array([0.45, 0.47, 0.49])))))
    assert np.all(np.diff(shown) > 0) and shown[-1] <= BELOW_CUT
