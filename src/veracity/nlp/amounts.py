"""Figures as news writes them, read as intervals: digits ("900,000", "3.9"), number words
("two", "a dozen"), scales ("1.2 million", "$3bn"), qualifiers ("over", "about", "up to") and
ranges ("20-30"). Corroboration sets the figures of two articles against each other
(:mod:`veracity.corroborate.figures`), verification a claim's against a passage's
(:func:`veracity.verify.cues.contradicting_figures`).
"""

from __future__ import annotations

import math
import re

WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12,
}  # fmt: skip
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
    "trillion": 1e12, "tn": 1e12, "b": 1e9,
}  # fmt: skip
AT_LEAST = ("at least", "more than", "over", "upwards of", "in excess of", "no fewer than")
AT_MOST = ("up to", "fewer than", "less than", "at most", "as many as", "no more than", "under")
APPROX = ("about", "around", "nearly", "almost", "roughly", "approximately", "some", "an estimated",
           "estimated", "close to", "just over", "just under")  # fmt: skip
NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
WORDNUM = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
QUALIFIER = "|".join(
    re.escape(q) for q in sorted(AT_LEAST + AT_MOST + APPROX, key=len, reverse=True)
)
SCALE = r"(?:thousand|million|billion|trillion|mn|bn|tn|[kmb](?![a-z]))"
VALUE = rf"(?:{NUMBER}|{WORDNUM})(?:\s*{SCALE})?"
FIGURE_PATTERN = re.compile(
    rf"(?:(?P<qual>{QUALIFIER})\s+)?(?:between\s+)?"
    rf"(?P<cur>[$£€]|US\$|usd\s*|eur\s*)?(?:an?\s+(?=dozen|hundred|thousand))?(?P<low>{VALUE})"
    rf"(?:\s*(?:-|–|to|and)\s*(?P=cur)?(?P<high>{VALUE}))?"
    rf"(?P<pct>\s*%|\s+per\s?cent|\s+percent)?",
    re.IGNORECASE,
)


def figure_value(text: str) -> tuple[float, float] | None:
    """The number in ``text`` and half the unit of its last significant digit (rounding)."""
    text = text.strip().lower()
    match = re.match(rf"({NUMBER}|{WORDNUM})\s*({SCALE})?$", text)
    if match is None:
        return None
    digits, scale_word = match.group(1), match.group(2)
    scale = SCALES.get(scale_word or "", 1.0)
    if digits in WORD_NUMBERS:
        return WORD_NUMBERS[digits] * scale, 0.0
    plain = digits.replace(",", "")
    value = float(plain)
    if "." in plain:
        step = 10.0 ** -len(plain.split(".")[1])
    elif scale > 1:
        step = 1.0
    else:
        step = 0.0  # "30" killed is exactly thirty
    return value * scale, step * scale / 2


# "a million", "one billion": a scale word with no digits before it counts one of it.
_ONE_OF_SCALE = re.compile(r"\b(?:a|an|one)\s+(?=(?:thousand|million|billion|trillion)\b)", re.I)


def figure_interval(text: str) -> tuple[float, float] | None:
    """The interval the figure ``text`` states, alone ("over a million": 1,000,000 to inf;
    "about 900,000": 810,000 to 990,000; "3.9 percent": 3.85 to 3.95), or None when ``text`` is
    not one figure."""
    match = FIGURE_PATTERN.fullmatch(_ONE_OF_SCALE.sub("1 ", text.strip()))
    if match is None:
        return None
    low = figure_value(match.group("low"))
    high = figure_value(match.group("high")) if match.group("high") else low
    if low is None or high is None or high[0] < low[0]:
        return None
    qualifier = (match.group("qual") or "").lower()
    return qualify(low[0], high[0], max(low[1], high[1]), qualifier)


def qualify(low: float, high: float, half_step: float, qualifier: str) -> tuple[float, float]:
    if qualifier in AT_LEAST:
        return low, math.inf
    if qualifier in AT_MOST:
        return 0.0, high
    if qualifier in APPROX:
        return low * 0.9, high * 1.1
    return low - half_step, high + half_step
