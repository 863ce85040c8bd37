"""Unsourced claims: factual assertions (figures, named parties) that say nowhere where they come from.

"Russian warships hit a military operations center in Aleppo, killing 30 US, British and
Israeli officers": a checkable figure stated as fact with no source. A sentence is a claim
when it holds a number entity (CARDINAL, QUANTITY, PERCENT, MONEY) or at least two named
parties (PERSON, ORG, GPE, NORP, EVENT; not a place named as the setting, "in Brooklyn"), plus
a verb. It is sourced when the parse shows an
attribution with a named or institutional subject: "according to the ministry", "police told
Reuters", "Smith said", "was confirmed by the WHO". An attribution to unnamed plurals
("multiple reports", "experts") does not count (the vague-attribution detector flags those).

A claim whose only source is one news outlet ("According to Russia's Sputnik news agency,
...") is flagged as single-sourced with a lower weight (``detail.sourcing = "single_source"``);
one credited only to unnamed sources ("residents said", "experts say") gets ``sourcing =
"vague"``, weighed and counted as one with no source at all, ``sourcing = "none"``. An outlet
that reports its own finding is the claim's named source, as a staff writer is: the one the
page's address names ("Reuters reported" on reuters.com), or a paper by its short name with a
verb of its own newsgathering ("..., the Gazette has learned", "The Times has confirmed").
The writer's own work is sourced to the writer ("My research team came to this figure by ...",
"my estimates suggest"); in a poll story (its lead names the poll or survey) the respondents'
answers and the figures broken down by group are the poll's; in a report of games (three game
words: "touchdown", "NFL", "innings") a sentence whose every figure is a score or what a game
counts ("31-23 loss ... with five catches on six targets") is the box score's, a matter of record.

Needs the dependency parse and named entities, so it runs on the deep path only. Questions,
the headline, sentences quoted from someone (their speaker is named around the quote) and
lines a transcript opens with a named speaker's label ("Doug Sombke: ...") are skipped; a
reporting verb joined to another ("and said", ", saying") shares that verb's subject.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from veracity.nlp import AnalysedText
from veracity.nlp.corrections import retracted
from veracity.nlp.document import FINITE_TAGS, after_dateline, dateline_agency, writers_line
from veracity.nlp.list_numbers import in_spans, list_number_spans
from veracity.nlp.phone_numbers import phone_number_spans
from veracity.report.schema import Signal, SignalKind
from veracity.signals.registry import make_signal, register
from veracity.signals.rhetorical_question import (
    TextSentence,
    in_regions,
    quoted_regions,
    text_sentences,
)
from veracity.signals.vague_attribution import they_refer_back
from veracity.sources.citations import outlet_surnames, spelled_out

if TYPE_CHECKING:  # the deep path's spaCy objects; the fast path never imports spaCy
    from spacy.tokens import Doc, Span
    from spacy.tokens import Token as SpacyToken

NAME = "unsourced_claim"

NUMERIC_LABELS = frozenset({"CARDINAL", "QUANTITY", "PERCENT", "MONEY"})
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "EVENT"})
SOURCE_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
REPORTING_LEMMAS = frozenset(
    [
        "say",
        "tell",
        "report",
        "confirm",
        "announce",
        "state",
        "claim",
        "add",
        "note",
        "write",
        "estimate",
        "explain",
        "insist",
        "deny",
        "reveal",
        "disclose",
        "warn",
        "testify",
        "tweet",
        "post",
        "acknowledge",
        "admit",
        "allege",
        "argue",
        "assert",
        "conclude",
        "find",
        "show",
        "indicate",
        "publish",
        "quote",
        "cite",
        "describe",
        "declare",
        "predict",
        "suggest",
        "reply",
        "respond",
        "recount",
    ]
)
# Speech acts that carry what they credit as much as "say" does: "A Californian artist has
# accused Roman Polanski of ...", "Kennedy proclaimed ...", "Russia has criticized the Financial
# Times over ...": the subject is who makes the claim. Not verbs that are also deeds ("recall"
# a car, "maintain" a park, "pledge" money, "call it quits", a city that "boasts" 7,300
# restaurants).
SPEECH_ACTS = frozenset(
    {"accuse", "blame", "criticize", "criticise", "condemn", "praise", "proclaim", "demand"}
    | {"urge", "repeat", "reiterate", "complain", "concede", "remark", "mention"}
    | {"lament", "stress", "emphasize", "emphasise", "contend", "affirm", "comment", "forecast"}
)
REPORTING_LEMMAS |= SPEECH_ACTS
# Plural or empty subjects: "experts said", "reports confirmed" name no one who can be checked.
VAGUE_HEADS = frozenset(
    [
        "they",
        "some",
        "many",
        "others",
        "experts",
        "sources",
        "officials",
        "reports",
        "people",
        "critics",
        "observers",
        "analysts",
        "insiders",
        "witnesses",
        "commentators",
        "studies",
        "everyone",
        "everybody",
        "someone",
        "somebody",
        "it",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "what",
        "accounts",
        "rumours",
        "rumors",
        "claims",
        "media",
    ]
)
PERSONAL_PRONOUNS = frozenset({"he", "she", "i", "we"})
# The writer's own: "my research", "our analysis" credit the writer, whom the byline names.
WRITERS = frozenset({"my", "our"})
# Vague heads that point back at something rather than name a kind of source ("they found",
# "this shows"): a claim credited to one alone is explained as one with no source.
POINTERS = frozenset({"they", "it", "this", "that", "these", "those", "which", "who", "what"})
NOBODY = frozenset({"nobody", "noone", "none", "no-one"})
# How what a verb of speech reports hangs on it, or it on what it reports.
REPORTED_DEPENDENCIES = frozenset({"ccomp", "xcomp", "parataxis"})
# What credits a claim to a source in so many words: verbs of speech (not "find" or "show":
# "many find themselves", "500 people showed up") and "according to" / "citing".
SPEECH_CUES = frozenset(
    {"say", "tell", "report", "claim", "state", "warn", "allege", "insist", "estimate", "add"}
    | {"note", "write", "tweet", "post", "testify", "predict", "argue", "assert", "declare"}
    | {"confirm", "announce", "reveal", "disclose", "acknowledge", "admit", "deny", "explain"}
    | {"describe", "reply", "respond", "recount", "quote", "conclude", "according", "citing"}
    | SPEECH_ACTS
)
# Plural heads that still name an accountable institution.
INSTITUTIONS = frozenset({"police", "authorities", "prosecutors", "investigators", "regulators"})
# Words that make a source phrase a news outlet. Not "agency" alone: "the Environment Agency"
# or "the Environmental Protection Agency" is a public body; a news agency says "news"
# ("Sputnik news agency") or is named here ("Interfax", "Yonhap").
NEWS_WORDS = frozenset(
    [
        "news",
        "times",
        "post",
        "journal",
        "herald",
        "tribune",
        "gazette",
        "daily",
        "press",
        "media",
        "tv",
        "television",
        "radio",
        "channel",
        "newspaper",
        "magazine",
        "network",
        "broadcaster",
        "wire",
        "telegraph",
        "guardian",
        "mail",
        "express",
        "sputnik",
        "reuters",
        "tass",
        "xinhua",
        "rt",
        "bbc",
        "cnn",
        "afp",
        "ap",
        "bloomberg",
        "politico",
        "breitbart",
        "infowars",
        "newsweek",
        "msnbc",
        "fox",
        "abc",
        "nbc",
        "cbs",
        "npr",
        "axios",
        "vox",
        "huffpost",
        "buzzfeed",
        "tmz",
        "interfax",
        "ria",
        "novosti",
        "yonhap",
        "kyodo",
        "anadolu",
        "efe",
        "ansa",
        "dpa",
        "pti",
        "ians",
        "aap",
        "irna",
    ]
)
# "according to X", "based on X": the object names the source.
SOURCE_PREPOSITIONS = frozenset({("according", "to"), ("based", "on"), ("data", "from")})
# "a poll by X", "figures from X": evidence credited to its author.
EVIDENCE_NOUNS = frozenset(
    [
        "poll",
        "survey",
        "study",
        "report",
        "data",
        "figures",
        "statistics",
        "analysis",
        "estimate",
        "census",
        "research",
    ]
)
WEIGHTS = {("none", "numeric"): 0.5, ("none", "named"): 0.3}
SINGLE_SOURCE_FACTOR = 0.5
MIN_WORDS = 5

Sourcing = Literal["named", "outlet", "vague"]


# News words that are also ordinary words: they make a source an outlet only as a name's word,
# with a capital ("The Post", "the Daily Mail", "the Associated Press"), not in "a post shared
# by Gloria Estefan", "a Monday press release" or "White House press secretary Sean Spicer"
# ("a local daily", "the wire" stay: they say what kind of outlet).
ORDINARY_NEWS_WORDS = frozenset(
    {"post", "press", "times", "mail", "express", "guardian", "herald", "tribune", "gazette"}
    | {"telegraph"}
)
# Words of a news outlet's name spelled out ("American Broadcasting Company", "Russia Today").
_SPELLED_NEWS_WORDS = NEWS_WORDS | {"broadcasting", "broadcast", "presse", "agence", "today"}


def _news_word(token: SpacyToken) -> bool:
    """Whether a word of a source phrase makes it a news outlet: a news word, an ordinary one
    only with a capital, and an outlet's acronym ("ABC") only where the text does not spell it
    out as something else ("the state's Department of Alcoholic Beverage Control (ABC)")."""
    word = token.lower_
    if word not in NEWS_WORDS:
        return False
    if word in ORDINARY_NEWS_WORDS and not token.text[:1].isupper():
        return False
    if len(token.text) > 1 and token.text.isupper():
        meant = spelled_out(token.doc.text, token.text)
        return not meant or any(
            w.lower() in _SPELLED_NEWS_WORDS for name in meant for w in name.split()
        )
    return True


def _classify_source(phrase: Span) -> Sourcing:
    """Whether a source phrase is a news outlet, a named/institutional source, or vague."""
    if any(_news_word(t) for t in phrase):
        return "outlet"
    if any(e.label_ in SOURCE_LABELS for e in phrase.ents) or any(
        t.pos_ == "PROPN" for t in phrase
    ):
        return "named"
    head = phrase.root
    if (
        head.lower_ in PERSONAL_PRONOUNS
        or head.lower_ in WRITERS
        or head.lower_ in INSTITUTIONS
        or _institutions_record(head)
    ):
        return "named"
    if head.lower_ in VAGUE_HEADS or head.tag_ in {"NNS", "NNPS"}:
        return "vague"
    # A singular institution or document: "the ministry", "the police", "a statement".
    return "named" if head.pos_ in {"NOUN", "PROPN"} else "vague"


# Records an institution keeps, named by the institution's kind: "Court documents show that at
# 1 a.m. ... Varnell attempted ..." (probe s47 S4: read as unsourced), "police records", "city
# filings", "prison transcripts". The reader can ask that court or that police force for them,
# where "documents show" or "leaked papers show" credit no one.
RECORD_LEMMAS = frozenset(
    {"document", "record", "filing", "paper", "file", "transcript", "minute", "minutes"}
)
RECORD_KEEPERS = frozenset(
    {"court", "police", "government", "city", "county", "state", "federal", "prison", "hospital"}
    | {"company", "census", "tax", "military", "congressional", "agency", "ministry", "bureau"}
    | {"department", "council", "commission", "committee", "school", "university", "jail"}
    # a public record, and what a body's record is of (probe s50 S3: "according to the
    # minutes of the meeting" read as "on the word of unnamed sources")
    | {"public", "meeting", "hearing", "session", "board", "inquest", "inquiry"}
    | {"trial", "parliament", "senate", "assembly", "cabinet", "legislature", "land"}
)


def _institutions_record(head: SpacyToken) -> bool:
    """Whether ``head`` is a record (:data:`RECORD_LEMMAS`) whose compound or adjective names
    the institution that keeps it, or whose "of" names the body or sitting it records ("the
    minutes of the meeting", "a transcript of the hearing"): :data:`RECORD_KEEPERS`."""
    if head.lemma_.lower() not in RECORD_LEMMAS and head.lower_ not in RECORD_LEMMAS:
        return False
    return any(
        c.dep_ in {"compound", "amod"} and c.lower_ in RECORD_KEEPERS for c in head.children
    ) or any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(g.dep_ == "pobj" and g.lemma_.lower() in RECORD_KEEPERS for g in c.children)
        for c in head.children
    )


