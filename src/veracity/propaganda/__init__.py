"""Propaganda techniques (SemEval-2020 Task 11): find spans that use one, and name it.

Entry points: :func:`find_propaganda` (spans with technique names in an analysed text),
:func:`load_propaganda_model` (the shipped artefact) and
:func:`veracity.propaganda.train.train_propaganda` (``veracity train propaganda``; not imported
here, as training needs scikit-learn, which the fast path never imports).
"""

from __future__ import annotations

from veracity.nlp import AnalysedText
from veracity.propaganda.model import PropagandaSpan, load_propaganda_model
from veracity.propaganda.techniques import TECHNIQUE_EXAMPLES, TECHNIQUES, technique_label

__all__ = [
    "TECHNIQUES",
    "TECHNIQUE_EXAMPLES",
    "PropagandaSpan",
    "find_propaganda",
    "load_propaganda_model",
    "technique_label",
]


def find_propaganda(analysed: AnalysedText) -> list[PropagandaSpan]:
    """Propaganda spans in the text, sentence by sentence, each with its most likely technique."""
    sentences = [(s.start, s.end) for s in analysed.sentences if any(c.isalnum() for c in s.text)]
    return load_propaganda_model().analyse(analysed.text, sentences)
