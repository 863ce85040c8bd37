"""The MPNet span tagger's training: a run in boxes goes on exactly as one run, every scored
checkpoint is kept, and its files hold each tuned layer under the Hugging Face names."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from veracity.errors import ModelError
from veracity.propaganda.encoder import encode_segments
from veracity.propaganda.features import line_segments

TEXT = (
    "The corrupt elites in Washington will stop at nothing to destroy our great nation.\n"
    "Officials said the meeting would take place on Tuesday.\n"
    "Wake up, America!"
)


def _tiny_run(monkeypatch, tmp_path, minutes: float, state: bool):
    """fine_tune's loop on a tiny corpus (60 train windows and 40 negatives: 4 batches an epoch
    with the batch at 32, 2 epochs), MiniLM's top layer as the tuned layers, each checkpoint's
    dev F1 a fixed one by its epoch; returns the kept checkpoints and the run's Member."""
    torch = pytest.importorskip("torch")  # training-only dependency

    from veracity.data.ptc import PTCArticle
    from veracity.propaganda import train_tagger

    line = [w for own in encode_segments(TEXT, line_segments(TEXT), 4) for w in own]
    gold = [(TEXT.index("corrupt"), TEXT.index(" in Washington"))]
    train = [PTCArticle(f"train{k}", TEXT, gold) for k in range(20)]
    windows = {a.article_id: [copy.copy(w) for w in line] for a in train}
    negatives = [copy.copy(line[1]) for _ in range(40)]
    monkeypatch.setattr(train_tagger, "encode_articles", lambda articles, layer: windows)
    monkeypatch.setattr(
        train_tagger, "split_articles", lambda articles: {"train": train, "dev": [], "test": []}
    )
    monkeypatch.setattr(train_tagger, "wire_negative_windows", lambda data_dir, layer: negatives)
    monkeypatch.setattr(train_tagger, "article_lines", lambda articles, windows, crf: {})
    key = (0.5, 0.3, 0.3)
    dev_f1 = iter([0.40, 0.46, 0.42, 0.44])  # each checkpoint's dev F1, in turn

    def scored(dev, lines, neural):
        return {key: {"f1": next(dev_f1)}, (1.0, 0.3, 0.3): {"f1": 0.0}}

    monkeypatch.setattr(train_tagger, "grid_scores", scored)
    monkeypatch.setattr(
        train_tagger, "wire_rates", lambda wire, words, neural: {key: 1.0, (1.0, 0.3, 0.3): 0.0}
    )

    class Weights(train_tagger.MiniLMLayers):
        def tagger(self, module):
            return {k: v.detach().numpy().copy() for k, v in module.state_dict().items()}

    kept: list[tuple[dict, dict]] = []
    run_state = tmp_path / "state.pt" if state else None
    members = []
    torch.manual_seed(123)  # the loop seeds its own generators; this one must not matter
    for _ in range(40):
        member = train_tagger.fine_tune(
            1, minutes, 1e-4, 1e-3, None, train, None, {}, 0, 2.0, encoder=Weights(1),
            state=run_state, epochs=2.0, on_checkpoint=lambda w, r: kept.append((w, r)),
        )  # fmt: skip
        members.append(member)
        torch.manual_seed(len(members))  # another process's generator between boxes
        if member.epochs_run >= 2.0:
            break
    return kept, members


def test_a_run_in_boxes_goes_on_exactly_as_one_run(monkeypatch, tmp_path) -> None:
    """Boxes of one step each (the box over after every step) resume from the saved state: the
    same checkpoints at the same epochs with the same weights, to the bit, as one run; a box
    before the first checkpoint keeps no tagger; the finished state trains no further."""
    whole, (member,) = _tiny_run(monkeypatch, tmp_path / "a", 60.0, state=False)
    boxed, members = _tiny_run(monkeypatch, tmp_path / "b", 1e-9, state=True)
    assert len(members) == 8  # 4 steps an epoch, a step a box
    assert members[0].tagger is None and members[0].epochs_run == 0.25
    assert [r["epoch"] for _, r in whole] == [r["epoch"] for _, r in boxed] == [0.5, 1.0, 1.5, 2.0]
    for (a, _), (b, _) in zip(whole, boxed, strict=True):
        assert a.keys() == b.keys()
        assert all(np.array_equal(a[k], b[k]) for k in a)
    last = members[-1]
    assert last.epoch == member.epoch == 1.0 and last.epochs_run == 2.0
    assert [h["dev_f1"] for h in last.history] == [0.40, 0.46, 0.42, 0.44]
    assert all(np.array_equal(last.tagger[k], boxed[1][0][k]) for k in last.tagger)
    again, more = _tiny_run(monkeypatch, tmp_path / "b", 1e-9, state=True)
    assert again == [] and more[0].epochs_run == 2.0 and more[0].epoch == 1.0


def test_a_boxed_run_needs_its_epochs_and_is_no_refit(tmp_path) -> None:
    pytest.importorskip("torch")
    from veracity.propaganda import train_tagger

    for wrong in ({"epochs": None}, {"epochs": 1.0, "refit_epoch": 1.0}):
        with pytest.raises(ModelError, match="boxed run"):
            train_tagger.fine_tune(
                1, 1.0, 1e-4, 1e-3, None, [], None, {}, 0, 0.0, state=tmp_path / "s", **wrong
            )


