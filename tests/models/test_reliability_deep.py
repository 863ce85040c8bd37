"""The deep path's reliability model: its own artefact and version, never worse than the fast path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import analysed
from tests.models.test_reliability import WIRE
from veracity.artefacts import CARD_FILE
from veracity.errors import ModelError
from veracity.models import score_reliability, score_reliability_batch
from veracity.models.artefact import artefact_dir, load_artefact
from veracity.signals import detect_signals


def _score(text: str, depth: str):
    document = analysed(text, "fast")
    return document, score_reliability(document, detect_signals(document), depth=depth).reliability


def test_deep_artefact_loads_with_its_own_version_and_the_fast_data() -> None:
    deep, fast = load_artefact(depth="deep"), load_artefact()
    assert deep.card["path"] == "deep"
    # one configuration for both paths until something added beats it on LOCO
    assert deep.card["config"] == fast.card["config"]
    assert deep.version.startswith("reliability-3-deep.")
    assert deep.version != fast.version
    assert deep.card["training_data_manifest"] == fast.card["training_data_manifest"]
    assert deep.card["scoring_cost"]["ms_per_article"] > 0
    assert deep.thresholds == fast.thresholds


@pytest.mark.data
def test_seed_and_example_lean_unreliable_and_wire_copy_scores_higher(
    seed_text: str, example_text: str
) -> None:
    """Both bundled fakes sit below the middle, the seed in the lowest band; the wire copy
    well above them."""
    _, wire = _score(WIRE, "deep")
    assert wire is not None and wire.score >= 0.5
    for text in (seed_text, example_text):
        _, fake = _score(text, "deep")
        assert fake is not None
        assert fake.score < 0.5 and fake.label in {"unreliable", "uncertain"}
        assert wire.score > fake.score + 0.2
    _, seed = _score(seed_text, "deep")
    assert seed is not None and seed.score < 0.35 and seed.label == "unreliable"


def test_each_depth_reports_its_own_model_version(example_text: str) -> None:
    _, deep = _score(example_text, "deep")
    _, fast = _score(example_text, "fast")
    assert deep is not None and fast is not None
    assert deep.model_version == load_artefact(depth="deep").version
    assert fast.model_version == load_artefact().version
    assert deep.model_version != fast.model_version


def test_batch_scoring_keeps_the_fast_model_unless_asked(example_text: str) -> None:
    document = analysed(example_text, "fast")
    found = detect_signals(document)
    (batch,) = score_reliability_batch([document.text], [found])
    (deep_batch,) = score_reliability_batch([document.text], [found], depth="deep")
    assert batch.reliability is not None
    assert batch.reliability.model_version == load_artefact().version
    assert deep_batch == score_reliability(document, found, depth="deep")


def test_a_fast_artefact_is_refused_as_the_deep_model(tmp_path: Path) -> None:
    copy = tmp_path / "reliability_deep"
    shutil.copytree(artefact_dir(), copy)
    with pytest.raises(ModelError, match="'fast' path"):
        load_artefact(copy, depth="deep")
    (copy / CARD_FILE).unlink()
    with pytest.raises(ModelError, match="train reliability --deep"):
        load_artefact(copy, depth="deep")


def test_deep_card_is_marked_deep_on_disk() -> None:
    card = json.loads((artefact_dir(depth="deep") / CARD_FILE).read_text(encoding="utf-8"))
    assert card["path"] == "deep"
    assert card["format_version"] == "reliability-3"