def _subtree_span(doc: Doc, token: SpacyToken) -> Span:
    return doc[token.left_edge.i : token.right_edge.i + 1]


def _sources(analysed: AnalysedText, sentence: Span) -> list[tuple[Sourcing, str, str]]:
    """Every attribution in a sentence with its kind, the source's words and its cue
    (:func:`_attributions`); "they" with who they are named just before ("The researchers
    tested ... They found") is that source, unless an unnamed source beside it is who they are
    ("experts say ..., as they warn")."""
    found = _attributions(sentence)
    others_vague = sum(kind == "vague" for kind, _, _ in found) > 1
    return [
        (
            "named"
            if (kind == "vague" and not others_vague and _named_they(analysed, phrase))
            or (kind == "outlet" and _own_outlet(analysed, phrase))
            # "Fox added ..." where the text names coach John Fox (probe s46): the person
            or (kind == "outlet" and len(phrase) == 1 and phrase.text in outlet_surnames(analysed))
            else kind,
            phrase.text,
            cue,
        )
        for kind, phrase, cue in found
    ]


# The most tokens of an outlet's name as the subject of "learned" ("Daily Mail Online", "The
# Washington Post"): a longer subject is a list or a description, not an outlet.
_OUTLET_NAME_TOKENS = 5
# Short names a paper calls itself by ("the Gazette has learned", "The Times has confirmed"),
# which many papers share; not a name that is a paper's whole one ("The Guardian", "the Daily
# Mail", "The Telegraph").
_SHORT_NAMES = frozenset({"gazette", "times", "post", "herald", "tribune", "journal"})
# Parts of a host name that name no outlet ("www.reuters.com", "edition.cnn.com", "bbc.co.uk").
_HOST_PARTS = frozenset({"www", "m", "amp", "edition", "co", "com", "org", "net", "news"})


def _own_outlet(analysed: AnalysedText, phrase: Span) -> bool:
    """Whether an outlet a claim is credited to is the one that publishes the text, so that
    the claim rests on its own reporting, as a staff writer's does: the outlet the page's
    address names ("Reuters reported" on reuters.com, "the Gazette" on springfieldgazette.com);
    an outlet that "has learned" ("..., CNN has learned", "E! News has learned exclusively"),
    the formula of an outlet's own finding (another outlet's is "reported" or "according
    to"); or a paper's short name ("the Gazette", "The Times") with a verb of its own finding
    ("has confirmed", "can reveal") where the text names no other paper of that name before it
    ("The Colorado Springs Gazette ... the Gazette" is that other paper)."""
    if _named_by_the_address(phrase, analysed.article.source_domain) or _the_datelines_agency(
        analysed, phrase
    ):
        return True
    verb = phrase.root.head
    if phrase.root.dep_ != "nsubj":
        return False
    if verb.lemma_.lower() == "learn":
        return True
    words = [t for t in phrase if not t.is_punct]
    if not (
        len(words) == 2
        and words[0].lower_ == "the"
        and words[1].lower_ in _SHORT_NAMES
        and words[1].text[:1].isupper()
        and _its_own_finding(verb)
    ):
        return False
    offset = next(start for start, doc in analysed.docs if doc is phrase.doc)
    other = re.compile(rf"\b(?!The\b)[A-Z][\w.'’-]*\s+{re.escape(words[1].text)}\b")
    return other.search(analysed.text, 0, offset + phrase.start_char) is None


def _the_datelines_agency(analysed: AnalysedText, phrase: Span) -> bool:
    """Whether an outlet a claim is credited to is the agency the body's dateline names ("All 19
    economists polled by Reuters ..." under "SANTIAGO, Dec 3 (Reuters) -", probe s49 S3: "Rests
    on a single outlet (Reuters)"): the agency is the story's own newsgathering, as the outlet
    the page's address names is. Its name written out or by its initials ("The Associated
    Press" under "(AP)")."""
    tag = dateline_agency(analysed.text, analysed.article.body_start)
    if tag is None:
        return False
    agency = "".join(analysed.text[tag[0] : tag[1]].lower().split()).replace(".", "")
    words = [t.lower_ for t in phrase if t.is_alpha and t.text[:1].isupper() and t.lower_ != "the"]
    return bool(words) and agency in {"".join(words), "".join(w[0] for w in words)}


