"""The day and month names: one list (nlp/calendar.py) that every stage reads."""

from __future__ import annotations

import ast
import datetime
from pathlib import Path

import pytest

from veracity.nlp.calendar import (
    AP_MONTH_ABBREVIATIONS,
    CALENDAR_WORDS,
    MONTH_ABBREVIATIONS,
    MONTH_NUMBERS,
    MONTHS,
    WEEKDAYS,
)

SRC = Path(__file__).resolve().parents[2] / "src" / "veracity"
# The modules that each held a list of their own (stop 50's second review: five lists).
READERS = (
    "models/explain.py",
    "corroborate/figures.py",
    "nlp/speaker_turns.py",
    "verify/cues.py",
    "claims/cues.py",
)


def test_the_names_are_the_calendars() -> None:
    first_monday = datetime.date(2024, 1, 1)  # a Monday
    assert (
        tuple((first_monday + datetime.timedelta(days=n)).strftime("%A").lower() for n in range(7))
        == WEEKDAYS
    )
    assert tuple(datetime.date(2024, n, 1).strftime("%B").lower() for n in range(1, 13)) == MONTHS
    assert set(WEEKDAYS) | set(MONTHS) == CALENDAR_WORDS


@pytest.mark.parametrize(
    ("word", "number"),
    [("january", 1), ("jan", 1), ("may", 5), ("sep", 9), ("sept", 9), ("september", 9)],
)
def test_a_month_is_numbered_by_its_name_and_its_short_forms(word: str, number: int) -> None:
    assert MONTH_NUMBERS[word] == number


def test_the_short_forms_are_the_months_own() -> None:
    assert MONTH_ABBREVIATIONS["may"] == ()
    assert all(short[:3] == month[:3] for month in MONTHS for short in MONTH_ABBREVIATIONS[month])
    assert all(short.rstrip(".") in MONTH_NUMBERS for short in AP_MONTH_ABBREVIATIONS)
    assert len(MONTH_NUMBERS) == 12 + 12  # eleven three-letter forms and "sept"


def _calendar_lists(path: Path) -> list[int]:
    """The lines of ``path`` where a literal (a collection of words, or one string of words, as
    a regular expression's alternatives) names three or more days or months."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Set | ast.List | ast.Tuple):
            words = [
                e.value.lower()
                for e in node.elts
                if isinstance(e, ast.Constant) and isinstance(e.value, str)
            ]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            words = [
                w.lower() for w in "".join(c if c.isalpha() else " " for c in node.value).split()
            ]
        else:
            continue
        if len(CALENDAR_WORDS.intersection(words)) >= 3:
            found.append(node.lineno)
    return found


@pytest.mark.parametrize("module", READERS)
def test_the_stages_read_the_names_from_the_one_list(module: str) -> None:
    assert _calendar_lists(SRC / module) == []
