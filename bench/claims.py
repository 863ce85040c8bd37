"""Benchmark of the verify stage: speed and quality, each beside a simple baseline
(check-worthiness: bench/checkworthiness.py).

Run: ``.venv/bin/python bench/claims.py [--queries 200] [--out bench-claims.json]``

- debunk matching: matches/s and test-part paraphrase P/R (real rewording, LIAR re-checks,
  templated rewrites, hard negatives) of the shipped point vs. the old one, MinHash-only and
  dense-only;
- stance: FNC-1 score on held-out bodies vs. the majority class;
- evidence stance: the short-passage head on held-out CLIMATE-FEVER claims (pairs and claim
  verdicts) vs. the FNC-1 model and the majority class;
- retrieval: latency p50/p95 and recall@5 over a >= 20k-passage index (LIAR statements,
  CLIMATE-FEVER claims and evidence sentences), hybrid RRF vs. BM25 alone vs. dense alone.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict

from _docs import write_section  # bench/_docs.py
from _templates import render  # bench/_templates.py
from veracity.verify.train_evidence_stance import HeldOutStance


def _screened(rows: list, screen: object) -> tuple[list, float]:
    """Rows as the batch path's screened matching sees them, and the share that is embedded.

    A query is hashed, embedded and matched only when its character 4-gram TF-IDF similarity
    to some statement (its ignored records left out) reaches the screen's bound.
    """
    from veracity.verify.calibrate import Outcome
    from veracity.verify.factchecks import SCREEN_MIN_SIMILARITY

    similarity = screen.similarity([r.query.text for r in rows], [r.query.ignore for r in rows])
    passes = [bool(sim >= SCREEN_MIN_SIMILARITY) for sim in similarity]
    screened = [
        Outcome(r.query, r.candidates if keep else []) for r, keep in zip(rows, passes, strict=True)
    ]
    return screened, sum(passes) / max(len(passes), 1)


def _tfidf_rows(rows: list, statements: list[str], store_statements: list[str]) -> list:
    """Rows whose candidates are each query's 10 nearest calibration statements by word TF-IDF
    cosine (IDF over the store; ignored records left out), the cosine in ``Candidate.cosine``:
    the plain lexical baseline, without MinHash, embeddings or the guard."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from veracity.verify.calibrate import Outcome
    from veracity.verify.factchecks import Candidate

    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit(store_statements)
    matrix = vectorizer.transform(statements)
    similarity = (vectorizer.transform([r.query.text for r in rows]) @ matrix.T).toarray()
    found = []
    for row, cosines in zip(rows, similarity, strict=True):
        cosines[list(row.query.ignore)] = -1.0
        top = np.argsort(-cosines)[:10]
        found.append(Outcome(row.query, [Candidate(int(i), float(cosines[i]), 0.0) for i in top]))
    return found


