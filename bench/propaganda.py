"""Benchmark the shipped propaganda model on the held-out PTC articles and on wire news.

Usage::

    git archive a180c5f src | tar -x -C /tmp/veracity-before     # the model to compare with
    nice -n 10 python bench/propaganda.py --before-src /tmp/veracity-before/src --write

* Held-out PTC: scores the shipped artefact (not a retrained one) on the article-disjoint
  held-out part recorded in its card, beside frequency baselines computed in the same run,
  with the official SemEval-2020 Task 11 metrics; the n-gram technique classifier alone and
  the per-technique recall come from the training run's card.
* False alarms on neutral wire-style news: propaganda spans per 1,000 words, deep path, on the
  first ``--wire-articles`` real Reuters, NPR, CBS, USA Today, ABC and PBS articles of ReCOVery
  (every span counted as a false alarm: an upper bound), and the propaganda detector's CPU
  time per article there (the analysis itself not counted) and the process's peak resident
  memory after it (the wire run comes first, so the held-out reading is not in it).
* ``--before-src``: the same wire measurement and the held-out figures of another checkout's
  model (its card, measured by its own bench on the same held-out articles), in a child process.
  a180c5f (the last tree before the MPNet mix was wired, f96c918) runs the MiniLM mix from the
  same artefacts, so the two mixes' wire figures and cost come from one run.
* With the MPNet tagger in the shipped mix, the MiniLM mix it replaced is also scored on the
  held-out articles in the same run, and the variants of the mix (untrimmed, unfloored) reuse
  its token probabilities rather than running MPNet again (:func:`memoised`).

``--write`` replaces the "Propaganda techniques" section of ``docs/benchmarks.md``; ``--out FILE``
keeps the run's figures, ``--render FILE`` renders a kept run instead of running.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from _templates import render  # bench/_templates.py

START, END = "<!-- propaganda:start -->", "<!-- propaganda:end -->"
COMMAND = "nice -n 10 python bench/propaganda.py --before-src <a180c5f>/src --write"


def card() -> dict:
    from veracity.artefacts import CARD_FILE
    from veracity.propaganda.model import model_dir

    return json.loads((model_dir() / CARD_FILE).read_text(encoding="utf-8"))


def tagger_card() -> dict | None:
    """The neural span tagger's card, when this checkout ships one."""
    from veracity.artefacts import ARTEFACTS, CARD_FILE

    if "propaganda-tagger" not in ARTEFACTS:
        return None
    path = ARTEFACTS["propaganda-tagger"].directory / CARD_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def memoised(model: Any) -> Any:
    """``model`` with each sentence's mixed token probabilities kept the first time they are
    read, so that its variants (``copy.copy`` of it with another edge or floor) and a second
    reading of the same sentence do not run its taggers again: the probabilities depend on the
    sentence and the taggers only, never on the threshold, the peak, the edge or the floor."""
    if "sentence_probabilities" in vars(model):
        return model
    read = model.sentence_probabilities
    kept: dict[tuple, list[float]] = {}

    def sentence_probabilities(tokens: Any, *windows: Any) -> list[float]:
        # A sentence's windows are its own text's (MiniLM's and MPNet's): its tokens, at their
        # offsets, name them; which windows were given names the mix that read them.
        key = (tuple(w is None for w in windows), tuple((t.start, t.end, t.text) for t in tokens))
        if key not in kept:
            kept[key] = read(tokens, *windows)
        return kept[key]

    model.sentence_probabilities = sentence_probabilities
    return model


def wire_rows(n_articles: int) -> list[dict]:
    """The first ``n_articles`` wire articles (title and text), as this checkout samples them."""
    from explainable_signals import wire_articles  # bench/explainable_signals.py

    return [{"title": r.get("title"), "text": r["text"]} for r in wire_articles()[:n_articles]]


