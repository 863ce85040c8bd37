"""When not to score: texts the reliability model cannot judge get no score and a reason.

Three reasons (``reliability_status`` in reports and batch rows): ``not_english`` (the model
read only English news), ``too_short`` (under :data:`MIN_WORDS` words: too little style and
sourcing to read) and ``out_of_scope`` (English text far from the news articles the model was
trained on, measured by the model itself: see :meth:`TransferModel.out_of_scope`).
"""

from __future__ import annotations

import re
from typing import Literal

AbstentionReason = Literal["not_english", "too_short", "out_of_scope"]
MIN_WORDS = 50
_WORD = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN_LETTER = re.compile(r"[^\W\d_\u0000-\u024f]")

NOTES: dict[str, str] = {
    "not_english": (
        "No reliability score: the text is not in English, and the model learned its style and "
        "sourcing cues from English news only. The signal detectors read English wording too, "
        "so their marks may be missing; the outlet ratings (publisher and cited outlets) "
        "still apply."
    ),
    "too_short": (
        f"No reliability score: the text has fewer than {MIN_WORDS} words, too little writing "
        "to judge its style and sourcing."
    ),
    "out_of_scope": (
        "No reliability score: the text does not read like a news article (its length, "
        "sentence shape, capitals, figures or sourcing lie far outside the articles the model "
        "was trained on), so a score would be a guess."
    ),
}


def text_abstention(text: str, language: str | None) -> AbstentionReason | None:
    """``not_english`` or ``too_short`` when the text itself rules a score out, else None.

    ``language`` is the identifier's guess (None for very short texts); a text written mostly
    in a non-Latin script counts as not English whatever its length.
    """
    sample = text[:2000]
    if (language is not None and language != "en") or _mostly_non_latin(sample):
        return "not_english"
    if len(sample.split()) < MIN_WORDS and len(_WORD.findall(sample)) < MIN_WORDS:
        return "too_short"
    return None


def _mostly_non_latin(sample: str) -> bool:
    if sample.isascii():  # most English text: nothing to count
        return False
    non_latin = len(_NON_LATIN_LETTER.findall(sample))  # none in most English text
    return non_latin > 0 and non_latin > len(_LETTER.findall(sample)) / 2


def abstention_note(reason: str) -> str:
    """The sentence a report's notes carry for an abstention ``reason``."""
    return NOTES[reason]
