"""The fact-check re-ranker: its features and how its probability decides a semantic match."""

from __future__ import annotations

import numpy as np

from veracity.verify.factchecks import Candidate, Thresholds, decide
from veracity.verify.matcher import MATCH_FEATURES, MatchRanker

STORE = [
    "Tesla to choose Nevada for battery gigafactory",
    "Apple plans a new campus in Texas",
    "Woman gets third breast to appear unattractive to men",
    "Tesla recalls cars over faulty seat belts",
    "Nevada governor signs budget",
]
QUERY = "Tesla Motors set to choose Nevada for its 'gigafactory'"


def _features(ranker: MatchRanker, statements: list[str], cosines: list[float]) -> list[dict]:
    rows = ranker.features(
        QUERY, statements, cosines, [0.1] * len(statements), [False] * len(statements)
    )
    return [dict(zip(MATCH_FEATURES, row, strict=True)) for row in rows]


def test_shared_rare_words_weigh_more_than_shared_common_words():
    ranker = MatchRanker().fit_rarity(STORE)
    same, other = _features(ranker, [STORE[0], STORE[3]], [0.80, 0.70])
    assert same["query_rarity_shared"] > other["query_rarity_shared"]
    assert same["top_candidate"] == 1.0 and other["top_candidate"] == 0.0
    assert same["above_next_cosine"] > 0 > other["above_next_cosine"]


def test_a_fitted_ranker_prefers_the_same_claim():
    ranker = MatchRanker().fit_rarity(STORE)
    statements = [STORE[0], STORE[3], STORE[4], STORE[1]]
    cosines = [0.80, 0.72, 0.55, 0.30]
    features = ranker.features(QUERY, statements, cosines, [0.2, 0.1, 0.0, 0.0], [False] * 4)
    ranker.fit(np.vstack([features, features]), np.asarray([1, 0, 0, 0] * 2))
    probability = ranker.probability(features)
    assert probability[0] == probability.max() and probability[0] > 0.5


def test_the_probability_decides_when_the_thresholds_have_one():
    near = Candidate(0, cosine=0.90, jaccard=0.2, probability=0.30)
    far = Candidate(1, cosine=0.70, jaccard=0.2, probability=0.90)
    reranked = Thresholds(lexical_jaccard=0.95, semantic_cosine=10.0, match_probability=0.5)
    assert [c.index for c, _ in decide([near, far], reranked)] == [1]
    cosine_only = Thresholds(lexical_jaccard=0.95, semantic_cosine=0.8)
    assert [c.index for c, _ in decide([near, far], cosine_only)] == [0]
    conflicting = Candidate(2, cosine=0.95, jaccard=0.2, conflict=True, probability=0.99)
    assert decide([conflicting], reranked) == []
