"""Clickbait headlines: titles written to make the reader click, not to say what happened.

Two readings decide together. The shipped classifier (``clickbait_model``: TF-IDF word and
character n-grams into a calibrated logistic regression, trained on 32k "Stop Clickbait"
headlines) rates the wording, and the headline's visible bait cues are counted by family: words
in capitals (a whole word of five letters or more, or a shorter one that is no acronym), "!",
curiosity-gap phrases ("you won't believe"), listicle numbers ("10 reasons"), superlatives,
hype words ("SHOCKING"), emotionally loaded words (the ``loaded_language`` lexicon), second-person
address, a question, a shouted kicker ("WATCH:", "JUST IN:", "BOOM!"; a speaker before a colon,
"Harry Reid: ...", is the news form of a quote), one ordinary word shouted in a mixed-case
headline ("Government LOSES ...") or a run of words in capitals, a media tag ("[VIDEO]"), a
teaser tail ("-- See the Pics!", "— Attorney Explains"), a teaser opener ("Inside ...", "Meet
..."), a pointing phrase ("these stars"), a pointed number ("Here Are 26 Jokes") and a withheld
referent ("The TV Interview That Haunts ..."). News headlines lie outside the model's training domain, where it rates plain Title
Case entertainment headlines as bait, so a signal needs a cue a reader can see: two cue
families, or one with the model at ``CUED_PROBABILITY`` or above. The explanation names the
cues.

Only the headline (``article.title``) is scored; the span is the whole title.
"""

from __future__ import annotations

import re

from veracity.nlp import AnalysedText
from veracity.report.schema import Signal, SignalKind
from veracity.signals.clickbait_model import headline_words, load_clickbait_model
from veracity.signals.loaded_language import negative_lexicon_words as loaded_words
from veracity.signals.registry import make_signal, register
from veracity.signals.rhetorical_question import declarative

NAME = "clickbait"
CUED_PROBABILITY = 0.3  # with one visible cue, a headline the model gives this much is bait
MIN_CUE_FAMILIES = 2  # cue families that make a headline bait whatever the model says

# Five letters or more: acronyms (NATO, ISIS, FBI) are capitalised by rule, not for effect.
_CAPS_WORD = re.compile(r"\b[A-Z][A-Z']{4,}\b")
_NAME_NUMBER = re.compile(r"-?\d")
_CURIOSITY_GAP = re.compile(
    r"\b(?:you won[’']?t believe|you'?ll never guess|what happen(?:ed|s) next|will blow your mind"
    r"|(?:this|that) is (?:what|why|how)|here[’']?s (?:why|what|how)|the real reason"
    r"|(?:what|everything) you need to know|you need to (?:see|know|read)|will make you"
    r"|(?:can[’']?t|won[’']?t) stop|wait (?:till|until) you see|the reason why|what (?:they|he|she)"
    r" did next|(?:this|these) \w+ (?:will|are|is)|find out|guess what|you didn[’']?t know"
    r"|things? (?:only|you)|one weird trick"
    # a verb of telling or showing with the explanation withheld: "Explains Why", "Reveals
    # What", "finally reveals the reason"
    r"|(?:explain|reveal|share|admit|confess|disclose)(?:s|ed)?\s+(?:exactly\s+|finally\s+)?"
    r"(?:why|what|how|where|who|the reason)"
    r")\b",
    re.IGNORECASE,
)
_LISTICLE = re.compile(
    r"\b\d+\s+(?:\w+\s+)?(?:reasons|things|ways|times|signs|facts|photos|pictures|tweets"
    r"|people|secrets|tips|tricks|questions|moments|celebrities|struggles|words)\b|^\s*\d+\b",
    re.IGNORECASE,
)
# Not a superlative used as a noun for a part of something, with "of" after it: "Democrats Say
# The Worst Of The Coronavirus Is Yet To Come" (probe s47 S1: the worst part, not a rating).
_SUPERLATIVE = re.compile(
    r"\b(?:(?:best|worst|greatest|biggest|craziest|funniest|cutest|weirdest)(?![^\S\n]+of\b)"
    r"|most|ever|of all time|ultimate|perfect(?:ly)?|totally|literally|absolutely|all-time)\b",
    re.IGNORECASE,
)
_HYPE = re.compile(
    r"\b(?:shocking|shocked|stunning|stunned|amazing|incredible|unbelievable|insane|epic"
    r"|horrifying|heartbreaking|hilarious|adorable|jaw-dropping|mind-blowing|omg|wow|breaking"
    r"|exposed|bombshell|outrageous|brilliant|genius|terrifying|must-see|gorgeous|furious)\b",
    re.IGNORECASE,
)
# A kicker shouted in capitals ("BOOM!", "JUST IN:") or a teaser label in any case ("Watch:");
# a speaker before a colon ("Harry Reid: ...", "Trump: ...") is the news form of a quote.
_KICKER = re.compile(
    r"^\s*(?:(?:[A-Z]{2,}\s){0,2}[A-Z]{2,}\s?[:!]"
    r"|(?i:(?:video\s)?(?:watch|video|breaking|just in|exclusive))\s?:)"
    r"(?!\S)"
)


