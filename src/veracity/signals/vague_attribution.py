"""Vague attribution and hedging: claims credited to no one in particular.

"Experts are convinced", "it is believed", "sources say", "many people are saying", "a source
close to the ministry told": the reader is asked to trust an authority that cannot be checked.
The rules are spaCy-style token patterns over lower-cased words, matched by regular
expressions (``nlp.patterns``), so the same code runs on both paths. They are written as
families, not phrases: an anonymous-source noun ("source", "insider", "aide", "official",
"people familiar with ..."), with any determiner and up to two words of description before it
("a senior administration official", "GOP leadership sources"), a "close to / familiar with /
with knowledge of ..." tail after it, and a reporting verb on either side ("the insider adds",
"continues the source"), or after "according to".

On the deep path a dependency rule adds what word order cannot reach: a reporting verb (by
lemma) whose subject or "according to" object is headed by an anonymous-source noun and names
no person. Matches inside quoted speech (four words or more) or a transcript's turns
(:mod:`veracity.nlp.speaker_turns`) are skipped: they are a named speaker's words, which
the outlet reports rather than vouches for. "They said" is an unnamed
source only when the sentence before it, or its own, names no one "they" can refer back to.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from veracity.nlp import AnalysedText
from veracity.nlp.document import longest_non_overlapping
from veracity.nlp.patterns import TokenPatterns
from veracity.nlp.speaker_turns import speaker_turns
from veracity.nlp.stopwords import ENGLISH_STOP_WORDS
from veracity.nlp.units import is_unit
from veracity.report.schema import Signal, SignalKind
from veracity.signals.registry import make_signal, register
from veracity.signals.rhetorical_question import in_regions, speech_regions

if TYPE_CHECKING:  # the deep path's spaCy objects; the fast path never imports spaCy
    from spacy.tokens import Token as SpacyToken

NAME = "vague_attribution"
MIN_SPEECH_WORDS = 4  # quotes this long are someone's speech, not the writer's attribution

UNNAMED_SOURCES = [
    "experts",
    "sources",
    "officials",
    "analysts",
    "observers",
    "insiders",
    "critics",
    "scientists",
    "researchers",
    "people",
    "reports",
    "witnesses",
    "commentators",
    "some",
    "many",
    "others",
    "everyone",
    "everybody",
    "they",
    "studies",
    "doctors",
    "specialists",
]
SOURCE_QUALIFIERS = [
    "many",
    "some",
    "several",
    "most",
    "numerous",
    "unnamed",
    "anonymous",
    "top",
    "leading",
    "independent",
    "certain",
    "other",
    "multiple",
    "various",
]
BELIEF_VERBS = [
    "convinced",
    "saying",
    "say",
    "said",
    "believe",
    "believed",
    "claim",
    "claimed",
    "claiming",
    "suggest",
    "suggested",
    "suggesting",
    "warn",
    "warned",
    "agree",
    "agreed",
    "think",
    "thought",
    "fear",
    "feared",
    "insist",
    "insisted",
    "suspect",
    "suspected",
    "speculate",
    "speculated",
    "whisper",
    "whispering",
    "confirm",
    "confirmed",
    "allege",
    "alleged",
    "report",
    "reported",
    "sure",
    "certain",
    "adamant",
    "predict",
    "predicted",
    "indicate",
    "indicated",
    "show",
]
IMPERSONAL_VERBS = [
    "believed",
    "said",
    "reported",
    "thought",
    "claimed",
    "rumoured",
    "rumored",
    "alleged",
    "understood",
    "suspected",
    "feared",
    "known",
    "suggested",
    "speculated",
    "expected",
    "argued",
    "estimated",
    "assumed",
    "confirmed",
]
# Unnamed "sources" that are pronouns: they only count right before their verb.
# "people" too is only a source right before its verb ("people feel extreme fear" is not).
GENERIC = frozenset({"some", "many", "others", "everyone", "everybody", "they", "people"})
HEDGE_ADVERBS = [
    "reportedly",
    "allegedly",
    "apparently",
    "supposedly",
    "purportedly",
    "seemingly",
    "ostensibly",
    "rumouredly",
]

# Nouns for a source the reader cannot identify, singular and plural.
ANONYMOUS_SOURCES = [
    "source",
    "sources",
    "insider",
    "insiders",
    "aide",
    "aides",
    "official",
    "officials",
    "staffer",
    "staffers",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "confidant",
    "confidants",
    "friend",
    "friends",
    "pal",
    "pals",
    "person",
    "people",
    "diplomat",
    "diplomats",
    "witness",
    "witnesses",
    "eyewitness",
    "eyewitnesses",
    "onlooker",
    "onlookers",
    "observer",
    "observers",
    "expert",
    "experts",
    "analyst",
    "analysts",
    "scientist",
    "scientists",
    "researcher",
    "researchers",
    "critic",
    "critics",
    "member",
    "members",
    "relative",
    "relatives",
    "those",
]
SOURCE_DETERMINERS = [
    "a",
    "an",
    "the",
    "one",
    "another",
    "two",
    "three",
    "four",
    "several",
    "multiple",
    "some",
    "many",
    "other",
    "our",
    "this",
    "that",
    "these",
    "numerous",
    "various",
    "unnamed",
    "anonymous",
]
# What follows an anonymous source to describe (not name) it: "close to", "familiar with".
SOURCE_TAILS = [
    "close",
    "closest",
    "familiar",
    "with",
    "within",
    "inside",
    "near",
    "connected",
    "knowledgeable",
    "briefed",
    "privy",
    "linked",
]
# Reporting verbs, every inflection (the fast path has no lemmas).
REPORTING_VERBS = [
    *("say", "says", "said", "saying", "tell", "tells", "told", "telling"),
    *("add", "adds", "added"),
    *("reveal", "reveals", "revealed", "claim", "claims", "claimed"),
    *("confirm", "confirms", "confirmed", "explain", "explains", "explained"),
    *("insist", "insists", "insisted", "dish", "dishes", "dished", "spill", "spills", "spilled"),
    *("leak", "leaks", "leaked", "share", "shares", "shared", "whisper", "whispers"),
    *("note", "notes", "noted", "report", "reports", "reported", "suggest", "suggests"),
    *("believe", "believes", "think", "thinks", "warn", "warns", "warned", "fear", "fears"),
    *("admit", "admits", "admitted", "disclose", "discloses", "disclosed", "allege", "alleges"),
]
_ANY = {"WORD": True, "OP": "?"}
# Nouns that are a source by their very role ("a senior official", "the insider"), with no
# tail needed to say so: "a friend" or "the expert" is often named in the next breath.
_INSIDE_SOURCE = {
    "LOWER": {
        "IN": [
            *("source", "insider", "insiders", "aide", "official", "staffer", "adviser"),
            *("advisor", "confidant", "pal", "diplomat", "eyewitness", "onlooker"),
        ]
    }
}
# A source speaks when it denies or disputes, as when it says: "A source close to Shookus
# denies these claims" (GossipCop 4883785030). Only after the source: before it, the source
# is the object ("Affleck denied a source's story").
DENIAL_VERBS = [
    *("deny", "denies", "denied", "denying"),
    *("dispute", "disputes", "disputed", "disputing"),
]
_SOURCE = {"LOWER": {"IN": ANONYMOUS_SOURCES}}
_VERB = {"LOWER": {"IN": [*REPORTING_VERBS, *DENIAL_VERBS]}}
# After its source ("continues the insider"), where "staffers continue to work" cannot match.
_VERB_BEFORE = {"LOWER": {"IN": [*REPORTING_VERBS, "continue", "continues", "continued"]}}
# Words that make an anonymous-source word an adjective: "according to official figures".
EVIDENCE_NOUNS = frozenset(
    {"figures", "data", "statistics", "records", "documents", "estimates", "numbers", "count"}
    | {"tally", "results", "website", "guidance", "sources", "reports", "report", "statement"}
)
# Passive verbs of judgement credited to an unnamed crowd: "praised by critics".
JUDGED = [
    *("praised", "criticized", "criticised", "slammed", "panned", "described", "considered"),
    *("seen", "regarded", "viewed", "dismissed", "hailed", "accused", "condemned", "labelled"),
    *("labeled", "called", "branded", "blamed", "questioned", "disputed", "doubted"),
]

# A group of people the text does not name, by where they live or what they do or did: "Local
# residents say", "former workers claim", "some parents insist". A class of nouns, not phrases:
# members of the public, never a body that speaks for itself ("police", "the council").
LAY_GROUPS = [
    *("residents", "locals", "neighbours", "neighbors", "villagers", "townspeople", "citizens"),
    *("workers", "employees", "parents", "users", "fans", "viewers", "readers", "customers"),
    *("shoppers", "passengers", "commuters", "motorists", "students", "campaigners"),
    *("activists", "protesters", "protestors", "bloggers", "netizens", "colleagues"),
    *("homeowners", "tenants", "traders", "shopkeepers", "bystanders"),
    *("commenters", "supporters", "opponents", "detractors", "skeptics", "sceptics"),
    *("theorists", "conspiracists", "believers"),
]
# Words that describe such a group without naming it ("local", "former", "angry").
GROUP_QUALIFIERS = [
    *("some", "many", "several", "most", "other", "local", "former", "angry", "concerned"),
    *("worried", "frustrated", "disgruntled", "current", "longtime", "fellow", "nearby"),
    *("conspiracy", "online", "anonymous", "unnamed", "furious", "outraged", "ex"),
]
# What such a group says as a claim: the contentious verbs in any tense, and "say" only in the
# present, the generic ("residents say"); "residents said" reports the people a reporter
# spoke to, as wire copy does ("residents said they heard gunfire"). Not "suspected", which
# after a noun is mostly its adjective: "12 patients suspected of having COVID-19".
GROUP_VERBS = [
    *("say", "claim", "claimed", "allege", "alleged", "insist", "insisted", "believe"),
    *("suspect", "maintain", "contend", "swear", "swore"),
]
# What is shared online, credited to no one: "according to posts shared widely online".
SHARED_POSTS = [
    *("posts", "tweets", "messages", "rumours", "rumors", "videos", "claims", "chatter"),
]
SHARED_QUALIFIERS = [
    *("social", "media", "online", "viral", "unverified", "internet", "facebook", "twitter"),
    *("tiktok", "whatsapp", "telegram", "widespread", "some", "many", "several", "various"),
]
# Words before a group that make it one the text has named: "the residents", "their workers",
# "Dunmore's former workers" (the span is then no unnamed group).
# So do a count or a share before it: "67% of employees believe" is a survey's figure, "three
# workers claim" or "millions more workers claimed (benefits)" people the story counts (a wire
# story's survey, fast wire rate), and "do students believe" asks a question. One word may
# stand between ("Trump's female employees").
_GROUP_NAMED_BEFORE = re.compile(
    r"(?:\b(?:the|these|those|its|their|his|her|our|my|your|whose|both|all|of|percent|cent"
    r"|more|fewer|millions|thousands|hundreds|dozens|do|does|did)|['’]s?|\d[\d,.]*%?)"
    r"(?:[^\S\n]+[a-z][\w-]*)?[^\S\n]+\Z"
)
# A name right before the group says whose it is: "Blue Origin employees say", "Clinton
# supporters say" (a capitalised word that is no function word).
_NAME_BEFORE = re.compile(r"(?<![\w'’])([A-Z][\w'’.-]*)[^\S\n]+\Z")

_PASSIVE_ADVERB = {
    "LOWER": {"IN": ["widely", "generally", "commonly", "now", "also", "increasingly"]},
    "OP": "?",
}

# (label, weight, explanation, patterns)
RULES: list[tuple[str, float, str, list[list[dict]]]] = [
    (
        "UNNAMED_AUTHORITY",
        0.8,
        "Credits the claim to unnamed authorities the reader cannot check.",
        [
            [
                {"LOWER": {"IN": SOURCE_QUALIFIERS}, "OP": "?"},
                {"LOWER": {"IN": UNNAMED_SOURCES}},
                {
                    "LOWER": {
                        "IN": [
                            "are",
                            "were",
                            "is",
                            "was",
                            "have",
                            "had",
                            "remain",
                            "seem",
                            "appear",
                            "now",
                            "also",
                            "all",
                            "increasingly",
                        ]
                    },
                    "OP": "*",
                },
                {"LOWER": {"IN": BELIEF_VERBS}},
            ],
            [
                {"LOWER": {"IN": ["according", "thanks"]}},
                {"LOWER": "to"},
                {"LOWER": {"IN": SOURCE_QUALIFIERS}},
                {"LOWER": {"IN": [*UNNAMED_SOURCES, "accounts", "reports", "rumours", "rumors"]}},
            ],
            [
                {"LOWER": "many"},
                {"LOWER": "people"},
                {"LOWER": {"IN": ["are", "were"]}},
                {"LOWER": {"IN": ["saying", "talking", "asking", "wondering"]}},
            ],
            [{"LOWER": {"IN": ["rumor", "rumour", "word"]}}, {"LOWER": "has"}, {"LOWER": "it"}],
            # "a source close to the couple tells", "two sources with knowledge of the matter
            # confirmed" (a described source: "a Kardashian insider told" is the next pattern)
            [
                {"LOWER": {"IN": SOURCE_DETERMINERS}, "OP": "?"},
                _SOURCE,
                {"LOWER": {"IN": SOURCE_TAILS}},
                _ANY,
                _ANY,
                _ANY,
                _ANY,
                _VERB,
            ],
            [
                {"LOWER": {"IN": SOURCE_DETERMINERS}},
                _ANY,
                _ANY,
                _INSIDE_SOURCE,
                _ANY,
                _VERB,
            ],
            [
                {"LOWER": {"IN": ["sources", "insiders", "aides", "officials", "staffers"]}},
                _ANY,
                _VERB,
            ],
            # "continues the insider", "said a senior official"
            [
                _VERB_BEFORE,
                {"LOWER": {"IN": SOURCE_DETERMINERS}},
                _ANY,
                _ANY,
                _INSIDE_SOURCE,
            ],
            # "according to the aide", "according to a person familiar with"
            [
                {"LOWER": "according"},
                {"LOWER": "to"},
                {"LOWER": {"IN": SOURCE_DETERMINERS}, "OP": "?"},
                _ANY,
                _ANY,
                _SOURCE,
            ],
            # "praised by critics", "dismissed by many"
            [
                {"LOWER": {"IN": JUDGED}},
                {"LOWER": "by"},
                {"LOWER": {"IN": ["many", "some", "most", "several", "numerous"]}, "OP": "?"},
                {"LOWER": {"IN": ["critics", "experts", "observers", "many", "some", "others"]}},
            ],
            # "scientists have long insisted", "experts now widely agree"
            [
                {"LOWER": {"IN": [s for s in UNNAMED_SOURCES if s not in GENERIC]}},
                {"LOWER": {"IN": ["have", "had", "are", "were", "has"]}, "OP": "?"},
                _ANY,
                _ANY,
                {"LOWER": {"IN": BELIEF_VERBS}},
            ],
            [{"LOWER": {"IN": ["everyone", "everybody"]}}, {"LOWER": {"IN": ["knows", "agrees"]}}],
        ],
    ),
    (
        "UNNAMED_GROUP",
        0.7,
        "Credits the claim to a group of people the text does not name ('local residents say', "
        "'according to posts shared online').",
        [
            [
                {"LOWER": {"IN": GROUP_QUALIFIERS}, "OP": "*"},
                {"LOWER": {"IN": LAY_GROUPS}},
                {"LOWER": {"IN": GROUP_VERBS}},
            ],
            [
                {"LOWER": {"IN": ["according"]}},
                {"LOWER": "to"},
                {"LOWER": {"IN": [*GROUP_QUALIFIERS, *SHARED_QUALIFIERS]}, "OP": "*"},
                {"LOWER": {"IN": [*LAY_GROUPS, *SHARED_POSTS]}},
            ],
        ],
    ),
    (
        "IMPERSONAL_PASSIVE",
        0.6,
        "An impersonal passive ('it is believed') states a claim without saying who holds it.",
        [
            [
                {"LOWER": {"IN": ["it", "it's"]}},
                {"LOWER": {"IN": ["is", "was", "has", "had", "'s"]}, "OP": "?"},
                {"LOWER": "been", "OP": "?"},
                _PASSIVE_ADVERB,
                {"LOWER": {"IN": IMPERSONAL_VERBS}},
                {"LOWER": {"IN": ["that", "by"]}, "OP": "?"},
            ],
            [
                {"LOWER": {"IN": ["are", "is", "were", "was"]}},
                {"LOWER": {"IN": ["widely", "generally", "commonly", "now", "also"]}, "OP": "?"},
                {
                    "LOWER": {
                        "IN": [
                            "believed",
                            "thought",
                            "said",
                            "rumoured",
                            "rumored",
                            "alleged",
                            "reported",
                            "understood",
                            "suspected",
                        ]
                    }
                },
                {"LOWER": "to"},
            ],
        ],
    ),
    (
        "UNNAMED_AGENT",
        0.6,
        "A passive credits the claim to reports or sources it does not name ('confirmed by "
        "multiple reports').",
        [
            [
                {"LOWER": {"IN": ["confirmed", "reported", "claimed", "said"]}},
                {"LOWER": "by"},
                {"LOWER": {"IN": ["multiple", "many", "several", "numerous", "various", "some"]}},
                {"LOWER": {"IN": ["reports", "sources", "outlets", "accounts", "experts"]}},
            ],
        ],
    ),
    (
        "COMMON_KNOWLEDGE",
        0.6,
        "Presents the claim as known to all ('it is no secret') without saying who holds it.",
        [
            [
                {"LOWER": {"IN": ["it", "it's"]}},
                {"LOWER": {"IN": ["is", "'s"]}, "OP": "?"},
                {"LOWER": "no"},
                {"LOWER": "secret"},
            ],
        ],
    ),
    (
        "HEDGE",
        0.35,
        "A hedge softens the claim so it can be implied without being asserted.",
        [
            [{"LOWER": {"IN": HEDGE_ADVERBS}}],
            [{"LOWER": {"IN": ["implying", "suggesting"]}}, {"LOWER": "that"}],
            [
                {"LOWER": "this"},
                {"LOWER": {"IN": ["may", "might", "could"]}},
                {"LOWER": {"IN": ["mean", "suggest", "indicate", "imply"]}},
            ],
            [{"LOWER": {"IN": ["some", "many"]}}, {"LOWER": {"IN": ["say", "believe", "claim"]}}],
        ],
    ),
]


_RULE_INFO = {label: (weight, explanation) for label, weight, explanation, _ in RULES}


@lru_cache(maxsize=1)
def _patterns() -> TokenPatterns:
    """The rules compiled once, each anchored on its rarest required token."""
    return TokenPatterns((label, patterns) for label, _, _, patterns in RULES)


# Lemmas of anonymous-source nouns and reporting verbs, for the deep path's dependency rule.
SOURCE_LEMMAS = frozenset(
    {"source", "insider", "aide", "official", "staffer", "adviser", "advisor", "confidant"}
    | {"friend", "pal", "person", "people", "diplomat", "witness", "eyewitness", "onlooker"}
    | {"observer", "expert", "analyst", "scientist", "researcher", "critic", "report"}
    | {"account", "rumor", "rumour", "study", "doctor", "insiders", "sources"}
)
REPORTING_LEMMAS = frozenset(
    {"say", "tell", "add", "continue", "reveal", "claim", "confirm", "explain", "insist"}
    | {"dish", "spill", "leak", "share", "whisper", "note", "report", "suggest", "believe"}
    | {"think", "warn", "fear", "admit", "disclose", "allege", "describe", "indicate", "show"}
    | {"agree", "predict", "speculate", "maintain", "argue", "contend", "caution"}
)
NAMING_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


# Sources that are documents: their author, when named, names them ("a report by Reuters",
# "a study published in The Lancet"), where a person's "a source in the White House" stays
# anonymous.
DOCUMENT_LEMMAS = frozenset({"report", "study", "account"})
AUTHOR_PREPOSITIONS = frozenset({"by", "from", "in"})
# Bodies that "the" makes one a reader can check ("a report by the state environment agency").
INSTITUTIONS = frozenset(
    {"agency", "ministry", "department", "office", "commission", "committee", "council"}
    | {"institute", "university", "bureau", "court", "government", "authority", "board"}
    | {"administration", "service", "center", "centre", "organization", "organisation"}
    | {"foundation", "association", "inspector", "watchdog", "regulator", "police"}
)


def _has_name(phrase: SpacyToken) -> bool:
    """Whether a name (an entity of :data:`NAMING_LABELS` or a proper noun) is in ``phrase``."""
    return any(t.ent_type_ in NAMING_LABELS or t.pos_ == "PROPN" for t in phrase.subtree)


def _named(phrase: SpacyToken) -> bool:
    """A noun phrase that names someone: a name in it, or "the" institution."""
    if _has_name(phrase):
        return True
    return phrase.lemma_.lower() in INSTITUTIONS and any(
        c.dep_ == "det" and c.lower_ == "the" for c in phrase.children
    )


def _owner_named(owner: SpacyToken) -> bool:
    """Whether a document's possessive owner is one the reader can find: a name, or a body or
    group "the" makes definite ("the organisers'", "the council's"); "a friend's account" and
    "their report" stay unnamed."""
    return _has_name(owner) or (
        owner.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in owner.children)
    )


def _authored(source: SpacyToken) -> bool:
    """A document source credited to a named author: "a report by Reuters", "a study from
    Harvard University", "a study published in The Lancet"."""
    if source.lemma_.lower() not in DOCUMENT_LEMMAS:
        return False
    if any(c.dep_ == "poss" and _owner_named(c) for c in source.children):
        return True  # "the organisers' report", "the agency's own study" (probe s49 S3)
    heads = [source, *(c for c in source.children if c.dep_ == "acl")]  # "published in"
    return any(
        _named(obj)
        for head in heads
        for prep in head.children
        if prep.dep_ in {"prep", "agent"} and prep.lower_ in AUTHOR_PREPOSITIONS
        for obj in prep.children
        if obj.dep_ == "pobj"
    )


