"""Text an article quotes, not its own voice: a paragraph introduced by a line that ends in a
colon after saying whose words follow ("GotNews reported:", "GotNews stories carry this
fundraising plug:", "The post reads:", "Trump said:").

The detectors that read English wording do not count what they find there (:mod:`registry`
filters their output): a Snopes debunk quoting the hoax it checks read the hoax's "You won't hear
this stuff from the lying mainstream media" as its own conspiracy framing (probe s44:
UNRELIABLE 0.16). The paragraph right after the introduction is read as quoted, and the
paragraphs after it while the quotation runs on as English writes a quotation of several
paragraphs: each opens with a quotation mark and only the last closes it (fix s46: only the
first paragraph of a long statement was quoted), in double marks or, as British style writes it,
in single ones (review s46). Past that, what comes may be the article's own words again.

Path: both (a scan for line ends in a colon; most texts have none).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from veracity.nlp.document import POST_SIGNATURE

# Whose words follow: a reporting verb or a word for a message, in small letters, as the line's
# last word before its colon, or followed only by a pointer to what follows ("the following",
# "this", "below", "in part") or by a short phrase of where ("on Twitter", "from CNN"):
# "GotNews reported:", "GotNews stories carry this fundraising plug:", "wrote him the following
# email:". Not where the cue is further back in a sentence of the article's own ("... did what
# Trump said during his trip to Puerto Rico:", "... rather than report the truth:"), nor the
# article's own lists ("for the following reasons:"), "United States:" or "READ MORE:".
_INTRODUCES_QUOTE = re.compile(
    r"\b(?:report(?:ed|s)?|wr(?:ote|ites)|reads?|sa(?:id|ys)|stat(?:ed|es)|claim(?:ed|s)?"
    r"|post(?:ed|s)?|tweet(?:ed|s)?|declar(?:ed|es)|announc(?:ed|es)|alleg(?:ed|es)|plug"
    r"|message|statement|article|headline|rumou?r|e-?mail|letter|caption|meme|excerpt|appeal"
    r"|blurb)"
    r"(?:[ \t]+(?:in part|as follows|the following|this|that|below|above"
    r"|(?:on|to|from|in)[ \t]+[^\s:]+(?:[ \t]+[^\s:]+)?))?[ \t]*:[ \t]*\Z"
)
# the end of the introducing line searched for the cue
_INTRO_TAIL_CHARS = 80
# a quoted paragraph has a few words at least (not a lone name or date under the colon)
_MIN_QUOTED_WORDS = 4
# The marks a quoted paragraph opens with, and the kind of quotation each opens: a quotation
# runs on through paragraphs opening with a mark of its kind.
_OPENING_MARKS = {"“": "double", '"': "double", "‘": "single", "'": "single"}
_CLOSING = {"“": "”", '"': '"'}
_SINGLE_MARK = re.compile("['‘’]")
# what may stand before a single mark that opens a quotation (a space, a bracket, a dash ...)
_BEFORE_OPENING = ' \t([{—–-"“'


def _runs_on(paragraph: str) -> str | None:
    """The kind of quotation (double, single) a quoted paragraph opens and does not close: the
    next paragraph goes on with it when it opens with a mark of that kind; None when it
    closes it, or opens with no mark."""
    mark = paragraph[:1]
    kind = _OPENING_MARKS.get(mark)
    if kind == "single":
        return kind if _single_quotation_open(paragraph) else None
    if kind is None:
        return None
    closing = _CLOSING[mark]
    if closing == mark:  # straight marks: an even count closes every one opened
        return kind if paragraph.count(mark) % 2 == 1 else None
    return kind if paragraph.count(mark) > paragraph.count(closing) else None


def _single_quotation_open(paragraph: str) -> bool:
    """Whether a paragraph opening with a single mark leaves its quotation open. A single mark
    is also an apostrophe, so one is read by what stands beside it: inside a word ("won’t")
    it is neither; after a word's last "s" with a word after it ("the players’ union") it is
    a plural possessive; a ’ (or ') after a character and before a space, a punctuation mark
    or the end closes the quotation; a ‘ (or ') after a space, a bracket or a dash and before a
    character opens another."""
    quoting = True
    for match in _SINGLE_MARK.finditer(paragraph, 1):
        at = match.start()
        before, after = paragraph[at - 1], paragraph[at + 1 : at + 2]
        if before.isalnum() and after.isalnum():
            continue  # an apostrophe inside a word
        if quoting:
            possessive = before in "sS" and after == " " and paragraph[at + 2 : at + 3].isalpha()
            if match.group() != "‘" and not before.isspace() and not possessive:
                quoting = False
        elif match.group() != "’" and before in _BEFORE_OPENING and after.strip():
            quoting = True
    return quoting


# Each detector asks for the same text's blocks: read once (a string's hash is kept with it).
@lru_cache(maxsize=4)
def quoted_blocks(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each paragraph of ``text`` that a line ending in a colon introduces
    as someone else's words (:data:`_INTRODUCES_QUOTE`)."""
    if ":\n" not in text and ": \n" not in text:
        return ()
    blocks = []
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    introduced = False
    running_on: str | None = None  # the kind of quotation the last paragraph left open
    for line, start in zip(lines, starts, strict=True):
        stripped = line.strip()
        if not stripped:
            continue
        quoted = (introduced and len(stripped.split()) >= _MIN_QUOTED_WORDS) or (
            running_on is not None and _OPENING_MARKS.get(stripped[0]) == running_on
        )
        if quoted:
            blocks.append((start, start + len(line)))
        running_on = _runs_on(stripped) if quoted else None
        introduced = stripped.endswith(":") and bool(
            _INTRODUCES_QUOTE.search(stripped[-_INTRO_TAIL_CHARS:])
        )
    return tuple(blocks)


# A post's text is at most this long (X's 280 characters): a paragraph longer than that before a
# signature holds the article's own words too, which the post's region leaves out
_POST_CHARS = 300
_SENTENCE_GAP = re.compile(r"[.!?…][\"”’)]*\s+(?=\S)")


@lru_cache(maxsize=4)
def post_regions(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each embedded post (a tweet) its signature marks as someone else's:
    from the start of its text (the line the signature ends, or where the signature stands on
    a line of its own, the paragraph before it; where that is longer than a post, its last
    sentence) to the signature's end. Probe s48 S4: a fan's "Guess that makes me a
    proud bitch!" and Donald Trump Jr.'s post were read as the article's own loaded words and
    name calling."""
    if "(@" not in text:
        return ()
    regions = []
    for match in POST_SIGNATURE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        start, until = line_start, match.start()
        if not text[line_start:until].strip():  # the signature opens its line
            before = text[:line_start].rstrip()
            if before:
                start, until = text.rfind("\n", 0, len(before)) + 1, len(before)
        if until - start > _POST_CHARS:
            # the article's words run on into the post's, where the post's text begins is not
            # known: its last sentence only, the article's own words left as its own
            gaps = list(_SENTENCE_GAP.finditer(text, until - _POST_CHARS, until))
            start = gaps[-1].end() if gaps else match.start()
        regions.append((start, match.end()))
    return tuple(regions)


def merged(regions: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """``regions`` sorted, those that overlap joined: disjoint, as a bisection reads them."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(regions):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return tuple(joined)
