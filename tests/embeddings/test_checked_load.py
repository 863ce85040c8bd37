"""Hostile round 12 (left by part sec): MiniLM's ONNX graph and tokenizer and MPNet's weights and
tokenizer were checked by digest once per process, then read again by their names when each
encoder, layer graph or tokenizer loaded, so a file swapped between the check and the load got
through. Each now loads from the bytes its digest was checked on; these tests make the swap at
the moment the hashing ends (:class:`tests.hostile.SwapsAfterHashing`)."""

from __future__ import annotations

import gc
import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import veracity.artefacts as artefacts
from tests.hostile import SwapsAfterHashing
from veracity.embeddings import encoder, model_files, mpnet
from veracity.embeddings import mpnet_files as files
from veracity.errors import ModelError
from veracity.settings import get_settings

CACHED = [
    (model_files, ("minilm_files", "minilm_tokenizer_json")),
    (encoder, ("get_encoder",)),
    (mpnet, ("get_mpnet", "mpnet_tokenizer")),
    (files, ("mpnet_files",)),
]


def _clear() -> None:
    for module, names in CACHED:
        for name in names:
            cached = getattr(module, name, None)
            if cached is not None and hasattr(cached, "cache_clear"):
                cached.cache_clear()


@pytest.fixture
def fresh_loads():
    """No model file read by an earlier test, none of these tests' files left to later ones."""
    _clear()
    yield
    _clear()


def swapping(monkeypatch: pytest.MonkeyPatch, path: Path, replacement: bytes) -> SwapsAfterHashing:
    """Every module that hashes a model file hashes through ``swap``."""
    swap = SwapsAfterHashing(path, replacement)
    for module in (artefacts, model_files, mpnet):
        monkeypatch.setattr(module, "hashlib", swap, raising=False)
    return swap


def not_lowercasing(tokenizer_json: bytes) -> bytes:
    """The tokenizer with its lowercasing off: "HELLO" no longer reads as "hello"."""
    data = json.loads(tokenizer_json)
    data["normalizer"]["lowercase"] = False
    return json.dumps(data).encode()


def test_a_minilm_graph_swapped_after_its_check_is_not_what_loads(
    tmp_path, monkeypatch, fresh_loads
) -> None:
    from veracity.embeddings.intermediate import _model_class

    graph = tmp_path / "model.onnx"
    graph.write_bytes(model_files.onnx_path().read_bytes())
    monkeypatch.setattr(model_files, "onnx_path", lambda: graph)
    planted = _model_class()()
    planted.ParseFromString(graph.read_bytes())
    planted.graph.output.add(name="layer_norm_10")  # another graph: two outputs
    swap = swapping(monkeypatch, graph, planted.SerializeToString())
    loaded = encoder.get_encoder.__wrapped__()
    assert swap.swapped
    assert [o.name for o in loaded._session.get_outputs()] == ["last_hidden_state"]


def test_a_minilm_tokenizer_swapped_after_its_check_is_not_what_loads(
    tmp_path, monkeypatch, fresh_loads
) -> None:
    tokenizer = tmp_path / "tokenizer.json"
    tokenizer.write_bytes(model_files.TOKENIZER_PATH.read_bytes())
    monkeypatch.setattr(model_files, "TOKENIZER_PATH", tokenizer)
    swap = swapping(monkeypatch, tokenizer, not_lowercasing(tokenizer.read_bytes()))
    loaded = encoder.get_encoder.__wrapped__()
    assert swap.swapped
    assert loaded._tokenizer.encode("HELLO").ids == loaded._tokenizer.encode("hello").ids


def _large_bytes_reachable(root: object, depth: int = 3) -> list[int]:
    """Sizes of the bytes objects of over 1 MB reachable from ``root`` within ``depth`` steps."""
    found, seen, frontier = [], set(), [root]
    for _ in range(depth):
        reached = []
        for item in frontier:
            for child in gc.get_referents(item):
                if id(child) in seen:
                    continue
                seen.add(id(child))
                if isinstance(child, bytes | bytearray) and len(child) > 1 << 20:
                    found.append(len(child))
                reached.append(child)
        frontier = reached
    return found


def test_a_minilm_session_holds_no_copy_of_the_graph_and_loads_what_nobody_can_change(
    monkeypatch, fresh_loads
) -> None:
    """onnxruntime's Python session keeps the bytes it is given for its life (23 MB each); the
    checked bytes now load from a sealed in-memory file: nobody can write it while it loads."""
    import onnxruntime as ort

    real = ort.InferenceSession
    attempts: list[str] = []

    def writing_first(source, *args, **kwargs):
        assert isinstance(source, str), "the session was given the graph's bytes"
        try:
            with open(source, "r+b") as f:
                f.write(b"\0")
            attempts.append("written")
        except PermissionError:
            attempts.append("refused")
        return real(source, *args, **kwargs)

    monkeypatch.setattr(ort, "InferenceSession", writing_first)
    loaded = encoder.get_encoder.__wrapped__()
    assert attempts == ["refused"]
    assert _large_bytes_reachable(loaded._session) == []
    vectors = loaded.encode(["The council met on Monday.", "Rain is expected on Tuesday."])
    assert vectors.shape == (2, 384)
    assert 0.0 < float(vectors[0] @ vectors[1]) < 0.9


