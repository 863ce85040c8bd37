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
