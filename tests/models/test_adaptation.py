"""Adapting the fast model to a batch: the pseudo-labels, the calibration blind to them, the
share's choice by inner leave-one-corpus-out, and a refit whose scores move with them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.models.adaptation_corpora import batch_records, fit_rows, training_records
from veracity.models.adaptation import (
    GRID,
    adapt_to_batch,
    choose_share,
    chosen_share,
    pseudo_labels,
    pseudo_rows,
    scored_probability,
    self_trained,
)
from veracity.models.artefact import load_artefact
from veracity.models.features import SIGNAL_COLUMNS, STYLE_COLUMNS, record_article
from veracity.models.headline import HEADLINE_COLUMNS


def test_pseudo_labels_take_the_confident_share_on_each_side_of_the_cut() -> None:
    p = np.array([0.9, 0.1, np.nan, 0.55, 0.45, 0.2, 0.8, 0.95, 0.05, 0.6])
    scored = np.array([True] * 9 + [False])  # the last one abstains (too short)
    # 8 scored with a score: a quarter is 2 each side
    chosen, labels = pseudo_labels(p, scored, 0.25)
    assert chosen.tolist() == [8, 1, 7, 0] and labels.tolist() == [0, 0, 1, 1]
    # a side holds only the scores on its side of the cut
    chosen, labels = pseudo_labels(np.array([0.6, 0.7, 0.8, 0.9]), np.ones(4, bool), 0.5)
    assert chosen.tolist() == [3, 2] and labels.tolist() == [1, 1]


def test_the_share_is_the_best_inner_mean_whose_worst_inner_corpus_does_not_fall() -> None:
    def inner(**by_k: tuple[float, float]) -> dict[str, dict[str, float]]:
        grid = {str(k): by_k.get(f"k{int(k * 1000)}", (0.60, 0.50)) for k in GRID}
        return {g: {k: v[i] for k, v in grid.items()} for i, g in enumerate(("a", "b"))}

    # 40%: the best mean, but its worst inner corpus falls below no adaptation's (0.50)
    assert chosen_share(inner(k400=(0.80, 0.49), k50=(0.62, 0.51))) == 0.05
    # nothing beats no adaptation: 0, do not adapt
    assert chosen_share(inner(k50=(0.59, 0.50), k300=(0.70, 0.40))) == 0.0
    # a tie goes to the smaller share
    assert chosen_share(inner(k0=(0.55, 0.50), k100=(0.62, 0.51), k300=(0.62, 0.51))) == 0.10


@pytest.fixture(scope="module")
def corpora(data_dir: Path) -> dict[str, Any]:
    shipped = load_artefact(depth="fast")
    training = training_records(data_dir)
    batch = batch_records(data_dir)
    return {
        "shipped": shipped,
        "training": fit_rows(training, shipped.model.vectoriser_),
        "batch": fit_rows(batch, shipped.model.vectoriser_),
        "batch_records": batch,
    }


@pytest.mark.data
def test_the_calibration_never_reads_the_pseudo_labelled_rows(corpora: dict[str, Any]) -> None:
    training, batch = corpora["training"], corpora["batch"]
    vectoriser = corpora["shipped"].model.vectoriser_
    base = self_trained(training, vectoriser)
    p = scored_probability(base, batch.frame, batch.matrix)
    chosen, labels = pseudo_labels(p, np.ones(len(p), dtype=bool), 0.2)
    pseudo = pseudo_rows(batch.frame, batch.matrix, chosen, labels, "batch")
    blind = self_trained(training, vectoriser, pseudo)
    seen = self_trained(training, vectoriser, pseudo, calibrate_on_pseudo=True)
    n = len(training.y)
    # the out-of-corpus scores the calibration is fitted on: none of the batch's rows when blind
    assert np.isnan(blind.out_of_fold_[n:]).all() and not np.isnan(blind.out_of_fold_[:n]).any()
    assert not np.isnan(seen.out_of_fold_[n:]).any()
    assert blind.calibration_leaves_out == "batch" and seen.calibration_leaves_out is None
    assert blind.platt_slope != seen.platt_slope


@pytest.mark.data
def test_the_adapted_scores_move_toward_the_batchs_pseudo_labels(corpora: dict[str, Any]) -> None:
    shipped, training, records = corpora["shipped"], corpora["training"], corpora["batch_records"]
    articles = [record_article(record) for record in records]
    texts = [article.text for article in articles if article is not None]
    titles = [article.title for article in articles if article is not None]
    frame = corpora["batch"].frame
    signal_rows = frame[SIGNAL_COLUMNS].to_dict("records")
    adapted = adapt_to_batch(
        texts,
        titles,
        signal_rows,
        share=0.2,
        shipped=shipped.model,
        shipped_version=shipped.version,
        training=training,
    )
    # the shipped model's scores, as scoring gives them
    _, log_odds = shipped.model.explained_decision(frame, corpora["batch"].matrix)
    np.testing.assert_allclose(adapted.shipped_scores, 1 / (1 + np.exp(-log_odds)), atol=1e-9)
    assert adapted.pseudo == 2 * int(0.2 * len(texts))
    assert re.fullmatch(
        rf"{re.escape(shipped.version)}\+adapted\.k20\.[0-9a-f]{{8}}", adapted.model_version
    )
    # against the same training rows refitted without the batch, the pseudo-reliable articles
    # rise and the pseudo-unreliable ones fall
    base = self_trained(training, shipped.model.vectoriser_)
    unadapted = 1 / (1 + np.exp(-base.explained_decision(frame, corpora["batch"].matrix)[1]))
    chosen, labels = pseudo_labels(adapted.shipped_scores, np.ones(len(texts), dtype=bool), 0.2)
    moved = adapted.scores[chosen] - unadapted[chosen]
    assert moved[labels == 1].mean() > 0 > moved[labels == 0].mean()
    # no share: the shipped scores and version, no refit
    same = adapt_to_batch(
        texts,
        titles,
        signal_rows,
        share=0.0,
        shipped=shipped.model,
        shipped_version=shipped.version,
        training=training,
    )
    assert same.model_version == shipped.version and same.pseudo == 0
    assert same.scores.tolist() == adapted.shipped_scores.tolist()


@pytest.mark.data
def test_the_share_is_chosen_by_inner_leave_one_corpus_out(data_dir: Path) -> None:
    from veracity.data.splits import labels_of
    from veracity.models.loco import LocoTable, fold_of

    records = training_records(data_dir) + batch_records(data_dir)
    shipped = load_artefact(depth="fast")
    rows = fit_rows(records, shipped.model.vectoriser_)
    frame = rows.frame
    table = LocoTable(
        records=records,
        fold=np.array([fold_of(r) for r in records]),
        y=labels_of(records),
        raw=[r.full_text for r in records],
        texts=frame["text"].tolist(),
        style=frame[STYLE_COLUMNS].to_numpy(),
        signals=frame[SIGNAL_COLUMNS].to_dict("records"),
        detectors=shipped.detectors,
        abstained=[None] * len(records),
        titles=[r.title for r in records],
        headline=frame[list(HEADLINE_COLUMNS)].to_numpy(),
    )
    corpora = ("fakenewsamt", "celebrity", "buzzfeed_webis")
    choice = choose_share(table, corpora, grid=(0.0, 0.2), cap=60)
    assert set(choice.inner_macro_f1) == set(corpora)
    assert all(set(scores) == {"0.0", "0.2"} for scores in choice.inner_macro_f1.values())
    assert choice.share == chosen_share(choice.inner_macro_f1, (0.0, 0.2))
    assert choice.inner_cap == 60 and choice.grid == [0.0, 0.2]


def test_the_share_is_written_into_the_fast_card_keeping_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from veracity.models import loco, train
    from veracity.models.adaptation import ShareChoice
    from veracity.models.artefact import SPECS, load_scorer

    folder = tmp_path / "reliability"
    shutil.copytree(SPECS["fast"].directory, folder)
    model_bytes = (folder / "model.joblib").read_bytes()
    before = load_scorer(folder)
    choice = ShareChoice(
        share=0.1,
        grid=list(GRID),
        rule="the rule",
        inner_cap=1000,
        inner_macro_f1={"a": {str(k): 0.5 for k in GRID}},
        cpu_seconds=1.0,
    )
    monkeypatch.setattr(loco, "load_loco_table", lambda data_dir: "the table")
    monkeypatch.setattr(train, "choose_share", lambda table, on_corpus: choice)
    card = train.write_adaptation_choice(tmp_path, folder)
    assert card["adaptation"] == choice.model_dump()
    after = load_scorer(folder)  # the card's digests check every file of the folder
    assert after.card["adaptation"]["share"] == 0.1
    assert after.version == before.version and after.thresholds == before.thresholds
    assert (folder / "model.joblib").read_bytes() == model_bytes
    assert {
        k: v for k, v in after.card.model_dump().items() if k not in ("adaptation", "files_sha256")
    } == {
        k: v for k, v in before.card.model_dump().items() if k not in ("adaptation", "files_sha256")
    }
