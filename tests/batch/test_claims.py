"""The batch full path: each row's check-worthy claims and the known debunks they match."""

from __future__ import annotations

import pytest

from veracity.batch.analysis import AnalysisOptions, analyse_chunk
from veracity.batch.readers import InputRecord
from veracity.claims.fast import CANDIDATES_PER_ARTICLE

BODY = (
    "The council met on Monday to discuss the budget. "
    "President Barack Obama has doubled the deficit, the posts claimed. "
    "Why would anyone believe that? "
    "Officials said 40 people attended and the meeting lasted two hours. "
    "It was sunny. "
    "Several residents spoke during the public comment period, and the discussion went on "
    "after a short break in the afternoon session."
)


@pytest.mark.data
def test_full_path_rows_carry_claims_and_a_known_debunk() -> None:
    # the fact-check store is the one `veracity setup` built (tests/conftest.py builds it too)
    record = InputRecord(index=0, id="a", title="Council meeting", text=BODY)
    options = AnalysisOptions(depth="fast", claims=True, with_reports=True)
    [result] = analyse_chunk([record], options)
    row, report = result.row, result.report
    assert row.error is None and row.score is not None
    assert report is not None
    assert 1 <= len(report.claims) <= CANDIDATES_PER_ARTICLE
    for claim in report.claims:
        assert report.text[claim.start : claim.end] == claim.text
        assert claim.score >= 0.5
    # PolitiFact (LIAR train 6850): "Says President Obama has doubled the deficit." false
    deficit = [d for d in row.debunks if "deficit" in d.claim]
    assert deficit and deficit[0].verdict == "false"
    assert all(d.title and d.source for d in row.debunks)


def test_full_path_without_a_store_keeps_claims_and_says_why(no_reference_data) -> None:
    record = InputRecord(index=0, id="a", title="Council meeting", text=BODY)
    options = AnalysisOptions(depth="fast", claims=True, with_reports=True)
    [result] = analyse_chunk([record], options)
    row = result.row
    assert row.error is None and row.score is not None
    assert result.report is not None and result.report.claims and row.debunks == []
    assert any("veracity factchecks build" in note for note in row.notes)
    assert any("veracity setup" in note for note in row.notes)  # outlets unrated too


def test_shallow_path_rows_have_no_claims() -> None:
    record = InputRecord(index=0, id="a", title="Council meeting", text=BODY)
    [result] = analyse_chunk([record], AnalysisOptions(depth="fast", with_reports=True))
    assert result.report is not None and result.report.claims == []
    assert result.row.debunks == []


def test_each_path_is_scored_by_the_model_analyze_uses_at_that_depth() -> None:
    from veracity.ingest import article_from_text
    from veracity.pipeline import analyze

    record = InputRecord(index=0, id="a", title="Council meeting", text=BODY)
    for depth in ("fast", "deep"):
        [result] = analyse_chunk([record], AnalysisOptions(depth=depth))
        assert result.report is None  # reports come back only for --store
        single = analyze(article_from_text(BODY, title="Council meeting"), depth=depth)
        assert result.row.model_version == single.reliability.model_version
        assert result.row.score == single.reliability.score
    assert "deep" in (result.row.model_version or "")


def test_a_pages_own_address_is_not_the_rows_publisher() -> None:
    """Round 10: a batch folder's saved page that names reuters.com as its own address
    (og:url) gave its row the source_domain and url of reuters.com, which the results and the
    overview `veracity summarize` makes of them name as its publisher; the row's publisher is
    now only an address its input gives (the report keeps the page's own, named and not rated,
    with its note)."""
    page = (
        '<html><head><meta property="og:url" content="https://www.reuters.com/world/story/">'
        f"<title>Council meeting</title></head><body><article><p>{BODY}</p></article>"
        "</body></html>"
    ).encode()
    record = InputRecord(index=0, id="page.html", raw=page, html=True)
    options = AnalysisOptions(depth="fast", with_reports=True)
    [result] = analyse_chunk([record], options)
    assert result.row.error is None
    assert (result.row.source_domain, result.row.url) == (None, None)
    assert result.report is not None and result.report.source_domain == "reuters.com"
    given = InputRecord(
        index=1, id="b", title="Council meeting", text=BODY, url="https://apnews.com/x"
    )
    [result] = analyse_chunk([given], options)
    assert result.row.source_domain == "apnews.com"
