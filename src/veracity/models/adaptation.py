"""Adapting the fast reliability model to one batch from the batch's own unlabelled articles
(``veracity batch --adapt``; fast path only).

One round of self-training, measured in docs/benchmarks.md ("batch self-training with k chosen
by inner leave-one-corpus-out"): the shipped model scores the batch; the share ``k`` of the
articles it scores with the highest scores (at or above 0.5) become pseudo-reliable rows and
the ``k`` share with the lowest (below 0.5) pseudo-unreliable rows, of one more training corpus
(:func:`pseudo_labels`); the shipped configuration is refitted on its training rows and those
(:func:`self_trained`), its calibration blind to them (they are split at 0.5 by construction:
no out-of-corpus evidence). ``k`` is chosen once, at training time, by inner
leave-one-corpus-out over the training corpora (:func:`choose_share`) and kept in the fast
model's card, so a batch never chooses on its own scores.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from pydantic import BaseModel

from veracity.metrics import scores_with_abstentions
from veracity.models.config import model_config
from veracity.models.estimator import CalibratedLinearModel, build_vectoriser
from veracity.models.features import TEXT_COLUMN, feature_frame, model_text
from veracity.models.headline import headline_matrix
from veracity.models.loco import FOLDS, LocoTable, capped_rows, table_frame

if TYPE_CHECKING:
    import pandas as pd
    from scipy import sparse

# The shares of the batch's scored articles taken as pseudo-labels on each side of the cut that
# training chooses from (0: do not adapt); bench/reliability_adapt_k.py measured the choice.
GRID = (0.0, 0.05, 0.10, 0.20, 0.30, 0.40)
# The inner fits' training rows: at most this many of each corpus (a seeded sample), as the
# bench's inner folds (the shipped model takes 3,000: 48 fits at that size cost some 3x more).
INNER_CAP = 1000
# The corpus name of a batch's pseudo-labelled rows among the training corpora.
BATCH_DOMAIN = "batch"
# The fast model card's field holding the choice (:class:`ShareChoice`).
CARD_FIELD = "adaptation"
RULE = (
    "among the shares whose worst inner corpus is not below no adaptation's, the highest inner "
    "mean macro-F1; a tie goes to the smaller share"
)


@dataclass(frozen=True)
class FitRows:
    """Rows an estimator fits on: its input table, labels, outlets, corpora and text features."""

    frame: pd.DataFrame
    y: np.ndarray
    groups: list[str]
    domains: np.ndarray
    matrix: sparse.csr_matrix

    @classmethod
    def of_table(cls, table: LocoTable, rows: np.ndarray, matrix: sparse.csr_matrix) -> FitRows:
        """``rows`` of the LOCO table with their text features ``matrix``."""
        return cls(
            table_frame(table, rows),
            table.y[rows],
            [table.records[i].group for i in rows],
            table.fold[rows],
            matrix,
        )

    def joined(self, other: FitRows) -> FitRows:
        import pandas as pd
        from scipy import sparse

        return FitRows(
            pd.concat([self.frame, other.frame], ignore_index=True),
            np.concatenate([self.y, other.y]),
            [*self.groups, *other.groups],
            np.concatenate([self.domains, other.domains]),
            sparse.vstack([self.matrix, other.matrix]).tocsr(),
        )


def pseudo_rows(
    frame: pd.DataFrame,
    matrix: sparse.csr_matrix,
    positions: np.ndarray,
    labels: np.ndarray,
    domain: str,
) -> FitRows:
    """The rows at ``positions`` of ``frame`` and ``matrix`` with ``labels``, as one corpus
    named ``domain`` (each its own outlet group: a batch's outlets are not known here)."""
    return FitRows(
        frame.iloc[positions].reset_index(drop=True),
        np.asarray(labels),
        [f"{domain}:{i}" for i in positions.tolist()],
        np.full(len(positions), domain, dtype=object),
        matrix[positions],
    )


def pseudo_labels(p: np.ndarray, scored: np.ndarray, k: float) -> tuple[np.ndarray, np.ndarray]:
    """Positions (into ``p``) of the ``k`` share of the ``scored`` positions with the highest
    scores at or above 0.5 and the ``k`` share with the lowest below it, and their labels
    (1: reliable)."""
    positions = np.flatnonzero(scored & ~np.isnan(p))
    n = int(k * len(positions))
    ranked = positions[np.argsort(p[positions], kind="stable")]
    low = [i for i in ranked[:n] if p[i] < 0.5]
    high = [i for i in ranked[::-1][:n] if p[i] >= 0.5]
    chosen = np.array(low + high, dtype=int)
    return chosen, np.r_[np.zeros(len(low), dtype=int), np.ones(len(high), dtype=int)]


def self_trained(
    training: FitRows,
    vectoriser: Any,
    pseudo: FitRows | None = None,
    *,
    calibrate_on_pseudo: bool = False,
) -> CalibratedLinearModel:
    """The shipped fast configuration fitted on ``training`` and the ``pseudo`` rows (their
    corpus their own), reading text through ``vectoriser`` (already fitted); without
    ``calibrate_on_pseudo`` its calibration never reads the pseudo rows."""
    rows, leaves_out = training, None
    if pseudo is not None and len(pseudo.y):
        rows = training.joined(pseudo)
        leaves_out = None if calibrate_on_pseudo else str(pseudo.domains[0])
    model = CalibratedLinearModel(
        **model_config("fast"), vectoriser=vectoriser, calibration_leaves_out=leaves_out
    )
    return model.fit(rows.frame, rows.y, rows.groups, rows.domains, matrix=rows.matrix)


def scored_probability(
    model: CalibratedLinearModel, frame: pd.DataFrame, matrix: sparse.csr_matrix
) -> np.ndarray:
    """``model``'s P(reliable) of the rows, NaN where it abstains as out of scope (its form
    distance beyond its limit)."""
    from veracity.models.features import STYLE_COLUMNS

    _, log_odds = model.explained_decision(frame, matrix)
    distance = model.scope_distance(frame[STYLE_COLUMNS].to_numpy(dtype=np.float64))
    return np.where(distance > 1.0, np.nan, 1.0 / (1.0 + np.exp(-log_odds)))


def chosen_share(inner: dict[str, dict[str, float]], grid: Sequence[float] = GRID) -> float:
    """The share of ``grid`` chosen from the inner corpora's macro-F1 (corpus -> str(k) ->
    macro-F1) by :data:`RULE`."""

    def mean_worst(k: float) -> tuple[float, float]:
        values = [scores[str(k)] for scores in inner.values()]
        return float(np.mean(values)), float(min(values))

    floor = mean_worst(0.0)[1]
    eligible = [k for k in grid if mean_worst(k)[1] >= floor]
    return max(eligible, key=lambda k: (mean_worst(k)[0], -k))


class ShareChoice(BaseModel):
    """The inner leave-one-corpus-out choice of the adaptation share, as the card keeps it."""

    share: float
    grid: list[float]
    rule: str
    inner_cap: int
    # each inner corpus's macro-F1 at the 0.5 cut (abstentions as errors) by str(share)
    inner_macro_f1: dict[str, dict[str, float]]
    cpu_seconds: float


def choose_share(
    table: LocoTable,
    corpora: Sequence[str] = tuple(FOLDS),
    *,
    grid: Sequence[float] = GRID,
    cap: int = INNER_CAP,
    on_corpus: Callable[[str], None] | None = None,
) -> ShareChoice:
    """The adaptation share, chosen by inner leave-one-corpus-out over ``corpora``.

    For each corpus G: the shipped configuration fitted on the others (at most ``cap`` articles
    of each, its own TF-IDF vocabulary) scores G, is refitted once for each share of ``grid``
    with G's pseudo-labels (calibration blind to them), and G's macro-F1 at the 0.5 cut is read
    (abstentions count as errors); the share is :func:`chosen_share`'s.
    """
    started = time.process_time()
    inner: dict[str, dict[str, float]] = {}
    for corpus in corpora:
        if on_corpus is not None:
            on_corpus(corpus)
        train = capped_rows(table, table.rows([c for c in corpora if c != corpus]), cap)
        inner[corpus] = _inner_scores(table, train, corpus, grid)
    return ShareChoice(
        share=chosen_share(inner, grid),
        grid=list(grid),
        rule=RULE,
        inner_cap=cap,
        inner_macro_f1=inner,
        cpu_seconds=round(time.process_time() - started, 1),
    )


def _inner_scores(
    table: LocoTable, train: np.ndarray, corpus: str, grid: Sequence[float]
) -> dict[str, float]:
    """One inner corpus: its macro-F1 under each share of ``grid``, the model fitted on
    ``train``."""
    rows = table.rows([corpus])
    config = model_config("fast")
    vectoriser = build_vectoriser(
        word_features=config["word_features"],
        char_features=config["char_features"],
        use_chars=config["use_chars"],
    )
    training = FitRows.of_table(
        table, train, vectoriser.fit_transform(table_frame(table, train)[[TEXT_COLUMN]]).tocsr()
    )
    held = FitRows.of_table(
        table, rows, vectoriser.transform(table_frame(table, rows)[[TEXT_COLUMN]]).tocsr()
    )
    scored = np.array([table.abstained[i] is None for i in rows])

    def macro_f1(p: np.ndarray) -> float:
        covered = scored & ~np.isnan(p)
        scores = scores_with_abstentions(held.y, np.nan_to_num(p, nan=0.5), covered)
        return round(scores["macro_f1"], 4)

    shipped = scored_probability(self_trained(training, vectoriser), held.frame, held.matrix)
    out = {}
    for k in grid:
        if k == 0.0:
            out[str(k)] = macro_f1(shipped)
            continue
        chosen, labels = pseudo_labels(shipped, scored, k)
        pseudo = pseudo_rows(held.frame, held.matrix, chosen, labels, corpus)
        model = self_trained(training, vectoriser, pseudo)
        out[str(k)] = macro_f1(scored_probability(model, held.frame, held.matrix))
    return out


@dataclass(frozen=True)
class BatchAdaptation:
    """A batch's adapted scores: P(reliable) of each article the shipped model scored, the
    pseudo rows taken and the adapted model's version."""

    scores: np.ndarray
    shipped_scores: np.ndarray
    pseudo: int
    model_version: str


def adapt_to_batch(
    texts: Sequence[str],
    titles: Sequence[str | None],
    signal_rows: Sequence[dict[str, float]],
    *,
    share: float,
    shipped: CalibratedLinearModel,
    shipped_version: str,
    training: FitRows,
) -> BatchAdaptation:
    """The batch's articles (each one the shipped model scored: its text, title and signal
    columns) scored by the shipped configuration refitted on ``training`` (read through the
    shipped model's vocabulary) plus the batch's ``share`` of pseudo-labels on each side of
    the cut. The version is ``<shipped>+adapted.k<share in %>.<digest of the pseudo rows>``."""
    model_texts = [model_text(text) for text in texts]
    frame = feature_frame(
        texts, signal_rows, stripped=model_texts, headline=headline_matrix(model_texts, titles)
    )
    matrix = shipped.vectoriser_.transform(frame[[TEXT_COLUMN]]).tocsr()
    _, log_odds = shipped.explained_decision(frame, matrix)
    before = 1.0 / (1.0 + np.exp(-log_odds))
    chosen, labels = pseudo_labels(before, np.ones(len(texts), dtype=bool), share)
    if not len(chosen):
        return BatchAdaptation(before, before, 0, shipped_version)
    pseudo = pseudo_rows(frame, matrix, chosen, labels, BATCH_DOMAIN)
    model = self_trained(training, shipped.vectoriser_, pseudo)
    _, adapted = model.explained_decision(frame, matrix)
    digest = hashlib.sha256()
    for position, label in zip(chosen.tolist(), labels.tolist(), strict=True):
        digest.update(f"{label}\x00{model_texts[position]}\x00".encode("utf-8", "surrogatepass"))
    version = f"{shipped_version}+adapted.k{100 * share:g}.{digest.hexdigest()[:8]}"
    return BatchAdaptation(1.0 / (1.0 + np.exp(-adapted)), before, len(chosen), version)


def shipped_training(table: LocoTable, vectoriser: Any) -> FitRows:
    """The shipped model's training rows (``train_reliability``'s) through ``vectoriser``."""
    from veracity.models.config import TRAIN_CAP_PER_CORPUS

    rows = capped_rows(table, table.rows(list(FOLDS)), TRAIN_CAP_PER_CORPUS)
    frame = table_frame(table, rows)
    return FitRows.of_table(table, rows, vectoriser.transform(frame[[TEXT_COLUMN]]).tocsr())
