"""Training-data manifest: every corpus file read, with its sha256, for model cards and caches."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from veracity.data.registry import corpus_folder


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def corpus_manifest(names: Iterable[str], data_dir: Path) -> dict[str, str]:
    """``{"<folder>/<file>": sha256}`` for every data file of the named corpora (not SOURCE.md)."""
    manifest: dict[str, str] = {}
    for name in names:
        folder = corpus_folder(data_dir, name)
        for path in sorted(folder.iterdir()):
            if path.is_file() and path.name not in {"SOURCE.md", "SHA256SUMS"}:
                manifest[f"{folder.name}/{path.name}"] = file_sha256(path)
    return manifest