def _named_source(kicker: str) -> bool:
    """Whether a kicker in capitals is an organisation's acronym before its colon ("FBI: Man
    arrested after ...", "CDC: ..."): a source named as a headline names a speaker ("Trump:
    ..."), not a shout (probe s47 S1: an Oklahoma City bomb-plot report)."""
    words = kicker.strip().rstrip(":").split()
    return kicker.rstrip().endswith(":") and bool(words) and all(w in ACRONYMS for w in words)


# A media tag in brackets ("[VIDEO]", "(PHOTOS)", "[Watch]") or closing the headline after a
# colon ("...: Watch!", "...: See the Wedding Photo", "...: Pics").
_MEDIA_WORDS = r"(?:video|videos|photos?|pics|pictures|watch|audio|graphic|images|gallery)"
_MEDIA_TAG = re.compile(
    rf"[\[(]\s*{_MEDIA_WORDS}\s*[\])]"
    rf"|:\s*(?:{_MEDIA_WORDS}|see|look|listen)\b(?:\s+[\w'’]+){{0,3}}\s*[.!]*\s*$",
    re.IGNORECASE,
)
# A definite description that withholds its referent: "The TV Interview That Haunts Hillary
# Clinton", "The One Thing Who ..."; read with the model, as one cue.
_WITHHELD_REFERENT = re.compile(
    r"^\s*(?:the|this|these)\s+(?:[\w'’-]+\s+){1,3}(?:that|who|which)\s+[\w'’-]+",
    re.IGNORECASE,
)
# A number pointed at: "Here Are 26 Jokes About It", "here are the 5 ...".
_POINTED_NUMBER = re.compile(r"\bhere(?:'s|’s| are| is)\s+(?:the\s+)?\d+\b", re.IGNORECASE)
_TEASER_TAIL = re.compile(
    r"(?:--|—|–)\s*(?:see|watch|look|find out|read|did|does|do|is|are|was|will)\b[^-—–]*[?!]?\s*$"
    # or someone who tells the rest after the dash: "— Attorney Explains", "-- Expert Reveals"
    r"|(?:--|—|–)\s*(?:[\w'’]+\s+){0,2}(?:explains|reveals|responds|reacts|weighs in|speaks out"
    r"|tells all|dishes)[.!]?\s*$"
    # or the headline ends on what was disclosed, not saying what: "Mystery Solved", "Facts
    # About ... Revealed", "Cause of Death Revealed"
    r"|\b(?:revealed|solved|exposed|uncovered|unmasked)[.!]*\s*$",
    re.IGNORECASE,
)
_TEASER_OPENER = re.compile(r"^\s*(?:inside|meet|step inside|look inside|watch)\b", re.IGNORECASE)
_POINTING = re.compile(
    r"\b(?:these|this)\s+(?:\w+\s+){0,2}(?:stars|celebs|celebrities|people|photos|pics|pictures"
    r"|moments|times|things|reasons|shows|looks|tweets|videos)\b",
    re.IGNORECASE,
)
# Three or four capitals: an acronym unless it is a word of headlines (`_is_word`) and not one
# of the common acronyms of news.
_SHORT_CAPS = re.compile(r"\b[A-Z]{3,4}\b")
ACRONYMS = frozenset(
    [
        "USA",
        "NFL",
        "NBA",
        "NHL",
        "MLB",
        "FBI",
        "CIA",
        "NSA",
        "NHS",
        "CDC",
        "WHO",
        "GOP",
        "ICE",
        "DNA",
        "HIV",
        "AIDS",
        "NASA",
        "CEO",
        "CFO",
        "BBC",
        "CNN",
        "ABC",
        "NBC",
        "CBS",
        "PBS",
        "NPR",
        "HBO",
        "MTV",
        "NYC",
        "PDA",
        "ISIS",
        "NATO",
        "DOJ",
        "DHS",
        "EPA",
        "FDA",
        "IRS",
        "SEC",
        "UFC",
        "WWE",
        "MSNBC",
        "AARP",
        "ACLU",
        "SARS",
        "MERS",
        "COVID",
        "IMF",
        "OPEC",
        "UAE",
        "USSR",
        "KGB",
        "GDP",
        "CPI",
        "ETF",
        "IPO",
        "LGBT",
        "BLM",
        "DACA",
        "NRA",
        "PPE",
        "ICU",
        "EMS",
        "ESPN",
        "AMC",
        "FOX",
        "UCLA",
        "USC",
        "NYU",
        "MIT",
        "UFO",
        "AMA",
        "SAG",
        "RNC",
        "DNC",
    ]
)
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_HEADLINE_CLAUSE = re.compile(r"[:|]|\s[–—-]\s")
_QUESTION_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_SECOND_PERSON = re.compile(r"\b(?:you|your|you'?re|you'?ll|yourself)\b", re.IGNORECASE)


