"""Explanations: what moved one article's score, as phrases a reader can check in the text.

The model is linear in its features, so each push on the calibrated log-odds of "reliable" is
exact: ``a * u * w_i * x_i`` for a word n-gram, ``a * v_k * z_k`` for a style feature (in
standard deviations from the average training article) and ``a * s_j * t_j`` for a signal
kind. Each style feature and signal kind becomes one phrase ("names no source for its figures",
"words shouted in capitals in the headline"), located in the text where it can be; the word
n-grams are summed into two entries, wording typical of reliable and of unreliable articles,
each naming its strongest topic words: a term of stop words or figures alone ("this", "on its",
"19") is not named, a reader cannot check what it says, nor one holding a name its byline or
credit line gives (:func:`writer_names`): who wrote the story is no wording to judge it by.
Character n-grams (deep path) are one entry without spans.

The score a reader is shown has been through the cut-keeping map
(:mod:`veracity.models.calibration`), which is not linear: each article's pushes (and its
constant) are multiplied by its mapped over its Platt-scaled log-odds, so they still add up
exactly to the log-odds of the score shown (:meth:`LinearScorer.push_scale`).

Two features that read one thing in the text (its questions, its long words) may push opposite
ways: "lowers it: rhetorical questions" beside "raises it: asks questions" over the same three
sentences reads as a contradiction. Such a pair is one entry, their summed (still exact) push,
named and located as the stronger of the two (:data:`SAME_READING`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING

import numpy as np

from veracity.models.headline import HEADLINE_PHRASES, missing_words
from veracity.models.style import STYLE_PHRASES, figure_sentences
from veracity.nlp.calendar import CALENDAR_WORDS
from veracity.nlp.stopwords import ENGLISH_STOP_WORDS
from veracity.report.schema import FeatureContribution, Signal, Span
from veracity.signals.clickbait import shouted_spans

if TYPE_CHECKING:
    from scipy import sparse

    from veracity.models.inference import LinearScorer, SparseRows

MAX_SPANS_PER_FEATURE = 5
WORDS_NAMED = 4
_TOKEN_CHARS = r"\w'’"
_NOTHING_QUOTED = "common words, figures and the writers' names only"

# Features that read one thing in the text; pushed opposite ways, each pair is one entry.
SAME_READING: tuple[frozenset[str], ...] = (
    frozenset({"style:question_rate", "signal:rhetorical_question"}),
    frozenset({"style:mean_word_length", "style:long_word_share"}),
    frozenset({"style:unnamed_source_rate", "signal:vague_attribution"}),
    frozenset({"style:unsourced_figure_share", "signal:unsourced_claim"}),
)

SIGNAL_PHRASES = {
    "clickbait": "clickbait headline",
    "loaded_language": "emotionally loaded words",
    "vague_attribution": "attributes claims to vague or unnamed sources",
    "rhetorical_question": "rhetorical questions",
    "conspiracy_framing": "conspiracy framing (cover-ups, hidden truths)",
    "unsourced_claim": "claims stated without a source",
    "outlet_citation": "cites other outlets",
    "propaganda": "propaganda techniques",
}


def top_contributions(
    scorer: LinearScorer,
    matrix: SparseRows | sparse.csr_matrix,
    signal_values: dict[str, float],
    text: str,
    signals: Sequence[Signal],
    *,
    style: np.ndarray | None = None,
    headline: np.ndarray | None = None,
    title: str | None = None,
    limit: int = 8,
    log_odds: float | None = None,
) -> list[FeatureContribution]:
    """The ``limit`` strongest phrases (style, headline, signals, wording), largest push first.

    ``matrix`` is the article's row of the text feature matrix and ``style`` its standardised
    style row (None for a scorer without style features); ``headline`` its centred headline
    columns (0: no headline term) and ``title`` the title its text starts with. ``log_odds``:
    the article's Platt-scaled log-odds as :meth:`LinearScorer.decision` gives them with
    ``mapped=False`` (None: added up here from its pushes); every push is multiplied by its
    :meth:`LinearScorer.push_scale`.
    """
    row = matrix.getrow(0) if matrix.shape[0] != 1 else matrix
    names, is_word = scorer.terms, scorer.is_word
    weights = scorer.text_coef[row.indices] * row.data * scorer.text_weight
    style_pushes = (
        []
        if style is None
        else [w * z for w, z in zip(scorer.style_weights.values(), style, strict=True)]
    )
    headline_pushes = (
        []
        if headline is None
        else [w * g for w, g in zip(scorer.headline_weights.values(), headline, strict=True)]
    )
    signal_pushes = [w * signal_values.get(c, 0.0) for c, w in scorer.signal_weights.items()]
    if log_odds is None:
        log_odds = scorer.constant + float(
            weights.sum() + sum(style_pushes) + sum(headline_pushes) + sum(signal_pushes)
        )
    scale = float(scorer.push_scale(np.array([log_odds]))[0])
    weights = weights * scale
    words = is_word[row.indices]
    candidates = _wording(text, names[row.indices[words]], weights[words])
    if style is not None:
        for column, z, push in zip(scorer.style_weights, style, style_pushes, strict=True):
            feature = column.removeprefix("style:")
            high = z > 0
            candidates.append(
                (
                    float(push * scale),
                    "style",
                    STYLE_PHRASES[feature][0 if high else 1],
                    column,
                    style_spans(text, feature, high),
                )
            )
    if headline is not None:
        for column, g, push in zip(scorer.headline_weights, headline, headline_pushes, strict=True):
            if push:
                candidates.append(
                    (
                        float(push * scale),
                        "style",
                        HEADLINE_PHRASES[column][0 if g > 0 else 1],
                        column,
                        headline_spans(text, title, column, g > 0),
                    )
                )
    for column, raw in zip(scorer.signal_weights, signal_pushes, strict=True):
        push = raw * scale
        if push:
            kind = column.removeprefix("signal:")
            candidates.append(
                (
                    push,
                    "signal",
                    SIGNAL_PHRASES.get(kind, kind),
                    column,
                    signal_spans(signals, kind),
                )
            )
    candidates = _net_of_same_readings(candidates)
    candidates.sort(key=lambda item: abs(item[0]), reverse=True)
    contributions = [
        FeatureContribution(
            name=phrase,
            feature=feature,
            source=source,  # type: ignore[arg-type]
            contribution=round(push, 4),
            spans=spans,
        )
        for push, source, phrase, feature, spans in candidates[:limit]
        if round(push, 4)
    ]
    char_total = float(weights[~words].sum())
    if char_total:
        contributions.append(
            FeatureContribution(
                name="spelling, punctuation and casing habits (character n-grams)",
                feature="chars",
                source="other",
                contribution=round(char_total, 4),
            )
        )
    return contributions


_Candidate = tuple[float, str, str, str, list[Span]]  # push, source, phrase, feature, spans


def _net_of_same_readings(candidates: list[_Candidate]) -> list[_Candidate]:
    """``candidates`` with each :data:`SAME_READING` pair pushed opposite ways as one entry:
    the stronger one's phrase, feature and spans with the pair's summed push."""
    by_feature = {candidate[3]: candidate for candidate in candidates}
    replaced: dict[str, _Candidate | None] = {}
    for pair in SAME_READING:
        first, second = (by_feature.get(feature) for feature in sorted(pair))
        if first is None or second is None or first[0] * second[0] >= 0:
            continue
        stronger, weaker = sorted((first, second), key=lambda c: abs(c[0]), reverse=True)
        replaced[stronger[3]] = (stronger[0] + weaker[0], *stronger[1:])
        replaced[weaker[3]] = None
    merged = [replaced.get(c[3], c) for c in candidates]
    return [c for c in merged if c is not None]


def _wording(text: str, terms: np.ndarray, pushes: np.ndarray) -> list[_Candidate]:
    """The word n-grams' pushes summed by direction, each naming its strongest topic words."""
    entries = []
    for sign, phrase, feature in (
        (-1, "wording typical of unreliable articles", "terms:unreliable"),
        (1, "wording typical of reliable articles", "terms:reliable"),
    ):
        mask = pushes * sign > 0
        if not mask.any():
            continue
        ranked = [str(t) for t in terms[mask][np.argsort(-np.abs(pushes[mask]))]]
        names = writer_names(text)
        strongest = list(
            islice(
                (t for t in ranked if names_a_topic(t) and not holds_a_writer_name(t, names)),
                WORDS_NAMED,
            )
        )
        spans = [span for term in strongest for span in term_spans(text, term, limit=2)]
        if strongest:
            name = f"{phrase}: " + ", ".join(f"“{term}”" for term in strongest)
        else:
            name = f"{phrase}: {_NOTHING_QUOTED}"
        entries.append((float(pushes[mask].sum()), "term", name, feature, spans))
    return entries


