"""The parser-free check-worthiness cues, and what they make of a headline's case."""

from __future__ import annotations

import pytest

from veracity.claims.cues import cue_features, denies_an_event, points_back, points_elsewhere
from veracity.claims.model import load_batch_checkworthiness_model, load_checkworthiness_model

NAMES = 2  # the cue column that counts names

# News headlines as sites print them, in Title Case or in capitals, beside the same headline in
# sentence case. Before, every capitalised word read as a name, so the case alone made a
# headline check-worthy: "Kate Hudson Reveals Her Favorite Workout Routine For Summer" scored
# 0.50 by the batch model against 0.25 in sentence case, "Senate Passes Sweeping Climate Bill
# After Marathon Weekend Session" 0.85 against 0.61 (bench/claims_case.py: 79 of 400 news
# headlines had another decision of the deep model in Title Case).
HEADLINES = [
    (
        "Senate Passes Sweeping Climate Bill After Marathon Weekend Session",
        "Senate passes sweeping climate bill after marathon weekend session",
    ),
    (
        "Kate Hudson Reveals Her Favorite Workout Routine For Summer",
        "Kate Hudson reveals her favorite workout routine for summer",
    ),
    (
        "Jennifer Aniston Opens Up About Her Friendship With Courteney Cox",
        "Jennifer Aniston opens up about her friendship with Courteney Cox",
    ),
    (
        "Taylor Swift Spotted Having Dinner With Mystery Man In London",
        "Taylor Swift spotted having dinner with mystery man in London",
    ),
    ("CANCER ENDORSES REPUBLICAN HEALTHCARE PLAN", "Cancer endorses Republican healthcare plan"),
]


def test_names_are_capitalised_words_after_the_first_where_case_tells_them():
    assert cue_features("Senator Warren met Mr. Biden in Boston on Monday.")[NAMES] == 5.0
    assert cue_features("We cut taxes for every family in the state.")[NAMES] == 0.0
    # a question of few words, all capitalised, is still read word by word
    assert cue_features("Is That True?")[NAMES] == 2.0


def test_a_headline_in_title_case_or_capitals_names_as_many_as_its_length_gives():
    title, sentence = HEADLINES[0]
    assert cue_features(title)[NAMES] == cue_features(title.upper())[NAMES]
    assert cue_features(title)[NAMES] < 3 < len(title.split())
    # every other cue reads the words as before
    others = [i for i in range(len(cue_features(title))) if i != NAMES]
    assert [cue_features(title)[i] for i in others] == [cue_features(sentence)[i] for i in others]


@pytest.mark.parametrize("load", [load_checkworthiness_model, load_batch_checkworthiness_model])
def test_a_headlines_case_hardly_moves_its_check_worthiness(load):
    model = load()
    titles = model.predict_proba([title for title, _ in HEADLINES])[:, 1]
    sentences = model.predict_proba([sentence for _, sentence in HEADLINES])[:, 1]
    assert max(abs(titles - sentences)) < 0.1, (titles, sentences)


@pytest.mark.parametrize(
    ("sentence", "judgement"),
    [
        # probe s39: "That's a fact." scored 0.63 check-worthy, and names nothing to check
        ("That's a fact.", True),
        ("And that's not true.", True),
        ("He's a liar.", True),
        ("Those are the facts.", True),
        # a subject, a verb of its own, a figure or a name: something to check
        ("Taxes rose.", False),
        ("Inflation is up.", False),
        ("He's done nothing about it.", False),
        ("They are being slaughtered.", False),
        ("It happened.", False),
        ("It was Obama.", False),
        ("That's a fact: crime rose 20 percent.", False),
        ("This is the largest tax cut in history.", False),
    ],
)
def test_a_sentence_that_only_judges_what_was_said_points_back(
    sentence: str, judgement: bool
) -> None:
    assert points_back(sentence) is judgement


@pytest.mark.parametrize(
    ("sentence", "denies"),
    [
        ("Nobody died.", True),
        ("Nobody died, Tom.", True),
        ("No one was hurt in the fire.", True),
        ("None of the passengers were injured.", True),
        ("Not a single soldier has lost his life since the signing.", True),
        ("But so far, no deaths are reported.", True),
        # no event, a hypothesis, a condition, a purpose, a count
        ("Nobody has more respect for women than I do.", False),
        ("If nobody died, why close the road?", False),
        ("No one would get hurt, I suppose.", False),
        ("Not one job will be lost.", False),
        ("They moved the cars so no one got hurt.", False),
        ("Three people died in that fire.", False),
    ],
)
def test_a_claim_that_an_event_took_nobody_is_found(sentence: str, denies: bool) -> None:
    assert denies_an_event(sentence) is denies


# probe s49 C2: "Nobody died." scored 0.08-0.10, under "That is not true." (0.17), though a claim
# of no deaths is what fact-checkers check as they check "Three people died".
def test_a_claim_that_nobody_died_is_check_worthy() -> None:
    from veracity.claims.model import checkworthiness_threshold, load_checkworthiness_scorer

    texts = ["Nobody died.", "No one was hurt in the fire.", "That is not true."]
    scores = load_checkworthiness_scorer().predict_proba(texts)[:, 1]
    threshold = checkworthiness_threshold()
    assert scores[0] >= threshold
    assert scores[1] >= threshold
    assert scores[2] < threshold


# Probe s51 C2: pointers to other content (a video, another story, a link) scored as claims;
# beside them, sentences that open alike and state something.
@pytest.mark.parametrize(
    ("sentence", "points"),
    [
        (
            "See also brief video featuring Author Bill Still ( 6 min) entitled The Truth about "
            "Bill Gates and his disastrous Vaccination Programs around the World:",
            True,
        ),
        (
            "The video, the first 6’45”, “The Truth about Bill Gates and his Disastrous "
            "Vaccination Program”, will tell you all about it.",
            True,
        ),
        ("Watch the full interview with the senator below.", True),
        ("Read more about the 2019 study here.", True),
        ("Click here to sign the petition against the new tax.", True),
        ("And check out our gallery of the 50 best beaches.", True),
        ("WATCH: The moment a tornado hits a Texas town", False),  # a link line's job
        ("Seeing the results, the council voted 5-2 to raise taxes.", False),
        ("Watchdog groups said the plan cost $4m.", False),
        ("Reading the report, officials found 40 errors.", False),
        ("See how unemployment rose 3 percent in a year.", False),
        ("Read the bill: it raises the sales tax by 20 percent.", False),
        ("The video shows Gates saying vaccines sterilize women.", False),
        ("The video will show you that 40 percent of ballots were lost.", False),
        ("Visitors to the park rose 20 percent last year.", False),
    ],
)
def test_a_sentence_pointing_to_other_content_is_found(sentence: str, points: bool) -> None:
    assert points_elsewhere(sentence) is points
