"""Provenance stripper: removes what reveals *where* a text came from rather than whether it is true.

Corpora such as FakeNewsNet take fake and real stories from partly different outlets, so a model
can score well by recognising an outlet's datelines, bylines, photo credits or share buttons.
:func:`strip_provenance` removes those artefacts before training and at inference; the removed
pieces feed the provenance probe (:mod:`veracity.models.probe`), which measures how much of the
label they alone predict.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from veracity.ingest.boilerplate import link_list_indices
from veracity.nlp.document import DATELINE

# Whole lines that are page furniture: share buttons, ad slots, comment widgets, related links.
_BOILERPLATE_LINE = re.compile(
    r"""^(?:
        advertisement(?:\s+continue\ reading.*)?|ads?|sponsored(?:\ content)?|loading\.*|
        thread|link|parent|reply|comments?|expand|print|email|share|tweet|pin|
        facebook|twitter|instagram|linkedin|pinterest|reddit|whatsapp|youtube|flipboard|
        related(?:\ gallery|\ content|\ stories|\ articles|\ posts|\ video)?\s*:?.*|
        scroll\ down\ for\ video|image\ zoom.*|view\ deal|visit\ shop|view\ photos|
        read\ more\b.*|see\ more\b.*|watch\ (?:below|the\ video|more)\b.*|via\ giphy|
        click\ to\ .*\(opens\ in\ new\ window\)|click\ here\b.*|
        get\ push\ notifications.*|wake\ up\ to\ breaking\ news.*|
        show\ more\ sharing\ options.*|copy\ link.*|story\ continues\ below.*|
        post\ continues\ below.*|popular\ on\ .*|javascript\ is\ required.*|
        the\ video\ will\ start\ in.*|loading\ view\ on\ instagram|check\ (?:this|it)\ out\b.*|
        check\ out\ .*\ on\ (?:facebook|twitter|instagram)!?|(?:©|copyright|\(c\)).*|
        all\ rights\ reserved.*|share\ (?:this|on)\b.*|contact\ us\ at\ .*|
        for\ the\ full\ story\b.*|we\ pay\ for\ juicy\ info.*|embed\ code.*|
        if\ you\ are\ using\ ad-blocking\ software.*|this\ article\ is\ more\ than\ .*\ old|
        (?:sign\ up|subscribe)\b.*(?:newsletter|podcast|now|here|free|today).*|
        follow\ (?:us|him|her|them)\ on\ .*|leave\ a\ comment.*|\d+\ (?:shares?|comments?)|
        (?:image|photo|picture)s?\ (?:source|credit|copyright)\b.*|
        (?:getty(?:\ images)?|shutterstock|splash\ news|wireimage|filmmagic|rex\ features)
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)

# Short lines that are a photo credit: "Frazer Harrison / Getty Images", "Jordan Strauss / AP".
_CREDIT_LINE = re.compile(
    r"^[^.!?]{0,80}(?:getty|shutterstock|splash\ news|wireimage|filmmagic|ap\ photo|/\s*ap\b|"
    r"/\s*reuters|/\s*afp|\bcredit:|\bphoto(?:graph)?:|\bimage:|courtesy\ of|instagram\ photo)"
    r"[^.!?]{0,80}$",
    re.IGNORECASE | re.VERBOSE,
)

# Bylines on their own line: "By Jane Doe", "By: Hayley Bradbrook", "Posted by ...".
_BYLINE_LINE = re.compile(
    r"^(?i:(?:written|posted|story|words|reporting)\s+)?(?i:by):?\s+[A-Z][\w.'’-]*"
    r"(?:(?:\s+|\s*,\s*)(?:[A-Z][\w.'’-]*|and|&)){0,5}\s*$"
)

# Datelines: "WASHINGTON (Reuters) -", "LOS ANGELES, Calif. (AP) —", "NEW YORK —". A match
# starts a line, so a text none of whose lines opens as one (_DATELINE_OPENING) is not searched.
_DATELINE = DATELINE
_DATELINE_OPENING = re.compile(r"[A-Z][A-Z.'’ -]{2}")
# E-mail addresses: a match starts where the run of address characters before an "@" starts
# (``_sub_emails`` tries only there, instead of the regex engine trying every position).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+\b")

