"""Features for the span tagger (per token, CRF) and the technique classifier (per span).

Tokens, characters and (for the classifier) MiniLM states; no parser.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from veracity.nlp.document import load_pipeline
from veracity.propaganda.encoder import HIDDEN

QUOTE_CHARS = frozenset('"“”«»')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class TokenSpan:
    """A token with its absolute character offsets."""

    start: int
    end: int
    text: str


def tokenize_segment(text: str, start: int, end: int) -> list[TokenSpan]:
    """Tokens of ``text[start:end]`` (spaCy's English tokenizer) with absolute offsets."""
    doc = load_pipeline("fast").tokenizer(text[start:end])
    return [
        TokenSpan(start + tok.idx, start + tok.idx + len(tok.text), tok.text)
        for tok in doc
        if not tok.is_space
    ]


def line_segments(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-empty line: PTC gives one sentence per line."""
    segments = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            segments.append((offset, offset + len(line)))
        offset += len(line) + 1
    return segments


@lru_cache(maxsize=1)
def word_valence() -> dict[str, float]:
    """VADER's sentiment lexicon: word -> valence in [-4, 4]."""
    return SentimentIntensityAnalyzer().lexicon


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if not any(c.isalnum() for c in word):
        return "p"
    if word.isupper() and len(word) > 1:
        return "XX"
    if word[:1].isupper():
        return "Xx"
    return "x"


def sentence_features(words: list[str]) -> list[dict[str, str | float]]:
    """CRF features for each token of one sentence: the word, its neighbours, its sentiment."""
    lowers = [w.lower() for w in words]
    valence = word_valence()
    scores = [valence.get(w, 0.0) for w in lowers]
    n = len(words)
    has_exclaim = "!" in words
    has_question = "?" in words
    charged = sum(1 for s in scores if abs(s) >= 1.5)
    length_bucket = str(min(n // 10, 5))
    in_quote = False
    features: list[dict[str, str | float]] = []
    for i, word in enumerate(words):
        low = lowers[i]
        feats: dict[str, str | float] = {
            "bias": 1.0,
            "w": low,
            "suf3": low[-3:],
            "pre3": low[:3],
            "shape": _shape(word),
            "val": scores[i] / 4.0,
            "absval": abs(scores[i]) / 4.0,
            "pos": str(min(5 * i // max(n, 1), 4)),
            "len": length_bucket,
            "charged": str(min(charged, 3)),
            "quoted": str(in_quote),
        }
        if has_exclaim:
            feats["exclaim"] = 1.0
        if has_question:
            feats["question"] = 1.0
        for offset in (-2, -1, 1, 2):
            j = i + offset
            feats[f"w{offset:+d}"] = lowers[j] if 0 <= j < n else ("<s>" if j < 0 else "</s>")
            if 0 <= j < n and scores[j]:
                feats[f"val{offset:+d}"] = scores[j] / 4.0
        feats["bi-1"] = f"{lowers[i - 1] if i else '<s>'}|{low}"
        feats["bi+1"] = f"{low}|{lowers[i + 1] if i + 1 < n else '</s>'}"
        features.append(feats)
        if word in QUOTE_CHARS or (word == "'" and i in (0, n - 1)):
            in_quote = not in_quote
    return features


def span_record(text: str, start: int, end: int) -> dict[str, str | float]:
    """The technique classifier's view of one span: its words, its sentence, how often it recurs."""
    span = text[start:end]
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    context = text[line_start:start] + " " + text[end:line_end]
    lowered = text.lower()
    words = _WORD.findall(span.lower())
    longest = max(words, key=len) if words else ""
    repeats = lowered.count(span.lower()) - 1 if span.strip() else 0
    word_repeats = len(re.findall(rf"\b{re.escape(longest)}\b", lowered)) - 1 if longest else 0
    before = text[max(line_start, start - 1) : start]
    after = text[end : min(line_end, end + 1)]
    return {
        "span": span,
        "context": context,
        "log_chars": math.log1p(len(span)),
        "log_words": math.log1p(len(words)),
        "log_repeats": math.log1p(max(repeats, 0)),
        "log_word_repeats": math.log1p(max(word_repeats, 0)),
        "quoted": float(
            bool(before and before in QUOTE_CHARS) or bool(after and after in QUOTE_CHARS)
        ),
        "whole_line": float(start <= line_start + 1 and end >= line_end - 1),
        "title_case": float(span.istitle()),
        "upper": float(span.isupper()),
        "exclaim": float("!" in span or "!" in text[end : end + 2]),
        "question": float("?" in span or "?" in text[end : end + 2]),
        "first_line": float(line_start == 0),
    }


def embedding_record(span: np.ndarray, sentence: np.ndarray, alone: np.ndarray) -> dict[str, float]:
    """The classifier's dense view of a span: MiniLM states pooled over it and over its
    sentence, and MiniLM's sentence vector of the span read alone."""
    return {
        **{name: float(v) for name, v in zip(SPAN_FIELDS, span, strict=True)},
        **{name: float(v) for name, v in zip(SENTENCE_FIELDS, sentence, strict=True)},
        **{name: float(v) for name, v in zip(ALONE_FIELDS, alone, strict=True)},
    }


SPAN_FIELDS = [f"span_state_{i}" for i in range(HIDDEN)]
SENTENCE_FIELDS = [f"sentence_state_{i}" for i in range(HIDDEN)]
ALONE_FIELDS = [f"span_vector_{i}" for i in range(HIDDEN)]
NUMERIC_FIELDS = [
    "log_chars",
    "log_words",
    "log_repeats",
    "log_word_repeats",
    "quoted",
    "whole_line",
    "title_case",
    "upper",
    "exclaim",
    "question",
    "first_line",
]
