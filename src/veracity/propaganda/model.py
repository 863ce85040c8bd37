"""The shipped propaganda model: a span tagger followed by a technique classifier.

The spans: each token's probability of lying inside one is the CRF's marginal mixed with the
MiniLM taggers' (:mod:`veracity.propaganda.neural`: MiniLM's top five layers fine-tuned over
the shared encoder's layer-1 states of every sentence and its top two over the layer-4 states
of the same run, artefact ``propaganda-tagger``, which also holds the mix weights, the
threshold, the peak and the edge) and, when that card holds ``mpnet.mix``, the MPNet tagger's
over MPNet's own windows (:mod:`veracity.propaganda.mpnet_tagger`, mixed at the token level); runs of tokens over the threshold that hold a token over the
peak, each trimmed at both ends to its tokens at or over the edge times its highest
probability, are the spans. The classifier
(:mod:`veracity.propaganda.classifier`) names each span's technique from its words, its
sentence, the shared MiniLM's token states pooled over span and sentence (the tagger's windows,
reused) and MiniLM's vector of the span read alone, then adds per-technique offsets so that
rare techniques are named. Loaded once by :func:`load_propaganda_model` through the artefact
layer (version checks).
"""

from __future__ import annotations

import struct
import threading
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pycrfsuite

from veracity.artefacts import ARTEFACTS, finite_number, read_regular_file
from veracity.errors import ModelError
from veracity.propaganda.encoder import HIDDEN, Window, encode_segments, pooled
from veracity.propaganda.features import (
    TokenSpan,
    embedding_record,
    sentence_features,
    span_record,
    tokenize_segment,
)
from veracity.propaganda.neural import (
    SpanTagger,
    load_mpnet_mix,
    load_neural_tagger,
    token_probabilities,
)
from veracity.propaganda.techniques import TECHNIQUES

if TYPE_CHECKING:  # the MPNet runtime is the deep path's, loaded with the model
    from veracity.propaganda.mpnet_tagger import MPNetTagger

SPEC = ARTEFACTS["propaganda"]
TAGGER_FILE = "tagger.crfsuite"
CLASSIFIER_FILE = "classifier.joblib"
INSIDE_LABELS = ("B", "I")
# The mean token probability a span inside a direct quotation must reach (other spans: none).
# Seven in ten spans on wire news lie in someone's quoted words (241 of 344 on the 40 wire
# articles of bench/propaganda.py), which the outlet reports rather than uses; PTC marks
# quoted propaganda too, so quoted spans are held to a higher bar, not dropped. Chosen on the
# dev articles (CRF fit on train) as the highest bar, in steps of 0.05, at which dev SI F1 does
# not fall (docs/benchmarks.md, "Propaganda techniques").
QUOTED_FLOOR = 0.4


@dataclass(frozen=True, slots=True)
class PropagandaSpan:
    """A stretch of text the tagger flags, with the technique the classifier gives it."""

    start: int
    end: int
    technique: str
    span_probability: float
    technique_probability: float


def span_vectors(texts: Sequence[str]) -> np.ndarray:
    """MiniLM's unit sentence vector of each span read on its own, ``(n, 384)``."""
    from veracity.embeddings import get_encoder

    if not texts:
        return np.zeros((0, HIDDEN), dtype=np.float32)
    return get_encoder().encode(list(texts))


def classifier_record(
    text: str, start: int, end: int, windows: Sequence[Window], alone: np.ndarray
) -> dict[str, str | float]:
    """The technique classifier's input for ``text[start:end]`` in the sentence of ``windows``;
    ``alone`` is the span's own vector (:func:`span_vectors`)."""
    return {
        **span_record(text, start, end),
        **embedding_record(pooled(windows, start, end), pooled(windows), alone),
    }


def trimmed_run(run: Sequence[int], probabilities: Sequence[float], edge: float) -> list[int]:
    """``run`` (token indices) without the tokens at either end under ``edge`` times the run's
    highest probability: a run grows over the threshold past where a span starts or ends (a
    leading "the", a trailing clause), and its edges are less sure than its middle."""
    floor = edge * max(probabilities[i] for i in run)
    first, last = 0, len(run) - 1
    while first < last and probabilities[run[first]] < floor:
        first += 1
    while last > first and probabilities[run[last]] < floor:
        last -= 1
    return list(run[first : last + 1])


