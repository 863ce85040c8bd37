"""Training the shipped reliability models from the labelled corpora (``veracity train reliability``).

The product models read articles, so they are trained on the article corpora of the
leave-one-corpus-out folds (:mod:`veracity.models.loco`), at most
:data:`TRAIN_CAP_PER_CORPUS` articles each. There is one artefact per analysis path, from the
same data and protocol (:func:`model_config`). The card each writes records the version, the
training-data manifest (file sha256s), the detectors whose signals are features, the style
features, the label thresholds, the inner leave-one-corpus-out metrics of the same run and the
measured scoring cost per article.
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
import time
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import joblib
import numpy as np

from veracity.artefacts import Card, TrainingMetrics
from veracity.data import corpus_manifest
from veracity.data.splits import groups_of
from veracity.errors import DataError
from veracity.metrics import BinaryScores, binary_scores
from veracity.models.adaptation import CARD_FIELD, choose_share
from veracity.models.artefact import (
    FORMAT_VERSION,
    SPECS,
    artefact_dir,
    load_artefact,
    load_scorer,
    save_artefact,
)
from veracity.models.config import PRODUCT_CORPORA, TRAIN_CAP_PER_CORPUS, model_config
from veracity.models.estimator import CalibratedLinearModel
from veracity.models.inference import LinearScorer
from veracity.nlp.document import Depth
from veracity.settings import get_settings

log = logging.getLogger(__name__)

# Scores below the first are "unreliable", from the second up "reliable", "uncertain" between.
THRESHOLDS = {"unreliable_below": 0.35, "reliable_from": 0.65}
SEED = 0
# Held-out articles timed through the inference scorer for the card's cost figure.
COST_SAMPLE = 1000


def train_reliability(
    data_dir: Path | None = None,
    out_dir: Path | None = None,
    *,
    depth: Depth = "fast",
) -> Card:
    """Rebuild the shipped artefact of the ``depth`` path; returns its card."""
    from veracity.models.loco import FOLDS, capped_rows, load_loco_table, table_frame

    data_dir = data_dir or get_settings().data_dir
    # Deduplicated across every corpus, so the product never trains on an evaluation text.
    table = load_loco_table(data_dir)
    rows = capped_rows(table, table.rows(list(FOLDS)), TRAIN_CAP_PER_CORPUS, SEED)
    if len(rows) < 200:
        raise DataError(f"only {len(rows)} article records under {data_dir}; cannot train")
    records = [table.records[i] for i in rows]
    log.info("%d articles from %d corpora", len(rows), len(set(table.fold[rows])))
    config = model_config(depth)
    frame, y, domains = table_frame(table, rows), table.y[rows], table.fold[rows]
    model = CalibratedLinearModel(**config).fit(frame, y, groups_of(records), domains)
    per_corpus = {
        name: BinaryScores(**binary_scores(y[domains == name], model.out_of_fold_[domains == name]))
        for name in FOLDS
        if (domains == name).any()
    }
    metrics = ReliabilityMetrics(
        protocol="inner leave-one-corpus-out: each training corpus scored by models fitted "
        "without it, Platt-scaled (the predictions the Platt scaling and the cut-keeping map "
        "were fitted on, so before the map: its own out-of-corpus ECE is the full LOCO's); the "
        "full LOCO with baselines is `veracity evaluate --loco`",
        per_corpus=per_corpus,
        pooled=BinaryScores(**binary_scores(y, model.out_of_fold_)),
        mean_macro_f1=float(np.mean([s.macro_f1 for s in per_corpus.values()])),
    )
    log.info("inner LOCO: %s", {k: round(v.macro_f1, 3) for k, v in per_corpus.items()})
    cost = scoring_cost(model, [table.raw[i] for i in rows[:: max(len(rows) // COST_SAMPLE, 1)]])
    log.info("scoring cost: %s", cost)
    manifest = corpus_manifest(PRODUCT_CORPORA, data_dir)
    data_hash = hashlib.sha256(json.dumps(manifest, sort_keys=True).encode()).hexdigest()[:8]
    card = {
        "model_version": model_version(depth, data_hash, model),
        "path": depth,
        "text_features": text_features(config),
        "explanations": EXPLANATIONS[config["use_chars"]],
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "what_it_scores": "P(reliable): style and sourcing patterns learned from labelled "
        "corpora, not a verdict on the truth of each claim",
        "corpora": list(PRODUCT_CORPORA),
        "training_data_manifest": manifest,
        "training_rows": {
            "total": len(rows),
            "cap_per_corpus": TRAIN_CAP_PER_CORPUS,
            "by_corpus_label": {
                f"{fold}/{label}": n
                for (fold, label), n in sorted(
                    Counter(zip(domains.tolist(), (r.label for r in records), strict=True)).items()
                )
            },
        },
        "signal_detectors": table.detectors,
        "style_features": [c.removeprefix("style:") for c in model.style_columns_],
        "config": config,
        "thresholds": THRESHOLDS,
        "metrics": metrics.record(),
        "scoring_cost": cost,
        "scope": {
            "out_of_scope_quantile": config.get("scope_quantile", 0.99),
            "style_distance_limit": model.scope_limit_,
        },
        "calibration": calibration_record(model),
        "combiner": {
            "text_weight": model.text_weight,
            "style_weights": model.style_weights,
            "headline_weights": model.headline_weights,
            "headline_centre": dict(
                zip(model.headline_columns_, model.headline_mean_.tolist(), strict=True)
            )
            if model.headline_columns_
            else {},
            "signal_weights": model.signal_weights,
            "signals_dropped_for_positive_weight": model.dropped_signal_columns_,
            "sourcing_held_for_direction": model.direction_held_columns_,
        },
    }
    if depth == "fast":  # `veracity batch --adapt`'s share, chosen here, never on a batch
        card[CARD_FIELD] = adaptation_choice(table)
    summary = (
        f"reliability {card['model_version']}: {metrics.summary} (full LOCO with baselines: "
        f"veracity evaluate --loco); {cost['ms_per_article']:.2f} ms per article"
    )
    return save_artefact(model, card, out_dir, depth, summary=summary)


def adaptation_choice(table: Any) -> dict[str, Any]:
    """The share of a batch taken as pseudo-labels by ``veracity batch --adapt``, chosen by
    inner leave-one-corpus-out over the training corpora (48 fits at 1,000 articles a corpus),
    as the card keeps it."""
    choice = choose_share(table, on_corpus=lambda name: log.info("adaptation: inner %s", name))
    log.info("adaptation share %s (%.0f CPU s)", choice.share, choice.cpu_seconds)
    return choice.model_dump()


def write_adaptation_choice(data_dir: Path | None = None, out_dir: Path | None = None) -> Card:
    """Choose the adaptation share on the training corpora and write it into the shipped fast
    model's card, keeping the model (``veracity train reliability --adaptation-only``)."""
    from veracity.models.loco import load_loco_table

    spec = SPECS["fast"]
    folder = artefact_dir(out_dir, "fast")
    card = spec.read_card(folder)
    choice = adaptation_choice(load_loco_table(data_dir or get_settings().data_dir))
    fields = card.model_dump(mode="json", exclude_defaults=True) | {CARD_FIELD: choice}
    saved = spec.save(Card.model_validate(fields), folder)
    load_scorer.cache_clear()  # this process reads the new card from here on
    load_artefact.cache_clear()
    return saved


