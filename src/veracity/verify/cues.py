"""Explicit cues of how a passage relates to a claim: denial, confirmation, doubt, conflicts.

MiniLM vectors barely tell "officials confirmed that X" from "officials denied that X": both
sit next to X. These cues say it outright, for the stance head
(:mod:`veracity.verify.evidence_stance`) and for the verdict's guard
(:func:`denies`): a passage that denies what the claim asserts never counts as support.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from veracity.nlp.amounts import figure_interval
from veracity.nlp.calendar import MONTHS, WEEKDAYS
from veracity.nlp.corrections import retracted_sentences
from veracity.nlp.demonyms import DEMONYMS
from veracity.nlp.document import FINITE_TAGS, SMALL_NUMBER_WORDS, load_pipeline
from veracity.nlp.places import NATIONAL, place_of
from veracity.verify.stance import NEGATIONS, split_sentences, tokenize

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Pieces of the denial patterns below: verbs of denial (after "den(y|ies|ied|ying)"), a copula
# with its adverb ("were completely"), what an untrue statement is called, "no evidence".
_DENIAL_VERBS = (
    r"refut(?:e|es|ed|ing)|debunk(?:s|ed|ing)?|"
    r"reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|disprov(?:e|es|ed|en)|retract(?:s|ed)?"
)
_COPULA = r"(?:is|are|was|were|be|been|being)\s+(?:(?:completely|entirely|totally|simply|also)\s+)?"
_UNTRUE = (
    r"false|untrue|fake|baseless|unfounded|fabricated|incorrect|inaccurate|wrong|bogus|"
    r"a\s+hoax|a\s+lie|lies|misleading|not\s+true|not\s+accurate"
)
_NO_EVIDENCE = r"no\s+(?:evidence|proof|indication|sign|basis|truth)"
# The evidence does not show it: "have not been shown to be safe and effective for treating
# COVID-19", "has never been proven that", "unproven" (what "no evidence that" says of a claim,
# said of the thing claimed).
_UNSHOWN = (
    r"(?:not|never)\s+(?:yet\s+)?(?:been\s+)?(?:(?:scientifically|clinically|conclusively)\s+)?"
    r"(?:shown|proven|proved|demonstrated|established)\s+(?:to|that)|unproven"
)

# A statement that something asserted is untrue or unfounded.
DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|"
    + _DENIAL_VERBS
    + "|"
    + _COPULA
    + "(?:"
    + _UNTRUE
    + ")|"
    + _NO_EVIDENCE
    + "|"
    r"(?:not|never)\s+(?:true|happened|occurred|involved|responsible|confirmed)|"
    r"nothing\s+to\s+(?:do\s+with|suggest)|hoax|fabricat(?:ed|ion)|myth|"
    r"contrary\s+to|false(?:ly)?|untrue|baseless|unfounded|fake\s+news)\b",
    re.IGNORECASE,
)
CONFIRMATION = re.compile(
    r"\b(?:confirm(?:s|ed|ing)?|verified|proved|proven|acknowledg(?:e|es|ed)|admit(?:s|ted)?|"
    r"announc(?:e|es|ed)|show(?:s|ed|n)|demonstrat(?:e|es|ed)|found\s+that|"
    r"(?:is|are|was|were)\s+(?:true|accurate|correct))\b",
    re.IGNORECASE,
)
DOUBT = re.compile(
    r"\b(?:whether|unclear|unknown|unconfirmed|unverified|investigat(?:e|es|ed|ing|ion)|"
    r"alleg(?:e|es|ed|edly)|reportedly|rumou?r(?:s|ed)?|speculat(?:e|es|ed|ion)|may|might|"
    r"could|possibl[ey]|questions?\s+(?:about|over|remain)|it\s+is\s+not\s+known)\b",
    re.IGNORECASE,
)
ANTONYMS = (
    ("increase", "decrease"),
    ("increased", "decreased"),
    ("increasing", "decreasing"),
    ("rise", "fall"),
    ("rising", "falling"),
    ("rose", "fell"),
    ("more", "less"),
    ("more", "fewer"),
    ("higher", "lower"),
    ("warming", "cooling"),
    ("warmer", "cooler"),
    ("gain", "loss"),
    ("gained", "lost"),
    ("above", "below"),
    ("accelerating", "slowing"),
    ("growing", "shrinking"),
    ("grew", "shrank"),
    ("expand", "shrink"),
    ("win", "lose"),
    ("won", "lost"),
    ("killed", "survived"),
    ("alive", "dead"),
    ("up", "down"),
    ("largest", "smallest"),
    ("most", "least"),
    ("positive", "negative"),
    ("legal", "illegal"),
    ("true", "false"),
    ("before", "after"),
    ("thicker", "thinner"),
    ("strengthen", "weaken"),
)
# Negation words that affirm: "there is no doubt that X", "not only X but Y".
_NOT_NEGATING = re.compile(
    r"\b(?:no doubt|not only|not just|no longer|nothing but|no less than|not least)\b",
    re.IGNORECASE,
)
_OPPOSITE = {a: b for a, b in ANTONYMS} | {b: a for a, b in ANTONYMS}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

CUE_FEATURES = (
    "passage_denials",
    "claim_denials",
    "denial_mismatch",
    "denial_near_claim",
    "passage_confirmations",
    "confirmation_near_claim",
    "passage_doubts",
    "doubt_near_claim",
    "negation_mismatch_near_claim",
    "numbers_conflict",
    "antonym_conflict",
)


# A word in capitals: an acronym ("US", "UN"), a name though it spells a stop word ("us", "un").
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")


def content_words(text: str, *, acronyms: bool = False) -> set[str]:
    """Lower-case words of ``text`` without stop words and one-letter tokens; with ``acronyms``,
    a word written in capitals ("US", "UN") is kept though it spells a stop word (not in a text
    written all in capitals)."""
    kept = {a.lower() for a in _ACRONYM.findall(text)} if acronyms and not text.isupper() else ()
    return {t for t in tokenize(text) if (t not in ENGLISH_STOP_WORDS or t in kept) and len(t) > 1}


def _coverage(claim_words: set[str], text: str, *, acronyms: bool = False) -> float:
    """The share of the claim's content words found in ``text``."""
    if not claim_words:
        return 0.0
    return len(claim_words & content_words(text, acronyms=acronyms)) / len(claim_words)


def _best_cue_sentence(pattern: re.Pattern, sentences: list[str], claim_words: set[str]) -> float:
    """The highest claim coverage of a sentence that carries ``pattern`` (0 when none does)."""
    return max((_coverage(claim_words, s) for s in sentences if pattern.search(s)), default=0.0)


def _negated(tokens: Collection[str]) -> bool:
    return any(t in NEGATIONS for t in tokens)


def cue_features(claim: str, passage: str) -> list[float]:
    """The :data:`CUE_FEATURES` of one claim / passage pair."""
    claim_words = content_words(claim)
    sentences = [s for s in split_sentences(passage) if s.strip()] or [passage]
    passage_denials = len(DENIAL.findall(passage))
    claim_denials = len(DENIAL.findall(claim))
    claim_negated = _negated(tokenize(claim))
    negation_near = max(
        (_coverage(claim_words, s) for s in sentences if _negated(tokenize(s)) != claim_negated),
        default=0.0,
    )
    claim_numbers = set(_NUMBER.findall(claim))
    passage_numbers = set(_NUMBER.findall(passage))
    numbers_conflict = float(
        bool(claim_numbers and passage_numbers) and not claim_numbers & passage_numbers
    )
    claim_tokens = set(tokenize(claim))
    passage_tokens = set(tokenize(passage))
    antonym = float(
        any(
            _OPPOSITE.get(t) in passage_tokens and t not in passage_tokens
            for t in claim_tokens
            if t in _OPPOSITE
        )
    )
    return [
        float(passage_denials),
        float(claim_denials),
        float(passage_denials > 0 and claim_denials == 0),
        _best_cue_sentence(DENIAL, sentences, claim_words) if not claim_denials else 0.0,
        float(len(CONFIRMATION.findall(passage))),
        _best_cue_sentence(CONFIRMATION, sentences, claim_words),
        float(len(DOUBT.findall(passage))),
        _best_cue_sentence(DOUBT, sentences, claim_words),
        negation_near,
        numbers_conflict,
        antonym,
    ]


def denies(claim: str, passage: str, *, min_coverage: float = 0.2) -> bool:
    """Whether a sentence of ``passage`` denies, or negates, what ``claim`` asserts.

    True when a sentence carrying a denial ("denied that", "were false", "no evidence that")
    or a negation the claim lacks is about the claim: it shares at least two content words with
    it, and at least ``min_coverage`` of the shorter side's (a long claim is rarely restated
    whole). Such a passage may refute the claim or say nothing about it; it never supports it.
    """
    return any(True for _ in _denying_sentences(claim, passage, min_coverage))


def _denying_sentences(
    claim: str, passage: str, min_coverage: float
) -> Iterator[tuple[bool, float]]:
    """For each sentence of ``passage`` that :func:`denies` counts: whether it carries an
    explicit denial the claim lacks (else a negation the claim lacks), and the share of the
    claim's content words it holds."""
    read = _reading(claim)
    claim_words = read.content_words
    if not claim_words:
        return
    for words, denial, negated in _reading(passage).denial_sentences:
        shared = len(claim_words & words)
        if shared < 2 or shared / min(len(claim_words), len(words)) < min_coverage:
            continue
        if denial and not read.denial:
            yield True, shared / len(claim_words)
        elif negated and not read.negated:
            yield False, shared / len(claim_words)


# The share of the claim's content words a negated sentence holds to negate the claim itself.
NEGATES_CLAIM_SHARE = 0.5


def denies_the_claim_itself(claim: str, passage: str, *, min_coverage: float = 0.2) -> bool:
    """Whether what :func:`denies` found reads as a denial of the claim, not only a negated
    statement holding some of its words: a sentence that carries an explicit denial, or a
    negation holding at least :data:`NEGATES_CLAIM_SHARE` of the claim's content words
    ("Russian warships did not kill 30 US officers in Aleppo"). "While Ohio traditionally does
    not have a big early vote, ..." shares only "early" and "vote" with "Early voting made up
    more than half the vote in Florida in 2012." and negates something else (probe s43)."""
    return any(
        explicit or share >= NEGATES_CLAIM_SHARE
        for explicit, share in _denying_sentences(claim, passage, min_coverage)
    )


# Explicit denials by where what they deny stands: after them ("denied that X", "no evidence
# that X", "rejected claims that X", "the false claim that X") or before them ("reports that X
# were false", "rumours of X were a hoax", "dismissed reports of X as untrue").
_REPORT_NOUN = (
    r"(?:reports?|claims?|allegations?|rumou?rs?|accusations?|suggestions?|stor(?:y|ies)|"
    r"assertions?|speculation)"
)
DENIES_WHAT_FOLLOWS = re.compile(
    # a verb of denial only with what it denies: "denied that", "rejected the claims"; not
    # "dismissed the case", "rejected the appeal"
    r"\b(?:(?:den(?:y|ies|ied|ying)|" + _DENIAL_VERBS + r")\s+"
    r"(?:that\b|(?:(?:the|these|those|all|any|such)\s+)?"
    + _REPORT_NOUN
    + r")|"
    + _NO_EVIDENCE
    + "|"
    + _UNSHOWN
    + "|"
    r"nothing\s+to\s+suggest|"
    r"contrary\s+to|(?:false|baseless|unfounded|bogus|fabricated|debunked)\s+"
    + _REPORT_NOUN
    + r")\b",
    re.IGNORECASE,
)
DENIES_WHAT_PRECEDES = re.compile(
    r"\b(?:" + _COPULA + "(?:" + _UNTRUE + "|groundless)|"
    r"(?:not|never)\s+(?:true|happened|occurred)|"
    r"as\s+(?:false|untrue|baseless|unfounded|groundless|fabricated|a\s+hoax|fake(?:\s+news)?|"
    r"nonsense|a\s+lie|lies))\b",
    re.IGNORECASE,
)
# Where a denial's reach ends: a new clause ("before", "while", ", saying", a semicolon).
_SCOPE_BREAK = re.compile(
    r"[;:()\u2013\u2014]|,\s+(?:and|but|while|which|who|whereas|saying|adding|although|though)"
    r"\b|\b(?:before|after|when|while|because|although|though|but|whereas|since|until|once)\b",
    re.IGNORECASE,
)
# What a denial after its object calls untrue: "reports (that)", "claims of", "rumours".
_REPORTED = re.compile(
    r"\b(?:reports?|claims?|rumou?rs?|allegations?|stor(?:y|ies)|suggestions?|accounts?|"
    r"speculation)\b",
    re.IGNORECASE,
)


def denied_spans(sentence: str) -> list[str]:
    """What each explicit denial of ``sentence`` denies: the words from the denial to the end
    of its clause, or from the start of its clause (or the reports it names) to the denial
    ("reports that X were false"). "The ministry denied that it had been warned before the
    strike killed 30 officers" denies being warned, not the strike."""
    breaks = [m.start() for m in _SCOPE_BREAK.finditer(sentence)]
    spans = []
    for match in DENIES_WHAT_FOLLOWS.finditer(sentence):
        end = min((b for b in breaks if b >= match.end()), default=len(sentence))
        spans.append(sentence[match.end() : end])
    for match in DENIES_WHAT_PRECEDES.finditer(sentence):
        start = max((b for b in breaks if b < match.start()), default=0)
        # "X, and said claims that Y are not true" denies Y: from the reports it names on
        reports = [m.start() for m in _REPORTED.finditer(sentence, start, match.start())]
        spans.append(sentence[max([start, *reports[-1:]]) : match.start()])
    return spans


def denial_coverage(claim: str, passage: str, *, negations: bool = False) -> float:
    """How squarely ``passage`` denies the claim itself: the largest share of the claim's
    content words inside what one explicit denial of it denies (:func:`denied_spans`), or with
    ``negations`` also in a whole sentence with a plain negation ("did not", "never") the claim
    lacks; 0 when no sentence does, or when the claim itself reports a denial. Words in
    capitals count though they spell stop words: "no evidence that a US drone was involved"
    denies the US of "the convoy was bombed with a US Hellfire drone", not the pronoun "us"."""
    claim_words = content_words(claim, acronyms=True)
    if not claim_words or DENIAL.search(claim):
        return 0.0
    sentences = [s for s in split_sentences(passage) if s.strip()] or [passage]
    denied = [span for sentence in sentences for span in denied_spans(sentence)]
    if negations and not _negated(tokenize(claim)):
        denied += [s for s in sentences if _negated(tokenize(_NOT_NEGATING.sub(" ", s)))]
    return max((_coverage(claim_words, span, acronyms=True) for span in denied), default=0.0)


# A name in a claim: a capitalised word that does not open a sentence ("UN", "Aleppo", "Hellfire").
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][A-Za-z\-]+)")


def claim_names(claim: str) -> set[str]:
    """The lower-cased names of ``claim``: capitalised words that do not open a sentence."""
    return set(_reading(claim).names)


def missing_names(claim: str, passage: str) -> list[str]:
    """The claim's names that ``passage`` never mentions (compared by their first five letters,
    so "Russia" ~ "Russian")."""
    mentioned = _reading(passage).stems
    return sorted(name for name in _reading(claim).names if name[:5] not in mentioned)


def lacks_names(claim: str, passage: str, *, max_missing: float = 0.5, min_names: int = 2) -> bool:
    """Whether ``passage`` leaves out more than ``max_missing`` of what the claim names (when
    the claim names ``min_names`` at least): "an aid convoy was attacked near Aleppo" shares
    the topic of "the UN convoy near Aleppo was bombed with a US Hellfire drone" but not who
    did it or with what, so it cannot support it."""
    names = claim_names(claim)
    return len(names) >= min_names and len(missing_names(claim, passage)) / len(names) > max_missing


# Figures as written in news: digits (thousands separators dropped) and the number words a
# headline spells out ("three missiles"; not "one", mostly a pronoun: "one of the").
_NUMBER_WORDS = {
    word: str(value) for value, word in enumerate(SMALL_NUMBER_WORDS) if 2 <= value <= 12
}
_FIGURE = re.compile(
    r"\b(?:\d+(?:,\d{3})*(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE
)
_WORD = re.compile(r"[a-z]+|%")
# Words between a figure and what it counts: its scale ("2 million dollars") and fillers.
_SCALE = {"million", "billion", "trillion", "thousand", "hundred", "more", "than", "over"}
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


def _figure_slots(text: str) -> dict[str, set[str]]:
    """Each figure of ``text`` as digits ("10,000" -> "10000", "three" -> "3"), with what it
    counts: the first five letters of the next content word ("62 Syrian soldiers" -> "syria",
    "14 percent" -> "perce", "2,000 troops" -> "troop"), or "year" for a year ("in 2019")."""
    slots: dict[str, set[str]] = {}
    lowered = text.lower()
    for match in _FIGURE.finditer(lowered):
        figure = _NUMBER_WORDS.get(match.group(), match.group().replace(",", ""))
        following = [
            w
            for w in _WORD.findall(lowered, match.end(), match.end() + 40)
            if w not in ENGLISH_STOP_WORDS and w not in _SCALE
        ]
        # a year is never written with a thousands separator: "2,000 troops" counts troops
        if _YEAR.match(figure) and "," not in match.group():
            slot = "year"
        elif following:
            slot = following[0][:5]
        else:
            continue
        slots.setdefault(slot, set()).add(figure)
    return slots


def other_figures(claim: str, passage: str) -> list[str]:
    """The claim's figures that ``passage`` gives otherwise: a figure of the claim the passage
    lacks, where it has another of the same thing ("killed 12 Syrian soldiers" for "killed 62
    Syrian soldiers", "in 2011" for "in 2019", "16 percent" for "14 percent"). Such a passage
    reports another event, or the same one with other facts; it cannot support the claim."""
    given = _reading(passage).figure_slots
    everywhere = set().union(*given.values()) if given else set()
    return sorted(
        figure
        for slot, figures in _reading(claim).figure_slots.items()
        for figure in figures
        if figure not in everywhere and given.get(slot, frozenset()) - figures
    )


def bigram_overlap(claim: str, passage: str) -> float:
    """The share of the claim's content bigrams found in the passage."""
    claim_bigrams = set(pairwise([t for t in tokenize(claim) if t not in ENGLISH_STOP_WORDS]))
    passage_bigrams = set(pairwise([t for t in tokenize(passage) if t not in ENGLISH_STOP_WORDS]))
    return len(claim_bigrams & passage_bigrams) / len(claim_bigrams) if claim_bigrams else 0.0