def bench_debunks(data_dir: Path) -> dict:
    from dataclasses import replace

    from veracity.embeddings import get_encoder
    from veracity.verify.calibrate import (
        MIN_PRECISION,
        REAL_PARAPHRASES,
        Outcome,
        calibration_sets,
        calibration_statements,
        choose_held,
        fnc_headline_relations,
        operating_points,
        score,
        score_by_kind,
        vars_of,
        with_probabilities,
    )
    from veracity.verify.factchecks import (
        RANKER_FILE,
        SCREEN_MIN_SIMILARITY,
        SPEC,
        StatementScreen,
        Thresholds,
        decide,
        load_factcheck_store,
    )

    store = load_factcheck_store()
    dev, test = calibration_sets(data_dir, store.records, store.vectors, store.signatures)
    texts = [row.query.text for row in test]
    start = time.perf_counter()
    vectors = get_encoder().encode(texts)  # uncached: a fresh claim pays for its embedding
    for found in store.candidates(texts, vectors):
        decide(found, store.thresholds)
    elapsed = time.perf_counter() - start

    def unguarded(rows: list[Outcome]) -> list[Outcome]:
        return [Outcome(r.query, [replace(c, conflict=False) for c in r.candidates]) for r in rows]

    points = operating_points(dev)
    old = Thresholds(0.55, 0.96)
    # Plain baseline: word TF-IDF cosine, its threshold chosen on dev like the others.
    calibration = calibration_statements(data_dir, store.records)
    store_statements = [r.statement for r in store.records]
    tfidf_dev = _tfidf_rows(dev, calibration, store_statements)
    tfidf_test = _tfidf_rows(test, calibration, store_statements)
    tfidf_point = choose_held(
        tfidf_dev, [Thresholds(10.0, float(c)) for c in np.round(np.arange(0.30, 1.0, 0.01), 2)]
    )
    cosine_point = points["hybrid"]  # the cosine rule, chosen on dev in this run
    # The re-ranker the build fitted (saved even when the cosine rule ships) and its point,
    # chosen on out-of-fold dev probabilities at the build.
    card = SPEC.read_card()
    ranker = store.ranker or SPEC.load_file(RANKER_FILE)
    reranked_point = Thresholds(**card.metrics["reranked"]["thresholds"])
    dev = with_probabilities(dev, ranker, calibration)
    test = with_probabilities(test, ranker, calibration)
    start = time.process_time()
    with_probabilities(test, ranker, calibration)
    rerank_ms = (time.process_time() - start) / len(test) * 1000
    # A ceiling, not an operating point: the re-ranker's best real-paraphrase recall at
    # precision >= 0.97 were its threshold set on the test queries themselves.
    real_test = [r for r in test if r.query.kind in REAL_PARAPHRASES]
    ceiling = max(
        (
            score(real_test, point)["recall"]
            for point in (
                Thresholds(float(j), 10.0, float(p))
                for j in np.round(np.arange(0.50, 1.0, 0.05), 2)
                for p in np.round(np.arange(0.05, 1.0, 0.01), 2)
            )
            if score(test, point)["precision"] >= MIN_PRECISION
        ),
        default=0.0,
    )
    # The calibration store: the fact-checks plus the FNC-1 headlines, as calibration_sets builds it.
    screen = StatementScreen(
        [r.statement for r in store.records] + sorted(fnc_headline_relations(data_dir)[0])
    )
    screened_dev, dev_pass = _screened(dev, screen)
    screened_test, test_pass = _screened(test, screen)
    systems = {
        "shipped": (store.thresholds, test),
        "hybrid": (cosine_point, test),
        "hybrid_without_guard": (cosine_point, unguarded(test)),
        "old_thresholds": (old, unguarded(test)),
        "reranked": (reranked_point, test),
        "minhash_only": (points["minhash_only"], test),
        "tfidf_only": (tfidf_point, tfidf_test),
        "dense_only": (points["dense_only"], test),
        "hybrid_screened": (store.thresholds, screened_test),
        "hybrid_screened_dev": (store.thresholds, screened_dev),
        "hybrid_dev": (store.thresholds, dev),
        "shipped_dev": (store.thresholds, dev),
    }
    return {
        "dev_queries": len(dev),
        "test_queries": len(test),
        "matches_per_s": round(len(texts) / elapsed, 1),
        "rerank_cpu_ms_per_claim": round(rerank_ms, 2),
        "rerank_test_threshold_ceiling": round(ceiling, 4),
        "screen": {
            "min_similarity": SCREEN_MIN_SIMILARITY,
            "dev_embedded_share": round(dev_pass, 4),
            "test_embedded_share": round(test_pass, 4),
        },
        **{
            name: {"thresholds": vars_of(t), **score_by_kind(rows, t)}
            for name, (t, rows) in systems.items()
        },
    }


def bench_stance(data_dir: Path) -> dict:
    from veracity.data.fnc1 import load_fnc_pairs
    from veracity.verify.stance import load_stance_model
    from veracity.verify.train_stance import evaluate_stance, split_by_body

    pairs = load_fnc_pairs(data_dir)
    train, held_out = split_by_body(pairs)
    test = pairs.iloc[held_out]
    start = time.perf_counter()
    predicted = load_stance_model().predict(test["headline"].tolist(), test["body"].tolist())
    elapsed = time.perf_counter() - start
    gold = test["stance"].to_numpy()
    majority = pairs.iloc[train]["stance"].mode()[0]
    return {
        "pairs": len(test),
        "pairs_per_s": round(len(test) / elapsed, 1),
        "model": evaluate_stance(gold, predicted).record(),
        "majority_baseline": evaluate_stance(
            gold, np.full(len(gold), majority, dtype=object)
        ).record(),
    }


