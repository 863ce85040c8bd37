import gzip
import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from veracity.artefacts import CARD_FILE
from veracity.errors import DataError, ModelError
from veracity.ingest import article_from_text
from veracity.nlp import analyse_text
from veracity.settings import get_settings
from veracity.signals import detect_signals
from veracity.signals.clickbait import headline_cues
from veracity.signals.clickbait_model import (
    MODEL_FILE,
    SPEC,
    _analyser_parts,
    _column_finder,
    load_clickbait_model,
    train_clickbait,
)

BODY = "The details were published on Monday.\n\nOfficials gave no further comment."


def clickbait_signals(title: str, depth: str = "fast"):
    article = article_from_text(BODY, title=title)
    return detect_signals(analyse_text(article, depth), names=["clickbait"])


@pytest.mark.parametrize("depth", ["fast", "deep"])
@pytest.mark.parametrize(
    "title",
    [
        "You Won't Believe What This Dog Did When His Owner Came Home",
        "21 Things Only '90s Kids Will Understand",
        "This Is The Best Thing You Will See All Day",
        "Everything You Need To Know About The New iPhone",
        "SHOCKING: Here's Why Celebrities Are Quitting Instagram!",
    ],
)
def test_flags_clickbait_headlines(title: str, depth: str) -> None:
    (signal,) = clickbait_signals(title, depth)
    assert signal.quote == title
    assert signal.start == 0
    assert signal.detail["probability"] >= signal.detail["threshold"]
    assert 0.3 <= signal.weight <= 0.8
    assert "clickbait" in signal.explanation
    # the model's rating is a number on a stated scale, never a bare percentage ("100%")
    assert "%" not in signal.explanation
    assert f"rates it {signal.detail['probability']:.2f} on a scale" in signal.explanation


@pytest.mark.parametrize(
    "title",
    [
        "Senate Passes Budget Bill After Late-Night Session",
        "Earthquake of magnitude 6.1 strikes off Indonesia",
        "Central bank holds interest rates steady as inflation eases",
        "Russia Kills 30 US, Israeli, British Officers Believed To Be Assisting ISIS",
    ],
)
def test_news_headlines_are_not_clickbait(title: str) -> None:
    assert clickbait_signals(title) == []


def test_body_without_title_gives_no_signal() -> None:
    article = article_from_text("You won't believe what happened next. " + BODY, detect_title=False)
    assert detect_signals(analyse_text(article, "fast"), names=["clickbait"]) == []


def test_cues_explain_the_headline() -> None:
    cues = dict(headline_cues("10 SHOCKING Reasons You Won't Believe Are True!"))
    assert cues["listicle number"] == "10 SHOCKING Reasons"
    assert cues["capitals"] == "SHOCKING"
    assert cues["curiosity gap"] == "You Won't Believe"
    assert "exclamation mark" in cues
    assert "capitals" not in dict(headline_cues("NATO and the FBI meet in the USA"))
    (signal,) = clickbait_signals("10 SHOCKING Reasons You Won't Believe Are True!")
    assert "listicle number ('10 SHOCKING Reasons')" in signal.explanation
    assert "SHOCKING" in str(signal.detail["cues"])


def test_shipped_card_beats_majority_baseline() -> None:
    card_path = get_settings().artefacts_dir / "clickbait" / CARD_FILE
    card = json.loads(card_path.read_text(encoding="utf-8"))
    assert str(card["version"]) == SPEC.version
    metrics = card["metrics"]
    assert metrics["test_at_threshold"]["f1"] > 0.9
    assert metrics["test_at_threshold"]["accuracy"] > metrics["majority_baseline"]["accuracy"] + 0.3
    assert 0.5 <= card["threshold"] < 1.0
    assert all(len(entry["sha256"]) == 64 for entry in card["training_data"])
    assert (card_path.parent / MODEL_FILE).stat().st_size < 5 * 1024 * 1024


def test_fast_scoring_equals_the_pipeline() -> None:
    model = load_clickbait_model()
    headlines = [
        "17 Photos That Prove Cats Are Secretly Plotting Against You",
        "Parliament approves new defence budget",
        "",
        "!!!",
        "Ünïcödé headline with émojis 😀 and 2 numbers",
    ]
    expected = _pipeline().predict_proba(headlines)[:, 1]
    assert np.allclose([model.probability(h) for h in headlines], expected, atol=1e-5)


