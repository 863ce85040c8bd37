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
each technique's spans are quoted (``TechniqueCount.quoted``). So is a span on a speaker's turn
of an interview, a transcript or an oral history the article prints (``Bill Whitaker: So what's
been ...``, :mod:`veracity.nlp.speaker_turns`): those words are quoted by their label, not by
marks (probe s47 P1).

A section heading ("Casualties" over a hurricane report's paragraphs on the dead) names what
follows and says nothing: a span that is a whole body line of :data:`HEADING_WORDS` word
without a sentence's end is no technique (probe s47 P1: "Casualties" read as Slogans). PTC's
annotators marked none of the 119 one-word body lines of its training articles, but did mark
two-word ones ("ADVANTAGE AMERICANS", 8 of 5,468 gold spans), so only one word is read so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from veracity.nlp import AnalysedText
from veracity.nlp.speaker_turns import speaker_turns
from veracity.propaganda import TECHNIQUE_EXAMPLES, TECHNIQUES, find_propaganda, technique_label
from veracity.report.schema import Signal, SignalKind, TechniqueCount
from veracity.signals.registry import make_signal, register
from veracity.signals.rhetorical_question import in_regions, quoted_regions

NAME = "propaganda"
QUOTED_NOTE = " In quoted words: someone the article quotes uses it, not the article itself."
TURN_NOTE = (
    " In a speaker's turn the article prints (an interview or a transcript): the speaker uses"
    " it, not the article itself."
)
HEADING_WORDS = 1  # a phrase may be a slogan; one word alone on its line names a section
_SENTENCE_END = ".!?…:;\"”'’)]"


def in_quoted_words(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside double quotation marks (:func:`quoted_regions`:
    paragraph by paragraph, a quotation left open running to its paragraph's end)."""
    return in_regions(quoted_regions(text), start, end)


@register(NAME, SignalKind.PROPAGANDA, paths=("deep",))
def detect_propaganda(analysed: AnalysedText) -> list[Signal]:
    """A span for each propaganda technique the model finds, named and explained; one inside
    quotation marks is marked ``quoted`` (its detail) and says so."""
    signals = []
    text = analysed.text
    turns = speaker_turns(text)
    for span in find_propaganda(analysed):
        if _is_heading(text, span.start, span.end, analysed.article.body_start):
            continue
        quoted = in_quoted_words(text, span.start, span.end)
        in_turn = not quoted and in_regions(turns, span.start, span.end)
        note = QUOTED_NOTE if quoted else TURN_NOTE if in_turn else ""
        quoted = quoted or in_turn
        signals.append(
            make_signal(
                analysed,
                span.start,
                span.end,
                kind=SignalKind.PROPAGANDA,
                detector=NAME,
                weight=0.2 + 0.6 * span.span_probability,
                explanation=f"{technique_label(span.technique).capitalize()}: "
                f"{TECHNIQUES[span.technique]}{note}",
                technique=span.technique,
                technique_probability=span.technique_probability,
                span_probability=span.span_probability,
                **({"quoted": True} if quoted else {}),
            )
        )
    return signals


def _is_heading(text: str, start: int, end: int, body_start: int) -> bool:
    """Whether ``text[start:end]`` covers a body line of at most :data:`HEADING_WORDS` words
    that ends no sentence: a section's heading."""
    if start < body_start:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end == -1 else line_end].strip()
    return (
        bool(line)
        and len(line.split()) <= HEADING_WORDS
        and not line.endswith(tuple(_SENTENCE_END))
        and text[start:end].strip() in line
        and len(text[start:end].strip()) >= len(line) - 2
    )


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
