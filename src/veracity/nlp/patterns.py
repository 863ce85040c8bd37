"""Word patterns written as spaCy token patterns, matched by regular expressions over the text.

A pattern is a list of token dicts as spaCy's ``Matcher`` takes them, restricted to
``{"LOWER": word}`` or ``{"LOWER": {"IN": [...]}}`` with an optional ``"OP"`` of ``?`` or
``*``, plus ``{"WORD": True, "OP": "?"}``: any one word (spaCy's ``{}``), optional only, so
that a family of phrasings ("a source close to the ministry told", "a royal insider said")
is one pattern with a gap, not one pattern per filler. Each is compiled once to a regular expression over :attr:`AnalysedText.lower`: words
must stand whole, tokens are separated by spaces or tabs (never a line break), and clitics and
punctuation ("n't", "'s", "-", ",") may follow their word directly, as in "don't" or "cover-up".

Running dozens of patterns over every sentence would cost milliseconds per article, so each
pattern is anchored on its rarest required token: a sentence is searched only for the patterns
whose anchor words it holds (found with one set intersection and ``str.find``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby

from veracity.nlp.document import AnalysedText

TokenPattern = list[dict]
_SEPARATOR = r"[^\S\n]*"
# A match holds its anchor word, so it lies within this many characters of it.
MAX_SPAN = 120
_GAP = 3  # characters allowed between two tokens when sizing a search window
_PARTS = re.compile(r"\w+")


# Any one word (letters, digits, inner hyphens or apostrophes), standing whole.
_ANY_WORD = r"(?<!\w)(?>\w+(?:[-'’]\w+)*)(?!\w)"  # atomic: a word is never split
_ANY_WORD_CHARS = 20  # the reach of one wildcard word when sizing a search window


def _is_wildcard(token: dict) -> bool:
    return token.get("WORD") is True


def _alternatives(token: dict) -> list[str]:
    value = token["LOWER"]
    words = list(value["IN"]) if isinstance(value, dict) else [value]
    return [word.replace("’", "'") for word in words]


_WORD_START = r"(?<!\w)"
# "do" must still match in "don't", which spaCy splits into "do" + "n't".
_WORD_END = r"(?:(?!\w)|(?=n't))"


def _edges(word: str) -> tuple[bool, bool]:
    """Whether ``word`` must stand whole at its start and at its end (word-character edges)."""
    return word[:1].isalnum() and not word.startswith("n'"), word[-1:].isalnum()


def _token_regex(token: dict) -> str:
    """The alternatives, longest first, each whole-word at its word-character edges.

    Neighbouring alternatives with the same edges share one edge test, so a position inside a
    word fails one lookbehind instead of one per alternative (same matches, far fewer steps).
    """
    words = sorted(_alternatives(token), key=len, reverse=True)
    runs = []
    for (whole_start, whole_end), run in groupby(words, key=_edges):
        regex = "(?:" + "|".join(map(re.escape, run)) + ")"
        runs.append((_WORD_START if whole_start else "") + regex + (_WORD_END if whole_end else ""))
    return "(?:" + "|".join(runs) + ")"


def pattern_regex(pattern: TokenPattern) -> str:
    """The regular expression of one token pattern (see the module docstring)."""
    pieces: list[str] = []
    leading = True  # optional tokens before the first required one carry their separator after
    for token in pattern:
        op = token.get("OP", "")
        if op not in {"", "?", "*"}:
            raise ValueError(f"unsupported token operator {op!r}")
        if _is_wildcard(token) and not op:
            raise ValueError("a wildcard token must be optional (OP '?' or '*')")
        regex = _ANY_WORD if _is_wildcard(token) else _token_regex(token)
        if leading and op:
            pieces.append(f"(?:{regex}{_SEPARATOR}){op}")
            continue
        piece = regex if leading else f"{_SEPARATOR}{regex}"
        pieces.append(f"(?:{piece}){op}" if op else piece)
        leading = False
    return "".join(pieces)


@dataclass(frozen=True, eq=False)
class _Position:
    """One required token position of a pattern: its alternatives and a match's reach around it."""

    words: tuple[str, ...]
    # The alternatives by the longest part (two or more word characters) a text must hold for
    # each to occur in it; None when an alternative is too short to tell ("n't", ","), so the
    # position cannot be counted.
    by_key: dict[str, tuple[str, ...]] | None
    # How far (in characters) a match may reach before and after an occurrence of the position:
    # the search window around it.
    reach: tuple[int, int]
    # The keys of ``by_key`` as a set, and whether each key stands for one alternative only
    # (then a key's occurrences are the count to add up).
    keys: frozenset[str] = frozenset()
    one_word_per_key: bool = True


@dataclass(frozen=True, eq=False)
class _Compiled:
    label: str
    regex: re.Pattern[str]
    required: tuple[_Position, ...]

    def rarest_position(
        self, counts: Counter[str], words: frozenset[str] | None = None
    ) -> tuple[list[str], tuple[int, int]]:
        """The alternatives of the required position with the fewest occurrences in the text.

        Empty when some required position cannot occur at all (the pattern cannot match).
        ``words``: the text's words (the keys of ``counts``) as a set, when at hand.
        """
        words = frozenset(counts) if words is None else words
        best: _Position | None = None
        best_held: frozenset[str] = frozenset()
        best_total = 0
        for position in self.required:
            if position.by_key is None:
                continue
            held = position.keys & words  # a set operation over the smaller of the two
            if not held:
                return [], (MAX_SPAN, MAX_SPAN)
            if position.one_word_per_key:
                total = sum(map(counts.__getitem__, held))
            else:
                by_key = position.by_key
                total = sum(counts[key] * len(by_key[key]) for key in held)
            if best is None or total < best_total:
                best, best_held, best_total = position, held, total
        if best is None:  # every position holds a short word: search for all of the first
            return list(self.required[0].words), (MAX_SPAN, MAX_SPAN)
        by_key = best.by_key or {}
        return [word for key in best_held for word in by_key[key]], best.reach


