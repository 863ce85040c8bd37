"""MiniLM vectors of an article's opening: its title and lead, a bounded part of the text.

Whole articles cost MiniLM time in proportion to their length; the opening is where an
article says what it is (headline, lead, first attribution), and it bounds the cost per
article. The model text (:func:`veracity.models.features.model_text`: title, blank line, body,
provenance stripped) is cut into word-piece chunks of :data:`CHUNK_TOKENS` pieces; each of the
first ``chunks`` chunks is embedded by the shared int8 MiniLM (one thread) and the article's
vector is the mean of its chunks' unit vectors, renormalised.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from veracity.embeddings.encoder import EMBEDDING_DIM

# Word pieces per chunk, leaving room for [CLS] and [SEP] in MiniLM's 128-token window.
CHUNK_TOKENS = 126


@lru_cache(maxsize=1)
def _tokenizer():
    from tokenizers import Tokenizer

    from veracity.embeddings.model_files import minilm_tokenizer_json

    tokenizer = Tokenizer.from_str(minilm_tokenizer_json())
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def lead_chunks(text: str, chunks: int) -> list[str]:
    """The first ``chunks`` spans of ``text`` of :data:`CHUNK_TOKENS` word pieces each (fewer
    for a short text; at least one, the text itself, when it has no word piece)."""
    offsets = _tokenizer().encode(text, add_special_tokens=False).offsets
    spans = []
    for start in range(0, min(len(offsets), chunks * CHUNK_TOKENS), CHUNK_TOKENS):
        end = min(start + CHUNK_TOKENS, len(offsets)) - 1
        spans.append(text[offsets[start][0] : offsets[end][1]])
    return spans or [text]


def chunk_vectors(texts: Sequence[str], chunk: int) -> tuple[np.ndarray, np.ndarray]:
    """The unit vector of chunk ``chunk`` (0 = the opening) of each text, and whether the text
    has that chunk (rows without it are zero). Vectors are cached on disk by chunk text
    (:func:`veracity.embeddings.embed`)."""
    from veracity.embeddings import embed

    spans = [lead_chunks(t, chunk + 1) for t in texts]
    present = np.array([len(s) > chunk for s in spans])
    out = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
    rows = np.flatnonzero(present)
    if len(rows):
        out[rows] = embed([spans[i][chunk] for i in rows])
    return out, present


def combine_chunks(vectors: Sequence[np.ndarray], present: Sequence[np.ndarray]) -> np.ndarray:
    """The renormalised mean of each row's present chunk vectors."""
    total = np.zeros_like(vectors[0], dtype=np.float64)
    for vector, has in zip(vectors, present, strict=True):
        total += vector * has[:, None]
    norms = np.linalg.norm(total, axis=1, keepdims=True)
    return (total / np.clip(norms, 1e-12, None)).astype(np.float32)


def lead_embeddings(texts: Sequence[str], chunks: int = 1) -> np.ndarray:
    """``(len(texts), 384)`` unit vectors: the mean of each text's first ``chunks`` chunks."""
    parts = [chunk_vectors(texts, k) for k in range(chunks)]
    return combine_chunks([v for v, _ in parts], [p for _, p in parts])


__all__ = ["CHUNK_TOKENS", "chunk_vectors", "combine_chunks", "lead_chunks", "lead_embeddings"]