class ReliabilityMetrics(TrainingMetrics):
    """The reliability cards' metrics: each training corpus scored by models fitted without it
    (the out-of-fold predictions the calibration was fitted on), pooled and on average."""

    protocol: str
    per_corpus: dict[str, BinaryScores]
    pooled: BinaryScores
    mean_macro_f1: float

    @property
    def summary(self) -> str:
        """One line: the mean inner-LOCO macro-F1 and the pooled ECE (the card's summary adds
        the model version and the scoring cost around it)."""
        return (
            f"inner leave-one-corpus-out macro-F1 {self.mean_macro_f1:.3f} mean over "
            f"{len(self.per_corpus)} corpora, pooled ECE {self.pooled.ece:.3f}"
        )


# Platt-scaled scores at which the card shows what the cut-keeping map makes of them.
MAP_READINGS = (
    0.05,
    0.1,
    0.2,
    0.3,
    0.35,
    0.4,
    0.45,
    0.4999,
    0.5,
    0.55,
    0.6,
    0.65,
    0.7,
    0.8,
    0.9,
    0.95,
)


def calibration_record(model: CalibratedLinearModel) -> dict[str, Any]:
    """The card's calibration: the Platt scaling's slope and intercept, and what the cut-keeping
    map (when the model has one) makes of some Platt-scaled scores."""
    record: dict[str, Any] = {
        "platt_slope": model.platt_slope,
        "platt_intercept": float(model.calibration_.intercept_[0]),
    }
    cut_map = model.cut_map
    if cut_map is not None:
        p = np.array(MAP_READINGS)
        mapped = 1.0 / (1.0 + np.exp(-cut_map.apply(np.log(p) - np.log1p(-p))))
        record["cut_keeping_map"] = {
            "fitted_on": "the Platt-scaled inner leave-one-corpus-out predictions, isotonic "
            "below 0.5 (held below it) and from 0.5 (held at or above it)",
            "knots": {"below": len(cut_map.below_x), "above": len(cut_map.above_x)},
            "maps": {f"{a:g}": round(float(b), 4) for a, b in zip(p, mapped, strict=True)},
        }
    return record