def _its_own_finding(verb: SpacyToken) -> bool:
    """A reporting verb in the perfect or after "can" ("has confirmed", "can reveal"): an
    outlet's own newsgathering; not the past of a report ("reported")."""
    return verb.lemma_.lower() in REPORTING_LEMMAS and any(
        c.dep_ == "aux" and (c.lower_ == "can" or (c.lemma_ == "have" and verb.tag_ == "VBN"))
        for c in verb.children
    )


def _named_by_the_address(phrase: Span, domain: str | None) -> bool:
    """Whether the outlet's name is the page's host name, written out ("Reuters" for
    reuters.com, "The Washington Post" for washingtonpost.com, "the Gazette" for
    springfieldgazette.com, "BBC News" for bbc.co.uk) or by its initials and last word ("The
    New York Times" for nytimes.com)."""
    if not domain:
        return False
    words = [t.lower_ for t in phrase if t.is_alpha and t.text[:1].isupper() and t.lower_ != "the"]
    if not words:
        return False
    written = "".join(words)
    initials = "".join(w[0] for w in words[:-1]) + words[-1]
    labels = [part for part in domain.lower().split(".")[:-1] if part not in _HOST_PARTS]
    return any(
        (len(written) >= 3 and (written in label or initials == label))
        or (len(label) >= 3 and label in written)
        for label in labels
    )


def _named_they(analysed: AnalysedText, phrase: Span) -> bool:
    """Whether a source phrase is "they" whose referent the text names just before (the
    vague-attribution detector's test: a plural noun, a group noun, names joined or a named
    body in the sentence before or this one; a passive never)."""
    root = phrase.root
    verb = root.head
    if len(phrase) != 1 or root.lower_ != "they" or verb.i <= root.i:
        return False
    if verb.lemma_.lower() not in REPORTING_LEMMAS:  # the subject of another verb, shared
        return False
    offset = next(start for start, doc in analysed.docs if doc is phrase.doc)
    return they_refer_back(analysed, offset + root.idx, offset + verb.idx + len(verb.text))


def _credited_to_unnamed(sentence: Span) -> str | None:
    """The words of an unnamed source the sentence credits in so many words ("residents
    said", "according to experts", "analysts warn"), if it does.

    Not every vague subject of a reporting verb is one: "500 people showed up", "many find
    themselves", "More than 2.4 million people filed", "the attacks claimed 40 lives", "Let me
    tell you", or a pronoun pointing back ("They found"). Only "according to" / "citing", or a
    verb of speech that reports something (a clause: "residents said the fire ...", or ",
    officials said."), with a source that counts nothing before its head noun and is no
    personal or pointing pronoun."""
    for kind, phrase, cue in _attributions(sentence):
        if kind != "vague" or cue not in SPEECH_CUES:
            continue
        root = phrase.root
        if root.lower_ in POINTERS or root.tag_ in {"PRP", "PRP$"} or root.lower_ in NOBODY:
            continue
        if any(t.like_num or t.tag_ == "CD" or t.like_url for t in phrase[: root.i - phrase.start]):
            continue
        verb = root.head
        if verb.pos_ == "VERB" and not (
            verb.dep_ in REPORTED_DEPENDENCIES
            or any(c.dep_ in REPORTED_DEPENDENCIES for c in verb.children)
        ):
            continue
        return phrase.text
    return None


def _attributions(sentence: Span) -> list[tuple[Sourcing, Span, str]]:
    """Every attribution in a sentence: its kind, the source's words and what credits them
    (the reporting verb's lemma, or the preposition: "according", "citing", "by")."""
    doc = sentence.doc
    found: list[tuple[Sourcing, Span, str]] = []
    for token in sentence:
        source: SpacyToken | None = None
        cue = token.lower_
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and (token.lower_, following.lower_) in SOURCE_PREPOSITIONS:
            objects = [c for c in following.children if c.dep_ == "pobj"]
            source = objects[0] if objects else None
        elif token.lower_ in {"citing", "per"} or (
            token.lower_ in {"by", "from"} and token.head.lemma_.lower() in EVIDENCE_NOUNS
        ):
            objects = [c for c in token.children if c.dep_ in {"pobj", "dobj"}]
            source = objects[0] if objects else None
        elif (
            token.lemma_.lower() in REPORTING_LEMMAS
            and token.pos_ == "VERB"
            and not _left_unsaid(token)
        ):
            cue = token.lemma_.lower()
            # a subject in the sentence first: the parse may give the verb one in the line
            # before too (a heading "ERIE INSURANCE" over "The insurer said ...")
            subjects = sorted(
                (c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}),
                key=lambda c: not sentence.start <= c.i < sentence.end,
            )
            agents = [
                g
                for c in token.children
                if c.dep_ == "agent"
                for g in c.children
                if g.dep_ == "pobj"
            ]
            if agents:
                source = agents[0]
            elif subjects and subjects[0].dep_ == "nsubj":
                source = subjects[0]
            elif not subjects:
                source = _shared_subject(token) or _unparsed_subject(sentence, token)
        elif (
            token.pos_ == "NOUN"
            and (token.lower_ in EVIDENCE_NOUNS or token.lemma_.lower() in EVIDENCE_NOUNS)
            and (authors := [c for c in token.children if _names_an_author(c)])
        ):
            # evidence its author's name qualifies: "A Reuters poll of economists had
            # produced a median forecast ..." (probe s46: read as "without saying who reports
            # it"), "a Gallup survey", "Pew's study"
            source, cue = authors[0], "by"
        elif token.pos_ == "NOUN" and (writer := _writers_own_work(token)) is not None:
            # the writer reporting their own work: "My research team came to this $500,000
            # figure by linking ...", "my estimates suggests that ..." (probe s48 S1: an
            # op-ed's 14 unsourced claims on its writer's research)
            source, cue = writer, "by"
        elif token.lower_ in {"on", "at"} and (market := _the_exchange(token)) is not None:
            # a price as its exchange quotes it: "Copper ... fell 2.3% on the London Metal
            # Exchange on Wednesday to $8,410 a tonne" (probe s49 S3: "States figures ... without
            # saying who reports it"); the exchange's record is the figure's named source
            source, cue = market, "on"
        elif token.pos_ == "VERB" and (recorder := _on_the_record(token)) is not None:
            # a body's recorded vote ("Councillors voted seven to one in favour", "The council
            # voted 7-1"), or what the outlet's own reporter saw or counted ("Our reporter saw
            # 200 people queue", "A Times reporter counted 45 police vehicles"): a public record,
            # and first-hand reporting, whose source is the body or the reporter (probe s50 S3)
            source, cue = recorder, ON_THE_RECORD
        elif token.lemma_.lower() == "learn" and token.pos_ == "VERB":
            # an outlet's own finding ("..., the Gazette has learned"), named as one; a person
            # who learns something is no source, nor are an outlet's staff ("NBC staffers
            # learned Lauer was fired") or a list of people one of whom is played by Matthew Fox
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            named = _subtree_span(doc, subjects[0]) if subjects else None
            if (
                named is not None
                and named.root.pos_ == "PROPN"
                and len(named) <= _OUTLET_NAME_TOKENS
                and _classify_source(named) == "outlet"
            ):
                source, cue = subjects[0], "learn"
        if source is None:
            continue
        # The parse may run a source's words into the line before ("... 2018. REUTERS/Toby
        # Melville" over "Data published on Tuesday showed ..."): its words are those in the
        # sentence.
        first = max(source.left_edge.i, sentence.start)
        last = min(source.right_edge.i + 1, sentence.end)
        if first < last:
            phrase = doc[first:last]
            kind = "named" if cue == ON_THE_RECORD else _classify_source(phrase)
            found.append((kind, phrase, cue))
    return found