# Three words or more in capitals in a row, in a headline that is not all capitals: "PANIC AS
# PATIENTS ARE EVACUATED FROM NHS HOSPITAL: Two patients ...".
_SHOUTED_CLAUSE = re.compile(r"(?<![\w'’])(?:[A-Z][A-Z'’]+\s+){2,}[A-Z][A-Z'’]+(?![\w'’])")
_BRACKETED = re.compile(r"[\[(][^\])]*[\])]")
_TITLE_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+")


def _is_word(capitals: str) -> bool:
    """Whether three or four capitals are a word written so for effect ("LIES", "HUGE"), not
    an acronym or a name's letters ("OKC", "NYPD"): written in lower case it is a word of
    headlines (:func:`headline_words`). An acronym is capitalised by rule, which shouts nothing
    (probe s47 S1: "... vehicle bomb outside downtown OKC bank"). Five letters or more in
    capitals are read as a word whatever the vocabulary holds: its 8,319 words lack many
    ("SCRAP"), and acronyms that long are few."""
    return capitals.lower().replace("’", "'") in headline_words()


def _all_capitals(title: str) -> bool:
    """A headline written all in capitals (twelve letters or more)."""
    letters = [c for c in title if c.isalpha()]
    return len(letters) >= 12 and all(c.isupper() for c in letters)


def _shouted_word_matches(title: str) -> list[re.Match[str]]:
    """Single words of five letters or more in capitals inside a mixed-case headline, for
    emphasis ("Government LOSES Supreme Court battle", "vow to DEPORT illegal immigrants"):
    not the first word, not beside another word in capitals or a number (a name: "USA TODAY",
    "POLITICO 50"), not a common acronym, not a bracketed tag ("[VIDEO]": a media tag), and at
    most two words of the headline in capitals."""
    blanked = _BRACKETED.sub(lambda m: " " * len(m.group()), title)  # offsets kept
    matches = list(_TITLE_WORDS.finditer(blanked))
    words = [m.group() for m in matches]
    if sum(len(w) > 1 and w.isupper() for w in words) > 2:
        return []  # a headline in many capitals: its "capitals" cue says so already
    shouted = []
    for i, word in enumerate(words):
        if i == 0 or len(word) < 5 or not word.isupper() or word in ACRONYMS:
            continue
        neighbours = words[i - 1 : i] + words[i + 1 : i + 2]
        if any(n.isupper() or n.isdigit() for n in neighbours):
            continue
        shouted.append(matches[i])
    return shouted


def shouted_spans(title: str) -> list[tuple[int, int]]:
    """Where a headline shouts: the ``(start, end)`` of each word written in capitals for
    effect, in order. Every word of a headline all in capitals, the words of a run of three or
    more in capitals inside a mixed-case one (the "shouted clause" cue) and one ordinary word
    shouted in it (the "shouted word" cue); an acronym beside lower-case words (US, WHO, COVID,
    NASA) is capitalised by rule, not for effect, and is none of them."""
    if _all_capitals(title):
        return [m.span() for m in _TITLE_WORDS.finditer(title) if not m.group().isdigit()]
    spans = {m.span() for m in _shouted_word_matches(title)}
    for clause in _SHOUTED_CLAUSE.finditer(title):
        spans.update(m.span() for m in _TITLE_WORDS.finditer(title, clause.start(), clause.end()))
    return sorted(spans)


