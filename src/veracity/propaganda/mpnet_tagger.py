"""The MPNet span tagger's runtime (deep path): MPNet-base's top four layers fine-tuned with a
token head (:class:`MPNetTagger`), over the states its frozen lower eight layers give each
window of a sentence (:func:`encode_mpnet_segments`), in numpy: no torch.

Windows are MPNet's own: each segment's pieces (its tokenizer, :func:`veracity.embeddings.mpnet.mpnet_tokenizer`) in runs
of :data:`WINDOW_PIECES` between ``<s>`` and ``</s>``, with absolute character offsets, as the
tagger was trained on (``bench/propaganda_mpnet.py`` ``segment_windows``); their pieces differ
from the MiniLM taggers' windows, so the two mix at the token level
(:func:`veracity.propaganda.neural.token_probabilities` of each). The artefacts, written by the
tagger's trainer into the ``propaganda-tagger`` folder: ``mpnet-layer-{8..11}.npz`` (0-based
layer; the layer's tensors under transformers' names less ``encoder.layer.N.``) and
``mpnet-head.npz`` (``weight`` (1, 768), ``bias`` (1,)); the embeddings, layers 0-7 and the
relative position bias are the official model's (:mod:`veracity.embeddings.mpnet_files`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from veracity.artefacts import ArtefactSpec
from veracity.embeddings.mpnet import (
    BOS,
    EOS,
    HIDDEN,
    LAYER_TENSORS,
    PAD,
    RELATIVE_BIAS,
    get_mpnet,
    mpnet_layer,
    mpnet_tokenizer,
    position_bias,
)
from veracity.errors import ModelError
from veracity.propaganda.encoder import Window
from veracity.propaganda.neural import padded_piece_probabilities

WINDOW_PIECES = 126
# 0-based MPNet layers the tagger fine-tuned; it reads the states after the one below them
TUNED_LAYERS = (8, 9, 10, 11)
INPUT_LAYER = TUNED_LAYERS[0] - 1
LAYER_FILE = "mpnet-layer-{}.npz"
HEAD_FILE = "mpnet-head.npz"
BATCH = 16
# each tuned tensor's shape, as the official model's
SHAPES = {
    name: (HIDDEN, HIDDEN) if "attn" in name and name.endswith("weight") else (HIDDEN,)
    for name in LAYER_TENSORS
} | {
    "intermediate.dense.weight": (4 * HIDDEN, HIDDEN),
    "intermediate.dense.bias": (4 * HIDDEN,),
    "output.dense.weight": (HIDDEN, 4 * HIDDEN),
}
HEAD_SHAPES = {"weight": (1, HIDDEN), "bias": (1,)}


def mpnet_windows(
    text: str, segments: Sequence[tuple[int, int]]
) -> list[list[tuple[Window, list[int]]]]:
    """Each ``(start, end)`` segment's windows with their piece ids (``<s>`` and ``</s>``
    included), states not yet set."""
    encodings = mpnet_tokenizer().encode_batch(
        [text[start:end] for start, end in segments], add_special_tokens=False
    )
    out = []
    for (start, _), encoding in zip(segments, encodings, strict=True):
        own = []
        for at in range(0, len(encoding.ids), WINDOW_PIECES):
            pieces = encoding.offsets[at : at + WINDOW_PIECES]
            offsets = np.array([(-1, -1), *pieces, (-1, -1)], dtype=np.int64)
            offsets[1:-1] += start
            window = Window(
                int(offsets[1:-1, 0].min()),
                int(offsets[1:-1, 1].max()),
                offsets,
                np.zeros((len(offsets), 0), dtype=np.float32),
            )
            own.append((window, [BOS, *encoding.ids[at : at + WINDOW_PIECES], EOS]))
        out.append(own)
    return out


def encode_mpnet_segments(text: str, segments: Sequence[tuple[int, int]]) -> list[list[Window]]:
    """The MPNet windows of each ``(start, end)`` segment of ``text``, each with ``lower``: the
    states after 0-based MPNet layer :data:`INPUT_LAYER` (t, 768) float32 (``states`` holds no
    columns: the tagger reads no last layer)."""
    per_segment = mpnet_windows(text, segments)
    flat = [pair for own in per_segment for pair in own]
    encoder = get_mpnet(INPUT_LAYER + 1) if flat else None
    order = sorted(range(len(flat)), key=lambda i: len(flat[i][1]))
    for at in range(0, len(order), BATCH):
        rows = order[at : at + BATCH]
        width = max(len(flat[i][1]) for i in rows)
        ids = np.full((len(rows), width), PAD, dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for row, i in enumerate(rows):
            ids[row, : len(flat[i][1])] = flat[i][1]
            mask[row, : len(flat[i][1])] = 1
        states = encoder.hidden_states(ids, mask)[-1]  # type: ignore[union-attr]
        for row, i in enumerate(rows):
            flat[i][0].lower = states[row, : len(flat[i][1])].copy()
    return [[window for window, _ in own] for own in per_segment]


class MPNetTagger:
    """MPNet's fine-tuned top layers (``layers_``: 0-based layer -> its tensors by
    :data:`LAYER_TENSORS` name, float32) and a token head (``head_``: ``weight``, ``bias``)
    over the states after the layer below them; ``relative_bias_`` (32, 12): the official
    model's relative position bias, shared by every layer."""

    input_layer = INPUT_LAYER

    def __init__(
        self,
        layers_: dict[int, dict[str, np.ndarray]],
        head_: dict[str, np.ndarray],
        relative_bias_: np.ndarray,
    ) -> None:
        self.layers_ = {k: layers_[k] for k in sorted(layers_)}
        self.head_ = head_
        self.relative_bias_ = relative_bias_

    def windows(self, text: str, segments: Sequence[tuple[int, int]]) -> list[list[Window]]:
        """The windows this tagger reads, for each segment (:func:`encode_mpnet_segments`)."""
        return encode_mpnet_segments(text, segments)

    def logits(self, hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Per-piece logits (b, t) of ``hidden`` (b, t, 768) float32, ``mask`` (b, t) 1 on tokens."""
        bias = position_bias(self.relative_bias_, hidden.shape[1])
        x = hidden
        for weights in self.layers_.values():
            x = mpnet_layer(weights, "", x, mask, bias)
        return (x @ self.head_["weight"].T + self.head_["bias"])[..., 0]

    def piece_probabilities(self, windows: Sequence[Window]) -> list[np.ndarray]:
        """Each window's per-piece probabilities (``<s>``/``</s>``: 0)."""
        return padded_piece_probabilities(
            windows,
            self.input_layer,
            HIDDEN,
            self.logits,
            f"the MPNet span tagger needs the MPNet layer-{self.input_layer + 1} states of "
            "every window (encode_mpnet_segments)",
        )


def _arrays(
    path: Path, shapes: Mapping[str, tuple[int, ...]], spec: ArtefactSpec
) -> dict[str, np.ndarray]:
    """The float32 arrays of the npz file ``path``, each of its name's shape in ``shapes``,
    read from the bytes checked against the digest its card gives (never the file again by
    its name: what is checked is what loads)."""
    import io

    from veracity.errors import unreadable

    hint = spec.rebuild_hint
    try:
        data, _ = spec.checked_bytes(path)
    except FileNotFoundError:
        raise ModelError(f"the MPNet span tagger file {path} is missing; {hint}") from None
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"the MPNet span tagger file {path} is unreadable: {unreadable(exc)}; {hint}"
        ) from None
    if set(arrays) != set(shapes):
        raise ModelError(
            f"the MPNet span tagger file {path} holds {sorted(arrays)}, not {sorted(shapes)}; {hint}"
        )
    for name, array in arrays.items():
        if array.shape != shapes[name] or array.dtype not in (np.float16, np.float32):
            raise ModelError(
                f"the MPNet span tagger file {path}: {name} is {array.dtype} {array.shape}, "
                f"not float16 or float32 {shapes[name]}; {hint}"
            )
    return {name: array.astype(np.float32) for name, array in arrays.items()}


def load_mpnet_tagger(directory: Path | None = None) -> MPNetTagger:
    """The MPNet tagger of the ``propaganda-tagger`` folder (default: the shipped one), each
    file checked against the digest its card gives; the relative position bias that of the
    encoder it reads its inputs from (:func:`veracity.embeddings.mpnet.get_mpnet`, the official
    model file's bytes checked as they are read)."""
    from veracity.artefacts import ARTEFACTS

    spec = ARTEFACTS["propaganda-tagger"]
    directory = directory or spec.directory
    layers = {k: _arrays(directory / LAYER_FILE.format(k), SHAPES, spec) for k in TUNED_LAYERS}
    head = _arrays(directory / HEAD_FILE, HEAD_SHAPES, spec)
    # the encoder the tagger reads its inputs from (loaded here rather than at the first text),
    # its bias table from the bytes checked
    table = get_mpnet(INPUT_LAYER + 1).weights_[RELATIVE_BIAS]
    return MPNetTagger(layers, head, table)
