"""The doping case fixture (tests/fixtures/doping_case, read by ``bench/health_case.py --case
doping``): what each claim's expected verdict rests on is in the documents it names."""

from __future__ import annotations

from pathlib import Path

from tests.verify.single_passage import read_cases

CASE = Path(__file__).resolve().parents[1] / "fixtures" / "doping_case"
VERDICTS = {"supported", "refuted", "disputed", "not enough evidence"}


def test_each_claims_deciding_words_are_in_the_documents_it_names() -> None:
    documents = {p.name: p.read_text(encoding="utf-8") for p in (CASE / "docs").glob("*.txt")}
    claims = read_cases(CASE / "claims.jsonl")
    assert (len(documents), len(claims)) == (7, 33)
    for row in claims:
        assert row["expected"] and set(row["expected"]) <= VERDICTS, row["claim"]
        assert row["documents"] and set(row["documents"]) <= set(documents), row["claim"]
        if row["passage"] is not None:
            assert any(row["passage"] in documents[d] for d in row["documents"]), row["claim"]


def test_the_article_makes_six_of_the_claims() -> None:
    article = (CASE / "article.txt").read_text(encoding="utf-8")
    rows = read_cases(CASE / "article_claims.jsonl")
    assert len(rows) == 6
    documents = {p.name for p in (CASE / "docs").glob("*.txt")}
    for row in rows:
        assert row["claim_contains"] in article, row
        assert row["expected"] and set(row["expected"]) <= VERDICTS, row
        assert row["document"] in documents, row
