"""Known-fact-check matching held out: news sentences that say a PolitiFact-checked statement as
part of a longer sentence, against LIAR's statements in the store (issue 16 item 5; stop 51,
part claimdev; the clause route's gate).

Stop 49's debate test (bench/match_debates.py) was read once as a gate and once more would tune
on it: from stop 51 it is the clause route's development set (bench/match_clauses.py
``--debates``) and gates nothing. This test is built from sources no matching bench has made a
query of: the sentences of the news articles of :data:`SOURCES` (FakeNewsNet's PolitiFact
articles, BuzzFeed-Webis, ReCOVery, SemEval-2019 hyperpartisan), against LIAR's statements in
the store.

- **Positives** (:func:`news_queries`): a LIAR statement (its claim: 'Says' dropped) of at least
  :data:`MIN_STATEMENT_WORDS` content words, paired with the article sentence (8 to 60 words)
  that holds at least :data:`MIN_SHARE` of its content words (by their first 5 letters: the
  headline / lead rule of :mod:`veracity.verify.headline_pairs`, loosened to clause level: the
  sentence has at least :data:`MIN_EXTRA` content words more than the statement, so the
  statement is a part of a longer sentence; the share raised from 0.6 to 0.8 to keep the pairs
  few enough to read), without holding the whole statement (a quotation is no rewording); the
  sentence sharing the largest share (ties: the shorter, then the first). Each sentence serves
  one statement. Left out: statements that are a query or an answer of the store build's
  calibration sets, and the debate test's statements. Each pair was read by hand before any
  match was scored (:data:`JUDGED`): one claim when a fact-check of one rates the other (the
  stop-47 criterion); the rule only proposes.
- **Negatives**: as many sentences of the same sources (8 to 60 words, with a figure or a
  name: a checkable statement's look), drawn with :data:`SEED`, that hold no statement of the
  store by the same rule and are no positive's sentence.

Each query is matched as the deep path matches a claim (unscreened, the guard with its
predicate part), by the systems frozen on the debate dev set (bench/match_clauses.py). Every
match that is not a query's right answer is read by hand once after the run, shuffled and
without the system that made it (:data:`LABELS`), as in bench/match_debates.py.

The pass rule (fixed before the run): :func:`passes`.

Run: ``.venv/bin/python bench/match_news.py --pairs /tmp/news-pairs.json`` (the pairs to read;
no match scored), then, once, ``/work/notes/heavy --slot claimdev nice -n 10 .venv/bin/python
bench/match_clauses.py --news --out /tmp/match-news.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _match_tables import liar_calibration_records  # bench/_match_tables.py
from match_debates import DebateQuery, _claim, _stems  # bench/match_debates.py

SEED = 51
FLOOR = 0.97
MIN_SHARE = 0.8  # of the statement's content words (the headline / lead rule reads 0.6)
MIN_EXTRA = 3  # content words the sentence has beyond the statement's
MIN_STATEMENT_WORDS = 6
SOURCES = (
    ("fakenewsnet", "politifact"),
    ("buzzfeed_webis", None),
    ("recovery_covid2020", None),
    ("semeval2019_hyperpartisan", None),
)
POSITIVE, NEGATIVE = "news_clause", "news_sentence"
LABELS = Path(__file__).resolve().parent / "data" / "match_news_labels.json"
_CHECKABLE = re.compile(r"\d|\b[A-Z][a-z]+\b.*\b[A-Z][a-z]+\b")
# Each pair of the rule (LIAR id: one claim), read by hand before any match was scored (stop 51):
# one claim when a fact-check of one rates the other's central claim, a detail or context added
# allowed; not one claim: the other side, another figure, another actor, a sentence on the
# statement's topic that states no such claim.
JUDGED: dict[str, bool] = {
    "liar-12099": False,
    "liar-5615": False,
    "liar-10185": False,
    "liar-10731": True,
    "liar-10945": True,
    "liar-5044": False,
    "liar-8808": True,
    "liar-11577": False,
    "liar-10740": False,
    "liar-11039": True,
    "liar-11897": True,
    "liar-12123": True,
    "liar-11627": True,
    "liar-11686": True,
    "liar-11856": True,
    "liar-12167": True,
    "liar-11007": True,
    "liar-11206": False,
    "liar-7296": False,
    "liar-1176": True,
    "liar-5782": False,
    "liar-1177": True,
    "liar-11709": True,
    "liar-11228": False,
    "liar-12556": True,
    "liar-12566": True,
    "liar-12593": True,
    "liar-3757": True,
    "liar-7665": True,
    "liar-12944": True,
    "liar-7511": True,
    "liar-13132": True,
    "liar-12821": True,
    "liar-11049": False,
    "liar-5440": True,
    "liar-819": False,
    "liar-4306": True,
    "liar-1435": True,
    "liar-2010": False,
    "liar-1780": False,
    "liar-2012": True,
    "liar-4070": False,
    "liar-5886": False,
    "liar-2435": True,
    "liar-20": False,
    "liar-2592": False,
    "liar-2816": True,
    "liar-2671": False,
    "liar-3180": True,
    "liar-3192": True,
    "liar-336": False,
    "liar-359": True,
    "liar-3581": True,
    "liar-1313": True,
    "liar-12782": True,
    "liar-368": True,
    "liar-2724": True,
    "liar-4069": True,
    "liar-1461": True,
    "liar-429": True,
    "liar-434": True,
    "liar-8302": False,
    "liar-512": True,
    "liar-169": True,
    "liar-551": True,
    "liar-554": True,
    "liar-5632": True,
    "liar-3203": False,
    "liar-5719": True,
    "liar-5682": True,
    "liar-6146": True,
    "liar-636": True,
    "liar-12059": True,
    "liar-668": True,
    "liar-6519": True,
    "liar-6556": True,
    "liar-6960": True,
    "liar-665": True,
    "liar-2191": False,
    "liar-5335": False,
    "liar-6518": True,
    "liar-758": True,
    "liar-750": True,
    "liar-10391": False,
    "liar-7668": False,
    "liar-7892": True,
    "liar-8074": True,
    "liar-8097": True,
    "liar-834": True,
    "liar-3733": True,
    "liar-5238": True,
    "liar-8066": False,
    "liar-13478": False,
    "liar-13107": True,
    "liar-4779": False,
    "liar-11579": False,
    "liar-12899": True,
    "liar-11920": False,
    "liar-12367": True,
    "liar-13113": True,
    "liar-13081": True,
    "liar-11341": False,
    "liar-13114": True,
    "liar-11083": False,
    "liar-12817": False,
    "liar-13109": True,
    "liar-12477": False,
    "liar-6650": False,
    "liar-11312": False,
    "liar-6767": False,
    "liar-11498": False,
    "liar-10493": False,
    "liar-12898": False,
    "liar-602": False,
    "liar-6585": False,
    "liar-3143": False,
    "liar-3208": False,
    "liar-11145": False,
    "liar-12240": True,
    "liar-12049": False,
    "liar-12851": True,
    "liar-11182": False,
    "liar-4800": False,
    "liar-10507": True,
    "liar-1908": False,
}


def news_sentences(data_dir: Path) -> list[tuple[int, str, str]]:
    """(sentence id, text, article id) of the articles of :data:`SOURCES`, one per text."""
    from veracity.data.registry import load_corpus
    from veracity.nlp.document import split_sentences
    from veracity.verify.factchecks import normalise

    out: dict[str, tuple[str, str]] = {}
    for corpus, collection in SOURCES:
        for record in load_corpus(corpus, data_dir):
            if collection and record.collection != collection:
                continue
            for sentence in split_sentences(record.text or ""):
                clean = " ".join(sentence.split())
                key = normalise(clean)
                if key and key not in out and 8 <= len(clean.split()) <= 60:
                    out[key] = (clean, f"{record.corpus}:{record.id}")
    return [(i, text, article) for i, (text, article) in enumerate(out.values())]


def news_queries(
    records: list[Any],
    sentences: list[tuple[int, str, str]],
    excluded_records: set[int],
    rng: random.Random,
) -> tuple[list[DebateQuery], dict[str, int]]:
    """The queries of the module docstring (positives, then negatives) from the store's
    ``records`` and the news ``sentences``; ``excluded_records``: store indices left out (the
    calibration sets' and the debate test's). Returns them and counts."""
    from veracity.verify.factchecks import normalise

    stems = {i: _stems(t) for i, t, _ in sentences}
    texts = {i: t for i, t, _ in sentences}
    by_stem: dict[str, set[int]] = {}
    for i, words in stems.items():
        for word in words:
            by_stem.setdefault(word, set()).add(i)
    by_text: dict[str, list[int]] = {}
    for index, record in enumerate(records):
        by_text.setdefault(normalise(record.statement), []).append(index)
    counts = dict.fromkeys(("statements", "linked", "left_out"), 0)
    proposals: list[tuple[float, int, int, str]] = []  # (share, words, sentence, statement id)
    restated: set[int] = set()
    seen: set[str] = set()
    for record in records:
        if record.collection != "liar":
            continue
        claim = _claim(record.statement)
        words = _stems(claim)
        if len(words) < MIN_STATEMENT_WORDS:
            continue
        found: dict[int, int] = {}
        for word in words:
            for i in by_stem.get(word, ()):
                found[i] = found.get(i, 0) + 1
        near = [(n / len(words), i) for i, n in found.items() if n / len(words) >= MIN_SHARE]
        restated.update(i for _, i in near)
        key = normalise(record.statement)
        if key in seen:
            continue
        seen.add(key)
        counts["statements"] += 1
        whole = normalise(claim)
        longer = [
            (share, len(stems[i]), i)
            for share, i in near
            if len(stems[i]) >= len(words) + MIN_EXTRA and whole not in normalise(texts[i])
        ]
        if not longer:
            continue
        counts["linked"] += 1
        if excluded_records.intersection(by_text[key]):
            counts["left_out"] += 1
            continue
        share, size, best = min(longer, key=lambda x: (-x[0], x[1], x[2]))
        proposals.append((share, size, best, record.id))
    ids = {r.id: n for n, r in enumerate(records)}
    positives: list[DebateQuery] = []
    taken: set[int] = set()
    for _, _, best, statement_id in sorted(proposals, key=lambda x: (-x[0], x[1], x[2])):
        if best in taken:
            continue
        taken.add(best)
        statement = records[ids[statement_id]].statement
        positives.append(
            DebateQuery(
                text=texts[best],
                kind=POSITIVE,
                accept=by_text[normalise(statement)],
                sentence_id=best,
                statement_id=statement_id,
            )
        )
    positives.sort(key=lambda q: q.sentence_id)
    pool = [
        i for i, t, _ in sentences if i not in restated and i not in taken and _CHECKABLE.search(t)
    ]
    negatives = [
        DebateQuery(text=texts[i], kind=NEGATIVE, accept=[], sentence_id=i)
        for i in sorted(rng.sample(pool, min(len(positives), len(pool))))
    ]
    return positives + negatives, counts


def excluded(data_dir: Path, store: Any) -> set[int]:
    """Store indices of the calibration sets' LIAR queries and answers and of the debate
    test's statements (they and their exact repeats)."""
    from veracity.verify import calibrate

    dev, test = calibrate.calibration_sets(data_dir, store.records, store.vectors, store.signatures)
    out = liar_calibration_records(dev + test)
    return out | debate_records(data_dir, store.records, out)


