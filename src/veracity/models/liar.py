"""The LIAR 6-way head (evaluation only): statement text and speaker metadata, stacked.

LIAR rows carry the speaker's credit-history counts, which include the row's own label; they are
never read (the loader drops them). The inputs are the statement and the metadata columns of
:data:`veracity.data.liar.LIAR_META` only, through :func:`liar_frame`.

Five base models, each seeing one kind of evidence (the last two optional), are stacked by a
logistic regression over their out-of-fold probabilities
(:class:`~sklearn.ensemble.StackingClassifier`):

1. statement: TF-IDF word 1-2-grams, logistic regression;
2. metadata: one-hot speaker, job, state, party and venue, the subject list, and the words of the
   job title and venue, logistic regression;
3. speaker prior: the label rates of the speaker's *training* statements, smoothed toward the
   overall rates (:class:`SpeakerPrior`). Stacking fits the combiner on out-of-fold predictions,
   so a training row's own label never counts in its own prior;
4. statement meaning: MiniLM sentence embeddings (``models.semantic``, computed once and passed
   in as columns), logistic regression;
5. similar claims: the labels of the most similar *training* statements (MiniLM cosine),
   weighted by similarity (:class:`NeighbourLabels`). PolitiFact checks the same talking points
   again and again, so a claim's neighbours carry its likely verdict. Out-of-fold like (3).

The combiner reads the log of each base model's probabilities. Hyper-parameters were chosen on
the official validation split (never on test); see ``docs/model-card.md`` for what was tried.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import StackingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder

from veracity.data.liar import LIAR_LABELS, LIAR_META
from veracity.data.record import NewsRecord

STATEMENT = "statement"
CATEGORICAL_META = ("speaker", "job", "state", "party", "context")
MISSING = "none"
EMBEDDING_DIM = 384
EMBEDDING_COLUMNS = [f"embedding_{i}" for i in range(EMBEDDING_DIM)]


def liar_frame(records: Sequence[NewsRecord], embeddings: np.ndarray | None = None) -> pd.DataFrame:
    """One row per statement: its text and the allowed metadata, lower-cased (``none`` if blank).

    Only the keys of ``LIAR_META`` are read, so no other column can reach the model.
    ``embeddings`` (one MiniLM vector per record, same order) become the ``embedding_*`` columns.
    """
    table: dict[str, object] = {STATEMENT: [record.text for record in records]}
    for key in LIAR_META:
        table[key] = [(record.meta.get(key) or "").strip().lower() or MISSING for record in records]
    frame = pd.DataFrame(table, columns=[STATEMENT, *LIAR_META])
    if embeddings is None:
        return frame
    if embeddings.shape != (len(records), EMBEDDING_DIM):
        raise ValueError(
            f"expected {len(records)} embeddings of {EMBEDDING_DIM}, got {embeddings.shape}"
        )
    return pd.concat([frame, pd.DataFrame(embeddings, columns=EMBEDDING_COLUMNS)], axis=1)


def liar_six_way_target(records: Sequence[NewsRecord]) -> np.ndarray:
    """The Truth-O-Meter label as an index into ``LIAR_LABELS`` (0 = pants-fire … 5 = true)."""
    return np.array([LIAR_LABELS.index(record.original_label) for record in records])


class SpeakerPrior(ClassifierMixin, BaseEstimator):
    """P(label | speaker) from the training rows, smoothed toward the overall label rates.

    A speaker with ``n`` training statements gets
    ``(counts + smoothing * prior) / (n + smoothing)``; an unseen speaker gets the prior.
    """

    def __init__(self, column: str = "speaker", smoothing: float = 3.0) -> None:
        self.column = column
        self.smoothing = smoothing

    def fit(self, X: pd.DataFrame, y: Sequence[int] | np.ndarray) -> SpeakerPrior:
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        index = {label: i for i, label in enumerate(self.classes_)}
        self.prior_ = np.bincount([index[v] for v in y], minlength=len(self.classes_)) / len(y)
        counts: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(len(self.classes_)))
        for key, label in zip(X[self.column], y, strict=True):
            counts[key][index[label]] += 1
        self.counts_ = dict(counts)
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        rows = []
        for key in X[self.column]:
            counts = self.counts_.get(key)
            if counts is None:
                rows.append(self.prior_)
            else:
                rows.append(
                    (counts + self.smoothing * self.prior_) / (counts.sum() + self.smoothing)
                )
        return np.array(rows)

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]


class NeighbourLabels(ClassifierMixin, BaseEstimator):
    """The label mix of the ``k`` training statements nearest in MiniLM space.

    Each neighbour counts ``max(cosine, 0) ** power``; the weighted counts are smoothed toward
    the overall label rates like :class:`SpeakerPrior`:
    ``(weights + smoothing * prior) / (sum(weights) + smoothing)``.
    """

    def __init__(self, k: int = 30, power: float = 4.0, smoothing: float = 1.0) -> None:
        self.k = k
        self.power = power
        self.smoothing = smoothing

    def fit(self, X: pd.DataFrame, y: Sequence[int] | np.ndarray) -> NeighbourLabels:
        y = np.asarray(y)
        self.classes_, self.targets_ = np.unique(y, return_inverse=True)
        self.prior_ = np.bincount(self.targets_, minlength=len(self.classes_)) / len(y)
        self.vectors_ = _unit_rows(X[EMBEDDING_COLUMNS].to_numpy(dtype=np.float32))
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        queries = _unit_rows(X[EMBEDDING_COLUMNS].to_numpy(dtype=np.float32))
        k = min(self.k, len(self.targets_))
        weights = np.zeros((len(queries), len(self.classes_)))
        for start in range(0, len(queries), 1024):  # bounded memory: 1,024 rows of cosines
            cosine = queries[start : start + 1024] @ self.vectors_.T
            nearest = np.argpartition(-cosine, k - 1, axis=1)[:, :k]
            strength = np.clip(np.take_along_axis(cosine, nearest, axis=1), 0.0, None)
            strength **= self.power
            rows = np.repeat(np.arange(len(nearest)), k)
            np.add.at(
                weights[start : start + 1024],
                (rows, self.targets_[nearest].ravel()),
                strength.ravel(),
            )
        smoothed = weights + self.smoothing * self.prior_
        return smoothed / smoothed.sum(axis=1, keepdims=True)

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def statement_model(C: float) -> Pipeline:
    """TF-IDF word 1-2-grams of the statement into a multinomial logistic regression."""
    return Pipeline(
        [
            (
                "features",
                ColumnTransformer(
                    [
                        (
                            "words",
                            TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
                            STATEMENT,
                        )
                    ]
                ),
            ),
            ("classifier", LogisticRegression(C=C, max_iter=3000)),
        ]
    )


def metadata_model(C: float) -> Pipeline:
    """One-hot speaker/job/state/party/venue, subject list, job and venue words; then LR."""
    return Pipeline(
        [
            (
                "features",
                ColumnTransformer(
                    [
                        (
                            "categories",
                            OneHotEncoder(handle_unknown="ignore", min_frequency=2),
                            list(CATEGORICAL_META),
                        ),
                        (
                            "subjects",
                            TfidfVectorizer(token_pattern=r"[^,]+", sublinear_tf=True),
                            "subject",
                        ),
                        (
                            "venue_words",
                            TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
                            "context",
                        ),
                        ("job_words", TfidfVectorizer(min_df=2, sublinear_tf=True), "job"),
                    ]
                ),
            ),
            ("classifier", LogisticRegression(C=C, max_iter=3000)),
        ]
    )


def embedding_model(C: float) -> Pipeline:
    """Logistic regression over the precomputed MiniLM ``embedding_*`` columns."""
    return Pipeline(
        [
            ("features", ColumnTransformer([("embedding", "passthrough", EMBEDDING_COLUMNS)])),
            ("classifier", LogisticRegression(C=C, max_iter=3000)),
        ]
    )


def _log_probabilities(probabilities: np.ndarray) -> np.ndarray:
    return np.log(probabilities + 1e-4)


def liar_stacked_model(
    *,
    statement_C: float = 1.0,
    metadata_C: float = 0.3,
    embedding_C: float | None = 1.0,
    neighbours: int | None = 30,
    combiner_C: float = 0.1,
    speaker_smoothing: float = 10.0,
    folds: int = 5,
    random_state: int = 0,
) -> StackingClassifier:
    """The LIAR head: statement, metadata, speaker-prior (embedding, neighbour) models, stacked.

    ``embedding_C=None`` leaves the embedding model out and ``neighbours=None`` the
    similar-claims model; with both out, the frame needs no embeddings.
    """
    estimators: list[tuple[str, BaseEstimator]] = [
        ("statement", statement_model(statement_C)),
        ("metadata", metadata_model(metadata_C)),
        ("speaker", SpeakerPrior(smoothing=speaker_smoothing)),
    ]
    if embedding_C is not None:
        estimators.append(("embedding", embedding_model(embedding_C)))
    if neighbours is not None:
        estimators.append(("neighbours", NeighbourLabels(k=neighbours)))
    return StackingClassifier(
        estimators=estimators,
        final_estimator=Pipeline(
            [
                ("log", FunctionTransformer(_log_probabilities)),
                ("classifier", LogisticRegression(C=combiner_C, max_iter=3000)),
            ]
        ),
        cv=StratifiedKFold(n_splits=folds, shuffle=True, random_state=random_state),
        stack_method="predict_proba",
        n_jobs=1,
    )
