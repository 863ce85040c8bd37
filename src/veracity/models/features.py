"""Model inputs: provenance-stripped text plus the counts of the fast-path signals, by kind.

The signal features are built from whatever detectors are registered on the fast path, one
column per :class:`SignalKind`; the detectors used are recorded in the model card, and inference
counts only those, so a detector added later cannot shift a trained model's inputs.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np

from veracity.errors import InputError, VeracityError
from veracity.ingest import Article, article_from_text
from veracity.ingest.normalise import normalise
from veracity.models.headline import HEADLINE_COLUMNS
from veracity.models.provenance import strip_provenance
from veracity.models.style import STYLE_FEATURES, style_matrix
from veracity.nlp import analyse_text
from veracity.report.schema import Signal, SignalKind
from veracity.settings import get_settings
from veracity.signals import detectors

if TYPE_CHECKING:  # the corpora package loads every corpus reader: not needed at inference
    import pandas as pd  # training and evaluation tables only: pandas costs 0.5 s to import

    from veracity.data.record import NewsRecord

log = logging.getLogger(__name__)

# Long articles are read up to here: enough for style, and it bounds the per-article cost.
MAX_TEXT_CHARS = 6000
TEXT_COLUMN = "text"
SIGNAL_COLUMNS = [f"signal:{kind.value}" for kind in SignalKind]
STYLE_COLUMNS = [f"style:{name}" for name in STYLE_FEATURES]
_MASKED = re.compile(r"\b[A-Z][\w'’-]*|\d[\d.,:]*")


def mask_names(text: str) -> str:
    """``text`` without capitalised words and numbers: names, places, brands and figures."""
    return _MASKED.sub(" ", text)


def model_text(text: str) -> str:
    """The text a model reads: the first :data:`MAX_TEXT_CHARS`, provenance stripped, its
    typography made uniform (:func:`~veracity.ingest.normalise.normalise`: same length)."""
    return normalise(strip_provenance(text[:MAX_TEXT_CHARS]).text)


def record_article(record: NewsRecord) -> Article | None:
    """A corpus record as the product reads an article given with its title (a batch row, the
    API's text and title; with no title, its first line is one if it reads as a headline).

    The text goes through :func:`~veracity.ingest.article_from_text`, the cleaning every
    input gets before it is scored (site furniture, inline ad-slot markers such as Politico's
    "Story Continued Below", caption labels, hard-wrapped lines), so the models learn from the
    text they will read. None when nothing of an article is left (a scraped page of cookie
    notices only), which the product refuses as input.
    """
    try:
        return article_from_text(
            record.text, title=record.title or None, detect_title=not record.title
        )
    except InputError:
        return None


def signal_row(signals: Iterable[Signal], detector_names: Iterable[str]) -> dict[str, float]:
    """``log1p(count)`` of each signal kind, counting only signals from ``detector_names``."""
    allowed = set(detector_names)
    counts = Counter(s.kind.value for s in signals if s.detector in allowed)
    return {f"signal:{kind.value}": math.log1p(counts.get(kind.value, 0)) for kind in SignalKind}


def feature_frame(
    texts: Sequence[str],
    signal_rows: Sequence[dict[str, float]],
    *,
    stripped: Sequence[str] | None = None,
    style: np.ndarray | None = None,
    headline: np.ndarray | None = None,
) -> pd.DataFrame:
    """The model's input table: the stripped text, one column per signal kind, style columns
    and the headline-body columns (:mod:`veracity.models.headline`).

    Signal kinds absent from a row are NaN (not computed), which the estimator tells apart.
    ``stripped`` and ``style`` pass model texts and style rows already computed (cached);
    ``headline`` the rows' headline columns (None: no title known, every value NaN, which the
    estimator reads as no headline term).
    """
    import pandas as pd

    stripped = [model_text(text) for text in texts] if stripped is None else stripped
    style = style_matrix(stripped) if style is None else style
    frame = pd.DataFrame(list(signal_rows), columns=SIGNAL_COLUMNS, dtype=float)
    frame.insert(0, TEXT_COLUMN, list(stripped))
    styled = pd.DataFrame(style, columns=STYLE_COLUMNS, index=frame.index)
    if headline is None:
        headline = np.full((len(stripped), len(HEADLINE_COLUMNS)), np.nan)
    headed = pd.DataFrame(headline, columns=list(HEADLINE_COLUMNS), index=frame.index)
    return pd.concat([frame, styled, headed], axis=1)


def fast_detector_names() -> list[str]:
    """Names of the detectors registered on the fast path."""
    return sorted(detector.name for detector in detectors("fast"))


def record_signals(
    records: Sequence[NewsRecord], names: Sequence[str] | None = None
) -> tuple[list[dict[str, float]], list[str]]:
    """Signal feature rows for training records, and the detectors that produced them.

    The detectors read each record as the product reads an article (:func:`record_article`;
    none for a record that leaves no article). Running every fast detector over tens of thousands of texts takes many minutes, so counts
    are cached under ``settings.cache_dir``, one file per detector keyed by its module's
    source and that of every veracity module it reads (:func:`module_sources`). A detector that raises (for instance, its own model artefact is not built yet) is
    left out of the features and logged.
    """
    wanted = [d for d in detectors("fast") if names is None or d.name in names]
    caches = {
        d.name: _DetectorCache(
            d.name,
            module_sources(sys.modules[d.detect.__module__]),
            d.data_stamp() if d.data_stamp else "",
        )
        for d in wanted
    }
    missing = [r for r in records if any(r.id not in c.counts for c in caches.values())]
    failed: set[str] = set()
    for index, record in enumerate(missing):
        article = record_article(record)
        analysed = analyse_text(article, "fast") if article is not None else None
        for detector in wanted:
            cache = caches[detector.name]
            if detector.name in failed or record.id in cache.counts:
                continue
            if analysed is None:
                cache.counts[record.id] = {}
                continue
            try:
                found = list(detector.detect(analysed))
            except VeracityError as exc:
                log.warning("detector %s left out of the features: %s", detector.name, exc)
                failed.add(detector.name)
                continue
            cache.counts[record.id] = dict(Counter(s.kind.value for s in found))
        if index % 1000 == 999:
            log.info("signals: %d/%d texts", index + 1, len(missing))
            for cache in caches.values():
                cache.save()
    for cache in caches.values():
        cache.save()
    used = sorted(name for name in caches if name not in failed)
    rows = []
    for record in records:
        totals: Counter[str] = Counter()
        for name in used:
            totals.update(caches[name].counts[record.id])
        rows.append({f"signal:{kind.value}": math.log1p(totals[kind.value]) for kind in SignalKind})
    return rows, used


def module_sources(module: ModuleType) -> list[Path]:
    """The source files of ``module`` and of every veracity module it reads names from, and so
    on (its imports at module level: a module, or a function, class or constant defined in one),
    sorted: what a detector's counts depend on besides its data. A detector's own file alone
    missed the code it calls (the outlet-citation rules live in ``veracity.sources``)."""
    seen: dict[str, Path] = {}
    todo = [module]
    while todo:
        current = todo.pop()
        if current.__name__ in seen or not current.__file__:
            continue
        seen[current.__name__] = Path(current.__file__)
        for value in vars(current).values():
            name = (
                value.__name__
                if isinstance(value, ModuleType)
                else getattr(value, "__module__", None)
            )
            if (
                isinstance(name, str)
                and (name == "veracity" or name.startswith("veracity."))
                and name not in seen
                and name in sys.modules
            ):
                todo.append(sys.modules[name])
    return sorted(seen.values())


def _cleaning_digest() -> bytes:
    """The source of ingest's cleaning (:func:`record_article`): a record's counts are its
    cleaned article's, so a change to the cleaning counts again."""
    from veracity.ingest import article, boilerplate, normalise, text

    digest = hashlib.sha256()
    for module in (article, boilerplate, normalise, text):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.digest()


class _DetectorCache:
    """``{record_id: {kind: count}}`` for one detector, on disk, keyed by its source files (its
    module's and those it reads), ingest's cleaning and, for a detector that reads data built on
    this machine, that data's stamp."""

    def __init__(self, name: str, sources: Sequence[Path], data_stamp: str = "") -> None:
        digest = hashlib.sha256()
        for source in sources:
            digest.update(source.read_bytes())
        digest.update(_cleaning_digest())
        if data_stamp:
            digest.update(f"\x00{data_stamp}".encode())
        self.path = get_settings().cache_dir / "signals" / f"{name}-{digest.hexdigest()[:16]}.json"
        self.counts: dict[str, dict[str, int]] = {}
        self._saved = 0
        if self.path.is_file():
            self.counts = json.loads(self.path.read_text(encoding="utf-8"))
            self._saved = len(self.counts)

    def save(self) -> None:
        if len(self.counts) != self._saved:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(self.counts), encoding="utf-8")
            os.replace(partial, self.path)  # atomic: a concurrent reader never sees half a file
            self._saved = len(self.counts)
