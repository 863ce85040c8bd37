"""Lines of a transcript or an oral history: each opens with its speaker's label and a colon
("Mayor Paul: We're a close-knit community ...", "Correctional Officer 1: We checked him in
...", "Dr. Michael Gardam: Now at this point ...").

Such a line is its speaker's account, as a quotation is: an interviewee's "everyone knows
everyone" or "They said, 'Hey, he got asthma issues'" is what the outlet reports, not an
attribution it makes (probe s47 S2). A label counts when it opens two lines or more and the
labels change at least twice down the text: a transcript names its speakers again at each
turn, where a one-off "Update:" or "Washington:" does not repeat, and a page's "MORE:" over
each link never changes. Labels all of common words ("DO:", "DON'T:") or a numbered list's
items ("Step 1:", "Step 2:", "Step 3:") head what the outlet lists, not a speaker's turn.
Path: both (a scan of line openings; most texts have no label twice).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import pairwise

from veracity.nlp.calendar import AP_MONTH_ABBREVIATIONS, CALENDAR_WORDS
from veracity.nlp.stopwords import ENGLISH_STOP_WORDS

# A label: up to six words, each a capitalised word, a number or a joining word ("Wife of
# C.O.", "Correctional Officer 1"), opening on a capital, then a colon and the speaker's words
# on the same line.
_LABEL = re.compile(
    r"^[ \t]*([A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|\d+|of|the|and|de|van|von)){0,5})"
    r"[ \t]*:[ \t]+(?=\S)",
    re.MULTILINE,
)
MIN_TURNS = 2
# A transcript's speakers take turns: a label repeated alone ("MORE: ..." over each link, "Next:
# ..." over each slide) or two that follow each other once (a page's captions "Amazing: ...,
# Amazing: ..., Dedicated: ...") is a page's device, not speech (read off the corpora: "Next: A
# source said this is how they really feel" is the outlet's own words).
MIN_CHANGES = 2
# Labels that repeat and name no speaker: a page's rubrics and captions ("BREAKING:",
# "Photograph:", "Pic:"), a fact-check's parts ("Fact:", "Fiction:", "NOT REAL:", "THE FACTS:")
# and a timeline's dates ("May 18:", "November 2002:"), all in the outlet's voice (read off the
# corpora's repeated labels, session 47 fix2).
_NOT_SPEAKERS = frozenset(
    {"breaking", "update", "updated", "updates", "note", "editor's", "photo", "photograph"}
    | {"photos", "picture", "pictures", "pic", "pics", "image", "images", "video", "watch"}
    | {"credit", "caption", "source", "sources", "related", "fact", "facts", "fiction", "myth"}
    | {"myths", "truth", "claim", "claims", "verdict", "rating", "real", "false", "true"}
    | {"correction", "clarification", "exclusive", "live", "latest", "what", "why", "how"}
    | CALENDAR_WORDS
    | set(AP_MONTH_ABBREVIATIONS)
)


_NUMBERED = re.compile(r"(.+?)\s(\d{1,3})")
_NEGATION = re.compile(r"n['’]t$")
MIN_ENUMERATION = 3  # a list's items counted 1, 2, 3 ...; two speakers alternate 1, 2, 1, 2


def common_words_only(label: str) -> bool:
    """Whether a label is made of common words only ("DO", "DON'T", "WHAT"). Labels that all
    are ("DO:", "DON'T:") head a list's items; one among names ("WILL:" beside "KRUGMAN:",
    George Will on ABC's This Week) is a speaker's. A single letter ("Q", "A") is a speaker."""
    words = [
        _NEGATION.sub("", word.lower()).replace("’", "'") for word in label.split() if len(word) > 1
    ]
    return bool(words) and all(word in ENGLISH_STOP_WORDS for word in words)


def enumerated(labels: Sequence[str]) -> frozenset[str]:
    """The numbered labels of ``labels`` (in text order) that count a list's items, not
    speakers: one word's numbers run up by one from 1, restarting only at 1 ("Step 1:",
    "Step 2:", "Step 3:", then a second list's "Step 1:"), and some run reaches
    :data:`MIN_ENUMERATION`. Speakers numbered by a transcript ("Speaker 1", "Correctional
    Officer 2") take turns out of that order."""
    numbers: dict[str, list[int]] = defaultdict(list)
    for label in labels:
        match = _NUMBERED.fullmatch(label)
        if match is not None:
            numbers[match.group(1)].append(int(match.group(2)))
    found: set[str] = set()
    for word, counted in numbers.items():
        steps = all(b == a + 1 or b == 1 for a, b in pairwise(counted))
        run = longest = 1
        for a, b in pairwise(counted):
            run = run + 1 if b == a + 1 else 1
            longest = max(longest, run)
        if counted[0] == 1 and steps and longest >= MIN_ENUMERATION:
            found.update(f"{word} {n}" for n in counted)
    return frozenset(found)


def speaker_turns(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each line that opens with a speaker's label found at
    :data:`MIN_TURNS` line openings or more, in order."""
    return tuple((start, end) for start, _, end in _turns(text))


def after_speaker_label(text: str, line_start: int) -> int | None:
    """Where the speaker's words begin on the line at ``line_start`` when it is a turn of
    :func:`speaker_turns` (past "Dr. Kamran Khan: "), else None."""
    turns = _turns(text)
    i = bisect.bisect_left(turns, (line_start,))
    if i < len(turns) and turns[i][0] == line_start:
        return turns[i][1]
    return None


def _line_labels(text: str) -> Iterator[re.Match[str]]:
    """:data:`_LABEL`'s matches, tried only where a line opens: a label never spans a line
    break, so these are ``_LABEL.finditer(text)``'s, without a search trying the pattern at
    every character (20 us of the fast path's 3.5 ms on a 1,000-word article on one line)."""
    start = 0
    while True:
        match = _LABEL.match(text, start)
        if match is not None:
            yield match
        start = text.find("\n", start) + 1
        if not start:
            return


@lru_cache(maxsize=4)
def _turns(text: str) -> tuple[tuple[int, int, int], ...]:
    """``(line start, words' start, line end)`` of each turn, in order."""
    if ": " not in text:
        return ()
    lines: dict[str, list[tuple[int, int]]] = defaultdict(list)
    order: list[str] = []
    for match in _line_labels(text):
        if any(word.lower() in _NOT_SPEAKERS for word in match.group(1).split()):
            continue
        label = " ".join(match.group(1).split())
        lines[label].append((match.start(), match.end()))
        order.append(label)
    for label in enumerated(order):  # a numbered list's "Step 1:", "Step 2:" ...
        lines.pop(label, None)
    repeated = [label for label, found in lines.items() if len(found) >= MIN_TURNS]
    if all(common_words_only(label) for label in repeated):
        return ()  # a "DO:" / "DON'T:" list's heads, no speakers (a "WILL:" among names is one)
    labelled = sorted(
        (start, words, label)
        for label, found in lines.items()
        if len(found) >= MIN_TURNS
        for start, words in found
    )
    # speakers take turns: the labels change at least twice down the text ("Q: ... A: ... Q:")
    changes = sum(a[2] != b[2] for a, b in pairwise(labelled))
    if changes < MIN_CHANGES:
        return ()
    turns = []
    for start, words, _ in labelled:
        end = text.find("\n", start)
        turns.append((start, words, len(text) if end == -1 else end))
    return tuple(turns)
