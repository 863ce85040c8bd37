"""Claim alignment: which sentences of other articles state the same figures as a claim.

A claim here is a sentence with at least one counted figure (:func:`extract_figures`). Its
aligned sentences in another article are those that count the same thing (a figure of the
same key) and share enough content words. The other article corroborates the claim when one
of its aligned sentences gives the same figure (:meth:`Figure.corroborates`); it contradicts it
when none gives a figure compatible with it and its best-aligned sentence with a figure of the
same thing (:meth:`Figure.same_thing`: "$1 trillion for states" is not a "$3 trillion bill")
gives a different one. A compatible figure that is not the same ("500" against "at least 120")
does neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from veracity.corroborate.figures import (
    STOPWORDS,
    Figure,
    content_words,
    extract_entities,
    extract_figures,
)
from veracity.nlp.document import split_sentences

MAX_CLAIMS_PER_ARTICLE = 8
MAX_SENTENCE_CHARS = 400
# content-word overlap (shared / smaller sentence) for a sentence to count as aligned, and the
# stricter one the best-aligned sentence needs before a different figure counts as a contradiction
ALIGN_SUPPORT = 0.3
ALIGN_CONTRADICT = 0.3
MIN_SHARED_WORDS = 3
Relation = Literal["supports", "contradicts"]


@dataclass(frozen=True, slots=True)
class FigureSentence:
    """A sentence with counted figures, and the words and names it is aligned on."""

    text: str
    figures: tuple[Figure, ...]
    words: frozenset[str]
    entities: frozenset[str]  # the words of its names ("al", "haouz", "morocco")
    # None: it reports no poll; else the names of the polls it reports (may be none: "a poll")
    polls: frozenset[str] | None = None


# A poll or survey, and the name written before it ("CNN's poll", "the McClatchy-Marist poll",
# "Public Policy Polling", "a Reuters/Ipsos survey"), which tells one poll from another.
_POLL = re.compile(
    r"(?:\b((?:[A-Z][\w&'’./-]*\s+){0,3}[A-Z][\w&'’./-]*)\s+)?"
    r"\b(?i:polls?|polling|pollsters?|surveys?)\b"
)
# Words written before "poll" that name no poll ("a new national poll", a headline's "Latest
# National Poll").
_NO_POLL_NAME = STOPWORDS | {
    *("latest", "recent", "national", "nationwide", "state", "online", "another", "several"),
    *("many", "public", "opinion", "exit", "straw", "daily", "weekly", "tracking", "poll"),
    *("polls", "per", "according"),
}


def _polls(sentence: str) -> frozenset[str] | None:
    """The names of the polls ``sentence`` reports, as lower-case words; None: no poll."""
    found = list(_POLL.finditer(sentence))
    if not found:
        return None
    names = set()
    for match in found:
        for word in (match.group(1) or "").split():
            word = word.removesuffix("'s").removesuffix("’s").lower()
            if word not in _NO_POLL_NAME and word[:1].isalpha():
                names.add(word)
    return frozenset(names)


def _same_poll(a: FigureSentence, b: FigureSentence) -> bool:
    """Whether a difference in figures can be a contradiction as far as polls go: unless both
    name the poll they report and the names differ. Two polls' shares differ without either
    being wrong (CNN's 62% of debate watchers, Public Policy Polling's 51%); an unnamed poll
    ("the survey found", or none named in the sentence) is read as the claim's own."""
    return not (a.polls and b.polls and not a.polls & b.polls)


def figure_sentences(
    title: str | None, text: str, limit: int = MAX_CLAIMS_PER_ARTICLE
) -> list[FigureSentence]:
    """The first ``limit`` sentences (title first) that state counted figures, each once: a
    sentence the article repeats (a headline printed again atop the body, a pull quote) is one
    claim."""
    found = []
    seen: set[str] = set()
    for sentence in ([title] if title else []) + split_sentences(text):
        if len(sentence) > MAX_SENTENCE_CHARS:
            continue
        written = " ".join(sentence.split()).casefold()
        if written in seen:
            continue
        figures = [f for f in extract_figures(sentence) if f.key != "age"]
        if not figures:
            continue
        seen.add(written)
        found.append(
            FigureSentence(
                text=sentence,
                figures=tuple(figures),
                words=frozenset(content_words(sentence)),
                entities=frozenset(
                    word.removesuffix("'s")
                    for entity in extract_entities(sentence)
                    for word in entity.split()
                    if word not in STOPWORDS
                ),
                polls=_polls(sentence),
            )
        )
        if len(found) >= limit:
            break
    return found


