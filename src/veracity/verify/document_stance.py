"""What a whole document says of a claim, beside what its retrieved passages say.

A passage of a news report that repeats a claim reads, to the passage head, like support,
though the report only tells what others claim; and a report that disputes a claim often does
so in other sentences than the ones retrieval finds. The FNC-1 stance model
(:class:`~veracity.verify.stance.StanceModel`, trained here on the FNC-1 claim set's dev
stories only, :mod:`.train_document_stance`) reads the claim against the whole document; its
reading then bounds what the document's passages may count for (:class:`DocumentRule`): a
document it finds unlikely to agree never supports the claim through any of its passages, and
one it finds disputing the claim has what its passages read as support counted as refutation. A document of fewer than ``min_passages`` passages (a sentence or two: outside what
the model read in training, news bodies) keeps its passages' own reading. A document the model
reads as another story (its "unrelated" probability, FNC-1's other story, at least
:data:`SHIPPED_UNRELATED_FROM`) bounds its passages' relevance: the passage head reads a passage
that shares the claim's topic words as related whatever story it tells.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from functools import lru_cache

import numpy as np

from veracity.artefacts import ARTEFACTS, finite_number
from veracity.errors import ModelError
from veracity.verify.stance import STANCE_LABELS, StanceModel

DOCUMENT_STANCE = ARTEFACTS["document-stance"]
AGREE, DISAGREE, DISCUSS, UNRELATED = (
    STANCE_LABELS.index(s) for s in ("agree", "disagree", "discuss", "unrelated")
)
DOCUMENT_REFUTES_NOTE = (
    "its document as a whole disputes the claim (document stance: disagree {:.2f}): "
    "what it reads as support counted as refutation"
)
DOCUMENT_NO_SUPPORT_NOTE = (
    "its document as a whole does not confirm the claim (document stance: agree {:.2f}): "
    "never counted as support"
)
DOCUMENT_UNRELATED_NOTE = (
    "its document as a whole is about another story (document stance: unrelated {:.2f}): "
    "its relevance is the passage's times {:.2f}"
)
# The document's "unrelated" probability from which its passages' relevance is bounded by the
# document's (:attr:`DocumentRule.unrelated_from`), chosen on the FNC-1 claim set's dev part
# (docs/benchmarks.md, "A passage of another story; a claim only quoted"); the card's rule
# predates it.
SHIPPED_UNRELATED_FROM = 0.8


@dataclass(frozen=True)
class DocumentRule:
    """How a document's stance probabilities bound its passages: with the document's
    "disagree" probability at least ``refute_from``, each passage's "agree" probability goes to
    "disagree" (with ``refute_discussion``, its "discuss" probability too: the passage takes the
    document's side); else, with its "agree" probability under ``veto_below``, each passage's
    "agree" probability goes to "discuss". Independently, with the document's "unrelated"
    probability ``u`` at least ``unrelated_from``, the document is about another story than the
    claim's, and each passage's relevance is multiplied by ``1 - u``: a passage shares the
    claim's topic words, but the claim's story is not its document's. Documents of fewer than
    ``min_passages`` passages are not read. The defaults read nothing (the verdict before)."""

    veto_below: float = 0.0
    refute_from: float = 1.01
    refute_discussion: bool = False
    min_passages: int = 2
    unrelated_from: float = 1.01

    def record(self) -> dict[str, float | int | bool]:
        """As the card keeps it."""
        return asdict(self)


@dataclass(frozen=True)
class DocumentReading:
    """What a document's stance does to its passages: ``refutes`` (their support counts as
    refutation; with ``discussion``, their sideless discussion too), ``no_support`` (their
    support goes to discussion) or None (their stance stays their own); and ``related``, the
    factor on their relevance (below 1: the document is about another story, its "unrelated"
    probability ``1 - related``)."""

    effect: str | None
    probability: float
    discussion: bool = False
    related: float = 1.0

    @property
    def note(self) -> str | None:
        """The note each passage of the document carries for its stance (None: no effect)."""
        if self.effect == "refutes":
            return DOCUMENT_REFUTES_NOTE.format(self.probability)
        if self.effect == "no_support":
            return DOCUMENT_NO_SUPPORT_NOTE.format(self.probability)
        return None

    @property
    def relevance_note(self) -> str | None:
        """The note each passage of a document about another story carries (None: not one)."""
        if self.related >= 1.0:
            return None
        return DOCUMENT_UNRELATED_NOTE.format(1.0 - self.related, self.related)

    def bound(self, proba: np.ndarray) -> np.ndarray:
        """A passage's 4-class stance probabilities as its document allows them (its relevance
        is bounded apart: :attr:`related`)."""
        proba = np.asarray(proba, dtype=float).copy()
        if self.effect is None:
            return proba
        if self.effect == "refutes":
            moved = proba[AGREE] + (proba[DISCUSS] if self.discussion else 0.0)
            if self.discussion:
                proba[DISCUSS] = 0.0
            proba[DISAGREE] += moved
            proba[AGREE] = 0.0
        else:
            proba[DISCUSS] += proba[AGREE]
            proba[AGREE] = 0.0
        return proba


def read_document(proba: np.ndarray, rule: DocumentRule) -> DocumentReading | None:
    """The reading a document's 4-class stance probabilities give under ``rule`` (None: its
    passages keep their own reading)."""
    unrelated = float(proba[UNRELATED])
    related = round(1.0 - unrelated, 4) if unrelated >= rule.unrelated_from else 1.0
    if proba[DISAGREE] >= rule.refute_from:
        return DocumentReading(
            "refutes",
            round(float(proba[DISAGREE]), 4),
            discussion=rule.refute_discussion,
            related=related,
        )
    if proba[AGREE] < rule.veto_below:
        return DocumentReading("no_support", round(float(proba[AGREE]), 4), related=related)
    if related < 1.0:
        return DocumentReading(None, round(unrelated, 4), related=related)
    return None


class DocumentStance:
    """The shipped document-stance model and the rule chosen with it."""

    def __init__(self, model: StanceModel, rule: DocumentRule) -> None:
        self.model_ = model
        self.rule_ = rule

    def readings(
        self, claim: str, documents: Mapping[str, tuple[str, int]]
    ) -> dict[str, DocumentReading]:
        """The reading of each document (id -> (text, number of passages)) long enough to be
        read; documents that leave their passages as they are are left out."""
        long_enough = [d for d, (_, n) in documents.items() if n >= self.rule_.min_passages]
        if not long_enough:
            return {}
        proba = self.model_.predict_proba(
            [claim] * len(long_enough), [documents[d][0] for d in long_enough]
        )
        readings = {
            d: read_document(row, self.rule_) for d, row in zip(long_enough, proba, strict=True)
        }
        return {d: r for d, r in readings.items() if r is not None}


def _card_rule(rule: object) -> DocumentRule:
    """The card's ``rule``; :class:`ModelError` for one damaged or edited by hand (an unknown
    field, or none, ended the first verdict in an internal error, NaN bounds were never crossed
    and text was compared with a probability: hostile round 15, attack 1)."""
    defaults = {field.name: field.default for field in fields(DocumentRule)}

    def fits(name: str, value: object) -> bool:
        if isinstance(defaults[name], bool):
            return isinstance(value, bool)
        if isinstance(defaults[name], int):
            return isinstance(value, int) and not isinstance(value, bool) and value >= 0
        return finite_number(value) and value >= 0  # type: ignore[operator]

    if not isinstance(rule, dict) or not all(
        name in defaults and fits(name, value) for name, value in rule.items()
    ):
        raise ModelError(
            "the document-stance card's rule is no rule (numbers from 0, a count, yes or no: "
            f"{', '.join(defaults)}); {DOCUMENT_STANCE.rebuild_hint}"
        )
    return DocumentRule(**rule)


@lru_cache(maxsize=1)
def load_document_stance() -> DocumentStance:
    """The shipped document-stance model and rule, version-checked."""
    card = DOCUMENT_STANCE.read_card()
    rule = replace(_card_rule(card.get("rule")), unrelated_from=SHIPPED_UNRELATED_FROM)
    return DocumentStance(DOCUMENT_STANCE.load_file("model.joblib"), rule)
