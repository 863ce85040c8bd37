"""Hand-written claims, each with a passage that confirms it and one about another event.

The other-event passage reports a like event with one fact changed (place, date, figure or
actor): it shares the claim's words, so the stance head reads it much like a confirmation, and
only the verdict's guards (``verdict.EventRule``) keep it from supporting the claim. The figure
guard is measured and not enabled (docs/benchmarks.md, "Support only from the claim's event").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.verify.single_passage import read_cases
from veracity.verify.verdict import SHIPPED_EVENT_RULE, EventRule, alone_verdicts

PAIRS = Path(__file__).resolve().parents[1] / "fixtures" / "other_event_pairs.jsonl"
FIGURE_GUARD = EventRule(figures=True)  # measured, not enabled


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return read_cases(PAIRS)


def _labels(cases: list[dict], field: str, event: EventRule = SHIPPED_EVENT_RULE) -> list[str]:
    """Each case's verdict from its ``field`` passage alone, all cases in one call (as
    bench/event_support.py reads them)."""
    return alone_verdicts([c["claim"] for c in cases], [c[field] for c in cases], event=event)


def test_the_pairs_are_balanced_and_split(cases):
    assert len(cases) == 32
    for kind in ("place", "date", "figure", "actor"):
        assert sum(c["differs"] == kind for c in cases) >= 6
    assert sum(c["split"] == "dev" for c in cases) == 16


@pytest.mark.parametrize("event", [SHIPPED_EVENT_RULE, FIGURE_GUARD], ids=["shipped", "figures"])
def test_confirmations_are_supported(cases, event):
    supported = _labels(cases, "confirming", event).count("supported")
    assert supported >= 31  # 32 of 32 under both (bench/event_support.py)


def test_passages_about_another_event_support_the_claim_under_the_shipped_guard(cases):
    # 20 of 32 (11 of the 16 dev pairs, 9 of the 16 test pairs; bench/event_support.py): what
    # the figure guard would stop, had it kept held-out CLIMATE-FEVER accuracy; one fewer since
    # the advocacy rule (stop 46: "... that killed 40 children, the coalition claimed.")
    other = _labels(cases, "other_event").count("supported")
    assert 14 <= other <= 20


def test_the_figure_guard_stops_most_support_from_another_event(cases):
    verdicts = _labels(cases, "other_event", FIGURE_GUARD)
    other = [c for c, v in zip(cases, verdicts, strict=True) if v == "supported"]
    assert len(other) <= 10  # 8 dev + 2 test of 32
    assert not [c["claim"] for c in other if c["differs"] == "figure"]
