"""Standard abbreviations of names and titles written out, so that two wordings of one claim
name the same people and places: "Phoenix, Ariz." and "Phoenix, Arizona", "Sen. Warren" and
"Senator Warren", "the U.S." and "the United States".

The near-duplicate grouping of :mod:`veracity.claims.triage` reads the names of both sentences
(`verify.cues.missing_names`: capitalised words past a sentence's first, compared by their first
five letters) and keeps apart two sentences that each name someone or somewhere the other does
not; an abbreviation is another name to it ("Ariz" is not "Arizo"), and the word after an
abbreviation's full stop reads as a sentence's first ("Sen. Warren" names no Warren).

The tables are the AP Stylebook's: the state abbreviations it uses in datelines and after a
city (the same as the ``ap_abbr`` of the ``us`` package; eight states are never abbreviated),
the two-letter postal codes (only where they cannot be a word: after "City, " or a party's
"D-"), and the titles it abbreviates before a full name. They are fixed lists, kept here rather
than as a dependency (``us`` would bring ``jellyfish`` into the hash-pinned locks for them).
"""

from __future__ import annotations

import re

# AP state abbreviations, with the older forms news copy still uses ("Calif", "Tex.", "Penn.").
_STATES = {
    "Alabama": "Ala.",
    "Arizona": "Ariz.",
    "Arkansas": "Ark.",
    "California": "Calif. Cal.",
    "Colorado": "Colo.",
    "Connecticut": "Conn.",
    "Delaware": "Del.",
    "Florida": "Fla.",
    "Georgia": "Ga.",
    "Illinois": "Ill.",
    "Indiana": "Ind.",
    "Kansas": "Kan. Kans.",
    "Kentucky": "Ky.",
    "Louisiana": "La.",
    "Maryland": "Md.",
    "Massachusetts": "Mass.",
    "Michigan": "Mich.",
    "Minnesota": "Minn.",
    "Mississippi": "Miss.",
    "Missouri": "Mo.",
    "Montana": "Mont.",
    "Nebraska": "Neb. Nebr.",
    "Nevada": "Nev.",
    "New Hampshire": "N.H.",
    "New Jersey": "N.J.",
    "New Mexico": "N.M. N.Mex.",
    "New York": "N.Y.",
    "North Carolina": "N.C.",
    "North Dakota": "N.D. N.Dak.",
    "Oklahoma": "Okla.",
    "Oregon": "Ore. Oreg.",
    "Pennsylvania": "Pa. Penn.",
    "Rhode Island": "R.I.",
    "South Carolina": "S.C.",
    "South Dakota": "S.D. S.Dak.",
    "Tennessee": "Tenn.",
    "Texas": "Tex.",
    "Vermont": "Vt.",
    "Virginia": "Va.",
    "Washington": "Wash.",
    "West Virginia": "W.Va. W.Va",
    "Wisconsin": "Wis. Wisc.",
    "Wyoming": "Wyo.",
}
_POSTAL = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin",
    "WY": "Wyoming",
}  # fmt: skip
# Titles the AP abbreviates before a full name; longer first where one begins another.
_TITLES = {
    "Lt. Gov.": "Lieutenant Governor",
    "Atty. Gen.": "Attorney General",
    "Lt. Gen.": "Lieutenant General",
    "Maj. Gen.": "Major General",
    "Brig. Gen.": "Brigadier General",
    "Lt. Col.": "Lieutenant Colonel",
    "Vice Adm.": "Vice Admiral",
    "Rear Adm.": "Rear Admiral",
    "Gov.": "Governor",
    "Govs.": "Governors",
    "Sen.": "Senator",
    "Sens.": "Senators",
    "Rep.": "Representative",
    "Reps.": "Representatives",
    "Pres.": "President",
    "Gen.": "General",
    "Col.": "Colonel",
    "Maj.": "Major",
    "Capt.": "Captain",
    "Cmdr.": "Commander",
    "Lt.": "Lieutenant",
    "Sgt.": "Sergeant",
    "Cpl.": "Corporal",
    "Pvt.": "Private",
    "Adm.": "Admiral",
    "Supt.": "Superintendent",
    "Amb.": "Ambassador",
    "Prof.": "Professor",
    "Dr.": "Doctor",
    "Rev.": "Reverend",
}
# Courtesy titles have no written-out form: they name no one, so they go ("Mr. Trump" is
# "Trump").
_COURTESY = ("Mr.", "Mrs.", "Ms.", "Messrs.")
_COUNTRIES = {
    "United States": ("U.S.A.", "U.S.", "USA", "US"),
    "United Kingdom": ("U.K.", "UK"),
    "United Nations": ("U.N.", "UN"),
    "European Union": ("E.U.", "EU"),
}

_FULL: dict[str, str] = {
    **{short: full for full, shorts in _STATES.items() for short in shorts.split()},
    **_TITLES,
    **{short: "" for short in _COURTESY},
    **{short: full for full, shorts in _COUNTRIES.items() for short in shorts},
}
# Longest first, so that "W.Va." is not read as "W." and "Va.", nor "U.S.A." as "U.S." and "A.".
_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(
        re.escape(short) + ("" if short.endswith(".") else r"\b(?!\.\w)")
        for short in sorted(_FULL, key=len, reverse=True)
    )
    + ")"
)
_POSTAL_CODE = re.compile(r"(?:(?<=, )|(?<=\b[DRI]-))(" + "|".join(_POSTAL) + r")\b(?![-.]\w)")


def expand_abbreviations(text: str) -> str:
    """``text`` with the standard abbreviations of states, countries and titles written out and
    courtesy titles left out ("Sen. Warren of Mass." -> "Senator Warren of Massachusetts").

    Two-letter forms ("US", "UN", "AZ") are read as names only in text that is not all in
    capitals, where they cannot be "us", "in" or "or".
    """
    has_lower = any(c.islower() for c in text)

    def full(match: re.Match[str]) -> str:
        short = match.group()
        if not has_lower and not short.endswith("."):
            return short
        return _FULL[short]

    expanded = _ABBREVIATION.sub(full, text)
    if has_lower:
        expanded = _POSTAL_CODE.sub(lambda m: _POSTAL[m.group(1)], expanded)
    return " ".join(expanded.split())
