"""The neural span taggers: MiniLM's top layers, fine-tuned, over the shared encoder's states
after the layer below them (the shipped ensemble: the top five over the layer-1 states and the
top two over the layer-4 states, :class:`TaggerMix`).

The shared int8 ONNX encoder (:mod:`veracity.propaganda.encoder`) gives each sentence window's
states after that MiniLM layer (an intermediate output of the same graph, same run); fine-tuned
copies of the layers above it (2-6; trained with torch, run here in numpy, no torch) and a linear head give
each word piece a probability of lying inside a propaganda span. A
token's probability is the mean of its pieces'. The shipped model averages the taggers' and
mixes them with the CRF's marginal (:class:`veracity.propaganda.model.PropagandaModel`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from veracity.errors import ModelError
from veracity.propaganda.encoder import HIDDEN, Window
from veracity.propaganda.features import TokenSpan

BATCH = 16
# MiniLM-L6's transformer layers: a tagger of the top ``k`` reads the states after layer 6 - k
MINILM_LAYERS = 6


def tagger_logits(
    weights: dict[str, np.ndarray], layers: int, hidden: np.ndarray, mask: np.ndarray
) -> np.ndarray:
    """Per-piece logits ``(b, t)`` of ``hidden`` (b, t, 384) float32, ``mask`` (b, t) 1 on tokens."""
    # imported here: the fast path imports this module through the signal registry and runs
    # no layer
    from veracity.embeddings.layers import bert_layer

    x = hidden
    for layer in range(layers):
        x = bert_layer(weights, f"layers.{layer}.", x, mask)
    return (x @ weights["out.weight"].T + weights["out.bias"])[..., 0]


def padded_piece_probabilities(
    windows: Sequence[Window],
    input_layer: int,
    hidden_size: int,
    logits: Callable[[np.ndarray, np.ndarray], np.ndarray],
    missing: str,
) -> list[np.ndarray]:
    """Each window's per-piece probabilities (specials: 0) from a tagger's ``logits`` of
    (hidden (b, t, ``hidden_size``) float32, mask (b, t) 1 on tokens) -> (b, t) over each
    window's states after ``input_layer`` (:meth:`Window.after`), in batches of :data:`BATCH`
    windows of similar length, each padded to its longest. The MiniLM taggers and the MPNet
    tagger (:mod:`veracity.propaganda.mpnet_tagger`) both read this way. :class:`ModelError`
    (``missing``) when a window lacks those states."""
    lower = [w.after(input_layer) for w in windows]
    if any(states is None for states in lower):
        raise ModelError(missing)
    out: list[np.ndarray] = [np.zeros(0)] * len(windows)
    order = sorted(range(len(windows)), key=lambda i: len(windows[i].offsets))
    for at in range(0, len(order), BATCH):
        rows = order[at : at + BATCH]
        width = max(len(windows[i].offsets) for i in rows)
        if width == 0:
            continue
        hidden = np.zeros((len(rows), width, hidden_size), dtype=np.float32)
        mask = np.zeros((len(rows), width), dtype=np.float32)
        for row, i in enumerate(rows):
            n = len(windows[i].offsets)
            hidden[row, :n] = lower[i]
            mask[row, :n] = 1.0
        probabilities = 1.0 / (1.0 + np.exp(-np.clip(logits(hidden, mask), -30.0, 30.0)))
        for row, i in enumerate(rows):
            p = probabilities[row, : len(windows[i].offsets)].astype(np.float64)
            p[windows[i].offsets[:, 0] < 0] = 0.0
            out[i] = p
    return out


class NeuralTagger:
    """Fine-tuned top BERT layers + a token head over MiniLM's states after the layer below
    them (:attr:`Window.lower`, encoded at :attr:`input_layer`).

    ``weights_``: parameter name -> float16 array (computed in float32); ``layers_``: how many
    layers.
    """

    def __init__(self, weights_: dict[str, np.ndarray], layers_: int) -> None:
        self.weights_ = weights_
        self.layers_ = layers_

    @property
    def input_layer(self) -> int:
        """The 0-based MiniLM layer whose states (:meth:`Window.after`) the tagger reads: the
        one below its fine-tuned copies (3, after layer 4, for the top two)."""
        return MINILM_LAYERS - self.layers_ - 1

    @property
    def input_layers(self) -> tuple[int, ...]:
        """The layers whose states its windows must hold (:func:`encode_segments`)."""
        return (self.input_layer,)

    def __getstate__(self) -> dict:
        # the float32 copy is derived; only the float16 weights are stored
        return {k: v for k, v in self.__dict__.items() if k != "_weights32"}

    def _float32(self) -> dict[str, np.ndarray]:
        cached: dict[str, np.ndarray] | None = getattr(self, "_weights32", None)
        if cached is None:
            cached = {k: np.asarray(v, dtype=np.float32) for k, v in self.weights_.items()}
            self._weights32 = cached
        return cached

    def piece_probabilities(self, windows: Sequence[Window]) -> list[np.ndarray]:
        """Each window's per-piece probabilities (``[CLS]``/``[SEP]``: 0)."""
        weights = self._float32()
        return padded_piece_probabilities(
            windows,
            self.input_layer,
            HIDDEN,
            lambda hidden, mask: tagger_logits(weights, self.layers_, hidden, mask),
            "the span tagger needs the encoder's "
            f"{'embedding output' if self.input_layer < 0 else f'layer-{self.input_layer + 1} states'}"
            " of every window",
        )