def overlap(a: FigureSentence, b: FigureSentence) -> float:
    """Shared content words over the smaller sentence's (0 when fewer than a few are shared);
    the counted nouns are left out, since the figures are compared on them anyway."""
    counted = {f.key for f in a.figures} | {f.key for f in b.figures}
    words_a, words_b = a.words - counted, b.words - counted
    shared = len(words_a & words_b)
    if shared < MIN_SHARED_WORDS:
        return 0.0
    return shared / min(len(words_a), len(words_b))


def _same_subject(a: FigureSentence, b: FigureSentence) -> bool:
    """No sign that two sentences are about different actors or places: they share a name,
    or one of them names none."""
    return not a.entities or not b.entities or bool(a.entities & b.entities)


def _states_elsewhere(figure: Figure, other: list[FigureSentence]) -> bool:
    """Whether another sentence of the article states the figure: then the article says it too,
    whatever its best-aligned sentence counts ("Trump follows at 37 percent" is in the article
    whose "41 percent of registered voters" was set against "Trump has 37%")."""
    return any(figure.corroborates(g) for sentence in other for g in sentence.figures)


@dataclass(frozen=True, slots=True)
class Alignment:
    """How one other article relates to a claim, and the sentence and figures that show it."""

    relation: Relation
    sentence: str
    figures: tuple[str, ...]
    # the figures themselves, to tell whether two articles that give another figure give the
    # same one
    values: tuple[Figure, ...]


def compare_claim(claim: FigureSentence, other: list[FigureSentence]) -> dict[int, Alignment]:
    """How an article (its figure sentences) relates to each figure of a claim, by the
    figure's position in ``claim.figures``; figures it says nothing comparable about are left
    out."""
    aligned = []
    for sentence in other:
        if any(g.key == f.key for g in sentence.figures for f in claim.figures):
            score = overlap(claim, sentence)
            if score >= ALIGN_SUPPORT:
                aligned.append((score, sentence))
    aligned.sort(key=lambda pair: -pair[0])
    found: dict[int, Alignment] = {}
    for position, figure in enumerate(claim.figures):
        same_key = [
            (score, s, [g for g in s.figures if g.key == figure.key]) for score, s in aligned
        ]
        same_key = [(score, s, figures) for score, s, figures in same_key if figures]
        support = next(
            ((s, g) for _, s, figures in same_key for g in figures if figure.corroborates(g)),
            None,
        )
        if support is not None:
            found[position] = Alignment(
                "supports", support[0].text, (support[1].text,), (support[1],)
            )
        elif any(figure.agrees_with(g) for _, _, figures in same_key for g in figures):
            continue  # a figure beyond the other's bound ("500" and "at least 120"): neither
        elif comparable := [
            (score, s, same)
            for score, s, figures in same_key
            if (same := [g for g in figures if figure.same_thing(g)])
        ]:
            # the best-aligned sentence with a figure of the same thing: "a $3 trillion bill"
            # says nothing against "$1 trillion for states"
            score, best, figures = comparable[0]
            # a figure of the other sentence that another of the claim's figures states is
            # about that one: "14% ... and 10% ..." says nothing against the claim's "11% ..."
            others = [f for i, f in enumerate(claim.figures) if i != position]
            unexplained = [g for g in figures if not any(o.agrees_with(g) for o in others)]
            if (
                unexplained
                and score >= ALIGN_CONTRADICT
                and _same_subject(claim, best)
                and _same_poll(claim, best)
                and not _states_elsewhere(figure, other)
            ):
                found[position] = Alignment(
                    "contradicts", best.text, tuple(g.text for g in unexplained), tuple(unexplained)
                )
    return found
