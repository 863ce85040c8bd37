"""The disk cache of sentence vectors: only this user's own file is read, and only whole vectors."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from tests.test_artefacts import plant_as_another_user
from veracity.embeddings import embed, get_encoder
from veracity.embeddings.cache import _key
from veracity.settings import get_settings

CLAIM = "The new bridge cost 3 billion dollars."


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("VERACITY_CACHE_DIR", str(folder))
    get_settings.cache_clear()
    yield folder
    get_settings.cache_clear()


def plant_vector(path: Path, text: str, blob: bytes) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, v BLOB)")
        connection.execute(
            "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
            (_key(text, get_encoder().max_tokens), blob),
        )
    connection.close()


def test_vectors_are_cached_in_a_file_only_this_user_can_write(cache_dir: Path) -> None:
    first = embed([CLAIM])
    path = cache_dir / "embeddings.sqlite"
    assert path.stat().st_mode & 0o077 == 0 and cache_dir.stat().st_mode & 0o077 == 0
    np.testing.assert_array_equal(embed([CLAIM]), first)


@pytest.mark.parametrize("planted", ["writable by others", "owned by another user"])
def test_a_vector_file_another_user_could_have_written_is_not_read(
    cache_dir: Path, planted: str
) -> None:
    expected = get_encoder().encode([CLAIM])
    cache_dir.mkdir(mode=0o700)
    path = cache_dir / "embeddings.sqlite"
    # Before: a planted zero vector made the fact-check search answer no claim at all.
    plant_vector(path, CLAIM, np.zeros(384, dtype=np.float32).tobytes())
    plant_as_another_user(path, planted)
    np.testing.assert_allclose(embed([CLAIM]), expected, atol=1e-6)


def test_a_shared_cache_folder_is_not_used_for_vectors(cache_dir: Path) -> None:
    expected = get_encoder().encode([CLAIM])
    cache_dir.mkdir()
    os.chmod(cache_dir, 0o1777)  # anyone may add a file (or a journal SQLite would replay)
    plant_vector(cache_dir / "embeddings.sqlite", CLAIM, np.zeros(384, np.float32).tobytes())
    np.testing.assert_allclose(embed([CLAIM]), expected, atol=1e-6)


@pytest.mark.parametrize("size", [4, 8, 384 * 4 + 4])
def test_a_stored_vector_of_the_wrong_size_is_embedded_again(cache_dir: Path, size: int) -> None:
    # Before: 4 bytes were broadcast into a constant vector; 8 raised ValueError mid-analysis.
    expected = get_encoder().encode([CLAIM])
    cache_dir.mkdir(mode=0o700)
    plant_vector(cache_dir / "embeddings.sqlite", CLAIM, b"\x00" * size)
    os.chmod(cache_dir / "embeddings.sqlite", 0o600)
    np.testing.assert_allclose(embed([CLAIM]), expected, atol=1e-6)
