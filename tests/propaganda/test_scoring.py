import pytest

from veracity.propaganda.scoring import (
    ArticleSums,
    article_sums,
    merge_spans,
    pooled_si,
    si_scores,
    tc_micro_f1,
)


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


def test_an_articles_sums_merge_its_spans_and_credit_each_overlap() -> None:
    # (0, 10) and (5, 20) merge into (0, 20): 12 of its 20 characters in gold (8, 30), 12 of
    # that span's 22; (40, 50) has 5 of its 10 in (45, 60), 5 of that span's 15
    sums = article_sums([(0, 10), (5, 20), (40, 50), (60, 60)], [(8, 30), (45, 60), (3, 3)])
    assert sums.predicted == 2 and sums.gold == 2
    assert sums.precision_sum == pytest.approx(12 / 20 + 5 / 10)
    assert sums.recall_sum == pytest.approx(12 / 22 + 5 / 15)
    assert article_sums([], [(1, 4)]) == ArticleSums(0.0, 0, 0.0, 1)


def test_pooled_article_sums_are_the_si_scores_of_those_articles() -> None:
    predicted = {"a": [(0, 10), (5, 20), (40, 50)], "b": [(3, 9)], "c": []}
    gold = {"a": [(8, 30), (45, 60)], "b": [], "c": [(1, 4)]}
    sums = {k: article_sums(predicted[k], gold[k]) for k in gold}
    assert pooled_si(sums.values()) == pytest.approx(si_scores(predicted, gold))
    only_a = si_scores({"a": predicted["a"]}, {"a": gold["a"]})
    assert pooled_si([sums["a"]]) == pytest.approx(only_a)
    assert pooled_si([sums["a"], sums["b"]])["precision"] == pytest.approx((0.6 + 0.5) / 3)
    assert pooled_si([]) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_tc_micro_f1_is_share_of_correct_labels() -> None:
    assert tc_micro_f1(["Doubt", "Slogans", "Doubt"], ["Doubt", "Doubt", "Doubt"]) == pytest.approx(
        2 / 3
    )
    with pytest.raises(ValueError):
        tc_micro_f1(["Doubt"], [])