def safetensors(tensors: dict[str, np.ndarray]) -> bytes:
    """A safetensors file of float32 ``tensors``, in their order."""
    header, data, at = {}, b"", 0
    for name, array in tensors.items():
        raw = array.astype("<f4").tobytes()
        header[name] = {
            "dtype": "F32",
            "shape": list(array.shape),
            "data_offsets": [at, at + len(raw)],
        }
        data, at = data + raw, at + len(raw)
    text = json.dumps(header).encode()
    return len(text).to_bytes(8, "little") + text + data


def small_model(value: float) -> bytes:
    """MPNet's embeddings and relative bias (no layer), at small sizes, every weight ``value``."""
    shapes = {
        "embeddings.word_embeddings.weight": (5, 4),
        "embeddings.position_embeddings.weight": (6, 4),
        "embeddings.LayerNorm.weight": (4,),
        "embeddings.LayerNorm.bias": (4,),
        mpnet.RELATIVE_BIAS: (mpnet.BUCKETS, 2),
    }
    return safetensors({name: np.full(shape, value, np.float32) for name, shape in shapes.items()})


def model_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tokenizer: bytes) -> Path:
    """An unpacked model folder of small stand-ins, their digests as the official ones."""
    monkeypatch.setenv("VERACITY_CACHE_DIR", str(tmp_path / "cache"))
    get_settings.cache_clear()
    folder = files.model_folder()
    folder.mkdir(mode=0o700, parents=True)
    members = {
        "model.safetensors": small_model(0.25),
        "tokenizer.json": tokenizer,
        "config.json": b'{"hidden_size": 4}',
    }
    for name, data in members.items():
        (folder / name).write_bytes(data)
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in members.items()}
    monkeypatch.setattr(files, "OFFICIAL_SHA256", digests)
    return folder


def test_mpnet_weights_swapped_after_their_check_are_not_what_loads(
    tmp_path, monkeypatch, fresh_loads
) -> None:
    folder = model_folder(tmp_path, monkeypatch, b"{}")
    swap = swapping(monkeypatch, folder / "model.safetensors", small_model(9.0))
    loaded = mpnet.get_mpnet.__wrapped__(0)
    assert swap.swapped
    assert set(np.unique(loaded.weights_["embeddings.word_embeddings.weight"])) == {0.25}
    assert set(np.unique(loaded.weights_[mpnet.RELATIVE_BIAS])) == {0.25}


def test_mpnet_tokenizer_swapped_after_its_check_is_not_what_loads(
    tmp_path, monkeypatch, fresh_loads
) -> None:
    folder = model_folder(tmp_path, monkeypatch, model_files.TOKENIZER_PATH.read_bytes())
    tokenizer = folder / "tokenizer.json"
    swap = swapping(monkeypatch, tokenizer, not_lowercasing(tokenizer.read_bytes()))
    loaded = mpnet.mpnet_tokenizer.__wrapped__()
    assert swap.swapped
    assert loaded.encode("HELLO").ids == loaded.encode("hello").ids


def test_mpnet_weights_of_other_bytes_or_cut_short_load_nothing(
    tmp_path, monkeypatch, fresh_loads
) -> None:
    folder = model_folder(tmp_path, monkeypatch, b"{}")
    (folder / "model.safetensors").write_bytes(small_model(9.0))
    with pytest.raises(ModelError, match=r"not the verified ones .*veracity setup"):
        mpnet.get_mpnet.__wrapped__(0)
    (folder / "model.safetensors").write_bytes(small_model(0.25)[:-3])
    with pytest.raises(ModelError, match="cut short"):
        mpnet.get_mpnet.__wrapped__(0)
    (folder / "model.safetensors").write_bytes((1 << 40).to_bytes(8, "little") + b"{}")
    with pytest.raises(ModelError, match="a header of"):
        mpnet.get_mpnet.__wrapped__(0)


