"""Find where a text cites a news outlet by name or domain ("according to Sputnik", "told CNN").

The outlet table's names are looked up as whole words (indexed by their longest word, so a text
is searched only for the names whose words it holds): distinctive names match in any case,
names that are also ordinary words ("The Sun", "Time", "Mail") or short acronyms ("AP", "RT")
match only as written and only next to a citing word ("the Sun", "the Mirror" in a sentence only
with the citing words beside it). Both paths run the same code.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from veracity.nlp import AnalysedText
from veracity.nlp.demonyms import DEMONYMS
from veracity.nlp.document import Sentence, longest_non_overlapping, writers_line
from veracity.nlp.stopwords import ENGLISH_STOP_WORDS
from veracity.sources.domains import PLATFORMS
from veracity.sources.lists import ORGANISATION_WORDS, SMALL_WORDS
from veracity.sources.places import shared_title, table_places
from veracity.sources.table import (
    RECORD_FIELDS,
    OutletAlias,
    OutletTable,
    canonical_name,
    load_outlet_table,
)

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


@dataclass(frozen=True, slots=True)
class _Name:
    """One name to look for: as written (case-sensitive) or lower-cased, and what it stands for."""

    label: str
    needle: str
    case_sensitive: bool
    parts: frozenset[str]  # its lower-cased words: a text must hold them all to hold the name


_PARTS = re.compile(r"\w+")
# spaCy-like tokens, for the cue window: words (with inner hyphens, apostrophes, dots) or a mark.
_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
# The word next to a name keeps its period: "J." in "Michael J. Fox" is a capitalised word.
_NEIGHBOUR = re.compile(r"\w+(?:[-'’.]\w+)*\.?|[^\w\s]")


class _NameIndex(NamedTuple):
    """The names to look for, by index word, and what each label stands for."""

    by_key: dict[str, list[_Name]]  # the names by the word that indexes them
    keys: frozenset[str]  # those words, as a set (a set meets a text's word set fastest)
    targets: dict[str, tuple[OutletAlias, str]]  # what each name's label stands for
    # names that are a title many places' papers share ("The Herald", "Gazette"), by the title
    shared: dict[str, str]


# A word that more names than this hold indexes a name only when the name has no rarer word.
_KEY_SHARED_BY = 3


@lru_cache(maxsize=1)
def _names() -> _NameIndex:
    """The outlet names and domains indexed by one of their words, and what each label means.

    A name is indexed by its longest word that is no stop word (nor a letter) and that few
    names share ("news", "times" are common in text too), so that a text wakes few names.
    A name of one word that is a place (:mod:`veracity.sources.places`: "Roanoke" for
    roanoke.com) is left out unless curated: in prose it is the place.
    """
    table = load_outlet_table()
    places = table_places()
    names: list[_Name] = []
    targets: dict[str, tuple[OutletAlias, str]] = {}
    shared: dict[str, str] = {}

    def add(label: str, needle: str, case_sensitive: bool) -> None:
        parts = frozenset(_PARTS.findall(needle.lower()))
        if parts:
            names.append(
                _Name(label, needle if case_sensitive else needle.lower(), case_sensitive, parts)
            )

    for alias in table.aliases_:
        derived = alias.origin != "curated"
        if derived and " " not in alias.name and alias.name in places.places:
            continue
        if derived and _acronym(alias.name) and _an_organisation(table, alias.domain):
            continue
        label = f"name:{canonical_name(alias.name)}|{alias.name}"
        targets[label] = (alias, alias.domain)
        add(label, alias.name, alias.case_sensitive)
        if alias.origin == "curated" and alias.cue and alias.name.startswith("The "):
            # a newspaper's "The" is lower case inside a sentence: "told the Mirror",
            # "according to the Independent" (probe s51 O1), with the same cue wanted
            add(label, "the" + alias.name[3:], True)
        if (title := shared_title(alias)) is not None:
            shared[label] = title
    for host in [*table.whole_sites, *table.domain_aliases_]:
        if "." not in host:
            # a rating list's malformed row ("www" for Boston Broadside, "cmhansrd"): a host
            # with no dot is no address a text writes, and "www" would be cited from every URL
            continue
        label = f"domain:{host}"
        targets[label] = (OutletAlias(host, host, False, False, "domain"), host)
        add(label, host, False)
    sharing = Counter(part for name in names for part in name.parts)
    rank = {  # of a word as an index word: lowest first, the word itself last (deterministic)
        part: (
            len(part) < 2 or part in ENGLISH_STOP_WORDS,
            count > _KEY_SHARED_BY,
            -len(part),
            part,
        )
        for part, count in sharing.items()
    }
    by_key: dict[str, list[_Name]] = {}
    for name in names:
        by_key.setdefault(min(name.parts, key=rank.__getitem__), []).append(name)
    return _NameIndex(by_key, frozenset(by_key), targets, shared)


_NAME_FIELD = RECORD_FIELDS.index("name")


def _acronym(name: str) -> bool:
    """Whether an outlet name is an acronym: one word in capitals ("IHR", "KSL-TV")."""
    return " " not in name and name.isupper()


def _an_organisation(table: OutletTable, address: str) -> bool:
    """Whether the rating lists name the outlet at ``address`` as an organisation: its name
    holds an organisation's word ("Institute for Historical Review (IHR)", "Media Research
    Center"). The build leaves such a name out of the names looked for in prose; its acronym
    ("IHR", "MRC") stands for the same organisation."""
    row = table.rows_.get(address)
    name = row[_NAME_FIELD] if row is not None else ""
    return any(word in ORGANISATION_WORDS for word in _PARTS.findall(name.lower()))


@lru_cache(maxsize=1024)
def _outlet_names(address: str) -> frozenset[str]:
    """Every name, folded, that the outlet table gives the outlet at ``address``: its aliases
    and its rating lists' name, without a bracketed short form."""
    table = load_outlet_table()
    names = {canonical_name(a.name) for a in table.aliases_ if a.domain == address}
    row = table.rows_.get(address)
    if row is not None and row[_NAME_FIELD]:
        names.add(canonical_name(re.sub(r"\s*\([^()]*\)", "", row[_NAME_FIELD])))
    return frozenset(names)


# A run of capitalised words, with the small words a name holds between them ("Sugar Research
# Foundation", "National Organization for the Reform of Marijuana Laws").
_CAPITALISED_RUN = re.compile(
    r"[A-Z][\w'’-]*(?:\s+(?:(?:of|for|the|and|&|on|in|to|at|de)\s+)*[A-Z][\w'’-]*)+"
)
_WORD_BEFORE = re.compile(r"[^\W\d_][\w'’-]*")


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in SMALL_WORDS and w != "&").upper()