# Inline artefacts, each with a literal or a cheap pattern (one that starts with a literal, which
# the regex engine finds fast) that must occur for the slower pattern to be tried.
_INLINE_PATTERNS: tuple[tuple[str | re.Pattern[str] | None, re.Pattern[str]], ...] = (
    (None, _DATELINE),
    (
        "(",
        re.compile(
            r"\((?:Reuters|AP|AFP|UPI|CNN|Bloomberg|IANS|PTI|ANI|dpa|TASS|Xinhua)\)\s*[-—–]*\s*"
        ),
    ),
    # Parenthesised photo credits: "(Image: Getty)", "(Photo: Splash News)".
    (
        ":",
        re.compile(
            r"\((?:image|photo|picture|photograph|credit|source|pictured)s?\s*(?:credit)?\s*:"
            r"[^()\n]{0,80}\)",
            re.IGNORECASE,
        ),
    ),
    # Trailing bylines inside a line: "... Dominican Republic By: Hayley Bradbrook".
    ("By:", re.compile(r"\s+By:\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}\s*$", re.MULTILINE)),
    ("://", re.compile(r"\bhttps?://\S+", re.IGNORECASE)),
    ("www.", re.compile(r"\bwww\.\S+", re.IGNORECASE)),
    # E-mail addresses: tried only where an "@" is followed by a host name and a dot.
    (re.compile(r"@[\w-]+\."), _EMAIL),
    # Handles: "@" first, with the lookbehind after it, so the engine can jump from "@" to "@".
    ("@", re.compile(r"@(?<![\w@]@)\w{2,30}")),
    (re.compile(r"\[\s*edit"), re.compile(r"[ \t]*\[\s*edit\s*\]")),
)

# Photo agencies and outlet names, as self-references or citations: they identify the
# source, not the truth. At a position, the first name in this order that matches is removed.
_OUTLETS = (
    "Getty Images", "Getty", "Shutterstock", "WireImage", "FilmMagic", "AP Photo", "Reuters",
    "Associated Press", "Agence France-Presse", "AFP", "Fox News", "CNN", "MSNBC", "NBC News",
    "ABC News", "CBS News", "BBC News", "BBC", "NPR", "The New York Times", "New York Times",
    "NYT", "The Washington Post", "Washington Post", "USA TODAY", "USA Today",
    "The Wall Street Journal", "Wall Street Journal", "Politico", "POLITICO", "Breitbart",
    "Daily Mail", "MailOnline", "TMZ", "E! News", "E! Online", "E!", "PEOPLE", "People magazine",
    "Us Weekly", "Us Magazine", "HollywoodLife", "Hollywood Life", "RadarOnline", "Radar Online",
    "Gossip Cop", "GossipCop", "Entertainment Tonight", "ET Online", "ETOnline", "Star magazine",
    "National Enquirer", "In Touch Weekly", "In Touch", "OK! magazine", "OK!", "Life & Style",
    "New Idea", "Woman's Day", "Page Six", "Variety", "The Hollywood Reporter",
    "Hollywood Reporter", "Billboard", "Vanity Fair", "HuffPost", "Huffington Post", "BuzzFeed",
    "Occupy Democrats", "Addicting Info", "Eagle Rising", "Freedom Daily", "Right Wing News",
    "The Other 98%", "Bustle", "Teen Vogue", "Wonderwall", "Hello! magazine", "HELLO!",
    "Daily Caller", "InfoWars", "Infowars", "Sputnik", "The Blast", "Wikipedia", "Cosmopolitan",
    "InStyle", "Just Jared", "Perez Hilton", "Daily Mirror", "The Mirror",
)  # fmt: skip


