"""Leave-one-corpus-out (LOCO) evaluation: the reliability score on corpora it never saw.

Each article corpus with both classes is a fold (FakeNewsNet's two collections and the two
Pérez-Rosas subsets count as separate corpora). For each fold, a model is trained on the other
folds and scores the held-out corpus at the shipped 0.5 threshold, beside a plain TF-IDF+LR
and the majority class fitted on the same training rows. Articles the product would not score
(:func:`veracity.models.abstention.scope_decision`, the product's own decision, with each fold
model's form test) count as errors, and coverage is reported.

Two auxiliary corpora are never folds nor training data: SemEval-2019 hyperpartisan (does the
score fall on hyperpartisan articles?) and Golbeck 2018 fake vs satire (both unreliable: the
share scored unreliable, per class).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict
from sklearn.base import clone
from sklearn.metrics import roc_auc_score

from veracity.artefacts import read_cache_pickle, write_cache_pickle
from veracity.data import NewsRecord, corpus_manifest, load_corpora
from veracity.data.splits import labels_of
from veracity.metrics import scores_with_abstentions
from veracity.models.abstention import scope_decision
from veracity.models.config import (
    PRODUCT_CORPORA,
    TRAIN_CAP_PER_CORPUS,
    model_config,
    plain_baseline,
)
from veracity.models.features import model_text, record_article, record_signals
from veracity.models.headline import headline_matrix
from veracity.models.scope import text_abstention
from veracity.models.style import style_matrix
from veracity.nlp.language import guess_language
from veracity.settings import get_settings

log = logging.getLogger(__name__)


class SystemScores(BaseModel):
    """One system's figures on one held-out corpus, or pooled (``metrics.scores_with_abstentions``)."""

    model_config = ConfigDict(extra="allow")

    n: float
    coverage: float
    macro_f1: float
    accuracy: float
    share_scored_reliable: float | None = None
    ece: float
    auc: float


class SystemSummary(BaseModel):
    """One system over the folds (:func:`summarise`)."""

    mean_macro_f1: float
    worst_macro_f1: float
    mean_auc: float | None = None
    min_margin_over_tfidf: float | None = None


class TradeoffPoint(BaseModel):
    """Coverage against accuracy at one out-of-scope limit (:func:`scope_tradeoff`)."""

    limit: float
    coverage: float
    accuracy_on_scored: float
    accuracy_abstentions_as_errors: float


class LocoResult(BaseModel):
    """A leave-one-corpus-out run (:func:`evaluate_loco`, or the shipped model's own folds:
    ``kind="inner"``). Fields in the order they are saved; :meth:`as_saved` gives the saved
    JSON's object (the fields that were set, nothing added)."""

    model_config = ConfigDict(extra="allow")

    folds: dict[str, dict[str, SystemScores]]
    auxiliary: dict[str, Any] = {}
    pooled: dict[str, SystemScores]
    pooled_predictions: dict[str, Any] = {}
    coverage_english_news: float | None = None
    abstentions: dict[str, Any] = {}
    summary: dict[str, SystemSummary]
    depth: str | None = None
    shared_vocabulary: bool | None = None
    reliable_share: dict[str, float] = {}
    scope_tradeoff: list[TradeoffPoint] = []
    seconds: float = 0.0
    speed: dict[str, Any] | None = None
    kind: str = "full"

    def as_saved(self) -> dict[str, Any]:
        """The run as ``loco.json`` holds it."""
        return self.model_dump(exclude_unset=True)

    def summary_line(self) -> str:
        """One line: the shipped model's mean and worst macro-F1 beside the baselines."""
        ours = self.summary["veracity"]
        line = (
            f"LOCO ({self.depth or self.kind}, {len(self.folds)} folds): veracity mean macro-F1 "
            f"{ours.mean_macro_f1:.3f} (worst {ours.worst_macro_f1:.3f})"
        )
        others = [
            f"{label} {self.summary[key].mean_macro_f1:.3f}"
            for key, label in (("plain_tfidf_lr", "TF-IDF+LR"), ("majority", "majority"))
            if key in self.summary
        ]
        return line + (f"; {', '.join(others)}" if others else "")


