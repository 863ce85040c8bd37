"""Training-data manifest: every corpus file read, with its sha256, for model cards and caches."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from veracity.artefacts import file_sha256
from veracity.data.registry import corpus_folder


def corpus_manifest(names: Iterable[str], data_dir: Path) -> dict[str, str]:
    """``{"<folder>/<file>": sha256}`` for every data file of the named corpora (not SOURCE.md)."""
    manifest: dict[str, str] = {}
    for name in names:
        folder = corpus_folder(data_dir, name)
        for path in sorted(folder.iterdir()):
            if path.is_file() and path.name not in {"SOURCE.md", "SHA256SUMS"}:
                manifest[f"{folder.name}/{path.name}"] = file_sha256(path)
    return manifest
