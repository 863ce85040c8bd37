"""Saving and loading the shipped reliability models through the artefact layer.

Two artefacts, one per analysis path: ``reliability`` (fast path, batch triage) and
``reliability_deep`` (deep path, a reader's single article). Scoring reads a
:class:`~veracity.models.inference.LinearScorer` (:func:`load_scorer`), the model's fitted
arrays kept by the artefact layer so that the fast path never imports scikit-learn; training,
evaluation and the tests read the fitted model itself (:func:`load_artefact`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from veracity.artefacts import ARTEFACTS, ArtefactSpec, Card
from veracity.errors import ModelError
from veracity.models.inference import SCORER_FORMAT, LinearScorer
from veracity.nlp.document import Depth

if TYPE_CHECKING:
    from veracity.models.estimator import CalibratedLinearModel

SPECS: dict[Depth, ArtefactSpec] = {
    "fast": ARTEFACTS["reliability"],
    "deep": ARTEFACTS["reliability-deep"],
}
# Bump (in veracity.artefacts) when the features or the estimator change, so old artefacts
# are refused, not misread.
FORMAT_VERSION = SPECS["fast"].version
MODEL_FILE = "model.joblib"


@dataclass(frozen=True)
class _CardFields:
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


@dataclass(frozen=True)
class ReliabilityArtefact(_CardFields):
    """The fitted model and its card (version, detectors used, thresholds, metrics, manifest)."""

    model: CalibratedLinearModel


@dataclass(frozen=True)
class ReliabilityScorer(_CardFields):
    """What scoring needs: the model's fitted arrays (:class:`LinearScorer`) and its card."""

    scorer: LinearScorer


def artefact_dir(directory: Path | None = None, depth: Depth = "fast") -> Path:
    """Where the shipped reliability artefact of the ``depth`` path lives."""
    return directory or SPECS[depth].directory


def save_artefact(
    model: CalibratedLinearModel,
    card: dict[str, Any],
    directory: Path | None = None,
    depth: Depth = "fast",
    *,
    summary: str,
) -> Card:
    """Write ``model.joblib`` and ``card.json``; returns the card."""
    spec = SPECS[depth]
    folder = artefact_dir(directory, depth)
    return spec.save(
        spec.new_card(**card, format_version=spec.version, summary=summary),
        folder,
        objects={MODEL_FILE: model},
        compress=("xz", 6),
        runtime={MODEL_FILE: (_scorer_of(folder, depth), SCORER_FORMAT)},
    )


def _scorer_of(directory: Path, depth: Depth) -> Callable[[Any], LinearScorer]:
    """What :func:`load_scorer` derives from the model file (and :func:`save_artefact` ships)."""

    def derive(model: Any) -> LinearScorer:
        return LinearScorer(_checked_model(model, directory, depth))

    return derive


@lru_cache(maxsize=4)
def load_artefact(directory: Path | None = None, depth: Depth = "fast") -> ReliabilityArtefact:
    """The shipped model of the ``depth`` path, loaded once.

    :class:`ModelError` when missing, corrupt, outdated or built for the other path.
    """
    spec = SPECS[depth]
    directory = artefact_dir(directory, depth)
    card = _checked_card(directory, depth)
    return ReliabilityArtefact(
        card=card, model=_checked_model(spec.load_file(MODEL_FILE, directory), directory, depth)
    )


@lru_cache(maxsize=4)
def load_scorer(directory: Path | None = None, depth: Depth = "fast") -> ReliabilityScorer:
    """The ``depth`` path's scorer and card, loaded once; errors as :func:`load_artefact`'s.

    The scorer is derived from the model once and kept by the artefact layer, so a later
    process unpickles arrays (and, for the deep path's character n-grams, scikit-learn's
    vectoriser) rather than the fitted estimator.
    """
    spec = SPECS[depth]
    directory = artefact_dir(directory, depth)
    card = _checked_card(directory, depth)
    scorer = spec.load_derived(MODEL_FILE, _scorer_of(directory, depth), SCORER_FORMAT, directory)
    if not isinstance(scorer, LinearScorer):
        raise ModelError(
            f"{directory / MODEL_FILE} is not a reliability model; {spec.rebuild_hint}"
        )
    return ReliabilityScorer(card=card, scorer=scorer)


def _checked_model(model: Any, directory: Path, depth: Depth) -> CalibratedLinearModel:
    from veracity.models.estimator import CalibratedLinearModel

    if not isinstance(model, CalibratedLinearModel):
        raise ModelError(
            f"{directory / MODEL_FILE} is not a reliability model; {SPECS[depth].rebuild_hint}"
        )
    return model


def _checked_card(directory: Path, depth: Depth) -> Card:
    """The card in ``directory``, checked to be this version, for ``depth``, and complete."""
    spec = SPECS[depth]
    card = spec.read_card(directory)
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
    if not _bands(card["thresholds"]):
        # a card damaged or edited by hand: text ended scoring in an internal error, NaN
        # labelled a score of 0.15 "uncertain"
        raise ModelError(
            f"reliability card in {directory} gives band thresholds that are not two numbers "
            f"0 <= unreliable_below <= reliable_from <= 1; {spec.rebuild_hint}"
        )
    return card


def _bands(thresholds: object) -> bool:
    """Whether a card's ``thresholds`` are bands a calibrated score can be read by."""
    if not isinstance(thresholds, dict):
        return False
    low, high = thresholds.get("unreliable_below"), thresholds.get("reliable_from")
    if isinstance(low, bool) or isinstance(high, bool):
        return False
    if not isinstance(low, int | float) or not isinstance(high, int | float):
        return False
    return 0.0 <= low <= high <= 1.0  # NaN fails here