# What credits a body's recorded vote or the outlet's reporter as eyewitness
# (:func:`_on_the_record`): the source named in full, whatever its words.
ON_THE_RECORD = "on the record"
# Who votes on the record: a deliberative body and its members ("The council voted 7-1",
# "Councillors voted seven to one", "Senators voted 52-48"), not anyone who votes ("3 million
# illegal immigrants voted", "readers voted"), whose vote is the claim.
VOTING_BODIES = frozenset(
    {"council", "councillor", "councilor", "councilman", "councilwoman", "alderman"}
    | {"committee", "board", "commission", "commissioner", "panel", "cabinet", "jury", "juror"}
    | {"senate", "senator", "house", "parliament", "assembly", "legislature", "congress"}
    | {"lawmaker", "legislator", "mp", "mep", "deputy", "delegate", "representative"}
    | {"trustee", "governor", "supervisor", "selectman", "selectmen", "regent", "justice"}
    | {"court", "chamber", "shareholder", "stockholder", "member", "union"}
)
# Verbs of seeing or counting, and who sees for the reader: a reporter, the outlet's or one it
# names ("our reporter", "a Times reporter"), not anyone ("Residents saw 200 soldiers").
_WITNESS_VERBS = frozenset({"see", "count", "witness", "observe", "watch", "hear", "photograph"})
_REPORTERS = frozenset(
    {"reporter", "correspondent", "journalist", "photographer", "photojournalist", "crew"}
)


def _on_the_record(verb: SpacyToken) -> SpacyToken | None:
    """The subject of ``verb`` that is the source of its sentence's facts: a deliberative body
    or its members voting (:data:`VOTING_BODIES`: its tally and what it voted on are public
    record; or an organisation's name, "the FOMC voted ..."; not a place's or a people's, whose
    vote is an electorate's: "Detroit, a city that is 90 percent black, voted for a white
    mayor"), or a reporter seeing, hearing or counting (:data:`_REPORTERS`: first-hand
    reporting), but not one who "heard that ..." or "saw it as ..." (hearsay and judgement);
    in either case as what the sentence says (:func:`_what_the_sentence_says`). None
    otherwise."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects or not _what_the_sentence_says(verb):
        return None
    subject, lemma = subjects[0], verb.lemma_.lower()
    if lemma == "vote":
        body = subject.lemma_.lower() in VOTING_BODIES or subject.lower_ in VOTING_BODIES
        named = subject.pos_ == "PROPN" and subject.ent_type_ == "ORG"
        return subject if (body or named) and _a_vote_taken(verb) else None
    if lemma not in _WITNESS_VERBS or not _outlets_reporter(subject):
        return None
    if any(_told(c) or (c.dep_ == "prep" and c.lower_ == "as") for c in verb.children):
        return None
    return subject


def _what_the_sentence_says(verb: SpacyToken) -> bool:
    """Whether ``verb`` is its sentence's main verb (or one joined to it): the vote or the
    sighting is what the sentence says, not a clause beside a claim of its own ("after the
    House voted ..., Odzak came to collect", "what the Congress voted to give them in 2002")."""
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")


def _a_vote_taken(verb: SpacyToken) -> bool:
    """Whether ``verb`` ("vote") tells of a vote taken: "voted", "has voted", not one to come
    or going on ("will vote Wednesday", "are voting on"), one not taken ("hasn't voted") or
    one supposed ("would have voted")."""
    return verb.tag_ in {"VBD", "VBN"} and not any(
        c.dep_ == "neg" or (c.dep_ == "aux" and c.tag_ == "MD") for c in verb.children
    )


def _outlets_reporter(subject: SpacyToken) -> bool:
    """Whether ``subject`` is a reporter (:data:`_REPORTERS`) of the outlet or of one it names:
    "our reporter", "this correspondent", "a Times reporter", "an AP reporter", "the Guardian's
    photographer", "a reporter for the BBC"; not "photographers" or "a reporter", who could be
    anyone's."""
    if subject.lemma_.lower() not in _REPORTERS:
        return False
    return any(
        (c.dep_ == "poss" and (c.lower_ in {"our", "my"} or c.pos_ == "PROPN"))
        or (c.dep_ == "det" and c.lower_ == "this")
        or (c.dep_ == "compound" and c.pos_ == "PROPN")
        or (
            c.dep_ == "prep"
            and c.lower_ in {"for", "with", "from", "at"}
            and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in c.children)
        )
        for c in subject.children
    )


def _told(clause: SpacyToken) -> bool:
    """Whether ``clause`` is a finite clause a verb of seeing or hearing reports ("heard that
    200 people died", "saw the council had voted"): what someone told or showed the reporter,
    not what the reporter saw happen ("saw 200 people queue", "saw soldiers firing")."""
    return clause.dep_ == "ccomp" and (
        clause.tag_ in FINITE_TAGS
        or any(
            c.dep_ == "mark" or (c.dep_ == "aux" and c.tag_ in FINITE_TAGS) for c in clause.children
        )
    )


# What a price does on an exchange ("fell", "closed", "traded", "hit a record"), and the words
# that make a name an exchange's ("the London Metal Exchange", "Nasdaq", "the NYSE").
_PRICE_MOVES = frozenset(
    {"fall", "rise", "drop", "gain", "climb", "slide", "slip", "close", "trade", "end", "finish"}
    | {"settle", "jump", "tumble", "edge", "open", "lose", "shed", "surge", "plunge", "sink"}
    | {"soar", "dip", "rally", "advance", "decline", "ease", "firm", "hit", "touch", "list"}
)
_EXCHANGE_WORDS = frozenset(
    {"exchange", "nasdaq", "nyse", "bourse", "comex", "nymex", "mercantile", "lme", "cbot"}
)


def _the_exchange(preposition: SpacyToken) -> SpacyToken | None:
    """The exchange a price moved on, if ``preposition`` ("on", "at") hangs on a verb of a
    price's move (:data:`_PRICE_MOVES`) and its object is named as an exchange, with a capital
    ("on the London Metal Exchange", "on Nasdaq"; not "on the foreign exchange market")."""
    if preposition.head.pos_ != "VERB" or preposition.head.lemma_.lower() not in _PRICE_MOVES:
        return None
    for market in preposition.children:
        if market.dep_ == "pobj" and any(
            t.lower_ in _EXCHANGE_WORDS and t.text[:1].isupper() and t.pos_ == "PROPN"
            for t in market.subtree
        ):
            return market
    return None


def _names_an_author(token: SpacyToken) -> bool:
    """Whether a word hung on an evidence noun names who made it: a proper noun as its
    compound or its possessor that the parse reads as an organisation, a person or a place
    ("Reuters" in "A Reuters poll", "Pew's study"); not a quantity's name ("the latest Ro
    estimate": corpus check, s46)."""
    return (
        token.dep_ in {"compound", "poss"}
        and token.pos_ == "PROPN"
        and token.ent_type_ in _AUTHOR_LABELS
    ) or _a_named_body(token)


_AUTHOR_LABELS = frozenset({"ORG", "PERSON", "GPE", "NORP"})
# Bodies a report names by their kind, "the council", "the ministry", "the company": one the
# reader can ask, as "the ministry said" is a named source.
_BODIES = RECORD_KEEPERS | {"board", "authority", "bank", "regulator", "watchdog", "institute"}
_THE_ONE = frozenset({"the", "its", "this"})


def _a_named_body(token: SpacyToken) -> bool:
    """Whether a possessor of evidence is a body the text names by its kind, with "the": "The
    council's own survey ... recorded an average speed of 27mph" (probe s49 S3: read as "without
    saying who reports it"), "the ministry's figures"; not "a company's survey" (which one?).
    Only evidence that says the claim, as its verb's subject or after "according to": "Aside
    from the military's own research, the think tank ... openly called for ..." credits no
    one (corpus check)."""
    evidence = token.head
    return (
        (
            evidence.dep_ in {"nsubj", "nsubjpass"}
            or (
                evidence.dep_ == "pobj"
                and evidence.head.lower_ == "to"
                and evidence.head.head.lower_ == "according"
            )
        )
        and token.dep_ == "poss"
        and token.tag_ == "NN"
        and token.lemma_.lower() in _BODIES
        and any(c.dep_ == "det" and c.lower_ in _THE_ONE for c in token.children)
    )


# A writer's work that yields figures: "my research", "our estimates", "my research team",
# "our calculations"; not "my sources", "our officials" (who are unnamed), nor "our country".
_OWN_WORK = EVIDENCE_NOUNS | {"calculation", "finding", "estimate", "count", "investigation"}
_WORKERS = frozenset({"team", "lab"})  # not "group": "our Bible study group" does no study


def _writers_own_work(token: SpacyToken) -> SpacyToken | None:
    """The "my" / "our" of a noun naming the writer's own work (:data:`_OWN_WORK`: "my
    estimates", "our analysis") or the team doing it ("My research team"), if ``token`` is
    one."""
    lemma = token.lemma_.lower()
    if not (
        lemma in _OWN_WORK
        or token.lower_ in _OWN_WORK
        or (
            lemma in _WORKERS
            and any(c.dep_ == "compound" and c.lower_ in _OWN_WORK for c in token.children)
        )
    ):
        return None
    return next((c for c in token.children if c.dep_ == "poss" and c.lower_ in WRITERS), None)


