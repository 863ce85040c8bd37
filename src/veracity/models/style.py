"""Style and sourcing features of an article (Horne & Adali 2017 families), parser-free.

Each feature is a number computed with regular expressions over the model text (title first,
provenance stripped): headline shape, capitals, proper nouns, lexical diversity, readability,
pronouns, quotes, numbers, and sourcing (attributions, named vs unnamed sources, figures given
without a source). They describe *how* an article is written, not *what about*, which is why
they carry over between outlets and topics better than vocabulary does.

:data:`STYLE_FEATURES` names the columns of :func:`style_matrix`; each has a phrase a reader can
check in the text (:data:`STYLE_PHRASES`), used for the score's explanations.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from operator import mul

import numpy as np

from veracity.nlp.runs import letter_words
from veracity.signals.clickbait import shouted_spans

# A word: letters with inner apostrophes or hyphens; a number: digits with separators.
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NUMBER = re.compile(r"\d[\d.,:]*")
_SAY = frozenset(
    {
        "said", "says", "told", "stated", "announced", "reported", "wrote", "explained",
        "added", "confirmed", "testified", "tweeted", "according",
    }
)  # fmt: skip
_NOT_NAMES = frozenset({"he", "she", "they", "it", "we", "i", "you", "the", "this", "that"})
_UNNAMED = frozenset(
    {
        "reportedly", "allegedly", "rumor", "rumors", "rumour", "rumours", "insiders",
        "insider", "sources", "unnamed", "anonymous", "purportedly", "supposedly",
    }
)  # fmt: skip
# The lookahead holds the words' first letters: the regex engine jumps between those instead
# of trying every alternative at every character (same matches, 40% less time).
_ATTRIBUTED = re.compile(
    r"(?=[stra])\b(?:said|says|told|according to|stated|reported|announced)\b", re.I
)
_FIRST_SINGULAR = frozenset({"i", "me", "my", "mine", "myself"})
_FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
_SECOND = frozenset({"you", "your", "yours", "yourself", "yourselves"})
_THIRD = frozenset({"he", "she", "him", "her", "his", "hers", "they", "them", "their"})
_INTENSIFIERS = frozenset(
    {
        "very", "really", "totally", "completely", "absolutely", "extremely", "incredibly",
        "literally", "truly", "just", "so", "even", "definitely", "clearly", "obviously",
    }
)  # fmt: skip
_TITLE_MAX_WORDS = 30
_QUOTE_MARKS = ('"', "“", "”", "«")

# No feature for a headline in Title Case ("Every Word Capitalised"): it is an outlet's house
# style, not a sign of a story's truth; with it, a headline's case alone changed the band of
# 11-19% of articles (bench/reliability_edits.py), and leave-one-corpus-out without it was as
# good on the mean and better on the worst fold (docs/benchmarks.md, "Reliability score under
# edits that should not matter").
STYLE_FEATURES = (
    "title_words",
    "title_caps_share",
    "title_punctuation",
    "log_words",
    "mean_word_length",
    "type_token_ratio",
    "words_per_sentence",
    "sentence_length_spread",
    "long_word_share",
    "caps_word_share",
    "proper_noun_share",
    "first_singular_rate",
    "first_plural_rate",
    "second_person_rate",
    "third_person_rate",
    "intensifier_rate",
    "quote_rate",
    "number_rate",
    "exclamation_rate",
    "question_rate",
    "attribution_rate",
    "named_source_rate",
    "unnamed_source_rate",
    "unsourced_figure_share",
)

# What a high (``+``) and a low (``-``) value of each feature looks like, for a reader.
STYLE_PHRASES: dict[str, tuple[str, str]] = {
    "title_words": ("long headline", "short headline"),
    "title_caps_share": ("words shouted in capitals in the headline", "no words shouted in capitals in the headline"),
    "title_punctuation": ("headline ends in ! or ?", "plain headline punctuation"),
    "log_words": ("long article", "short article"),
    "mean_word_length": ("long, formal words", "short, plain words"),
    "type_token_ratio": ("varied vocabulary", "repetitive vocabulary"),
    "words_per_sentence": ("long sentences", "short sentences"),
    "sentence_length_spread": ("sentences of very different lengths", "sentences all of about one length"),
    "long_word_share": ("many long words (hard to read)", "few long words (easy to read)"),
    "caps_word_share": ("many words in ALL CAPS", "few words in ALL CAPS"),
    "proper_noun_share": ("names many people, places and organisations", "names few people, places or organisations"),
    "first_singular_rate": ("writes in the first person (I, me, my)", "no first-person voice"),
    "first_plural_rate": ("speaks as 'we' / 'us'", "does not speak as 'we'"),
    "second_person_rate": ("addresses the reader as 'you'", "does not address the reader"),
    "third_person_rate": ("many he / she / they references", "few he / she / they references"),
    "intensifier_rate": ("many intensifiers (very, totally, literally)", "few intensifiers"),
    "quote_rate": ("quotes people directly", "quotes no one directly"),
    "number_rate": ("gives many figures and dates", "gives few figures or dates"),
    "exclamation_rate": ("exclamation marks", "no exclamation marks"),
    "question_rate": ("asks questions", "asks no questions"),
    "attribution_rate": ("attributes statements (said, according to)", "few attributions (said, according to)"),
    "named_source_rate": ("names its sources", "names few sources"),
    "unnamed_source_rate": ("leans on unnamed sources or rumour", "no unnamed sources"),
    "unsourced_figure_share": ("names no source for its figures", "gives a source for its figures"),
}  # fmt: skip


def style_vector(text: str, chars: set[str] | None = None) -> list[float]:
    """The :data:`STYLE_FEATURES` of one model text (title on its first line).

    ``chars``: the text's distinct characters, when already at hand.
    """
    first_line, _, rest = text.partition("\n")
    title_words = _WORD.findall(first_line)
    if len(title_words) > _TITLE_MAX_WORDS or not rest.strip():
        title_words = []  # no separate headline: the first line is body text
    # the distinct characters, read once: a mark the text lacks is not counted (a scan each)
    chars = set(text) if chars is None else chars
    words = letter_words(text, chars)  # _WORD.findall(text), by str.split
    n_words = max(len(words), 1)
    lower = list(map(str.lower, words))
    counts = Counter(lower)
    exclamations = text.count("!") if "!" in chars else 0
    questions = text.count("?") if "?" in chars else 0
    # Sentences end at ". ", "! ", "? " and line breaks: each end is made ". " and one split
    # gives both their count and their lengths (characters), for the spread of the lengths.
    marked = text.replace("! ", ". ") if exclamations else text
    marked = marked.replace("? ", ". ") if questions else marked
    marked = marked.replace("\n", ". ") if "\n" in chars else marked
    lengths = list(map(len, marked.split(". ")))
    n_sentences = len(lengths)
    per_100 = 100.0 / n_words
    capitalised_words = [w for w in words if w[0].isupper()]
    capitalised = len(capitalised_words)
    caps = sum(1 for w in capitalised_words if len(w) >= 3 and w.isupper())
    # capitalised words that do not open a sentence: a cheap proxy for proper nouns
    proper = max(capitalised - n_sentences - caps, 0)
    n_said = _count(counts, _SAY)
    named = 0
    # "Schumer said", "Reuters reported", "according to Reuters": a name beside the verb
    # (a name after "said" is not counted: without punctuation it may open the next sentence).
    # Each verb present is found by ``list.index`` (a C scan), not by a loop over every word.
    for verb in _SAY.intersection(counts) if n_said else ():
        offset = 2 if verb == "according" else -1
        i = -1
        for _ in range(counts[verb]):
            i = lower.index(verb, i + 1)
            j = i + offset
            if 0 <= j < len(words) and words[j][0].isupper() and lower[j] not in _NOT_NAMES:
                named += 1
    numbers = [m.start() for m in _NUMBER.finditer(text)]
    sentences = figure_sentences(text, numbers)
    figures = len(sentences)
    unsourced = sum(1 for *_, attributed in sentences if not attributed)
    first_words = lower[:300]
    title_n = len(title_words)
    return [
        float(title_n),
        min(len(shouted_spans(first_line)) / title_n, 1.0) if title_n else 0.0,
        float(first_line.rstrip().endswith(("!", "?"))) if title_n else 0.0,
        math.log1p(len(words)),
        sum(map(len, words)) / n_words,
        len(set(first_words)) / max(len(first_words), 1),
        min(len(words) / n_sentences, 80.0),
        _spread(lengths),
        sum(1 for w in words if len(w) >= 7) / n_words,
        caps / n_words,
        proper / n_words,
        _count(counts, _FIRST_SINGULAR) * per_100,
        _count(counts, _FIRST_PLURAL) * per_100,
        _count(counts, _SECOND) * per_100,
        _count(counts, _THIRD) * per_100,
        _count(counts, _INTENSIFIERS) * per_100,
        sum(text.count(mark) for mark in _QUOTE_MARKS if mark in chars) * per_100,
        len(numbers) * per_100,
        exclamations / n_sentences,
        questions / n_sentences,
        n_said * per_100,
        named * per_100,
        _count(counts, _UNNAMED) * per_100,
        unsourced / figures if figures else 0.0,
    ]


def _spread(lengths: list[int]) -> float:
    """Standard deviation over mean of the sentences' lengths (0: one sentence)."""
    n = len(lengths)
    mean = sum(lengths) / n
    if n < 2 or not mean:
        return 0.0
    return math.sqrt(max(sum(map(mul, lengths, lengths)) / n - mean * mean, 0.0)) / mean


