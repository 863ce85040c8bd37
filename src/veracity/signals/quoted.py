"""Text an article quotes, not its own voice: a paragraph introduced by a line that ends in a
colon after saying whose words follow ("GotNews reported:", "GotNews stories carry this
fundraising plug:", "The post reads:", "Trump said:").

The detectors that read English wording do not count what they find there (:mod:`registry`
filters their output): a Snopes debunk quoting the hoax it checks read the hoax's "You won't hear
this stuff from the lying mainstream media" as its own conspiracy framing (probe s44:
UNRELIABLE 0.16). Only the paragraph right after the introduction is read as quoted: what comes
after it may be the article's own words again.

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
    for line, start in zip(lines, starts, strict=True):
        stripped = line.strip()
        if not stripped:
            continue
        if introduced and len(stripped.split()) >= _MIN_QUOTED_WORDS:
            blocks.append((start, start + len(line)))
        introduced = stripped.endswith(":") and bool(
            _INTRODUCES_QUOTE.search(stripped[-_INTRO_TAIL_CHARS:])
        )
    return tuple(blocks)