def _unnamed(source: SpacyToken) -> bool:
    """An anonymous-source head with no name of its own ("the Daily News report" has one, so
    has "a report by Reuters")."""
    if source.lemma_.lower() not in SOURCE_LEMMAS or source.pos_ == "PROPN":
        return False
    own = [c for c in source.children if c.dep_ in {"appos", "compound", "poss", "nmod"}]
    return not any(_has_name(c) for c in own) and not _authored(source)


def _dependency_matches(analysed: AnalysedText) -> list[tuple[str, int, int]]:
    """``UNNAMED_AUTHORITY`` spans found in the parse: unnamed subjects of reporting verbs."""
    found = []
    for offset, doc in analysed.docs:
        for token in doc:
            source = None
            if token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in REPORTING_LEMMAS:
                subjects = [c for c in token.children if c.dep_ == "nsubj"]
                source = subjects[0] if subjects else None
            elif token.lower_ == "according" and token.i + 1 < len(doc):
                objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj"]
                source = objects[0] if objects else None
            if source is not None and _unnamed(source):
                label = "UNNAMED_AUTHORITY"
            elif source is not None and token.lower_ != "according" and _a_lay_group(source, token):
                label = "UNNAMED_GROUP"
            else:
                continue
            start = min(source.left_edge.idx, token.idx)
            end = max(token.idx + len(token.text), source.idx + len(source.text))
            if end - start <= MAX_DEPENDENCY_SPAN:
                found.append((label, offset + start, offset + end))
    return found