# Verbs that leave unsaid what the reporting verb under them would say, the writer's own claim
# of what someone omitted: "What Orbán's critics failed to mention is that Hungary ...". Not a
# plain negation or a refusal: "did not immediately respond to a request for comment",
# "declined to comment" leave the sentence as sourced as it was.
_NOT_DONE = frozenset({"fail", "neglect", "forget", "omit"})


def _left_unsaid(verb: SpacyToken) -> bool:
    """Whether a reporting verb is left undone ("failed to mention"): its subject says
    nothing the sentence could be credited to."""
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _NOT_DONE


# A verb joined to another or hung on it as a participle shares its subject, which the parse
# gives only the first: "Smallcomb fears for his client's life, saying ...", "the state has
# threatened action and said it is investigating 651 complaints".
_SHARING_DEPENDENCIES = frozenset({"conj", "advcl", "xcomp"})


def _shared_subject(verb: SpacyToken) -> SpacyToken | None:
    """The subject of the verb that ``verb`` is joined or hung on, if it has one."""
    while verb.dep_ in _SHARING_DEPENDENCIES and verb.head is not verb:
        verb = verb.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[0]
    return None


# What a subject the parse left unattached is made of: a noun phrase, with "of" and "and" and a
# possessive ("Josh Putnam of the election blog Frontloading HQ", "Ontario's Chief Medical
# Officer and the Canadian Health Minister Patty Hajdu"), and an adverb before the verb ("also").
_NOUN_PHRASE_POS = frozenset({"PROPN", "NOUN", "DET", "ADJ", "ADP", "PART", "CCONJ", "NUM", "ADV"})
_NAME_PUNCT = frozenset({".", "-", "’s", "'s", "&"})
_SPEECH_TENSE_TAGS = frozenset({"VBD", "VBZ", "VBP"})  # a finite verb of speech (none is a modal)
_NOT_A_SUBJECT_START = frozenset({"ADP", "CCONJ", "SCONJ", "ADV", "PART"})


def _unparsed_subject(sentence: Span, verb: SpacyToken) -> SpacyToken | None:
    """The name a reporting verb follows when the parse gives the verb no subject: "..., Josh
    Putnam of the election blog Frontloading HQ told ABC News." (the parse hangs the name on
    the clause before as an apposition), "Ontario's Chief Medical Officer and the Canadian
    Health Minister Patty Hajdu confirmed during a press briefing that ..." (the names hang on
    "In Canada"). The words between the clause's edge (a comma, a quote, the sentence's start)
    and the verb, when they are a noun phrase that names a person, a body or a place; its
    last name's token stands for it (:func:`_attributions` reads its subtree's words within
    the phrase)."""
    # a finite verb of speech: a participle is no one's act of saying ("18 fresh cases
    # reported", "an economic loss estimated"), nor is "show" or "find" ("no one in the Bush
    # clan showed up")
    if verb.tag_ not in _SPEECH_TENSE_TAGS or verb.lemma_.lower() not in SPEECH_CUES:
        return None
    start = verb.i
    while start > sentence.start:
        token = verb.doc[start - 1]
        if token.is_space or (token.is_punct and token.text not in _NAME_PUNCT):
            break
        if token.pos_ not in _NOUN_PHRASE_POS and not token.is_punct:
            return None
        start -= 1
    phrase = verb.doc[start : verb.i]
    # a noun phrase, not a clause's adverbial ("In Karnataka 18 fresh cases", "But unlike
    # Westerners")
    if not phrase or phrase[0].pos_ in _NOT_A_SUBJECT_START:
        return None
    names = [t for t in phrase if t.pos_ == "PROPN" or t.ent_type_ in SOURCE_LABELS]
    return names[-1] if names else None


# A transcript's speaker label opens the line with a name and a colon ("Doug Sombke: On our
# farm, we've lost ...", "Brig. Gen. Pete Fesler: It is ..."): the line is that person's
# account, as a quotation is its speaker's.
_SPEAKER_LABEL = re.compile(r"[ \t]*((?:[A-Z][\w.'’-]*[ \t]+){0,5}[A-Z][\w.'’-]*)[ \t]*:[ \t]")


# A label in capitals, as interview transcripts write them ("LEON PANETTA: ...", "BRENNAN:
# ..."): the parse names no person in capitals, so it is a speaker's when its last word is the
# last word of a person the text names ("Leon Panetta", "Margaret Brennan").
_CAPITALS_LABEL = re.compile(
    r"^[ \t]*((?:[A-Z][A-Z.'’-]*[ \t]+){0,3}([A-Z][A-Z'’-]+))[ \t]*:[ \t]", re.MULTILINE
)


# A questioner's label in a transcript ("Reporter: (01:02) There have been four shootings in
# this neighbourhood since September. Is the city doing enough?", "Q:", "Audience member:"):
# the line's words are the questioner's, the premise of a question, which the transcript
# reports as said, as it does a named speaker's (probe s50 S3). Read only in a text whose other
# lines name their speakers.
_QUESTIONER_LABEL = re.compile(
    r"^[ \t]*(?:(?:an?|the)[ \t]+)?(?:reporter|journalist|question|q|interviewer|moderator"
    r"|host|caller|audience[ \t]+member|questioner|anchor)(?:[ \t]+\d{1,2})?[ \t]*:",
    re.MULTILINE | re.IGNORECASE,
)


def _speaker_lines(analysed: AnalysedText) -> list[tuple[int, int]]:
    """``(start, end)`` of each line that opens with a named speaker's label, and, where there
    are such lines, a questioner's (:data:`_QUESTIONER_LABEL`)."""
    text = analysed.text
    starts: set[int] = set()
    surnames: set[str] = set()
    for entity in analysed.entities:
        if entity.label != "PERSON":
            continue
        surnames.add(entity.text.split()[-1].lower())
        line_start = text.rfind("\n", 0, entity.start) + 1
        label = _SPEAKER_LABEL.match(text, line_start)
        if label is not None and label.start(1) <= entity.start and entity.end <= label.end(1):
            starts.add(line_start)
    for label in _CAPITALS_LABEL.finditer(text):
        if label.group(2).lower() in surnames:
            starts.add(label.start())
    if starts:
        starts.update(label.start() for label in _QUESTIONER_LABEL.finditer(text))
    lines: list[tuple[int, int]] = []
    for line_start in sorted(starts):
        line_end = text.find("\n", line_start)
        lines.append((line_start, len(text) if line_end == -1 else line_end))
    return lines


# An embedded post's signature ("— Laura Seay (@texasinafrica) September 20, 2016", "A post
# shared by Priyanka Chopra (@priyankachopra) on May 18, 2018") closes the post: the line it
# ends is the post's text, its author's account, as a quotation is its speaker's.
_POST_SIGNATURE = re.compile(
    r"\(@ ?\w{1,30}\) (?:on )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? "
    r"\d{1,2}, \d{4}"
)


def _post_lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line that an embedded post's signature ends."""
    if "(@" not in text:
        return []
    return [
        (text.rfind("\n", 0, match.start()) + 1, match.end())
        for match in _POST_SIGNATURE.finditer(text)
    ]


# What the parser's number entity can leave out of a figure: its currency sign ("$250,000" is
# the entity "250,000") and the second number of a score or range ("voted 7-2" is "7").
_CURRENCY_BEFORE = re.compile(r"(?:[A-Z]{1,2})?[$£€¥₹]$")
_SECOND_NUMBER = re.compile(r"[-–]\d[\d,.]*(?![\w-])")


# A capital letter glued to a number makes it part of a name, not a figure: "5G", "4K", "3D";
# so does a letter before it: "G7", "MP3". A unit or scale in small letters keeps it a figure:
# "6ft", "350g", "$5bn", "10m".
_GLUED_UNIT = re.compile(r"[a-z]{1,3}(?![^\W\d_])")


