"""Numbers that order or count a list: an item's number and a listicle's count are no figures.

"1. Do I qualify for deferment?" numbers an item, "No. 3: ..." labels one, and "11 questions to
ask your lender" says how many items the list below holds: none is a quantity the article
reports, so none is a claim's figure or an unsourced figure. A number that opens a line is
read so only in these forms; inside a sentence ("the No. 1 seed", "lists 5 reasons") it stays
what it says (a rank, a count someone can check).
"""

from __future__ import annotations

import bisect
import re

from veracity.nlp.document import SMALL_NUMBER_WORDS

# An item's number that opens its line: "1. ", "2) ", or after "No." / "#" / "Number" with a
# separator ("No. 3: ...", "#4 - ..."); not "1.5 million" (no space after the point).
_ITEM = re.compile(
    r"[ \t]*(?:(?:No\.?|Number|#)[ \t]*(\d{1,3})(?=[ \t]*[:.)–—-])|(\d{1,3})(?=[.)][ \t]+\S))",
    re.IGNORECASE,
)
_COUNT = rf"\d{{1,3}}|{'|'.join(SMALL_NUMBER_WORDS[2:])}|twenty|thirty|forty|fifty"
# What a listicle counts: "7 things", "10 best movies", "11 questions to ask ...". People,
# deaths, cases, times are quantities, not a list's items; so are "stars" ("Two reality stars
# met in the Oval Office").
_LIST_NOUNS = (
    r"things|ways|reasons|questions|tips|tricks|facts|signs|secrets|lessons|mistakes|takeaways"
    r"|moments|rules|steps|photos|pictures|pics|tweets|quotes|songs|movies"
    r"|films|shows|books|places|foods|habits|myths|products|apps|ideas|items|stories|looks"
    r"|outfits|hacks|truths|memes|gifts|jokes|words"
)
# A line that opens with a count of list items (a listicle's headline or its heading repeated);
# a heading, so not one that ends as a sentence does ("Two things in life are certain: ...").
_LIST_COUNT = re.compile(
    rf"[ \t]*(?:(?:the|these|our)[ \t]+)?(?:top[ \t]+)?({_COUNT})[ \t]+"
    rf"(?:[\w'’‘-]+[ \t]+){{0,2}}?(?:{_LIST_NOUNS})\b",
    re.IGNORECASE,
)
# A line that opens with a number and a word: a list's count when the article numbers that many
# items ("11 Hollywood Hacker Movies" over items 1. to 11.).
_OPENING_NUMBER = re.compile(
    r"[ \t]*(?:(?:the|these|our)[ \t]+)?(?:top[ \t]+)?(\d{1,3})[ \t]+[^\W\d_]{2}", re.IGNORECASE
)
# The lines any of the three may open, found by a scan for line breaks (a pattern anchored at
# every line start tries every position of the text: 3.5 times the time): a digit, "#", or the
# first letter of "No", "Number", "the", "these", "our", "top" or a number word.
_CANDIDATE_LINE = re.compile(r"\n[ \t]*[\d#NnTtOoSsEeFf]")
_CLOSERS = "\"'”’)] \t"
_MIN_ITEMS = 3


def list_number_spans(text: str) -> list[tuple[int, int]]:
    """The character spans of the numbers in ``text`` that number a list's items or count them,
    in text order."""
    # a line break before the text, so that its first line is found as the others are: a match
    # at i of it is a line starting at i of the text
    starts = [match.start() for match in _CANDIDATE_LINE.finditer("\n" + text)]
    spans = []
    numbered: set[int] = set()
    for start in starts:
        if item := _ITEM.match(text, start):
            group = 1 if item.group(1) is not None else 2
            spans.append(item.span(group))
            numbered.add(int(item.group(group)))
        elif (count := _LIST_COUNT.match(text, start)) and _a_heading(text, count):
            spans.append(count.span(1))
    if len(numbered) >= _MIN_ITEMS:
        last = max(numbered)
        for start in starts:
            opening = _OPENING_NUMBER.match(text, start)
            if opening and int(opening.group(1)) == last and _a_heading(text, opening):
                spans.append(opening.span(1))
    return sorted(set(spans))


def _a_heading(text: str, match: re.Match[str]) -> bool:
    """Whether the line the match opens does not end as a sentence does (a full stop)."""
    end = text.find("\n", match.end())
    return not text[match.start() : None if end == -1 else end].rstrip(_CLOSERS).endswith(".")


def in_spans(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps one of ``spans`` (sorted, not overlapping each other)."""
    index = bisect.bisect_left(spans, (end,))
    return index > 0 and spans[index - 1][1] > start