def _lemma_of(plural: str) -> str:
    """The singular of a :data:`LAY_GROUPS` plural, as spaCy lemmatises it."""
    if plural.endswith("ies"):
        return plural[:-3] + "y"
    return plural[:-1] if plural.endswith("s") else plural


LAY_GROUP_LEMMAS = frozenset(_lemma_of(w) for w in LAY_GROUPS)
# A group's verbs by lemma: "say" only in the present (:data:`GROUP_VERBS`).
GROUP_VERB_LEMMAS = frozenset(
    {"claim", "allege", "insist", "believe", "suspect", "maintain", "contend", "swear"}
)
_PRESENT_TAGS = frozenset({"VBP", "VBZ"})
# Determiners that count a group without naming it ("some residents", "many parents").
_COUNTING = frozenset({"some", "many", "several", "most", "other", "few", "numerous"})


def _a_lay_group(source: SpacyToken, verb: SpacyToken) -> bool:
    """Whether ``source``, the subject of the reporting verb ``verb``, is a group of people the
    text does not name: a plural of :data:`LAY_GROUP_LEMMAS` ("residents of the estate",
    "former workers at the plant") with no name in it and no determiner but a count, whose
    verb is a claim (:data:`GROUP_VERB_LEMMAS`) or a present "say"."""
    if source.tag_ != "NNS" or source.lemma_.lower() not in LAY_GROUP_LEMMAS:
        return False
    verb_lemma = verb.lemma_.lower()
    if not (
        verb_lemma in GROUP_VERB_LEMMAS or (verb_lemma == "say" and verb.tag_ in _PRESENT_TAGS)
    ):
        return False
    if any(c.dep_ in {"det", "poss"} and c.lower_ not in _COUNTING for c in source.children):
        return False
    return not _has_name(source)