def names_a_topic(term: str) -> bool:
    """Whether a word n-gram holds a word a reader can check: not only stop words ("this",
    "on its") and figures ("19", "2020")."""
    stems = (word.replace("’", "'").split("'")[0] for word in term.split())  # "it's": "it"
    return any(len(w) > 1 and not w.isdigit() and w not in ENGLISH_STOP_WORDS for w in stems)


# A writer's credit: a byline opening its line ("By Priya Raman"), an agency's credit line
# ("(Reporting by Fabian Cambero; Writing by Natalia Ramos; Editing by Alistair Bell)"): the
# capitalised words after "by", joined by spaces or "and" (group 1), name who wrote the story.
_CREDIT_ROLE = (
    r"(?i:(?:(?:additional|further)[ \t]+)?(?:reporting|reported|writing|written|editing|"
    r"edited|compiled|produced|research|graphics|fact[ \t-]checking|photos?|text|words))"
)
_WRITER_CREDIT = re.compile(
    rf"(?:^[ \t]*[(\[]?[ \t]*(?:{_CREDIT_ROLE}[ \t]+)?|[(\[;][ \t]*{_CREDIT_ROLE}[ \t]+)"
    r"[Bb][Yy][ \t]+([A-Z][\w'’.-]*(?:[ \t]+(?:(?:and|&)[ \t]+)?[A-Z][\w'’.-]*)*)",
    re.MULTILINE,
)


