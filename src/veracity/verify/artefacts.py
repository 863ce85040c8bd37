"""Saving and loading the artefacts of the claims and verify stages, each with its JSON card.

A card records the artefact's version, the sha256 of every training file and the metrics
measured in the same run; loading checks the version and raises :class:`ModelError` otherwise.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import joblib

from veracity import __version__
from veracity.data.manifest import file_sha256
from veracity.errors import ModelError
from veracity.settings import get_settings

CARD_NAME = "card.json"


def artefact_dir(name: str) -> Path:
    """``<artefacts_dir>/<name>``, the folder of one shipped artefact."""
    return get_settings().artefacts_dir / name


def data_manifest(paths: list[Path], data_dir: Path) -> list[dict[str, str]]:
    """``[{"file", "sha256"}]`` of the training files, paths relative to ``data_dir``."""
    return [
        {
            "file": str(p.relative_to(data_dir)) if p.is_relative_to(data_dir) else str(p),
            "sha256": file_sha256(p),
        }
        for p in paths
    ]


def write_card(folder: Path, *, name: str, version: str, **fields: Any) -> Path:
    """Write ``card.json`` beside an artefact and return its path."""
    card = {
        "name": name,
        "version": version,
        "veracity_version": __version__,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        **fields,
    }
    path = folder / CARD_NAME
    path.write_text(json.dumps(card, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return path


def read_card(
    folder: Path, *, name: str, version: str, rebuild: str | None = None
) -> dict[str, Any]:
    """The card of an artefact, checked to be the expected version.

    ``rebuild``: the command that rebuilds it, for the error message (``veracity train NAME``).
    """
    rebuild = rebuild or f"veracity train {name}"
    path = folder / CARD_NAME
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(
            f"the {name} artefact is missing at {folder}; rebuild it with: {rebuild}"
        ) from None
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"the {name} artefact card {path} is unreadable: {exc}") from None
    if card.get("version") != version:
        raise ModelError(
            f"the {name} artefact at {folder} is version {card.get('version')!r}, this code "
            f"needs {version!r}; rebuild it with: {rebuild}"
        )
    return card


def load_joblib(path: Path, *, name: str, rebuild: str | None = None) -> Any:
    """A pickled estimator, or :class:`ModelError` when missing or corrupt.

    ``rebuild``: the command that rebuilds it, as for :func:`read_card`.
    """
    rebuild = rebuild or f"veracity train {name}"
    try:
        return joblib.load(path)
    except FileNotFoundError:
        raise ModelError(
            f"the {name} model file {path} is missing; rebuild it with: {rebuild}"
        ) from None
    except Exception as exc:  # unpickling raises many types; all mean a corrupt artefact
        raise ModelError(f"the {name} model file {path} is corrupt: {exc}") from None