class TaggerMix:
    """Taggers whose piece probabilities are averaged with fixed shares (summing to 1): an
    ensemble of taggers fine-tuned from different depths, which make different errors. Each
    reads its own layer's states of the same windows (encoded at all of :attr:`input_layers` in
    one run of the graph). A token's probability, the mean of its pieces', is then the same
    average of the members' token probabilities."""

    def __init__(self, members: Sequence[NeuralTagger], shares: Sequence[float]) -> None:
        if not members or len(members) != len(shares):
            raise ModelError("a tagger mix needs one share per tagger")
        if any(share < 0 for share in shares) or abs(sum(shares) - 1.0) > 1e-6:
            raise ModelError(f"the shares of a tagger mix must be >= 0 and sum to 1: {shares}")
        self.members_ = list(members)
        self.shares_ = [float(share) for share in shares]

    @property
    def input_layers(self) -> tuple[int, ...]:
        """The layers the members read, lowest first."""
        return tuple(sorted({member.input_layer for member in self.members_}))

    def piece_probabilities(self, windows: Sequence[Window]) -> list[np.ndarray]:
        """Each window's per-piece probabilities: the members' averaged with their shares."""
        out: list[np.ndarray] = [np.zeros(len(w.states)) for w in windows]
        for member, share in zip(self.members_, self.shares_, strict=True):
            if share == 0:
                continue
            for i, p in enumerate(member.piece_probabilities(windows)):
                out[i] = out[i] + share * p
        return out