_FALL = (
    "fall(?:s|en|ing)?|fell",
    "decreas(?:e|es|ed|ing)",
    "declin(?:e|es|ed|ing)",
    "drop(?:s|ped|ping)?",
    "shr[iau]nk(?:s|ing)?",
    "plung(?:e|es|ed)",
    "slump(?:s|ed)?",
    "halv(?:e|es|ed)",
    "contract(?:s|ed|ing)",
)
_VOTE_PASSED = ("pass(?:es|ed)?",)
# Opposite outcomes of one predicate, as news reports them: each pair is (one outcome, the
# other), each outcome a list of lexemes (word forms as one pattern; a phrase is rewritten to
# one word first, :data:`_OUTCOME_PHRASES`). "The council rejected the budget" and "the council
# approved the budget" share every content word but one; the stance head reads them alike.
OPPOSITE_OUTCOMES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        (
            "approv(?:e|es|ed|ing|al)",
            "accept(?:s|ed|ing|ance)?",
            "adopt(?:s|ed|ing)?",
            "ratif(?:y|ies|ied)",
            "endors(?:e|es|ed)",
            *_VOTE_PASSED,
        ),
        (
            "reject(?:s|ed|ing|ion)?",
            "refus(?:e|es|ed|ing|al)",
            "veto(?:es|ed)?",
            "block(?:s|ed)?",
            "declin(?:e|es|ed)",
            # a vote's outcome said another way: a bill that passes is approved, one that is
            # defeated rejected ("MPs defeated the bill" for "Parliament passed it"); not "failed"
            # ("the drug failed in trials" is no vote against "the FDA approved the drug")
            "defeat(?:s|ed)?",
        ),
    ),
    (_VOTE_PASSED, ("fail(?:s|ed)?",)),
    (
        (
            "ris(?:e|es|en|ing)|rose",
            "increas(?:e|es|ed|ing)",
            "gr[eo]w(?:s|n|ing|th)?",
            "climb(?:s|ed|ing)?",
            "jump(?:s|ed)?",
            "soar(?:s|ed|ing)?",
            "surg(?:e|es|ed)",
        ),
        _FALL,
    ),
    # A doubling is its own outcome: "rose about 5 percent, far from a doubling" does not
    # state it.
    (
        ("doubl(?:e|es|ed|ing)", "tripl(?:e|es|ed|ing)", "quadrupl(?:e|es|ed|ing)"),
        _FALL,
    ),
    (("w[oi]n(?:s|ning)?", "gain(?:s|ed|ing)?"), ("los(?:e|es|ing|t)",)),
    (
        ("allow(?:s|ed|ing)?", "permit(?:s|ted)?", "legali[sz](?:e|es|ed)"),
        ("ban(?:s|ned|ning)?", "prohibit(?:s|ed)?", "forb[ia]d(?:e|s|den)?", "outlaw(?:s|ed)?"),
    ),
    (
        ("(?:re)?open(?:s|ed|ing)?", "launch(?:es|ed|ing)?"),
        ("clos(?:es|ed|ing|ure)", "shut(?:s|ting)?", "shutter(?:s|ed|ing)?"),
    ),
    (("guilty", "convict(?:s|ed|ion)?"), ("acquit(?:s|ted|tal)?", "cleared")),
    (("alive", "surviv(?:e|es|ed|ing|or|ors)"), ("dead", "die[ds]?", "death")),
    # What one thing does to people, judged one way or the other ("saturated fat can be good for
    # you" / "saturated fat is bad for the heart"): the same subject, the opposite evaluation.
    (
        ("good", "safe", "health(?:y|ful)", "beneficial", "harmless"),
        ("bad", "dangerous", "unsafe", "unhealthy", "harmful", "deadly", "toxic", "lethal"),
    ),
    # How a job came out against its plan (probe s47: "repaired on time and under budget" read
    # supported by "completed two months late and 1.2 million dollars over budget"): its time
    # and its cost, each phrase one word first (:data:`_PLAN_PHRASES`).
    (
        ("ontime", "onschedule", "aheadofschedule", "runearly"),
        ("runlate", "behindschedule", "delayed"),
    ),
    (("underbudget", "withinbudget", "onbudget", "belowbudget"), ("overbudget", "abovebudget")),
)
# What opens and closes as a business does: "new" before one is its opening.
_ESTABLISHMENTS = (
    r"(?:business(?:es)?|compan(?:y|ies)|firms?|start-?ups?|stores?|shops?|restaurants?|"
    r"factor(?:y|ies)|plants?|branch(?:es)?|franchises?|enterprises?)\b"
)
# Nouns a budget phrase names that are not how a job's cost came out ("a fight over budget cuts",
# "under budget pressure").
_BUDGET_NOUNS = (
    r"cuts?|talks?|plans?|proposals?|negotiations?|disputes?|debates?|fights?|battles?|votes?|"
    r"concerns?|issues?|priorities|constraints?|pressures?|rules?|requests?|deficits?|"
    r"shortfalls?|decisions?|process(?:es)?|documents?|figures?|items?|lines?|reviews?"
)
# A job late or early by a time ("two months late"), or said to have finished so: "late" or
# "early" alone is most often a time ("in late March", "early voting"), which says nothing of
# a plan.
_TIME_UNIT = r"\b((?:minute|hour|day|week|month|year)s?)"
_FINISHED = r"\b((?:finished|completed|delivered|arrived|opened|done|came\s+in|ran|running))"
_NOT_A_TIME = (
    r"(?!\s+(?:in|on|at|last|this|next|that|during|into|\d|"
    + "|".join(MONTHS)
    + r"|spring|summer|autumn|fall|winter|morning|afternoon|evening|night)\b)"
)
# How a job came out against its plan, each phrase one word for the lexicon
# (:data:`OPPOSITE_OUTCOMES`), said back as written in a note (:data:`PLAN_WORDS`).
_PLAN_PHRASES = (
    (r"\bon\s+time\b", "ontime", "on time"),
    (r"\bon\s+schedule\b", "onschedule", "on schedule"),
    (r"\bahead\s+of\s+(?:schedule|time)\b", "aheadofschedule", "ahead of schedule"),
    (r"\bbehind\s+schedule\b", "behindschedule", "behind schedule"),
    (_TIME_UNIT + r"\s+late\b", r"\1 runlate", "late"),
    (_TIME_UNIT + r"\s+early\b", r"\1 runearly", "early"),
    (_FINISHED + r"\s+late\b" + _NOT_A_TIME, r"\1 runlate", "late"),
    (_FINISHED + r"\s+early\b" + _NOT_A_TIME, r"\1 runearly", "early"),
    *(
        (rf"\b{side}\s+budget\b(?!\s+(?:{_BUDGET_NOUNS})\b)", f"{side}budget", f"{side} budget")
        for side in ("under", "within", "on", "below", "over", "above")
    ),
)
PLAN_WORDS = {word.split()[-1]: shown for _, word, shown in _PLAN_PHRASES}
# Phrases that state one outcome, as one word: "not guilty" is an acquittal, "was defeated" a
# loss, "far from a doubling" a negated doubling ("not doubling").
_OUTCOME_PHRASES = (
    (re.compile(r"\bnot\s+guilty\b", re.IGNORECASE), "acquitted"),
    (re.compile(r"\b(?:voted|turned)\s+down\b", re.IGNORECASE), "rejected"),
    (
        re.compile(r"\b(?:was|were|been|be|is|are)\s+(?:narrowly\s+)?defeated\b", re.IGNORECASE),
        "lost",
    ),
    (re.compile(r"\bclose\s+to\b", re.IGNORECASE), "near"),
    # a business that ends ("going out of business", "went bankrupt", "goes bust") is closed;
    # one that starts ("a record number of new small businesses", "new start-ups") opened
    (
        re.compile(
            r"\b(?:go|goes|going|went|gone)\s+(?:out\s+of\s+business|bankrupt|bust)\b",
            re.IGNORECASE,
        ),
        "closing",
    ),
    (re.compile(rf"\bnew(?=\s+(?:[\w-]+\s+)?{_ESTABLISHMENTS})", re.IGNORECASE), "opened"),
    # "failed to lower costs" did not lower them: no vote that failed ("failed to pass": not
    # passed, as a failed vote should read)
    (re.compile(r"\bfail(?:s|ed|ing)?\s+to\b", re.IGNORECASE), "not"),
    (
        re.compile(
            r"\b(?:far\s+from|nowhere\s+near|anything\s+but|short\s+of)(?:\s+(?:a|an|the))?\b",
            re.IGNORECASE,
        ),
        "not",
    ),
    *((re.compile(pattern, re.IGNORECASE), word) for pattern, word, _ in _PLAN_PHRASES),
)
# Outcomes that one thing can have one after the other: a plant opens, then closes; a bill
# fails, then passes; a team wins one year and loses the next; a ban is lifted. Unlike a trend
# over a span ("has fallen since 1979") or a death, the other outcome of one of these dated to
# a year the claim does not name is another occurrence, not a reversal ("the plant opened in
# 1985" for "the company closed its Detroit plant"). Named by a word of each pair's first side.
_REPEATABLE = ("approved", "passed", "won", "allowed", "opened", "convicted", "eased")
_YEARS = re.compile(r"\b(?:1[89]|20)\d\d\b")


def _years(text: str) -> frozenset[str]:
    """The years ``text`` names ("in 1985", "the 2015 final")."""
    return frozenset(_YEARS.findall(text))


def _another_time(pair_repeats: bool, unit: str, claim_years: frozenset[str]) -> bool:
    """Whether ``unit`` dates an outcome of a repeatable pair to a year the claim does not
    name: another occurrence of it (:data:`_REPEATABLE`)."""
    return pair_repeats and bool(_years(unit) - claim_years)


_LEXEMES = [
    (re.compile(f"(?:{lexeme})"), (group, side, index))
    for group, sides in enumerate(OPPOSITE_OUTCOMES)
    for side, lexemes in enumerate(sides)
    for index, lexeme in enumerate(lexemes)
]
# Any outcome word: most tokens are none, and one pattern tells it at once.
_ANY_OUTCOME = re.compile("|".join(pattern.pattern for pattern, _ in _LEXEMES))


def is_outcome_word(word: str) -> bool:
    """Whether ``word`` (lower case) is an outcome of :data:`OPPOSITE_OUTCOMES` ("failed",
    "rise", "won"): what the outcome reading, not the predicate guard, compares."""
    return _ANY_OUTCOME.fullmatch(word) is not None


# A job's time and cost (:data:`_PLAN_PHRASES`): how it finished is said with any verb ("was
# repaired on time", "the repairs ran late") and by any amount ("three weeks late", "$1.2m over
# budget"), neither of which is what the job is.
_PLAN_PAIRS = frozenset(
    group
    for group, (first, _) in enumerate(OPPOSITE_OUTCOMES)
    if "ontime" in first or "underbudget" in first
)
_PLAN_FILLERS = frozenset(
    word[:5]
    for word in (
        *("finished", "completed", "delivered", "done", "came", "ran", "running", "arrived"),
        *("built", "stayed", "remained", "kept", "brought", "coming"),
        *("minute", "minutes", "hour", "hours", "day", "days", "week", "weeks"),
        *("month", "months", "year", "years"),
        *("dollars", "pounds", "euros", "percent", "thousand", "million", "billion", "m", "bn"),
    )
)


def _plan_filler(stem: str) -> bool:
    return stem in _PLAN_FILLERS or stem.isdigit()


_REPEATABLE_PAIRS = frozenset(
    group
    for group, (first, _) in enumerate(OPPOSITE_OUTCOMES)
    if any(re.fullmatch(lexeme, word) for lexeme in first for word in _REPEATABLE)
)
# Where one clause ends and another, maybe about something else, begins.
_CLAUSE_BREAK = re.compile(
    r"[;:()\u2013\u2014]|,\s+(?:and|but|while|which|who|whereas|saying|adding|although|though|"
    r"after|before|as|when|having|even)\b|\b(?:before|after|when|while|because|although|though|"
    r"but|whereas|until|once|even\s+as|even\s+though)\b",
    re.IGNORECASE,
)


def clauses(text: str) -> list[str]:
    """The clauses of ``text``: its sentences, each cut where another clause (maybe about
    something else) begins, at a semicolon, a dash, a bracket or a conjunction ("..., while
    inflation fell")."""
    return [
        unit
        for sentence in split_sentences(text) or [text]
        for unit in _CLAUSE_BREAK.split(sentence)
        if unit
    ]


@dataclass(frozen=True)
class _Unit:
    """A clause (or a sentence) of a passage as the lexicon reads it (:func:`_reversal`)."""

    text: str
    tokens: tuple[str, ...]  # :func:`_outcome_tokens`
    stems: frozenset[str]  # each token's first five letters
    hits: tuple[tuple[int, tuple[int, int, int]], ...]  # :func:`_outcomes` of the tokens
    negations: frozenset[int]  # positions of the negations among the tokens

    @classmethod
    def of(cls, text: str) -> _Unit:
        tokens = tuple(_outcome_tokens(text))
        return cls(
            text,
            tokens,
            frozenset(t[:5] for t in tokens),
            tuple(_outcomes(tokens)),
            frozenset(q for q, t in enumerate(tokens) if t in NEGATIONS),
        )


@dataclass(frozen=True)
class _OutcomeReading:
    """A claim as the lexicon reads its outcomes (:func:`_lexicon_reversals`)."""

    tokens: tuple[str, ...]  # :func:`_outcome_tokens`
    negated: bool
    outcomes: tuple[tuple[int, tuple[int, int, int]], ...]
    content: tuple[tuple[int, str], ...]  # (position, first five letters) of its content words


class _Reading:
    """What the pair cues (:func:`denies`, :func:`missing_names`, :func:`other_figures`,
    :func:`opposite_outcomes` by the lexicon) read of one text on either side of a pair, each
    part read once, when first asked for (:func:`_reading`): comparing near-duplicate sentences
    (``veracity claims``) pairs each text with up to 32 others."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def negated(self) -> bool:
        return _negated(tokenize(self.text))

    @cached_property
    def stems(self) -> frozenset[str]:
        """The first five letters of each token ("Russia" ~ "Russian")."""
        return frozenset(token[:5] for token in tokenize(self.text))

    @cached_property
    def names(self) -> frozenset[str]:
        return frozenset(name.lower() for name in _NAME.findall(self.text))

    @cached_property
    def content_words(self) -> frozenset[str]:
        return frozenset(content_words(self.text))

    @cached_property
    def denial(self) -> bool:
        return DENIAL.search(self.text) is not None

    @cached_property
    def denial_sentences(self) -> tuple[tuple[frozenset[str], bool, bool], ...]:
        """Each sentence's content words, whether it carries a denial and whether a negation
        (one that affirms, "no doubt", left out)."""
        return tuple(
            (
                frozenset(content_words(sentence)),
                DENIAL.search(sentence) is not None,
                _negated(tokenize(_NOT_NEGATING.sub(" ", sentence))),
            )
            for sentence in split_sentences(self.text) or [self.text]
        )

    @cached_property
    def figure_slots(self) -> Mapping[str, frozenset[str]]:
        return {slot: frozenset(figures) for slot, figures in _figure_slots(self.text).items()}

    @cached_property
    def years(self) -> frozenset[str]:
        return _years(self.text)

    @cached_property
    def outcome_reading(self) -> _OutcomeReading:
        tokens = tuple(_outcome_tokens(self.text))
        return _OutcomeReading(
            tokens,
            _negated(tokens),
            tuple(_outcomes(tokens)),
            tuple(
                (i, t[:5])
                for i, t in enumerate(tokens)
                if t not in ENGLISH_STOP_WORDS and len(t) > 1 and not _ANY_OUTCOME.fullmatch(t)
            ),
        )

    @cached_property
    def clause_units(self) -> tuple[_Unit, ...]:
        return tuple(_Unit.of(unit) for unit in clauses(self.text) if unit)

    @cached_property
    def sentence_units(self) -> tuple[_Unit, ...]:
        return tuple(_Unit.of(unit) for unit in split_sentences(self.text) or [self.text] if unit)


# Texts whose readings are kept: a claims input's near-duplicate lines are compared with their
# nearest (up to 32 each) anywhere before them.
_READINGS = 8192


@lru_cache(maxsize=_READINGS)
def _reading(text: str) -> _Reading:
    """The reading of ``text`` (:class:`_Reading`), the same object while it is kept."""
    return _Reading(text)


# How many words before an outcome a negation ("did not pass") or the other outcome ("refused
# to accept") still governs it.
_GOVERNS = 3
# The claim's subject: the last content words before its outcome ("violent crime", "the city
# council"); a clause names it with all of them ("sales of diesel cars declined" does not name
# "sales of electric cars").
_SUBJECT_WORDS = 3


def _outcomes(tokens: Sequence[str]) -> list[tuple[int, tuple[int, int, int]]]:
    """(position, (pair, outcome, lexeme)) of each outcome word among ``tokens``."""
    return [
        (position, key)
        for position, token in enumerate(tokens)
        if _ANY_OUTCOME.fullmatch(token)
        for pattern, key in _LEXEMES
        if pattern.fullmatch(token)
    ]


def fold_outcome_phrases(text: str, *, negations: bool = True) -> str:
    """``text`` with each phrase that states one outcome as its one word: "not guilty" is
    "acquitted" (no negation), "was defeated" "lost", and, unless ``negations`` is false,
    "far from a" "not"."""
    for pattern, word in _OUTCOME_PHRASES:
        if negations or word != "not":
            text = pattern.sub(word, text)
    return text


def _outcome_tokens(text: str) -> list[str]:
    return tokenize(fold_outcome_phrases(text))


def opposite_outcomes(
    claim: str,
    passage: str,
    *,
    scope: str = "clause",
    parsed: bool = False,
    families: Collection[str] = (),
    another_time: bool | None = None,
    narrower: bool = False,
    plans: bool = True,
) -> list[str]:
    """The claim's outcomes that ``passage`` reverses for the same subject, as "claim word ->
    passage word": a clause (``scope="sentence"``: a sentence) that names the claim's subject
    (the last content words before the outcome in the claim) states the opposite outcome ("fell"
    for "rose", "approved" for "rejected", "acquitted" for "found guilty") or the claim's own
    one negated ("far from a doubling", "did not pass"), and does not also state the claim's
    own outcome ("approved the law and vetoed a bill on permits"). A negated claim has none;
    each outcome of the claim is listed once.

    With ``parsed``, outcomes are also read from a spaCy parse of both (deep path only): by
    lemma, so word forms and phrasal verbs outside the lexicon count ("threw out", "slid",
    "edged up", "eased" / "tightened"), each about the verb's own object or subject, matched
    by its noun ("councillors" for "the city council", "the unemployment rate" for
    "unemployment"; a pronoun or a bare "the measure" for a noun the passage names elsewhere).
    ``families`` adds WordNet's words for the outcomes to the parsed reading (``"nouns"``:
    "a slide in exports", "the rejection of the bill"; ``"antonyms"``; see
    :data:`~veracity.verify.outcome_families.OUTCOME_FAMILIES`). "Fail to" is not doing, never
    a failed vote: "failed to lower costs" reverses no "passed". A vote's outcome is read as
    approval or rejection too ("the bill was defeated in the House" for "the House passed it").

    An outcome that one thing can have one after the other (a plant opens, then closes) stated
    in a clause dated to a year the claim does not name is another occurrence, not a reversal
    ("the plant opened in 1985" for "the company closed its Detroit plant"): with
    ``another_time`` False it is left out, with True only those are listed; with None (near-
    duplicate grouping: two such sentences are still two claims) both are.

    With ``narrower``, a parsed reversal counts only where the reversing sentence also says
    which one of its noun the claim's subject is: a claim about a narrower subject ("violent
    crime fell") is not reversed by the wider one ("overall reported crime rose"), nor by the
    bare noun ("crime rose"); the claim's names ("Riverton's bus ridership") are not asked of
    the sentence (a passage rarely repeats its place), nor is anything of a noun said as a
    known thing ("the climate bill", "the measure") (:func:`_says_which`).

    With ``plans``, how a job came out against its plan is an outcome too, by the lexicon: its
    time ("on time", "ahead of schedule" / "two months late", "behind schedule", "delayed") and
    its cost ("under budget", "within budget" / "over budget"); the verb it finished with is
    not asked of the passage ("was repaired on time" / "the repairs were completed late").
    """
    if _reading(claim).negated:
        return []
    found = _lexicon_reversals(claim, passage, scope, another_time, plans)
    if parsed:
        listed = {item.split(" -> ")[0] for item in found}
        found += [
            f"{c} -> {p}"
            for c, p in _parsed_reversals(
                claim, passage, frozenset(families), another_time, narrower
            )
            if c not in listed
        ]
    return list(dict.fromkeys(found))  # a vote's outcome is of two pairs: "passed -> failed"


def _lexicon_reversals(
    claim: str, passage: str, scope: str, another_time: bool | None = None, plans: bool = True
) -> list[str]:
    """:func:`opposite_outcomes` by the lexicon of word forms (:data:`OPPOSITE_OUTCOMES`)."""
    read = _reading(claim).outcome_reading
    if read.negated:
        return []
    claim_tokens, claim_outcomes = read.tokens, read.outcomes
    if not claim_outcomes:
        return []
    content = read.content
    passage_read = _reading(passage)
    units = passage_read.sentence_units if scope == "sentence" else passage_read.clause_units
    claim_years = _reading(claim).years
    found: list[str] = []
    reversed_outcomes: set[tuple[int, int]] = set()  # one note per outcome, however often said
    for position, (pair, outcome, _) in claim_outcomes:
        if (pair, outcome) in reversed_outcomes or (pair in _PLAN_PAIRS and not plans):
            continue
        if any(k[0] == pair and k[1] != outcome for _, k in claim_outcomes):
            continue  # "temperatures rise and they fall": the claim states both
        subject = set(
            [
                stem
                for i, stem in content
                if i < position and not (pair in _PLAN_PAIRS and _plan_filler(stem))
            ][-_SUBJECT_WORDS:]
        )
        if not subject:
            continue  # "Rising CO2 levels cause ...": no subject to find in the passage
        # A clause that also states the claim's own outcome reverses something else
        # ("approved the law and vetoed a bill on permits").
        reversal = next(
            (
                r
                for unit in units
                if subject <= unit.stems
                and (r := _reversal(unit, pair, outcome))
                and not _reversal(unit, pair, outcome, same=True)
                and another_time
                in (None, _another_time(pair in _REPEATABLE_PAIRS, unit.text, claim_years))
            ),
            None,
        )
        if reversal:
            found.append(f"{_shown(claim_tokens[position])} -> {_shown(reversal)}")
            reversed_outcomes.add((pair, outcome))
    return found


def _shown(words: str) -> str:
    """``words`` of an outcome as a note says them: a plan's phrase as written ("on time")."""
    return " ".join(PLAN_WORDS.get(word, word) for word in words.split())


