"""The stance evaluation is a typed result with a one-line summary, kept in the card as a dict."""

from __future__ import annotations

import numpy as np

from veracity.verify.train_stance import StanceEvaluation, evaluate_stance


def test_a_perfect_prediction_scores_the_maximum_and_says_so() -> None:
    gold = np.array(["agree", "unrelated", "discuss", "disagree", "unrelated"], dtype=object)
    scores = evaluate_stance(gold, gold)
    assert isinstance(scores, StanceEvaluation)
    assert scores.fnc_score == scores.fnc_max == 0.25 * 5 + 0.75 * 3
    assert scores.fnc_ratio == scores.accuracy == scores.macro_f1 == 1.0
    assert scores.f1 == {"agree": 1.0, "disagree": 1.0, "discuss": 1.0, "unrelated": 1.0}
    assert scores.summary == "FNC score ratio 1.000, accuracy 1.000, macro-F1 1.000"
    assert "label" not in scores.record()


def test_the_majority_baseline_keeps_its_label_first_in_the_card() -> None:
    gold = np.array(["agree", "unrelated", "unrelated", "discuss"], dtype=object)
    baseline = evaluate_stance(gold, np.full(len(gold), "unrelated", dtype=object))
    record = baseline.model_copy(update={"label": "unrelated"}).record()
    assert next(iter(record)) == "label" and record["label"] == "unrelated"
    assert record["fnc_score"] == 0.25 * 2 and record["accuracy"] == 0.5
    assert record["f1"]["agree"] == 0.0 and 0 < record["f1"]["unrelated"] < 1
    assert StanceEvaluation.model_validate(record) == baseline.model_copy(
        update={"label": "unrelated"}
    )
