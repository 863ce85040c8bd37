"""Build the fact-check store and calibrate its match thresholds on held-out paraphrases.

Three kinds of query, each split into a dev part (thresholds are chosen on it) and a test part
(figures are reported on it):

- real rewording (FNC-1): headlines written by different outlets about the same story. Two
  headlines that both agree (or both disagree) with one article body state the same claim: a
  query must find its partner. A headline that agrees with a body matching one that disagrees
  with it is a contradiction, and a headline of another story is unrelated: matching either is
  a false positive. Headlines of the same story whose relation is unknown are left out of the
  count. The FNC-1 headlines join the store for calibration only; stories are split dev/test.
- light rewrites (:mod:`veracity.verify.paraphrase`) of LIAR statements: must find their own
  fact-check.
- re-checks and hard negatives: LIAR statements queried with their own record (and exact
  duplicates) left out, so the nearest remaining records are other checks by the same speaker
  or on the same subject. Where that neighbour was judged by hand to be the same claim checked
  again (:mod:`veracity.verify.rechecks`), finding it is right (a real paraphrase); any other
  match is a false positive.

LIAR *valid* statements are the dev part and LIAR *test* statements the test part.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict

from veracity.artefacts import Card, TrainingMetrics, data_manifest
from veracity.metrics import harmonic_f1
from veracity.verify.factchecks import (
    LSH_THRESHOLD,
    MINHASH_SCHEME,
    NUM_PERM,
    RANKER_FILE,
    RERANKER_GATE_PASSED,
    SPEC,
    SWITCHED_OFF,
    Candidate,
    FactCheck,
    FactCheckStore,
    Thresholds,
    collect_factchecks,
    decide,
    matching_vectors,
    minhash_signatures,
    normalise,
    save_store,
    store_dir,
)
from veracity.verify.matcher import MATCH_FEATURES, MatchRanker
from veracity.verify.paraphrase import paraphrase
from veracity.verify.rechecks import LIAR_RECHECKS

SAMPLE_PER_SPLIT = 400
MIN_PRECISION = 0.97
SEED = 11
FNC_DEV_FRACTION = 0.5
_COSINE_GRID = np.round(np.arange(0.60, 1.0, 0.01), 2)
# Below half the 5-grams shared, wording is no longer a near-duplicate ("Trump wants to pull
# out of NATO" / "Trump wants to deport our Dreamers" share 36%).
_JACCARD_GRID = np.round(np.arange(0.50, 1.0, 0.05), 2)
_NO_MATCH = SWITCHED_OFF  # a threshold no similarity reaches: that route is switched off
_PROBABILITY_GRID = np.round(np.arange(0.05, 1.0, 0.01), 2)
RANKER_FOLDS = 5
KINDS = ("fnc1_rewording", "liar_recheck", "liar_rewrite", "liar_negative")
REAL_PARAPHRASES = ("fnc1_rewording", "liar_recheck")


@dataclass(frozen=True)
class Query:
    """A calibration query: which store records are right answers and which are not counted."""

    text: str
    kind: str
    accept: frozenset[int] = field(default_factory=frozenset)
    ignore: frozenset[int] = field(default_factory=frozenset)
    group: str = ""  # queries of one FNC-1 story share it: cross-validation keeps them together


@dataclass(frozen=True)
class Outcome:
    """A query's candidates (ignored records removed), ready for any thresholds."""

    query: Query
    candidates: list[Candidate]


def fnc_headline_relations(
    data_dir: Path,
) -> tuple[dict[str, int], set[frozenset[str]], set[frozenset[str]]]:
    """FNC-1 headlines' story ids, same-claim pairs and contradicting pairs.

    Same claim: both headlines agree, or both disagree, with one body. Contradiction: one
    agrees and the other disagrees with one body. Stories: headlines linked by related bodies.
    """
    from veracity.data.fnc1 import load_fnc_pairs

    pairs = load_fnc_pairs(data_dir)
    related = pairs[pairs["stance"] != "unrelated"]
    parent: dict[str, str] = {}

    def root(headline: str) -> str:
        while parent.setdefault(headline, headline) != headline:
            parent[headline] = parent[parent[headline]]
            headline = parent[headline]
        return headline

    same: set[frozenset[str]] = set()
    contradicting: set[frozenset[str]] = set()
    for _, body in related.groupby("body_id"):
        headlines = list(dict.fromkeys(body["headline"]))
        for other in headlines[1:]:
            parent[root(other)] = root(headlines[0])
        by_stance = {s: list(dict.fromkeys(g["headline"])) for s, g in body.groupby("stance")}
        for stance in ("agree", "disagree"):
            group = by_stance.get(stance, [])
            same.update(frozenset((a, b)) for a in group for b in group if a != b)
        contradicting.update(
            frozenset((a, b))
            for a in by_stance.get("agree", [])
            for b in by_stance.get("disagree", [])
            if a != b
        )
    roots = sorted({root(h) for h in parent})
    story = {h: roots.index(root(h)) for h in parent}
    return story, same - contradicting, contradicting