FOLDS: dict[str, Callable[[NewsRecord], bool]] = {
    "gossipcop": lambda r: r.corpus == "fakenewsnet" and r.collection == "gossipcop",
    "politifact": lambda r: r.corpus == "fakenewsnet" and r.collection == "politifact",
    "fakenewsamt": lambda r: r.corpus == "perezrosas2018" and r.collection == "fakenewsamt",
    "celebrity": lambda r: r.corpus == "perezrosas2018" and r.collection == "celebrity",
    "buzzfeed_webis": lambda r: r.corpus == "buzzfeed_webis",
    "recovery_covid2020": lambda r: r.corpus == "recovery_covid2020",
    "covid19_fakenews_koirala": lambda r: r.corpus == "covid19_fakenews_koirala",
    "propanews_snopes": lambda r: r.corpus == "propanews_snopes",
}
AUXILIARY = ("semeval2019_hyperpartisan", "golbeck2018_fake_satire")
CORPORA = (*PRODUCT_CORPORA, *AUXILIARY)
FEATURES_VERSION = "loco-features-3"
# The shipped fold models with a calibration fitted to the training share of reliable articles.
PRIOR_CALIBRATED = "veracity_prior_calibrated"
# The shipped fold models' Platt-scaled scores, before the cut-keeping map.
PLATT_ONLY = "veracity_platt_only"


@dataclass
class LocoTable:
    """Every LOCO article with what the models read, computed once and cached on disk.

    ``fold`` is the fold name for fold rows and the corpus name for auxiliary rows. ``raw`` is
    the record's full text as the corpus has it (the plain baseline reads it), ``texts`` the
    model text of the record read as the product reads an article
    (:func:`~veracity.models.features.record_article`: ingest's cleaning first), which the
    style, the signals and the abstentions read too. ``titles`` is that article's title (None:
    it has none) and ``headline`` its headline columns (:mod:`veracity.models.headline`).
    """

    records: list[NewsRecord]
    fold: np.ndarray
    y: np.ndarray
    raw: list[str]
    texts: list[str]
    style: np.ndarray
    signals: list[dict[str, float]]
    detectors: list[str]
    abstained: list[str | None]
    titles: list[str | None]
    headline: np.ndarray

    def rows(self, folds: Sequence[str]) -> np.ndarray:
        """Indices of the rows of the named folds."""
        return np.flatnonzero(np.isin(self.fold, list(folds)))


def fold_of(record: NewsRecord) -> str | None:
    """The LOCO fold of a record, its corpus name if auxiliary, else None."""
    if record.corpus in AUXILIARY:
        return record.corpus
    return next((name for name, member in FOLDS.items() if member(record)), None)


def load_loco_table(data_dir: Path | None = None) -> LocoTable:
    """The LOCO rows (deduplicated across every corpus), from the cache when it is current."""
    data_dir = data_dir or get_settings().data_dir
    cache = loco_cache_path(data_dir)
    kept = read_cache_pickle(cache)
    if kept is not None:
        return kept[0]
    table = build_loco_table(load_corpora(data_dir=data_dir).kept)
    write_cache_pickle(cache, table)
    return table


