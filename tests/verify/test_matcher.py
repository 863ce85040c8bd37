"""The fact-check re-ranker: its features and how its probability decides a semantic match."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.errors import ModelError
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


def test_denial_hedge_and_tfidf_features_tell_the_sides_apart():
    # FNC-1 headlines of one story: the query denies what the first candidate reports.
    store = [
        "Argentina's President Adopts Young Boy so He Won't Turn Into Werewolf",
        "President of Argentina adopts Jewish boy to stop him turning into werewolf",
        "Apple Stores to Keep Gold Edition Apple Watch in Custom Safes",
    ]
    ranker = MatchRanker().fit_rarity(store)
    query = "Sorry, Argentina's President Didn't Actually Adopt a Jewish Werewolf"
    rows = ranker.features(query, store, [0.78, 0.76, 0.20], [0.1, 0.1, 0.0], [False] * 3)
    first, second, apple = (dict(zip(MATCH_FEATURES, row, strict=True)) for row in rows)
    assert second["query_negated"] == 1.0 and second["candidate_negated"] == 0.0
    assert first["candidate_negated"] == 1.0  # "Won't"
    assert second["denial_difference"] == 1.0
    assert first["candidates_near_cosine"] == 2.0 and apple["candidates_near_cosine"] == 3.0
    assert second["word_tfidf_cosine"] > apple["word_tfidf_cosine"] == 0.0
    assert second["char_tfidf_cosine"] > apple["char_tfidf_cosine"]
    assert second["above_next_word_cosine"] > 0 > apple["above_next_word_cosine"]
    hedged = ranker.features("Reportedly, the boy was adopted?", store[:1], [0.5], [0.0], [False])
    named = dict(zip(MATCH_FEATURES, hedged[0], strict=True))
    assert named["query_hedged"] == 1.0 and named["query_question"] == 1.0
    assert named["candidate_hedged"] == 0.0 and named["candidate_question"] == 0.0


def test_a_ranker_fitted_by_an_older_version_asks_for_a_rebuild():
    ranker = MatchRanker().fit_rarity(STORE)
    del ranker.word_tfidf_  # as unpickled from a store built before the TF-IDF features
    with pytest.raises(ModelError, match="veracity factchecks build"):
        ranker.features(QUERY, STORE[:1], [0.8], [0.1], [False])


def test_the_reranker_ships_only_when_it_wins_on_dev_and_holds_the_floor_held_out():
    from veracity.verify.calibrate import MIN_PRECISION, shipped_rule

    def figures(precision: float, recall: float) -> dict:
        return {"all": {"precision": precision}, "real_paraphrases": {"recall": recall}}

    cosine = figures(0.975, 0.50)
    gate = {"gate_passed": True}
    assert shipped_rule(cosine, figures(0.972, 0.80), 0.975, **gate) == "reranked"
    assert shipped_rule(cosine, figures(0.972, 0.80), 0.960, **gate) == "hybrid"  # held out
    assert shipped_rule(cosine, figures(MIN_PRECISION - 0.001, 0.90), 0.99, **gate) == "hybrid"
    assert shipped_rule(cosine, figures(0.99, 0.50), 0.99, **gate) == "hybrid"


def test_the_reranker_that_failed_the_debate_gate_does_not_ship_on_the_old_queries_alone():
    """Stop 49: this machine's fresh store build shipped the re-ranker (dev 0.697 at 0.985
    against the cosine rule's 0.620 at 0.981; the old held-out queries, read at every build,
    0.976), and on bench/match_debates.py's test, read once, it found fewer real paraphrases
    than the cosine rule (0.464 against 0.580): the build ships the cosine rule."""
    from veracity.verify.calibrate import RERANKER_GATE_PASSED, shipped_rule

    def figures(precision: float, recall: float) -> dict:
        return {"all": {"precision": precision}, "real_paraphrases": {"recall": recall}}

    assert RERANKER_GATE_PASSED is False
    assert shipped_rule(figures(0.981, 0.620), figures(0.985, 0.697), 0.976) == "hybrid"


def test_a_reranked_store_scores_all_claims_in_one_call_as_one_by_one():
    from veracity.embeddings import embed
    from veracity.verify.factchecks import (
        FactCheck,
        FactCheckStore,
        match_debunks,
        minhash_signatures,
    )

    records = [FactCheck(f"r{i}", text, "false", "test", "test") for i, text in enumerate(STORE)]
    queries = [QUERY, "Woman adds a third breast to look unattractive to men", "Cats sleep a lot"]
    vectors = embed(STORE)
    ranker = MatchRanker().fit_rarity(STORE)
    cosines = embed(queries) @ vectors.T
    features = ranker.features(QUERY, STORE, list(cosines[0]), [0.0] * 5, [False] * 5)
    ranker.fit(np.vstack([features] * 3), np.asarray([1, 0, 0, 0, 0] * 3))
    store = FactCheckStore(
        records,
        vectors,
        minhash_signatures(STORE),
        Thresholds(lexical_jaccard=0.95, semantic_cosine=10.0, match_probability=0.5),
        ranker,
    )
    together = store.candidates(queries)
    for query, found in zip(queries, together, strict=True):
        [alone] = store.candidates([query])
        assert [c.index for c in found] == [c.index for c in alone]
        assert np.allclose([c.probability for c in found], [c.probability for c in alone])
        expected = ranker.probability(
            ranker.features(
                query,
                [STORE[c.index] for c in found],
                [c.cosine for c in found],
                [c.jaccard for c in found],
                [c.conflict for c in found],
            )
        )
        assert np.allclose([c.probability for c in found], expected)
    [tesla, _, _] = match_debunks(queries, store=store)
    assert tesla and tesla[0].statement == STORE[0]
    assert "probability" in tesla[0].explanation
    # each threshold stands beside the figure it is for (probe s49 V7: "probability 0.93 from
    # cosine 0.64 ... (calibrated threshold 0.91)" read as a cosine passing 0.91)
    probability = f"{tesla[0].explanation.split('probability ')[1][:4]}"
    assert f"probability {probability} (the probability's calibrated threshold 0.50)" in (
        tesla[0].explanation
    )
    assert not tesla[0].explanation.endswith("threshold 0.50)")


_RARITY_SCRIPT = """
from veracity.verify.matcher import MATCH_FEATURES, MatchRanker
store = [
    "Tesla to choose Nevada for battery gigafactory after months of talks with four states",
    "Apple plans a new campus in Texas with thousands of engineers and a data centre",
    "Woman gets third breast to appear unattractive to men, she tells a radio show",
    "Tesla recalls cars over faulty seat belts in China, the regulator says",
    "Nevada governor signs budget with tax breaks for the carmaker and its suppliers",
]
query = "Tesla Motors set to choose Nevada for its gigafactory, state officials and suppliers say"
rows = MatchRanker().fit_rarity(store).features(query, store, [0.8, 0.5, 0.2, 0.6, 0.7],
    [0.1] * 5, [False] * 5)
