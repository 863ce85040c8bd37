"""The LIAR 6-way head: only the statement and allowed metadata reach it, and it learns."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from veracity.data import load_corpus
from veracity.data.liar import LIAR_META, load_liar
from veracity.data.record import NewsRecord
from veracity.models.liar import (
    EMBEDDING_COLUMNS,
    STATEMENT,
    NeighbourLabels,
    SpeakerPrior,
    liar_frame,
    liar_six_way_target,
    liar_stacked_model,
)

CREDIT_COLUMNS = slice(8, 13)  # columns 9-13 of the TSV: the speaker's credit-history counts


def _record(speaker: str, label: str = "false", **meta: str) -> NewsRecord:
    return NewsRecord(
        id=f"liar-{speaker}-{label}",
        corpus="liar",
        collection="politifact_statements",
        level="claim",
        title="",
        text="Says the state budget doubled in four years.",
        label="fake",
        original_label=label,
        source=speaker,
        split="train",
        meta={"speaker": speaker, **meta},
    )


def test_frame_holds_the_statement_and_allowed_metadata_only() -> None:
    leaky = _record("Rick-Perry", party="Republican", credit_0="30", barely_true="42")
    frame = liar_frame([leaky])
    assert list(frame.columns) == [STATEMENT, *LIAR_META]
    row = frame.iloc[0]
    assert row["speaker"] == "rick-perry" and row["party"] == "republican"
    assert row["state"] == "none"  # blank metadata is an explicit category
    assert not {"30", "42"} & set(row.astype(str))


def test_frame_takes_embeddings_as_columns_and_checks_their_shape() -> None:
    records = [_record("a"), _record("b")]
    frame = liar_frame(records, np.ones((2, len(EMBEDDING_COLUMNS)), dtype=np.float32))
    assert list(frame.columns[-len(EMBEDDING_COLUMNS) :]) == EMBEDDING_COLUMNS
    with pytest.raises(ValueError, match="embeddings"):
        liar_frame(records, np.ones((3, len(EMBEDDING_COLUMNS))))


@pytest.mark.data
def test_credit_history_columns_never_reach_the_features(data_dir: Path, tmp_path: Path) -> None:
    """Two copies of real LIAR rows that differ only in the credit counts give the same frame."""
    frames = []
    for fill in ("0", "999"):
        folder = tmp_path / fill
        folder.mkdir()
        for name in ("train.tsv", "valid.tsv", "test.tsv"):
            lines = (data_dir / "liar" / name).read_text(encoding="utf-8").splitlines()[:20]
            altered = []
            for line in lines:
                cells = line.split("\t")
                cells[CREDIT_COLUMNS] = [fill] * 5
                altered.append("\t".join(cells))
            (folder / name).write_text("\n".join(altered) + "\n", encoding="utf-8")
        frames.append(liar_frame(load_liar(folder)))
    pd.testing.assert_frame_equal(frames[0], frames[1])
    assert "999" not in set(frames[1].drop(columns=STATEMENT).to_numpy().ravel())


def test_speaker_prior_is_the_smoothed_training_label_rate() -> None:
    frame = pd.DataFrame({"speaker": ["a", "a", "a", "b"]})
    prior = SpeakerPrior(smoothing=2.0).fit(frame, [0, 0, 1, 1])
    overall = np.array([0.5, 0.5])
    expected_a = (np.array([2, 1]) + 2.0 * overall) / (3 + 2.0)
    probabilities = prior.predict_proba(pd.DataFrame({"speaker": ["a", "never-seen"]}))
    np.testing.assert_allclose(probabilities, [expected_a, overall])
    assert list(prior.predict(pd.DataFrame({"speaker": ["a"]}))) == [0]


def _embedded(vectors: list[list[float]]) -> pd.DataFrame:
    """A frame of embedding columns: the given leading coordinates, zeros after."""
    padded = np.zeros((len(vectors), len(EMBEDDING_COLUMNS)))
    padded[:, : len(vectors[0])] = vectors
    return pd.DataFrame(padded, columns=EMBEDDING_COLUMNS)


def test_neighbour_labels_weigh_the_nearest_training_statements_by_similarity() -> None:
    train = _embedded([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0], [-1.0, 0.0]])
    model = NeighbourLabels(k=2, power=1.0, smoothing=1.0).fit(train, [0, 1, 1, 0])
    prior = np.array([0.5, 0.5])
    # Query (1, 0): nearest are rows 0 (cosine 1, label 0) and 1 (cosine 0.8, label 1).
    expected = (np.array([1.0, 0.8]) + prior) / (1.8 + 1.0)
    # Query (-1, 0): nearest are row 3 (cosine 1) and row 2 (cosine 0, no weight).
    expected_far = (np.array([1.0, 0.0]) + prior) / (1.0 + 1.0)
    probabilities = model.predict_proba(_embedded([[2.0, 0.0], [-1.0, 0.0]]))
    np.testing.assert_allclose(probabilities, [expected, expected_far])
    assert list(model.predict(_embedded([[0.0, 3.0]]))) == [1]


def test_neighbour_labels_cap_k_at_the_training_rows_and_keep_the_label_values() -> None:
    model = NeighbourLabels(k=30).fit(_embedded([[1.0], [-1.0]]), [3, 5])
    assert list(model.classes_) == [3, 5]
    assert list(model.predict(_embedded([[1.0], [-0.5]]))) == [3, 5]


def test_default_stack_reads_the_embeddings_twice_and_predicts_every_row() -> None:
    rng = np.random.default_rng(0)
    labels = ["false", "true", "half-true"] * 20
    records = [_record(f"s{i % 7}", label, party=f"p{i % 2}") for i, label in enumerate(labels)]
    vectors = rng.normal(size=(len(records), len(EMBEDDING_COLUMNS))).astype(np.float32)
    frame = liar_frame(records, vectors)
    model = liar_stacked_model(folds=3).fit(frame, liar_six_way_target(records))
    assert [name for name, _ in model.estimators][-2:] == ["embedding", "neighbours"]
    probabilities = model.predict_proba(frame)
    assert probabilities.shape == (len(records), 3)
    assert np.allclose(probabilities.sum(axis=1), 1.0)


@pytest.mark.data
def test_stacked_head_beats_the_majority_class_on_real_statements(data_dir: Path) -> None:
    records = load_corpus("liar", data_dir)
    train = [r for r in records if r.split == "train"][:4000]
    valid = [r for r in records if r.split == "valid"]
    model = liar_stacked_model(embedding_C=None, neighbours=None, folds=3)
    model.fit(liar_frame(train), liar_six_way_target(train))  # one BLAS thread: conftest.py
    probabilities = model.predict_proba(liar_frame(valid))
    assert probabilities.shape == (len(valid), 6)
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    y_valid = liar_six_way_target(valid)
    accuracy = float(np.mean(probabilities.argmax(axis=1) == y_valid))
    majority = float(np.mean(y_valid == np.bincount(liar_six_way_target(train)).argmax()))
    assert accuracy > majority + 0.03
    # The metadata model's inputs are named after the allowed columns only.
    names = model.named_estimators_["metadata"]["features"].get_feature_names_out()
    assert {name.split("__")[0] for name in names} == {
        "categories",
        "subjects",
        "venue_words",
        "job_words",
    }
    assert not any("credit" in name for name in names)