# A byline stands at a story's top, a credit line at its end: only so many characters of each
# are read (the whole of a 4,000-character article cost the fast path 0.06 ms)
_CREDIT_REACH = 600
# "By Thursday, the river had fallen." opens a line with "By" and a capital, and names no one


@lru_cache(maxsize=8)
def writer_names(text: str) -> frozenset[str]:
    """The words (lower-cased) of the names a byline or credit line gives: who wrote, reported
    or edited the story, no wording a reader can judge it by (probe s49 U3: "wording typical of
    unreliable articles: ... “fabian”", the reporter's first name from the credit line)."""
    ends = (
        (text,) if len(text) <= 2 * _CREDIT_REACH else (text[:_CREDIT_REACH], text[-_CREDIT_REACH:])
    )
    return frozenset(
        name
        for end in ends
        if "by" in end or "By" in end or "BY" in end
        for match in _WRITER_CREDIT.finditer(end)
        for name in (w.lower().strip(".") for w in match[1].split() if w[0].isupper())
        if name not in CALENDAR_WORDS
    )


def holds_a_writer_name(term: str, names: frozenset[str]) -> bool:
    """Whether a word of the (lower-cased) n-gram is a name from the story's credits."""
    return bool(names) and any(word in names for word in term.split())


def term_spans(text: str, term: str, limit: int = MAX_SPANS_PER_FEATURE) -> list[Span]:
    """Where a (lower-cased) word n-gram occurs in ``text``, as exact spans."""
    pattern = _term_pattern(term)
    return [] if pattern is None else _spans(pattern, text, limit)


@lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern[str] | None:
    words = term.split()
    if not words:
        return None
    separator = f"[^{_TOKEN_CHARS}]+"
    return re.compile(
        f"(?<![{_TOKEN_CHARS}])"
        + separator.join(re.escape(word) for word in words)
        + f"(?![{_TOKEN_CHARS}])",
        re.IGNORECASE,
    )


def _spans(pattern: re.Pattern[str], text: str, limit: int) -> list[Span]:
    spans = []
    for match in pattern.finditer(text):
        if match.end() > match.start():
            spans.append(Span(start=match.start(), end=match.end(), quote=match.group()))
        if len(spans) == limit:
            break
    return spans


