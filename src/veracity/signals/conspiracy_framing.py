"""Conspiracy framing: wording that casts events as hidden, suppressed or secretly orchestrated.

"Trying to cover up what the officers were really doing", "what they don't want you to know",
"the mainstream media refuses to report", "deep state", "false flag", "wake up, people": the
reader is told the truth is being kept from them, which makes any missing evidence look like
proof. Each match is explained by its family (cover-up, secret knowledge, media distrust,
hidden actors, suppression, pseudo-science, and the weaker "truth claim": "the truth about",
"what really happened", "the official story", not counted after a verb of telling or learning
as in "she told him the truth about the contract").

spaCy-style token patterns over lower-cased words (inflections listed), matched by regular
expressions (``nlp.patterns``), so the same code runs on both paths.
Words that are ordinary in other senses ("cover up" a baby bump, a beach "cover-up", "wake up"
at six) only match with the context that makes them conspiratorial, and a clothing or make-up
word next to a cover-up match vetoes it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import cast

from veracity.nlp import AnalysedText
from veracity.nlp.document import longest_non_overlapping
from veracity.nlp.patterns import TokenPatterns
from veracity.report.schema import Signal, SignalKind
from veracity.signals.registry import make_signal, register

NAME = "conspiracy_framing"

COVER = {"cover", "covers", "covered", "covering"}
HUSH = {"hush", "hushed", "hushing"}
HIDE = {
    "hide",
    "hides",
    "hid",
    "hidden",
    "hiding",
    "conceal",
    "conceals",
    "concealed",
    "concealing",
}
WANT = {"want", "wants", "wanted"}
TELL = {"tell", "tells", "told", "telling"}
REFUSE_TO = {"refuse", "refuses", "refused", "refusing", "fail", "fails", "failed", "failing"}
REPORT = {"report", "cover", "mention", "tell", "show", "air", "print", "talk"}
IGNORE = {"ignore", "ignores", "ignored", "ignoring", "hide", "hides", "hid", "hiding", "bury"}
IGNORE |= {"buries", "buried", "burying", "suppress", "suppresses", "suppressed", "censor"}
IGNORE |= {"censors", "censored", "censoring", "won't", "wo", "will", "doesn't", "don't"}
MEDIA = {"media", "msm", "press", "news"}
MEDIA_QUALIFIERS = {"mainstream", "corporate", "legacy", "establishment", "lamestream", "liberal"}
COVERED_OBJECTS = {
    "what",
    "how",
    "who",
    "why",
    "the",
    "truth",
    "evidence",
    "crime",
    "crimes",
    "scandal",
    "wrongdoing",
    "abuse",
    "abuses",
    "deaths",
    "murder",
    "murders",
    "killings",
    "corruption",
    "involvement",
    "role",
    "links",
    "facts",
    "fact",
    "fraud",
    "failures",
    "mistakes",
    "story",
    "incident",
    "their",
}
CLOTHING = {
    "wear",
    "wears",
    "wore",
    "wearing",
    "dress",
    "bikini",
    "swimsuit",
    "beach",
    "sheer",
    "lace",
    "kimono",
    "makeup",
    "concealer",
    "tattoo",
    "tattoos",
    "bump",
    "scar",
    "blemish",
    "jacket",
    "coat",
    "outfit",
    "shirt",
    "robe",
}
HYPHEN = {"-", "–", "—"}
TELLING_VERBS = {
    "tell",
    "tells",
    "told",
    "telling",
    "know",
    "knew",
    "knows",
    "learn",
    "learns",
    "learned",
    "learnt",
    "discover",
    "discovers",
    "discovered",
    "find",
    "finds",
    "found",
    "reveal",
    "reveals",
    "revealed",
    "hear",
    "heard",
    "admit",
    "admits",
    "admitted",
    "explain",
    "explains",
    "explained",
    "challenges",
    "challenged",
    "accept",
    "accepted",
    "uncover",
    "uncovered",
    "face",
    "faced",
}
SILENCE_VERBS = {"silenced", "censored", "suppressed", "muzzled", "gagged", "scrubbed"}
# Verbs of keeping something from people, every inflection: "being hidden from the public".
WITHHOLD = HIDE | {"kept", "withheld", "withhold", "withholding"}
WITHHOLD |= {"hidden", "buried", "suppressed", "censored", "covered", "shielded", "whitewashed"}
# Whom it is kept from: "the public", or people addressed or named as a whole.
THE_AUDIENCE = {"public", "people", "population", "world", "masses", "rest"}
AUDIENCE = {"you", "us", "americans", "citizens", "voters", "parents", "patients", "taxpayers"}
# Words that, right before "agenda", make it a hidden plan rather than a to-do list.
AGENDA_QUALIFIERS = {"hidden", "secret", "sinister", "real", "true", "global", "globalist"}
AGENDA_QUALIFIERS |= {"evil", "depopulation", "darker", "dark", "covert", "ulterior"}
# Media wording that casts coverage as manipulation.
MEDIA_SPIN = {"narrative", "narratives", "spin", "propaganda", "lies", "agenda", "hysteria"}
MEDIA_SPIN |= {"fearmongering", "fear-mongering", "hype", "brainwashing", "cover-up"}
MEDIA_DRIVE = {"stoking", "stokes", "stoked", "pushing", "pushes", "peddling", "peddles"}
MEDIA_DRIVE |= {"spreading", "spreads", "hyping", "hypes", "fueling", "fuelling", "whipping"}
MEDIA_DRIVE |= {"manufacturing", "manufactures", "manufactured", "ignores", "ignored"}
MEDIA_DRIVE |= {"ignoring", "buries", "buried", "burying", "suppresses", "suppressing"}
MEDIA_DRIVE |= {"censors", "censoring", "hides", "hiding", "refuses", "won't", "wo"}
MEDIA_BIAS = MEDIA_QUALIFIERS | {"leftwing", "left-wing", "leftist", "leftwingnut", "biased"}
MEDIA_BIAS |= {"controlled", "state-run", "complicit", "dishonest", "elite", "western"}
PUSH = {"push", "pushes", "pushed", "pushing", "peddle", "peddles", "peddled", "peddling"}
PUSH |= {"promote", "promotes", "promoting", "sell", "sells", "selling", "feed", "feeding"}
BLOC = {"mainstream", "corporate", "legacy", "lamestream"}
KEPT_QUIET = {"never", "limited", "little", "rarely", "barely", "seldom", "nowhere"}
TAKING_SIDES = {"behind", "complicit", "silent", "turned", "smear", "smearing", "won't", "refuses"}
# A story sold to the public, named before its sellers: "the narrative that liberals and
# activists are peddling", "the hoax being pushed by the left", "lies spread by Democrats".
SOLD_STORY = {"narrative", "narratives", "propaganda", "hoax", "hoaxes", "lie", "lies", "myth"}
SOLD_STORY |= {"myths", "fiction", "fable", "falsehood", "falsehoods", "smear", "smears"}
SELLING = {"peddling", "pushing", "selling", "spreading", "promoting", "parroting", "hyping"}
SELLING |= {"feeding", "spinning", "perpetuating", "propagating", "pushed", "peddled", "sold"}
SOLD = {"peddled", "pushed", "sold", "spread", "promoted", "parroted", "hyped", "fed", "spun"}
SOLD |= {"perpetuated", "propagated"}
SILENCE = {"silence", "silencing", "censor", "censoring", "muzzle", "muzzling", "gag", "gagging"}
SECRET_ACTS = {"spied", "funded", "planned", "plotted", "ordered", "paid", "colluded"}
SECRET_ACTS |= {"negotiated", "approved", "engineered", "orchestrated", "worked", "met"}
SECRET_THINGS = {"directive", "deal", "program", "programme", "memo", "operation", "order"}
SECRET_THINGS |= {"meeting", "meetings", "agreement", "documents", "payments", "funding"}
# Adjectives that cast the press as an organ of a side, not a reporter: "our shallow, slanted
# and agenda-ridden media", "the state-controlled press".
PRESS_CAPTURED = {"slanted", "agenda-ridden", "agenda-driven", "biased", "complicit", "captured"}
PRESS_CAPTURED |= {"controlled", "state-controlled", "government-controlled", "bought"}
PRESS_CAPTURED |= {"dishonest", "corrupt", "lying", "propagandist", "compromised", "owned"}
# ... or as a party's own press: "the Democratic Party press", "the regime press".
PARTY_PRESS = {"party", "democrat", "democratic", "republican", "leftist", "regime", "kremlin"}
# Deceiving a whole group: "duping Christians", "brainwashing Americans".
DECEIVE = {"duping", "dupe", "dupes", "duped", "deceiving", "deceive", "deceives", "deceived"}
DECEIVE |= {"brainwashing", "brainwash", "brainwashed", "hoodwinking", "hoodwink", "hoodwinked"}
DECEIVED_GROUPS = {"christians", "americans", "voters", "people", "public", "citizens", "masses"}
DECEIVED_GROUPS |= {"world", "nation", "country", "parents", "patients", "conservatives"}
DECEIVED_GROUPS |= {"liberals", "muslims", "jews", "whites", "blacks", "children", "everyone"}
# Watching whole groups or one's opponents: "watching everyone", "spy on their political enemies".
SPY = {"spy", "spies", "spying", "spied", "wiretap", "wiretapping", "wiretapped", "surveil"}
SPY |= {"surveilling", "surveilled"}
WATCHED = {"everyone", "everybody", "enemies", "opponents", "critics", "dissidents", "citizens"}
WATCHED |= {"americans", "journalists", "reporters", "conservatives", "christians", "us"}


def _forms(*lemmas: str) -> set[str]:
    """Each verb lemma with its -s, -ed and -ing forms (regular spelling: "stoke" -> "stokes",
    "stoked", "stoking"; "hype" -> "hyping"; "fan" is not a lemma here, so no doubling)."""
    forms: set[str] = set()
    for lemma in lemmas:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        third = lemma + "es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else lemma + "s"
        if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            third, past = lemma[:-1] + "ies", lemma[:-1] + "ied"
        else:
            past = stem + "ed"
        forms |= {lemma, third, past, stem + "ing"}
    return forms


# The news media as one actor: "the media", "the mainstream press", "our media", "the networks".
MEDIA_ACTOR = {"media", "press", "newsmedia", "networks", "msm"}
# Acts of deceiving or inflaming the public, any inflection: the press cast as the source of a
# deception ("the media has fomented fear through misreporting", "the mainstream media have
# begun their disinformation campaign", "the narrative the media is peddling").
DECEIT = _forms(
    "misinform",
    "disinform",
    "misreport",
    "misrepresent",
    "distort",
    "manipulate",
    "fabricate",
    "deceive",
    "brainwash",
    "foment",
    "stoke",
    "hype",
    "sensationalize",
    "sensationalise",
    "fearmonger",
    "smear",
    "demonize",
    "demonise",
    "vilify",
    "slander",
    "gaslight",
    "propagandize",
    "catastrophize",
    "whitewash",
    "peddle",
    "parrot",
    "scaremonger",
) | {"disinformation", "propaganda"}
DECEIT |= {"fearmongering", "fear-mongering", "scaremongering", "hysteria", "hoax", "smears"}
DECEIT |= {"lie", "lies", "lied", "lying", "mislead", "misleads", "misleading", "misled"}
DECEIT |= {"spin", "spins", "spinning", "spun", "falsehoods", "dishonest", "deceitful"}
DECEIT |= {"complicit"}
# Attacks suffered at the media's hands: "being skinned alive by the leftwingnut media".
ATTACKED = {"attacked", "smeared", "vilified", "demonized", "demonised", "slandered", "savaged"}
ATTACKED |= {"skinned", "crucified", "hounded", "lynched", "pilloried", "trashed", "mocked"}
ATTACKED |= {"targeted", "ridiculed", "maligned", "libeled", "libelled", "persecuted"}

ANY = object()  # any one word, always optional (``nlp.patterns`` wildcard)


def _seq(*words: str | set[str] | object, optional: frozenset[int] = frozenset()) -> list[dict]:
    """A token pattern: each item a word, a set of alternatives or ``ANY``; some optional."""
    pattern: list[dict] = []
    for i, word in enumerate(words):
        if word is ANY:
            pattern.append({"WORD": True, "OP": "?"})
            continue
        token: dict = (
            {"LOWER": word} if isinstance(word, str) else {"LOWER": {"IN": sorted(cast(set, word))}}
        )
        if i in optional:
            token["OP"] = "?"
        pattern.append(token)
    return pattern


# (family, weight, explanation, patterns)
FAMILIES: list[tuple[str, float, str, list[list[dict]]]] = [
    (
        "cover_up",
        0.7,
        "Casts events as a cover-up: any missing evidence is made to look like proof.",
        [
            _seq(COVER, "up", COVERED_OBJECTS),
            _seq(COVER, {"it", "this", "that", "everything", "them"}, "up"),
            _seq(
                {"a", "the", "massive", "huge", "government", "official", "this", "another"},
                "cover",
                HYPHEN,
                "up",
            ),
            _seq(
                {"a", "the", "massive", "huge", "government", "official", "this", "another"},
                {"cover-up", "coverup", "cover-ups", "coverups"},
            ),
            _seq({"try", "tries", "tried", "trying", "attempt", "attempting"}, "to", COVER, "up"),
            _seq(HUSH, {"it", "this", "the", "everything"}, "up", optional=frozenset({1})),
            _seq(
                {"swept", "sweep", "sweeping"},
                {"it", "this", "that", "everything"},
                "under",
                "the",
                {"rug", "carpet"},
                optional=frozenset({1}),
            ),
            _seq({"whitewash", "whitewashed", "whitewashing"}),
        ],
    ),
    (
        "secret_knowledge",
        0.7,
        "Promises hidden truth the reader is supposedly being kept from.",
        [
            _seq(
                {"they", "media", "government", "elites"},
                {"don't", "do", "doesn't", "does"},
                {"n't", "not"},
                WANT,
                "you",
                "to",
                {"know", "see", "hear", "find"},
                optional=frozenset({2}),
            ),
            _seq(
                {"they", "media", "government"},
                {"dont", "don't"},
                WANT,
                "you",
                "to",
                {"know", "see", "hear"},
            ),
            _seq(
                "what",
                {"they", "media", "government"},
                {"won't", "wo", "will"},
                {"n't", "not"},
                "tell",
                "you",
                optional=frozenset({3}),
            ),
            _seq({"the"}, {"real", "hidden", "untold"}, "truth"),
            _seq({"do", "doing"}, "your", "own", "research"),
            _seq("connect", "the", "dots"),
            _seq("open", "your", "eyes"),
            _seq(
                "wake",
                "up",
                {",", "!"},
                {"people", "america", "sheeple", "everyone", "folks"},
                optional=frozenset({2}),
            ),
            _seq("wake", "up", "!"),
            _seq({"time", "need"}, "to", "wake", "up"),
            _seq({"sheeple", "red-pilled", "redpilled"}),
            _seq("nothing", "is", "as", "it", "seems"),
            _seq("they", {"are", "'re"}, {"hiding", "lying"}),
            _seq("what", ANY, ANY, ANY, ANY, {"hiding", "concealing"}),
            _seq({"wake", "woke"}, "up", "to", ANY, {"fraud", "lies", "truth", "agenda", "scam"}),
            _seq({"too", "so"}, "many", ANY, {"are", "remain"}, {"oblivious", "asleep", "blind"}),
        ],
    ),
    (
        "media_distrust",
        0.6,
        "Tells the reader the news media hide the story, so only this source can be trusted.",
        [
            _seq(MEDIA_QUALIFIERS, MEDIA, IGNORE),
            _seq(MEDIA_QUALIFIERS, MEDIA, REFUSE_TO, "to", REPORT),
            _seq(
                MEDIA_QUALIFIERS,
                MEDIA,
                {"won't", "wo", "will"},
                {"n't", "not"},
                {"tell", "report", "show", "cover"},
            ),
            _seq({"msm", "lamestream", "presstitutes", "presstitute"}),
            _seq("media", {"blackout", "silence"}),
            _seq({"fake"}, "news", {"media", "networks", "outlets"}),
            _seq(
                "you",
                {"won't", "wo", "will"},
                {"n't", "never", "not"},
                {"hear", "see", "read"},
                {"this", "about", "it"},
            ),
            _seq({"refuse", "refuses", "refused", "refusing"}, "to", {"report", "cover"}),
            # "the media narrative", "the leftwingnut media spin", "the media's ... narrative"
            _seq(MEDIA_BIAS, "media", ANY, ANY, MEDIA_SPIN, optional=frozenset({0})),
            _seq(
                {"media", "media's", "msm's", "press's", "networks'"},
                ANY,
                ANY,
                MEDIA_SPIN,
            ),
            # "The Main Stream Media ... is stoking panic", "the mainstream media almost ignores"
            _seq("main", "stream", "media"),
            _seq(MEDIA_BIAS, {"media", "press", "news"}, ANY, ANY, ANY, MEDIA_DRIVE),
            # the "mainstream media" cast as keeping quiet or taking sides
            _seq(KEPT_QUIET, ANY, ANY, ANY, ANY, BLOC, {"media", "press"}),
            _seq(BLOC, {"media", "press"}, ANY, ANY, ANY, TAKING_SIDES),
            # pushing a narrative or an agenda: coverage cast as manipulation
            _seq(PUSH, ANY, ANY, {"narrative", "narratives", "propaganda", "agenda"}),
            # ... named before its sellers
            _seq(
                SOLD_STORY,
                {"that", "which", "being", "they", "we", "the", "he", "she"},
                ANY,
                ANY,
                ANY,
                {"are", "is", "were", "was", "have", "has", "keep", "keeps", "been"},
                SELLING,
            ),
            _seq(SOLD_STORY, {"being", "been"}, SOLD, "by"),
            _seq(SOLD_STORY, SOLD, "by"),
            _seq(
                {"little", "no", "zero", "scant"},
                {"mainstream", "corporate", "legacy"},
                {"media", "press", "news"},
                {"coverage", "attention"},
            ),
            # the press cast as a side's organ
            _seq(PRESS_CAPTURED, ANY, ANY, {"media", "press", "newsmedia"}),
            _seq(PARTY_PRESS, {"press", "media"}, optional=frozenset()),
        ],
    ),
    (
        "media_deceit",
        0.6,
        "Casts the news media as deceiving or inflaming the public, so that only this source "
        "can be trusted.",
        [
            # the media as the actor, then within five words the deceit
            _seq(
                {"the", "our", "their", "this"},
                ANY,
                ANY,
                MEDIA_ACTOR,
                ANY,
                ANY,
                ANY,
                ANY,
                ANY,
                DECEIT,
            ),
            # the deceit, then the media as its agent or its owner
            _seq(ATTACKED | DECEIT, ANY, ANY, "by", {"the", "our"}, ANY, ANY, MEDIA_ACTOR),
        ],
    ),
    (
        "hidden_actors",
        0.7,
        "Blames secret, all-powerful actors pulling strings behind events.",
        [
            _seq("deep", "state"),
            _seq("shadow", "government"),
            _seq("new", "world", "order"),
            _seq({"globalist", "globalists", "cabal", "illuminati"}),
            _seq("false", HYPHEN, "flag", optional=frozenset({1})),
            _seq({"false-flag"}),
            _seq("inside", "job"),
            _seq("crisis", {"actor", "actors"}),
            _seq("hidden", {"agenda", "hand", "forces"}),
            _seq("secret", {"agenda", "plan", "plot", "cabal", "society"}),
            _seq("powers", "that", "be"),
            _seq({"puppet"}, {"masters", "master"}),
            _seq({"pulling", "pull", "pulls"}, "the", "strings"),
            _seq("controlled", "opposition"),
            _seq(
                {"was", "were", "is", "been"},
                {"orchestrated", "staged"},
                "by",
                {"the", "elites", "globalists", "them", "government"},
            ),
            _seq({"carefully", "deliberately", "secretly"}, {"orchestrated", "planned", "staged"}),
            # "the agenda behind this", "an agenda to lock humanity", "their global agenda"
            _seq(AGENDA_QUALIFIERS, ANY, "agenda"),
            _seq("agenda", "behind"),
            _seq({"an", "the"}, "agenda", "to"),
            _seq(
                {"orchestrated", "engineered", "manufactured", "planned", "staged", "directed"},
                {"at", "from"},
                "the",
                {"highest", "top"},
                {"levels", "level"},
            ),
            _seq("under", "the", {"false", "guise", "pretense", "pretence", "pretext"}),
            _seq(SECRET_THINGS - {"order"}, "behind", "closed", "doors"),
            _seq({"secretly", "covertly", "quietly"}, SECRET_ACTS),
            _seq({"a", "the", "this"}, {"secret", "covert"}, ANY, ANY, ANY, SECRET_THINGS),
            _seq({"unelected", "faceless"}, {"bureaucrats", "elites", "officials"}),
            _seq({"in", "done"}, "secret", {".", ",", "!"}),
            _seq("do", "it", "in", "secret"),
            # "there is an agenda!", "to secretly serve their agenda"
            _seq({"is", "'s"}, {"an", "a"}, {"agenda", "plot", "plan"}, {"!", "here", "behind"}),
            _seq(
                PUSH | {"serve", "serves", "serving", "advance", "advancing"},
                {"their", "an", "his", "its"},
                ANY,
                "agenda",
            ),
            # deceiving or watching whole groups
            _seq(DECEIVE, ANY, ANY, DECEIVED_GROUPS),
            _seq(SPY, "on", ANY, ANY, WATCHED),
            _seq({"watching", "monitoring", "tracking"}, {"everyone", "everybody"}),
            # "the government keep the secret", "kept the truth secret"
            _seq(
                {"keep", "keeps", "keeping", "kept"},
                ANY,
                ANY,
                {"secret", "secrets"},
                optional=frozenset(),
            ),
        ],
    ),
    (
        "suppression",
        0.45,
        "Claims the information is being silenced or censored, inviting belief without evidence.",
        [
            _seq({"being", "been", "was", "were", "get", "got", "getting"}, SILENCE_VERBS),
            _seq(
                {"they", "who"},
                {"tried", "try", "want", "wanted"},
                "to",
                {"silence", "censor", "bury", "suppress"},
            ),
            _seq(
                {"banned", "censored", "deleted", "suppressed"},
                {"video", "story", "report", "documentary"},
            ),
            _seq({"deleted", "scrubbed", "wiped"}, "from", "the", "internet"),
            # "being hidden from the public", "hid the evidence from public", "kept from you"
            _seq(WITHHOLD, ANY, ANY, ANY, "from", {"the", "ordinary", "average"}, THE_AUDIENCE),
            _seq(WITHHOLD, ANY, ANY, ANY, "from", ANY, AUDIENCE),
            _seq(WITHHOLD, ANY, ANY, ANY, "from", "public"),
            # "to conceal true statistics", "hiding the real numbers"
            _seq(
                WITHHOLD | {"bury", "burying", "suppress", "suppressing"},
                {"the", "its", "their"},
                {"true", "real", "actual"},
                optional=frozenset({1}),
            ),
            # silencing whoever disagrees: "out to silence your opposition", "silence free speech"
            _seq(
                SILENCE,
                ANY,
                ANY,
                {
                    "opposition",
                    "critics",
                    "dissent",
                    "speech",
                    "voices",
                    "truth",
                    "conservatives",
                    "christians",
                    "patriots",
                    "debate",
                    "dissenters",
                    "christianity",
                    "faith",
                    "religion",
                },
            ),
            _seq(
                {"internet", "online", "tech", "media", "google", "facebook", "youtube"},
                "censorship",
            ),
            # "an elaborate hoax", "to fool the world"
            _seq(
                {"elaborate", "giant", "massive", "huge", "gigantic"},
                {"hoax", "ruse", "deception", "fraud", "lie"},
            ),
            _seq(
                {
                    "fool",
                    "fooling",
                    "deceive",
                    "deceiving",
                    "dupe",
                    "duping",
                    "brainwash",
                    "brainwashing",
                },
                "the",
                THE_AUDIENCE,
            ),
        ],
    ),
    (
        "truth_claim",
        0.35,
        "Promises the 'real' story, implying the accepted account is false.",
        [
            _seq("the", "truth", {"about", "behind"}),
            _seq("the", {"shocking", "whole"}, "truth"),
            _seq("what", "really", {"happened", "happens", "happening", "goes"}),
            _seq("the", {"official"}, {"story", "narrative", "version", "line", "explanation"}),
            _seq({"official", "government's", "china's"}, ANY, {"story", "narrative"}),
            _seq({"here's", "here"}, "is", "the", "truth", optional=frozenset({1})),
            _seq("truth", {"comes", "came"}, "out"),
        ],
    ),
    (
        "pseudo_science",
        0.7,
        "Uses a label from health or science conspiracy theories.",
        [
            _seq({"plandemic", "scamdemic", "chemtrails", "chemtrail", "depopulation"}),
            # a disease cast as a weapon someone made
            _seq({"bioweapon", "bioweapons", "bio-weapon", "bio-weapons"}),
            _seq({"biological", "bio"}, HYPHEN, {"weapon", "weapons"}, optional=frozenset({1})),
            _seq({"lab-made", "man-made", "lab-created", "engineered"}, {"virus", "pathogen"}),
            _seq("big", "pharma"),
            _seq({"paid", "bought"}, {"agents", "shills", "mouthpieces"}, "of"),
        ],
    ),
]

_FAMILY_INFO = {family: (weight, explanation) for family, weight, explanation, _ in FAMILIES}


# Words too common to tell whether a sentence may hold a match.
COMMON_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "to",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "being",
        "it",
        "this",
        "that",
        "you",
        "they",
        "them",
        "their",
        "what",
        "who",
        "how",
        "why",
        "by",
        "from",
        "in",
        "on",
        "of",
        "up",
        "do",
        "does",
        "did",
        "don't",
        "doesn't",
        "n't",
        "not",
        "will",
        "wo",
        "won't",
        "get",
        "got",
        "your",
        "new",
        "real",
        "really",
        "see",
        "want",
        "wants",
        "wanted",
        "time",
        "read",
        "need",
        "tell",
        "hear",
        "big",
        "inside",
        "open",
        "whole",
        "try",
        "tries",
        "tried",
        "trying",
        "attempt",
        "attempting",
        "media",
        "nothing",
        "fake",
        "official",
        "liberal",
        "controlled",
        "carefully",
        "deliberately",
        "secretly",
        "pull",
        "pulls",
        "pulling",
        "line",
        "story",
        "version",
    ]
)


def _anchor(required: list[list[str]]) -> list[str]:
    """The required position to anchor a pattern on: the fewest common words, then the longest."""
    return min(
        required, key=lambda words: (len(COMMON_WORDS.intersection(words)), -min(map(len, words)))
    )


@lru_cache(maxsize=1)
def _patterns() -> TokenPatterns:
    """Every family's patterns compiled once (``nlp.patterns``), anchored on a rare word."""
    return TokenPatterns(
        ((family, patterns) for family, _, _, patterns in FAMILIES), anchor_for=_anchor
    )


