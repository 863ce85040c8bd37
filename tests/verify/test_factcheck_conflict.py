"""The matching guard (``factchecks.claims_conflict``): a fact-check that states the opposite
outcome of a claim, reports its predicate as failed, reports a publication on its topic
instead of its claim, or says a remedy prevents an illness the claim says it treats, is never
the same claim, in either order; a neighbouring clause about something else does not make it
one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veracity.verify.factchecks import claims_conflict
from veracity.verify.matcher import polarity

PAIRS = Path(__file__).resolve().parents[1] / "fixtures" / "opposite_outcome_pairs.jsonl"

# (claim, fact-check) pairs that state opposite things about one subject, with no negation word.
OPPOSITE = [
    # Found by a tester: CONSTRAINT-2021 train #5171, matched at cosine 0.87 before.
    (
        "Hydroxychloroquine cures COVID-19",
        "In other words, there is some straightforward science behind the failure of chloroquine "
        "or hydroxychloroquine to show efficacy in treating COVID-19. 3/3",
    ),
    (
        "Ivermectin prevents COVID-19 infections.",
        "Ivermectin failed to prevent COVID-19 infections in a large randomized trial.",
    ),
    (
        "Face masks are effective against the flu virus.",
        "Face masks are ineffective against the flu virus, the review concluded.",
    ),
    (
        "The Senate rejected the minimum wage bill.",
        "Says the Senate approved the minimum wage bill.",
    ),
    ("Unemployment rose to 10 percent last month.", "Unemployment fell last month."),
    (
        "The incumbent governor won the election by a wide margin.",
        "The incumbent governor lost the election to his challenger, official results show.",
    ),
]
# Pairs that are one claim: the same failure on both sides, or a cue in a clause about another
# subject.
SAME = [
    (
        "Obama's stimulus failed to create jobs.",
        "The stimulus package Obama signed failed to create any new jobs.",
    ),
    (
        "Remdesivir shortens hospital stays for COVID-19 patients.",
        "Remdesivir shortens hospital stays for COVID-19 patients, a trial found, while "
        "hydroxychloroquine failed to show any benefit.",
    ),
    (
        "Unemployment rose to 10 percent last month.",
        "Unemployment rose to 10 percent last month, the labor department said, while inflation "
        "fell to 2 percent.",
    ),
    (
        "The Senate passed the infrastructure bill on Friday.",
        "The Senate passed the infrastructure bill on Friday after an amendment on tolls failed.",
    ),
]
# "was born in Kenya" / "grew up in Kenya", read as one claim here before stop 48, is another
# predicate of the same arguments: the deep path's guard refuses it (tests/verify/
# test_predicates.py), the fast path's, which does not parse, does not.


# Found by a tester: the CONSTRAINT-2021 posts "Hydroxychloroquine cures COVID-19" matched at
# cosine 0.83-0.85: about a publication on the drug, not the claim that it cures.
PUBLICATIONS = [
    (
        "Hydroxychloroquine cures COVID-19",
        "Retraction\u2014Hydroxychloroquine or chloroquine with or without a macrolide for "
        "treatment of COVID-19: a multinational registry analysis - The Lancet",
    ),
    (
        "Hydroxychloroquine cures COVID-19",
        "RETRACTED: Hydroxychloroquine or chloroquine with or without a macrolide for treatment "
        "of COVID-19: a multinational registry analysis - The Lancet",
    ),
    (
        "Hydroxychloroquine cures COVID-19",
        "Commonly used drugs hydroxychloroquine and chloroquine should be safe in trials to "
        "prevent COVID-19, an @NIHRresearch-supported study has reported.",
    ),
    (
        "Says coffee causes cancer.",
        "A 2019 study of coffee drinkers found no link between coffee and cancer deaths.",
    ),
]
# A publication that states the whole claim, hearsay ("reports say"), a claim about a
# publication itself: the same claim.
ABOUT_THE_CLAIM = [
    ("Vaccines cause autism.", "A study showed that vaccines cause autism."),
    (
        "Afghan soldiers were apprehended at the Canadian border.",
        "3 Afghan soldiers apprehended at Canadian border, reports say.",
    ),
    (
        "A new poll shows 62 percent support the health care plan.",
        "A new poll finds 62 percent support the president's health care plan.",
    ),
    (
        "Hydroxychloroquine cures COVID-19",
        'Hydroxychloroquine "cures COVID-19" but there is a conspiracy by Bill Gates and Dr. '
        "Fauci to ban it.",
    ),
]


@pytest.mark.parametrize(("claim", "fact_check"), PUBLICATIONS)
def test_a_publication_on_the_topic_is_not_the_claim(claim, fact_check):
    assert claims_conflict(claim, fact_check)
    assert claims_conflict(fact_check, claim)


@pytest.mark.parametrize(("claim", "fact_check"), ABOUT_THE_CLAIM)
def test_a_publication_stating_the_claim_or_hearsay_still_matches(claim, fact_check):
    assert not claims_conflict(claim, fact_check)
    assert not claims_conflict(fact_check, claim)


@pytest.mark.parametrize(("claim", "fact_check"), OPPOSITE)
def test_opposite_outcome_or_failure_conflicts_both_ways(claim, fact_check):
    assert claims_conflict(claim, fact_check)
    assert claims_conflict(fact_check, claim)


@pytest.mark.parametrize(("claim", "fact_check"), SAME)
def test_same_claim_or_neighbouring_clause_does_not_conflict(claim, fact_check):
    assert not claims_conflict(claim, fact_check)
    assert not claims_conflict(fact_check, claim)


def test_hand_written_outcome_pairs():
    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]
    conflicting = [
        (row["claim"], row[kind])
        for row in rows
        for kind in ("confirming", "side")
        if claims_conflict(row["claim"], row[kind])
    ]
    # "found not guilty" states the acquittal: a phrase for an outcome, not a negation
    assert conflicting == []
    opposite = [row for row in rows if claims_conflict(row["claim"], row["opposite"])]
    # Before the outcome rule 2 of the 36 conflicted (a figure or a "far from"); the two left
    # state both outcomes in one clause ("lost the election, winning only 22 percent").
    assert len(opposite) >= 34


def test_a_negation_written_without_its_apostrophe_is_a_negation() -> None:
    """LIAR's statements drop apostrophes ("doesnt", "dont", "cant": 659 in the store), so
    "The measles vaccine causes autism." matched "... the measles vaccine doesnt cause autism."
    [true] as the same claim (probe5); a query's "doesn't" against "doesnt" is no conflict."""
    liar = "Science is very certain that the measles vaccine doesnt cause autism."
    assert claims_conflict("The measles vaccine causes autism.", liar)
    assert claims_conflict(liar, "The measles vaccine causes autism.")
    assert not claims_conflict("The measles vaccine doesn't cause autism.", liar)
    assert claims_conflict(
        "The people of Rhode Island want same-sex marriage.",
        "The people of Rhode Island dont want same-sex marriage.",
    )


