"""FakeNewsNet articles (GossipCop and PolitiFact), grouped by the outlet's domain."""

from __future__ import annotations

import re
from pathlib import Path

from veracity.data.io import read_jsonl_gz
from veracity.data.record import NewsRecord
from veracity.data.registry import register_corpus

# web.archive.org/web/20160101000000/http://www.example.com/... -> the archived site's domain
_ARCHIVED = re.compile(
    r"web\.archive\.org/web/[0-9a-z_*]+/(?:https?:/+)?(?:www\.)?([^/:?#]+)", re.I
)


def outlet_domain(url: str | None, domain: str | None) -> str | None:
    """The outlet's domain; for Wayback Machine copies, the archived site's domain."""
    if url:
        archived = _ARCHIVED.search(url)
        if archived:
            return archived.group(1).lower()
    return domain.lower().removeprefix("www.") if domain else None


@register_corpus("fakenewsnet", folder="fakenewsnet_gossipcop_large", level="article")
def load_fakenewsnet(folder: Path) -> list[NewsRecord]:
    """10,737 articles: ``collection`` is ``gossipcop`` or ``politifact``; ``source`` the outlet."""
    return [
        NewsRecord(
            id=row["id"],
            corpus="fakenewsnet",
            collection=row["collection"],
            level="article",
            title=(row.get("title") or "").strip(),
            text=row["text"].strip(),
            label=row["label"],
            original_label=row["label"],
            source=outlet_domain(row.get("url"), row.get("domain")),
        )
        for row in read_jsonl_gz(folder / "fakenewsnet_large.jsonl.gz")
    ]