def _pipeline():
    """The trained scikit-learn Pipeline itself, which scoring never loads."""
    return SPEC.load_file(MODEL_FILE)


def test_the_runtime_model_holds_no_scikit_learn_object() -> None:
    import pickle

    state = pickle.dumps(load_clickbait_model())
    assert b"sklearn." not in state  # no scikit-learn class is named in the pickle
    assert pickle.loads(state).probability("You Won't Believe What Happened Next") > 0.5


@pytest.mark.parametrize("name", ["char", "word"])
def test_ngram_columns_equal_scikit_learns(name: str) -> None:
    """Word n-grams and per-word cached char_wb n-grams: same columns, in the same order, as
    the vectoriser's own analyser."""
    steps = _pipeline().named_steps["features"].transformer_list
    vectoriser = dict(steps)[name]
    columns_of = _column_finder(*_analyser_parts(vectoriser, 0))
    analyse = vectoriser.build_analyzer()
    for headline in [
        "17 Photos That Prove Cats Are Secretly Plotting Against You",
        "a I  x\t\tWORDS  with\u00a0odd\u2003 spacing\n and A b",
        "Ünïcödé headline with émojis 😀 and 2 numbers",
        "  ",
        "Supercalifragilisticexpialidocious!",
        "Why?! You won't believe... what happened next!!",
        "one",
    ]:
        expected = [vectoriser.vocabulary_.get(gram) for gram in analyse(headline)]
        assert columns_of(headline) == [int(c) for c in expected if c is not None]
        assert columns_of(headline) == columns_of(headline)  # the cached words give the same


def test_loader_rejects_missing_corrupt_and_stale_artefacts(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="veracity train clickbait"):
        load_clickbait_model.__wrapped__(tmp_path)
    (tmp_path / MODEL_FILE).write_bytes(b"not a joblib file")
    (tmp_path / CARD_FILE).write_text(json.dumps({"version": SPEC.version, "threshold": 0.9}))
    with pytest.raises(ModelError, match="gives no SHA-256 of the files it describes"):
        load_clickbait_model.__wrapped__(tmp_path)
    pinned = {MODEL_FILE: hashlib.sha256(b"not a joblib file").hexdigest()}
    card = {"version": SPEC.version, "threshold": 0.9, "artefact_sha256": pinned}
    (tmp_path / CARD_FILE).write_text(json.dumps(card))
    with pytest.raises(ModelError, match="corrupt"):
        load_clickbait_model.__wrapped__(tmp_path)
    (tmp_path / CARD_FILE).write_text(json.dumps({"version": 0, "threshold": 0.9}))
    with pytest.raises(ModelError, match="version"):
        load_clickbait_model.__wrapped__(tmp_path)


def test_training_rejects_missing_data(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"clickbait_data\.gz"):
        train_clickbait(tmp_path, tmp_path / "out")


@pytest.mark.data
def test_training_writes_a_loadable_model_and_card(data_dir: Path, tmp_path: Path) -> None:
    """Train on a 600-headline slice of the real corpus (seconds) and load the result."""
    corpus = tmp_path / "corpus" / "clickbait"
    corpus.mkdir(parents=True)
    for name in ("clickbait_data.gz", "non_clickbait_data.gz"):
        with gzip.open(data_dir / "clickbait" / name, "rt", encoding="utf-8") as source:
            lines = [line for line in source if line.strip()][:300]
        with gzip.open(corpus / name, "wt", encoding="utf-8") as target:
            target.write("\n\n".join(line.strip() for line in lines))
    returned = train_clickbait(corpus.parent, tmp_path / "model")
    metrics = returned.metrics
    assert metrics["test_at_0.5"]["accuracy"] > metrics["majority_baseline"]["accuracy"]
    assert returned.summary.startswith("clickbait test accuracy")
    card = json.loads((tmp_path / "model" / CARD_FILE).read_text(encoding="utf-8"))
    assert card["splits"]["test"] == 90
    assert [entry["headlines"] for entry in card["training_data"]] == [300, 300]
    model = load_clickbait_model.__wrapped__(tmp_path / "model")
    assert 0.0 <= model.probability("You Won't Believe These 12 Celebrity Secrets") <= 1.0


