"""The MPNet span tagger's runtime against its training reading, on PTC dev lines (dev only).

The runtime (``veracity.propaganda.mpnet_tagger``): MPNet's states after layer 8 in numpy,
float32, then the tuned layers 9-12 and the head in numpy, from the artefact's files. The
training reading (``veracity.propaganda.train_mpnet``): the same states from transformers'
``MPNetModel`` (torch) rounded to float16 as the trainer caches them, then transformers'
``MPNetLayer`` x4 and the head. A checkpoint of the trainer (an ``.npz`` of the module's
weights, ``layers.N.*`` and ``out.*``) is written as the artefact's files
(``mpnet-layer-{8..11}.npz`` float16, ``mpnet-head.npz``) into a scratch folder and loaded by
``load_mpnet_tagger``, so the check also covers the file interface.

Run: ``nice -n 10 python bench/mpnet_runtime_check.py CHECKPOINT [--articles 3]``. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np


def artefact_files(weights: dict[str, np.ndarray], folder: Path) -> None:
    """A checkpoint's weights as the tagger's artefact files in ``folder``."""
    from veracity.propaganda.mpnet_tagger import HEAD_FILE, LAYER_FILE, TUNED_LAYERS

    files: dict[str, dict[str, np.ndarray]] = {}
    for name, value in weights.items():
        if name.startswith("layers."):
            _, index, rest = name.split(".", 2)
            file = LAYER_FILE.format(TUNED_LAYERS[int(index)])
            files.setdefault(file, {})[rest] = value.astype(np.float16)
        elif name.startswith("out."):
            files.setdefault(HEAD_FILE, {})[name[4:]] = value.astype(np.float32)
        else:
            sys.exit(f"{name}: not a tensor of the MPNet tagger")
    for file, arrays in files.items():
        np.savez(folder / file, **arrays)  # type: ignore[arg-type]
    # the runtime loads a model file only when a card pins it (docs/security.md, round 12)
    from veracity.artefacts import ARTEFACTS, CARD_FILE, DIGESTS_FIELD, folder_digests

    card = {
        "version": ARTEFACTS["propaganda-tagger"].version,
        DIGESTS_FIELD: folder_digests(folder),
    }
    (folder / CARD_FILE).write_text(json.dumps(card), encoding="utf-8")


def compare(checkpoint: Path, data_dir: Path, n_articles: int) -> dict[str, Any]:
    import torch
    from threadpoolctl import threadpool_limits
    from transformers import MPNetModel
    from transformers.models.mpnet.modeling_mpnet import MPNetEncoder, MPNetLayer

    from veracity.embeddings.mpnet_files import mpnet_files
    from veracity.propaganda.corpus import load_ptc_train, split_articles
    from veracity.propaganda.features import line_segments
    from veracity.propaganda.mpnet_tagger import (
        INPUT_LAYER,
        TUNED_LAYERS,
        encode_mpnet_segments,
        load_mpnet_tagger,
        mpnet_windows,
    )

    torch.set_num_threads(1)
    with np.load(checkpoint, allow_pickle=False) as data:
        weights = {k: data[k] for k in data.files}
    folder = Path(tempfile.mkdtemp(prefix="mpnet-tagger-"))
    artefact_files(weights, folder)
    tagger = load_mpnet_tagger(folder)
    model_dir = str(mpnet_files()["config.json"].parent)
    lower = MPNetModel.from_pretrained(model_dir).eval()
    lower.encoder.layer = lower.encoder.layer[: INPUT_LAYER + 1]
    layers = []
    for k in TUNED_LAYERS:
        layer = MPNetLayer(lower.config).eval()
        layer.load_state_dict({n: torch.from_numpy(a) for n, a in tagger.layers_[k].items()})
        layers.append(layer)
    head = torch.from_numpy(tagger.head_["weight"])
    articles = split_articles(load_ptc_train(data_dir))["dev"][:n_articles]
    state_gap, gaps = 0.0, []
    with threadpool_limits(1), torch.no_grad():
        for article in articles:
            segments = line_segments(article.text)
            windows = [w for own in encode_mpnet_segments(article.text, segments) for w in own]
            ids = [i for own in mpnet_windows(article.text, segments) for _, i in own]
            ours = tagger.piece_probabilities(windows)
            for window, pieces, p in zip(windows, ids, ours, strict=True):
                t_ids = torch.tensor([pieces])
                states = lower(input_ids=t_ids, attention_mask=torch.ones_like(t_ids))
                x = states.last_hidden_state
                state_gap = max(state_gap, float(np.abs(x[0].numpy() - window.lower).max()))
                x = x.half().float()  # as the trainer caches the states
                at = torch.arange(x.shape[1])
                bucket = MPNetEncoder.relative_position_bucket(at[None, :] - at[:, None])
                bias = torch.from_numpy(tagger.relative_bias_)[bucket].permute(2, 0, 1)[None]
                add = torch.zeros((1, 1, 1, x.shape[1]))
                for layer in layers:
                    x = layer(x, add, bias)[0]
                logit = (x @ head.T)[0, :, 0].numpy() + tagger.head_["bias"][0]
                q = 1.0 / (1.0 + np.exp(-logit))
                q[window.offsets[:, 0] < 0] = 0.0
                gaps.append(np.abs(q - p))
    gap = np.concatenate(gaps)
    return {
        "checkpoint": str(checkpoint),
        "dev_articles": len(articles),
        "pieces": len(gap),
        "states_after_layer_8_max_abs_gap": state_gap,
        "piece_probability_max_abs_gap": float(gap.max()),
        "piece_probability_mean_abs_gap": float(gap.mean()),
        "share_of_pieces_over_0.01": float((gap > 0.01).mean()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkpoint", type=Path)
    parser.add_argument("--data-dir", type=Path, default=Path("/work/shared/data"))
    parser.add_argument("--articles", type=int, default=3)
    args = parser.parse_args(argv)
    print(json.dumps(compare(args.checkpoint, args.data_dir, args.articles), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
