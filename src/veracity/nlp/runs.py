"""Runs of word characters, found by ``str.split`` instead of a regular-expression scan.

``re.findall(r"\\w+", text)`` makes the regex engine try a match at every character (about
0.3 ms for a 1,000-word article, and the fast path tokenises each article three times). The
same runs come out of replacing every character that cannot be part of a run with a space and
splitting on whitespace: the characters to replace are found among the text's few dozen
distinct ones (``set(text)``), and each is replaced by one ``str.replace``, in C. No character
that can be part of a run is whitespace, so nothing else splits; the results are the regex's
exactly (``tests/nlp/test_runs.py`` compares them on every code point and on real articles).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import repeat

# The word characters of one alphabet, skipped with one set difference instead of one lookup
# each: most of an English article's distinct characters.
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ASCII_WORD = _ASCII_LETTERS | frozenset("0123456789_")
_WORD_CHAR = re.compile(r"\w")
_LETTER = re.compile(r"[^\W\d_]")
_CONNECTORS = "'’-"
# A connector that does not stand between two letters: it joins nothing (style words).
_LOOSE_CONNECTOR = re.compile(r"[’'-](?:(?![^\W\d_])|(?<![^\W\d_].))")


@lru_cache(maxsize=1 << 16)  # bounded: a text may hold any characters
def _splits_words(char: str) -> bool:
    """Whether ``char`` must be replaced for :func:`word_runs` (whitespace splits already)."""
    return _WORD_CHAR.match(char) is None and not char.isspace()


@lru_cache(maxsize=1 << 16)  # bounded: a text may hold any characters
def _splits_words_apostrophes(char: str) -> bool:
    return char not in "'’" and _splits_words(char)


@lru_cache(maxsize=1 << 16)  # bounded: a text may hold any characters
def _splits_letters(char: str) -> bool:
    """Whether ``char`` must be replaced for :func:`letter_words`: digits and ``_`` split."""
    return _LETTER.match(char) is None and char not in _CONNECTORS and not char.isspace()


def _replaced(
    text: str, splits: Callable[[str], bool], kept: frozenset[str], chars: set[str] | None = None
) -> str:
    """``text`` with each character that ``splits`` replaced by a space (``kept`` never splits).

    ``chars``: the text's distinct characters when already at hand (or more: replacing a
    character the text lacks changes nothing).
    """
    for char in (set(text) if chars is None else chars).difference(kept):
        if splits(char):
            text = text.replace(char, " ")
    return text


def word_runs(text: str, chars: set[str] | None = None) -> list[str]:
    """``re.findall(r"\\w+", text)``: the maximal runs of word characters, in order.

    ``chars``: the text's distinct characters (or more), when already at hand.
    """
    return _replaced(text, _splits_words, _ASCII_WORD, chars).split()


def word_tokens(text: str, chars: set[str] | None = None) -> list[str]:
    """``re.findall(r"\\w[\\w'’]*(?<!['’])", text)``: words with inner apostrophes ("don't").

    A run of word characters and apostrophes holds one such token, from its first word
    character to its last; a run of apostrophes alone holds none. ``chars``: the text's
    distinct characters (or more), when already at hand.
    """
    runs = _replaced(text, _splits_words_apostrophes, _ASCII_WORD, chars).split()
    held = text if chars is None else chars
    if "'" in held or "’" in held:
        return list(filter(None, map(str.strip, runs, repeat("'’"))))
    return runs


def word_token_set(text: str, chars: set[str] | None = None) -> set[str]:
    """``set(word_tokens(text))``, the apostrophes stripped from each distinct run only (a
    long text repeats most of its words)."""
    runs = set(_replaced(text, _splits_words_apostrophes, _ASCII_WORD, chars).split())
    held = text if chars is None else chars
    if "'" in held or "’" in held:
        return set(filter(None, map(str.strip, runs, repeat("'’"))))
    return runs


def long_word_runs(text: str, chars: set[str] | None = None) -> list[str]:
    """``re.findall(r"\\w\\w+", text)``: runs of two or more word characters."""
    return [run for run in word_runs(text, chars) if len(run) > 1]


def lowered_chars(chars: set[str]) -> set[str]:
    """The distinct characters of ``text.lower()`` or more, from those of ``text`` (``chars``).

    ``str.lower`` maps each character on its own (to one character or more: "İ" gives "i"
    and a combining dot), except a final capital sigma, which may become "ς" instead of "σ".
    """
    lowered = {low for char in chars for low in char.lower()}
    return lowered | {"ς"} if "Σ" in chars else lowered


def letter_words(text: str, chars: set[str] | None = None) -> list[str]:
    """``re.findall(r"[^\\W\\d_]+(?:['’-][^\\W\\d_]+)*", text)``: runs of letters joined by
    single inner apostrophes or hyphens ("don't", "cover-up").

    Connectors that do not stand between two letters are blanked first (a regex that the
    engine jumps through, as they are rare); then each run of letters and connectors is one
    word. ``chars``: the text's distinct characters, when already at hand.
    """
    held = text if chars is None else chars
    if "'" in held or "’" in held or "-" in held:
        # blanking adds only spaces, which never split: ``chars`` still holds what is left
        text = _LOOSE_CONNECTOR.sub(" ", text)
    return _replaced(text, _splits_letters, _ASCII_LETTERS, chars).split()