_WORDS = re.compile(r"[\w'-]+")


def _told_before(analysed: AnalysedText, start: int) -> bool:
    """Whether "the truth about" is the object of telling or learning ("told Kyle the truth")."""
    preceding = _WORDS.findall(analysed.lower, max(start - 30, 0), start)[-3:]
    return bool(TELLING_VERBS.intersection(preceding))


# "press" or "media" as the first half of an office, not the news media: "party press secretary".
PRESS_COMPOUNDS = {"secretary", "secretaries", "conference", "conferences", "release", "releases"}
PRESS_COMPOUNDS |= {"office", "briefing", "briefings", "corps", "pass", "room", "statement"}
PRESS_COMPOUNDS |= {"officer", "aide", "team", "availability", "event"}


def _press_compound(analysed: AnalysedText, end: int) -> bool:
    """Whether the match's last word ("press") begins a compound like "press secretary"."""
    following = _WORDS.match(analysed.lower, end + 1) if end < len(analysed.lower) else None
    return following is not None and following.group(0) in PRESS_COMPOUNDS


_MEDIA_WORD = re.compile(r"\b(?:media|press|newsmedia|networks|msm)\b")
# Words before "media" that make it something else than the news media.
NOT_NEWS_MEDIA = {"social", "digital", "state", "chinese", "russian", "iranian", "foreign"}


