"""MiniLM token states of sentences for the span tagger and the technique classifier.

Each sentence is cut into windows of at most :data:`WINDOW_PIECES` word pieces (the shared
encoder reads 128 tokens with ``[CLS]`` and ``[SEP]``), cut before a word, never inside one.
The shared int8 ONNX encoder (:mod:`veracity.embeddings`) gives each window's last hidden
states and, from the same run, the states after MiniLM layer 4 (the span tagger's input,
:func:`veracity.embeddings.encoder.get_layer_encoder`); the pieces keep their absolute character offsets, so predictions map back to the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from veracity.embeddings.model_files import minilm_tokenizer_json

WINDOW_PIECES = 126
HIDDEN = 384


@dataclass(slots=True)
class Window:
    """One encoder input: a stretch of a sentence, its pieces' offsets and hidden states.

    ``offsets`` (t, 2) are absolute character offsets, ``(-1, -1)`` for ``[CLS]``/``[SEP]``;
    ``states`` (t, 384) float32 are the encoder's last hidden states, specials included;
    ``lower`` (t, 384) the states after the MiniLM layer encoded (by default layer 4) of the
    same run (``None`` where a caller keeps only the last ones); ``below``: when several layers
    were encoded (an ensemble of taggers reading different layers), the states after each, by
    0-based layer (``lower`` is the lowest's), else ``None``.
    """

    start: int
    end: int
    offsets: np.ndarray
    states: np.ndarray
    lower: np.ndarray | None = None
    below: dict[int, np.ndarray] | None = None

    @property
    def pieces(self) -> np.ndarray:
        """Row indices of the real word pieces (not ``[CLS]``/``[SEP]``)."""
        return np.flatnonzero(self.offsets[:, 0] >= 0)

    def after(self, layer: int) -> np.ndarray | None:
        """The states after 0-based MiniLM layer ``layer``: from :attr:`below` when the window
        holds several layers' (None when not that one), else :attr:`lower` (a window encoded at
        one layer, the one its reader asked for)."""
        if self.below is not None:
            return self.below.get(layer)
        return self.lower

    def __setstate__(self, state: tuple[None, dict[str, object]] | dict[str, object]) -> None:
        # windows pickled before ``below`` existed (the trainers' corpus caches) lack it
        slots = state[1] if isinstance(state, tuple) else state
        self.below = None
        for name, value in slots.items():
            setattr(self, name, value)


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_str(minilm_tokenizer_json())
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def window_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each window of ``text[start:end]``, each at most WINDOW_PIECES pieces."""
    bounds: list[tuple[int, int]] = []
    tokenizer = _tokenizer()
    while start < end:
        while start < end and text[start].isspace():
            start += 1
        if start >= end:
            break
        offsets = [o for o in tokenizer.encode(text[start:end]).offsets if o != (0, 0)]
        if len(offsets) <= WINDOW_PIECES:
            bounds.append((start, end))
            break
        # cut before the last piece of the window that starts a word (not a ##continuation)
        cut = WINDOW_PIECES
        while cut > WINDOW_PIECES // 2 and offsets[cut][0] == offsets[cut - 1][1]:
            cut -= 1
        cut_at = start + offsets[cut][0]
        if cut_at <= start:  # pieces that all sit on the first character: cut after them
            cut_at = start + max(offsets[WINDOW_PIECES - 1][1], 1)
        bounds.append((start, cut_at))
        start = cut_at
    return bounds