def token_probabilities(
    windows: Sequence[Window], probabilities: Sequence[np.ndarray], tokens: Sequence[TokenSpan]
) -> np.ndarray:
    """Each token's probability: the mean of the pieces that overlap it (0 when none do). A
    piece read in several overlapping windows (a context tagger's,
    :func:`veracity.propaganda.encoder.context_bounds`) counts once, from the window where it is
    most central (farthest from the window's ends); a sentence's windows never overlap."""
    if not tokens:
        return np.zeros(0)
    starts, ends, values, central = [], [], [], []
    for window, p in zip(windows, probabilities, strict=True):
        pieces = window.pieces
        starts.append(window.offsets[pieces, 0])
        ends.append(window.offsets[pieces, 1])
        values.append(p[pieces])
        central.append(np.minimum(pieces, len(window.offsets) - 1 - pieces))
    if not starts:
        return np.zeros(len(tokens))
    start, end, value = np.concatenate(starts), np.concatenate(ends), np.concatenate(values)
    if len(windows) > 1:
        order = np.lexsort((-np.concatenate(central), end, start))
        first = np.ones(len(order), dtype=bool)
        first[1:] = (start[order][1:] != start[order][:-1]) | (end[order][1:] != end[order][:-1])
        if not first.all():  # the same piece in several windows: keep its most central reading
            kept = np.sort(order[first])
            start, end, value = start[kept], end[kept], value[kept]
    out = np.zeros(len(tokens))
    if np.all(start[1:] >= start[:-1]) and np.all(end[1:] >= end[:-1]):
        # Pieces in order (a sentence's are): the pieces overlapping a token are the run after
        # the last one ending by its start and before the first one starting at its end, found
        # by bisection. Comparing every token with every piece cost a sentence's length squared
        # (hostile round 13: 1.3 CPU-s for 32,000 tokens, 0.11 now).
        first = np.searchsorted(end, [t.start for t in tokens], side="right")
        stop = np.searchsorted(start, [t.end for t in tokens], side="left")
        for k, (lo, hi) in enumerate(zip(first.tolist(), stop.tolist(), strict=True)):
            if hi > lo:
                out[k] = float(value[lo:hi].mean())
        return out
    for k, token in enumerate(tokens):
        inside = (start < token.end) & (end > token.start)
        if inside.any():
            out[k] = float(value[inside].mean())
    return out


TAGGER_MODEL_FILE = "tagger.joblib"

SpanTagger = NeuralTagger | TaggerMix


def mixed_tagger(taggers: Sequence[NeuralTagger], shares: Sequence[float]) -> SpanTagger:
    """One tagger as it is, or several as a :class:`TaggerMix` with their ``shares`` of the
    CRF mix rescaled to sum to 1 (even shares when all are 0)."""
    if len(taggers) == 1:
        return taggers[0]
    total = sum(shares)
    return TaggerMix(taggers, [share / total if total else 1 / len(taggers) for share in shares])


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _share(value: object) -> bool:
    """Whether a card's ``value`` is a number a threshold, peak or weight can be: from 0 to 1
    (NaN is not; neither is ``true``)."""
    return _number(value) and 0.0 <= value <= 1.0  # type: ignore[operator]


@lru_cache(maxsize=1)
def load_neural_tagger(
    directory: Path | None = None,
) -> tuple[SpanTagger, float, float, float | None, float | None]:
    """The shipped neural tagger (one, or the mix of the card's ``members``: each a file and
    its share of the whole mix), its mix weight with the CRF (the members' shares summed), the
    span threshold, the peak a span must reach (``None``: the threshold) and the edge a span's
    end tokens must reach as a share of its highest probability (``None``: no trimming),
    checked by the artefact layer; :class:`ModelError` otherwise."""
    from veracity.artefacts import ARTEFACTS

    spec = ARTEFACTS["propaganda-tagger"]
    directory = directory or spec.directory
    card = spec.read_card(directory)
    weight = card.get("neural_weight")
    if card.threshold is None or weight is None:
        raise ModelError(
            f"the propaganda-tagger card in {directory} has no threshold or mix weight; "
            f"{spec.rebuild_hint}"
        )
    members = card.get("members") or [{"file": TAGGER_MODEL_FILE, "weight": weight}]
    numbers = [card.threshold, weight, card.get("peak")]
    weights = [member.get("weight") if isinstance(member, dict) else None for member in members]
    edge = card.get("edge")  # a number outside [0, 1) has its own error below
    if (
        not all(_share(value) for value in (*numbers, *weights) if value is not None)
        or None in weights
        or (edge is not None and not _number(edge))
    ):
        # a card damaged or edited by hand: text ended the first deep analysis in an internal
        # error, NaN passed every check below and tagged nothing (or everything)
        raise ModelError(
            f"the propaganda-tagger card in {directory} has a threshold, peak, edge or weight "
            f"that is no number from 0 to 1; {spec.rebuild_hint}"
        )
    taggers: list[NeuralTagger] = []
    for member in members:
        tagger = spec.load_file(str(member["file"]), directory)
        if not isinstance(tagger, NeuralTagger):
            raise ModelError(
                f"the propaganda tagger {member['file']} in {directory} is not a tagger; "
                f"{spec.rebuild_hint}"
            )
        taggers.append(tagger)
    shares = [float(member["weight"]) for member in members]
    if abs(sum(shares) - float(weight)) > 1e-6:
        raise ModelError(
            f"the propaganda-tagger card in {directory}: the members' weights {shares} do not "
            f"sum to its mix weight {weight}; {spec.rebuild_hint}"
        )
    peak = card.get("peak")
    edge = card.get("edge")
    if edge is not None and not 0.0 <= float(edge) < 1.0:
        raise ModelError(
            f"the propaganda-tagger card in {directory} has an edge of {edge}, outside [0, 1); "
            f"{spec.rebuild_hint}"
        )
    return (
        mixed_tagger(taggers, shares),
        float(weight),
        float(card.threshold),
        None if peak is None else float(peak),
        None if edge is None else float(edge),
    )


