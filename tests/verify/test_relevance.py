"""A passage's relevance is the calibrated probability that it is evidence for the claim
(``veracity.verify.relevance``), its relatedness what the verdict weighs."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from veracity.errors import ModelError
from veracity.report.schema import SCHEMA_VERSION, EvidencePassage, Report
from veracity.verify import relevance as relevance_module
from veracity.verify.index import EvidenceIndex
from veracity.verify.relevance import (
    FEATURES,
    RELEVANCE,
    RelevanceModel,
    load_relevance_model,
)
from veracity.verify.verdict import (
    SHIPPED_MIN_REFUTING_EVIDENCE,
    VerdictRule,
    aggregate,
    shipped_rule,
    verify_claim,
)

CLAIM = "Hydroxychloroquine cures COVID-19."
# Probe s44: over ReCOVery's hydroxychloroquine pages every passage `veracity verify` listed for
# this claim read relevance 1.00, the FDA's finding and a page's aside on lupus alike.
FDA = (
    "FDA warns against hydroxychloroquine\n\nHydroxychloroquine and chloroquine have not been "
    "shown to be safe and effective for treating or preventing COVID-19, the FDA said in a "
    "statement on Monday, and their use should be limited to clinical trials."
)
LUPUS = (
    "A drug in short supply\n\nPatients with lupus and rheumatoid arthritis, who take "
    "hydroxychloroquine every day, told pharmacists they could not fill their prescriptions "
    "this month after the president spoke about the drug on television."
)


def test_relevance_tells_the_evidence_from_a_passage_that_only_shares_the_topic() -> None:
    index = EvidenceIndex.build([("fda.txt", FDA), ("lupus.txt", LUPUS)])
    passages, _ = verify_claim(CLAIM, index)
    by_document = {p.document_id: p for p in passages}
    fda, lupus = by_document["fda.txt"], by_document["lupus.txt"]
    assert fda.relevance is not None and lupus.relevance is not None
    # the head reads both as about the claim (its relatedness), which says nothing of which
    # passage matters; the calibrated figure does, and is no certainty
    assert fda.relatedness is not None and fda.relatedness > 0.9
    assert lupus.relatedness is not None and lupus.relatedness > 0.9
    assert fda.relevance > lupus.relevance + 0.05
    assert fda.relevance < 0.9


def test_the_shipped_calibration_is_the_card_its_trainer_wrote() -> None:
    card = RELEVANCE.read_card()
    assert tuple(card["features"]) == FEATURES
    metrics = card.metrics
    # out of fold: it ranks evidence better than the head's relatedness and is calibrated
    assert metrics["auc"] > metrics["head_auc"]
    assert metrics["ece"] <= 0.05 < metrics["head_ece"]
    model = load_relevance_model()
    assert model.coefficients == tuple(card["coefficients"])


def test_a_card_of_other_features_is_one_error_naming_the_rebuild(monkeypatch) -> None:
    class OtherCard:
        rebuild_hint = RELEVANCE.rebuild_hint

        @staticmethod
        def read_card():
            from veracity.artefacts import Card

            return Card(
                name="relevance",
                version=RELEVANCE.version,
                features=["cosine"],
                coefficients=[1.0],
                intercept=0.0,
            )

    monkeypatch.setattr(relevance_module, "RELEVANCE", OtherCard)
    load_relevance_model.cache_clear()
    try:
        with pytest.raises(ModelError, match="veracity train relevance"):
            load_relevance_model()
    finally:
        load_relevance_model.cache_clear()


SHIPPED = RELEVANCE.read_card()


@pytest.mark.parametrize(
    "field, value",
    [
        ("coefficients", [float("nan")] * len(FEATURES)),
        ("coefficients", ["0.2"] * len(FEATURES)),
        ("coefficients", [None] * len(FEATURES)),
        ("coefficients", [[0.2]] * len(FEATURES)),
        ("coefficients", [True] * len(FEATURES)),
        ("coefficients", [1e308] * len(FEATURES)),
        ("intercept", float("inf")),
        ("intercept", "x"),
        ("intercept", 10**400),
        ("intercept", None),
    ],
    ids=["nan", "text", "null", "list", "bool", "1e308", "inf", "text", "10^400", "none"],
)
def test_a_card_whose_numbers_are_no_coefficients_is_one_error_naming_the_rebuild(
    monkeypatch, field: str, value: object
) -> None:
    """Round 14: the card is the whole artefact, read as JSON (which takes NaN and Infinity).
    A NaN coefficient made every passage's relevance NaN (a report its own schema refuses), 1e308
    summed to NaN, a string, a list, null or no intercept ended in an internal error (TypeError,
    KeyError, OverflowError); each is the artefact's one error now."""
    from veracity.artefacts import Card

    fields = {**SHIPPED.model_dump(), field: value}
    if value is None and field == "intercept":
        del fields["intercept"]

    class EditedCard:
        rebuild_hint = RELEVANCE.rebuild_hint

        @staticmethod
        def read_card():
            return Card(**fields)

    monkeypatch.setattr(relevance_module, "RELEVANCE", EditedCard)
    load_relevance_model.cache_clear()
    try:
        with pytest.raises(ModelError, match=r"no finite number .*veracity train relevance"):
            load_relevance_model()
    finally:
        load_relevance_model.cache_clear()


