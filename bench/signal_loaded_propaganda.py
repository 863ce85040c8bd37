"""Loaded language read from the shipped propaganda reading (issue 15 item 6, deep path; measured
on the development sentences and the wire articles, nothing wired).

Usage::

    nice -n 10 python bench/signal_loaded_propaganda.py [--cache /tmp/veracity-loaded-propaganda]

The deep path already runs the propaganda taggers, whose technique classifier names
Loaded_Language and Name_Calling,Labeling spans. Here a development sentence counts as loaded
language when the propaganda reading of its article (the sentence with the one before and after
it, as ``bench/explainable_signals.py`` builds it) puts a span of the technique(s) in it, alone or
OR-ed with today's deep loaded-language detector (word list + sentence head), at span-probability
floors 0 to 0.8. Rows: ``development`` = every loaded-language sentence of ``dev`` .. ``dev6`` in
``tests/fixtures/signal_sentences.jsonl`` (never ``test``); the wire figure is the Explainable
signals bench's deep wire set (the first 40 ReCOVery wire articles), counting what a wired
variant would add: one signal per technique span at the floor, less those that overlap a signal
today's detector already gives (OR) or all of them (alone).

Rule, fixed before the first run: a variant wins when, on all development sentences, deep
loaded-language recall rises by at least 0.10 over today's deep detector, precision falls by no
more than 0.05, and its loaded-language signals per 1,000 wire words are not above today's deep
figure (same run). The floor of a variant is the lowest of the grid that keeps precision and the
wire rate inside the rule.

The propaganda reading (the costly part) of each article is cached as JSON under ``--cache`` so a
second run reads it back; its CPU time per wire article is printed (deep cost of a reading).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

from veracity.ingest import article_from_text
from veracity.nlp import analyse_text
from veracity.propaganda import find_propaganda
from veracity.signals import detect_signals, detectors

REPO = Path(__file__).resolve().parents[1]
SENTENCES = REPO / "tests" / "fixtures" / "signal_sentences.jsonl"
KIND = "loaded_language"
HELD_OUT = "test"
WIRE_ARTICLES = 40  # explainable_signals.py's --deep-articles default
LOADED = "Loaded_Language"
NAME_CALLING = "Name_Calling,Labeling"
TECHNIQUE_SETS = {
    "Loaded_Language": {LOADED},
    "Name_Calling": {NAME_CALLING},
    "either": {LOADED, NAME_CALLING},
}
FLOORS = [0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]


def _reading(article, cache: Path) -> dict:
    """Today's deep loaded-language signals and the propaganda spans of one article, cached."""
    key = hashlib.sha1(((article.title or "") + "\n" + article.text).encode()).hexdigest()[:20]
    path = cache / f"{key}.json"
    if path.exists():
        return json.loads(path.read_text())
    analysed = analyse_text(article, "deep")
    names = [d.name for d in detectors("deep") if d.kind.value == KIND]
    loaded = [
        (s.start, s.end) for s in detect_signals(analysed, names=names) if s.kind.value == KIND
    ]
    started = time.process_time()
    spans = [
        (p.start, p.end, p.technique, p.span_probability, p.technique_probability)
        for p in find_propaganda(analysed)
    ]
    result = {"loaded": loaded, "spans": spans, "cpu_s": time.process_time() - started}
    path.write_text(json.dumps(result))
    return result


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and a[1] > b[0]


def development(cache: Path) -> list[dict]:
    rows = []
    for line in SENTENCES.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["kind"] != KIND or row["split"] == HELD_OUT:
            continue
        before = row["before"] + " " if row["before"] else ""
        body = before + row["text"] + (" " + row["after"] if row["after"] else "")
        article = article_from_text(body, detect_title=False, remove_boilerplate=False)
        start = article.text.find(row["text"])
        target = (start, start + len(row["text"]))
        reading = _reading(article, cache)
        rows.append(
            {
                "label": row["label"],
                "split": row["split"],
                "today": any(_overlaps(tuple(s), target) for s in reading["loaded"]),
                "spans": [s for s in reading["spans"] if _overlaps((s[0], s[1]), target)],
            }
        )
    return rows


def wire(cache: Path) -> tuple[int, list[dict]]:
    from veracity.data.recovery import WIRE_PUBLISHERS, newsroom_articles
    from veracity.settings import get_settings

    folder = get_settings().data_dir / "recovery_covid2020"
    articles = newsroom_articles(folder, WIRE_PUBLISHERS)[:WIRE_ARTICLES]
    words = 0
    readings = []
    for row in articles:
        article = article_from_text(row["text"], title=row.get("title") or None)
        words += len(article.text.split())
        readings.append(_reading(article, cache))
    return words, readings


def _flag(row: dict, techniques: set[str], floor: float, with_today: bool) -> bool:
    tagged = any(s[2] in techniques and s[3] >= floor for s in row["spans"])
    return tagged or (with_today and row["today"])


def _pr(rows: list[dict], flags: list[bool]) -> tuple[float, float, int, int]:
    """Precision, recall, true and false positives of ``flags`` (one per row)."""
    tp = sum(1 for r, f in zip(rows, flags, strict=True) if r["label"] and f)
    fp = sum(1 for r, f in zip(rows, flags, strict=True) if not r["label"] and f)
    positives = sum(1 for r in rows if r["label"])
    return (tp / (tp + fp) if tp + fp else 0.0, tp / positives, tp, fp)


def _wire_signals(readings: list[dict], techniques: set[str], floor: float, with_today) -> int:
    total = 0
    for reading in readings:
        today = [tuple(s) for s in reading["loaded"]]
        added = [
            s
            for s in reading["spans"]
            if s[2] in techniques
            and s[3] >= floor
            and not (with_today and any(_overlaps((s[0], s[1]), t) for t in today))
        ]
        total += len(added) + (len(today) if with_today else 0)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/veracity-loaded-propaganda"))
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    rows = development(args.cache)
    words, readings = wire(args.cache)
    cpu = [r["cpu_s"] for r in readings]
    print(f"development sentences: {len(rows)} ({sum(r['label'] for r in rows)} positive)")
    print(
        f"wire: {len(readings)} articles, {words} words; propaganda reading "
        f"{1000 * sum(cpu) / len(cpu):.0f} CPU ms per article (first read of this cache)"
    )
    p0, r0, tp0, fp0 = _pr(rows, [r["today"] for r in rows])
    w0 = _wire_signals(readings, set(), 1.0, True)
    rate0 = 1000 * w0 / words
    print(f"today (deep): P {p0:.3f} R {r0:.3f} ({tp0} tp, {fp0} fp), wire {rate0:.2f} / 1,000")
    print("| techniques | combined | floor | P | R | tp / fp | wire per 1,000 words | passes |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for label, techniques in TECHNIQUE_SETS.items():
        for with_today in (False, True):
            chosen = None
            for floor in FLOORS:
                p, r, tp, fp = _pr(rows, [_flag(x, techniques, floor, with_today) for x in rows])
                rate = 1000 * _wire_signals(readings, techniques, floor, with_today) / words
                inside = p >= p0 - 0.05 and rate <= rate0
                if inside and chosen is None:
                    chosen = floor
                verdict = "yes" if inside and r >= r0 + 0.10 else "no"
                mark = " (chosen)" if chosen == floor else ""
                print(
                    f"| {label} | {'OR today' if with_today else 'alone'} | {floor:.1f}{mark} "
                    f"| {p:.3f} | {r:.3f} | {tp} / {fp} | {rate:.2f} | {verdict} |"
                )


if __name__ == "__main__":
    main()