# A number entity that is digits glued to a word of four letters or more is a name: the band
# "3rdeyegirl", the forum "4chan" (spaCy calls both CARDINAL); a unit or scale is shorter, or
# one of these words.
_DIGITS_THEN_A_WORD = re.compile(
    r"\d+(?!(?:million|billion|trillion|percent|thousand|hundred)\Z)[^\W\d_]{4,}"
    # three letters make a name too ("49ers", "76ers": probe s46 read "States figures
    # (49ers)"), unless a unit or a scale ("80lbs", "20mph", "12hrs", "5bln")
    r"|\d+(?!(?:lbs|mph|kph|kmh|hrs|yrs|min|sec|mln|bln|mcg|sqm|sqft)\Z)[^\W\d_]{3}",
    re.IGNORECASE,
)


def _in_a_name(entity: Span) -> bool:
    """Whether the number entity is glued to letters that make it a name ("5G towers",
    "3rdeyegirl")."""
    text = entity.doc.text
    start, end = entity.start_char, entity.end_char
    return (
        text[start - 1 : start].isalpha()
        or text[end : end + 1].isupper()
        or _DIGITS_THEN_A_WORD.fullmatch(entity.text) is not None
    )


# A number glued to a unit of measure is a quantity whatever entity the parser makes of it: "a
# 5ml dose" comes out as an ORDINAL. Not "g" ("5g" is the network) or "m" (metres or millions,
# kept by _GLUED_UNIT after a number entity).
_MEASURE = re.compile(
    r"\d[\d,]*(?:\.\d+)?\s?(?:ml|mg|mcg|µg|kg|lbs?|oz|cl|km|cm|mm|mi|ft)", re.IGNORECASE
)


# Numbers joined by slashes that read as a calendar date name a day, not a quantity: "9/11",
# "4/20", "24/7", "11/18/16" (a timestamp). Two numbers that could be a month and a day in
# either order are a date unless "of" follows ("1/3 of voters") or they are a part of a small
# whole before a word (halves, thirds, quarters, eighths, tenths: "9/10 doctors", "1/2 cup",
# "rated 8/10 on IMDb", "10/10 would recommend") with no preposition of time before them ("on
# 9/10 the council voted"); a ratio with a larger part ("7/192") or a suffix ("6/10ths") stays
# a figure. A counter ("Slide 1/3 – On", "(1/2)", "Getty 5/10 Security cars") stays no figure.
_SLASHED = re.compile(r"\d{1,4}(?:/\d{1,4})+")
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
_WHOLES = frozenset({2, 3, 4, 8, 10})
_WORD_AFTER = re.compile(r"[ \t]+[a-z]")
_TIME_BEFORE = re.compile(
    r"\b(?:on|since|until|till|by|before|after|from|through|thru|to)\s*$", re.IGNORECASE
)


def _a_part_of_a_whole(text: str, start: int, end: int, part: int, whole: int) -> bool:
    """Whether ``part/whole`` at ``text[start:end]`` is a proportion ("9/10 doctors")."""
    if whole not in _WHOLES or part > whole or (part == whole and whole != 10):
        return False
    if _TIME_BEFORE.search(text, max(0, start - 12), start):
        return False
    return _WORD_AFTER.match(text, end) is not None


def _a_slashed_date(entity: Span, figure: str) -> bool:
    """Whether the figure is numbers joined by slashes that read as a date ("9/11")."""
    if not _SLASHED.fullmatch(figure):
        return False
    parts = [int(p) for p in figure.split("/")]
    if len(parts) == 3:
        return parts[0] <= 31 and parts[1] <= 31 and min(parts[:2]) <= 12
    text = entity.doc.text
    if len(parts) != 2 or _OF_AFTER.match(text, entity.end_char):
        return False
    start = text.find(figure, entity.start_char)
    if start != -1 and _a_part_of_a_whole(text, start, start + len(figure), *parts):
        return False
    return max(parts) <= 31 and min(parts) <= 12 and min(parts) > 0


def _figure_text(entity: Span) -> str:
    """The figure as the text writes it: the entity with an adjacent currency sign before it
    and a score's or range's second number, or a unit or scale glued to it, after it."""
    text = entity.doc.text
    start, end = entity.start_char, entity.end_char
    if currency := _CURRENCY_BEFORE.search(text, max(0, start - 3), start):
        start = currency.start()
    if second := _SECOND_NUMBER.match(text, end):
        end = second.end()
    elif unit := _GLUED_UNIT.match(text, end):  # "10m", "$5bn", "6ft" when the entity is "6"
        end = unit.end()
    return text[start:end].rstrip(".,")


# Prepositions that place what happens: a name after them is the story's setting ("works
# shifts at Mount Sinai Hospital in Brooklyn", "traveling by boat to Juneau"), not a party to
# a claim.
SETTING_PREPOSITIONS = frozenset(
    {"in", "at", "from", "near", "across", "throughout", "outside", "inside", "within", "around"}
    | {"into", "through"}
)


def _a_setting(entity: Span) -> bool:
    """Whether a named entity is the object of a preposition of place ("in Brooklyn")."""
    root = entity.root
    return root.dep_ == "pobj" and root.head.lower_ in SETTING_PREPOSITIONS


def _in_a_phone_number(entity: Span, phones: list[tuple[int, int]]) -> bool:
    return any(start < entity.end_char and entity.start_char < end for start, end in phones)


# A year or a month names when something happened: "in April of 2017", "on Aug. 14", "In 2001".
_YEAR_OR_MONTH = re.compile(
    r"\b(?:1[89]\d\d|20\d\d|January|February|March|April|May|June|July|August|September"
    r"|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b"
)


_NUMBERED_NAMES = frozenset({"DATE", "TIME", "LAW", "WORK_OF_ART", "PRODUCT", "FAC"})


def _a_dated_record(sentence: Span) -> bool:
    """Whether the sentence recounts named parties' past doings on a date ("Trump has already
    nominated conservative judge Neil Gorsuch, who was confirmed ... in April of 2017", "In
    2001, Middleton met Prince William ..."): a matter of record the reader can look up, not a
    claim about them that needs its source. Its main verb is in the past ("met", "has
    nominated"), not the present or the future, a date names a year or a month, and no
    digits stand in it but the date's and a name's."""
    root = sentence.root
    past = root.tag_ == "VBD" or (
        root.tag_ == "VBN" and any(c.lower_ in {"has", "have", "had"} for c in root.children)
    )
    if not past:
        return False
    # digits outside a date or a name are a figure, whatever entity the parser makes of them
    # ("In 2016, Obama gave Iran 150 billion dollars": "Iran 150 billion dollars" is an EVENT);
    # "Chapter 11" is a name
    named = {t.i for e in sentence.ents if e.label_ in _NUMBERED_NAMES for t in e}
    if any(t.i not in named and any(c.isdigit() for c in t.text) for t in sentence):
        return False
    return any(e.label_ == "DATE" and _YEAR_OR_MONTH.search(e.text) for e in sentence.ents)


def _an_age_reached(entity: Span) -> bool:
    """Whether the figure is an age someone turned ("Betty White turned 95 on Tuesday", "turns
    30 this year"): the parse files it as a count, where it files "Paddock, 64," and "aged 23" as
    dates. A person's age is no figure a report credits to anyone (probe s44: a celebrity story's
    strongest signal was "States figures (95) as fact ..."); "turned 500 acres" counts acres."""
    if len(entity) != 1 or not entity.text.isdigit() or not 0 < int(entity.text) <= 130:
        return False
    token = entity[0]
    before = token.nbor(-1) if token.i > token.sent.start else None
    after = token.nbor(1) if token.i + 1 < token.sent.end else None
    return (
        before is not None
        and before.lemma_.lower() == "turn"
        and (after is None or after.pos_ not in {"NOUN", "PROPN", "NUM"})
    )


def _claim_content(
    sentence: Span, listed: list[tuple[int, int]] | None = None
) -> tuple[str, list[str]] | None:
    """``("numeric", figures)`` or ``("named", parties)`` when the sentence asserts something.

    ``listed``: the spans, in the sentence's Doc, of the numbers that number a list's items or
    count them (:func:`~veracity.nlp.list_numbers.list_number_spans`): no figures."""
    if not any(t.pos_ in {"VERB", "AUX"} for t in sentence):
        return None
    offset = sentence.start_char
    phones = [(offset + a, offset + b) for a, b in phone_number_spans(sentence.text)]
    figures = [
        figure
        for e in sentence.ents
        if (e.label_ in NUMERIC_LABELS or _MEASURE.fullmatch(e.text))
        and e.text.lower() not in {"one", "a", "an"}
        and not _in_a_name(e)
        and not _in_a_phone_number(e, phones)
        and not (listed and in_spans(listed, e.start_char, e.end_char))
        and not _a_slashed_date(e, figure := _figure_text(e))
        and not _an_age_reached(e)
    ]
    if figures:
        return "numeric", figures
    # the place of a dateline ("SEATTLE - The Las Vegas Metro Police ...") is where the story
    # was filed, no party to it (probe s46: "claims about SEATTLE, NVMPD, ...")
    words_start = after_dateline(sentence.doc.text, sentence.start_char)
    parties = list(
        dict.fromkeys(
            e.text
            for e in sentence.ents
            if e.label_ in NAMED_LABELS and not _a_setting(e) and e.start_char >= words_start
        )
    )
    if len(parties) >= 2 and not _a_dated_record(sentence):
        return "named", parties
    return None


