"""Training signal counts are cached per detector; the cache must follow the data a detector
reads as well as its code (the outlet-citation detector reads this machine's outlet table)."""

from __future__ import annotations

from pathlib import Path

import pytest

from veracity.data.record import NewsRecord
from veracity.models.features import record_signals
from veracity.settings import get_settings
from veracity.signals import detectors
from veracity.sources.table import OUTLETS_FILE, load_outlet_table, outlet_table_stamp


def _record() -> NewsRecord:
    return NewsRecord(
        id="cache-test-1",
        corpus="test",
        collection="test",
        level="article",
        title="Talks fail",
        text="Reuters reported that the talks had failed. The senator told CNN he would not run.",
        label="real",
        original_label="real",
        source="",
        split="train",
        meta={},
    )


def test_outlet_citation_declares_the_outlet_table_as_its_data() -> None:
    detector = next(d for d in detectors("fast") if d.name == "outlet_citation")
    assert detector.data_stamp is outlet_table_stamp
    assert all(d.data_stamp is None for d in detectors("fast") if d.name != "outlet_citation")


def test_outlet_table_stamp_follows_the_table_file(tmp_path: Path) -> None:
    assert outlet_table_stamp(tmp_path) == "absent"
    table = tmp_path / OUTLETS_FILE
    table.write_text('{"version": "a"}', encoding="utf-8")
    first = outlet_table_stamp(tmp_path)
    table.write_text('{"version": "b"}', encoding="utf-8")
    assert first != outlet_table_stamp(tmp_path) != "absent"


@pytest.mark.data
def test_counts_cached_without_the_outlet_table_are_not_reused_once_it_is_built(
    no_reference_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VERACITY_CACHE_DIR", str(tmp_path / "cache"))
    get_settings.cache_clear()
    without, _ = record_signals([_record()], names=["outlet_citation"])
    assert without[0]["signal:outlet_citation"] == 0.0  # no table here: nothing rated

    monkeypatch.delenv("VERACITY_REFERENCE_DIR")  # this machine's built table again
    get_settings.cache_clear()
    load_outlet_table.cache_clear()
    with_table, _ = record_signals([_record()], names=["outlet_citation"])
    assert with_table[0]["signal:outlet_citation"] > 0.0  # Reuters and CNN, not the stale zero
    assert len(list((tmp_path / "cache" / "signals").glob("outlet_citation-*.json"))) == 2
