"""`veracity evaluate` names each step before it runs, so its progress bar can show it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from veracity.models import evaluation


def test_each_section_is_announced_before_it_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Audit: `veracity evaluate` ran about eleven minutes without a word."""
    seen: list[tuple[str, int, int]] = []
    ran: list[tuple[str, int]] = []  # each section with how many steps had been announced

    def section(name: str):
        def run(records: object) -> None:  # a section that found nothing to report
            ran.append((name, len(seen)))

        return run

    monkeypatch.setattr(evaluation, "load_corpora", lambda data_dir: SimpleNamespace(kept=[]))
    monkeypatch.setattr(evaluation, "evaluate_liar", section("liar"))
    monkeypatch.setattr(evaluation, "evaluate_constraint", section("constraint"))
    result = evaluation.run_evaluation(
        sections=("liar", "constraint"),
        on_step=lambda name, done, total: seen.append((name, done, total)),
    )
    assert seen == [
        ("loading and deduplicating the corpora", 0, 3),
        ("liar", 1, 3),
        ("constraint", 2, 3),
    ]
    assert ran == [("liar", 2), ("constraint", 3)]
    assert result.records_after_dedup == 0
