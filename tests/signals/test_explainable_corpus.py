"""The explainable detectors on real labelled articles (BuzzFeed-Webis 2016, FakeNewsNet)."""

import gzip
import json
from pathlib import Path

import pytest

from veracity.ingest import article_from_text
from veracity.nlp import analyse_text
from veracity.signals import detect_signals

FAST_DETECTORS = ["clickbait", "loaded_language", "rhetorical_question", "conspiracy_framing"]
ALL_DETECTORS = [*FAST_DETECTORS, "unsourced_claim"]


def read_articles(path: Path, count: int) -> dict[str, list[dict]]:
    """The first ``count`` fake and real articles (by id), with at least 500 characters of text."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        rows = sorted((json.loads(line) for line in lines), key=lambda r: str(r["id"]))
    return {
        label: [r for r in rows if r["label"] == label and len(r.get("text") or "") >= 500][:count]
        for label in ("fake", "real")
    }


def signals_per_1k_chars(rows: list[dict], depth: str, names: list[str]) -> float:
    found = chars = 0
    for row in rows:
        article = article_from_text(row["text"], title=row.get("title") or None)
        analysed = analyse_text(article, depth)  # type: ignore[arg-type]
        signals = detect_signals(analysed, names=names)
        for s in signals:
            assert analysed.text[s.start : s.end] == s.quote
            assert 0 <= s.weight <= 1 and s.explanation
        found += len(signals)
        chars += len(analysed.text)
    return 1000 * found / chars


@pytest.mark.data
def test_fake_hyperpartisan_articles_carry_more_signals_than_real(data_dir: Path) -> None:
    """50 fake vs 50 real BuzzFeed-Webis articles: fake ~1.2, real ~0.6 signals per 1k chars."""
    articles = read_articles(data_dir / "buzzfeed_webis_2016" / "buzzfeed_webis_2016.jsonl.gz", 50)
    fake = signals_per_1k_chars(articles["fake"], "fast", FAST_DETECTORS)
    real = signals_per_1k_chars(articles["real"], "fast", FAST_DETECTORS)
    assert fake > 1.5 * real


@pytest.mark.data
def test_deep_path_runs_on_celebrity_news(data_dir: Path) -> None:
    """Every detector, deep path, on 8 fake and 8 real GossipCop articles: exact spans, sane rate."""
    path = data_dir / "fakenewsnet_gossipcop_large" / "fakenewsnet_large.jsonl.gz"
    for rows in read_articles(path, 8).values():
        assert 0 < signals_per_1k_chars(rows, "deep", ALL_DETECTORS) < 10
