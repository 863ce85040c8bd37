"""The map from the Platt-scaled score to the score a reader is shown, keeping the 0.5 cut.

The Platt scaling (:mod:`veracity.models.estimator`) puts the 0.5 cut where both classes of an
unseen corpus are missed equally often, whatever its share of fakes; its scores then say less
than they should about how often an article of that score is reliable (pooled LOCO ECE 0.108:
an article scored 0.45 was reliable 60% of the time). :class:`CutKeepingMap` is two isotonic
regressions fitted on the model's own pooled out-of-corpus scores (each training corpus scored
by models fitted without it, never a test split): one on the scores below 0.5, held below 0.5,
and one on the rest, held at 0.5 or above. An article stays on its side of the cut, so the
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


@dataclass(frozen=True)
class CutKeepingMap:
    """Two monotone piecewise-linear maps of P(reliable), one each side of 0.5.

    ``below_x`` / ``below_y``: the knots (increasing scores, non-decreasing mapped scores) of
    the side under 0.5, ``above_x`` / ``above_y`` of the rest. Outside its knots a side is flat
    (its first or last mapped score), as scikit-learn's ``IsotonicRegression`` clips.
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
        p = _probability(z)
        knots = []
        for below, low, high in ((True, LOWEST, BELOW_CUT), (False, 0.5, HIGHEST)):
            rows = (z < 0) == below
            if not rows.any():
                knots.append((np.array([low, high]), np.array([low, high])))
                continue
            iso = IsotonicRegression(y_min=low, y_max=high, out_of_bounds="clip")
            iso.fit(p[rows], y[rows], None if weights is None else np.asarray(weights)[rows])
            knots.append(
                (
                    np.asarray(iso.X_thresholds_, np.float64),
                    np.asarray(iso.y_thresholds_, np.float64),
                )
            )
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
