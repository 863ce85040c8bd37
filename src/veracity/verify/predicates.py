"""One subject, another predicate: "Barack Obama was born in Kenya." and "Barack Obama grew up
in Kenya." share every argument and are two claims (deep path: it parses).

Each text's predicate is its parse root when that is a verb with its own subject, no light verb
("be", "have", "say", "show": :data:`LIGHT_VERBS`), no verb of telling or of intent ("announce",
"plan": :data:`TELLING_VERBS`), no outcome word that the guard's outcome part reads ("failed",
"rose", "won": :func:`veracity.verify.cues.is_outcome_word`) when the other text states an
outcome, and without an open clausal complement ("plans to split"); the predicate is the root's
lemma with its particle ("grow up").
An outcome word is left to the outcome part only when the other text states an outcome too
("failed" / "voted down": "rejected"); against a text that states none it is a predicate like any
other ("died" / "were rescued": probe s49 V7, a fact-check of a death toll shown for a claim of a
rescue).
Two texts state other claims when both have one, neither predicate's verb is a word of the other
text (by its first :data:`STEM` letters, or as a lemma: "lost" / "... after losing"), every
content word of the side with fewer (at least 2, the predicate's words left out) is a word of
the other, and WordNet 3.0 (:mod:`veracity.nlp.verb_senses`) holds both predicates with no sense
of one within :data:`WORDNET_STEPS` hypernym or hyponym links of a sense of the other ("back" /
"support" share a synset, "slash" is a manner of "cut", "approve" / "sign" are 3 links apart;
"bear" / "grow up" are not within 4) and none the other's antonym ("sell" / "purchase": a
converse). A predicate WordNet does not hold is no other predicate.

Measured on the store build's 656 dev queries (docs/benchmarks.md "One subject, another
predicate, by WordNet's verbs"): no dev candidate's flag changes; the probe's pair is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from veracity.nlp.document import load_pipeline
from veracity.nlp.verb_senses import SYNSETS
from veracity.verify.cues import content_words, fold_outcome_phrases, is_outcome_word
from veracity.verify.stance import tokenize

LIGHT_VERBS = frozenset(
    {
        "be", "have", "do", "get", "make", "take", "give", "go", "come", "say", "tell",
        "become", "seem", "show", "report", "claim", "find", "reveal", "want", "need",
    }
)  # fmt: skip
TELLING_VERBS = frozenset(
    {
        "announce", "confirm", "admit", "state", "declare", "insist", "suggest", "warn",
        "explain", "write", "post", "tweet", "plan", "hope", "try", "expect", "promise",
        "agree", "decide", "begin", "start", "continue",
    }
)  # fmt: skip
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
STEM = 5  # letters by which words are compared
WORDNET_STEPS = 3  # hypernym / hyponym links within which two predicates are one
# A predicate's words (verb, lemma, particles) are at most 4 of a side's content words in
# practice: a pair whose sides each hold more words the other lacks shares no arguments.
_MAX_OWN_WORDS = 4


@dataclass(frozen=True)
class _Predicate:
    name: str  # the lemma with its particles, "grow up"
    lemma: str
    arguments: frozenset[str]  # the text's other content words, first STEM letters
    lemmas: frozenset[str]  # every lemma of the text
    outcome: bool  # the predicate is an outcome word ("died", "failed")
    states_outcome: bool  # a word of the text is one ("voted down": "rejected")


@dataclass(frozen=True)
class _Verbs:
    senses: dict[str, frozenset[int]]  # each verb lemma's synsets
    links: tuple[frozenset[int], ...]  # each synset's hypernyms and hyponyms
    antonyms: tuple[frozenset[int], ...]  # the synsets of each synset's lemmas' antonyms
    causes: tuple[frozenset[int], ...]  # the synsets each synset causes ("kill": "die")


@lru_cache(maxsize=1)
def _wordnet() -> _Verbs:
    senses: dict[str, set[int]] = {}
    hypernyms: list[list[int]] = []
    antonyms: list[frozenset[int]] = []
    causes: list[frozenset[int]] = []
    for number, line in enumerate(SYNSETS.splitlines()):
        lemmas, above, opposite, caused = line.split("|")
        for lemma in lemmas.split():
            senses.setdefault(lemma, set()).add(number)
        hypernyms.append([int(h) for h in above.split()])
        antonyms.append(frozenset(int(a) for a in opposite.split()))
        causes.append(frozenset(int(c) for c in caused.split()))
    links: list[set[int]] = [set(of) for of in hypernyms]
    for number, of in enumerate(hypernyms):
        for hypernym in of:
            links[hypernym].add(number)  # a hyponym
    return _Verbs(
        {lemma: frozenset(s) for lemma, s in senses.items()},
        tuple(frozenset(s) for s in links),
        tuple(antonyms),
        tuple(causes),
    )


def _senses(predicate: str) -> frozenset[int]:
    """The predicate's synsets: with its particle where WordNet has that ("grow_up"), and its
    verb's."""
    senses = _wordnet().senses
    words = predicate.split()
    return senses.get("_".join(words), frozenset()) | senses.get(words[0], frozenset())


