"""Train and evaluate the stance model on FNC-1, split by Body ID; write the artefact and card.

Only FNC-1's labelled competition test files are available, so they are split into train and
held-out parts by body: no article body is in both.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
from pydantic import BaseModel
from sklearn.model_selection import GroupShuffleSplit

from veracity.artefacts import Card, TrainingMetrics, data_manifest
from veracity.data.fnc1 import FNC_BODIES, FNC_STANCES, load_fnc_pairs
from veracity.metrics import fnc_max_score, fnc_score, label_scores
from veracity.verify.stance import STANCE, STANCE_LABELS, StanceModel

HELD_OUT_FRACTION = 0.2
SPLIT_SEED = 13


def split_by_body(pairs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Row indices of (train, held-out), disjoint in Body ID."""
    splitter = GroupShuffleSplit(n_splits=1, test_size=HELD_OUT_FRACTION, random_state=SPLIT_SEED)
    train, held_out = next(splitter.split(pairs, groups=pairs["body_id"]))
    return train, held_out


class StanceEvaluation(BaseModel):
    """A stance predictor on held-out FNC-1 pairs: the official score and the class F1s."""

    label: str | None = None  # what a majority baseline always predicts
    fnc_score: float
    fnc_max: float
    fnc_ratio: float
    accuracy: float
    macro_f1: float
    f1: dict[str, float]

    @property
    def summary(self) -> str:
        """One line: the FNC-1 score ratio, accuracy and macro-F1."""
        return (
            f"FNC score ratio {self.fnc_ratio:.3f}, accuracy {self.accuracy:.3f}, "
            f"macro-F1 {self.macro_f1:.3f}"
        )

    def record(self) -> dict[str, object]:
        """As the card and the benchmark JSON keep it."""
        return self.model_dump(exclude_none=True)


class StanceMetrics(TrainingMetrics):
    """The stance card's metrics: the model and the majority class on held-out bodies."""

    model: StanceEvaluation
    majority_baseline: StanceEvaluation

    @property
    def summary(self) -> str:
        """One line: the FNC-1 score ratio beside the majority baseline's, the class F1s."""
        return (
            f"stance held-out FNC score ratio {self.model.fnc_ratio:.3f} (majority "
            f"baseline {self.majority_baseline.fnc_ratio:.3f}); per-class F1 {self.model.f1}"
        )


def evaluate_stance(gold: np.ndarray, predicted: np.ndarray) -> StanceEvaluation:
    """FNC score, its ratio to the maximum, accuracy, macro-F1 and per-class F1."""
    return StanceEvaluation(
        fnc_score=fnc_score(gold, predicted),
        fnc_max=fnc_max_score(gold),
        fnc_ratio=round(fnc_score(gold, predicted) / fnc_max_score(gold), 4),
        **label_scores(gold, predicted, STANCE_LABELS)._asdict(),
    )


def train_stance(data_dir: Path, out_dir: Path | None = None) -> Card:
    """Fit on the training bodies, evaluate on held-out bodies, save the model and its card."""
    pairs = load_fnc_pairs(data_dir)
    train, held_out = split_by_body(pairs)
    train_pairs, test_pairs = pairs.iloc[train], pairs.iloc[held_out]
    model = StanceModel().fit(
        train_pairs["headline"].tolist(),
        train_pairs["body"].tolist(),
        train_pairs["stance"].tolist(),
    )
    gold = test_pairs["stance"].to_numpy()
    predicted = model.predict(test_pairs["headline"].tolist(), test_pairs["body"].tolist())
    majority = Counter(train_pairs["stance"]).most_common(1)[0][0]
    scores = evaluate_stance(gold, predicted)
    baseline = evaluate_stance(gold, np.full(len(gold), majority, dtype=object))
    metrics = StanceMetrics(
        model=scores, majority_baseline=baseline.model_copy(update={"label": majority})
    )
    card = STANCE.new_card(
        summary=metrics.summary,
        intended_use="Stance of an evidence passage towards a claim: agree / disagree / discuss / unrelated.",
        training_data=data_manifest([data_dir / FNC_STANCES, data_dir / FNC_BODIES], data_dir),
        split={
            "method": "GroupShuffleSplit by Body ID (no body in both parts)",
            "held_out_fraction": HELD_OUT_FRACTION,
            "seed": SPLIT_SEED,
            "train_pairs": len(train_pairs),
            "train_bodies": int(train_pairs["body_id"].nunique()),
            "held_out_pairs": len(test_pairs),
            "held_out_bodies": int(test_pairs["body_id"].nunique()),
        },
        metrics=metrics.record(),
        features=list(model.featurizer_.feature_names),
        limits=(
            "Trained on FNC-1's competition test split only (the official train split is not "
            "available); bodies are news articles, so short passages are out of its domain."
        ),
    )
    return STANCE.save(card, out_dir, objects={"model.joblib": model})
