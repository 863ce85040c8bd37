"""Masked mean pooling of token states."""

from __future__ import annotations

import numpy as np

from veracity.embeddings.pooling import mean_pool


def test_mean_pool_averages_only_the_marked_tokens_and_gives_zeros_for_none() -> None:
    hidden = np.arange(2 * 3 * 2, dtype=np.float32).reshape(2, 3, 2)
    mask = np.array([[1, 1, 0], [0, 0, 0]], dtype=np.float32)
    pooled = mean_pool(hidden, mask)
    assert pooled.shape == (2, 2)
    assert np.allclose(pooled[0], hidden[0, :2].mean(0))  # the padded third token is left out
    assert np.array_equal(pooled[1], np.zeros(2, dtype=np.float32))