at = [MATCH_FEATURES.index(n) for n in ("query_rarity_shared", "candidate_rarity_shared")]
print([repr(float(row[k])) for row in rows for k in at])
"""


def test_rarity_features_do_not_depend_on_the_string_hash_seed():
    """The store build fits gradient-boosted trees on these features: a last-bit difference
    moved its out-of-fold probabilities by up to 0.1 between two runs of one command."""
    import os
    import subprocess
    import sys

    outputs = {
        subprocess.run(
            [sys.executable, "-c", _RARITY_SCRIPT],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(1, 4)
    }
    assert len(outputs) == 1, outputs


def test_a_statement_of_many_place_lies_is_read_in_linear_time() -> None:
    """Hostile round 6, attack 8: the words before each "lie" were found by searching the
    whole text before it, so 40 KB of "x lies in " took polarity 4.2 s of CPU (100 KB about
    26 s), paid for every claim matched near an imported fact-check holding such a
    statement (`veracity factchecks import` caps no length: one of 100 KB added 9 s to a
    `verify`)."""
    import time

    from veracity.verify.matcher import polarity

    text = "x lies in " * 10_000
    started = time.process_time()
    assert polarity(text) == (False, False)
    assert time.process_time() - started < 0.5


def test_the_word_before_a_lie_is_what_the_pattern_found() -> None:
    import random

    from veracity.verify import matcher

    tokens = ["lie", "lies", "in", "ahead", "the", "a", "they", "x", "12", "\u0663", "1_2", "_"]
    tokens += ["such", "tell", "outright", "answer", "l\u00e0", "thousands", "they'"]
    separators = [" ", "  ", "\t", "\n", "\u00a0", "\u2003", ".", ",", "!", "'", "-", "", "\x1c"]
    rng = random.Random(6)
    checked = 0
    for _ in range(8_000):
        text = "".join(
            rng.choice(tokens) + rng.choice(separators) for _ in range(rng.randint(1, 12))
        )
        if rng.random() < 0.3:
            text = rng.choice(separators) * rng.randint(1, 3) + text
        first = matcher._HAS_WORD.search(text)
        for lie in matcher._LIE.finditer(text):
            found = matcher._NOUN_BEFORE.search(text, 0, lie.start()) is not None
            assert matcher._noun_before(text, lie.start(), first.start() if first else 0) == found
            checked += 1
    assert checked > 4_000