class TokenPatterns:
    """Labelled token patterns, each anchored on one of its required positions.

    ``anchor_for`` picks, from a pattern's required positions (each a list of alternative
    words), the one to anchor on; the default takes the position whose shortest word is
    longest (long words are rare words).
    """

    def __init__(
        self,
        rules: Iterable[tuple[str, Sequence[TokenPattern]]],
        anchor_for=None,
    ) -> None:
        # Each anchor word is indexed by its longest part of two or more word characters, with
        # all its parts: a text whose word set lacks one of them cannot hold the anchor.
        self._by_key: dict[str, list[tuple[frozenset[str], _Compiled]]] = {}
        self._unkeyed: list[_Compiled] = []
        self._rank: dict[str, int] = {}  # labels in the order given, to break ties between them
        for label, patterns in rules:
            self._rank.setdefault(label, len(self._rank))
            for pattern in patterns:
                required = [_alternatives(t) for t in pattern if t.get("OP", "") == ""]
                if not required:
                    raise ValueError(f"pattern of {label!r} has no required token")
                reach = _reach(pattern)
                compiled = _Compiled(
                    label,
                    re.compile(pattern_regex(pattern)),
                    tuple(map(_position, required, reach)),
                )
                for anchor in (anchor_for or _longest_shortest)(required):
                    parts = [part for part in _PARTS.findall(anchor) if len(part) > 1]
                    if parts:
                        entry = (frozenset(parts), compiled)
                        self._by_key.setdefault(max(parts, key=len), []).append(entry)
                    else:
                        self._unkeyed.append(compiled)
        self._keys = frozenset(self._by_key)

    def matches(self, analysed: AnalysedText) -> list[tuple[str, int, int]]:
        """``(label, start, end)`` of every pattern match inside one sentence, by position.

        Matches of several labels over the same span come in the order the labels were given.
        The static anchors pick the patterns that may match; each is then searched around the
        occurrences of its required position that is rarest in this text.
        """
        words = analysed.words
        patterns = dict.fromkeys(self._unkeyed)
        for key in self._keys & words:
            for parts, compiled in self._by_key[key]:
                if parts <= words:
                    patterns[compiled] = None
        lower, counts = analysed.lower, analysed.word_counts
        # each anchor's occurrences inside a sentence: (start, end, sentence start, sentence end)
        occurrences: dict[str, list[tuple[int, int, int, int]]] = {}
        found: set[tuple[str, int, int]] = set()
        for compiled in patterns:
            anchors, (before, after) = compiled.rarest_position(counts, words)
            windows = []
            for anchor in anchors:
                if anchor not in occurrences:
                    occurrences[anchor] = [
                        (position, position + len(anchor), sentence.start, sentence.end)
                        for position in _occurrences(lower, anchor)
                        if (sentence := analysed.sentence_at(position)) is not None
                    ]
                windows += [
                    (max(first, start - before), min(last, end + after))
                    for start, end, first, last in occurrences[anchor]
                ]
            for start, end in _merged(windows):
                for match in compiled.regex.finditer(lower, start, end):
                    if match.end() > match.start():
                        found.add((compiled.label, match.start(), match.end()))
        return sorted(found, key=lambda m: (m[1], m[2], self._rank[m[0]]))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _position(words: list[str], reach: tuple[int, int]) -> _Position:
    by_key: dict[str, tuple[str, ...]] = {}
    for word in words:
        key = _key(word)
        if key is None:
            return _Position(tuple(words), None, reach)
        by_key[key] = (*by_key.get(key, ()), word)
    single = all(len(alternatives) == 1 for alternatives in by_key.values())
    return _Position(tuple(words), by_key, reach, frozenset(by_key), single)


def _key(word: str) -> str | None:
    parts = [part for part in _PARTS.findall(word) if len(part) > 1]
    return max(parts, key=len) if parts else None


def _reach(pattern: TokenPattern) -> list[tuple[int, int]]:
    """``(before, after)`` character reach of a match around each required position."""
    spans = [
        MAX_SPAN
        if token.get("OP") == "*"
        else (_ANY_WORD_CHARS if _is_wildcard(token) else max(map(len, _alternatives(token))))
        + _GAP
        for token in pattern
    ]
    return [
        (min(sum(spans[:i]), MAX_SPAN), min(sum(spans[i + 1 :]) + _GAP, MAX_SPAN))
        for i, token in enumerate(pattern)
        if token.get("OP", "") == ""
    ]


def _longest_shortest(required: list[list[str]]) -> list[str]:
    return max(required, key=lambda words: min(map(len, words)))


def _occurrences(lower: str, word: str) -> list[int]:
    """Start offsets of ``word`` where it is not glued to other word characters."""
    positions = []
    check_before, check_after = _edges(word)
    at = lower.find(word)
    while at != -1:
        end = at + len(word)
        glued_after = (
            check_after
            and end < len(lower)
            and _is_word_char(lower[end])
            and not lower.startswith("n't", end)
        )
        if not (check_before and at > 0 and _is_word_char(lower[at - 1])) and not glued_after:
            positions.append(at)
        at = lower.find(word, at + 1)
    return positions


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"
