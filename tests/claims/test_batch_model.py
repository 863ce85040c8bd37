"""The batch path's parser-free check-worthiness model: its cues and the shipped artefact."""

from __future__ import annotations

import json

import pytest

from veracity.claims.cues import N_CUES, CueFeatures, cue_features
from veracity.claims.model import (
    BATCH_FEATURE_SETS,
    CLAIMS,
    CLAIMS_BATCH,
    batch_checkworthiness_threshold,
    load_batch_checkworthiness_model,
)
from veracity.claims.train import BATCH_FACT_CHECKED_WEIGHT

FACTS = [
    "Unemployment fell to 4.2 percent in March, the lowest level since 2008.",
    "The Senate passed the bill 52 to 48 on Tuesday, cutting taxes by $1.5 trillion.",
    "Obama signed the Affordable Care Act in 2010, covering 20 million more Americans.",
]
OPINIONS = [
    "I think we all want a better future for our children.",
    "We must come together and do what is right for this great nation.",
    "Thank you all so much for being here tonight.",
]


def test_cues_read_numbers_names_tense_and_person() -> None:
    fact = dict(enumerate(cue_features(FACTS[1])))
    opinion = dict(enumerate(cue_features(OPINIONS[0])))
    assert fact[0] >= 3 and fact[1] == 1.0  # 52, 48, $1.5, trillion
    assert fact[2] >= 2  # Senate, Tuesday
    assert fact[6] > 0  # past tense: passed
    assert opinion[1] == 0.0 and opinion[9] > 0 and opinion[11] == 1.0  # no figure, I, think
    assert cue_features("Is this true?")[14] == 1.0
    assert len(cue_features("")) == N_CUES


def test_cue_transformer_shape() -> None:
    assert CueFeatures().fit_transform(FACTS + OPINIONS).shape == (6, N_CUES)
    assert CueFeatures().transform([]).shape == (0, N_CUES)


@pytest.mark.data
def test_shipped_batch_model_separates_facts_from_opinions() -> None:
    model = load_batch_checkworthiness_model()
    threshold = batch_checkworthiness_threshold()
    facts = model.predict_proba(FACTS)[:, 1]
    opinions = model.predict_proba(OPINIONS)[:, 1]
    assert (facts >= threshold).all(), facts
    assert (opinions < threshold).all(), opinions


@pytest.mark.data
def test_batch_model_needs_neither_spacy_nor_the_encoder() -> None:
    # Scoring must not parse or embed: the batch path cannot afford either per sentence.
    model = load_batch_checkworthiness_model()
    steps = {name for name, _ in model.named_steps["features"].transformer_list}
    assert steps <= {"tfidf", "cues"}
    from veracity.embeddings import encoder

    encoder.get_encoder.cache_clear()
    model.predict_proba(FACTS)
    assert encoder.get_encoder.cache_info().currsize == 0


def test_batch_card_reports_the_deep_models_parts_beside_plain_tfidf() -> None:
    card = json.loads((CLAIMS_BATCH.directory / "card.json").read_text())
    deep_card = json.loads((CLAIMS.directory / "card.json").read_text())
    metrics = card["metrics"]
    assert metrics["feature_set"] in BATCH_FEATURE_SETS
    # the same debates; the batch model also learns from fact-checked claims
    fact_checked = card["split"].pop("fact_checked_claims")
    assert card["split"] == deep_card["split"]
    assert fact_checked["weight"] == BATCH_FACT_CHECKED_WEIGHT > 0
    assert fact_checked["sources"] == ["liar train", "constraint train"]
    baselines = metrics["baselines"]
    for part in ("checkthat_dev_test", "claimbuster_held_out"):
        # Close to the deep model, far above the majority class and near plain TF-IDF (which
        # edges it on dev-test: reported, not tuned away).
        assert metrics[part]["f1"] >= deep_card["metrics"][part]["f1"] - 0.06, part
        assert metrics[part]["f1"] >= 0.7 > baselines["majority_class"][part]["f1"], part
        tfidf = baselines["tfidf_logistic_regression"][part]["f1"]
        assert metrics[part]["f1"] >= tfidf - 0.03, part
    assert metrics["claimbuster_held_out"]["f1"] > tfidf_f1(baselines, "claimbuster_held_out")


def test_health_claims_fact_checkers_checked_are_check_worthy() -> None:
    # The user's fault: debate-trained, the batch model scored these 0.09 and 0.45 (cut 0.50);
    # trained with fact-checked claims too (bench/checkworthiness_genre.py) 0.95 and 0.99.
    model, threshold = load_batch_checkworthiness_model(), batch_checkworthiness_threshold()
    claims = ["Hydroxychloroquine treats coronavirus.", "Vitamin C cures COVID-19."]
    non_claims = ["Thank you all for coming tonight.", "I think that's a great question."]
    assert (model.predict_proba(claims)[:, 1] >= threshold).all()
    assert (model.predict_proba(non_claims)[:, 1] < threshold).all()


def tfidf_f1(baselines: dict, part: str) -> float:
    return baselines["tfidf_logistic_regression"][part]["f1"]


@pytest.mark.parametrize("which", ["batch", "deep"])
def test_the_final_punctuation_alone_does_not_decide(which: str) -> None:
    # The shipped batch model once scored "The deficit grew by 40 percent in 2019!" 5e-73 and
    # the same sentence with a full stop 0.97: 4 training sentences ended in "!".
    from veracity.claims.model import checkworthiness_threshold, load_checkworthiness_model

    model, threshold = {
        "batch": (load_batch_checkworthiness_model, batch_checkworthiness_threshold),
        "deep": (load_checkworthiness_model, checkworthiness_threshold),
    }[which]
    sentences = [*FACTS, "The deficit grew by 40 percent in 2019.", *OPINIONS]
    plain = model().predict_proba(sentences)[:, 1]
    for edit in (lambda s: s[:-1] + "!", lambda s: s[:-1]):
        edited = model().predict_proba([edit(s) for s in sentences])[:, 1]
        assert list(edited >= threshold()) == list(plain >= threshold()), (which, edited)
        assert max(abs(edited - plain)) < 0.2, (which, edited - plain)
