"""The map from the Platt-scaled score to the score a reader is shown, keeping the 0.5 cut.

The Platt scaling (:mod:`veracity.models.estimator`) puts the 0.5 cut where both classes of an
unseen corpus are missed equally often, whatever its share of fakes; its scores then say less
than they should about how often an article of that score is reliable (pooled LOCO ECE 0.108:
an article scored 0.45 was reliable 60% of the time). :class:`CutKeepingMap` is two isotonic
regressions fitted on the model's own pooled out-of-corpus scores (each training corpus scored
by models fitted without it, never a test split): one on the scores below 0.5, held below 0.5,
and one on the rest, held at 0.5 or above, each read as straight lines through the centres of its
steps (so that articles keep the model's order inside a step instead of sharing one score). An
article stays on its side of the cut, so the
labels at 0.5 and every LOCO fold's macro-F1 are the Platt scaling's; only what a score means
changes (docs/benchmarks.md, "Reliability across corpora").

The map reads and gives log-odds, numpy only (the fast path's scorer loads without
scikit-learn). Its scores stay inside [:data:`LOWEST`, :data:`HIGHEST`]: an isotonic step of
training articles that were all fake (or all reliable) would otherwise say 0 (or 1), a certainty
no out-of-corpus score has. :meth:`CutKeepingMap.push_scale` is the factor each article's
explanation is rescaled by, so that its pushes still add up to the log-odds it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# The shown score's range (a score of exactly 0 or 1 is never shown).
LOWEST = 0.01
HIGHEST = 0.99
# The highest score below the cut: under 0.5 at the reports' four decimals too.
BELOW_CUT = 0.4999
# At most this factor on an article's pushes; beyond it (an article within a hair of 0.5, where
# the map jumps from about 0.5 to the reliable side's first step) the rest of the shift goes to
# the article's constant, so its pushes stay the size the model gave them.
MAX_PUSH_SCALE = 4.0


def _probability(log_odds: np.ndarray) -> np.ndarray:
    """1 / (1 + e^-z) without overflow at extreme log-odds."""
    return np.exp(-np.logaddexp(0.0, -log_odds))


def _step_centres(
    p: np.ndarray, w: np.ndarray, fitted: np.ndarray, below: bool
) -> tuple[np.ndarray, np.ndarray]:
    """The knots of one side: each isotonic step at the (weighted) mean score of its articles.

    Joining the steps' centres keeps what each step says about its articles (the share of them
    that was reliable) and ranks the articles inside a step as the model did: a step map would
    give hundreds of articles one score (on the pooled LOCO articles 26% read 0.4999 and the
    pushes of a misleading headline could no longer move the score shown). A step held at the
    cut (its articles were reliable more often than not, but lie under the cut) is pinned to the
    cut itself, so the scores under it rise to just under 0.5 instead of sharing 0.4999; the
    other ends stay flat beyond their outermost step, as the isotonic fit clips.
    """
    values = np.unique(fitted)
    xs = np.array([np.average(p[fitted == v], weights=w[fitted == v]) for v in values])
    ys = values.astype(np.float64)
    if below and ys[-1] >= BELOW_CUT:
        xs[-1] = 0.5
    if not below and ys[0] <= 0.5:
        xs[0] = 0.5
    return xs, ys


@dataclass(frozen=True)
class CutKeepingMap:
    """Two monotone piecewise-linear maps of P(reliable), one each side of 0.5.

    ``below_x`` / ``below_y``: the knots (increasing scores, increasing mapped scores) of the
    side under 0.5, ``above_x`` / ``above_y`` of the rest: the centres of the isotonic steps
    (:func:`_step_centres`), joined by straight lines. Outside its knots a side is flat (its
    first or last mapped score).
    """

    below_x: np.ndarray
    below_y: np.ndarray
    above_x: np.ndarray
    above_y: np.ndarray

    @classmethod
    def fit(
        cls, log_odds: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None
    ) -> CutKeepingMap:
        """The map fitted on out-of-corpus log-odds and their labels (1 = reliable).

        A side with no scores is the identity there (nothing says otherwise).
        """
        from sklearn.isotonic import IsotonicRegression

        z = np.asarray(log_odds, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        w = np.ones_like(z) if weights is None else np.asarray(weights, dtype=np.float64)
        p = _probability(z)
        knots = []
        for below, low, high in ((True, LOWEST, BELOW_CUT), (False, 0.5, HIGHEST)):
            rows = (z < 0) == below
            if not rows.any():
                knots.append((np.array([low, high]), np.array([low, high])))
                continue
            iso = IsotonicRegression(y_min=low, y_max=high, out_of_bounds="clip")
            iso.fit(p[rows], y[rows], w[rows])
            knots.append(_step_centres(p[rows], w[rows], iso.predict(p[rows]), below))
        (below_x, below_y), (above_x, above_y) = knots
        return cls(below_x, below_y, above_x, above_y)

    def apply(self, log_odds: np.ndarray) -> np.ndarray:
        """The mapped log-odds: negative exactly where ``log_odds`` is (the cut is kept)."""
        z = np.asarray(log_odds, dtype=np.float64)
        p = _probability(z)
        # the side is read from the log-odds' sign: a tiny negative one rounds to p = 0.5
        below = z < 0
        q = np.where(
            below,
            np.clip(np.interp(p, self.below_x, self.below_y), LOWEST, BELOW_CUT),
            np.clip(np.interp(p, self.above_x, self.above_y), 0.5, HIGHEST),
        )
        return np.log(q) - np.log1p(-q)

    def push_scale(self, log_odds: np.ndarray, mapped: np.ndarray) -> np.ndarray:
        """The factor on each article's pushes: mapped over unmapped log-odds, at most
        :data:`MAX_PUSH_SCALE` (1 where the unmapped log-odds are 0). Its constant is then
        ``mapped - factor * (sum of its pushes)``, which is ``factor * constant`` where the
        factor is not capped."""
        z = np.asarray(log_odds, dtype=np.float64)
        m = np.asarray(mapped, dtype=np.float64)
        safe = np.where(z == 0, 1.0, z)
        return np.where(z == 0, 1.0, np.clip(m / safe, 0.0, MAX_PUSH_SCALE))