def token_runs(
    text: str,
    tokens: Sequence[TokenSpan],
    probabilities: Sequence[float],
    threshold: float,
    peak: float | None = None,
    edge: float | None = None,
) -> list[tuple[int, int, float]]:
    """``(start, end, mean probability)`` of each run of tokens at or over ``threshold`` that
    holds a letter or digit and, when ``peak`` is given, a token at or over ``peak``
    (hysteresis: a run is seeded by one confident token, then grows over the lower bar); with
    ``edge``, each run is trimmed at both ends to its tokens at or over ``edge`` times its
    highest probability (:func:`trimmed_run`). Each run then takes in the rest of any word it
    cuts (:func:`whole_words`, within the sentence of ``tokens``), and two runs that cut one
    word between them ("squeaky" and "clean" over the bar, the hyphen under it) are one."""
    spans: list[tuple[int, int, float]] = []
    seed = threshold if peak is None else max(peak, threshold)
    runs: list[tuple[list[int], int, int]] = []  # each run's tokens and its whole words
    run: list[int] = []
    for i, probability in enumerate([*probabilities, -1.0]):
        if probability >= threshold:
            run.append(i)
            continue
        if run:
            if edge:
                run = trimmed_run(run, probabilities, edge)
            start, end = whole_words(
                text, tokens[run[0]].start, tokens[run[-1]].end, tokens[0].start, tokens[-1].end
            )
            if runs and start < runs[-1][2]:  # the word it starts in ends the run before
                before, start, _ = runs.pop()
                run = before + run
            runs.append((run, start, end))
            run = []
    for run, first, last in runs:
        start, end = balanced_quotes(text, first, last)
        mean = sum(probabilities[j] for j in run) / len(run)
        confident = max(probabilities[j] for j in run) >= seed
        if confident and any(c.isalnum() for c in text[start:end]):
            spans.append((start, end, mean))
    return spans


# What joins a word's parts ("squeaky-clean", "don't"), a figure's ("2.5", "1,000"), and the
# currency signs a figure opens with ("£2million"): a span's edge between them cuts a word. A
# full stop between letters is no joiner: texts whose sentences are run together ("nest.It").
_WORD_JOINERS = frozenset("-'’")
_FIGURE_JOINERS = frozenset(".,")
_CURRENCY_SIGNS = frozenset("£$€¥₹")


def whole_words(
    text: str, start: int, end: int, lowest: int = 0, highest: int | None = None
) -> tuple[int, int]:
    """``(start, end)`` widened to whole words, never before ``lowest`` nor past ``highest``
    (the sentence's bounds; default: the text's): the tokenizer splits "squeaky-clean" and
    "£2million", and a run of tokens over the threshold may end or start inside them (probe
    s49 S6: a span "squeaky", another "2million love nest"). A word goes on over letters and
    digits, a hyphen or an apostrophe between two of them, a point or a comma between two
    digits, and a currency sign right before one."""
    top = len(text) if highest is None else min(highest, len(text))

    def inside(k: int) -> bool:  # whether text[k] belongs to the word around it
        if not lowest <= k < top:
            return False
        char = text[k]
        if char.isalnum():
            return True
        if char in _WORD_JOINERS:
            return lowest < k < top - 1 and text[k - 1].isalnum() and text[k + 1].isalnum()
        if char in _FIGURE_JOINERS:
            return lowest < k < top - 1 and text[k - 1].isdigit() and text[k + 1].isdigit()
        return char in _CURRENCY_SIGNS and k + 1 < top and text[k + 1].isalnum()

    if start < end and inside(start):
        while inside(start - 1):
            start -= 1
    if start < end and inside(end - 1):
        while inside(end) and text[end] not in _CURRENCY_SIGNS:
            end += 1
    return start, end


_OPENING = {"\u201d": "\u201c", '"': '"'}  # each closing double quotation mark's opening one
_CLOSING = {"\u201c": "\u201d", '"': '"'}


def _unpaired(inner: str, mark: str, pair: str) -> bool:
    """Whether ``mark`` at an end of a span whose other characters are ``inner`` lacks its pair."""
    if mark == '"':  # straight marks pair with each other: an even count inside leaves it alone
        return inner.count('"') % 2 == 0
    return pair not in inner