MAX_DEPENDENCY_SPAN = 120  # characters: a longer subject is a clause, not a source
_NEXT_WORD = re.compile(r"[^\S\n]*(\w+)")
# A passive needs its auxiliary ("it is said", "it has been reported", "it's believed"):
# "it said", "it also said", "it has said" or "it has reported" is an organisation speaking.
_IT_LABELS = frozenset({"IMPERSONAL_PASSIVE", "COMMON_KNOWLEDGE"})  # rules that open with "it"
_ACTIVE_IT = re.compile(
    r"it(?:\s+(?:has|had)(?!\s+been\b))?"
    r"(?:\s+(?:widely|generally|commonly|now|also|increasingly))?"
    r"\s+(?!(?:been|is|was|has|had)\b)\w+\b"
)


# A belief or reporting word after a preposition or a determiner is a noun, not the source's
# verb: "the city's doctors hid in fear", where the two free words of "scientists have long
# insisted" reach "fear" (an "according to the report" span ends in its source, not a verb).
# Not after a word that can also be a pronoun: "a source that said", "sources close to her
# say", "a friend of his said". The span is cut back to the source's own verb before it when
# it has one ("A source close to Shookus said these claims": the rule's free words reached the
# noun, and dropping the span lost a real anonymous source, probe s45), else dropped.
_NOUN_AFTER = re.compile(
    r"(?<!\w)(?:in|into|of|for|with|without|from|about|under|a|an|the|their|its|our|my|your|"
    r"this|these|no|any|every)[^\S\n]+(?P<word>\w+)$"
)
_VERB_WORDS = frozenset([*BELIEF_VERBS, *REPORTING_VERBS, *DENIAL_VERBS])
_CREDITED = re.compile(r"(?:according|thanks)\b")


