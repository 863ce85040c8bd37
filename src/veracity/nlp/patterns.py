"""Word patterns written as spaCy token patterns, matched by regular expressions over the text.

A pattern is a list of token dicts as spaCy's ``Matcher`` takes them, restricted to
``{"LOWER": word}`` or ``{"LOWER": {"IN": [...]}}`` with an optional ``"OP"`` of ``?`` or
``*``. Each is compiled once to a regular expression over :attr:`AnalysedText.lower`: words
must stand whole, tokens are separated by spaces or tabs (never a line break), and clitics and
punctuation ("n't", "'s", "-", ",") may follow their word directly, as in "don't" or "cover-up".

Running dozens of patterns over every sentence would cost milliseconds per article, so each
pattern is anchored on its rarest required token: a sentence is searched only for the patterns
whose anchor words it holds (found with one set intersection and ``str.find``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from veracity.nlp.document import AnalysedText

TokenPattern = list[dict]
_SEPARATOR = r"[^\S\n]*"
# A match holds its anchor word, so it lies within this many characters of it.
MAX_SPAN = 120
_GAP = 3  # characters allowed between two tokens when sizing a search window
_PARTS = re.compile(r"\w+")


def _alternatives(token: dict) -> list[str]:
    value = token["LOWER"]
    words = list(value["IN"]) if isinstance(value, dict) else [value]
    return [word.replace("’", "'") for word in words]


def _word_regex(word: str) -> str:
    """One alternative, whole-word at its word-character edges."""
    regex = re.escape(word)
    if word[:1].isalnum() and not word.startswith("n'"):
        regex = r"(?<!\w)" + regex
    if word[-1:].isalnum():
        # "do" must still match in "don't", which spaCy splits into "do" + "n't".
        regex += r"(?:(?!\w)|(?=n't))"
    return regex


def _token_regex(token: dict) -> str:
    words = sorted(_alternatives(token), key=len, reverse=True)
    return "(?:" + "|".join(_word_regex(word) for word in words) + ")"


def pattern_regex(pattern: TokenPattern) -> str:
    """The regular expression of one token pattern (see the module docstring)."""
    pieces: list[str] = []
    leading = True  # optional tokens before the first required one carry their separator after
    for token in pattern:
        op = token.get("OP", "")
        if op not in {"", "?", "*"}:
            raise ValueError(f"unsupported token operator {op!r}")
        regex = _token_regex(token)
        if leading and op:
            pieces.append(f"(?:{regex}{_SEPARATOR}){op}")
            continue
        piece = regex if leading else f"{_SEPARATOR}{regex}"
        pieces.append(f"(?:{piece}){op}" if op else piece)
        leading = False
    return "".join(pieces)


@dataclass(frozen=True, eq=False)
class _Compiled:
    label: str
    regex: re.Pattern[str]
    # Each required position's alternatives, with the longest part a text must hold for the
    # alternative to occur in it (None: too short to tell, as "n't" or ",").
    required: tuple[tuple[tuple[str, str | None], ...], ...]
    # For each required position, how far (in characters) a match may reach before its start
    # and after its end: the search window around an occurrence.
    reach: tuple[tuple[int, int], ...]


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
        # Each anchor word is indexed by its longest part of two or more word characters:
        # a text whose word set lacks that part cannot hold the anchor.
        self._by_key: dict[str, list[tuple[str, tuple[str, ...], _Compiled]]] = {}
        self._unkeyed: list[tuple[str, _Compiled]] = []
        for label, patterns in rules:
            for pattern in patterns:
                required = [_alternatives(t) for t in pattern if t.get("OP", "") == ""]
                if not required:
                    raise ValueError(f"pattern of {label!r} has no required token")
                compiled = _Compiled(
                    label,
                    re.compile(pattern_regex(pattern)),
                    tuple(tuple((word, _key(word)) for word in words) for words in required),
                    _reach(pattern),
                )
                for anchor in (anchor_for or _longest_shortest)(required):
                    parts = tuple(part for part in _PARTS.findall(anchor) if len(part) > 1)
                    if parts:
                        entry = (anchor, parts, compiled)
                        self._by_key.setdefault(max(parts, key=len), []).append(entry)
                    else:
                        self._unkeyed.append((anchor, compiled))

    def matches(self, analysed: AnalysedText) -> list[tuple[str, int, int]]:
        """``(label, start, end)`` of every pattern match inside one sentence, by position.

        The static anchors pick the patterns that may match; each is then searched around the
        occurrences of its required position that is rarest in this text.
        """
        words = analysed.words
        patterns = {id(compiled): compiled for _, compiled in self._unkeyed}
        for key in words & self._by_key.keys():
            for _, parts, compiled in self._by_key[key]:
                if all(part in words for part in parts):
                    patterns[id(compiled)] = compiled
        if not patterns:
            return []
        counts = analysed.word_counts
        candidates: list[tuple[str, tuple[int, int], _Compiled]] = []
        for compiled in patterns.values():
            anchors, reach = _rarest_position(compiled, counts)
            candidates.extend((anchor, reach, compiled) for anchor in anchors)
        lower = analysed.lower
        positions: dict[str, list[int]] = {}
        windows: dict[int, tuple[_Compiled, list[tuple[int, int]]]] = {}
        for anchor, (before, after), compiled in candidates:
            if anchor not in positions:
                positions[anchor] = _occurrences(lower, anchor)
            for position in positions[anchor]:
                sentence = analysed.sentence_at(position)
                if sentence is not None:
                    window = (
                        max(sentence.start, position - before),
                        min(sentence.end, position + len(anchor) + after),
                    )
                    windows.setdefault(id(compiled), (compiled, []))[1].append(window)
        found: set[tuple[str, int, int]] = set()
        for compiled, spans in windows.values():
            for start, end in _merged(spans):
                for match in compiled.regex.finditer(lower, start, end):
                    if match.end() > match.start():
                        found.add((compiled.label, match.start(), match.end()))
        return sorted(found, key=lambda m: (m[1], m[2]))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _key(word: str) -> str | None:
    parts = [part for part in _PARTS.findall(word) if len(part) > 1]
    return max(parts, key=len) if parts else None


def _reach(pattern: TokenPattern) -> tuple[tuple[int, int], ...]:
    """``(before, after)`` character reach of a match around each required position."""
    spans = [
        MAX_SPAN if token.get("OP") == "*" else max(map(len, _alternatives(token))) + _GAP
        for token in pattern
    ]
    return tuple(
        (min(sum(spans[:i]), MAX_SPAN), min(sum(spans[i + 1 :]) + _GAP, MAX_SPAN))
        for i, token in enumerate(pattern)
        if token.get("OP", "") == ""
    )


def _rarest_position(
    compiled: _Compiled, counts: dict[str, int]
) -> tuple[list[str], tuple[int, int]]:
    """The alternatives of the required position with the fewest occurrences in the text.

    Empty when some required position cannot occur at all (the pattern cannot match).
    """
    best: list[str] | None = None
    best_reach = (MAX_SPAN, MAX_SPAN)
    best_total = -1
    for position, reach in zip(compiled.required, compiled.reach, strict=True):
        total = 0
        present = []
        for word, key in position:
            if key is None:
                total = -1
                break
            if counts.get(key, 0):
                total += counts[key]
                present.append(word)
        if total == 0:
            return [], best_reach
        if total > 0 and (best is None or total < best_total):
            best, best_total, best_reach = present, total, reach
    if best is None:  # every position holds a short word: search for all of the first
        return [word for word, _ in compiled.required[0]], (MAX_SPAN, MAX_SPAN)
    return best, best_reach


def _longest_shortest(required: list[list[str]]) -> list[str]:
    return max(required, key=lambda words: min(map(len, words)))


def _occurrences(lower: str, word: str) -> list[int]:
    """Start offsets of ``word`` where it is not glued to other word characters."""
    positions = []
    check_before = word[:1].isalnum() and not word.startswith("n'")
    check_after = word[-1:].isalnum()
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
