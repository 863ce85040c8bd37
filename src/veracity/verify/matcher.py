"""Re-ranking fact-check candidates: the probability that a candidate states the query's claim.

Embedding cosine alone confuses two headlines of one story that make different claims with two
wordings of one claim. The ranker adds what a reader checks: how many of the rare words (names,
places, figures; weighted by inverse document frequency over the store) the two share, in both
directions, whether their figures agree, how far the candidate stands above the query's other
candidates, the MinHash and polarity evidence of :mod:`veracity.verify.factchecks`, which side
denies, hedges ("reportedly", "claims") or asks, and the word and character 4-gram TF-IDF cosines
(IDF over the store). The probability is the mean of a logistic regression and a gradient-boosted
tree model over these :data:`MATCH_FEATURES`, both fitted when the store is calibrated
(:func:`veracity.verify.calibrate.build_factchecks`) on dev queries only. Chosen on out-of-fold
dev probabilities (folds by FNC-1 story): real-paraphrase recall 0.799 at precision 0.972 for the
mean, 0.752 for the regression alone, 0.726 for the trees alone, and 0.693 for the regression
over the first 18 features (the previous ranker). It ships only when its held-out precision
holds the floor too (:func:`veracity.verify.calibrate.shipped_rule`). Tried and dropped on the same dev folds: a
linear adapter on the MiniLM vectors (fine-tuned on dev-story pairs, top-1 accuracy 0.875 ->
0.847), a KISSME metric on them (no gain held out) and BERTScore-style token alignment from the
frozen MiniLM (0.690-0.726 with it).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from veracity.errors import ModelError
from veracity.threads import one_openmp_thread

MATCH_FEATURES = (
    "cosine",
    "jaccard",
    "rank",
    "below_best_cosine",
    "above_next_cosine",
    "query_words_shared",
    "candidate_words_shared",
    "word_jaccard",
    "query_names_shared",
    "candidate_names_shared",
    "both_have_figures",
    "figures_shared",
    "log_length_ratio",
    "conflict",
    "query_rarity_shared",
    "candidate_rarity_shared",
    "rarest_shared_word",
    "top_candidate",
    "query_negated",
    "query_debunking",
    "candidate_negated",
    "candidate_debunking",
    "query_hedged",
    "candidate_hedged",
    "query_question",
    "candidate_question",
    "word_tfidf_cosine",
    "char_tfidf_cosine",
    "above_next_word_cosine",
    "candidates_near_cosine",
    "query_length",
    "candidate_length",
    "denial_difference",
)
_WORD = re.compile(r"[a-z0-9]+")
_NAME = re.compile(r"\b[A-Z][a-zA-Z]+|\b[A-Z]{2,}\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_HEDGE = re.compile(r"\b(claims?|reports?|reportedly|rumou?rs?|allegedly|says?|said)\b", re.I)
_DENIAL = re.compile(
    r"\b(fake|hoax|false|myth|debunked|baseless|untrue|bogus|den(y|ies|ied)|not|no|never"
    r"|isn.t|didn.t|wasn.t|aren.t|doesn.t)\b",
    re.I,
)
NEAR_COSINE = 0.05  # "candidates_near_cosine": candidates within this of the candidate's cosine


# Words that flip or deny a statement: "X is a hoax" / "X is not a hoax" embed almost alike.
NEGATORS = frozenset(
    [
        *("not", "no", "never", "nothing", "none", "nobody", "nor", "cannot"),
        # contractions written without their apostrophe, as LIAR's statements have them (659
        # in the store: "the measles vaccine doesnt cause autism" read as affirming it)
        *("dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "hasnt", "havent"),
        *("hadnt", "cant", "couldnt", "wont", "wouldnt", "shouldnt", "aint", "neednt", "mustnt"),
    ]
)
DEBUNKING_WORDS = frozenset(
    [
        "fake",
        "hoax",
        "hoaxes",
        "false",
        "myth",
        "debunked",
        "baseless",
        "untrue",
        "bogus",
        "deny",
        "denies",
        "denied",
    ]
)
_POLARITY_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# A debunk frame beyond the words: a deceit's other forms ("exposed as a hoaxer", "faked",
# "two boobs and a lie", "liars"), and the story told as what people were fooled into believing
# ("people actually believed Argentina's president adopted ...", "the internet fell for").
_DEBUNK_FRAME = re.compile(
    r"\b(?:hoax(?:er|ers|ed|ing)|fak(?:ed|es|ery|ing)|lied|liars?|debunk(?:s|ing)?|"
    r"exposed\s+as|(?:duped|fooled|tricked|conned)\s+(?:into|by)|"
    r"(?:people|everyone|everybody|internet|fans|readers|users|millions|thousands|many)\s+"
    r"(?:\w+\s+)?(?:believed|fell\s+for|were\s+(?:fooled|duped|tricked)))\b"
)


# "lie" and "lies" are a deceit ("a lie", "three lies in ten seconds", "they lie about it") unless
# they are the verb of place: "the answer lies in ...", "danger lies ahead", "the fault lies with
# them" (its past is "lay", so "lied" is always the deceit). The verb of place is followed by
# where, and has a subject before it: not the text's start, nor a word that makes "lie" a noun
# (a determiner, a possessive, a count, "such", a verb of telling) or says who deceives ("they").
_LIE = re.compile(r"\blies?\b")
_PLACE_AFTER = re.compile(
    r"\s+(?:in|on|at|ahead|within|beneath|behind|between|with|beyond|under|among|outside|"
    r"inside|near|across|along|down|dormant|idle|low|still|buried|somewhere|elsewhere|there|here)"
    r"\b"
)
_NOUN_BEFORE = re.compile(
    r"(?:^\W*|\b(?:a|an|the|his|her|their|its|my|our|your|this|these|those|such|many|more|most|"
    r"no|any|some|all|of|and|big|white|outright|blatant|tell|tells|told|telling|spread|spreads|"
    r"spreading|i|you|we|they|\d+|two|three|four|five|six|seven|eight|nine|ten|dozens|"
    r"hundreds|thousands|millions)\s+)$"
)


# _NOUN_BEFORE's words, read whole: the word before a "lie" is found from its end
# (:func:`_noun_before`), since searching the text before each "lie" for the pattern cost the
# square of the text: 40 KB of "x lies in " took 4.2 s, as a long imported fact-check's
# statement does on every claim matched near it (hostile round 6).
_NOUN_WORD = re.compile(_NOUN_BEFORE.pattern.split(r"\b(?:", 1)[1].rsplit(r")\s+)$", 1)[0])
_HAS_WORD = re.compile(r"\w")


def _deceit_lie(lowered: str) -> bool:
    """Whether ``lowered`` says "lie" or "lies" in the sense of a deceit, not of a place."""
    first_word = _HAS_WORD.search(lowered)
    return any(
        not (
            _PLACE_AFTER.match(lowered, m.end())
            and not _noun_before(lowered, m.start(), first_word.start() if first_word else 0)
        )
        for m in _LIE.finditer(lowered)
    )


def _noun_before(lowered: str, end: int, first_word: int) -> bool:
    """What ``_NOUN_BEFORE.search(lowered, 0, end)`` finds, read back from ``end``: nothing
    but non-word characters before it, or one of its words then white space."""
    if end <= first_word:  # ^\W*$
        return True
    start = end
    while start > 0 and lowered[start - 1].isspace():
        start -= 1
    if start == end:  # no white space before it: no word of the list ends there
        return False
    word = start
    while word > 0 and (lowered[word - 1].isalnum() or lowered[word - 1] == "_"):
        word -= 1
    return _NOUN_WORD.fullmatch(lowered, word, start) is not None


_DENYING_WORDS = frozenset({"deny", "denies", "denied"})


def polarity(text: str) -> tuple[bool, bool]:
    """(has a negator, debunks): a text debunks when it has a debunking word or frame
    (:data:`DEBUNKING_WORDS`, :data:`_DEBUNK_FRAME`, a lie told: :func:`_deceit_lie`) or a denial,
    but not both: a denial of a debunk states the claim ("woman with three breasts denies
    surgery hoax claims"). "Or not" offers an alternative and negates nothing ("Is 'Crabzilla'
    real or not?", "whether or not they can pay")."""
    lowered = text.lower().replace("\u2019", "'")
    words = _POLARITY_WORD.findall(lowered)
    denies = any(w in _DENYING_WORDS for w in words)
    deceit = (
        any(w in DEBUNKING_WORDS - _DENYING_WORDS for w in words)
        or bool(_DEBUNK_FRAME.search(lowered))
        or _deceit_lie(lowered)
    )
    negated = any(
        (w in NEGATORS and not (w == "not" and before == "or")) or w.endswith("n't")
        for before, w in zip(["", *words], words, strict=False)
    )
    return negated, denies != deceit


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS and len(w) > 1}


