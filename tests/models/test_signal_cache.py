"""Training signal counts are cached per detector; the cache must follow the data a detector
reads as well as its code (the outlet-citation detector reads this machine's outlet table)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from veracity.data.record import NewsRecord
from veracity.models.features import _DetectorCache, module_sources, record_signals
from veracity.settings import get_settings
from veracity.signals import detectors
from veracity.sources import citations
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


def test_a_detectors_counts_are_keyed_by_the_code_it_calls_not_its_own_file_alone() -> None:
    # The outlet-citation rules live in veracity.sources.citations: a change there (four this
    # stop) must count the corpus again, not reuse counts made by the old rules.
    detector = next(d for d in detectors("fast") if d.name == "outlet_citation")
    own = sys.modules[detector.detect.__module__]
    sources = module_sources(own)
    assert Path(own.__file__ or "") in sources
    assert Path(citations.__file__ or "") in sources
    assert sources == sorted(sources)
    assert all("veracity" in source.parts for source in sources)  # no library's files


def test_the_cache_file_changes_when_any_of_its_sources_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VERACITY_CACHE_DIR", str(tmp_path / "cache"))
    get_settings.cache_clear()
    own, called = tmp_path / "detector.py", tmp_path / "rules.py"
    own.write_text("RULES = 1\n", encoding="utf-8")
    called.write_text("PATTERN = 'a'\n", encoding="utf-8")
    before = _DetectorCache("x", [own, called]).path
    called.write_text("PATTERN = 'b'\n", encoding="utf-8")
    assert _DetectorCache("x", [own, called]).path != before
