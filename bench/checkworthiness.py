"""Benchmark of the check-worthiness models beside simple baselines, all in one run.

Run: ``.venv/bin/python bench/checkworthiness.py [--write] [--out bench-checkworthiness.json]``

Reported parts (never used for any choice): CheckThat! 2024 Task 1 English dev-test and the
ClaimBuster held-out part (20% of sentence-id blocks, seed 7). Systems: the shipped deep model
(``veracity train claims``), the shipped batch model (``veracity train claims-batch``), and,
fitted here on the models' training sentences, the majority class and TF-IDF + logistic
regression.
``--write`` updates docs/benchmarks.md and the check-worthiness entry of docs/model-card.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from _docs import write_section  # bench/_docs.py

BENCHMARKS_MD = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
MARK_START, MARK_END = "<!-- checkworthiness:start -->", "<!-- checkworthiness:end -->"
MODEL_CARD_MD = BENCHMARKS_MD.with_name("model-card.md")
CARD_START, CARD_END = "<!-- checkworthiness-card:start -->", "<!-- checkworthiness-card:end -->"
COMMAND = ".venv/bin/python bench/checkworthiness.py --write"
PARTS = ("checkthat_dev_test", "claimbuster_held_out")


def _timed_scores(model: object, texts: list[str]) -> tuple[np.ndarray, float]:
    """Scores and sentences per CPU-second."""
    started = time.process_time()
    scores = model.predict_proba(texts)[:, 1]
    return scores, len(texts) / max(time.process_time() - started, 1e-9)


def _cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bench_deep_cost(data_dir: Path) -> dict:
    """CPU seconds per article of the deep path (the seed article, models loaded, median of
    3) and of the check-worthiness scoring inside it (every candidate sentence)."""
    from veracity.claims.model import load_checkworthiness_model
    from veracity.ingest import load_article
    from veracity.nlp import analyse_text
    from veracity.pipeline import analyze as run_analysis

    seed = data_dir.parent / "examples" / "seed-article.txt"
    run_analysis(seed, depth="deep")  # warm: models loaded once per process
    analysed = analyse_text(load_article(seed), depth="deep")
    sentences = [analysed.text[s.start : s.end].strip() for s in analysed.sentences]
    model = load_checkworthiness_model()
    article, scoring = [], []
    for _ in range(3):
        start = _cpu()
        report = run_analysis(seed, depth="deep")
        article.append(_cpu() - start)
        start = _cpu()
        model.predict_proba(sentences)
        scoring.append(_cpu() - start)
    return {
        "article_cpu_s": round(float(np.median(article)), 3),
        "scoring_cpu_s": round(float(np.median(scoring)), 3),
        "sentences": len(sentences),
        "claims": len(report.claims),
    }


def bench_checkworthiness(data_dir: Path) -> dict:
    from sklearn.metrics import f1_score

    from veracity.claims.model import (
        batch_checkworthiness_threshold,
        build_checkworthiness_pipeline,
        checkworthiness_threshold,
        load_batch_checkworthiness_model,
        load_checkworthiness_model,
    )
    from veracity.claims.train import THRESHOLD, all_training, load_checkworthiness_data
    from veracity.metrics import positive_class_scores

    data = load_checkworthiness_data(data_dir)
    train = all_training(data)  # what both models are fitted on
    parts = {"checkthat_dev_test": data.dev_test, "claimbuster_held_out": data.claimbuster}
    systems = {
        "deep": (load_checkworthiness_model(), checkworthiness_threshold()),
        "batch": (load_batch_checkworthiness_model(), batch_checkworthiness_threshold()),
        "tfidf_lr": (
            build_checkworthiness_pipeline("tfidf").fit(train.texts, train.labels),
            THRESHOLD,
        ),
    }
    results: dict = {"sentences": {name: len(part.texts) for name, part in parts.items()}}
    for system, (model, threshold) in systems.items():
        results[system] = {"threshold": threshold}
        for name, part in parts.items():
            scores, per_s = _timed_scores(model, part.texts)
            results[system][name] = {
                **positive_class_scores(part.labels, scores, threshold),
                "sentences_per_cpu_s": round(per_s, 1),
            }
    majority = int(np.bincount(train.labels).argmax())
    results["majority"] = {"label": majority}
    for name, part in parts.items():
        predicted = np.full(len(part.labels), majority)
        results["majority"][name] = {
            "f1": round(float(f1_score(part.labels, predicted, zero_division=0)), 4),
            "accuracy": round(float(np.mean(part.labels == predicted)), 4),
        }
    return results


def _row(label: str, figures: dict) -> str:
    cells = []
    for part in PARTS:
        m = figures[part]
        cells.append(f"{m['precision']:.3f} | {m['recall']:.3f} | **{m['f1']:.3f}**")
    speed = figures["checkthat_dev_test"]["sentences_per_cpu_s"]
    return f"| {label} | {' | '.join(cells)} | {speed:,.0f} |"


def render_markdown(r: dict, cards: dict) -> str:
    cost = r["deep_cost"]
    deep_card, batch_card = cards.get("claims", {}), cards.get("claims_batch", {})
    deep_set = deep_card.get("metrics", {}).get("feature_set", "?")
    batch_set = batch_card.get("metrics", {}).get("feature_set", "?")
    target = r["deep"]["checkthat_dev_test"]["f1"] >= 0.80
    majority = r["majority"]
    lines = [
        MARK_START,
        "## Check-worthiness",
        "",
        f"Generated by `{COMMAND}` (2 shared CPU cores). Reported parts, never used for a"
        f" choice: CheckThat! 2024 Task 1 English dev-test ({r['sentences']['checkthat_dev_test']}"
        " sentences, later debates than training) and the ClaimBuster held-out part"
        f" ({r['sentences']['claimbuster_held_out']} sentences, 20% of sentence-id blocks, seed 7)."
        " Training: CheckThat! train + ClaimBuster train part, deduplicated by text, with no"
        " dev, dev-test or ClaimBuster held-out text; model, C and threshold chosen on CheckThat!"
        " dev and the latest 10% of the training debates (held back), then both models are"
        " fitted again with those debates added; the TF-IDF baseline is fitted on the same"
        " sentences.",
        "",
        "| system | dev-test P | R | F1 (Yes) | ClaimBuster P | R | F1 | sentences / CPU-s |",
        "|---|---|---|---|---|---|---|---|",
        _row(
            f"deep (`veracity train claims`): `{deep_set}`, threshold {r['deep']['threshold']:.2f}",
            r["deep"],
        ),
        _row(
            f"batch, no parser or encoder (`veracity train claims-batch`): `{batch_set}`,"
            f" threshold {r['batch']['threshold']:.2f}",
            r["batch"],
        ),
        _row("baseline: TF-IDF + logistic regression (fitted in this run)", r["tfidf_lr"]),
        f"| baseline: majority class ({majority['label']}) | | | "
        f"{majority['checkthat_dev_test']['f1']:.3f} | | | "
        f"{majority['claimbuster_held_out']['f1']:.3f} | |",
        "",
        "Candidates of the deep model on validation (mean F1 of dev and late debates): "
        + ", ".join(
            f"`{name}` {v['mean_f1']:.3f}"
            for name, v in deep_card.get("metrics", {}).get("validation", {}).items()
        )
        + ". Measured and not kept (figures in `src/veracity/claims/train.py`): a two-layer"
        " MiniLM token adapter over the frozen int8 encoder, mixed with the linear model (dev-test"
        " 0.790 when fitted without the late debates, 13.6 CPU ms a sentence), and adapter and"
        " linear model both fitted on every training debate and chosen on dev alone (dev-test"
        " 0.747: dev comes from the training debates, its threshold 0.60 does not transfer).",
        "",
        f"Deep-path cost per article (`{COMMAND}`; the seed article, models loaded, median of 3,"
        f" one process on the shared 2-core machine): {cost['article_cpu_s']:.2f} CPU s for the"
        f" whole deep analysis ({cost['claims']} claims), of which check-worthiness scoring of its"
        f" {cost['sentences']} sentences takes {cost['scoring_cpu_s']:.2f} CPU s.",
        "",
        f"Target: F1 of the Yes class >= 0.80 on dev-test: **{'met' if target else 'not met'}**"
        f" ({r['deep']['checkthat_dev_test']['f1']:.3f}). For scale, not comparable: the 2024"
        " winner scored 0.802 on the official test set, which is not available here. The"
        " deep model shipped before this one (`tfidf+cues` without the late debates, threshold"
        " 0.48) scored dev-test F1 0.759 and ClaimBuster held-out 0.855; the TF-IDF baseline"
        " fitted without the late debates 0.772; before it (ClaimBuster only),"
        " ClaimBuster held-out F1 was 0.761 (deep) and 0.756 (batch).",
        MARK_END,
    ]
    return "\n".join(lines)


def checkworthiness_card(cards: dict) -> str:
    """The model-card entry of the two check-worthiness models, from their artefact cards."""
    lines = [CARD_START, "## Check-worthiness models (claims stage)", ""]
    rows = []
    for label, name, rebuild in (
        ("deep path and `veracity claims` (`claims`)", "claims", "veracity train claims"),
        ("batch full path (`claims_batch`)", "claims_batch", "veracity train claims-batch"),
    ):
        card = cards.get(name)
        if not card:
            continue
        m = card["metrics"]
        valid = m["validation"][m["feature_set"]]
        rows.append(
            f"| {label} | `{m['feature_set']}` | {card['threshold']:.2f} | {valid['dev']['f1']:.3f}"
            f" | {valid['late_debates']['f1']:.3f} | {m['checkthat_dev_test']['f1']:.3f}"
            f" | {m['claimbuster_held_out']['f1']:.3f} | `{rebuild}` |"
        )
    lines += [
        "Trained on CheckThat! 2024 Task 1 English train plus the ClaimBuster 3xNCS training"
        " part (US presidential debate sentences), deduplicated by text; no text of CheckThat!"
        " dev or dev-test or of the ClaimBuster held-out part is in training. Model, C and"
        " threshold are chosen on CheckThat! dev and on the latest 10% of the training debates"
        " (dev is drawn from the training debates; dev-test from later ones); both are then"
        " fitted again with those late debates added. Both are TF-IDF + word-cue logistic"
        " regressions (a MiniLM token adapter was measured and not kept: see docs/benchmarks.md)."
        " The batch model reads TF-IDF n-grams and word-level cues only (numbers, capitalised"
        " names, time words, tense, modals, person, questions).",
        "",
        "| model | chosen | threshold | dev F1 | late-debates F1 | dev-test F1 | ClaimBuster held-out F1 | rebuild |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        "Limits: debate speech from US presidential campaigns, not news prose or other"
        " countries' politics; each sentence is scored alone, without its context. The word cues"
        " approximate a tagger: names are capitalised words, tense is word lists and '-ed'"
        " endings.",
        CARD_END,
    ]
    return "\n".join(lines)


def main() -> None:
    from veracity.artefacts import ARTEFACTS
    from veracity.settings import get_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    results = bench_checkworthiness(get_settings().data_dir)
    results["deep_cost"] = bench_deep_cost(get_settings().data_dir)
    text = json.dumps(results, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    if args.write:
        cards = {}
        for name in ("claims", "claims-batch"):
            cards[name.replace("-", "_")] = ARTEFACTS[name].read_card().model_dump(mode="json")
        write_section(render_markdown(results, cards), MARK_START, MARK_END, BENCHMARKS_MD)
        write_section(checkworthiness_card(cards), CARD_START, CARD_END, MODEL_CARD_MD)
        print(f"wrote {BENCHMARKS_MD} and {MODEL_CARD_MD}", file=sys.stderr)


if __name__ == "__main__":
    main()
