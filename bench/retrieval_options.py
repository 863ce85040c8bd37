"""Retrieval for `veracity verify`: the shipped reciprocal-rank fusion against three general
options, on development claims only (issue 16, stop 44).

Probe s42's FDA claim ("The FDA issued an emergency authorization for hydroxychloroquine in late
March.") is decided by a passage that does not state it: the page that does is BM25's first of
287 passages (10.46 against 3.46 for the second) but the dense ranking's 30th (its passage never
names the drug; the page's headline does), and reciprocal-rank fusion keeps no score gap, so it
ranks 8th and 5 passages are read. Options:

- ``title``: each passage's dense vector reads its document's title before it (a document's first
  line when it is a heading: one line, no end punctuation, a paragraph of its own), the passage
  that holds the title as it is; BM25 as shipped.
- ``keyword mM``: the fusion as shipped, and BM25's first passage always read when its score is
  at least M times the second's (a dominant keyword match): it takes the last place read if the
  fusion left it out.
- ``flat``: the fusion as shipped, and up to 8 passages read while the next fused score is within
  5% of the 5th's (no clear cut: read on).

Development sets (no held-out claim read):

- CLIMATE-FEVER: the train + validation claims (``split_claims``; the held-out claims' evidence
  is not indexed), each claim's SUPPORTS / REFUTES evidence sentences the gold. The index holds
  every evidence sentence of those claims on a page per Wikipedia article (its title the
  article's name, then its sentences in the article's order): 2-sentence passages as
  ``veracity index`` splits them. A hit: a passage read holds a gold sentence.
- FNC-1: the claim set's dev part; an index of all its bodies (no titles), each headline with an
  agreeing or disagreeing body a query. A hit: a passage read is of such a body.

Figures: recall (a hit among the passages read), MRR of the first hit in the top 50, passages
read per claim. Choice, fixed before the run: an option is kept only if it raises recall@5 on
both sets' development claims (``title`` on CLIMATE-FEVER, the only set with titles, and not
lower on FNC-1), reads at most 6 passages per claim on average, and then passes the verdict rule
(bench/place_rule.py's: denial set, CLIMATE-FEVER and FNC-1 claim set dev, no new inversion).

Usage: ``.venv/bin/python bench/retrieval_options.py > results.json`` (heavy queue: it embeds
about 9,000 passages the first time; the embedding cache keeps them).
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

K = 5
RRF_K = 60
CANDIDATES = 50
FLAT_MAX, FLAT_WITHIN = 8, 0.05
MARGINS = (1.5, 2.0, 3.0)


def climate_fever_set(data_dir: Path) -> tuple[list[tuple[str, str]], list[tuple[str, Any]]]:
    """The CLIMATE-FEVER development pages and queries (claim, gold sentences): the set the
    relevance calibration is fitted on (``veracity.verify.train_relevance.retrieval_dev_set``)."""
    from veracity.verify.train_relevance import retrieval_dev_set

    return retrieval_dev_set(data_dir)


def fnc_set(data_dir: Path) -> tuple[list[tuple[str, str]], list[tuple[str, Any]]]:
    """The FNC-1 claim set's dev bodies and queries (headline, ids of bodies that take a side)."""
    from veracity.verify.fnc_claims import fnc_claim_set

    cases = fnc_claim_set(data_dir)["dev"]
    bodies = {str(c["body_id"]): c["body"] for c in cases}
    sides: dict[str, set[str]] = defaultdict(set)
    for case in cases:
        if case["stance"] in ("agree", "disagree"):
            sides[case["claim"]].add(str(case["body_id"]))
    return sorted(bodies.items()), sorted(sides.items())


def title_of(text: str) -> str | None:
    """A document's title: its first line when that is a paragraph of its own without end
    punctuation (a heading)."""
    from veracity.verify.index import _ENDED

    first, sep, _ = text.partition("\n\n")
    first = first.strip()
    if not sep or "\n" in first or not first or _ENDED.search(first):
        return None
    return first


