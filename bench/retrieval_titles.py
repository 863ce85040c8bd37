"""Retrieval for `veracity verify` with each passage embedded after its document's title (evidence
index version 4) against version 3's passages alone, on development claims only (issue 16,
stop 45).

Probe s42's FDA claim ("The FDA issued an emergency authorization for hydroxychloroquine in late
March.") was refuted (0.82) over 12 ReCOVery pages: the passage that states it never names the
drug, its page's headline does, and it ranked 8th of 287 where 5 are read. Stop 44 measured a
first-line guess as the title (bench/retrieval_options.py "title": CLIMATE-FEVER recall@5 +0.022,
FNC-1 -0.012, a news body's first line being as often a deck or a caption); version 4 reads only
a title a document really has (a JSON line's ``title``, an HTML page's headline), kept with each
passage (``Passage.title``) and read first by its dense vector (``Passage.embedded_text``).

Both indexes are built by the product (``EvidenceIndex.build``) and searched by it
(``EvidenceIndex.search``, reciprocal-rank fusion of BM25 and MiniLM, 5 passages read):

- ``climate_fever``: the train + validation claims with SUPPORTS / REFUTES evidence (859)
  against their evidence sentences on one page per Wikipedia article (1,161 pages), the
  article's name its title, as ``veracity index`` reads a JSON line ``{"title", "text"}`` (the
  text starts with the title in both indexes); a hit: a passage read holds a gold sentence.
- ``fnc1``: the FNC-1 claim set's dev part, 255 headlines with an agreeing or disagreeing body,
  against an index of its 398 bodies; FNC-1 bodies have no titles, so both indexes are the same
  by construction (measured all the same); a hit: a passage of such a body.

Figures: recall@5, MRR of the first hit among the first 50, and the claims whose recall@5 moved.
Choice, fixed before the run: version 4 ships if recall@5 does not fall on either set and rises
on CLIMATE-FEVER (the only set with titles), and the verdict rule of the verdict sections holds
(bench/question_rule.py's parts: they read no index with titles, so they cannot move).

Usage: ``.venv/bin/python bench/retrieval_titles.py [--only PART] > results.json`` (heavy queue:
it embeds about 7,000 passages the first time; the embedding cache keeps them).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from retrieval_options import climate_fever_set, fnc_set  # bench/retrieval_options.py

K = 5
CANDIDATES = 50


def measure(
    titled: Sequence[tuple[str, str, str | None]],
    queries: list[tuple[str, Any]],
    hit: Callable[..., bool],
) -> dict[str, Any]:
    """Recall@K and MRR of an index built without titles (version 3) and with them."""
    from veracity.verify.index import EvidenceIndex

    out: dict[str, Any] = {"queries": len(queries), "titled documents": 0}
    found: dict[str, list[bool]] = {}
    for name, documents in (
        ("without titles (version 3)", [(d, text) for d, text, _ in titled]),
        ("with titles (version 4)", titled),
    ):
        index = EvidenceIndex.build(documents)
        out["passages"] = len(index.passages)
        out["titled documents"] = len({p.document_id for p in index.passages if p.title})
        recalls, ranks = [], []
        for query, gold in queries:
            hits = index.search(query, k=CANDIDATES)
            first = next((r for r, h in enumerate(hits, 1) if hit(h.passage, gold)), None)
            recalls.append(first is not None and first <= K)
            ranks.append(0.0 if first is None else 1.0 / first)
        found[name] = recalls
        out[name] = {
            "recall@5": round(float(np.mean(recalls)), 4),
            "mrr": round(float(np.mean(ranks)), 4),
        }
    before, after = found.values()
    out["gained"] = [q for (q, _), b, a in zip(queries, before, after, strict=True) if a and not b]
    out["lost"] = [q for (q, _), b, a in zip(queries, before, after, strict=True) if b and not a]
    return out


def climate_fever(data_dir: Path) -> dict[str, Any]:
    documents, queries = climate_fever_set(data_dir)
    # climate_fever_set writes each page as "article\n\nsentences": its title first, as
    # veracity index reads a JSON line {"title": article, "text": sentences}
    titled = [(article, text, article) for article, text in documents]
    return measure(titled, queries, lambda passage, gold: any(s in passage.text for s in gold))


def fnc1(data_dir: Path) -> dict[str, Any]:
    documents, queries = fnc_set(data_dir)
    titled = [(body_id, text, None) for body_id, text in documents]
    return measure(titled, queries, lambda passage, gold: passage.document_id in gold)


def main(argv: list[str] | None = None) -> int:
    from _verdict_dev import parts_cli  # bench/_verdict_dev.py

    return parts_cli({"climate_fever": climate_fever, "fnc1": fnc1}, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
