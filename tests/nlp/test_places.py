from __future__ import annotations

import pytest

from veracity.nlp.demonyms import DEMONYMS
from veracity.nlp.places import NATIONAL, place_of


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("Ohio", "state:ohio"),
        ("the United States", NATIONAL),
        ("Syria", "country:sy"),
        ("Britain", "country:gb"),
        ("Miami", None),  # a city: where it lies is not known here
    ],
)
def test_a_place_is_read_only_where_its_extent_is_known(name: str, place: str | None) -> None:
    assert place_of(name) == place


def test_nationality_words_name_the_place_wordnet_relates_them_to() -> None:
    assert {word: place_of(DEMONYMS[word]) for word in ("Syrian", "British", "Texan")} == {
        "Syrian": "country:sy",
        "British": "country:gb",
        "Texan": "state:texas",
    }
    # every word's place is one whose extent is known; none that names no place or two
    assert all(place_of(name) is not None for name in DEMONYMS.values())
    assert not {"Georgian", "Republican", "Christian", "English"} & DEMONYMS.keys()
