"""LIAR (Wang 2017): PolitiFact statements with six truth labels and speaker metadata.

The speaker credit-history columns (9-13) count the speaker's past verdicts *including this
statement's own*, so they leak the label: they are read positionally and never kept.
"""

from __future__ import annotations

from pathlib import Path

from veracity.data.io import read_tsv
from veracity.data.record import NewsRecord
from veracity.data.registry import register_corpus
from veracity.errors import DataError

LIAR_LABELS = ("pants-fire", "false", "barely-true", "half-true", "mostly-true", "true")
LIAR_REAL = frozenset({"half-true", "mostly-true", "true"})
LIAR_META = ("subject", "speaker", "job", "state", "party", "context")

_COLUMNS = [
    "id",
    "label",
    "statement",
    "subject",
    "speaker",
    "job",
    "state",
    "party",
    *(f"credit_{i}" for i in range(5)),
    "context",
]
_SPLITS = {"train": "train.tsv", "valid": "valid.tsv", "test": "test.tsv"}

# Speakers that are where a claim went round, not who made it ("chain-email": the claim's
# appearance); LIAR names them like people.
MEDIA_SPEAKERS = frozenset(
    {
        "chain-email", "facebook-posts", "blog-posting", "viral-image", "tweets", "social-media",
        "reader-email", "instagram-posts", "video", "online-petition", "viral-media-reports",
        "viral-buzzfeed", "liberal-bloggers", "liberal-blogger", "forbes-blog",
    }
)  # fmt: skip
# A word of an organisation's name: a slug holding one names no person ("national-rifle-
# association", "club-growth", "conservative-solutions-pac", "oregon-lottery").
_ORGANISATION_WORDS = frozenset(
    {
        "pac", "committee", "party", "association", "fund", "league", "institute", "campaign",
        "council", "chamber", "foundation", "union", "coalition", "group", "network", "project",
        "center", "centre", "action", "alliance", "federation", "club", "society", "department",
        "company", "news", "lottery", "watch", "initiative", "partners", "now", "america",
        "americans", "voters", "taxpayers", "caucus", "democrats", "republicans", "progress",
        "freedom", "naacp", "afscme", "cio", "commission", "authority", "agency",
        "office", "inc", "corporation", "bureau", "board", "county", "city", "trust",
        "organization", "organisation", "aclu", "usa", "list", "superpac"
    }
)  # fmt: skip
_SMALL_WORDS = frozenset({"and", "of", "for", "the", "in", "on", "to", "de"})


def speaker_name(slug: str) -> str:
    """A LIAR speaker's slug as a name: "barack-obama" -> "Barack Obama", "george-w-bush" ->
    "George W. Bush", "david-clarke-jr" -> "David Clarke Jr.". Words the slug left out (the
    "for" of "national-organization-marriage") or an apostrophe ("bill-oreilly") cannot be
    restored; a slug with capitals is kept as written, its hyphens read as spaces."""
    words = [w for w in slug.strip().split("-") if w]
    if any(w != w.lower() for w in words):
        return " ".join(words)
    named = []
    for k, word in enumerate(words):
        if len(word) == 1:
            named.append(f"{word.upper()}.")
        elif word in ("jr", "sr"):
            named.append(f"{word.capitalize()}.")
        elif word in ("ii", "iii", "iv"):
            named.append(word.upper())
        elif k and word in _SMALL_WORDS:
            named.append(word)
        else:
            named.append(word.capitalize())
    return " ".join(named)


def speaker_is_organisation(slug: str) -> bool:
    """Whether a LIAR speaker's slug names an organisation rather than a person (a word of
    :data:`_ORGANISATION_WORDS` in it)."""
    return any(w in _ORGANISATION_WORDS for w in slug.lower().split("-"))


@register_corpus("liar", folder="liar", level="claim")
def load_liar(folder: Path) -> list[NewsRecord]:
    """12,836 statements on the official splits; binary ``real`` = half-true or truer."""
    records: list[NewsRecord] = []
    for split, file_name in _SPLITS.items():
        frame = read_tsv(folder / file_name, header=False, names=_COLUMNS)
        unknown = set(frame["label"]) - set(LIAR_LABELS)
        if unknown:
            raise DataError(f"{folder / file_name}: unknown LIAR labels {sorted(unknown)}")
        for row in frame.itertuples(index=False):
            records.append(
                NewsRecord(
                    id=f"liar-{row.id.removesuffix('.json')}",
                    corpus="liar",
                    collection="politifact_statements",
                    level="claim",
                    title="",
                    text=row.statement.strip(),
                    label="real" if row.label in LIAR_REAL else "fake",
                    original_label=row.label,
                    source=row.speaker or None,
                    split=split,  # type: ignore[arg-type]
                    meta={name: str(getattr(row, name)).strip() for name in LIAR_META},
                )
            )
    return records
