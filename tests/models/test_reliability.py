"""The shipped reliability model: loads, scores in [0, 1], ranks, and explains with exact spans."""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import analysed
from veracity.artefacts import CARD_FILE
from veracity.errors import ModelError
from veracity.models import label_for, score_reliability, score_texts
from veracity.models.artefact import MODEL_FILE, artefact_dir, load_artefact
from veracity.models.explain import top_contributions
from veracity.models.features import signal_row
from veracity.models.inference import linear_scorer
from veracity.signals import detect_signals

WIRE = (
    "Senate passes spending bill, sending it to the House\n\n"
    "The Senate on Tuesday approved a $1.2 trillion spending bill by a vote of 68 to 31, "
    "sending the measure to the House of Representatives, where a vote is expected on Thursday. "
    "The bill funds federal agencies through September 30. Senate Majority Leader Chuck Schumer "
    "said in a statement that the agreement kept the government open. The Congressional Budget "
    "Office estimated that the bill would add $15 billion to the deficit over ten years. "
    "Lawmakers from both parties said they expected the measure to pass the House."
)


def _score(text: str, depth: str = "fast"):
    document = analysed(text, "fast")
    return document, score_reliability(document, detect_signals(document), depth=depth)


def test_shipped_artefact_loads_with_its_card() -> None:
    artefact = load_artefact()
    assert artefact.version.startswith("reliability-")
    assert artefact.card["training_data_manifest"]
    low, high = artefact.thresholds
    assert 0 < low < high < 1


@pytest.mark.data
def test_seed_article_leans_unreliable_and_wire_copy_scores_higher(seed_text: str) -> None:
    _, seed = _score(seed_text)
    _, wire = _score(WIRE)
    assert seed is not None and wire is not None
    assert 0.0 <= seed.score < 0.5
    assert seed.label in {"unreliable", "uncertain"}
    assert wire.score > seed.score + 0.2


def test_scores_are_probabilities_with_a_thresholded_label(example_text: str) -> None:
    for text in (example_text, WIRE, "Short."):
        _, result = _score(text)
        assert result is not None
        assert 0.0 <= result.score <= 1.0
        assert result.label == label_for(result.score)
        assert result.model_version == load_artefact().version


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_top_feature_spans_quote_the_text_exactly(example_text: str, depth: str) -> None:
    document, result = _score(example_text, depth)
    assert result is not None and result.top_features
    terms = [f for f in result.top_features if f.source == "term"]
    assert terms and all(f.spans for f in terms)
    for feature in result.top_features:
        for span in feature.spans:
            assert document.text[span.start : span.end] == span.quote
    for feature in terms:
        for span in feature.spans:
            assert re.findall(r"[\w'’]+", span.quote.lower()) == feature.name.split()
    pushes = [abs(f.contribution) for f in result.top_features if f.source != "other"]
    assert pushes == sorted(pushes, reverse=True)
    chars = [f for f in result.top_features if f.source == "other"]
    if depth == "deep":  # the char n-grams' total push: one entry, no spans
        assert len(chars) == 1 and chars[0].name.startswith("character n-grams")
    else:
        assert not chars


def test_contributions_add_up_to_the_score() -> None:
    """The explanation is exact: every feature's push plus the intercepts is the score's log-odds,
    and the report's ``top_features`` are the largest of those pushes, in order."""
    artefact = load_artefact()
    model = artefact.model
    document, result = _score(WIRE)
    assert result is not None and result.top_features
    assert abs(score_texts([document.text])[0] - result.score) < 0.2  # batch: no signals; close
    signals = detect_signals(document)
    every = top_contributions(
        model,
        linear_scorer(model).transform([document.text]),
        signal_row(signals, artefact.detectors),
        document.text,
        signals,
        limit=10**6,
    )
    intercepts = model.text_weight * float(model.linear_.intercept_[0]) + float(
        model.combiner_.intercept_[0]
    )
    log_odds = math.log(result.score / (1.0 - result.score))
    # contributions and the score are rounded to 4 decimals in the report
    assert abs(sum(f.contribution for f in every) + intercepts - log_odds) < 0.01
    shown = result.top_features
    assert [f.contribution for f in shown] == [f.contribution for f in every[: len(shown)]]
    assert {f.name for f in shown} == {f.name for f in every[: len(shown)]}


def test_missing_or_outdated_artefact_is_a_model_error(tmp_path: Path) -> None:
    copy = tmp_path / "reliability"
    shutil.copytree(artefact_dir(), copy)
    card = json.loads((copy / CARD_FILE).read_text())
    card["format_version"] = "reliability-0"
    (copy / CARD_FILE).write_text(json.dumps(card))
    with pytest.raises(ModelError, match="version 'reliability-0'"):
        load_artefact(copy)
    (copy / CARD_FILE).unlink()
    with pytest.raises(ModelError, match="artefact is missing"):
        load_artefact(copy)


def test_corrupt_model_file_is_a_model_error(tmp_path: Path) -> None:
    copy = tmp_path / "reliability"
    shutil.copytree(artefact_dir(), copy)
    (copy / MODEL_FILE).write_bytes(b"not a model")
    with pytest.raises(ModelError, match="corrupt"):
        load_artefact(copy)