def test_a_headline_the_model_leans_towards_is_bait_with_a_visible_cue() -> None:
    title = "Can You Increase Eyebrow Hair?"  # a dev sentence of the labelled set
    model = load_clickbait_model()
    assert 0.5 <= model.probability(title) < model.threshold
    (signal,) = clickbait_signals(title)
    assert "second person ('You')" in signal.explanation
    unflagged = "Julia Roberts is the latest Hollywood heavyweight to move to the small screen"
    assert 0.5 <= model.probability(unflagged) < model.threshold
    assert clickbait_signals(unflagged) == []  # no cue a reader can see


def test_disease_and_product_names_in_capitals_are_not_a_cue() -> None:
    assert headline_cues("COVID-19 cases rise in Ohio nursing homes") == []
    assert clickbait_signals("COVID-19 cases rise in Ohio nursing homes") == []
    assert ("capitals", "AWFUL") in headline_cues("The AWFUL mistake everyone makes")


@pytest.mark.parametrize(
    ("title", "families"),
    [
        ("JUST IN: Mayor Caught Lying About Budget Again", {"shouted kicker", "loaded word"}),
        ("Pop Star Buys Beach Mansion -- See the Pics!", {"teaser tail", "exclamation mark"}),
        (
            "Inside the Singer's Nasty Feud With Her Former Manager",
            {"teaser opener", "loaded word"},
        ),
        ("These Stars Quit Their Hit Shows And Never Came Back", {"pointing phrase"}),
        ("Actor Is Spending BIG Money After His Shocking Divorce", {"capitals", "hype word"}),
    ],
)
def test_ordinary_bait_cue_families(title: str, families: set[str]) -> None:
    assert families <= {label for label, _ in headline_cues(title)}
    (signal,) = clickbait_signals(title)
    assert signal.quote == title


@pytest.mark.parametrize(
    "title",
    [
        "Tanglewood Has Canceled Its 2020 Live Season",  # the model leans to bait, no visible cue
        "NATO and the FBI meet in the USA",  # acronyms are not shouting
        "Stories of Americans suddenly jobless from the coronavirus pandemic",
    ],
)
def test_headlines_without_a_visible_cue_are_not_bait(title: str) -> None:
    assert clickbait_signals(title) == []


def test_a_statement_posed_as_a_question_is_a_cue_of_its_own() -> None:
    title = "Donald Trump Signs Executive Order Cancelling Saturday Night Live?"
    labels = [label for label, _ in headline_cues(title)]
    assert labels.count("statement posed as a question") == 1 and "question headline" in labels
    assert clickbait_signals(title)
    asked = "Will Summer Camps Open This Year?"
    assert "statement posed as a question" not in [label for label, _ in headline_cues(asked)]


@pytest.mark.parametrize(
    ("title", "families"),
    [
        # one ordinary word shouted in a mixed-case headline: two cues, whatever the model says
        ("Council LOSES Its Fight Over the New Bus Lanes", {"capitals", "shouted word"}),
        ("Minister vows to SCRAP fireworks in city parks", {"capitals", "shouted word"}),
        # a media tag in brackets beside its capitals
        ("Senator Storms Off the Stage Mid-Debate [VIDEO]", {"capitals", "media tag"}),
        # a number pointed at, a withheld referent (each read with the model)
        ("The Shortest Tweet Ever - Here Are 12 Replies To It", {"pointed number"}),
        ("The Job Interview That Haunts Every Candidate", {"withheld referent"}),
        # a clause shouted in capitals inside a mixed-case headline
        ("CHAOS AS FANS STORM THE PITCH: Match abandoned", {"capitals", "shouted clause"}),
        # someone who tells the rest after the dash
        ("Singer May Lose Her House After Lawsuit — Lawyer Explains", {"teaser tail"}),
    ],
)
def test_generalised_bait_cue_families(title: str, families: set[str]) -> None:
    assert families <= {label for label, _ in headline_cues(title)}


def test_shouted_words_need_a_lone_ordinary_word_in_capitals() -> None:
    labels = [label for label, _ in headline_cues("USA TODAY Launches a New Health Section")]
    assert "shouted word" not in labels  # beside another word in capitals: a name
    assert "shouted word" not in [
        label for label, _ in headline_cues("The 2016 POLITICO 50 Survey")
    ]  # before a number: a name
    assert "shouted word" not in [
        label for label, _ in headline_cues("OPEC and NATO Meet as COVID Cases Rise")
    ]  # acronyms
    assert "shouted word" not in [label for label, _ in headline_cues("Mayor Speaks [VIDEO]")]
    assert "shouted clause" not in [
        label for label, _ in headline_cues("STATEMENT OF THE SECRETARY ON THE OUTBREAK")
    ]  # a headline all in capitals is one cue


