"""Corpus loaders return the documented counts and labels in the common record."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from veracity.data import corpus_loaders, load_corpus
from veracity.data.liar import LIAR_LABELS, LIAR_META
from veracity.data.record import NewsRecord
from veracity.errors import DataError

pytestmark = pytest.mark.data


def _labels(records: list[NewsRecord]) -> Counter[str]:
    return Counter(r.label for r in records)


def test_every_corpus_is_registered() -> None:
    names = {loader.name for loader in corpus_loaders()}
    assert {
        "fakenewsnet",
        "perezrosas2018",
        "buzzfeed_webis",
        "liar",
        "constraint_covid19",
        "clickbait",
    } <= names


def test_fakenewsnet_counts_and_outlets(data_dir: Path) -> None:
    records = load_corpus("fakenewsnet", data_dir)
    assert len(records) == 10_737
    assert _labels(records) == {"fake": 4_500, "real": 6_237}
    by_collection = Counter((r.collection, r.label) for r in records)
    assert by_collection[("gossipcop", "fake")] == 4_150
    assert by_collection[("politifact", "real")] == 397
    assert all(r.level == "article" and r.text for r in records)
    # Wayback Machine copies are grouped under the archived outlet, not web.archive.org.
    assert not any(r.source == "web.archive.org" for r in records)


def test_perezrosas_counts(data_dir: Path) -> None:
    records = load_corpus("perezrosas2018", data_dir)
    assert len(records) == 980
    assert _labels(records) == {"fake": 490, "real": 490}
    assert Counter(r.collection for r in records) == {"fakenewsamt": 480, "celebrity": 500}


def test_buzzfeed_keeps_rated_articles_with_text(data_dir: Path) -> None:
    records = load_corpus("buzzfeed_webis", data_dir)
    # 87 mostly-false and 1,264 mostly-true, minus 5 and 15 empty texts.
    assert _labels(records) == {"fake": 82, "real": 1_249}
    assert all(r.text.strip() for r in records)
    assert {r.original_label for r in records} == {"mostly false", "mostly true"}


def test_liar_splits_labels_and_no_credit_history(data_dir: Path) -> None:
    records = load_corpus("liar", data_dir)
    assert Counter(r.split for r in records) == {"train": 10_269, "valid": 1_284, "test": 1_283}
    assert {r.original_label for r in records} == set(LIAR_LABELS)
    real = {r.label for r in records if r.original_label in {"half-true", "mostly-true", "true"}}
    assert real == {"real"}
    first_test = next(r for r in records if r.id == "liar-11972")
    assert first_test.text == "Building a wall on the U.S.-Mexico border will take literally years."
    # The credit-history counts of that row are 30, 30, 42, 23, 18: none may surface.
    assert set(first_test.meta) == set(LIAR_META)
    assert first_test.meta["speaker"] == "rick-perry"
    assert not {"30", "42", "23", "18"} & set(first_test.meta.values())
    assert all(set(r.meta) == set(LIAR_META) for r in records)


def test_constraint_official_splits(data_dir: Path) -> None:
    records = load_corpus("constraint_covid19", data_dir)
    assert Counter(r.split for r in records) == {"train": 6_420, "valid": 2_140, "test": 2_140}
    assert _labels([r for r in records if r.split == "test"]) == {"real": 1_120, "fake": 1_020}


def test_clickbait_headlines(data_dir: Path) -> None:
    records = load_corpus("clickbait", data_dir)
    assert Counter(r.original_label for r in records) == {
        "clickbait": 15_999,
        "not_clickbait": 16_001,
    }
    assert all(r.level == "headline" and "\n" not in r.text for r in records)


def test_ids_are_unique_across_corpora(data_dir: Path) -> None:
    ids = [r.id for loader in corpus_loaders() for r in load_corpus(loader.name, data_dir)]
    assert len(ids) == len(set(ids))


def test_missing_corpus_folder_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not found"):
        load_corpus("liar", tmp_path)


def test_unknown_corpus_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="unknown corpus"):
        load_corpus("no_such_corpus", tmp_path)


def test_malformed_file_is_a_data_error(tmp_path: Path) -> None:
    folder = tmp_path / "perezrosas2018_fakenewsamt_celebrity"
    folder.mkdir()
    (folder / "perezrosas2018.jsonl.gz").write_bytes(b"not gzip at all")
    with pytest.raises(DataError, match="cannot read"):
        load_corpus("perezrosas2018", tmp_path)
