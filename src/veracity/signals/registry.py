"""Registry of signal detectors: each is a small function registered by name with its paths.

Adding a detector is one new module plus one import line in ``signals/__init__.py``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from veracity.nlp import AnalysedText
from veracity.report.schema import Signal, SignalKind
from veracity.signals.quoted import quoted_blocks

DetectFn = Callable[[AnalysedText], Iterable[Signal]]


@dataclass(frozen=True)
class Detector:
    """A registered detector: what it finds and on which paths it may run.

    ``data_stamp``, for a detector that reads data built on this machine besides its own code
    (the outlet table): a string that changes whenever that data does. Caches of its output
    (training signal counts, the LOCO feature table) are keyed on it as well as on its source.
    ``english_only``: it reads English wording (every detector but outlet citations), so text
    that is not English is not given to it.
    """

    name: str
    kind: SignalKind
    paths: frozenset[str]
    detect: DetectFn
    data_stamp: Callable[[], str] | None = None
    english_only: bool = True


_DETECTORS: dict[str, Detector] = {}


def register(
    name: str,
    kind: SignalKind,
    paths: Iterable[str] = ("fast", "deep"),
    data_stamp: Callable[[], str] | None = None,
    english_only: bool = True,
):
    """Decorator registering ``fn`` as the detector called ``name``."""

    def wrap(fn: DetectFn) -> DetectFn:
        if name in _DETECTORS:
            raise ValueError(f"detector {name!r} registered twice")
        detect = _in_own_voice(fn) if english_only else fn
        _DETECTORS[name] = Detector(name, kind, frozenset(paths), detect, data_stamp, english_only)
        return fn

    return wrap


def _in_own_voice(fn: DetectFn) -> DetectFn:
    """``fn`` without what it finds in text the article quotes (:func:`quoted_blocks`, and the
    lines its page sets apart as a quotation, ``Article.quoted``): the wording read there is
    not the article's own. Training counts and the report both read a detector through here."""

    @functools.wraps(fn)
    def detect(analysed: AnalysedText) -> Iterable[Signal]:
        found = fn(analysed)
        blocks = quoted_blocks(analysed.text) + tuple(analysed.article.quoted)
        if not blocks:
            return found
        return [s for s in found if not any(a <= s.start and s.end <= b for a, b in blocks)]

    return detect


def detectors(path: str | None = None) -> list[Detector]:
    """Registered detectors, optionally only those allowed on ``path`` (``fast``/``deep``)."""
    return [d for d in _DETECTORS.values() if path is None or path in d.paths]


def make_signal(
    analysed: AnalysedText,
    start: int,
    end: int,
    *,
    kind: SignalKind,
    detector: str,
    weight: float,
    explanation: str,
    **detail: str | float | int | bool,
) -> Signal:
    """A signal quoting ``text[start:end]`` exactly, with surrounding whitespace trimmed."""
    text = analysed.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Signal(
        kind=kind,
        start=start,
        end=end,
        quote=text[start:end],
        weight=round(min(max(weight, 0.0), 1.0), 3),
        explanation=explanation,
        detector=detector,
        detail=detail,
    )
