"""The recount case fixture (tests/fixtures/recount_case, read by ``bench/health_case.py --case
recount``): what each claim's expected verdict rests on is in the documents it names."""

from __future__ import annotations

from pathlib import Path

from tests.verify.single_passage import check_article_claims, check_claims_rest_on_their_documents

CASE = Path(__file__).resolve().parents[1] / "fixtures" / "recount_case"


def test_each_claims_deciding_words_are_in_the_documents_it_names() -> None:
    check_claims_rest_on_their_documents(CASE, 7, 34)


def test_the_article_makes_seven_of_the_claims() -> None:
    check_article_claims(CASE, 7)
