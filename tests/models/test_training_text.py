"""The reliability models learn from the text they will read: a training record goes through
ingest's cleaning, as an article the product scores does (train/serve skew)."""

from __future__ import annotations

import pytest

from veracity.data.record import NewsRecord
from veracity.ingest import article_from_text
from veracity.models.artefact import load_artefact
from veracity.models.features import model_text, record_article

# Politico's inline ad slot, as its scraped text has it, and a picture's caption labels.
_BODY = (
    "The bill would have an impact on every state. Story Continued Below Johnson said the "
    "vote would come next week.\n\n"
    "Advertisement\n\n"
    "Image copyright Reuters Image caption The senator spoke to reporters on Tuesday.\n\n"
    "Aides said the text was still being drafted and that a second vote was possible."
)


def _record(title: str, text: str) -> NewsRecord:
    return NewsRecord(
        id="skew-1",
        corpus="test",
        collection="test",
        level="article",
        title=title,
        text=text,
        label="real",
        original_label="real",
        source="",
        split="train",
        meta={},
    )


def test_a_training_record_reads_as_the_product_reads_the_article() -> None:
    record = _record("Senate delays the vote", _BODY)
    article = record_article(record)
    assert article is not None
    assert article.text == article_from_text(_BODY, title="Senate delays the vote").text
    trained_on = model_text(article.text)
    for furniture in ("Story Continued Below", "Advertisement", "Image caption", "copyright"):
        assert furniture not in trained_on
    assert "Johnson said the vote would come next week." in trained_on


def test_a_record_of_site_furniture_only_is_no_article() -> None:
    notice = (
        "This site uses cookies to improve your experience. By continuing to browse, you agree."
    )
    assert record_article(_record("Star dines out", notice)) is None


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_the_shipped_models_learned_no_ad_slot_marker_that_ingest_strips(depth: str) -> None:
    # "Story Continued Below" between two sentences: 371 LOCO articles had it, ingest strips it
    # at inference; trained on the uncleaned text, the models weighed it +2.3 toward reliable
    assert "Story Continued Below" not in model_text(article_from_text(_BODY).text)
    vectoriser = load_artefact(depth=depth).model.vectoriser_
    terms = {term.split("__")[-1] for term in vectoriser.get_feature_names_out()}
    assert not terms & {"story continued", "continued below"}
    # nor NPR's picture button "Enlarge this image toggle caption" (+0.54 toward reliable)
    assert not terms & {"toggle caption", "image toggle", "toggle"}