# Keyed by whether the model reads character n-grams.
EXPLANATIONS = {
    False: "phrases for the style features, signal kinds and the word n-grams' summed push "
    "(wording typical of reliable / unreliable articles), each with its spans in the article",
    True: "as the fast path, plus the character n-grams' summed push as one entry without spans",
}


def text_features(config: dict[str, Any]) -> str:
    """The features of a :func:`model_config`, in words, for the card."""
    words = f"TF-IDF word 1-2-grams (at most {config['word_features']})"
    if config["mask_names"]:
        words += " of the text without capitalised words and numbers"
    if config["use_chars"]:
        words += f" + TF-IDF char_wb 3-5-grams (at most {config['char_features']}, min_df 5)"
    if config["use_style"]:
        words += " + style and sourcing features"
    if config.get("headline_consistency"):
        words += " + headline-body consistency"
    return words + " + fast signal counts"


def version_tag(depth: Depth) -> str:
    """The model-version prefix: the format version, plus the path for the deep model."""
    return FORMAT_VERSION if depth == "fast" else f"{FORMAT_VERSION}-{depth}"


def model_version(depth: Depth, data_hash: str, model: CalibratedLinearModel) -> str:
    """Format, day, training data and the fitted model itself: two fits of one day on the same
    corpora with other code or settings get two versions (reports and stored analyses carry it).
    ``joblib.hash`` reads the model's state as the saved file gives it back (a fresh fit's
    logistic regressions hash otherwise than after a pickle round trip), so the same fit gives
    the same digest, the one its loaded model file has."""
    saved = pickle.loads(pickle.dumps(model))
    return f"{version_tag(depth)}.{datetime.now(UTC):%Y%m%d}.{data_hash}.{joblib.hash(saved)[:8]}"


def scoring_cost(model: CalibratedLinearModel, texts: Sequence[str]) -> dict[str, Any]:
    """CPU time to score ``texts`` one chunk at a time, as inference does (text, style, combiner)."""
    scorer = LinearScorer(model)
    started = time.process_time()
    matrix, style = scorer.features(texts)
    scorer.decision(matrix, [{}] * len(texts), style)
    seconds = max(time.process_time() - started, 1e-9)
    return {
        "articles": len(texts),
        "ms_per_article": round(1000 * seconds / len(texts), 3),
        "articles_per_cpu_second": round(len(texts) / seconds, 1),
        "measured": "training articles, LinearScorer.features + decision, one process",
    }
