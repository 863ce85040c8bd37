"""The deep path's reliability score: the linear model, stacked with a MiniLM lead-embedding
head while one beats the linear model alone.

``artefacts/reliability_deep`` holds the linear model of the shipped configuration
(``model.joblib``, as the fast path's) and, when its card names an ``embedding_head``, the head
of :mod:`veracity.models.embedding_head` (``head.joblib``): a logistic regression over the
MiniLM vector of the article's opening (:mod:`veracity.models.lead_embedding`), stacked out of
corpus with the linear model's calibrated log-odds. A head ships only while it beats the linear
model alone on leave-one-corpus-out macro-F1, mean and worst fold, in one run
(``bench/reliability_embeddings.py``; figures in its card and ``docs/benchmarks.md``): the deep
path must never be worse than the fast one. :data:`HEAD_CONFIG` is None while none does, and the
deep artefact is then the linear model alone.

Scoring reads the head's fitted arrays (:class:`HeadScorer`, derived once and cached by the
artefact layer), so it needs numpy and the ONNX MiniLM, not scikit-learn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from veracity.errors import ModelError
from veracity.report.schema import FeatureContribution

if TYPE_CHECKING:
    from veracity.models.embedding_head import EmbeddingHead

HEAD_FILE = "head.joblib"
HEAD_FORMAT = "embedding-head-1"
# The head the deep artefact ships, kept on leave-one-corpus-out (bench/reliability_embeddings.py);
# None: no head. Withdrawn when the headline's Title Case share left the style features: refitted
# on them, no stacked head (C 0.1, 1, 10, or with the corpora's directions projected out) beat the
# linear model on both the mean and the worst fold (C=1: mean 0.596 against 0.592, worst fold
# 0.486 against 0.492); before, C=1 had won by +0.003 / +0.004.
HEAD_CONFIG: dict[str, Any] | None = None
HEAD_CHUNKS = 1
EMBEDDING_PHRASE = "overall wording and subject of the opening (MiniLM embedding)"


@dataclass(frozen=True)
class HeadScorer:
    """The fitted arrays of an :class:`EmbeddingHead` stacked on the linear model."""

    directions: np.ndarray
    coef: np.ndarray
    intercept: float
    stack_embedding: float
    stack_linear: float
    stack_intercept: float
    chunks: int

    @classmethod
    def from_head(cls, head: EmbeddingHead, chunks: int = HEAD_CHUNKS) -> HeadScorer:
        if not head.use_fast:
            raise ModelError("the deep path's head must be stacked on the linear model")
        stack = np.asarray(head.stacker_.coef_[0], dtype=np.float64)
        return cls(
            directions=np.asarray(head.directions_, dtype=np.float64),
            coef=np.asarray(head.linear_.coef_[0], dtype=np.float64),
            intercept=float(head.linear_.intercept_[0]),
            stack_embedding=float(stack[0]),
            stack_linear=float(stack[1]),
            stack_intercept=float(head.stacker_.intercept_[0]),
            chunks=chunks,
        )

    def embedding_push(self, vectors: np.ndarray) -> np.ndarray:
        """The embedding model's push on the calibrated log-odds, per row."""
        x = np.asarray(vectors, dtype=np.float64)
        if len(self.directions):
            x = x - (x @ self.directions.T) @ self.directions
        return self.stack_embedding * (x @ self.coef + self.intercept)

    def decision(self, vectors: np.ndarray, linear_log_odds: np.ndarray) -> np.ndarray:
        """Calibrated log-odds of "reliable": the embedding push plus the scaled linear model."""
        linear = np.asarray(linear_log_odds, dtype=np.float64)
        return self.embedding_push(vectors) + self.stack_linear * linear + self.stack_intercept


@lru_cache(maxsize=4)
def load_head(directory: Path | None = None) -> HeadScorer | None:
    """The deep artefact's head (None when its card names none); :class:`ModelError` when the
    card names one and its file is missing or not a head."""
    from veracity.models.artefact import SPECS, artefact_dir

    spec = SPECS["deep"]
    folder = artefact_dir(directory, "deep")
    card = spec.read_card(folder)
    if not card.get("embedding_head"):
        return None
    chunks = int(card["embedding_head"].get("chunks", HEAD_CHUNKS))

    def derive(head: Any) -> HeadScorer:
        from veracity.models.embedding_head import EmbeddingHead

        if not isinstance(head, EmbeddingHead):
            raise ModelError(f"{folder / HEAD_FILE} is not an embedding head; {spec.rebuild_hint}")
        return HeadScorer.from_head(head, chunks)

    scorer = spec.load_derived(HEAD_FILE, derive, HEAD_FORMAT, folder)
    if not isinstance(scorer, HeadScorer):
        raise ModelError(f"{folder / HEAD_FILE} is not an embedding head; {spec.rebuild_hint}")
    return scorer


def stacked_decision(
    head: HeadScorer, texts: Sequence[str], linear_log_odds: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The deep score's calibrated log-odds for raw article texts and the embedding's push."""
    from veracity.models.features import model_text
    from veracity.models.lead_embedding import lead_embeddings

    vectors = lead_embeddings([model_text(text) for text in texts], head.chunks)
    push = head.embedding_push(vectors)
    return push + head.stack_linear * np.asarray(linear_log_odds) + head.stack_intercept, push


def stacked_contributions(
    head: HeadScorer, linear: list[FeatureContribution], push: float
) -> list[FeatureContribution]:
    """The linear model's contributions scaled by the stacker, plus the embedding's own push."""
    scaled = [
        c.model_copy(update={"contribution": round(c.contribution * head.stack_linear, 4)})
        for c in linear
    ]
    entry = FeatureContribution(
        name=EMBEDDING_PHRASE,
        feature="embedding:lead",
        source="embedding",
        contribution=round(push, 4),
    )
    return sorted([*scaled, entry], key=lambda c: abs(c.contribution), reverse=True)


__all__ = [
    "EMBEDDING_PHRASE",
    "HEAD_CONFIG",
    "HeadScorer",
    "load_head",
    "stacked_contributions",
    "stacked_decision",
]
