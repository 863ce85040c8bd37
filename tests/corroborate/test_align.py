"""Aligning a claim's figures with another article's sentences: what supports, what contradicts."""

from __future__ import annotations

import pytest

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


def _relations(claim_text: str, other_text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    (claim,) = figure_sentences(None, claim_text)
    found = compare_claim(claim, figure_sentences(None, other_text))
    return {claim.figures[k].text: (a.relation, a.figures) for k, a in found.items()}


# Business Insider against CBS News and the Chicago Sun-Times (ReCOVery, --corroborate): every
# amount of money was one key, so the bill's total "contradicted" the stimulus checks.
HEROES = (
    "The bill includes a list of priorities, including another round of $1,200 stimulus checks, "
    "a raise for essential workers, increased health insurance coverage, and nearly $1 trillion "
    "in financial aid to local and state governments."
)


def test_amounts_of_different_things_do_not_contradict() -> None:
    whole_bill = (
        "On Friday evening, the House passed a $3 trillion coronavirus relief bill providing "
        "assistance to state and local governments, hazard pay for frontline health care "
        "workers, student debt forgiveness and bolstered Medicaid and Medicare."
    )
    assert _relations(HEROES, whole_bill) == {}
    # a fund's total is not what each worker gets
    per_worker = (
        "Democrats just passed new coronavirus bailout that includes $500 billion to prevent "
        "teacher and firefighter layoffs, $1,200 checks for Americans, and a $25,000 pay boost "
        "for essential workers"
    )
    fund = (
        "There's $200 billion in hazard pay for essential workers on the front lines of the crisis."
    )
    assert _relations(per_worker, fund) == {}


def test_an_amount_of_the_same_thing_still_contradicts() -> None:
    other = (
        "The House bill includes another round of stimulus checks, hazard pay for essential "
        "workers and $500 billion in financial aid to local and state governments."
    )
    assert _relations(HEROES, other) == {"nearly $1 trillion": ("contradicts", ("$500 billion",))}


# Business Insider against the Chicago Sun-Times on an antibody test: a false-negative rate and
# a detection rate are percentages of different things.
FALSE_NEGATIVES = (
    "Another study in late April found that it was showing a false negative in around 15% of "
    "cases — a result affirmed by the director of the National Institutes of Health."
)


def test_percentages_of_different_things_do_not_contradict() -> None:
    detected = (
        "The company pointed to other independent study results that found the test accurately "
        "detected 90% or more infections."
    )
    assert _relations(FALSE_NEGATIVES, detected) == {}
    other_rate = (
        "A study published in late April found that the test was showing a false negative in "
        "48% of cases."
    )
    assert _relations(FALSE_NEGATIVES, other_rate) == {"around 15%": ("contradicts", ("48%",))}


def test_a_measure_of_the_same_thing_still_contradicts() -> None:
    # FNC-1 bodies on "Crabzilla": the size of an edible crab, in inches, differs
    crab = (
        "It is shaped like an edible crab, a species that is commonly found in British water "
        "and grows to an average of five inches."
    )
    other = (
        "The giant animal is shaped like an edible crab, a species commonly found in British "
        "waters, but which only grows to be ten inches across, on average."
    )
    assert _relations(crab, other) == {"five": ("contradicts", ("ten",))}


def test_a_claim_is_never_cut_at_an_abbreviation() -> None:
    # ReCOVery, Chicago Sun-Times: the claim shown was "... in which Illinois Gov." and the
    # count "17" became a sentence of its own after "the week of Feb."
    text = (
        "The weekend marked the first time in eight weeks in which Illinois Gov. J.B. Pritzker "
        "and Ezike did not hold a joint briefing. Cases rose 40 percent during the week of "
        "Feb. 17, according to the U.S. Centers for Disease Control and Prevention."
    )
    claims = [claim.text for claim in figure_sentences(None, text)]
    assert claims == [
        "The weekend marked the first time in eight weeks in which Illinois Gov. J.B. Pritzker "
        "and Ezike did not hold a joint briefing.",
        "Cases rose 40 percent during the week of Feb. 17, according to the U.S. Centers for "
        "Disease Control and Prevention.",
    ]


# NBC/WSJ poll, CNN against Politico (BuzzFeed-Webis, batch --corroborate): Politico's best-
# aligned sentence counted Republicans voting for Trump (41 percent), and its own "Trump follows
# at 37 percent" aligned with nothing, so CNN's 37% was "disputed" by an outlet that states it.
POLL_CLAIM = (
    "A four-way matchup shows Clinton has 43% support of likely voters while Trump has 37%, in "
    "the new NBC/Wall Street Journal poll."
)
POLL_OTHER = (
    "On the Republican side, only 41 percent of registered voters said their vote is for Trump "
    "(51 percent said it was against Clinton). Trump follows at 37 percent, while Johnson and "
    "Stein trail at 9 percent and 3 percent, respectively."
)


def test_a_figure_the_other_article_states_elsewhere_is_not_contradicted() -> None:
    assert _relations(POLL_CLAIM, POLL_OTHER) == {}
    # without its own 37 percent, the other article still contradicts the claim's 37%
    without = POLL_OTHER.replace("Trump follows at 37 percent", "Trump follows at 35 percent")
    assert _relations(POLL_CLAIM, without) == {"37%": ("contradicts", ("41 percent",))}


def test_a_sentence_the_article_repeats_is_one_claim() -> None:
    # ReCOVery, NPR (batch --corroborate): the headline printed again atop the body was listed
    # twice among the article's claims, with two "claim not found" signals
    title = "Global Deaths From Coronavirus Surpass 6,000"
    text = (
        "Global Deaths From Coronavirus  Surpass 6,000\n\n"
        "The outbreak has now infected more than 150,000 people in 135 countries.\n\n"
        "GLOBAL DEATHS FROM CORONAVIRUS SURPASS 6,000"
    )
    claims = [claim.text for claim in figure_sentences(title, text)]
    assert claims == [
        title,
        "The outbreak has now infected more than 150,000 people in 135 countries.",
    ]


@pytest.mark.parametrize(
    ("claim", "other"),
    [
        (
            "A poll of debate watchers by Public Policy Polling found that 51 percent of "
            "viewers thought Clinton won the debate.",
            "Per CNN's poll of debate watchers, 62 percent of viewers thought Clinton won the "
            "debate.",
        ),
        (
            "The McClatchy-Marist poll found Clinton leading Trump with 45 percent of likely "
            "voters in a four-way race.",
            "The new NBC/Wall Street Journal poll has Clinton leading Trump with 43 percent of "
            "likely voters in a four-way race.",
        ),
    ],
)
def test_two_polls_shares_do_not_contradict(claim: str, other: str) -> None:
    """Probe2 s36: on BuzzFeed-Webis every 'contradicted' claim read was one poll's share set
    against another poll's (McClatchy-Marist's 45% against NBC/WSJ's 43%), and it moved scores
    across a band."""
    assert _relations(claim, other) == {}


def test_one_polls_share_given_otherwise_still_contradicts() -> None:
    claim = (
        "The McClatchy-Marist poll found Clinton leading Trump with 45 percent of likely voters "
        "in a four-way race."
    )
    other = claim.replace("45 percent", "39 percent")
    assert _relations(claim, other) == {"45 percent": ("contradicts", ("39 percent",))}
    # and the figures of sentences that report no poll are compared as before
    assert _relations(
        claim.replace("The McClatchy-Marist poll found", "Officials said"),
        other.replace("The McClatchy-Marist poll found", "Officials said"),
    ) == {"45 percent": ("contradicts", ("39 percent",))}
