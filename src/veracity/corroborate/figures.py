"""The specifics a claim can be checked on: figures (with their unit and qualifier), named
entities (capitalised phrases) and calendar dates, read with regular expressions (no parser).

A :class:`Figure` is an interval: "30" is [30, 30] (widened by the rounding its digits imply),
"at least 30" is [30, inf), "up to 30" is [0, 30], "between 20 and 30" / "20-30" is [20, 30],
"about 30" is [27, 33]; a proportion is a percentage ("1 in 6" is [15.4, 18.2]). Two figures of
the same ``key`` (what is counted: ``killed``, ``injured``, ``money``, ``percent``, or the
counted noun) agree when their intervals meet. A figure also keeps what it is the amount of
(``about``: "$1 trillion for states" is about states, a "$3 trillion bill" about a bill), so
that figures of different things are never set against each other (:meth:`Figure.same_thing`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from veracity.nlp.amounts import FIGURE_PATTERN, NUMBER, VALUE, WORD_NUMBERS, WORDNUM
from veracity.nlp.amounts import figure_value as _value
from veracity.nlp.amounts import qualify as _qualify
from veracity.nlp.calendar import MONTH_NUMBERS, WEEKDAYS
from veracity.nlp.phone_numbers import phone_number_spans
from veracity.nlp.units import UNIT

# How near its bound an open-ended figure ("at least 120") states its count: as near as an
# approximate one ("about 120": 108 to 132) does.
_NEAR_BOUND = 0.1
# what is counted, by the words near the figure (checked in this order)
_CATEGORIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("injured", ("injur", "wound", "hurt", "hospitali")),
    ("killed", ("kill", "dead", "died", "death", "die", "fatalit", "lives", "massacr",
                "slain", "bodies", "casualt", "toll")),
    ("arrested", ("arrest", "detain", "custody", "jailed")),
    ("missing", ("missing", "abduct", "kidnap")),
    ("displaced", ("displac", "evacuat", "refugee", "homeless", "fled")),
    ("infected", ("infect", "cases", "tested positive", "confirmed case")),
)  # fmt: skip
# an amount of money this many times another is not of the same thing (what each one gets
# against the total; "million" written for "billion" is still set against it)
_OTHER_SCALE = 1000
_CATEGORY_KEYS = frozenset(name for name, _ in _CATEGORIES)
_CUE = re.compile(
    "|".join(f"(?P<{name}>{'|'.join(re.escape(c) for c in cues)})" for name, cues in _CATEGORIES)
)
_DIGITS = re.compile(r"\d+")
_NUMBER_WORDS = frozenset(WORD_NUMBERS) | {f"{w}," for w in WORD_NUMBERS}
_SPELLED = re.compile(rf"\b(?:{WORDNUM})\b", re.IGNORECASE)
_LOOKBACK = 40  # characters before a number where a qualifier or a currency may start
_MONTH = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
DATE_PATTERN = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})\b)",
    re.IGNORECASE,
)
# A proportion ("1 in 6 patients", "two out of three voters", "one in every five", "8 out of
# 10 deaths") counts no one: its numbers are neither the patients nor the deaths of the event,
# so it is read as a percentage ("7 in 10" is 65% to 75%, "1 in 6" 15.4% to 18.2%: the rounding of
# its part, or of its whole when the part is one). It reads as a proportion when its part is one
# or its whole a base of ten or less or a power of ten; "52 out of 61 attendees" counts the
# attendees, and neither "$263 in 2019" nor "4 in 5 years" nor "killed 5 in 3 attacks" (a part
# larger than its whole) is a proportion.
_RATIO = re.compile(
    rf"\b(?P<part>{NUMBER}|{WORDNUM}|one)\s+(?P<link>in|out\s+of)\s+(?:every\s+)?"
    rf"(?P<whole>{VALUE})\b",
    re.IGNORECASE,
)
_YEAR_LIKE = re.compile(r"^(1[89]\d\d|20\d\d)$")
_ENTITY = re.compile(
    r"(?<![\w'’])(?:[A-Z][\w'’.&-]*|[A-Z]{2,})(?:\s+(?:of|the|de|al|for|and)?\s*[A-Z][\w'’&-]*)*"
)
_WORD = re.compile(r"[a-z][a-z'’-]+")
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "said",
        "same",
        "says",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "one",
        "two",
        "new",
        "according",
        "told",
        "would",
        "year",
        "years",
        "people",
        "percent",
        "per",
        "cent",
        "time",
        "report",
        "reported",
        "reports",
        "news",
        "week",
        "day",
        "last",
        "first",
    ]
)
# people counted under another name are one kind of figure: "200 soldiers" and "200 troops"
_PERSONS = frozenset(
    [
        "people",
        "persons",
        "men",
        "women",
        "children",
        "kids",
        "soldiers",
        "troops",
        "officers",
        "militants",
        "fighters",
        "insurgents",
        "rebels",
        "civilians",
        "personnel",
        "members",
        "students",
        "workers",
        "employees",
        "residents",
        "passengers",
        "migrants",
        "refugees",
        "prisoners",
        "patients",
        "victims",
        "protesters",
        "demonstrators",
        "police",
        "policemen",
        "staff",
        "citizens",
        "adults",
        "teenagers",
        "boys",
        "girls",
    ]
)
_COUNTED_NOUNS = frozenset({"people", "year", "years", "week", "day", "time", "percent"})
# Kinds of people that "persons" figures count: "200 soldiers" and "200 troops" are one figure,
# "15,000 patients" and "15,000 workers" are not. A word that names no kind ("people", "men")
# says nothing of what is counted.
_PERSON_KINDS = {
    "soldiers": "soldier", "troops": "soldier", "personnel": "soldier",
    "militants": "fighter", "fighters": "fighter", "insurgents": "fighter", "rebels": "fighter",
    "police": "police", "policemen": "police", "officers": "police",
    "workers": "worker", "employees": "worker", "staff": "worker",
    "protesters": "protester", "demonstrators": "protester",
    "migrants": "migrant", "refugees": "migrant",
    "children": "child", "kids": "child", "boys": "child", "girls": "child",
    "civilians": "civilian", "residents": "civilian", "citizens": "civilian",
    "women": "woman", "teenagers": "teenager", "students": "student", "passengers": "passenger",
    "prisoners": "prisoner", "patients": "patient",
}  # fmt: skip
# What a figure is the amount of (``_about``): at most this many content words of its clause
_ABOUT_WORDS = 3
# ... read in this many characters on each side of the figure: the whole sentence was split and
# lower-cased on both sides of every figure, so a 40,000-character sentence of "$5 " (13,000
# figures) took 4.6 s, growing as the square of its length (hostile round 5).
_ABOUT_CHARS = 500
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]!?—–]|\.(?:\s|$)")
_NOT_ABOUT = frozenset(
    ["nearly", "almost", "roughly", "approximately", "around", "estimated", "least", "another",
     "additional", "total", "compared", "whatever", "including", "dollars", "euros", "pounds",
     "usd", "eur", "gbp", "thousand", "million", "billion", "trillion", "hundred", "dozen",
     "cent", "percent", "percentage", "points", "just", "even", "already", "within"]
) | STOPWORDS  # fmt: skip
# "several hundred", "a few thousand", "many millions": no figure
_VAGUE_BEFORE = re.compile(r"\b(?:several|a\s+few|few|many|multiple)\s*$", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\bage[ds]?(?:\s+of)?\s*$")
# words that begin like a casualty cue but are none ("deadly", "deadline", "diet", "diesel")
_NOT_CUES = ("deadl", "diet", "diese")
# A number right after which comes a unit of time or measure is a duration or a size ("after
# seven hours of fighting the Taliban fled", "two days later she was found dead", "a 6.8
# magnitude quake killed 120"), never a count of the dead or the injured.
_UNIT = UNIT
_MAGNITUDE = re.compile(r"\bmagnitude(?:\s+of)?\s*$")
# A figure that states a difference ("recovered four days faster", "three times more", "100
# people more than last year") counts nothing that another article could state as its count:
# "four days faster" is no contradiction of "within five days".
_DIFFERENCE = re.compile(
    r"\s+[a-z'’-]+\s+(?:faster|slower|earlier|later|sooner|longer|shorter|more|fewer|less|"
    r"higher|lower|bigger|smaller|larger|greater)\b"
)
# capitalised words that open sentences or name weekdays/months, not actors or places
_NOT_ENTITIES = STOPWORDS | {
    *WEEKDAYS, "mr", "mrs", "ms", "dr", "it", "but", "and", "this", "that", "there", "he",
    "she", "they", "we", "i", "in", "on", "at", "as", "if", "a", "an", "the", "his", "her",
    "their", "its", "our", *MONTH_NUMBERS,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Figure:
    """A number in a sentence, as an interval, with what it counts."""

    key: str
    low: float
    high: float
    text: str
    start: int
    end: int

    # what the figure is the amount of, where its key does not say it ("for states", "bill",
    # "of cases", "patients"); empty when nothing near it says
    about: frozenset[str] = frozenset()

    def agrees_with(self, other: Figure) -> bool:
        """Whether both can be true: same key and overlapping intervals."""
        return self.key == other.key and self.low <= other.high and other.low <= self.high

    def same_thing(self, other: Figure) -> bool:
        """Whether both are figures of one thing, as far as their words tell: the same key and,
        where both say what they are the amount of, a word in common ("$1 trillion for states"
        and "$1 trillion to state governments", not "$1 trillion for states" and "a $3 trillion
        bill")."""
        if self.key != other.key:
            return False
        if self.key == "money" and max(self.low, other.low) > _OTHER_SCALE * min(
            self.high, other.high
        ):
            return False  # "a $25,000 pay boost" for each worker, "$200 billion in hazard pay"
        return not self.about or not other.about or bool(self.about & other.about)

    def corroborates(self, other: Figure) -> bool:
        """Whether both state the same figure: :meth:`agrees_with`, an open end closed near its
        bound ("at least 120" is 120 to 132), so "kills 500" is compatible with "at least 120"
        but does not corroborate it."""
        low, high = self.stated()
        other_low, other_high = other.stated()
        return self.key == other.key and low <= other_high and other_low <= high

    def stated(self) -> tuple[float, float]:
        """The interval with an open end ("at least", "up to") closed within
        ``_NEAR_BOUND`` of its bound."""
        if math.isinf(self.high):
            return self.low, self.low * (1 + _NEAR_BOUND)
        if self.low == 0.0 and self.high > 0.0:
            return self.high * (1 - _NEAR_BOUND), self.high
        return self.low, self.high


def _key(
    sentence: str, start: int, end: int, money: bool, percent: bool, *, whole: bool = True
) -> str | None:
    """What a figure counts, read from the words around it.

    The dead, the injured and the other categories are counted in whole people: a figure with
    a fraction and no scale word ("6.8", not "6.8 million") or one that a unit of time or
    measure follows ("seven hours") takes none of them, only the noun it counts, if any.
    """
    if percent:
        return "percent"
    if money:
        return "money"
    after = sentence[end : end + 60].lower()
    before = sentence[max(0, start - 40) : start].lower()
    if re.match(r"\s*(?:dollars|euros|pounds|usd|eur|gbp)\b", after):
        return "money"
    if re.match(r"-?\s*years?[- ]old", after) or _AGE_BEFORE.search(before):
        return "age"  # "a 45-year-old man", "children under the age of five", "aged 5"
    if re.match(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|:\d)", after) or re.match(r"[:.]\d", after):
        return None
    if _MAGNITUDE.search(before):
        return "magnitude"  # "a magnitude 6.8 earthquake" as "a 6.8 magnitude earthquake"
    if _DIFFERENCE.match(after):
        return None
    if whole and not _UNIT.match(after):
        category = _nearest_category(before.split()[-4:][::-1], _clause(after).split()[:8])
        if category is not None:
            return category
    counted = re.match(r"\s(?:(?:other|more|new|additional|of the)\s)?([a-z][a-z'’-]+)", after)
    if counted and (counted.group(1) not in STOPWORDS or counted.group(1) in _COUNTED_NOUNS):
        # "42 insurgents", "15 other officers"
        word = counted.group(1)
        return "persons" if word in _PERSONS else word.removesuffix("s") if len(word) > 3 else word
    return None


def _clause(text: str) -> str:
    """Text up to the end of the clause (a full stop, semicolon or the next figure)."""
    return re.split(r"[;.:!?]\s|\d", text, maxsplit=1)[0]


def _nearest_category(before: list[str], after: list[str]) -> str | None:
    """The category of the cue word closest to the figure (``before`` runs backwards)."""
    best: tuple[int, str] | None = None
    for words in (before, after):
        for distance, word in enumerate(words):
            match = None if word.startswith(_NOT_CUES) else _CUE.match(word)
            if match is not None:
                if best is None or distance < best[0]:
                    best = (distance, match.lastgroup or "")
                break
    return best[1] if best else None


def _stem(word: str) -> str:
    """A crude stem, so that "grows" and "growing", "states" and "state" meet."""
    for suffix, keep in (("ing", 4), ("ed", 4), ("s", 3)):
        if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= keep:
            return word[: -len(suffix)]
    return word


def _clause_words(text: str, *, last: bool) -> list[str]:
    """The first (or ``last``) few content words of ``text`` within its clause (before a
    figure, the clause before when its own holds none: "saw their wealth grow even more, by a
    total of $75.5 billion")."""
    parts = _CLAUSE_BREAK.split(text)
    for clause in parts[::-1][:2] if last else parts[:1]:
        words = [
            _stem(word)
            for word in _WORD.findall(clause.lower())
            if word not in _NOT_ABOUT and word not in MONTH_NUMBERS and not _UNIT.fullmatch(word)
        ]
        if words:
            return words[-_ABOUT_WORDS:] if last else words[:_ABOUT_WORDS]
    return []


def _about(sentence: str, start: int, end: int, key: str) -> frozenset[str]:
    """What a figure is the amount of, where its key does not say it: for money and
    percentages the words that follow it, else those before it; for a measure (miles, days,
    inches) those on both sides ("grows to 10 inches", "10 miles outside of Baghdad"); for
    people their kind. The casualty categories, ages and counted nouns name theirs: empty."""
    if key in _CATEGORY_KEYS or key in ("age", "magnitude"):
        return frozenset()
    before = sentence[max(0, start - _ABOUT_CHARS) : start]
    after = sentence[end : end + _ABOUT_CHARS]
    if key in ("money", "percent"):
        return frozenset(_clause_words(after, last=False) or _clause_words(before, last=True))
    counted = re.match(
        r"\s(?:(?:other|more|new|additional|of the)\s)?([a-z][a-z'’-]+)", after.lower()
    )
    if counted is None:
        return frozenset()
    if key == "persons":
        kind = _PERSON_KINDS.get(counted.group(1))
        return frozenset([kind]) if kind else frozenset()
    if not _UNIT.match(after):
        return frozenset()  # "five sailors": the noun is the thing counted
    after = after[counted.end() :]
    return frozenset(_clause_words(before, last=True) + _clause_words(after, last=False))


def _figure_matches(sentence: str) -> Iterator[re.Match[str]]:
    """The figure pattern's matches, tried only near a digit or a number word: running it
    over every position of every sentence was most of the corpus step's time."""
    anchors = [m.start() for m in _DIGITS.finditer(sentence)]
    if not _NUMBER_WORDS.isdisjoint(sentence.lower().split()):
        anchors = sorted(anchors + [m.start() for m in _SPELLED.finditer(sentence)])
    done = 0
    for anchor in anchors:
        if anchor < done:
            continue  # inside the previous figure ("1,000", "20-30")
        # a figure holding this number starts at most _LOOKBACK characters before it, and the
        # number itself always matches: this is the match finditer would give
        match = FIGURE_PATTERN.search(sentence, max(done, anchor - _LOOKBACK))
        if match is None:
            continue
        done = match.end()
        yield match


def _proportions(sentence: str) -> list[Figure]:
    """The proportions a sentence states ("1 in 6", "three out of ten"), as percentages."""
    found = []
    for match in _RATIO.finditer(sentence):
        part = _value(re.sub("^one$", "1", match.group("part").lower()))
        whole = _value(match.group("whole"))
        if part is None or whole is None or not 0 < part[0] <= whole[0]:
            continue
        if _YEAR_LIKE.match(match.group("whole")) or _UNIT.match(sentence[match.end() :]):
            continue
        if not (part[0] == 1 or whole[0] <= 10 or math.log10(whole[0]).is_integer()):
            continue
        if part[0] == 1:
            low, high = 100 / (whole[0] + 0.5), 100 / max(whole[0] - 0.5, 1)
        else:
            half = 0.5 if part[0].is_integer() else part[1]  # "1.2 out of five": its digits
            low, high = 100 * (part[0] - half) / whole[0], 100 * (part[0] + half) / whole[0]
        found.append(Figure("percent", low, high, match.group(), *match.span()))
    return found


def extract_figures(sentence: str) -> list[Figure]:
    """The counted figures of a sentence (years, clock times and uncounted numbers left out;
    proportions as percentages)."""
    figures = _proportions(sentence)
    left_out = [match.span() for match in DATE_PATTERN.finditer(sentence)]
    left_out += [(f.start, f.end) for f in figures]
    phones_read = False
    for match in _figure_matches(sentence):
        if not phones_read:  # only a sentence with a figure to read: most sentences have none
            left_out += phone_number_spans(sentence)  # "call (202) 555-0143": no 202 of anything
            phones_read = True
        if any(a <= match.start() < b or a < match.end() <= b for a, b in left_out):
            continue
        low_text, high_text = match.group("low"), match.group("high")
        if _YEAR_LIKE.match(low_text.strip()) and not match.group("cur"):
            continue
        start, end = match.start(), match.end()
        if re.match(r"s\b", sentence[end : end + 2]):  # "dozens", "hundreds": no figure
            continue
        if start > 0 and (sentence[start - 1].isalnum() or sentence[start - 1] in "/:#-"):
            continue
        if end < len(sentence) and (sentence[end].isalpha() or sentence[end] in "/:"):
            continue  # "3rd", "5G", "9/11"
        if re.match(r"-?fold\b", sentence[end : end + 6]) or _VAGUE_BEFORE.search(
            sentence[max(0, start - 12) : start]
        ):
            continue  # "a 30-fold increase", "several hundred million dollars"
        low = _value(low_text)
        high = _value(high_text) if high_text else low
        if low is None or high is None:
            continue
        if high_text and high[0] < low[0]:  # "9-11", a score or an id, not a range
            continue
        key = _key(
            sentence,
            start,
            end,
            bool(match.group("cur")),
            bool(match.group("pct")),
            whole=low[0].is_integer() or high[0].is_integer(),
        )
        if key is None:
            continue
        qualifier = (match.group("qual") or "").lower()
        interval = _qualify(low[0], high[0], max(low[1], high[1]), qualifier)
        about = _about(sentence, start, end, key)
        figures.append(Figure(key, *interval, match.group().strip(), start, end, about))
    return sorted(figures, key=lambda figure: figure.start)


def extract_entities(text: str) -> list[str]:
    """Capitalised phrases (actors, places, organisations), normalised to lower case."""
    found = []
    for match in _ENTITY.finditer(text):
        words = [w for w in match.group().replace(".", " ").split() if w]
        while words and words[0].lower().strip("'’") in _NOT_ENTITIES:
            words.pop(0)
        while words and words[-1].lower() in _NOT_ENTITIES:
            words.pop()
        if words and (len(words) > 1 or len(words[0]) > 2 or words[0].isupper()):
            found.append(" ".join(words).lower().replace("’", "'").removesuffix("'s"))
    return found


def extract_dates(text: str) -> list[tuple[int, int]]:
    """Calendar dates written as day and month ("March 3", "3rd of March"), as (month, day)."""
    dates = []
    for match in DATE_PATTERN.finditer(text):
        month = MONTH_NUMBERS[(match.group("m1") or match.group("m2")).lower()]
        day = int(match.group("d1") or match.group("d2"))
        if 1 <= day <= 31:
            dates.append((month, day))
    return dates


def content_words(text: str) -> set[str]:
    """Lower-case words that carry content (no stop words, no numbers), crudely singularised."""
    return {
        word.removesuffix("s") if len(word) > 4 else word
        for word in _WORD.findall(text.lower())
        if word not in STOPWORDS
    }
