"""A sentence that points to other content: what the pointer rule removes, on development data.

Probe s51 C2: "See also brief video featuring Author Bill Still ( 6 min) entitled The Truth
about Bill Gates ...:" (ReCOVery, Humans Are Free) was the article's check-worthy claim (0.996)
and carried another video's "false" fact-check. :func:`veracity.claims.cues.points_elsewhere`
reads such a sentence (an imperative to see, watch, read, hear, click or follow, or media that
"will tell you" about it) as stating nothing of the text's own: no claim on either path, not
check-worthy in ``veracity claims``. The models are unchanged; the rule is applied after them.

Choice, fixed before the run: the rule ships only if, on CheckThat! 2024 English dev (the split
the shipped models' thresholds were chosen on), the F1 of the Yes class of neither shipped model
(deep, batch), each at its shipped threshold, falls when the sentences the rule finds are taken
as not check-worthy (4 places). Every dev sentence it removes is listed with its label and
scores, to be read: a check-worthy one removed is the rule's cost. The dev-test split is not
read.

Also counted, for reading and never for a choice: the rule's hits among CheckThat! 2024's
training sentences (with their labels) and among the lines of every article record of the
registered article corpora (every split, counts and the first ``--show`` hits of each corpus in
a fixed shuffle; no threshold or word was chosen on them).

Usage: ``.venv/bin/python bench/pointer_rule.py [--part checkthat|articles] [--show 15] >
results.json`` (both parts when no ``--part`` is given).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np


def checkthat_part(data_dir: Path) -> dict:
    """Dev F1 of both shipped models with and without the rule; the sentences it removes."""
    from veracity.claims.cues import points_elsewhere
    from veracity.claims.model import (
        batch_checkworthiness_threshold,
        checkworthiness_threshold,
        load_batch_checkworthiness_model,
        load_checkworthiness_model,
    )
    from veracity.data.checkthat import load_checkthat
    from veracity.metrics import positive_class_scores

    texts, labels, _ = load_checkthat(data_dir, "dev")
    removed = np.array([points_elsewhere(t) for t in texts])
    out: dict = {"dev_sentences": len(texts), "dev_removed": int(removed.sum())}
    listed: list[dict] = [
        {"text": texts[i], "label": int(labels[i])} for i in np.flatnonzero(removed)
    ]
    for name, model, threshold in (
        ("deep", load_checkworthiness_model(), checkworthiness_threshold()),
        ("batch", load_batch_checkworthiness_model(), batch_checkworthiness_threshold()),
    ):
        scores = model.predict_proba(texts)[:, 1]
        ruled = np.where(removed, 0.0, scores)
        out[name] = {
            "threshold": threshold,
            "before": positive_class_scores(labels, scores, threshold),
            "after": positive_class_scores(labels, ruled, threshold),
        }
        for row, i in zip(listed, np.flatnonzero(removed), strict=True):
            row[f"{name}_score"] = round(float(scores[i]), 3)
    out["dev_removed_sentences"] = listed
    out["ships"] = all(out[n]["after"]["f1"] >= out[n]["before"]["f1"] for n in ("deep", "batch"))
    train, train_labels, _ = load_checkthat(data_dir, "train")
    hits = [(t, int(y)) for t, y in zip(train, train_labels, strict=True) if points_elsewhere(t)]
    out["train"] = {
        "sentences": len(train),
        "removed": len(hits),
        "removed_check_worthy": sum(y for _, y in hits),
        "removed_sentences": [{"text": t, "label": y} for t, y in hits],
    }
    return out


def articles_part(data_dir: Path, show: int) -> dict:
    """Lines of the article records the rule fires on, per corpus."""
    from veracity.claims.cues import points_elsewhere
    from veracity.data.registry import corpus_loaders, load_corpus

    out: dict = {}
    for loader in corpus_loaders():
        if loader.level != "article":
            continue
        records = load_corpus(loader.name, data_dir)
        lines = [line.strip() for r in records for line in r.text.splitlines() if line.strip()]
        hits = [line for line in lines if points_elsewhere(line)]
        random.Random(7).shuffle(hits)
        out[loader.name] = {
            "records": len(records),
            "lines": len(lines),
            "hits": len(hits),
            "shown": [h[:200] for h in hits[:show]],
        }
    return out


def main(argv: list[str] | None = None) -> int:
    from veracity.settings import get_settings
    from veracity.threads import one_blas_thread

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--part", choices=("checkthat", "articles"), default=None)
    parser.add_argument("--show", type=int, default=15, help="article hits listed per corpus")
    args = parser.parse_args(argv)
    data_dir = get_settings().data_dir
    results = {}
    with one_blas_thread():
        if args.part in (None, "checkthat"):
            results["checkthat"] = checkthat_part(data_dir)
        if args.part in (None, "articles"):
            results["articles"] = articles_part(data_dir, args.show)
    print(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
