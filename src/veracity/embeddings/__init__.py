"""Sentence embeddings shared by every stage: all-MiniLM-L6-v2, offline, on CPU.

Entry points: :func:`embed` (cached on disk) and :func:`get_encoder`.
"""

from veracity.embeddings.cache import embed
from veracity.embeddings.encoder import EMBEDDING_DIM, MODEL_ID, SentenceEncoder, get_encoder

__all__ = ["EMBEDDING_DIM", "MODEL_ID", "SentenceEncoder", "embed", "get_encoder"]
