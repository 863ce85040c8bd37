"""A correction notice's account of what the article wrongly said: "Correction: This article
originally stated that GoPro was reducing ... by $250 million in 2021." (probe s46: check-worthy
0.98 in the story that says it is wrong), "CORRECTION (May 15, 2020, 10:01 a.m.): A previous
version of this article reversed President Trump's job approval numbers ..." (probe s47 S6: an
unsourced claim and a check-worthy one). The notice quotes the error to retract it: it is the
outlet's account of its own mistake, a mark of accountability, and no claim of the article (the
article's claim is the corrected sentence). Path: both (one anchored regular expression).
"""

from __future__ import annotations

import re

# The notice's label, with the date and time a notice may give in brackets ("CORRECTION (May
# 15, 2020, 10:01 a.m.):"), then what it says of the article: "this article originally stated",
# or "an earlier version of this story" with whatever it did ("reversed", "misstated", "gave").
_RETRACTION = re.compile(
    r"^\W*(?:(?:correction|clarification|editor['’]s note|update)s?"
    r"(?:\s*\([^()\n]{1,60}\))?\s*[:.–—-]\s*)?"
    r"(?:(?:an? (?:earlier|previous|prior|older) version of this)\s+"
    r"(?:article|story|report|post|piece|headline|item)\s+(?:\w+\s+){0,2}?"
    r"(?:[a-z]+ed|said|gave|misspelt|spelt|left|put|had|was|were)\b"
    r"|this\s+(?:article|story|report|post|piece|headline|item)\s+"
    r"(?:(?:has\s+)?(?:originally|previously|initially|incorrectly|erroneously|mistakenly"
    r"|wrongly|inaccurately)\s+)*"
    r"(?:stated|said|reported|misstated|misreported|misidentified|misspelled|misquoted"
    r"|described|referred|gave|included|attributed|identified|suggested)\b)",
    re.IGNORECASE,
)


def retracted(sentence: str) -> bool:
    """Whether ``sentence`` is a correction notice's account of what the article wrongly said
    (:data:`_RETRACTION`): no claim of the article."""
    return _RETRACTION.match(sentence) is not None
