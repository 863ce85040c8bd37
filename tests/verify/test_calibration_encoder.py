"""Calibration queries are matched by the encoder that embedded the store (calibrate.outcomes)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from veracity.verify.calibrate import Query, outcomes
from veracity.verify.factchecks import FactCheck, FactCheckStore, minhash_signatures

STATEMENTS = [
    "The federal deficit doubled under Barack Obama.",
    "Violent crime fell in Chicago last year.",
]
# A second encoder's unit vectors: its own space, in which the query sits beside the crime check.
OTHER_SPACE = np.asarray([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)


def _other_encoder(texts: Sequence[str]) -> np.ndarray:
    return np.tile(np.asarray([[0.6, 0.8]], dtype=np.float32), (len(texts), 1))


def _store() -> FactCheckStore:
    records = [
        FactCheck(id=f"x-{i}", statement=s, verdict="false", source="t", collection="liar")
        for i, s in enumerate(STATEMENTS)
    ]
    return FactCheckStore(records, OTHER_SPACE.astype(np.float16), minhash_signatures(STATEMENTS))


def test_queries_are_embedded_by_the_encoder_given_for_the_store() -> None:
    query = Query("Chicago saw less violent crime last year.", "liar_recheck", frozenset({1}))
    [row] = outcomes(_store(), [query], _other_encoder)
    cosines = {c.index: c.cosine for c in row.candidates}
    assert cosines == pytest.approx({0: 0.6, 1: 0.8}, abs=1e-3)
    assert row.candidates[0].index == 1


def test_no_query_embeds_nothing() -> None:
    def refuse(texts: Sequence[str]) -> np.ndarray:
        raise AssertionError("embedded an empty batch")

    assert outcomes(_store(), [], refuse) == []