# A picture's credit marks a caption, whose account is the picture's and its credit's ("©
# Sputnik / Vladimir Grebnev Soviet soldiers ... in May 1945", "(Photo by Scott Olson/Getty
# Images)"), not the writer's claim.
_PICTURE_CREDIT = re.compile(
    r"©|\b(?:photo|image|picture|photograph)s?\s*(?:by|credit|courtesy|:)|\bgetty images\b"
    r"|\bap photo\b|\bshutterstock\b",
    re.IGNORECASE,
)
# Words that may open an instruction before its verb: "Please join ...", "Just click ...".
_BEFORE_AN_INSTRUCTION = frozenset({"ADV", "INTJ", "PUNCT", "CCONJ"})


def _addressed_to_reader(sentence: Span) -> bool:
    """Whether the sentence is an instruction to the reader, an imperative with no subject
    ("Join over 240,000 people who get the most important news ...", "Sign up for ...",
    "Take, for example, ..."): it asks something of the reader and asserts nothing itself."""
    root = sentence.root
    if root.tag_ != "VB" or root.dep_ != "ROOT":
        return False
    if any(
        c.dep_ in {"nsubj", "nsubjpass", "expl", "aux", "auxpass", "ccomp"} for c in root.children
    ):  # "And remember that a clear majority of MPs backed Remain": the clause is a claim
        return False
    return all(t.pos_ in _BEFORE_AN_INSTRUCTION for t in sentence[: root.i - sentence.start])


@register(NAME, SignalKind.UNSOURCED_CLAIM, paths=("deep",))
def detect_unsourced_claims(analysed: AnalysedText) -> list[Signal]:
    """Sentences asserting figures or facts about named parties with no (or one outlet's) source."""
    text = analysed.text
    body_start = analysed.article.body_start
    quotes = quoted_regions(text)
    speakers = sorted(_speaker_lines(analysed) + _post_lines(text))  # in_regions bisects
    # "11 questions to ask your lender", "1. Do I qualify?": a list's count and its item
    # numbers are no figures (probe s46: "States figures (11) as fact ...")
    list_numbers = list_number_spans(text)
    if _a_press_release(text, body_start):
        # the issuer's own account, named in its lead ("NovaCell Therapeutics, Inc. ... today
        # announced ..."), as a transcript's lines are their speakers'
        return []
    poll_story = _a_poll_story(text, body_start)
    game_story = _a_game_story(text)
    signals: list[Signal] = []
    previous: TextSentence | None = None
    previous_named = False
    for sentence in text_sentences(analysed):
        if sentence.start < body_start:
            continue
        span = _doc_span(analysed, sentence.start, sentence.end)
        if span is None:
            continue
        sources = _sources(analysed, span)
        kinds = {kind for kind, _, _ in sources}
        # A sentence continuing a named source's paragraph reads as more of that source's
        # account; a body's vote or what a reporter saw is no account the next sentence goes on
        # with ("The committee voted 19-15 ... For the second time, Pagliano failed to ...").
        carried = (
            previous is not None and previous.paragraph == sentence.paragraph and previous_named
        )
        previous = sentence
        previous_named = any(k == "named" and cue != ON_THE_RECORD for k, _, cue in sources)
        raw = text[sentence.start : sentence.end]
        if (
            "named" in kinds
            or carried
            or raw.rstrip("\"'”’») ").endswith("?")
            or len(raw.split()) < MIN_WORDS
            or in_regions(quotes, sentence.start, sentence.start + 1)
            or in_regions(speakers, sentence.start, sentence.end)
            or _PICTURE_CREDIT.search(raw)
            or _addressed_to_reader(span)
            or retracted(raw)
            or (poll_story and _the_polls_answers(span))
            or writers_line(text, sentence.start)  # where the writer's work appears
        ):
            continue
        doc_start = next(start for start, doc in analysed.docs if doc is span.doc)
        content = _claim_content(
            span, [(a - doc_start, b - doc_start) for a, b in list_numbers if a >= doc_start]
        )
        if content is None:
            continue
        content_kind, items = content
        if game_story and (
            _a_game_action(span) if content_kind == "named" else _a_game_record(raw, items)
        ):
            continue
        outlet = next((words for kind, words, _ in sources if kind == "outlet"), None)
        if outlet is not None and content_kind != "numeric":
            # the outlet is who says it, not what it says: "In Germany, magazine Spiegel has
            # reported that ... planes to Wuhan" read "claims about Spiegel, Wuhan" (probe s43)
            items = [item for item in items if item not in outlet] or items
        listed = ", ".join(items[:4])
        what = f"figures ({listed})" if content_kind == "numeric" else f"claims about {listed}"
        if outlet is not None:
            sourcing = "single_source"
            weight = WEIGHTS[("none", content_kind)] * SINGLE_SOURCE_FACTOR
            explanation = (
                f"Rests on a single outlet ({outlet}) for {what}; "
                "no independent confirmation is cited."
            )
        elif (vague := _credited_to_unnamed(span)) is not None:
            # "More than 40 shops burned ..., residents said": it does say who, only not anyone
            # the reader can check. Weighed as a claim with no source (the vague-attribution
            # detector flags the unnamed source itself).
            sourcing = "vague"
            weight = WEIGHTS[("none", content_kind)]
            explanation = (
                f"States {what} on the word of unnamed sources (“{_cut(vague)}”) the reader "
                "cannot check."
            )
        else:
            sourcing = "none"
            weight = WEIGHTS[("none", content_kind)]
            explanation = f"States {what} as fact without saying who reports it."
        signals.append(
            make_signal(
                analysed,
                sentence.start,
                sentence.end,
                kind=SignalKind.UNSOURCED_CLAIM,
                detector=NAME,
                weight=weight,
                explanation=explanation,
                sourcing=sourcing,
                claim=content_kind,
                items=listed,
            )
        )
    return signals


# A press release names its issuer in its lead and says what it is: a release wire's tag in
# its dateline ("NEW YORK, Oct. 5, 2020 (GLOBE NEWSWIRE) --", "/PRNewswire/"), or the issuer
# announcing in the lead ("NovaCell Therapeutics, Inc. ... today announced ..."; not "have
# announced", which gossip writes of a couple's separation: corpus check) with a
# release's furniture: its stock ticker ("(NASDAQ: NVCL)"), an "About NovaCell" section, a media
# contact or its forward-looking statements.
_RELEASE_WIRE = re.compile(
    r"/PRNewswire(?:-[A-Za-z]+)?/|\((?:GLOBE NEWSWIRE|BUSINESS WIRE|ACCESSWIRE|Marketwired|"
    r"PRWEB|EINPresswire|PR Newswire)\)|/CNW/",
    re.IGNORECASE,
)
_ANNOUNCES = re.compile(r"\btoday\s+announced\b|\bannounced\s+today\b")
_RELEASE_FURNITURE = re.compile(
    r"\((?:NASDAQ|NYSE(?: American)?|TSXV?|OTCQ[BX]|OTC|AMEX|LSE|ASX|AIM)\s*:\s*[A-Z.]{1,6}\)"
    r"|^About [A-Z][^\n.]{0,60}$|^(?:Media|Press|Investor)(?: Relations)? Contacts?\b"
    r"|^Forward[- ]Looking Statements?\b",
    re.MULTILINE,
)


def _a_press_release(text: str, body_start: int) -> bool:
    """Whether the text is a press release (:data:`_RELEASE_WIRE`, or :data:`_ANNOUNCES` in the
    body's lead with :data:`_RELEASE_FURNITURE`): its statements are its issuer's, whom its lead
    names (probe s49 S3: "NovaCell plans to meet with the FDA ..." read as "without saying who
    reports it")."""
    lead = text[body_start : body_start + _LEAD_CHARS]
    if _RELEASE_WIRE.search(lead):
        return True
    return _ANNOUNCES.search(lead) is not None and _RELEASE_FURNITURE.search(text) is not None


