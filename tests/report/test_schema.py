"""The report's score as a reader sees it always lies in the band the report names."""

from __future__ import annotations

import pytest

from veracity.report.schema import score_band, shown_score


@pytest.mark.parametrize(
    ("score", "shown"),
    [
        (0.5, "0.50"),
        (0.6449, "0.64"),
        (0.6473, "0.647"),  # "0.65" would be reliable
        (0.64996, "0.65"),  # reported as 0.65 (four decimals): reliable
        (0.65, "0.65"),
        (0.3496, "0.3496"),  # "0.35" and "0.350" would be uncertain
        (0.3451, "0.345"),
        (0.35, "0.35"),
        (0.0, "0.00"),
        (1.0, "1.00"),
    ],
)
def test_shown_score_stays_in_its_band(score: float, shown: str) -> None:
    assert shown_score(score) == shown


def test_every_four_decimal_score_is_shown_in_its_band() -> None:
    for ten_thousandths in range(10_001):
        score = ten_thousandths / 10_000
        text = shown_score(score)
        assert score_band(float(text)) == score_band(score), (score, text)
        if score_band(round(score, 2)) == score_band(score):
            assert text == f"{score:.2f}"  # two decimals wherever they keep the band