# A verb that reports someone else's accusation: "The White House accused the media of
# misrepresenting Trump's comment" is the reporter relaying a charge, not making it.
ACCUSING = _forms("accuse", "blame", "criticize", "criticise", "fault", "charge")


# Words after "the media" that open another clause or report what others did: in "The media
# reported that the company had fabricated the results" the deceit is not the media's.
CLAUSE_OPENERS = {"that", "who", "which", "whether", "because", "if", "when", "after", "while"}
CLAUSE_OPENERS |= {"how", "what", "why", "where", "as", "since", "about", "on", "of"}
CLAUSE_OPENERS |= _forms("report", "say", "show", "find", "reveal", "note", "quote", "cite")
CLAUSE_OPENERS |= {"said", "found", "shown", "describe", "described", "asked", "told"}


def _media_actor(analysed: AnalysedText, start: int, end: int) -> bool:
    """Whether the media word in ``start:end`` names the news media as one actor in the
    writer's charge: not "social media" or a foreign state's outlets, not the first half of
    "press release", not the object of a reported accusation ("accused the media of"), and
    with no other clause or report between it and the deceit ("reported that ... fabricated")."""
    found = _MEDIA_WORD.search(analysed.lower, start, end)
    if found is None:
        return False
    before = _WORDS.findall(analysed.lower, max(found.start() - 30, 0), found.start())[-2:]
    accuser = _WORDS.findall(analysed.lower, max(start - 30, 0), start)[-2:]
    between = _WORDS.findall(analysed.lower, found.end(), end)
    return (
        not NOT_NEWS_MEDIA.intersection(before)
        and not ACCUSING.intersection(accuser)
        and not CLAUSE_OPENERS.intersection(between[:-1])
        and not _press_compound(analysed, found.end())
    )