# A count written out is a figure too (probe s36: "We have increased oil production to the
# highest levels in 16 years." was shown PolitiFact's rating of "... the highest that its been
# in eight years.", and "47 million people are on food stamps" that of "Forty-three million").
OTHER_COUNTS = [
    (
        "We have increased oil production to the highest levels in 16 years.",
        "Right now, American oil production is the highest that its been in eight years.",
    ),
    (
        "Today, 47 million people are on food stamps.",
        "Forty-three million Americans are on food stamps.",
    ),
    (
        "He added more debt in four years than all the presidents before him combined.",
        "Look at the debt accumulated in the last two years: more than all other presidents combined.",
    ),
    (
        "We spend more on our military than the next 10 countries combined.",
        "We spend more on defense than the next eight nations combined.",
    ),
]
SAME_COUNTS = [
    ("Oil production is the highest in eight years.", "Oil production is the highest in 8 years."),
    (
        "Forty-three million Americans are on food stamps.",
        "43 million Americans are on food stamps.",
    ),
    ("Ninety nine percent of them agree.", "99 percent of them agree."),
    # a digit after a tens word, as the LIAR rewrites of verify.paraphrase write one
    ("Fifty-seven of his 100 ideas became law.", "Fifty-7 of his 100 ideas became law."),
    # "one" is as often a pronoun as a count: no figure
    (
        "Donald was one of the people who rooted for the housing crisis in 2008.",
        "Trump rooted for the 2008 housing crisis.",
    ),
]


@pytest.mark.parametrize(("claim", "fact_check"), OTHER_COUNTS)
def test_a_count_written_out_differs_from_another_count(claim, fact_check):
    assert claims_conflict(claim, fact_check)
    assert claims_conflict(fact_check, claim)


@pytest.mark.parametrize(("claim", "fact_check"), SAME_COUNTS)
def test_a_count_written_out_agrees_with_its_digits(claim, fact_check):
    assert not claims_conflict(claim, fact_check)
    assert not claims_conflict(fact_check, claim)