def _end_at_its_verb(lower: str, start: int, end: int) -> int | None:
    """Where an unnamed-authority span ends: ``end``, or, when its last word, which its rule
    reads as the source's verb, is a noun (:data:`_NOUN_AFTER`), the end of the last verb word
    before that noun; None when there is none (no source's verb in the span)."""
    last = _LAST_WORD.search(lower, start, end)
    if last is not None and last[2] in DENIAL_VERBS and last[1] in _BE:
        return None  # "one person with a fever also was denied boarding": nobody speaks
    noun = _NOUN_AFTER.search(lower, start, end)
    if noun is None or noun.group("word") not in _VERB_WORDS or _CREDITED.match(lower, start, end):
        return end
    # the verb comes after the source ("reports the suspect": the source is no verb of its own)
    words = list(_WORD.finditer(lower, start, noun.start()))
    source = next((n for n, w in enumerate(words) if w[0] in _SOURCE_WORDS), len(words))
    verbs = [w.end() for w in words[source + 1 :] if w[0] in _VERB_WORDS]
    return verbs[-1] if verbs else None


# A belief adjective states a source's belief only after "be" ("experts are certain", "many
# were sure", "officials aren't sure"), as the rule's first pattern reads it; the free words of
# "scientists have long insisted" reach it elsewhere, where it is a determiner or the object's
# word: "Barr advised Bureau of Prisons officials that certain 'at-risk inmates' ..." (probe s47
# S2: the officials are told, and "certain" counts the inmates).
_BELIEF_ADJECTIVE = re.compile(r"\b(?:sure|certain|adamant)\Z")
_BE_OR_SEEM = re.compile(
    r"\b(?:are|were|is|was|be|been|remain(?:s|ed)?|seem(?:s|ed)?|appear(?:s|ed)?|feel|felt)"
    r"(?:n't|n’t)?\b|'re\b|’re\b"
)


def _belief_without_its_verb(lower: str, start: int, end: int) -> bool:
    """Whether the span ends in a belief adjective with no "be" (or "seem") before it."""
    return bool(_BELIEF_ADJECTIVE.search(lower, start, end)) and not _BE_OR_SEEM.search(
        lower, start, end
    )


# a word before the span's last one, and that last one
_LAST_WORD = re.compile(r"(\w+)[^\S\n]+(\w+)$")
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})


_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_SOURCE_WORDS = frozenset(
    [*UNNAMED_SOURCES, *ANONYMOUS_SOURCES, *SOURCE_LEMMAS, "analyst", "observer", "expert"]
)


def _ends_in_a_name(analysed: AnalysedText, start: int, end: int) -> bool:
    """Whether the span's last word is the capitalised end of a name, not an anonymous source:
    "according to a Business Insider", "told the Dallas Observer", "according to Celebrity
    Insider". Two capitalised words end it, and the span is not a Title Case line ("..., According
    to Royal Experts" in a headline): its first word is in small letters or starts a sentence."""
    words = _WORD.findall(analysed.text, start, end)
    if len(words) < 3 or not (words[-1][:1].isupper() and words[-2][:1].isupper()):
        return False
    if words[-1].lower() not in _SOURCE_WORDS:  # "Rumour Has It" opens a headline
        return False
    if words[0][:1].islower():
        return True
    sentence = analysed.sentence_at(start)
    return sentence is not None and sentence.start == start


