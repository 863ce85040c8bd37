"""The share of reliable articles in a batch, estimated without labels (label / prior shift).

A reliability score is calibrated to the prior its training implies: the shipped Platt scaling
weights every (corpus, class) cell equally, so its implied share of reliable articles is 0.5.
A collection with another share (BuzzFeed-Webis: 0.94 reliable) is then cut in the wrong
place even where the ranking is good. Given a batch of unlabelled articles from one
collection, the share can be estimated and the scores moved to it (Bayes' rule, the
likelihoods held fixed):

* ``em``: Saerens, Latinne & Decaestecker (2002), EM on the posteriors themselves;
* ``bbse``: black-box shift estimation (Lipton, Wang & Smola 2018): the confusion matrix of
  hard predictions on labelled source articles the model did not train on, inverted against
  the batch's share of predicted classes.

Both assume that only the prior moved (P(text | class) the same in the batch as in training).
Safeguards (:class:`PriorSafeguards`): a minimum number of scored articles, the estimate clipped
to a range, and no adjustment when a bootstrap of the batch shows the estimate unstable.
``bench/reliability_prior.py`` measures it on the leave-one-corpus-out folds.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

PriorMethod = Literal["em", "bbse"]
PriorReason = Literal["adjusted", "too_few_articles", "out_of_range", "unstable", "not_converged"]


class PriorSafeguards(BaseModel):
    """When an estimated prior is used, and how far."""

    model_config = ConfigDict(frozen=True)

    min_articles: int = 200
    # the estimate is clipped to [clip, 1 - clip]; or, with reject_outside, not applied
    # outside it (an estimate at 0 or 1 says more about the scores than about the batch)
    clip: float = 0.05
    reject_outside: bool = False
    # bootstrap standard deviation of the estimate above which it is not applied
    max_spread: float = 0.1
    bootstrap: int = 30
    max_iterations: int = 1000
    tolerance: float = 1e-6
    seed: int = 0


class PriorEstimate(BaseModel):
    """The estimated share of reliable articles of one batch, and whether scores were moved."""

    method: PriorMethod
    batch_size: int
    training_prior: float
    prior: float | None = None
    raw_prior: float | None = None
    spread: float | None = None
    iterations: int = 0
    applied: bool = False
    reason: PriorReason

    @property
    def note(self) -> str:
        """A sentence for the batch rows (applied) or the run's summary (not applied)."""
        if self.applied and self.prior is not None:
            return (
                f"score adjusted to this batch's estimated share of reliable articles "
                f"({self.prior:.0%} of {self.batch_size:,} scored; the model's own is "
                f"{self.training_prior:.0%}); it depends on the batch, not only on the article"
            )
        if self.reason == "too_few_articles":
            why = f"too few scored articles ({self.batch_size:,})"
        elif self.reason == "out_of_range":
            why = f"the estimate ({self.raw_prior:.2f}) lies outside the range it is trusted in"
        elif self.reason == "unstable":
            why = f"the estimate is unstable (bootstrap spread {self.spread or 0.0:.2f})"
        else:
            why = "the estimate did not converge"
        return f"scores not adjusted to the batch's share of reliable articles: {why}"


def adjust_to_prior(p: np.ndarray, prior: float, training_prior: float) -> np.ndarray:
    """P(reliable) moved from the training prior to ``prior`` (Bayes' rule; NaN stays NaN)."""
    p = np.asarray(p, dtype=np.float64)
    up = (prior / training_prior) * p
    down = ((1.0 - prior) / (1.0 - training_prior)) * (1.0 - p)
    with np.errstate(invalid="ignore"):
        return up / (up + down)


def em_prior(
    p: np.ndarray, training_prior: float, max_iterations: int = 1000, tolerance: float = 1e-6
) -> tuple[float, int, bool]:
    """Saerens et al. (2002): the prior whose adjusted posteriors average to itself.

    Returns the estimate, the iterations used and whether it converged.
    """
    prior = training_prior
    for iteration in range(1, max_iterations + 1):
        updated = float(adjust_to_prior(p, prior, training_prior).mean())
        if abs(updated - prior) < tolerance:
            return updated, iteration, True
        prior = updated
    return prior, max_iterations, False


