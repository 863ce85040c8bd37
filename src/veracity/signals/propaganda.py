"""Propaganda techniques: spans that use one of the 14 techniques of SemEval-2020 Task 11.

A CRF tagger mixed with a MiniLM token tagger, both trained on the Propaganda Techniques
Corpus, finds the spans; a classifier names the technique (loaded language, name calling,
appeal to fear, flag-waving...) from the span's words and the shared MiniLM's states of the
span and its sentence. The CRF's marginals and the MiniLM encoding of every sentence cost too
much for the fast path, so the detector serves the deep path only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from veracity.nlp import AnalysedText
from veracity.propaganda import TECHNIQUE_EXAMPLES, TECHNIQUES, find_propaganda, technique_label
from veracity.report.schema import Signal, SignalKind, TechniqueCount
from veracity.signals.registry import make_signal, register

NAME = "propaganda"


@register(NAME, SignalKind.PROPAGANDA, paths=("deep",))
def detect_propaganda(analysed: AnalysedText) -> list[Signal]:
    """A span for each propaganda technique the model finds, named and explained."""
    return [
        make_signal(
            analysed,
            span.start,
            span.end,
            kind=SignalKind.PROPAGANDA,
            detector=NAME,
            weight=0.2 + 0.6 * span.span_probability,
            explanation=f"{technique_label(span.technique).capitalize()}: {TECHNIQUES[span.technique]}",
            technique=span.technique,
            technique_probability=span.technique_probability,
            span_probability=span.span_probability,
        )
        for span in find_propaganda(analysed)
    ]


def technique_counts(signals: Sequence[Signal]) -> list[TechniqueCount]:
    """Each technique among the propaganda signals, with its count, definition and example."""
    counts = Counter(
        str(s.detail["technique"])
        for s in signals
        if s.kind == SignalKind.PROPAGANDA and str(s.detail.get("technique")) in TECHNIQUES
    )
    return [
        TechniqueCount(
            technique=technique,
            label=technique_label(technique),
            count=n,
            definition=TECHNIQUES[technique],
            example=TECHNIQUE_EXAMPLES[technique],
        )
        for technique, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