def spelled_out(text: str, acronym: str) -> set[str]:
    """The names the text spells ``acronym`` out as: words before "(ACRONYM)" or ", or
    ACRONYM" whose initials it is, in any case ("Philippine offshore gaming operators
    (POGO)"), and any whole run of capitalised words whose initials it is ("the Sugar Research
    Foundation ... The SRF")."""
    found: set[str] = set()
    for mark in (f"({acronym})", f", or {acronym}"):
        at = text.find(mark)
        while at != -1:
            words = _WORD_BEFORE.findall(text, max(0, at - 160), at)
            for k in range(1, min(len(words), 12) + 1):
                if _initials(words[-k:]) == acronym and words[-k].lower() not in SMALL_WORDS:
                    found.add(" ".join(words[-k:]))
                    break
            at = text.find(mark, at + 1)
    letters = acronym.replace("-", "")
    if len(letters) < 2:
        return found
    for run in _CAPITALISED_RUN.finditer(text):
        words = run.group().split()
        while words and words[0].lower() in SMALL_WORDS:
            words = words[1:]  # "The Sugar Research Foundation"
        if len(words) > 1 and _initials(words) == letters:
            found.add(" ".join(words))
    return found


def _name_matches(analysed: AnalysedText) -> list[tuple[str, int, int]]:
    """``(label, start, end)`` of every whole-word occurrence of an outlet name or domain.

    Sorted, so that of two names found over the same span the same one is chosen every run.
    """
    by_key, keys = _names()[:2]
    words, text, lower = analysed.words, analysed.text, analysed.lower
    found = []
    for key in words & keys:
        for name in by_key[key]:
            if not name.parts <= words:
                continue
            haystack = text if name.case_sensitive else lower
            at = haystack.find(name.needle)
            while at != -1:
                end = at + len(name.needle)
                if not _joined(haystack, at - 1) and not _joined(haystack, end):
                    found.append((name.label, at, end))
                at = haystack.find(name.needle, at + 1)
    return sorted(found)


def _joined(text: str, i: int) -> bool:
    """Whether ``text[i]`` continues a word (so a name next to it is part of a longer word)."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def _has_cue(analysed: AnalysedText, start: int, end: int, cues: _CueTokens) -> bool:
    """Whether a citing word, or enclosing parentheses ("(AP)"), sits next to ``start:end``:
    among the last :data:`CUE_WINDOW` tokens of its sentence before it or the first after it.
    ``cues``: the text's tokens (:class:`_CueTokens`)."""
    text = analysed.text
    if text[max(start - 1, 0) : start] == "(" and text[end : end + 1] == ")":
        return True
    if text[end : end + 2] in {"'s", "’s"}:
        return True
    sentence = analysed.sentence_at(start)
    if sentence is None:
        return False
    lower = analysed.lower
    return any(
        b - a <= _LONGEST_CUE and lower[a:b] in CUE_WORDS
        for a, b in (*cues.before(sentence, start), *cues.after(sentence, end))
    )


_LONGEST_CUE = max(map(len, CUE_WORDS))
_JOINERS = frozenset("-'’.")


class _CueTokens:
    """The :data:`_TOKEN` tokens of a text's lower-cased sentences, each sentence read once, so
    that a name's cue window is found by bisection. ``_TOKEN.findall`` from the sentence's
    start to each name read the sentence up to it once per name: a 100 KB sentence naming an
    outlet at every fourth character ("Fox-Fox-...", one hyphenated token) took the fast path
    19 s (security round 7). The windows are the ones those searches gave: a token cut by the
    name is read as the search read it (a word, or a word and its joiner)."""

    def __init__(self, analysed: AnalysedText) -> None:
        self._lower = analysed.lower
        self._spans: dict[int, tuple[list[int], list[int]]] = {}

    def _tokens(self, sentence: Sentence) -> tuple[list[int], list[int]]:
        spans = self._spans.get(sentence.start)
        if spans is None:
            starts: list[int] = []
            ends: list[int] = []
            for match in _TOKEN.finditer(self._lower, sentence.start, sentence.end):
                starts.append(match.start())
                ends.append(match.end())
            spans = self._spans[sentence.start] = (starts, ends)
        return spans

    def before(self, sentence: Sentence, start: int) -> list[tuple[int, int]]:
        """The last :data:`CUE_WINDOW` token spans of ``_TOKEN.findall(lower,
        sentence.start, start)``."""
        starts, ends = self._tokens(sentence)
        i = bisect.bisect_right(ends, start)  # tokens 0..i-1 end by ``start``: read whole
        spans = [(starts[k], ends[k]) for k in range(max(0, i - CUE_WINDOW), i)]
        if i < len(starts) and starts[i] < start:  # a word cut at ``start``
            if self._lower[start - 1] in _JOINERS:  # "fox-" reads "fox", "-"
                spans += [(starts[i], start - 1), (start - 1, start)]
            else:
                spans.append((starts[i], start))
        return spans[-CUE_WINDOW:]

    def after(self, sentence: Sentence, end: int) -> list[tuple[int, int]]:
        """The first :data:`CUE_WINDOW` token spans of ``_TOKEN.findall(lower, end,
        sentence.end)``."""
        starts, ends = self._tokens(sentence)
        spans: list[tuple[int, int]] = []
        i = bisect.bisect_right(starts, end)  # tokens i.. start after ``end``
        if i > 0 and starts[i - 1] == end:  # a word starting at ``end``
            i -= 1
        elif i > 0 and ends[i - 1] > end:  # a word cut at ``end``: the rest of it
            if self._lower[end] in _JOINERS:  # "-fox" reads "-", "fox"
                spans += [(end, end + 1), (end + 1, ends[i - 1])]
            else:
                spans.append((end, ends[i - 1]))
        spans += [(starts[k], ends[k]) for k in range(i, min(i + CUE_WINDOW, len(starts)))]
        return spans[:CUE_WINDOW]


# A photo or video credit before a name, from its line's start or its bracket: "Image copyright
# Reuters", "Photo credit: Getty Images / Reuters", "(Image: Fox News)", "(Photo: AP)", "(Photo
# by Hans Gutknecht, Los Angeles Daily News/SCNG)". The
# outlet took the picture; the text does not lean on it for a claim.
_CREDIT_BEFORE = re.compile(
    r"(?:^|\()[ \t]*(?:image|photo|picture|photograph|video|footage)s?"
    r"(?:[ \t]+(?:copyright|credit|source|courtesy(?:[ \t]+of)?|by)[ \t]*:?|[ \t]*:)[ \t]*"
    r"(?:[^()\n.!?]|\.(?!\s)){0,60}\Z",  # \Z: ends at the name (searched up to it)
    re.IGNORECASE | re.MULTILINE,
)


# A photographer's name and a slash before the name: "Fatemeh Bahrami/Anadolu Agency via Getty
# Images", "Alex Brandon / AP", "(Michael S. Williamson/The Washington Post)".
_CREDIT_SLASH = re.compile(
    r"[A-Z][\w.'’-]+(?:[ \t][A-Z][\w.'’-]+)+[ \t]?/[ \t]?(?:[Tt]he[ \t]+)?\Z"
)


