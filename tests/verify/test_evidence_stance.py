"""The shipped passage stance head on held-out CLIMATE-FEVER claims."""

from __future__ import annotations

import numpy as np
import pytest

from veracity.verify.evidence_stance import load_evidence_stance_model
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


def test_unrelated_sentence_is_unrelated(held_out):
    claim = next(c for c in held_out if c["claim_id"] == "669")["claim"]
    passage = "The club's new stadium opened in 2016 with a friendly against Benfica."
    assert load_evidence_stance_model().predict([claim], [passage])[0] == "unrelated"


@pytest.fixture(scope="module")
def held_out_proba(held_out):
    texts = [c["claim"] for c in held_out for _ in c["evidences"]]
    passages = [e["evidence"] for c in held_out for e in c["evidences"]]
    return load_evidence_stance_model().predict_proba(texts, passages)


def test_held_out_verdicts_beat_the_majority_class(held_out, held_out_proba):
    model = load_evidence_stance_model()
    claims = held_out
    proba = held_out_proba
    labels = model.labels_from_proba(proba)
    gold_pairs = np.asarray(
        [EVIDENCE_STANCE[e["evidence_label"]] for c in claims for e in c["evidences"]]
    )
    taking_side = gold_pairs != "discuss"
    assert np.mean(labels[taking_side] != "discuss") > 0.2  # not "discuss" for all
    gold = np.asarray([CLAIM_VERDICT[c["claim_label"]] for c in claims])
    verdicts = np.asarray(claim_verdicts(claims, proba))
    majority = max(np.mean(gold == label) for label in set(gold))
    assert np.mean(verdicts == gold) > majority + 0.03


def test_held_out_claim_accuracy_is_above_the_version_1_head(held_out, held_out_proba):
    """Issue 16's target: above version 1's 0.567 (174 of 307 claims) under the shipped rule.

    The shipped head gets 176 of 307 on this machine (docs/benchmarks.md). The int8 encoder's
    arithmetic depends on the CPU's instruction set, so the test leaves two verdicts of slack:
    it fails as soon as the head falls below version 1's 174.
    """
    gold = [CLAIM_VERDICT[c["claim_label"]] for c in held_out]
    verdicts = claim_verdicts(held_out, held_out_proba)
    right = sum(a == b for a, b in zip(gold, verdicts, strict=True))
    assert right >= 174, f"{right} of {len(held_out)}"


def test_probabilities_are_distributions(held_out):
    claim = held_out[0]
    proba = load_evidence_stance_model().predict_proba(
        [claim["claim"]] * 2, [e["evidence"] for e in claim["evidences"][:2]]
    )
    assert proba.shape == (2, len(STANCE_LABELS))
    assert np.allclose(proba.sum(axis=1), 1.0)
