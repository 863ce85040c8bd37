"""The deep path's predicate guard (``veracity.verify.predicates``): one subject with another
predicate is another claim ("was born in Kenya" / "grew up in Kenya"), while a synonym, a manner
of the same act or an outcome word said another way is the same claim."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veracity.verify.factchecks import claims_conflict, match_debunks
from veracity.verify.predicates import _wordnet, same_predicate

PAIRS = Path(__file__).resolve().parents[1] / "fixtures" / "opposite_outcome_pairs.jsonl"
BORN = "Barack Obama was born in Kenya."
GREW_UP = "Says Barack Obama grew up in Kenya."  # LIAR train 3336 (false)

# Found by probe s47 (C4): `veracity verify "Barack Obama was born in Kenya."` showed LIAR's
# "grew up" statement as its first known fact-check (cosine 0.89).
OTHER_PREDICATE = [
    (BORN, GREW_UP),
    ("The mayor was arrested in Chicago.", "The mayor was honored in Chicago."),
    ("The senator visited the refugee camp.", "The senator closed down the refugee camp."),
    # probe s49 V7: an outcome word ("died") against a text that states no outcome is a
    # predicate like any other; before, the guard left it to the outcome part, which reads only
    # "died" / "survived", and a fact-check of a death toll (false) was shown as the claim's
    (
        "Three people were rescued from the Dunmore Plastics factory fire in Brackton.",
        "Three people died in the Dunmore Plastics factory fire in Brackton.",
    ),
    (
        "Four workers were evacuated from the chemical plant in Ohio.",
        "Four workers died at the chemical plant in Ohio.",
    ),
    ("The bill was debated in the Senate on Tuesday.", "The bill failed in the Senate on Tuesday."),
]
SAME_PREDICATE = [
    (
        "The Annie's List political group backs third-trimester abortions on demand.",
        "Says the Annies List political group supports third-trimester abortions on demand.",
    ),
    (
        "Afghan soldiers were apprehended at the Canadian border.",
        "Afghan soldiers were arrested at the Canadian border.",
    ),
    ("The governor slashed the school budget.", "The governor cut the school budget."),
    # a cause states its effect (WordNet's "kill" causes "die")
    (
        "Three people were killed in the Dunmore Plastics factory fire in Brackton.",
        "Three people died in the Dunmore Plastics factory fire in Brackton.",
    ),
    ("The state relaxed its gun laws last year.", "The state loosened its gun laws last year."),
    (
        "The governor approved the minimum wage increase.",
        "The governor signed the minimum wage increase into law on Friday.",
    ),
    # a converse: LIAR neighbours in the store (cosine 0.90), refused before WordNet's antonyms
    # were read as one predicate
    (
        "We sell 40 percent of our guns without a background check.",
        "Today, about 40 percent of guns are purchased without a background check.",
    ),
]


def test_the_verb_table_is_wordnet_3_0s_verbs() -> None:
    verbs = _wordnet()
    # WordNet 3.0's published counts: 13,767 verb synsets, 11,529 verbs, 25,047 senses
    senses = verbs.senses
    assert (len(verbs.links), len(senses), sum(len(s) for s in senses.values())) == (
        13_767,
        11_529,
        25_047,
    )
    assert same_predicate("back", "support") and same_predicate("slash", "cut")
    assert not same_predicate("bear", "grow up")
    assert same_predicate("retweet", "bear")  # a verb WordNet lacks: no other predicate
    assert same_predicate("sell", "purchase") and same_predicate("lend", "borrow")  # antonyms


@pytest.mark.parametrize(("claim", "fact_check"), OTHER_PREDICATE)
def test_another_predicate_of_the_same_arguments_conflicts_on_the_deep_path(claim, fact_check):
    assert claims_conflict(claim, fact_check, predicates=True)
    assert claims_conflict(fact_check, claim, predicates=True)
    # the fast path does not parse: its guard reads them as before
    assert not claims_conflict(claim, fact_check)


@pytest.mark.parametrize(("claim", "fact_check"), SAME_PREDICATE)
def test_a_synonym_or_a_manner_of_the_act_is_the_same_claim(claim, fact_check):
    assert not claims_conflict(claim, fact_check, predicates=True)
    assert not claims_conflict(fact_check, claim, predicates=True)


def test_hand_written_outcome_pairs_keep_their_reading() -> None:
    """An outcome word ("failed", "rose") is the outcome part's: "The tax amendment failed in
    the Senate." / "... was voted down in the Senate" stays one claim."""
    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        for kind in ("confirming", "side"):
            assert not claims_conflict(row["claim"], row[kind], predicates=True), row[kind]


def test_born_in_kenya_is_not_matched_to_grew_up_in_kenya(factcheck_store) -> None:
    deep = match_debunks([BORN], store=factcheck_store)[0]
    assert GREW_UP not in [m.statement for m in deep]
    # the birther claim itself still matches: LIAR's grandmother statement (false)
    assert deep and all(m.verdict == "false" for m in deep)
    assert any("born in Kenya" in m.statement for m in deep)
    fast = match_debunks([BORN], store=factcheck_store, predicates=False)[0]
    assert fast[0].statement == GREW_UP