def _reversal(unit: _Unit, pair: int, outcome: int, *, same: bool = False) -> str | None:
    """The word of the unit's tokens that states the other outcome of ``pair`` (or, with
    ``same``, the claim's own ``outcome``) and is not itself negated or reversed: "fell", "not
    ... doubling"."""
    tokens, hits = unit.tokens, unit.hits
    reversing = {q for q, k in hits if k[0] == pair and k[1] != outcome}
    reversing |= unit.negations
    governed = {p for p, _ in hits if any(0 < p - q <= _GOVERNS for q in reversing)}
    for p, k in hits:
        if same and k[:2] == (pair, outcome) and p not in governed:
            return tokens[p]
        if not same and k[0] == pair and (k[1] != outcome) != (p in governed):
            return tokens[p] if p not in governed else f"not {tokens[p]}"
    return None


# What falls, by lemma: the other outcome of a rise and of a doubling (:data:`_FALL`'s lemmas,
# and the ways news says it otherwise: "slid", "tumbled", "eased", "went down").
_FALL_LEMMAS = frozenset(
    {
        "fall",
        "decrease",
        "decline",
        "drop",
        "shrink",
        "plunge",
        "slump",
        "halve",
        "contract",
        "slide",
        "slip",
        "dip",
        "tumble",
        "sink",
        "ease",
        "go down",
        "edge down",
        "tick down",
    }
)
# Opposite outcomes read from a parse (``opposite_outcomes(..., parsed=True)``): each pair of
# outcomes by lemma, a verb with its particle as one ("throw out", "go up"), and whose outcome
# it is: "object" (what is approved, raised, banned: the verb's object, else its passive or
# intransitive subject: "the council rejected the budget", "the budget was thrown out",
# "prices eased") or "subject" (who wins or loses: "the home team was beaten").
OUTCOME_LEMMAS: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = (
    (
        "object",
        frozenset({"approve", "accept", "adopt", "ratify", "endorse", "uphold", "back"}),
        frozenset(
            {
                "reject",
                "refuse",
                "veto",
                "block",
                "scrap",
                "overturn",
                "throw out",
                "vote down",
                "turn down",
                "strike down",
                "shoot down",
                "quash",
            }
        ),
    ),
    ("object", frozenset({"pass"}), frozenset({"fail"})),
    (
        "object",
        frozenset(
            {
                "rise",
                "increase",
                "grow",
                "climb",
                "jump",
                "soar",
                "surge",
                "rebound",
                "go up",
                "edge up",
                "tick up",
                "pick up",
            }
        ),
        _FALL_LEMMAS,
    ),
    ("object", frozenset({"double", "triple", "quadruple"}), _FALL_LEMMAS),
    (
        "object",
        frozenset({"ease", "loosen", "relax", "lift"}),
        frozenset({"tighten", "impose", "reimpose", "toughen"}),
    ),
    ("subject", frozenset({"win"}), frozenset({"lose", "beat", "defeat"})),
    (
        "object",
        frozenset({"allow", "permit", "legalise", "legalize"}),
        frozenset({"ban", "prohibit", "forbid", "outlaw", "bar"}),
    ),
    (
        "object",
        frozenset({"open", "reopen"}),
        frozenset({"close", "shut", "shut down", "close down"}),
    ),
    # a service or an operation taken up again or stopped ("resumed aid convoys" / "suspended
    # all aid convoys")
    (
        "object",
        frozenset({"resume", "restart"}),
        frozenset({"suspend", "halt", "pause", "stop"}),
    ),
    ("object", frozenset({"convict", "guilty"}), frozenset({"acquit", "clear"})),
    ("subject", frozenset({"alive", "survive"}), frozenset({"dead", "die"})),
)
# A vote's outcome said another way, read as approval or rejection too: a bill that passes is
# approved, one that is defeated rejected ("the bill was defeated in the House" for "the House
# passed the bill"; "defeat" is also who loses, by its subject: "was defeated"). Not "fail":
# "the drug failed in trials" is no vote against "the FDA approved the drug".
_VOTE_LEMMAS = (frozenset({"pass"}), frozenset({"defeat"}))
# Pairs of :data:`OUTCOME_LEMMAS` that one thing can have one after the other
# (:data:`_REPEATABLE`).
_REPEATABLE_LEMMA_PAIRS = frozenset(
    pair
    for pair, (_, first, _) in enumerate(OUTCOME_LEMMAS)
    if first & {"approve", "pass", "win", "allow", "open", "resume", "convict", "ease"}
)
# Nouns that stand for what an earlier sentence names ("the measure" for "the spending bill")
# when definite and bare: with a pronoun, a light coreference.
_STAND_IN_NOUNS = frozenset(
    {"plan", "proposal", "measure", "bill", "motion", "law", "deal", "policy", "scheme"}
)
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})
# The dependants that say which one a noun is ("electric car sales", "the mayor's budget").
_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ"})
# Verbs that carry out the outcome under them ("voted to approve", "moved to ban"); under any
# other ("ceased to decrease", "plans to ban", "threatened to veto") it is not stated.
_ENACTING = frozenset({"vote", "decide", "agree", "move", "choose", "elect", "opt"})
# A verb with its particle: the parser does not always call it one ("ticked up to 12.3
# percent", "was voted down 48-52").
_PARTICLES = frozenset({"up", "down", "out"})
# How much longer one word may be than another it is a form of ("council" / "councillor",
# "Germany" / "German", "Russia" / "Russian"), from four letters.
_DERIVED_LETTERS = 3


@lru_cache(maxsize=256)
def _parse(text: str) -> Doc:
    """The deep pipeline's parse of ``text``, kept for the texts met last: a claim is read for
    its outcomes (:func:`_read`) and for its main verb (:func:`claim_verb`), each with its own
    cache of what it reads, from one parse."""
    return load_pipeline("deep")(text)


@lru_cache(maxsize=8192)
def _read(
    text: str, families: frozenset[str] = frozenset()
) -> tuple[tuple[_Event, ...], frozenset[str]]:
    """The outcomes ``text`` states and the lemmas of its words, from its parse (kept for the
    texts met last: a claim meets several passages, a passage several candidate rules)."""
    doc = _parse(text)
    return tuple(_events(doc, families)), frozenset(_lemma(t) for t in doc if t.is_alpha)


_Sides = tuple[frozenset[str], frozenset[str]]


@lru_cache(maxsize=8)
def _outcome_words(families: frozenset[str]) -> tuple[tuple[_Sides, ...], tuple[_Sides, ...]]:
    """For each pair of :data:`OUTCOME_LEMMAS`: the verbs (and adjectives) of each side, with
    WordNet's antonyms of the other side's with ``"antonyms"`` in ``families``, and the event
    nouns of each side ("rejection", "a slide", "closure") with ``"nouns"``
    (:data:`~veracity.verify.outcome_families.OUTCOME_FAMILIES`)."""
    from veracity.verify.outcome_families import OUTCOME_FAMILIES

    none: _Sides = (frozenset(), frozenset())
    verbs: list[_Sides] = []
    nouns: list[_Sides] = []
    for (_, first, second), family in zip(OUTCOME_LEMMAS, OUTCOME_FAMILIES, strict=True):
        extra = family["antonyms"] if "antonyms" in families else none
        if "approve" in first:  # a vote's outcome said another way (:data:`_VOTE_LEMMAS`)
            extra = (extra[0] | _VOTE_LEMMAS[0], extra[1] | _VOTE_LEMMAS[1])
        verbs.append((first | extra[0], second | extra[1]))
        nouns.append(family["nouns"] if "nouns" in families else none)
    return tuple(verbs), tuple(nouns)


# Plurals the parser's lemmatizer reads as another, rarer noun's: "taxes" as "taxis" (so "property
# taxes" and "the property tax" were two things to every cue: probe s48 V1) and "bases" as
# "basis". Read as the noun news means by them. bench/tax_lemma.py measured it on development
# data (docs/benchmarks.md, "Taxes read as a tax").
_LEMMA_READINGS = {("taxes", "taxis"): "tax", ("bases", "basis"): "base"}


def _lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    return _LEMMA_READINGS.get((token.lower_, lemma), lemma)


