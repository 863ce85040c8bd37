import pytest

from tests.conftest import analysed
from veracity.artefacts import artefact
from veracity.ingest import article_from_text
from veracity.nlp import analyse_text
from veracity.signals import detect_signals
from veracity.signals.loaded_lexicon import load_loaded_lexicon


def loaded(text: str, depth: str = "deep"):
    signals = detect_signals(analysed(text, depth), names=["loaded_language"])
    for s in signals:
        assert text[s.start : s.end] == s.quote
    return signals


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The senator's disgraceful vote was a betrayal of veterans.", "disgraceful"),
        ("Trump slams the media in an unhinged tirade.", "unhinged tirade"),
        ("It was a horrific, evil decision.", "horrific, evil"),
        ("The regime's thugs beat the protesters.", "thugs"),
        ("This is an utterly disgusting policy.", "utterly disgusting"),
        ("Her sister's 'evil' plan is back.", "evil"),
    ],
)
def test_flags_loaded_words(sentence: str, expected: str, depth: str) -> None:
    assert expected in [s.quote for s in loaded(sentence, depth)]


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "sentence",
    [
        "The company said the product was good and would help customers who like it.",
        "Four people were killed in the attack on Tuesday, police said.",
        "She thanked her friends for their support and love after winning the award.",
        "The war has caused thousands of deaths, according to the United Nations.",
        "Rob Kardashian posted a photo with his daughter.",
        '"This is a horrific, evil and disgusting decision by the board," Jones said.',
    ],
)
def test_ordinary_names_and_quoted_speech_are_not_flagged(sentence: str, depth: str) -> None:
    assert loaded(sentence, depth) == []


def test_weight_grows_with_intensity_and_merged_words() -> None:
    (mild,) = loaded("The plan was a hoax.")
    (strong,) = loaded("The plan was evil.")
    (merged,) = loaded("The plan was vile and despicable.")
    assert 0 < mild.weight < strong.weight <= 1
    assert merged.quote == "vile and despicable"
    assert merged.detail["words"] == "vile, despicable"
    assert "vile, despicable" in merged.explanation


def test_deep_path_uses_lemmas() -> None:
    # "slaughtering" is not in the lexicon itself; its lemma "slaughter" is (curated).
    assert [s.quote for s in loaded("Soldiers were slaughtering villagers.", "deep")] == [
        "slaughtering"
    ]
    assert loaded("Soldiers were slaughtering villagers.", "fast") == []


@pytest.mark.data
def test_seed_article_mild_and_boilerplate_free(seed_text: str) -> None:
    # Boilerplate kept on purpose: the detector itself must not flag the comment form.
    # On the deep path the sentence head also rates one sentence of the body (an accusation,
    # not boilerplate) as loaded; the listed words stay "radical" alone on both paths.
    article = article_from_text(seed_text, remove_boilerplate=False)
    for depth in ("fast", "deep"):
        signals = detect_signals(analyse_text(article, depth), names=["loaded_language"])
        assert [s.quote for s in signals if "head_probability" not in s.detail] == ["radical"]
        head = [s.quote for s in signals if "head_probability" in s.detail]
        assert head == ([] if depth == "fast" else [SEED_HEAD_SENTENCE])


SEED_HEAD_SENTENCE = (
    "Tensions have risen further following the bombing of a UN aid convoy in a "
    "rebel-controlled territory in Aleppo, for which the USA quickly accused Russia, despite "
    "the evidence that the bombing was carried out with a US Hellfire drone."
)


def test_learned_lexicon_adds_loaded_words_and_drops_plain_news_words() -> None:
    lexicon = load_loaded_lexicon()
    assert {"ridiculous", "disgrace", "phony", "farce"} <= set(lexicon["added"])
    assert {"felony", "supreme", "violating"} <= set(lexicon["dropped"])
    card = artefact("loaded-lexicon").read_card()
    assert card["metrics"]["added"] == len(lexicon["added"])


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_words_learned_from_annotated_news_decide_what_is_loaded(depth: str) -> None:
    text_loaded = "The hearing was a ridiculous display, a disgrace to the chamber."
    plain = "He was charged with a felony for violating the order, the Supreme Court said."
    assert [s.detail["words"] for s in loaded(text_loaded, depth)] == ["ridiculous", "disgrace"]
    assert loaded(plain, depth) == []


@pytest.mark.data
def test_lexicon_rebuilds_from_the_corpus(tmp_path) -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from veracity.settings import get_settings
    from veracity.signals.loaded_lexicon import build_lexicon, count_loaded_uses

    inside, total, _ = count_loaded_uses(get_settings().data_dir)
    assert (
        build_lexicon(inside, total, SentimentIntensityAnalyzer().lexicon) == load_loaded_lexicon()
    )


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_words_that_grade_events_are_not_loaded(depth: str) -> None:
    text = (
        "The county passed a grim milestone on Sunday as severe cases rose and traffic chaos"
        " followed the closures."
    )
    assert loaded(text, depth) == []


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_speech_cast_as_childish_noise_is_loaded(depth: str) -> None:
    text = "Hillary Clinton is still whining about the election while her aides spew excuses."
    assert [s.quote for s in loaded(text, depth)] == ["whining", "spew"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_hype_words_are_not_called_positive(depth: str) -> None:
    """Probe s42: a celebrity story's "an explosive report" and "the bombshell" were explained
    as "strongly positive words", which reads as praise; they are hype."""
    text = (
        "Star magazine has released an explosive report today that claims a woman has come "
        "forward. The bombshell has left the actor's team scrambling to respond."
    )
    found = [s for s in loaded(text, depth) if s.quote in {"explosive", "bombshell"}]
    assert found, [s.quote for s in loaded(text, depth)]
    for signal in found:
        assert "positive" not in signal.explanation and "hype" in signal.explanation


def test_a_sentence_the_head_flags_names_the_scale_and_the_cut() -> None:
    """Probe s44: a wire brief's "facing “fierce” resistance, a commander says" read "a sentence
    model ... rates it 0.38.": a reader takes 0.38 for "unlikely", for a sentence flagged from
    0.31. The explanation gives the scale and the cut, as the clickbait signal does."""
    from veracity.signals.sentence_heads import head_threshold

    text = (
        "Iraqi special forces are facing “fierce” resistance as they battle the Islamic State "
        "group in southwest Mosul, a commander says."
    )
    [signal] = [s for s in loaded(text) if "head_probability" in s.detail]
    probability, cut = signal.detail["head_probability"], head_threshold("loaded_language")
    assert probability >= cut
    assert (
        f"rates it {probability:.2f} on a scale from 0, reporting, to 1, judgement, and flags "
        f"a sentence from {cut:.2f}." in signal.explanation
    )


# probe s47 S3: literal words of the story read as loaded language. A bomb-plot court report
# names its explosives in every form; a hurricane report quotes the word an official called
# the damage.
BOMB_PLOT = (
    "Court documents show that Varnell attempted to detonate what he believed was a van loaded "
    "with explosives. The two then began collecting items to develop an explosive device. He "
    "had a statement ready to be posted to social media following the explosion."
)
HURRICANE = (
    "A partial evaluation indicates that more than 20,000 homes were severely damaged, Joseph "
    "said, describing the storm’s impact as a “catastrophe.”"
)


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_word_naming_what_the_story_reports_is_not_loaded(depth: str) -> None:
    assert loaded(BOMB_PLOT, depth) == []
    # alone, the word is the writer's hype
    assert [s.quote for s in loaded("The senator's explosive remarks drew a rebuke.", depth)] == [
        "explosive"
    ]


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_word_a_speaker_called_something_is_the_speakers(depth: str) -> None:
    assert loaded(HURRICANE, depth) == []
    # scare quotes without a speaker stay the writer's choice
    assert [s.quote for s in loaded("Her sister's 'evil' plan is back.", depth)] == ["evil"]


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "sentence",
    [
        "A Hummer traveling southbound slammed into the Lexus, police said.",
        "The aircraft ran out of fuel and slammed onto a wooded slope near Athens.",
        "A Category 5 hurricane ripped through the island on Wednesday.",
        "The door slammed shut behind her.",
        "The rocket blasted off from Cape Canaveral at dawn.",
    ],
)
def test_a_verb_of_attack_in_its_physical_sense_is_not_loaded(sentence: str, depth: str) -> None:
    """Probe s48: "slammed into NYC" (a storm) was loaded wording; the particle after a
    headline verb of attack tells its physical sense from the figurative one."""
    assert loaded(sentence, depth) == []


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Trump slammed the decision as a disgrace to the country.", "slammed"),
        ("The senator ripped into the president over the deal.", "ripped"),
        ("Critics blasted the plan on Monday.", "blasted"),
    ],
)
def test_a_verb_of_attack_in_its_figurative_sense_stays_loaded(
    sentence: str, expected: str, depth: str
) -> None:
    assert expected in [s.quote for s in loaded(sentence, depth)]


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "sentence",
    [
        "She donated $1 million to hurricane disaster relief in Puerto Rico.",
        "Congress passed a disaster aid package for flooded Louisiana on Friday.",
        "The judge ordered him to attend anger management classes.",
        "The state's disaster recovery fund paid for the repairs.",
    ],
)
def test_a_charged_noun_naming_the_work_done_about_it_is_not_loaded(
    sentence: str, depth: str
) -> None:
    """Probe s48: "disaster relief" was loaded wording; a noun that names the field of a
    compound (relief, aid, recovery, management of the thing) is not the writer's feeling."""
    assert loaded(sentence, depth) == []


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The rollout was a disaster for the administration.", "disaster"),
        ("The board's pathetic victims fund angered the families.", "pathetic"),
        ("Such a harsh response from the board drew protests.", "harsh"),
    ],
)
def test_a_charged_word_before_such_a_noun_stays_loaded_where_it_judges(
    sentence: str, expected: str, depth: str
) -> None:
    assert expected in [s.quote for s in loaded(sentence, depth)]


def test_a_curated_word_keeps_the_sign_of_its_human_rating() -> None:
    """Probe s51 S1: "stunning", rated positive by VADER's raters (+1.6), was curated as
    negative, so "The actress looked stunning" was "strongly negative words". A curated
    valence sets a word's strength, never turns its rated sign round."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from veracity.signals.loaded_language import CURATED

    rated = SentimentIntensityAnalyzer().lexicon
    turned = {w: (v, rated[w]) for w, v in CURATED.items() if w in rated and v * rated[w] < 0}
    assert turned == {}


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_stunning_is_hype_not_a_negative_word(depth: str) -> None:
    text = "The actress looked stunning in a red gown at the premiere on Sunday night."
    found = loaded(text, depth)
    assert [s.quote for s in found] == ["stunning"]
    assert "negative" not in found[0].explanation and "hype" in found[0].explanation
