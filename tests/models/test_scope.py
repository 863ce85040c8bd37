"""When not to score: non-English, very short and out-of-scope texts get a reason, not a number."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from veracity.artefacts import ARTEFACTS
from veracity.ingest import article_from_text
from veracity.models import score_reliability_batch
from veracity.models.scope import (
    LINE_COLUMNS,
    MIN_WORDS,
    NOTES,
    abstention_note,
    line_features,
    reads_as_list,
    text_abstention,
)
from veracity.models.scope_train import ScopeMetrics
from veracity.nlp.language import guess_language

ENGLISH = (
    "The city council approved the new budget on Tuesday after a long debate, the mayor's "
    "office said in a statement. The plan raises spending on schools and roads by four percent "
    "and cuts the parks budget, according to figures published by the council. Several "
    "residents spoke against the cuts at the meeting, and two members voted no. The budget "
    "takes effect in July."
)
SPANISH = (
    "El gobierno anunció hoy que la economía creció un tres por ciento en el último trimestre, "
    "según datos oficiales publicados por el instituto de estadística. Los analistas esperaban "
    "un crecimiento menor, y la oposición pidió explicaciones sobre el gasto público."
)
FRENCH = (
    "Le gouvernement a annoncé mardi une nouvelle réforme des retraites, qui sera présentée au "
    "Parlement le mois prochain. Les syndicats ont appelé à une grève nationale."
)
CHINESE = "中国政府今天宣布经济增长速度超过预期，官方数据显示第三季度国内生产总值增长百分之五。"


@pytest.mark.parametrize("text", [SPANISH, FRENCH, CHINESE])
def test_non_english_text_is_not_scored(text: str) -> None:
    assert text_abstention(text, guess_language(text)) == "not_english"


def test_short_text_is_not_scored_but_an_english_article_is() -> None:
    assert text_abstention("Short.", guess_language("Short.")) == "too_short"
    assert len(ENGLISH.split()) > MIN_WORDS
    assert text_abstention(ENGLISH, guess_language(ENGLISH)) is None


def test_every_reason_has_a_note_that_says_no_score() -> None:
    for reason in ("not_english", "too_short", "out_of_scope"):
        assert abstention_note(reason).startswith("No reliability score")
    assert "outlet ratings" in NOTES["not_english"] and "still apply" in NOTES["not_english"]


HEADLINES = [
    "Senators slam bank over arbitration agreements in scathing letter",
    "Poll: Trump, Clinton in virtual tie in Florida",
    "Why this row is different",
    "Charlotte police release footage of shooting [VIDEO]",
    "Hiding something? Library refuses to host hard-copy documents",
    "Freedom Caucus stiffs party on campaign cash",
    "The truth about Christopher Columbus",
    "WATCH: Students react to the debate (not knowing what came next!)",
    "Miss Universe strikes back",
    "Mayor says police must be held accountable in latest shootings",
]


def test_a_list_of_headlines_is_not_scored() -> None:
    page = "Latest headlines\n\n" + "\n".join(HEADLINES)
    assert len(page.split()) > MIN_WORDS
    assert reads_as_list(page)
    assert text_abstention(page, guess_language(page)) == "out_of_scope"


def test_an_article_with_a_list_in_it_is_scored() -> None:
    article = (
        "Budget approved\n\n"
        + ENGLISH
        + "\n\nThe main changes:\n"
        + "\n".join(["Schools: up 4%", "Roads: up 4%", "Parks: down 2%", "Libraries: unchanged"])
        + "\n\n"
        + ENGLISH
        + "\n"
    )
    assert not reads_as_list(article)
    assert text_abstention(article, guess_language(article)) is None


def test_an_article_one_sentence_a_line_or_hard_wrapped_is_not_a_list() -> None:
    sentences = [s.strip() + "." for s in ENGLISH.split(".") if s.strip()]
    one_a_line = "Budget approved\n\n" + "\n".join(sentences * 2)
    wrapped = "Budget approved\n\n" + textwrap.fill(ENGLISH + " " + ENGLISH, 60)
    assert not reads_as_list(one_a_line)
    assert not reads_as_list(wrapped)


NOT_NEWS = Path(__file__).resolve().parents[1] / "fixtures" / "not_news"


def test_line_features_tell_verse_and_code_from_paragraphs() -> None:
    poem = (NOT_NEWS / "poem-1.txt").read_text("utf-8")
    code = (NOT_NEWS / "code-1.txt").read_text("utf-8")
    columns = dict(zip(LINE_COLUMNS, line_features(poem), strict=True))
    prose = dict(zip(LINE_COLUMNS, line_features(ENGLISH), strict=True))
    assert columns["unterminated_lines"] > 0.3 > prose["unterminated_lines"]
    assert columns["short_lines"] > 0.8 > prose["short_lines"]
    assert columns["log_words_per_line"] < prose["log_words_per_line"]
    assert dict(zip(LINE_COLUMNS, line_features(code), strict=True))["code_chars"] > 0.01
    assert prose["code_chars"] == 0.0
    tagged = "Debate\nMODERATOR: Your answer?\nHARRIS: No.\nDELGADO: Yes, it is."
    assert dict(zip(LINE_COLUMNS, line_features(tagged), strict=True))["tagged_lines"] == 1.0


def _as_read(path: Path) -> str:
    """A written text as the product reads an input (ingest joins a poem's verse lines)."""
    return article_from_text(path.read_text("utf-8")).text


def test_texts_that_are_not_news_get_no_score_and_news_does() -> None:
    """The fixture's development recipe, forum thread, poem, horoscope, board-meeting transcript
    and press conference with clock times (which the form distance and the list check score),
    read as the product reads them, abstain as out of scope on both paths' scoring call; a
    news report is scored."""
    names = ("recipe-4", "forum-4", "poem-4", "horoscope-4", "transcript-4", "transcript-6")
    texts = [_as_read(NOT_NEWS / f"{name}.txt") for name in names]
    outcomes = score_reliability_batch([*texts, ENGLISH * 2], [[] for _ in range(7)])
    assert [o.status for o in outcomes] == ["out_of_scope"] * 6 + ["scored"]
    assert outcomes[0].note is not None and "recipe" in outcomes[0].note
    assert outcomes[5].note is not None and "transcript" in outcomes[5].note


def test_news_prose_in_a_voice_of_its_own_is_scored() -> None:
    """An op-ed, a public statement, a speech report, a first-person blog post, wire copy and
    local news (written development texts) are news prose: scored, whatever their voice (the
    unlabelled debate genre abstained on the blog post)."""
    paths = sorted((NOT_NEWS / "news").glob("*-4.txt"))
    assert len(paths) == 6
    outcomes = score_reliability_batch([_as_read(p) for p in paths], [[] for _ in paths])
    assert [o.status for o in outcomes] == ["scored"] * 6, [o.note for o in outcomes]


def test_line_features_read_speakers_labels_and_clock_stamps() -> None:
    """A transcript's turns: a long label ("Deputy Secretary Paul Mwangi:") is a tag, a stamp
    before or after it is a clock line; a time inside a sentence is neither."""
    turns = (
        "Briefing\n"
        "Deputy Secretary Paul Mwangi: (00:09) Forty percent of services are running.\n"
        "[01:12] Reporter, Morning Ledger: When will talks resume?\n"
        "00:01:16 Deputy Secretary Paul Mwangi: Tomorrow at ten.\n"
        "At 10:30 on Tuesday the minister met the union, his office said."
    )
    columns = dict(zip(LINE_COLUMNS, line_features(turns), strict=True))
    assert columns["tagged_lines"] == 0.75
    assert columns["clock_lines"] == 0.75
    prose = dict(zip(LINE_COLUMNS, line_features(ENGLISH), strict=True))
    assert prose["clock_lines"] == prose["tagged_lines"] == 0.0


def test_the_genre_check_keeps_news_abstention_rare() -> None:
    """The card's out-of-fold figures: at most 0.5% of English news abstained, 2% on any fold."""
    metrics = ARTEFACTS["scope"].read_metrics()
    assert isinstance(metrics, ScopeMetrics)
    assert metrics.news_abstained <= 0.005
    assert metrics.worst_fold_abstained <= 0.02


REPORT = [
    "Health officials checked the thermal scanners at the city airport on Tuesday, a "
    "spokesman for the ministry said",
    "The airport receives three flights a day from abroad, and two scanners are now in use, "
    "one of them as a backup, he told reporters in the terminal",
    '"Both machines work well, and a passenger whose temperature is above 37 degrees will be '
    'seen at once," said Maria Lopez, the head of the airport clinic',
    "A high temperature does not mean that a passenger has the virus, she said",
    "It could be a common cold or another illness, and a laboratory test is needed to know",
    "Samples are sent to the national laboratory in the capital, which returns a result in "
    "three days at the earliest, according to the ministry",
    "The central hospital has prepared two isolation rooms with two beds each, its director "
    "said on Wednesday",
    "Health workers have been trained to handle patients with symptoms, he added",
    "The rooms meet the standards for infectious diseases, the director said",
    "No passenger has tested positive so far, the spokesman said",
    "The ministry will review the checks again next month",
]


@pytest.mark.parametrize("stop", [". ", "."])
def test_a_report_whose_sentences_join_without_a_space_is_scored(stop: str) -> None:
    """A scraper's habit, "on Tuesday.According to him": with no space after the stops, the
    style pass reads one long sentence, and the form distance read that as far from news; the
    form distance now reads the text spaced (the score's features are unchanged)."""
    text = "Airport checks body temperature of passengers\n\n" + stop.join(REPORT) + "."
    (outcome,) = score_reliability_batch([text], [[]])
    assert outcome.status == "scored", outcome.note


def test_an_out_of_scope_note_names_the_test_that_refused_it() -> None:
    page = "Latest headlines\n\n" + "\n".join(HEADLINES)
    recipe = (NOT_NEWS / "recipe-4.txt").read_text("utf-8")
    # one run-on sentence of about 200 words (the genre check reads a text in ALL CAPS as
    # a feed of posts, and names that)
    run_on = ENGLISH.replace(". ", ", and ").rstrip(".")
    run_on = "Budget\n\n" + " ".join([run_on] * 3) + "."
    outcomes = score_reliability_batch([page, recipe, run_on], [[], [], []])
    assert [o.status for o in outcomes] == ["out_of_scope"] * 3
    notes = [o.note or "" for o in outcomes]
    assert "list of short lines" in notes[0] and "recipe" not in notes[0]
    assert "read like a recipe" in notes[1] and "list of short lines" not in notes[1]
    assert "its form (" in notes[2] and "long sentences" in notes[2]
    assert "read like" not in notes[2] and "list of short lines" not in notes[2]
    # without the text, every test is listed (a caller that knows only the reason)
    assert "list of short lines" in abstention_note("out_of_scope")