def bench_evidence_stance(data_dir: Path) -> dict:
    """The shipped evidence-sentence head on held-out CLIMATE-FEVER claims, beside the FNC-1
    model and the majority class (pairs and claim-level verdicts)."""
    from veracity.verify.evidence_stance import load_evidence_stance_model
    from veracity.verify.train_evidence_stance import (
        SPLIT_SEED,
        evaluate_models,
        load_climate_fever,
        off_topic_sentences,
        split_claims,
    )

    train, validation, held_out = split_claims(load_climate_fever(data_dir))
    off_topic = off_topic_sentences(data_dir)
    random.Random(SPLIT_SEED).shuffle(off_topic)
    start = time.perf_counter()
    result = evaluate_models(
        load_evidence_stance_model(), train + validation, held_out, off_topic[2::3]
    ).record()
    result["seconds"] = round(time.perf_counter() - start, 1)
    return result


def _retrieval_documents(
    data_dir: Path,
) -> tuple[list[tuple[str, str]], list[tuple[str, set[str]]]]:
    """Documents for the index and (claim, ids of its own evidence) queries. Their control and
    direction characters (3 LIAR statements hold one) go as EvidenceIndex.build reads them."""
    from veracity.data.climate_fever import load_climate_fever
    from veracity.data.liar import load_liar

    documents = [(r.id, r.text) for r in load_liar(data_dir / "liar")]
    queries = []
    for row in load_climate_fever(data_dir):
        documents.append((f"claim-{row['claim_id']}", row["claim"]))
        own = set()
        for evidence in row["evidences"]:
            documents.append((evidence["evidence_id"], evidence["evidence"]))
            if evidence["evidence_label"] != "NOT_ENOUGH_INFO":
                own.add(evidence["evidence_id"])
        if own:
            queries.append((row["claim"], own))
    unique = list(dict((doc_id, text) for doc_id, text in documents).items())
    return unique, queries


def bench_retrieval(data_dir: Path, n_queries: int) -> dict:
    from veracity.embeddings import embed
    from veracity.verify.index import EvidenceIndex

    documents, queries = _retrieval_documents(data_dir)
    queries = random.Random(5).sample(queries, min(n_queries, len(queries)))
    start = time.perf_counter()
    index = EvidenceIndex.build(documents)
    build_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        index.save(Path(folder))
        index = EvidenceIndex.load(Path(folder))
    vectors = embed([q for q, _ in queries])
    hybrid_ms, bm25_ms, embed_ms = [], [], []
    recall = {"hybrid": 0, "bm25": 0, "dense": 0}
    for (query, own), vector in zip(queries, vectors, strict=True):
        start = time.perf_counter()
        embed([query], use_cache=False)
        embed_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        hits = index.search(query, k=5, query_vector=vector)
        hybrid_ms.append((time.perf_counter() - start) * 1000 + embed_ms[-1])
        start = time.perf_counter()
        bm25 = index.bm25_ranking(query, k=5)
        bm25_ms.append((time.perf_counter() - start) * 1000)
        dense = index.dense_ranking(vector, k=5)
        recall["hybrid"] += any(h.passage.document_id in own for h in hits)
        recall["bm25"] += any(index.passages[i].document_id in own for i, _ in bm25)
        recall["dense"] += any(index.passages[i].document_id in own for i, _ in dense)

    def pct(values: list[float], q: int) -> float:
        return round(float(np.percentile(values, q)), 2)

    return {
        "passages": len(index.passages),
        "documents": len(documents),
        "build_s": round(build_s, 1),
        "queries": len(queries),
        "hybrid_latency_ms": {"p50": pct(hybrid_ms, 50), "p95": pct(hybrid_ms, 95)},
        "query_embedding_ms": {"p50": pct(embed_ms, 50), "p95": pct(embed_ms, 95)},
        "bm25_latency_ms": {"p50": pct(bm25_ms, 50), "p95": pct(bm25_ms, 95)},
        "recall_at_5": {k: round(v / len(queries), 4) for k, v in recall.items()},
    }


BENCHMARKS_MD = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
MARK_START, MARK_END = "<!-- claims:start -->", "<!-- claims:end -->"


class MatchThresholds(BaseModel):
    """An operating point of debunk matching (``calibrate.vars_of``); above 1 means unused."""

    lexical_jaccard: float
    semantic_cosine: float
    match_probability: float | None = None


class MatchScores(BaseModel):
    """Matching figures on one kind of query (``calibrate.score``)."""

    model_config = ConfigDict(extra="allow")

    precision: float
    recall: float
    false_positives: int


