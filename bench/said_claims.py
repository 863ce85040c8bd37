"""Two things said in one sentence, joined by "and that", read as two claims: what changes over
a corpus sample (deep path; ``veracity.claims.extract._said_parts``).

Stop 47's fact-checker case: "Her challenger, Maria Reyes, said crime went up 40% in the
downtown district and that the county lost two hospitals since 2020." was one claim of
``veracity analyze``; no verdict rule reads two statements at once, so it stayed not enough
evidence while its first statement alone reads refuted. Claim extraction now reads a statement
joined to the one a verb reports by "and that", with its own subject, as a claim of its own.
This bench counts, over the first ``--per-group`` records of each corpus and label (shuffled,
seed 7, as ``bench/semicolon_claims.py``), the sentences so cut and the claims that change
(texts only in one of the two lists, the cut off and on), and lists them.

Usage: ``.venv/bin/python bench/said_claims.py [--per-group N] > results.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
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


def run(per_group: int) -> dict[str, Any]:
    from veracity.claims import extract
    from veracity.data.registry import load_corpus
    from veracity.errors import VeracityError
    from veracity.ingest import article_from_text
    from veracity.nlp import analyse_text
    from veracity.settings import get_settings

    data_dir = get_settings().data_dir
    cut = extract._said_parts
    articles: Counter[str] = Counter()
    out: dict[str, Any] = {
        "articles": 0,
        "claims_off": 0,
        "claims_on": 0,
        "sentences_cut": 0,
        "articles_changed": 0,
        "changed": [],
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
            extract._said_parts = lambda *_: None  # type: ignore[assignment]
            try:
                off = [c.text for c in extract.extract_claims(analysed)]
            finally:
                extract._said_parts = cut
            on = [c.text for c in extract.extract_claims(analysed)]
            out["claims_off"] += len(off)
            out["claims_on"] += len(on)
            gone, new = sorted(set(off) - set(on)), sorted(set(on) - set(off))
            if gone or new:
                out["articles_changed"] += 1
                out["changed"].append({"article": record.id, "off": gone, "on": new})
    out["per_group"] = dict(articles)
    out["cpu_seconds"] = round(time.process_time() - started, 1)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--per-group", type=int, default=10)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.per_group), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