def _in_credit(text: str, start: int, name_ends: frozenset[int] = frozenset()) -> bool:
    """Whether the name at ``start`` is in a photo or video credit (:data:`_CREDIT_BEFORE`,
    :data:`_CREDIT_SLASH`). Two outlets joined by a slash ("an ABC News/Washington Post poll",
    "New York Times/Associated Press": an outlet name ends at the slash, ``name_ends``) are
    no credit."""
    if _CREDIT_BEFORE.search(text, max(0, start - 100), start) is not None:
        return True
    if _CREDIT_SLASH.search(text, max(0, start - 60), start) is None:
        return False
    slash = text.rfind("/", 0, start)
    return len(text[:slash].rstrip(" \t")) not in name_ends


def _defines_an_acronym(text: str, start: int, end: int) -> bool:
    """Whether the name is an acronym in brackets after the words it stands for: "a National
    Register of Citizens (NRC)", "Magnesium Elektron North America (MENA)" define it; the
    bracketed outlet of a dateline, "(AP)", cites it."""
    acronym = text[start:end]
    if not (acronym.isupper() and text[start - 1 : start] == "(" and text[end : end + 1] == ")"):
        return False
    words = re.findall(r"[A-Za-z][\w'’-]*", text[max(0, start - 120) : start - 1])
    return "".join(w[0] for w in words if w[0].isupper()).endswith(acronym)


# The publishing site's own furniture right before a name: its copyright line ("© 2020 The New
# York Times", "Copyright © 2020 NPR. All rights reserved.", "© Sputnik / Alexandr Demyanchuk")
# or its disclaimer ("The views expressed ... do not necessarily reflect those of Sputnik",
# "... are not necessarily either shared or endorsed by EagleRising.com", "do not represent
# IMDb's opinions"), and right after it "All rights reserved" or "(Inc.) takes no
# responsibility". The page names its own site; the text leans on no outlet there. Only a year
# and "The" may stand between the mark and the name ("Ivanka©, shows up ... pic.twitter.com"
# is a tweet).
_S = r"[^\S\n]"
_FURNITURE_BEFORE = re.compile(
    rf"(?:(?:©|\(c\)|\bcopyright\b){_S}*)+(?:\d{{4}}{_S}*)?(?:the{_S}+)?\Z"
    rf"|\b(?:not{_S}+necessarily|do(?:es)?{_S}+not)(?:{_S}+\w+){{0,3}}?{_S}+"
    rf"(?:reflect|represent|shared|endorsed)(?:{_S}+(?:or|and){_S}+\w+)?{_S}+"
    rf"(?:(?:those|the{_S}+(?:views|opinions|position)){_S}+of{_S}+|by{_S}+)?(?:the{_S}+)?\Z",
    re.IGNORECASE,
)
_FURNITURE_AFTER = re.compile(
    rf"[^\w\n]{{0,4}}(?:{_S}*inc\.?,?)?{_S}*(?:all{_S}+rights{_S}+reserved"
    rf"|takes?{_S}+no{_S}+responsibility)",
    re.IGNORECASE,
)
_FURNITURE_REACH = 120


def _in_furniture(analysed: AnalysedText, start: int, end: int) -> bool:
    """Whether the name stands in its site's copyright line or disclaimer
    (:data:`_FURNITURE_BEFORE`, :data:`_FURNITURE_AFTER`)."""
    text = analysed.text
    before = _FURNITURE_BEFORE.search(text, max(0, start - _FURNITURE_REACH), start)
    return before is not None or _FURNITURE_AFTER.match(text, end) is not None


def _in_a_longer_acronym(text: str, start: int, end: int) -> bool:
    """Whether an acronym is joined by a hyphen to another of three capitals or more ("EPI-WIN",
    "ABS-CBN"): a longer name's part. A station's band stays its own ("WSVN-TV")."""
    return bool(
        _ACRONYM_AFTER.match(text, end) or _ACRONYM_BEFORE.search(text, max(0, start - 12), start)
    )


_ACRONYM_AFTER = re.compile(r"-[A-Z]{3,}(?!\w)")
_ACRONYM_BEFORE = re.compile(r"(?<!\w)[A-Z]{3,}-\Z")


# An e-mail address up to a domain ("tips@radaronline.com", "jo@news.bbc.co.uk"): a reporter's or
# a tip line's address, the outlet's own contact, not a source the text leans on.
_EMAIL_BEFORE = re.compile(r"[\w.+-]@(?:[\w-]+\.)*\Z")


# The characters a web address is written with (RFC 3986's, less the brackets, quotes and
# marks prose puts around one), and how far either side of a domain its address is read: a host
# name is at most 253 characters, and a bounded read keeps a text of many domains linear.
_ADDRESS = re.compile(r"[\w\-.~:/?#@%=&+]*")
_ADDRESS_READ = 512
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_AUTHORITY_END = re.compile(r"[/?#]")
_HOST_SHAPED = re.compile(r"[\w-]+(?:\.[\w-]+)+\.?")


def _the_address_host(text: str, start: int, end: int) -> bool:
    """Whether the domain at ``start:end`` is the host of the address it is written in, or a
    subdomain's ("www.reuters.com", "https://uk.reuters.com/world"), not a part of another
    host, path or user name that a browser would not open it for ("reuters.com.evil.example",
    "fake-reuters.com", "evil.example/reuters.com", "https://reuters.com@evil.example"):
    hostile round 9, a look-alike address cited as the outlet. A word glued before the address
    is prose ("Source:https://...", "via:youtube.com", "the Arizona Republic/azcentral.com")."""
    window_start = max(0, start - _ADDRESS_READ)
    run_before = _ADDRESS.match(text[window_start:start][::-1])
    first = start - (run_before.end() if run_before else 0)
    if first == window_start and first > 0:
        return False  # the address runs on past the read: its host is not known
    run_after = _ADDRESS.match(text, end, end + _ADDRESS_READ)
    address = text[first : run_after.end() if run_after else end]
    at, until = start - first, end - first
    schemes = list(_SCHEME.finditer(address, 0, at))
    if schemes:
        begin = schemes[-1].end()
    else:
        begin = max(address.rfind(":", 0, at), address.rfind("=", 0, at)) + 1
        if path := _AUTHORITY_END.search(address, begin, at):
            if _HOST_SHAPED.fullmatch(address, begin, path.start()):
                return False  # in the path or query of another host's address
            begin = max(address.rfind(mark, 0, at) for mark in "/?#") + 1
    authority_end = _AUTHORITY_END.search(address, begin)
    until_authority = authority_end.start() if authority_end else len(address)
    if at >= until_authority:
        return False  # in the path, query or fragment
    host_start = address.rfind("@", begin, until_authority) + 1 or begin
    host_end = address.find(":", host_start, until_authority)
    host_end = until_authority if host_end == -1 else host_end
    return (
        host_start <= at
        and (at == host_start or address[at - 1] == ".")
        and address[until:host_end].strip(".") == ""
    )