def build_loco_table(corpus_records: Iterable[NewsRecord]) -> LocoTable:
    """The LOCO rows of ``corpus_records`` (those of a fold or an auxiliary corpus), with
    what the models read computed here.

    A record that leaves no article once ingest has cleaned it (cookie notices only) is no row:
    the product refuses it as input.
    """
    records, articles, titles = [], [], []
    for record in corpus_records:
        article = record_article(record) if fold_of(record) is not None else None
        if article is not None:
            records.append(record)
            articles.append(article.text)
            titles.append(article.title)
    log.info("LOCO: %d articles; computing features", len(records))
    raw = [r.full_text for r in records]
    texts = [model_text(text) for text in articles]
    signals, detectors = record_signals(records)
    style = style_matrix(texts)
    return LocoTable(
        records=records,
        fold=np.array([fold_of(r) for r in records]),
        y=labels_of(records),
        raw=raw,
        texts=texts,
        style=style,
        signals=signals,
        detectors=detectors,
        abstained=[
            text_abstention(text, guess_language(text), row)
            for text, row in zip(articles, style, strict=True)
        ],
        titles=titles,
        headline=headline_matrix(texts, titles),
    )


def loco_cache_path(data_dir: Path) -> Path:
    """Where :func:`load_loco_table` keeps the table of ``data_dir``'s corpora: a name from the
    features' version, the corpora's manifest and :func:`_sources_digest`, so a change to any
    of them reads no stale table."""
    key = json.dumps([FEATURES_VERSION, corpus_manifest(CORPORA, data_dir), _sources_digest()])
    return get_settings().cache_dir / f"loco-{hashlib.sha256(key.encode()).hexdigest()[:16]}.pkl"


def _sources_digest() -> str:
    """A digest of the feature code, every fast detector, the data a detector reads besides its
    code (the outlet table) and the other artefacts' cards.

    A change to any of them (a detector's rules, the lexicon it loads, a rebuilt outlet table)
    invalidates the table.
    """
    import sys

    from veracity.ingest import article, boilerplate, normalise, text
    from veracity.models import features, headline, provenance, scope, style
    from veracity.signals import detectors

    digest = hashlib.sha256()
    modules = (article, boilerplate, features, headline, normalise, provenance, scope, style, text)
    files = [Path(m.__file__ or "") for m in modules]
    for detector in detectors("fast"):
        files += features.module_sources(sys.modules[detector.detect.__module__])
    # The data a detector reads besides its code (the outlet table), as its counts' caches do.
    for detector in detectors("fast"):
        if detector.data_stamp:
            digest.update(detector.data_stamp().encode())
    files += sorted(
        card
        for card in get_settings().artefacts_dir.glob("*/card.json")
        if not card.parent.name.startswith("reliability")
    )
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# A system: fitted on training rows of the table, returns P(reliable) for the test rows.
System = Callable[[LocoTable, np.ndarray, np.ndarray], np.ndarray]


def run_loco(
    table: LocoTable,
    systems: dict[str, System],
    *,
    folds: Sequence[str] | None = None,
    abstain_systems: Sequence[str] = (),
    on_fold: Callable[[str, int, int], None] | None = None,
) -> dict[str, Any]:
    """Each system on each held-out fold, plus pooled out-of-fold scores and the auxiliaries.

    Systems named in ``abstain_systems`` are the product: their abstentions count as errors.
    Baselines score every article. ``on_fold``: told before each fold which corpus it holds
    out, how many folds are done and how many there are.
    """
    folds = list(folds or FOLDS)
    pooled = {name: np.full(len(table.y), np.nan) for name in systems}
    covered = np.array([reason is None for reason in table.abstained])
    result: dict[str, Any] = {"folds": {}, "auxiliary": {}}
    aux_rows = table.rows(AUXILIARY)
    aux_scores: dict[str, list[np.ndarray]] = {name: [] for name in systems}
    for done, held_out in enumerate(folds):
        if on_fold is not None:
            on_fold(held_out, done, len(folds))
        train = table.rows([f for f in FOLDS if f != held_out])
        test = table.rows([held_out])
        fold_result: dict[str, Any] = {}
        for name, system in systems.items():
            p = system(table, train, np.concatenate([test, aux_rows]))
            pooled[name][test] = p[: len(test)]
            aux_scores[name].append(p[len(test) :])
            held = p[: len(test)]
            # a product's own abstentions come back as NaN
            mask = covered[test] & ~np.isnan(held) if name in abstain_systems else None
            fold_result[name] = scores_with_abstentions(
                table.y[test], np.nan_to_num(held, nan=0.5), mask
            )
        rate = table.y[train].mean()
        fold_result["majority"] = scores_with_abstentions(table.y[test], np.full(len(test), rate))
        result["folds"][held_out] = fold_result
        log.info(
            "LOCO %s: %s",
            held_out,
            {name: round(s["macro_f1"], 3) for name, s in fold_result.items()},
        )
    rows = table.rows(folds)
    result["pooled"] = {
        name: scores_with_abstentions(
            table.y[rows],
            np.nan_to_num(pooled[name][rows], nan=0.5),
            covered[rows] & ~np.isnan(pooled[name][rows]) if name in abstain_systems else None,
        )
        for name in systems
    }
    result["pooled_predictions"] = {
        name: {"y": table.y[rows].tolist(), "p": pooled[name][rows].round(4).tolist()}
        for name in systems
    }
    result["auxiliary"] = _auxiliary(table, aux_rows, aux_scores, covered)
    result["coverage_english_news"] = float(covered[rows].mean())
    result["abstentions"] = _abstention_counts(table, rows)
    result["summary"] = summarise(result)
    return result