def test_the_fit_gives_probabilities_that_rise_with_evidence() -> None:
    rng = np.random.default_rng(0)
    features = rng.normal(size=(400, len(FEATURES)))
    labels = (features[:, -1] + 0.3 * rng.normal(size=400) > 0).astype(float)
    model = RelevanceModel.fit(features, labels)
    p = model.predict(features)
    assert ((p > 0) & (p < 1)).all()
    assert p[labels == 1].mean() > 0.7 > 0.3 > p[labels == 0].mean()


def _passage(stance: str, relatedness: float, relevance: float | None) -> EvidencePassage:
    return EvidencePassage(
        document_id=f"doc-{stance}-{relevance}",
        passage=f"a passage that {stance}",
        stance=stance,  # type: ignore[arg-type]
        stance_probability=0.8,
        relevance=relevance,
        relatedness=relatedness,
        retrieval_score=0.1,
    )


def test_the_verdict_counts_no_passage_under_its_evidence_floor_and_weighs_relatedness() -> None:
    rule = VerdictRule(min_relevance=0.5, min_strength=0.5, min_evidence=0.1)
    weak = [_passage("supports", 0.99, 0.05), _passage("supports", 0.99, 0.08)]
    verdict = aggregate(weak, rule)
    assert verdict.label == "not_enough_evidence"
    assert "2 too weakly related to count" in verdict.explanation
    strong = aggregate([_passage("supports", 0.99, 0.3)], rule)
    assert strong.label == "supported"
    # the weight is relatedness x stance probability, capped; the calibrated figure only gates
    assert strong.passages[0].weight == pytest.approx(min(0.9, 0.99 * 0.8))
    # a passage judged outside the product (no calibrated figure) is held to min_relevance alone
    assert aggregate([_passage("supports", 0.99, None)], rule).label == "supported"


def test_a_refutation_needs_more_relevance_than_a_support() -> None:
    # probe s47 (V1): "The county lost two hospitals since 2020." refuted (0.53) by an
    # unemployment figure, relevance 0.03, relatedness 0.99
    unrelated = EvidencePassage(
        document_id="labour-2023.txt",
        passage="The county's unemployment rate fell to 3.1 percent in December 2023.",
        stance="refutes",
        stance_probability=0.5346,
        relevance=0.0316,
        relatedness=0.9949,
        retrieval_score=0.03,
    )
    before = replace(shipped_rule(), min_refuting_evidence=None)
    assert aggregate([unrelated], before).label == "refuted"
    verdict = aggregate([unrelated])
    assert verdict.label == "not_enough_evidence"
    assert "1 too weakly related to count" in verdict.explanation
    # the same relevance still lets a supporting passage count; a refuting one above the floor
    supporting = unrelated.model_copy(update={"stance": "supports", "stance_probability": 0.8})
    assert aggregate([supporting]).label == "supported"
    related = unrelated.model_copy(update={"relevance": SHIPPED_MIN_REFUTING_EVIDENCE})
    assert aggregate([related]).label == "refuted"


def _stored(version: str, passage: dict) -> dict:
    text = "Some say that vaccines cause autism."
    return {
        "schema_version": version,
        "veracity_version": "0.1.0",
        "analysis_path": "deep",
        "title": None,
        "text": text,
        "body_start": 0,
        "language": "en",
        "claims": [
            {
                "text": "vaccines cause autism.",
                "start": text.index("vaccines"),
                "end": len(text),
                "score": 0.9,
                "evidence": [passage],
            }
        ],
    }


PASSAGE = {
    "document_id": "vaccine.txt",
    "passage": "Health officials said the claim has been disproved.",
    "stance": "neutral",
    "stance_probability": 0.57,
    "retrieval_score": 0.03,
}


def test_a_report_stored_before_1_5_reads_its_relevance_as_relatedness() -> None:
    for version in ("1.3", "1.4"):
        old = Report.model_validate(_stored(version, {**PASSAGE, "relevance": 0.9996}))
        passage = old.claims[0].evidence[0]
        assert (passage.relevance, passage.relatedness) == (None, 0.9996), version
        assert old.schema_version == SCHEMA_VERSION  # read in, it is a report of today's version
    new = Report.model_validate(_stored("1.5", {**PASSAGE, "relevance": 0.21, "relatedness": 1.0}))
    passage = new.claims[0].evidence[0]
    assert (passage.relevance, passage.relatedness) == (0.21, 1.0)
    again = Report.model_validate(new.model_dump(mode="json"))
    assert again.claims[0].evidence[0] == passage