@pytest.mark.parametrize(
    "title",
    [
        "Harry Reid: Donald Trump 'faking his net worth'",  # a speaker and a colon, not a kicker
        "Factbox: Insurers return part of auto premiums",
        "Las Vegas Shooting: Celebrities Call for Gun Control",
        # probe s47 S1: an agency's acronym before its colon names the source
        "FBI: Man arrested after attempting to detonate vehicle bomb outside downtown OKC bank",
    ],
)
def test_a_speaker_or_label_before_a_colon_is_not_a_shouted_kicker(title: str) -> None:
    assert "shouted kicker" not in [label for label, _ in headline_cues(title)]
    assert ("shouted kicker", "BOOM!") in headline_cues("BOOM! Mayor Finally Answers")
    assert ("shouted kicker", "BOOM:") in headline_cues("BOOM: Mayor Finally Answers")
    assert ("shouted kicker", "Watch:") in headline_cues("Watch: Mayor Answers Critics")


@pytest.mark.parametrize(
    ("title", "family", "found"),
    [
        # a media label closing the headline after a colon, as a bracketed tag does
        ("Singer Ziplines Upside Down in Costa Rica: Watch!", "media tag", ": Watch!"),
        ("Chef Recalls His First Kitchen Fire: See the Clip", "media tag", ": See the Clip"),
        ("Actors Welcome a Son: Pics", "media tag", ": Pics"),
        # a verb of telling with the explanation withheld
        ("Star Explains Why She Left the Show", "curiosity gap", "Explains Why"),
        ("Chef finally reveals how he keeps his kitchen calm", "curiosity gap", "reveals how"),
        # the headline ends on what was disclosed without saying what
        ("Office Party Mystery Solved", "teaser tail", "Solved"),
        ("Facts About the Rover Mission Revealed", "teaser tail", "Revealed"),
    ],
)
def test_bait_forms_read_off_the_fifth_sample(title: str, family: str, found: str) -> None:
    """Forms of the fifth development sample's misses (dev4), each counted on corpus headlines:
    a media label after a colon ("Rap Battle: Watch!"), an explanation withheld by a verb of
    telling ("Explains Why ..."), a disclosure named but withheld ("Mystery Solved")."""
    assert (family, found) in headline_cues(title)


@pytest.mark.parametrize(
    "title",
    [
        "Watch: Mayor Answers Critics",  # a kicker, not a closing label
        "The Photos Tell the Story of the Flood",
        "Senate Explains Its Vote on the Budget",  # the explanation is named
        "Bodies of Missing Hikers Found as Cause Is Revealed to Families",
        "Mayor Says Water Leak Is Solved For Now",
    ],
)
def test_those_forms_need_the_form_not_the_word(title: str) -> None:
    labels = {label for label, _ in headline_cues(title)}
    assert not labels & {"media tag", "teaser tail"} and "curiosity gap" not in labels, labels


def test_a_superlative_naming_a_part_of_something_is_no_superlative() -> None:
    """Probe s47 S1: FiveThirtyEight's "The Worst Of The Coronavirus Is Yet To Come"."""
    title = "Democrats Say The Worst Of The Coronavirus Is Yet To Come"
    assert "superlative" not in [label for label, _ in headline_cues(title)]
    assert ("superlative", "Worst") in headline_cues("The Worst Outfits Of The Oscars")


def test_an_acronym_in_capitals_is_no_shouting_and_a_word_in_capitals_is() -> None:
    # probe s47: "OKC" (Oklahoma City) was read as capitals, the headline flagged 0.40
    okc = "FBI: Man arrested after attempting to detonate vehicle bomb outside downtown OKC bank"
    assert headline_cues(okc) == []
    assert clickbait_signals(okc) == []
    assert headline_cues("NYPD sues state over new voting law") == []
    assert [
        found for cue, found in headline_cues("Obama LIES about HUGE deal") if cue == "capitals"
    ] == [
        "LIES",
        "HUGE",
    ]
