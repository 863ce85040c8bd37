"""Rhetorical questions: questions in the writer's own voice that insinuate instead of asking.

"Were these the same officers Russia killed?", "Why would a council stay silent?",
"Coincidence?", "What are they hiding?": the writer plants a conclusion without stating (and
so without having to support) it. Genuine questions are left alone: questions inside quotation
marks (someone's speech), interview turns ("Q: ...", or a question put to "you" alone on its
line), and FAQ-style headings (a question alone on its line with no insinuation cue).

Each body sentence ending in "?" gets a score from its form (yes/no, why, short fragment,
negated auxiliary), insinuation cues ("same", "really", "coincidence", "hiding", "why would",
unnamed "they") and position (closing a paragraph that made a claim). Works on tokens and
sentences only (words by a regular expression), so the same code runs on both paths.

The two text helpers below (quoted regions, paragraph-bounded sentences) are shared with the
other sentence-level detectors.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from veracity.nlp import AnalysedText
from veracity.report.schema import Signal, SignalKind
from veracity.signals.quoted import merged, post_regions
from veracity.signals.registry import make_signal, register
from veracity.signals.sentence_heads import head_detector, head_threshold, score_sentences

NAME = "rhetorical_question"

_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“"}
_CLOSING_PUNCT = "\"'”’»)]"
_PARAGRAPH_BREAK = re.compile(r"\n")

YES_NO_STARTERS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "am",
        "do",
        "does",
        "did",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "has",
        "have",
        "had",
        "may",
        "might",
        "must",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "don't",
        "doesn't",
        "didn't",
        "can't",
        "couldn't",
        "won't",
        "wouldn't",
        "shouldn't",
        "hasn't",
        "haven't",
        "hadn't",
    ]
)
NEGATED_STARTERS = frozenset(w for w in YES_NO_STARTERS if w.endswith("n't"))
OTHER_WH = frozenset(["what", "who", "whom", "whose", "which", "where", "when", "how"])
# Words and phrases that turn a question into an insinuation.
INSINUATION_WORDS = frozenset(
    [
        "same",
        "really",
        "actually",
        "coincidence",
        "coincidental",
        "accident",
        "hiding",
        "hide",
        "hidden",
        "cover",
        "covering",
        "secret",
        "secretly",
        "truth",
        "lie",
        "lying",
        "lies",
        "benefits",
        "benefit",
        "afraid",
        "silent",
        "silence",
        "ignore",
        "ignored",
        "ignoring",
        "behind",
        # dismissive particles: "Who carries a Molotov cocktail anyway?"
        "anyway",
        "anyhow",
        "seriously",
    ]
)
INSINUATION_PHRASES = (
    ("why", "would"),
    ("why", "did"),
    ("why", "didn't"),
    ("why", "hasn't"),
    ("why", "haven't"),
    ("why", "won't"),
    ("why", "isn't"),
    ("why", "aren't"),
    ("why", "else"),
    ("who", "benefits"),
    ("what", "else"),
    ("could", "it", "be"),
    ("is", "it", "possible"),
    ("is", "it", "any"),
    ("how", "much", "longer"),
    ("how", "long", "will"),
    ("what", "if"),
    ("or", "is", "it"),
    ("or", "was", "it"),
    ("just", "a"),
)
_PHRASES = tuple(" ".join(words) for words in INSINUATION_PHRASES)
# Cue families that a question is not asked to be answered:
# speculation offered as a question ("Maybe the alcohol helped?", "I wonder who ..."),
SPECULATION_WORDS = frozenset({"maybe", "perhaps", "possibly", "wonder", "supposedly"})
# a question that appeals to "we" to act or agree ("Can we start talking about ...?"),
WE_APPEALS = frozenset(
    {("could", "we"), ("shouldn't", "we"), ("must", "we"), ("don't", "we"), ("can't", "we")}
    | {("why", "do"), ("why", "does"), ("why", "should"), ("why", "can't")}
)
# a rhetorical opener that asserts its own answer ("What better way ...?", "Remember ...?"),
ASSERTING_OPENERS = frozenset(
    {("what", "better"), ("how", "better"), ("who", "can"), ("who", "could"), ("who", "would")}
    | {("remember",), ("imagine",), ("why", "risk"), ("why", "bother"), ("who", "needs")}
    | {("who", "knew"), ("guess", "what"), ("how", "dare"), ("how", "on"), ("where", "is")}
    | {("who", "cares"), ("who", "says"), ("what", "kind"), ("what", "other")}
)
# and a tag that asks only for agreement ("..., right?", "..., isn't it?", "don't you think?").
TAG_ENDINGS = frozenset(
    {("right",), ("no",), ("eh",), ("huh",), ("isn't", "it"), ("aren't", "they")}
    | {("don't", "you", "think"), ("wasn't", "it"), ("doesn't", "it"), ("didn't", "they")}
    | {("isn't", "he"), ("isn't", "she"), ("won't", "it"), ("wouldn't", "it")}
    | {("okay",), ("ok",), ("yes",), ("see",)}
)
# A tag that takes the statement back, inviting the doubt it pretends to raise ("... or is it?").
REVERSING_TAGS = frozenset(
    {("or", "is", "it"), ("or", "was", "it"), ("or", "are", "they"), ("or", "were", "they")}
    | {("or", "not"), ("or", "did", "they"), ("or", "did", "he"), ("or", "did", "she")}
    | {("or", "does", "it"), ("or", "do", "they"), ("or", "is", "he"), ("or", "is", "she")}
)
LINKING_WORDS = frozenset({"although", "though", "but", "and", "so", "or", "yet", "then"})
# Punctuation that breaks a question into clauses: the last clause carries its form.
_CLAUSE_BREAK = re.compile(r"[,;:–—]|\s-\s")
UNNAMED_ACTORS = frozenset({"they", "them", "their"})
# A question that speaks for a collective "we" argues rather than asks ("Why are we letting
# this happen?", "What do we amount to as a country ...?").
COLLECTIVE = frozenset({"we", "us", "our", "ourselves", "we're", "we've"})
ADVICE_OPENERS = frozenset(OTHER_WH | {"should", "can", "will", "do", "does", "are", "is", "shall"})
# Words that open a clause in interrogative form.
QUESTION_FORM = YES_NO_STARTERS | OTHER_WH | {"why"}
# Negation inside a yes/no question presumes its answer ("Is she not embarrassed?").
NEGATIONS = frozenset({"not", "never", "no"})
# Speculation that plants a possibility: "Could there be a link ...?", "Could all of this be ...?".
_PLANTED_POSSIBILITY = re.compile(
    r"^(?:could|might|may|can)\b(?:\s+\w+){0,6}?\s+be\b|^(?:did|does|do|is|was) (?:someone|somebody|anyone)\b"
)
# Expository openers of headings and explainers ("What is contact tracing?", "How does it spread?").
EXPOSITORY_OPENERS = frozenset(OTHER_WH | {"why"})
SECOND_PERSON = frozenset({"you", "your", "you're", "yourself"})
# A question asked of someone in an interview or FAQ, not of the reader.
QA_PREFIX = re.compile(r"^\s*(q|question|interviewer)\s*[:.)-]", re.IGNORECASE)
# A transcript turn: a speaker's name (one to three capitalised words) and a colon.
SPEAKER_PREFIX = re.compile(r"^\s*(?:[A-Z][\w.'’-]*\s){0,2}[A-Z][\w.'’-]*:\s")
# A reader's own question (FAQ, advice column): asked in the first person singular.
FIRST_PERSON = frozenset({"i", "my", "me", "i'm", "i've"})
ANSWER_STARTERS = frozenset({"because", "yes", "no", "a:"})
# Words that open a question in interrogative form; a question opening with anything else is
# declarative or elliptical ("A brain fart?", "Becoming a trannie?", "Occupation force in the
# heartland?"): in the writer's own voice, incredulity rather than a request for an answer.
INTERROGATIVE_OPENERS = YES_NO_STARTERS | OTHER_WH | {"why", "how", "or", "and", "but", "so"}
INTERROGATIVE_OPENERS |= {"q", "question", "which", "whether", "if"}
# A reader addressed with "you" left out: "Want more news?", "Tired of irrelevant emails?",
# "Own an iPhone?", "Need a coronavirus escape?" (promotions and service copy).
ELIDED_YOU = frozenset(
    {"want", "wanna", "interested", "missed", "miss", "looking", "need", "curious", "think"}
    | {"like", "love", "ready", "care", "got", "feel", "know", "fancy", "tired", "sick", "own"}
    | {"prefer", "wondering", "worried", "pregnant", "planning", "thinking", "craving", "new"}
    | {"hungry", "stuck", "bored", "confused", "concerned", "struggling", "searching", "have"}
)
# A question followed by an instruction is a condition, not a jab: "Graph not displaying
# properly? Click here.", "Remember a veteran from way back? Send them a gift card."
IMPERATIVE_OPENERS = frozenset(
    {"click", "see", "check", "read", "call", "send", "try", "visit", "sign", "subscribe"}
    | {"go", "find", "learn", "tap", "email", "contact", "download", "watch", "listen", "share"}
    | {"follow", "get", "take", "make", "let", "use", "ask", "keep", "look", "head", "join"}
    | {"register", "shout", "tell", "text", "give", "consider", "start", "don't", "do"}
)


_QUOTES_AND_BREAK = '"“«»„”\n'


def _marks(text: str) -> list[int]:
    """Offsets of every quotation mark and line break, in order (``str.find`` beats a regex)."""
    positions = []
    for mark in _QUOTES_AND_BREAK:
        at = text.find(mark)
        while at != -1:
            positions.append(at)
            at = text.find(mark, at + 1)
    return sorted(positions)


@lru_cache(maxsize=1)  # the detectors that skip quotations ask for one article's in turn
@lru_cache(maxsize=1)  # several detectors ask of the same text in turn
def quoted_regions(text: str) -> tuple[tuple[int, int], ...]:
    """Stretches of ``text`` inside double quotation marks, paragraph by paragraph, and the
    embedded posts a signature marks as someone else's (:func:`post_regions`).

    Straight quotes toggle; an unclosed quote runs to the end of its paragraph, as news copy
    leaves a quote open when it continues into the next paragraph.
    """
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    closer = ""
    for pos in _marks(text):
        ch = text[pos]
        if ch == "\n":
            if open_at is not None:
                regions.append((open_at, pos))
            open_at = None
        elif open_at is None:
            if ch == '"':
                open_at, closer = pos, '"'
            elif ch in _OPEN_CLOSE:
                open_at, closer = pos, _OPEN_CLOSE[ch]
        elif ch == closer or (closer == '"' and ch == "”"):
            regions.append((open_at, pos + 1))
            open_at = None
    if open_at is not None:
        regions.append((open_at, len(text)))
    posts = post_regions(text)
    return merged(regions + list(posts)) if posts else tuple(regions)


@lru_cache(maxsize=1)  # the vague-attribution and loaded-language detectors ask in turn
def speech_regions(text: str, min_words: int) -> tuple[tuple[int, int], ...]:
    """The :func:`quoted_regions` of at least ``min_words`` words: someone's speech."""
    return tuple((s, e) for s, e in quoted_regions(text) if len(text[s:e].split()) >= min_words)