# A link to an account on a platform: its own host ("www." or a scheme before it at most), one
# path segment and nothing after ("Twitter – twitter.com/dominos" in a press release's footer).
# It names where someone publishes, not a post the text leans on; a post's address goes on
# (twitter.com/user/status/N, youtube.com/watch?v=..., pic.twitter.com/ID on a service host), and
# a post's page whose address lost its query ("youtube.com/watch") is no account.
_ACCOUNT_PATH = re.compile(
    r"/(?!(?:watch|shorts|embed|videos?|live|p|reels?|status|posts?|photos?)/?(?![\w.\-]))"
    r"@?[\w.\-]*\w/?(?![\w/?#=&%\-])",
    re.IGNORECASE,
)
_HOST_PREFIX = re.compile(r"(?:https?://)?(?:www\.|m\.)?$", re.IGNORECASE)
_PREFIX_READ = 16


def _an_account_link(text: str, start: int, end: int, address: str) -> bool:
    """Whether the platform's domain at ``start:end`` is written as a link to an account."""
    if address not in PLATFORMS:
        return False
    window = text[max(0, start - _PREFIX_READ) : start]
    before = window[: _HOST_PREFIX.search(window).start()]  # type: ignore[union-attr]
    if before and (before[-1].isalnum() or before[-1] in "._-@/:"):
        return False  # another host's label ("pic.") or a path's
    return bool(_ACCOUNT_PATH.match(text, end))


# Words a name may have in small letters: joining words, and the kind of outlet it is ("New
# York magazine", "ITV news"), which writers leave in small letters.
_SMALL_NAME_WORDS = frozenset(
    {"the", "a", "an", "of", "and", "in", "on", "for", "to", "at", "by", "with"}
    | {"magazine", "news", "newspaper", "radio", "television", "tv", "online", "network"}
)


def _written_in_small_letters(name: str, written: str) -> bool:
    """Whether a word the name capitalises is written in small letters ("under the knife" for
    The Knife, "on the verge of" for The Verge): the ordinary words, not the name. A name
    written all in capitals ("THE VERGE") or as it is capitalised still counts."""
    if written.isupper() or len(written) != len(name):
        return False
    return any(
        name[m.start()].isupper() and written[m.start()].islower()
        for m in _PARTS.finditer(name)
        if m.group().lower() not in _SMALL_NAME_WORDS
    )


# After a name, the words that let it stay a name ("The Verge has learned", "The Australian
# also reported"): auxiliaries and adverbs, beside the citing words.
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w'’-]*)")
_AFTER_A_NAME = frozenset(
    {"has", "had", "is", "was", "will", "would", "also", "first", "earlier", "previously"}
    | {"recently", "later", "then", "now", "last", "this", "on", "in", "and", "or", "that"}
    | {"noted", "found", "described", "regrets", "asked", "contacted", "wrote", "reports"}
)


def _describes_what_follows(analysed: AnalysedText, name: str, end: int) -> bool:
    """Whether a name of one word after "The" ("The Australian", "The Hindu") is an adjective
    or the start of a longer name here: written "the" inside a sentence or opening one, a word
    follows it that no name would have after it ("the Australian outback", "the Australian
    Film Institute", "the Hindu temple"); "The Australian reported", "The Verge's Tom Warren",
    "told The Australian." and "told The Verge things" (a capital "The" inside a sentence)
    keep it. Asked for names matched in any case, and for names that are common words ("The
    Week", "The State" of "The State of Small Business Report")."""
    words = name.split()
    if len(words) != 2 or words[0].lower() != "the":
        return False
    start = end - len(name)
    sentence = analysed.sentence_at(start)
    if analysed.text[start] == "T" and (sentence is None or sentence.start != start):
        return False  # "told The Verge things": a capital "The" inside a sentence is a title's
    after = _NEXT_WORD.match(analysed.text, end)
    if after is None:  # a mark, a possessive or the end: "told The Australian."
        return False
    word = after.group(1).lower()
    return word not in CUE_WORDS and word not in _AFTER_A_NAME


def _capitalised_neighbours(analysed: AnalysedText, start: int, end: int) -> tuple[bool, bool]:
    """Whether a capitalised word joins ``start:end`` before / after ("Andrew Breitbart", "Time
    Warner"). A function word capitalised only because it opens the sentence joins nothing:
    "The FAZ reported", "As TMZ first reported", "A Reuters reporter said"."""
    text = analysed.text
    before = list(_NEIGHBOUR.finditer(text, max(start - 60, 0), start))[-1:]
    after = _NEIGHBOUR.search(text, end, end + 60)
    sentence = analysed.sentence_at(start)
    sentence_start = sentence is not None and sentence.start == start
    word = before[0].group() if before else ""
    opens_sentence = sentence is not None and before and before[0].start() == sentence.start
    joined_before = (
        bool(word)
        and not sentence_start
        and word[:1].isupper()
        and word.lower() not in CUE_WORDS
        and not (opens_sentence and word.lower() in ENGLISH_STOP_WORDS)
    )
    joined_after = after is not None and after.group()[:1].isupper()
    return joined_before, joined_after


# What the text calls a name right before it, when that says it is no news outlet: "the
# charity Save the Children", "the NGO Save the Children", "the conservative group Judicial
# Watch", "the nonprofit Kaiser Family Foundation", "the think tank ...". A list rates such a
# site too, but the article cites an organisation's statement, not an outlet's report.
ORGANISATION_KINDS = ORGANISATION_WORDS | {
    "charity",
    "ngo",
    "group",
    "organisation",
    "organization",
    "nonprofit",
    "non-profit",
    "tank",
    "watchdog",
    "campaign",
    "lobby",
}
_KIND_BEFORE = re.compile(
    r"\b(?:the|a|an)\s+(?:[\w'’-]+\s+){0,2}(?P<kind>[\w-]+)\s+\Z", re.IGNORECASE
)


# A name that ends a longer one, an organisation's "<Department> of (the) ...": "the Department
# of Foreign Affairs", "a Chinese Ministry of Foreign Affairs spokesman" (Foreign Affairs the
# magazine is a listed outlet).
_OF_AN_ORGANISATION = re.compile(
    r"\b(?:"
    + "|".join(sorted(w.capitalize() for w in ORGANISATION_WORDS | {"office", "bureau"}))
    + r")[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?\Z"
)


