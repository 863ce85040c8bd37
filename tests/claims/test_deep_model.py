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
