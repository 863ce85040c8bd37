"""The hand-labelled fixtures' rows and the checks every fact-checker case fixture passes;
what one passage alone makes of its claim is ``veracity.verify.verdict.alone_verdicts``."""

from __future__ import annotations

import json
from pathlib import Path


def read_cases(path: Path) -> list[dict]:
    """The rows of a hand-labelled JSON-lines fixture."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# What a case fixture's claim may expect (tests/fixtures/*_case/claims.jsonl).
VERDICTS = {"supported", "refuted", "disputed", "not enough evidence"}


def check_claims_rest_on_their_documents(case: Path, documents: int, claims: int) -> None:
    """A fact-checker case fixture (``bench/health_case.py --case ...``): ``documents`` documents
    and ``claims`` claims, each expecting verdicts, naming documents of the case, and its
    deciding passage (where it names one) in one of them."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in (case / "docs").glob("*.txt")}
    rows = read_cases(case / "claims.jsonl")
    assert (len(texts), len(rows)) == (documents, claims)
    for row in rows:
        assert row["expected"] and set(row["expected"]) <= VERDICTS, row["claim"]
        assert row["documents"] and set(row["documents"]) <= set(texts), row["claim"]
        if row["passage"] is not None:
            assert any(row["passage"] in texts[d] for d in row["documents"]), row["claim"]


def check_article_claims(case: Path, claims: int) -> None:
    """A case fixture's article makes ``claims`` of its claims: each row's words are in the
    article, its verdicts are verdicts and its document is one of the case's."""
    article = (case / "article.txt").read_text(encoding="utf-8")
    rows = read_cases(case / "article_claims.jsonl")
    assert len(rows) == claims
    documents = {p.name for p in (case / "docs").glob("*.txt")}
    for row in rows:
        assert row["claim_contains"] in article, row
        assert row["expected"] and set(row["expected"]) <= VERDICTS, row
        assert row["document"] in documents, row
