"""Sentence heads of the deep path: MiniLM sentence vectors read by a logistic head per kind.

The rule detectors of loaded language and rhetorical questions name what they flag (a charged
word, a cue family), but miss judgements carried by the sentence as a whole: sarcasm ("The
media of course is lapping this up"), derision without a listed word ("a measly $65,000"), a
yes/no question that argues ("Has America lost her will to fight and survive?"). On the deep
path each candidate sentence is embedded with the shared MiniLM encoder, and a logistic head
(384 weights and a bias) gives the probability that a reader would label it that kind; a
sentence at or above the head's threshold is flagged when no rule flagged it already; its signal
names the head as its ``detector`` (``loaded_language_head``), so the reliability models,
which count the detectors they were trained with, do not read it. For loaded
language a rule's hit in a sentence under the head's *gate* is dropped: the gate removes as
many of the rule's hits on straight news as the head adds there.

The heads are learned by :mod:`veracity.signals.sentence_heads_train` (``veracity train
signal-heads``) from the development part of the hand-labelled sentences and sentences of
straight news as negatives; each threshold holds the head's own false alarms on other
straight-news articles to a fixed rate. Scoring imports no scikit-learn: numpy only.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from veracity.artefacts import ARTEFACTS
from veracity.errors import ModelError

SPEC = ARTEFACTS["signal-heads"]
HEADS_FILE = "heads.joblib"
HEAD_KINDS = ("loaded_language", "rhetorical_question")


def head_detector(kind: str) -> str:
    """The ``detector`` a head's signals carry: the reliability models count signals by
    detector, and a head added after they were trained must not shift their inputs."""
    return f"{kind}_head"


@lru_cache(maxsize=1)
def load_sentence_heads() -> dict[str, dict[str, Any]]:
    """``{kind: {"coef": (384,) float32, "intercept": float, "threshold": float, "gate": float}}``
    (``gate``: under it a rule's hit is dropped; 0.0 where the kind has no gate)."""
    SPEC.read_card()
    heads = SPEC.load_file(HEADS_FILE)
    try:
        checked = {
            kind: {
                "coef": np.asarray(heads[kind]["coef"], dtype=np.float32).reshape(-1),
                "intercept": float(heads[kind]["intercept"]),
                "threshold": float(heads[kind]["threshold"]),
                "gate": float(heads[kind].get("gate", 0.0)),
            }
            for kind in HEAD_KINDS
        }
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(
            f"the signal-heads file is malformed ({exc}); {SPEC.rebuild_hint}"
        ) from None
    return checked


def head_probabilities(kind: str, vectors: np.ndarray) -> np.ndarray:
    """The ``kind`` head's probability for each row of sentence ``vectors`` (n, 384)."""
    head = load_sentence_heads()[kind]
    if len(vectors) == 0:
        return np.zeros(0)
    logits = vectors.astype(np.float32) @ head["coef"] + head["intercept"]
    return 1.0 / (1.0 + np.exp(-logits.astype(np.float64)))


def head_threshold(kind: str) -> float:
    return load_sentence_heads()[kind]["threshold"]


def head_gate(kind: str) -> float:
    return load_sentence_heads()[kind]["gate"]


def score_sentences(kind: str, sentences: Sequence[str]) -> np.ndarray:
    """Embed ``sentences`` (the shared encoder, disk-cached) and score them with ``kind``'s head."""
    if not sentences:
        return np.zeros(0)
    from veracity.embeddings import embed  # the deep path only: the fast path never loads it

    return head_probabilities(kind, embed(list(sentences)))