def _source_written_as_a_name(analysed: AnalysedText, start: int, end: int) -> bool:
    """Whether the span's source word is one word written as a name, with a capital inside a
    sentence that is not in Title Case: "according to People", ", People reported", "as People
    reported" (the magazine). Last: the span's first word is in small letters, or opens the
    sentence with a comma and a small word after the span ("According to People, the ..."),
    and no other source word is in it ("according to a source for People" stays). First: a comma
    or a joining word (:data:`_BEFORE_A_NAME`) stands before it and a small word follows it;
    after any other word the capital more likely opens a sentence whose full stop a page
    lost ("... Russia says Officials told CNN"). "According to People" opening a sentence,
    "BETTY LARKINS: People are saying" and "Why People Are Claiming" stay."""
    words = _WORD.findall(analysed.text, start, end)
    if len(words) < 2:
        return False
    last, first = words[-1], words[0]
    if last.lower() in _SOURCE_WORDS and last[:1].isupper() and not last.isupper():
        # "according to a source for People": the source is unnamed whoever it spoke to
        if any(w.lower() in _SOURCE_WORDS for w in words[:-1]):
            return False
        if first[:1].islower():
            return True
        # opening a sentence: "According to People, the actress ..." (a comma and a small word
        # after it), not a Title Case line ("According to Experts, This Is Why ...")
        return all(w[:1].islower() for w in words[1:-1]) and bool(
            _COMMA_AND_SMALL_WORD.match(analysed.text, end)
        )
    if first.lower() not in _SOURCE_WORDS or not first[:1].isupper() or first.isupper():
        return False
    if not words[1][:1].islower():
        return False
    before = _PREVIOUS.search(analysed.text, max(0, start - 40), start)
    return before is not None and (
        before.group(1) == "," or (before.group(1) or "").lower() in _BEFORE_A_NAME
    )


_COMMA_AND_SMALL_WORD = re.compile(r",[^\S\n]+[a-z]")
_PREVIOUS = re.compile(r"(,|\b[^\W\d_]+)[^\S\n]*\Z")
_BEFORE_A_NAME = frozenset(
    {"as", "and", "but", "though", "although", "then", "while", "after", "when", "since"}
    | {"because", "so", "that", "where", "also", "with", "in", "by", "from", "to"}
)


# "They" is an unnamed source only when nothing just before it names who "they" are: in "The
# officials met on Monday. They said ..." the officials speak. A referent is looked for in the
# sentence before the pronoun and in its own sentence up to it (no parser on the fast path):
# a plural word ("officials", "Republicans"; on the deep path not a verb), a group noun that
# takes "they" ("the police", "the company", "the couple"), names joined or listed ("Garner and
# Affleck"), a named body ("the National Enquirer", "MSNBC"), or an earlier "they", "them" or
# "their", which continues a referent already named. A passive with its claim after it ("they
# are said to", "they were believed to") credits the claim to no one whoever "they" are, and
# stays; one without ("as soon as they were confirmed") has "they" as what was confirmed. "Others" are more of
# a group counted just before: in "Several residents asked ..., while others said" they are
# other residents; after "some think" or a plural named in passing ("Some wonder about her
# looks, while others think ...") they are no one named. The look-back stops REFERENT_LOOKBACK
# characters before the pronoun, at a word's start: a text with no sentence ends is one
# sentence, and reading all of it before each "they" made a 20 KB page of "he runs and they
# said" cost 89 s (cubic); on the LOCO corpora 5 of 1,586 look-ups reached further back and
# none changed a signal (docs/security.md, fifth round).
REFERENT_LOOKBACK = 1_000
_THEY_SOURCE = re.compile(r"(?:they|others)\b")
_OTHERS_SOURCE = re.compile(r"others\b")
_COUNTED_GROUP = re.compile(
    r"\b(?:some|several|many|most|few|a\s+few|a\s+handful\s+of|a\s+number\s+of|dozens\s+of"
    r")\s+(?:([^\W\d_][\w-]*)\s+)?([^\W\d_][^\W\d_'’-]+(?<![sui])s)\b",
    re.IGNORECASE,
)
_PASSIVE_AUXILIARIES = frozenset({"is", "are", "was", "were", "been", "be", "'re"})
_PASSIVE_VERBS = frozenset(IMPERSONAL_VERBS)
_PLURAL_WORD = re.compile(r"\b[^\W\d_][^\W\d_'’-]+(?<![sui])s\b")
# Words ending in "s" that are no plural noun: function words and the commonest verbs after
# a singular subject ("he says", "it has").
NOT_PLURAL = frozenset(
    {"this", "thus", "was", "has", "does", "goes", "says", "yes", "always", "perhaps", "whereas"}
    | {"sometimes", "towards", "afterwards", "besides", "news", "its", "his", "hers", "ours"}
    | {"yours", "theirs", "means", "series", "species", "nevertheless", "nonetheless"}
)
# After these a word in "s" is a verb: "she thinks", "it seems", "who wants".
_SINGULAR_SUBJECTS = frozenset(
    {"he", "she", "it", "who", "which", "that", "this", "one", "there", "someone", "everyone"}
    | {"somebody", "everybody", "nobody", "anyone", "anybody", "no-one"}
)
# Singular nouns for a body of people, which English refers back to as "they".
GROUP_NOUNS = frozenset(
    {"people", "men", "women", "children", "police", "staff", "crew", "team", "family"}
    | {"couple", "cast", "band", "campaign", "company", "government", "administration"}
    | {"party", "group", "public", "crowd", "media", "press", "audience", "jury", "committee"}
    | {"council", "board", "agency", "department", "ministry", "firm", "network", "church"}
    | {"union", "club", "court", "organization", "organisation", "association", "duo", "pair"}
    | {"community", "military", "army", "parliament", "congress", "senate", "panel", "both"}
    | {"production", "they", "them", "their", "themselves", "folks", "staffers"}
)
_GROUP_WORD = re.compile(r"\b(?:" + "|".join(sorted(GROUP_NOUNS)) + r")\b", re.IGNORECASE)
# Names joined ("Garner and Affleck", "Steven and [producer] Brian"), a name and the one beside
# them ("Helena Kim and her partner"), three or more listed ("Sarah Palin, Mike Pence, Michelle
# Bachmann"), a named body ("the Taliban", "the National Enquirer") or an acronym ("MSNBC", "the
# NIH").
_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"
_NAMED_GROUP = re.compile(
    r"\b[A-Z][\w'’.-]*\s+(?:and|&)\s+(?:\[[^\]\n]{1,40}\]\s+)?[A-Z][\w'’.-]"
    r"|\b[A-Z][\w'’.-]*\s+(?:and|&)\s+(?:his|her)\s+[^\W\d_]"
    rf"|\b{_NAME},\s+{_NAME},\s+(?:and\s+)?[A-Z]"
    r"|\b[Tt]he\s+[A-Z]"
    r"|\b[A-Z]{2,6}\b(?![’'.]?\w)"
)

