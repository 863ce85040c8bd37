"""Text an article quotes, not its own voice: a paragraph introduced by a line that ends in a
colon after saying whose words follow ("GotNews reported:", "GotNews stories carry this
fundraising plug:", "The post reads:", "Trump said:").

The detectors that read English wording do not count what they find there (:mod:`registry`
filters their output): a Snopes debunk quoting the hoax it checks read the hoax's "You won't hear
this stuff from the lying mainstream media" as its own conspiracy framing (probe s44:
UNRELIABLE 0.16). The paragraph right after the introduction is read as quoted, and the
paragraphs after it while the quotation runs on as English writes a quotation of several
paragraphs: each opens with a quotation mark and only the last closes it (fix s46: only the
first paragraph of a long statement was quoted). Past that, what comes may be the article's own
words again.

Path: both (a scan for line ends in a colon; most texts have none).
"""

from __future__ import annotations

import re
from functools import lru_cache

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
# Double marks only: a single one is also an apostrophe ("don't", "the '90s").
_OPENING_MARKS = '“"'
_CLOSING = {"“": "”", '"': '"'}


def _runs_on(paragraph: str) -> bool:
    """Whether a quoted paragraph opens a quotation it does not close: the next paragraph goes
    on with it, when it opens with a mark again."""
    mark = paragraph[:1]
    if not mark or mark not in _OPENING_MARKS:
        return False
    closing = _CLOSING[mark]
    if closing == mark:  # straight marks: an even count closes every one opened
        return paragraph.count(mark) % 2 == 1
    return paragraph.count(mark) > paragraph.count(closing)


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
    introduced = running_on = False
    for line, start in zip(lines, starts, strict=True):
        stripped = line.strip()
        if not stripped:
            continue
        quoted = (introduced and len(stripped.split()) >= _MIN_QUOTED_WORDS) or (
            running_on and stripped[0] in _OPENING_MARKS
        )
        if quoted:
            blocks.append((start, start + len(line)))
        running_on = quoted and _runs_on(stripped)
        introduced = stripped.endswith(":") and bool(
            _INTRODUCES_QUOTE.search(stripped[-_INTRO_TAIL_CHARS:])
        )
    return tuple(blocks)
