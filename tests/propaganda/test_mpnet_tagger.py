"""The MPNet span tagger's runtime: MPNet's windows of a sentence with the states after its
layer 8, and the fine-tuned top layers + token head over them in numpy, equal to transformers'
MPNet layers (torch) with the same weights. The weights here are random, of the shipped shapes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from veracity.embeddings.mpnet import BOS, EOS, HIDDEN, get_mpnet, mpnet_tokenizer
from veracity.errors import ModelError
from veracity.propaganda.encoder import Window
from veracity.propaganda.mpnet_tagger import (
    HEAD_FILE,
    HEAD_SHAPES,
    INPUT_LAYER,
    LAYER_FILE,
    SHAPES,
    TUNED_LAYERS,
    WINDOW_PIECES,
    MPNetTagger,
    encode_mpnet_segments,
    load_mpnet_tagger,
)
from veracity.propaganda.neural import token_probabilities

TEXT = "Short one. " + " ".join(
    f"The corrupt elites lied to us again on day {k}, and they will pay." for k in range(12)
)


def random_tagger_files(folder: Path, seed: int = 0) -> None:
    """The tagger's files with random float16 weights of the shipped shapes (layer norms near
    1, small linears: activations as a trained layer's are)."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for k in TUNED_LAYERS:
        arrays = {
            name: (
                1.0 + 0.1 * rng.standard_normal(shape)
                if "LayerNorm.weight" in name
                else 0.05 * rng.standard_normal(shape)
            ).astype(np.float16)
            for name, shape in SHAPES.items()
        }
        np.savez(folder / LAYER_FILE.format(k), **arrays)
    np.savez(
        folder / HEAD_FILE,
        weight=(0.2 * rng.standard_normal(HEAD_SHAPES["weight"])).astype(np.float32),
        bias=np.array([-0.5], dtype=np.float32),
    )
    pin(folder)


def pin(folder: Path) -> None:
    """A card naming each file of ``folder`` by its SHA-256, as training writes one: a model
    file loads only when its card pins it (docs/security.md, round 12)."""
    import json

    from veracity.artefacts import CARD_FILE, DIGESTS_FIELD, folder_digests

    card = {"version": "1", DIGESTS_FIELD: folder_digests(folder)}
    (folder / CARD_FILE).write_text(json.dumps(card), encoding="utf-8")


def test_windows_cut_a_sentence_into_runs_of_126_pieces_with_their_offsets_and_states() -> None:
    segments = [(0, 10), (11, len(TEXT))]
    windows = encode_mpnet_segments(TEXT, segments)
    pieces = mpnet_tokenizer().encode(TEXT[11:], add_special_tokens=False)
    assert len(pieces.ids) > WINDOW_PIECES
    assert [len(own) for own in windows] == [1, 2]
    first, second = windows[1]
    assert len(first.offsets) == WINDOW_PIECES + 2
    assert len(second.offsets) == len(pieces.ids) - WINDOW_PIECES + 2
    assert first.offsets[0].tolist() == [-1, -1] == first.offsets[-1].tolist()
    assert first.offsets[1].tolist() == [11 + a for a in pieces.offsets[0]]  # absolute
    assert (
        TEXT[first.start : first.start + 3] == "The" and second.start == 11 + pieces.offsets[126][0]
    )
    assert first.lower.shape == (WINDOW_PIECES + 2, HIDDEN) and first.lower.dtype == np.float32
    assert first.states.shape == (WINDOW_PIECES + 2, 0)
    # a window's states are those of its ids run alone through MPNet's first 8 layers
    ids = np.array([[BOS, *pieces.ids[WINDOW_PIECES:], EOS]])
    alone = get_mpnet(INPUT_LAYER + 1).hidden_states(ids, np.ones_like(ids))[-1][0]
    np.testing.assert_allclose(second.lower, alone, atol=1e-5)
    assert encode_mpnet_segments(TEXT, [(0, 0), (3, 4)])[0] == []


def test_random_tagger_gives_piece_and_token_probabilities(tmp_path: Path) -> None:
    from veracity.propaganda.features import tokenize_segment

    random_tagger_files(tmp_path)
    tagger = load_mpnet_tagger(tmp_path)
    segments = [(0, 10), (11, len(TEXT))]
    windows = tagger.windows(TEXT, segments)
    flat = [w for own in windows for w in own]
    p = tagger.piece_probabilities(flat)
    for window, q in zip(flat, p, strict=True):
        assert q.shape == (len(window.offsets),)
        assert q[0] == q[-1] == 0.0 and ((q[1:-1] > 0) & (q[1:-1] < 1)).all()
    # a window's probabilities do not depend on the windows batched with it
    np.testing.assert_allclose(tagger.piece_probabilities(flat[:1])[0], p[0], atol=1e-6)
    tokens = tokenize_segment(TEXT, 11, len(TEXT))
    per_token = token_probabilities(windows[1], p[1:], tokens)
    assert per_token.shape == (len(tokens),) and (per_token > 0).all()


