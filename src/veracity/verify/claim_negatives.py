"""Claim-level hard negatives from the training side of LIAR (training only).

The bi-encoder tuned on headline / lead pairs (:mod:`veracity.verify.headline_pairs`) ranked the
dev candidates better and let more claims through held out that are on the query's topic but
are another claim. Its hard negatives were another article's lead (a neighbouring topic) and
the lead turned round by a template. Here, harder ones, at the level of the claim, from LIAR's
*train* statements (LIAR valid and test give the fact-check store's dev and test queries, so
no train statement is a calibration query):

- the anchor: a train statement; its partner (the same claim): a light rewrite of it
  (:func:`veracity.verify.paraphrase.paraphrase`);
- another claim on the same subject: up to :data:`NEIGHBOURS` train statements that share one of
  its PolitiFact subjects, by another speaker, rated at least :data:`RATING_GAP` steps away on
  LIAR's six-step scale, nearest by word TF-IDF cosine within
  [:data:`MIN_COSINE`, :data:`MAX_COSINE`) (nearer ones are often the same claim checked again,
  "the highest corporate tax rate in the world" eight times);
- the claim told the other way: the statement negated, with a word swapped for its opposite or
  a figure changed (:mod:`veracity.verify.stance_pairs`).

Left out: statements of a hand-judged re-check pair (:data:`~veracity.verify.rechecks.
LIAR_RECHECKS`, the answers of calibration queries) and statements whose text (as
:func:`~veracity.verify.factchecks.normalise` reads it) is also a valid or test statement.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from veracity.data.liar import LIAR_LABELS
from veracity.data.record import NewsRecord
from veracity.verify.factchecks import normalise
from veracity.verify.paraphrase import paraphrase
from veracity.verify.rechecks import LIAR_RECHECKS
from veracity.verify.stance_pairs import change_figure, negate, swap_antonym

NEIGHBOURS = 2
RATING_GAP = 2
MIN_COSINE = 0.25
MAX_COSINE = 0.55
MIN_WORDS = 6


@dataclass(frozen=True, slots=True)
class ClaimTriple:
    """A statement, a wording of the same claim, and texts that state another claim."""

    anchor: str
    partner: str
    negatives: tuple[str, ...]
    id: str  # the anchor's LIAR id


def training_statements(records: Sequence[NewsRecord]) -> list[NewsRecord]:
    """LIAR's train statements that may train a matcher: not part of a judged re-check pair and
    not the text of any valid or test statement."""
    held = {normalise(r.text) for r in records if r.split in ("valid", "test")}
    judged = {i for query, other, _ in LIAR_RECHECKS for i in (query, other)}
    return [
        r
        for r in records
        if r.split == "train"
        and r.id not in judged
        and normalise(r.text) not in held
        and len(r.text.split()) >= MIN_WORDS
    ]


def _subjects(record: NewsRecord) -> set[str]:
    return {s.strip() for s in record.meta.get("subject", "").split(",") if s.strip()}


def _rating(record: NewsRecord) -> int:
    return LIAR_LABELS.index(record.original_label)


def liar_triples(
    records: Sequence[NewsRecord], max_triples: int, seed: int = 0
) -> list[ClaimTriple]:
    """At most ``max_triples`` triples (module docstring) from ``records`` (all of LIAR: only
    :func:`training_statements` are read), anchors drawn at random among those with a
    same-subject negative."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    rng = random.Random(seed)
    pool = training_statements(records)
    if len(pool) < 2:
        return []
    tfidf = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1).fit_transform(
        [r.text for r in pool]
    )
    by_subject: dict[str, list[int]] = defaultdict(list)
    for i, record in enumerate(pool):
        for subject in _subjects(record):
            by_subject[subject].append(i)
    order = list(range(len(pool)))
    rng.shuffle(order)
    triples: list[ClaimTriple] = []
    for i in order:
        if len(triples) >= max_triples:
            break
        record = pool[i]
        others = sorted(
            {
                j
                for s in _subjects(record)
                for j in by_subject[s]
                if j != i
                and pool[j].meta.get("speaker") != record.meta.get("speaker")
                and abs(_rating(pool[j]) - _rating(record)) >= RATING_GAP
            }
        )
        if not others:
            continue
        cosines = (tfidf[others] @ tfidf[i].T).toarray().ravel()
        band = np.flatnonzero((cosines >= MIN_COSINE) & (cosines < MAX_COSINE))
        if not len(band):
            continue
        nearest = band[np.argsort(-cosines[band], kind="stable")][:NEIGHBOURS]
        negatives = [pool[others[k]].text for k in nearest]
        rewrites = [
            r for r in (negate(record.text), swap_antonym(record.text)) if r and r != record.text
        ]
        figure = change_figure(record.text, rng)
        if figure and figure != record.text:
            rewrites.append(figure)
        if rewrites:
            negatives.append(rng.choice(rewrites))
        partner = paraphrase(record.text, rng)
        if normalise(partner) == normalise(record.text):
            continue
        triples.append(ClaimTriple(record.text, partner, tuple(negatives), record.id))
    return triples
