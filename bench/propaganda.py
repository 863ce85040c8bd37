"""Benchmark the shipped propaganda model on the held-out PTC articles and on wire news.

Usage::

    git archive ba088be src | tar -x -C /tmp/veracity-before     # the model to compare with
    nice -n 10 python bench/propaganda.py --before-src /tmp/veracity-before/src --write

* Held-out PTC: scores the shipped artefact (not a retrained one) on the article-disjoint
  held-out part recorded in its card, beside frequency baselines computed in the same run,
  with the official SemEval-2020 Task 11 metrics; the n-gram technique classifier alone and
  the per-technique recall come from the training run's card.
* False alarms on neutral wire-style news: propaganda spans per 1,000 words, deep path, on the
  first ``--wire-articles`` real Reuters, NPR, CBS, USA Today, ABC and PBS articles of ReCOVery
  (every span counted as a false alarm: an upper bound), and the propaganda detector's CPU
  time per article there (the analysis itself not counted).
* ``--before-src``: the same wire measurement and the held-out figures of another checkout's
  model (its card, measured by its own bench on the same held-out articles), in a child process.

``--write`` replaces the "Propaganda techniques" section of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

START, END = "<!-- propaganda:start -->", "<!-- propaganda:end -->"
COMMAND = "nice -n 10 python bench/propaganda.py --before-src <ba088be>/src --write"


def card() -> dict:
    from veracity.artefacts import CARD_FILE
    from veracity.propaganda.model import model_dir

    return json.loads((model_dir() / CARD_FILE).read_text(encoding="utf-8"))


def wire(n_articles: int) -> dict:
    """Propaganda spans by technique, words and detector CPU seconds on wire articles."""
    from explainable_signals import wire_articles  # bench/explainable_signals.py
    from veracity.ingest import article_from_text
    from veracity.nlp import analyse_text
    from veracity.signals import detect_signals

    rows = wire_articles()[:n_articles]
    techniques: Counter[str] = Counter()
    words = 0
    seconds = 0.0
    detect_signals(analyse_text(article_from_text("Warm up.\n\nThe model loads here."), "deep"))
    for row in rows:
        article = article_from_text(row["text"], title=row.get("title") or None)
        analysed = analyse_text(article, "deep")
        _ = analysed.sentences
        started = time.process_time()
        signals = detect_signals(analysed, names=["propaganda"])
        seconds += time.process_time() - started
        techniques.update(str(s.detail.get("technique")) for s in signals)
        words += len(article.text.split())
    return {"articles": len(rows), "words": words, "seconds": seconds, "techniques": techniques}


def held_out() -> dict:
    """SI and TC scores of the shipped model and of the baselines on the held-out articles."""
    from veracity.propaganda import load_propaganda_model
    from veracity.propaganda.corpus import load_ptc_train
    from veracity.propaganda.scoring import si_scores, tc_micro_f1
    from veracity.propaganda.train import (
        baseline_si,
        classify_frame,
        encode_articles,
        predict_spans,
        tc_frame,
    )
    from veracity.settings import get_settings

    shipped = card()
    held_out_ids = set(shipped["training_data"]["held_out_ids"])
    articles = load_ptc_train(get_settings().data_dir)
    held = [a for a in articles if a.article_id in held_out_ids]
    fit = [a for a in articles if a.article_id not in held_out_ids]
    model = load_propaganda_model()
    windows = encode_articles(articles)  # cached by training
    predicted_spans = predict_spans(model, held)
    si = si_scores(predicted_spans, {a.article_id: a.si_spans for a in held})
    frame, labels = tc_frame(held, windows)
    predicted = classify_frame(model.classifier_, model.technique_bias_, frame)
    majority = Counter(t for a in fit for t, _, _ in a.tc_spans).most_common(1)[0][0]
    return {
        "articles": len(held),
        "si_spans": sum(len(a.si_spans) for a in held),
        "tc_spans": len(labels),
        "si": si,
        "si_baselines": baseline_si(held),
        "tc": tc_micro_f1(predicted, labels),
        "tc_majority": (majority, tc_micro_f1([majority] * len(labels), labels)),
        "tc_recall": {
            t: sum(p == g == t for p, g in zip(predicted, labels, strict=True)) / n
            for t, n in sorted(Counter(labels).items())
        },
        "threshold": model.threshold_,
    }


def _rate(run: dict, technique: str | None = None) -> str:
    count = sum(run["techniques"].values()) if technique is None else run["techniques"][technique]
    return f"{1000 * count / max(run['words'], 1):.2f}"


def targets(after: dict, wire_after: dict, before: dict | None) -> list[str]:
    """The issue's targets, each with the figure measured in this run and whether it is met."""
    lowest = min(after["tc_recall"], key=after["tc_recall"].get)
    rate = 1000 * sum(wire_after["techniques"].values()) / max(wire_after["words"], 1)
    before_rate = (
        1000 * sum(before["wire"]["techniques"].values()) / max(before["wire"]["words"], 1)
        if before
        else None
    )
    rows = [
        ("SI F1 (held-out)", f"{after['si']['f1']:.3f}", ">= 0.45", after["si"]["f1"] >= 0.45),
        ("TC micro-F1 (held-out)", f"{after['tc']:.3f}", ">= 0.60", after["tc"] >= 0.60),
        (
            "lowest TC recall of a technique (held-out)",
            f"{after['tc_recall'][lowest]:.2f} ({lowest})",
            ">= 0.25 for all 14",
            after["tc_recall"][lowest] >= 0.25,
        ),
    ]
    if before_rate is not None:
        rows.append(
            (
                "spans per 1,000 words, wire news",
                f"{rate:.2f}",
                f"<= {before_rate:.2f} (before)",
                rate <= before_rate + 1e-9,
            )
        )
    return [
        "Targets of the issue:",
        "",
        "| figure | measured | target | met |",
        "|---|---|---|---|",
        *(
            f"| {name} | {value} | {goal} | {'yes' if ok else '**no**'} |"
            for name, value, goal, ok in rows
        ),
    ]


