"""The operating point that must hold its precision on every dev fold (calibrate.choose_each_fold)."""

from __future__ import annotations

import numpy as np

from veracity.verify.calibrate import (
    Outcome,
    Query,
    choose,
    choose_each_fold,
    cosine_grid,
    fold_precisions,
    match_results,
    operating_points,
    query_folds,
)
from veracity.verify.factchecks import Candidate, Thresholds

OFF = 10.0  # a threshold no similarity reaches


def _row(cosine: float, right: bool, fold: int, n: int) -> Outcome:
    # Record 0 is the answer; record 1 another claim.
    index = 0 if right else 1
    query = Query(f"q{fold}-{n}", "fnc1_rewording", frozenset({0}), group=f"fnc1-story-{fold}")
    return Outcome(query, [Candidate(index, cosine, 0.0)])


def _rows() -> tuple[list[Outcome], np.ndarray]:
    rows = [_row(0.95, True, 0, n) for n in range(60)]
    rows += [_row(0.95, True, 1, n) for n in range(30)]
    rows += [_row(0.85, True, 1, 100 + n) for n in range(5)]  # found only at 0.85
    rows += [_row(0.85, False, 1, 200 + n) for n in range(2)]  # wrong, at 0.85
    return rows, np.asarray([0] * 60 + [1] * 37)


def test_a_point_carried_by_one_fold_is_not_taken() -> None:
    rows, fold_of = _rows()
    grid = [Thresholds(OFF, c) for c in (0.85, 0.9)]
    pooled = choose(rows, grid)
    # Over all queries 95 / 97 = 0.979 at 0.85, so the pooled rule takes it ...
    assert pooled.semantic_cosine == 0.85
    # ... but fold 1 reads 35 / 37 = 0.946 there.
    assert fold_precisions(match_results(rows, pooled), fold_of) == [1.0, 35 / 37]
    held = choose_each_fold(rows, grid, fold_of)
    assert held.semantic_cosine == 0.9
    assert min(fold_precisions(match_results(rows, held), fold_of)) == 1.0


def test_without_a_point_that_holds_everywhere_it_falls_back_to_choose() -> None:
    rows, fold_of = _rows()
    grid = [Thresholds(OFF, 0.85)]
    assert choose_each_fold(rows, grid, fold_of) == choose(rows, grid)


def test_query_folds_follow_the_candidate_folds() -> None:
    rows = [
        _row(0.9, True, 0, 0),
        Outcome(Query("none", "liar_negative"), []),
        _row(0.9, True, 1, 1),
    ]
    folds = [(np.asarray([1]), np.asarray([0])), (np.asarray([0]), np.asarray([1]))]
    assert query_folds(rows, folds).tolist() == [0, -1, 1]


def test_the_store_builds_points_hold_on_every_story_fold() -> None:
    # Five FNC-1 stories, one per fold of the build's story folds. Over all queries cosine 0.85
    # reads 100 / 102 = 0.980, but the last story 10 / 12 = 0.833 there: the build's points
    # (the cosine rule and its baselines) take a higher one (the highest of equal recall), which
    # holds on every story.
    rows = [_row(0.95, True, story, n) for story in range(4) for n in range(20)]
    rows += [_row(0.95, True, 4, n) for n in range(10)]
    rows += [_row(0.85, True, 4, 100 + n) for n in range(10)]
    rows += [_row(0.85, False, 4, 200 + n) for n in range(2)]
    assert choose(rows, cosine_grid()).semantic_cosine <= 0.85
    points = operating_points(rows)
    assert points["hybrid"].semantic_cosine > 0.85
    assert points["dense_only"].semantic_cosine > 0.85
    assert (
        min(
            fold_precisions(
                match_results(rows, points["hybrid"]), np.repeat(range(5), [20, 20, 20, 20, 22])
            )
        )
        == 1.0
    )
