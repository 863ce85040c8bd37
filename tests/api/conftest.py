"""A real uvicorn server on loopback, backed by a SQLite file in a temporary directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.live_server import serve_fresh_app

EXAMPLE_ARTICLE = Path(__file__).resolve().parents[2] / "examples" / "example-article.txt"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An open server (no API keys) shared by a test module."""
    with serve_fresh_app(tmp_path_factory.mktemp("api")) as url:
        yield url


@pytest.fixture
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=120) as http:
        yield http


@pytest.fixture(scope="session")
def example_article() -> str:
    return EXAMPLE_ARTICLE.read_text(encoding="utf-8")
