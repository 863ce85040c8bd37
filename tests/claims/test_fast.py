"""Claims on the fast path: cue-ranked candidate sentences, scored by the batch model."""

from __future__ import annotations

from tests.batch.test_claims import BODY
from tests.conftest import analysed
from veracity.claims.fast import CANDIDATES_PER_ARTICLE, candidate_sentences, claim_cue_score


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


def test_fast_claims_are_check_worthy_candidates_located_in_the_text() -> None:
    from veracity.claims.fast import extract_claims_fast

    document = analysed(BODY, "fast", title="Council meeting")
    [claims] = extract_claims_fast([document])
    assert 1 <= len(claims) <= CANDIDATES_PER_ARTICLE
    candidates = {s.text for s in candidate_sentences(document)}
    for claim in claims:
        assert claim.text in candidates and claim.score >= 0.5
        assert document.text[claim.start : claim.end] == claim.text
        assert claim.debunk_matches == []  # matching is the verify stage's job
    assert extract_claims_fast([]) == []


def test_a_pointer_to_other_content_is_no_candidate() -> None:
    """Probe s51 C2: a "see also this video" line is no claim of the article on the fast path
    either, though its names and figure would rank it first."""
    document = analysed(
        "The council approved the budget on Monday after a long debate.\n\n"
        "See also the 12 minute video featuring Mayor John Smith and Governor Ann Lee on the "
        "2025 Budget of Springfield and Shelbyville:\n\n"
        "Officials said 40 people attended and the meeting lasted two hours.\n",
        "fast",
    )
    texts = [s.text for s in candidate_sentences(document)]
    assert not any(t.startswith("See also") for t in texts), texts
