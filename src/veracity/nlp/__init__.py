"""Shared linguistic view of an article, built once and read by every signal detector.

Two depths, by design:

* ``fast``: regular expressions over the raw text, no spaCy object (no tagger, parser or NER):
  a word set and sentences built lazily, tokens only if a stage asks for them (lemmas are the
  lower-cased forms). Word patterns are matched by :mod:`veracity.nlp.patterns`. For corpus
  triage.
* ``deep``: the full ``en_core_web_sm`` pipeline: sentences from the parser, lemmas, POS tags
  and named entities. For a reader's single article.
"""

from veracity.nlp.document import AnalysedText, Entity, Sentence, Token, analyse_text

__all__ = ["AnalysedText", "Entity", "Sentence", "Token", "analyse_text"]
