"""Loaded language: emotionally charged words that push the reader's feelings, not facts.

"Horrific", "evil", "disgraceful", "thugs", "slams", "utterly disgusting": a word chosen for
its emotional punch. Intensities come from the VADER sentiment lexicon (human ratings from
-4 to +4), looked up by lower-cased form and, on the deep path, also by spaCy lemma. VADER's
list is corrected by news annotated for loaded language (``loaded_lexicon``, learned from the
PTC corpus): moderately rated words that PTC's annotators mark as loaded are added ("farce",
"ridiculous", "phony"), and strong words that news uses plainly are dropped ("felony",
"supreme", "violating"). Only VADER's negative words count: strong praise in news is mostly
plain ("optimism", "hero", "champion"), and positive hype ("bombshell", "jaw-dropping") is in
the curated list. A small
curated list adds loaded and derogatory words VADER rates low or lacks (headline verbs like
"slams", political slurs like "thugs", "regime", "sheeple").

Not every strong VADER word is loaded: a neutral report still says "killed", "war", "cancer",
"award" or "friends". Words that name events, or are everyday warm words ("good", "like",
"love", "best", "support", "help"), are excluded; what remains is evaluative wording whose
strength is the writer's choice. Adjacent hits (and a VADER booster such as "utterly" before
one) merge into one span whose weight grows with intensity.

Words inside a quotation of four or more words are skipped: they are a named speaker's words,
which the outlet reports rather than chooses. Short scare quotes ("'flirty' friendship") are
kept, since putting a word in quotes is itself a loaded choice.

On the deep path a sentence head (:mod:`veracity.signals.sentence_heads`: MiniLM sentence
vectors, a logistic head learned from the development part of the hand-labelled sentences)
also flags body sentences of the writer's own wording that pass judgement without a listed
word ("The media of course is lapping this up"), when no listed word in them was flagged, and
drops a listed word in a sentence it reads as plain reporting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer

from veracity.nlp import AnalysedText, Sentence
from veracity.report.schema import Signal, SignalKind
from veracity.signals.loaded_lexicon import load_loaded_lexicon
from veracity.signals.registry import make_signal, register
from veracity.signals.rhetorical_question import (
    in_regions,
    quoted_regions,
    speech_regions,
    text_sentences,
)
from veracity.signals.sentence_heads import (
    head_detector,
    head_gate,
    head_threshold,
    score_sentences,
)

NAME = "loaded_language"

MIN_INTENSITY = 2.5  # |VADER valence| at which a word counts as strongly charged
# Hits separated only by spaces, a comma or a conjunction ("vile and corrupt") merge.
JOINING_GAP = re.compile(r"^[\s,]*(?:(?:and|or|but|yet)[\s,]+)?$", re.IGNORECASE)
MIN_SPEECH_WORDS = 4  # quotes this long are someone's speech, not the writer's wording
MIN_HEAD_WORDS = 5  # shorter body sentences (datelines, captions) are not given to the head
# A verb that reports what someone called a thing, within a few words before a short quote:
# "describing the storm's impact as a 'catastrophe'", "called the inquiry a 'sham'".
_NAMING_VERB = re.compile(
    r"\b(?:call(?:s|ed|ing)?|describ(?:e|es|ed|ing)|term(?:s|ed)?|dub(?:s|bed)?"
    r"|label(?:s|led|ed|ling|ing)?|characteri[sz](?:e|es|ed|ing))\b(?:\W+\w+){0,6}\W*$"
)
_MIN_ROOT = 4
_INFLECTION_SUFFIXES = ("ies", "ied", "ing", "es", "ed", "s")
_DERIVATION_SUFFIXES = (
    "isation", "ization", "ation", "ities", "ity", "ion", "ive", "ist", "ism", "ers", "er",
    "or", "ous", "ful", "al", "ic", "ment", "ize", "ise", "y",
)  # fmt: skip
# A short quotation's opening mark lies this close before a word inside it (three words at
# most); its marks are :func:`quoted_regions`' double ones.
_SHORT_QUOTE_REACH = 60
_QUOTE_MARK = re.compile(r"[\"“”«„]")

# Loaded or derogatory words VADER lacks or rates below MIN_INTENSITY (valence on VADER's scale).
CURATED: dict[str, float] = {
    **dict.fromkeys(["slams", "slammed", "slamming", "blasts", "blasted", "rips", "ripped"], -2.6),
    **dict.fromkeys(["destroys", "destroyed", "eviscerates", "obliterates", "annihilates"], -2.8),
    **dict.fromkeys(["thug", "thugs", "traitor", "traitors", "treasonous", "lunatic"], -3.0),
    **dict.fromkeys(["lunatics", "unhinged", "deranged", "psychopath", "idiot", "idiots"], -3.0),
    **dict.fromkeys(["moron", "morons", "imbecile", "scum", "vermin", "savages", "savage"], -3.2),
    **dict.fromkeys(
        ["sheeple", "libtard", "libtards", "snowflakes", "feminazi", "globalist"], -3.0
    ),
    **dict.fromkeys(["regime", "puppet", "puppets", "propaganda", "brainwashed", "hoax"], -2.6),
    **dict.fromkeys(["sham", "scam", "rigged", "crooked", "corrupt", "disgraceful"], -2.7),
    **dict.fromkeys(["shameful", "despicable", "vile", "heinous", "pathetic", "outrageous"], -2.8),
    **dict.fromkeys(["meltdown", "hysterical", "hysteria", "tirade", "rant", "diatribe"], -2.5),
    **dict.fromkeys(["liar", "liars", "lying", "outrage", "outraged", "stupid", "radical"], -2.5),
    **dict.fromkeys(["disgusting", "disgusted", "disgust", "repugnant", "abhorrent"], -2.7),
    **dict.fromkeys(["extremist", "extremists", "fanatic", "fanatics", "jihadi", "jihadis"], -2.6),
    # Hype: a positive valence, explained as playing the story up. A curated valence keeps the
    # sign of VADER's human rating where VADER rates the word (it sets only the strength):
    # "stunning" (VADER +1.6) listed as negative explained "The actress looked stunning" as
    # "strongly negative words" (probe s51 S1); "insane" (VADER -1.7) is a negative word.
    **dict.fromkeys(["bombshell", "explosive", "jaw-dropping", "mind-blowing", "stunning"], 2.6),
    **dict.fromkeys(["shocking", "shocked", "stunned", "devastating", "chilling", "insane"], -2.6),
    **dict.fromkeys(["heartbreaking", "horrifying", "terrifying", "sickening", "appalling"], -3.0),
    **dict.fromkeys(["furious", "fuming", "seething", "livid", "enraged", "slaughter"], -2.7),
    **dict.fromkeys(["massacre", "massacred", "butchered", "butcher", "bloodbath"], -3.2),
    # Speech cast as childish or animal noise: derision in place of a report of what was said.
    **dict.fromkeys(["whine", "whines", "whined", "whining", "whiny", "whiner", "whiners"], -2.5),
    **dict.fromkeys(["whinge", "whinges", "whinging", "screeching", "screeched", "bleating"], -2.5),
    **dict.fromkeys(["spew", "spews", "spewed", "spewing", "blathering", "yapping"], -2.5),
    **dict.fromkeys(["drivel", "claptrap", "gibberish", "babbling", "caterwauling"], -2.5),
}

# A headline verb of attack in its physical sense, told by the word after it: a car "slammed
# into" a crowd, a door "slammed shut", a storm "ripped through" the island, a rocket "blasted
# off". "ripped into" and "ripped off" stay loaded: in news they mostly criticise and cheat.
_PHYSICAL_SENSE: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        ["slams", "slammed", "slamming"], frozenset(["into", "onto", "against", "shut", "down"])
    ),
    **dict.fromkeys(["blasts", "blasted"], frozenset(["off", "open", "through", "out"])),
    **dict.fromkeys(["rips", "ripped"], frozenset(["through", "out", "open"])),
}
# The head of a noun compound that names the work, money or body dealing with the thing: a
# charged noun before it ("disaster relief", "disaster aid", "anger management") names a
# field, not the writer's feeling. An adjective or participle before one still judges ("pathetic
# victims", "destroyed aid"): words of those endings are no such noun. "response" is no head:
# "a harsh response", an adjective no ending tells, is as common as "disaster response".
_COMPOUND_HEADS = frozenset(
    [
        "relief", "aid", "assistance", "recovery", "preparedness", "management", "insurance",
        "fund", "funds", "funding", "agency", "agencies", "services",
        "declaration", "declarations", "loan", "loans", "survivors", "victims", "prevention",
        "hotline", "zone", "zones",
    ]
)  # fmt: skip
_MODIFIER_ENDINGS = (
    "ed", "ing", "est", "al", "ic", "ate", "ous", "ful", "ive", "ible", "able", "ish", "less",
    "ly", "ant", "ent", "ist",
)  # fmt: skip


def _plain_sense(word: str, following: str | None) -> bool:
    """Whether a charged word is used in a plain sense the word after it shows: a verb of
    attack's physical one ("slammed into"), or a noun naming the field of a compound
    ("disaster relief")."""
    if following is None:
        return False
    if following in _PHYSICAL_SENSE.get(word, ()):
        return True
    if following not in _COMPOUND_HEADS or word.endswith(_MODIFIER_ENDINGS):
        return False
    return not word.endswith("y") or word.endswith("ty")


# Strong in VADER but ordinary in news: they name events or everyday warm feelings, so a
# neutral report uses them too.
ORDINARY = frozenset(
    [
        "good",
        "like",
        "likes",
        "liked",
        "love",
        "loves",
        "loved",
        "loving",
        "lovely",
        "best",
        "better",
        "great",
        "happy",
        "happiness",
        "kind",
        "support",
        "supports",
        "supported",
        "help",
        "helps",
        "helped",
        "care",
        "cares",
        "caring",
        "friend",
        "friends",
        "friendly",
        "friendship",
        "heart",
        "hearts",
        "hand",
        "won",
        "win",
        "wins",
        "winning",
        "winner",
        "winners",
        "award",
        "awards",
        "awarded",
        "prize",
        "prizes",
        "free",
        "freedom",
        "peace",
        "peaceful",
        "justice",
        "success",
        "successful",
        "succeed",
        "celebrate",
        "celebrated",
        "celebrates",
        "celebrating",
        "celebration",
        "engagement",
        "romance",
        "romantic",
        "festival",
        "honor",
        "honored",
        "honour",
        "honoured",
        "party",
        "parties",
        "beauty",
        "beautiful",
        "pretty",
        "favorite",
        "favourite",
        "fun",
        "funny",
        "smile",
        "smiling",
        "laugh",
        "laughing",
        "laughter",
        "thanks",
        "thank",
        "thankful",
        "grateful",
        "gratitude",
        "welcome",
        "welcomed",
        "benefit",
        "benefits",
        "interest",
        "interests",
        "interested",
        "agreement",
        "agree",
        "agreed",
        "trust",
        "trusted",
        "respect",
        "respected",
        "save",
        "saved",
        "saving",
        "rescue",
        "rescued",
        "safe",
        "safety",
        "true",
        "truth",
        "wealth",
        "rich",
        "healthy",
        "health",
        "hope",
        "hopes",
        "hoped",
        "wish",
        "wishes",
        "proud",
        "pride",
        "inspired",
        "inspiration",
        "inspiring",
        "excited",
        "excitement",
        "exciting",
        "enjoy",
        "enjoyed",
        "enjoying",
        "joy",
        "joyful",
        "glad",
        "cute",
        "sweet",
        "kiss",
        "kissing",
        "kissed",
        "hug",
        "hugs",
        "hugged",
        "dear",
        "sexy",
        "positive",
        "strong",
        "strength",
        "honest",
        "honestly",
        "comfortable",
        "creative",
        "intelligence",
        "intelligent",
        "dedicated",
        "confident",
        "approval",
        "approve",
        "approved",
        "relief",
        "relieved",
        "praised",
        "praise",
        "popular",
        "wedding",
        "married",
        "marriage",
        "romance",
        "original",
        "luck",
        "lucky",
        "play",
        "playing",
        "playful",
        "gift",
        "gifts",
        "death",
        "deaths",
        "dead",
        "die",
        "died",
        "dies",
        "dying",
        "kill",
        "kills",
        "killed",
        "killing",
        "killings",
        "war",
        "wars",
        "warfare",
        "attack",
        "attacks",
        "attacked",
        "attacking",
        "murder",
        "murders",
        "murdered",
        "murderer",
        "suicide",
        "cancer",
        "disease",
        "crime",
        "crimes",
        "criminal",
        "criminals",
        "prison",
        "prisoner",
        "jail",
        "jailed",
        "arrest",
        "arrested",
        "rape",
        "raped",
        "abuse",
        "abused",
        "assault",
        "assaulted",
        "violence",
        "violent",
        "harassment",
        "harassed",
        "crisis",
        "accident",
        "accidents",
        "fired",
        "injured",
        "injury",
        "injuries",
        "wounded",
        "wound",
        "wounds",
        "pain",
        "painful",
        "sick",
        "illness",
        "ill",
        "terror",
        "terrorism",
        "terrorist",
        "terrorists",
        "bomb",
        "bombs",
        "bombing",
        "bombed",
        "explosion",
        "weapon",
        "weapons",
        "gun",
        "guns",
        "shooting",
        "shot",
        "shoot",
        "fight",
        "fights",
        "fighting",
        "fought",
        "conflict",
        "lost",
        "lose",
        "loss",
        "losses",
        "poor",
        "poverty",
        "fear",
        "fears",
        "feared",
        "depression",
        "cry",
        "crying",
        "cried",
        "tears",
        "grief",
        "grieving",
        "mourn",
        "mourning",
        "funeral",
        "tragedy",
        "tragic",
        "victim",
        "victims",
        "damage",
        "damaged",
        "danger",
        "dangerous",
        "threat",
        "threats",
        "threatened",
        "threatening",
        "risk",
        "problem",
        "problems",
        "fail",
        "failed",
        "failure",
        "failures",
        "negative",
        "wrong",
        "worse",
        "bad",
        "hurt",
        "hurts",
        "suffered",
        "suffering",
        "suffer",
        "hell",
        "divorce",
        "divorced",
        "cheating",
        "cheated",
        "worry",
        "worried",
        "worries",
        "sad",
        "sadness",
        "lonely",
        "alone",
        "stress",
        "stressed",
        "anxiety",
        "hate",
        "hated",
        "conspiracy",
        "fake",
        "sorry",
        "miss",
        "missed",
        "missing",
        "ban",
        "banned",
        "fraud",
        "super",
        "perfect",
        "perfectly",
        "paradise",
        "bff",
        "congratulations",
        "congrats",
        "bonus",
        "happily",
        "fatal",
        "illegal",
        "horror",
        "villain",
        "heaven",
        # Five or more hits on 529 straight-news articles of ReCOVery (Chicago Sun-Times,
        # Politico, CNBC, Detroit News, LA Daily News, Mercury News, Yahoo News; not the wire
        # set the bench reports) and none in a loaded sentence of the development part: they
        # grade events ("grim milestone", "severe symptoms"), as the words above name them.
        "grim",
        "severe",
        "chaos",
        "wolves",
    ]
)


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    word: str
    valence: float


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, float]:
    """Charged words and their valence: VADER's strong words minus ordinary ones, corrected
    by what news annotated for loaded language shows (``loaded_lexicon``), plus curated."""
    vader = SentimentIntensityAnalyzer().lexicon
    learned = load_loaded_lexicon()
    plain = ORDINARY | frozenset(learned["dropped"])
    charged = {
        word: float(valence)
        for word, valence in vader.items()
        if -valence >= MIN_INTENSITY and word.isalpha() and word not in plain
    }
    charged.update((w, v) for w, v in learned["added"].items() if w not in ORDINARY)
    charged.update(CURATED)
    return charged


@lru_cache(maxsize=1)
def _lexicon_words() -> frozenset[str]:
    """The lexicon's words as a set: a set meets a text's word set without copying either."""
    return frozenset(_lexicon())


@lru_cache(maxsize=1)
def negative_lexicon_words() -> frozenset[str]:
    """The lexicon's negatively charged words (the clickbait detector reads them as a cue)."""
    return frozenset(word for word, valence in _lexicon().items() if valence < 0)


