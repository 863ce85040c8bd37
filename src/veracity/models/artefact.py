"""Saving and loading the shipped reliability models, with their cards and a version check.

Two artefacts, one per analysis path: ``reliability`` (fast path: word n-grams, batch triage)
and ``reliability_deep`` (deep path: word and character n-grams, a reader's single article).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import joblib

from veracity.errors import ModelError
from veracity.models.estimator import CalibratedLinearModel
from veracity.nlp.document import Depth
from veracity.settings import get_settings

# Bump when the features or the estimator change so old artefacts are refused, not misread.
FORMAT_VERSION = "reliability-1"
ARTEFACT_NAMES: dict[Depth, str] = {"fast": "reliability", "deep": "reliability_deep"}
MODEL_FILE = "model.joblib"
CARD_FILE = "card.json"


def rebuild_hint(depth: Depth = "fast") -> str:
    """The command that rebuilds the artefact of ``depth``."""
    return "rebuild it with: veracity train reliability" + (" --deep" if depth == "deep" else "")


@dataclass(frozen=True)
class ReliabilityArtefact:
    """The fitted model and its card (version, detectors used, thresholds, metrics, manifest)."""

    model: CalibratedLinearModel
    card: dict[str, Any]

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
    return directory or get_settings().artefacts_dir / ARTEFACT_NAMES[depth]


def save_artefact(
    model: CalibratedLinearModel,
    card: dict[str, Any],
    directory: Path | None = None,
    depth: Depth = "fast",
) -> Path:
    """Write ``model.joblib`` and ``card.json``; returns the directory."""
    directory = artefact_dir(directory, depth)
    directory.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, directory / MODEL_FILE, compress=("xz", 6))
    card = {**card, "format_version": FORMAT_VERSION}
    (directory / CARD_FILE).write_text(
        json.dumps(card, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return directory


@lru_cache(maxsize=4)
def load_artefact(directory: Path | None = None, depth: Depth = "fast") -> ReliabilityArtefact:
    """The shipped model of the ``depth`` path, loaded once.

    :class:`ModelError` when missing, corrupt, outdated or built for the other path.
    """
    directory = artefact_dir(directory, depth)
    hint = rebuild_hint(depth)
    try:
        card = json.loads((directory / CARD_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"reliability model card missing in {directory}; {hint}") from None
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(
            f"reliability model card unreadable in {directory}: {exc}; {hint}"
        ) from None
    if card.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            f"reliability model in {directory} has format {card.get('format_version')!r}, "
            f"this veracity reads {FORMAT_VERSION!r}; {hint}"
        )
    try:
        model = joblib.load(directory / MODEL_FILE)
    except FileNotFoundError:
        raise ModelError(f"reliability model file missing in {directory}; {hint}") from None
    except Exception as exc:  # joblib/pickle raise many types on a corrupt file
        raise ModelError(f"reliability model in {directory} is corrupt ({exc}); {hint}") from None
    if not isinstance(model, CalibratedLinearModel):
        raise ModelError(f"{directory / MODEL_FILE} is not a reliability model; {hint}")
    if card.get("path", "fast") != depth:  # cards from before the deep model have no path
        raise ModelError(
            f"reliability model in {directory} is for the {card.get('path', 'fast')!r} path, "
            f"not {depth!r}; {hint}"
        )
    required = {"model_version", "signal_detectors", "thresholds"}
    if not required <= card.keys():
        raise ModelError(
            f"reliability card in {directory} lacks {sorted(required - card.keys())}; {hint}"
        )
    return ReliabilityArtefact(model=model, card=card)
