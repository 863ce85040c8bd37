"""The readers of the corpora that are not news records (one reader each, in data/): what
they read, and one clear error when a file is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from veracity.data.checkthat import load_checkthat
from veracity.data.claimbuster import load_claimbuster
from veracity.data.fnc1 import load_fnc_pairs
from veracity.data.media_reliability import (
    BIAS,
    CORPUS,
    FACTUALITY,
    RATING_FILES,
    read_media_reliability,
)
from veracity.data.ptc import article_files, read_ptc_train
from veracity.errors import DataError


@pytest.mark.data
def test_ptc_articles_carry_spans_that_index_their_text(data_dir: Path) -> None:
    articles = read_ptc_train(data_dir)
    assert len(articles) == 371
    assert sum(len(a.si_spans) for a in articles) == 5468
    assert sum(len(a.tc_spans) for a in articles) == 6129
    first = articles[0]
    technique, start, end = first.tc_spans[0]
    assert (first.article_id, technique) == ("111111111", "Appeal_to_Authority")
    assert first.text[start:end] == "The next transmission could be more pronounced or stronger"
    assert len(article_files(data_dir)) == 536  # train, dev and test articles


@pytest.mark.data
def test_fnc1_pairs_join_headlines_to_their_bodies(data_dir: Path) -> None:
    pairs = load_fnc_pairs(data_dir)
    assert list(pairs.columns) == ["headline", "body_id", "stance", "body"]
    assert pairs["stance"].value_counts().to_dict() == {
        "unrelated": 18349,
        "discuss": 4464,
        "agree": 1903,
        "disagree": 697,
    }
    assert pairs["body"].str.len().min() > 0


@pytest.mark.data
def test_checkworthiness_corpora_read_sentences_labels_and_ids(data_dir: Path) -> None:
    texts, labels, ids = load_claimbuster(data_dir)
    assert (len(texts), int(labels.sum())) == (11056, 2764)
    assert len(set(ids.tolist())) == len(ids)
    sizes = {}
    for split in ("train", "dev", "dev-test"):
        texts, labels, ids = load_checkthat(data_dir, split)
        sizes[split] = (len(texts), int(labels.sum()))
        assert all(text == text.strip() and text for text in texts)
    assert sizes == {"train": (22500, 5413), "dev": (1032, 238), "dev-test": (318, 108)}


@pytest.mark.data
def test_media_reliability_rows_are_on_mbfc_scales(data_dir: Path) -> None:
    counts = {}
    for paper, name in RATING_FILES.items():
        rows = list(read_media_reliability(data_dir / CORPUS / name))
        counts[paper] = len(rows)
        assert {r.fact for r in rows} <= FACTUALITY and {r.bias for r in rows} <= BIAS
    assert counts == {"emnlp18": 1066, "acl2020": 859}


def test_a_missing_corpus_file_is_one_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"FNC-1 file missing: .*competition_test_stances"):
        load_fnc_pairs(tmp_path)
    with pytest.raises(DataError, match="ClaimBuster file missing"):
        load_claimbuster(tmp_path)
    with pytest.raises(DataError, match=r"CheckThat! file missing"):
        load_checkthat(tmp_path, "dev")
    with pytest.raises(DataError, match="PTC corpus not found"):
        read_ptc_train(tmp_path)
    with pytest.raises(DataError, match="media reliability file missing"):
        list(read_media_reliability(tmp_path / "emnlp18_corpus.tsv"))
    bad = tmp_path / "bad.tsv"
    bad.write_text(
        "source_url\tsource_url_normalized\tref\tfact\tbias\nhttp://a.com\ta.com\tr\tsome\tleft\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"unexpected labels 'some'/'left' in bad\.tsv"):
        list(read_media_reliability(bad))
