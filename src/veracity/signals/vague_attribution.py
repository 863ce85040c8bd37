"""Vague attribution and hedging: claims credited to no one in particular.

"Experts are convinced", "it is believed", "sources say", "many people are saying": the
reader is asked to trust an authority that cannot be checked. The rules are spaCy-style token
patterns over lower-cased words, matched by regular expressions (``nlp.patterns``), so the same
code runs on both paths.
"""

from __future__ import annotations

from functools import lru_cache

from veracity.nlp import AnalysedText
from veracity.nlp.document import longest_non_overlapping
from veracity.nlp.patterns import TokenPatterns
from veracity.report.schema import Signal, SignalKind
from veracity.signals.registry import make_signal, register

NAME = "vague_attribution"

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
            [{"LOWER": {"IN": ["everyone", "everybody"]}}, {"LOWER": {"IN": ["knows", "agrees"]}}],
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
                {
                    "LOWER": {
                        "IN": ["widely", "generally", "commonly", "now", "also", "increasingly"]
                    },
                    "OP": "?",
                },
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
            [
                {"LOWER": {"IN": ["confirmed", "reported", "claimed", "said"]}},
                {"LOWER": "by"},
                {"LOWER": {"IN": ["multiple", "many", "several", "numerous", "various", "some"]}},
                {"LOWER": {"IN": ["reports", "sources", "outlets", "accounts", "experts"]}},
            ],
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


@register(NAME, SignalKind.VAGUE_ATTRIBUTION)
def detect_vague_attribution(analysed: AnalysedText) -> list[Signal]:
    """Spans that attribute a claim to unnamed authorities, impersonal passives or hedges."""
    signals: list[Signal] = []
    for label, start, end in longest_non_overlapping(_patterns().matches(analysed)):
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
