"""Two statements joined by a semicolon, read as two claims: what changes over a corpus sample
(deep path; ``veracity.claims.extract._clauses``).

Probe s46: "The city has not raised its property tax rate since 2020, council records show; bills
rose because the county raised assessed values." was one claim of ``veracity analyze``, its
parse rooted at "rose", so its negated change was never read and the claim stayed not enough
evidence. Claim extraction now reads a sentence whose semicolons join parts that each state by
themselves (a subject and its verb, five words) as one claim per part. This bench counts, over
the first ``--per-group`` records of each corpus and label (shuffled, seed 7), the sentences so
cut and the claims that change (texts only in one of the two lists, the cut off and on), and
lists them; and how many claims' stated text (``verify.cues.without_attribution``) loses a
trailing ", ... show(s|ed)" attribution, which the same case needs ("..., council records show").

Usage: ``.venv/bin/python bench/semicolon_claims.py [--per-group N] > results.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

CORPORA = [
    "buzzfeed_webis",
    "fakenewsnet",
    "covid19_fakenews_koirala",
    "propanews_snopes",
    "recovery_covid2020",
    "semeval2019_hyperpartisan",
    "golbeck2018_fake_satire",
]
SEED = 7
# The attribution pattern's verbs before this stop, to count what "show" adds.
_BEFORE = re.compile(r",\s+(?:[\w'’.&-]+\s+){0,7}?[\w'’.&-]+\s+(?:shows?|showed)\b[^,]{0,45}$")


def cut_counts(
    name: str,
    per_group: int,
    extras: dict[str, Callable[[list[str]], list[str]]] | None = None,
) -> dict[str, Any]:
    """Over the first ``per_group`` records of each corpus and label (shuffled, seed 7), deep
    path: the sentences ``veracity.claims.extract``'s cut ``name`` (a function of the analysed
    article and a sentence, None where it does not cut) cuts, and the claims with it off and on
    (texts only in one of the two lists); each of ``extras`` reads the "on" list of an article
    and adds what it returns to the list under its key."""
    from veracity.claims import extract
    from veracity.data.registry import load_corpus
    from veracity.errors import VeracityError
    from veracity.ingest import article_from_text
    from veracity.nlp import analyse_text
    from veracity.settings import get_settings

    data_dir = get_settings().data_dir
    cut = getattr(extract, name)
    articles: Counter[str] = Counter()
    out: dict[str, Any] = {
        "articles": 0,
        "claims_off": 0,
        "claims_on": 0,
        "sentences_cut": 0,
        "articles_changed": 0,
        "changed": [],
        **{key: [] for key in extras or {}},
    }
    started = time.process_time()
    for corpus in CORPORA:
        records = sorted(load_corpus(corpus, data_dir), key=lambda r: r.id)
        random.Random(SEED).shuffle(records)
        for record in records:
            group = f"{corpus}:{record.label}"
            if articles[group] >= per_group:
                continue
            try:
                article = article_from_text(record.text, title=record.title or None)
                analysed = analyse_text(article, "deep")
            except VeracityError:
                continue
            articles[group] += 1
            out["articles"] += 1
            out["sentences_cut"] += sum(
                bool(cut(analysed, sentence)) for sentence in analysed.sentences
            )
            setattr(extract, name, lambda *_: None)
            try:
                off = [c.text for c in extract.extract_claims(analysed)]
            finally:
                setattr(extract, name, cut)
            on = [c.text for c in extract.extract_claims(analysed)]
            out["claims_off"] += len(off)
            out["claims_on"] += len(on)
            gone, new = sorted(set(off) - set(on)), sorted(set(on) - set(off))
            if gone or new:
                out["articles_changed"] += 1
                out["changed"].append({"article": record.id, "off": gone, "on": new})
            for key, read in (extras or {}).items():
                out[key] += read(on)
    out["per_group"] = dict(articles)
    out["cpu_seconds"] = round(time.process_time() - started, 1)
    return out


def _stated_by_show(on: list[str]) -> list[str]:
    """The claims whose stated text loses a trailing ", ... show(s|ed)" attribution."""
    from veracity.verify.cues import without_attribution

    return [
        f"{text} -> {without_attribution(text)}"
        for text in on
        if _BEFORE.search(text.rstrip(". ")) and without_attribution(text) != text
    ]


def run(per_group: int) -> dict[str, Any]:
    return cut_counts("_clauses", per_group, {"stated_by_show": _stated_by_show})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--per-group", type=int, default=10)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.per_group), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
