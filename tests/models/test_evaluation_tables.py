"""The evaluation tables name every system that was scored, beside its baselines."""

from __future__ import annotations

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
    deep_head = "PolitiFact head (stripped text, word + char n-grams, calibrated; deep-path model"
    assert f"| {deep_head}'s configuration) | 745 | 0.921 |" in politifact
    assert (
        "| same head, word n-grams only (fast-path model's configuration) | 745 | 0.898 |"
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
