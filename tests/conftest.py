"""Shared fixtures. Tests that read ../shared carry the ``data`` marker and skip without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from veracity.embeddings.encoder import SentenceEncoder
from veracity.ingest import Article, article_from_text
from veracity.nlp import AnalysedText, analyse_text
from veracity.settings import get_settings

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_ARTICLE = REPO / "examples" / "example-article.txt"


def pytest_collection_modifyitems(config, items):
    data_dir = get_settings().data_dir
    if data_dir.is_dir():
        return
    skip = pytest.mark.skip(reason=f"labelled corpora not found at {data_dir} (VERACITY_DATA_DIR)")
    for item in items:
        if "data" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def fresh_settings_after_each_test():
    """Settings are cached per process; a test that changed the environment and re-read them
    must not leave its values behind (a 10 KB input limit leaked into the HTML report tests)."""
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session", autouse=True)
def reference_tables() -> None:
    """Build this machine's reference tables (``veracity setup``) once; a no-op when up to date."""
    if get_settings().data_dir.is_dir():
        from veracity.reference import build_reference

        build_reference()


@pytest.fixture
def no_reference_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Settings whose reference folder is empty: nothing built by ``veracity setup`` here."""
    from veracity.sources.table import load_outlet_table

    folder = tmp_path / "reference"
    monkeypatch.setenv("VERACITY_REFERENCE_DIR", str(folder))
    get_settings.cache_clear()
    load_outlet_table.cache_clear()
    yield folder
    monkeypatch.undo()
    get_settings.cache_clear()
    load_outlet_table.cache_clear()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return get_settings().data_dir


@pytest.fixture(scope="session")
def seed_text(data_dir: Path) -> str:
    return (data_dir.parent / "examples" / "seed-article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE_ARTICLE.read_text(encoding="utf-8")


def analysed(text: str, depth: str = "deep", title: str | None = None) -> AnalysedText:
    """Analyse a snippet; a title is only set when given."""
    article: Article = article_from_text(text, title=title, detect_title=False)
    return analyse_text(article, depth)  # type: ignore[arg-type]


@pytest.fixture
def graph_rows(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, ...]]:
    """The token ids of every row the graph runs, in order."""
    rows: list[tuple[int, ...]] = []
    run = SentenceEncoder._batches

    def counting(self: SentenceEncoder, encodings: list):  # type: ignore[no-untyped-def]
        rows.extend(tuple(e.ids) for e in encodings)
        yield from run(self, encodings)

    monkeypatch.setattr(SentenceEncoder, "_batches", counting)
    return rows


@pytest.fixture
def index_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folder of every evidence index loaded, in order."""
    from veracity.verify.index import EvidenceIndex

    loads: list[Path] = []
    load = EvidenceIndex.load.__func__  # type: ignore[attr-defined]

    def counted(cls: type[EvidenceIndex], folder: Path) -> EvidenceIndex:
        loads.append(folder)
        return load(cls, folder)

    monkeypatch.setattr(EvidenceIndex, "load", classmethod(counted))
    return loads
