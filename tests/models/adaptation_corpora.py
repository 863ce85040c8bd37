"""Small real corpora for the adaptation tests: FakeNewsAMT and Celebrity as the training rows,
BuzzFeed-Webis articles as the batch (fixture-sized refits, not the 3,000-per-corpus table)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from veracity.data import NewsRecord, load_corpus
from veracity.data.splits import labels_of
from veracity.models.adaptation import FitRows
from veracity.models.features import (
    TEXT_COLUMN,
    feature_frame,
    model_text,
    record_article,
    record_signals,
)
from veracity.models.headline import headline_matrix

TRAINING_PER_CORPUS = 90
BATCH_SIZE = 40


def sample(records: list[NewsRecord], n: int, seed: int = 0) -> list[NewsRecord]:
    """``n`` records with an article left once cleaned, half of each label where it can."""
    usable = [r for r in records if record_article(r) is not None]
    rng = np.random.default_rng(seed)
    picked: list[NewsRecord] = []
    for label in ("fake", "real"):
        members = [r for r in usable if r.label == label]
        picked += [members[i] for i in rng.choice(len(members), n // 2, replace=False)]
    return picked


def training_records(data_dir: Path) -> list[NewsRecord]:
    records = load_corpus("perezrosas2018", data_dir)
    return [
        record
        for collection in ("fakenewsamt", "celebrity")
        for record in sample(
            [r for r in records if r.collection == collection], TRAINING_PER_CORPUS
        )
    ]


def batch_records(data_dir: Path) -> list[NewsRecord]:
    return sample(load_corpus("buzzfeed_webis", data_dir), BATCH_SIZE)


def fit_rows(records: list[NewsRecord], vectoriser: Any) -> FitRows:
    """The records as an estimator reads them (each read as the product reads an article)."""
    articles = [record_article(record) for record in records]
    assert all(article is not None for article in articles)
    texts = [model_text(a.text) for a in articles if a is not None]
    titles = [a.title for a in articles if a is not None]
    signals, _ = record_signals(records)
    frame = feature_frame(texts, signals, stripped=texts, headline=headline_matrix(texts, titles))
    return FitRows(
        frame,
        labels_of(records),
        [record.group for record in records],
        np.array([record.collection for record in records], dtype=object),
        vectoriser.transform(frame[[TEXT_COLUMN]]).tocsr(),
    )