def fused(bm25: list[tuple[int, float]], dense: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Reciprocal-rank fusion as :meth:`EvidenceIndex.search` fuses, best first."""
    scores: dict[int, float] = defaultdict(float)
    for ranking in (bm25, dense):
        for rank, (pid, _) in enumerate(ranking, start=1):
            scores[pid] += 1.0 / (RRF_K + rank)
    return sorted(scores.items(), key=lambda item: -item[1])


def keyword_read(bm25: list[tuple[int, float]], order: list[int], margin: float) -> list[int]:
    """The first :data:`K` of ``order``, BM25's first passage in the last place when its score
    is at least ``margin`` times the second's and the fusion left it out."""
    read = order[:K]
    if bm25 and (len(bm25) == 1 or bm25[0][1] >= margin * bm25[1][1]) and bm25[0][0] not in read:
        read = [*read[: K - 1], bm25[0][0]]
    return read


def flat_read(ranking: list[tuple[int, float]]) -> list[int]:
    """The first :data:`K` passages, and on up to :data:`FLAT_MAX` while the next fused score
    is within :data:`FLAT_WITHIN` of the K-th's."""
    read = [pid for pid, _ in ranking[:K]]
    if len(ranking) > K:
        floor = ranking[K - 1][1] * (1 - FLAT_WITHIN)
        for pid, score in ranking[K:FLAT_MAX]:
            if score < floor:
                break
            read.append(pid)
    return read


def measure(
    documents: list[tuple[str, str]], queries: list[tuple[str, Any]], hit: Callable[..., bool]
) -> dict[str, Any]:
    from veracity.embeddings import embed
    from veracity.verify.index import _as_indexed, _bm25, split_passages

    started = time.process_time()
    passages = []
    titles: dict[str, str | None] = {}
    for document_id, text in _as_indexed(documents):
        titles[document_id] = title_of(text)
        passages.extend(split_passages(document_id, text, first_id=len(passages)))
    texts = [p.text for p in passages]
    titled = [
        p.text
        if (title := titles[p.document_id]) is None or p.text.startswith(title)
        else f"{title}\n{p.text}"
        for p in passages
    ]
    plain = embed(texts).astype(np.float32)
    with_title = embed(titled).astype(np.float32)
    bm25 = _bm25(texts)
    query_vectors = embed([q for q, _ in queries]).astype(np.float32)
    embed_cpu = time.process_time() - started

    import bm25s

    def bm25_ranking(query: str) -> list[tuple[int, float]]:
        tokens = bm25s.tokenize([query], stopwords="en", show_progress=False)
        if not tokens.vocab:
            return []
        ids, scores = bm25.retrieve(tokens, k=CANDIDATES, show_progress=False, n_threads=1)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if s > 0]

    def dense_ranking(vectors: np.ndarray, vector: np.ndarray) -> list[tuple[int, float]]:
        cosines = vectors @ vector
        top = np.argpartition(-cosines, CANDIDATES - 1)[:CANDIDATES]
        top = top[np.argsort(-cosines[top])]
        return [(int(i), float(cosines[i])) for i in top]

    names = ["rrf (shipped)", "bm25 alone", "dense alone", "title", "flat", "title + flat"]
    names += [f"keyword m{m:g}" for m in MARGINS] + [f"title + keyword m{m:g}" for m in MARGINS]
    found: dict[str, list[float]] = {name: [] for name in names}
    ranks: dict[str, list[float]] = {name: [] for name in names}
    read_counts: dict[str, list[int]] = {name: [] for name in names}
    promoted: dict[str, int] = defaultdict(int)
    for (query, gold), vector in zip(queries, query_vectors, strict=True):
        lexical = bm25_ranking(query)
        rankings = {
            "plain": fused(lexical, dense_ranking(plain, vector)),
            "title": fused(lexical, dense_ranking(with_title, vector)),
        }
        orders: dict[str, tuple[list[int], list[int]]] = {}
        for base, ranking in rankings.items():
            order = [pid for pid, _ in ranking]
            prefix = "" if base == "plain" else "title + "
            orders["rrf (shipped)" if base == "plain" else "title"] = (order, order[:K])
            orders[f"{prefix}flat"] = (order, flat_read(ranking))
            for margin in MARGINS:
                read = keyword_read(lexical, order, margin)
                if read != order[:K]:
                    promoted[f"{prefix}keyword m{margin:g}"] += 1
                orders[f"{prefix}keyword m{margin:g}"] = (
                    read + [pid for pid in order if pid not in read],
                    read,
                )
        lexical_order = [pid for pid, _ in lexical]
        dense_order = [pid for pid, _ in dense_ranking(plain, vector)]
        orders["bm25 alone"] = (lexical_order, lexical_order[:K])
        orders["dense alone"] = (dense_order, dense_order[:K])
        for name, (order, read) in orders.items():
            found[name].append(any(hit(passages[pid], gold) for pid in read))
            first = next(
                (r for r, pid in enumerate(order[:CANDIDATES], 1) if hit(passages[pid], gold)), None
            )
            ranks[name].append(0.0 if first is None else 1.0 / first)
            read_counts[name].append(len(read))
    return {
        "documents": len(documents),
        "passages": len(passages),
        "titled documents": sum(t is not None for t in titles.values()),
        "queries": len(queries),
        "embed cpu seconds": round(embed_cpu, 1),
        "options": {
            name: {
                "recall": round(float(np.mean(found[name])), 4),
                "mrr": round(float(np.mean(ranks[name])), 4),
                "read": round(float(np.mean(read_counts[name])), 2),
                "changed reads": promoted.get(name, 0),
            }
            for name in names
        },
    }


def climate_fever(data_dir: Path) -> dict[str, Any]:
    documents, queries = climate_fever_set(data_dir)
    return measure(documents, queries, lambda passage, gold: any(s in passage.text for s in gold))


def fnc1(data_dir: Path) -> dict[str, Any]:
    documents, queries = fnc_set(data_dir)
    return measure(documents, queries, lambda passage, gold: passage.document_id in gold)


def main(argv: list[str] | None = None) -> int:
    from _verdict_dev import parts_cli  # bench/_verdict_dev.py

    return parts_cli({"climate_fever": climate_fever, "fnc1": fnc1}, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
