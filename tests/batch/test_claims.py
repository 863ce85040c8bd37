"""The batch full path: cue-ranked candidate sentences, check-worthiness, known debunks."""

from __future__ import annotations

import pytest

from tests.conftest import analysed
from veracity.batch.analysis import REPORT_KEY, AnalysisOptions, analyse_chunk
from veracity.batch.claims import CANDIDATES_PER_ARTICLE, candidate_sentences, claim_cue_score
from veracity.batch.readers import InputRecord

BODY = (
    "The council met on Monday to discuss the budget. "
    "Barack Obama was born in Kenya, the posts claimed. "
    "Why would anyone believe that? "
    "Officials said 40 people attended and the meeting lasted two hours. "
    "It was sunny. "
    "Several residents spoke during the public comment period, and the discussion went on "
    "after a short break in the afternoon session."
)


def test_cue_score_prefers_figures_and_names_and_skips_questions() -> None:
    assert claim_cue_score("Why would anyone believe that story now?") == 0
    assert claim_cue_score("It was sunny.") == 0  # too short to be a claim
    plain = claim_cue_score("the meeting went on for a long time after lunch")
    figures = claim_cue_score("the meeting went on for 40 minutes after lunch, the council said")
    names = claim_cue_score("the meeting with Barack Obama and Angela Merkel went on after lunch")
    assert figures > plain > 0
    assert names > plain


def test_candidates_are_the_best_cued_body_sentences_in_text_order() -> None:
    document = analysed(BODY, "fast", title="Council meets on the 2025 budget, with 40 guests")
    chosen = candidate_sentences(document)
    assert len(chosen) == CANDIDATES_PER_ARTICLE
    assert all(s.start >= document.article.body_start for s in chosen)  # never the headline
    assert [s.start for s in chosen] == sorted(s.start for s in chosen)
    texts = [s.text for s in chosen]
    assert "Officials said 40 people attended and the meeting lasted two hours." in texts
    assert not any(t.endswith("?") for t in texts)
    for sentence in chosen:
        assert document.text[sentence.start : sentence.end] == sentence.text


@pytest.mark.data
def test_full_path_rows_carry_claims_and_a_known_debunk() -> None:
    # the fact-check store is the one `veracity setup` built (tests/conftest.py builds it too)
    record = InputRecord(index=0, id="a", title="Council meeting", text=BODY)
    options = AnalysisOptions(depth="fast", claims=True, with_reports=True)
    [row] = analyse_chunk([record], options)
    assert row["error"] is None and row["score"] is not None
    report = row[REPORT_KEY]
    assert 1 <= len(report["claims"]) <= CANDIDATES_PER_ARTICLE
    for claim in report["claims"]:
        assert report["text"][claim["start"] : claim["end"]] == claim["text"]
        assert claim["score"] >= 0.5
    kenya = [d for d in row["debunks"] if "Kenya" in d["claim"]]
    assert kenya and kenya[0]["verdict"] == "false"
    assert all(d["title"] and d["source"] for d in row["debunks"])


def test_full_path_without_a_store_keeps_claims_and_says_why(no_reference_data) -> None:
    record = InputRecord(index=0, id="a", title="Council meeting", text=BODY)
    options = AnalysisOptions(depth="fast", claims=True, with_reports=True)
    [row] = analyse_chunk([record], options)
    assert row["error"] is None and row["score"] is not None
    assert row[REPORT_KEY]["claims"] and row["debunks"] == []
    assert any("veracity factchecks build" in note for note in row["notes"])
    assert any("veracity setup" in note for note in row["notes"])  # outlets unrated too


def test_shallow_path_rows_have_no_claims() -> None:
    record = InputRecord(index=0, id="a", title="Council meeting", text=BODY)
    [row] = analyse_chunk([record], AnalysisOptions(depth="fast", with_reports=True))
    assert row[REPORT_KEY]["claims"] == []
    assert row["debunks"] == []


def test_each_path_is_scored_by_the_model_analyze_uses_at_that_depth() -> None:
    from veracity.ingest import article_from_text
    from veracity.pipeline import analyze

    record = InputRecord(index=0, id="a", title="Council meeting", text=BODY)
    for depth in ("fast", "deep"):
        [row] = analyse_chunk([record], AnalysisOptions(depth=depth))
        single = analyze(article_from_text(BODY, title="Council meeting"), depth=depth)
        assert row["model_version"] == single.reliability.model_version
        assert row["score"] == single.reliability.score
    assert "deep" in row["model_version"]
