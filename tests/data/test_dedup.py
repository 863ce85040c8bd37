"""MinHash near-duplicate removal across corpora."""

from __future__ import annotations

from veracity.data.dedup import deduplicate, shingles
from veracity.data.record import NewsRecord

ARTICLE = (
    "The city council voted on Tuesday to approve a new budget for road repairs, "
    "allocating 4.2 million dollars to fix potholes across the northern districts. "
    "The mayor said the work would begin in the spring and last about eight months, "
    "and residents will be able to follow progress on a public map."
)
OTHER = (
    "Scientists at the university published a study showing that bees exposed to the "
    "pesticide foraged less and brought back smaller amounts of pollen to the hive."
)


def _record(id_: str, text: str, split: str | None = None, corpus: str = "a") -> NewsRecord:
    return NewsRecord(
        id=id_,
        corpus=corpus,
        collection=corpus,
        level="article",
        title="",
        text=text,
        label="real",
        original_label="real",
        split=split,  # type: ignore[arg-type]
    )


def test_planted_near_duplicate_is_removed() -> None:
    near_copy = ARTICLE.replace("Tuesday", "Wednesday").replace("about", "roughly") + " More soon."
    records = [
        _record("one", ARTICLE),
        _record("two", OTHER),
        _record("copy", near_copy, corpus="b"),
    ]
    result = deduplicate(records)
    assert [r.id for r in result.kept] == ["one", "two"]
    assert result.dropped == {"copy": "one"}


def test_distinct_texts_are_all_kept() -> None:
    records = [_record("one", ARTICLE), _record("two", OTHER)]
    assert len(deduplicate(records).kept) == 2


def test_official_test_rows_are_never_dropped() -> None:
    records = [
        _record("train-copy", ARTICLE, split="train"),
        _record("test-row", ARTICLE, split="test"),
    ]
    result = deduplicate(records)
    assert [r.id for r in result.kept] == ["test-row"]
    assert result.dropped == {"train-copy": "test-row"}


def test_shingles_are_case_and_punctuation_insensitive() -> None:
    assert shingles("The Cat, sat on!") == shingles("the cat sat ON")
    assert shingles("two words") == {b"two", b"words"}
