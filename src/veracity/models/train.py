"""Training the shipped reliability models from the labelled corpora (``veracity train reliability``).

The product models read articles, so they are trained on the article-level corpora. There is one
per analysis path, from the same data and protocol; only the text features differ (see
:func:`model_config`): the fast path's reads word n-grams, the deep path's (``--deep``) word and
character n-grams. The card each writes records the version, the training-data manifest (file
sha256s), the detectors whose signals are features, the label thresholds, the metrics of a
source-disjoint held-out run and the measured scoring cost per article.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import time
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from veracity.artefacts import Card
from veracity.data import NewsRecord, corpus_manifest, load_corpora
from veracity.data.splits import groups_of, labels_of, source_disjoint_split
from veracity.errors import DataError
from veracity.models.artefact import FORMAT_VERSION, save_artefact
from veracity.models.estimator import CalibratedLinearModel
from veracity.models.features import SIGNAL_COLUMNS, feature_frame, record_signals
from veracity.models.inference import LinearScorer
from veracity.models.metrics import binary_scores, majority_scores
from veracity.nlp.document import Depth
from veracity.settings import get_settings

log = logging.getLogger(__name__)

PRODUCT_CORPORA = ("fakenewsnet", "perezrosas2018", "buzzfeed_webis")
# Scores below the first are "unreliable", from the second up "reliable", "uncertain" between.
THRESHOLDS = {"unreliable_below": 0.35, "reliable_from": 0.65}
# Running every fast detector costs ~0.1 s per article on a shared CPU, so the combiner that
# weighs signals against the text score (9 weights) is fitted on a fixed, seeded sample.
SIGNAL_SAMPLE = 1500
SEED = 0
# Held-out articles timed through the inference scorer for the card's cost figure.
COST_SAMPLE = 1000


def model_config(depth: Depth = "fast") -> dict[str, Any]:
    """Hyper-parameters of the shipped model of ``depth`` (chosen on source-disjoint evaluation).

    Character 3-5-grams gain accuracy (source-disjoint and PolitiFact, docs/model-card.md) but
    cost about four times the scoring time: too slow for fast-path triage, negligible beside
    the deep path's parse.
    """
    return {
        "C": 2.0,
        "word_features": 60_000,
        "char_features": 40_000,
        "use_chars": depth == "deep",
    }


def signal_frame(records: Sequence[NewsRecord], sample: int) -> tuple[pd.DataFrame, list[str]]:
    """The feature table: every text, and signal counts for a seeded sample (NaN elsewhere)."""
    order = list(range(len(records)))
    random.Random(SEED).shuffle(order)
    chosen = sorted(order[:sample])
    rows, detectors = record_signals([records[i] for i in chosen])
    table = [dict.fromkeys(SIGNAL_COLUMNS, np.nan) for _ in records]
    for index, row in zip(chosen, rows, strict=True):
        table[index] = row
    return feature_frame([r.full_text for r in records], table), detectors


def train_reliability(
    data_dir: Path | None = None,
    out_dir: Path | None = None,
    *,
    signal_sample: int = SIGNAL_SAMPLE,
    depth: Depth = "fast",
) -> Card:
    """Rebuild the shipped artefact of the ``depth`` path; returns its card."""
    data_dir = data_dir or get_settings().data_dir
    # Deduplicate across every corpus, so the product never trains on an evaluation text.
    loaded = load_corpora(data_dir=data_dir)
    records = [r for r in loaded.kept if r.corpus in PRODUCT_CORPORA]
    if len(records) < 200:
        raise DataError(f"only {len(records)} article records under {data_dir}; cannot train")
    log.info("%d articles (%d near-duplicates dropped)", len(records), len(loaded.dropped))
    frame, detectors = signal_frame(records, signal_sample)
    y, groups = labels_of(records), groups_of(records)
    config = model_config(depth)

    train, test = source_disjoint_split(records, test_size=0.2, seed=SEED)
    held_out_model = CalibratedLinearModel(**config).fit(frame.iloc[train], y[train], groups[train])
    p_test = held_out_model.predict_proba(frame.iloc[test])[:, 1]
    metrics = {
        "split": "source-disjoint held-out (GroupShuffleSplit by outlet, 20%)",
        "model": binary_scores(y[test], p_test),
        "majority_baseline": majority_scores(y[train], y[test]),
    }
    log.info("held-out: %s", metrics["model"])
    cost = scoring_cost(held_out_model, [records[i].full_text for i in test[:COST_SAMPLE]])
    log.info("scoring cost: %s", cost)

    model = CalibratedLinearModel(**config).fit(frame, y, groups)
    manifest = corpus_manifest(PRODUCT_CORPORA, data_dir)
    data_hash = hashlib.sha256(json.dumps(manifest, sort_keys=True).encode()).hexdigest()[:8]
    card = {
        "model_version": f"{version_tag(depth)}.{datetime.now(UTC):%Y%m%d}.{data_hash}",
        "path": depth,
        "text_features": text_features(config),
        "explanations": EXPLANATIONS[config["use_chars"]],
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "what_it_scores": "P(reliable): style and sourcing patterns learned from labelled "
        "corpora, not a verdict on the truth of each claim",
        "corpora": list(PRODUCT_CORPORA),
        "training_data_manifest": manifest,
        "training_rows": {
            "total": len(records),
            "by_corpus_label": {
                f"{c}/{lab}": n
                for (c, lab), n in sorted(Counter((r.corpus, r.label) for r in records).items())
            },
            "near_duplicates_dropped_all_corpora": len(loaded.dropped),
            "with_signal_features": int(min(signal_sample, len(records))),
        },
        "signal_detectors": detectors,
        "config": config,
        "thresholds": THRESHOLDS,
        "metrics": metrics,
        "scoring_cost": cost,
        "combiner": {
            "text_weight": model.text_weight,
            "signal_weights": model.signal_weights,
            "signals_dropped_for_positive_weight": model.dropped_signal_columns_,
        },
    }
    return save_artefact(model, card, out_dir, depth)


# Keyed by whether the model reads character n-grams.
EXPLANATIONS = {
    False: "top word n-grams and signal kinds, each with its exact spans in the article",
    True: "top word n-grams and signal kinds, each with its exact spans in the article; the "
    "character n-grams' summed push is one entry without spans (too small to read one by one)",
}


def text_features(config: dict[str, Any]) -> str:
    """The text features of a :func:`model_config`, in words, for the card."""
    words = f"TF-IDF word 1-2-grams (at most {config['word_features']})"
    if not config["use_chars"]:
        return words
    return f"{words} + TF-IDF char_wb 3-5-grams (at most {config['char_features']}, min_df 5)"


def version_tag(depth: Depth) -> str:
    """The model-version prefix: the format version, plus the path for the deep model."""
    return FORMAT_VERSION if depth == "fast" else f"{FORMAT_VERSION}-{depth}"


def scoring_cost(model: CalibratedLinearModel, texts: Sequence[str]) -> dict[str, Any]:
    """CPU time to score ``texts`` one chunk at a time, as inference does (text + combiner)."""
    scorer = LinearScorer(model)
    started = time.process_time()
    scorer.decision(scorer.transform(texts), [{}] * len(texts))
    seconds = max(time.process_time() - started, 1e-9)
    return {
        "articles": len(texts),
        "ms_per_article": round(1000 * seconds / len(texts), 3),
        "articles_per_cpu_second": round(len(texts) / seconds, 1),
        "measured": "held-out articles, LinearScorer.transform + decision, one process",
    }
