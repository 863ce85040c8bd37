import pytest

from tests.conftest import analysed
from veracity.ingest import article_from_text
from veracity.nlp import analyse_text
from veracity.signals import detect_signals


def framings(text: str, depth: str = "fast") -> list[tuple[str, str]]:
    signals = detect_signals(analysed(text, depth), names=["conspiracy_framing"])
    for s in signals:
        assert text[s.start : s.end] == s.quote
        assert s.explanation
    return [(s.quote, str(s.detail["family"])) for s in signals]


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "They are trying to cover up what the officers were doing.",
            ("trying to cover up", "cover_up"),
        ),
        (
            "The mainstream media refuses to report on it.",
            ("mainstream media refuses to report", "media_distrust"),
        ),
        ("This was a massive cover-up by the ministry.", ("massive cover-up", "cover_up")),
        (
            "This is what they don't want you to know.",
            ("they don't want you to know", "secret_knowledge"),
        ),
        ("Wake up, people! Nobody is coming to save you.", ("Wake up, people", "secret_knowledge")),
        ("The deep state will stop at nothing.", ("deep state", "hidden_actors")),
        ("It was a false flag, plain and simple.", ("false flag", "hidden_actors")),
        ("The plandemic was a test run.", ("plandemic", "pseudo_science")),
        ("Doctors who spoke out were silenced.", ("were silenced", "suppression")),
        ("You won't hear this on CNN.", ("You won't hear this", "media_distrust")),
        ("The truth about the moon landing.", ("The truth about", "truth_claim")),
        ("Do not believe the official story.", ("the official story", "truth_claim")),
    ],
)
def test_flags_conspiracy_framing(text: str, expected: tuple[str, str], depth: str) -> None:
    assert expected in framings(text, depth)


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "text",
    [
        "Kim Kardashian tried to cover up her baby bump in a black dress.",
        "She wore a white lace cover-up on the beach.",
        "I wake up at six every morning.",
        "Police said the attack was orchestrated by a local cell.",
        "The state government approved the budget on Tuesday.",
        "The media reported the result within minutes.",
        "Megan finally told Kyle the truth about the contract.",
        "She came forward to tell people what really happened.",
    ],
)
def test_ordinary_uses_are_not_flagged(text: str, depth: str) -> None:
    assert framings(text, depth) == []