def _auxiliary(
    table: LocoTable,
    aux_rows: np.ndarray,
    aux_scores: dict[str, list[np.ndarray]],
    covered: np.ndarray,
) -> dict[str, Any]:
    """Scores of the auxiliary corpora, averaged over the fold models."""
    out: dict[str, Any] = {}
    for name, per_fold in aux_scores.items():
        stacked = np.array(per_fold)
        # a fold model that abstained on a row (NaN) leaves it out of that row's mean; a row
        # every fold model abstained on stays at 0.5 (averaging it would warn of an empty slice)
        scored = ~np.isnan(stacked).all(axis=0)
        p = np.full(stacked.shape[1], 0.5)
        p[scored] = np.nanmean(stacked[:, scored], axis=0)
        systems: dict[str, Any] = {}
        for corpus in AUXILIARY:
            mask = table.fold[aux_rows] == corpus
            records = [table.records[i] for i in aux_rows[mask]]
            if corpus == "semeval2019_hyperpartisan":
                partisan = np.array([r.original_label == "hyperpartisan" for r in records])
                systems[corpus] = {
                    "n": int(mask.sum()),
                    "mean_score_hyperpartisan": float(p[mask][partisan].mean()),
                    "mean_score_not_hyperpartisan": float(p[mask][~partisan].mean()),
                    "auc_not_hyperpartisan_higher": float(
                        roc_auc_score((~partisan).astype(int), p[mask])
                    ),
                }
            else:
                kinds = np.array([r.collection for r in records])
                systems[corpus] = {
                    f"share_scored_unreliable_{kind}": float((p[mask][kinds == kind] < 0.5).mean())
                    for kind in ("fake", "satire")
                } | {"n": int(mask.sum())}
        out[name] = systems
    return out


def _abstention_counts(table: LocoTable, rows: np.ndarray) -> dict[str, int]:
    counts: dict[str, int] = {}
    for i in rows:
        reason = table.abstained[i]
        if reason:
            counts[reason] = counts.get(reason, 0) + 1
    return counts