def section(after: dict, wire_after: dict, before: dict | None, shipped: dict) -> str:
    """The markdown section for ``docs/benchmarks.md``."""
    si, base = after["si"], after["si_baselines"]
    majority, majority_f1 = after["tc_majority"]
    old = before["card"]["metrics"] if before else None
    si_rows = [
        f"| SI: CRF tagger (shipped, threshold {after['threshold']}) | "
        f"{si['precision']:.3f} | {si['recall']:.3f} | **{si['f1']:.3f}** |",
    ]
    if old:
        s = old["si"]
        si_rows.append(
            f"| SI before: CRF tagger ({before['card']['version']}, the same CRF) | {s['precision']:.3f} | "
            f"{s['recall']:.3f} | {s['f1']:.3f} |"
        )
    si_rows += [
        *(
            f"| SI baseline: {name.replace('_', ' ')} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |"
            for name, s in base.items()
        ),
        "| SI reference: best SemEval-2020 system (official test set, RoBERTa ensemble) | | | 0.515 |",
    ]
    metrics = shipped["metrics"]
    ngram = metrics["tc_ngram_classifier_micro_f1"]
    tc_rows = [
        "| TC: blend of logistic regression (n-grams + MiniLM states of span, sentence and span "
        "alone) and an MLP over the MiniLM blocks, per-technique offsets for the recall floor "
        f"(shipped) | **{after['tc']:.3f}** |",
        "| TC: the same blend without the offsets (argmax; same training run) | "
        f"{metrics['tc_micro_f1_without_offsets']:.3f} |",
        f"| TC: the n-gram classifier without states or weights (same training run) | {ngram:.3f} |",
    ]
    if old:
        tc_rows.append(
            f"| TC before: logistic regression over n-grams + MiniLM states ({before['card']['version']}) | {old['tc_micro_f1']:.3f} |"
        )
    tc_rows += [
        f"| TC baseline: most frequent class ({majority}) | {majority_f1:.3f} |",
        "| TC reference: best SemEval-2020 system (official test set) | 0.623 |",
    ]
    folds = shipped["tc_choice_on_folds"]
    dev = shipped["dev_tc_fit_on_train"]
    tc_choice = (
        "The MLP's share of the blend and the per-technique log offsets were chosen on "
        "out-of-fold predictions of 5 article-grouped folds of the train+dev articles (micro-F1 "
        f"by MLP share {folds['micro_f1_by_dense_weight']}; with the offsets "
        f"{folds['micro_f1_with_offsets']:.3f}, lowest technique recall "
        f"{min(folds['per_technique_recall_with_offsets'].values()):.2f} there): dev "
        "alone holds 3 to 9 spans of each rare technique, too few to set an offset. Fit on "
        f"train and scored on dev, the shipped design reaches {dev['micro_f1']:.3f} "
        f"({dev['micro_f1_without_offsets']:.3f} without offsets, "
        f"{dev['micro_f1_linear_alone']:.3f} for its linear part alone)."
    )
    recall_rows = [
        f"| {t} | {old['tc_per_technique_recall'].get(t, 0):.2f} | {r:.2f} |"
        if old
        else f"| {t} | – | {r:.2f} |"
        for t, r in after["tc_recall"].items()
    ]
    techniques = sorted(
        set(wire_after["techniques"]) | set(before["wire"]["techniques"] if before else ()),
        key=lambda t: -wire_after["techniques"].get(t, 0),
    )
    wire_rows = [
        f"| all techniques | {_rate(before['wire']) if before else '–'} | {_rate(wire_after)} |",
        *(
            f"| {t} | {_rate(before['wire'], t) if before else '–'} | {_rate(wire_after, t)} |"
            for t in techniques
        ),
    ]
    per_article = 1000 * wire_after["seconds"] / max(wire_after["articles"], 1)
    words_per_article = wire_after["words"] / max(wire_after["articles"], 1)
    before_cost = (
        f" (before: {1000 * before['wire']['seconds'] / max(before['wire']['articles'], 1):.0f} ms)"
        if before
        else ""
    )
    return "\n".join(
        [
            START,
            "## Propaganda techniques",
            "",
            f"Generated by `{COMMAND}` (model: `veracity train propaganda`).",
            f"Data: PTC / SemEval-2020 Task 11 training articles; the {after['articles']} held-out articles "
            f"({after['si_spans']} gold SI spans, {after['tc_spans']} gold TC spans) are article-disjoint from "
            "training (split by a hash of the article id, recorded in the card; the same articles for "
            "before and after). Only the training articles have gold labels in the release, so these are "
            "not the official test set. The tagger reads PTC's own sentence split (one sentence per line) "
            "here; in the product it reads spaCy's sentences. The span threshold and the "
            "classifier's class weights and MiniLM block weight were chosen on a separate dev part of the training articles, "
            "never on the held-out ones. The before rows are the previous model's card, measured by its "
            "own bench on the same held-out articles.",
            "",
            "Span identification (official partial-overlap metric: precision/recall with credit "
            "proportional to character overlap):",
            "",
            "| system | precision | recall | F1 |",
            "|---|---|---|---|",
            *si_rows,
            "",
            "A MiniLM span tagger (`bench/propaganda_tagger.py`: two BERT layers started from MiniLM's last, fine-tuned with "
            "torch on CPU over the frozen shared int8 encoder's token states, sentences in windows "
            "of 126 pieces, a 9-minute box: 2.4 epochs) reached dev SI F1 0.341 (best threshold "
            "0.45, epoch 1) against the CRF's 0.383 on the same dev articles, so the CRF stays "
            "(held-out, reported once: 0.331). The current model keeps that CRF, its features and "
            "its threshold: only the technique classifier changed, so the spans, and the false "
            "alarm rate below, are the CRF's.",
            "",
            "Technique classification on gold spans (micro-F1, 14 classes):",
            "",
            "| system | micro-F1 |",
            "|---|---|",
            *tc_rows,
            "",
            tc_choice,
            "",
            "TC recall per technique (held-out gold spans):",
            "",
            "| technique | before | after |",
            "|---|---|---|",
            *recall_rows,
            "",
            f"False alarms on neutral wire-style news: propaganda spans per 1,000 words, deep path, "
            f"{wire_after['articles']} real Reuters, NPR, CBS, USA Today, ABC and PBS articles of ReCOVery "
            f"({wire_after['words']:,} words; every span counted as a false alarm, an upper bound).",
            "",
            "| technique | before | after |",
            "|---|---|---|",
            *wire_rows,
            "",
            f"Deep-path cost: the propaganda detector takes {per_article:.0f} ms of CPU per wire article "
            f"of {words_per_article:.0f} words on one core{before_cost}, the MiniLM encoding of the "
            "sentences with a span included and of each span alone (spaCy's analysis not counted). The spans are evidence for a reader to "
            "check, not verdicts.",
            "",
            *targets(after, wire_after, before),
            END,
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before-src", type=Path, help="src/ of the checkout to compare with")
    parser.add_argument("--wire-articles", type=int, default=40, help="wire articles, deep path")
    parser.add_argument("--before-json", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    if args.before_json:  # the child process: another checkout's card and wire figures
        print(json.dumps({"card": card(), "wire": wire(args.wire_articles)}))
        return
    before = None
    if args.before_src is not None:
        env = {
            **os.environ,
            "PYTHONPATH": f"{args.before_src.resolve()}{os.pathsep}{Path(__file__).parent}",
        }
        child = subprocess.run(
            [sys.executable, __file__, "--before-json", "--wire-articles", str(args.wire_articles)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        before = json.loads(child.stdout.strip().splitlines()[-1])
        before["wire"]["techniques"] = Counter(before["wire"]["techniques"])
    text = section(held_out(), wire(args.wire_articles), before, card())
    print(text)
    if args.write:
        from _docs import write_section  # bench/_docs.py

        write_section(text, START, END)


if __name__ == "__main__":
    main()
