"""The article corpora added for leave-one-corpus-out evaluation: counts, labels and groups."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from veracity.data import corpus_loaders, load_corpus
from veracity.data.propanews import detokenise
from veracity.data.recovery import WIRE_PUBLISHERS, newsroom_articles
from veracity.errors import DataError

NEW_CORPORA = {
    "recovery_covid2020",
    "covid19_fakenews_koirala",
    "propanews_snopes",
    "semeval2019_hyperpartisan",
    "golbeck2018_fake_satire",
}


def test_the_new_corpora_are_registered_as_articles() -> None:
    levels = {loader.name: loader.level for loader in corpus_loaders()}
    assert {name: levels.get(name) for name in NEW_CORPORA} == dict.fromkeys(NEW_CORPORA, "article")


def test_detokenise_restores_ordinary_punctuation() -> None:
    tokenised = (
        "Trump : “ Build a Fence Around New Mexico ” HOT SPRINGS , AR– Saying , `` it 's "
        "the same '' , isn ’ t it ? ( 09:00 UTC ) & # 039 ;quoted& # 039 ;"
    )
    assert detokenise(tokenised) == (
        "Trump: “Build a Fence Around New Mexico” HOT SPRINGS, AR– Saying, “it's the same”, "
        "isn’t it? (09:00 UTC) 'quoted'"
    )


@pytest.mark.data
def test_recovery_labels_are_per_publisher(data_dir: Path) -> None:
    records = load_corpus("recovery_covid2020", data_dir)
    assert len(records) == 2_031
    assert Counter(r.label for r in records) == {"real": 1_364, "fake": 667}
    assert Counter(r.original_label for r in records) == {"reliable": 1_364, "unreliable": 667}
    # the label is the publisher's: every publisher sits on one side, and groups split by it
    sides: dict[str, set[str]] = {}
    for record in records:
        sides.setdefault(record.source or "", set()).add(record.label)
    assert len(sides) == 55 and all(len(labels) == 1 for labels in sides.values())
    assert {r.group for r in records if r.source == "Sputnik News"} == {
        "recovery_covid2020:Sputnik News"
    }


@pytest.mark.data
def test_newsroom_articles_are_the_reliable_long_articles_of_the_newsrooms_by_id(
    data_dir: Path,
) -> None:
    wire = newsroom_articles(data_dir / "recovery_covid2020", WIRE_PUBLISHERS)
    assert len(wire) > 300  # the benches read 40 + 40 + 80 of them and the last 30
    assert [str(r["id"]) for r in wire] == sorted(str(r["id"]) for r in wire)
    assert {r["publisher"] for r in wire} <= WIRE_PUBLISHERS
    assert all(r["label"] == "reliable" and len(r["text"]) >= 500 for r in wire)
    shorter = newsroom_articles(data_dir / "recovery_covid2020", WIRE_PUBLISHERS, min_chars=0)
    assert {r["id"] for r in wire} < {r["id"] for r in shorter}  # the length floor drops some
    assert newsroom_articles(data_dir / "recovery_covid2020", {"No Such Newsroom"}) == []


def test_newsroom_articles_name_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"recovery_news\.jsonl\.gz"):
        newsroom_articles(tmp_path, WIRE_PUBLISHERS)


@pytest.mark.data
def test_koirala_deduplicated_file(data_dir: Path) -> None:
    records = load_corpus("covid19_fakenews_koirala", data_dir)
    assert Counter(r.label for r in records) == {"real": 1_841, "fake": 953}
    assert Counter(r.collection for r in records) == {
        "true": 1_841,
        "false news": 615,
        "partially false": 338,
    }


@pytest.mark.data
def test_propanews_snopes_drops_fact_check_pages_and_detokenises(data_dir: Path) -> None:
    records = load_corpus("propanews_snopes", data_dir)
    assert len(records) == 710 - 14
    assert Counter(r.label for r in records) == {"real": 424, "fake": 272}
    assert not any("Rating:" in r.text and "Claim:" in r.text for r in records)
    assert sum(" , " in r.text for r in records) == 0


@pytest.mark.data
def test_auxiliary_corpora_keep_their_own_labels(data_dir: Path) -> None:
    partisan = load_corpus("semeval2019_hyperpartisan", data_dir)
    assert Counter(r.original_label for r in partisan) == {
        "hyperpartisan": 238,
        "not_hyperpartisan": 407,
    }
    assert all((r.label == "fake") == (r.original_label == "hyperpartisan") for r in partisan)
    satire = load_corpus("golbeck2018_fake_satire", data_dir)
    assert Counter(r.collection for r in satire) == {"fake": 283, "satire": 203}
    assert {r.label for r in satire} == {"fake"}  # no reliable class
    assert "theonion.com" in {r.source for r in satire}