@lru_cache(maxsize=1)
def _hyphenated() -> tuple[str, ...]:
    """Lexicon words with a hyphen ("jaw-dropping"), which the word set holds only in parts."""
    return tuple(word for word in _lexicon() if "-" in word)


@lru_cache(maxsize=1)
def _boosters() -> frozenset[str]:
    return frozenset(word for word, boost in BOOSTER_DICT.items() if boost > 0)


def _weight(valence: float, extra_words: int) -> float:
    """Weight from intensity: 0.25 at the threshold, 0.65 at VADER's strongest, a bump per word."""
    strength = (min(abs(valence), 4.0) - MIN_INTENSITY) / (4.0 - MIN_INTENSITY)
    return 0.25 + 0.4 * max(strength, 0.0) + 0.08 * extra_words


# Words of more than three letters, to tell a Title Case line.
_LONG_WORD = re.compile(r"(?<![\w'’])[^\W\d_]{4,}(?![\w'’])")
_NEXT_WORD = re.compile(r"[^\S\n]*([^\W\d_]+)(?!\w)")
_PREVIOUS_WORD = re.compile(r"([\w']+)\W?$")


def _is_name(
    text: str, start: int, end: int, sentence: Sentence, pos: str, title_case: bool
) -> bool:
    """A capitalised word inside a sentence is a name ("Rob", "Paradise Island"), not a feeling.

    At a sentence start (or after punctuation) only a capitalised word followed by another
    ("Rob Kardashian") is taken as a name. In a Title Case line every word is capitalised, so
    no test is possible. ``pos`` is the deep path's tag ("" on the fast path: any capitalised
    word inside a sentence counts as a name).
    """
    if title_case or not text[start].isupper():
        return False
    before = text[sentence.start : start].rstrip()
    if not before or not before[-1].isalpha():
        following = _NEXT_WORD.match(text, end, sentence.end)
        return following is not None and following.group(1)[:1].isupper()
    return pos in {"PROPN", ""}