def test_the_weights_read_in_one_pass_are_the_ones_read_by_offset(tmp_path) -> None:
    """Tensors named in another order than the file's, spanning read blocks, and one skipped."""
    rng = np.random.default_rng(0)
    tensors = {f"t{k}": rng.standard_normal((k + 1, 300_001 // (k + 1))) for k in range(4)}
    path = tmp_path / "model.safetensors"
    path.write_bytes(safetensors(tensors))
    read = mpnet.read_safetensors(
        path, ["t3", "t0", "t2"], hashlib.sha256(path.read_bytes()).hexdigest()
    )
    assert list(read) != [] and set(read) == {"t0", "t2", "t3"}
    for name, array in read.items():
        assert array.dtype == np.float32
        np.testing.assert_array_equal(array, tensors[name].astype(np.float32))


def test_a_header_declaring_more_than_the_file_holds_allocates_nothing_first(tmp_path) -> None:
    """The header is read before the digest can be known: a replaced file whose header declares
    a tensor of 400 GB, one range past the file's end, many names over the same bytes, or JSON
    nested too deeply is one error, not a MemoryError, RecursionError or gigabytes made."""
    path = tmp_path / "model.safetensors"

    def header(entries: dict[str, object], data: bytes = bytes(64)) -> None:
        text = json.dumps(entries).encode()
        path.write_bytes(len(text).to_bytes(8, "little") + text + data)

    header({"w": {"dtype": "F32", "shape": [10**11], "data_offsets": [0, 4 * 10**11]}})
    with pytest.raises(ModelError, match="cut short: w ends past the file's 64 data bytes"):
        mpnet.read_safetensors(path, ["w"], "0" * 64)
    header({"w": {"dtype": "F32", "shape": [32], "data_offsets": [32, 160]}})
    with pytest.raises(ModelError, match="cut short"):
        mpnet.read_safetensors(path, ["w"], "0" * 64)
    names = [f"w{k}" for k in range(4)]
    header({name: {"dtype": "F32", "shape": [16], "data_offsets": [0, 64]} for name in names})
    with pytest.raises(ModelError, match="overlaps"):
        mpnet.read_safetensors(path, names, "0" * 64)
    text = b"[" * 100_000 + b"]" * 100_000
    path.write_bytes(len(text).to_bytes(8, "little") + text)
    with pytest.raises(ModelError, match="RecursionError"):
        mpnet.read_safetensors(path, ["w"], "0" * 64)


def _bench_top_module(folder: Path) -> Any:
    """The top layers bench/propaganda_mpnet.py tunes (as many as training's)."""
    import importlib
    import sys

    from veracity.propaganda import train_mpnet

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    try:
        bench = importlib.import_module("propaganda_mpnet")
    finally:
        sys.path.pop(0)
    return bench.top_module(folder, bench.LAYERS - train_mpnet.FIRST_TUNED)


@pytest.mark.parametrize("reader", ["training", "bench"])
def test_mpnet_weights_swapped_after_their_check_are_not_what_training_reads(
    tmp_path, monkeypatch, fresh_loads, reader: str
) -> None:
    """`veracity train propaganda-tagger --encoder mpnet` checked the model folder's files
    (``model_dir``), then had transformers' ``from_pretrained`` open them again by name: other
    weights put there in between were trained on. It now reads the bytes it checks; so does the
    bench that measures the tagger's settings (left by round 13, read by name until round 14)."""
    torch = pytest.importorskip("torch")  # training-only dependencies
    transformers = pytest.importorskip("transformers")
    from veracity.propaganda import train_mpnet

    top_module = train_mpnet.top_module if reader == "training" else _bench_top_module

    config = transformers.MPNetConfig(
        vocab_size=12, hidden_size=8, num_hidden_layers=train_mpnet.FIRST_TUNED + 1,
        num_attention_heads=2, intermediate_size=16, max_position_embeddings=24,
    )  # fmt: skip
    built = tmp_path / "built"
    torch.manual_seed(0)
    transformers.MPNetModel(config).save_pretrained(built, safe_serialization=True)
    folder = model_folder(tmp_path, monkeypatch, b"{}")
    members = {
        "model.safetensors": (built / "model.safetensors").read_bytes(),
        "tokenizer.json": b"{}",
        "config.json": (built / "config.json").read_bytes(),
    }
    for name, data in members.items():
        (folder / name).write_bytes(data)
    monkeypatch.setattr(
        files,
        "OFFICIAL_SHA256",
        {name: hashlib.sha256(data).hexdigest() for name, data in members.items()},
    )
    monkeypatch.setattr(train_mpnet, "OFFICIAL_SHA256", files.OFFICIAL_SHA256)
    torch.manual_seed(1)
    other = tmp_path / "other"
    transformers.MPNetModel(config).save_pretrained(other, safe_serialization=True)
    swap = swapping(
        monkeypatch, folder / "model.safetensors", (other / "model.safetensors").read_bytes()
    )
    try:
        read = top_module(train_mpnet.model_dir())
    except ModelError as exc:  # the swapped file read and refused: nothing trained on
        assert "not the verified ones" in str(exc)
    else:
        checked = transformers.MPNetModel.from_pretrained(built)
        expected = checked.encoder.layer[train_mpnet.FIRST_TUNED :].state_dict()
        assert expected
        for name, value in read.layers.state_dict().items():
            assert torch.equal(value, expected[name]), name
    assert swap.swapped


def test_a_pipe_at_the_weights_name_is_refused_not_waited_on(tmp_path) -> None:
    """The MPNet reader opened its file as any file: a pipe put at its name (after setup
    unpacked the folder) held the first deep analysis for good; every other checked model and
    index file is refused when it is not a regular file (round 10)."""
    import os

    from tests.hostile import without_waiting_on_pipes

    pipe = tmp_path / "model.safetensors"
    os.mkfifo(pipe)
    with pytest.raises(ModelError, match="not a regular file"):
        without_waiting_on_pipes(lambda: mpnet.read_safetensors(pipe, ["w"], "0" * 64), [pipe])
