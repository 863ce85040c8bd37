"""all-mpnet-base-v2's forward pass in numpy, float32: no torch (deep path only).

What transformers' ``MPNetModel`` computes from the same files (checked within 1e-4 by
``tests/embeddings/test_mpnet.py``): word + position embeddings (positions counted from 2, as
fairseq's, padding at 1), a layer norm, then 12 post-norm BERT layers
(:func:`veracity.embeddings.layers.bert_layer` under MPNet's parameter names, layer norm epsilon
1e-5) whose attention scores add a learned bias per head and relative-position bucket
(:func:`relative_position_bucket`, T5's buckets: 32, bidirectional, up to 128 apart). The
weights are read from the verified ``model.safetensors`` (:mod:`veracity.embeddings.mpnet_files`)
by its documented layout, with numpy alone, in one pass that hashes what it reads: what loads is
what was checked.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import numpy as np

from veracity.artefacts import open_regular_file
from veracity.errors import ModelError

HIDDEN = 768
LAYERS = 12
EPS = 1e-5
BUCKETS = 32
MAX_DISTANCE = 128
BOS, PAD, EOS = 0, 1, 2
# read_safetensors: the largest JSON header read (the official file's is 16 KB), the read size
MAX_HEADER = 1 << 24
BLOCK = 1 << 20
# bert_layer's parameter names -> MPNet's (under ``encoder.layer.N.``)
MPNET_NAMES = {
    "query": "attention.attn.q",
    "key": "attention.attn.k",
    "value": "attention.attn.v",
    "attention_output": "attention.attn.o",
    "attention_norm": "attention.LayerNorm",
    "intermediate": "intermediate.dense",
    "output": "output.dense",
    "output_norm": "output.LayerNorm",
}
EMBEDDINGS = (
    "embeddings.word_embeddings.weight",
    "embeddings.position_embeddings.weight",
    "embeddings.LayerNorm.weight",
    "embeddings.LayerNorm.bias",
)
RELATIVE_BIAS = "encoder.relative_attention_bias.weight"
LAYER_TENSORS = tuple(
    f"{name}.{kind}" for name in MPNET_NAMES.values() for kind in ("weight", "bias")
)


def read_safetensors(
    path: Path, names: Iterable[str], expected_sha256: str | None = None, remedy: str = ""
) -> dict[str, np.ndarray]:
    """The float32 tensors ``names`` of a safetensors file (8 bytes: the header's length,
    little-endian; the JSON header: each tensor's dtype, shape and byte range after it), read in
    one pass from start to end and hashed as it is read: only the named tensors are kept (one
    copy each, no copy of the whole file), and with ``expected_sha256`` none is returned unless
    the bytes read have that digest (:class:`ModelError`, with ``remedy``), so the tensors are
    the checked bytes, never the file read again by its name."""
    dtypes = {"F32": np.float32, "F16": np.float16}
    digest = hashlib.sha256()
    try:
        with open_regular_file(path) as f:  # a pipe put at its name is refused, not waited on
            start = _read_exactly(f, 8)
            length = int.from_bytes(start, "little")
            if length > MAX_HEADER:
                raise ValueError(f"a header of {length:,} bytes")
            text = _read_exactly(f, length)
            digest.update(start)
            digest.update(text)
            header = json.loads(text)
            # The header is read before the digest can be known, so what it declares is held
            # to the file: each tensor within the data, none overlapping another, so the
            # arrays made before a byte is checked take at most the file's size.
            data_size = max(os.fstat(f.fileno()).st_size - 8 - length, 0)
            ranges = []
            for name in names:
                entry = header[name]
                begin, end = (int(k) for k in entry["data_offsets"])
                dtype = np.dtype(dtypes[entry["dtype"]])
                shape = tuple(int(k) for k in entry["shape"])
                if not 0 <= begin <= end or end - begin != math.prod(shape) * dtype.itemsize:
                    raise ValueError(f"{name}: bytes {begin}..{end} for {dtype} {shape}")
                if end > data_size:
                    raise ValueError(
                        f"cut short: {name} ends past the file's {data_size:,} data bytes"
                    )
                ranges.append((begin, end, name, dtype, shape))
            ranges.sort(key=lambda r: r[0])
            for before, after in itertools.pairwise(ranges):
                if after[0] < before[1]:
                    raise ValueError(f"{after[2]} overlaps {before[2]}")
            wanted = [(*r, np.empty(r[1] - r[0], np.uint8)) for r in ranges]
            block = bytearray(BLOCK)
            view = memoryview(block)
            at = 0  # offset of the block after the header
            first = 0  # the first wanted tensor that may still lie ahead
            while got := f.readinto(block):
                digest.update(view[:got])
                while first < len(wanted) and wanted[first][1] <= at:
                    first += 1
                for begin, end, _, _, _, target in wanted[first:]:
                    if begin >= at + got:
                        break
                    lo, hi = max(begin, at), min(end, at + got)
                    if lo < hi:
                        target[lo - begin : hi - begin] = view[lo - at : hi - at]
                at += got
            short = [w[2] for w in wanted if w[1] > at]
            if short:
                raise ValueError(f"cut short: {short[0]} ends past the file's {at:,} data bytes")
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        # RecursionError: a header of JSON nested too deeply to read
        raise ModelError(f"cannot read the MPNet weights {path}: {exc!r}") from None
    if expected_sha256 is not None and (actual := digest.hexdigest()) != expected_sha256:
        raise ModelError(
            f"the MPNet weights {path} are not the verified ones (sha256 {actual}, expected "
            f"{expected_sha256}); {remedy}".rstrip("; ")
        )
    return {
        name: target.view(dtype).reshape(shape).astype(np.float32, copy=False)
        for _, _, name, dtype, shape, target in wanted
    }


def _read_exactly(f: BinaryIO, size: int) -> bytes:
    data = f.read(size)
    if len(data) != size:
        raise ValueError(f"cut short: {len(data)} of {size} bytes")
    return data


def relative_position_bucket(relative: np.ndarray) -> np.ndarray:
    """Each relative position's bucket (key position - query position), as transformers'
    ``MPNetEncoder.relative_position_bucket``: half the buckets for keys before the query,
    8 exact distances, then log-spaced up to :data:`MAX_DISTANCE` (float32, as torch's)."""
    n = -relative
    half = BUCKETS // 2
    bucket = (n < 0).astype(np.int64) * half
    n = np.abs(n)
    exact = half // 2
    scaled = np.log(np.maximum(n, 1).astype(np.float32) / np.float32(exact))
    scaled = scaled / np.float32(math.log(MAX_DISTANCE / exact)) * np.float32(half - exact)
    large = np.minimum(exact + scaled.astype(np.int64), half - 1)
    return bucket + np.where(n < exact, n, large)


def position_bias(table: np.ndarray, width: int) -> np.ndarray:
    """The attention bias (1, heads, width, width) of ``table`` (buckets, heads)."""
    at = np.arange(width)
    return table[relative_position_bucket(at[None, :] - at[:, None])].transpose(2, 0, 1)[None]


def mpnet_layer(
    weights: dict[str, np.ndarray], prefix: str, hidden: np.ndarray, mask: np.ndarray,
    bias: np.ndarray,
) -> np.ndarray:  # fmt: skip
    """One MPNet layer (parameters ``prefix`` + :data:`LAYER_TENSORS`) over ``hidden``
    (b, t, 768) float32, ``mask`` (b, t) 1 on tokens, ``bias`` from :func:`position_bias`."""
    from veracity.embeddings.layers import bert_layer

    return bert_layer(weights, prefix, hidden, mask, names=MPNET_NAMES, eps=EPS, position_bias=bias)


class MPNetEncoder:
    """MPNet's embeddings and its first :attr:`layers_` layers (``weights_``: tensor name ->
    float32 array, under the names of ``model.safetensors``)."""

    def __init__(self, weights_: dict[str, np.ndarray], layers_: int = LAYERS) -> None:
        self.weights_ = weights_
        self.layers_ = layers_

    @classmethod
    def from_file(
        cls, path: Path, layers: int = LAYERS, expected_sha256: str | None = None, remedy: str = ""
    ) -> MPNetEncoder:
        """The first ``layers`` layers of the model file ``path``, read once (checked against
        ``expected_sha256`` as it is read, when given)."""
        names = [*EMBEDDINGS, RELATIVE_BIAS]
        names += [f"encoder.layer.{k}.{t}" for k in range(layers) for t in LAYER_TENSORS]
        return cls(read_safetensors(path, names, expected_sha256, remedy), layers)

    def embed(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The embedding output (b, t, 768) of ``ids`` (b, t), ``mask`` 1 on tokens: positions
        count the tokens from 2 (padding, where the mask is 0, sits at 1)."""
        from veracity.embeddings.layers import layer_norm

        w = self.weights_
        positions = np.cumsum(mask, axis=1) * mask + PAD
        x = w["embeddings.word_embeddings.weight"][ids]
        x = x + w["embeddings.position_embeddings.weight"][positions]
        return layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], EPS)

    def hidden_states(self, ids: np.ndarray, mask: np.ndarray) -> list[np.ndarray]:
        """The embedding output, then each layer's output (b, t, 768) float32."""
        mask = mask.astype(np.float32)
        x = self.embed(ids, mask.astype(np.int64))
        bias = position_bias(self.weights_[RELATIVE_BIAS], ids.shape[1])
        out = [x]
        for k in range(self.layers_):
            x = mpnet_layer(self.weights_, f"encoder.layer.{k}.", x, mask, bias)
            out.append(x)
        return out


@lru_cache(maxsize=2)
def get_mpnet(layers: int = LAYERS) -> MPNetEncoder:
    """The process-wide encoder of the verified model file, its first ``layers`` layers (loaded
    on first use, from the bytes whose digest is checked as they are read)."""
    from veracity.embeddings.mpnet_files import OFFICIAL_SHA256, UNPACK, runtime_folder

    name = "model.safetensors"
    return MPNetEncoder.from_file(runtime_folder() / name, layers, OFFICIAL_SHA256[name], UNPACK)


@lru_cache(maxsize=1)
def mpnet_tokenizer():  # type: ignore[no-untyped-def]
    """MPNet's tokenizer (the verified ``tokenizer.json``, loaded from the bytes checked), with
    no truncation or padding."""
    from tokenizers import Tokenizer

    from veracity.embeddings.mpnet_files import checked_file

    text = checked_file("tokenizer.json").decode("utf-8", "replace")
    try:
        tokenizer = Tokenizer.from_str(text)
    except Exception as exc:  # tokenizers raises its own base type
        raise ModelError(f"cannot load the MPNet tokenizer: {exc}") from None
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer
