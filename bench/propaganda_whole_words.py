"""Propaganda spans widened to whole words (probe s49 S6), on the PTC dev articles, before and after.

Usage::

    git archive <before-commit> src | tar -x -C /tmp/veracity-before
    nice -n 10 python bench/propaganda_whole_words.py --before-src /tmp/veracity-before/src \\
        --reading FILE [--out FILE]

The shipped model's token probabilities on every line of the 49 dev articles (PTC's own lines
as sentences, as ``bench/propaganda.py`` reads them): the shipped mix (the CRF, the MiniLM
taggers and the MPNet tagger over its own windows), with the CRF fit on the train articles
(``train_tagger.crf_on``) so that every member is out of sample on dev, as ``_si_dev`` reads
them. Read once and kept in ``--reading`` (a pickle; read again when it exists). Then each
checkout's decoding of those same probabilities (``propaganda.model.token_runs`` at the
shipped threshold, peak and edge, then the quoted floor), the ``--before-src`` one in a child
process: SI precision, recall and F1 (the official partial-overlap metric), the spans' count,
how many spans differ, and of those the technique the shipped classifier gives each before
and after (its words and its sentence's MiniLM windows as ``PropagandaModel.analyse`` reads
them). The held-out articles are not read; nothing is chosen here: the rule (a span takes in
the rest of each word it cuts) was fixed before this run, which only measures it.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

# an article's lines: each line's tokens (start, end, text) and its tokens' probabilities
Reading = dict[str, Any]


def read_dev(path: Path) -> Reading:
    """The shipped mix's token probabilities on each line of the dev articles (kept in
    ``path``)."""
    if path.exists():
        with path.open("rb") as f:
            kept: Reading = pickle.load(f)
        return kept
    from veracity.propaganda import load_propaganda_model
    from veracity.propaganda.corpus import load_ptc_train, split_articles
    from veracity.propaganda.encoder import encode_segments
    from veracity.propaganda.features import line_segments, tokenize_segment
    from veracity.propaganda.train_tagger import crf_on
    from veracity.settings import get_settings
    from veracity.threads import one_blas_thread

    parts = split_articles(load_ptc_train(get_settings().data_dir))
    model = load_propaganda_model()
    if model.neural_ is None or model.mpnet_ is None:
        raise SystemExit("the shipped propaganda model has no MiniLM or MPNet tagger")
    model.tagger_ = crf_on(parts["train"]).tagger_  # out of sample on dev, as _si_dev reads it
    articles: dict[str, Any] = {}
    for n, article in enumerate(parts["dev"], 1):
        text, lines = article.text, line_segments(article.text)
        with one_blas_thread():
            windows = encode_segments(text, lines, model.neural_.input_layers)
            mpnet = model.mpnet_.windows(text, lines)
            read = []
            for (s, e), w, m in zip(lines, windows, mpnet, strict=True):
                tokens = tokenize_segment(text, s, e)
                p = model.sentence_probabilities(tokens, w, m)
                read.append(([(t.start, t.end, t.text) for t in tokens], [float(x) for x in p]))
        articles[article.article_id] = {"text": text, "lines": read, "gold": article.si_spans}
        print(f"read {n}/{len(parts['dev'])} dev articles", file=sys.stderr, flush=True)
    reading = {
        "threshold": model.threshold_,
        "peak": model.peak_,
        "edge": model.edge_,
        "quoted_floor": model.quoted_floor_,
        "articles": articles,
    }
    with path.open("wb") as f:
        pickle.dump(reading, f)
    return reading


def decode(reading: Reading) -> dict[str, list[list[int]]]:
    """Each article's spans ``[start, end]`` by this checkout's ``token_runs`` and quoted floor."""
    from veracity.propaganda.features import TokenSpan
    from veracity.propaganda.model import in_quotation, token_runs

    floor = reading["quoted_floor"]
    out: dict[str, list[list[int]]] = {}
    for k, article in reading["articles"].items():
        text, spans = article["text"], []
        for tokens, p in article["lines"]:
            if not p or max(p) < reading["threshold"]:
                continue
            runs = token_runs(
                text,
                [TokenSpan(*t) for t in tokens],
                p,
                reading["threshold"],
                reading["peak"],
                reading["edge"],
            )
            spans += [
                [s, e]
                for s, e, mean in runs
                if floor is None or mean >= floor or not in_quotation(text, s, e)
            ]
        out[k] = spans
    return out


def techniques(reading: Reading, spans: dict[str, list[tuple[int, int]]]) -> dict:
    """The shipped classifier's technique of each of ``spans`` (article -> spans), read as
    ``PropagandaModel.analyse`` reads a span: its sentence's windows and its words alone."""
    from veracity.propaganda import load_propaganda_model
    from veracity.propaganda.encoder import encode_segments
    from veracity.propaganda.features import line_segments
    from veracity.propaganda.model import classifier_record, span_vectors

    model = load_propaganda_model()
    layers = model.neural_.input_layers if model.neural_ is not None else None
    named: dict[tuple[str, int, int], str] = {}
    for k, found in spans.items():
        text = reading["articles"][k]["text"]
        lines = line_segments(text)
        for s, e in found:
            line = next(x for x in lines if x[0] <= s < x[1])
            windows = encode_segments(text, [line], layers)[0]
            alone = span_vectors([text[s:e]])[0]
            [(technique, _)] = model.classify([classifier_record(text, s, e, windows, alone)])
            named[(k, s, e)] = technique
    return {f"{k}:{s}:{e}": t for (k, s, e), t in named.items()}