def _count(counts: Counter[str], words: frozenset[str]) -> int:
    return sum(counts[w] for w in words if w in counts)


def figure_sentences(text: str, positions: list[int] | None = None) -> list[tuple[int, int, bool]]:
    """``(start, end, attributed)`` of each sentence that gives a figure (digits).

    ``positions``: where the figures start, when already found.
    """
    if positions is None:
        positions = [m.start() for m in _NUMBER.finditer(text)]
    sentences = []
    end = -1
    for position in positions:
        if position < end:
            continue  # same sentence as the previous figure
        dot, newline = text.rfind(". ", 0, position), text.rfind("\n", 0, position)
        start = max(dot + 2 if dot >= 0 else 0, newline + 1)
        dot, newline = text.find(". ", position), text.find("\n", position)
        end = min(dot + 1 if dot >= 0 else len(text), newline if newline >= 0 else len(text))
        sentences.append((start, end, _ATTRIBUTED.search(text, start, end) is not None))
    return sentences


def style_matrix(texts: Sequence[str], char_sets: Sequence[set[str]] | None = None) -> np.ndarray:
    """:func:`style_vector` of each model text, as rows of a float matrix (``char_sets``: each
    text's distinct characters, when already at hand)."""
    if not texts:
        return np.zeros((0, len(STYLE_FEATURES)))
    if char_sets is None:
        return np.array([style_vector(text) for text in texts], dtype=np.float64)
    rows = map(style_vector, texts, char_sets)
    return np.array(list(rows), dtype=np.float64)