# A poll story: its lead names the poll or survey its figures come from ("..., according to a
# new poll released Tuesday. The poll from Elon University found ..."), once for the run of
# figures that follows.
_POLL_LEAD = re.compile(r"\b(?:poll|survey)(?:s|ed)?\b", re.IGNORECASE)
_LEAD_CHARS = 400
# Who answers a poll, and what they do in its report ("Majorities said ...", "Johnson voters
# were asked ...", "slightly more said they prefer Trump").
_RESPONDENTS = frozenset(
    {"respondent", "voter", "adult", "participant", "majority", "plurality", "minority"}
    | {"more", "most", "half", "third", "quarter"}
)
_ANSWERS = frozenset(
    {"say", "ask", "answer", "respond", "indicate", "describe", "choose", "prefer", "rate"}
    | {"favor", "favour", "support", "oppose", "approve", "disapprove", "think", "believe"}
)
# A poll's breakdown of its figures by group: "Clinton leads Trump among women by 6 points".
_BREAKDOWN = re.compile(r"\bamong\b.*\d.*(?:points?\b|%|\bpercent\b)", re.IGNORECASE)


def _a_poll_story(text: str, body_start: int) -> bool:
    """Whether the body's lead names a poll or survey (:data:`_POLL_LEAD`)."""
    return _POLL_LEAD.search(text, body_start, body_start + _LEAD_CHARS) is not None


def _the_polls_answers(sentence: Span) -> bool:
    """Whether a sentence of a poll story reports the poll's answers: its respondents say,
    are asked or choose something ("Majorities said that both ...": respondents, not unnamed
    sources), or it breaks a figure down by group (:data:`_BREAKDOWN`); the poll the lead
    names is their source."""
    if _BREAKDOWN.search(sentence.text):
        return True
    return any(
        token.dep_ in {"nsubj", "nsubjpass"}
        and token.lemma_.lower() in _RESPONDENTS
        and token.head.lemma_.lower() in _ANSWERS
        for token in sentence
    )


# Words only a report of games uses ("touchdown", "quarterback", "NFL"): three of them make the
# article a game's or a season's report, whose results and statistics are a matter of record
# (the league's, the box score's) that the writer watched, as a court's ruling is.
_GAME_WORDS = re.compile(
    r"\b(?:touchdowns?|quarterbacks?|interceptions?|receptions?|rushing|receiving|innings?|"
    r"rebounds?|strikeouts?|home runs?|homers?|RBIs?|birdies?|bogeys?|wickets?|playoffs?|"
    r"NFL|NBA|MLB|NHL|MLS|NCAA|Super Bowl|World Series|Premier League|hat[- ]trick|"
    r"free throws?|field goals?|three-pointers?|3-pointers?)\b"
)
_GAME_STORY_WORDS = 3
# What a game's figure counts: "five catches on six targets", "a 10-yard touchdown catch",
# "180 receiving yards and two touchdowns", "his 2-8 Raiders", "a five-game win streak".
_GAME_STAT = re.compile(
    r"[\s-]+(?:\w+[\s-]+)?(?:touchdowns?|yards?|catch(?:es)?|targets?|interceptions?|receptions?|"
    r"carries|sacks?|tackles?|fumbles?|field goals?|passes|assists?|rebounds?|steals?|blocks?|"
    r"goals?|saves?|shots?|strikeouts?|hits?|runs?|homers?|RBIs?|innings?|birdies?|bogeys?|"
    r"wickets?|points?|games?|wins?|loss(?:es)?|victor(?:y|ies)|defeats?|seasons?|"
    r"attempts?|picks?|drafts?|starts?|downs?)\b",
    re.IGNORECASE,
)
_SCORE = re.compile(r"\d{1,3}[-–]\d{1,3}")
# A count of votes or a court's split is no game's score: "The 208-199 vote", "voted 51-49",
# "a 5-4 decision" (corpus check: a Chicago paper's roundup of a House vote and a hockey game).
_NOT_A_GAME = re.compile(
    r"\b(?:vote[sd]?|voting|decision|ruling|verdict|majority|demo(?:graphic)?)\b", re.IGNORECASE
)


def _a_game_story(text: str) -> bool:
    """Whether the text reports games: :data:`_GAME_STORY_WORDS` distinct game words."""
    return len({m.lower() for m in _GAME_WORDS.findall(text)}) >= _GAME_STORY_WORDS


# What a player or a team does in a game, that anyone watching saw, and what they do it to: "Keith
# Kirkwood and Austin Carr also reeled in scores.", "Dan Arnold LAYS OUT for the TD grab!",
# "Cooper won Dallas the game Thursday", "After Kyle Fuller sealed Chicago's win with a red zone
# interception ...", "Here's some guy named Dan Arnold ... beating Atlanta's defense" (probe
# s49, The Ringer's Thanksgiving column): the game's own account, as its box score is
# (:func:`_a_game_record`). Not "get" ("players ... struggled to get shots up" during a
# suspension of play: corpus check).
_GAME_ACTIONS = frozenset(
    {"catch", "throw", "score", "intercept", "seal", "reel", "rush", "kick", "sack", "tackle"}
    | {"fumble", "win", "lose", "beat", "defeat", "torch", "lay", "step", "dunk", "shoot"}
    | {"pitch", "strike", "homer", "save", "convert", "haul", "snag", "complete", "run"}
    | {"notch", "record", "grab", "block", "return", "miss", "drop", "finish"}
)
_GAME_THINGS = frozenset(
    {"score", "touchdown", "td", "tds", "grab", "catch", "pass", "interception", "win", "victory"}
    | {"loss", "game", "goal", "basket", "dunk", "homer", "sack", "tackle", "kick", "reception"}
    | {"shot", "penalty", "wicket", "defense", "defence", "starter", "punt", "fumble"}
    | {"touchback", "try", "conversion", "yard", "inning", "strikeout", "rebound", "assist"}
)


def _a_game_action(sentence: Span) -> bool:
    """Whether a verb of play (:data:`_GAME_ACTIONS`) in the sentence has a thing of the game
    (:data:`_GAME_THINGS`) as its object, or its preposition's ("reeled in scores", "LAYS OUT for
    the TD grab", "won ... the game"), in a sentence of no vote or ruling."""
    if _NOT_A_GAME.search(sentence.text):
        return False
    for verb in sentence:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _GAME_ACTIONS:
            continue
        objects = [c for c in verb.children if c.dep_ in {"dobj", "dative", "attr"}]
        objects += [
            o
            for p in verb.children
            if p.dep_ in {"prep", "prt"}
            for o in p.children
            if o.dep_ == "pobj"
        ]
        if any(o.lemma_.lower() in _GAME_THINGS or o.lower_ in _GAME_THINGS for o in objects):
            return True
    return False


def _a_game_record(sentence: str, figures: list[str]) -> bool:
    """Whether every figure of a sentence is a game's result or statistic: a score or record
    ("31-23", "2-8") or a count of what a game counts (:data:`_GAME_STAT`), in a sentence
    of no vote or ruling (:data:`_NOT_A_GAME`)."""
    if _NOT_A_GAME.search(sentence):
        return False
    position = 0
    for figure in figures:
        at = sentence.find(figure, position)
        if at == -1:
            return False
        position = at + len(figure)
        # what it counts after it ("five catches"), or in its own words, where the parser's
        # entity holds it ("Cooper torched ... to the tune of 180 receiving yards and two
        # touchdowns": the entity "180 receiving yards")
        if not (
            _SCORE.fullmatch(figure)
            or _GAME_STAT.match(sentence, position)
            or _GAME_STAT.search(figure) is not None
        ):
            return False
    return True


def _cut(words: str, limit: int = 60) -> str:
    """A source phrase on one line, cut at ``limit`` characters with an ellipsis."""
    line = " ".join(words.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _doc_span(analysed: AnalysedText, start: int, end: int) -> Span | None:
    """The spaCy span covering ``start:end`` of the text, from the segment's parsed Doc."""
    for offset, doc in analysed.docs:
        if offset <= start and end <= offset + len(doc.text):
            return doc.char_span(start - offset, end - offset, alignment_mode="expand")
    return None
