"""all-MiniLM-L6-v2 as an int8 ONNX graph, run with onnxruntime on one thread.

The vectors are what sentence-transformers computes for the same model: mean pooling of the
last hidden state over the attention mask, then L2 normalisation.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from veracity.embeddings.model_files import minilm_files
from veracity.embeddings.pooling import mean_pool
from veracity.errors import ModelError

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
EMBEDDING_DIM = 384
DEFAULT_MAX_TOKENS = 128
# Small batches keep MiniLM's activations in the CPU cache: 8 sentences cost ~25% less CPU a
# sentence than 64 (MLAS GEMM rows are independent, so the vectors are bit-identical).
DEFAULT_BATCH_SIZE = 8
# The 0-based MiniLM layer whose output :func:`get_layer_encoder` exposes (after 4 of 6 layers).
LOWER_LAYER = 3


class SentenceEncoder:
    """Encodes texts into unit-length 384-d vectors (cosine similarity = dot product)."""

    def __init__(
        self,
        onnx_path: Path | bytes,
        tokenizer_path: Path,
        *,
        max_tokens: int = DEFAULT_MAX_TOKENS,
        batch_size: int = DEFAULT_BATCH_SIZE,
        threads: int = 1,
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.max_tokens = max_tokens
        self.batch_size = batch_size
        try:
            self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
            options = ort.SessionOptions()
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
            self._session = ort.InferenceSession(
                onnx_path if isinstance(onnx_path, bytes) else str(onnx_path),
                sess_options=options,
                providers=["CPUExecutionProvider"],
            )
        except Exception as exc:  # onnxruntime and tokenizers raise their own base types
            raise ModelError(f"cannot load the embedding model: {exc}") from None
        self._tokenizer.enable_truncation(max_length=max_tokens)
        self._tokenizer.no_padding()
        self._input_names = {i.name for i in self._session.get_inputs()}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), 384)`` float32 unit vectors, in the order of ``texts``."""
        out = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        for index, hidden, mask in self.token_states(texts):
            pooled = mean_pool(hidden, mask.astype(np.float32))
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[index] = pooled / np.clip(norms, 1e-12, None)
        return out

    def token_states(
        self, texts: Sequence[str]
    ) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Batches of ``(rows of texts, last hidden states (b, t, 384), attention mask (b, t))``.

        For heads that read the tokens rather than the pooled vector (check-worthiness).
        """
        if not texts:
            return
        yield from self._run(self._tokenizer.encode_batch([t if t.strip() else "." for t in texts]))

    def pair_token_states(
        self, firsts: Sequence[str], seconds: Sequence[str]
    ) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
        """Like :meth:`token_states` for text pairs read as one sequence,
        ``[CLS] first [SEP] second [SEP]`` (cut to ``max_tokens``, the longer side first), with
        a fourth array: 1 on the second text's tokens (b, t).

        For cross-encoder heads (claim / passage stance), whose tokens see both texts.
        """
        if not firsts:
            return
        encodings = self._tokenizer.encode_batch(
            [
                (a if a.strip() else ".", b if b.strip() else ".")
                for a, b in zip(firsts, seconds, strict=True)
            ]
        )
        for index, hidden, mask in self._run(encodings):
            second = np.zeros_like(mask)
            for row, at in enumerate(index):
                type_ids = encodings[at].type_ids
                second[row, : len(type_ids)] = type_ids
            yield index, hidden, mask, second

    def all_token_states(
        self, texts: Sequence[str]
    ) -> Iterator[tuple[np.ndarray, list[np.ndarray], np.ndarray]]:
        """Like :meth:`token_states`, with every output of the graph (the last hidden state
        first, then any intermediate layer's states the graph exposes, see
        :mod:`veracity.embeddings.intermediate`)."""
        if not texts:
            return
        yield from self._batches(
            self._tokenizer.encode_batch([t if t.strip() else "." for t in texts])
        )

    def _run(self, encodings: list) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        for index, outputs, mask in self._batches(encodings):
            yield index, outputs[0], mask

    def _batches(
        self, encodings: list
    ) -> Iterator[tuple[np.ndarray, list[np.ndarray], np.ndarray]]:
        # Batches of similar length waste little time on padding.
        order = np.argsort([len(e.ids) for e in encodings], kind="stable")
        for batch_start in range(0, len(order), self.batch_size):
            index = order[batch_start : batch_start + self.batch_size]
            batch = [encodings[i] for i in index]
            width = max(len(e.ids) for e in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, encoding in enumerate(batch):
                ids[row, : len(encoding.ids)] = encoding.ids
                mask[row, : len(encoding.ids)] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._input_names:
                feeds["token_type_ids"] = np.zeros_like(ids)
            yield index, self._session.run(None, feeds), mask


@lru_cache(maxsize=1)
def get_encoder() -> SentenceEncoder:
    """The process-wide encoder, loaded on first use."""
    onnx_path, tokenizer_path = minilm_files()
    return SentenceEncoder(onnx_path, tokenizer_path)


@lru_cache(maxsize=2)
def get_layer_encoder(layer: int = LOWER_LAYER) -> SentenceEncoder:
    """The same int8 graph and tokenizer with the states after 0-based MiniLM layer ``layer``
    as a second output (default :data:`LOWER_LAYER`, after layer 4 of 6; -1: the embedding
    output, the input of layer 1), for heads that run their own copies of the layers above it; its last hidden state is the shared encoder's, bit
    for bit. Loaded on first use (one graph per layer)."""
    from veracity.embeddings.intermediate import LAYER_OUTPUTS, with_outputs

    if layer not in LAYER_OUTPUTS or layer == max(LAYER_OUTPUTS):
        raise ModelError(
            f"no intermediate MiniLM layer {layer} "
            f"({min(LAYER_OUTPUTS)}..{max(LAYER_OUTPUTS) - 1}, -1: the embeddings)"
        )
    onnx_path, tokenizer_path = minilm_files()
    return SentenceEncoder(with_outputs(onnx_path, (LAYER_OUTPUTS[layer],)), tokenizer_path)
