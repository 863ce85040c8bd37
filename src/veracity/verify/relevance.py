"""A passage's relevance: the calibrated probability that it is evidence for the claim.

The evidence-stance head's relatedness (1 - its "unrelated" probability) learned "unrelated" from
passages about something else, so any passage on the claim's topic reads 0.98-1.00 and says
nothing of which passage matters (docs/benchmarks.md, "Relevance: why every passage reads
1.00"). This logistic regression reads what the verdict already has for any passage (the head's
four log-probabilities, the MiniLM cosine of claim and passage, the share of the claim's content
words in the passage) and says how likely the passage is to hold evidence that supports or
refutes the claim. ``veracity train relevance`` fits it on the passages retrieval finds for
CLIMATE-FEVER's development claims (train + validation: no held-out claim is read) and keeps its
coefficients in its card, with figures out of fold by claim (:mod:`.train_relevance`).
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from veracity.artefacts import ARTEFACTS

RELEVANCE = ARTEFACTS["relevance"]
FEATURES = (
    "log_p_agree",
    "log_p_disagree",
    "log_p_discuss",
    "log_p_unrelated",
    "cosine",
    "claim_words_in_passage",
)
# Passages read per development claim, and folds by claim for the out-of-fold figures.
READ = 10
FOLDS = 5
# Larger than any coefficient a fit at C=1 makes (the shipped ones are under 5 in size).
MAX_COEFFICIENT = 1e6


def claim_fold(claim: str, folds: int = FOLDS) -> int:
    """The fold of a claim, from its text (stable across runs and sets: the verdict rule's
    bench reads the same claims' evidence sentences under the model that did not see them)."""
    return zlib.crc32(claim.encode("utf-8")) % folds


@lru_cache(maxsize=4096)
def claim_cosine(claim: str, passage: str) -> float:
    """The MiniLM cosine of ``claim`` and ``passage`` (vectors cached on disk)."""
    from veracity.embeddings import embed

    u, v = embed([claim, passage])
    return float(np.dot(u, v))


def relevance_features(
    claims: list[str], passages: list[str], proba: np.ndarray, cosines: np.ndarray | None = None
) -> np.ndarray:
    """One row of :data:`FEATURES` per claim / passage pair; ``proba``: the evidence-stance
    head's rows (agree, disagree, discuss, unrelated); ``cosines``: the pairs' MiniLM cosines
    (computed when None)."""
    from veracity.verify.cues import _coverage, content_words

    if cosines is None:
        cosines = np.array([claim_cosine(c, p) for c, p in zip(claims, passages, strict=True)])
    coverage = np.array(
        [_coverage(content_words(c), p) for c, p in zip(claims, passages, strict=True)]
    )
    logs = np.log(np.clip(np.asarray(proba, dtype=float), 1e-6, 1.0))
    return np.column_stack([logs, cosines, coverage])


@dataclass(frozen=True)
class RelevanceModel:
    """The fitted logistic regression, as its card keeps it."""

    coefficients: tuple[float, ...]
    intercept: float

    def predict(self, features: np.ndarray) -> np.ndarray:
        """P(evidence passage) of each row of :func:`relevance_features`."""
        z = np.asarray(features, dtype=float) @ np.asarray(self.coefficients) + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def relevance(self, claim: str, passage: str, proba: np.ndarray) -> float:
        """P(evidence passage) of one passage from its row of the head's probabilities."""
        return float(self.predict(relevance_features([claim], [passage], proba[None, :]))[0])

    @classmethod
    def fit(cls, features: np.ndarray, labels: np.ndarray) -> RelevanceModel:
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=1.0, max_iter=1000).fit(features, labels)
        return cls(tuple(float(c) for c in model.coef_[0]), float(model.intercept_[0]))


@lru_cache(maxsize=1)
def load_relevance_model() -> RelevanceModel:
    """The shipped calibration (its card's coefficients, checked against :data:`FEATURES`)."""
    from veracity.errors import ModelError

    card = RELEVANCE.read_card()
    if tuple(card.get("features") or ()) != FEATURES or len(card.get("coefficients") or ()) != len(
        FEATURES
    ):
        raise ModelError(
            f"the relevance artefact's card names other features than this code reads; "
            f"{RELEVANCE.rebuild_hint}"
        )
    coefficients, intercept = card["coefficients"], card.get("intercept")
    if not all(_finite_number(value) for value in (*coefficients, intercept)):
        # a card edited or damaged by hand: NaN made every passage's relevance NaN (a report
        # that fails its own schema), a string or a missing intercept an internal error
        raise ModelError(
            f"the relevance artefact's card holds a coefficient or intercept that is no finite "
            f"number of at most {MAX_COEFFICIENT:,.0f} in size; {RELEVANCE.rebuild_hint}"
        )
    return RelevanceModel(tuple(float(c) for c in coefficients), float(intercept))


def _finite_number(value: object) -> bool:
    """A number a fitted coefficient can be: finite, and small enough that no row of the
    features (each within 14 of 0: log-probabilities are clipped at 1e-6) sums to infinity."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(value) and abs(value) <= MAX_COEFFICIENT
    except OverflowError:  # an int past a float's range
        return False
