"""A disk cache of sentence vectors, so that each text is embedded once per machine.

Vectors live in one SQLite file under ``settings.cache_dir`` (never in the repository), keyed
by the SHA-1 of the model id, the token limit and the text.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from veracity.embeddings.encoder import EMBEDDING_DIM, MODEL_ID, get_encoder
from veracity.settings import get_settings


def _key(text: str, max_tokens: int) -> str:
    return hashlib.sha1(f"{MODEL_ID}\x00{max_tokens}\x00{text}".encode()).hexdigest()


def _open_cache(path: Path) -> sqlite3.Connection | None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
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
