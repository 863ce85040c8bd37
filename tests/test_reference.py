"""``veracity setup``: reference tables built on this machine, and analysis without them."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

from veracity.errors import DataError, OutputError
from veracity.ingest import article_from_text
from veracity.pipeline import analyze
from veracity.reference import (
    PARTS,
    STAMP_NAME,
    ReferencePart,
    build_reference,
    corpora_digest,
)
from veracity.settings import get_settings
from veracity.sources.table import OUTLETS_FILE


@pytest.mark.data
def test_setup_builds_then_skips_until_the_corpus_changes(no_reference_data, data_dir, tmp_path):
    corpus = tmp_path / "data"
    shutil.copytree(data_dir / "outlets", corpus / "outlets")
    shutil.copytree(data_dir / "media_reliability", corpus / "media_reliability")
    shutil.copytree(data_dir / "ptc_semeval2020_task11", corpus / "ptc_semeval2020_task11")

    first = build_reference(corpus, only=["sources"])
    assert [o.action for o in first] == ["built"]
    outlets = no_reference_data / "sources" / OUTLETS_FILE
    assert json.loads(outlets.read_text())["outlets"]
    assert [o.action for o in build_reference(corpus, only=["sources"])] == ["up to date"]

    tsv = corpus / "media_reliability" / "acl2020_corpus.tsv"
    tsv.write_text(tsv.read_text() + "\n", encoding="utf-8")
    assert [o.action for o in build_reference(corpus, only=["sources"])] == ["built"]


@pytest.mark.data
def test_a_second_setup_waits_for_the_first_then_skips(
    no_reference_data, data_dir, tmp_path, monkeypatch
):
    # two setups at once (CI's and a clone's) built the fact-check store twice: 892 s, not ~4 min
    corpus = tmp_path / "data"
    for name in PARTS["sources"].corpora:
        shutil.copytree(data_dir / name, corpus / name)
    first_building, second_done = threading.Event(), threading.Event()
    real_build = ReferencePart.build
    builds: list[str] = []

    def build_slowly_once(part, data, out):
        builds.append(threading.current_thread().name)
        if len(builds) == 1:
            first_building.set()
            second_done.wait(timeout=3)  # without a lock the second setup builds meanwhile
        return real_build(part, data, out)

    monkeypatch.setattr(ReferencePart, "build", build_slowly_once)
    outcomes: dict[str, list[str]] = {}
    waited: list[str] = []

    def first() -> None:
        outcomes["first"] = [o.action for o in build_reference(corpus, only=["sources"])]

    def second() -> None:
        first_building.wait(timeout=30)
        done = build_reference(corpus, only=["sources"], on_wait=lambda: waited.append("waited"))
        outcomes["second"] = [o.action for o in done]
        second_done.set()

    threads = [threading.Thread(target=f, name=f.__name__) for f in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert outcomes == {"first": ["built"], "second": ["up to date"]}
    assert builds == ["first"] and waited == ["waited"]


def test_digest_depends_on_names_and_bytes(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("x")
    before = corpora_digest(tmp_path, ["c"])
    (tmp_path / "c" / "a.txt").rename(tmp_path / "c" / "b.txt")
    assert corpora_digest(tmp_path, ["c"]) != before
    with pytest.raises(DataError, match="missing"):
        corpora_digest(tmp_path, ["absent"])


def test_unknown_part_and_missing_data_are_clear_errors(no_reference_data, tmp_path) -> None:
    with pytest.raises(DataError, match="VERACITY_DATA_DIR"):
        build_reference(tmp_path / "nowhere")
    with pytest.raises(DataError, match="unknown reference part"):
        build_reference(tmp_path, only=["nonsense"])
    assert not (no_reference_data / "sources" / STAMP_NAME).exists()
    assert set(PARTS) == {"sources", "speakers", "factchecks"}


@pytest.mark.data
def test_a_reference_folder_that_cannot_be_written_is_a_clear_error(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # under a file: 'veracity setup' ended in "internal error: NotADirectoryError", exit 70
    (tmp_path / "a-file").write_text("x")
    monkeypatch.setenv("VERACITY_REFERENCE_DIR", str(tmp_path / "a-file" / "reference"))
    get_settings.cache_clear()
    try:
        with pytest.raises(OutputError, match="VERACITY_REFERENCE_DIR") as refused:
            build_reference(data_dir, only=["sources"], force=True)
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    assert str(tmp_path / "a-file" / "reference") in str(refused.value)


@pytest.mark.data
def test_analysis_without_reference_tables_completes_and_says_why(no_reference_data, seed_text):
    report = analyze(article_from_text(seed_text), depth="fast")
    assert not [s for s in report.signals if s.kind.value == "outlet_citation"]
    assert any("veracity setup" in note for note in report.notes)
    assert report.reliability is not None


@pytest.mark.data
def test_analysis_with_reference_tables_has_no_outlet_note(seed_text):
    report = analyze(article_from_text(seed_text), depth="fast")
    assert not [n for n in report.notes if "outlet" in n.lower()]
    cited = [s for s in report.signals if s.kind.value == "outlet_citation"]
    assert any("sputnik" in s.quote.lower() for s in cited)
