"""Find where a text cites a news outlet by name or domain ("according to Sputnik", "told CNN").

A spaCy PhraseMatcher over the outlet table's names: distinctive names match in any case,
names that are also ordinary words ("The Sun", "Time", "Mail") or short acronyms ("AP", "RT")
match only as written and only next to a citing word.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher

from veracity.nlp import AnalysedText
from veracity.nlp.document import load_pipeline, longest_non_overlapping
from veracity.sources.table import OutletAlias, canonical_name, load_outlet_table

CUE_WORDS = frozenset(
    {
        "according",
        "report",
        "reported",
        "reporting",
        "reports",
        "told",
        "tells",
        "said",
        "says",
        "wrote",
        "writes",
        "published",
        "publishes",
        "quoted",
        "quoting",
        "cited",
        "citing",
        "interview",
        "via",
        "source",
        "sources",
        "reporter",
        "journalist",
        "editor",
        "correspondent",
        "columnist",
        "newspaper",
        "tabloid",
        "magazine",
        "broadcaster",
        "channel",
        "network",
        "outlet",
        "agency",
        "website",
        "site",
        "story",
        "article",
        "headline",
        "op-ed",
        "piece",
        "revealed",
        "claimed",
        "learned",
        "obtained",
        "confirmed",
        "spoke",
        "speaking",
        "appeared",
        "aired",
        "broadcast",
    }
)
CUE_WINDOW = 6


@dataclass(frozen=True, slots=True)
class OutletCitation:
    """A place where the text names an outlet, and the outlet's table address."""

    start: int
    end: int
    alias: OutletAlias
    address: str


@lru_cache(maxsize=1)
def _matchers() -> tuple[PhraseMatcher, PhraseMatcher, dict[str, tuple[OutletAlias, str]]]:
    """Case-insensitive and case-sensitive matchers, and what each label stands for."""
    table = load_outlet_table()
    nlp = load_pipeline("fast")
    any_case = PhraseMatcher(nlp.vocab, attr="LOWER")
    as_written = PhraseMatcher(nlp.vocab, attr="ORTH")
    targets: dict[str, tuple[OutletAlias, str]] = {}
    for alias in table.aliases_:
        label = f"name:{canonical_name(alias.name)}|{alias.name}"
        targets[label] = (alias, alias.domain)
        (as_written if alias.case_sensitive else any_case).add(label, [nlp.make_doc(alias.name)])
    for record in table.records_:
        if record.whole_site and not record.path:
            label = f"domain:{record.host}"
            alias = OutletAlias(record.host, record.host, False, False, "domain")
            targets[label] = (alias, record.host)
            any_case.add(label, [nlp.make_doc(record.host)])
    return any_case, as_written, targets


def _has_cue(analysed: AnalysedText, start: int, end: int) -> bool:
    """Whether a citing word, or enclosing parentheses ("(AP)"), sits next to ``start:end``."""
    text = analysed.text
    if text[max(start - 1, 0) : start] == "(" and text[end : end + 1] == ")":
        return True
    if text[end : end + 2] in {"'s", "’s"}:
        return True
    sentence = next((s for s in analysed.sentences if s.start <= start < s.end), None)
    if sentence is None:
        return False
    tokens = analysed.sentence_tokens(sentence)
    before = [t for t in tokens if t.end <= start][-CUE_WINDOW:]
    after = [t for t in tokens if t.start >= end][:CUE_WINDOW]
    return any(t.lower in CUE_WORDS for t in (*before, *after))


def _capitalised_neighbours(analysed: AnalysedText, start: int, end: int) -> tuple[bool, bool]:
    """Whether a capitalised word joins ``start:end`` before / after ("Andrew Breitbart", "Time Warner")."""
    before = [t for t in analysed.tokens if t.end <= start][-1:]
    after = [t for t in analysed.tokens if t.start >= end][:1]
    sentence_start = any(s.start == start for s in analysed.sentences)
    joined_before = (
        bool(before)
        and not sentence_start
        and before[0].text[:1].isupper()
        and before[0].lower not in CUE_WORDS
    )
    joined_after = bool(after) and after[0].text[:1].isupper()
    return joined_before, joined_after


def find_outlet_citations(analysed: AnalysedText) -> list[OutletCitation]:
    """Every place the text names an outlet, longest name first where names overlap."""
    any_case, as_written, targets = _matchers()

    def cited(match: tuple[str, int, int]) -> bool:
        label, start, end = match
        alias = targets[label][0]
        joined_before, joined_after = _capitalised_neighbours(analysed, start, end)
        if joined_before and " " not in alias.name:
            return False
        return not (alias.cue and (joined_after or not _has_cue(analysed, start, end)))

    matches = analysed.match(any_case) + analysed.match(as_written)
    found = [
        OutletCitation(start, end, *targets[label])
        for label, start, end in longest_non_overlapping(matches, cited)
    ]
    return sorted(found, key=lambda c: c.start)
