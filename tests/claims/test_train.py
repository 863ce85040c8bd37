"""Saving a check-worthiness model: the pickle and a card the loaders accept."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from veracity.claims.model import CLAIMS, CLAIMS_BATCH
from veracity.claims.train import save_checkworthiness_model
from veracity.data.claimbuster import CLAIMBUSTER_FILE
from veracity.errors import ModelError


def test_saved_model_loads_with_its_card(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    (data_dir / CLAIMBUSTER_FILE).parent.mkdir(parents=True)
    (data_dir / CLAIMBUSTER_FILE).write_text("Sentence_id,Text,Verdict\n1,a,0\n", encoding="utf-8")
    texts = ["Unemployment fell to 4 percent in 2019.", "I think we can do better.", "Thank you."]
    model = Pipeline([("tfidf", TfidfVectorizer()), ("lr", LogisticRegression())])
    model.fit(texts * 2, [1, 0, 0] * 2)
    folder = tmp_path / "claims_test"
    spec = replace(CLAIMS, name="claims_test", version="9")
    metrics = CLAIMS.read_metrics()  # the shipped model's figures, typed
    save_checkworthiness_model(
        model,
        spec,
        folder,
        summary="a test model",
        intended_use="a test",
        files=[data_dir / CLAIMBUSTER_FILE],
        data_dir=data_dir,
        split={"train_sentences": 6},
        threshold=0.42,
        metrics=metrics,
        limits="none",
    )
    card = spec.read_card(folder)
    assert card.version == "9" and card.summary == "a test model"
    assert card.threshold == 0.42
    assert card["split"]["train_sentences"] == 6
    assert card["training_data"][0]["file"] == CLAIMBUSTER_FILE
    assert spec.read_metrics(folder) == metrics and card.metrics == metrics.record()
    loaded = spec.load_file("model.joblib", folder)
    assert (loaded.predict_proba(texts) == model.predict_proba(texts)).all()


def test_a_missing_batch_model_names_its_rebuild_command(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"rebuild it with: veracity train claims-batch$"):
        CLAIMS_BATCH.load_file("model.joblib", tmp_path)
