"""Small corpora built from the example articles, written in each input format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_ARTICLE


def corpus_rows(n: int) -> list[dict[str, str]]:
    """``n`` articles: the example article's paragraphs, combined differently per row."""
    paragraphs = [
        p.strip()
        for p in EXAMPLE_ARTICLE.read_text(encoding="utf-8").split("\n\n")[1:]
        if p.strip()
    ]
    rows = []
    for i in range(n):
        body = " ".join(paragraphs[(i + k) % len(paragraphs)] for k in range(1 + i % 3))
        rows.append(
            {
                "id": f"art-{i:04d}",
                "title": f"Report {i}: what the council said about the water supply",
                "text": body,
                "url": f"https://news.example.org/{i}",
            }
        )
    return rows


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def small_jsonl(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "corpus.jsonl", corpus_rows(12))