@dataclass(frozen=True, slots=True)
class MPNetMix:
    """The card's mix with the MPNet span tagger (``mpnet.mix``): the MiniLM taggers
    (``neural``, at ``neural_weight`` in all), the MPNet tagger at ``mpnet_weight``, the CRF the
    rest, and the span threshold, peak and edge chosen with them on dev."""

    neural: SpanTagger
    neural_weight: float
    mpnet_weight: float
    threshold: float
    peak: float | None
    edge: float | None


def load_mpnet_mix(directory: Path | None = None) -> MPNetMix | None:
    """The ``propaganda-tagger`` card's mix with the MPNet tagger, its MiniLM taggers loaded
    (:func:`load_neural_tagger`) at the mix's shares (``minilm_shares``, one per member, in the
    card's order); ``None`` for a card without one (an older card: today's mix).
    :class:`ModelError` for a mix whose shares do not fit."""
    from veracity.artefacts import ARTEFACTS

    spec = ARTEFACTS["propaganda-tagger"]
    directory = directory or spec.directory
    card = spec.read_card(directory)
    mix = (card.get("mpnet") or {}).get("mix")
    if not mix:
        return None
    neural, _, _, _, _ = load_neural_tagger(directory)
    members = neural.members_ if isinstance(neural, TaggerMix) else [neural]
    try:
        shares = [float(share) for share in mix["minilm_shares"]]
        mpnet, crf = float(mix["mpnet"]), float(mix["crf"])
        threshold, peak, edge = float(mix["threshold"]), mix.get("peak"), mix.get("edge")
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(
            f"the propaganda-tagger card in {directory} has an unreadable mpnet.mix ({exc}); "
            f"{spec.rebuild_hint}"
        ) from None
    every = [*shares, mpnet, crf]
    if not all(_share(v) for v in (*every, threshold, peak) if v is not None) or (
        edge is not None and not _number(edge)  # outside [0, 1): its own error below
    ):
        raise ModelError(
            f"the propaganda-tagger card in {directory}: mpnet.mix has a share, threshold, "
            f"peak or edge that is no number from 0 to 1; {spec.rebuild_hint}"
        )
    if len(shares) != len(members) or min(every) < 0 or abs(sum(every) - 1.0) > 1e-6:
        raise ModelError(
            f"the propaganda-tagger card in {directory}: mpnet.mix's shares {every} are not one "
            f"per tagger ({len(members)} MiniLM, MPNet, CRF) summing to 1; {spec.rebuild_hint}"
        )
    if edge is not None and not 0.0 <= float(edge) < 1.0:
        raise ModelError(
            f"the propaganda-tagger card in {directory}: mpnet.mix has an edge of {edge}, "
            f"outside [0, 1); {spec.rebuild_hint}"
        )
    return MPNetMix(
        mixed_tagger(members, shares),
        sum(shares),
        mpnet,
        threshold,
        None if peak is None else float(peak),
        None if edge is None else float(edge),
    )
