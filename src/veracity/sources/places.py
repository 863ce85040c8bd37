"""Place names and the newspaper titles places share, read from the outlet table's own names.

Local outlets are named after their place, and the rating lists name hundreds of them: MBFC
names a local station by its call sign and city ("WFXR - Roanoke News", "KMTV - Omaha News",
"WSLS - 10 News - Roanoke"), and a local paper by its place and a title ("Roanoke Times",
"Cambridge Independent", "Miami Herald"). From these names, with no list typed by hand:

* the stations' places are places;
* a title is a word that follows such a place in three or more names ("Times", "Herald",
  "Tribune", "News"); a word that opens names of two or more sites each followed by a title is
  a place too ("Cambridge Times" and "Cambridge Independent", "Roanoke Times" and "Roanoke
  Rapids Daily Herald": two sites);
* a title that five or more places' papers share ("Herald", "Tribune") is a shared title: "The
  Herald" of one article is whichever of them it means ("The Herald reported" about Miami is
  the Miami Herald, not The Herald of Everett that the lists call so).

An outlet's one-word name that is a place ("Roanoke" for roanoke.com, "Cambridge" for
cambridge.org) is the place in prose, never the outlet: "in Roanoke", "the Duchess of
Cambridge's", "Roanoke's downtown".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import NamedTuple

from veracity.nlp.stopwords import ENGLISH_STOP_WORDS
from veracity.sources.domains import parent_domains
from veracity.sources.table import OutletAlias, load_outlet_table

# A station's call sign, a dash, perhaps its network or channel, and its place, perhaps "News".
_STATION = re.compile(
    r"[KWC][A-Z0-9]{2,4}(?:-[A-Z]{2})?\s+-\s+(?:.*\s+-\s+)?(?P<place>.+?)(?:\s+News)?"
)
# A place as names write it: capitalised words, joined by spaces or hyphens ("Winston-Salem").
_PLACE = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")
_WORD = re.compile(r"[A-Z][a-z]+")
TITLE_MIN_NAMES = 3  # names in which a word follows a place, for it to be a title
PLACE_MIN_SITES = 2  # sites whose names open with a word and a title, for it to be a place
SHARED_TITLE_MIN_PLACES = 5  # places with a paper of that title, for "The <title>" to be shared


class Places(NamedTuple):
    """Place names (as written) and the titles many places' papers share ("Herald")."""

    places: frozenset[str]
    shared_titles: frozenset[str]


def _site(address: str) -> str:
    """The registrable domain of a table address ("hngnews.com/cambridge": hngnews.com)."""
    return parent_domains(address.split("/", 1)[0])[-1]


def read_places(names: list[tuple[str, str]]) -> Places:
    """:class:`Places` from ``(name, address)`` of every outlet name in the table."""
    stations = {
        m.group("place")
        for name, _ in names
        if (m := _STATION.fullmatch(name)) is not None and _PLACE.fullmatch(m.group("place"))
    }
    titles: Counter[str] = Counter()
    split = [(name.split(" "), address) for name, address in names]
    for words, _ in split:  # a station's place and one more word: "Roanoke Times"
        if len(words) >= 2 and " ".join(words[:-1]) in stations and _WORD.fullmatch(words[-1]):
            titles[words[-1]] += 1
    title_words = {t for t, n in titles.items() if n >= TITLE_MIN_NAMES}
    opening: dict[str, set[str]] = defaultdict(set)
    for words, address in split:
        if (
            len(words) >= 2
            and words[-1] in title_words
            and _WORD.fullmatch(words[0])
            and words[0].lower() not in ENGLISH_STOP_WORDS
        ):
            opening[words[0]].add(_site(address))
    places = stations | {w for w, sites in opening.items() if len(sites) >= PLACE_MIN_SITES}
    by_title: dict[str, set[str]] = defaultdict(set)
    for words, _ in split:
        if len(words) >= 2 and words[-1] in title_words and " ".join(words[:-1]) in places:
            by_title[words[-1]].add(" ".join(words[:-1]))
    shared = {t for t, found in by_title.items() if len(found) >= SHARED_TITLE_MIN_PLACES}
    return Places(frozenset(places), frozenset(shared))


@lru_cache(maxsize=1)
def table_places() -> Places:
    """The places and shared titles the outlet table's names give (every name, every list)."""
    table = load_outlet_table()
    names = [(a.name, a.domain) for a in table.aliases_]
    names += [(row[2], address) for address, row in table.rows_.items() if row[2]]
    return read_places(names)


def shared_title(alias: OutletAlias) -> str | None:
    """The title an outlet's name is, when the name is only a title many places' papers share
    ("Gazette", "The Herald") and a rating list, not a curated name, gave it: the paper a
    text or a reader means by it is none in particular."""
    title = alias.name.removeprefix("The ")
    if alias.origin != "curated" and " " not in title and title in table_places().shared_titles:
        return title
    return None