# "The Mirror" written "the Mirror" inside a sentence (probe s51 O1) is the paper only where the
# text reports through it: "told the Mirror", "according to the Mirror", "the Mirror reported",
# "the Mirror's". A bare "the Hill" or "the Atlantic" near a citing word is as often the place
# ("Republicans on the Hill said", "across the Atlantic, forecasters said"), so the lower-case
# form wants the citing words right beside it, no preposition of place before it, and no other
# outlet of the text whose name ends in its word ("the Times" after "The New York Times").
_REPORTED_TO = re.compile(
    r"(?:\b(?:told|tells|telling|according\s+to|(?:speaking|spoke|speaks|talking|talked|talks)"
    r"\s+to|said\s+to|interview\s+with|interviewed\s+by|reported\s+by|published\s+by|quoted"
    r"\s+by)\s+)\Z",
    re.IGNORECASE,
)
_REPORTS_AFTER = re.compile(
    r"(?:['’]s\b|,?\s+(?:reported|reports|said|says|revealed|reveals|claimed|claims|wrote|writes"
    r"|published|quoted|understands|learned|obtained|has\s+(?:reported|learned|revealed)))"
)
_PLACE_BEFORE = re.compile(r"\b(?:on|in|across|over|of|from|into|at|up|down|near)\s+\Z", re.I)


def _reported_through(text: str, start: int, end: int) -> bool:
    """Whether the text reports through the paper named at ``start:end`` in its lower-case
    form ("told the Mirror", "the Mirror reported"), not a place of that name."""
    before = text[max(0, start - 40) : start]
    if _PLACE_BEFORE.search(before):
        return False
    return bool(_REPORTED_TO.search(before) or _REPORTS_AFTER.match(text, end))


# A past employer: "former Fox News anchor Megyn Kelly", "a former CNN reporter", "ex-BBC
# presenter". The person no longer speaks for the outlet, and the text leans on it for nothing.
_FORMER = re.compile(r"(?:\bformer[^\S\n]+|\bex-[^\S\n]*)(?:the[^\S\n]+)?\Z", re.IGNORECASE)


# A one-word outlet name written as someone's surname, right after a given name or an initial on
# the same line ("coach John Fox", "Michael J. Fox"): that text's bare "Fox" is the person (probe
# s46: "Fox explained, via the Broncos' official Twitter" cited Fox News, the report's strongest
# signal). Not a nationality ("Russian Sputnik"), a possessive ("Russia's Sputnik") or a
# function or citing word ("The Sputnik", "via Reuters"); not an acronym, which is no surname
# ("Fake News CNN", the dateline "Washington CNN —": corpus check, s46).
_A_SURNAME = re.compile(r"[A-Z][a-z]+")
_GIVEN_NAME_BEFORE = re.compile(r"\b(?P<given>[A-Z][a-z]+|[A-Z]\.)[^\S\n]+\Z")


def _written_as_a_surname(text: str, start: int) -> bool:
    """Whether a capitalised word that could be a given name (or an initial) is right before
    ``start``, on its line (:data:`_GIVEN_NAME_BEFORE`)."""
    before = _GIVEN_NAME_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    given = before.group("given")
    return (
        given.lower() not in ENGLISH_STOP_WORDS
        and given.lower() not in CUE_WORDS
        and given not in DEMONYMS
    )


def _inside_a_longer_name(matches: list[tuple[str, int, int]]) -> set[tuple[int, int]]:
    """The spans of ``matches`` that a longer match holds ("Fox" of "Fox News"), in one sorted
    pass (a text may name thousands of outlets: security round 7)."""
    inside: set[tuple[int, int]] = set()
    furthest = -1  # the furthest end of a match that starts before the current start
    spans = sorted({(start, end) for _, start, end in matches}, key=lambda s: (s[0], -s[1]))
    for i, (start, end) in enumerate(spans):
        if furthest >= end or (i and spans[i - 1][0] == start):
            inside.add((start, end))  # a longer span opens earlier, or at the same character
        furthest = max(furthest, end)
    return inside


def _surname_labels(text: str, matches: list[tuple[str, int, int]]) -> set[str]:
    """The labels of ``matches`` the text writes as a surname somewhere (:data:`_A_SURNAME`,
    :func:`_written_as_a_surname`), where no longer name holds that match."""
    inside = _inside_a_longer_name(matches)
    return {
        label
        for label, start, end in matches
        if _A_SURNAME.fullmatch(text, start, end)
        and (start, end) not in inside
        and _written_as_a_surname(text, start)
    }


def outlet_surnames(analysed: AnalysedText) -> frozenset[str]:
    """The one-word outlet names the text writes as a person's surname ("Fox" where it names
    coach John Fox): their bare mentions are that person, for every reader of sources."""
    matches = _name_matches(analysed)
    labels = _surname_labels(analysed.text, matches)
    return frozenset(analysed.text[start:end] for label, start, end in matches if label in labels)


# An outlet's own correction notice names it as the one that erred ("The Verge regrets the
# error", "The Times apologises for the mistake"): the text is that outlet's, as its address
# would say, so none of its mentions cites it (probe s46, a page read without its address).
_OWN_CORRECTION_AFTER = re.compile(
    r"[^\S\n]+(?:regrets|apologi[sz]es[^\S\n]+for)[^\S\n]+(?:the|this|these|that|any)"
    r"[^\S\n]+(?:errors?|mistakes?|errata)\b",
    re.IGNORECASE,
)


# A site the text itself calls a source of falsehoods, right before its name: "the disreputable
# web site GotNews.com", "another disreputable web site, YourNewsWire.com", "the neo-Nazi web
# site Daily Stormer", "the fake news site ...", "the conspiracy website InfoWars". A fact-check
# names the site whose story it debunks and leans on it for nothing (probe s44: a Snopes debunk
# listed those three as its strongest signals, 0.85 each, "Cites GotNews, an outlet rated low").
_DISCREDITED_SITE = re.compile(
    r"\b(?:disreputable|discredited|dubious|fake(?:[^\S\n]+|-)news|fake|hoax|junk(?:-news)?"
    r"|conspiracy(?:-theory)?|conspiracist|neo-nazi|white(?:[^\S\n]+|-)(?:supremacist|nationalist)"
    r"|propaganda|satirical|satire|clickbait)"
    r"[^\S\n]+(?:news[^\S\n]+)?(?:web[^\S\n]*site|site|blog|outlet|tabloid)s?"
    r"[^\S\n]*,?[^\S\n]+(?:the[^\S\n]+)?\Z",
    re.IGNORECASE,
)


# The same description after the name, as its apposition: "The Onion, a satirical site, ran the
# headline", "InfoWars, the conspiracy website run by Alex Jones," (probe s50 O1: The Onion,
# which the round-up called satirical, was cited as "an outlet rated mixed").
_DISCREDITED_AFTER = re.compile(
    r"(?:['’]s)?[^\S\n]*,[^\S\n]*(?:(?:a|an|the|another)[^\S\n]+)?(?:[\w-]+[^\S\n]+){0,2}?"
    r"(?:disreputable|discredited|dubious|fake(?:[^\S\n]+|-)news|fake|hoax|junk(?:-news)?"
    r"|conspiracy(?:-theory)?|conspiracist|neo-nazi|white(?:[^\S\n]+|-)(?:supremacist|nationalist)"
    r"|propaganda|satirical|satire|clickbait)"
    r"[^\S\n]+(?:news[^\S\n]+)?(?:web[^\S\n]*site|site|blog|outlet|tabloid|newspaper|paper"
    r"|publication|magazine)s?\b",
    re.IGNORECASE,
)


