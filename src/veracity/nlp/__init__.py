"""Shared linguistic view of an article, built once and read by every signal detector.

Two depths, by design:

* ``fast``: spaCy's rule-based tokenizer and sentencizer only (no tagger, parser or NER);
  lemmas are lower-cased forms. For corpus triage.
* ``deep``: the full ``en_core_web_sm`` pipeline: sentences from the parser, lemmas, POS tags
  and named entities. For a reader's single article.
"""

from veracity.nlp.document import AnalysedText, Entity, Sentence, Token, analyse_text

__all__ = ["AnalysedText", "Entity", "Sentence", "Token", "analyse_text"]
