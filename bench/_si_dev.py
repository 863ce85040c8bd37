"""Shared by the benches that choose a span decoding on the dev articles
(``bench/propaganda_context_tagger.py``, ``propaganda_decoding.py``,
``propaganda_stacked_crf.py``, ``propaganda_technique_vote.py``): a choice's spans scored against
the gold spans with the official partial-overlap metric, per article (so that folds of the
articles can be scored from the same sums) and pooled, and the choosing scored out of fold; the shipped taggers' and a CRF's token probabilities on each line of the dev
and the wire-dev articles (:func:`shipped_dev`: the dev articles, their scorer and those
probabilities, the CRF fit on the train articles), read once and then kept in the cache folder
under a key of everything that decides them (:func:`reading_key`), so that a bench rerun on an
unchanged tree takes minutes, not the 30-40 of the reading."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np
from pydantic import BaseModel

from veracity.propaganda.scoring import ArticleSums, article_sums, pooled_si

if TYPE_CHECKING:
    from veracity.data.ptc import PTCArticle
    from veracity.propaganda.model import PropagandaModel

Spans = dict[str, list[tuple[int, int]]]  # an article's id -> its spans' character offsets
# a line's token probabilities: the CRF's marginal and each shipped tagger's
Line = tuple[np.ndarray, list[np.ndarray]]
K = TypeVar("K")  # what a bench chooses among: a decoding's name or setting


class Scores(BaseModel):
    precision: float
    recall: float
    f1: float
    spans: int


@dataclass(frozen=True)
class DevScorer:
    """Scores spans on the articles ``ids`` against their ``gold`` spans."""

    gold: Mapping[str, Sequence[tuple[int, int]]]
    ids: Sequence[str]

    def stats(self, spans: Spans) -> dict[str, ArticleSums]:
        """Each article's share of the metric (:func:`article_sums`)."""
        return {k: article_sums(spans[k], self.gold[k]) for k in self.ids}

    def f1(self, stats: Mapping[str, ArticleSums], among: Sequence[str]) -> float:
        """The pooled F1 of the articles ``among`` (a fold, or all of them)."""
        return pooled_si(stats[k] for k in among)["f1"]

    def best(self, choices: Mapping[K, Mapping[str, ArticleSums]], among: Sequence[str]) -> K:
        """The choice (a decoding's name or setting -> its :meth:`stats`) whose spans score best
        on the articles ``among`` (the first of equals)."""
        return max(choices, key=lambda k: self.f1(choices[k], among))

    def nested_f1(
        self, choices: Mapping[K, Mapping[str, ArticleSums]], folds: Sequence[Sequence[str]]
    ) -> float:
        """Out-of-fold F1 of choosing among ``choices``: each fold's articles scored under the
        choice that scores best on the other folds' articles, pooled over every article."""
        merged: dict[str, ArticleSums] = {}
        for test in folds:
            pick = self.best(choices, [a for a in self.ids if a not in test])
            merged.update({a: choices[pick][a] for a in test})
        return self.f1(merged, self.ids)

    def scores(self, stats: Mapping[str, ArticleSums], spans: Spans) -> Scores:
        """Precision, recall and F1 of every article pooled (rounded as the docs give them) and
        the spans' count."""
        raw = pooled_si(stats[k] for k in self.ids)
        return Scores(
            precision=round(raw["precision"], 4),
            recall=round(raw["recall"], 4),
            f1=round(raw["f1"], 4),
            spans=sum(len(v) for v in spans.values()),
        )


@dataclass
class ShippedLines:
    """The shipped taggers' decoding (their mix's share ``weight``, each tagger's ``shares`` of
    a token's probability, ``threshold``, ``peak``, ``edge``) and each line of the dev and the
    wire-dev articles: text, tokens, a CRF's marginal and the taggers' probabilities."""

    weight: float
    threshold: float
    peak: float | None
    edge: float | None
    shares: tuple[float, ...]
    dev_text: dict[str, str]
    dev_tokens: dict[str, list]
    dev_lines: dict[str, list[Line]]
    wire_text: dict[str, str]
    wire_tokens: dict[str, list]
    wire_lines: dict[str, list[Line]]
    wire_words: int