def _fnc_queries(
    store_offset: int,
    headlines: list[str],
    story: dict[str, int],
    same: set[frozenset[str]],
    contradicting: set[frozenset[str]],
    stories: set[int],
) -> list[Query]:
    """Queries of the FNC-1 headlines whose story is in ``stories``; headlines at ``store_offset``."""
    position = {h: store_offset + i for i, h in enumerate(headlines)}
    by_text: dict[str, set[int]] = defaultdict(set)
    for headline, index in position.items():
        by_text[normalise(headline)].add(index)
    by_story: dict[int, list[str]] = defaultdict(list)
    for headline in headlines:
        by_story[story[headline]].append(headline)
    queries = []
    for headline in headlines:
        if story[headline] not in stories:
            continue
        itself = by_text[normalise(headline)]
        accept = {
            position[o]
            for o in by_story[story[headline]]
            if frozenset((headline, o)) in same and position[o] not in itself
        }
        if not accept:
            continue
        unknown = {
            position[o]
            for o in by_story[story[headline]]
            if frozenset((headline, o)) not in same | contradicting
        }
        queries.append(
            Query(
                headline,
                "fnc1_rewording",
                frozenset(accept),
                frozenset(itself | unknown),
                group=f"fnc1-story-{story[headline]}",
            )
        )
    return queries


def _liar_queries(records: list[FactCheck], split_ids: set[str], rng: random.Random) -> list[Query]:
    """Light rewrites and leave-one-out statements of one LIAR split.

    A left-out statement is a positive (``liar_recheck``) when a hand-judged re-check of the
    same claim is in the store (:data:`~veracity.verify.rechecks.LIAR_RECHECKS`), else a
    negative.
    """
    by_text: dict[str, set[int]] = defaultdict(set)
    for index, record in enumerate(records):
        by_text[normalise(record.statement)].add(index)
    ids = [i for i, r in enumerate(records) if r.id in split_ids]
    sample = rng.sample(ids, min(SAMPLE_PER_SPLIT, len(ids)))
    queries = []
    for i in sample[::2]:
        queries.append(
            Query(
                paraphrase(records[i].statement, rng),
                "liar_rewrite",
                accept=frozenset(by_text[normalise(records[i].statement)]),
            )
        )
    position = {r.id: index for index, r in enumerate(records)}
    same_claim: dict[str, set[int]] = defaultdict(set)  # by normalised statement: ids of a
    for query_id, other_id, same in LIAR_RECHECKS:  # repeated statement are interchangeable
        if same and query_id in position and other_id in position:
            key = normalise(records[position[query_id]].statement)
            same_claim[key] |= by_text[normalise(records[position[other_id]].statement)]
    for i in sample[1::2]:
        itself = by_text[normalise(records[i].statement)]
        accept = same_claim.get(normalise(records[i].statement), set()) - itself
        queries.append(
            Query(
                records[i].statement,
                "liar_recheck" if accept else "liar_negative",
                accept=frozenset(accept),
                ignore=frozenset(itself),
            )
        )
    return queries


Embedder = Callable[[Sequence[str]], np.ndarray]


def outcomes(
    store: FactCheckStore, queries: list[Query], embed: Embedder = matching_vectors
) -> list[Outcome]:
    """The candidates of every query, ignored records removed. ``embed``: the unit vectors the
    queries are matched by, from the encoder that embedded the store's statements (the shipped
    one by default; bench/match_mpnet.py measures another)."""
    texts = [q.text for q in queries]
    found = store.candidates(texts, embed(texts) if texts else None)
    return [
        Outcome(q, [c for c in candidates if c.index not in q.ignore])
        for q, candidates in zip(queries, found, strict=True)
    ]


