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


@pytest.mark.data
def test_balanced_text_model_learns_the_label_not_the_corpus(data_dir: Path) -> None:
    """Celebrity gossip mostly real and crowd-written news mostly fake: topic is confounded with
    the label. Weighting every (corpus, class) cell equally makes the text model learn what
    tells the classes apart inside each corpus, so it does better on the articles the confound
    misleads: held-out celebrity fakes and held-out real crowd-sourced news."""
    records = load_corpus("perezrosas2018", data_dir)
    rng = np.random.default_rng(0)
    by_cell: dict[tuple[str, str], list] = {}
    for record in records:
        by_cell.setdefault((record.collection, record.label), []).append(record)
    for cell in by_cell.values():
        rng.shuffle(cell)
    celebrity, amt = "celebrity", "fakenewsamt"
    # training: the majority class of each corpus in full, its minority class small
    train = (
        by_cell[(celebrity, "real")][:200]
        + by_cell[(celebrity, "fake")][:40]
        + by_cell[(amt, "fake")][:200]
        + by_cell[(amt, "real")][:40]
    )
    misled = by_cell[(celebrity, "fake")][40:140] + by_cell[(amt, "real")][40:140]
    domains = [r.collection for r in train]

    def accuracy(balance_text: bool) -> float:
        model = CalibratedLinearModel(
            word_features=5000,
            use_chars=False,
            use_signals=False,
            balance_domains=True,
            balance_text=balance_text,
        )
        model.fit(
            feature_frame([r.full_text for r in train], [{}] * len(train)),
            labels_of(train),
            groups_of(train),
            domains,
        )
        scores = model.text_score(
            model.transform(feature_frame([r.full_text for r in misled], [{}] * len(misled)))
        )
        return float(((scores >= 0).astype(int) == labels_of(misled)).mean())

    balanced, unbalanced = accuracy(True), accuracy(False)
    assert balanced > unbalanced + 0.05, (balanced, unbalanced)
