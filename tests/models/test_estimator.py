"""The estimator on a tiny real sample: fits, calibrates, and stays exactly linear."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from veracity.data import load_corpus
from veracity.data.splits import groups_of, labels_of
from veracity.models.estimator import CalibratedLinearModel
from veracity.models.features import SIGNAL_COLUMNS, STYLE_COLUMNS, feature_frame


@pytest.mark.data
def test_tiny_fit_on_real_articles(data_dir: Path) -> None:
    records = load_corpus("perezrosas2018", data_dir)
    rng = np.random.default_rng(0)
    chosen = [records[i] for i in rng.choice(len(records), 240, replace=False)]
    train, test = chosen[:200], chosen[200:]
    # Signal rows for half of the training rows only: the rest must be ignored by the combiner.
    rows = [
        {column: float(i % 3) for column in SIGNAL_COLUMNS} if i % 2 else {}
        for i in range(len(train))
    ]
    model = CalibratedLinearModel(
        word_features=5000, use_chars=False, use_style=True, balance_domains=True
    )
    # three pseudo-domains: each is scored out of domain for the combiner and the calibration
    domains = [f"part{i % 3}" for i in range(len(train))]
    model.fit(
        feature_frame([r.full_text for r in train], rows),
        labels_of(train),
        groups_of(train),
        domains,
    )
    p = model.predict_proba(feature_frame([r.full_text for r in test], [{}] * len(test)))
    assert p.shape == (len(test), 2)
    assert np.all((p >= 0) & (p <= 1)) and np.allclose(p.sum(axis=1), 1.0)
    assert set(model.signal_weights) | set(model.dropped_signal_columns_) == set(SIGNAL_COLUMNS)
    assert all(weight <= 0 for weight in model.signal_weights.values())
    assert set(model.style_weights) == set(STYLE_COLUMNS)
    assert model.text_weight > 0  # a higher text score must mean more reliable
    assert model.platt_slope > 0
    # the training articles themselves are in scope, bar the 1% farthest
    style = feature_frame([r.full_text for r in train], rows)[STYLE_COLUMNS].to_numpy()
    assert model.out_of_scope(style).mean() <= 0.02


def test_no_signal_of_the_shipped_model_raises_the_score() -> None:
    from veracity.models.artefact import load_artefact

    model = load_artefact().model
    assert model.signal_weights, "the shipped combiner uses no signal at all"
    assert all(weight <= 0 for weight in model.signal_weights.values())