def score(rows: list[Outcome], thresholds: Thresholds) -> dict[str, float]:
    """Precision, recall and F1 of the top decided match; counts of each outcome."""
    true_pos = false_pos = positives = 0
    for row in rows:
        positives += bool(row.query.accept)
        matched = decide(row.candidates, thresholds)
        if not matched:
            continue
        if matched[0][0].index in row.query.accept:
            true_pos += 1
        else:
            false_pos += 1
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
    recall = true_pos / positives if positives else 0.0
    f1 = harmonic_f1(precision, recall)
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "queries": len(rows),
        "positives": positives,
        "true_positives": true_pos,
        "false_positives": false_pos,
    }


def score_by_kind(rows: list[Outcome], thresholds: Thresholds) -> dict[str, dict[str, float]]:
    """:func:`score` on all rows and on each kind of query."""
    result = {
        "all": score(rows, thresholds),
        "real_paraphrases": score(
            [r for r in rows if r.query.kind in REAL_PARAPHRASES], thresholds
        ),
    }
    for kind in KINDS:
        part = [r for r in rows if r.query.kind == kind]
        if part:
            result[kind] = score(part, thresholds)
    return result


def ranker_grid() -> list[Thresholds]:
    """The re-ranker's operating points: MinHash Jaccard or match probability (no cosine)."""
    return [Thresholds(j, _NO_MATCH, p) for j in _JACCARD_GRID for p in _PROBABILITY_GRID]


def choose(rows: list[Outcome], grid: list[Thresholds]) -> Thresholds:
    """The operating point: precision >= MIN_PRECISION on all dev queries, then most real rewording.

    Among the eligible points, highest recall on the real paraphrases (FNC-1 rewording and LIAR
    re-checks), then on all positives, then the higher thresholds (the safer of equally good
    points). Without an eligible point: the most precise one.
    """
    real = [r for r in rows if r.query.kind in REAL_PARAPHRASES]
    scored = [(t, score(rows, t), score(real, t)) for t in grid]
    eligible = [s for s in scored if s[1]["precision"] >= MIN_PRECISION]
    if not eligible:
        return max(scored, key=lambda s: (s[1]["precision"], s[1]["recall"]))[0]
    return max(
        eligible,
        key=lambda s: (
            s[2]["recall"],
            s[1]["recall"],
            s[0].semantic_cosine,
            s[0].lexical_jaccard,
        ),
    )[0]


