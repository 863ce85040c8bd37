"""Typography a reader does not see: quotation-mark style and hard-wrapped lines.

An outlet's typography says nothing about whether its story is true, yet a model fitted on
outlets learns it: "clinton's" and "clinton’s" were two terms with weights of their own, and a
line break counted as a sentence end, so text wrapped at 72 columns read as short sentences,
and the signal detectors, which take a line break for a paragraph's end, cut its sentences.
Ingest joins a plain-text body's wrapped lines (:func:`unwrap_lines`), so every stage reads a
wrapped article as it was written; :func:`normalise` does both for the reliability model's text
(training corpora included). Both are length-preserving (each character becomes one character),
so an offset into the normalised text is an offset into the text it came from.

Path: fast (a few string scans per article).
"""

from __future__ import annotations

from itertools import pairwise

# Typographic quotation marks and apostrophes, each folded to its straight form.
_QUOTES = (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'))
# A text is hard-wrapped when its body lines all fit a narrow width ...
_MAX_WRAP_WIDTH = 100
_MIN_WRAP_WIDTH = 40
# ... and most of them fill it (a line ending a paragraph or a heading is shorter).
_FULL_LINE = 0.7
_MIN_FULL_LINES = 3
_MIN_FULL_SHARE = 0.5
# ... and a wrap cuts sentences: the next line often goes on in lower case (a list's lines,
# headlines one a line, start with a capital).
_MIN_CONTINUED_SHARE = 0.3


def fold_quotes(text: str) -> str:
    """``text`` with typographic quotation marks and apostrophes made straight (’ → ', “ → ")."""
    if text.isascii():
        return text
    for typographic, straight in _QUOTES:
        if typographic in text:
            text = text.replace(typographic, straight)
    return text


def unwrap_lines(text: str, headline: bool = True) -> str:
    """``text`` with the line breaks of hard-wrapped paragraphs made spaces.

    Blank lines stay, and so does the first line's break when ``headline`` (the model text's
    first line is its title; ingest passes a body alone). A text counts as hard-wrapped when
    its body's longest line is 40 to 100 characters, at least three lines, and half of the
    lines followed by another line, are 70% as long as that (the shape a mail client or a
    terminal gives a paragraph), and at least 30% of those full lines go on in lower case on
    the next line (a list of headlines, one a line, has the shape but starts each line anew).
    Then a break after such a full line, within a paragraph, is a wrap; a break after a short
    line (a paragraph's last line, a heading) stays. Articles written one paragraph a line,
    and headings above paragraphs, are left as they are.
    """
    start = text.find("\n") + 1 if headline else 0  # where the body's lines start
    if headline and not start:
        return text
    breaks = text.count("\n", start)
    # every line of a wrapped body fits the width: more characters a line than that, no wrap
    if breaks < _MIN_FULL_LINES or len(text) - start > (_MAX_WRAP_WIDTH + 1) * (breaks + 1):
        return text
    lines = text[start:].split("\n")
    width = max((len(line) for line in lines if line.strip()), default=0)
    if not _MIN_WRAP_WIDTH <= width <= _MAX_WRAP_WIDTH:
        return text
    full = width * _FULL_LINE
    # lines with a next line in their paragraph: the only places a wrap can be
    inner = [
        (len(line), after.lstrip()[:1].islower())
        for line, after in pairwise(lines)
        if line.strip() and after.strip()
    ]
    n_full = sum(1 for n, _ in inner if n >= full)
    if n_full < _MIN_FULL_LINES or n_full < _MIN_FULL_SHARE * len(inner):
        return text
    if sum(1 for n, lower in inner if n >= full and lower) < _MIN_CONTINUED_SHARE * n_full:
        return text
    joined = "".join(
        line + (" " if len(line) >= full and after.strip() else "\n")
        for line, after in pairwise(lines)
    )
    return text[:start] + joined + lines[-1]


def normalise(text: str) -> str:
    """The model text's typography made uniform: :func:`fold_quotes`, then :func:`unwrap_lines`."""
    return unwrap_lines(fold_quotes(text))
