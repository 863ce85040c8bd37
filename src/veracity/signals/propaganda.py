"""Propaganda techniques: spans that use one of the 14 techniques of SemEval-2020 Task 11.

A CRF tagger mixed with a MiniLM token tagger, both trained on the Propaganda Techniques
Corpus, finds the spans; a classifier names the technique (loaded language, name calling,
appeal to fear, flag-waving...) from the span's words and the shared MiniLM's states of the
span and its sentence. The CRF's marginals and the MiniLM encoding of every sentence cost too
much for the fast path, so the detector serves the deep path only.

A span inside quotation marks is the words of someone the article quotes (a voter's "These
elections will not bring hope for us", a commander's “fierce”), which the article reports
rather than uses: PTC marks propaganda inside quotations too, so the span is kept, but it is
marked ``quoted`` and its explanation says so, and the technique summary counts how many of
each technique's spans are quoted (``TechniqueCount.quoted``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from veracity.nlp import AnalysedText
from veracity.propaganda import TECHNIQUE_EXAMPLES, TECHNIQUES, find_propaganda, technique_label
from veracity.report.schema import Signal, SignalKind, TechniqueCount
from veracity.signals.registry import make_signal, register
from veracity.signals.rhetorical_question import in_regions, quoted_regions

NAME = "propaganda"
QUOTED_NOTE = " In quoted words: someone the article quotes uses it, not the article itself."


def in_quoted_words(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside double quotation marks (:func:`quoted_regions`:
    paragraph by paragraph, a quotation left open running to its paragraph's end)."""
    return in_regions(quoted_regions(text), start, end)


@register(NAME, SignalKind.PROPAGANDA, paths=("deep",))
def detect_propaganda(analysed: AnalysedText) -> list[Signal]:
    """A span for each propaganda technique the model finds, named and explained; one inside
    quotation marks is marked ``quoted`` (its detail) and says so."""
    signals = []
    for span in find_propaganda(analysed):
        quoted = in_quoted_words(analysed.text, span.start, span.end)
        signals.append(
            make_signal(
                analysed,
                span.start,
                span.end,
                kind=SignalKind.PROPAGANDA,
                detector=NAME,
                weight=0.2 + 0.6 * span.span_probability,
                explanation=f"{technique_label(span.technique).capitalize()}: "
                f"{TECHNIQUES[span.technique]}{QUOTED_NOTE if quoted else ''}",
                technique=span.technique,
                technique_probability=span.technique_probability,
                span_probability=span.span_probability,
                **({"quoted": True} if quoted else {}),
            )
        )
    return signals


def technique_counts(signals: Sequence[Signal]) -> list[TechniqueCount]:
    """Each technique among the propaganda signals, with its count (how many quoted), definition
    and example; those the article itself uses most first (:func:`own_first`)."""
    counts: Counter[str] = Counter()
    quoted: Counter[str] = Counter()
    for s in signals:
        technique = str(s.detail.get("technique"))
        if s.kind == SignalKind.PROPAGANDA and technique in TECHNIQUES:
            counts[technique] += 1
            quoted[technique] += bool(s.detail.get("quoted"))
    return own_first(
        TechniqueCount(
            technique=technique,
            label=technique_label(technique),
            count=n,
            quoted=quoted[technique],
            definition=TECHNIQUES[technique],
            example=TECHNIQUE_EXAMPLES[technique],
        )
        for technique, n in counts.items()
    )


def own_first(entries: Iterable[TechniqueCount]) -> list[TechniqueCount]:
    """The techniques the article uses in its own words most often first, then by every span
    found, then by name: a technique found only in what it quotes comes after its own."""
    return sorted(entries, key=lambda e: (-(e.count - e.quoted), -e.count, e.technique))
