"""Claims on the fast path (``veracity batch --claims``, the batch "full" path).

The deep path scores every sentence of one article with the check-worthiness model, which
parses each sentence with spaCy and embeds it with MiniLM (about 20 ms of CPU a sentence): far
too much for a corpus. Here, on the fast path's sentences, a cheap ranking keeps the
:data:`CANDIDATES_PER_ARTICLE` sentences most likely to be factual claims (figures, named
parties, enough words, not a question); the batch check-worthiness model (TF-IDF and word-level
cues, no parser, no encoder: ``veracity train claims-batch``) scores those of the whole chunk
in one call. :func:`veracity.pipeline.analyze_many` then matches the claims above its threshold
against the fact-check store in one screened call (only those that share enough wording with
some statement are embedded, once).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from veracity.claims.cues import after_entry_time, points_elsewhere
from veracity.claims.triage import turn_openings, turn_parts
from veracity.ingest.links import link_lines
from veracity.nlp import AnalysedText, Sentence
from veracity.nlp.document import claim_end, claim_start, join_quoted, piece_furniture
from veracity.nlp.list_numbers import in_spans, list_number_spans
from veracity.report.schema import Claim

CANDIDATES_PER_ARTICLE = 2
MIN_WORDS = 5
MAX_WORDS = 60
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_NUMBER = re.compile(r"\d[\d,.]*%?|\b(?:hundred|thousand|million|billion|trillion|percent)\b")
_NAME = re.compile(r"(?<=[\s(\"“])[A-Z][\w'’-]+")


def claim_cue_score(sentence: str) -> float:
    """How much a sentence looks like a checkable claim (0 when it cannot be one)."""
    words = _WORD.findall(sentence)
    if not MIN_WORDS <= len(words) <= MAX_WORDS or sentence.rstrip("\"'”’») ").endswith("?"):
        return 0.0
    numbers = len(_NUMBER.findall(sentence))
    names = len(_NAME.findall(sentence))
    return 1.0 + 2.0 * min(numbers, 2) + min(names, 3) + min(len(words), 30) / 30


def candidate_sentences(
    analysed: AnalysedText, limit: int = CANDIDATES_PER_ARTICLE
) -> list[Sentence]:
    """The body sentences with the highest :func:`claim_cue_score`, in text order; none on a
    line that points to another story ("RELATED: ...", :mod:`veracity.ingest.links`)."""
    text = analysed.text
    links = link_lines(text)
    turns = turn_openings(text)  # a transcript's turns: a sentence is cut where one opens
    # a dateline ("WASHINGTON (Reuters) - ") or a rubric label ("EXCLUSIVE: ") is no part of
    # the claim, as on the deep path
    # nor is an embedded post's signature ("— NFL (@NFL) November 23, 2018") or a live blog's
    # entry time ("14:05 Power company ...")
    sentences = [
        s if start == s.start and end == s.end else Sentence(start, end, text[start:end])
        for joined in join_quoted(text, analysed.body_sentences)
        for s in turn_parts(text, joined, turns)
        if not links.covers(s.start)
        and (start := after_entry_time(text, claim_start(text, s.start)))
        < (end := claim_end(text, start, s.end))
    ]
    # a writer's line closing the piece ("Trevon Logan is a professor of economics at ..."),
    # an agency's credit line, a press release's "About ..." section
    # and a pointer to other content ("See also this video ...", "Watch the full interview.")
    sentences = [
        s for s in sentences if not piece_furniture(text, s.start) and not points_elsewhere(s.text)
    ]
    scored = [(claim_cue_score(s.text), s) for s in sentences]
    best = sorted((pair for pair in scored if pair[0] > 0), key=lambda pair: -pair[0])[:limit]
    return sorted((sentence for _, sentence in best), key=lambda s: s.start)


def extract_claims_fast(texts: Sequence[AnalysedText]) -> list[list[Claim]]:
    """The check-worthy claims of each fast-path text (its best-cued candidate sentences that
    the batch model keeps, in text order), scored in one call; matching them is verify's job."""
    from veracity.claims.model import (
        batch_checkworthiness_threshold,
        load_batch_checkworthiness_model,
    )

    candidates = [
        (position, sentence)
        for position, text in enumerate(texts)
        for sentence in candidate_sentences(text)
    ]
    claims: list[list[Claim]] = [[] for _ in texts]
    if not candidates:
        return claims
    scores = load_batch_checkworthiness_model().predict_proba([s.text for _, s in candidates])
    threshold = batch_checkworthiness_threshold()
    listed: dict[int, list[tuple[int, int]]] = {}  # each text's, read once
    for (position, sentence), score in zip(candidates, scores[:, 1].tolist(), strict=True):
        if score >= threshold:
            # a list's item numbers and its count are no figures ("11 questions to ask ...")
            if position not in listed:
                listed[position] = list_number_spans(texts[position].text)
            claims[position].append(
                Claim(
                    text=sentence.text,
                    start=sentence.start,
                    end=sentence.end,
                    score=round(score, 4),
                    numbers=[
                        m.group()
                        for m in _NUMBER.finditer(sentence.text)
                        if not in_spans(
                            listed[position], sentence.start + m.start(), sentence.start + m.end()
                        )
                    ],
                )
            )
    return claims
