"""Telephone numbers in text: their digits count nothing.

A parser reads a phone number's first group as a number entity, and a figure reader reads it as
a count ("call (202) 555-0143" near "deaths" as 202 killed). Both the unsourced-claim detector
and corroboration's figures leave out what this pattern matches.
"""

from __future__ import annotations

import re

# "call 1-800-621-3362", "(202) 555-0143", "+1 650-636-6268", and a toll-free one in letters
# ("1-800-WILDLIFE"), which needs its toll-free prefix and hyphens: three digits and a word in
# capitals are a count ("128 SARS cases", "100 UEFA Champions League games", "106 KMEL").
PHONE_NUMBER = re.compile(
    r"(?<![\w$.,-])"
    r"(?:(?:\+?1[-. ]?)?(?:\(\d{3}\)\s?|\d{3}[-. ])\d{3}[-. ]\d{4}|1-8\d\d-[A-Z]{4,10})"
    r"(?![\w-])"
)


def phone_number_spans(text: str) -> list[tuple[int, int]]:
    """The character spans of the telephone numbers in ``text``."""
    return [match.span() for match in PHONE_NUMBER.finditer(text)]