def _akin(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are forms of one word ("council" / "councillor")."""
    short, long_ = sorted((a, b), key=len)
    return short == long_ or (
        len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= _DERIVED_LETTERS
    )


def _among(word: str, words: frozenset[str] | set[str]) -> bool:
    return any(_akin(word, other) for other in words)


@dataclass(frozen=True)
class _Entity:
    """Who or what an outcome is about: its noun's lemma, the words that say which one it is
    (``kind``: "electric car" of "electric car sales"; ``modifiers``: those and "of" phrases,
    "diesel cars" of "sales of diesel cars"), whether it stands in for a noun named elsewhere
    (a pronoun, "the measure") and whether it is a name."""

    head: str
    kind: frozenset[str]
    modifiers: frozenset[str]
    stand_in: bool
    proper: bool
    # said with "the", "its", "this" ...: one known thing ("the climate bill"), not a kind of
    # thing whose words set its scope ("crime", "overall reported crime")
    definite: bool = False
    # the amounts said of it, each an interval ("a 6 percent increase", "a $95 billion aid
    # bill"): a thing said with another amount is another one (another proposal, another bill)
    amounts: frozenset[tuple[str, float, float]] = frozenset()


@dataclass(frozen=True)
class _Event:
    """One outcome a text states: its word (with its particle), the start of its sentence,
    which pair and side of :data:`OUTCOME_LEMMAS`,
    whether it is negated, what it is about and who brings it about."""

    word: str
    sentence: int
    pair: int
    side: int
    negated: bool
    entity: _Entity | None
    agent: _Entity | None
    years: frozenset[str] = frozenset()  # the years its sentence names


# A sentence of a parse: where it starts and the years it names (:func:`_years`).
_Sentence = tuple[int, frozenset[str]]


def _modifiers(noun: Token) -> set[str]:
    return {
        _lemma(c)
        for c in noun.children
        if c.dep_ in _MODIFIER_DEPS
        and c.pos_ in _CONTENT_POS
        and c.lower_ not in ENGLISH_STOP_WORDS
    }


# Figures that say which one a thing is when they modify its noun ("a 6 percent increase").
_AMOUNT_LABELS = frozenset({"PERCENT", "MONEY"})


def _amounts(noun: Token) -> frozenset[tuple[str, float, float]]:
    """The percentages and sums of money said before ``noun`` as its modifiers, each as its
    entity label and interval ("a 6 percent increase in water rates": PERCENT, 5.5 to 6.5)."""
    inside = {t.i for left in noun.lefts for t in left.subtree}
    if not inside:
        return frozenset()
    found = set()
    for span in noun.doc.ents:
        if span.label_ in _AMOUNT_LABELS and span.start in inside and span.end - 1 in inside:
            interval = figure_interval(span.text)
            if interval is not None:
                found.add((span.label_, *interval))
    return frozenset(found)


def _entity(noun: Token) -> _Entity:
    kind = _modifiers(noun)
    modifiers = set(kind)
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    modifiers |= {_lemma(obj)} | _modifiers(obj)
    determiners = {c.lower_ for c in noun.children if c.dep_ in ("det", "poss")}
    stand_in = noun.pos_ == "PRON" or (
        _lemma(noun) in _STAND_IN_NOUNS and bool(determiners & _DEFINITE) and not modifiers
    )
    return _Entity(
        _lemma(noun),
        frozenset(kind),
        frozenset(modifiers),
        stand_in,
        noun.pos_ == "PROPN",
        bool(determiners & _DEFINITE),
        _amounts(noun),
    )


def _argument(token: Token, deps: tuple[str, ...]) -> Token | None:
    for dep in deps:
        for child in token.children:
            if child.dep_ == dep:
                return child
    return None


def _particle(token: Token) -> Token | None:
    particle = next((c for c in token.children if c.dep_ == "prt"), None)
    if particle is None and token.i + 1 < len(token.doc):
        following = token.nbor()
        if following.lower_ in _PARTICLES and following.pos_ in ("ADP", "ADV", "PART"):
            particle = following
    return particle


def _outcome_key(token: Token) -> str:
    particle = _particle(token)
    return f"{_lemma(token)} {particle.lower_}" if particle else _lemma(token)


def _quantity(noun: Token) -> bool:
    """A measure rather than a thing: "rose 5 percent", "ticked up to 12.3 percent"."""
    return noun.pos_ == "NUM" or any(c.dep_ == "nummod" for c in noun.children)


def _negated_token(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _events(doc: Doc, families: frozenset[str] = frozenset()) -> list[_Event]:
    """Each outcome stated in ``doc``, with its negation and who or what it is about."""
    verbs, nouns = _outcome_words(families)
    # Each token's sentence, read once: ``token.sent`` walks the sentence and its text joins
    # it, so reading them for each outcome cost a sentence of many outcomes its length
    # squared (a 40 KB sentence of "prices rose": 9 s; hostile round 9).
    sentence_of: list[_Sentence] = [(0, frozenset())] * len(doc)
    for sent in doc.sents:
        sentence_of[sent.start : sent.end] = [(sent.start, _years(sent.text))] * len(sent)
    events = []
    for token in doc:
        if token.pos_ == "NOUN":
            words: tuple[_Sides, ...] = nouns
            keys = {_lemma(token)}
        elif token.pos_ in ("VERB", "ADJ"):
            words, keys = verbs, {_outcome_key(token), _lemma(token)}
        else:
            continue
        for pair, ((role, _, _), sides_words) in enumerate(zip(OUTCOME_LEMMAS, words, strict=True)):
            sides = [side for side, lemmas in enumerate(sides_words) if keys & lemmas]
            if len(sides) != 1:
                continue
            read = _noun_event if token.pos_ == "NOUN" else _event
            if event := read(token, pair, role, sides[0], sentence_of[token.i], families):
                events.append(event)
    return events


# Prepositions that name what an outcome noun is about, in order: "the rejection of the bill",
# "a slide in exports", "a ban on fracking", "a cut to the budget"; who wins or loses: "a
# defeat for the incumbent".
_NOUN_OBJECT_PREPS = ("of", "in", "on", "to")
_NOUN_SUBJECT_PREPS = ("for", "of")


def _prep_object(token: Token, preps: tuple[str, ...]) -> Token | None:
    """The noun of ``token``'s first prepositional phrase among ``preps`` (in their order);
    past a measure ("a cut of 8 percent in its budget": "budget")."""
    for prep in preps:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == prep:
                noun = _argument(child, ("pobj", "pcomp"))
                if noun is not None and _quantity(noun):
                    noun = _prep_object(noun, _NOUN_OBJECT_PREPS)
                if noun is not None:
                    return noun
    return None


def _noun_event(
    token: Token,
    pair: int,
    role: str,
    side: int,
    sentence: _Sentence,
    families: frozenset[str] = frozenset(),
) -> _Event | None:
    """The outcome an event noun states ("the rejection of the bill", "a slide in exports",
    "prices staged a rally", "a defeat for the incumbent"), about the noun of its
    prepositional phrase, else its possessor ("the incumbent's defeat"), else the subject of
    the verb it is the object of ("Bitcoin suffered a plunge"); None when it is about none.
    Its possessor or "by" phrase is who brings it about ("the Senate's rejection of ...")."""
    if any(c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" for c in token.children):
        return None  # "the failure of the drug to show efficacy": another sense, or a clause
    possessor = _argument(token, ("poss",))
    by = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    by_noun = _argument(by, ("pobj",)) if by is not None else None
    carrier = token.head if token.dep_ in ("dobj", "attr") else None
    carrier_subject = _argument(carrier, ("nsubj",)) if carrier is not None else None
    agent = None
    if role == "subject":
        about = _prep_object(token, _NOUN_SUBJECT_PREPS) or possessor or carrier_subject
    else:
        about = _prep_object(token, _NOUN_OBJECT_PREPS)
        agent = possessor or by_noun
        if about is None:
            about, agent = possessor or carrier_subject, by_noun
    if about is None:
        return None
    negated = any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)
    return _Event(
        token.lower_,
        sentence[0],
        pair,
        side,
        negated,
        _entity(about),
        _entity(agent) if agent is not None else None,
        sentence[1],
    )


def _event(
    token: Token,
    pair: int,
    role: str,
    side: int,
    sentence: _Sentence,
    families: frozenset[str] = frozenset(),
) -> _Event | None:
    """The outcome ``token`` states, or None where it states none: a verb that becomes
    something ("has grown colder") or one under a verb that does not carry it out ("ceased
    to decrease"), or "fail" in its sense of not managing to do something ("failed to lower
    costs": no vote that failed; "failed to pass" is one)."""
    if token.pos_ == "VERB" and any(c.dep_ in ("acomp", "oprd", "attr") for c in token.children):
        return None
    done = _argument(token, ("xcomp",))
    if _lemma(token) == "fail" and done is not None and _lemma(done) not in OUTCOME_LEMMAS[pair][1]:
        return None
    # An adjective ("found guilty", "is alive") is about its verb's subject.
    verb = token.head if token.pos_ == "ADJ" else token
    governing = verb.head if verb.dep_ == "xcomp" else verb
    if governing is not verb and _lemma(governing) not in _ENACTING:
        return None
    negated = _negated_token(token) or _negated_token(verb) or _negated_token(governing)
    passive = _argument(verb, ("nsubjpass",))
    subject = _argument(verb, ("nsubj",)) or (
        _argument(governing, ("nsubj",)) if governing is not verb else None
    )
    by = _argument(verb, ("agent",))
    by_noun = _argument(by, ("pobj",)) if by is not None else None
    if role == "subject":
        about, agent = subject or passive, None
        if _lemma(token) in ("beat", "defeat"):
            side = 1 if passive is not None else 0  # "was beaten": lost; "beat Jones": won
    elif token.pos_ == "ADJ":
        about, agent = passive or subject, by_noun
    else:
        obj = _argument(verb, ("dobj",))
        obj = None if obj is not None and _quantity(obj) else obj
        about = obj or passive or subject
        agent = subject if obj is not None else by_noun
    particle = _particle(token)
    return _Event(
        token.lower_ + (f" {particle.lower_}" if particle else ""),
        sentence[0],
        pair,
        side,
        negated,
        _entity(about) if about is not None else None,
        _entity(agent) if agent is not None else None,
        sentence[1],
    )


def _same_entity(
    claim: _Entity, passage: _Entity, claim_words: frozenset[str], passage_words: frozenset[str]
) -> bool:
    """Whether ``passage`` is about the claim's ``claim``: the claim's noun is the passage's,
    or says which one it is ("the unemployment rate" for "unemployment"; "councillors" for
    "the council"), and no word of the passage's says it is another one ("sales of diesel
    cars" for "sales of electric cars"). A pronoun or a bare "the measure" is about it when
    the passage names the claim's noun somewhere (a light coreference)."""
    if passage.stand_in:
        return _among(claim.head, passage_words)
    if not _among(claim.head, passage.kind | {passage.head}):
        return False
    if _other_amounts(claim, passage):
        return False
    return all(_among(word, claim_words) for word in passage.modifiers)


def _other_amounts(claim: _Entity, passage: _Entity) -> bool:
    """Whether both say an amount of the thing in one unit (a percentage, a sum of money) and
    none of the passage's is the claim's, rounded (:data:`CLOSE_CHANGE`): "rejected a 9 percent
    increase" is another increase than the claim's "approved a 6 percent increase"."""
    pairs = [(a[1:], b[1:]) for a in claim.amounts for b in passage.amounts if a[0] == b[0]]
    return bool(pairs) and not any(_close_amounts(a, b) for a, b in pairs)


def _compatible_agents(
    claim: _Entity | None, passage: _Entity | None, claim_words: frozenset[str]
) -> bool:
    """Whether the passage's actor may be the claim's: any common noun may ("lawmakers" for
    "Parliament", "supervisors" for "the county board"), a name only one the claim has."""
    if claim is None or passage is None or passage.stand_in or not passage.proper:
        return True
    return _among(passage.head, claim_words)


def _parsed_reversals(
    claim: str,
    passage: str,
    families: frozenset[str] = frozenset(),
    another_time: bool | None = None,
    narrower: bool = False,
) -> list[tuple[str, str]]:
    """(claim word, passage word) of each claim outcome a sentence of ``passage`` reverses for
    the same entity, read from their parses (:data:`OUTCOME_LEMMAS`, with ``families``);
    with ``narrower``, only by a sentence that says which one the claim's entity is."""
    events, claim_words = _read(claim, families)
    claim_events = [e for e in events if e.entity is not None and not e.entity.stand_in]
    if not claim_events:
        return []
    names = _proper_lemmas(claim) if narrower else frozenset()
    passage_events, passage_words = _read(passage, families)
    claim_years = _years(claim)
    by_sentence: dict[int, list[_Event]] = {}
    for event in passage_events:
        if event.entity is not None:
            by_sentence.setdefault(event.sentence, []).append(event)
    found: list[tuple[str, str]] = []
    done: set[int] = set()
    for claimed in claim_events:
        if claimed.pair in done or claimed.negated:
            continue
        if any(e.pair == claimed.pair and e.side != claimed.side for e in claim_events):
            continue  # the claim states both outcomes
        assert claimed.entity is not None
        for sentence_events in by_sentence.values():
            about = [
                e
                for e in sentence_events
                if e.pair == claimed.pair
                and e.entity is not None
                and _same_entity(claimed.entity, e.entity, claim_words, passage_words)
                and _compatible_agents(claimed.agent, e.agent, claim_words)
                and another_time
                in (None, e.pair in _REPEATABLE_LEMMA_PAIRS and bool(e.years - claim_years))
                and (not narrower or _says_which(claimed.entity, e, passage, names))
            ]
            # A sentence that also states the claim's own outcome tells both ("rumoured dead,
            # found alive"): it reverses nothing.
            if any(e.side == claimed.side and not e.negated for e in about):
                continue
            reversal = next((e for e in about if (e.side != claimed.side) != e.negated), None)
            if reversal is not None:
                word = f"not {reversal.word}" if reversal.negated else reversal.word
                found.append((claimed.word, word))
                done.add(claimed.pair)
                break
    return found


@lru_cache(maxsize=256)
def _proper_lemmas(text: str) -> frozenset[str]:
    """The lemmas of the names in ``text``'s parse ("riverton" of "Riverton's bus ridership")."""
    return frozenset(_lemma(t) for t in _parse(text) if t.pos_ == "PROPN")


def _says_which(
    claim: _Entity, event: _Event | _Change, passage: str, names: frozenset[str]
) -> bool:
    """Whether the sentence of ``passage`` that states ``event`` says every word that says which
    one the claim's entity is ("violent" of "violent crime"), its names aside: a sentence on
    a wider kind of thing ("overall reported crime", "crime") is not about the claim's
    narrower one. One that names a known thing ("the climate bill", "the measure", "its
    ridership") refers to the claim's, as its passage reads it."""
    if event.entity is None or event.entity.definite or event.entity.stand_in:
        return True
    asked = {word for word in claim.kind if word not in names}
    if not asked:
        return True
    said = frozenset(_lemma(t) for t in _parse(passage)[event.sentence].sent if t.is_alpha)
    return all(_among(word, said) for word in asked)


def _names_entity(
    claim: _Entity, passage: _Entity, claim_words: frozenset[str], passage_words: frozenset[str]
) -> bool:
    """Whether ``passage`` names what the claim's ``claim`` is, for an outcome both state the
    same way: the claim's noun is the passage's or says which one it is ("the national
    unemployment rate" for "unemployment") and every word that says which one the claim's is
    is in the passage; the passage may say more of it ("national") than the claim does."""
    if passage.stand_in:
        return _among(claim.head, passage_words)
    return _among(claim.head, passage.kind | {passage.head}) and all(
        _among(word, passage_words) for word in claim.modifiers
    )


# Words that say how much an outcome is ("has only lost a tiny fraction of its ice mass",
# "rose slightly", "fell sharply"): a claim that says how much is checked by the amount, which
# the agreeing-outcome reading does not weigh ("Greenland has lost 3.8 trillion tonnes of ice"
# states the loss and refutes "only a tiny fraction").
_DEGREE = frozenset(
    {
        "only",
        "just",
        "tiny",
        "fraction",
        "slight",
        "slightly",
        "little",
        "barely",
        "hardly",
        "marginally",
        "modest",
        "modestly",
        "sharp",
        "sharply",
        "steep",
        "steeply",
        "dramatic",
        "dramatically",
        "significant",
        "significantly",
        "substantial",
        "substantially",
        "massive",
        "massively",
        "huge",
        "hugely",
        "greatly",
        "considerably",
        "record",
        "most",
        "least",
    }
)


def _plain_words(text: str, sentence: int) -> frozenset[str]:
    """The words the sentence of ``text`` starting at token ``sentence`` says in its own words,
    plainly: those outside any quotation, none where it holds a denial ("reports that ... were
    false") or a doubt ("may", "reportedly")."""
    said = _parse(text)[sentence].sent.text
    if DENIAL.search(said) or DOUBT.search(said):
        return frozenset()
    _, own = quotation_parts(said)
    return frozenset(tokenize(own))


def agreeing_outcomes(
    claim: str, passage: str, *, strict: bool = False, families: Collection[str] = ()
) -> list[str]:
    """The claim's outcomes, as "claim word = passage word", when a sentence of ``passage``
    states each of them the same way for the same entity, read from their parses ("the
    national unemployment rate fell" for "unemployment drops"; "prices climbed" for "home
    prices rise"), plainly (no denial or doubt in the sentence, not inside a quotation); empty
    unless every outcome the claim states is so stated, or when the claim states none, is
    negated, says how much (:data:`_DEGREE`: "only a tiny fraction", "slightly") or states
    both outcomes of one pair. A sentence that also states the other
    outcome, or the claim's own one negated, for that entity states none of it.
    ``strict``: the entity matched as for a reversal (:func:`opposite_outcomes`: no word of the
    passage's may say it is another one), else by :func:`_names_entity`. Deep path only."""
    if _negated(tokenize(claim)) or _DEGREE & set(tokenize(claim)):
        return []
    families = frozenset(families)
    events, claim_words = _read(claim, families)
    claim_events = [e for e in events if e.entity is not None and not e.entity.stand_in]
    if not claim_events or any(e.negated for e in claim_events):
        return []
    if any(a.pair == b.pair and a.side != b.side for a in claim_events for b in claim_events):
        return []  # "temperatures rise and fall": the claim states both
    passage_events, passage_words = _read(passage, families)
    by_sentence: dict[int, list[_Event]] = {}
    for event in passage_events:
        by_sentence.setdefault(event.sentence, []).append(event)
    matches = _same_entity if strict else _names_entity
    # each sentence read once for what it says plainly, not once for each of its outcomes (a
    # sentence of many outcomes cost its length squared; hostile round 9)
    plain: dict[int, frozenset[str]] = {}

    def plainly_stated(event: _Event) -> bool:
        if event.sentence not in plain:
            plain[event.sentence] = _plain_words(passage, event.sentence)
        return event.word.split()[0] in plain[event.sentence]

    # each outcome word of the claim with the side it takes in each pair it is of ("drops": a
    # fall, against a rise and against a doubling)
    claimed_sides: dict[str, dict[int, int]] = {}
    entities: dict[str, _Event] = {}
    for event in claim_events:
        claimed_sides.setdefault(event.word, {})[event.pair] = event.side
        entities.setdefault(event.word, event)
    found: dict[str, str] = {}
    for word, sides in claimed_sides.items():
        claimed = entities[word]
        assert claimed.entity is not None
        for sentence_events in by_sentence.values():
            # an outcome whose subject the parse leaves unread ("fell, then rose again") may be
            # about the claim's subject
            about = [
                e
                for e in sentence_events
                if e.pair in sides
                and (
                    e.entity is None
                    or (
                        matches(claimed.entity, e.entity, claim_words, passage_words)
                        and _compatible_agents(claimed.agent, e.agent, claim_words)
                    )
                )
            ]
            if any((e.side != sides[e.pair]) != e.negated for e in about):
                continue  # the sentence tells the other outcome too ("rumoured dead, found alive")
            same = next(
                (e for e in about if e.side == sides[e.pair] and e.entity and plainly_stated(e)),
                None,
            )
            if same is not None:
                found[word] = same.word
                break
    if set(claimed_sides) - set(found):
        return []
    return [f"{word} = {said}" for word, said in found.items()]


# The main verb a claim asserts and whether it negates it, from its first sentence's parse.
_SUBJECT_DEPS = ("nsubj", "nsubjpass")


@dataclass(frozen=True)
class ClaimVerb:
    """:func:`claim_verb` of a claim."""

    lemma: str | None  # the main verb's lemma (None: no verb read)
    negated: bool  # the main verb is negated ("not", "never") or its subject is "no ..."


@lru_cache(maxsize=8192)
def claim_verb(claim: str) -> ClaimVerb:
    """The :class:`ClaimVerb` of ``claim`` (its first sentence's root; cached)."""
    sentence = next(iter(_parse(claim).sents), None)
    if sentence is None:
        return ClaimVerb(None, False)
    root = sentence.root
    return ClaimVerb(
        _lemma(root) if root.pos_ in ("VERB", "AUX") else None,
        _negated_token(root) or _no_subject(root),
    )


def _no_subject(token: Token) -> bool:
    """Whether ``token``'s subject is determined by "no" ("No American service members were")."""
    subject = _argument(token, _SUBJECT_DEPS)
    return subject is not None and any(
        c.dep_ == "det" and c.lower_ == "no" for c in subject.children
    )


@lru_cache(maxsize=8192)
def _negated_lemmas(sentence: str) -> frozenset[str]:
    """The lemmas of the verbs (and copulas) ``sentence`` negates ("does not cause": cause; "no
    service members were": be)."""
    return frozenset(_lemma(t) for t in _parse(sentence) if _negated_token(t) or _no_subject(t))


# One event in other words: a place that closes is one its town loses ("The county lost two
# hospitals since 2020" / "No other hospital in the county has closed since 2020"). Each entry: a
# claim's main verb, the objects it says this of, and the verbs that state the same event of
# them. Not "lose" of anything else ("lost two games", "lost money"): no closing.
_FACILITIES = re.compile(
    rf"(?:hospitals?|clinics?|schools?|librar(?:y|ies)|mines?|mills?|{_ESTABLISHMENTS})$",
    re.IGNORECASE,
)
_SAME_EVENT = (("lose", _FACILITIES, frozenset({"close", "shut", "close down", "shut down"})),)


def _same_event(claim: str) -> tuple[str, frozenset[str]] | None:
    """For a claim whose main verb states of its object an event another verb states too
    (:data:`_SAME_EVENT`): the verb's word (its first five letters, as the restatement compares
    words) and the other verbs' lemmas; else None."""
    sentence = next(iter(_parse(claim).sents), None)
    if sentence is None:
        return None
    root = sentence.root
    what = _argument(root, ("dobj",))
    if what is None:
        return None
    for lemma, objects, others in _SAME_EVENT:
        if _lemma(root) == lemma and objects.match(what.text):
            return root.lower_[:5], others
    return None


def negated_restatement(claim: str, passage: str, *, same_event: bool = False) -> bool:
    """Whether a sentence of ``passage`` restates the claim with its main verb negated: it holds
    every content word of the claim (compared by their first five letters) and negates the verb
    the claim asserts ("the MMR vaccine does not cause autism" for "The MMR vaccine causes
    autism."; "No American service members were in Aleppo" for "American service members were
    in Aleppo."). The claim itself is not negated. With ``same_event``, a verb that states the
    claim's event in other words (:data:`_SAME_EVENT`: "No other hospital in the county has
    closed since 2020" for "The county lost two hospitals since 2020.") stands for the claim's
    verb, in its words and negated."""
    verb = claim_verb(claim)
    words = {word[:5] for word in content_words(claim, acronyms=True)}
    if verb.lemma is None or verb.negated or not words:
        return False
    lemmas = {verb.lemma}
    other = _same_event(claim) if same_event else None
    if other is not None:
        word, others = other
        lemmas |= others
        words.discard(word)
    return any(
        words <= {token[:5] for token in tokenize(sentence)}
        and bool(lemmas & _negated_lemmas(sentence))
        for sentence in split_sentences(passage) or [passage]
    )


# Verbs that change an amount, by their direction: the rise / fall pair's and the ones that
# make something rise or fall ("raised its property tax rate", "cut the fare").
_UP_LEMMAS = frozenset({"raise", "hike", "boost", "lift", "increase"})
_DOWN_LEMMAS = frozenset({"lower", "cut", "reduce", "slash", "decrease"})
# Verbs that keep an amount as it is ("voted to keep the property tax rate at 1.12 percent").
_KEEP_LEMMAS = frozenset({"keep", "hold", "freeze", "maintain", "leave"})


def _change_sides() -> tuple[frozenset[str], frozenset[str]]:
    rises, falls = _outcome_words(frozenset())[0][_RISE_FALL]
    return rises | _UP_LEMMAS, falls | _DOWN_LEMMAS


@dataclass(frozen=True)
class _Unchanged:
    """A negated claim of change ("Riverton has not raised its property tax rate since 2020"):
    its direction's verbs, what it says did not change and the years it names."""

    verbs: frozenset[str]
    entity: _Entity
    years: frozenset[str]
    names: frozenset[str]


@lru_cache(maxsize=1024)
def _unchanged(claim: str) -> _Unchanged | None:
    """The claim's :class:`_Unchanged`, or None where its main verb is no negated change."""
    sentence = next(iter(_parse(claim).sents), None)
    if sentence is None or not _negated_token(sentence.root):
        return None
    root = sentence.root
    key = {_outcome_key(root), _lemma(root)}
    sides = [lemmas for lemmas in _change_sides() if key & lemmas]
    what = _argument(root, ("dobj", "nsubjpass")) or _argument(root, ("nsubj",))
    if len(sides) != 1 or what is None or what.pos_ not in ("NOUN", "PROPN"):
        return None
    return _Unchanged(sides[0], _entity(what), _years(claim), _proper_lemmas(claim))


def _changed_things(passage: str, verbs: frozenset[str]) -> list[tuple[Token, Token | None]]:
    """Each verb of ``verbs`` ``passage`` states, not negated, with what it changes (its object,
    else its subject), or None where the parse gives none."""
    found = []
    for token in _parse(passage):
        if token.pos_ != "VERB" or not {_outcome_key(token), _lemma(token)} & verbs:
            continue
        if _negated_token(token):
            continue
        found.append(
            (token, _argument(token, ("dobj", "nsubjpass")) or _argument(token, ("nsubj",)))
        )
    return found


def change_elsewhere(claim: str, passage: str) -> list[str]:
    """For a claim that something did not rise or fall ("Riverton has not raised its property
    tax rate"), the things ``passage`` says rose or fell that way, when each is another thing
    than the claim's ("property tax bills have still risen", "raised assessed values"): what
    the stance head reads as the claim's change, stated for other subjects; empty where any is
    the claim's or unread. Deep path."""
    unchanged = _unchanged(claim)
    if unchanged is None:
        return []
    found = []
    for verb, what in _changed_things(passage, unchanged.verbs):
        if what is None or what.pos_ not in ("NOUN", "PROPN"):
            return []
        entity = _entity(what)
        if entity.stand_in or _among(unchanged.entity.head, entity.kind | {entity.head}):
            return []
        found.append(f"{verb.text} {what.text}")
    return found


def kept_unchanged(claim: str, passage: str) -> list[str]:
    """For a claim that something did not rise or fall ("Riverton has not raised its property
    tax rate since 2020"), the sentences of ``passage`` that say it was kept as it was: a verb
    of keeping (keep, hold, freeze, maintain, leave; not negated) with the claim's thing as its
    object, saying which one it is (:func:`_says_which`), in a sentence naming each year the
    claim names ("to keep the property tax rate at 1.12 percent, the same rate it has set every
    year since 2020"), as "keep rate"; none where the passage also says it changed that way.
    Deep path."""
    unchanged = _unchanged(claim)
    if unchanged is None:
        return []
    for _, what in _changed_things(passage, unchanged.verbs):
        if what is not None and _among(unchanged.entity.head, {_lemma(what)}):
            return []
    found = []
    for token in _parse(passage):
        if token.pos_ != "VERB" or _lemma(token) not in _KEEP_LEMMAS or _negated_token(token):
            continue
        what = _argument(token, ("dobj", "nsubjpass"))
        if what is None or not _among(unchanged.entity.head, {_lemma(what)}):
            continue
        sentence = token.sent
        if unchanged.years - _years(sentence.text):
            continue
        said = frozenset(_lemma(t) for t in sentence if t.is_alpha)
        asked = {w for w in unchanged.entity.kind if w not in unchanged.names}
        if all(_among(w, said) for w in asked):
            found.append(f"{token.text} {what.text}")
    return found


# Who a count of people may be said to count either way ("lift 900,000 people" for "lift a
# million Americans"): a word that names no kind of people.
_ANY_PEOPLE = frozenset({"people", "person", "individual"})
# Words before a number that say how near its figure is ("over", "about", "at least", "an
# estimated"), read with it (:func:`veracity.corroborate.figures.figure_interval`).
_FIGURE_QUALIFIERS = frozenset(
    {"over", "under", "about", "around", "nearly", "almost", "roughly", "approximately", "some",
     "more", "less", "fewer", "than", "at", "least", "most", "up", "to", "as", "many", "no",
     "just", "close", "estimated", "an", "a", "upwards", "of", "in", "excess", "$", "£", "€"}
)  # fmt: skip
_FIGURE_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
# A figure written in digits or words, read before any parse ("900,000", "a million", "two").
_WRITTEN_FIGURE = re.compile(
    r"\d|\b(?:" + "|".join(SMALL_NUMBER_WORDS[2:]) + r"|dozen|hundred|thousand|[mbtr]illion)\b",
    re.IGNORECASE,
)
_MONTH_NAMES = frozenset(MONTHS)


@dataclass(frozen=True)
class _Figure:
    """A figure a text states and what it is a figure of: its interval, its unit (the counted
    noun, "percent", a measure's unit or "money"), the verb it is said with and its place
    there ("dobj", "prep:to"), that verb's other argument ("the unemployment rate" of "fell to
    3.9 percent") and whether the verb is negated."""

    text: str
    low: float
    high: float
    unit: str | None
    verb: str
    role: str
    other: _Entity | None
    negated: bool
    sentence: int
    when: frozenset[str]  # the years and months its sentence names
    measure_unit: bool = False  # its unit is one of measure ("20 cm"), not a counted noun


def _number_token(span: Span) -> Token | None:
    numbers = [t for t in span if t.like_num]
    return numbers[-1] if numbers else None


def _figure(span: Span) -> _Figure | None:
    """The :class:`_Figure` of one number entity of a parse, or None where no verb says what
    it counts (a figure in a noun phrase: "a $3 trillion bill")."""
    number = _number_token(span)
    if number is None:
        return None
    doc, start = span.doc, span.start
    while start > span.sent.start and doc[start - 1].lower_ in _FIGURE_QUALIFIERS:
        start -= 1
    # the longest run of those words that reads as one figure with it ("over a million", not
    # "to 3.9 percent")
    interval = None
    while interval is None and start <= span.start:
        interval = figure_interval(doc[start : span.end].text)
        start += interval is None
    if interval is None:
        return None
    while number.dep_ in ("compound", "quantmod", "nummod") and number.head.pos_ == "NUM":
        number = number.head  # "1.2" of "1.2 million"
    counted = number.head if number.dep_ in ("nummod", "quantmod", "compound") else None
    node = counted if counted is not None and counted.pos_ in ("NOUN", "PROPN") else number
    if span.label_ == "PERCENT":
        unit: str | None = "percent"
    elif span.label_ == "MONEY":
        unit = "money"
    elif span.label_ == "QUANTITY":
        unit = _lemma(span[-1])
    else:
        unit = _lemma(node) if node is not number else None
    if node.dep_ == "pobj" and node.head.dep_ == "prep":
        role, verb = f"prep:{node.head.lower_}", node.head.head
    else:
        role, verb = ("dobj" if node.dep_ == "nsubjpass" else node.dep_), node.head
    if verb.pos_ != "VERB" or (
        role not in ("dobj", "nsubj", "attr") and not role.startswith("prep")
    ):
        return None
    other_deps = ("dobj",) if role == "nsubj" else ("nsubj", "nsubjpass")
    other = _argument(verb, other_deps)
    if other is not None and (other is node or other.pos_ not in ("NOUN", "PROPN")):
        other = None
    when = frozenset(
        t.lower_
        for t in span.sent
        if t.ent_type_ == "DATE" and (_YEARS.fullmatch(t.text) or t.lower_ in _MONTH_NAMES)
    )
    return _Figure(
        doc[start : span.end].text,
        *interval,
        unit,
        _lemma(verb),
        role,
        _entity(other) if other is not None else None,
        _negated_token(verb),
        span.sent.start,
        when,
        span.label_ == "QUANTITY",
    )


@lru_cache(maxsize=4096)
def _figures(text: str) -> tuple[_Figure, ...]:
    """The figures ``text`` states with a verb (:class:`_Figure`), from its parse."""
    found = (_figure(e) for e in _parse(text).ents if e.label_ in _FIGURE_LABELS)
    return tuple(f for f in found if f is not None)


def _other_units(a: _Figure, b: _Figure) -> bool:
    """Whether two figures are of other units: both named, neither a count of people said as
    "people" (which may count any), and neither a form of the other ("council" / "councillor")."""
    return (
        a.unit is not None
        and b.unit is not None
        and not {a.unit, b.unit} & _ANY_PEOPLE
        and not _akin(a.unit, b.unit)
    )


def _same_quantity(
    claim: _Figure, passage: _Figure, claim_words: frozenset[str], passage_words: frozenset[str]
) -> bool:
    """Whether two figures count one thing: the same verb, in the same place ("lift a million
    Americans" / "lift 900,000 people out of poverty"), of the same unit (a count of people
    said as "people" may be of any), and that verb's other argument the same where both
    name it ("the national unemployment rate fell to 4.1 percent" for "the unemployment rate
    fell to 3.9 percent"; not "inflation fell to 2 percent")."""
    if claim.verb != passage.verb or claim.role != passage.role:
        return False
    if _other_units(claim, passage):
        return False
    if claim.other is None or passage.other is None:
        return True
    return _names_entity(claim.other, passage.other, claim_words, passage_words)


def contradicting_figures(claim: str, passage: str) -> list[str]:
    """:func:`_contradicting_figures` (cached: a passage meets several candidate rules)."""
    return list(_contradicting_figures(claim, passage))


@lru_cache(maxsize=8192)
def _contradicting_figures(claim: str, passage: str) -> tuple[str, ...]:
    """Each figure of the claim that ``passage`` gives otherwise for the same thing, as "claim
    figure / passage figure": a sentence states the same quantity (:func:`_same_quantity`) with
    a figure whose interval, qualifiers read ("over a million" is a million and up, "about
    900,000" 810,000 to 990,000, "3.9 percent" 3.85 to 3.95), does not meet the claim's, and no
    figure of the passage for it meets it. Not where the passage's verb is negated or its
    sentence names a year or month the claim does not (another time). Deep path (spaCy's
    CARDINAL, MONEY, PERCENT and QUANTITY entities of the parse)."""
    if not (_WRITTEN_FIGURE.search(claim) and _WRITTEN_FIGURE.search(passage)):
        return ()  # no parse where a text holds no figure: most passages
    claimed = [f for f in _figures(claim) if not f.negated]
    if not claimed:
        return ()
    _, claim_words = _read(claim)
    _, passage_words = _read(passage)
    given = [f for f in _figures(passage) if not f.negated]
    found = []
    for figure in claimed:
        same = [
            f
            for f in given
            if _same_quantity(figure, f, claim_words, passage_words) and not f.when - figure.when
        ]
        if same and not any(f.low <= figure.high and figure.low <= f.high for f in same):
            found.append(f"{figure.text} / {same[0].text}")
    return tuple(found)


# Where a figure is a level ("fell to 3.9 percent", "stood at 4 percent", "was 4 percent"): what
# a measure is at a place and time, which has one value; an amount of an event ("laid off 5,000
# workers in March") may be one of two that month.
_LEVEL_ROLES = frozenset({"prep:to", "prep:at", "attr"})


def same_measure_figures(claim: str, passage: str) -> list[str]:
    """:func:`_same_measure_figures` (cached)."""
    return list(_same_measure_figures(claim, passage))


@lru_cache(maxsize=8192)
def _same_measure_figures(claim: str, passage: str) -> tuple[str, ...]:
    """Each level of the claim (:data:`_LEVEL_ROLES`) that ``passage`` gives otherwise for the
    same measure, place and time, as "claim figure / passage figure": a figure said of the same
    quantity (:func:`_same_quantity`: verb, place in it, unit) whose measure both name with the same
    words each way ("Millbrook's unemployment rate" in claim and passage; not "the county's
    rate" for "the unemployment rate"), in a sentence that names every year and month the claim
    names (the claim must name one: a figure at no stated time may be another time's), with an
    interval that does not meet the claim's, where no figure of the passage for that quantity
    meets it. Such a passage states what the claim states with another figure: it refutes it.
    Narrower than :func:`contradicting_figures` (which reads a figure at no time against one at
    another, and a measure the passage names more narrowly)."""
    if not (_WRITTEN_FIGURE.search(claim) and _WRITTEN_FIGURE.search(passage)):
        return ()
    claimed = [
        f
        for f in _figures(claim)
        if not f.negated and f.other is not None and f.when and f.role in _LEVEL_ROLES
    ]
    if not claimed:
        return ()
    _, claim_words = _read(claim)
    _, passage_words = _read(passage)
    doc = _parse(passage)
    given = [f for f in _figures(passage) if not f.negated]
    found = []
    for figure in claimed:
        assert figure.other is not None
        quantity = [f for f in given if _same_quantity(figure, f, claim_words, passage_words)]
        if any(f.low <= figure.high and figure.low <= f.high for f in quantity):
            continue
        same = [
            f
            for f in quantity
            if f.other is not None
            and figure.when <= f.when
            and _names_entity(
                figure.other, f.other, claim_words, _sentence_words(doc[f.sentence].sent)
            )
            and all(_among(word, claim_words) for word in f.other.modifiers)
        ]
        if same:
            found.append(f"{figure.text} / {same[0].text}")
    return tuple(found)


def _sentence_words(sentence: Span) -> frozenset[str]:
    """The content words of one sentence of a parse, as :func:`_read` reads a text's."""
    return _read(sentence.text)[1]


def other_measures(claim: str, passage: str) -> list[str]:
    """:func:`_other_measures` (cached)."""
    return list(_other_measures(claim, passage))


@lru_cache(maxsize=8192)
def _other_measures(claim: str, passage: str) -> tuple[str, ...]:
    """The figures of the claim and the passage's, as "claim figures / passage figures", where
    the passage gives figures only of other measures than the claim's: none of its figures
    meets one of the claim's (any number entity of its parse, with a verb or not), and none
    said with a verb may count what a claim's figure counts (:func:`_may_measure`: "4,200 jobs"
    and "fell to 3.1 percent" of the unemployment rate). Such a passage is about another
    measure: what it shares with the claim is words, not the figure the claim states, so it
    cannot support it. Empty where either gives no figure with a verb."""
    if not (_WRITTEN_FIGURE.search(claim) and _WRITTEN_FIGURE.search(passage)):
        return ()
    claimed = [f for f in _figures(claim) if not f.negated]
    given = _figures(passage)
    if not claimed or not given:
        return ()
    numbers = [
        interval
        for e in _parse(passage).ents
        if e.label_ in _FIGURE_LABELS and (interval := figure_interval(e.text)) is not None
    ]
    if any(low <= f.high and f.low <= high for f in claimed for low, high in numbers):
        return ()
    _, claim_words = _read(claim)
    _, passage_words = _read(passage)
    if any(_may_measure(c, f, claim_words, passage_words) for c in claimed for f in given):
        return ()
    return (f"{', '.join(f.text for f in claimed)} / {', '.join(f.text for f in given)}",)


# Units that count no thing of their own: what such a figure measures is said by its verb's
# other argument ("the unemployment rate" of "fell to 3.1 percent").
_MEASURE_UNITS = frozenset({"percent", "money"})


def _may_measure(
    claim: _Figure, passage: _Figure, claim_words: frozenset[str], passage_words: frozenset[str]
) -> bool:
    """Whether ``passage``'s figure may count what ``claim``'s counts: the same unit (or one not
    known, or people of any kind; any two units of measure, "cm" / "inches", one being written
    in the other), and for a percentage or a sum, the same thing where both name it."""
    if claim.measure_unit and passage.measure_unit:
        return True
    if _other_units(claim, passage):
        return False
    if claim.unit in _MEASURE_UNITS and claim.other is not None and passage.other is not None:
        return _names_entity(claim.other, passage.other, claim_words, passage_words)
    return True


# How far apart two amounts of one change may be and still be the same figure to a
# fact-checker: "went up 18 percent" for "raised by an average of 17 percent" is the figure,
# rounded; "went up 40 percent" for "rose 3 percent" is not. The larger may be at most this
# much more than the smaller (each read as its interval).
CLOSE_CHANGE = 0.25


@dataclass(frozen=True)
class _Change:
    """A rise or fall a sentence states with its amount ("crime rose 3 percent", "prices rose
    by 5 percent"): its outcome (side of the rise / fall pair of :data:`OUTCOME_LEMMAS`),
    whether it is negated, what rose or fell, its amount's interval and text, and its
    sentence (start and the years it names)."""

    side: int
    negated: bool
    entity: _Entity
    low: float
    high: float
    text: str
    sentence: int
    years: frozenset[str]


_RISE_FALL = next(i for i, (_, first, _) in enumerate(OUTCOME_LEMMAS) if "rise" in first)


@lru_cache(maxsize=4096)
def _changes(text: str) -> tuple[_Change, ...]:
    """The rises and falls ``text`` states by a percentage, from its parse: a PERCENT figure
    that is the amount of an outcome verb of :data:`OUTCOME_LEMMAS`' rise / fall pair, said as
    its adverbial noun ("rose 3 percent", "went up 40 percent") or after "by" ("fell by 6
    percent"); a level ("rose to 4 percent") is a figure of :func:`_figures`, not a change."""
    if not _WRITTEN_FIGURE.search(text):
        return ()
    doc = _parse(text)
    rises, falls = _outcome_words(frozenset())[0][_RISE_FALL]
    found = []
    for span in doc.ents:
        if span.label_ != "PERCENT" or "point" in span.text.lower():
            continue
        noun = span.root
        if noun.dep_ == "npadvmod":
            verb = noun.head
        elif noun.dep_ == "pobj" and noun.head.lower_ == "by" and noun.head.dep_ == "prep":
            verb = noun.head.head
        else:
            if NOUN_CHANGES and (change := _noun_change(span)) is not None:
                found.append(change)
            continue
        if verb.pos_ != "VERB":
            continue
        keys = {_outcome_key(verb), _lemma(verb)}
        sides = [side for side, lemmas in enumerate((rises, falls)) if keys & lemmas]
        interval = figure_interval(span.text)
        if interval is None:
            continue
        obj = _argument(verb, ("dobj",))
        if (
            NOUN_CHANGES
            and obj is not None
            and obj.pos_ in ("NOUN", "PROPN")
            and not _quantity(obj)
            and _lemma(verb) in _UP_LEMMAS | _DOWN_LEMMAS
        ):
            # "raised water rates by 9 percent": the rise of what was raised
            side = 0 if _lemma(verb) in _UP_LEMMAS else 1
            found.append(
                _Change(
                    side,
                    _negated_token(verb),
                    _entity(obj),
                    *interval,
                    span.text,
                    verb.sent.start,
                    _years(verb.sent.text),
                )
            )
            continue
        if len(sides) != 1:
            continue
        sentence = (verb.sent.start, _years(verb.sent.text))
        event = _event(verb, _RISE_FALL, OUTCOME_LEMMAS[_RISE_FALL][0], sides[0], sentence)
        if event is None or event.entity is None or event.entity.stand_in:
            continue
        found.append(
            _Change(event.side, event.negated, event.entity, *interval, span.text, *sentence)
        )
    return tuple(found)


# Whether a rise or fall said by a noun of change with its amount ("approved a 6 percent
# increase in water rates"), or by a verb that makes one with its object ("raised water rates
# by 9 percent"), is read as a change (bench/noun_changes.py switches it).
NOUN_CHANGES = True
# Nouns of a rise or a fall, and the verbs under which such a change was not made (turned down,
# or only asked for, proposed or expected).
_RISE_NOUNS = frozenset({"increase", "rise", "hike", "jump", "gain", "growth", "boost"})
_FALL_NOUNS = frozenset({"decrease", "fall", "drop", "decline", "cut", "reduction"})
_UNMADE = frozenset(
    {
        "reject", "deny", "veto", "block", "oppose", "defeat", "scrap", "withdraw", "propose",
        "suggest", "consider", "seek", "request", "plan", "want", "debate", "discuss", "urge",
        "call", "demand", "ask", "fear", "predict", "expect", "forecast",
    }
)  # fmt: skip


def _noun_change(span: Span) -> _Change | None:
    """The rise or fall a PERCENT ``span`` gives as the amount of a noun of change, of what
    follows its "in" ("approved a 6 percent increase in water rates"), or None: negated where
    the verb it hangs on is negated or did not make it (:data:`_UNMADE`: "rejected a 9 percent
    increase"). Its years are those of its own phrase and of its verb's time phrases ("on
    Monday"), not of another object ("the first rise since 2019")."""
    noun = span.root
    if noun.dep_ not in ("compound", "amod", "nmod") or noun.head.pos_ != "NOUN":
        return None
    change = noun.head
    lemma = _lemma(change)
    side = 0 if lemma in _RISE_NOUNS else 1 if lemma in _FALL_NOUNS else None
    of = next((c for c in change.children if c.dep_ == "prep" and c.lower_ == "in"), None)
    thing = _argument(of, ("pobj",)) if of is not None else None
    interval = figure_interval(span.text)
    if side is None or thing is None or interval is None or thing.pos_ not in ("NOUN", "PROPN"):
        return None
    verb = change.head if change.dep_ in ("dobj", "nsubjpass", "nsubj") else None
    negated = _negated_token(change) or (
        verb is not None and (_negated_token(verb) or _lemma(verb) in _UNMADE)
    )
    said = [change, *(c for c in (verb.children if verb is not None else ()) if c.dep_ == "prep")]
    years = frozenset().union(*(_years(" ".join(t.text for t in t0.subtree)) for t0 in said))
    return _Change(side, negated, _entity(thing), *interval, span.text, change.sent.start, years)


def _close(a: _Change, b: _Change) -> bool:
    """Whether two amounts are one figure, rounded (:data:`CLOSE_CHANGE`)."""
    return _close_amounts((a.low, a.high), (b.low, b.high))


def _close_amounts(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two amounts, each an interval, are one figure, rounded (:data:`CLOSE_CHANGE`)."""
    return a[0] <= b[1] * (1 + CLOSE_CHANGE) and b[0] <= a[1] * (1 + CLOSE_CHANGE)


# Whether a claim's rise or fall said at no time at all (no date of any kind: "Property taxes
# rose 4 percent.") is held to a passage's change over the years it names ("the property tax
# levy rose 9 percent between 2021 and 2024"): probe s48 V1. Measured on development data by
# bench/untimed_change.py (docs/benchmarks.md, "A change said at no time against a change over
# named years"); off: a claim that names no time may be of another span than the passage's.
UNTIMED_CHANGES = False


def other_change(claim: str, passage: str) -> list[str]:
    """Each rise or fall the claim states by a percentage that a sentence of ``passage`` states
    the same way for the same subject (no word of the passage's saying it is another one, and
    the sentence saying which one the claim's is: :func:`_says_which`) by an amount far from
    the claim's, as "claim amount / passage amount" ("went up 40 percent" / "rose 3 percent"
    for overall crime): the passage gives the change, and the claim's figure is not it. Not
    where an amount the passage gives for it is close (:data:`CLOSE_CHANGE`: "18 percent" for
    "17 percent"), either is negated, the claim states both outcomes, or the passage's
    sentence names a year the claim does not (another time). Deep path."""
    claimed = [c for c in _changes(claim) if not c.negated]
    if not claimed or len({c.side for c in claimed}) > 1:
        return []
    _, claim_words = _read(claim)
    _, passage_words = _read(passage)
    names = _proper_lemmas(claim)
    claim_years = _years(claim)
    untimed = UNTIMED_CHANGES and not any(t.ent_type_ == "DATE" for t in _parse(claim))
    found = []
    for change in claimed:
        same = [
            c
            for c in _changes(passage)
            if not c.negated
            and c.side == change.side
            and (untimed or not c.years - claim_years)
            and _same_entity(change.entity, c.entity, claim_words, passage_words)
            and _says_which(change.entity, c, passage, names)
        ]
        if same and not any(_close(change, c) for c in same):
            found.append(f"{change.text} / {same[0].text}")
    return found


# The base year a claim's rise or fall is counted from ("fell by a third since 2019").
_SINCE_YEAR = re.compile(r"\b(?:since|from)\s+((?:1[89]|20)\d\d)\b", re.IGNORECASE)
# Nouns that name an amount as it stood in a year ("104 percent of its 2019 level").
_LEVEL_NOUNS = frozenset({"level", "mark", "total", "figure", "peak"})


# A rise or fall said as a share of what it was ("fell by a third", "rose by half", "cut by two
# thirds") or as one word ("halved": a fall; "double" is no verb of the rise / fall pair): its
# amount in percent.
_SHARES = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "tenth": 10.0}
_SHARE_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_SHARE_CHANGE = re.compile(
    r"\bby\s+(?:(a|an|one|two|three|four)[\s-]+)?(half|third|quarter|fifth|tenth)s?\b",
    re.IGNORECASE,
)
_HALVED = re.compile(r"\bhalved\b", re.IGNORECASE)


def _claimed_amount(claim: str) -> tuple[float, float] | None:
    """The amount of the one rise or fall ``claim`` states, in percent, as an interval: a
    percentage (:func:`_changes`: "fell 30 percent"), a share ("fell by a third": 33.3, "by two
    thirds", "by half") or "halved"; None where it states none or more than one."""
    amounts = [(c.low, c.high) for c in _changes(claim) if not c.negated]
    for match in _SHARE_CHANGE.finditer(claim):
        count = _SHARE_COUNTS[(match.group(1) or "a").lower()]
        value = count * _SHARES[match.group(2).lower()]
        amounts.append((value, value))
    amounts += [(50.0, 50.0)] * len(_HALVED.findall(claim))
    return amounts[0] if len(amounts) == 1 else None


def level_against_change(claim: str, passage: str, *, amounts: bool = False) -> list[str]:
    """Each rise or fall the claim states since a year ("Riverton's bus ridership fell by a third
    since 2019") that a sentence of ``passage`` contradicts by giving the amount as a percentage
    of its level in that year, for the claim's subject (matched as for a reversal, saying which
    one: :func:`_says_which`): at 100 percent or more for a fall, at 100 or less for a rise
    ("bus ridership reached 104 percent of its 2019 level"), as "claim word since year / passage
    figure"; none where the claim is negated or states both outcomes. With ``amounts``, a level
    on the claim's side of 100 too, where the change it is (100 less it: "92 percent of its 2019
    level" is down 8 percent) is far from the amount the claim gives (:func:`_claimed_amount`:
    "fell by a third" is 33 percent) as another amount is (:data:`CLOSE_CHANGE`). Deep path."""
    base = {m.group(1) for m in _SINCE_YEAR.finditer(claim)}
    if not base or not _WRITTEN_FIGURE.search(passage):
        return []
    events, claim_words = _read(claim)
    claimed = [
        e for e in events if e.pair == _RISE_FALL and e.entity is not None and not e.entity.stand_in
    ]
    if not claimed or any(e.negated for e in claimed) or len({e.side for e in claimed}) > 1:
        return []
    _, passage_words = _read(passage)
    names = _proper_lemmas(claim)
    amount = _claimed_amount(claim) if amounts else None
    doc = _parse(passage)
    found: list[str] = []
    for span in doc.ents:
        if span.label_ != "PERCENT" or "point" in span.text.lower():
            continue
        noun = span.root
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        level = _argument(of, ("pobj",)) if of is not None else None
        if level is None or _lemma(level) not in _LEVEL_NOUNS:
            continue
        if not {c.text for c in level.children} & base:
            continue
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        subject = _argument(verb, ("nsubj", "nsubjpass"))
        interval = figure_interval(span.text)
        if subject is None or subject.pos_ not in ("NOUN", "PROPN") or interval is None:
            continue
        said = _entity(subject)
        for event in claimed:
            assert event.entity is not None
            if not _same_entity(event.entity, said, claim_words, passage_words):
                continue
            stand_in = _Event("", subject.sent.start, _RISE_FALL, 0, False, said, None)
            if not _says_which(event.entity, stand_in, passage, names):
                continue
            low, high = interval
            year = sorted(base)[0]
            said_level = f"{event.word} since {year} / {span.text} of its {year} level"
            if (event.side == 1 and low >= 100) or (event.side == 0 and high <= 100):
                found.append(said_level)
                return found
            if amount is None:
                continue
            # The level said as the change it is (92 percent of the 2019 level: down 8
            # percent), then held to the claim's amount as another amount is (_close).
            given = (100 - high, 100 - low) if event.side == 1 else (low - 100, high - 100)
            if not _close_amounts(amount, given):
                change = abs(100 - (low + high) / 2)
                found.append(
                    f"{said_level}: {'down' if event.side == 1 else 'up'} {change:.0f} percent, "
                    f"not {(amount[0] + amount[1]) / 2:.0f}"
                )
                return found
    return found


def negated_event(claim: str, passage: str, *, reported: bool = False) -> list[str]:
    """:func:`_negated_event` (cached: a passage meets several candidate rules)."""
    return list(_negated_event(claim, passage, reported))


def _reported(token: Token, known: dict[int, bool] | None = None) -> bool:
    """Whether ``token``'s clause is what a word before it says: the complement of a verb of
    its sentence that comes first ("Trump has publicly said he has not made up his mind",
    "his position is that he has not ..."): someone's word, reported. A clause before its
    attribution ("The repairs were not cancelled, a city spokeswoman said") is the sentence's
    own statement, its source named after it.

    ``known`` (token index -> answer) keeps the answer for every token on the way up, so the
    verbs of one long sentence are read in linear time, not each up to the root again (a chain
    of 1,000 reported clauses cost 1.3 s, 2,000 four times that)."""
    known = {} if known is None else known
    passed: list[int] = []
    answer = False
    while token.dep_ != "ROOT" and token.head is not token:
        if token.i in known:
            answer = known[token.i]
            break
        passed.append(token.i)
        if token.dep_ == "ccomp" and token.head.i < token.i:
            answer = True
            break
        token = token.head
    known.update(dict.fromkeys(passed, answer))
    return answer


# Whether :func:`negated_event` reads each verb coordinated with the claim's main verb, not only
# the main one (probe s51's recount case: "... refused on Saturday to stop Okonjo from being sworn
# in, but it dismissed Lindqvist's election petition" against "The court did not dismiss Mr
# Lindqvist's election petition itself.").
NEGATED_CONJUNCTS = True


@lru_cache(maxsize=8192)
def _negated_event(claim: str, passage: str, reported: bool = False) -> tuple[str, ...]:
    """The claim's main verb, as "claim word = not passage word", where a sentence of
    ``passage`` negates that verb for the claim's subject ("The repairs were not cancelled"
    for "The bridge repairs were cancelled in May because the contractor went bankrupt"):
    the event the claim reports did not happen, whatever else the claim adds. Read from the
    parses: the verb by lemma, what it is about (its object, else its passive or active
    subject) matched as for a reversal (:func:`_same_entity`), plainly (outside a quotation,
    no doubt in the sentence), at no year the claim does not name, and not stated unnegated for
    it in the same sentence. Without ``reported``, not where the negated verb is only what
    another verb before it says (:func:`_reported`: "Trump has publicly said he has not made
    up his mind" for "Trump has made up his mind to withdraw ..., despite saying publicly he
    will decide next week": his public word, which the claim itself reports). With
    :data:`NEGATED_CONJUNCTS`, each verb joined to the main one is read so too ("The court
    refused to stop the swearing-in, but it dismissed the petition" against "The court did not
    dismiss the petition": a claim of two events is refuted where one of them did not happen).
    Empty for a negated claim, or one whose main word is no verb."""
    if _negated(tokenize(claim)) or not _negated(tokenize(passage)):
        return ()  # no parse where the passage negates nothing: most passages
    sentence = next(iter(_parse(claim).sents), None)
    if sentence is None:
        return ()
    root = sentence.root
    verbs = [root]
    if NEGATED_CONJUNCTS:
        verbs += [c for c in root.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    for verb in verbs:
        if found := _negated_claim_verb(verb, claim, passage, reported):
            return found
    return ()


def _negated_claim_verb(root: Token, claim: str, passage: str, reported: bool) -> tuple[str, ...]:
    """:func:`_negated_event` for one verb of the claim (``root``)."""
    about = _argument(root, ("dobj", "nsubjpass", "nsubj"))
    if root.pos_ != "VERB" or about is None or about.pos_ not in ("NOUN", "PROPN"):
        return ()
    claimed, lemma = _entity(about), _lemma(root)
    _, claim_words = _read(claim)
    _, passage_words = _read(passage)
    claim_years = _years(claim)
    known_reported: dict[int, bool] = {}  # :func:`_reported`'s answers, for the whole parse
    for said in _parse(passage).sents:
        _, own = quotation_parts(said.text)
        undated = " ".join(t.text for t in said if t.ent_type_ != "DATE")  # "in May": no "may"
        if DOUBT.search(undated) or _years(said.text) - claim_years:
            continue
        verbs = [t for t in said if t.pos_ == "VERB" and _lemma(t) == lemma]
        states = {
            _negated_token(t)
            for t in verbs
            if (noun := _argument(t, ("dobj", "nsubjpass", "nsubj"))) is not None
            and _same_entity(claimed, _entity(noun), claim_words, passage_words)
        }
        negated_verbs = [t for t in verbs if _negated_token(t)]
        # the sentence's own words (outside quotations), read once for all its verbs
        own_words = frozenset(tokenize(own)) if negated_verbs else frozenset()
        negated = next(
            (
                t
                for t in negated_verbs
                if t.lower_ in own_words and (reported or not _reported(t, known_reported))
            ),
            None,
        )
        if states == {True} and negated is not None:
            return (f"{root.lower_} = not {negated.lower_}",)
    return ()


def another_outcome(claim: str, passage: str, *, repeatable: bool = False) -> list[str]:
    """:func:`_another_outcome` (cached: a passage meets several candidate rules)."""
    return list(_another_outcome(claim, passage, repeatable))


@lru_cache(maxsize=8192)
def _another_outcome(claim: str, passage: str, repeatable: bool) -> tuple[str, ...]:
    """The claim's main verb and another outcome ``passage`` states for the claim's subject, as
    "claim word / passage word", where the passage never says the claim's verb: "Council
    approves Main Street bridge repairs" for "Bridge repairs cancelled" (an approval is another
    event of the repairs than their cancellation; it tells nothing of it). The outcome is one
    of :data:`OUTCOME_LEMMAS`, not negated, about what the claim's verb is about (its object,
    else its passive or active subject, named as :func:`agreeing_outcomes` names it: the
    passage may say more of it), and not the claim's own outcome said another way ("scrapped"
    for "rejected"). With ``repeatable``, only an outcome that one thing can have one after the
    other (:data:`_REPEATABLE_LEMMA_PAIRS`: approved, passed, opened, ...), an event at a time;
    a change in amount ("Arctic sea ice has declined" for "Arctic ice is melting") is often
    the claim's own said otherwise. Empty for a negated claim, or one whose main word is no
    verb."""
    sentence = next(iter(_parse(claim).sents), None)
    if sentence is None or _negated(tokenize(claim)):
        return ()
    root = sentence.root
    about = _argument(root, ("dobj", "nsubjpass", "nsubj"))
    if root.pos_ != "VERB" or about is None or about.pos_ not in ("NOUN", "PROPN"):
        return ()
    claimed, lemma = _entity(about), _lemma(root)
    if not _among(claimed.head, set(tokenize(passage))):
        return ()  # no parse where the passage never names the claim's subject
    claim_events, claim_words = _read(claim)
    own = {(e.pair, e.side) for e in claim_events if e.word.split()[0] == root.lower_}
    passage_events, passage_words = _read(passage)
    if _among(lemma, passage_words):
        return ()
    for event in passage_events:
        if (
            event.entity is not None
            and not event.negated
            and (event.pair, event.side) not in own
            and (not repeatable or event.pair in _REPEATABLE_LEMMA_PAIRS)
            and _names_entity(claimed, event.entity, claim_words, passage_words)
        ):
            return (f"{root.lower_} / {event.word}",)
    return ()


# Double quotation marks: curly ones say which way they face; a straight one closes a quotation
# when it follows a word or punctuation and is not followed by one ('... coverage." The'), else
# it opens one. Single marks are left alone (an apostrophe looks the same).
_OPENING_MARK = "\u201c\u201e"
_CLOSING_MARK = "\u201d"
_STRAIGHT_MARK = '"'


def _closes(text: str, at: int) -> bool:
    """Whether the straight double mark at ``text[at]`` closes a quotation."""
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def quotation_parts(text: str) -> tuple[str, str]:
    """(what ``text`` holds inside direct quotations, what it holds outside them), each joined
    by spaces. A passage cut from a document may start inside a quotation (a closing mark with
    no opening one before it: quoted from its start) or end inside one (an opening mark never
    closed: quoted to its end)."""
    inside, outside = [], []
    start, opened = 0, False
    for at, char in enumerate(text):
        if char in _OPENING_MARK or (char == _STRAIGHT_MARK and not _closes(text, at)):
            if not opened:
                outside.append(text[start:at])
                start, opened = at + 1, True
        elif char in _CLOSING_MARK or char == _STRAIGHT_MARK:
            # a closing mark with none open: the passage began inside the quotation
            inside.append(text[start:at])
            start, opened = at + 1, False
    (inside if opened else outside).append(text[start:])
    return " ".join(inside), " ".join(outside)


# What a quotation under scrutiny is quoted from: a post, tweet, message, headline, video or
# page that circulates, or a claim or rumour (not a person or a body, whose quoted words a
# report may rest on: "the IPCC concluded, 'It is extremely likely that ...'").
CIRCULATING = re.compile(
    r"\b(?:tweets?|tweeted|retweet\w*|posts?|posted|messages?|headlines?|captions?|videos?|"
    r"memes?|pages?|accounts?|flyers?|leaflets?|ads?|adverts?|advertisements?|websites?|"
    r"sites?|blogs?|chain|facebook|twitter|whatsapp|instagram|tiktok|youtube|telegram|"
    r"social\s+media|viral|shared|forwarded|circulat\w+|claims?|claimed|claiming|"
    r"rumou?rs?|hoax(?:es)?)\b",
    re.IGNORECASE,
)


def quotes_claim(
    claim: str, passage: str, *, min_coverage: float = 0.5, circulating: bool = False
) -> bool:
    """Whether ``passage`` restates the claim only inside a direct quotation: what it quotes
    holds at least ``min_coverage`` of the claim's content words (by their first five letters)
    and more of them than its own words outside the quotation do. Such a passage reports what
    someone said ('"Drinking bleach cures COVID-19 within days," the tweet reads.'): the words
    are the quoted speaker's, not the passage's, so they confirm nothing (a debunking report
    quotes the claim it debunks). With ``circulating``, the passage's own words must also say
    that what it quotes circulates or is a claim (:data:`CIRCULATING`: a tweet, a post, a
    headline, "the claim")."""
    words = {word[:5] for word in content_words(claim, acronyms=True)}
    if not words:
        return False
    quoted, unquoted = quotation_parts(passage)
    if not quoted.strip():
        return False

    def coverage(text: str) -> float:
        return len(words & {w[:5] for w in content_words(text, acronyms=True)}) / len(words)

    inside = coverage(quoted)
    if circulating and not CIRCULATING.search(unquoted):
        return False
    return inside >= min_coverage and inside > coverage(unquoted)


# Words that say when relative to the day a text is written ("last month", "on Friday", "this
# year", "yesterday"): a report written the month after says "in March" for a claim's "last
# month", so a passage cannot be asked to state them in the claim's words.
RELATIVE_TIME = frozenset(
    {
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "recently",
        "earlier",
        "ago",
        "past",
        "previous",
        "day",
        "days",
        "week",
        "weeks",
        "weekend",
        "month",
        "months",
        "year",
        "years",
        *WEEKDAYS,
    }
)


def plain_restatement(
    claim: str, passage: str, *, figures: bool = True, hearsay: bool = True
) -> bool:
    """Whether a sentence of ``passage`` states the claim in its own words, plainly: it holds
    every content word of the claim (by their first five letters; not those that say when
    relative to the day it was written, :data:`RELATIVE_TIME`: "last month" is a report's "in
    March") outside any quotation and, with ``figures``, every figure of the claim too (a claim
    without one is never restated so), with no negation, denial or doubt ("reportedly",
    "alleged", "may") in it ("The national unemployment rate fell to 3.9 percent in March, the
    Bureau of Labor Statistics reported" for "The unemployment rate fell to 3.9 percent in
    March."; "Employers added 196,000 jobs, more than economists had expected." for "Employers
    added 196,000 jobs last month"). Without ``hearsay``, not in a sentence that retells it
    from unnamed reports, sources or media (:data:`HEARSAY`)."""
    words = {word[:5] for word in content_words(claim, acronyms=True) if word not in RELATIVE_TIME}
    numbers = set(_NUMBER.findall(claim))
    if not words or (figures and not numbers):
        return False
    for sentence in split_sentences(passage) or [passage]:
        _, own = quotation_parts(sentence)
        tokens = tokenize(own)
        if (
            _holds_words(claim, words, own, {token[:5] for token in tokens})
            and (not figures or numbers <= set(_NUMBER.findall(own)))
            and not _negated(tokens)
            and not DENIAL.search(own)
            and not DOUBT.search(own)
            and (hearsay or not HEARSAY.search(own))
        ):
            return True
    return False


# Whether a claim's word that a sentence holds in another form, not by its first five letters
# ("tested" / "testing", "held" / "hold": probe s50 V5), is read as held by its lemma
# (:func:`plain_restatement`); only for at most :data:`_LEMMA_MISSING` such words, so that a
# sentence is parsed only where it holds nearly all of the claim already.
LEMMA_WORDS = True
_LEMMA_MISSING = 2


def _holds_words(claim: str, words: set[str], sentence: str, held: set[str]) -> bool:
    """Whether ``sentence`` (its words' first five letters ``held``) holds each of the claim's
    content words ``words`` (their first five letters): as written or, with :data:`LEMMA_WORDS`,
    by the lemma of the claim's word among the sentence's lemmas."""
    missing = words - held
    if not missing:
        return True
    if not LEMMA_WORDS or len(missing) > _LEMMA_MISSING:
        return False
    found = {_lemma(token) for token in _parse(sentence)}
    return missing <= {t.lower_[:5] for t in _parse(claim) if t.is_alpha and _lemma(t) in found}


# Who a sentence retells its words from where it names no one: unnamed reports, sources or
# media ("Reports Monday said that ...", "several media outlets reported Monday", "according
# to sources", "a high-ranking source tells the Cape Cod Times that ..."): a rumour's words.
HEARSAY = re.compile(
    r"\b(?:reports?|media|outlets?|sources?)(?:\s+[\w'’-]+){0,2}?\s+"
    r"(?:say|says|said|report|reports|reported|tell|tells|told|claim|claims|claimed)\b"
    r"|\baccording\s+to\s+(?:[\w'’-]+\s+){0,3}?(?:reports?|sources?|media)\b",
    re.IGNORECASE,
)


def _subject(claim: str, findings: bool = False) -> list[Token]:
    sentence = next(iter(_parse(claim).sents), None)
    if sentence is None:
        return []
    subject = _argument(sentence.root, ("nsubj", "nsubjpass"))
    words = [] if subject is None else list(subject.subtree)
    if findings:
        for clause in (c for c in sentence.root.children if c.dep_ == "ccomp"):
            if (reported := _argument(clause, ("nsubj", "nsubjpass"))) is not None:
                words.extend(reported.subtree)
    return words


def claim_subject(claim: str, findings: bool = False) -> str:
    """The words of what ``claim`` is about: the subject of its parse's main verb ("" when it
    has none); with ``findings``, also the subject of the clause that verb reports ("increased
    CO2 levels" of "observations show that increased CO2 levels will cause ...")."""
    runs: list[list[Token]] = []  # as written: each run of words, without the commas closing it
    for token in _subject(claim, findings):
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    return ", ".join(
        text
        for run in runs
        if (text := "".join(t.text_with_ws for t in run).strip().strip(",;:").strip())
    )


def names_subject(claim: str, passage: str, findings: bool = False) -> bool:
    """Whether ``passage`` names what ``claim`` is about: a word of its subject
    (:func:`claim_subject`, with ``findings`` as there; by their first five letters, stop words
    aside). True where the claim has no subject to name."""
    words = {t.lower_[:5] for t in _subject(claim, findings) if t.is_alpha and not t.is_stop}
    return not words or bool(words & {token[:5] for token in tokenize(passage)})


def has_figures(claim: str) -> bool:
    """Whether ``claim`` holds a figure written in digits."""
    return bool(_NUMBER.search(claim))


def states_plainly(claim: str, passage: str) -> bool:
    """Whether a sentence of ``passage`` states ``claim`` in its own voice: for a claim with
    figures, :func:`plain_restatement` with them; for one without, a claim that states
    something (a verb in its parse, not a topic such as "Giant Crab") and a sentence that holds
    its every content word plainly, not retold from unnamed reports or sources
    ("Patients who took hydroxychloroquine were more likely to die in the hospital, the
    researchers found." for the claim without its attribution; not "Reports said that ..."),
    with the claim's verbs as verbs ("A photograph of a giant crab ... was shared" holds the
    words of "A giant crab has been photographed", not its event)."""
    if has_figures(claim):
        return plain_restatement(claim, passage, figures=True)
    verbs = {_lemma(token) for token in _parse(claim) if token.pos_ == "VERB"}
    if not verbs and not any(token.pos_ == "AUX" for token in _parse(claim)):
        return False
    return plain_restatement(claim, passage, figures=False, hearsay=False) and verbs <= {
        _lemma(token) for token in _parse(passage) if token.pos_ in ("VERB", "AUX")
    }


# Verbs by which a claim says that someone said something ("Hillary Clinton called the TPP the
# gold standard", "the minister said ...", "Trump praised ..."): what is claimed is the saying.
SPEECH_VERBS = frozenset(
    {
        "say", "call", "claim", "describe", "praise", "tell", "state", "declare", "admit",
        "tweet", "write", "promise", "vow", "insist", "argue", "brand", "label", "dub", "hail",
        "announce", "pledge", "boast", "predict", "suggest", "warn", "deny",
    }
)  # fmt: skip


def _speaker(claim: str) -> frozenset[str]:
    """The names of who a claim says said something: the proper nouns of its main verb's
    subject where that verb is one of :data:`SPEECH_VERBS` and not negated (empty otherwise)."""
    sentence = next(iter(_parse(claim).sents), None)
    if sentence is None:
        return frozenset()
    root = sentence.root
    if root.pos_ != "VERB" or _lemma(root) not in SPEECH_VERBS or _negated_token(root):
        return frozenset()
    subject = _argument(root, _SUBJECT_DEPS)
    if subject is None:
        return frozenset()
    return frozenset(t.lower_ for t in subject.subtree if t.pos_ == "PROPN" and len(t.text) > 1)


def reports_speaker_saying(claim: str, passage: str, *, min_said: float = 0.5) -> str | None:
    """Who, when ``claim`` says that someone said something (:data:`SPEECH_VERBS`, a named
    speaker) and a sentence of ``passage`` has that speaker, named, as the subject of a verb of
    saying that is not negated ('Clinton said, "TPP sets the gold standard ..."', 'Hillary
    called the TPP scheme the "gold standard"'), with at least ``min_said`` of what the claim
    says was said (its other content words, by lemma) in that verb's clause: the passage reports
    the saying the claim is about, whatever its document argues of what was said; returned as
    written ("Clinton said"). None otherwise."""
    speaker = _speaker(claim)
    if not speaker:
        return None
    said = {
        _lemma(t)
        for t in _parse(claim)
        if t.is_alpha
        and not t.is_stop
        and t.lower_ not in speaker
        and _lemma(t) not in SPEECH_VERBS
    }
    for token in _parse(passage):
        if token.pos_ != "VERB" or _lemma(token) not in SPEECH_VERBS or _negated_token(token):
            continue
        subject = _argument(token, _SUBJECT_DEPS)
        if subject is None or not speaker & {t.lower_ for t in subject.subtree}:
            continue
        # what the speaker said there holds most of what the claim says was said
        words = {_lemma(t) for t in token.subtree if t.is_alpha}
        if said and len(said & words) >= min_said * len(said):
            return f"{subject.text} {token.text}"
    return None


# Verbs by which a passage puts a claim in someone's mouth as a hope, a push or a guess, not a
# finding: "promoting the use of hydroxychloroquine to treat COVID-19", "a drug that Trump has
# suggested as a treatment" (probe s44).
ADVOCACY_VERBS = frozenset(
    {
        "promote", "suggest", "tout", "push", "claim", "allege", "speculate", "hail",
        "advocate", "champion",
    }
)  # fmt: skip
# Of those, the verbs a finding shares ("ice core data suggests that ..."): advocacy only with a
# person, a group or a pronoun for one as their subject.
_ADVOCATE_ONLY_WITH_PERSON = frozenset({"suggest"})
_PERSONAL_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they"})


def _advocates(verb: Token) -> bool:
    """Whether ``verb`` (one of :data:`ADVOCACY_VERBS`) pushes what follows: not negated, and
    for one a finding shares, said by a person or a group."""
    if _negated_token(verb):
        return False
    if _lemma(verb) not in _ADVOCATE_ONLY_WITH_PERSON:
        return True
    subject = _argument(verb, _SUBJECT_DEPS)
    return subject is not None and (
        subject.ent_type_ in ("PERSON", "ORG", "NORP")
        or subject.pos_ == "PROPN"
        or subject.lower_ in _PERSONAL_PRONOUNS
    )


def _only_inside(
    claim_words: set[str], passage: str, governs: Callable[[Token], bool]
) -> list[str]:
    """The passage's sentences that bear on the claim (two or more of ``claim_words``, or all of
    a claim's one), where each holds those words only inside the clauses of verbs ``governs``
    accepts (the verb's subject and a clause joined to it left out: "..., and a study found
    that ..."): outside them fewer of the claim's words than make it bear. Empty where one
    bearing sentence states the claim's words outside them or holds no such verb, or where none
    bears. What :func:`only_advocated` and :func:`only_cautioned` read."""
    least = min(2, len(claim_words))
    found = []
    for sentence in split_sentences(passage) or [passage]:
        if len(claim_words & content_words(sentence)) < least:
            continue
        inside: set[int] = set()
        for token in _parse(sentence):
            if token.pos_ != "VERB" or not governs(token):
                continue
            left_out = [c for c in token.children if c.dep_ in ("conj", "cc", *_SUBJECT_DEPS)]
            inside |= {t.i for t in token.subtree} - {
                t.i for child in left_out for t in child.subtree
            }
        if not inside:
            return []
        outside = " ".join(t.text for t in _parse(sentence) if t.i not in inside)
        if len(claim_words & content_words(outside)) >= least:
            return []
        found.append(sentence.strip())
    return found


def only_advocated(claim: str, passage: str) -> list[str]:
    """The passage's sentences that bear on the claim (two or more of its content words, or all
    of a claim's one), where each holds the claim's words only inside what someone promotes,
    suggests, touts or claims (:data:`ADVOCACY_VERBS`, :func:`_advocates`): outside
    those verbs' clauses (their subjects aside) fewer of the claim's words than make it bear
    ("... a microbiologist posted a video promoting the use of hydroxychloroquine to treat
    COVID-19" for "Hydroxychloroquine cures COVID-19."). Such a passage reports the claim
    pushed, not found. Empty where one bearing sentence states the claim's words outside them,
    where none bears, or where the claim is itself about a saying (:func:`_speaker`) or an
    advocacy."""
    claim_words = content_words(claim)
    if not claim_words or _speaker(claim):
        return []
    if any(_lemma(t) in ADVOCACY_VERBS for t in _parse(claim)):
        return []
    return _only_inside(
        claim_words, passage, lambda t: _lemma(t) in ADVOCACY_VERBS and _advocates(t)
    )


# A regulator's or a maker's leave for a thing to be sold or used: a claim whose main verb, or its
# object, is one of these says the thing was authorised ("The FDA issued an emergency
# authorization for hydroxychloroquine", "The EU approved the vaccine").
PERMISSION_LEMMAS = frozenset(
    {
        "authorize", "authorise", "authorization", "authorisation", "approve", "approval",
        "license", "licence", "licensing", "permit", "permission", "clearance",
    }
)  # fmt: skip
# Verbs of cautioning: what they govern says how a thing should (not) be used, not whether it
# was allowed ("The FDA has cautioned that hydroxychloroquine should be limited to people in
# clinical trials").
CAUTION_VERBS = frozenset({"caution", "warn", "advise", "urge", "recommend"})


def _permission_claim(claim: str) -> bool:
    """Whether ``claim``'s main verb, or its object, is a leave for a thing
    (:data:`PERMISSION_LEMMAS`: "issued an emergency authorization", "approved")."""
    sentence = next(iter(_parse(claim).sents), None)
    if sentence is None:
        return False
    root = sentence.root
    thing = _argument(root, ("dobj", "nsubjpass"))
    return any(word is not None and _lemma(word) in PERMISSION_LEMMAS for word in (root, thing))


def only_cautioned(claim: str, passage: str) -> list[str]:
    """For a claim that a thing was authorised or approved (:func:`_permission_claim`), the
    passage's sentences that bear on it (two or more of its content words, or all of a claim's
    one), where each holds the claim's words only inside what someone cautions, warns, advises,
    urges or recommends (:data:`CAUTION_VERBS`, not negated; their subjects aside): "The FDA
    has cautioned that hydroxychloroquine should be limited to people in clinical trials ..."
    for "The FDA issued an emergency authorization for hydroxychloroquine in late March." A
    caution about a thing says how it should be used, which neither states nor denies that it
    was allowed. Empty where the passage names a leave itself (any word of
    :data:`PERMISSION_LEMMAS`: "warned that the authorization was revoked" is about it), where
    one bearing sentence states the claim's words outside a caution, or where none bears."""
    claim_words = content_words(claim)
    if not claim_words or not _permission_claim(claim):
        return []
    if any(
        _lemma(t) in PERMISSION_LEMMAS or t.lower_ in PERMISSION_LEMMAS for t in _parse(passage)
    ):
        return []
    return _only_inside(
        claim_words,
        passage,
        lambda t: _lemma(t) in CAUTION_VERBS and not _negated_token(t),
    )


# Who says the claim, at its end (", the health department said on Monday.", ", officials told
# reporters.", ", according to the police.", ", council records show.") or its start
# ("According to the WHO, ..."): the attribution, not what is claimed.
_REPORTING = (
    r"(?:said|says|say|reports|announces|confirms|wrote|shows?|showed|"
    r"told\s+(?:\w+\s+){0,2}?\w+|"
    # a participle in a headline's capitals is no reporting verb ("April Launch Confirmed")
    r"(?-i:reported|announced|stated|confirmed|added|noted))"
)
_WHEN = r"(?:\s+(?:on|in|at|late|early|this|last|earlier|yesterday|today)\b[^,.;:!?\"]{0,40})?"
_TRAILING_ATTRIBUTION = re.compile(
    rf",\s+(?:(?:[\w'’.&-]+\s+){{0,7}}?[\w'’.&-]+\s+{_REPORTING}{_WHEN}"
    rf"|according\s+to\s+[^,;:!?\"]{{1,80}}?)\s*[.!]?\s*$",
    re.IGNORECASE,
)
_LEADING_ATTRIBUTION = re.compile(r"^\s*according\s+to\s+[^,;:!?\"]{1,80},\s+", re.IGNORECASE)
# Who says it before what they say: "Councillor Ann Hayes said on Monday that ...", "Her
# challenger, Maria Reyes, said crime went up ...", "Hayes also said the bridge ...": a speaker
# of up to six words (an apposition between commas among them; no relative clause: "The
# company, which reported losses, said ..." is the company's claim), a reporting verb, when,
# and "that"; or "said" / "says" and the said clause itself ("The plan, officials said, would
# cut costs": no clause follows; "said to show": no saying).
_SPEAKER = r"^\s*(?:(?!(?:which|who|whom|that)\b)[\w'’.&-]+,?\s+){1,6}?(?:also\s+|later\s+)?"
_SAID_WHEN = r"(?:\s+(?:on|in|at|this|last|earlier|yesterday|today)\b(?:\s+[\w'’-]+){0,4}?)?"
_LEADING_SAYING = re.compile(
    _SPEAKER
    + r"(?:(?-i:said|says|say|claimed|stated|argued|insisted|added|"
    + r"told\s+(?:\w+\s+){0,2}?\w+)"
    + _SAID_WHEN
    + r"\s+that\s+|(?-i:said|says|say)\s+(?!(?:that|to|so|it|in|on|at)\b)(?=[\w\"“]))",
    re.IGNORECASE,
)
# A quotation and who said it after it: '"The Lakeside hospital closed last year," Reyes told
# supporters.' (the comma inside the quotation marks).
_QUOTED_THEN_SPEAKER = re.compile(
    r"^\s*[\"“‘'](?P<said>[^\"“”]{3,}?),[\"”’']\s+(?:[\w'’.&-]+\s+){0,7}?[\w'’.&-]+\s+"
    rf"{_REPORTING}{_WHEN}\s*[.!]?\s*$",
    re.IGNORECASE,
)
# What the speaker called what they said, after it: "..., figures she called proof that her
# budget worked.", "..., a gain the mayor hailed as historic.", "..., which he described as a
# turning point." (a noun of one or two words, or "which" / "what", then who calls it, up to
# three words, and a verb that names or judges a thing, with its subject in the parse; not
# "called for", "called on"; not a thing's name, "..., forming mounds called 'pingoes'"). It
# says how the speaker weighs the claim, which no passage states: not what is claimed.
_CALLING = (
    r"(?:called|calls|described|describes|dubbed|dubs|hailed|hails|termed|terms|touted|touts|"
    r"labell?ed|branded|praised|derided|dismissed|deemed)"
)
_DETERMINER = r"(?:a|an|the|these|those|such)"
# What opens no noun phrase: a conjunction ("..., but a process called marine ice-sheet
# instabilities"), a participle ("..., forming mounds called 'pingoes'": what a thing is named).
_NOT_A_NOUN = r"(?:and|but|or|yet|so|nor|\w+ing|\w+ed)\b"
_TRAILING_COMMENT = re.compile(
    rf",\s+(?:which|what|(?:{_DETERMINER}\s+)?(?!{_DETERMINER}\b|{_NOT_A_NOUN})[\w'’-]+"
    r"(?:\s+[\w'’-]+)?)"
    rf"\s+(?:[\w'’.-]+\s+){{0,2}}?(?!(?:which|that|who)\b)[\w'’.-]+\s+(?:also\s+)?"
    rf"(?P<verb>{_CALLING})\s+(?!(?:for|on|off|in|up|out|back)\b)[^;]+$",
    re.IGNORECASE,
)
# What others made of the claim, after it: "..., which health officials denied.", "..., which
# the company disputes." (stop 48's second fact-checker case): "which", who, up to three words,
# and a verb that disputes what was said, ending the sentence. It reports another side's answer,
# which is no part of what is claimed: left on, its denial word turns the claim into one that
# reports a denial, and a passage denying the claim reads as one restating it.
_DISPUTING = r"(?:denied|denies|disputed|disputes|contested|contests)"
_TRAILING_DISPUTE = re.compile(
    r",\s+which\s+(?:[\w'’.-]+\s+){1,3}?(?:also\s+|have\s+|has\s+|had\s+)?"
    rf"(?P<verb>{_DISPUTING})\s*[.!?]?\s*$",
    re.IGNORECASE,
)
# Quotation marks left around what was said once its speaker is taken off.
_SAID_MARKS = "\"“”'‘’ "
_MIN_CLAIM_WORDS = 3


def _said_by_someone(called: re.Match[str]) -> bool:
    """Whether the calling verb of a :data:`_TRAILING_COMMENT` match has a subject in the parse:
    someone calls the thing so ("figures she called proof"), where a thing named ("mounds
    called 'pingoes'") has none."""
    doc = _parse(called.string)
    verb = next((t for t in doc if t.idx == called.start("verb")), None)
    return verb is not None and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def without_attribution(
    claim: str, *, saying: bool = True, comment: bool = True, disputed: bool = True
) -> str:
    """``claim`` without who says it: a reporting clause at its end ("..., the health
    department said on Monday.", "..., officials told reporters.", "..., according to the
    police.", after a quotation too: '"The hospital closed," Reyes told supporters.') or an
    "According to ..." at its start; with ``saying``, also a speaker and a reporting verb at
    its start ("Councillor Ann Hayes said on Monday that ...", "Hayes also said ...":
    :data:`_LEADING_SAYING`); with ``comment``, what the speaker called it after it ("...,
    figures she called proof that her budget worked.": :data:`_TRAILING_COMMENT`); with
    ``disputed``, what others answered to it ("..., which officials denied.":
    :data:`_TRAILING_DISPUTE`). What is
    claimed is what the passages must state; a passage that restates it need not name the
    claim's source, nor weigh it as the speaker did. A claim whose rest would hold under three
    words, or one that is all attribution, is kept whole."""
    stated = _TRAILING_ATTRIBUTION.sub(".", claim.strip(), count=1)
    if comment and (called := _TRAILING_COMMENT.search(stated)) and _said_by_someone(called):
        stated = stated[: called.start()] + "."
    elif disputed and (answered := _TRAILING_DISPUTE.search(stated)) and _said_by_someone(answered):
        stated = stated[: answered.start()] + "."
    stated = _LEADING_ATTRIBUTION.sub("", stated, count=1)
    if saying and (quoted := _QUOTED_THEN_SPEAKER.match(stated)):
        stated = quoted["said"].strip() + "."
    elif saying and (speaker := _LEADING_SAYING.match(stated)):
        stated = stated[speaker.end() :].strip(_SAID_MARKS)
    if stated == claim.strip():
        return claim
    if stated[:1].islower():
        stated = stated[0].upper() + stated[1:]
    if len(content_words(stated)) < _MIN_CLAIM_WORDS - 1 or len(stated.split()) < _MIN_CLAIM_WORDS:
        return claim
    return stated


def _holds(outer: str, inner: str) -> bool:
    """Whether place ``outer`` is or holds ``inner`` (the nation holds each state)."""
    return outer == inner or (outer == NATIONAL and inner.startswith("state:"))


# Where a claim's nationality words (:data:`~veracity.nlp.demonyms.DEMONYMS`: "Syrian" in
# "killed in Syrian airstrike") count among its places: "beside" the places it names, only where
# it names one; "any", also where it names none ("Syrian refugees ..."); None, never.
Nationalities = Literal["beside", "any"]


def other_places(claim: str, passage: str, nationalities: Nationalities | None = None) -> list[str]:
    """The places ``passage`` names (GPE entities of its parse) that are none of the claim's, nor
    hold or lie in one of them, where the passage names none of the claim's places: it reports
    its event for another place ("Early voting in Ohio ..." for "Early voting ... in Florida").
    Empty (left alone) where the claim names no place, or where a place of the claim's or of the
    passage's is one whose extent is not known (:func:`~veracity.nlp.places.place_of`: a city may
    lie in the claim's state). ``nationalities``: the claim's nationality words read as its
    places too (:data:`Nationalities`; a NORP entity of the parse, "Syrian" or "Syrians")."""
    return list(_other_places(claim, passage, nationalities))


def claim_places(claim: str, nationalities: Nationalities | None = None) -> list[str]:
    """The names of the places ``claim`` names (GPE entities of its parse), and with
    ``nationalities`` the places its nationality words name (:data:`Nationalities`)."""
    doc = _parse(claim)
    named = [e.text for e in doc.ents if e.label_ == "GPE"]
    if nationalities == "any" or (nationalities == "beside" and named):
        for entity in doc.ents:
            word = re.sub(r"^the\s+", "", entity.text, flags=re.IGNORECASE)
            place = DEMONYMS.get(word) or DEMONYMS.get(word.removesuffix("s"))
            if entity.label_ == "NORP" and place is not None and place not in named:
                named.append(place)
    return named


@lru_cache(maxsize=4096)
def _other_places(claim: str, passage: str, nationalities: Nationalities | None) -> tuple[str, ...]:
    claimed = claim_places(claim, nationalities)
    if not claimed:
        return ()
    wanted = [place_of(name) for name in claimed]
    if None in wanted:
        return ()
    named = [e.text for e in _parse(passage).ents if e.label_ == "GPE"]
    places = [place_of(name) for name in named]
    if None in places:
        return ()
    other: list[str] = []
    for name, place in zip(named, places, strict=True):
        assert place is not None
        if any(_holds(c, place) or _holds(place, c) for c in wanted if c is not None):
            return ()  # it names one of the claim's places (or one that holds it, or lies in it)
        if name not in other:
            other.append(name)
    return tuple(other)


# What may close a question after its mark: quotes and brackets ('... COVID-19?"').
_CLOSERS = "\"'”’)]» "


def _asks(sentence: str) -> bool:
    return sentence.rstrip(_CLOSERS).endswith("?")


# A sentence that answers the question before it: it opens with an answer's label or a yes or a
# no ("Answer: It's not.", "No, it does not.", "Not so."), or says what the answer is ("For the
# models on Apple's current Edition page, the answer is about half an ounce").
_ANSWERS = re.compile(
    r"^\W*(?:(?:the\s+)?(?:short\s+|simple\s+)?answer\s*[:\-–—]|a\s*:|(?:yes|no|nope|yep)\b"
    r"\s*[,.!;:\-–—]|not\b)|\bthe\s+(?:short\s+|simple\s+|real\s+)?answers?\s+(?:is|are|was)\b",
    re.IGNORECASE,
)


def only_asks(claim: str, passage: str) -> list[str]:
    """The passage's sentences that bear on the claim (they share at least two of its content
    words, or all of a claim's one) where each of them asks, stays unanswered and none states:
    "Can hydroxychloroquine prevent COVID-19? President Trump thinks maybe." for
    "Hydroxychloroquine cures COVID-19." (probe s44). A question states nothing, so such a
    passage takes no side. Empty where one of them states (a question and its answer: "Does it
    work? It cures COVID-19, the study found."), where a question is answered by the sentence
    after it ("... shut down Beats Music? Answer: It's not.") or ends the passage (its answer may
    open the next one: "How much actual gold will be in the Apple Watch Edition?" before "...
    the answer is about half an ounce"), where none bears on the claim, or where the claim
    itself holds a question mark anywhere ("Apple to shut down Beats Music? Not so Apple says":
    a claim that asks is never held to it). A question is a sentence that ends in a question
    mark (quotes or brackets may close it); an interrogative clause without one is not read."""
    if "?" in claim:
        return []
    claim_words = content_words(claim)
    if not claim_words:
        return []
    least = min(2, len(claim_words))
    sentences = [sentence.strip() for sentence in split_sentences(passage) or [passage]]
    bearing = [i for i, s in enumerate(sentences) if len(claim_words & content_words(s)) >= least]
    if not bearing or not all(_asks(sentences[i]) for i in bearing):
        return []
    if any(i + 1 == len(sentences) or _ANSWERS.search(sentences[i + 1]) for i in bearing):
        return []
    return [sentences[i] for i in bearing]


def retracted_wording(claim: str, passage: str, *, min_coverage: float = 0.5) -> list[str]:
    """The passage's sentences that its own text takes back (a correction notice's "An earlier
    version of this story said ...", a published report the next sentence disowns: "That report
    was wrong and we retract it.": :func:`~veracity.nlp.corrections.retracted_sentences`) where
    they hold at least ``min_coverage`` of the claim's content words (by their first five
    letters) and more of them than the passage's other sentences do: the passage states the claim
    only in wording it says was wrong (probe s50 V1, V2). Empty otherwise."""
    words = {word[:5] for word in content_words(claim, acronyms=True)}
    if not words:
        return []
    sentences = [s.strip() for s in split_sentences(passage) if s.strip()] or [passage]
    taken_back = retracted_sentences(sentences)
    if not any(taken_back):
        return []

    def coverage(texts: list[str]) -> float:
        said = {w[:5] for text in texts for w in content_words(text, acronyms=True)}
        return len(words & said) / len(words)

    retracted = [s for s, back in zip(sentences, taken_back, strict=True) if back]
    inside = coverage(retracted)
    outside = coverage([s for s, back in zip(sentences, taken_back, strict=True) if not back])
    return retracted if inside >= min_coverage and inside > outside else []


# Words that make a measure or a status one that holds until something is decided: "has been
# provisionally suspended", "a temporary ban", "an interim order".
_PROVISIONAL = frozenset(
    {"provisionally", "provisional", "temporarily", "temporary", "interim", "preliminarily"}
)


def provisional_outcome(claim: str, passage: str) -> list[str]:
    """ "claim verb / passage words" where ``passage`` states, for the one the claim's main verb
    is about (its subject, passive or active, named by a noun of the passage's argument), only a
    provisional measure with another verb ("Tomas Reyvik has been provisionally suspended" for
    "Reyvik has been banned for four years.": probe s50 V3): a status that holds until a ruling
    is not the claim's outcome, so the passage never supports it. Empty where the claim itself
    says provisional, where the passage states the claim's verb as a verb, or where the claim's
    main word is no verb."""
    claim_tokens = tokenize(claim)
    if _PROVISIONAL & set(claim_tokens) or _negated(claim_tokens):
        return []
    sentence = next(iter(_parse(claim).sents), None)
    if sentence is None or sentence.root.pos_ != "VERB":
        return []
    root = sentence.root
    subject = _argument(root, _SUBJECT_DEPS)
    if subject is None:
        return []
    names = {t.lower_ for t in subject.subtree if t.pos_ in ("PROPN", "NOUN")}
    lemma, found = _lemma(root), []
    for token in _parse(passage):
        if token.pos_ != "VERB":
            continue
        if _lemma(token) == lemma and token.dep_ != "amod":
            return []  # the passage states the claim's own verb (not "the banned drug")
        provisional = [c.lower_ for c in token.children if c.lower_ in _PROVISIONAL]
        arguments = [c for c in token.children if c.dep_ in ("nsubjpass", "nsubj", "dobj")]
        if provisional and any(names & {t.lower_ for t in a.subtree} for a in arguments):
            found.append(f"{root.lower_} / {' '.join(provisional)} {token.lower_}")
    return found


def stated_beside_denial(claim: str, passage: str) -> bool:
    """Whether ``passage`` states the claim whole in a sentence of its own beside an explicit
    denial of something that shares only part of it: every content word of the claim in one
    sentence with no denial and no negation, while what each denial denies
    (:func:`denied_spans`) holds neither all of them nor the claim's predicate (its main verb,
    or what its copula says of the subject). "Marsh denied reports that the outbreak was caused
    by the city's water supply. "The water supply is safe."" denies the water's role, not "the
    water supply is safe" (stop 48's second fact-checker case); "The bureau denied that the
    unemployment rate fell." denies "The unemployment rate fell to 3.9 percent in March."."""
    claim_words = content_words(claim, acronyms=True)
    if not claim_words or DENIAL.search(claim):
        return False
    sentences = [s for s in split_sentences(passage) if s.strip()] or [passage]
    spans = [(s, denied_spans(s)) for s in sentences]
    denied = [span for _, found in spans for span in found]
    if not denied or any(_coverage(claim_words, span, acronyms=True) >= 1 for span in denied):
        return False
    predicate = _predicate_words(claim)
    if not predicate or any(predicate & set(tokenize(span)) for span in denied):
        return False
    return any(
        not found
        and not DENIAL.search(sentence)
        and not _negated(tokenize(_NOT_NEGATING.sub(" ", sentence)))
        and _coverage(claim_words, sentence, acronyms=True) >= 1
        for sentence, found in spans
    )


# The parts of what a claim's verb says of its subject that a passage's verb must hold too.
_COMPLEMENT_DEPS = frozenset({"attr", "acomp", "dobj", "oprd"})
# A noun that only says which of its head's kind is meant ("Electoral" Board, "city" council):
# the passage may name the head alone, as its document's own context does.
_NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})


def stated_beside_negation(claim: str, passage: str) -> bool:
    """:func:`_stated_beside_negation` (cached)."""
    return _stated_beside_negation(claim, passage)


@lru_cache(maxsize=8192)
def _stated_beside_negation(claim: str, passage: str) -> bool:
    """Whether ``passage`` states the claim's predicate un-negated for its subject in a sentence
    whose only negations negate other verbs: the claim's main verb (its lemma, with each of its
    complements: "remains chair"), finite, without a negation of its own, in a sentence with no
    explicit denial, where every negated verb is another verb and reaches the claim's verb at
    most through "and" ("Ms Marsh has not resigned and remains chair of the Board." for
    "Helen Marsh remains chair of the Electoral Board."), its subject (or its conjunct's) one of
    the claim's subject's words. The sentence holds each head noun of the claim's predicate
    ("chair", "board"; not their modifiers: "the Board" for "the Electoral Board") and each of
    its figures. "She did not resign or remain chair" (a bare verb after the negation), "He
    does not think she remains chair" (under the negated verb) and "... remains chair of the
    Finance Committee" (another predicate) do not state it."""
    if DENIAL.search(claim) or claim_verb(claim).negated:
        return False
    sentence = next(iter(_parse(claim).sents), None)
    if sentence is None or sentence.root.pos_ not in ("VERB", "AUX"):
        return False
    root = sentence.root
    lemma = _lemma(root)
    complements = {_lemma(c) for c in root.children if c.dep_ in _COMPLEMENT_DEPS}
    subject = _argument(root, _SUBJECT_DEPS)
    if subject is None:
        return False
    subject_words = {_lemma(t) for t in subject.subtree if t.pos_ in ("NOUN", "PROPN")}
    if not subject_words:
        return False
    in_subject = {t.i for t in subject.subtree}
    predicate_nouns = {
        _lemma(t)
        for t in sentence
        if t.i not in in_subject
        and t.pos_ in ("NOUN", "PROPN")
        and t.dep_ not in _NOUN_MODIFIER_DEPS
    }
    figures = set(_NUMBER.findall(sentence.text))
    for passage_sentence in _parse(passage).sents:
        if DENIAL.search(passage_sentence.text) or not (
            predicate_nouns <= {_lemma(t) for t in passage_sentence}
            and figures <= set(_NUMBER.findall(passage_sentence.text))
        ):
            continue
        negated = [t for t in passage_sentence if _negated_token(t) or _no_subject(t)]
        if not negated:
            continue
        negated_at = {n.i for n in negated}
        for verb in passage_sentence:
            # finite (FINITE_TAGS): a negation on the verb before "and" does not reach a
            # finite verb after it ("has not resigned and remains chair"), as it reaches a bare
            # one ("did not resign or remain")
            if (
                _lemma(verb) != lemma
                or verb.tag_ not in FINITE_TAGS
                or verb.i in negated_at
                or not complements <= {_lemma(c) for c in verb.children}
            ):
                continue
            if any(_lemma(n) == lemma or not _reached_by_and(verb, n) for n in negated):
                continue
            head = verb
            while _argument(head, _SUBJECT_DEPS) is None and head.dep_ == "conj":
                head = head.head
            said_of = _argument(head, _SUBJECT_DEPS)
            if said_of is not None and subject_words & {
                _lemma(t) for t in said_of.subtree if t.pos_ in ("NOUN", "PROPN")
            }:
                return True
    return False


def _reached_by_and(verb: Token, negated: Token) -> bool:
    """Whether the negated verb's negation leaves ``verb`` alone: ``verb`` is not under it, or
    only as a conjunct joined by "and" / "but"."""
    # spaCy makes a new Token at each step: tokens are compared by their index, not identity.
    token = verb
    while token.head.i != token.i and token.i != negated.i:
        token = token.head
    if token.i != negated.i:
        return True  # not under the negated verb at all
    token = verb
    while token.i != negated.i:
        if token.dep_ != "conj" or not any(
            c.dep_ == "cc" and c.lower_ in ("and", "but") for c in token.head.children
        ):
            return False
        token = token.head
    return True


def _predicate_words(claim: str) -> set[str]:
    """The words of what ``claim`` says of its subject, as written: its main verb, or for a
    copula ("is", "was") the adjective or noun it attributes ("safe" of "The water supply is
    safe."); empty where the parse finds none."""
    doc = _parse(claim)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return set()
    if root.lemma_ != "be":
        return {root.text.lower()}
    return {c.text.lower() for c in root.children if c.dep_ in ("acomp", "attr")}


# Subordinating words that give what a claim's event followed from or was caused by ("recalled
# the formula after babies fell ill", "resigned because the audit found ..."): the clause they
# open is a second statement of the claim's, with its own subject and verb.
REASON_MARKS = frozenset({"after", "because", "since", "when", "before"})
_CLAUSE_CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB", "NUM"})


def unstated_reasons(claim: str, passage: str) -> list[str]:
    """:func:`_unstated_reasons` (cached)."""
    return list(_unstated_reasons(claim, passage))


@lru_cache(maxsize=8192)
def _unstated_reasons(claim: str, passage: str) -> tuple[str, ...]:
    """The claim's clauses of reason or occasion that ``passage`` says nothing of: a clause
    under the claim's main verb (the parse's ``advcl``) opened by one of :data:`REASON_MARKS`,
    with a subject of its own ("after babies fell ill": "babies"), none of whose content words
    (nouns, names, adjectives, verbs, numbers; a word's forms alike, :func:`_akin`) the passage
    holds. A passage that states the claim's event without it confirms half of the claim: the
    other half ("babies fell ill"), a statement of its own, is not in it."""
    sentence = next(iter(_parse(claim).sents), None)
    if sentence is None:
        return ()
    passage_lemmas = _read(passage)[1]
    passage_words = {t.lower() for t in _WORD.findall(passage.lower())}
    unstated = []
    for clause in sentence.root.children:
        if clause.dep_ != "advcl" or clause.pos_ not in ("VERB", "AUX"):
            continue
        marks = [c for c in clause.children if c.dep_ == "mark"]
        if not marks or marks[0].lower_ not in REASON_MARKS:
            continue
        if _argument(clause, _SUBJECT_DEPS) is None:
            continue
        words = [
            t
            for t in clause.subtree
            if t.pos_ in _CLAUSE_CONTENT_POS and not t.is_stop and (t.is_alpha or t.like_num)
        ]
        if not words:
            continue
        if any(_among(_lemma(t), passage_lemmas) or t.lower_ in passage_words for t in words):
            continue
        unstated.append(sentence.doc[clause.left_edge.i : clause.right_edge.i + 1].text)
    return tuple(unstated)


# The arguments of a claim's main verb that name what the claim is about or when, not what it
# says of it: its subject, and its clauses of reason or occasion (:func:`unstated_reasons`).
_NOT_PREDICATE_DEPS = frozenset(
    {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "advcl", "punct", "mark", "aux", "auxpass"}
)


def unstated_predicate(claim: str, passage: str, *, plain: bool = False) -> list[str]:
    """:func:`_unstated_predicate` (cached); with ``plain``, empty too where the passage holds a
    denial (:data:`DENIAL`) or a negation: it may deny what the claim says in words of its own."""
    if plain and (DENIAL.search(passage) or _negated(tokenize(_NOT_NEGATING.sub(" ", passage)))):
        return []
    return list(_unstated_predicate(claim, passage))


@lru_cache(maxsize=8192)
def _unstated_predicate(claim: str, passage: str) -> tuple[str, ...]:
    """The content words of what ``claim`` says of its subject, where ``passage`` holds none of
    them; empty where it holds one, or where the claim has no verb for its main word (a headline
    of nouns) or no such word. What the claim says of its subject: its main verb (a verb or an
    auxiliary) with everything under it except its subject and its clauses of reason or
    occasion (:data:`_NOT_PREDICATE_DEPS`); its content words: nouns, names, adjectives, verbs
    and numbers that are no stop words (so not "be", "have", "show", "make"), a word's forms
    alike (:func:`_akin`). "... the council's environmental health team took air quality
    readings in the streets around Harlow Road" names what "Air quality readings near the
    factory showed toxic levels of smoke." is about and says nothing of what they showed
    (probe s49 V2): it holds none of "toxic", "levels", "smoke"."""
    sentence = next(iter(_parse(claim).sents), None)
    if sentence is None or sentence.root.pos_ not in ("VERB", "AUX"):
        return ()
    root = sentence.root
    kept = [root] + [
        t for child in root.children if child.dep_ not in _NOT_PREDICATE_DEPS for t in child.subtree
    ]
    words = [
        t
        for t in kept
        if t.pos_ in _CLAUSE_CONTENT_POS and not t.is_stop and (t.is_alpha or t.like_num)
    ]
    if not words:
        return ()
    passage_lemmas = _read(passage)[1]
    passage_words = {t.lower() for t in _WORD.findall(passage.lower())}
    if any(_among(_lemma(t), passage_lemmas) or t.lower_ in passage_words for t in words):
        return ()
    return tuple(dict.fromkeys(t.text for t in sorted(words, key=lambda t: t.i)))


# Verbs that take a result away from the one who had it, or undo a decision (probe s50 V4: "the
# organisers have ... disqualified him from the results of stage 3" read as support for "Reyvik won
# the overall Tour of Denmark.").
TAKEN_AWAY_LEMMAS = frozenset(
    {
        "disqualify",
        "strip",
        "annul",
        "overturn",
        "vacate",
        "revoke",
        "rescind",
        "void",
        "nullify",
        "quash",
        "invalidate",
    }
)
# What a contest, a race, a vote or an award gives its subject: the outcomes those verbs take away.
CONTEST_OUTCOME_LEMMAS = frozenset(
    {
        "win",
        "clinch",
        "capture",
        "secure",
        "earn",
        "finish",
        "place",
        "come",
        "take",
        "claim",
        "set",
        "break",
        "qualify",
        "elect",
        "award",
        "gain",
    }
)
_THIRD_PERSON = frozenset({"he", "him", "his", "she", "her", "they", "them", "their"})
_NAMED_ONES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _subject_names(root: Token) -> frozenset[str]:
    """The lower-cased nouns and names of the subject of ``root`` (a claim's main verb)."""
    subject = _argument(root, _SUBJECT_DEPS)
    if subject is None:
        return frozenset()
    return frozenset(t.lower_ for t in subject.subtree if t.pos_ in ("PROPN", "NOUN"))


def _claim_root(claim: str) -> Token | None:
    """The main verb of ``claim``'s first sentence, or None where its main word is no verb."""
    sentence = next(iter(_parse(claim).sents), None)
    if sentence is None or sentence.root.pos_ != "VERB":
        return None
    return sentence.root


def taken_away_outcome(claim: str, passage: str) -> list[str]:
    """ "claim verb / passage words" where ``passage`` takes the outcome of a contest, a vote or an
    award (:data:`CONTEST_OUTCOME_LEMMAS`: won, finished, was elected, was awarded) away from the
    one the claim's main verb is about, or undoes it (:data:`TAKEN_AWAY_LEMMAS`: "disqualified him
    from the results of stage 3", "was stripped of his title", "his election was annulled"; the
    one named by a noun of the claim's subject in the verb's argument, or by a pronoun where the
    passage names the subject elsewhere): a result taken away is not the claim's result standing
    (probe s50 V4), so the passage never supports it. Empty where the claim itself says one of
    those verbs, where it is negated, or where its main word is no verb or another one."""
    claim_tokens = tokenize(claim)
    if _negated(claim_tokens):
        return []
    return list(_taken_away_outcome(claim, passage))


@lru_cache(maxsize=8192)
def _taken_away_outcome(claim: str, passage: str) -> tuple[str, ...]:
    root = _claim_root(claim)
    if root is None or _lemma(root) not in CONTEST_OUTCOME_LEMMAS:
        return ()
    if any(_lemma(t) in TAKEN_AWAY_LEMMAS for t in _parse(claim)):
        return ()
    names = _subject_names(root)
    if not names:
        return ()
    doc = _parse(passage)
    # a pronoun stands for the subject only where the subject is someone named ("him" for
    # "Reyvik"), and the passage names them
    subject = _argument(root, _SUBJECT_DEPS)
    named = {
        t.lower_
        for t in (subject.subtree if subject is not None else ())
        if t.pos_ == "PROPN" or t.ent_type_ in _NAMED_ONES
    }
    found = []
    for token in doc:
        if token.pos_ != "VERB" or _lemma(token) not in TAKEN_AWAY_LEMMAS or _negated_token(token):
            continue
        arguments = [c for c in token.children if c.dep_ in ("nsubjpass", "dobj")]
        for argument in arguments:
            words = {t.lower_ for t in argument.subtree}
            pronouns = [t for t in argument.subtree if t.lower_ in _THIRD_PERSON]
            if names & words or (pronouns and _stands_for(pronouns[0], named)):
                found.append(f"{root.lower_} / {token.lower_} {argument.lower_}")
                break
    return tuple(found)


def _stands_for(pronoun: Token, named: set[str]) -> bool:
    """Whether the last one named before ``pronoun`` in its text (a person's, an organisation's
    or a place's name) is one of ``named``: "Following the suspension of Tomas Reyvik, the
    organisers disqualified him" (him: Reyvik), not "Claes" named after it."""
    before = [
        t
        for t in pronoun.doc[: pronoun.i]
        if t.ent_type_ in ("PERSON", "ORG") and t.pos_ == "PROPN"
    ]
    return bool(before) and before[-1].lower_ in named


# The verbs that give a rank in a contest ("finished 14th", "came second", "placed third"); "won"
# is the first place.
_RANK_LEMMAS = frozenset({"finish", "place", "come", "end"})
_ORDINAL_WORDS = {
    word: rank
    for rank, word in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ],
        start=1,
    )
}
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_PLACE_NOUNS = frozenset({"place", "position", "spot"})


def _ordinal(token: Token) -> int | None:
    if match := _ORDINAL.match(token.lower_):
        return int(match.group(1))
    return _ORDINAL_WORDS.get(token.lower_)


def _rank(verb: Token) -> tuple[int, Token] | None:
    """The place ``verb`` gives its subject ("finished 14th": 14, "came in second place": 2,
    "won": 1), with the word that says it; None where it gives none. An ordinal of what was won
    ("won his second title") is a count, not a place."""
    if _negated_token(verb):
        return None
    if _lemma(verb) == "win":
        return 1, verb
    for token in verb.children:
        if token.dep_ in _SUBJECT_DEPS:
            continue
        if (rank := _ordinal(token)) is not None:
            return rank, token
        # "second overall": the ordinal under the verb's adverb
        if token.dep_ in ("advmod", "npadvmod"):
            for modifier in token.children:
                if (rank := _ordinal(modifier)) is not None:
                    return rank, modifier
        # "in second place", "in 14th position"
        for noun in (c for c in token.children if c.dep_ == "pobj") if token.dep_ == "prep" else ():
            if noun.lemma_ in _PLACE_NOUNS:
                for modifier in noun.children:
                    if (rank := _ordinal(modifier)) is not None:
                        return rank, modifier
    return None


def other_rank(claim: str, passage: str, lead: str | None = None) -> list[str]:
    """ "claim rank / passage rank" where ``passage`` gives the one the claim's main verb is about
    (a noun of the claim's subject in the passage verb's subject) another place in the same
    contest than the claim does: "Reyvik finished 14th overall." for "Reyvik won the overall Tour
    of Denmark." (probe s50 V4), "came second in the 100 metres" for "won the 100 metres". The
    same contest: every common word the claim says of it ("overall", "stage", "3", "metres") is
    in the passage's sentence, and every name ("Tour", "Denmark") in the passage or in ``lead``
    (its document's opening). Empty where the claim gives no place ("won", "finished 14th",
    "came second") or names no contest, or either is negated."""
    return list(_other_rank(claim, passage, lead or ""))


@lru_cache(maxsize=8192)
def _other_rank(claim: str, passage: str, lead: str) -> tuple[str, ...]:
    root = _claim_root(claim)
    if root is None or (_lemma(root) not in _RANK_LEMMAS and _lemma(root) != "win"):
        return ()
    claimed = _rank(root)
    names = _subject_names(root)
    if claimed is None or not names:
        return ()
    subject = _argument(root, _SUBJECT_DEPS)
    skip = {t.i for t in subject.subtree} if subject is not None else set()
    skip.add(claimed[1].i)
    contest = [
        t
        for t in root.subtree
        if t.i not in skip
        and t is not root
        and t.pos_ in ("NOUN", "PROPN", "ADJ", "ADV", "NUM")
        and t.lower_ not in ENGLISH_STOP_WORDS
    ]
    if not contest:
        return ()
    common = {t.lower_ for t in contest if t.pos_ != "PROPN"}
    proper = {t.lower_ for t in contest if t.pos_ == "PROPN"}
    everywhere = set(tokenize(f"{lead}\n{passage}"))
    if proper - everywhere:
        return ()
    found = []
    for sentence in _parse(passage).sents:
        words = {t.lower_ for t in sentence}
        if common - words:
            continue
        for verb in sentence:
            if verb.pos_ != "VERB" or (_lemma(verb) not in _RANK_LEMMAS and _lemma(verb) != "win"):
                continue
            said = _argument(verb, _SUBJECT_DEPS)
            if said is None or not names & {t.lower_ for t in said.subtree}:
                continue
            rank = _rank(verb)
            if rank is not None and rank[0] != claimed[0]:
                found.append(f"{claimed[1].lower_} / {verb.lower_} {rank[1].lower_}")
    return tuple(found)