def headline_cues(title: str) -> list[tuple[str, str]]:
    """Visible clickbait cues in a headline: ``(cue, matched text)`` pairs, in order found."""
    cues: list[tuple[str, str]] = []
    if _all_capitals(title):
        cues.append(("whole headline in capitals", title))
    else:
        cues.extend(
            ("capitals", m.group())
            for m in _CAPS_WORD.finditer(title)
            if not _NAME_NUMBER.match(title, m.end())  # "COVID-19", "SARS-2" are names
        )
        cues.extend(("shouted word", m.group()) for m in _shouted_word_matches(title))
        cues.extend(("shouted clause", m.group().strip()) for m in _SHOUTED_CLAUSE.finditer(title))
    if "!" in title:
        cues.append(("exclamation mark", "!"))
    for label, pattern in (
        ("curiosity gap", _CURIOSITY_GAP),
        ("listicle number", _LISTICLE),
        ("superlative", _SUPERLATIVE),
        ("hype word", _HYPE),
        ("second person", _SECOND_PERSON),
    ):
        cues.extend((label, m.group().strip()) for m in pattern.finditer(title))
    if title.rstrip().endswith("?"):
        cues.append(("question headline", "?"))
        # a statement with a question mark: "Trump Signs Order Cancelling SNL?" (Betteridge)
        last = _HEADLINE_CLAUSE.split(title.rstrip().rstrip("?"))[-1]
        words = _QUESTION_WORDS.findall(last.lower().replace("’", "'"))
        if len(words) > 2 and declarative(words, words):
            cues.append(("statement posed as a question", last.strip() + "?"))
    cues.extend(
        ("capitals", m.group())
        for m in _SHORT_CAPS.finditer(title)
        if m.group() not in ACRONYMS
        and _is_word(m.group())
        and not _NAME_NUMBER.match(title, m.end())
        and not all(c.isupper() for c in title if c.isalpha())
    )
    for label, pattern in (
        ("shouted kicker", _KICKER),
        ("media tag", _MEDIA_TAG),
        ("withheld referent", _WITHHELD_REFERENT),
        ("pointed number", _POINTED_NUMBER),
        ("teaser tail", _TEASER_TAIL),
        ("teaser opener", _TEASER_OPENER),
        ("pointing phrase", _POINTING),
    ):
        cues.extend(
            (label, m.group().strip())
            for m in pattern.finditer(title)
            if not (pattern is _KICKER and _named_source(m.group()))
        )
    lexicon = loaded_words()
    cues.extend(("loaded word", word) for word in _WORD.findall(title.lower()) if word in lexicon)
    return cues


def _describe(cues: list[tuple[str, str]]) -> str:
    seen: dict[str, list[str]] = {}
    for label, found in cues:
        seen.setdefault(label, [])
        if found not in seen[label] and found not in {"!", "?"}:
            seen[label].append(found)
    return "; ".join(
        f"{label} ({', '.join(repr(f) for f in found)})" if found else label
        for label, found in seen.items()
    )


@register(NAME, SignalKind.CLICKBAIT)
def detect_clickbait(analysed: AnalysedText) -> list[Signal]:
    """The headline, when the classifier rates it clickbait; cues named in the explanation."""
    title = analysed.article.title
    if not title or not title.strip():
        return []
    model = load_clickbait_model()
    cues = headline_cues(title)
    if not cues:  # most news headlines: no need to run the model
        return []
    probability = model.probability(title)
    families = len({label for label, _ in cues})
    if families < MIN_CUE_FAMILIES and probability < CUED_PROBABILITY:
        return []
    cue_text = _describe(cues)
    explanation = (
        f"Headline reads as clickbait: {cue_text} (the headline model, trained on clickbait "
        f"and news headlines, rates it {probability:.2f} on a scale from 0, news, to 1, bait)."
    )
    # Clickbait is style, not falsehood: moderate weight, more with visible bait cues.
    weight = 0.3 + 0.3 * max(probability - model.threshold, 0.0) / max(1 - model.threshold, 1e-6)
    weight += 0.05 * min(len({label for label, _ in cues}), 4)
    return [
        make_signal(
            analysed,
            0,  # the article's text always opens with its title
            len(title),
            kind=SignalKind.CLICKBAIT,
            detector=NAME,
            weight=min(weight, 0.8),
            explanation=explanation,
            probability=round(probability, 3),
            threshold=model.threshold,
            cues=cue_text,
        )
    ]