def same_predicate(first: str, second: str) -> bool:
    """Whether WordNet lacks either predicate, or a sense of one is within
    :data:`WORDNET_STEPS` hypernym / hyponym links of a sense of the other, is its antonym or
    causes it: a converse states the same fact ("we sell 40 percent of our guns" / "40 percent
    of guns are purchased"), and an opposite is the outcome part's to read, not this guard's; a
    cause states its effect ("three people were killed" / "three people died")."""
    a, b = _senses(first), _senses(second)
    if not a or not b:
        return True
    verbs = _wordnet()
    if any(verbs.antonyms[s] & b for s in a) or any(verbs.antonyms[s] & a for s in b):
        return True
    if any(verbs.causes[s] & b for s in a) or any(verbs.causes[s] & a for s in b):
        return True
    links = verbs.links
    seen, frontier = set(a), set(a)
    for _ in range(WORDNET_STEPS + 1):
        if frontier & b:
            return True
        frontier = {n for s in frontier for n in links[s]} - seen
        seen |= frontier
    return False


@lru_cache(maxsize=4096)
def _predicate(text: str) -> _Predicate | None:
    doc = load_pipeline("deep")(text)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if len(roots) != 1:
        return None
    root = roots[0]
    lemma = root.lemma_.lower()
    if root.pos_ != "VERB" or lemma in LIGHT_VERBS or lemma in TELLING_VERBS:
        return None
    if any(c.dep_ == "xcomp" for c in root.children):
        return None
    if not any(c.dep_ in _SUBJECTS for c in root.children):
        return None
    particles = [c.lower_ for c in root.children if c.dep_ == "prt"]
    name = " ".join([lemma, *particles])
    own = {root.lower_[:STEM], lemma[:STEM], *(p[:STEM] for p in particles)}
    words = {w[:STEM] for w in content_words(doc.text)}
    return _Predicate(
        name,
        lemma,
        frozenset(words - own),
        frozenset(t.lemma_.lower() for t in doc),
        not particles and (is_outcome_word(root.lower_) or is_outcome_word(lemma)),
        any(is_outcome_word(w) for w in tokenize(fold_outcome_phrases(doc.text))),
    )


@lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    return frozenset(t[:STEM] for t in tokenize(text))


def _may_share_arguments(first: str, second: str) -> bool:
    """A bound without the parse: the side with fewer arguments lacks at most its predicate's
    words from the other."""
    missing_first = {w[:STEM] for w in content_words(first)} - _stems(second)
    missing_second = {w[:STEM] for w in content_words(second)} - _stems(first)
    return min(len(missing_first), len(missing_second)) <= _MAX_OWN_WORDS


def other_predicate(first: str, second: str) -> bool:
    """Whether the two texts state another predicate of the same arguments (symmetric; texts
    without a leading "Says")."""
    if first == second or not _may_share_arguments(first, second):
        return False
    # the claim's side first: most claims have no predicate, or one the candidate states
    a = _predicate(first)
    if a is None or a.lemma[:STEM] in _stems(second):
        return False
    b = _predicate(second)
    if b is None or b.lemma[:STEM] in _stems(first):
        return False
    if a.lemma in b.lemmas or b.lemma in a.lemmas:
        return False
    # an outcome word against a text stating an outcome is the outcome part's to read
    if (a.outcome and b.states_outcome) or (b.outcome and a.states_outcome):
        return False
    fewer, more = (
        (a.arguments, second) if len(a.arguments) <= len(b.arguments) else (b.arguments, first)
    )
    if len(fewer) < 2 or not fewer <= _stems(more):
        return False
    return not same_predicate(a.name, b.name)