def _clothing_nearby(analysed: AnalysedText, start: int, end: int) -> bool:
    """Whether a clothing/make-up word sits within about 40 characters of ``start:end``."""
    words = _WORDS.findall(analysed.lower, max(start - 40, 0), end + 40)
    return bool(CLOTHING.intersection(words))


# "kept" as the second half of an adjective before "secret": "the worst-kept secret in
# television" (one everybody knows: probe s50 S4, read as hidden actors), "Europe's best kept
# secret", "a well-kept secret", "a closely kept secret". It names a secret, not someone keeping
# the truth from the public ("the government kept the truth secret").
_KEPT_DEGREE = {"worst", "best", "well", "badly", "poorly", "least", "most", "closely", "tightly"}
_KEPT_DEGREE |= {"jealously", "long", "better", "open", "ill"}


def _kept_as_adjective(analysed: AnalysedText, start: int, end: int) -> bool:
    """Whether a "keep ... secret" match is "kept secret" with "kept" the second half of an
    adjective: a hyphen or a degree word right before it (:data:`_KEPT_DEGREE`)."""
    words = _WORDS.findall(analysed.lower, start, end)
    if len(words) != 2 or words[0] != "kept" or words[1] not in {"secret", "secrets"}:
        return False
    if analysed.lower[start - 1 : start] == "-":
        return True
    before = _WORDS.findall(analysed.lower, max(start - 20, 0), start)
    return bool(before) and before[-1] in _KEPT_DEGREE


@register(NAME, SignalKind.CONSPIRACY_FRAMING)
def detect_conspiracy_framing(analysed: AnalysedText) -> list[Signal]:
    """Phrases framing events as a cover-up, secret truth, hidden actors or suppression."""

    def plausible(match: tuple[str, int, int]) -> bool:
        family, start, end = match
        if family == "cover_up" and _clothing_nearby(analysed, start, end):
            return False
        if family == "media_distrust" and _press_compound(analysed, end):
            return False
        if family == "media_deceit" and not _media_actor(analysed, start, end):
            return False
        if family == "hidden_actors" and _kept_as_adjective(analysed, start, end):
            return False
        return not (family == "truth_claim" and _told_before(analysed, start))

    signals: list[Signal] = []
    for family, start, end in longest_non_overlapping(_patterns().matches(analysed), plausible):
        weight, explanation = _FAMILY_INFO[family]
        signals.append(
            make_signal(
                analysed,
                start,
                end,
                kind=SignalKind.CONSPIRACY_FRAMING,
                detector=NAME,
                weight=weight,
                explanation=explanation,
                family=family,
            )
        )
    return sorted(signals, key=lambda s: s.start)
