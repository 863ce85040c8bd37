"""Leave-one-corpus-out evaluation: folds, abstentions counted as errors, capped training rows."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from veracity.data import load_corpus
from veracity.metrics import scores_with_abstentions
from veracity.models.loco import AUXILIARY, FOLDS, fold_of, summarise


def test_abstentions_count_as_errors_and_lower_coverage() -> None:
    y = np.array([1, 1, 0, 0])
    p = np.array([0.9, 0.8, 0.1, 0.2])  # all four right at 0.5
    assert scores_with_abstentions(y, p)["macro_f1"] == 1.0
    covered = np.array([True, True, True, False])
    scores = scores_with_abstentions(y, p, covered)
    assert scores["coverage"] == 0.75
    assert scores["accuracy"] == 0.75  # the abstained fake article counts as wrong
    assert scores["macro_f1"] < 1.0
    assert scores["auc"] == 1.0  # ranking quality is measured on the scored articles


def test_summary_reports_mean_worst_and_margin_over_tfidf() -> None:
    def fold(ours: float, plain: float) -> dict:
        return {
            "veracity": {"macro_f1": ours, "auc": 0.7},
            "plain_tfidf_lr": {"macro_f1": plain, "auc": 0.6},
        }

    summary = summarise({"folds": {"a": fold(0.8, 0.7), "b": fold(0.6, 0.65)}})
    assert summary["veracity"]["mean_macro_f1"] == pytest.approx(0.7)
    assert summary["veracity"]["worst_macro_f1"] == pytest.approx(0.6)
    assert summary["veracity"]["min_margin_over_tfidf"] == pytest.approx(-0.05)


@pytest.mark.data
def test_every_record_of_the_article_corpora_has_one_fold(data_dir: Path) -> None:
    assert len(FOLDS) == 8
    for corpus, expected in (
        ("perezrosas2018", {"fakenewsamt", "celebrity"}),
        ("recovery_covid2020", {"recovery_covid2020"}),
        ("golbeck2018_fake_satire", {"golbeck2018_fake_satire"}),
    ):
        assert {fold_of(r) for r in load_corpus(corpus, data_dir)} == expected
    assert set(AUXILIARY).isdisjoint(FOLDS)
    assert fold_of(load_corpus("liar", data_dir)[0]) is None