class MatchSystem(BaseModel):
    """One matching system on the dev or test queries, overall and per kind of query."""

    thresholds: MatchThresholds
    all: MatchScores
    real_paraphrases: MatchScores
    fnc1_rewording: MatchScores | None = None
    liar_recheck: MatchScores | None = None
    liar_rewrite: MatchScores | None = None
    liar_negative: MatchScores | None = None


class Screen(BaseModel):
    min_similarity: float
    dev_embedded_share: float
    test_embedded_share: float


class DebunkBench(BaseModel):
    """``bench_debunks``: the shipped point beside the earlier one and the single-signal baselines."""

    dev_queries: int
    test_queries: int
    matches_per_s: float
    rerank_cpu_ms_per_claim: float | None = None
    rerank_test_threshold_ceiling: float | None = None
    screen: Screen
    shipped: MatchSystem
    hybrid: MatchSystem
    hybrid_without_guard: MatchSystem
    old_thresholds: MatchSystem
    minhash_only: MatchSystem
    tfidf_only: MatchSystem | None = None
    reranked: MatchSystem | None = None
    dense_only: MatchSystem
    hybrid_screened: MatchSystem
    hybrid_screened_dev: MatchSystem
    hybrid_dev: MatchSystem
    shipped_dev: MatchSystem


class StanceScores(BaseModel):
    """``train_stance.evaluate_stance``."""

    model_config = ConfigDict(extra="allow")

    fnc_score: float
    fnc_max: float
    fnc_ratio: float
    accuracy: float
    f1: dict[str, float]


class StanceBench(BaseModel):
    pairs: int
    pairs_per_s: float
    model: StanceScores
    majority_baseline: StanceScores


class EvidenceStanceBench(HeldOutStance):
    """``train_evidence_stance.evaluate_models`` on the held-out CLIMATE-FEVER claims, timed."""

    seconds: float | None = None


class Percentiles(BaseModel):
    p50: float
    p95: float


class RetrievalBench(BaseModel):
    passages: int
    documents: int
    build_s: float
    queries: int
    hybrid_latency_ms: Percentiles
    query_embedding_ms: Percentiles
    bm25_latency_ms: Percentiles
    recall_at_5: dict[str, float]


class ClaimsBenchResults(BaseModel):
    """What ``bench/claims.py`` measured (``--out`` JSON); a part not run is None."""

    debunks: DebunkBench | None = None
    stance: StanceBench | None = None
    evidence_stance: EvidenceStanceBench | None = None
    retrieval: RetrievalBench | None = None


class FactcheckCard(BaseModel):
    """The fields of the fact-check store's card the section shows (empty without a store)."""

    model_config = ConfigDict(extra="ignore")

    records: dict[str, int] = {}
    thresholds: MatchThresholds | None = None
    metrics: dict[str, Any] = {}


def render_markdown(results: ClaimsBenchResults, factchecks: FactcheckCard) -> str:
    """The Debunk matching / Stance (FNC-1) / Retrieval sections of benchmarks.md
    (templates/claims.md.j2)."""
    return render("claims.md.j2", results=results, factchecks=factchecks)


def main() -> None:
    from veracity.settings import get_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument(
        "--merge", type=Path, action="append", default=[], help="earlier --out files to include"
    )
    parser.add_argument(
        "--only",
        choices=["debunks", "stance", "evidence_stance", "retrieval"],
        action="append",
    )
    args = parser.parse_args()
    data_dir = get_settings().data_dir
    parts = {
        "debunks": lambda: bench_debunks(data_dir),
        "stance": lambda: bench_stance(data_dir),
        "evidence_stance": lambda: bench_evidence_stance(data_dir),
        "retrieval": lambda: bench_retrieval(data_dir, args.queries),
    }
    results = {}
    for earlier in args.merge:
        results.update(json.loads(earlier.read_text(encoding="utf-8")))
    for name in args.only or parts:
        results[name] = parts[name]()
        print(f"{name}: {json.dumps(results[name])}", file=sys.stderr, flush=True)
    text = json.dumps(results, indent=2)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    if args.write:
        from veracity.artefacts import ARTEFACTS

        card_path = ARTEFACTS["factchecks"].directory / "card.json"
        factchecks = (
            FactcheckCard.model_validate_json(card_path.read_text(encoding="utf-8"))
            if card_path.is_file()
            else FactcheckCard()
        )
        section = render_markdown(ClaimsBenchResults.model_validate(results), factchecks)
        write_section(section, MARK_START, MARK_END, BENCHMARKS_MD)
    print(text)


if __name__ == "__main__":
    main()
