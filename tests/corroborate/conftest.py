"""A small multi-outlet corpus: one earthquake reported by five outlets (one of them with a
different death toll, one a wire copy of another), a council story told by two, and a story
only one outlet tells."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from veracity.corroborate import CorpusArticle

DAY = dt.date(2024, 3, 4)
QUAKE_WIRE = (
    "A magnitude 6.8 earthquake struck the province of Al Haouz in Morocco on Monday night, "
    "killing 32 people and injuring 110 others, the interior ministry said. Rescue teams were "
    "searching collapsed houses in the mountain villages south of Marrakesh, where the quake "
    "was felt most strongly. The ministry said the death toll could rise as rescuers reach "
    "remote areas cut off by landslides."
)


def quake_articles() -> list[CorpusArticle]:
    return [
        CorpusArticle(
            id="wire",
            title="Earthquake in Morocco's Al Haouz province kills 32",
            text=QUAKE_WIRE,
            publisher="Wire Service",
            published=DAY,
        ),
        CorpusArticle(
            id="copy",  # the wire story reprinted word for word by a newspaper
            title="Morocco earthquake kills 32 in Al Haouz",
            text=QUAKE_WIRE,
            publisher="Daily Reprint",
            published=DAY,
        ),
        CorpusArticle(
            id="broadcaster",
            title="Deadly earthquake hits Al Haouz, Morocco",
            text=(
                "The earthquake that hit Al Haouz province in Morocco late on Monday killed 32 "
                "people, the interior ministry said, and 110 others were injured. Villages in "
                "the mountains south of Marrakesh were worst hit, and rescue teams were still "
                "searching the rubble of collapsed houses on Tuesday."
            ),
            publisher="National Broadcaster",
            published=DAY,
        ),
        CorpusArticle(
            id="regional",
            title="Al Haouz earthquake: rescuers search mountain villages near Marrakesh",
            text=(
                "Rescuers in Morocco searched the mountain villages of Al Haouz province on "
                "Tuesday after an earthquake on Monday killed 32 people and injured 110 others, "
                "according to the interior ministry. Roads south of Marrakesh were blocked by "
                "landslides and collapsed houses."
            ),
            publisher="Regional Daily",
            published=DAY + dt.timedelta(days=1),
        ),
        CorpusArticle(
            id="outlier",
            title="Morocco earthquake in Al Haouz kills 300",
            text=(
                "An earthquake in Morocco's Al Haouz province on Monday killed 300 people and "
                "injured 110 others, the interior ministry said. Rescue teams searched "
                "collapsed houses in mountain villages south of Marrakesh. Residents of the "
                "villages spent the night outdoors, and aid groups said they were sending "
                "tents and blankets to the region."
            ),
            publisher="Viral Site",
            published=DAY,
        ),
    ]


def council_articles() -> list[CorpusArticle]:
    return [
        CorpusArticle(
            id="council-a",
            title="Springfield council approves $4 million budget for new parks",
            text=(
                "Springfield city council approved a $4 million budget for three new parks on "
                "Wednesday, after a debate that lasted four hours. Mayor Joan Whitfield said "
                "work on the Riverside parks would start in June."
            ),
            publisher="Springfield Gazette",
            published=DAY + dt.timedelta(days=2),
        ),
        CorpusArticle(
            id="council-b",
            title="Springfield parks budget of $4 million passes council vote",
            text=(
                "The Springfield council voted on Wednesday for a $4 million budget to build "
                "three new parks along the river. Mayor Joan Whitfield said the Riverside "
                "parks should open next year."
            ),
            publisher="Springfield Courier",
            published=DAY + dt.timedelta(days=2),
        ),
    ]


def lone_article() -> CorpusArticle:
    return CorpusArticle(
        id="lone",
        title="Thirty officers killed in secret raid, blogger claims",
        text=(
            "A blogger claimed on Friday that 30 US, Israeli and British officers were killed "
            "in a secret raid on a bunker near Aleppo, a report no government confirmed."
        ),
        publisher="Lone Blog",
        published=DAY + dt.timedelta(days=20),
    )


@pytest.fixture
def corpus() -> list[CorpusArticle]:
    return quake_articles() + council_articles() + [lone_article()]


def quake_evidence_index(tmp_path: Path) -> Path:
    """An evidence index (`veracity index`, from its entry point in this process) of two of the
    quake articles, built under tmp_path."""
    from tests.test_cli import veracity_in_process

    documents = tmp_path / "documents.jsonl"
    documents.write_text(
        "".join(
            json.dumps({"id": a.id, "title": a.title, "text": a.text}) + "\n"
            for a in quake_articles()[2:4]
        ),
        encoding="utf-8",
    )
    index = tmp_path / "index"
    built = veracity_in_process("index", str(documents), "--out", str(index))
    assert built.returncode == 0, built.stderr
    return index