# An outlet named as the maker of a claim the text rebuts (probe s50 O1: a round-up's "Breitbart
# News claimed without evidence that ..." cited Breitbart, 0.50, and InfoWars, 0.85): the text
# names it to say its claim is false or unfounded, and leans on it for nothing. After the name,
# through an apposition and an auxiliary ("InfoWars, run by Alex Jones, has falsely claimed"):
# a rebutting adverb before the claim verb ("falsely reported", "wrongly claimed"), the claim
# verb and then one ("claimed without evidence", "alleged, baselessly"), its false claim ("X's
# false report"), or a relative clause saying it spreads falsehoods ("X, which has pushed
# conspiracy theories"). Before the name: a false claim spread by it ("a claim spread by X", "a
# debunked story published by X"). Not where the outlet reports that someone else claimed
# falsely ("Reuters reported that the minister falsely claimed": a clause of its own follows).
_W = r"[^\S\n]+"
_CLAIM_VERB = (
    r"(?:claim|report|allege|assert|suggest|insist|state|say|said|wr[io]te|write|publish|spread"
    r"|push|peddle|promote|repeat|circulate|amplif(?:y|ie))(?:s|ed|d|ing)?"
)
_REBUTTING = (
    r"(?:falsely|wrongly|baselessly|erroneously|incorrectly|misleadingly|spuriously|groundlessly)"
)
_UNFOUNDED = (
    rf"(?:without{_W}(?:any{_W})?(?:evidence|proof|basis|foundation)|with{_W}no{_W}"
    rf"(?:evidence|proof|basis)|{_REBUTTING})"
)
_FALSE_THING = (
    r"(?:false|baseless|debunked|unfounded|unsubstantiated|bogus|fake|fabricated|discredited"
    r"|groundless|spurious|erroneous|retracted)"
)
_CLAIM_NOUN = (
    r"(?:claims?|reports?|stor(?:y|ies)|rumou?rs?|theor(?:y|ies)|allegations?|assertions?"
    r"|articles?|headlines?|hoax(?:es)?|myths?|falsehoods?|misinformation|disinformation|lies)"
)
_AUXILIARY = (
    r"(?:(?:has|had|have|also|again|later|then|previously|repeatedly|once|even|first|since"
    rf"|already|recently|earlier){_W})"
)
_REBUTTED_AFTER = re.compile(
    rf"(?:['’]s{_W}(?:(?:own|latest|earlier|recent|viral){_W})?{_FALSE_THING}{_W}{_CLAIM_NOUN}\b"
    rf"|(?:[^\S\n]*,[^,.;:!?\n]{{1,60}},)?{_W}{_AUXILIARY}{{0,2}}"
    rf"(?:{_REBUTTING}{_W}{_CLAIM_VERB}\b"
    rf"|{_CLAIM_VERB}(?:{_W}(?:again|repeatedly|also|on{_W}\w+))?[^\S\n]*,?{_W}{_UNFOUNDED}\b))",
    re.IGNORECASE,
)
# What the text says of the outlet itself in a relative clause: it spreads falsehoods ("X,
# which has pushed conspiracy theories", "X, which is known for fake news").
_FALSEHOODS_AFTER = re.compile(
    rf"[^\S\n]*,?{_W}(?:which|that|whose){_W}{_AUXILIARY}{{0,2}}"
    rf"(?:{_CLAIM_VERB}|(?:is|was|has{_W}been){_W}(?:known{_W}for|accused{_W}of)"
    rf"|speciali[sz]\w+{_W}in){_W}(?:(?:baseless|false|debunked|unfounded){_W})?"
    r"(?:conspiracy(?:[^\S\n]+|-)theor(?:y|ies)|falsehoods|misinformation|disinformation"
    r"|hoaxes|lies|fake(?:[^\S\n]+|-)news)\b",
    re.IGNORECASE,
)
_REBUTTED_BEFORE = re.compile(
    rf"\b(?:{_FALSE_THING}{_W}(?:[\w-]+{_W}){{0,2}}?{_CLAIM_NOUN}{_W}(?:\w+{_W}){{0,2}}?"
    rf"(?:spread|pushed|peddled|amplified|circulated|promoted|published|made|started|run|ran"
    rf"|aired|posted|first{_W}reported){_W}(?:first{_W})?by"
    rf"|{_CLAIM_NOUN}{_W}(?:that{_W}(?:was|were|has{_W}been|had{_W}been){_W})?"
    rf"(?:spread|pushed|peddled|amplified|circulated){_W}(?:widely{_W})?by)"
    rf"{_W}(?:the{_W})?\Z",
    re.IGNORECASE,
)
_REBUTTED_READ = 120
# An outlet said to go further than one whose claim the text has just rebutted ("Breitbart
# News claimed without evidence that ... InfoWars went further, alleging ..."): its claim is the
# rebutted one, made bigger.
_GOES_FURTHER = re.compile(rf"{_W}went{_W}(?:(?:even|still|a{_W}step){_W})?further\b")
_GOES_FURTHER_READ = 300


def _rebutted(text: str, start: int, end: int) -> bool:
    """Whether the outlet named at ``start:end`` is named there as the maker of a claim the
    text rebuts (:data:`_REBUTTED_AFTER`, :data:`_REBUTTED_BEFORE`). That mention only: the
    text may lean on the same outlet elsewhere ("TMZ falsely claims ... According to TMZ,
    Travis spent $7,145": corpus check)."""
    if _REBUTTED_AFTER.match(text, end, end + _REBUTTED_READ) is not None:
        return True
    return _REBUTTED_BEFORE.search(text, max(0, start - _REBUTTED_READ), start) is not None


def _called_a_falsehood_source(text: str, end: int) -> bool:
    """Whether the text calls the outlet named before ``end`` a source of falsehoods right
    after its name, in an apposition or a relative clause (:data:`_DISCREDITED_AFTER`,
    :data:`_FALSEHOODS_AFTER`): as :data:`_DISCREDITED_SITE` before it, of every mention."""
    return (
        _DISCREDITED_AFTER.match(text, end, end + _REBUTTED_READ) is not None
        or _FALSEHOODS_AFTER.match(text, end, end + _REBUTTED_READ) is not None
    )