def debate_records(data_dir: Path, records: list[Any], calibration: set[int]) -> set[int]:
    """The store indices that answer a query of the debate test (bench/match_debates.py)."""
    from match_debates import SEED as DEBATE_SEED
    from match_debates import debate_queries, debate_sentences

    queries, _ = debate_queries(
        records, debate_sentences(data_dir), calibration, random.Random(DEBATE_SEED)
    )
    return {i for q in queries for i in q.accept}


def gate(data_dir: Path, store: Any) -> tuple[list[DebateQuery], dict[str, int]]:
    """The test's queries (positives, then negatives) and the counts of their build."""
    sentences = news_sentences(data_dir)
    queries, counts = news_queries(
        store.records, sentences, excluded(data_dir, store), random.Random(SEED)
    )
    return queries, {"sentences": len(sentences), **counts}


def passes(clause: Any, whole: Any) -> tuple[bool, list[str]]:
    """The pass rule fixed before the run: on the pairs read as one claim and the negatives
    (every other match counted by its blind reading), the clause route's precision >=
    :data:`FLOOR` and its real-paraphrase recall above the whole-sentence cosine rule's in the
    same run (both :class:`match_debates.Figures`)."""
    reasons = []
    if clause.precision < FLOOR:
        reasons.append(f"precision {clause.precision:.3f} < {FLOOR}")
    if clause.real_recall <= whole.real_recall:
        reasons.append(
            f"real-paraphrase recall {clause.real_recall:.3f} not above the whole sentence's"
            f" {whole.real_recall:.3f}"
        )
    return not reasons, reasons


def main() -> None:
    from veracity.settings import get_settings
    from veracity.verify.factchecks import load_factcheck_store

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, required=True, help="write the positives to read")
    args = parser.parse_args()
    data_dir = Path(get_settings().data_dir)
    store = load_factcheck_store()
    queries, counts = gate(data_dir, store)
    statements = {r.id: r.statement for r in store.records}
    positives = [q for q in queries if q.kind == POSITIVE]
    args.pairs.write_text(
        json.dumps(
            {
                **counts,
                "positives": len(positives),
                "negatives": len(queries) - len(positives),
                "pairs": [
                    {
                        "id": q.statement_id,
                        "statement": statements[q.statement_id],
                        "sentence": q.text,
                    }
                    for q in positives
                ],
            },
            indent=1,
        ),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
