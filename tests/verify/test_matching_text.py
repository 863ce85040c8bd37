"""Claims and fact-checks are embedded for matching without PolitiFact's leading "Says"."""

from __future__ import annotations

import numpy as np

from veracity.verify.factchecks import (
    FactCheck,
    FactCheckStore,
    matching_text,
    matching_vectors,
    minhash_signatures,
)


def test_politifacts_says_is_no_part_of_the_text_matched() -> None:
    assert matching_text("Says Barack Obama grew up in Kenya.") == "Barack Obama grew up in Kenya."
    assert matching_text("says that the deficit doubled.") == "The deficit doubled."
    # a text that is only the word, or a claim about what someone says, keeps it
    assert matching_text("Says") == "Says"
    assert matching_text("Obama says the deficit doubled.") == "Obama says the deficit doubled."


def test_a_claim_reads_as_its_fact_check_in_politifacts_says_form() -> None:
    """The store's statements and the queries are embedded alike (stop 40: two LIAR statements
    shared the word "Says", which no claim in an article opens with)."""
    statement = "Says Barack Obama grew up in Kenya."
    record = FactCheck(
        id="liar-x", statement=statement, verdict="false", source="t", collection="liar"
    )
    store = FactCheckStore(
        [record],
        matching_vectors([statement]).astype(np.float16),
        minhash_signatures([statement]),
    )
    [[candidate]] = store.candidates(["Barack Obama grew up in Kenya."])
    assert candidate.cosine > 0.99
    [[candidate]] = store.candidates([statement])
    assert candidate.cosine > 0.99
