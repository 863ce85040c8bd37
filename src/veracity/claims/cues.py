"""Parser-free check-worthiness cues: what a tagger and NER would tell (numbers, names, dates,
tense, mood, person, questions), read here from the words alone with regular expressions and
word lists, at a few microseconds per sentence.

The batch full path scores every candidate sentence of a corpus; the spaCy tagger and NER
cost about 7 ms a sentence there, these cues about 0.02 ms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from veracity.nlp.calendar import CALENDAR_WORDS
from veracity.nlp.stopwords import ENGLISH_STOP_WORDS


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TOKEN = re.compile(r"[$£€]?\d[\d,.]*%?|[^\W\d_]+(?:['’][^\W\d_]+)*|[^\w\s]")
_NUMBER = re.compile(r"[$£€]?\d[\d,.]*%?")
_NUMBER_WORDS = _words(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion "
    "billions trillion trillions dozen dozens half percent"
)
_MONEY_OR_SHARE = _words("$ £ € percent percentage dollars dollar cents")
_TIME_WORDS = CALENDAR_WORDS | _words(
    "year years month months week weeks day days decade decades century today yesterday ago since"
)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_PAST_AUXILIARIES = _words("was were had did been")
_PRESENT_AUXILIARIES = _words("is are has does am 's")
_IRREGULAR_PAST = _words(
    "said made took gave went came got saw knew told paid lost won spent cut rose fell grew "
    "built brought bought left voted passed signed raised created"
)
_FIRST_PERSON = _words("i me my mine we us our ours")
_SECOND_PERSON = _words("you your yours")
_OPINION = _words(
    "think thinks thought believe believes believed feel feels felt hope hopes hoped want "
    "wants wanted wish wishes guess going gonna"
)
_MODALS = _words("should must ought would could might may will shall can")
_COMPARATIVES = _words("more most less least than percent increase decrease")
_LAW_WORDS = _words("act bill law laws tax taxes vote voted amendment budget")
N_CUES = 18
# Column 15 once read a final "!" and is now always 0. Only 4 of the 23,383 training sentences
# end in one (none check-worthy; none in validation, dev-test or ClaimBuster held-out), and the
# standardised cue gave it -170 logits in the batch model: "The deficit grew by 40 percent in
# 2019!" scored 5e-73 where the sentence with a full stop scored 0.97, and a final "!" in place
# of a full stop changed a quarter of dev-test's decisions (every one to not check-worthy).
# The column stays, empty, so that the fitted models load and score every other sentence
# exactly as before (the cue was 0 on all of them); a model trained again learns no weight for
# it. Retraining without the column instead moved every score by the refit's own noise
# (bench/checkworthiness.py's section says by how much).
_RETIRED = 0.0


# Words that Title Case leaves in lower case: articles, conjunctions, short prepositions.
_TITLE_CASE_SMALL = _words(
    "a an the and but or nor for so yet as at by in of off on per to up via vs v with from into "
    "onto over than"
)
# A text whose case tells no names has at least this many words after its first that Title
# Case capitalises, every one capitalised.
_UNCASED_WORDS = 4
# In such a text ("Senate Passes Sweeping Climate Bill", "CANCER ENDORSES REPUBLICAN HEALTHCARE
# PLAN") every word read as a name, so the case alone made a headline check-worthy. The names
# cue takes instead the count a sentence-case headline has for its length: names per word of
# the news corpora's sentence-case headlines, chosen over the training sentences' rate (0.051)
# on half A of bench/claims_case.py (half B, deep model: 44 of 200 decisions moved by the case
# alone before, 5 now). 2 of the 30,792 training sentences (CheckThat! 2024 train, ClaimBuster)
# read as uncased and none of dev or dev-test: the shipped models score those as before.
_NAMES_PER_WORD = 0.237


def _case_tells_names(words: list[str]) -> bool:
    """Whether capitals in ``words`` mark names: not a Title Case or all-capitals text."""
    cased = [w for w in words[1:] if w[0].isalpha() and w.lower() not in _TITLE_CASE_SMALL]
    return len(cased) < _UNCASED_WORDS or any(w.islower() for w in cased)  # 'iPhone' counts


def reads_uncased(text: str) -> bool:
    """Whether the case of ``text`` tells no names: a headline in Title Case or in capitals."""
    return not _case_tells_names([t for t in _TOKEN.findall(text) if t[0].isalnum()])


def cue_features(sentence: str) -> list[float]:
    """Numbers, names, time, tense, mood, person and shape of one sentence, from its words."""
    tokens = _TOKEN.findall(sentence)
    words = [t for t in tokens if t[0].isalnum() or t[0] in "$£€"]
    n_words = max(len(words), 1)
    lower = [w.lower().replace("’", "'") for w in words]
    numbers = sum(bool(_NUMBER.fullmatch(w)) or w in _NUMBER_WORDS for w in lower)
    # Capitalised words after the first: names of people, places and organisations; in a
    # headline in Title Case or in capitals the case tells no names (see _NAMES_PER_WORD).
    names = (
        sum(w[0].isupper() and w.lower() not in _FIRST_PERSON for w in words[1:])
        if _case_tells_names(words)
        else _NAMES_PER_WORD * len(words)
    )
    past = sum(
        w in _PAST_AUXILIARIES or w in _IRREGULAR_PAST or (w.endswith("ed") and len(w) > 4)
        for w in lower
    )
    return [
        float(numbers),
        float(numbers > 0),
        float(names),
        float(sum(w in _MONEY_OR_SHARE or w.endswith("%") or w[0] in "$£€" for w in lower)),
        float(sum(w in _TIME_WORDS or bool(_YEAR.match(w)) for w in lower)),
        float(sum(w in _LAW_WORDS for w in lower)),
        past / n_words,
        sum(w in _PRESENT_AUXILIARIES for w in lower) / n_words,
        sum(w in _MODALS for w in lower) / n_words,
        sum(w in _FIRST_PERSON for w in lower) / n_words,
        sum(w in _SECOND_PERSON for w in lower) / n_words,
        float(any(w in _OPINION for w in lower)),
        sum(w in _COMPARATIVES or w.endswith("est") for w in lower) / n_words,
        sum(w.endswith("ly") for w in lower) / n_words,
        float(sentence.rstrip().endswith("?")),
        _RETIRED,  # column 15: see N_CUES
        float(np.log1p(n_words)),
        float(sum(w in {"not", "no", "never"} or w.endswith("n't") for w in lower) > 0),
    ]


# A sentence that only passes judgement on what was said before it: a pronoun, a copula and at
# most this many words of its own content ("That's a fact.", "That's not true.", "He's a
# liar."), no figure, no name. On its own it names nothing to look up.
_POINTING_SUBJECTS = _words("it that this these those he she they")
_COPULAS = _words("is are was were 's 're be been being")
_LEAD_INS = _words("and but so well yes no oh now")
_OWN_CONTENT_WORDS = 1
_PARTICIPLES = _words("done gone seen given taken known shown begun")


def points_back(sentence: str) -> bool:
    """Whether ``sentence`` states nothing checkable on its own: it passes judgement on what
    was said before it, a pronoun that points back (after an "And", "But", "Well" ...) with a
    copula and at most one content word (not a stop word), no figure and no name ("That's a
    fact.", "That's not true.", "He's a liar."; not "Taxes rose.", "He did not do so.", "He's
    done nothing about it.", "That's a fact: crime rose 20 percent." or "This is the largest
    tax cut in history.")."""
    words = [t for t in _TOKEN.findall(sentence) if t[0].isalnum() or t[0] in "$£€"]
    lower = [w.lower().replace("’", "'") for w in words]
    while lower and lower[0] in _LEAD_INS:
        words, lower = words[1:], lower[1:]
    if not lower or lower[0].split("'")[0] not in _POINTING_SUBJECTS:
        return False
    contracted = "'" + lower[0].split("'", 1)[1] if "'" in lower[0] else ""
    if contracted not in _COPULAS and not (len(lower) > 1 and lower[1] in _COPULAS):
        return False
    if any(_NUMBER.fullmatch(w) or w in _NUMBER_WORDS for w in lower):
        return False
    if _case_tells_names(words) and any(w[0].isupper() for w in words[1:] if w != "I"):
        return False
    own = [
        w
        for w in lower[1:]
        if w.split("'")[0] not in ENGLISH_STOP_WORDS and len(w.split("'")[0]) > 1
    ]
    # a verb of its own ("He's done nothing", "they are being slaughtered") states an act
    acts = any(w.endswith("ed") or w in _IRREGULAR_PAST or w in _PARTICIPLES for w in lower[1:])
    return len(own) <= _OWN_CONTENT_WORDS and not acts


# A turn cut off mid-sentence ("REYES: The county lost —", "Candy, it's not going to --") and a
# question ("Ms Reyes, where does the 40 percent figure come from?") state nothing to check: on
# CheckThat! 2024's training sentences 2 of 49 ending in a dash and 31 of 701 questions are
# check-worthy (probe s47 C1: a debate's interrupted turn 0.65, a moderator's question 0.63).
_CUT_OFF = re.compile(r"(?:—|–|--)[\"'”’)\]]*\s*\Z")
_ASKED = re.compile(r"\?[\"'”’)\]]*\s*\Z")


# A sentence that points the reader to other content: an imperative to see, watch, read, hear,
# click or follow it ("See also brief video featuring ...:", "Watch the full interview below.",
# "Read more about the study here.", "Click here to sign the petition.", "Check out our
# gallery."), or a piece of media that "will tell you" about it ("The video ... will tell you
# all about it."). It states nothing of the article's own: the claim is in the other content,
# and a fact-check matched to its words is about that content, not the article (probe s51 C2:
# a "see also this video" line scored 0.996 and carried another video's "false" fact-check).
# The verb opens the sentence (a lead-in "And", "So", "Now" or "Also" before it allowed) with
# a word that makes it a pointer after it; a media subject's "tell you" takes no figure.
_POINTER_OBJECT = (
    r"(?:also|more|here|below|above|this|these|that|those|the|our|my|his|her|their|it|a|an"
    r"|full|video|videos|clip|film|documentary|photos?|pictures?|gallery|story|stories|article"
    r"|report|interview|link|links|on|at|to|for)"
)
_POINTS_ELSEWHERE = re.compile(
    r"^[\W_]*(?:(?:and|so|now|also|please)[\s,]+)?"
    r"(?:(?:see|watch|read|view|listen|hear|check\s+out)\s+" + _POINTER_OBJECT + r"\b"
    r"|(?:click|tap)\s+(?:here|on|the|this|below|above|to|for|through)\b"
    r"|(?:subscribe|sign\s+up|follow\s+us|visit\s+(?:our|the|us|this|www\.)|download\s+(?:our|the))\b)"
    r"|^[\W_]*(?:the|this|that|our|a)\s+(?:[\w'’-]+\s+){0,2}?(?:video|clip|film|documentary"
    r"|podcast|link|gallery|slideshow)\b[^.!?]*?\b(?:will|can|'ll|’ll|would)\s+(?:tell|show"
    r"|explain|teach)\s+you\b",
    re.IGNORECASE,
)


# Words after a pointer's colon that make a statement of their own.
_AFTER_COLON = 3


def points_elsewhere(sentence: str) -> bool:
    """Whether ``sentence`` points the reader to other content (a video, another story, a
    link) instead of stating something: :data:`_POINTS_ELSEWHERE`. What follows a colon
    ("Read the bill: it raises taxes by 20 percent.") or what the media "will tell you" with a
    figure ("The video will show you that 40 percent ...") is a statement of its own."""
    match = _POINTS_ELSEWHERE.match(sentence)
    if match is None:
        return False
    rest = sentence[match.end() :]
    told = match.group(0).rstrip().lower().endswith("you")
    return not (
        (told and _NUMBER.search(rest)) or len(rest.partition(":")[2].split()) >= _AFTER_COLON
    )


def states_nothing(sentence: str) -> str | None:
    """Why ``sentence`` states nothing to check ("cut off", "question", "points elsewhere"), or
    None."""
    if _CUT_OFF.search(sentence):
        return "cut off"
    if _ASKED.search(sentence):
        return "question"
    if points_elsewhere(sentence):
        return "points elsewhere"
    return None


class CueFeatures(BaseEstimator, TransformerMixin):
    """Sentences -> :func:`cue_features` rows (no parser, no model)."""

    def fit(self, texts: Sequence[str], y: Sequence[int] | None = None) -> CueFeatures:
        return self

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        rows = [cue_features(text) for text in texts]
        return np.asarray(rows, dtype=np.float64).reshape(len(rows), N_CUES)


# A claim that an event took nobody ("Nobody died.", "No one was hurt in the fire.", "None of
# them were arrested.", "Not a single soldier has lost his life since ..."): a figure, zero,
# that fact-checkers check as they check "three people died", though it holds no number for
# the cues to count (probe s49 C2: "Nobody died." scored 0.08-0.10). The quantifier, then at
# most three words that are no modal ("nobody's going to get hurt", "no one would get hurt" are
# hypotheses), then a verb of the event in the past or the present. On CheckThat! 2024 train
# 3 of the 4 sentences it finds are check-worthy, on dev 1 of 1 (ClaimBuster's: 3 of 3).
_NOBODY = (
    r"(?:nobody|no\s?one|no-one|none(?:\s+of\s+(?:them|us|those|these|the\s+[\w'’-]+))?"
    r"|not\s+(?:a\s+single|one)(?:\s+[\w'’-]+){0,3}?"
    r"|no\s+(?:[\w'’-]+\s+){0,2}?(?:people|person|lives|civilians?|soldiers?|troops|workers?"
    r"|staff|employees|patients?|children|child|residents|passengers|students|americans"
    r"|officers?|firefighters|casualties|deaths?|injuries|fatalities|arrests))"
)
_HYPOTHESIS = (
    r"(?:would|could|should|will|shall|might|may|must|can|going|gonna|wants?|ever|else|if"
    r"|unless|gets?)\b"
)
_EVENT = (
    r"(?:died|dies|dying|killed|hurt|injured|wounded|harmed|hospitali[sz]ed|infected"
    r"|arrested|charged|convicted|prosecuted|jailed|fired|laid\s+off|lost|drowned|evacuated"
    r"|poisoned|sickened|reported|recorded|confirmed|occurred)\b"
)
_DENIED_EVENT = re.compile(
    rf"\b{_NOBODY}(?:['’]s)?\s+(?:(?!{_HYPOTHESIS})[\w'’-]+\s+){{0,3}}?{_EVENT}",
    re.IGNORECASE,
)
_CONDITION = re.compile(
    r"\b(?:(?:if|whether|unless|suppose)\s+(?:[\w'’-]+\s+){0,2}|so(?:\s+that)?\s+)\Z",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(rf"\b{_HYPOTHESIS}", re.IGNORECASE)


def denies_an_event(sentence: str) -> bool:
    """Whether ``sentence`` claims that an event took nobody, outside a condition or a purpose
    ("If nobody died, ...", "... so no one got hurt") and with no modal ("Not one job will be
    lost."): a claim of zero, as check-worthy as a count (:data:`_DENIED_EVENT`)."""
    return any(
        _CONDITION.search(sentence[: match.start()]) is None
        and _HYPOTHETICAL.search(match.group(0)) is None
        for match in _DENIED_EVENT.finditer(sentence)
    )


# A live blog's entry time, or a page's update stamp, opening a line before the entry's words:
# "14:05 Power company Western Grid says ...", "3.35pm The Duke and Duchess ...", "12:01 PM PT --
# The judge just sided with ...", a video list's "0:57 Rose McGowan delivers ...". A clock time
# (hours and minutes, maybe "pm" and a time zone), a dash or bar maybe, then a capital or an
# opening quotation mark. A time alone on its line ("7:10 P.M. EDT") matches nothing.
_ENTRY_TIME = re.compile(
    r"[ \t]*(?:[01]?\d|2[0-3])[:.][0-5]\d(?:[ \t]?[AaPp]\.?[Mm]\.?)?"
    r"(?:[ \t]?(?:GMT|BST|UTC|CET|[ECMP][SD]?T))?(?:[ \t]*(?:--|[-—–|]))?[ \t]+"
    r"(?![AaPp]\.?[Mm]\b|(?:GMT|BST|UTC|CET|[ECMP][SD]?T)\b)(?=[A-Z\"“‘'])"
)


def after_entry_time(text: str, start: int) -> int:
    """Where a claim opening a line at ``start`` begins past an entry time (:data:`_ENTRY_TIME`),
    else ``start``: the time says when the entry was posted, not what it claims (probe s49 C3:
    the live blog's claims "14:05 Power company Western Grid says 38,000 homes ...")."""
    if start and text[start - 1] != "\n":
        return start
    entry = _ENTRY_TIME.match(text, start)
    return start if entry is None else entry.end()
