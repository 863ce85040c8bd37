"""The health case fixture (tests/fixtures/health_case, read by bench/health_case.py): what each
claim's expected verdict rests on is in the documents it names."""

from __future__ import annotations

from pathlib import Path

from tests.verify.single_passage import read_cases

CASE = Path(__file__).resolve().parents[1] / "fixtures" / "health_case"
VERDICTS = {"supported", "refuted", "disputed", "not enough evidence"}


def test_each_claims_deciding_words_are_in_the_documents_it_names() -> None:
    documents = {p.name: p.read_text(encoding="utf-8") for p in (CASE / "docs").glob("*.txt")}
    claims = read_cases(CASE / "claims.jsonl")
    assert (len(documents), len(claims)) == (7, 16)
    for row in claims:
        assert row["expected"] and set(row["expected"]) <= VERDICTS, row["claim"]
        assert set(row["documents"]) <= set(documents), row["claim"]
        if row["passage"] is not None:
            assert any(row["passage"] in documents[d] for d in row["documents"]), row["claim"]
        if row["documents"] and "not enough evidence" not in row["expected"]:
            assert row["passage"] is not None or len(row["expected"]) > 1, row["claim"]


def test_the_article_makes_nine_of_the_claims_in_reported_speech() -> None:
    article = (CASE / "article.txt").read_text(encoding="utf-8")
    rows = read_cases(CASE / "article_claims.jsonl")
    assert len(rows) == 9
    claims = {r["claim"] for r in read_cases(CASE / "claims.jsonl")}
    for row in rows:
        assert row["claim_contains"] in article, row
        assert set(row["expected"]) <= VERDICTS, row
        assert any(row["claim_contains"] in c for c in claims), row
