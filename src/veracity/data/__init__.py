"""Labelled corpora read into one common record, near-duplicates removed, and split.

Entry points: :func:`load_corpora` (all or some registered corpora, deduplicated) and
:func:`load_corpus` (one). Each corpus has its own small loader module; the import list below
is the registry of corpora, so adding one is one module plus one line here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from veracity.data import (  # noqa: F401  (each module registers its corpus)
    buzzfeed_webis,
    clickbait,
    constraint,
    fakenewsnet,
    golbeck,
    hyperpartisan,
    koirala,
    liar,
    perezrosas,
    propanews,
    recovery,
)
from veracity.data.dedup import DEDUP_VERSION, DedupResult, deduplicate
from veracity.data.manifest import corpus_manifest
from veracity.data.record import NewsRecord
from veracity.data.registry import corpus_folder, corpus_loaders, load_corpus, register_corpus
from veracity.settings import get_settings

__all__ = [
    "DedupResult",
    "NewsRecord",
    "corpus_folder",
    "corpus_loaders",
    "corpus_manifest",
    "deduplicate",
    "load_corpora",
    "load_corpus",
    "register_corpus",
]


def load_corpora(
    names: Iterable[str] | None = None, data_dir: Path | None = None, *, dedup: bool = True
) -> DedupResult:
    """Records of the named corpora (default: all registered), near-duplicates removed.

    MinHash over ~70k texts takes about a minute, so the list of dropped ids is cached under
    ``settings.cache_dir``, keyed by the data files' sha256 and the dedup parameters.
    """
    settings = get_settings()
    data_dir = data_dir or settings.data_dir
    wanted = list(names) if names is not None else [c.name for c in corpus_loaders()]
    records = [record for name in wanted for record in load_corpus(name, data_dir)]
    if not dedup:
        return DedupResult(kept=records)
    key_source = json.dumps([wanted, corpus_manifest(wanted, data_dir), DEDUP_VERSION])
    cache = (
        settings.cache_dir / f"dedup-{hashlib.sha256(key_source.encode()).hexdigest()[:16]}.json"
    )
    if cache.is_file():
        dropped: dict[str, str] = json.loads(cache.read_text(encoding="utf-8"))
        return DedupResult(kept=[r for r in records if r.id not in dropped], dropped=dropped)
    result = deduplicate(records)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(result.dropped), encoding="utf-8")
    return result
