"""Figures, entities and dates read from sentences: what is counted, as an interval."""

from __future__ import annotations

import math

import pytest

from veracity.corroborate.figures import extract_dates, extract_entities, extract_figures


def _by_key(sentence: str) -> dict[str, tuple[float, float]]:
    return {f.key: (f.low, f.high) for f in extract_figures(sentence)}


def test_casualty_figures_take_the_category_of_the_nearest_cue() -> None:
    figures = _by_key("The blast in Kabul killed 28 people and injured between 50 and 60 others.")
    assert figures == {"killed": (28, 28), "injured": (50, 60)}
    assert _by_key("At least 30 US, Israeli, British officers were killed in the strike.") == {
        "killed": (30, math.inf)
    }
    assert _by_key("The death toll rose to 300 on Tuesday.") == {"killed": (300, 300)}


def test_qualifiers_scales_currencies_and_percentages() -> None:
    figures = _by_key("The firm paid $1.2 million, about 15% of revenue, to up to 40 workers.")
    assert figures["money"] == (1_150_000, 1_250_000)  # the rounding "1.2" implies
    assert figures["percent"] == (15 * 0.9, 15 * 1.1)
    assert figures["persons"] == (0, 40)
    assert _by_key("It was reported in more than a dozen states.") == {"state": (12, math.inf)}


def test_people_counted_under_other_names_are_one_kind() -> None:
    assert _by_key("A group of 200 soldiers joined the exercise.") == {"persons": (200, 200)}
    assert _by_key("Some 200 troops joined the exercise.") == {"persons": (180, pytest.approx(220))}


def test_years_ordinals_times_ids_and_vague_amounts_are_not_counted() -> None:
    sentence = (
        "In 2015, a 45-year-old man was arrested at 3 p.m. on March 3rd near the COVID-19 "
        "ward on Route 9/11, and dozens of people were hurt."
    )
    assert [(f.key, f.low) for f in extract_figures(sentence)] == [("age", 45)]
    assert extract_dates(sentence) == [(3, 3)]


def test_entities_are_capitalised_phrases_without_sentence_openers() -> None:
    entities = extract_entities("On Monday the Interior Ministry of Morocco said Al Haouz was hit.")
    assert "interior ministry of morocco" in entities
    assert "al haouz" in entities
    assert not any(e in {"on", "monday", "the"} for e in entities)
