"""The evaluation tables name every system that was scored, beside its baselines."""

from __future__ import annotations

import pytest

from veracity.data import NewsRecord
from veracity.models import evaluation
from veracity.models.evaluation import EvaluationResult, format_tables


def _binary(accuracy: float) -> dict[str, float]:
    return {
        "n": 745.0,
        "accuracy": accuracy,
        "macro_f1": accuracy,
        "f1_fake": 0.5,
        "ece": 0.02,
        "auc": 0.8,
    }


def _multi(accuracy: float) -> dict[str, float]:
    return {"n": 1283.0, "accuracy": accuracy, "macro_f1": 0.2, "weighted_f1": 0.2}


def test_politifact_and_liar_tables_show_the_heads_and_their_alternatives() -> None:
    results = {
        "politifact": {
            "n": 745,
            "protocol": "5-fold GroupKFold by outlet domain",
            "model": _binary(0.921),
            "word_only": _binary(0.898),
            "plain_tfidf_lr": _binary(0.901),
            "majority": _binary(0.530),
        },
        "liar": {
            "n": {"train": 10240, "valid": 1284, "test": 1283},
            "six": {
                "chosen_C": 0.3,
                "model": _multi(0.294),
                "model_validation": _multi(0.311),
                "joint_lr": _multi(0.263),
                "plain_tfidf_lr": _multi(0.247),
                "majority": _multi(0.208),
            },
            "binary": {
                "chosen_C": 1.0,
                "model": _multi(0.657),
                "plain_tfidf_lr": _multi(0.6),
                "majority": _multi(0.567),
            },
        },
    }
    tables = format_tables(results)
    typed = EvaluationResult.model_validate(
        {"records_after_dedup": 41_234, **results, "seconds": 61.6}
    )
    assert format_tables(typed) == tables
    assert typed.as_dict() == {"records_after_dedup": 41_234, **results, "seconds": 61.6}
    assert typed.liar is not None and typed.liar.six.model.accuracy == 0.294  # typed sections
    assert typed.summary_line() == (
        "reliability evaluation: politifact, liar on 41,234 records after deduplication (62 s)"
    )
    politifact = tables.split("### LIAR")[0]
    head = "PolitiFact head (stripped text, word + char n-grams, calibrated; the deep path"
    assert f"| {head}'s configuration before LOCO) | 745 | 0.921 |" in politifact
    assert (
        "| same head, word n-grams only (the shipped configuration, both paths) | 745 | 0.898 |"
        in politifact
    )
    six_way = tables.split("6-way:")[1].split("Binary")[0]
    rows = [line for line in six_way.splitlines() if line.startswith("| ") and "---" not in line]
    assert [row.split(" | ")[2] for row in rows[1:]] == ["0.294", "0.263", "0.247", "0.208"]
    assert "validation split (fitted on train only" in six_way and "accuracy 0.311" in six_way


def test_in_domain_table_names_the_fast_model_and_the_deep_configuration() -> None:
    section = {
        "n_train": 2980,
        "n_test": 745,
        "model": _binary(0.778),
        "plain_tfidf_lr": _binary(0.75),
        "majority": _binary(0.617),
        "with_chars": _binary(0.791),
    }
    tables = format_tables({"in_domain": {"source_disjoint": section}})
    typed = EvaluationResult.model_validate(
        {"records_after_dedup": 3725, "in_domain": {"source_disjoint": section}}
    )
    assert format_tables(typed) == tables
    assert (
        "| veracity fast-path model (word n-grams, stripped, calibrated) | 745 | 0.778 |" in tables
    )
    assert (
        "| same model + char 3-5-grams (the deep path's configuration before LOCO) | 745 | 0.791 |"
        in tables
    )


def test_politifact_head_reads_the_characters_its_row_names(monkeypatch) -> None:
    """The head row says word + char n-grams and the beside row word n-grams only: each is fitted
    with that configuration, whatever the deep path ships (one configuration for both paths
    since LOCO, so model_config("deep") has no characters)."""
    fitted: list[bool] = []
    real_model = evaluation.CalibratedLinearModel

    def recording_model(**config):
        fitted.append(config["use_chars"])
        return real_model(**config)

    monkeypatch.setattr(evaluation, "CalibratedLinearModel", recording_model)
    words = {"real": "officials said the committee approved the budget on", "fake": "shocking"}
    records = [
        NewsRecord(
            id=str(i),
            corpus="fakenewsnet",
            collection="politifact",
            level="article",
            title=f"Report {i}",
            text=" ".join([words[label]] * 30 + [f"site{i % 10}"]),
            label=label,
            original_label=label,
            source=f"site{i % 10}.com",
        )
        for i, label in enumerate(["real", "fake"] * 60)
    ]
    scores = evaluation.evaluate_politifact(records)
    assert fitted == [True, False] * 5  # five folds: the head with characters, then words only
    assert scores.model.accuracy == pytest.approx(1.0)
