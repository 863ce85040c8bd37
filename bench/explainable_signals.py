"""Speed and corpus behaviour of the explainable signal detectors.

Usage: ``python bench/explainable_signals.py [--articles N]``. Prints, as Markdown:

* the CPU time each fast-path detector takes per 2,000-character article (best of 3 passes
  over the BuzzFeed-Webis articles cut to 2,000 characters, analysis itself not counted).
  CPU time (``time.process_time``), not wall time, so a busy shared machine does not inflate it;
* signals per 1,000 characters on N fake and N real articles of BuzzFeed-Webis 2016 and
  FakeNewsNet (GossipCop + PolitiFact), per detector, on the fast path (``unsourced_claim``
  on the deep path, for N/4 articles per label since it needs the parser).
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections import Counter
from pathlib import Path

from veracity.ingest import article_from_text
from veracity.nlp import AnalysedText, analyse_text
from veracity.settings import get_settings
from veracity.signals import detect_signals, detectors

FAST_DETECTORS = ["clickbait", "loaded_language", "rhetorical_question", "conspiracy_framing"]
CORPORA = {
    "BuzzFeed-Webis 2016": Path("buzzfeed_webis_2016") / "buzzfeed_webis_2016.jsonl.gz",
    "FakeNewsNet": Path("fakenewsnet_gossipcop_large") / "fakenewsnet_large.jsonl.gz",
}


def read_articles(path: Path, count: int) -> dict[str, list[dict]]:
    """The first ``count`` fake and real articles by id, with at least 500 characters."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        rows = sorted((json.loads(line) for line in lines), key=lambda r: str(r["id"]))
    return {
        label: [r for r in rows if r["label"] == label and len(r.get("text") or "") >= 500][:count]
        for label in ("fake", "real")
    }


def analyse(row: dict, depth: str, max_chars: int | None = None) -> AnalysedText:
    text = row["text"][:max_chars] if max_chars else row["text"]
    return analyse_text(article_from_text(text, title=row.get("title") or None), depth)  # type: ignore[arg-type]


def time_fast_detectors(rows: list[dict]) -> dict[str, float]:
    """Best-of-3 CPU milliseconds per 2,000-character article for each fast detector."""
    analysed = [analyse(row, "fast", 2000) for row in rows]
    timings = {}
    for detector in detectors("fast"):
        if detector.name not in FAST_DETECTORS:
            continue
        detector.detect(analysed[0])  # load lexicons, matchers and models once
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            for item in analysed:
                detector.detect(item)
            best = min(best, (time.process_time() - started) / len(analysed))
        timings[detector.name] = 1000 * best
    return timings


def rates(rows: list[dict], depth: str, names: list[str]) -> dict[str, float]:
    """Signals per 1,000 characters, per detector."""
    counts: Counter[str] = Counter()
    chars = 0
    for row in rows:
        analysed = analyse(row, depth)
        counts.update(s.detector for s in detect_signals(analysed, names=names))
        chars += len(analysed.text)
    return {name: 1000 * counts[name] / max(chars, 1) for name in names}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100, help="articles per label")
    args = parser.parse_args()
    data_dir = get_settings().data_dir
    corpora = {
        name: read_articles(data_dir / path, args.articles) for name, path in CORPORA.items()
    }

    timing_rows = [r for rows in corpora["BuzzFeed-Webis 2016"].values() for r in rows]
    timing_rows = [r for r in timing_rows if len(r["text"]) >= 2000]
    print(f"## Fast-path cost per 2,000-character article ({len(timing_rows)} articles)\n")
    print("| detector | CPU ms / article |\n|---|---|")
    for name, ms in time_fast_detectors(timing_rows).items():
        print(f"| {name} | {ms:.3f} |")

    print("\n## Signals per 1,000 characters, fake vs real\n")
    print("| corpus | detector | fake | real |\n|---|---|---|---|")
    for corpus, by_label in corpora.items():
        fast = {label: rates(rows, "fast", FAST_DETECTORS) for label, rows in by_label.items()}
        deep = {
            label: rates(rows[: max(args.articles // 4, 1)], "deep", ["unsourced_claim"])
            for label, rows in by_label.items()
        }
        for name in FAST_DETECTORS:
            print(f"| {corpus} | {name} | {fast['fake'][name]:.3f} | {fast['real'][name]:.3f} |")
        print(
            f"| {corpus} | unsourced_claim (deep) | {deep['fake']['unsourced_claim']:.3f} "
            f"| {deep['real']['unsourced_claim']:.3f} |"
        )


if __name__ == "__main__":
    main()