def _headline(text: str, limit: int) -> list[Span]:
    line = text.partition("\n")[0].rstrip()
    return [Span(start=0, end=len(line), quote=line)] if line and limit else []


def _headline_capitals(text: str, limit: int) -> list[Span]:
    """The headline's words shouted in capitals, as ``title_caps_share`` counts them (not its
    acronyms: "US", "WHO"), a run of them (only spaces and punctuation between) as one span:
    "SHOCKING: THE TRUTH"."""
    line = text.partition("\n")[0]
    runs: list[list[int]] = []
    for start, end in shouted_spans(line):
        if runs and not any(c.isalnum() for c in line[runs[-1][1] : start]):
            runs[-1][1] = end
        else:
            runs.append([start, end])
    return [Span(start=start, end=end, quote=line[start:end]) for start, end in runs[:limit]]


_CAPS_WORD = re.compile(r"\b[A-Z]{3,}\b")
_STYLE_PATTERNS: dict[str, re.Pattern[str]] = {
    "exclamation_rate": re.compile(r"[^.!?\n]*!+"),
    "question_rate": re.compile(r"[^.!?\n]*\?+"),
    "quote_rate": re.compile(r"[\"“][^\"“”\n]{1,300}[\"”]"),
    "first_singular_rate": re.compile(r"\b(?:I|me|my|mine|myself)\b"),
    "first_plural_rate": re.compile(r"\b(?:[Ww]e|[Uu]s|[Oo]ur|[Oo]urselves)\b"),
    "second_person_rate": re.compile(r"\b(?:[Yy]ou|[Yy]our|[Yy]ours|[Yy]ourself)\b"),
    "unnamed_source_rate": re.compile(
        r"\b(?:sources?|insiders?|officials|experts|reportedly|allegedly|rumou?rs?)\b",
        re.IGNORECASE,
    ),
    "attribution_rate": re.compile(r"\b(?:said|says|told|according to)\b", re.IGNORECASE),
    "named_source_rate": re.compile(r"\b(?:said|says|told|according to)\b", re.IGNORECASE),
    "number_rate": re.compile(r"\d+(?:[.,:]\d+)*"),
}


def style_spans(
    text: str, feature: str, high: bool, limit: int = MAX_SPANS_PER_FEATURE
) -> list[Span]:
    """Where a style feature can be seen in ``text`` (none for whole-text measures)."""
    if feature == "title_caps_share" and high:
        return _headline_capitals(text, limit)
    if feature.startswith("title_"):
        return _headline(text, limit)
    if feature == "caps_word_share" and high:
        return _spans(_CAPS_WORD, text, limit)
    if feature == "unsourced_figure_share" and high:
        unsourced = [
            (start, end) for start, end, attributed in figure_sentences(text) if not attributed
        ]
        return [
            Span(start=start, end=end, quote=text[start:end]) for start, end in unsourced[:limit]
        ]
    pattern = _STYLE_PATTERNS.get(feature)
    return _spans(pattern, text, limit) if pattern is not None and high else []


def signal_spans(
    signals: Sequence[Signal], kind: str, limit: int = MAX_SPANS_PER_FEATURE
) -> list[Span]:
    """The spans of the signals of one kind."""
    return [Span(start=s.start, end=s.end, quote=s.quote) for s in signals if s.kind.value == kind][
        :limit
    ]


def headline_spans(text: str, title: str | None, column: str, high: bool) -> list[Span]:
    """Where to check a headline column in ``text`` (which starts with ``title``): the
    headline's words the opening (lead) / the body does not hold when more is missing than
    on average, else the headline itself."""
    if not title or not text.startswith(title):
        return []
    if not high:
        return [Span(start=0, end=len(title), quote=title)]
    spans = []
    body = text[len(title) :]
    for word in missing_words(title, body, lead_only=column.endswith("lead_gap")):
        at = re.search(rf"(?<![{_TOKEN_CHARS}]){re.escape(word)}(?![{_TOKEN_CHARS}])", title)
        if at is not None:
            spans.append(Span(start=at.start(), end=at.end(), quote=at.group()))
        if len(spans) == MAX_SPANS_PER_FEATURE:
            break
    return spans
