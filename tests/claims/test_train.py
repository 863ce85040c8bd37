"""Saving a check-worthiness model: the pickle and a card the loaders accept."""

from __future__ import annotations

from pathlib import Path

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from veracity.claims.model import CLAIMS_BATCH_ARTEFACT, CLAIMS_BATCH_REBUILD
from veracity.claims.train import CLAIMBUSTER_FILE, THRESHOLD, save_checkworthiness_model
from veracity.errors import ModelError
from veracity.verify.artefacts import load_joblib, read_card


def test_saved_model_loads_with_its_card(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    (data_dir / CLAIMBUSTER_FILE).parent.mkdir(parents=True)
    (data_dir / CLAIMBUSTER_FILE).write_text("Sentence_id,Text,Verdict\n1,a,0\n", encoding="utf-8")
    texts = ["Unemployment fell to 4 percent in 2019.", "I think we can do better.", "Thank you."]
    model = Pipeline([("tfidf", TfidfVectorizer()), ("lr", LogisticRegression())])
    model.fit(texts * 2, [1, 0, 0] * 2)
    folder = tmp_path / "claims_test"
    save_checkworthiness_model(
        model,
        folder,
        name="claims_test",
        version="9",
        intended_use="a test",
        data_dir=data_dir,
        sentences=(6, 2),
        metrics={"held_out": {"f1": 0.5}},
        limits="none",
    )
    card = read_card(folder, name="claims_test", version="9")
    assert card["threshold"] == THRESHOLD
    assert card["split"]["train_sentences"] == 6 and card["split"]["held_out_sentences"] == 2
    assert card["training_data"]  # the manifest of the ClaimBuster file
    loaded = load_joblib(folder / "model.joblib", name="claims_test")
    assert (loaded.predict_proba(texts) == model.predict_proba(texts)).all()


def test_a_missing_batch_model_names_its_rebuild_command(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"rebuild it with: veracity train claims-batch$"):
        load_joblib(
            tmp_path / "model.joblib", name=CLAIMS_BATCH_ARTEFACT, rebuild=CLAIMS_BATCH_REBUILD
        )