def _candidates(analysed: AnalysedText) -> list[tuple[int, int, str, float]]:
    """``(start, end, word, valence)`` of each lexicon word, and (deep) of each lexicon lemma."""
    lexicon = _lexicon()
    words = analysed.words
    wanted = list(words & _lexicon_words())
    wanted += [w for w in _hyphenated() if all(part in words for part in w.split("-"))]
    found = [(start, end, word, lexicon[word]) for word, start, end in analysed.find_words(wanted)]
    if analysed.depth == "deep":
        found += [
            (t.start, t.end, t.lemma, lexicon[t.lemma])
            for t in analysed.tokens
            if t.is_alpha and t.lemma != t.lower and t.lower not in lexicon and t.lemma in lexicon
        ]
    return sorted(found)


def _named_by_speaker(lower: str, quote: tuple[int, int]) -> bool:
    """Whether a short quotation is the word a speaker called something: a naming verb just
    before it ("describing the storm's impact as a 'catastrophe'") makes it a quoted word of
    the speaker's, not the writer's scare quotes (probe s47 S3: a hurricane report)."""
    line_start = lower.rfind("\n", 0, quote[0]) + 1
    return _NAMING_VERB.search(lower, max(line_start, quote[0] - 80), quote[0]) is not None


def _roots(word: str) -> frozenset[str]:
    """The word, without its inflection or a final "e", and those without one or two
    derivational suffixes ("explosives" -> "explosive", "explos"; "fatalities" -> "fatal"),
    four letters at least: two words sharing one are of a family."""
    found = {word}
    found.update(
        word[: -len(suffix)]
        for suffix in _INFLECTION_SUFFIXES
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_ROOT
    )
    found.update(form[:-1] for form in list(found) if form.endswith("e") and len(form) > _MIN_ROOT)
    for _ in range(2):
        for form in list(found):
            for suffix in _DERIVATION_SUFFIXES:
                if form.endswith(suffix) and len(form) - len(suffix) >= _MIN_ROOT:
                    found.add(form[: -len(suffix)])
                    break
    return frozenset(found)


