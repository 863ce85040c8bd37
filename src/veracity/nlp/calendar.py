"""Day and month names, lower-cased: the one list every stage reads them from (a date in a
figure's sentence, a byline's "By Thursday," that names no one, a timeline's "May 18:" that
is no speaker, a claim's "on Friday" that a later report words otherwise).
Path: both (constants only).
"""

from __future__ import annotations

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
# Each month's short forms without their period ("Aug. 14", "14 Sept"): the first three letters
# but May's, and September's "sept" too.
MONTH_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    month: () if month == "may" else (month[:3], "sept") if month == "september" else (month[:3],)
    for month in MONTHS
}
# The months AP style abbreviates before a day ("Jan. 5", "Sept. 30"; never "Mar.", "Apr.",
# "Jun.", "Jul."), with their period.
AP_MONTH_ABBREVIATIONS = ("jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.")
CALENDAR_WORDS = frozenset(WEEKDAYS + MONTHS)
# A month's number (1-12) by its name or a short form: "january" and "jan" are 1.
MONTH_NUMBERS = {
    name: number
    for number, month in enumerate(MONTHS, start=1)
    for name in (month, *MONTH_ABBREVIATIONS[month])
}