# Where someone's words were said, right before a name: the outlet or show a person told them
# to ("Trump ... telling \"Fox and Friends\" in an interview", "Painter told ABC News", "in an
# interview with Fox News", "the candidate said on Fox News", "appeared on Fox and Friends"),
# or where a speaker said, argued or voiced something on air ("said Sunday on CNN", "argued on
# MSNBC", "voiced his agreement on Fox News", "during an appearance on CNN").
# The words are the speaker's, who is the source the text names; the outlet is the venue, not
# one the text leans on (probe s43: "telling 'Fox and Friends'" was the report's strongest
# signal, 0.85; probe s44: "McCaul ... voiced his agreement on Fox News", 0.85 on an NBC
# report). Not where the speaker is unnamed ("a source told Us Weekly", "sources tell
# RadarOnline.com", "several GOP sources told Politico"): the claim rests on that outlet's
# reporting, and it is cited.
_SAID_ON_AIR = (
    r"(?:said|says|argued|argues|warned|warns|claimed|insisted|insists|stated|declared"
    r"|vowed|predicted|conceded|acknowledged|admitted|suggested)"
    r"(?:[^\S\n]+(?:on[^\S\n]+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|today|yesterday|tonight|morning|evening|night|earlier|later|again|recently))?"
    r"[^\S\n]+on"
    r"|voic(?:ed|es|ing)[^\S\n]+(?:his|her|their|its)[^\S\n]+[\w-]+[^\S\n]+on"
    r"|appearance[^\S\n]+on"
)
_VENUE_BEFORE = re.compile(
    r"\b(?:told|tells?|telling|interview(?:ed)?[^\S\n]+(?:with|on)|(?:speak|talk)(?:s|ing)?"
    r"[^\S\n]+(?:to|with|on)|(?:spoke|talked)[^\S\n]+(?:to|with|on)|"
    + _SAID_ON_AIR
    + r"|appear(?:s|ed|ing)?[^\S\n]+on"
    # a show on the outlet ("appeared on Laura Ingraham's nightly show on Fox News")
    + r"(?:(?:[^\S\n]+[^\s.!?;:]+){1,6}?[^\S\n]+(?:show|program|programme|segment|broadcast"
    r"|podcast)[^\S\n]+on)?)[^\S\n]+[\"“'‘]?(?:the[^\S\n]+)?[\"“'‘]?\Z",
    re.IGNORECASE,
)
_VENUE_WINDOW = 80
# A person the outlet's name describes, after it ("a frequent Fox News guest", "Fox News host
# Sean Hannity", "a CNN contributor"): who they are, not the outlet's reporting (probe s45:
# "a frequent Fox News guest" cited Fox News). The outlet's reporters and editors report for it
# and stay cited (:data:`CUE_WORDS`).
_PERSON_AFTER = re.compile(
    r"(?:['’]s)?[^\S\n]+(?:guest|host|personality|personalities|pundit|commentator"
    r"|contributor|regular|viewer|star|fixture|mainstay)s?\b",
    re.IGNORECASE,
)
# Words of an unnamed speaker (the vague-attribution detector's anonymous sources, and people
# the text counts).
_UNNAMED_SPEAKERS = frozenset(
    {"source", "sources", "insider", "insiders", "aide", "aides", "official", "officials"}
    | {"staffer", "staffers", "adviser", "advisers", "advisor", "advisors", "confidant"}
    | {"confidants", "friend", "friends", "pal", "pals", "person", "people", "diplomat"}
    | {"diplomats", "witness", "witnesses", "eyewitness", "eyewitnesses", "onlooker"}
    | {"onlookers", "observer", "observers", "expert", "experts", "analyst", "analysts"}
    | {"relative", "relatives", "member", "members", "someone", "somebody", "spokesperson"}
    # people the text counts, not names ("Staff at the factory", "Residents")
    | {"staff", "employees", "workers", "residents", "neighbors", "neighbours", "colleagues"}
)
# People the text does not name, as the whole speaker ("Police told CNN", "Activists said on
# Al Jazeera"): not in :data:`_UNNAMED_SPEAKERS`, as a named organisation holds them ("the Tulsa
# Police Department told ABC News" names its speaker).
_UNNAMED_GROUPS = frozenset(
    {"police", "authorities", "activists", "rebels", "protesters", "protestors", "militants"}
    | {"investigators", "prosecutors", "officers", "doctors", "troops", "soldiers", "locals"}
    | {"villagers", "survivors", "families", "lawmakers", "medics", "volunteers", "fighters"}
)
# Where a speaker is, after it: "activists in Syria told ABC News" is the activists' words, and
# Syria names no speaker. Affiliation stays the speaker's ("a spokesman for the Pentagon",
# "Secretary of State Rex Tillerson").
_PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "from", "near", "inside", "outside", "across", "around", "throughout", "within"}
)
_PLACE_WORDS = 4  # the preposition and up to three words ("in the Syrian capital")
# A relative clause's first word: what it tells of is before it ("David Kittos, 48, who told").
_RELATIVE_STARTS = frozenset({"who", "whom", "whose", "which", "that"})
# A speaker the text has named: a pronoun standing for one, or a capitalised word that is no
# stop word ("The senator", "A source", "Several GOP sources" name no one).
_SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
# The speaker's words before the cue: up to this many, back to the clause's start.
_SPEAKER_WORDS = 6
_CLAUSE_START = re.compile(r"[.!?;:\"“”\n]")


def _a_venue(text: str, start: int) -> bool:
    """Whether the name at ``start`` is where a named speaker's words were said
    (:data:`_VENUE_BEFORE`: "Trump ... telling \"Fox and Friends\"", "Painter told ABC News",
    "he told CNN", "in an interview with Fox News"), not an outlet an unnamed speaker told ("a
    source told Us Weekly", "The senator told CNN", "Staff at the factory have told The
    Verge", "activists in Syria told ABC News", "Police told CNN")."""
    cue = _VENUE_BEFORE.search(text, max(0, start - _VENUE_WINDOW), start)
    if cue is None:
        return False
    before = _CLAUSE_START.split(text[max(0, cue.start() - 80) : cue.start()])[-1]
    phrase = _speaker_phrase(before)
    if phrase is None:  # no phrase of its own: the clause's last words, as they come
        speaker = _WORD_BEFORE.findall(before)[-_SPEAKER_WORDS:]
        lower = [word.lower() for word in speaker]
        unnamed = any(word in _UNNAMED_SPEAKERS for word in lower)
    else:
        words, kept = phrase
        unnamed = any(word.lower() in _UNNAMED_SPEAKERS for word in words)
        speaker = words[:kept]
        lower = [word.lower() for word in speaker]
        unnamed = unnamed or lower[-1] in _UNNAMED_GROUPS
    if unnamed:
        return False
    # "In an interview with Fox News, President Trump said": who spoke follows
    return cue.group().lower().startswith(("interview", "appearance")) or any(
        word in _SPEAKER_PRONOUNS or (written[0].isupper() and word not in ENGLISH_STOP_WORDS)
        for written, word in zip(speaker, lower, strict=True)
    )