def bbse_prior(
    p: np.ndarray, source_p: np.ndarray, source_y: np.ndarray, threshold: float = 0.5
) -> float:
    """Lipton et al. (2018): solve C w = mu for the class weights w.

    ``C`` is the joint distribution of (prediction, label) on labelled source articles scored
    out of fold, ``mu`` the batch's share of each predicted class; the batch's prior is
    ``w * P_source(y)``. Unclipped (it may leave [0, 1]).
    """
    source_y = np.asarray(source_y, dtype=int)
    predicted = (np.asarray(source_p) >= threshold).astype(int)
    joint = np.zeros((2, 2))
    np.add.at(joint, (predicted, source_y), 1.0)
    joint /= len(source_y)
    share = float((np.asarray(p) >= threshold).mean())
    weights = np.linalg.lstsq(joint, np.array([1.0 - share, share]), rcond=None)[0]
    prior = weights * joint.sum(axis=0)
    return float(prior[1] / prior.sum()) if prior.sum() > 0 else float("nan")


def estimate_prior(
    p: np.ndarray,
    training_prior: float = 0.5,
    *,
    method: PriorMethod = "em",
    safeguards: PriorSafeguards | None = None,
    source: tuple[np.ndarray, np.ndarray] | None = None,
) -> PriorEstimate:
    """The share of reliable articles of a batch from its scores ``p`` (NaN: not scored).

    ``source`` (scores, labels) is needed by ``bbse``. The estimate is applied only with at
    least ``min_articles`` scored articles, a converged EM and a bootstrap spread within
    ``max_spread``; it is clipped to ``[clip, 1 - clip]``.
    """
    guard = safeguards or PriorSafeguards()
    if not 0.0 < training_prior < 1.0:
        raise ValueError(f"training prior must lie strictly between 0 and 1, not {training_prior}")
    if method == "bbse" and source is None:
        raise ValueError("bbse needs source scores and labels")
    scored = np.asarray(p, dtype=np.float64)
    scored = scored[~np.isnan(scored)]
    base = {"method": method, "batch_size": len(scored), "training_prior": training_prior}
    if len(scored) < max(guard.min_articles, 2):
        return PriorEstimate(**base, reason="too_few_articles")

    def estimate(sample: np.ndarray) -> tuple[float, int, bool]:
        if method == "em":
            return em_prior(sample, training_prior, guard.max_iterations, guard.tolerance)
        assert source is not None
        return bbse_prior(sample, *source), 0, True

    raw, iterations, converged = estimate(scored)
    prior = float(np.clip(raw, guard.clip, 1.0 - guard.clip)) if np.isfinite(raw) else None
    result = {**base, "prior": prior, "raw_prior": raw, "iterations": iterations}
    if not converged or prior is None:
        return PriorEstimate(**result, reason="not_converged")
    if guard.reject_outside and prior != raw:
        return PriorEstimate(**result, reason="out_of_range")
    rng = np.random.default_rng(guard.seed)
    resampled = [
        np.clip(estimate(rng.choice(scored, len(scored)))[0], guard.clip, 1.0 - guard.clip)
        for _ in range(guard.bootstrap)
    ]
    spread = float(np.nanstd(resampled)) if guard.bootstrap else 0.0
    if not np.isfinite(spread) or spread > guard.max_spread:
        return PriorEstimate(**result, spread=spread, reason="unstable")
    return PriorEstimate(**result, spread=spread, applied=True, reason="adjusted")


__all__ = [
    "PriorEstimate",
    "PriorSafeguards",
    "adjust_to_prior",
    "bbse_prior",
    "em_prior",
    "estimate_prior",
]
