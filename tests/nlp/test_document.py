"""Deep-path sentences: the parser's split, never across a paragraph's blank line."""

from __future__ import annotations

import time

import pytest

from veracity.errors import InputTooLargeError
from veracity.ingest.text import article_from_text
from veracity.nlp import analyse_text
from veracity.nlp.document import Depth, load_pipeline
from veracity.settings import get_settings

# Paragraph ends the parser runs into the next paragraph: a question, a closing quote alone on
# its line (a quote that ran over paragraphs), a photo credit.
ARTICLE = (
    "Officers killed in Aleppo strike\n\n"
    "An Al-Nusra Front commander said that experts from the USA, Turkey and Israel inside "
    "Aleppo were giving militant groups support and intelligence. Were these the same officers "
    "Russia killed?\n\n"
    "Even though American media tries to blame Russia whenever possible, their failure to "
    "cover these deaths is intriguing.\n\n"
    "“We are looking at every report,” the spokesman said. “We will say more when we know "
    "more.\n\n"
    "”\n\n"
    "Carl Recine/Reuters, FILE\n\n"
    "The assessment was followed on Thursday by a joint bulletin issued by the FBI and DHS.\n\n"
    "A sentence wrapped by the writer's mail program goes on past the end of\n"
    "its line and is still one sentence."
)


def sentences(text: str) -> list[str]:
    # furniture left in: ingest leaves out a credit alone on its line, which the parser still
    # reads in a text taken whole
    article = article_from_text(text, remove_boilerplate=False)
    return [s.text for s in analyse_text(article, "deep").sentences]


def test_no_sentence_runs_across_a_blank_line() -> None:
    found = sentences(ARTICLE)
    assert not [s for s in found if "\n\n" in s]
    assert "Were these the same officers Russia killed?" in found
    assert "Carl Recine/Reuters, FILE" in found
    assert found[-1] == (
        "A sentence wrapped by the writer's mail program goes on past the end of\n"
        "its line and is still one sentence."
    )


def test_offsets_still_index_the_text() -> None:
    article = article_from_text(ARTICLE)
    for sentence in analyse_text(article, "deep").sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text


def test_text_over_the_limit_is_refused_before_the_parser() -> None:
    # over spaCy's own cap of a million characters: its ValueError was an internal error
    article = article_from_text(
        "Budget rises\n\n" + "The council met and the budget rose. " * 30_000
    )
    assert len(article.text) > get_settings().max_text_chars
    with pytest.raises(InputTooLargeError, match="VERACITY_MAX_TEXT_CHARS"):
        analyse_text(article, "deep")
    assert analyse_text(article, "fast").text == article.text


def test_a_raised_limit_is_the_parsers_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERACITY_MAX_TEXT_CHARS", "2500000")
    get_settings.cache_clear()
    load_pipeline.cache_clear()
    try:
        assert load_pipeline("deep").max_length == 2_500_000
    finally:
        monkeypatch.delenv("VERACITY_MAX_TEXT_CHARS")
        get_settings.cache_clear()
        load_pipeline.cache_clear()


# hostile round 5: spaCy strips a token's affixes one at a time, each search reading the rest
# of the token, so 100,000 '!' kept `veracity analyze` busy for over 8 minutes (n squared).
@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_a_long_run_of_punctuation_is_tokenised_in_linear_time(depth: Depth) -> None:
    tokenizer = load_pipeline(depth).tokenizer
    text = "He said: " + "!" * 30_000 + " and (" + "?" * 900 + ") then left."
    started = time.process_time()
    doc = tokenizer(text)
    assert time.process_time() - started < 3.0  # 50 s before (5.8 s for 10,000 marks)
    assert doc.text == text
    assert [t.text for t in doc][:3] == ["He", "said", ":"]
    assert [t.text for t in doc][-3:] == ["then", "left", "."]


def test_text_without_a_long_run_is_tokenised_as_spacy_does() -> None:
    nlp = load_pipeline("deep")
    text = ARTICLE + " See https://example.com/" + "a" * 300 + " now!!!"
    assert [t.text for t in nlp.tokenizer(text)] == [t.text for t in nlp.tokenizer.tokenizer(text)]


@pytest.mark.parametrize(
    ("line", "claim"),
    [
        # probe s46: a live blog's headline was the claim "Live updates: 15-year-old dies ..."
        ("Live updates: 15-year-old dies after testing positive", "15-year-old dies after"),
        ("Coronavirus live updates: US death toll approaching 90,000", "US death toll"),
        ("EXCLUSIVE: Delta will add flights as demand", "Delta will"),
        ("BREAKING NEWS: Arrest made in death of protester", "Arrest made"),
        ("Opinion | Give Trump all the rallies he wants", "Give Trump"),
        ("Analysis: Trump halts funding to WHO", "Trump halts"),
        ("WATCH: Dr. Drew defends the decision", "Dr. Drew"),
        ("The Latest: Kenin tops Barty to reach the final", "Kenin tops"),
        ("BREAKING — Pipe bombs found in train station", "Pipe bombs"),
        # a speaker, a source or a topic alone before a colon says who claims it or what it is
        # about: it stays
        ("Trump: Black communities in worst shape ever", "Trump: Black"),
        ("TAPPER: Governor Kasich, we will start with you.", "TAPPER: Governor"),
        ("Report: Megyn Kelly producing a series", "Report: Megyn"),
        ("Coronavirus: Minks test positive at two farms", "Coronavirus: Minks"),
        ("We live -- we live -- the fear that voters have", "We live"),
        ("Keeping watch: Rihanna poses with the CEO", "Keeping watch"),
    ],
)
def test_a_rubric_label_is_no_part_of_the_claim(line: str, claim: str) -> None:
    from veracity.nlp.document import claim_start

    text = f"Some headline here\n\n{line}\n"
    start = text.index(line)
    assert text[claim_start(text, start) :].startswith(claim)


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("ANN ARBOR, Mich., July 10, 2017 /PRNewswire/ -- Domino's Pizza", "Domino's Pizza"),
        ("NEW YORK, Oct. 5, 2020 (GLOBE NEWSWIRE) -- Acme Corp. said", "Acme Corp. said"),
        ("SAN JOSE, Calif.--(BUSINESS WIRE)--Acme today announced", "Acme today announced"),
        ("Washington (CNN)Donald Trump and Hillary Clinton", "Donald Trump and Hillary Clinton"),
        ("Atlanta (CNN) -- The storm hit", "The storm hit"),
        # a name with a party, a ticker or an aside in brackets is no dateline
        ("Trump (R) won the race.", "Trump (R) won the race."),
        ("Domino's Pizza (NYSE: DPZ) is the leader.", "Domino's Pizza (NYSE: DPZ) is the leader."),
        ("Apple (AAPL) shares fell.", "Apple (AAPL) shares fell."),
        ("Smith (left) and Jones (right)Tom said.", "Smith (left) and Jones (right)Tom said."),
    ],
)
def test_a_wire_or_cnn_dateline_is_passed(line: str, words: str) -> None:
    """Probe s48 C1, S2: a press release's and CNN's datelines stayed in claims, and their place
    was read as an unsourced claim's subject."""
    from veracity.nlp.document import after_dateline, claim_start

    assert line[claim_start(line, 0) :] == words
    assert line[after_dateline(line, 0) :] == words


def test_a_dateline_is_still_passed_where_no_label_opens_the_line() -> None:
    from veracity.nlp.document import claim_start

    text = "WASHINGTON (Reuters) - The Senate passed the bill."
    assert text[claim_start(text, 0) :] == "The Senate passed the bill."