def query_folds(rows: list[Outcome], folds: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Each row's fold among ``folds`` (:func:`story_folds` over the candidates of ``rows``);
    -1 for a row without candidates (it matches nothing, so it weighs on no fold's precision)."""
    fold_of_candidate = np.full(sum(len(row.candidates) for row in rows), -1)
    for number, (_, held) in enumerate(folds):
        fold_of_candidate[held] = number
    out, start = np.full(len(rows), -1), 0
    for i, row in enumerate(rows):
        if row.candidates:
            out[i] = fold_of_candidate[start]
        start += len(row.candidates)
    return out


def match_results(rows: list[Outcome], thresholds: Thresholds) -> np.ndarray:
    """Per row: 1 when its top decided match is a record it accepts, -1 when another, 0 none."""
    out = np.zeros(len(rows), dtype=np.int8)
    for i, row in enumerate(rows):
        matched = decide(row.candidates, thresholds)
        if matched:
            out[i] = 1 if matched[0][0].index in row.query.accept else -1
    return out


def fold_precisions(results: np.ndarray, fold_of: np.ndarray) -> list[float]:
    """Precision of each fold's rows (``results``: :func:`match_results`; ``fold_of``:
    :func:`query_folds`); 1.0 for a fold that matches nothing."""
    out = []
    for fold in sorted(set(int(f) for f in fold_of) - {-1}):
        part = results[fold_of == fold]
        right, wrong = int((part == 1).sum()), int((part == -1).sum())
        out.append(right / (right + wrong) if right + wrong else 1.0)
    return out


def choose_each_fold(
    rows: list[Outcome], grid: list[Thresholds], fold_of: np.ndarray
) -> Thresholds:
    """:func:`choose` with a margin: an eligible point holds precision >= MIN_PRECISION on every
    fold's rows (``fold_of``: :func:`query_folds`), not only over all of them (which follows),
    so that a point carried by one fold's easy queries is not taken; among them, as
    :func:`choose`, the highest recall on the real paraphrases, then on all positives, then the
    higher thresholds. Without such a point: :func:`choose`."""
    real = np.asarray([row.query.kind in REAL_PARAPHRASES for row in rows])
    positives = np.asarray([bool(row.query.accept) for row in rows])
    best: tuple[tuple[float, float, float, float], Thresholds] | None = None
    for thresholds in grid:
        results = match_results(rows, thresholds)
        if min(fold_precisions(results, fold_of), default=1.0) < MIN_PRECISION:
            continue
        found = results == 1
        rank = (
            round(found[real].sum() / max(1, positives[real].sum()), 4),
            round(found.sum() / max(1, positives.sum()), 4),
            thresholds.semantic_cosine,
            thresholds.lexical_jaccard,
        )
        if best is None or rank > best[0]:
            best = (rank, thresholds)
    return best[1] if best else choose(rows, grid)


def choose_held(rows: list[Outcome], grid: list[Thresholds]) -> Thresholds:
    """The store build's operating point: :func:`choose_each_fold` over the re-ranker's folds
    by FNC-1 story (:func:`story_folds`), precision >= :data:`MIN_PRECISION` on each of them.

    Chosen on dev grounds (stop 39), by choosing on four of the five dev folds and reading the
    fifth, for each fold in turn (the cosine rule, 656 dev queries): the pooled rule
    (:func:`choose`, the build's before) held 0.968 there, under the floor, which the
    each-fold rule held with a margin (0.985), and its point on all of dev holds on every
    fold, which no pooled point with more recall did (the sections "Debunk matching" and
    "a margin for the store build's point" of docs/benchmarks.md).
    """
    return choose_each_fold(rows, grid, query_folds(rows, story_folds(rows)))


def calibration_statements(data_dir: Path, records: list[FactCheck]) -> list[str]:
    """The statements of the calibration store: ``records`` then the FNC-1 headlines, in the
    order of :func:`calibration_sets`."""
    story, _, _ = fnc_headline_relations(data_dir)
    return [r.statement for r in records] + sorted(story)


def calibration_queries(
    data_dir: Path, records: list[FactCheck]
) -> tuple[list[str], list[Query], list[Query]]:
    """The FNC-1 headlines the calibration store adds after ``records``, and the (dev, test)
    queries over that store."""
    from veracity.data.liar import load_liar

    story, same, contradicting = fnc_headline_relations(data_dir)
    headlines = sorted(story)
    rng = random.Random(SEED)
    all_stories = sorted(set(story.values()))
    dev_stories = set(rng.sample(all_stories, int(len(all_stories) * FNC_DEV_FRACTION)))
    split_ids: dict[str, set[str]] = {"valid": set(), "test": set()}
    for liar_record in load_liar(data_dir / "liar"):
        split_ids.get(liar_record.split or "", set()).add(liar_record.id)
    args = (len(records), headlines, story, same, contradicting)
    dev = _fnc_queries(*args, dev_stories) + _liar_queries(records, split_ids["valid"], rng)
    test = _fnc_queries(*args, set(all_stories) - dev_stories) + _liar_queries(
        records, split_ids["test"], rng
    )
    return headlines, dev, test


def calibration_store(
    data_dir: Path,
    records: list[FactCheck],
    vectors: np.ndarray,
    signatures: np.ndarray,
    embed: Embedder = matching_vectors,
) -> tuple[FactCheckStore, list[Query], list[Query]]:
    """The calibration store (``records`` with their ``vectors``, then the FNC-1 headlines
    embedded by ``embed``) and its (dev, test) queries, not yet matched."""
    headlines, dev, test = calibration_queries(data_dir, records)
    calibration_records = records + [
        FactCheck(
            id=f"fnc1-headline-{i}",
            statement=h,
            verdict="(calibration only)",
            source="FNC-1",
            collection="fnc1",
        )
        for i, h in enumerate(headlines)
    ]
    store = FactCheckStore(
        calibration_records,
        np.vstack([vectors, embed(headlines)]).astype(np.float16),
        np.vstack([signatures, minhash_signatures(headlines)]),
    )
    return store, dev, test


def calibration_sets(
    data_dir: Path, records: list[FactCheck], vectors: np.ndarray, signatures: np.ndarray
) -> tuple[list[Outcome], list[Outcome]]:
    """(dev, test) outcomes over the store with the FNC-1 headlines added."""
    store, dev, test = calibration_store(data_dir, records, vectors, signatures)
    return outcomes(store, dev), outcomes(store, test)


def cosine_grid() -> list[Thresholds]:
    """The cosine rule's operating points: MinHash Jaccard or dense cosine."""
    return [Thresholds(j, c) for j in _JACCARD_GRID for c in _COSINE_GRID]


def operating_points(dev: list[Outcome]) -> dict[str, Thresholds]:
    """The shipped hybrid point and the baselines, each chosen on ``dev`` the same way
    (:func:`choose_held`)."""
    return {
        "hybrid": choose_held(dev, cosine_grid()),
        "minhash_only": choose_held(dev, [Thresholds(j, _NO_MATCH) for j in _JACCARD_GRID]),
        "dense_only": choose_held(dev, [Thresholds(_NO_MATCH, c) for c in _COSINE_GRID]),
    }


def with_probabilities(
    rows: list[Outcome], ranker: MatchRanker, statements: list[str]
) -> list[Outcome]:
    """``rows`` with each candidate's re-ranker probability."""
    if not rows:
        return []
    return rescored(
        rows, ranker.probability(np.vstack(candidate_features(rows, ranker, statements)))
    )


def candidate_features(
    rows: list[Outcome], ranker: MatchRanker, statements: list[str]
) -> list[np.ndarray]:
    """Each row's candidate features (rows without candidates: an empty block)."""
    return ranker.features_of_many(
        [
            (
                row.query.text,
                [statements[x.index] for x in row.candidates],
                [x.cosine for x in row.candidates],
                [x.jaccard for x in row.candidates],
                [x.conflict for x in row.candidates],
            )
            for row in rows
        ]
    )


def candidate_labels(rows: list[Outcome]) -> np.ndarray:
    """One bool per candidate of ``rows``, in order: is it a record the query accepts?"""
    return np.asarray([c.index in row.query.accept for row in rows for c in row.candidates])


def rescored(rows: list[Outcome], probabilities: np.ndarray) -> list[Outcome]:
    """``rows`` with their candidates' probabilities taken, in order, from the flat
    ``probabilities`` (one per candidate of ``rows``)."""
    scored, start = [], 0
    for row in rows:
        end = start + len(row.candidates)
        scored.append(
            Outcome(
                row.query,
                [
                    replace(c, probability=float(p))
                    for c, p in zip(row.candidates, probabilities[start:end], strict=True)
                ],
            )
        )
        start = end
    return scored


def story_folds(rows: list[Outcome]) -> list[tuple[np.ndarray, np.ndarray]]:
    """The re-ranker's :data:`RANKER_FOLDS` folds over the candidates of ``rows``: ``(fit,
    held)`` index pairs that keep each FNC-1 story (else each query) together."""
    from sklearn.model_selection import GroupKFold

    groups = np.asarray(
        [row.query.group or f"query-{i}" for i, row in enumerate(rows) for _ in row.candidates]
    )
    return list(GroupKFold(RANKER_FOLDS).split(groups, groups=groups))


def out_of_fold(
    features: np.ndarray,
    same: np.ndarray,
    folds: list[tuple[np.ndarray, np.ndarray]],
    new_ranker: Callable[[], MatchRanker] = MatchRanker,
) -> np.ndarray:
    """Each candidate's probability from a re-ranker (``new_ranker()``) fitted on the other
    folds."""
    probabilities = np.zeros(len(same))
    for fit, held in folds:
        probabilities[held] = new_ranker().fit(features[fit], same[fit]).probability(features[held])
    return probabilities


def fit_ranker(
    dev: list[Outcome], statements: list[str], store_statements: list[str]
) -> tuple[MatchRanker, list[Outcome]]:
    """The re-ranker fitted on every dev candidate, and the dev rows with out-of-fold
    probabilities (folds keep each FNC-1 story together) for choosing its threshold."""
    ranker = MatchRanker().fit_rarity(store_statements)
    features = np.vstack(candidate_features(dev, ranker, statements))
    same = candidate_labels(dev)
    held_out = out_of_fold(
        features, same, story_folds(dev), lambda: MatchRanker().fit_rarity(store_statements)
    )
    ranker.fit(features, same)
    return ranker, rescored(dev, held_out)


class KindScores(BaseModel):
    """:func:`score` of one kind of query: precision, recall and F1 of the top decided match,
    and the counts behind them."""

    precision: float
    recall: float
    f1: float
    queries: int
    positives: int
    true_positives: int
    false_positives: int


class MatchPoint(BaseModel):
    """An operating point on the held-out queries: its thresholds, then :func:`score_by_kind`
    (``all``, ``real_paraphrases`` and each kind of query present)."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, KindScores]

    thresholds: dict[str, float | None]
    all: KindScores
    real_paraphrases: KindScores


class FactcheckMetrics(TrainingMetrics):
    """The fact-check store's card metrics: each operating point chosen on the dev queries,
    scored on the held-out ones. ``shipped`` names the rule the store uses (``hybrid``: the
    cosine rule; ``reranked``: the re-ranker), chosen on dev (:func:`shipped_rule`, whose dev
    figures ``dev`` keeps); stores built before the choice existed (None) ship ``hybrid``."""

    hybrid: MatchPoint
    minhash_only: MatchPoint
    dense_only: MatchPoint
    reranked: MatchPoint
    dev_queries: int
    test_queries: int
    shipped: Literal["hybrid", "reranked"] | None = None  # None: built before the choice
    dev: dict[str, dict[str, KindScores]] | None = None

    @property
    def summary(self) -> str:
        """One line: the shipped point's held-out precision and recall, beside the other's."""
        if self.shipped == "reranked":
            shipped, other = self.reranked, self.hybrid
            return (
                f"held-out paraphrase matching (re-ranker, chosen on dev) precision "
                f"{shipped.all.precision:.3f}, recall {shipped.all.recall:.3f} (real "
                f"paraphrases: {shipped.real_paraphrases.recall:.3f}; cosine rule, not enabled: "
                f"{other.real_paraphrases.recall:.3f} at precision {other.all.precision:.3f}) "
                f"at thresholds {shipped.thresholds}"
            )
        shipped, reranked = self.hybrid, self.reranked
        return (
            f"held-out paraphrase matching precision {shipped.all.precision:.3f}, recall "
            f"{shipped.all.recall:.3f} (real paraphrases: "
            f"{shipped.real_paraphrases.recall:.3f}; re-ranker, not enabled: "
            f"{reranked.real_paraphrases.recall:.3f} at precision "
            f"{reranked.all.precision:.3f}) at thresholds {shipped.thresholds}"
        )


def build_factchecks(
    data_dir: Path, out_dir: Path | None = None, *, with_covid: bool = True
) -> Card:
    """Collect, embed and save the store into ``out_dir`` (default :func:`store_dir`); calibrate
    its thresholds on held-out paraphrases; write the card. Returns the card."""
    from veracity.data.climate_fever import CLIMATE_FEVER
    from veracity.data.fnc1 import FNC_BODIES, FNC_STANCES

    records = collect_factchecks(data_dir, with_covid=with_covid)
    vectors = matching_vectors([r.statement for r in records])
    signatures = minhash_signatures([r.statement for r in records])
    dev, test = calibration_sets(data_dir, records, vectors, signatures)
    points = operating_points(dev)
    metrics: dict[str, Any] = {
        name: {"thresholds": vars_of(t), **score_by_kind(test, t)} for name, t in points.items()
    }
    statements = calibration_statements(data_dir, records)
    store_statements = [r.statement for r in records]
    ranker, dev_scored = fit_ranker(dev, statements, store_statements)
    chosen = choose_held(dev_scored, ranker_grid())
    test_scored = with_probabilities(test, ranker, statements)
    metrics["reranked"] = {"thresholds": vars_of(chosen), **score_by_kind(test_scored, chosen)}
    metrics["dev_queries"] = len(dev)
    metrics["test_queries"] = len(test)
    # Which rule ships: the re-ranker when its out-of-fold dev point holds the precision floor
    # and finds more real paraphrases than the cosine rule on dev, and its held-out precision
    # passes the same floor (a gate that keeps every shipped point at >= 0.97 held out; no
    # threshold or feature is chosen on the test queries). Built on 2026-12-03 it won on dev
    # (real-paraphrase recall 0.799 at precision 0.972, cosine rule 0.50) but held out it had
    # precision 0.960 (recall 0.766), so the cosine rule shipped.
    dev_figures = {
        "hybrid": score_by_kind(dev, points["hybrid"]),
        "reranked": score_by_kind(dev_scored, chosen),
    }
    dev_record = {
        name: {"all": figures["all"], "real_paraphrases": figures["real_paraphrases"]}
        for name, figures in dev_figures.items()
    }
    rerank = (
        shipped_rule(
            dev_figures["hybrid"],
            dev_figures["reranked"],
            metrics["reranked"]["all"]["precision"],
        )
        == "reranked"
    )
    folder = out_dir or store_dir()
    save_store(folder, records, vectors, signatures)
    counts: dict[str, int] = {}
    for record in records:
        counts[record.collection] = counts.get(record.collection, 0) + 1
    typed = FactcheckMetrics.model_validate(
        {**metrics, "shipped": "reranked" if rerank else "hybrid", "dev": dev_record}
    )
    card = SPEC.new_card(
        summary=typed.summary,
        intended_use="Match a claim to published fact-checks (near-duplicate or same meaning).",
        training_data=data_manifest(
            [
                *(data_dir / "liar" / f"{s}.tsv" for s in ("train", "valid", "test")),
                *(
                    data_dir / "constraint_covid19_fakenews" / f"{s}.tsv"
                    for s in (("train", "valid", "test") if with_covid else ())
                ),
                data_dir / CLIMATE_FEVER,
                data_dir / FNC_STANCES,
                data_dir / FNC_BODIES,
            ],
            data_dir,
        ),
        records=counts,
        embedding=(
            "all-MiniLM-L6-v2 int8 ONNX, 128 tokens, stored float16; statements and claims "
            "embedded without PolitiFact's leading 'Says'"
        ),
        ranker={
            "file": RANKER_FILE,
            "features": list(MATCH_FEATURES),
            "model": "mean of a logistic regression and gradient-boosted trees",
            "folds": RANKER_FOLDS,
            "enabled": rerank,
        },
        minhash={
            "num_perm": NUM_PERM,
            "scheme": MINHASH_SCHEME,
            "shingle": "character 5-grams",
            "lsh_threshold": LSH_THRESHOLD,
        },
        thresholds=vars_of(chosen if rerank else points["hybrid"]),
        calibration={
            "method": (
                "dev/test queries: FNC-1 headlines of the same story and stance towards one "
                "body (real rewording; stories split dev/test), light rewrites of LIAR "
                "statements, and LIAR statements with their own record left out (positives "
                "where a hand-judged re-check of the same claim exists, else hard negatives; "
                f"LIAR valid = dev, test = test). Operating point: precision >= {MIN_PRECISION}"
                f" on each of the {RANKER_FOLDS} dev folds by FNC-1 story (so over all dev "
                "queries too), then the highest recall on the real paraphrases. The "
                "re-ranker is fitted on dev candidates; its threshold is chosen on out-of-fold "
                "dev probabilities (folds by FNC-1 story); it replaces the cosine rule when "
                "its dev point finds more real paraphrases than the cosine rule's at dev "
                "precision >= the floor and its held-out precision passes the floor too. "
                "FNC-1 headlines are in the store during calibration only."
            ),
            "seed": SEED,
        },
        metrics=typed.record(),
    )
    return SPEC.save(card, folder, objects={RANKER_FILE: ranker})


def shipped_rule(
    cosine_dev: dict[str, dict[str, float]],
    reranked_dev: dict[str, dict[str, float]],
    reranked_held_out_precision: float,
    *,
    gate_passed: bool = RERANKER_GATE_PASSED,
) -> str:
    """``"reranked"`` when the re-ranker's dev point (out-of-fold) holds :data:`MIN_PRECISION`
    on all dev queries and recalls more real paraphrases than the cosine rule's, its held-out
    precision holds the floor too (an acceptance gate: the held-out figure decides nothing
    else) and it passed the gate of a held-out test not read before (``gate_passed``,
    :data:`RERANKER_GATE_PASSED`), else ``"hybrid"`` (the cosine rule)."""
    holds = reranked_dev["all"]["precision"] >= MIN_PRECISION
    better = reranked_dev["real_paraphrases"]["recall"] > cosine_dev["real_paraphrases"]["recall"]
    accepted = reranked_held_out_precision >= MIN_PRECISION
    return "reranked" if holds and better and accepted and gate_passed else "hybrid"


def vars_of(thresholds: Thresholds) -> dict[str, float | None]:
    """Thresholds as a JSON-ready dict."""
    return {
        "lexical_jaccard": float(thresholds.lexical_jaccard),
        "semantic_cosine": float(thresholds.semantic_cosine),
        "match_probability": (
            None if thresholds.match_probability is None else float(thresholds.match_probability)
        ),
    }