def test_a_state_not_written_by_a_run_here_is_not_unpickled(tmp_path) -> None:
    pytest.importorskip("torch")
    from veracity.propaganda.train_tagger import RunState

    planted = tmp_path / "state.pt"
    planted.write_bytes(b"not a run's state")
    with pytest.raises(ModelError, match="not written by a training run"):
        RunState.load(planted)


def _checkpoint() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    names = ["attention.attn.q.weight", "attention.attn.q.bias", "output.LayerNorm.weight"]
    weights = {
        f"layers.{i}.{name}": rng.normal(size=(3, 2)).astype(np.float32)
        for i in range(4)
        for name in names
    }
    return weights | {"out.weight": rng.normal(size=(1, 768)).astype(np.float32),
                      "out.bias": np.array([0.1], dtype=np.float32)}  # fmt: skip


def test_a_checkpoint_is_written_a_file_a_layer_by_its_own_names(tmp_path) -> None:
    from veracity.artefacts import file_sha256
    from veracity.propaganda.train_mpnet import rounded, write_member

    weights = _checkpoint()
    digests = write_member(weights, tmp_path)
    assert sorted(digests) == [
        "mpnet-head.npz", "mpnet-layer-10.npz", "mpnet-layer-11.npz", "mpnet-layer-8.npz",
        "mpnet-layer-9.npz",
    ]  # fmt: skip
    assert all(file_sha256(tmp_path / name) == digest for name, digest in digests.items())
    with np.load(tmp_path / "mpnet-layer-9.npz", allow_pickle=False) as layer:
        assert sorted(layer.files) == sorted(
            ["attention.attn.q.weight", "attention.attn.q.bias", "output.LayerNorm.weight"]
        )
        assert layer["attention.attn.q.weight"].dtype == np.float16
        assert np.array_equal(
            layer["attention.attn.q.weight"].astype(np.float32),
            rounded(weights)["layers.1.attention.attn.q.weight"],
        )
    with np.load(tmp_path / "mpnet-head.npz", allow_pickle=False) as head:
        assert head["weight"].dtype == np.float32 and head["weight"].shape == (1, 768)
        assert np.array_equal(head["bias"], weights["out.bias"])
    assert np.array_equal(rounded(weights)["out.weight"], weights["out.weight"])
    with pytest.raises(ModelError, match="unexpected tensor"):
        write_member(weights | {"relative.weight": np.zeros(3)}, tmp_path)


def test_the_tuned_layers_carry_the_hugging_face_names_of_an_mpnet_layer() -> None:
    """The module's ``layers.N.*`` names, less the prefix, are MPNetLayer's own: what the
    runtime reads from the files under the names of model.safetensors' ``encoder.layer.N.*``."""
    pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    from transformers.models.mpnet.modeling_mpnet import MPNetLayer

    layer = MPNetLayer(transformers.MPNetConfig(hidden_size=768, intermediate_size=8))
    names = {f"layers.0.{k}" for k in layer.state_dict()}
    assert "layers.0.attention.attn.q.weight" in names
    from veracity.propaganda.train_mpnet import member_arrays

    weights = {k: np.zeros(1, dtype=np.float32) for k in names} | {
        "out.weight": np.zeros((1, 768), dtype=np.float32),
        "out.bias": np.zeros(1, dtype=np.float32),
    }
    files = member_arrays(weights)
    assert set(files["mpnet-layer-8.npz"]) == set(layer.state_dict())


def test_the_card_pins_the_member_files_and_keeps_its_mix_beside_them(tmp_path) -> None:
    """The rebuild pins the MPNet files in the tagger's card beside the files it had (loaded
    as before: the card still reads) and keeps its record; a mix is recorded only while the
    files are the ones pinned."""
    import json

    from veracity.artefacts import ARTEFACTS, DIGESTS_FIELD, file_sha256
    from veracity.propaganda.train_mpnet import record_in_card, record_mix, write_member

    spec = ARTEFACTS["propaganda-tagger"]
    (tmp_path / "tagger.joblib").write_bytes(b"a tagger")
    spec.save(spec.new_card(summary="toy", threshold=0.25), tmp_path)
    digests = write_member(_checkpoint(), tmp_path)
    record_in_card(tmp_path, digests, {"epoch": 1.5, "files": sorted(digests)})
    record_mix(tmp_path, {"mpnet": 0.4, "threshold": 0.3})
    card = spec.read_card(tmp_path)
    assert (
        card[DIGESTS_FIELD] == {"tagger.joblib": file_sha256(tmp_path / "tagger.joblib")} | digests
    )
    assert card["mpnet"] == {
        "epoch": 1.5, "files": sorted(digests), "mix": {"mpnet": 0.4, "threshold": 0.3},
    }  # fmt: skip
    assert spec.checked_bytes(tmp_path / "mpnet-layer-8.npz")[1] == digests["mpnet-layer-8.npz"]
    (tmp_path / "mpnet-head.npz").write_bytes(b"changed")
    with pytest.raises(ModelError, match="not pinned"):
        record_mix(tmp_path, {"mpnet": 0.5})
    assert json.loads((tmp_path / "card.json").read_text())["mpnet"]["mix"]["mpnet"] == 0.4
    record_in_card(tmp_path / "none", digests, {})  # no card: nothing written
    assert not (tmp_path / "none").exists()