def summarise(result: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Mean and worst macro-F1 over the folds, per system, and the smallest margin over TF-IDF+LR."""
    systems = next(iter(result["folds"].values())).keys()
    summary = {}
    for name in systems:
        f1 = [fold[name]["macro_f1"] for fold in result["folds"].values()]
        auc = [fold[name]["auc"] for fold in result["folds"].values()]
        summary[name] = {"mean_macro_f1": float(np.mean(f1)), "worst_macro_f1": float(min(f1))}
        summary[name]["mean_auc"] = float(np.nanmean(auc))
        if "plain_tfidf_lr" in systems and name != "plain_tfidf_lr":
            summary[name]["min_margin_over_tfidf"] = float(
                min(
                    fold[name]["macro_f1"] - fold["plain_tfidf_lr"]["macro_f1"]
                    for fold in result["folds"].values()
                )
            )
    return summary


def capped_rows(table: LocoTable, rows: np.ndarray, cap: int, seed: int = 0) -> np.ndarray:
    """``rows`` with at most ``cap`` of each fold (a seeded sample), so no corpus dominates."""
    rng = np.random.default_rng(seed)
    kept = []
    for name in dict.fromkeys(table.fold[rows].tolist()):
        members = rows[table.fold[rows] == name]
        kept.append(
            np.sort(rng.choice(members, cap, replace=False)) if len(members) > cap else members
        )
    return np.sort(np.concatenate(kept)) if kept else rows


def table_frame(table: LocoTable, rows: np.ndarray) -> Any:
    """The estimator's input table for ``rows`` (cached texts, style and signals)."""
    from veracity.models.features import feature_frame

    return feature_frame(
        [table.raw[i] for i in rows],
        [table.signals[i] for i in rows],
        stripped=[table.texts[i] for i in rows],
        style=table.style[rows],
        headline=table.headline[rows],
    )


def product_system(
    depth: str = "fast",
    seen: dict[int, tuple[float, float]] | None = None,
    shared: tuple[Any, Any] | None = None,
    prior_calibrated: dict[int, float] | None = None,
    platt_only: dict[int, float] | None = None,
) -> System:
    """The shipped configuration of ``depth``, trained as ``veracity train reliability`` does.

    Its abstentions come back as NaN (counted as errors by :func:`run_loco`): the product's
    scope decision (:func:`~veracity.models.abstention.scope_decision`) with the fold model's
    form test, so the matrix abstains on the texts the product would. ``seen`` collects each
    held-out row's style distance as that decision reads it (1.0 = the scope limit) and its
    score before abstention, for the coverage / accuracy trade-off. ``shared``: a TF-IDF vectoriser
    fitted once on every row's text (no labels) and the table's matrix from it, instead of one
    vectoriser per fold (:func:`evaluate_loco`'s ``shared_vocabulary``). ``prior_calibrated``
    collects each held-out row's score under the alternative calibration of
    :func:`recalibrate_to_prior` (NaN where the product abstains), read back by
    :func:`recorded_system`; ``platt_only`` its Platt-scaled score before the cut-keeping map
    (:mod:`veracity.models.calibration`), fitted inside each fold model on its own training
    corpora's out-of-corpus scores, so never on the held-out corpus's labels.
    """
    from veracity.models.estimator import CalibratedLinearModel

    def system(table: LocoTable, train: np.ndarray, test: np.ndarray) -> np.ndarray:
        train = capped_rows(table, train, TRAIN_CAP_PER_CORPUS)
        vectoriser, matrix = shared or (None, None)
        model = CalibratedLinearModel(**model_config(depth), vectoriser=vectoriser)  # type: ignore[arg-type]
        model.fit(
            table_frame(table, train),
            table.y[train],
            [table.records[i].group for i in train],
            table.fold[train],
            matrix=None if matrix is None else matrix[train],
        )
        _, platt = model.explained_decision(
            table_frame(table, test), None if matrix is None else matrix[test], mapped=False
        )
        p = 1.0 / (1.0 + np.exp(-model.mapped(platt)))
        # the product's scope decision with this fold model's form test: the texts the product
        # would not score are the matrix's abstentions (the form distance as the product reads
        # it, a refused text with joined sentences read again spaced)
        decided = scope_decision(
            _ArticleTexts(table, test),
            table.style[test],
            [table.abstained[i] for i in test],
            model.out_of_scope,
        )
        abstained = np.array([reason is not None for reason in decided.reasons], dtype=bool)
        if seen is not None:
            distance = model.scope_distance(decided.form)
            pairs = zip(distance.tolist(), p.tolist(), strict=True)
            seen.update(zip(test.tolist(), pairs, strict=True))
        if prior_calibrated is not None:
            alternative = np.where(abstained, np.nan, recalibrate_to_prior(model, platt))
            prior_calibrated.update(zip(test.tolist(), alternative.tolist(), strict=True))
        if platt_only is not None:
            before = np.where(abstained, np.nan, 1.0 / (1.0 + np.exp(-platt)))
            platt_only.update(zip(test.tolist(), before.tolist(), strict=True))
        return np.where(abstained, np.nan, p)

    return system


class _ArticleTexts(Sequence[str]):
    """The article texts of a table's ``rows`` as the product reads them (ingest's cleaning,
    :func:`~veracity.models.features.record_article`), read again only for the rows asked for:
    the table keeps their model texts, and the scope decision reads an article's text only
    where the form distance refuses it (``model_text`` of a model text may strip a second
    credit line, so the model text would not be the product's reading)."""

    def __init__(self, table: LocoTable, rows: np.ndarray) -> None:
        self.table, self.rows = table, rows

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        article = record_article(self.table.records[int(self.rows[index])])
        if article is None:  # a table row is a record ingest kept
            raise ValueError(f"row {self.rows[index]} of the LOCO table has no article")
        return article.text


def recalibrate_to_prior(model: Any, log_odds: np.ndarray) -> np.ndarray:
    """P(reliable) calibrated to the training articles' own share of reliable ones
    (``log_odds``: the Platt-scaled log-odds, before any cut-keeping map).

    The shipped calibration weights every (corpus, class) cell equally, so its 0.5 cut sits
    where both classes of an unseen corpus are missed equally often. This alternative refits
    the Platt scaling unweighted on the same pooled out-of-corpus predictions: its scores
    match the pooled share of reliable articles (a lower pooled ECE) at the price of that cut.
    """
    from sklearn.linear_model import LogisticRegression

    p = np.asarray(model.out_of_fold_, dtype=np.float64)
    known = ~np.isnan(p)
    z = np.log(np.clip(p[known], 1e-6, 1 - 1e-6) / np.clip(1 - p[known], 1e-6, 1.0))
    platt = LogisticRegression(C=100.0).fit(z.reshape(-1, 1), model.out_of_fold_labels_[known])
    return platt.predict_proba(np.asarray(log_odds).reshape(-1, 1))[:, 1]


def recorded_system(store: dict[int, float]) -> System:
    """A system that returns the scores another system recorded for the same test rows."""

    def system(table: LocoTable, train: np.ndarray, test: np.ndarray) -> np.ndarray:
        return np.array([store[int(i)] for i in test], dtype=np.float64)

    return system


def shared_text_features(table: LocoTable, depth: str = "fast") -> tuple[Any, Any]:
    """The shipped TF-IDF vectoriser fitted once on every LOCO row's text, and its matrix.

    No label is read, but the held-out corpus's words take part in the vocabulary and IDF: a
    cheaper, slightly transductive protocol (every learned weight still comes from the
    training folds only).
    """
    from veracity.models.estimator import build_vectoriser, mask_names
    from veracity.models.features import TEXT_COLUMN

    config = model_config(depth)  # type: ignore[arg-type]
    texts = [mask_names(t) for t in table.texts] if config["mask_names"] else table.texts
    vectoriser = build_vectoriser(
        word_features=config["word_features"],
        char_features=config["char_features"],
        use_chars=config["use_chars"],
    )
    matrix = vectoriser.fit_transform(pd.DataFrame({TEXT_COLUMN: texts})).tocsr()
    return vectoriser, matrix


def shared_plain_system(table: LocoTable) -> System:
    """The plain TF-IDF+LR baseline with its vectoriser fitted once on every row's raw text."""

    vectoriser, classifier = plain_baseline().steps[0][1], plain_baseline().steps[1][1]
    matrix = vectoriser.fit_transform(table.raw).tocsr()

    def system(table: LocoTable, train: np.ndarray, test: np.ndarray) -> np.ndarray:
        train = capped_rows(table, train, TRAIN_CAP_PER_CORPUS)
        model = clone(classifier).fit(matrix[train], table.y[train])
        return model.predict_proba(matrix[test])[:, 1]

    return system


def plain_system(table: LocoTable, train: np.ndarray, test: np.ndarray) -> np.ndarray:
    """The plain TF-IDF+LR baseline on raw text, fitted on the same (capped) training rows."""

    train = capped_rows(table, train, TRAIN_CAP_PER_CORPUS)
    model = plain_baseline().fit([table.raw[i] for i in train], table.y[train])
    return model.predict_proba([table.raw[i] for i in test])[:, 1]


def evaluate_loco(
    data_dir: Path | None = None,
    depth: str = "fast",
    *,
    shared_vocabulary: bool = False,
    on_step: Callable[[str, int, int], None] | None = None,
) -> LocoResult:
    """LOCO of the shipped configuration of ``depth`` beside TF-IDF+LR and the majority class.

    ``shared_vocabulary``: each TF-IDF vectoriser is fitted once on every row's text rather
    than once per fold (see :func:`shared_text_features`), for both systems; about a third of
    the time. ``on_step``: told before each step (the table, then each fold) what it is, how
    many steps are done and how many there are (the CLI's progress bar).
    """
    steps = 1 + len(FOLDS)
    if on_step is not None:
        on_step("loading the LOCO table (features computed on a first run)", 0, steps)
    table = load_loco_table(data_dir)
    seen: dict[int, tuple[float, float]] = {}
    recalibrated: dict[int, float] = {}
    before_map: dict[int, float] = {}
    shared = shared_text_features(table, depth) if shared_vocabulary else None
    systems = {
        "veracity": product_system(depth, seen, shared, recalibrated, before_map),
        # the same fold models with other calibrations (no refit)
        PRIOR_CALIBRATED: recorded_system(recalibrated),
        PLATT_ONLY: recorded_system(before_map),
        "plain_tfidf_lr": shared_plain_system(table) if shared_vocabulary else plain_system,
    }
    on_fold = (
        (lambda fold, done, _: on_step(f"{fold} held out", 1 + done, steps)) if on_step else None
    )
    result = run_loco(
        table,
        systems,
        abstain_systems=("veracity", PRIOR_CALIBRATED, PLATT_ONLY),
        on_fold=on_fold,
    )
    result["depth"] = depth
    result["shared_vocabulary"] = shared_vocabulary
    result["reliable_share"] = {f: float(table.y[table.rows([f])].mean()) for f in FOLDS}
    result["scope_tradeoff"] = scope_tradeoff(table, seen)
    return LocoResult.model_validate(result)


def scope_tradeoff(
    table: LocoTable, seen: dict[int, tuple[float, float]]
) -> list[dict[str, float]]:
    """Coverage and accuracy of the pooled LOCO predictions as the out-of-scope limit moves.

    ``limit`` is in units of the shipped limit (1.0; infinity: no out-of-scope abstention);
    the language and length checks apply throughout.
    """
    rows = [i for i in table.rows(list(FOLDS)) if int(i) in seen]
    y = table.y[rows]
    distance = np.array([seen[int(i)][0] for i in rows])
    p = np.array([seen[int(i)][1] for i in rows])
    text_ok = np.array([table.abstained[i] is None for i in rows])
    points = []
    for limit in (0.8, 0.9, 1.0, 1.25, float("inf")):
        kept = text_ok & (distance <= limit)
        correct = (p[kept] >= 0.5).astype(int) == y[kept]
        points.append(
            {
                "limit": limit,
                "coverage": float(kept.mean()),
                "accuracy_on_scored": float(correct.mean()) if kept.any() else float("nan"),
                "accuracy_abstentions_as_errors": float(correct.sum() / len(rows)),
            }
        )
    return points


def _fmt(value: float | None) -> str:
    return "–" if value is None or value != value else f"{value:.3f}"


def format_loco(result: LocoResult | dict[str, Any]) -> str:
    """The LOCO matrix as Markdown (printed by ``veracity evaluate --loco``, used in the docs)."""
    if isinstance(result, LocoResult):
        result = result.as_saved()
    systems = {"veracity": "veracity", "plain_tfidf_lr": "TF-IDF+LR", "majority": "majority"}
    lines = [
        "| held-out corpus | n | veracity macro-F1 | AUC | coverage | TF-IDF+LR macro-F1 | AUC "
        "| majority macro-F1 | veracity − TF-IDF+LR |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for fold, scores in result["folds"].items():
        ours, plain, majority = (scores.get(key, {}) for key in systems)
        margin = f"{ours['macro_f1'] - plain['macro_f1']:+.3f}" if "macro_f1" in plain else "–"
        lines.append(
            f"| {fold} | {int(ours['n'])} | {_fmt(ours['macro_f1'])} | {_fmt(ours['auc'])} | "
            f"{ours['coverage']:.1%} | {_fmt(plain.get('macro_f1'))} | {_fmt(plain.get('auc'))} | "
            f"{_fmt(majority.get('macro_f1'))} | {margin} |"
        )
    summary = result["summary"]
    for label, key in (("mean", "mean_macro_f1"), ("worst fold", "worst_macro_f1")):
        lines.append(
            f"| **{label}** | | **{_fmt(summary['veracity'][key])}** | | | "
            f"{_fmt(summary.get('plain_tfidf_lr', {}).get(key))} | | "
            f"{_fmt(summary.get('majority', {}).get(key))} | |"
        )
    pooled = result["pooled"]["veracity"]
    plain_ece = result["pooled"].get("plain_tfidf_lr", {}).get("ece")
    lines += [
        "",
        f"Pooled out-of-fold predictions (all folds): ECE {_fmt(pooled['ece'])} "
        f"(TF-IDF+LR {_fmt(plain_ece)}), AUC {_fmt(pooled['auc'])}, "
        f"coverage {pooled['coverage']:.1%} (abstentions: "
        + (", ".join(f"{k} {v}" for k, v in sorted(result["abstentions"].items())) or "none")
        + "; the model's own out-of-scope abstentions are counted in each fold's coverage). "
        + (
            "Coverage is measured on every article of each fold; these macro-F1 figures score "
            "every training article."
            if result.get("kind") == "inner"
            else "Abstentions count as errors in macro-F1."
        ),
    ]
    aux = result["auxiliary"]
    lines += [
        "",
        "Auxiliary corpora (never trained on; "
        + (
            "scored by the shipped model):"
            if result.get("kind") == "inner"
            else "scores averaged over the fold models):"
        ),
        "",
    ]
    for name, label in systems.items():
        if name not in aux:
            continue
        hyper = aux[name]["semeval2019_hyperpartisan"]
        satire = aux[name]["golbeck2018_fake_satire"]
        lines.append(
            f"- {label}: SemEval-2019 hyperpartisan (n={hyper['n']}): mean score "
            f"{hyper['mean_score_hyperpartisan']:.3f} hyperpartisan vs "
            f"{hyper['mean_score_not_hyperpartisan']:.3f} not (AUC "
            f"{hyper['auc_not_hyperpartisan_higher']:.3f}); Golbeck 2018 (n={satire['n']}): "
            f"{satire['share_scored_unreliable_fake']:.1%} of fabricated and "
            f"{satire['share_scored_unreliable_satire']:.1%} of satirical stories scored below 0.5."
        )
    return "\n".join(lines)


__all__ = [
    "AUXILIARY",
    "FOLDS",
    "PRIOR_CALIBRATED",
    "LocoResult",
    "LocoTable",
    "SystemScores",
    "SystemSummary",
    "TradeoffPoint",
    "build_loco_table",
    "evaluate_loco",
    "format_loco",
    "load_loco_table",
    "run_loco",
    "summarise",
]