@pytest.mark.data
def test_seed_article_cover_up(seed_text: str) -> None:
    for depth in ("fast", "deep"):
        analysed_seed = analyse_text(article_from_text(seed_text, remove_boilerplate=False), depth)
        signals = detect_signals(analysed_seed, names=["conspiracy_framing"])
        assert [(s.quote, s.detail["family"]) for s in signals] == [
            ("trying to cover up", "cover_up")
        ]


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("The real numbers are being hidden from the public.", "suppression"),
        ("The company hid the evidence from public view for years.", "suppression"),
        ("The data were quietly withheld from American voters.", "suppression"),
        ("There is indeed an agenda to lock humanity into a new normal.", "hidden_actors"),
        ("The division was orchestrated at the highest levels.", "hidden_actors"),
        ("Unelected bureaucrats decide it all.", "hidden_actors"),
        ("As usual, the media narrative is that he was a disgruntled lawyer.", "media_distrust"),
        ("In fact, the mainstream media almost completely ignores this history.", "media_distrust"),
        # the media cast as inflaming the public (media_deceit covers the longer span)
        ("The Main Stream Media is stoking panic again.", "media_deceit"),
        ("So what exactly are you hiding, Mr. Mayor?", "secret_knowledge"),
        # family-level variants: pushing a narrative, silencing dissent, concealing true figures
        ("The agency keeps pushing its preferred narrative on the outbreak.", "media_distrust"),
        ("The story was never once covered by the mainstream media.", "media_distrust"),
        ("They want to silence all opposition before the vote.", "suppression"),
        ("Officials were accused of trying to conceal the true figures.", "suppression"),
        ("Online censorship now hits every small publisher.", "suppression"),
        ("The landing was an elaborate hoax meant to fool the world.", "suppression"),
        ("The council signed a secret 2019 land deal with the developer.", "hidden_actors"),
        ("Clearly, there is an agenda here.", "hidden_actors"),
    ],
)
def test_flags_framing_families_in_new_wordings(text: str, family: str, depth: str) -> None:
    assert family in {found for _, found in framings(text, depth)}


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "text",
    [
        "Members have to keep 15 feet away from people inside the gym.",
        "The lobbying groups are adept at repackaging their existing agenda.",
        "Josh Gad gives a glimpse behind the scenes of the new musical.",
        "The mainstream media covered the launch live.",
        "Health care is on the agenda for the summit.",
        "The mainstream media outlets sent reporters to the launch.",
        "She kept the recipe in a drawer for years.",
        "The band silenced the crowd with a ballad.",
    ],
)
def test_neutral_wordings_near_the_families_are_not_flagged(text: str, depth: str) -> None:
    assert framings(text, depth) == []


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    ("text", "family"),
    [
        # the press cast as a side's organ
        (
            "The media, our shallow, slanted and agenda-ridden media, will blame him.",
            "media_distrust",
        ),
        ("Soon the Democratic Party press will push the same line.", "media_distrust"),
        # deceiving or watching whole groups
        ("They are trying to start a war by duping Christians into silence.", "hidden_actors"),
        ("The agency was watching everyone who opposed the plan.", "hidden_actors"),
        ("A partisan hack willing to spy on their political enemies.", "hidden_actors"),
        # a disease cast as a weapon someone made
        ("The neocons called ethnic bio-weapons a useful political tool.", "pseudo_science"),
        ("The outbreak came from an engineered virus, the video claims.", "pseudo_science"),
    ],
)
def test_flags_press_capture_deception_surveillance_and_bioweapons(
    text: str, family: str, depth: str
) -> None:
    assert family in {found for _, found in framings(text, depth)}


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "text",
    [
        "The party's press secretary spoke to reporters on Monday.",
        "The Democratic Party press conference starts at noon.",
        "Police are monitoring traffic on the bridge.",
        "The spy thriller opens in theaters on Friday.",
        "The committee watched the hearing on television.",
    ],
)
def test_neutral_press_and_watching_wordings_are_not_flagged(text: str, depth: str) -> None:
    assert framings(text, depth) == []


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "The media has already fomented profound fear through misreporting.",
            "The media has already fomented",
        ),
        (
            "The mainstream media have already begun their Corona disinformation campaign.",
            "The mainstream media have already begun their Corona disinformation",
        ),
        (
            "Matt Lauer is being skinned alive by the leftwingnut media for his forum.",
            "skinned alive by the leftwingnut media",
        ),
        ("Once again the news media is lying to you.", "the news media is lying"),
        ("That was a lie peddled by the media for weeks.", "lie peddled by the media"),
    ],
)
def test_flags_the_media_cast_as_deceiving_the_public(text: str, quote: str, depth: str) -> None:
    assert (quote, "media_deceit") in framings(text, depth)


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "text",
    [
        # a charge the reporter relays, not makes
        "The White House accused the media of misrepresenting Trump's comment.",
        # social media, a state's outlets and press offices are not the news media
        "Officials said the social media posts were spreading misinformation about the virus.",
        "The state media has repeatedly misrepresented the protests, diplomats said.",
        "The press release misrepresented the figures, the company said.",
        # the media reporting on deception by others
        "The media reported that the company had fabricated the results.",
    ],
)
def test_media_near_deception_words_is_not_always_a_charge(text: str, depth: str) -> None:
    assert [f for f in framings(text, depth) if f[1] == "media_deceit"] == []


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "This in turn undermines the narrative that liberals and activists are peddling.",
            "narrative that liberals and activists are peddling",
        ),
        ("It was a hoax perpetuated by the campaign.", "hoax perpetuated by"),
        ("These are the lies being spread by the regime.", "lies being spread by"),
    ],
)
def test_flags_a_story_sold_named_before_its_sellers(text: str, quote: str, depth: str) -> None:
    assert (quote, "media_distrust") in framings(text, depth)


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "text",
    [
        "The virus spread by droplets, the study found.",
        "The narrative of the film follows two sisters.",
        "Health officials are pushing vaccines at schools.",
    ],
)
def test_stories_and_spreading_in_plain_news_are_not_flagged(text: str, depth: str) -> None:
    assert framings(text, depth) == []


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_secret_named_by_a_kept_adjective_is_no_hidden_actor(depth: str) -> None:
    """Probe s50 S4: "It's the worst-kept secret in television" read as hidden actors ("kept
    secret"), though a worst-kept secret is one everybody knows. "kept" as the second half of an
    adjective before "secret" (a hyphen or a degree word before it) names a secret; someone
    keeping the truth or a thing secret stays flagged."""
    for idiom in (
        "It's the worst-kept secret in television that he is leaving.",
        "The island is Europe's best kept secret.",
        "The recipe was a closely kept secret for years.",
    ):
        assert framings(idiom, depth) == [], idiom
    assert framings("The government kept the truth secret for decades.", depth) == [
        ("kept the truth secret", "hidden_actors")
    ]
    assert framings("Elites have kept secrets from us.", depth) == [
        ("kept secrets from us", "suppression")
    ]
