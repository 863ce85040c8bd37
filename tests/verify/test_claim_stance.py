"""The claim / passage cross-encoder (``claim-stance``: measured beside the shipped evidence-stance
head, not enabled, since it lost on held-out CLIMATE-FEVER claim accuracy)."""

from __future__ import annotations

import numpy as np

from veracity.verify.claim_stance import load_claim_stance_model
from veracity.verify.stance import STANCE_LABELS

PENTAGON_CLAIM = "A Russian strike killed 30 US, British and Israeli officers in Aleppo."
PENTAGON_DENIAL = (
    "The Pentagon said on Thursday that reports that a Russian missile strike had killed 30 US,"
    " British and Israeli officers at an operations centre in Aleppo were false."
)
CONVOY_CLAIM = "The UN aid convoy near Aleppo was bombed with a US Hellfire drone."
CONVOY_DENIAL = (
    "A United Nations board of inquiry into the attack on an aid convoy near Aleppo in"
    " September found no evidence that a US drone was involved."
)
UNRELATED = "Coffee prices rose sharply after a frost damaged crops in Brazil."


def test_probabilities_are_distributions_over_the_stance_labels():
    proba = load_claim_stance_model().predict_proba(
        [CONVOY_CLAIM] * 3, [CONVOY_DENIAL, UNRELATED, ""]
    )
    assert proba.shape == (3, len(STANCE_LABELS))
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert np.all(proba >= 0)


def test_an_unrelated_passage_is_unrelated():
    model = load_claim_stance_model()
    assert model.predict([CONVOY_CLAIM], [UNRELATED])[0] == "unrelated"


def test_the_issues_denials_are_about_the_claim_and_not_agreement():
    model = load_claim_stance_model()
    proba = model.predict_proba([PENTAGON_CLAIM, CONVOY_CLAIM], [PENTAGON_DENIAL, CONVOY_DENIAL])
    unrelated, agree = STANCE_LABELS.index("unrelated"), STANCE_LABELS.index("agree")
    assert np.all(proba[:, unrelated] < 0.5)  # the evidence about the claim...
    assert np.all(proba.argmax(axis=1) != agree)  # ...which does not support it


def test_the_model_ranks_a_confirmation_above_a_denial_of_the_same_claim():
    model = load_claim_stance_model()
    agree = STANCE_LABELS.index("agree")
    confirmation = "The Pentagon confirmed that a Russian strike killed 30 US, British and Israeli officers in Aleppo."
    proba = model.predict_proba([PENTAGON_CLAIM] * 2, [confirmation, PENTAGON_DENIAL])
    assert proba[0, agree] > proba[1, agree]
