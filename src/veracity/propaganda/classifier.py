"""The technique classifier: a linear model over n-grams and MiniLM blocks, blended with an MLP.

The linear model (a scikit-learn pipeline: span word and character n-grams, sentence words,
shape features, MiniLM states of span and sentence, the MiniLM sentence vector of the span
alone) and a one-hidden-layer perceptron over the dense blocks alone each give technique
probabilities; their log-probabilities are mixed with ``dense_weight`` and renormalised. The
blend weight and the per-technique offsets that the model adds before its argmax
(:func:`veracity.propaganda.model.biased_argmax`) are chosen at training on article-grouped
folds of the training articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np


class TechniqueClassifier:
    """Blend of a linear pipeline over a table and an MLP over its dense columns."""

    def __init__(
        self,
        linear: Any,
        dense: Any,
        scaler: Any,
        dense_fields: Sequence[str],
        dense_weight: float,
    ) -> None:
        self.linear = linear
        self.dense = dense
        self.scaler = scaler
        self.dense_fields = list(dense_fields)
        self.dense_weight = dense_weight
        self.classes_ = np.array([str(c) for c in linear.classes_])

    def linear_log_proba(self, frame: Any) -> np.ndarray:
        """The linear pipeline's log-probabilities, columns in the order of :attr:`classes_`."""
        return np.log(np.clip(self.linear.predict_proba(frame), 1e-12, None))

    def dense_log_proba(self, frame: Any) -> np.ndarray:
        """The MLP's log-probabilities, columns in the order of :attr:`classes_`."""
        matrix = self.scaler.transform(frame[self.dense_fields].to_numpy(np.float32))
        # the MLP was fit on class indices into classes_; a class it never saw gets ~0
        dense = np.full((len(matrix), len(self.classes_)), 1e-12)
        dense[:, np.asarray(self.dense.classes_, dtype=int)] = self.dense.predict_proba(matrix)
        return np.log(np.clip(dense, 1e-12, None))

    def predict_proba(self, frame: Any) -> np.ndarray:
        """``(rows, techniques)`` blended probabilities, columns in the order of :attr:`classes_`."""
        mixed = (1 - self.dense_weight) * self.linear_log_proba(frame)
        if self.dense_weight:
            mixed += self.dense_weight * self.dense_log_proba(frame)
        mixed -= mixed.max(axis=1, keepdims=True)
        probabilities = np.exp(mixed)
        return probabilities / probabilities.sum(axis=1, keepdims=True)

    def predict(self, frame: Any) -> np.ndarray:
        """The most probable technique of each row (no offsets)."""
        return self.classes_[self.predict_proba(frame).argmax(axis=1)]
