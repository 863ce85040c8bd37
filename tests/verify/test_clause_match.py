"""A claim said as one clause of a longer sentence is matched to its fact-check on the deep path
(verify/clause_match.py, FactCheckStore.candidates(clauses=True); issue 16 item 5)."""

from __future__ import annotations

import pytest

from veracity.verify import clause_match, factchecks
from veracity.verify.clause_match import clauses
from veracity.verify.factchecks import match_debunks

PENNY = "What I have put forward does not add a penny to the debt."
TAIL = (
    ", but my opponent wants to spend trillions of dollars on tax cuts for the wealthiest"
    " Americans and on wars we never needed."
)
SENTENCE = "That is why what I have put forward does not add a penny to the debt" + TAIL


def test_a_sentence_is_cut_into_its_clauses_and_a_single_clause_is_not_cut():
    cut = clauses(
        "That is why what I have put forward does not add a penny to the debt, but my opponent"
        " wants to add trillions of dollars to it."
    )
    assert cut == [
        "That is why what I have put forward does not add a penny to the debt",
        "my opponent wants to add trillions of dollars to it",
    ]
    assert clauses("The deficit has doubled in four short years under this president.") == []
    # each part between semicolons, and nothing under six words
    parts = clauses("Taxes went up for every family in Ohio; wages fell for three years running.")
    assert "Taxes went up for every family in Ohio" in parts
    assert clauses("We won; they lost.") == []


def test_a_claim_said_inside_a_longer_sentence_finds_its_fact_check_on_the_deep_path(
    factcheck_store,
):
    assert any(r.statement == PENNY for r in factcheck_store.records)
    deep = match_debunks([SENTENCE], store=factcheck_store)[0]
    assert deep and deep[0].statement == PENNY
    # the fast path does not parse: no clauses, the whole sentence alone is too far
    fast = match_debunks([SENTENCE], store=factcheck_store, predicates=False)[0]
    assert PENNY not in [m.statement for m in fast]


def test_a_clause_keeps_the_guard_of_its_sentence(factcheck_store):
    # the frame the clause leaves out ("People actually believed that ...": a debunk) refuses
    # what the clause alone would match; the same clause under a plain frame matches
    framed = (
        "People actually believed that what I have put forward does not add a penny to the debt."
    )
    assert clauses(framed) == ["what I have put forward does not add a penny to the debt"]
    assert PENNY not in [m.statement for m in match_debunks([framed], store=factcheck_store)[0]]
    plain = framed.replace("People actually believed", "The senator said")
    assert PENNY in [m.statement for m in match_debunks([plain], store=factcheck_store)[0]]


def test_the_fast_path_never_parses_a_sentence_for_its_clauses(factcheck_store, monkeypatch):
    def parse(depth):
        raise AssertionError(f"parsed ({depth}) for clauses")

    monkeypatch.setattr(clause_match, "load_pipeline", parse)
    match_debunks([SENTENCE], store=factcheck_store, predicates=False, screen=True)
    match_debunks([SENTENCE], store=factcheck_store, predicates=False)
    with pytest.raises(AssertionError, match="parsed"):
        match_debunks([SENTENCE], store=factcheck_store)


def test_a_sentence_far_from_every_statement_is_not_parsed_for_its_clauses(
    factcheck_store, monkeypatch
):
    # the clause route parses only a sentence whose best whole-sentence cosine reaches the
    # floor (CLAUSE_FLOOR, chosen on dev): one far from every statement is matched whole
    far = (
        "The children built a sandcastle on the beach after lunch, and their grandmother read"
        " a novel under the striped umbrella."
    )

    def parse(depth):
        raise AssertionError(f"parsed ({depth}) for clauses")

    monkeypatch.setattr(clause_match, "load_pipeline", parse)
    assert match_debunks([far], store=factcheck_store) == [[]]
    best = factcheck_store.candidates([far], predicates=True)[0][0].cosine
    assert best < factchecks.CLAUSE_FLOOR <= 0.78
    with pytest.raises(AssertionError, match="parsed"):
        match_debunks([SENTENCE], store=factcheck_store)