# Two names or more listed right before the pronoun, which takes them up again: "Senator Jim
# Webb, Senator Chuck Hagel, they think for themselves".
_LISTED_BEFORE = re.compile(rf"\b{_NAME},\s+{_NAME},\s*\Z")
_LISTED_REACH = 200


def _last_word(text: str, start: int, end: int) -> str | None:
    """The last run of non-space characters in ``text[start:end]``, or None: what ``(\\S+)\\s*$``
    searched from ``start`` finds, in time proportional to that word and the spaces after it."""
    i = end
    while i > start and text[i - 1].isspace():
        i -= 1
    j = i
    while j > start and not text[j - 1].isspace():
        j -= 1
    return text[j:i] if j < i else None


def _passive(words: list[str]) -> bool:
    """Whether a span's words ("they ...") are a passive: "they are (widely) believed"."""
    auxiliary = any(w in _PASSIVE_AUXILIARIES or w.endswith("'re") for w in words[:-1])
    return auxiliary and words[-1] in _PASSIVE_VERBS


# A passive credits a claim about "they" to no one only when the claim follows it: "they are
# believed to be the gunmen", "they were reported missing", "they are thought dead". When the
# clause ends there or goes on with a function word ("as soon as they were confirmed, ...",
# "they were confirmed by the lab", "they were reported in March"), "they" are what was
# confirmed or reported, a referent like any other.
_CLAIM_OPENERS = frozenset({"to", "that", "as"})


def _claim_follows(lower: str, end: int) -> bool:
    """Whether the words after a passive ending at ``end`` state what it claims: "to",
    "that", "as" or a content word ("missing", "dead"), not an ending or a function word."""
    following = _NEXT_WORD.match(lower, end)
    if following is None:
        return False
    word = following.group(1)
    return word in _CLAIM_OPENERS or word not in ENGLISH_STOP_WORDS


# On the deep path, entities that are amounts: a plural inside one counts time, money or a
# measure ("seven years", "43 months", "a few dollars"), which no "they" refers back to.
AMOUNT_LABELS = frozenset({"DATE", "TIME", "MONEY", "QUANTITY", "PERCENT"})


def _plural_before(analysed: AnalysedText, start: int, end: int) -> bool:
    """Whether a plural word stands in ``text[start:end]`` that "they" can refer back to: not a
    unit of time or measure ("seven years", "43 months": :func:`veracity.nlp.units.is_unit`),
    and on the deep path not a verb nor a word inside an amount (:data:`AMOUNT_LABELS`)."""
    text = analysed.text
    deep = analysed.depth == "deep"
    for match in _PLURAL_WORD.finditer(text, start, end):
        word = match.group().lower()
        if word in NOT_PLURAL or is_unit(word):
            continue
        before = _last_word(text, start, match.start())
        if before is not None and before.lower() in _SINGULAR_SUBJECTS:
            continue
        if deep:
            token = analysed.token_at(match.start())
            if token is not None and token.pos in {"VERB", "AUX"}:
                continue
            at = match.start()
            if any(e.label in AMOUNT_LABELS and e.start <= at < e.end for e in analysed.entities):
                continue
        return True
    return False


def _a_counted_noun(analysed: AnalysedText, match: re.Match[str]) -> bool:
    """Whether a quantifier's match ("several residents", "some local doctors") counts a
    plural noun: no function word between them, and on the deep path a noun after an
    adjective, not "some have suggested exchanges" or "some say the numbers"."""
    between, noun = match.group(1), match.group(2)
    if noun.lower() in NOT_PLURAL or (
        between is not None and between.lower() in ENGLISH_STOP_WORDS
    ):
        return False
    if analysed.depth != "deep":
        return True
    token = analysed.token_at(match.start(2))
    if token is None or token.pos not in {"NOUN", "PROPN"}:
        return False
    if between is None:
        return True
    before = analysed.token_at(match.start(1))
    return before is not None and before.pos in {"ADJ", "NOUN", "PROPN"}


def _referent_named(analysed: AnalysedText, start: int, end: int) -> bool:
    """Whether the span ``start:end`` is "they" (or "others") with a passive-free verb whose
    referent the text names in the sentence before or in its own sentence before it."""
    lower = analysed.lower
    if not _THEY_SOURCE.match(lower, start, end):
        return False
    if _passive(_WORD.findall(lower, start, end)) and _claim_follows(lower, end):
        return False
    sentences = analysed.sentences
    i = analysed.sentence_index_at(start)
    window = start
    if i is not None:
        window = sentences[i - 1].start if i > 0 else sentences[i].start
    text = analysed.text
    if window < start - REFERENT_LOOKBACK:
        window = start - REFERENT_LOOKBACK
        while window < start and not text[window - 1].isspace():
            window += 1  # from a word's start: no word cut in two reads as a plural
    if _OTHERS_SOURCE.match(lower, start, end):
        return any(
            _a_counted_noun(analysed, m) for m in _COUNTED_GROUP.finditer(text, window, start)
        )
    return (
        _plural_before(analysed, window, start)
        or _GROUP_WORD.search(text, window, start) is not None
        or _NAMED_GROUP.search(text, window, start) is not None
        or _LISTED_BEFORE.search(text, max(window, start - _LISTED_REACH), start) is not None
    )


