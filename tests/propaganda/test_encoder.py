"""MiniLM token states for the technique classifier: windows, piece offsets, pooled states."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from veracity.propaganda.encoder import (
    HIDDEN,
    WINDOW_PIECES,
    Window,
    encode_segments,
    pooled,
    window_bounds,
)

SENTENCE = "The unbelievably corrupt regime, said the minister, must be stopped now."


def _window(text: str) -> Window:
    return encode_segments(text, [(0, len(text))])[0][0]


def test_pieces_keep_absolute_offsets_into_the_text() -> None:
    text = "Headline here\n" + SENTENCE
    start = text.index("The")
    [windows] = encode_segments(text, [(start, len(text))])
    [window] = windows
    assert window.states.shape == (len(window.offsets), HIDDEN)
    assert list(window.offsets[0]) == [-1, -1] and list(window.offsets[-1]) == [-1, -1]
    surfaces = [text[s:e] for s, e in window.offsets[window.pieces]]
    assert surfaces[0] == "The" and surfaces[-1] == "."
    assert "".join(surfaces) == SENTENCE.replace(" ", "")


def test_a_long_sentence_is_cut_into_windows_between_words() -> None:
    text = " ".join(["Extraordinarily"] * 120 + ["questionable", "claims"] * 40) + "."
    bounds = window_bounds(text, 0, len(text))
    assert len(bounds) >= 3
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    for (_, end), (start, _) in itertools.pairwise(bounds):
        assert end == start and text[start - 1] == " "  # cut before a word, none lost
    windows = encode_segments(text, [(0, len(text))])[0]
    assert [(w.start, w.end) for w in windows] == bounds
    assert all(len(w.pieces) <= WINDOW_PIECES for w in windows)


@pytest.mark.parametrize(
    "text",
    [
        "x" * 3000,  # one "word" of hundreds of pieces
        "中文字符" * 200,
        "🙂 " * 300 + "end",
        "a\u0000b\u200bc " * 200,
        "Don't!!! ?!?! ... --- " * 60,
    ],
)
def test_any_text_is_cut_into_windows_that_fit(text: str) -> None:
    bounds = window_bounds(text, 0, len(text))
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a < b for a, b in bounds)
    for windows in encode_segments(text, [(0, len(text))]):
        assert all(len(w.pieces) <= WINDOW_PIECES for w in windows)
        for window in windows:
            assert window.states.shape == (len(window.offsets), HIDDEN)
            assert (window.offsets[window.pieces] >= 0).all()


def test_blank_segments_give_no_windows() -> None:
    assert encode_segments("   \n  ", [(0, 3)]) == [[]]
    assert encode_segments("", []) == []


def test_pooled_states_average_the_span_pieces() -> None:
    window = _window(SENTENCE)
    start = SENTENCE.index("regime")
    rows = [
        r
        for r in window.pieces
        if SENTENCE[window.offsets[r][0] : window.offsets[r][1]] == "regime"
    ]
    assert np.allclose(pooled([window], start, start + 6), window.states[rows].mean(axis=0))
    assert np.allclose(pooled([window]), window.states[window.pieces].mean(axis=0))
    assert not pooled([], 0, 3).any()


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    from veracity.propaganda.encoder import _tokenizer

    return [
        (s + start, e + start)
        for s, e in _tokenizer().encode(text[start:end]).offsets
        if (s, e) != (0, 0)
    ]


def test_context_windows_overlap_by_half_across_sentences() -> None:
    from veracity.propaganda.encoder import context_bounds

    sentences = [f"Sentence number {k} says the regime lied about item {k}." for k in range(40)]
    text = "\n".join(sentences)
    bounds = context_bounds(text, 0, len(text))
    pieces = _pieces(text, 0, len(text))
    assert len(pieces) > 3 * WINDOW_PIECES
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    for (start, end), (following, _) in itertools.pairwise(bounds):
        assert start < following < end  # each window overlaps the next
        assert text[following - 1].isspace()  # and starts at a word
    windows = [w for own in encode_segments(text, bounds) for w in own]
    assert [(w.start, w.end) for w in windows] == bounds  # each fits one encoder window
    assert all(len(w.pieces) <= WINDOW_PIECES for w in windows)
    assert sum(len(w.pieces) for w in windows) < 2.2 * len(pieces)  # about two readings each
    # every piece away from the text's ends has a quarter window of context on either side in
    # the window where it is most central
    central: dict[tuple[int, int], int] = {}
    for w in windows:
        for i in w.pieces:
            key = (int(w.offsets[i, 0]), int(w.offsets[i, 1]))
            central[key] = max(central.get(key, 0), min(i, len(w.offsets) - 1 - i))
    assert set(central) == set(pieces)
    inner = pieces[WINDOW_PIECES // 4 : -WINDOW_PIECES // 4]
    assert min(central[p] for p in inner) >= WINDOW_PIECES // 4 - 6


@pytest.mark.parametrize("text", ["x" * 3000, "🙂 " * 300 + "end", "   ", "Short one."])
def test_context_windows_of_any_text_fit(text: str) -> None:
    from veracity.propaganda.encoder import context_bounds

    bounds = context_bounds(text, 0, len(text))
    assert all(a < b for a, b in bounds)
    for windows in encode_segments(text, bounds):
        assert all(len(w.pieces) <= WINDOW_PIECES for w in windows)