def wire(rows: list[dict]) -> dict:
    """Propaganda spans by technique, words and detector CPU seconds on wire articles (each
    run, this checkout's and another's, reads the same ``rows``)."""
    from veracity.ingest import article_from_text
    from veracity.nlp import analyse_text
    from veracity.propaganda import load_propaganda_model
    from veracity.signals import detect_signals

    try:  # BLAS on one thread, as the deep analysis runs it (an older checkout did not)
        from veracity.threads import one_blas_thread
    except ImportError:
        one_blas_thread = contextlib.nullcontext

    techniques: Counter[str] = Counter()
    unfloored = 0  # spans without the shipped model's quoted floor, when it has one
    words = 0
    seconds = 0.0
    memoised(load_propaganda_model())  # the spans without the floor read the same probabilities
    detect_signals(analyse_text(article_from_text("Warm up.\n\nThe model loads here."), "deep"))
    for row in rows:
        article = article_from_text(row["text"], title=row.get("title") or None)
        analysed = analyse_text(article, "deep")
        _ = analysed.sentences
        started = time.process_time()
        with one_blas_thread():
            signals = detect_signals(analysed, names=["propaganda"])
        seconds += time.process_time() - started
        techniques.update(str(s.detail.get("technique")) for s in signals)
        unfloored += spans_without_floor(analysed, len(signals))
        words += len(article.text.split())
    return {
        "articles": len(rows),
        "words": words,
        "seconds": seconds,
        "techniques": techniques,
        "unfloored": unfloored,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def spans_without_floor(analysed: Any, shipped: int) -> int:
    """How many spans the shipped model finds in ``analysed`` without its quoted floor
    (``shipped``, what it found with it, for a model without one, as an older checkout's)."""
    from veracity.propaganda import find_propaganda, load_propaganda_model

    model = load_propaganda_model()
    floor = getattr(model, "quoted_floor_", None)
    if floor is None:
        return shipped
    model.quoted_floor_ = None
    try:
        return len(find_propaganda(analysed))
    finally:
        model.quoted_floor_ = floor


def held_out() -> dict:
    """SI and TC scores of the shipped model and of the baselines on the held-out articles."""
    from veracity.propaganda import load_propaganda_model
    from veracity.propaganda.corpus import load_ptc_train
    from veracity.propaganda.model import PropagandaModel
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
    model = memoised(load_propaganda_model())
    windows = encode_articles(articles)  # cached by training
    gold = {a.article_id: a.si_spans for a in held}
    si = si_scores(predict_spans(model, held), gold)
    floor = getattr(model, "quoted_floor_", None)
    untrimmed = None
    if model.edge_:  # the same mix, its spans not trimmed at the edge nor floored
        whole = copy.copy(model)
        whole.edge_ = whole.quoted_floor_ = None
        untrimmed = si_scores(predict_spans(whole, held), gold)
    unfloored = None
    if floor is not None:  # the same mix and edge, quoted spans held to no higher bar
        bare = copy.copy(model)
        bare.quoted_floor_ = None
        unfloored = si_scores(predict_spans(bare, held), gold)
    mpnet_weight = getattr(model, "mpnet_weight_", 0.0)
    minilm_mix = None
    if mpnet_weight:  # the MiniLM mix the MPNet mix replaced, on the same articles
        from veracity.propaganda.neural import load_neural_tagger

        neural, weight, threshold, peak, edge = load_neural_tagger()
        replaced = PropagandaModel(
            model.tagger_, None, threshold, None, neural, weight, peak, edge, floor
        )
        minilm_mix = si_scores(predict_spans(replaced, held), gold)
    crf = PropagandaModel(model.tagger_, None, shipped["threshold"])
    si_crf = si_scores(predict_spans(crf, held), gold)
    frame, labels = tc_frame(held, windows)
    predicted = classify_frame(model.classifier_, model.technique_bias_, frame)
    majority = Counter(t for a in fit for t, _, _ in a.tc_spans).most_common(1)[0][0]
    return {
        "articles": len(held),
        "si_spans": sum(len(a.si_spans) for a in held),
        "tc_spans": len(labels),
        "si": si,
        "si_untrimmed": untrimmed,
        "edge": model.edge_,
        "si_unfloored": unfloored,
        "quoted_floor": floor,
        "si_crf_alone": si_crf,
        "crf_threshold": crf.threshold_,
        "neural_weight": model.neural_weight_ if model.neural_ is not None else None,
        "mpnet_weight": mpnet_weight or None,
        "si_minilm_mix": minilm_mix,
        "peak": model.peak_ if model.neural_ is not None else None,
        "si_baselines": baseline_si(held),
        "tc": tc_micro_f1(predicted, labels),
        "tc_majority": (majority, tc_micro_f1([majority] * len(labels), labels)),
        "tc_recall": {
            t: sum(p == g == t for p, g in zip(predicted, labels, strict=True)) / n
            for t, n in sorted(Counter(labels).items())
        },
        "threshold": model.threshold_,
    }


class SpanScores(BaseModel):
    """Partial-overlap span identification scores."""

    precision: float
    recall: float
    f1: float


class HeldOut(BaseModel):
    """The shipped model's and the baselines' scores on the held-out articles (held_out())."""

    articles: int
    si_spans: int
    tc_spans: int
    si: SpanScores
    si_untrimmed: SpanScores | None = None  # the shipped mix without trimming at the edge
    edge: float | None = None  # the share of a span's highest probability its ends reach
    si_unfloored: SpanScores | None = None  # the shipped mix without its quoted floor
    quoted_floor: float | None = None  # the mean a span inside a quotation must reach
    si_crf_alone: SpanScores | None = None  # the shipped model's CRF without the neural tagger
    crf_threshold: float | None = None
    neural_weight: float | None = None  # the neural tagger's share of the mix, when it has one
    mpnet_weight: float | None = None  # the MPNet tagger's share, when the mix holds it
    si_minilm_mix: SpanScores | None = None  # the MiniLM mix the MPNet mix replaced (same run)
    peak: float | None = None  # the confident token a span must hold, when the model has one
    si_baselines: dict[str, SpanScores]
    tc: float
    tc_majority: tuple[str, float]  # the most frequent technique and its micro-F1
    tc_recall: dict[str, float]
    threshold: float

    def lowest_recall(self) -> str:
        return min(self.tc_recall, key=lambda t: self.tc_recall[t])


class WireRun(BaseModel):
    """Propaganda spans by technique, words and detector CPU seconds on wire articles (wire())."""

    articles: int
    words: int
    seconds: float
    techniques: dict[str, int]
    unfloored: int | None = None  # spans without the quoted floor (an older run: not counted)
    peak_rss_mb: float | None = None  # the process's peak resident memory after the wire run

    def cpu_per_article(self) -> float:
        return self.seconds / max(self.articles, 1)

    def cpu_per_thousand_words(self) -> float:
        return 1000 * self.seconds / max(self.words, 1)

    def rate(self, technique: str | None = None) -> float:
        """Spans per 1,000 words, of one technique or of all."""
        count = (
            sum(self.techniques.values())
            if technique is None
            else self.techniques.get(technique, 0)
        )
        return 1000 * count / max(self.words, 1)


class BeforeRun(BaseModel):
    """Another checkout's model card and its wire figures (``--before-src``)."""

    card: dict[str, Any]
    wire: WireRun


class PropagandaBench(BaseModel):
    """What the section is rendered from: the held-out scores, the wire run, the before run."""

    held_out: HeldOut
    wire: WireRun
    before: BeforeRun | None = None

    def summary(self) -> str:
        """One line: held-out SI F1 and TC micro-F1, and the wire-news span rate."""
        return (
            f"SI F1 {self.held_out.si.f1:.3f}, TC micro-F1 {self.held_out.tc:.3f}, "
            f"{self.wire.rate():.2f} spans per 1,000 wire words"
        )


def section(
    bench: PropagandaBench, shipped: dict[str, Any], tagger: dict[str, Any] | None = None
) -> str:
    """The "Propaganda techniques" section of ``docs/benchmarks.md`` (templates/propaganda.md.j2),
    with the shipped model's card for the figures of its training run, and the neural span
    tagger's card when the model has one."""
    after, wire_after, before = bench.held_out, bench.wire, bench.before
    techniques = sorted(
        set(wire_after.techniques) | set(before.wire.techniques if before else ()),
        key=lambda t: (-wire_after.techniques.get(t, 0), t),  # ties by name, not hash order
    )
    lowest = after.lowest_recall()
    targets = [
        ("SI F1 (held-out)", f"{after.si.f1:.3f}", ">= 0.45", after.si.f1 >= 0.45),
        ("TC micro-F1 (held-out)", f"{after.tc:.3f}", ">= 0.60", after.tc >= 0.60),
        (
            "lowest TC recall of a technique (held-out)",
            f"{after.tc_recall[lowest]:.2f} ({lowest})",
            ">= 0.25 for all 14",
            after.tc_recall[lowest] >= 0.25,
        ),
    ]
    if before is not None:
        targets.append(
            (
                "spans per 1,000 words, wire news",
                f"{wire_after.rate():.2f}",
                f"<= {before.wire.rate():.2f} (before)",
                wire_after.rate() <= before.wire.rate() + 1e-9,
            )
        )
    words = wire_after.words / max(wire_after.articles, 1)
    cost = f"{wire_after.cpu_per_article():.2f} CPU-s per {words:,.0f}-word wire article"
    if before is not None:
        cost += f" (before: {before.wire.cpu_per_article():.2f})"
    targets.append(("deep-path cost of the propaganda reading", cost, "stated", True))
    return render(
        "propaganda.md.j2",
        start=START,
        end=END,
        command=COMMAND,
        after=after,
        wire=wire_after,
        before=before,
        old=before.card["metrics"] if before else None,
        shipped=shipped,
        tagger=tagger,
        techniques=techniques,
        targets=targets,
    ).removesuffix("\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before-src", type=Path, help="src/ of the checkout to compare with")
    parser.add_argument("--wire-articles", type=int, default=40, help="wire articles, deep path")
    parser.add_argument("--before-json", type=Path, help=argparse.SUPPRESS)  # the rows file
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--out", type=Path, help="keep the run's figures in this JSON file")
    parser.add_argument("--render", type=Path, help="render a kept run (--out) instead")
    args = parser.parse_args()
    if args.render:
        bench = PropagandaBench.model_validate_json(args.render.read_text(encoding="utf-8"))
        finish(bench, args.write)
        return
    if args.before_json:  # the child process: another checkout's card and wire figures
        rows = json.loads(args.before_json.read_text(encoding="utf-8"))
        print(json.dumps({"card": card(), "wire": wire(rows)}))
        return
    rows = wire_rows(args.wire_articles)
    before = None
    if args.before_src is not None:
        env = {
            **os.environ,
            "PYTHONPATH": f"{args.before_src.resolve()}{os.pathsep}{Path(__file__).parent}",
        }
        # The other checkout reads this one's sample of wire articles, whatever its own
        # sampling code (an older checkout may lack it).
        with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as handle:
            json.dump(rows, handle)
            handle.flush()
            child = subprocess.run(
                [sys.executable, __file__, "--before-json", handle.name],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
        before = json.loads(child.stdout.strip().splitlines()[-1])
    wire_after = WireRun.model_validate(wire(rows))  # first: its peak memory is the reading's
    bench = PropagandaBench(
        held_out=HeldOut.model_validate(held_out()),
        wire=wire_after,
        before=None if before is None else BeforeRun.model_validate(before),
    )
    if args.out:
        args.out.write_text(bench.model_dump_json(indent=1), encoding="utf-8")
    finish(bench, args.write)


def finish(bench: PropagandaBench, write: bool) -> None:
    """Print the section of ``bench`` and, with ``write``, put it in docs/benchmarks.md."""
    text = section(bench, card(), tagger_card())
    print(text)
    if write:
        from _docs import write_section  # bench/_docs.py

        write_section(text, START, END)


if __name__ == "__main__":
    main()