def shipped_lines(data_dir: Path, dev: Sequence[PTCArticle], crf: PropagandaModel) -> ShippedLines:
    """The shipped taggers (float16, in numpy) and ``crf`` read on every line of ``dev`` and of
    the wire-dev articles."""
    from veracity.propaganda.neural import load_neural_tagger
    from veracity.propaganda.train import encode_articles
    from veracity.propaganda.train_tagger import (
        WIRE_DEV,
        article_lines,
        neural_token_probabilities,
        wire_lines,
        wire_texts,
    )

    mix, weight, threshold, peak, edge = load_neural_tagger()
    members = list(getattr(mix, "members_", [mix]))
    shares = tuple(round(weight * s, 3) for s in getattr(mix, "shares_", [1.0]))
    dev_text = {a.article_id: a.text for a in dev}
    dev_tokens: dict[str, list] = {}
    dev_lines: dict[str, list[Line]] = {}
    member_p = []
    for m in members:
        lines = article_lines(dev, encode_articles(list(dev), m.input_layer), crf)
        member_p.append(neural_token_probabilities(lines, m.piece_probabilities))
        dev_tokens = {k: [line.tokens for line in v] for k, v in lines.items()}
        dev_lines = {
            k: [(line.crf, []) for line in v] for k, v in lines.items()
        }  # members added below
    for k, rows in dev_lines.items():
        for i, (_, own) in enumerate(rows):
            own.extend(p[k][i] for p in member_p)
    wire = wire_texts(data_dir, *WIRE_DEV)
    wire_text: dict[str, str] = {}
    wire_tokens: dict[str, list] = {}
    wire_p = []
    wire_crf: dict[str, list[np.ndarray]] = {}
    words = 0
    for m in members:
        read, words = wire_lines(wire, crf, m.input_layer)
        only = {k: v for k, (_, v) in read.items()}
        wire_p.append(neural_token_probabilities(only, m.piece_probabilities))
        wire_text = {k: t for k, (t, _) in read.items()}
        wire_tokens = {k: [line.tokens for line in v] for k, v in only.items()}
        wire_crf = {k: [line.crf for line in v] for k, v in only.items()}
    wire_of: dict[str, list[Line]] = {
        k: [(c, [p[k][i] for p in wire_p]) for i, c in enumerate(v)] for k, v in wire_crf.items()
    }
    return ShippedLines(
        weight, threshold, peak, edge, shares, dev_text, dev_tokens, dev_lines,
        wire_text, wire_tokens, wire_of, words,
    )  # fmt: skip


# the packages whose versions can change a reading: numbers (numpy, onnxruntime), pieces
# (tokenizers), the CRF, the sentences of the wire articles (spaCy and its pipeline)
READING_PACKAGES = ("numpy", "onnxruntime", "tokenizers", "python-crfsuite", "spacy")
READING_VERSION = 1  # raised when what a cached reading holds changes shape


def reading_key(
    code_root: Path, files: Sequence[Path], texts: Sequence[str], packages: Sequence[str]
) -> str:
    """SHA-256 of everything that decides the shipped reading: every Python file of the package
    at ``code_root`` (ingest, sentences, tokeniser, encoder, taggers, decoding: the whole
    package, so that no change to the code it runs is missed), the bytes of ``files`` (the
    tagger artefact's files, the CRF), the ``texts`` read (the dev articles by id, the wire-dev
    articles) and the installed versions of ``packages``. Any change gives another key."""
    digest = hashlib.sha256(f"si-dev-reading|{READING_VERSION}".encode())
    for path in sorted(code_root.rglob("*.py")):
        digest.update(path.relative_to(code_root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for path in files:
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    for text in texts:
        digest.update(hashlib.sha256(text.encode()).digest())
    for name in packages:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{name}=={version}\0".encode())
    return digest.hexdigest()


def cached_reading(key: str, read: Callable[[], ShippedLines]) -> ShippedLines:
    """The reading kept under ``key`` in the cache folder, else ``read()``, kept there."""
    from veracity.artefacts import read_cache_pickle, write_cache_pickle
    from veracity.settings import get_settings

    path = get_settings().cache_dir / f"si-dev-reading-{key[:32]}.pickle"
    kept = read_cache_pickle(path)
    if kept is not None and isinstance(kept[0], ShippedLines):
        return kept[0]
    lines = read()
    write_cache_pickle(path, lines)
    return lines


def shipped_dev(data_dir: Path) -> tuple[list[PTCArticle], DevScorer, ShippedLines]:
    """The PTC dev articles, a scorer of their gold spans and the shipped taggers' and a CRF's
    reading of them and of the wire-dev articles (:func:`shipped_lines`, cached under
    :func:`reading_key`), the CRF fit on the train articles: their probabilities are out of
    sample on dev alone. The held-out articles are not read."""
    import veracity
    from veracity.artefacts import ARTEFACTS
    from veracity.propaganda.corpus import load_ptc_train, split_articles
    from veracity.propaganda.train_tagger import WIRE_DEV, crf_file, crf_on, wire_texts
    from veracity.settings import get_settings

    parts = split_articles(load_ptc_train(data_dir))
    dev = parts["dev"]
    scorer = DevScorer({a.article_id: a.si_spans for a in dev}, [a.article_id for a in dev])
    tagger_dir = ARTEFACTS["propaganda-tagger"].directory
    files = [p for p in sorted(tagger_dir.iterdir()) if p.is_file()]
    files.append(crf_file(parts["train"]))
    texts = [f"{a.article_id}\0{a.text}" for a in dev]
    texts += [f"{title}\0{body}" for body, title in wire_texts(data_dir, *WIRE_DEV)]
    packages = (*READING_PACKAGES, get_settings().spacy_model)
    key = reading_key(Path(veracity.__file__).parent, files, texts, packages)
    lines = cached_reading(key, lambda: shipped_lines(data_dir, dev, crf_on(parts["train"])))
    return dev, scorer, lines
