"""A correction notice's account of what the article wrongly said: "Correction: This article
originally stated that GoPro was reducing ... by $250 million in 2021." (probe s46: check-worthy
0.98 in the story that says it is wrong), "CORRECTION (May 15, 2020, 10:01 a.m.): A previous
version of this article reversed President Trump's job approval numbers ..." (probe s47 S6: an
unsourced claim and a check-worthy one). The notice quotes the error to retract it: it is the
outlet's account of its own mistake, a mark of accountability, and no claim of the article (the
article's claim is the corrected sentence). Path: both (one anchored regular expression).

A retraction disowns what it retracts in the sentence after it: "On 4 October we published a
report claiming that ... Jonas Berg ... had also returned a positive doping test. That report was
wrong and we retract it." (probe s50 V1): :func:`retracted_sentences` reads both kinds in a run of
sentences (the evidence index's passages, for ``veracity verify``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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


# A sentence that disowns the one before it: what was published or said, named by a noun that
# points back ("That report was wrong", "The story is false", "This claim was untrue"), or the
# outlet's own retraction or withdrawal of it ("... and we retract it", "We have withdrawn the
# article"; not "we withdraw our troops").
_DISOWNS = re.compile(
    r"^\W*(?:that|the|this|our|its|their)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:report|story|article|claim|piece|post|item|account|headline)s?\s+"
    r"(?:was|is|were|are|has\s+been|had\s+been)\s+(?:\w+\s+)?"
    r"(?:wrong|false|incorrect|inaccurate|untrue|mistaken|erroneous|unfounded|baseless)\b"
    r"|\bwe\s+(?:hereby\s+)?(?:have\s+)?(?:retract(?:ed)?|withdr(?:aw|awn|ew))\s+"
    r"(?:it|them|(?:that|this|the|our)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:report|story|article|claim|piece|post|item|account|headline)s?)\b",
    re.IGNORECASE,
)


def retracted_sentences(sentences: Sequence[str]) -> list[bool]:
    """For each of ``sentences`` (a run of one text, in order), whether it is wording its text
    takes back: a correction notice's account of what the article wrongly said
    (:func:`retracted`), or a sentence the next one disowns ("That report was wrong and we
    retract it.", :data:`_DISOWNS`)."""
    return [
        retracted(sentence)
        or (i + 1 < len(sentences) and _DISOWNS.search(sentences[i + 1]) is not None)
        for i, sentence in enumerate(sentences)
    ]
