"""nlp.runs: the str.split tokenisers give exactly the regex tokenisers' tokens."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veracity.nlp.runs import (
    letter_words,
    long_word_runs,
    lowered_chars,
    word_runs,
    word_token_set,
    word_tokens,
)

REPO = Path(__file__).resolve().parents[2]
PAIRS = [
    (word_runs, re.compile(r"\w+")),
    (word_tokens, re.compile(r"\w[\w'’]*(?<!['’])")),
    (long_word_runs, re.compile(r"\w\w+")),
    (letter_words, re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")),
]
IDS = [tokenise.__name__ for tokenise, _ in PAIRS]
# Characters where the tokenisers could part ways: word and non-word, letters and digits,
# the connectors, underscores, numerals that are letters to \w but not digits, title case,
# spaces of several kinds.
PARTS = "aZé'’-_1²Ⅻǅ .\n\t\u00a0\u2028,“”—"


CODE_POINTS = [chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000]


def test_no_whitespace_is_part_of_a_token() -> None:
    """str.split cuts at every whitespace character: none may be a word character."""
    word = re.compile(r"\w")
    spaces = [char for char in CODE_POINTS if char.isspace()]
    assert len(spaces) > 20  # the space, tabs, line breaks, Unicode spaces
    assert not [char for char in spaces if word.match(char) or char in "'’-"]


@pytest.mark.parametrize(("tokenise", "regex"), PAIRS, ids=IDS)
def test_same_tokens_across_unicode(tokenise, regex) -> None:
    sample = CODE_POINTS[::5]
    for start in range(0, len(sample), 400):
        text = "".join(sample[start : start + 400])
        assert tokenise(text) == regex.findall(text)
    for char in CODE_POINTS[::53]:  # each between letters, connectors and digits
        text = f"a{char}b{char}'{char}-{char}1 x{char}"
        assert tokenise(text) == regex.findall(text), repr(char)


@pytest.mark.parametrize(("tokenise", "regex"), PAIRS, ids=IDS)
@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(PARTS), max_size=30))
def test_same_tokens_on_mixtures(tokenise, regex, text: str) -> None:
    assert tokenise(text) == regex.findall(text)


@pytest.mark.parametrize(("tokenise", "regex"), PAIRS, ids=IDS)
def test_same_tokens_on_an_article(tokenise, regex) -> None:
    article = (REPO / "examples" / "example-article.txt").read_text(encoding="utf-8")
    hostile = "They’re “trying” to ‘cover-up’ it--all '90s rock'n'roll __init__ x-ray 3-D ’tis"
    for text in (article, article.lower(), hostile, hostile.lower()):
        tokens = tokenise(text)
        assert tokens == regex.findall(text)
        assert tokens  # the texts hold words: the comparison is not between two empty lists
    assert letter_words(hostile)[:3] == ["They’re", "trying", "to"]
    assert "cover-up" in letter_words(hostile) and "it--all" not in letter_words(hostile)


def _overlapping_pieces(text: str, size: int) -> list[str]:
    """``text`` in pieces of ``size + 1`` characters, each starting at the last one's last
    character: every pair of neighbouring characters stands together in a piece."""
    return [text[start : start + size + 1] for start in range(0, len(text) - 1, size)]


@pytest.mark.parametrize(("tokenise", "regex"), PAIRS, ids=IDS)
def test_given_characters_give_the_same_tokens(tokenise, regex) -> None:
    """A text's distinct characters passed in (or more of them) change no token.

    The 158,867 code points (every seventh) are read in pieces of 2,000: a tokeniser replaces
    each splitting character of the set it is given over the whole text, so the text at once
    cost 5.4 CPU-s a call; the pieces hold the same characters and each pair of neighbours."""
    article = (REPO / "examples" / "example-article.txt").read_text(encoding="utf-8")
    code_points = _overlapping_pieces("".join(CODE_POINTS[::7]), 2_000)
    for text in (article, "ΟΔΟΣ İstanbul’s cover-up, 3-D '90s", *code_points):
        assert tokenise(text, set(text)) == regex.findall(text)
        assert tokenise(text, set(text) | set("'’-_.!x")) == regex.findall(text)


def test_overlapping_pieces_keep_every_pair_of_neighbours() -> None:
    text = "".join(CODE_POINTS[::7])
    pieces = _overlapping_pieces(text, 2_000)
    assert "".join(piece[:-1] for piece in pieces[:-1]) + pieces[-1] == text
    pairs = {piece[i : i + 2] for piece in pieces for i in range(len(piece) - 1)}
    assert pairs == {text[i : i + 2] for i in range(len(text) - 1)}


def test_lowered_characters_hold_every_character_of_the_lowered_text() -> None:
    for text in ("".join(CODE_POINTS), "ΟΔΟΣ ΣΑΣ Σ", "İSTANBUL"):
        assert set(text.lower()) <= lowered_chars(set(text))
    assert "ς" in "ΟΔΟΣ".lower() and "\u0307" in "İ".lower()  # the two cases spelled out
    lower = "ΟΔΟΣ İstanbul’s".lower()
    assert word_tokens(lower, lowered_chars(set("ΟΔΟΣ İstanbul’s"))) == word_tokens(lower)


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(PARTS), max_size=30))
def test_word_token_set_is_the_set_of_the_tokens(text: str) -> None:
    assert word_token_set(text) == set(word_tokens(text))
    assert word_token_set(text, set(text)) == set(word_tokens(text))


def test_word_token_set_of_an_article() -> None:
    article = (REPO / "examples" / "example-article.txt").read_text(encoding="utf-8")
    for text in (article, article.lower(), "'quoted' words’ and don't ’’ x'"):
        assert word_token_set(text) == set(word_tokens(text))