@lru_cache(maxsize=1)
def _event_roots() -> dict[str, frozenset[str]]:
    """Each root of the words that name events (:data:`ORDINARY`: "explosion", "attack",
    "killed", "murder", "fatal") to those words."""
    roots: dict[str, set[str]] = {}
    for word in ORDINARY:
        for root in _roots(word):
            roots.setdefault(root, set()).add(word)
    return {root: frozenset(words) for root, words in roots.items()}


def _story_subject(word: str, words: frozenset[str]) -> bool:
    """Whether a charged word names an event the article reports: the article also names it in
    a plain word of its family, one that names events and is no charged word ("explosive"
    beside "explosion" in a bomb-plot report, "killer" beside "killed", "fatalities" beside
    "fatal"), and not the word itself or an inflection of it. A word of effect stands alone ("racist" beside "racism",
    "corrupt" beside "corruption": neither family names an event) (probe s47 S3)."""
    return any(other in words for other in _event_family(word))


@lru_cache(maxsize=8192)
def _event_family(word: str) -> frozenset[str]:
    """The words that name events (:func:`_event_roots`) of a word's family, inflections of
    the word itself left out."""
    events = _event_roots()
    inflected = _inflected(word)
    return frozenset(
        other
        for root in _roots(word)
        for other in events.get(root, ())
        if not inflected & _inflected(other)
    )