def scores(reading: Reading, spans: dict[str, list[list[int]]]) -> dict[str, float]:
    from veracity.propaganda.scoring import si_scores

    gold = {k: a["gold"] for k, a in reading["articles"].items()}
    found = {k: [(s, e) for s, e in v] for k, v in spans.items()}
    raw = si_scores(found, gold)
    return {
        **{m: round(raw[m], 4) for m in ("precision", "recall", "f1")},
        "spans": sum(len(v) for v in spans.values()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reading", type=Path, required=True, help="the dev reading (pickle)")
    parser.add_argument("--before-src", type=Path, help="src/ of the checkout to compare with")
    parser.add_argument("--decode", action="store_true", help="print this checkout's spans")
    parser.add_argument("--out", type=Path, help="also save the figures (JSON)")
    args = parser.parse_args()
    reading = read_dev(args.reading)
    if args.decode:
        print(json.dumps(decode(reading)))
        return
    after = decode(reading)
    result: dict[str, Any] = {"after": scores(reading, after)}
    if args.before_src is not None:
        env = {**os.environ, "PYTHONPATH": str(args.before_src.resolve())}
        argv = [sys.executable, __file__, "--reading", str(args.reading), "--decode"]
        child = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
        before = json.loads(child.stdout)
        result["before"] = scores(reading, before)
        lost = {k: [tuple(x) for x in v if x not in after[k]] for k, v in before.items()}
        gained = {k: [tuple(x) for x in v if x not in before[k]] for k, v in after.items()}
        named = techniques(reading, {k: v for k, v in lost.items() if v})
        named.update(techniques(reading, {k: v for k, v in gained.items() if v}))
        changes = []
        for k in sorted(gained):
            text = reading["articles"][k]["text"]
            changes.append(
                {
                    "article": k,
                    "before": [(text[s:e], named[f"{k}:{s}:{e}"]) for s, e in lost[k]],
                    "after": [(text[s:e], named[f"{k}:{s}:{e}"]) for s, e in gained[k]],
                }
            )
        result["changed"] = [c for c in changes if c["before"] or c["after"]]
        result["spans_lost"] = sum(len(v) for v in lost.values())
        result["spans_gained"] = sum(len(v) for v in gained.values())
    print(json.dumps(result, indent=1, ensure_ascii=False))
    if args.out is not None:
        args.out.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
