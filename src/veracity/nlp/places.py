"""Places whose extent is known: the US states, the countries (as the CLDR (Babel) and the IANA
time zone database's ISO 3166 table (pytz) write them) and the whole nation. Read by
:mod:`veracity.corroborate.events` (an event's place) and :mod:`veracity.verify.cues` (a passage
about another place than the claim's)."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

US_STATES = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
    "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas",
    "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota",
    "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey",
    "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon",
    "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas",
    "Utah", "Vermont", "Virginia", "West Virginia", "Wisconsin", "Wyoming",
)  # fmt: skip
NATIONAL = "nation"
COUNTRY = "country:"  # a country's place: this and its ISO 3166 code ("country:de")
# The whole nation, as a place's name ("the United States", "the U.S."): it holds every state.
NATION_NAMES = frozenset({"united states", "u.s.", "us", "america", "united states of america"})


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Each country's English names, as the CLDR (Babel) and the IANA time zone database's
    ISO 3166 table (pytz) write them, to its place (``country:`` and its code; the United
    States is :data:`NATIONAL`). A qualifier in brackets is left out ("Myanmar (Burma)"), "&"
    is also read as "and"; a name of two countries ("Korea (North)", "Korea (South)": Korea)
    or of a US state (Georgia) is none."""
    import pytz
    from babel import Locale

    cldr = Locale("en").territories
    places: dict[str, set[str]] = defaultdict(set)
    for code, tz_name in pytz.country_names.items():  # ISO 3166-1: no "European Union"
        place = NATIONAL if code == "US" else f"{COUNTRY}{code.lower()}"
        for written in (tz_name, cldr.get(code)):
            if not written:
                continue
            name = re.sub(r"\s*\(.*?\)", "", written).strip()
            for variant in {name, name.replace(" & ", " and ")}:
                places[variant].add(place)
    states = set(US_STATES)
    return {
        name: next(iter(found))
        for name, found in places.items()
        if len(found) == 1 and name not in states and len(name) > 2
    }


def place_of(name: str) -> str | None:
    """The place a name (a GPE entity's words) names, when it is one whose extent is known: a
    US state ("state:ohio"), a country (:func:`country_names`'s place) or the whole nation
    (:data:`NATIONAL`); None for any other (a city, a county: where it lies is not known here)."""
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    if name.lower() in NATION_NAMES:
        return NATIONAL
    if name in US_STATES:
        return f"state:{name.lower()}"
    return country_names().get(name)