def _inflected(word: str) -> frozenset[str]:
    """The word and its forms without an inflection ("villains" -> "villain", "fearing" ->
    "fear"): the same word, not another of its family."""
    return frozenset(
        {word}
        | {
            word[: -len(suffix)] + tail
            for suffix in _INFLECTION_SUFFIXES
            if word.endswith(suffix)
            for tail in ("", "e", "y")
        }
    )


def _hits(analysed: AnalysedText) -> list[_Hit]:
    candidates = _candidates(analysed)
    if not candidates:
        return []
    boosters = _boosters()
    text, lower = analysed.text, analysed.lower
    speech = speech_regions(text, MIN_SPEECH_WORDS)
    short_quotes: list[tuple[int, int]] | None = None  # read when a word may stand in one
    subject: dict[str, bool] = {}
    tags = {t.start: t.pos for t in analysed.tokens} if analysed.depth == "deep" else {}
    title_case: dict[int, bool] = {}
    hits: list[_Hit] = []
    for start, end, word, valence in candidates:
        sentence = analysed.sentence_at(start)
        if sentence is None or any(s <= start < e for s, e in speech):
            continue
        if _QUOTE_MARK.search(text, max(start - _SHORT_QUOTE_REACH, 0), start):
            if short_quotes is None:
                short_quotes = [
                    (s, e)
                    for s, e in quoted_regions(text)
                    if len(text[s:e].split()) < MIN_SPEECH_WORDS
                ]
            quote = next(((s, e) for s, e in short_quotes if s <= start < e), None)
            if quote is not None and _named_by_speaker(lower, quote):
                continue
        if sentence.start not in title_case:
            long_words = _LONG_WORD.findall(text, sentence.start, sentence.end)
            title_case[sentence.start] = bool(long_words) and sum(
                w[0].isupper() for w in long_words
            ) >= 0.6 * len(long_words)
        if _is_name(text, start, end, sentence, tags.get(start, ""), title_case[sentence.start]):
            continue
        following = _NEXT_WORD.match(lower, end, sentence.end)
        if _plain_sense(lower[start:end], following and following.group(1)):
            continue
        if word not in subject:
            subject[word] = _story_subject(lower[start:end], analysed.words)
        if subject[word]:
            continue
        previous = _PREVIOUS_WORD.search(lower, max(start - 30, 0), start)
        if previous is not None and previous.group(1) in boosters:
            word = f"{previous.group(1)} {word}"
            start = previous.start(1)
            valence += 0.3 if valence > 0 else -0.3
        hits.append(_Hit(start, end, word, valence))
    return hits


