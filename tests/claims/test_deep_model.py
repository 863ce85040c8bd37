"""The shipped deep check-worthiness model on real labelled statements from outside the debates
it was trained on."""

from __future__ import annotations

import csv

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
