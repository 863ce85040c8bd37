"""Signals stage: explainable spans (both paths unless a detector says otherwise).

Entry point: :func:`detect_signals`. Each detector lives in its own module and registers
itself by name; the import list below is the pipeline's list of detectors.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from veracity.nlp import AnalysedText
from veracity.report.schema import Signal
from veracity.signals import (
    clickbait,  # noqa: F401
    conspiracy_framing,  # noqa: F401
    loaded_language,  # noqa: F401
    outlet_citation,  # noqa: F401
    propaganda,  # noqa: F401
    rhetorical_question,  # noqa: F401
    unsourced_claim,  # noqa: F401
    vague_attribution,  # noqa: F401  (registers detectors)
)
from veracity.signals.registry import Detector, detectors, register

__all__ = ["Detector", "detect_signals", "detector_outputs", "detectors", "register"]


def detect_signals(
    analysed: AnalysedText, names: Iterable[str] | None = None, *, english: bool = True
) -> list[Signal]:
    """Run every detector allowed at the text's depth (or only ``names``), sorted by position.

    ``english=False`` (text that does not read as English) runs only the detectors that do not
    read English wording (outlet citations): the others' word lists, parser and models are
    English, and on French news they marked plain reporting as name calling and unsourced.
    """
    found = [
        signal for output in detector_outputs(analysed, names, english=english) for signal in output
    ]
    return sorted(found, key=signal_order)


def signal_order(signal: Signal) -> tuple[int, int, str]:
    """The order of :func:`detect_signals`: by position, then kind."""
    return (signal.start, signal.end, signal.kind)


def detector_outputs(
    analysed: AnalysedText, names: Iterable[str] | None = None, *, english: bool = True
) -> Iterator[Iterable[Signal]]:
    """What each detector :func:`detect_signals` runs finds, one detector at a time, in the
    order it runs them, so that a caller can keep less than all of it."""
    wanted = set(names) if names is not None else None
    for detector in detectors(analysed.depth):
        if detector.english_only and not english:
            continue
        if wanted is None or detector.name in wanted:
            yield detector.detect(analysed)