# A rank written out is a figure, as "25th" is (stop 40: the store build's dev false positive
# "Says Texas high school graduation rates are at an all-time high, the third-highest in the
# nation" / "Texas now has the second-highest high school graduation rate in the country").
OTHER_RANKS = [
    (
        "Says Texas high school graduation rates are at an all-time high, the third-highest in "
        "the nation.",
        "Texas now has the second-highest high school graduation rate in the country.",
    ),
    (
        "Essex County residents suffer the second highest property tax in the nation.",
        "Says New Hampshire has the third-highest property tax in the country.",
    ),
    (
        "Oregon has the third biggest class size in the nation.",
        "Says Oregon ranks 43rd in education.",
    ),
]
SAME_RANKS = [
    ("Texas has the second-highest graduation rate.", "Texas has the 2nd highest graduation rate."),
    # a fraction and a time unit rank nothing
    ("A third of Americans are obese.", "33 percent of Americans are obese."),
    ("We cut property taxes by one-third.", "We cut property taxes by 33 percent."),
    ("The debt grows by $40,000 per second.", "The debt grows by $40,000 every 2 seconds."),
]


@pytest.mark.parametrize(("claim", "fact_check"), OTHER_RANKS)
def test_a_rank_written_out_differs_from_another_rank(claim, fact_check):
    assert claims_conflict(claim, fact_check)
    assert claims_conflict(fact_check, claim)


@pytest.mark.parametrize(("claim", "fact_check"), SAME_RANKS)
def test_a_rank_written_out_agrees_with_its_digits_and_a_fraction_is_no_rank(claim, fact_check):
    assert not claims_conflict(claim, fact_check)
    assert not claims_conflict(fact_check, claim)


# One story's headlines taking opposite sides, as FNC-1's dev false positives of matching do: the
# same subject judged the other way, a debunk frame on one side only, a business that opens
# against one that closes, seats gained against seats lost.
OTHER_SIDE = [
    ("Everyone Was Wrong: Saturated Fat Can Be Good for You", "Saturated Fat is Bad for the Heart"),
    ("Genetically modified corn is safe to eat.", "Genetically modified corn is dangerous to eat."),
    (
        "Woman Who Claimed To Have Surgery To Add Third Breast Exposed As Hoaxer",
        "Woman Adds Third Breast by Undergoing Surgery to Participate in Reality Show",
    ),
    (
        "People Actually Believed Argentina’s President Adopted A Jewish Boy To Stop His Change "
        "Into A Werewolf",
        "President of Argentina adopts Jewish boy to stop him turning into werewolf",
    ),
    ("Three Boobs Are Most Likely Two Boobs and a Lie", "Woman Has Surgery to Get Third Breast"),
    (
        "We have record numbers of new small businesses.",
        "Small businesses (are) going out of business in record numbers.",
    ),
    (
        "Republicans gained seats in the state Senate.",
        "Republicans lost seats in the state Senate.",
    ),
]
# The same side said twice: one judgement, both debunks, a denial of the debunk and the claim.
SAME_SIDE = [
    ("Saturated fat is good for you.", "Saturated fat can be good for your heart."),
    (
        "Woman Who Claimed To Have Surgery To Add Third Breast Exposed As Hoaxer",
        "Report: Woman who claimed to have third breast added is fake",
    ),
    (
        "Jasmine Tridevil: Woman with three breast denies surgery hoax claims",
        "Jasmine Tridevil: The woman with three breasts",
    ),
    ("Obama denies he was born in Kenya.", "Obama's Kenyan birth certificate is fake."),
    # "lies" as the verb of place is no debunk frame (a CLIMATE-FEVER claim and a CheckThat!
    # sentence read so before)
    (
        "The answer lies in the summer's record-breaking heat, say wildfire experts.",
        "Wildfire experts say the summer's record-breaking heat is the answer.",
    ),
    (
        "I believe the answer lies in recognizing human nature.",
        "The answer is recognizing human nature.",
    ),
]


# "lie" and "lies" as a deceit, whatever follows: a noun ("three lies in ten seconds", "a lie"),
# a text that opens with it, a speaker who deceives, the past "lied".
DECEIT = [
    "Bill Lynch told three lies in ten seconds",
    "Three Boobs Are Most Likely Two Boobs and a Lie",
    "Lies in the campaign ad",
    "They lie on television every day",
    "He lied about the war",
]
PLACE = ["The answer lies in the data", "Danger lies ahead", "The fault lies with Congress"]


@pytest.mark.parametrize("text", DECEIT)
def test_a_lie_told_is_a_debunk_frame(text):
    assert polarity(text)[1]