def balanced_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` of a span without half a quotation: a span that ends on a closing
    double quotation mark whose opening mark lies outside it takes that mark in when it directly
    precedes the span, else leaves the closing mark out; the same for an opening mark at the
    start ("disaster”" becomes "“disaster”" or "disaster")."""
    if end - start < 2:
        return start, end
    last = text[end - 1]
    if last in _OPENING and _unpaired(text[start : end - 1], last, _OPENING[last]):
        if start > 0 and text[start - 1] == _OPENING[last]:
            start -= 1
        else:
            end -= 1
    first = text[start]
    if (
        end - start >= 2
        and first in _CLOSING
        and _unpaired(text[start + 1 : end], first, _CLOSING[first])
    ):
        if end < len(text) and text[end] == _CLOSING[first]:
            end += 1
        else:
            start += 1
    while end > start and text[end - 1].isspace():  # a mark left out may leave a space behind
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def in_quotation(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside a direct quotation opened earlier in its
    paragraph (its line): more opening than closing curly double marks, or an odd number of
    straight ones, between the paragraph's start and the span. News writing opens a quotation
    again at each paragraph it runs on to."""
    before = text[text.rfind("\n", 0, start) + 1 : start]
    return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1


def biased_argmax(
    probabilities: np.ndarray, classes: Sequence[str], bias: Mapping[str, float]
) -> np.ndarray:
    """Per row, the class with the highest ``log p + bias[class]``."""
    offsets = np.array([bias.get(c, 0.0) for c in classes])
    return np.argmax(np.log(np.clip(probabilities, 1e-12, None)) + offsets, axis=1)


class PropagandaModel:
    """Span tagger (CRF, mixed with the MiniLM tagger ``neural`` at ``neural_weight`` and the
    MPNet tagger ``mpnet`` at ``mpnet_weight`` when given, the CRF taking the rest) + technique
    classifier, with the span threshold tuned at training.

    ``technique_bias`` (log-probability offsets per technique, chosen at training on
    article-grouped folds of the training articles) is added before the argmax, so that rare
    techniques are named often enough to be recalled; a missing technique gets 0.
    """

    def __init__(
        self,
        tagger: pycrfsuite.Tagger,
        classifier: Any,
        threshold: float,
        technique_bias: Mapping[str, float] | None = None,
        neural: SpanTagger | None = None,
        neural_weight: float = 0.0,
        peak: float | None = None,
        edge: float | None = None,
        quoted_floor: float | None = None,
        mpnet: MPNetTagger | None = None,
        mpnet_weight: float = 0.0,
    ) -> None:
        self.tagger_ = tagger
        self.mpnet_ = mpnet
        self.mpnet_weight_ = mpnet_weight if mpnet is not None else 0.0
        self.quoted_floor_ = quoted_floor
        self.peak_ = peak
        self.edge_ = edge
        self.neural_ = neural
        self.neural_weight_ = neural_weight
        self.classifier_ = classifier
        self.threshold_ = threshold
        self.technique_bias_ = dict(technique_bias or {})
        # A crfsuite Tagger holds the current sentence as state: one caller at a time.
        self._tagger_lock = threading.Lock()

    def token_probabilities(self, words: list[str]) -> list[float]:
        """For each token of one sentence, the probability it lies inside a propaganda span."""
        if not words:
            return []
        features = sentence_features(words)
        with self._tagger_lock:
            self.tagger_.set(features)
            labels = set(self.tagger_.labels())
            return [
                sum(self.tagger_.marginal(label, i) for label in INSIDE_LABELS if label in labels)
                for i in range(len(words))
            ]

    def sentence_probabilities(
        self,
        tokens: Sequence[TokenSpan],
        windows: Sequence[Window] | None = None,
        mpnet_windows: Sequence[Window] | None = None,
    ) -> list[float]:
        """Each token's probability of lying inside a span: the CRF's marginal, mixed with the
        neural tagger's over the sentence's MiniLM ``windows`` when the model has one and with
        the MPNet tagger's over its own ``mpnet_windows`` (MPNet's pieces, mixed at the token
        level) when the model has that one too."""
        crf = self.token_probabilities([t.text for t in tokens])
        if self.neural_ is None or windows is None or not tokens:
            return crf
        neural = token_probabilities(windows, self.neural_.piece_probabilities(windows), tokens)
        w = self.neural_weight_
        if self.mpnet_ is None or mpnet_windows is None:
            return [(1.0 - w) * c + w * float(n) for c, n in zip(crf, neural, strict=True)]
        mpnet = token_probabilities(
            mpnet_windows, self.mpnet_.piece_probabilities(mpnet_windows), tokens
        )
        m = self.mpnet_weight_
        return [
            (1.0 - w - m) * c + w * float(n) + m * float(q)
            for c, n, q in zip(crf, neural, mpnet, strict=True)
        ]

    def sentence_spans(
        self,
        text: str,
        tokens: list[TokenSpan],
        windows: Sequence[Window] | None = None,
        mpnet_windows: Sequence[Window] | None = None,
    ) -> list[tuple[int, int, float]]:
        """``(start, end, mean probability)`` of each run of tokens over the threshold, its
        edges trimmed when the model has an ``edge``; with a ``quoted_floor``, a span inside a
        direct quotation (:func:`in_quotation`) only when its mean reaches that floor."""
        runs = token_runs(
            text,
            tokens,
            self.sentence_probabilities(tokens, windows, mpnet_windows),
            self.threshold_,
            self.peak_,
            self.edge_,
        )
        floor = self.quoted_floor_
        if floor is None:
            return runs
        return [r for r in runs if r[2] >= floor or not in_quotation(text, r[0], r[1])]

    def find_spans(
        self,
        text: str,
        sentences: Sequence[tuple[int, int]],
        windows: Sequence[Sequence[Window]] | None = None,
    ) -> list[list[tuple[int, int, float]]]:
        """The spans of each ``(start, end)`` sentence; ``windows``: the sentences' MiniLM
        windows (:func:`encode_segments`), encoded here when the neural tagger needs them."""
        if self.neural_ is not None and windows is None:
            windows = encode_segments(text, sentences, self.neural_.input_layers)
        if windows is None:
            return [self.sentence_spans(text, tokenize_segment(text, s, e)) for s, e in sentences]
        mpnet: Sequence[Sequence[Window] | None] = (
            self.mpnet_.windows(text, sentences)
            if self.mpnet_ is not None
            else [None] * len(sentences)
        )
        return [
            self.sentence_spans(text, tokenize_segment(text, s, e), w, m)
            for (s, e), w, m in zip(sentences, windows, mpnet, strict=True)
        ]

    def classify(self, records: list[dict[str, str | float]]) -> list[tuple[str, float]]:
        """The most likely technique of each classifier record and its probability."""
        if not records:
            return []
        import pandas as pd  # the classifier reads a table; imported here, not by the fast path

        probabilities = self.classifier_.predict_proba(pd.DataFrame(records))
        classes = [str(c) for c in self.classifier_.classes_]
        best = biased_argmax(probabilities, classes, self.technique_bias_)
        return [(classes[k], float(probabilities[row, k])) for row, k in enumerate(best)]

    def analyse(self, text: str, sentences: Sequence[tuple[int, int]]) -> list[PropagandaSpan]:
        """Spans found in each ``(start, end)`` sentence of ``text``, each named."""
        every = (
            encode_segments(text, sentences, self.neural_.input_layers)
            if self.neural_ is not None
            else None
        )
        per_sentence = self.find_spans(text, sentences, every)
        flagged = [(k, spans) for k, spans in enumerate(per_sentence) if spans]
        if every is None:
            windows = encode_segments(text, [sentences[k] for k, _ in flagged])
        else:
            windows = [every[k] for k, _ in flagged]
        found = [span for _, spans in flagged for span in spans]
        alone = iter(span_vectors([text[start:end] for start, end, _ in found]))
        records: list[dict[str, str | float]] = [
            classifier_record(text, start, end, sentence_windows, next(alone))
            for (_, spans), sentence_windows in zip(flagged, windows, strict=True)
            for start, end, _ in spans
        ]
        labels = self.classify(records)
        return [
            PropagandaSpan(start, end, technique, round(p_span, 3), round(p_technique, 3))
            for (start, end, p_span), (technique, p_technique) in zip(found, labels, strict=True)
        ]


def model_dir() -> Path:
    """Where the shipped propaganda artefact lives."""
    return SPEC.directory


# CRFsuite's model header: "lCRF", the file's size, the model's type and version, three counts,
# then the offsets of its five parts (little-endian 32-bit words).
_CRF_HEADER = struct.Struct("<4sI4s9I")


def _check_tagger_bytes(path: Path, model: bytes) -> None:
    """``ValueError`` unless ``model``, the bytes read from ``path``, are a whole CRFsuite
    model as far as its header tells: the size its header gives, its parts inside it.

    CRFsuite reads a model by the offsets its header gives and checks none of them, so a file
    cut short (a copy or a disk that ran out, an install interrupted) killed the process with a
    segmentation fault as the model loaded: the whole API server, a batch worker, ``analyze``.
    pycrfsuite checks the magic only. A file changed in place at its own size is caught after
    this, by the SHA-256 its card gives (``ArtefactSpec.verify_digest``); its folder is checked
    as the classifier's is."""
    header = model[: _CRF_HEADER.size]
    if len(header) < _CRF_HEADER.size or header[:4] != b"lCRF":
        raise ValueError(f"{path} is not a CRFsuite model")
    _magic, size, _kind, _version, _features, _labels, _attributes, *offsets = _CRF_HEADER.unpack(
        header
    )
    if size != len(model):
        raise ValueError(
            f"{path} holds {len(model):,} bytes where its header says {size:,} "
            "(cut short or grown since it was written)"
        )
    if not all(_CRF_HEADER.size <= offset < size for offset in offsets):
        raise ValueError(f"{path} names parts outside itself")


class _TaggerOfBytes(pycrfsuite.Tagger):
    """A CRFsuite tagger opened from the bytes it keeps: CRFsuite reads the model where the
    bytes lie (it copies nothing), so they live as long as the tagger."""

    def __init__(self, model: bytes) -> None:
        super().__init__()
        self.model_bytes = model
        self.open_inmemory(model)


def open_crf_tagger(directory: Path) -> pycrfsuite.Tagger:
    """The CRF tagger of the propaganda artefact in ``directory``, opened from the bytes that
    were checked (a regular file, a whole CRFsuite model, the SHA-256 its card gives), never
    from the file again by its name: a file changed between the check and CRFsuite's read was
    loaded unchecked (hostile round 12). :class:`ModelError` otherwise."""
    path = directory / TAGGER_FILE
    try:
        model = read_regular_file(path)
        _check_tagger_bytes(path, model)
        SPEC.verify_digest(path, model)  # a change at its own size, or another file
        return _TaggerOfBytes(model)
    except ModelError:
        raise
    except Exception as exc:  # a missing or corrupt tagger file surfaces as one actionable error
        raise ModelError(
            f"the propaganda tagger in {directory} is unreadable: {exc}; {SPEC.rebuild_hint}"
        ) from exc


@lru_cache(maxsize=1)
def load_propaganda_model(directory: Path | None = None) -> PropagandaModel:
    """The shipped model, its card checked by the artefact layer; :class:`ModelError` otherwise."""
    directory = directory or model_dir()
    card = SPEC.read_card(directory)
    if card.threshold is None:
        raise ModelError(
            f"the propaganda card in {directory} has no threshold; {SPEC.rebuild_hint}"
        )
    bias = card.get("technique_log_bias") or {}
    if not isinstance(bias, dict) or not all(finite_number(value) for value in bias.values()):
        # damaged or edited by hand: text ended the first deep analysis in an internal error,
        # NaN made its technique the one named for every span (hostile round 15, attack 1)
        raise ModelError(
            f"the propaganda card in {directory} has a technique_log_bias that is no object of "
            f"finite numbers; {SPEC.rebuild_hint}"
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sklearn minor-version pickling notices
        classifier = SPEC.load_file(CLASSIFIER_FILE, directory)
    tagger = open_crf_tagger(directory)
    unknown = set(classifier.classes_) - set(TECHNIQUES)
    if unknown:
        raise ModelError(
            f"propaganda classifier has unknown techniques {sorted(unknown)}; {SPEC.rebuild_hint}"
        )
    if set(bias) - set(TECHNIQUES):
        raise ModelError(
            f"propaganda card has biases for unknown techniques {sorted(set(bias) - set(TECHNIQUES))}; "
            f"{SPEC.rebuild_hint}"
        )
    mix = load_mpnet_mix()
    if mix is None:  # a card without the MPNet tagger's mix: the MiniLM taggers and the CRF
        neural, weight, threshold, peak, edge = load_neural_tagger()
        return PropagandaModel(
            tagger, classifier, threshold, bias, neural, weight, peak, edge, QUOTED_FLOOR
        )
    from veracity.propaganda.mpnet_tagger import load_mpnet_tagger

    return PropagandaModel(
        tagger,
        classifier,
        mix.threshold,
        bias,
        mix.neural,
        mix.neural_weight,
        mix.peak,
        mix.edge,
        QUOTED_FLOOR,
        load_mpnet_tagger(),
        mix.mpnet_weight,
    )
