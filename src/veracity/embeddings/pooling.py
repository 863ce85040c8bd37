"""Pooling of the shared encoder's token states, numpy only (no scipy: the encoder imports it)."""

from __future__ import annotations

import numpy as np


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``(b, 384)``: each row's mean of its token states ``hidden`` (b, t, 384) over the tokens
    ``mask`` (b, t) marks with 1 (a row with none gives zeros, not a division by zero)."""
    weights = mask[..., None]
    return (hidden * weights).sum(1) / np.clip(weights.sum(1), 1e-9, None)
