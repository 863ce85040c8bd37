"""A passage of another event than the claim's inside a document that disputes the claim
(``verdict.SHIPPED_OTHER_EVENT_OWN``, measured and off; probe s49 V1)."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.verify import verdict
from veracity.verify.document_stance import DocumentReading
from veracity.verify.verdict import bounded_stance

# The head's reading of an agreeing passage: agree, disagree, discuss, unrelated.
AGREE_ROW = np.array([0.9, 0.0, 0.1, 0.0])
DISPUTING = DocumentReading(effect="refutes", probability=0.33)
CLAIM = "The Health and Safety Executive has opened an investigation into the fire."
OTHER_EVENT = "The cause of the fire is still under investigation and it is too early to say how."


def test_another_events_passage_keeps_its_own_reading_with_the_switch_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(verdict, "SHIPPED_OTHER_EVENT_OWN", True)
    stance, _, _, note = bounded_stance(CLAIM, OTHER_EVENT, AGREE_ROW, DISPUTING)
    assert stance == "neutral"
    assert note is not None and "does not mention most of what the claim names" in note


def test_shipped_another_events_passage_takes_its_disputing_documents_side() -> None:
    # Off as shipped: FNC-1 dev disagreeing bodies are refuted through such passages.
    assert verdict.SHIPPED_OTHER_EVENT_OWN is False
    stance, _, _, note = bounded_stance(CLAIM, OTHER_EVENT, AGREE_ROW, DISPUTING)
    assert stance == "refutes"
    assert note is not None and "disputes the claim" in note


def test_a_passage_that_states_the_claim_takes_its_disputing_documents_side(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(verdict, "SHIPPED_OTHER_EVENT_OWN", True)
    passage = "The Health and Safety Executive said it had opened an investigation into the fire."
    stance, _, _, note = bounded_stance(CLAIM, passage, AGREE_ROW, DISPUTING)
    assert stance == "refutes"
    assert note is not None and "disputes the claim" in note
