"""Aligning a claim's figures with another article's sentences: what supports, what contradicts."""

from __future__ import annotations

from veracity.corroborate.align import compare_claim, figure_sentences

# The Duran against InfoWars (ReCOVery, --corroborate): the other poll sentence states two of
# the claim's three shares; before, the third ("11% ... unsure") was "contradicted" by them.
CLAIM = (
    "The survey found 14% were not interested at all, 10% were not very interested, and 11% "
    "were unsure about subjecting themselves to a vaccine."
)
OTHER = (
    "The poll found that 14% were not interested at all, and 10% were not very interested in "
    "taking the vaccine."
)


def test_a_figure_another_of_the_claims_figures_states_contradicts_nothing() -> None:
    (claim,) = figure_sentences(None, CLAIM)
    found = compare_claim(claim, figure_sentences(None, OTHER))
    assert [f.text for f in claim.figures] == ["14%", "10%", "11%"]
    assert {found[0].relation, found[1].relation} == {"supports"}
    assert 2 not in found  # the 11% is not stated there, not contradicted
    # a share that differs from every figure of the claim still contradicts it
    other = figure_sentences(None, OTHER.replace("10%", "30%"))
    assert compare_claim(claim, other)[1].relation == "contradicts"
