"""The shipped evidence-sentence stance head on held-out CLIMATE-FEVER claims."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.verify.evidence_stance import is_short, load_evidence_stance_model
from veracity.verify.stance import STANCE_LABELS
from veracity.verify.train_evidence_stance import (
    CLAIM_VERDICT,
    EVIDENCE_STANCE,
    claim_verdicts,
    load_climate_fever,
    split_claims,
)

pytestmark = pytest.mark.data


@pytest.fixture(scope="module")
def held_out(data_dir):
    train, validation, held_out = split_claims(load_climate_fever(data_dir))
    seen = {c["claim_id"] for c in train + validation}
    assert not seen & {c["claim_id"] for c in held_out}
    return held_out


def _pair(held_out, claim_id: str, evidence_start: str) -> tuple[str, str, str]:
    claim = next(c for c in held_out if c["claim_id"] == claim_id)
    evidence = next(e for e in claim["evidences"] if e["evidence"].startswith(evidence_start))
    return claim["claim"], evidence["evidence"], EVIDENCE_STANCE[evidence["evidence_label"]]


def test_held_out_supporting_and_refuting_pairs_are_judged_right(held_out):
    model = load_evidence_stance_model()
    supporting = _pair(held_out, "669", "Future sea level rise could lead")
    refuting = _pair(held_out, "2136", "Geothermal power plants can operate")
    assert (supporting[2], refuting[2]) == ("agree", "disagree")
    predicted = model.predict([supporting[0], refuting[0]], [supporting[1], refuting[1]])
    assert list(predicted) == ["agree", "disagree"]


def test_unrelated_sentence_is_unrelated(held_out):
    claim = next(c for c in held_out if c["claim_id"] == "669")["claim"]
    passage = "The club's new stadium opened in 2016 with a friendly against Benfica."
    assert load_evidence_stance_model().predict([claim], [passage])[0] == "unrelated"


def test_held_out_verdicts_beat_the_majority_class(held_out):
    model = load_evidence_stance_model()
    claims = held_out[:150]
    texts = [c["claim"] for c in claims for _ in c["evidences"]]
    passages = [e["evidence"] for c in claims for e in c["evidences"]]
    proba = model.predict_proba(texts, passages)
    labels = list(model.labels_from_proba(proba))
    gold_pairs = np.asarray(
        [EVIDENCE_STANCE[e["evidence_label"]] for c in claims for e in c["evidences"]]
    )
    taking_side = gold_pairs != "discuss"
    assert np.mean(np.asarray(labels)[taking_side] != "discuss") > 0.3  # not "discuss" for all
    gold = np.asarray([CLAIM_VERDICT[c["claim_label"]] for c in claims])
    verdicts = np.asarray(claim_verdicts(claims, labels, proba))
    majority = np.mean(gold == "supported")
    assert np.mean(verdicts == gold) > majority + 0.03


def test_probabilities_are_distributions_and_long_passages_go_elsewhere(held_out):
    claim = held_out[0]
    proba = load_evidence_stance_model().predict_proba(
        [claim["claim"]] * 2, [e["evidence"] for e in claim["evidences"][:2]]
    )
    assert proba.shape == (2, len(STANCE_LABELS))
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert is_short(claim["evidences"][0]["evidence"])
    assert not is_short(" ".join(["word"] * 200))
