"""Figures read as intervals, alone (``veracity.nlp.amounts``)."""

from __future__ import annotations

import math

import pytest

from veracity.nlp.amounts import figure_interval


@pytest.mark.parametrize(
    ("text", "interval"),
    [
        ("over a million", (1e6, math.inf)),  # "a million": one of its scale
        ("about 900,000", (810_000, 990_000)),
        ("one billion", (0.5e9, 1.5e9)),
        ("3.9 percent", (3.85, 3.95)),
        ("up to 30", (0.0, 30.0)),
    ],
)
def test_a_figure_alone_reads_as_its_interval(text: str, interval: tuple[float, float]) -> None:
    assert figure_interval(text) == pytest.approx(interval)


def test_words_that_are_not_one_figure_have_no_interval() -> None:
    assert figure_interval("million") is None
    assert figure_interval("over") is None
    assert figure_interval("to 3.9 percent") is None
