"""Saving and loading the shipped reliability models through the artefact layer.

Two artefacts, one per analysis path: ``reliability`` (fast path, batch triage) and
``reliability_deep`` (deep path, a reader's single article).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from veracity.artefacts import ARTEFACTS, ArtefactSpec, Card
from veracity.errors import ModelError
from veracity.models.estimator import CalibratedLinearModel
from veracity.nlp.document import Depth

SPECS: dict[Depth, ArtefactSpec] = {
    "fast": ARTEFACTS["reliability"],
    "deep": ARTEFACTS["reliability-deep"],
}
# Bump (in veracity.artefacts) when the features or the estimator change, so old artefacts
# are refused, not misread.
FORMAT_VERSION = SPECS["fast"].version
MODEL_FILE = "model.joblib"


@dataclass(frozen=True)
class ReliabilityArtefact:
    """The fitted model and its card (version, detectors used, thresholds, metrics, manifest)."""

    model: CalibratedLinearModel
    card: Card

    @property
    def version(self) -> str:
        return str(self.card["model_version"])

    @property
    def detectors(self) -> list[str]:
        return list(self.card["signal_detectors"])

    @property
    def thresholds(self) -> tuple[float, float]:
        """``(unreliable_below, reliable_from)`` on the calibrated score."""
        low, high = (
            self.card["thresholds"]["unreliable_below"],
            self.card["thresholds"]["reliable_from"],
        )
        return float(low), float(high)


def artefact_dir(directory: Path | None = None, depth: Depth = "fast") -> Path:
    """Where the shipped reliability artefact of the ``depth`` path lives."""
    return directory or SPECS[depth].directory


def save_artefact(
    model: CalibratedLinearModel,
    card: dict[str, Any],
    directory: Path | None = None,
    depth: Depth = "fast",
) -> Card:
    """Write ``model.joblib`` and ``card.json``; returns the card."""
    spec = SPECS[depth]
    return spec.save(
        spec.new_card(**card, format_version=spec.version, summary=_summary(card)),
        artefact_dir(directory, depth),
        objects={MODEL_FILE: model},
        compress=("xz", 6),
    )


def _summary(card: dict[str, Any]) -> str:
    metrics = card["metrics"]
    return (
        f"reliability {card['model_version']}: inner leave-one-corpus-out macro-F1 "
        f"{metrics['mean_macro_f1']:.3f} mean over {len(metrics['per_corpus'])} corpora, pooled "
        f"ECE {metrics['pooled']['ece']:.3f} (full LOCO with baselines: veracity evaluate --loco); "
        f"{card['scoring_cost']['ms_per_article']:.2f} ms per article"
    )


@lru_cache(maxsize=4)
def load_artefact(directory: Path | None = None, depth: Depth = "fast") -> ReliabilityArtefact:
    """The shipped model of the ``depth`` path, loaded once.

    :class:`ModelError` when missing, corrupt, outdated or built for the other path.
    """
    spec = SPECS[depth]
    directory = artefact_dir(directory, depth)
    card = spec.read_card(directory)
    model = spec.load_file(MODEL_FILE, directory)
    if not isinstance(model, CalibratedLinearModel):
        raise ModelError(
            f"{directory / MODEL_FILE} is not a reliability model; {spec.rebuild_hint}"
        )
    path = card.get("path", "fast")  # cards from before the deep model have no path
    if path != depth:
        raise ModelError(
            f"reliability model in {directory} is for the {path!r} path, not {depth!r}; "
            f"{spec.rebuild_hint}"
        )
    missing = sorted(
        {"model_version", "signal_detectors", "thresholds"} - set(card.model_extra or {})
    )
    if missing:
        raise ModelError(f"reliability card in {directory} lacks {missing}; {spec.rebuild_hint}")
    return ReliabilityArtefact(model=model, card=card)