@register(NAME, SignalKind.LOADED_LANGUAGE)
def detect_loaded_language(analysed: AnalysedText) -> list[Signal]:
    """Emotionally charged words and phrases, merged when adjacent, weighted by intensity."""
    text = analysed.text
    groups: list[list[_Hit]] = []
    for hit in _hits(analysed):
        if groups:
            gap = text[groups[-1][-1].end : hit.start]
            if "\n" not in gap and JOINING_GAP.match(gap):
                groups[-1].append(hit)
                continue
        groups.append([hit])
    signals: list[Signal] = []
    for group in groups:
        strongest = max(group, key=lambda h: abs(h.valence))
        words = ", ".join(h.word for h in group)
        tone = "negative" if strongest.valence < 0 else "positive"
        # the lexicon's only positive words are CURATED's hype ("bombshell", "explosive"): a
        # "strongly positive" bombshell report read as praise (probe s42)
        effect = (
            "strongly negative words steer the reader's feelings"
            if tone == "negative"
            else "hype words play the story up"
        )
        signals.append(
            make_signal(
                analysed,
                group[0].start,
                group[-1].end,
                kind=SignalKind.LOADED_LANGUAGE,
                detector=NAME,
                weight=_weight(strongest.valence, len(group) - 1),
                explanation=(f"Emotionally loaded wording ({words}): {effect} rather than inform."),
                words=words,
                intensity=round(abs(strongest.valence), 2),
                tone=tone,
            )
        )
    if analysed.depth == "deep":
        return _with_sentence_head(analysed, signals)
    return signals


