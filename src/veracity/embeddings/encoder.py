"""all-MiniLM-L6-v2 as an int8 ONNX graph, run with onnxruntime on one thread.

The vectors are what sentence-transformers computes for the same model: mean pooling of the
last hidden state over the attention mask, then L2 normalisation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache

import numpy as np

from veracity.embeddings.memo import LAST, OutputName, TokenStateMemo, active_memo
from veracity.embeddings.model_files import minilm_graph, minilm_tokenizer_json, onnx_session
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
    """Encodes texts into unit-length 384-d vectors (cosine similarity = dot product).

    ``layers``: the 0-based MiniLM layers whose states the graph returns after its last hidden
    state (:func:`get_layer_encoder`). ``shares_states``: inside a
    :func:`~veracity.embeddings.memo.sharing_token_states` scope, read and fill its memo (the
    encoders of the shared graph only); ``runs_shared``: the encoder (of the same graph and
    tokenizer) that runs the texts the memo lacks (None, or when it returns None: this one), so
    that one pass gives what the other encoders of the graph will ask for. ``graph``: the ONNX
    graph's bytes; ``tokenizer_json``: the tokenizer file's text (the checked bytes, never a
    file read again by its name: :mod:`veracity.embeddings.model_files`).
    """

    def __init__(
        self,
        graph: bytes,
        tokenizer_json: str,
        *,
        max_tokens: int = DEFAULT_MAX_TOKENS,
        batch_size: int = DEFAULT_BATCH_SIZE,
        threads: int = 1,
        layers: tuple[int, ...] = (),
        shares_states: bool = False,
        runs_shared: Callable[[], SentenceEncoder | None] | None = None,
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.max_tokens = max_tokens
        self.batch_size = batch_size
        self.layers = layers
        self._shares_states = shares_states
        self._runs_shared = runs_shared
        try:
            self._tokenizer = Tokenizer.from_str(tokenizer_json)
            options = ort.SessionOptions()
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
            self._session = onnx_session(graph, options)
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
        for index, outputs, mask in self.all_token_states(texts):
            yield index, outputs[0], mask

    def pair_token_states(
        self, firsts: Sequence[str], seconds: Sequence[str], output: int = 0
    ) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
        """Like :meth:`token_states` for text pairs read as one sequence,
        ``[CLS] first [SEP] second [SEP]`` (cut to ``max_tokens``, the longer side first), with
        a fourth array: 1 on the second text's tokens (b, t). ``output``: which of the graph's
        outputs (0: the last hidden state; 1 on: the intermediate layers of :attr:`layers`).

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
        for index, outputs, mask in self._batches(encodings):
            hidden = outputs[output]
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
        texts = [t if t.strip() else "." for t in texts]
        memo = active_memo() if self._shares_states else None
        if memo is None:
            yield from self._batches(self._tokenizer.encode_batch(texts))
        else:
            yield from self._shared_batches(memo, texts)

    def _shared_batches(
        self, memo: TokenStateMemo, texts: list[str]
    ) -> Iterator[tuple[np.ndarray, list[np.ndarray], np.ndarray]]:
        """The batches :meth:`_batches` would give (same rows, same order, same widths), their
        states read from ``memo``; the texts it lacks run through the graph once, by the
        ``runs_shared`` encoder, and are kept. Padding is zeros (masked out by every reader).
        Texts whose states would not fit the memo stream through the graph as without one."""
        names: tuple[OutputName, ...] = (LAST, *self.layers)
        keys = [(t, self.max_tokens) for t in texts]
        found = {k: states for k in keys if (states := memo.get(k, names)) is not None}
        missing = [k for k in dict.fromkeys(keys) if k not in found]
        if missing:
            runner = (self._runs_shared() if self._runs_shared else None) or self
            if runner.max_tokens != self.max_tokens or not set(self.layers) <= set(runner.layers):
                runner = self
            ran: tuple[OutputName, ...] = (LAST, *runner.layers)
            encodings = runner._tokenizer.encode_batch([text for text, _ in missing])
            size = sum(len(e.ids) for e in encodings) * EMBEDDING_DIM * 4 * len(ran)
            if size > memo.max_bytes:
                yield from self._batches(self._tokenizer.encode_batch(texts))
                return
            for index, outputs, mask in runner._batches(encodings):
                for row, at in enumerate(index):
                    n = int(mask[row].sum())
                    states = {k: o[row, :n] for k, o in zip(ran, outputs, strict=True)}
                    found[missing[at]] = memo.put(missing[at], states)
        rows = [found[k] for k in keys]
        lengths = [len(states[LAST]) for states in rows]
        order = np.argsort(lengths, kind="stable")
        for batch_start in range(0, len(order), self.batch_size):
            index = order[batch_start : batch_start + self.batch_size]
            width = max(lengths[i] for i in index)
            mask = np.zeros((len(index), width), dtype=np.int64)
            outputs = [np.zeros((len(index), width, EMBEDDING_DIM), np.float32) for _ in names]
            for row, at in enumerate(index):
                mask[row, : lengths[at]] = 1
                for output, name in zip(outputs, names, strict=True):
                    output[row, : lengths[at]] = rows[at][name]
            yield index, outputs, mask

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
    return SentenceEncoder(
        minilm_graph(),
        minilm_tokenizer_json(),
        shares_states=True,
        runs_shared=_loaded_layers_encoder,
    )


# The graphs loaded with intermediate layers exposed, by those layers (0-based, ascending).
_LAYER_ENCODERS: dict[tuple[int, ...], SentenceEncoder] = {}


def get_layer_encoder(layer: int | tuple[int, ...] = LOWER_LAYER) -> SentenceEncoder:
    """The same int8 graph and tokenizer with the states after 0-based MiniLM layer ``layer``
    as a second output (default :data:`LOWER_LAYER`, after layer 4 of 6; -1: the embedding
    output, the input of layer 1), for heads that run their own copies of the layers above it; its last hidden state is the shared encoder's, bit
    for bit. Several layers (a tuple): each one's states, lowest first, after the last hidden
    state, from one run (taggers of an ensemble reading different layers). Loaded on first use
    (one graph per set of layers)."""
    from veracity.embeddings.intermediate import LAYER_OUTPUTS

    layers = (layer,) if isinstance(layer, int) else tuple(sorted(set(layer)))
    for k in layers:
        if k not in LAYER_OUTPUTS or k == max(LAYER_OUTPUTS):
            raise ModelError(
                f"no intermediate MiniLM layer {k} "
                f"({min(LAYER_OUTPUTS)}..{max(LAYER_OUTPUTS) - 1}, -1: the embeddings)"
            )
    if not layers:
        raise ModelError("no intermediate MiniLM layer asked for")
    return _layers_encoder(layers)


def _layers_encoder(layers: tuple[int, ...]) -> SentenceEncoder:
    """The graph with the states after each of ``layers`` as outputs after the last hidden
    state, loaded once per process."""
    from veracity.embeddings.intermediate import LAYER_OUTPUTS, with_outputs

    encoder = _LAYER_ENCODERS.get(layers)
    if encoder is None:
        encoder = SentenceEncoder(
            with_outputs(minilm_graph(), tuple(LAYER_OUTPUTS[k] for k in layers)),
            minilm_tokenizer_json(),
            layers=layers,
            shares_states=True,
        )
        _LAYER_ENCODERS[layers] = encoder
    return encoder


def _loaded_layers_encoder() -> SentenceEncoder | None:
    """What runs the shared encoder's texts inside a sharing scope: the graph exposing every
    layer a loaded layer encoder exposes (on the deep path, the span tagger's input layer, so
    one pass serves the tagger too); None when no layer encoder is loaded."""
    layers = tuple(sorted({k for loaded in list(_LAYER_ENCODERS) for k in loaded}))
    return _layers_encoder(layers) if layers else None