def context_bounds(
    text: str, start: int, end: int, stride: int = WINDOW_PIECES // 2
) -> list[tuple[int, int]]:
    """``(start, end)`` of overlapping windows over ``text[start:end]`` read across sentences
    (a context tagger's input): each at most WINDOW_PIECES pieces, cut before a word, the next
    starting at the last word start at most ``stride`` pieces after it, so that with the default
    stride every piece but the text's first and last lies in two windows, once at most a
    quarter window from a window's middle (:func:`veracity.propaganda.neural.token_probabilities`
    reads each piece from the window where it is most central)."""
    if stride < 1 or stride > WINDOW_PIECES:
        raise ValueError(f"a stride of 1 to {WINDOW_PIECES} pieces, not {stride}")
    encoding = _tokenizer().encode(text[start:end])
    offsets = [(s + start, e + start) for s, e in encoding.offsets if (s, e) != (0, 0)]
    if not offsets:
        return []

    def word_start(k: int) -> bool:
        return k == 0 or offsets[k][0] != offsets[k - 1][1]

    bounds: list[tuple[int, int]] = []
    first = 0
    while True:
        last = first + WINDOW_PIECES  # one past the window's last piece
        if last >= len(offsets):
            bounds.append((offsets[first][0], offsets[-1][1]))
            return bounds
        cut = last
        while cut > first + WINDOW_PIECES // 2 and not word_start(cut):
            cut -= 1
        if not word_start(cut):  # a word longer than half a window: cut inside it
            cut = last
        bounds.append((offsets[first][0], offsets[cut - 1][1]))
        following = min(first + stride, cut)
        while following > first + 1 and not word_start(following):
            following -= 1
        first = following


def encode_segments(
    text: str, segments: Sequence[tuple[int, int]], layer: int | Sequence[int] | None = None
) -> list[list[Window]]:
    """The windows of each ``(start, end)`` segment of ``text``, with their token states;
    ``lower``: the states after 0-based MiniLM layer ``layer`` (default
    :data:`veracity.embeddings.encoder.LOWER_LAYER`, after layer 4). Several layers (a
    sequence): one run of the graph exposing them all, each window's :attr:`Window.below`
    holding each one's states and ``lower`` the lowest's."""
    from veracity.embeddings.encoder import LOWER_LAYER, get_layer_encoder

    layers = (
        (LOWER_LAYER,) if layer is None
        else (layer,) if isinstance(layer, int)
        else tuple(sorted(set(layer)))
    )  # fmt: skip
    per_segment = [window_bounds(text, s, e) for s, e in segments]
    flat = [b for bounds in per_segment for b in bounds]
    if not flat:
        return [[] for _ in segments]
    texts = [text[s:e] for s, e in flat]
    encodings = _tokenizer().encode_batch(texts)
    empty = np.zeros((0, HIDDEN), dtype=np.float32)
    states: list[np.ndarray] = [empty] * len(flat)
    lower: list[list[np.ndarray]] = [[empty] * len(layers) for _ in flat]
    encoder = get_layer_encoder(layers[0] if len(layers) == 1 else layers)
    for index, (hidden, *below_states), mask in encoder.all_token_states(texts):
        for row, at in enumerate(index):
            n = int(mask[row].sum())
            states[at] = hidden[row, :n].astype(np.float32)
            lower[at] = [b[row, :n].astype(np.float32) for b in below_states]
    windows: list[Window] = []
    for (start, end), encoding, hidden, below in zip(flat, encodings, states, lower, strict=True):
        special = np.array(encoding.special_tokens_mask, dtype=bool)
        offsets = np.array(encoding.offsets, dtype=np.int64).reshape(-1, 2) + start
        offsets[special] = -1
        n = min(len(offsets), len(hidden))
        kept = [b[:n] for b in below]
        each = dict(zip(layers, kept, strict=True)) if len(layers) > 1 else None
        windows.append(Window(start, end, offsets[:n], hidden[:n], kept[0], each))
    out: list[list[Window]] = []
    at = 0
    for bounds in per_segment:
        out.append(windows[at : at + len(bounds)])
        at += len(bounds)
    return out


def pooled(
    windows: Sequence[Window], start: int | None = None, end: int | None = None
) -> np.ndarray:
    """Mean state of the pieces overlapping ``[start, end)`` (all pieces when not given)."""
    rows = []
    for window in windows:
        pieces = window.pieces
        if start is not None and end is not None:
            o = window.offsets[pieces]
            pieces = pieces[(o[:, 0] < end) & (o[:, 1] > start)]
        if len(pieces):
            rows.append(window.states[pieces])
    if not rows:
        return np.zeros(HIDDEN, dtype=np.float32)
    return np.concatenate(rows).mean(axis=0)
