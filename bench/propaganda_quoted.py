"""Propaganda spans inside quotations: the article's own technique or the words it reports.

Usage::

    nice -n 10 python bench/propaganda_quoted.py --dev-reading DEV.pkl --mpnet-reading RUN.pickle
    nice -n 10 python bench/propaganda_quoted.py --wire-test [--out FILE]

* Dev (PTC dev articles, the CRF fit on the train articles; the shipped mix's token
  probabilities read once by ``_si_dev.shipped_dev`` (``DEV.pkl``: its scorer and lines, as
  ``bench/propaganda_mpnet.py --shipped`` reads them) and by ``bench/propaganda_mpnet.py
  --checkpoint 1.5 --run RUN.pickle`` (the shipped MPNet tagger at float16)): SI precision,
  recall and F1 of the shipped decoding (mix, threshold, peak, edge, quoted floor), how many of
  its spans lie in quoted words (``signals.propaganda.in_quoted_words``, the report's rule), the
  F1 of the article's own spans alone (what the report's technique summary would read if it
  left quoted spans out) and the candidate rule of stop 46: a span's quotation mark at either
  edge left out when its pair is not inside the span. The same on the 40 wire-dev articles
  (spans per 1,000 words). The held-out articles are not read.
* ``--wire-test``: the deep path's propaganda detector on the 40 wire-test articles of
  ``bench/propaganda.py`` (its own run, as the product reads them): spans per 1,000 words, the
  article's own and in quoted words, by technique.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

# each mark that opens or closes a quotation at a span's edge, and the marks that pair with it
PAIRS = {
    "\u201c": "\u201d",
    "\u201d": "\u201c",
    "\u2018": "\u2019",
    "\u2019": "\u2018",
    "\u00ab": "\u00bb",
    "\u00bb": "\u00ab",
    '"': '"',
    "'": "'",
}


def without_unpaired_edge_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without a quotation mark at either edge whose pair is not inside the
    span (a straight mark: an odd count of it in the span), nor the space it leaves."""
    changed = True
    while changed and end - start >= 2:
        changed = False
        first, last = text[start], text[end - 1]
        if first in PAIRS:
            inner = text[start + 1 : end]
            pair = PAIRS[first]
            if (inner.count(first) % 2 == 0) if pair == first else pair not in inner:
                start, changed = start + 1, True
        if end - start >= 2 and last in PAIRS:
            inner = text[start : end - 1]
            pair = PAIRS[last]
            if (inner.count(last) % 2 == 0) if pair == last else pair not in inner:
                end, changed = end - 1, True
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


def decode(
    read: Any, mpnet: dict, part: str, mix: dict, trim: bool
) -> dict[str, list[tuple[int, int, bool]]]:
    """Each article's spans ``(start, end, quoted)`` under the shipped ``mix`` (CRF, MiniLM
    taggers, MPNet, threshold, peak, edge, quoted floor), with the candidate ``trim``."""
    from veracity.propaganda.model import in_quotation
    from veracity.propaganda.train_tagger import _line_spans
    from veracity.signals.propaganda import in_quoted_words

    texts = read.dev_text if part == "dev" else read.wire_text
    tokens = read.dev_tokens if part == "dev" else read.wire_tokens
    lines = read.dev_lines if part == "dev" else read.wire_lines
    a, b = mix["minilm_shares"]
    c, floor = mix["mpnet"], mix["quoted_floor"]
    out: dict[str, list[tuple[int, int, bool]]] = {}
    for k, rows in lines.items():
        text, spans = texts[k], []
        for i, (crf, members) in enumerate(rows):
            p = (1 - a - b - c) * crf + a * members[0] + b * members[1] + c * mpnet[part][k][i]
            for s, e, mean in _line_spans(
                text, tokens[k][i], p, mix["threshold"], mix["peak"], mix["edge"]
            ):
                if floor is not None and mean < floor and in_quotation(text, s, e):
                    continue
                if trim:
                    s, e = without_unpaired_edge_marks(text, s, e)
                if e > s:
                    spans.append((s, e, in_quoted_words(text, s, e)))
        out[k] = spans
    return out


