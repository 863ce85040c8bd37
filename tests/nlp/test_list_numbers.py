"""Numbers that number a list's items or count them are no figures (probe s46)."""

from __future__ import annotations

import pytest

from veracity.nlp.list_numbers import in_spans, list_number_spans


def listed(text: str) -> list[str]:
    return [text[start:end] for start, end in list_number_spans(text)]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        # probe s46: Business Insider's listicle, its heading and its numbered questions
        (
            "11 questions to ask your lender when deferring mortgage payments\n\n"
            "1. Do I qualify for deferment?\n\n2) How long will it last?\n",
            ["11", "1", "2"],
        ),
        ("7 things you didn't know about Prince\n\nHe played 27 instruments.", ["7"]),
        ("Top 10 best movies of the year\n\nThe list follows.", ["10"]),
        ("Seven signs your boss is a narcissist\n\nHere they are.", ["Seven"]),
        ("No. 3: Brad Pitt\n\n#4 - Angelina Jolie\n", ["3", "4"]),
        # a line opening with the last item's number counts the items, whatever its noun
        (
            "3 Hollywood hacker films\n\n1. Hackers\n\n2. Sneakers\n\n3. WarGames\n",
            ["3", "1", "2", "3"],
        ),
        # quantities stay figures: people, deaths, a decimal, a rank inside a sentence, a range
        ("15 people were killed in the blast.", []),
        ("1.5 million people lost their jobs in April.", []),
        ("The No. 1 seed lost to the No. 16 seed.", []),
        ("Officials counted 40 reasons for the delay.", []),
        ("2019 was the warmest year.", []),
        ("30 Rock returns.\n\n1. One\n\n2. Two\n\n3. Three", ["1", "2", "3"]),
    ],
)
def test_a_lists_numbers_are_found(text: str, numbers: list[str]) -> None:
    assert listed(text) == numbers


def test_in_spans_reads_overlap() -> None:
    spans = [(0, 2), (10, 11)]
    assert in_spans(spans, 0, 2) and in_spans(spans, 10, 12) and in_spans(spans, 1, 5)
    assert not in_spans(spans, 2, 10) and not in_spans(spans, 11, 20) and not in_spans([], 0, 1)


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Two reality stars met in the Oval Office on Wednesday.", []),
        ("Two things in life are certain: pizza is incredible.", []),
        # "6 g" measures (a herbal recipe's 6th ingredient): only the items' numbers
        ("6 g of honeysuckle flower\n\n1. Boil\n\n2. Strain\n\n6. Rest", ["1", "2", "6"]),
    ],
)
def test_a_sentence_or_a_measure_opening_a_line_is_no_list_count(
    text: str, numbers: list[str]
) -> None:
    assert listed(text) == numbers
