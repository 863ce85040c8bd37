"""A disk cache of sentence vectors, so that each text is embedded once per machine.

Vectors live in one SQLite file under ``settings.cache_dir`` (never in the repository), keyed
by the SHA-1 of the model id, the token limit and the text.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path

import numpy as np

from veracity.artefacts import trusted_cache_path
from veracity.embeddings.encoder import EMBEDDING_DIM, MODEL_ID, get_encoder
from veracity.settings import get_settings

_VECTOR_BYTES = EMBEDDING_DIM * np.dtype(np.float32).itemsize


def _key(text: str, max_tokens: int) -> str:
    return hashlib.sha1(f"{MODEL_ID}\x00{max_tokens}\x00{text}".encode()).hexdigest()


def _open_cache(path: Path) -> sqlite3.Connection | None:
    """The cache's connection, or None (no cache) when it cannot be opened or another user
    could have written it: planted vectors would decide fact-check matches and verdicts."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not trusted_cache_path(path):
            return None
        with suppress(FileExistsError):  # created private; SQLite's journals take its mode
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
        connection = sqlite3.connect(path)
        connection.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, v BLOB)")
        return connection
    except (OSError, sqlite3.Error):
        return None  # an unwritable cache only costs time, never the result


def embed(texts: Sequence[str], *, use_cache: bool = True) -> np.ndarray:
    """Unit-length MiniLM vectors for ``texts`` (``(n, 384)`` float32), cached on disk."""
    encoder = get_encoder()
    if not use_cache or not texts:
        return encoder.encode(list(texts))
    connection = _open_cache(get_settings().cache_dir / "embeddings.sqlite")
    if connection is None:
        return encoder.encode(list(texts))
    keys = [_key(t, encoder.max_tokens) for t in texts]
    found: dict[str, np.ndarray] = {}
    try:
        unique = list(dict.fromkeys(keys))
        for chunk_start in range(0, len(unique), 900):
            chunk = unique[chunk_start : chunk_start + 900]
            marks = ",".join("?" * len(chunk))
            for key, blob in connection.execute(
                f"SELECT key, v FROM vectors WHERE key IN ({marks})", chunk
            ):
                if isinstance(blob, bytes) and len(blob) == _VECTOR_BYTES:  # else: embed again
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
        if missing:
            vectors = encoder.encode(list(missing.values()))
            rows = [(k, v.tobytes()) for k, v in zip(missing, vectors, strict=True)]
            found.update(zip(missing, vectors, strict=True))
            with connection:
                connection.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)", rows)
    except sqlite3.Error:
        return encoder.encode(list(texts))
    finally:
        connection.close()
    out = np.empty((len(texts), EMBEDDING_DIM), dtype=np.float32)
    for row, key in enumerate(keys):
        out[row] = found[key]
    return out
