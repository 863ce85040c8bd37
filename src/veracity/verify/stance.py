"""Claim-evidence stance: does a passage agree with, disagree with, discuss, or not relate to a claim?

A two-stage FNC-1 style model on classical features: a gradient-boosted related/unrelated
classifier, then a gradient-boosted agree/disagree/discuss classifier on the related pairs.
Training lives in :mod:`veracity.verify.train_stance`; this module is features and inference.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from veracity.artefacts import ARTEFACTS
from veracity.threads import one_openmp_thread

STANCE = ARTEFACTS["stance"]
STANCE_LABELS = ("agree", "disagree", "discuss", "unrelated")

REFUTING_WORDS = frozenset(
    [
        "fake",
        "fraud",
        "hoax",
        "false",
        "deny",
        "denies",
        "denied",
        "denying",
        "not",
        "despite",
        "nope",
        "doubt",
        "doubts",
        "bogus",
        "debunk",
        "debunked",
        "debunks",
        "prank",
        "pranks",
        "retract",
        "retracts",
        "retracted",
        "refute",
        "refutes",
        "refuted",
        "untrue",
        "myth",
        "satire",
        "satirical",
        "misleading",
        "baseless",
        "fabricated",
        "dismiss",
        "dismissed",
        "rejects",
        "rejected",
        "contrary",
        "never",
        "no",
    ]
)
HEDGING_WORDS = frozenset(
    [
        "alleged",
        "allegedly",
        "apparently",
        "appear",
        "appears",
        "claim",
        "claims",
        "claimed",
        "could",
        "evidently",
        "largely",
        "likely",
        "mainly",
        "may",
        "maybe",
        "might",
        "mostly",
        "perhaps",
        "presumably",
        "probably",
        "purported",
        "purportedly",
        "reported",
        "reportedly",
        "rumor",
        "rumour",
        "rumors",
        "rumours",
        "rumored",
        "rumoured",
        "says",
        "said",
        "seem",
        "seems",
        "somewhat",
        "supposedly",
        "unconfirmed",
        "unverified",
        "suggests",
        "suggest",
        "possibly",
        "speculation",
        "according",
    ]
)
CONFIRMING_WORDS = frozenset(
    [
        "confirmed",
        "confirms",
        "confirm",
        "official",
        "officially",
        "announced",
        "announces",
        "revealed",
        "shows",
        "proves",
        "proved",
        "verified",
        "indeed",
        "actually",
        "statement",
    ]
)
NEGATIONS = frozenset(
    ["not", "no", "never", "n't", "nothing", "none", "nobody", "neither", "nor", "without"]
)

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[\"'“A-Z0-9])|\n+")
_LEAD_CHARS = 255
_POLARITY_CHARS = 600


# Typographic apostrophes read as the plain one: "didn’t" is "didn't", not "didn" and "t".
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
# A contracted negation is written out, so that it reads as the negation it is ("hasn't": "has",
# "not"); these stems change on the way ("won't": "will not", "can't": "can not").
_NEGATED_STEMS = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}


# "failed to lower costs" did not lower them: a failure to do is read as a negation too ("fail",
# then "not"), while a vote that failed ("the bill failed in the Senate") is an outcome.
_FAIL = frozenset({"fail", "fails", "failed", "failing"})


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens, contracted negations written out ("didn't", "didn’t", "cannot":
    "did" / "can", then "not") and a failure to do read as one ("failed to": "failed", "not",
    "to")."""
    tokens: list[str] = []
    words = _TOKEN.findall(text.lower().translate(_APOSTROPHES))
    for i, token in enumerate(words):
        if token.endswith("n't") and len(token) > 3:
            stem = token[:-3]
            tokens += [_NEGATED_STEMS.get(stem, stem), "not"]
        elif token == "cannot":
            tokens += ["can", "not"]
        elif token in _FAIL and i + 1 < len(words) and words[i + 1] == "to":
            tokens += [token, "not"]
        else:
            tokens.append(token)
    return tokens


def split_sentences(text: str) -> list[str]:
    """A light regex sentence split (bodies are long; spaCy would be slow here)."""
    return [s.strip() for s in _SENTENCE_BREAK.split(text) if s and s.strip()]


def _content(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in ENGLISH_STOP_WORDS and len(t) > 1]


