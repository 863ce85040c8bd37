"""Fast-path reliability inference speed, one core, beside a plain TF-IDF+LR baseline.

Rates are articles per CPU-second (``time.process_time``), so a busy shared machine does not
deflate them; BLAS threads are pinned to one.

Run: ``OMP_NUM_THREADS=1 .venv/bin/python bench/reliability_speed.py [--articles N]``. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")


def measure_speed(n_articles: int = 1000) -> dict[str, Any]:
    """Articles per second for: the plain baseline, the fast-path model on text (+signal rows),
    the deep-path model (``reliability_deep``, whatever configuration it ships), each one
    article at a time as well, and the whole fast pipeline (tokenise, detect signals, score) on
    a sample of real articles."""
    from veracity.data import load_corpus
    from veracity.ingest import Article
    from veracity.models import score_reliability, score_texts
    from veracity.models.artefact import load_artefact
    from veracity.models.evaluation import plain_baseline
    from veracity.models.features import feature_frame
    from veracity.nlp import analyse_text
    from veracity.settings import get_settings
    from veracity.signals import detect_signals

    records = load_corpus("fakenewsnet", get_settings().data_dir)
    rng = random.Random(0)
    rng.shuffle(records)
    train, sample = records[:2000], records[2000 : 2000 + n_articles]
    texts = [r.full_text for r in sample]
    baseline = plain_baseline().fit(
        [r.full_text for r in train], [r.label == "real" for r in train]
    )
    deep_model = load_artefact(depth="deep").model
    load_artefact()
    score_texts(texts[:10])

    def rate(fn, items) -> float:
        started = time.process_time()
        fn(items)
        return len(items) / (time.process_time() - started)

    results: dict[str, Any] = {
        "n_articles": len(texts),
        "mean_chars": sum(map(len, texts)) / len(texts),
        "cpu_count_visible": os.cpu_count(),
        "plain_tfidf_lr_batch": rate(lambda t: baseline.predict_proba(t), texts),
        "model_batch_text_only": rate(lambda t: score_texts(t), texts),
        "deep_model_batch": rate(
            lambda t: deep_model.predict_proba(feature_frame(t, [{}] * len(t))), texts
        ),
    }
    few = sample[: min(200, len(sample))]
    analysed = [analyse_text(Article.from_parts(r.title or None, r.text), "fast") for r in few]
    signals = [detect_signals(a) for a in analysed]
    for depth in ("fast", "deep"):  # load each path's artefact and caches before timing
        score_reliability(analysed[0], signals[0], depth=depth)
    results["score_reliability_one_by_one"] = rate(
        lambda items: [score_reliability(a, s) for a, s in items],
        list(zip(analysed, signals, strict=True)),
    )
    results["deep_score_reliability_one_by_one"] = rate(
        lambda items: [score_reliability(a, s, depth="deep") for a, s in items],
        list(zip(analysed, signals, strict=True)),
    )
    results["fast_pipeline_tokenise_signals_score"] = rate(
        lambda rs: [
            score_reliability(a, detect_signals(a))
            for a in (analyse_text(Article.from_parts(r.title or None, r.text), "fast") for r in rs)
        ],
        few,
    )
    return {k: round(v, 1) if isinstance(v, float) else v for k, v in results.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--articles", type=int, default=1000, help="FakeNewsNet articles to score (default 1000)"
    )
    args = parser.parse_args()
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    print(json.dumps(measure_speed(args.articles), indent=2))


if __name__ == "__main__":
    main()