def they_refer_back(analysed: AnalysedText, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is "they" and a verb (not a passive) with "they" named just
    before it: the unsourced-claim detector's test for "They found ..." after "The researchers
    ...", the same as this detector's."""
    return _referent_named(analysed, start, end)


# A source that is the object of a verb letting or making it do something is no speaker: "3
# clues ... could help doctors predict their risk of death" (probe s45: flagged as "doctors
# predict"), "lets experts see", "made officials say". The span's subject must be a subject.
_CAUSATIVE_BEFORE = re.compile(
    r"\b(?:help(?:s|ed|ing)?|let(?:s|ting)?|mak(?:e|es|ing)|made|allow(?:s|ed|ing)?"
    r"|enabl(?:e|es|ed|ing))[^\S\n]+(?:(?:the|some|many|most|other|our|their|its|these|those)"
    r"[^\S\n]+)?\Z"
)
_CAUSATIVE_REACH = 40
# A source the text counts is a population, not a speaker: "The number of people claiming
# unemployment benefits in Britain leapt" (probe s46, a Reuters jobs story: "claiming" is
# applying for them), "the share of voters saying the economy is good": a statistic about
# them, as a poll's figure is, not a claim credited to no one. "A number of experts say" and
# "a majority of experts say" stay: they are some experts, unnamed.
_COUNTED_BEFORE = re.compile(
    r"\bthe[^\S\n]+(?:[^\W\d_]+[^\S\n]+)?(?:number|share|proportion|percentage"
    r"|per[^\S\n]?cent|count|rate|fraction)[^\S\n]+of[^\S\n]+\Z"
)
_COUNTED_REACH = 40


# A source the sentence negates is no authority it credits: "Not everyone is convinced."
# introduces dissent, "not all experts agree" says that some do not (probe s49 S4).
_NEGATED = re.compile(
    r"(?<!\w)(?:not|never|hardly)[^\S\n]+(?:(?:all|every|quite|many|most)[^\S\n]+)?\Z"
)


_GROUP_REACH = 50


def _named_just_before(text: str, start: int) -> bool:
    """Whether a capitalised word that is no function word stands right before ``start``."""
    before = _NAME_BEFORE.search(text, max(0, start - _GROUP_REACH), start)
    return before is not None and before.group(1).lower() not in ENGLISH_STOP_WORDS


def _title_cased_verb(text: str, start: int, end: int) -> bool:
    """Whether a group's span ends in a capitalised verb ("Workers Say They're Still Unsafe"):
    a Title Case headline, often a related story's, whose body names its speakers."""
    last = _WORD.findall(text, start, end)
    return bool(last) and last[-1][:1].isupper() and len(last) > 1 and last[0][:1].isupper()


_NEGATION = re.compile(r"(?:not|never|hardly)[^\S\n]")  # a parse's span may open with it
_NEGATED_REACH = 30
# Posts whose author the words after them name: "according to posts by the Mayor of London",
# "according to tweets from the White House", "... from her former boyfriend Big Sean's
# account" (an author after "by", "from" or "of", capitalised within three words).
_NAMED_AFTER = re.compile(
    r"[^\S\n]+(?:by|from|of)[^\S\n]+(?:(?:the|his|her|their|its)[^\S\n]+)?"
    r"(?:[a-z][\w-]*[^\S\n]+){0,2}[A-Z]"
)


@register(NAME, SignalKind.VAGUE_ATTRIBUTION)
def detect_vague_attribution(analysed: AnalysedText) -> list[Signal]:
    """Spans that attribute a claim to unnamed authorities, impersonal passives or hedges."""
    matches = _patterns().matches(analysed)
    if analysed.depth == "deep":
        matches += _dependency_matches(analysed)
    if not matches:
        return []
    text = analysed.text
    speech = speech_regions(text, MIN_SPEECH_WORDS)
    turns = speaker_turns(text)
    lower = analysed.lower
    matches = [
        (label, start, cut)
        for label, start, end in matches
        if (cut := _end_at_its_verb(lower, start, end) if label == "UNNAMED_AUTHORITY" else end)
        is not None
    ]

    def keep(match: tuple[str, int, int]) -> bool:
        label, start, end = match
        if label in _IT_LABELS and _ACTIVE_IT.match(lower, start, end):
            return False
        if _ends_in_a_name(analysed, start, end) or _referent_named(analysed, start, end):
            return False
        if _source_written_as_a_name(analysed, start, end):
            return False
        if _CAUSATIVE_BEFORE.search(lower, max(0, start - _CAUSATIVE_REACH), start):
            return False
        if _COUNTED_BEFORE.search(lower, max(0, start - _COUNTED_REACH), start):
            return False
        following = _NEXT_WORD.match(lower, end)
        adjective = following is not None and following.group(1) in EVIDENCE_NOUNS
        if _belief_without_its_verb(lower, start, end):
            return False
        if _NEGATED.search(lower, max(0, start - _NEGATED_REACH), start) or _NEGATION.match(
            lower, start, end
        ):
            return False
        if label == "UNNAMED_GROUP" and (
            _GROUP_NAMED_BEFORE.search(lower, max(0, start - _GROUP_REACH), start)
            or _named_just_before(text, start)
            or _NAMED_AFTER.match(text, end)
            or text[end : end + 1] in {"'", "’"}  # "according to traders' estimates"
            or _title_cased_verb(text, start, end)
        ):
            return False
        return not (adjective or in_regions(speech, start, end) or in_regions(turns, start, end))

    signals: list[Signal] = []
    for label, start, end in longest_non_overlapping(matches, keep):
        weight, explanation = _RULE_INFO[label]
        signals.append(
            make_signal(
                analysed,
                start,
                end,
                kind=SignalKind.VAGUE_ATTRIBUTION,
                detector=NAME,
                weight=weight,
                explanation=explanation,
                rule=label.lower(),
            )
        )
    return signals