@pytest.mark.parametrize("text", PLACE)
def test_lies_as_the_verb_of_place_is_no_debunk_frame(text):
    assert not polarity(text)[1]


@pytest.mark.parametrize(("claim", "fact_check"), OTHER_SIDE)
def test_the_other_side_of_one_story_conflicts_both_ways(claim, fact_check):
    assert claims_conflict(claim, fact_check)
    assert claims_conflict(fact_check, claim)


@pytest.mark.parametrize(("claim", "fact_check"), SAME_SIDE)
def test_the_same_side_said_again_does_not_conflict(claim, fact_check):
    assert not claims_conflict(claim, fact_check)
    assert not claims_conflict(fact_check, claim)


# One side denied in two ways: a negation in one headline, a debunk in the other (FNC-1 dev
# headlines of one story, which the guard refused as opposite claims at cosine 0.85-0.89).
DENIED_TWO_WAYS = [
    (
        "No, Michael Jackson Isn’t Bruno Mars’ Dad",
        "Fake-News Report Claims Michael Jackson Is Father Of Bruno Mars",
    ),
    (
        "Loggers have NOT accidentally cut down world’s oldest tree",
        "Fake News Report Claims Loggers Have Cut Down World's Oldest Tree",
    ),
    (
        "DNC Staffer Seth Rich Did NOT Send 'Thousands of E-Mails' to WikiLeaks Before He Was "
        "Murdered?",
        "The baseless claim that slain DNC staffer Seth Rich gave emails to WikiLeaks",
    ),
]


@pytest.mark.parametrize(("claim", "fact_check"), DENIED_TWO_WAYS)
def test_a_negation_and_a_debunk_of_one_claim_take_one_side(claim, fact_check):
    assert not claims_conflict(claim, fact_check)
    assert not claims_conflict(fact_check, claim)
    # either denial against the claim it denies is still the other side
    stated = "Michael Jackson Is Father Of Bruno Mars"
    if "Bruno Mars" in claim:
        assert claims_conflict(claim, stated)
        assert claims_conflict(fact_check, stated)


CRAB_HOAX = (
    "Is 'Crabzilla' real or not? Leading marine biologist rules picture of giant crab lurking in "
    "shallow waters must be a HOAX"
)


def test_or_not_offers_an_alternative_and_negates_nothing():
    whether = "Federal law requires that hospitals treat people whether or not they can pay."
    assert polarity(whether) == (False, False)
    assert polarity(CRAB_HOAX) == (False, True)
    assert polarity("Five reasons 'Crabzilla' is definitely not real") == (True, False)
    # the debunk and the negation take one side; the sighting is the other (FNC-1 dev headlines)
    assert not claims_conflict(CRAB_HOAX, "Five reasons 'Crabzilla' is definitely not real")
    assert claims_conflict(CRAB_HOAX, "‘Crabzilla’ spotted off the coast of Britain")


# Treating an illness and preventing it are two claims, whatever else the texts share.
OTHER_KIND = [
    # Found by probe s42: ReCOVery politico:0 (reliable) was shown this CONSTRAINT post (fake).
    (
        "No evidence hydroxychloroquine treats coronavirus, new study shows",
        "No Evidence Hydroxychloroquine Is Helpful In Preventing COVID-19 Study Finds "
        "https://t.co/Ip7Cs76fwO",
    ),
    (
        "Donald Trump says he's taking hydroxychloroquine to protect against COVID-19",
        "President Trump promoted hydroxychloroquine as a remedy for COVID-19 for weeks.",
    ),
    ("Vitamin C cures the common cold.", "Vitamin C wards off the common cold."),
]
SAME_KIND = [
    (
        "Hydroxychloroquine cures COVID-19.",
        "Hydroxychloroquine is an effective treatment for COVID-19.",
    ),
    ("Masks prevent the spread of the flu.", "Wearing a mask protects against the flu."),
    (
        "Hydroxychloroquine treats and prevents COVID-19.",
        "Hydroxychloroquine prevents COVID-19 infection.",
    ),
]


@pytest.mark.parametrize(("claim", "fact_check"), OTHER_KIND)
def test_treating_and_preventing_an_illness_are_two_claims(claim, fact_check):
    assert claims_conflict(claim, fact_check)
    assert claims_conflict(fact_check, claim)


@pytest.mark.parametrize(("claim", "fact_check"), SAME_KIND)
def test_one_kind_of_health_claim_said_again_does_not_conflict(claim, fact_check):
    assert not claims_conflict(claim, fact_check)
    assert not claims_conflict(fact_check, claim)
