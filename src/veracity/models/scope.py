"""When not to score: texts the reliability model cannot judge get no score and a reason.

Three reasons (``reliability_status`` in reports and batch rows): ``not_english`` (the model
read only English news), ``too_short`` (under :data:`MIN_WORDS` words: too little style and
sourcing to read) and ``out_of_scope`` (English text far from the news articles the model was
trained on, measured by the model itself: see :meth:`TransferModel.out_of_scope`; or a page of
short lines with next to no prose, such as a list of headlines: :func:`reads_as_list`; or a
text whose style and line structure read like another genre than news, such as a recipe, legal
terms, song lyrics, a forum thread, code, a feed of posts or a debate transcript:
:func:`reads_unlike_news`, the ``scope`` artefact, ``veracity train scope``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Literal

import numpy as np

from veracity.artefacts import ARTEFACTS
from veracity.ingest.normalise import unwrap_lines
from veracity.models.features import model_text
from veracity.models.style import STYLE_FEATURES, STYLE_PHRASES, style_matrix

AbstentionReason = Literal["not_english", "too_short", "out_of_scope"]
MIN_WORDS = 50
_WORD = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN_LETTER = re.compile(r"[^\W\d_\u0000-\u024f]")
# A page is a list when it has at least this many lines under its first ...
_LIST_MIN_LINES = 8
# ... and its prose lines hold under this share of its characters.
_LIST_MAX_PROSE = 0.2
_LIST_SAMPLE = 6000  # the characters the model reads
_PROSE_LINE_CHARS = 150
_PROSE_LINE_WORDS = 8
_CLOSERS = "\"'\u201d\u2019)"

NOTES: dict[str, str] = {
    # What the signal detectors did is the signals' own note (pipeline: "No signals from its
    # wording: ... only citations of news outlets were looked for"), said once.
    "not_english": (
        "No reliability score: the text is not in English, and the model learned its style and "
        "sourcing cues from English news only; the outlet ratings (publisher and cited outlets) "
        "still apply."
    ),
    "too_short": (
        f"No reliability score: the text has fewer than {MIN_WORDS} words, too little writing "
        "to judge its style and sourcing."
    ),
    "out_of_scope": (
        "No reliability score: the text does not read like a news article (it is a list of "
        "short lines with next to no prose; or its lines, persons, tenses and sourcing read like "
        "another kind of text, such as a recipe, legal terms, lyrics, a forum thread, code, a "
        "feed of posts or a debate transcript; or its length, sentence shape, capitals, figures "
        "or sourcing lie far outside the articles the model was trained on), so a score would "
        "be a guess."
    ),
}
# The out_of_scope note of each test, when the test that refused the text is known.
_LIST_NOTE = (
    "No reliability score: the text is a list of short lines with next to no prose (such as "
    "a list of headlines or a table), not a news article, so a score would be a guess."
)
_GENRE_NOTE = (
    "No reliability score: its lines, persons, tenses and sourcing read like {} rather than "
    "a news article (the genre check), so a score would be a guess."
)
_FORM_NOTE = (
    "No reliability score: its form ({}) lies far outside the news articles the model was "
    "trained on, so a score would be a guess."
)
GENRE_NAMES = {
    "code": "code",
    "forum": "a forum thread",
    "lyrics": "song lyrics",
    "poem": "a poem",
    "posts": "a feed of posts",
    "recipe": "a recipe",
    "terms": "legal terms or a policy",
    "horoscope": "a horoscope",
    "transcript": "a transcript of speakers' turns (a debate, an interview, a press conference)",
    "captions": "a page of photo captions",
}
# The form columns a note names: those this many standard deviations or more from the
# training articles' mean (at most two, the farthest first).
_FAR = 3.0


def text_abstention(
    text: str, language: str | None, style: np.ndarray | None = None
) -> AbstentionReason | None:
    """``not_english``, ``too_short`` or (for a list, or with ``style`` for a text that reads
    unlike news: :func:`reads_unlike_news`) ``out_of_scope`` when the text itself rules a score
    out, else None.

    ``language`` is the identifier's guess (None for very short texts); a text written mostly
    in a non-Latin script counts as not English whatever its length. ``style`` is the text's row
    of :func:`~veracity.models.style.style_matrix` over its model text.
    """
    sample = text[:2000]
    if (language is not None and language != "en") or _mostly_non_latin(sample):
        return "not_english"
    # at most MIN_WORDS + 1 pieces: fewer than MIN_WORDS only when the sample has fewer words
    if len(sample.split(None, MIN_WORDS)) < MIN_WORDS and len(_WORD.findall(sample)) < MIN_WORDS:
        return "too_short"
    if reads_as_list(text[:_LIST_SAMPLE]):
        return "out_of_scope"
    if style is not None and reads_unlike_news(text, style) is not None:
        return "out_of_scope"
    return None


# The genre check reads the first characters of the text, and these of its line structure.
GENRE_SAMPLE = 3000
_TERMINATED = tuple(".!?;,\"'\u201d\u2019)")
_BULLETS = tuple("-\u2022*+>[")
_CODE_CHARS = "{};=<>"
_PAST = (" was ", " were ", " had ")
LINE_COLUMNS = (
    "unterminated_lines",
    "short_lines",
    "log_words_per_line",
    "marked_lines",
    "tagged_lines",
    "repeated_lines",
    "indented_lines",
    "code_chars",
    "past_tense",
    "web_marks",
    "clock_lines",
)
# A speaker's or a section's tag ends in a colon within this many characters of its line's start
# ("Deputy Secretary Paul Mwangi:", "[10:02] Chief Rosa Delgado:"), after at most five words.
_TAG_CHARS = 40
_TAG_SPACES = 4


def line_features(text: str) -> list[float]:
    """The line structure of a text's first :data:`GENRE_SAMPLE` characters (:data:`LINE_COLUMNS`).

    Shares of its lines under the first: that end without a stop, are under 60 characters, open
    with a list marker, open with a speaker's or a section's tag ("MODERATOR:", "Method:",
    "Police Chief Dana Whitfield:", "[10:02] Chief Delgado:"), repeat another line, are indented;
    its words a line (log), the share of code punctuation among its characters, past-tense
    auxiliaries and web marks (@, #, links) a word, and the share of lines with a clock time
    ("(01:34)", "[10:02]") among their first 40 characters, as a transcript stamps its turns.
    String counts only: the fast path pays for no extra pass of a regular expression.
    """
    sample = text[:GENRE_SAMPLE]
    raw = [line for line in sample.split("\n") if line.strip()]
    lines = [line.strip() for line in raw[1:]] or [sample.strip()]
    n = len(lines)
    words = max(sample.count(" ") + n, 1)
    open_ended = short = marked = tagged = clocked = 0
    for line in lines:  # one pass: most articles have a few dozen lines
        open_ended += not line.endswith(_TERMINATED)
        short += len(line) < 60
        marked += line.startswith(_BULLETS) or (
            line[:1].isdigit() and ("." in line[1:4] or ")" in line[1:4])
        )
        if ":" not in line[:_TAG_CHARS]:
            continue
        if line.lstrip("([")[:1].isdigit():  # a turn stamped first: "[10:02] Chief Delgado: ..."
            stamp, _, rest = line.partition(" ")
            if _is_clock(stamp):
                clocked += 1
                line = rest
        colon = line.find(":", 0, _TAG_CHARS)
        if colon > 0 and not line[colon + 1 : colon + 2].isdigit():  # "at 10:30" is no tag
            head = line[:colon]
            if head[:1].isupper() and head.count(" ") <= _TAG_SPACES:
                tagged += 1
                # a stamp after the tag: "Police Chief Dana Whitfield: (00:55) Under state law"
                clocked += _is_clock(line[colon + 1 :].lstrip().partition(" ")[0])
    return [
        open_ended / n,
        short / n,
        math.log1p(words / n),
        marked / n,
        tagged / n,
        1 - len(set(lines)) / n,
        sum(line[:1] in " \t" for line in raw) / len(raw) if raw else 0.0,
        sum(map(sample.count, _CODE_CHARS)) / max(len(sample), 1),
        sum(map(sample.count, _PAST)) / words,
        (sample.count("@") + sample.count("#") + sample.count("http")) / words,
        clocked / n,
    ]


def _is_clock(token: str) -> bool:
    """Whether ``token`` is a clock time as a transcript stamps a turn: "(01:34)", "[10:02]",
    "00:01:12"."""
    digits = token.strip("([)]").replace(":", "")
    return ":" in token and 3 <= len(digits) <= 6 and digits.isdigit()


def genre_row(text: str, style: np.ndarray) -> np.ndarray:
    """The genre check's features: the style row and :func:`line_features` of the model text."""
    return np.concatenate([np.asarray(style, dtype=np.float64), line_features(text)])


def reads_unlike_news(text: str, style: np.ndarray) -> str | None:
    """The genre the text reads like when it reads like one that is not news, else None.

    One logistic model per genre against English news (the LOCO corpora's), over the style
    columns and :func:`line_features`; the text is out of scope when any genre's probability
    passes the threshold chosen on the development texts (the ``scope`` artefact's card).
    ``text`` is the model text the ``style`` row was computed from.
    """
    model = load_scope_model()
    # the standardisation is folded into the weights (coef / scale, intercept - coef @ mean / scale)
    log_odds = model["weights"] @ genre_row(text, style) + model["offsets"]
    best = int(np.argmax(log_odds))
    return str(model["genres"][best]) if log_odds[best] > model["log_odds_limit"] else None


@lru_cache(maxsize=1)
def load_scope_model() -> dict[str, Any]:
    """The genre check's arrays (``veracity train scope``), read once."""
    spec = ARTEFACTS["scope"]
    spec.read_card()  # its version, or one error naming the rebuild command
    model: dict[str, Any] = spec.load_file(SCOPE_FILE)
    return model


SCOPE_FILE = "scope.joblib"


def reads_as_list(text: str) -> bool:
    """Whether ``text`` is a page of short lines with next to no prose: a list of headlines or
    links, a table, a list of winners.

    Under the first line (the title), at least eight lines, of which the prose lines hold under a
    fifth of the characters. A prose line is 150 characters or longer, or ends in a full stop
    after eight words or more; a headline seldom does either (it ends without a stop, or in a
    question or exclamation mark). Hard-wrapped paragraphs are joined first
    (:func:`~veracity.ingest.normalise.unwrap_lines`), so a wrapped article is not a list. On the
    LOCO corpora's English news, 41 of 18,187 articles (0.2%) read as lists (awards winners,
    premiere dates, a transcript's short lines).
    """
    breaks = text.count("\n")
    if breaks < _LIST_MIN_LINES:
        return False
    # Lines under 150 characters holding four fifths of the text: at most 187.5 characters a
    # line. More than that, and the page is prose (one count, no split: most articles stop here).
    if len(text) - text.find("\n") > (_PROSE_LINE_CHARS / (1 - _LIST_MAX_PROSE) + 1) * breaks:
        return False
    lines = [line.strip() for line in unwrap_lines(text).split("\n")[1:]]
    lines = [line for line in lines if line]
    if len(lines) < _LIST_MIN_LINES:
        return False
    prose = sum(len(line) for line in lines if _is_prose(line))
    return prose < _LIST_MAX_PROSE * sum(map(len, lines))


def _is_prose(line: str) -> bool:
    if len(line) >= _PROSE_LINE_CHARS:
        return True
    return line.rstrip(_CLOSERS).endswith(".") and len(line.split()) >= _PROSE_LINE_WORDS


def _mostly_non_latin(sample: str) -> bool:
    if sample.isascii():  # most English text: nothing to count
        return False
    non_latin = len(_NON_LATIN_LETTER.findall(sample))  # none in most English text
    return non_latin > 0 and non_latin > len(_LETTER.findall(sample)) / 2


def abstention_note(
    reason: str,
    text: str | None = None,
    style: np.ndarray | None = None,
    far: Sequence[str] = (),
) -> str:
    """The sentence a report's notes carry for an abstention ``reason``.

    For ``out_of_scope``, given the ``text`` (and its ``style`` row, as
    :func:`text_abstention` reads them) the note names the one test that refused it: the list
    check, the genre check (and the genre) or the form distance (and ``far``, its columns far
    out: :func:`form_outliers`); without them, every test is listed.
    """
    if reason != "out_of_scope" or text is None:
        return NOTES[reason]
    if reads_as_list(text[:_LIST_SAMPLE]):
        return _LIST_NOTE
    genre = reads_unlike_news(text, style) if style is not None else None
    if genre is not None:
        return _GENRE_NOTE.format(GENRE_NAMES.get(genre, genre))
    if far:
        return _FORM_NOTE.format(", ".join(far))
    return NOTES[reason]


# A sentence stop with no space before the next sentence ("in Padang on Tuesday.According to
# him", "the spread of the virus.\"Minangkabau Airport is"): a lower-case letter, a digit or a
# closing bracket, the stop, then a capital, perhaps after an opening quote.
_JOINED_STOP = re.compile(r"(?<=[a-z0-9)%][.!?])(?=[\"']?[A-Z])")


def form_style(text: str) -> np.ndarray | None:
    """The style row the form distance reads for ``text`` when its sentences are joined without
    a space after their stop (a scraper's habit): the row of its model text with a space put
    after each such stop. None when the text has no joined stop (its own row is read).

    Without the space, the style pass's sentence split (at ". ") reads a report of twenty
    sentences as two, and the form distance reads "80 words a sentence": far from news. The
    score's own features are not changed; only the form distance reads this row.
    """
    stripped = model_text(text)
    if _JOINED_STOP.search(stripped) is None:
        return None
    row: np.ndarray = style_matrix([_JOINED_STOP.sub(" ", stripped)])[0]
    return row


def form_outliers(standardised: np.ndarray, columns: Sequence[int]) -> list[str]:
    """What a reader is told is far out in a text's form: the phrases of the form ``columns``
    (indices of :data:`~veracity.models.style.STYLE_FEATURES`) whose standardised value lies
    :data:`_FAR` or more from the training articles' mean, at most two, the farthest first."""
    far = sorted(
        (c for c in columns if abs(standardised[c]) >= _FAR), key=lambda c: -abs(standardised[c])
    )
    return [STYLE_PHRASES[STYLE_FEATURES[c]][0 if standardised[c] > 0 else 1] for c in far[:2]]