def _ngrams(tokens: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def _char_grams(text: str, n: int = 4) -> set[str]:
    squashed = " ".join(tokenize(text))
    return {squashed[i : i + n] for i in range(len(squashed) - n + 1)}


def _fraction(part: set, whole: set) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _lexicon_rate(tokens: list[str], lexicon: frozenset[str]) -> float:
    return sum(t in lexicon for t in tokens) / max(len(tokens), 1) * 100.0


@lru_cache(maxsize=1)
def _vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


class StanceFeaturizer(BaseEstimator):
    """Turns (claim, passage) pairs into a dense feature matrix; ``fit`` learns the TF-IDF."""

    feature_names = (
        "tfidf_cosine",
        "top_sentence_cosine",
        "top3_sentence_cosine",
        "lead_cosine",
        "token_jaccard",
        "unigram_hits",
        "bigram_hits",
        "trigram_hits",
        "unigram_lead_hits",
        "bigram_lead_hits",
        "char4_hits",
        "claim_refuting",
        "claim_hedging",
        "claim_question",
        "claim_negation",
        "claim_polarity",
        "body_refuting",
        "body_hedging",
        "body_confirming",
        "body_negation",
        "top_refuting",
        "top_hedging",
        "top_confirming",
        "top_negation",
        "lead_polarity",
        "refuting_parity",
        "body_log_tokens",
        "claim_tokens",
        "body_questions",
    )

    def __init__(self, max_features: int = 50_000) -> None:
        self.max_features = max_features

    def fit(self, claims: Sequence[str], passages: Sequence[str]) -> StanceFeaturizer:
        """Learn the TF-IDF vocabulary from the training claims and (distinct) passages."""
        self.tfidf_ = TfidfVectorizer(
            ngram_range=(1, 2),
            stop_words="english",
            sublinear_tf=True,
            min_df=2,
            max_features=self.max_features,
            dtype=np.float32,
        )
        self.tfidf_.fit(list(dict.fromkeys(claims)) + list(dict.fromkeys(passages)))
        return self

    def transform(self, claims: Sequence[str], passages: Sequence[str]) -> np.ndarray:
        """``(n_pairs, n_features)`` float32 features."""
        unique_claims = list(dict.fromkeys(claims))
        unique_passages = list(dict.fromkeys(passages))
        claim_vectors = self.tfidf_.transform(unique_claims)
        claim_cache = {
            c: self._claim_side(c, claim_vectors[i]) for i, c in enumerate(unique_claims)
        }
        passage_vectors = self.tfidf_.transform(unique_passages)
        lead_vectors = self.tfidf_.transform([p[:_LEAD_CHARS] for p in unique_passages])
        sentences = [split_sentences(p) or [p] for p in unique_passages]
        sentence_vectors = self.tfidf_.transform([s for group in sentences for s in group])
        passage_cache = {}
        offset = 0
        for i, passage in enumerate(unique_passages):
            rows = sentence_vectors[offset : offset + len(sentences[i])]
            offset += len(sentences[i])
            passage_cache[passage] = self._passage_side(
                passage, passage_vectors[i], lead_vectors[i], sentences[i], rows
            )
        rows = [
            self._pair(claim_cache[c], passage_cache[p])
            for c, p in zip(claims, passages, strict=True)
        ]
        return np.asarray(rows, dtype=np.float32).reshape(len(rows), len(self.feature_names))

    def _claim_side(self, claim: str, vector) -> dict:
        tokens = tokenize(claim)
        content = _content(tokens)
        return {
            "vector": vector,
            "tokens": tokens,
            "content": set(content),
            "bigrams": _ngrams(content, 2),
            "trigrams": _ngrams(content, 3),
            "chars": _char_grams(claim),
            "features": [
                _lexicon_rate(tokens, REFUTING_WORDS),
                _lexicon_rate(tokens, HEDGING_WORDS),
                float("?" in claim),
                _lexicon_rate(tokens, NEGATIONS),
                _vader().polarity_scores(claim)["compound"],
            ],
        }

    def _passage_side(self, passage: str, vector, lead_vector, sentences, sentence_vectors) -> dict:
        tokens = tokenize(passage)
        content = _content(tokens)
        lead_content = _content(tokenize(passage[:_LEAD_CHARS]))
        return {
            "vector": vector,
            "lead_vector": lead_vector,
            "sentences": sentences,
            "sentence_vectors": sentence_vectors,
            "sentence_tokens": [tokenize(s) for s in sentences],
            "tokens": tokens,
            "content": set(content),
            "bigrams": _ngrams(content, 2),
            "trigrams": _ngrams(content, 3),
            "lead_content": set(lead_content),
            "lead_bigrams": _ngrams(lead_content, 2),
            "chars": _char_grams(passage),
            "features": [
                _lexicon_rate(tokens, REFUTING_WORDS),
                _lexicon_rate(tokens, HEDGING_WORDS),
                _lexicon_rate(tokens, CONFIRMING_WORDS),
                _lexicon_rate(tokens, NEGATIONS),
            ],
            # VADER is slow (tens of ms per text): the lead is enough for a polarity cue.
            "polarity": _vader().polarity_scores(passage[:_POLARITY_CHARS])["compound"],
            "questions": passage.count("?") / max(len(sentences), 1),
        }

    def _pair(self, claim: dict, passage: dict) -> list[float]:
        cosine = float(claim["vector"].multiply(passage["vector"]).sum())
        lead_cosine = float(claim["vector"].multiply(passage["lead_vector"]).sum())
        sentence_cosines = (passage["sentence_vectors"] @ claim["vector"].T).toarray().ravel()
        top = np.argsort(-sentence_cosines)[:3]
        top_tokens = [t for i in top for t in passage["sentence_tokens"][i]]
        union = claim["content"] | passage["content"]
        claim_refuting = claim["features"][0] > 0
        body_refuting = passage["features"][0] > 0
        return [
            cosine,
            float(sentence_cosines.max()) if sentence_cosines.size else 0.0,
            float(np.mean(sentence_cosines[top])) if sentence_cosines.size else 0.0,
            lead_cosine,
            len(claim["content"] & passage["content"]) / len(union) if union else 0.0,
            _fraction(claim["content"], passage["content"]),
            _fraction(claim["bigrams"], passage["bigrams"]),
            _fraction(claim["trigrams"], passage["trigrams"]),
            _fraction(claim["content"], passage["lead_content"]),
            _fraction(claim["bigrams"], passage["lead_bigrams"]),
            _fraction(claim["chars"], passage["chars"]),
            *claim["features"],
            *passage["features"],
            _lexicon_rate(top_tokens, REFUTING_WORDS),
            _lexicon_rate(top_tokens, HEDGING_WORDS),
            _lexicon_rate(top_tokens, CONFIRMING_WORDS),
            _lexicon_rate(top_tokens, NEGATIONS),
            passage["polarity"],
            float(claim_refuting == body_refuting),
            float(np.log1p(len(passage["tokens"]))),
            float(len(claim["tokens"])),
            passage["questions"],
        ]


class PairStanceMixin:
    """``predict`` of a (claim, passage) stance model whose ``predict_proba`` gives ``(n, 4)``
    probabilities in the order of :data:`STANCE_LABELS`: the likeliest label of each pair."""

    def predict_proba(self, claims: Sequence[str], passages: Sequence[str]) -> np.ndarray:
        raise NotImplementedError

    def predict(self, claims: Sequence[str], passages: Sequence[str]) -> np.ndarray:
        """The most likely stance label of each pair."""
        return self.labels_from_proba(self.predict_proba(claims, passages))

    @staticmethod
    def labels_from_proba(proba: np.ndarray) -> np.ndarray:
        """The likeliest label of each row."""
        return np.asarray(STANCE_LABELS, dtype=object)[np.argmax(proba, axis=1)]


class StanceModel(BaseEstimator, ClassifierMixin):
    """Two-stage stance classifier over :class:`StanceFeaturizer` features."""

    def __init__(self, max_iter: int = 300, learning_rate: float = 0.08, random_state: int = 0):
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.random_state = random_state

    def _boosting(self) -> HistGradientBoostingClassifier:
        return HistGradientBoostingClassifier(
            max_iter=self.max_iter,
            learning_rate=self.learning_rate,
            max_leaf_nodes=31,
            l2_regularization=1.0,
            random_state=self.random_state,
        )

    def fit(self, claims: Sequence[str], passages: Sequence[str], labels: Sequence[str]):
        """Fit the featurizer, the related/unrelated stage and the stance stage."""
        labels_array = np.asarray(labels)
        unknown = set(labels_array) - set(STANCE_LABELS)
        if unknown:
            raise ValueError(f"unknown stance labels {sorted(unknown)}")
        self.featurizer_ = StanceFeaturizer().fit(claims, passages)
        features = self.featurizer_.transform(claims, passages)
        related = labels_array != "unrelated"
        self.relatedness_ = self._boosting().fit(features, related)
        self.stance_ = self._boosting().fit(features[related], labels_array[related])
        self.classes_ = np.asarray(STANCE_LABELS)
        return self

    def predict_proba(self, claims: Sequence[str], passages: Sequence[str]) -> np.ndarray:
        """``(n, 4)`` probabilities in the order of :data:`STANCE_LABELS`."""
        features = self.featurizer_.transform(claims, passages)
        return self.proba_from_features(features)

    def proba_from_features(self, features: np.ndarray) -> np.ndarray:
        """Probabilities from precomputed features (evaluation reuses them)."""
        out = np.zeros((len(features), len(STANCE_LABELS)), dtype=np.float64)
        if not len(features):
            return out
        with one_openmp_thread():  # see veracity.threads
            p_related = self.relatedness_.predict_proba(features)[
                :, list(self.relatedness_.classes_).index(True)
            ]
            stance = self.stance_.predict_proba(features)
        for column, label in enumerate(self.stance_.classes_):
            out[:, STANCE_LABELS.index(label)] = p_related * stance[:, column]
        out[:, STANCE_LABELS.index("unrelated")] = 1.0 - p_related
        return out

    def predict(self, claims: Sequence[str], passages: Sequence[str]) -> np.ndarray:
        """The most likely stance label of each pair (unrelated unless P(related) > 0.5)."""
        return self.labels_from_proba(self.predict_proba(claims, passages))

    @staticmethod
    def labels_from_proba(proba: np.ndarray) -> np.ndarray:
        """Unrelated when P(unrelated) >= 0.5, else the likeliest of agree/disagree/discuss."""
        labels = np.asarray(STANCE_LABELS, dtype=object)[np.argmax(proba[:, :3], axis=1)]
        labels[proba[:, 3] >= 0.5] = "unrelated"
        return labels


@lru_cache(maxsize=1)
def load_stance_model() -> StanceModel:
    """The shipped stance model, version-checked."""
    STANCE.read_card()
    return STANCE.load_file("model.joblib")