def in_regions(regions: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` lies inside one of the sorted, disjoint ``regions``."""
    i = bisect.bisect_right(regions, (start, math.inf)) - 1
    return i >= 0 and regions[i][0] <= start and end <= regions[i][1]


class TextSentence(NamedTuple):
    """A sentence cut at paragraph breaks, with the index of its paragraph."""

    start: int
    end: int
    paragraph: int


def text_sentences(analysed: AnalysedText) -> list[TextSentence]:
    """Sentences never spanning a line break (the parser sometimes runs a title into a body)."""
    text = analysed.text
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    result: list[TextSentence] = []
    for sentence in analysed.sentences:
        start = sentence.start
        paragraph = bisect.bisect_left(breaks, start)  # the line breaks before it
        if paragraph == len(breaks) or breaks[paragraph] >= sentence.end:
            # No break inside: the sentence, already stripped, is one piece.
            result.append(TextSentence(start, sentence.end, paragraph))
            continue
        while paragraph < len(breaks) and breaks[paragraph] < sentence.end:
            result.append(_piece(text, start, breaks[paragraph], paragraph))
            start = breaks[paragraph] + 1
            paragraph += 1
        result.append(_piece(text, start, sentence.end, paragraph))
    return [s for s in result if s.end > s.start]


def _piece(text: str, start: int, end: int, paragraph: int) -> TextSentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return TextSentence(start=start, end=end, paragraph=paragraph)


# The words of a question: letters with inner apostrophes ("isn't", "they're").
_QUESTION_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def _question_end(text: str, sentence: TextSentence) -> bool:
    if text.find("?", sentence.start, sentence.end) == -1:  # most sentences: no slice to make
        return False
    return text[sentence.start : sentence.end].rstrip(_CLOSING_PUNCT + " ").endswith("?")


def _families(words: list[str], clause: list[str], marks: str) -> list[str]:
    """Which rhetorical cue families the question shows (see the module constants)."""
    found = []
    if SPECULATION_WORDS.intersection(words) or words[:2] == ["i", "wonder"]:
        found.append("speculation")
    pairs = set(pairwise(words)) | set(pairwise(clause))
    if WE_APPEALS & pairs:
        found.append("appeal to 'we'")
    openers = {tuple(clause[:1]), tuple(clause[:2]), tuple(words[:1]), tuple(words[:2])}
    if ASSERTING_OPENERS & openers or "remember" in clause[:4] or _negated_wh(clause):
        found.append("asserting opener")
    if tuple(clause) in TAG_ENDINGS and len(words) >= len(clause) + 2:  # "..., right?"
        found.append("agreement tag")
    if len(words) > 4 and (
        tuple(words[-3:]) in REVERSING_TAGS or tuple(words[-2:]) in REVERSING_TAGS
    ):
        found.append("reversing tag")
    if marks.count("?") > 1 or "?!" in marks or "!?" in marks:
        found.append("doubled '?'")
    # "How do we prevent ...?" and "Should we wear masks?" ask for a method or advice; "Why are
    # we letting ...?", "Would we have ...?" and "What do we amount to if ...?" argue.
    if _collective(words) and (words[0] not in ADVICE_OPENERS or "if" in words):
        found.append("speaks for 'we'")
    if clause[:1] and clause[0] in YES_NO_STARTERS and NEGATIONS.intersection(clause[1:4]):
        found.append("negated yes/no")
    if _PLANTED_POSSIBILITY.match(" ".join(clause)) or _PLANTED_POSSIBILITY.match(" ".join(words)):
        found.append("planted possibility")
    return found


def _negated_wh(clause: list[str]) -> bool:
    """A wh-question on a negated auxiliary asserts that everyone would: "Who wouldn't look up
    to her?", "Who doesn't love ...?", "What isn't there to like?" ("why" has its own phrases)."""
    return len(clause) > 1 and clause[0] in OTHER_WH and clause[1] in NEGATED_STARTERS


# In a question put to "you", an "us" after a verb of telling or writing is the newsroom the
# reader is asked to answer, not a collective the writer speaks for: "Tell us, do you think
# ...?", "Let us know, will you ...?" ("Was this what God was trying to tell us?" stays).
NEWSROOM_US = frozenset({"tell", "let", "show", "send", "email", "write", "give", "ask"})


def _collective(words: list[str]) -> bool:
    """Whether the question speaks for a collective "we" (:data:`COLLECTIVE`), not counting an
    "us" a reader addressed as "you" is asked to answer (:data:`NEWSROOM_US`)."""
    asked = bool(SECOND_PERSON.intersection(words))
    return any(
        w in COLLECTIVE and not (asked and w == "us" and i and words[i - 1] in NEWSROOM_US)
        for i, w in enumerate(words)
    )


DECLARATIVE = "declarative question"


def declarative(words: list[str], clause: list[str]) -> bool:
    """A question without interrogative form, not put to "you": "A brain fart?", "No need to
    maximize growth for shareholders?" (the writer voices incredulity, not a request)."""
    return (
        bool(clause)
        and clause[0].split("'")[0] not in INTERROGATIVE_OPENERS  # "what's", "who'd"
        and words[0].split("'")[0] not in INTERROGATIVE_OPENERS
        and words[0] not in ELIDED_YOU
        and not SECOND_PERSON.intersection(words)
    )


def score_question(
    words: list[str],
    *,
    closes_claim_paragraph: bool,
    answered_next: bool,
    clause: list[str] | None = None,
    marks: str = "?",
    declarative_form: bool = False,
) -> tuple[float, list[str]]:
    """Insinuation score of a question's lower-cased words, and the cues behind it.

    ``clause``: the words of its last clause ("If X, why would ...?" is a why-question);
    ``marks``: the punctuation it ends with; ``declarative_form``: it has no interrogative
    form and no instruction follows it (:func:`declarative`).
    """
    cues: list[str] = []
    score = 0.0
    clause = clause if clause else words
    first = clause[0] if len(clause) > 1 and len(words) > 3 else (words[0] if words else "")
    if len(words) <= 3:
        score += 0.4
        cues.append("one-word jab" if len(words) == 1 else "short fragment")
    elif first == "why" or words[:2] == ["how", "come"]:
        score += 0.35
        cues.append("why-question")
    elif first in YES_NO_STARTERS or (first in {"and", "but", "so", "or"} and len(words) > 1):
        score += 0.3
        cues.append("yes/no question")
    elif first in OTHER_WH:
        score += 0.15
    if first in NEGATED_STARTERS:
        score += 0.15
        cues.append(f"negated '{first}'")
    found_words = sorted(INSINUATION_WORDS.intersection(words))
    spaced = f" {' '.join(words)} "
    found_phrases = [phrase for phrase in _PHRASES if f" {phrase} " in spaced]
    families = _families(words, clause, marks) if words else []
    if declarative_form:
        families.append(DECLARATIVE)
    if found_words or found_phrases or families:
        score += 0.45 if families else 0.3  # a cue family is enough on its own
        cues.append("insinuation cue: " + ", ".join(families + found_phrases + found_words))
    if UNNAMED_ACTORS.intersection(words):
        score += 0.15
        cues.append("unnamed 'they'")
    if closes_claim_paragraph:
        score += 0.15
        cues.append("closes a paragraph of claims")
    if answered_next:
        score -= 0.15
    return round(score, 3), cues  # sums such as 0.3 + 0.15 must reach the 0.45 threshold


THRESHOLD = 0.45
_SPEAKER_LINE = re.compile(r"^[^\S\n]*(?:[A-Z][\w.'’-]*\s){0,2}[A-Z][\w.'’-]*:\s", re.MULTILINE)
_TITLE_WORD = re.compile(r"\b[^\W\d_]{4,}\b")
# A numbered list's item number, read as a sentence of its own: "2.", "10)", "#3", "(4)".
_LIST_NUMBER = re.compile(r"[^\S\n]*(?:#?\d{1,3}[.)]?|\(\d{1,3}\))[^\S\n]*")


def _heading_like(text: str, sentence: TextSentence, words: list[str]) -> bool:
    """A question alone on its line that reads as a heading: Title Case, or an explainer's
    "What is ...", "How does ..." (a yes/no question alone on its line still argues)."""
    long_words = _TITLE_WORD.findall(text, sentence.start, sentence.end)
    title_case = bool(long_words) and all(w[0].isupper() for w in long_words)
    return title_case or words[0] in EXPOSITORY_OPENERS


class Question(NamedTuple):
    """A body question in the writer's voice (quotes, transcripts, Q&A turns, reader's
    questions, questions put to "you" and headings already set aside), with its rule score."""

    start: int
    end: int
    words: list[str]
    clause: list[str]
    score: float
    cues: list[str]


def writer_questions(analysed: AnalysedText) -> list[Question]:
    """The body questions a reader could take as the writer's own, each with its rule score."""
    text = analysed.text
    body_start = analysed.article.body_start
    found: list[Question] = []
    if text.find("?", body_start) == -1:  # no question in the body
        return found
    quotes = quoted_regions(text)
    sentences = text_sentences(analysed)
    transcript: bool | None = None
    for i, sentence in enumerate(sentences):
        if sentence.start < body_start or not _question_end(text, sentence):
            continue
        if in_regions(quotes, sentence.start, sentence.end - 1) or text[sentence.start] in '"“«':
            continue
        line_start = text.rfind("\n", 0, sentence.start) + 1
        if QA_PREFIX.match(text, line_start) or SPEAKER_PREFIX.match(text, line_start):
            continue
        words = _QUESTION_WORD.findall(
            analysed.lower[sentence.start : sentence.end].replace("’", "'")
        )
        previous = sentences[i - 1] if i > 0 else None
        # a list number before it on its line ("2. How long will my deferment period last?")
        # is no sentence of its paragraph: the question is a numbered list's item
        numbered = previous is not None and bool(
            _LIST_NUMBER.fullmatch(text, previous.start, previous.end)
        )
        if numbered and previous is not None:
            previous = sentences[i - 2] if i > 1 else None
        following = sentences[i + 1] if i + 1 < len(sentences) else None
        alone_on_line = (previous is None or previous.paragraph != sentence.paragraph) and (
            following is None or following.paragraph != sentence.paragraph
        )
        if numbered and alone_on_line and following and not _question_end(text, following):
            continue  # a numbered list's question, answered under it: a heading
        next_words = text[following.start : following.end].lower().split()[:1] if following else []
        answered_next = bool(next_words) and next_words[0].strip(",.") in ANSWER_STARTERS
        # A declarative question answered or followed by an instruction in its own paragraph is
        # a teaser or a condition ("The good news? Most workers ...", "Graph not displaying
        # properly? Click here."); the writer's incredulity stands alone or closes a paragraph.
        followed_in_paragraph = (
            following is not None
            and following.paragraph == sentence.paragraph
            and not _question_end(text, following)
        )
        instruction_next = bool(next_words) and next_words[0].strip(",.") in IMPERATIVE_OPENERS
        closes_claim_paragraph = (
            previous is not None
            and previous.paragraph == sentence.paragraph
            and previous.start >= body_start
            and not _question_end(text, previous)
            and (following is None or following.paragraph != sentence.paragraph)
        )
        raw = text[sentence.start : sentence.end].rstrip(_CLOSING_PUNCT + " ")
        marks = raw[len(raw.rstrip("?!")) :]
        pieces = _CLAUSE_BREAK.split(raw)
        last_clause = pieces[-1]
        opening = len(raw) - len(last_clause.lstrip())  # the last clause's first character
        if raw[opening : opening + 1] in {'"', "“", "«"} and not _closes_quote(
            quotes, sentence.start + opening
        ):
            continue  # 'He asked reporters: "Is this ...?"' quotes someone's question
        mark_at = sentence.start + len(raw) - 1
        if in_regions(quotes, mark_at, mark_at + 1):
            continue  # the "?" belongs to a quotation or a quoted title ("“Who’s Afraid ...?”")
        clause = question_clause(pieces)
        if FIRST_PERSON.intersection(clause[:3]) and clause[:2] != ["i", "wonder"]:
            continue  # "Am I eligible ...?", "What if my refund ...?": a reader asks
        families = _families(words, clause, marks) if words else []
        score, cues = score_question(
            words,
            closes_claim_paragraph=closes_claim_paragraph,
            answered_next=answered_next,
            clause=clause,
            marks=marks,
            declarative_form=bool(words)
            and declarative(words, clause)
            and not (instruction_next or followed_in_paragraph),
        )
        insinuating = any(c.startswith(("insinuation", "unnamed")) for c in cues)
        # A declarative question alone on its line, with no other cue, may be a heading
        # ("EMPTY MIDDLE SEAT?", "Pregnant And Worried About Coronavirus?").
        declarative_only = f"insinuation cue: {DECLARATIVE}" in cues and not any(
            c.startswith("unnamed") for c in cues
        )
        if declarative_only and alone_on_line and _heading_like(text, sentence, words):
            continue
        insinuating = insinuating and not declarative_only
        # Alone on its line, a question with no insinuation is a heading (FAQ, explainer), and
        # one put to "you" is an interviewer's turn.
        if transcript is None:  # read once, when a question gets this far
            transcript = len(_SPEAKER_LINE.findall(text, body_start)) >= 2
        if transcript:
            return []  # a transcript: its questions are the interviewer's turns
        addressed = bool(SECOND_PERSON.intersection(clause))
        if addressed and not families:
            continue  # "What do you think?", "Did you have nightmares?": asked of someone
        if (
            alone_on_line
            and len(words) > 3
            and (addressed or (not insinuating and _heading_like(text, sentence, words)))
        ):
            continue
        found.append(Question(sentence.start, sentence.end, words, clause, score, cues))
    return found


def _clause_words(piece: str) -> list[str]:
    words = _QUESTION_WORD.findall(piece.lower().replace("’", "'"))
    while words[:1] and words[0] in LINKING_WORDS:
        words = words[1:]
    return words


def question_clause(pieces: list[str]) -> list[str]:
    """The words from the clause that carries the question's form to its end.

    Mostly the last clause ("If X, why would ...?" is a why-question), but a question that opens
    in interrogative form and whose last clause is an apposition or an aside ("Why isn't the
    chief, Kerr Putney, going to release ...?", "Is it true, as reported, that ...?") keeps the
    form it opened with. A last clause that is a tag ("..., right?") or a linked alternative
    ("..., or just ignore them?") stays the clause.
    """
    clause = _clause_words(pieces[-1])
    if len(pieces) == 1 or (clause[:1] and clause[0] in QUESTION_FORM):
        return clause
    last = _QUESTION_WORD.findall(pieces[-1].lower().replace("’", "'"))
    if (last[:1] and last[0] in LINKING_WORDS) or tuple(last) in TAG_ENDINGS:
        return clause
    opened = _clause_words(pieces[0])
    if opened[:1] and opened[0] in QUESTION_FORM:
        return _clause_words(" ".join(pieces))
    return clause


def _closes_quote(quotes: Sequence[tuple[int, int]], at: int) -> bool:
    """Whether the quotation mark at ``at`` closes a quotation (``"conquered," okay?``)."""
    i = bisect.bisect_right(quotes, (at, math.inf)) - 1
    return i >= 0 and quotes[i][1] == at + 1 and quotes[i][0] < at


def _asks_advice(words: list[str]) -> bool:
    """ "Should we be wearing masks?", "How do we prevent ...?": a question for "we" that asks
    for advice or a method (the form the "speaks for 'we'" family leaves out); the sentence
    head is not asked about it."""
    return (
        bool(words)
        and words[0] in ADVICE_OPENERS
        and bool(COLLECTIVE.intersection(words))
        and ("if" not in words)
    )


@register(NAME, SignalKind.RHETORICAL_QUESTION)
def detect_rhetorical_questions(analysed: AnalysedText) -> list[Signal]:
    """Body questions in the writer's voice whose form and wording insinuate an answer.

    On the deep path a question the cues leave under the threshold is also flagged when the
    sentence head (:mod:`veracity.signals.sentence_heads`) rates it rhetorical.
    """
    signals: list[Signal] = []
    questions = writer_questions(analysed)
    head: dict[int, float] = {}
    if analysed.depth == "deep":
        below = [q for q in questions if q.score < THRESHOLD and not _asks_advice(q.words)]
        if below:
            text, cut = analysed.text, head_threshold(NAME)
            probabilities = score_sentences(NAME, [text[q.start : q.end] for q in below])
            head = {
                q.start: float(p) for q, p in zip(below, probabilities, strict=True) if p >= cut
            }
    for question in questions:
        score, cues = question.score, question.cues
        if question.start in head:
            cues = [
                *cues,
                f"a sentence model rates it {head[question.start]:.2f} on a scale from 0, a "
                f"real question, to 1, rhetorical, and flags a question from {cut:.2f}",
            ]
            score = THRESHOLD
        elif score < THRESHOLD:
            continue
        signals.append(
            make_signal(
                analysed,
                question.start,
                question.end,
                kind=SignalKind.RHETORICAL_QUESTION,
                detector=head_detector(NAME) if question.start in head else NAME,
                weight=min(0.9, score),
                explanation=(
                    "A question in the writer's own voice that hints at an answer instead of "
                    f"stating and supporting it ({'; '.join(cues)})."
                ),
                cues="; ".join(cues),
                score=round(score, 3),
            )
        )
    return signals