def test_tagger_layers_equal_transformers_mpnet_layers(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    import torch
    from transformers import MPNetConfig
    from transformers.models.mpnet.modeling_mpnet import MPNetEncoder, MPNetLayer

    random_tagger_files(tmp_path, seed=1)
    tagger = load_mpnet_tagger(tmp_path)
    config = MPNetConfig.from_pretrained(str(get_mpnet_folder()))
    layers = []
    for k in TUNED_LAYERS:
        layer = MPNetLayer(config).eval()
        layer.load_state_dict({n: torch.from_numpy(a) for n, a in tagger.layers_[k].items()})
        layers.append(layer)
    rng = np.random.default_rng(2)
    hidden = rng.standard_normal((3, 40, HIDDEN)).astype(np.float32)
    mask = np.ones((3, 40), dtype=np.float32)
    mask[1, 25:] = 0.0
    at = torch.arange(40)
    bucket = MPNetEncoder.relative_position_bucket(at[None, :] - at[:, None])
    bias = torch.from_numpy(tagger.relative_bias_)[bucket].permute(2, 0, 1).unsqueeze(0)
    x = torch.from_numpy(hidden)
    add = (1.0 - torch.from_numpy(mask))[:, None, None, :] * -1e4
    with torch.no_grad():
        for layer in layers:
            x = layer(x, add, bias)[0]
        expected = (x @ torch.from_numpy(tagger.head_["weight"]).T).numpy()[..., 0]
    expected = expected + tagger.head_["bias"][0]
    ours = tagger.logits(hidden, mask)
    real = mask.astype(bool)
    assert np.abs(ours - expected)[real].max() < 1e-4


def get_mpnet_folder() -> Path:
    from veracity.embeddings.mpnet_files import mpnet_files

    return mpnet_files()["config.json"].parent


def test_a_missing_or_misshapen_tagger_file_is_one_clear_error(tmp_path: Path) -> None:
    random_tagger_files(tmp_path)
    (tmp_path / LAYER_FILE.format(10)).unlink()
    with pytest.raises(ModelError, match=r"mpnet-layer-10\.npz is missing") as caught:
        load_mpnet_tagger(tmp_path)
    assert "\n" not in str(caught.value)
    random_tagger_files(tmp_path)
    np.savez(tmp_path / HEAD_FILE, weight=np.zeros((2, HIDDEN), np.float32), bias=np.zeros(1))
    pin(tmp_path)
    with pytest.raises(
        ModelError, match=r"weight is float32 \(2, 768\), not float16 or float32 \(1, 768\)"
    ):
        load_mpnet_tagger(tmp_path)
    np.savez(tmp_path / HEAD_FILE, weight=np.zeros((1, HIDDEN), np.float32))
    pin(tmp_path)
    with pytest.raises(ModelError, match="holds"):
        load_mpnet_tagger(tmp_path)
    offsets = np.array([[-1, -1], [0, 5], [-1, -1]])
    windows = [Window(0, 5, offsets, np.zeros((3, 0), np.float32))]  # no states encoded
    tagger = MPNetTagger(
        {}, {"weight": np.zeros((1, HIDDEN)), "bias": np.zeros(1)}, np.zeros((32, 12))
    )
    with pytest.raises(ModelError, match="layer-8 states"):
        tagger.piece_probabilities(windows)


def test_a_trainer_checkpoint_becomes_the_files_the_runtime_loads(tmp_path: Path, monkeypatch):
    # bench/mpnet_runtime_check.py reads a checkpoint (the training module's names) through them
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2] / "bench"))
    import mpnet_runtime_check

    random_tagger_files(tmp_path / "shipped")
    checkpoint = {}
    for k in TUNED_LAYERS:
        with np.load(tmp_path / "shipped" / LAYER_FILE.format(k)) as stored:
            for name in stored.files:
                checkpoint[f"layers.{k - TUNED_LAYERS[0]}.{name}"] = stored[name].astype(np.float32)
    with np.load(tmp_path / "shipped" / HEAD_FILE) as stored:
        checkpoint |= {f"out.{name}": stored[name] for name in stored.files}
    mpnet_runtime_check.artefact_files(checkpoint, tmp_path)
    for k in TUNED_LAYERS:
        with (
            np.load(tmp_path / LAYER_FILE.format(k)) as written,
            np.load(tmp_path / "shipped" / LAYER_FILE.format(k)) as shipped,
        ):
            assert sorted(written.files) == sorted(shipped.files)
            for name in written.files:
                assert written[name].dtype == np.float16
                np.testing.assert_array_equal(written[name], shipped[name])
    assert load_mpnet_tagger(tmp_path).head_["bias"].tolist() == [-0.5]
    with pytest.raises(SystemExit, match="not a tensor of the MPNet tagger"):
        mpnet_runtime_check.artefact_files({"relative.weight": np.zeros(3)}, tmp_path)


def test_a_tagger_file_swapped_after_its_check_is_not_what_loads(tmp_path, monkeypatch) -> None:
    """Hostile round 12: each file's digest was checked, then numpy opened it again by its
    name, so another file put in its place between the two reads loaded unchecked."""
    import io

    import veracity.artefacts as artefacts
    from tests.hostile import SwapsAfterHashing

    random_tagger_files(tmp_path)
    other = io.BytesIO()
    np.savez(
        other, weight=np.ones(HEAD_SHAPES["weight"], np.float32), bias=np.array([9.0], np.float32)
    )
    swap = SwapsAfterHashing(tmp_path / HEAD_FILE, other.getvalue())
    monkeypatch.setattr(artefacts, "hashlib", swap)
    tagger = load_mpnet_tagger(tmp_path)
    assert swap.swapped and tagger.head_["bias"].tolist() == [-0.5]
