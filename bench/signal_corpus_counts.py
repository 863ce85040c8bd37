"""How a detector change moves signal counts over the article corpora, before and after.

Usage::

    git archive <before-commit> src | tar -x -C /tmp/veracity-before
    nice -n 10 python bench/signal_corpus_counts.py --before-src /tmp/veracity-before/src \\
        --kinds rhetorical_question,conspiracy_framing

A family added to a detector should be a form or a word class, not the one phrase of the
development sentence it was read off: its hits on articles no labelled sentence comes from show
which. For up to ``--per-group`` articles of each corpus and label (BuzzFeed-Webis,
FakeNewsNet, Golbeck, SemEval hyperpartisan, Koirala, PropaNews, ReCOVery; a fixed shuffle),
leaving out every article a sentence of ``tests/fixtures/signal_sentences.jsonl`` comes from
(any split: the held-out half's articles are never read), the signals of ``--kinds`` are found
on the fast path (``--depth deep`` for the deep path) by the current checkout and by the one of
``--before-src`` (in a child process, on the same articles). It prints, per corpus and label,
the signals before and after and the articles whose signals changed, then every span added or
dropped. The reliability models read these counts, so the number of changed articles belongs
in the commit message of a detector change.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

from pydantic import BaseModel

REPO = Path(__file__).resolve().parents[1]
SENTENCES = REPO / "tests" / "fixtures" / "signal_sentences.jsonl"
CORPORA = [
    "buzzfeed_webis",
    "fakenewsnet",
    "golbeck2018_fake_satire",
    "semeval2019_hyperpartisan",
    "covid19_fakenews_koirala",
    "propanews_snopes",
    "recovery_covid2020",
]
SEED = 7


class Found(BaseModel):
    """One signal: its article, corpus and label group, kind and the text it covers."""

    group: str  # "corpus:label"
    article: str
    kind: str
    text: str


class Counts(BaseModel):
    """One checkout's signals over the sample, and the articles and words read per group."""

    found: list[Found]
    articles: dict[str, int]
    words: dict[str, int]


def labelled_articles(path: Path = SENTENCES) -> frozenset[str]:
    """The ``source_id`` of every article a labelled sentence comes from (all splits)."""
    return frozenset(
        json.loads(line)["source_id"]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    )


def is_labelled(record_id: str, labelled: frozenset[str]) -> bool:
    """Whether a corpus record is an article of the labelled set: its id, the id after the
    corpus prefix ("recovery-press_tv:12" for "press_tv:12") or after the row position
    ("koirala-17-2066" for "2066") is a labelled ``source_id`` (a rare false match only leaves
    one more article out)."""
    return bool({record_id, record_id.split("-", 1)[-1], record_id.rsplit("-", 1)[-1]} & labelled)


def count(kinds: list[str], depth: str, per_group: int) -> Counts:
    """Signals of ``kinds`` over the sample, with this process's detectors."""
    from veracity.data.registry import load_corpus
    from veracity.errors import VeracityError
    from veracity.ingest import article_from_text
    from veracity.nlp import analyse_text
    from veracity.settings import get_settings
    from veracity.signals import detect_signals, detectors

    data_dir = get_settings().data_dir
    labelled = labelled_articles()
    names = [d.name for d in detectors(depth) if d.kind.value in kinds]
    found: list[Found] = []
    articles: Counter[str] = Counter()
    words: Counter[str] = Counter()
    for corpus in CORPORA:
        records = sorted(load_corpus(corpus, data_dir), key=lambda r: r.id)
        random.Random(SEED).shuffle(records)
        for record in records:
            group = f"{corpus}:{record.label}"
            if articles[group] >= per_group or is_labelled(record.id, labelled):
                continue
            try:
                article = article_from_text(record.text, title=record.title or None)
            except VeracityError:
                continue  # only site furniture: no article text
            articles[group] += 1
            analysed = analyse_text(article, depth)  # type: ignore[arg-type]
            words[group] += len(article.text.split())
            found.extend(
                Found(
                    group=group,
                    article=record.id,
                    kind=s.kind.value,
                    text=article.text[s.start : s.end],
                )
                for s in detect_signals(analysed, names=names)
            )
    return Counts(found=found, articles=dict(articles), words=dict(words))


def _keys(counts: Counts) -> Counter[tuple[str, str, str, str]]:
    return Counter((f.group, f.article, f.kind, f.text) for f in counts.found)


def compare(before: Counts, after: Counts) -> str:
    """The report: per group, signals before -> after and changed articles; then the spans."""
    old, new = _keys(before), _keys(after)
    added, dropped = new - old, old - new
    lines = ["| corpus:label | articles | signals before | after | articles changed |"]
    lines.append("|---|---|---|---|---|")
    for group in sorted(after.articles):
        changed = {key[1] for key in (added + dropped) if key[0] == group}
        lines.append(
            f"| {group} | {after.articles[group]} "
            f"| {sum(n for k, n in old.items() if k[0] == group)} "
            f"| {sum(n for k, n in new.items() if k[0] == group)} | {len(changed)} |"
        )
    total = {key[1] for key in (added + dropped)}
    lines.append(
        f"\n{sum(after.articles.values()):,} articles; signals changed in {len(total)}: "
        f"+{sum(added.values())} / -{sum(dropped.values())}"
    )
    for sign, spans in (("+", added), ("-", dropped)):
        for (group, article, kind, text), n in sorted(spans.items()):
            shown = " ".join(text.split())[:160]
            lines.append(
                f"{sign} {kind} {group} {article}: {shown}" + (f" (x{n})" if n > 1 else "")
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before-src", type=Path, help="src/ of the checkout to compare with")
    parser.add_argument("--kinds", default="rhetorical_question,conspiracy_framing")
    parser.add_argument("--depth", choices=["fast", "deep"], default="fast")
    parser.add_argument("--per-group", type=int, default=1500, help="articles per corpus:label")
    parser.add_argument("--json", action="store_true", help="print this checkout's counts")
    args = parser.parse_args()
    kinds = [k for k in args.kinds.split(",") if k]
    if args.json:
        print(count(kinds, args.depth, args.per_group).model_dump_json())
        return
    after = count(kinds, args.depth, args.per_group)
    before = Counts(found=[], articles=after.articles, words=after.words)
    if args.before_src is not None:
        child = subprocess.run(
            [
                *(sys.executable, __file__, "--json", "--kinds", args.kinds),
                *("--depth", args.depth, "--per-group", str(args.per_group)),
            ],
            env={**os.environ, "PYTHONPATH": str(args.before_src.resolve())},
            capture_output=True,
            text=True,
            check=True,
        )
        before = Counts.model_validate_json(child.stdout)
    print(compare(before, after))


if __name__ == "__main__":
    main()
