import pytest

from veracity.propaganda.scoring import merge_spans, si_scores, tc_micro_f1


def test_merge_spans_joins_overlaps_only() -> None:
    assert merge_spans([(10, 20), (0, 5), (15, 30), (40, 41)]) == [(0, 5), (10, 30), (40, 41)]


def test_si_partial_credit_by_overlap_length() -> None:
    gold = {"a": [(0, 10)], "b": [(0, 4)]}
    predicted = {"a": [(5, 15)], "b": []}
    scores = si_scores(predicted, gold)
    # one prediction, half inside gold; gold spans: half of one covered, the other missed
    assert scores["precision"] == pytest.approx(0.5)
    assert scores["recall"] == pytest.approx(0.25)
    assert scores["f1"] == pytest.approx(2 * 0.5 * 0.25 / 0.75)


def test_si_exact_match_is_perfect_and_disjoint_is_zero() -> None:
    gold = {"a": [(3, 9), (20, 25)]}
    assert si_scores(gold, gold)["f1"] == pytest.approx(1.0)
    assert si_scores({"a": [(10, 19)]}, gold) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_tc_micro_f1_is_share_of_correct_labels() -> None:
    assert tc_micro_f1(["Doubt", "Slogans", "Doubt"], ["Doubt", "Doubt", "Doubt"]) == pytest.approx(
        2 / 3
    )
    with pytest.raises(ValueError):
        tc_micro_f1(["Doubt"], [])