def _by_first_letter(names: tuple[str, ...]) -> str:
    """One alternation of ``names`` grouped by first character, in their order within each group.

    The regex engine then tests a position's character once per group instead of once per name,
    and only the names of its group after that (same matches: at any position only the names
    starting with its character can match, and they keep their order). No leading ``\\b``: a
    pattern that starts with the alternation lets the engine skip ahead on first letters;
    ``_remove`` checks the word boundary.
    """
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(name[0], []).append(re.escape(name[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


_OUTLET_NAMES = re.compile(f"(?:{_by_first_letter(_OUTLETS)})(?!\\w)")

_TLD = re.compile(r"\.(?:com|org|net|co\.uk|com\.au|co|tv|io|news|us|uk|ca|info)\b")
_BLANK_RUNS = re.compile(r"[ \t]{2,}")
_SPACE_RUNS = re.compile(r"  +")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass
class StrippedText:
    """A text with its provenance artefacts removed, and the artefacts themselves."""

    text: str
    artefacts: list[str] = field(default_factory=list)


def strip_provenance(text: str) -> StrippedText:
    """Remove datelines, bylines, outlet names, URLs, photo credits and page boilerplate."""
    artefacts: list[str] = []
    kept_lines: list[str] = []
    lines = text.split("\n")
    # a list of links under a "Related" or "Read more" heading, as ingest leaves it out
    links = link_list_indices(lines)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped and (index in links or (len(stripped) <= 160 and _is_furniture(stripped))):
            artefacts.append(stripped)
            continue
        kept_lines.append(line)
    cleaned = "\n".join(kept_lines)

    def _remove(match: re.Match[str]) -> str:
        start = match.start()
        if start and match.string[start - 1].isalnum() and match.group()[0].isalnum():
            return match.group()  # inside a longer word: not a name
        artefacts.append(match.group().strip())
        return " "

    for required, pattern in _INLINE_PATTERNS:
        if pattern is _DATELINE:
            # it matches only at a line start: skipped unless some kept line opens like one
            if any(map(_DATELINE_OPENING.match, kept_lines)):
                cleaned = pattern.sub(_remove, cleaned)
        elif pattern is _EMAIL:
            if _may_match(required, cleaned):
                cleaned = _sub_emails(cleaned, _remove)
        elif _may_match(required, cleaned):
            cleaned = pattern.sub(_remove, cleaned)
    cleaned = _remove_domains(cleaned, artefacts)
    cleaned = _OUTLET_NAMES.sub(_remove, cleaned)
    return StrippedText(text=_tidy_whitespace(cleaned), artefacts=artefacts)


def _sub_emails(text: str, replace: Callable[[re.Match[str]], str]) -> str:
    """``_EMAIL.sub(replace, text)``, trying a match only where one can start.

    An address ends its run of address characters (``[\\w.+-]``) at an "@", and the look-behind
    puts its start where that run starts; so every match starts at the start of the run before
    some "@". Those starts are tried left to right, each not inside the match before it, which
    is the order and the overlap rule of ``sub``.
    """
    pieces: list[str] = []
    done = 0
    at = text.find("@")
    while at != -1:
        start = at
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_.+-"):
            start -= 1
        if start < at and start >= done:
            match = _EMAIL.match(text, start)
            if match is not None:
                pieces.extend((text[done:start], replace(match)))
                done = match.end()
        at = text.find("@", max(at + 1, done))
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _tidy_whitespace(text: str) -> str:
    """Close the gaps removals leave: runs of spaces, spaces at line edges, blank-line runs.

    Each substitution runs only when the text holds what it replaces (most texts hold none, and
    a substring test is far cheaper than a regex scan).
    """
    if "\t" in text:
        text = _BLANK_RUNS.sub(" ", text)
    elif "  " in text:  # the same without tabs, and a literal the regex engine jumps to
        text = _SPACE_RUNS.sub(" ", text)
    if " \n" in text or "\n " in text or "\t" in text:
        # spaces and tabs at line edges (the text's own edges go with the final strip)
        text = "\n".join(line.strip(" \t") for line in text.split("\n"))
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def _may_match(required: str | re.Pattern[str] | None, text: str) -> bool:
    """Whether ``text`` holds what a pattern needs (a literal, or a match of a cheap pattern)."""
    if required is None:
        return True
    if isinstance(required, str):
        return required in text
    return required.search(text) is not None


def _remove_domains(text: str, artefacts: list[str]) -> str:
    """Remove host names such as ``RadarOnline.com``: find the TLD, then walk back over the host."""
    pieces: list[str] = []
    last = 0
    for match in _TLD.finditer(text):
        start = match.start()
        while start > last and (text[start - 1].isalnum() or text[start - 1] in "-._"):
            start -= 1
        if start == match.start():
            continue
        artefacts.append(text[start : match.end()])
        pieces.extend((text[last:start], " "))
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


def _is_furniture(line: str) -> bool:
    if _BOILERPLATE_LINE.match(line) or _BYLINE_LINE.match(line):
        return True
    return len(line) <= 100 and _CREDIT_LINE.match(line) is not None
