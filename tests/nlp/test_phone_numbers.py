from __future__ import annotations

import pytest

from veracity.nlp.phone_numbers import phone_number_spans


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Call 1-800-621-3362 now.", "1-800-621-3362"),
        ("Call (202) 555-0143 now.", "(202) 555-0143"),
        ("Call +1 650-636-6268 now.", "+1 650-636-6268"),
        ("Call 1-800-WILDLIFE now.", "1-800-WILDLIFE"),
        ("Tips: 919.732.3975.", "919.732.3975"),
    ],
)
def test_telephone_numbers_are_found(text: str, number: str) -> None:
    assert [text[a:b] for a, b in phone_number_spans(text)] == [number]


@pytest.mark.parametrize(
    "text",
    [
        "It cost $202-555 million.",
        "Between 2019 and 2020, 555-0143 ids",
        "9/11 and 1,000-2,000 died",
    ],
)
def test_other_figures_are_no_telephone_numbers(text: str) -> None:
    assert phone_number_spans(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "one person with SARS-CoV resulted in 128 SARS cases",
        "the first British footballer to play 100 UEFA Champions League games",
        "the San Francisco radio station 106 KMEL",
        "News Radio 1200 WOAI reports",
    ],
)
def test_a_count_before_a_word_in_capitals_is_no_telephone_number(text: str) -> None:
    # the letters form ("1-800-WILDLIFE") read "128 SARS" as a number to call
    assert phone_number_spans(text) == []
