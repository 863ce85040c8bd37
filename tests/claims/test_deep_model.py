"""The shipped deep check-worthiness model on real labelled statements from outside the debates
it was trained on."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from veracity.claims.model import checkworthiness_threshold, load_checkworthiness_model
from veracity.settings import get_settings

SAMPLE = 300


@pytest.mark.data
def test_statements_that_fact_checkers_chose_to_check_are_mostly_check_worthy() -> None:
    # LIAR validation statements: every one was chosen and checked by PolitiFact, so every one
    # is check-worthy whatever its verdict; they come from speeches, ads, interviews and posts,
    # not the debate transcripts the model learned from. A model that does not generalise
    # beyond debates (or one that calls everything not check-worthy) fails here.
    path = get_settings().data_dir / "liar" / "valid.tsv"
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    statements = [row[2].strip() for row in rows[:SAMPLE]]
    scores = load_checkworthiness_model().predict_proba(statements)[:, 1]
    share = float((scores >= checkworthiness_threshold()).mean())
    assert share >= 0.75, share


def test_the_shipped_mix_is_the_one_chosen_on_validation() -> None:
    from veracity.claims.adapter import MeanProbability, TokenHeadClassifier
    from veracity.claims.model import CLAIMS
    from veracity.claims.train import HEAD_WEIGHTS

    metrics = CLAIMS.read_metrics()
    assert metrics.head is not None and metrics.head_weight is not None
    mixes = metrics.head["mixes"]
    chosen = max(HEAD_WEIGHTS, key=lambda w: mixes[str(w)])  # the first of equal figures
    assert metrics.head_weight == chosen
    assert checkworthiness_threshold() == metrics.validation[metrics.feature_set].threshold
    model = load_checkworthiness_model()
    if chosen == 0:  # the linear model alone
        assert not isinstance(model, MeanProbability) and "head" not in metrics.feature_set
        return
    assert metrics.feature_set.endswith("+minilm_head")
    assert isinstance(model, MeanProbability) and list(model.weights) == [1 - chosen, chosen]
    heads = model.members[1]
    assert isinstance(heads, TokenHeadClassifier)
    assert len(heads.heads_) == len(metrics.head["seeds"])


def test_scoring_with_the_deep_model_imports_no_torch() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from veracity.claims.model import load_checkworthiness_model; "
        "p = load_checkworthiness_model().predict_proba(['Taxes rose 20 percent in 2019.']); "
        "assert 0 < p[0, 1] < 1; print(sorted(m for m in sys.modules if m.split('.')[0] == 'torch'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_either_probability_passes_the_threshold_when_either_score_does() -> None:
    from veracity.claims.model import either_probability

    score = np.array([0.2, 0.7, 0.2, 0.49, 0.0, 0.3])
    batch = np.array([0.1, 0.1, 0.68, 0.67, 1.0, 0.34])
    combined = either_probability(score, batch, 0.68, 0.5)
    assert list(combined >= 0.5) == [False, True, True, False, True, False]
    assert combined[4] == 1.0 and combined[2] == 0.5  # the batch threshold falls on 0.5
    assert list(combined[[0, 1, 3, 5]]) == [0.2, 0.7, 0.49, 0.3]  # unsure: the score itself


def test_claims_fact_checkers_checked_are_check_worthy_on_the_deep_path() -> None:
    """Stop 43's fault: the deep path gave "Hydroxychloroquine treats coronavirus." 0.21 and
    "Obama was born in Kenya." 0.18 (a debate-trained model); the batch model, which also learnt
    claims fact-checkers checked, is sure of the first, so the deep path takes its word."""
    from veracity.claims.extract import score_claim

    threshold = checkworthiness_threshold()
    for claim in ("Hydroxychloroquine treats coronavirus.", "Obama was born in Kenya."):
        assert score_claim(claim).score >= threshold, claim
    for remark in ("Thank you all for coming tonight.", "I think that's a great question."):
        assert score_claim(remark).score < 0.05, remark


def test_the_deep_path_scores_with_the_claims_model_or_a_sure_batch_model() -> None:
    from veracity.claims.model import (
        BATCH_SURE,
        load_batch_checkworthiness_model,
        load_checkworthiness_scorer,
    )

    sentences = [
        "Unemployment fell to 4.2 percent in March, the lowest level since 2008.",
        "Vitamin C cures COVID-19.",
        "I think we all want a better future for our children.",
    ]
    deep = load_checkworthiness_model().predict_proba(sentences)[:, 1]
    batch = load_batch_checkworthiness_model().predict_proba(sentences)[:, 1]
    scored = load_checkworthiness_scorer().predict_proba(sentences)[:, 1]
    threshold = checkworthiness_threshold()
    assert list(scored >= threshold) == list((deep >= threshold) | (batch >= BATCH_SURE))
    unsure = batch < BATCH_SURE
    assert list(scored[unsure]) == list(deep[unsure]) and np.all(scored >= deep)
