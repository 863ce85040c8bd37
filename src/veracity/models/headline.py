"""Headline-body consistency: how much of its headline an article's own text bears out.

A fabricated or clickbait story often carries a headline that its body does not say ("X
arrested" over a body that never says so). Two columns, read by the reliability combiner
beside the style features (no parser, no encoder: the fast path's):

- ``headline:lead_gap``: the share of the headline's content words missing from the lead (the
  body's first :data:`LEAD_WORDS` words);
- ``headline:body_gap``: the share missing from the whole body (the model text's, so at most
  its first 6,000 characters).

Content words are the headline's words less the English stop words (single letters out,
single digits kept), compared by their first :data:`STEM` letters ("arrested" / "arrest"), a
word with a digit whole; a word shorter than that is also found in its plural or singular with
a final "s" ("job" / "jobs", "cars" / "car"), which its first letters cannot reach. An article without a headline, or one whose headline has no content
word, has no value (NaN): the model centres each column on its titled training articles and
reads a missing value as the centre, so such an article gets no headline term at all, never a
made-up one (docs/benchmarks.md, "headline-body consistency": a missing-title indicator
instead learned one corpus's untitled fakes and called a whole untitled corpus unreliable).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from veracity.ingest.normalise import normalise
from veracity.nlp.runs import word_token_set, word_tokens
from veracity.nlp.stopwords import ENGLISH_STOP_WORDS

LEAD_WORDS = 50  # a news lead's sentence or two
STEM = 5  # letters a content word is compared by
HEADLINE_COLUMNS = ("headline:lead_gap", "headline:body_gap")
# What a high (``+``: more of the headline missing than in the average titled training
# article) and a low (``-``) value of each column says, for a reader.
HEADLINE_PHRASES: dict[str, tuple[str, str]] = {
    "headline:lead_gap": (
        "the opening does not say what the headline says",
        "the opening says what the headline says",
    ),
    "headline:body_gap": (
        "the headline names what the body does not say",
        "the body bears out the headline's words",
    ),
}


def _key(word: str) -> str:
    """How a lower-case word is compared: by its first letters, a word with a digit whole."""
    if word.isalpha() or not any(c.isdigit() for c in word):
        return word[:STEM]
    return word


def _keys(words: set[str]) -> set[str]:
    """The keys of distinct lower-case words (:func:`_key` of each): the first letters of a
    word without a digit, a word with one whole. One test per word (most are letters only)."""
    whole = {w for w in words if not w.isalpha() and any(c.isdigit() for c in w)}
    return {w[:STEM] for w in (words - whole if whole else words)} | whole


def _forms(word: str) -> set[str]:
    """The keys a lower-case headline word is found by: its own, and for a word without a digit
    shorter than :data:`STEM` letters its form with or without a final "s" (a longer word's
    first letters already hold both)."""
    key = _key(word)
    if len(word) >= STEM or key != word[:STEM]:
        return {key}
    other = word[:-1] if word.endswith("s") and len(word) > 2 else word + "s"
    return {key, other[:STEM]}


def content_words(title: str) -> list[str]:
    """The headline's content words as written, in order (case kept, for spans)."""
    return [
        w
        for w in word_tokens(title)
        if w.lower() not in ENGLISH_STOP_WORDS and (len(w) > 1 or w.isdigit())
    ]


def headline_gaps(
    title: str, body: str, body_words: set[str] | None = None
) -> tuple[float, float] | None:
    """``(lead_gap, body_gap)`` of a headline over its body; None when the headline has no
    content word (no share to take). ``body_words``: the body's distinct lower-case tokens
    (:func:`~veracity.nlp.runs.word_tokens`), when already at hand."""
    wanted = {_key(w): _forms(w) for w in (c.lower() for c in content_words(title))}
    if not wanted:
        return None
    lead = " ".join(body.split(None, LEAD_WORDS)[:LEAD_WORDS]).lower()
    in_lead = _keys(word_token_set(lead))
    in_body = _keys(word_token_set(body.lower()) if body_words is None else body_words)
    lead_missing = sum(1 for forms in wanted.values() if forms.isdisjoint(in_lead))
    body_missing = sum(1 for forms in wanted.values() if forms.isdisjoint(in_body))
    return lead_missing / len(wanted), body_missing / len(wanted)


def missing_words(title: str, body: str, lead_only: bool) -> list[str]:
    """The headline's content words (as written) that the lead / the body does not hold."""
    lowered = body.lower()
    if lead_only:
        lowered = " ".join(lowered.split(None, LEAD_WORDS)[:LEAD_WORDS])
    found = _keys(word_token_set(lowered))
    return [w for w in content_words(title) if _forms(w.lower()).isdisjoint(found)]


def headline_parts(model_text: str, title: str | None) -> tuple[str, str] | None:
    """The headline and the body of an article's model text (title first); None without a
    title.

    The model text is the article's text (title, a blank line, body) as the models read it
    (:func:`~veracity.models.features.model_text`): its typography is the title's once
    normalised, and the provenance stripper may have taken an outlet's name out of the title's
    line ("CNN/ORC polls: ..."), which then stands as the headline, as the model reads it.
    """
    if not title:
        return None
    head = normalise(title)
    if model_text.startswith(head):
        return head, model_text[len(head) :].lstrip()
    first, _, rest = model_text.partition("\n")
    if len(first) > len(head):  # the title's line is gone: no headline to read
        return None
    return first, rest.lstrip()


def headline_matrix(
    model_texts: Sequence[str],
    titles: Sequence[str | None],
    tokens: Sequence[list[str]] | None = None,
) -> np.ndarray:
    """(n, 2) :data:`HEADLINE_COLUMNS` of model texts given their titles (NaN: no value).

    ``tokens``: each model text's lower-case tokens (:func:`~veracity.nlp.runs.word_tokens`
    of ``text.lower()``), when already at hand: the body's are those after the headline's.
    """
    out = np.full((len(model_texts), len(HEADLINE_COLUMNS)), np.nan)
    for i, (text, title) in enumerate(zip(model_texts, titles, strict=True)):
        parts = headline_parts(text, title)
        if parts is None:
            continue
        body_words = None
        if tokens is not None:  # no token runs across the line break after the headline
            body_words = set(tokens[i][len(word_tokens(parts[0].lower())) :])
        gaps = headline_gaps(*parts, body_words)
        if gaps is not None:
            out[i] = gaps
    return out
