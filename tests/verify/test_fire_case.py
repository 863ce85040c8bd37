"""The fire case fixture (tests/fixtures/fire_case, read by ``bench/health_case.py --case
fire``): what each claim's expected verdict rests on is in the documents it names."""

from __future__ import annotations

import json
from pathlib import Path

CASE = Path(__file__).resolve().parents[1] / "fixtures" / "fire_case"
VERDICTS = {"supported", "refuted", "disputed", "not enough evidence"}


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (CASE / name).read_text(encoding="utf-8").splitlines()]


def test_each_claims_deciding_words_are_in_the_documents_it_names() -> None:
    documents = {p.name: p.read_text(encoding="utf-8") for p in (CASE / "docs").glob("*.txt")}
    claims = _rows("claims.jsonl")
    assert (len(documents), len(claims)) == (6, 18)
    for row in claims:
        assert row["expected"] and set(row["expected"]) <= VERDICTS, row["claim"]
        assert row["documents"] and set(row["documents"]) <= set(documents), row["claim"]
        if row["passage"] is not None:
            assert any(row["passage"] in documents[d] for d in row["documents"]), row["claim"]


def test_the_article_makes_six_of_the_claims() -> None:
    article = (CASE / "article.txt").read_text(encoding="utf-8")
    rows = _rows("article_claims.jsonl")
    assert len(rows) == 6
    documents = {p.name for p in (CASE / "docs").glob("*.txt")}
    for row in rows:
        assert row["claim_contains"] in article, row
        assert row["expected"] and set(row["expected"]) <= VERDICTS, row
        assert row["document"] in documents, row