def _speaker_phrase(before: str) -> tuple[list[str], int] | None:
    """The words of who told the outlet, when they stand right before the cue after a comma or
    the clause's start ("..., activists in Syria told"), and how many of them are left without
    a short phrase of place at their end ("in Syria"). None where the words before the cue are
    no such phrase: a comma right before the cue ("Michael Hoelscher, head of ... at Munich
    University Hospital, told"), a relative clause ("David Kittos, 48, who told"), only small
    words ("... and, while speaking with"), or an apposition to the name that ends the words
    before the comma, a person's age between them ("Garth Tiedje, an analyst and senior vice
    president at Horizon Media told", "Hartley, 40, exclusively tells"), unless its head is a
    group of people ("In Texas, police told CNN")."""
    *earlier, last = before.split(",")
    words = _WORD_BEFORE.findall(last)[-_SPEAKER_WORDS:]
    lower = [word.lower() for word in words]
    if not words or lower[0] in _RELATIVE_STARTS or all(w in ENGLISH_STOP_WORDS for w in lower):
        return None
    named = next(
        (found[-1] for part in reversed(earlier) if (found := _WORD_BEFORE.findall(part))), ""
    )
    if named[:1].isupper() and lower[-1] not in _UNNAMED_GROUPS:
        return None
    place = max((i for i, word in enumerate(lower) if word in _PLACE_PREPOSITIONS), default=0)
    return words, place if place and len(lower) - place <= _PLACE_WORDS else len(words)


def _called_an_organisation(text: str, start: int) -> bool:
    """Whether the text calls the name at ``start`` an organisation just before it."""
    kind = _KIND_BEFORE.search(text, max(0, start - 60), start)
    return kind is not None and kind.group("kind").lower() in ORGANISATION_KINDS


def _named_before(
    matches: list[tuple[str, int, int]], title: str, start: int
) -> tuple[OutletAlias, str] | None:
    """The outlet a shared title ("The Herald", "Gazette") stands for: the last one named in
    full before it whose name ends in the title ("the Miami Herald ... The Herald reported")."""
    index = _names()
    before = [
        (at, label)
        for label, at, end in matches
        if end <= start  # not the longer name it ends: "Gazette" of "Pittsburgh Post-Gazette"
        and label not in index.shared
        and re.split(r"[\s-]", index.targets[label][0].name)[-1] == title
    ]
    return index.targets[max(before)[1]] if before else None


def find_outlet_citations(analysed: AnalysedText) -> list[OutletCitation]:
    """Every place the text names an outlet, longest name first where names overlap.

    "The Herald" or "the Gazette", a title many places' papers share, is the paper the text
    named in full before it ("the Miami Herald"), or none."""
    index = _names()
    targets = index.targets
    resolved: dict[tuple[str, int], tuple[OutletAlias, str]] = {}  # shared titles, by place
    matches = _name_matches(analysed)
    name_ends = frozenset(end for _, _, end in matches)
    # a venue's name and the names inside it ("Mail" of "told The Globe and Mail") cite nothing
    venues = [(start, end) for _, start, end in matches if _a_venue(analysed.text, start)]
    if venues:
        matches = [m for m in matches if not any(a <= m[1] and m[2] <= b for a, b in venues)]
    # an outlet the text calls a source of falsehoods anywhere ("the disreputable web site
    # GotNews.com ... Why GotNews backtracked"): none of its mentions is leaned on
    discredited = {
        targets[label][1]
        for label, start, end in matches
        if _DISCREDITED_SITE.search(analysed.text, max(0, start - 60), start)
        or _called_a_falsehood_source(analysed.text, end)
    }
    # a mention that names the outlet as the maker of a claim the text rebuts ("Breitbart News
    # claimed without evidence"), and one said to go further right after it
    rebutted = [start for _, start, end in matches if _rebutted(analysed.text, start, end)]
    if rebutted:
        rebutted += [
            start
            for _, start, end in matches
            if _GOES_FURTHER.match(analysed.text, end)
            and any(start - _GOES_FURTHER_READ <= at < start for at in rebutted)
        ]
    rebutted_at = frozenset(rebutted)
    # the text's own outlet, named in its correction notice: the publisher, never a citation
    own = {
        targets[label][1]
        for label, _, end in matches
        if _OWN_CORRECTION_AFTER.match(analysed.text, end)
    }
    # one-word names the text writes as a person's surname ("John Fox"): their bare mentions
    # are that person, where no longer name holds them ("Fox" of "Fox News" stays the outlet);
    # the first letter alone a capital, as a surname is written
    surnames = _surname_labels(analysed.text, matches)
    other_meaning: dict[str, bool] = {}  # acronyms the text spells out as something else
    cues = _CueTokens(analysed)

    def cited(match: tuple[str, int, int]) -> bool:
        label, start, end = match
        text = analysed.text
        if _in_credit(text, start, name_ends) or _defines_an_acronym(text, start, end):
            return False
        if _called_an_organisation(text, start) or _in_furniture(analysed, start, end):
            return False
        if _FORMER.search(text, max(0, start - 20), start) or _PERSON_AFTER.match(text, end):
            return False
        if targets[label][1] in discredited or targets[label][1] in own or label in surnames:
            return False
        if start in rebutted_at:
            return False
        alias = targets[label][0]
        if alias.cue and alias.name.startswith("The ") and text.startswith("the ", start):
            word = alias.name[4:]
            if not _reported_through(text, start, end) or any(
                targets[other][1] != targets[label][1] and text[a:b].endswith(" " + word)
                for other, a, b in matches
            ):
                return False
        if alias.origin != "curated" and _acronym(alias.name):
            if _in_a_longer_acronym(text, start, end):
                return False
            if alias.name not in other_meaning:
                spelled = {canonical_name(n) for n in spelled_out(text, alias.name)}
                other_meaning[alias.name] = bool(spelled) and not (
                    spelled & _outlet_names(targets[label][1])
                )
            if other_meaning[alias.name]:
                return False
        if label in index.shared:
            meant = _named_before(matches, index.shared[label], start)
            if meant is None:
                return False
            resolved[label, start] = meant
        if not alias.case_sensitive and _written_in_small_letters(
            alias.name, analysed.text[start:end]
        ):
            return False
        if (not alias.case_sensitive or alias.cue) and _describes_what_follows(
            analysed, alias.name, end
        ):
            return False
        if alias.origin == "domain" and (
            _EMAIL_BEFORE.search(analysed.text, max(0, start - 64), start)
            or not _the_address_host(analysed.text, start, end)
            or _an_account_link(text, start, end, targets[label][1])
        ):
            return False
        joined_before, joined_after = _capitalised_neighbours(analysed, start, end)
        if joined_before and " " not in alias.name:
            return False
        if alias.origin != "curated" and _OF_AN_ORGANISATION.search(
            text, max(0, start - 40), start
        ):
            return False
        if alias.cue and (joined_after or not _has_cue(analysed, start, end, cues)):
            return False
        # last, as the dearest: "a writer whose pieces have appeared in Human Events" at the
        # piece's close names the writer's outlets, not sources (probe s49 S7)
        return not writers_line(text, start)

    found = [
        OutletCitation(start, end, *resolved.get((label, start), targets[label]))
        for label, start, end in longest_non_overlapping(matches, cited)
    ]
    return sorted(found, key=lambda c: c.start)