def _names(text: str) -> set[str]:
    return {w.lower() for w in _NAME.findall(text)} - ENGLISH_STOP_WORDS


def _share(part: set, whole: set) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _cosines_to_first(vectors: Any) -> np.ndarray:
    """Cosine of each row but the first to the first (TF-IDF rows are unit length)."""
    return np.asarray((vectors[1:] @ vectors[0].T).toarray(), dtype=np.float64).ravel()


class _MeanProbability:
    """The mean of the fitted models' ``predict_proba``."""

    def __init__(self, models: list) -> None:
        self.models = models

    def fit(self, features: np.ndarray, labels: np.ndarray) -> _MeanProbability:
        for model in self.models:
            model.fit(features, labels)
        return self

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        return np.mean([m.predict_proba(features) for m in self.models], axis=0)


class MatchRanker:
    """:data:`MATCH_FEATURES` into the mean of a standardised logistic regression and gradient-
    boosted trees; IDF and TF-IDF vectorisers from the store."""

    def __init__(self, C: float = 1.0) -> None:
        self.C = C

    def fit_rarity(self, statements: Sequence[str]) -> MatchRanker:
        """Inverse document frequencies of the words of ``statements`` (the store), and the word
        and character 4-gram TF-IDF vectorisers fitted on them."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        counts = Counter(w for s in statements for w in _words(s))
        self.documents_ = len(statements)
        self.idf_ = {w: float(np.log((self.documents_ + 1) / (c + 1))) for w, c in counts.items()}
        self.word_tfidf_ = TfidfVectorizer(
            sublinear_tf=True, stop_words="english", dtype=np.float32
        ).fit(statements)
        self.char_tfidf_ = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(4, 4), sublinear_tf=True, dtype=np.float32
        ).fit(statements)
        return self

    def _idf(self, word: str) -> float:
        return self.idf_.get(word, float(np.log(self.documents_ + 1)))

    def _rarity_share(self, part: set[str], whole: set[str]) -> float:
        # fsum: exactly rounded, so the share does not depend on the sets' iteration order
        # (string hashing differs per process; a plain sum made the store build irreproducible)
        total = math.fsum(self._idf(w) for w in part)
        return math.fsum(self._idf(w) for w in part & whole) / total if total else 0.0

    def features(
        self,
        query: str,
        statements: Sequence[str],
        cosines: Sequence[float],
        jaccards: Sequence[float],
        conflicts: Sequence[bool],
    ) -> np.ndarray:
        """``(len(statements), len(MATCH_FEATURES))`` features of one query's candidates,
        given best cosine first."""
        return self.features_of_many([(query, statements, cosines, jaccards, conflicts)])[0]

    def features_of_many(
        self,
        queries: Sequence[
            tuple[str, Sequence[str], Sequence[float], Sequence[float], Sequence[bool]]
        ],
    ) -> list[np.ndarray]:
        """:meth:`features` of several queries ``(query, statements, cosines, jaccards,
        conflicts)``, their texts vectorised together (a call costs less than many)."""
        if not hasattr(self, "word_tfidf_"):
            raise ModelError(
                "the fact-check re-ranker was fitted by an older version; "
                "run: veracity factchecks build"
            )
        texts = [text for query, statements, *_ in queries for text in (query, *statements)]
        if not texts:
            return []
        word_vectors = self.word_tfidf_.transform(texts)
        char_vectors = self.char_tfidf_.transform(texts)
        found, start = [], 0
        for query, statements, cosines, jaccards, conflicts in queries:
            part = slice(start, start + 1 + len(statements))
            start = part.stop
            found.append(
                self._features(
                    query,
                    statements,
                    cosines,
                    jaccards,
                    conflicts,
                    _cosines_to_first(word_vectors[part]),
                    _cosines_to_first(char_vectors[part]),
                )
            )
        return found

    def _features(
        self,
        query: str,
        statements: Sequence[str],
        cosines: Sequence[float],
        jaccards: Sequence[float],
        conflicts: Sequence[bool],
        word_cosines: np.ndarray,
        char_cosines: np.ndarray,
    ) -> np.ndarray:
        query_words, query_names = _words(query), _names(query)
        query_figures = set(_NUMBER.findall(query))
        query_negated, query_debunking = polarity(query)
        query_denies = bool(_DENIAL.search(query))
        cosine_array = np.asarray(cosines, dtype=np.float64)
        rows = []
        for rank, statement in enumerate(statements):
            words, names = _words(statement), _names(statement)
            figures = set(_NUMBER.findall(statement))
            others = [c for i, c in enumerate(cosines) if i != rank]
            other_words = np.delete(word_cosines, rank)
            shared = query_words & words
            negated, debunking = polarity(statement)
            rows.append(
                [
                    cosines[rank],
                    jaccards[rank],
                    float(rank),
                    max(cosines) - cosines[rank],
                    cosines[rank] - max(others, default=0.0),
                    _share(query_words, words),
                    _share(words, query_words),
                    len(shared) / max(1, len(query_words | words)),
                    _share(query_names, names),
                    _share(names, query_names),
                    float(bool(query_figures and figures)),
                    float(bool(query_figures & figures)),
                    float(np.log((1 + len(query)) / (1 + len(statement)))),
                    float(conflicts[rank]),
                    self._rarity_share(query_words, words),
                    self._rarity_share(words, query_words),
                    max((self._idf(w) for w in shared), default=0.0),
                    float(rank == 0),
                    float(query_negated),
                    float(query_debunking),
                    float(negated),
                    float(debunking),
                    float(bool(_HEDGE.search(query))),
                    float(bool(_HEDGE.search(statement))),
                    float("?" in query),
                    float("?" in statement),
                    float(word_cosines[rank]),
                    float(char_cosines[rank]),
                    float(word_cosines[rank] - other_words.max(initial=0.0)),
                    float((cosine_array > cosines[rank] - NEAR_COSINE).sum()),
                    float(len(query.split())),
                    float(len(statement.split())),
                    float(query_denies) - float(bool(_DENIAL.search(statement))),
                ]
            )
        return np.asarray(rows, dtype=np.float64).reshape(len(statements), len(MATCH_FEATURES))

    def fit(self, features: np.ndarray, same_claim: np.ndarray) -> MatchRanker:
        """Fit on candidate features and whether each candidate is the query's claim."""
        from sklearn.ensemble import HistGradientBoostingClassifier

        self.model_ = _MeanProbability(
            [
                make_pipeline(StandardScaler(), LogisticRegression(C=self.C, max_iter=3000)),
                HistGradientBoostingClassifier(
                    max_iter=200,
                    learning_rate=0.05,
                    max_leaf_nodes=15,
                    min_samples_leaf=20,
                    random_state=0,
                ),
            ]
        ).fit(features, same_claim.astype(int))
        return self

    def probability(self, features: np.ndarray) -> np.ndarray:
        """The probability that each candidate states the query's claim."""
        if not len(features):
            return np.zeros(0)
        with one_openmp_thread():  # its boosted half: see veracity.threads
            return self.model_.predict_proba(features)[:, 1]