def _with_sentence_head(analysed: AnalysedText, signals: list[Signal]) -> list[Signal]:
    """Deep path: the sentence head reads every body sentence of the writer's own wording.

    A sentence it rates at its threshold or above is flagged when no listed word in it was; a
    listed word in a sentence it rates under its gate (plain reporting: "grave concerns" in
    a market report) is dropped, which keeps the deep path's false alarms on straight news
    where they were (the gate removes as many there as the head adds).
    """
    text, body_start = analysed.text, analysed.article.body_start
    speech = quoted_regions(text)
    candidates = []
    for sentence in text_sentences(analysed):
        start, end = sentence.start, sentence.end
        if start < body_start or len(text[start:end].split()) < MIN_HEAD_WORDS:
            continue
        if in_regions(speech, start, end - 1) or text[start] in '"“«':
            continue  # someone's speech, not the writer's wording
        candidates.append((start, end))
    if not candidates:
        return signals
    probabilities = score_sentences(NAME, [text[s:e] for s, e in candidates])
    threshold, gate = head_threshold(NAME), head_gate(NAME)
    kept: list[Signal] = []
    flagged: set[int] = set()
    for signal in signals:
        at = next((i for i, (s, e) in enumerate(candidates) if s <= signal.start < e), None)
        if at is not None and probabilities[at] < gate:
            continue  # a listed word in a sentence the head reads as plain reporting
        kept.append(signal)
        if at is not None:
            flagged.add(at)
    for at, ((start, end), probability) in enumerate(zip(candidates, probabilities, strict=True)):
        if probability < threshold or at in flagged:
            continue
        kept.append(
            make_signal(
                analysed,
                start,
                end,
                kind=SignalKind.LOADED_LANGUAGE,
                detector=head_detector(NAME),
                weight=0.25 + 0.4 * (probability - threshold) / (1.0 - threshold),
                # the scale and the cut, as the clickbait signal gives them: a bare "rates it
                # 0.38" reads as "unlikely" to a reader, for a sentence flagged from 0.31
                explanation=(
                    "The sentence passes judgement in its own wording (sarcasm, derision or "
                    "charged framing) rather than reporting: a sentence model trained on "
                    f"hand-labelled news sentences rates it {probability:.2f} on a scale from "
                    f"0, reporting, to 1, judgement, and flags a sentence from {threshold:.2f}."
                ),
                words="",
                intensity=0.0,
                tone="judgement",
                head_probability=round(float(probability), 3),
            )
        )
    return sorted(kept, key=lambda s: s.start)