def dev_run(args: argparse.Namespace) -> dict:
    """The dev and wire-dev figures of the shipped decoding, its own spans and the candidate."""
    from veracity.propaganda.scoring import article_sums, pooled_si
    from veracity.signals.propaganda import in_quoted_words

    with args.dev_reading.open("rb") as f:
        shipped = pickle.load(f)
    scorer, read = shipped["scorer"], shipped["lines"]
    with args.mpnet_reading.open("rb") as f:
        mpnet = pickle.load(f)
    mix = {
        "minilm_shares": [0.1, 0.1],
        "mpnet": 0.5,
        "threshold": 0.25,
        "peak": 0.45,
        "edge": 0.6,
        "quoted_floor": 0.4,
    }
    gold = scorer.gold

    def si(spans: dict[str, list[tuple[int, int, bool]]], keep: Any = None) -> dict:
        chosen = {k: [(s, e) for s, e, q in v if keep is None or keep(q)] for k, v in spans.items()}
        raw = pooled_si(article_sums(chosen[k], gold[k]) for k in scorer.ids)
        return {
            **{m: round(raw[m], 4) for m in ("precision", "recall", "f1")},
            "spans": sum(len(v) for v in chosen.values()),
        }

    def wire(spans: dict[str, list[tuple[int, int, bool]]]) -> dict:
        n = sum(len(v) for v in spans.values())
        quoted = sum(q for v in spans.values() for _, _, q in v)
        per = 1000 / read.wire_words
        return {
            "spans": n,
            "quoted": quoted,
            "per_1000": round(n * per, 2),
            "own_per_1000": round((n - quoted) * per, 2),
            "quoted_per_1000": round(quoted * per, 2),
        }

    result: dict[str, Any] = {
        "dev_articles": len(scorer.ids),
        "gold_spans": sum(len(gold[k]) for k in scorer.ids),
        "gold_quoted": sum(
            in_quoted_words(read.dev_text[k], s, e) for k in scorer.ids for s, e in gold[k]
        ),
        "wire_dev_articles": len(read.wire_text),
        "wire_dev_words": read.wire_words,
    }
    for name, trim, floor in (
        ("shipped", False, 0.4),
        ("shipped_without_floor", False, None),
        ("trimmed", True, 0.4),
    ):
        dev = decode(read, mpnet, "dev", {**mix, "quoted_floor": floor}, trim)
        result[name] = {
            "dev": si(dev),
            "dev_own": si(dev, lambda q: not q),
            "dev_quoted": si(dev, lambda q: q),
            "dev_quoted_spans": sum(q for v in dev.values() for _, _, q in v),
            "wire_dev": wire(decode(read, mpnet, "wire", {**mix, "quoted_floor": floor}, trim)),
        }
        if name == "shipped":
            shipped_dev = dev
        if name == "trimmed":
            result[name]["dev_spans_changed"] = sum(
                a[:2] != b[:2]
                for k in scorer.ids
                for a, b in zip(shipped_dev[k], dev[k], strict=True)
            )
    return result


def wire_test(n_articles: int) -> dict:
    """The deep path's propaganda spans on the wire-test articles: the article's own and those
    in quoted words, by technique, per 1,000 words."""
    from propaganda import wire_rows  # bench/propaganda.py
    from veracity.ingest import article_from_text
    from veracity.nlp import analyse_text
    from veracity.signals import detect_signals
    from veracity.threads import one_blas_thread

    own: Counter[str] = Counter()
    quoted: Counter[str] = Counter()
    words = 0
    examples: list[dict] = []
    started = time.process_time()
    for row in wire_rows(n_articles):
        article = article_from_text(row["text"], title=row.get("title") or None)
        analysed = analyse_text(article, "deep")
        with one_blas_thread():
            signals = detect_signals(analysed, names=["propaganda"])
        for s in signals:
            technique = str(s.detail.get("technique"))
            (quoted if s.detail.get("quoted") else own)[technique] += 1
            if s.detail.get("quoted"):
                examples.append({"technique": technique, "quote": s.quote})
        words += len(article.text.split())
    per = 1000 / max(words, 1)
    return {
        "articles": n_articles,
        "words": words,
        "cpu_s": round(time.process_time() - started, 1),
        "spans": sum(own.values()) + sum(quoted.values()),
        "own": sum(own.values()),
        "quoted": sum(quoted.values()),
        "per_1000": round((sum(own.values()) + sum(quoted.values())) * per, 2),
        "own_per_1000": round(sum(own.values()) * per, 2),
        "quoted_per_1000": round(sum(quoted.values()) * per, 2),
        "own_by_technique": dict(own.most_common()),
        "quoted_by_technique": dict(quoted.most_common()),
        "quoted_examples": examples,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev-reading", type=Path, help="shipped_dev's scorer and lines")
    parser.add_argument("--mpnet-reading", type=Path, help="the MPNet tagger's dev reading")
    parser.add_argument("--wire-test", action="store_true", help="the 40 wire-test articles")
    parser.add_argument("--wire-articles", type=int, default=40)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.wire_test:
        result = wire_test(args.wire_articles)
    elif args.dev_reading and args.mpnet_reading:
        result = dev_run(args)
    else:
        parser.error("give --wire-test, or --dev-reading and --mpnet-reading")
    text = json.dumps(result, indent=1, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
