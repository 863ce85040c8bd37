"""Units of time and measure: what a number counts when it is a duration or a size.

Corroboration reads "after seven hours of fighting" as a duration, never a count of the dead;
the vague-attribution detector reads "seven years" as no one "they" can refer back to.
"""

from __future__ import annotations

import re

# A unit right after a number (spaces or a hyphen between): "seven hours", "a 6.8 magnitude".
UNIT = re.compile(
    r"[\s-]*(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century"
    r"|miles?|kilomet(?:re|er)s?|km|met(?:re|er)s?|feet|foot|inch(?:es)?|[cm]m|yards?|acres?"
    r"|hectares?|tonnes?|tons?|kilos?|kilograms?|kg|lbs?|litres?|liters?|gallons?|barrels?"
    r"|degrees?|magnitude)\b"
)


def is_unit(word: str) -> bool:
    """Whether ``word`` (lower case) is a unit of time or measure ("years", "miles")."""
    return UNIT.fullmatch(word) is not None
