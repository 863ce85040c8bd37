"""Systematic light rewrites of a statement, to calibrate debunk matching on known paraphrases.

Each rewrite keeps the meaning: drop PolitiFact's "Says" prefix, swap common words for
synonyms, change number formats ("10 percent" <-> "10%", "1,000" <-> "1000", small numbers
<-> words) and move a trailing attribution or clause to the front.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

SYNONYMS = {
    "says": "claims",
    "said": "stated",
    "more than": "over",
    "less than": "under",
    "nearly": "almost",
    "about": "around",
    "increase": "rise",
    "increased": "rose",
    "decrease": "drop",
    "decreased": "fell",
    "people": "individuals",
    "children": "kids",
    "government": "administration",
    "jobs": "positions",
    "money": "funds",
    "taxes": "tax",
    "country": "nation",
    "largest": "biggest",
    "biggest": "largest",
    "only": "just",
    "million": "mn",
    "billion": "bn",
    "percent": "%",
    "voted": "cast a vote",
    "killed": "left dead",
    "because": "since",
    "doctors": "physicians",
    "buy": "purchase",
    "begin": "start",
    "show": "indicate",
    "shows": "indicates",
    "help": "assist",
    "got": "received",
    "gave": "handed",
}
_NUMBER_WORDS = {
    "2": "two",
    "3": "three",
    "4": "four",
    "5": "five",
    "6": "six",
    "7": "seven",
    "8": "eight",
    "9": "nine",
    "10": "ten",
}
_WORD_NUMBERS = {v: k for k, v in _NUMBER_WORDS.items()}


def _drop_says(text: str) -> str:
    return re.sub(r"^Says (that )?", "", text).strip()


def _swap_synonyms(text: str, rng: random.Random, max_swaps: int = 4) -> str:
    present = [w for w in SYNONYMS if re.search(rf"\b{re.escape(w)}\b", text, flags=re.I)]
    rng.shuffle(present)
    for word in present[:max_swaps]:
        text = re.sub(rf"\b{re.escape(word)}\b", SYNONYMS[word], text, count=1, flags=re.I)
    return text


def _reformat_numbers(text: str) -> str:
    text = re.sub(r"(\d)\s?percent\b", r"\1%", text)
    text = re.sub(r"\b(\d{1,3}),(\d{3})\b", r"\1\2", text)
    text = re.sub(
        r"\b(" + "|".join(_NUMBER_WORDS) + r")\b(?![,.]\d)",
        lambda m: _NUMBER_WORDS[m.group(1)],
        text,
    )
    return re.sub(
        r"\b(" + "|".join(_WORD_NUMBERS) + r")\b", lambda m: _WORD_NUMBERS[m.group(1)], text
    )


def _move_trailing_clause(text: str) -> str:
    body = text.rstrip(".")
    head, comma, tail = body.rpartition(", ")
    if not comma or not 2 <= len(tail.split()) <= 8 or len(head.split()) < 4:
        return text
    return f"{tail[0].upper()}{tail[1:]}, {head[0].lower()}{head[1:]}."


def paraphrase(text: str, rng: random.Random) -> str:
    """One light rewrite of ``text`` (two or more of the rewrite rules, chosen at random)."""
    rewritten = _drop_says(text)
    rules: list[Callable[..., str]] = [_swap_synonyms, _reformat_numbers, _move_trailing_clause]
    for rule in rng.sample(rules, k=rng.randint(2, 3)):
        rewritten = rule(rewritten, rng) if rule is _swap_synonyms else rule(rewritten)
    return rewritten.strip()
