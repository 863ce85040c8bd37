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

import numpy as np

from _docs import write_section  # bench/_docs.py


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


def bench_debunks(data_dir: Path) -> dict:
    from dataclasses import replace

    from veracity.embeddings import get_encoder
    from veracity.verify.calibrate import (
        Outcome,
        calibration_sets,
        calibration_statements,
        fnc_headline_relations,
        operating_points,
        score_by_kind,
        vars_of,
        with_probabilities,
    )
    from veracity.verify.factchecks import (
        SCREEN_MIN_SIMILARITY,
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
    cosine_point = points["hybrid"]  # the cosine rule, chosen on dev in this run
    if store.ranker is not None:  # the shipped store re-ranks its candidates
        statements = calibration_statements(data_dir, store.records)
        dev = with_probabilities(dev, store.ranker, statements)
        test = with_probabilities(test, store.ranker, statements)
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
        "minhash_only": (points["minhash_only"], test),
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
    from veracity.verify.stance import load_stance_model
    from veracity.verify.train_stance import evaluate_stance, load_fnc_pairs, split_by_body

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
        "model": evaluate_stance(gold, predicted),
        "majority_baseline": evaluate_stance(gold, np.full(len(gold), majority, dtype=object)),
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
    )
    result["seconds"] = round(time.perf_counter() - start, 1)
    return result


def _retrieval_documents(
    data_dir: Path,
) -> tuple[list[tuple[str, str]], list[tuple[str, set[str]]]]:
    """Documents for the index and (claim, ids of its own evidence) queries."""
    from veracity.data.liar import load_liar

    documents = [(r.id, r.text) for r in load_liar(data_dir / "liar")]
    queries = []
    path = data_dir / "climate_fever" / "climate-fever.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
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


def render_markdown(results: dict, cards: dict) -> str:
    """The Debunk matching / Stance (FNC-1) / Retrieval sections of benchmarks.md."""
    lines = [
        MARK_START,
        "Generated by `.venv/bin/python bench/claims.py --write` (2 shared CPU cores, one thread).",
        "",
    ]
    if "debunks" in results:
        r, card = results["debunks"], cards.get("factchecks", {})
        t = card.get("thresholds", r["hybrid"]["thresholds"])
        lines += [
            "## Debunk matching",
            "",
            "Store (`veracity factchecks build`, built per machine into the reference folder, never"
            " shipped): "
            + ", ".join(f"{n} {c:,}" for n, c in card.get("records", {}).items())
            + f" statements. {r['test_queries']} test queries ({r['dev_queries']} dev queries chose"
            " the thresholds), of four kinds:",
            "",
            "- **FNC-1 rewording** (real): headlines by different outlets that agree (or both"
            " disagree) with one article body state the same claim; the query must find its partner"
            " among the store plus all FNC-1 headlines. A headline of another story, or one that"
            " contradicts the query on a shared body, is a false positive. Stories split dev/test.",
            "- **LIAR re-checks** (real): LIAR statements with their own record left out whose"
            " nearest record was judged by hand to be the same claim checked again"
            " (`verify/rechecks.py`, 50 judged pairs, ids only).",
            "- **LIAR rewrites** (templated): light systematic rewrites, must find their own record.",
            "- **LIAR negatives**: statements with their own record left out and no judged re-check:"
            " any match is a false positive (conservative: an unjudged re-check counts against us).",
            "",
            "LIAR *valid* gives the dev queries, LIAR *test* the test queries. Operating point,"
            f" chosen on dev: precision >= 0.97 over all dev queries, then the highest recall on the"
            f" real paraphrases -> MinHash Jaccard >= {t['lexical_jaccard']:.2f} or "
            + (
                f"re-ranker probability >= {t['match_probability']:.2f} (`verify/matcher.py`:"
                " cosine, rank among the candidates, shared rare words and names both ways,"
                " figures; a logistic regression fitted on dev candidates, its threshold chosen on"
                " out-of-fold dev probabilities with folds by FNC-1 story)"
                if t.get("match_probability") is not None
                else f"cosine >= {t['semantic_cosine']:.2f}"
            )
            + ", and never when the two texts differ in their figures or"
            " polarity (guard: `claims_conflict`). Why 0.97 and not 0.99 (cosine rule): on dev, cosine 0.80 gives"
            " precision 0.980 (7 false positives in 656 queries) and real-paraphrase recall 0.50;"
            " 0.82 gives 0.991 but recall 0.42, 0.86 gives 0.993 and 0.27, and 0.78 drops to 0.965."
            " 0.80 is the knee: below it false positives double, above it each point of precision"
            " costs a fifth of the real matches. A wrong match is shown with its statement, verdict"
            " and similarity, so a reader can see it is a neighbouring claim.",
            "",
            "| system (test queries) | thresholds J / cos | precision | recall | real paraphrases P / R | FNC-1 rewording R | LIAR re-checks R | LIAR rewrites R | false positives |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for name, label in (
            ("shipped", "shipped: MinHash + re-ranked dense candidates + guard"),
            ("hybrid", "before: MinHash + dense cosine + guard"),
            ("hybrid_without_guard", "dense cosine, no guard"),
            ("old_thresholds", "before: 0.55 / 0.96, no guard"),
            ("minhash_only", "baseline: MinHash only (+ guard)"),
            ("dense_only", "baseline: dense only (+ guard)"),
            ("hybrid_screened", "shipped, screened as the batch path runs it"),
        ):
            m = r[name]
            th = m["thresholds"]
            j = "-" if th["lexical_jaccard"] > 1 else f"{th['lexical_jaccard']:.2f}"
            c = "-" if th["semantic_cosine"] > 1 else f"{th['semantic_cosine']:.2f}"
            if th.get("match_probability") is not None:
                c = f"p {th['match_probability']:.2f}"
            lines.append(
                f"| {label} | {j} / {c} | {m['all']['precision']:.3f} | {m['all']['recall']:.3f} |"
                f" {m['real_paraphrases']['precision']:.3f} / {m['real_paraphrases']['recall']:.3f} |"
                f" {m['fnc1_rewording']['recall']:.3f} | {m['liar_recheck']['recall']:.3f} |"
                f" {m['liar_rewrite']['recall']:.3f} | {m['all']['false_positives']} |"
            )
        lines += [
            "",
            "The old threshold was calibrated with every LIAR re-check counted as a false positive,"
            " so it only let near-identical wording through (real-paraphrase recall above). Dense"
            " search carries the shipped point (dense only has the same figures but for one"
            " templated rewrite); MinHash stays for near-duplicates the embedding truncates. The"
            " remaining false positives are mostly FNC-1 headlines that report and deny one story"
            " without a negation word ('Hugh Hefner Dead? Fans Panic' / 'Hefner Passes Away at"
            " 88'), and LIAR checks of a neighbouring claim ('subsidies for ethanol' / 'ethanol"
            " mandates'); the guard removes the 'X is a fake' / 'X: not fake' kind. MiniLM places"
            " 'Barack Obama was born in Kenya' at cosine 0.86 from LIAR's 'Says Barack Obama grew"
            " up in Kenya' (false): matched now, missed at 0.96.",
            f"Speed: {r['matches_per_s']:.0f} claims matched/s (uncached embedding included).",
            "",
            "The batch full path screens before it embeds: a claim is embedded and matched only"
            " when its character 4-gram TF-IDF cosine to some statement reaches"
            f" {r['screen']['min_similarity']:.2f} (the row"
            " 'screened' above; on dev the screened figures are"
            f" {r['hybrid_screened_dev']['all']['precision']:.3f} /"
            f" {r['hybrid_screened_dev']['all']['recall']:.3f} against"
            f" {r['hybrid_dev']['all']['precision']:.3f} / {r['hybrid_dev']['all']['recall']:.3f}"
            " unscreened). Calibration queries are near the store by construction"
            f" ({r['screen']['test_embedded_share']:.0%} of test queries pass); of the batch path's"
            " claims in news articles about a fifth to a half pass, which is where its time goes.",
            "",
        ]
    if "stance" in results:
        r = results["stance"]
        m, b = r["model"], r["majority_baseline"]
        lines += [
            "## Stance (FNC-1)",
            "",
            "FNC-1 competition test pairs split by Body ID (80/20, no body in both; `veracity train stance`);"
            f" {r['pairs']} held-out pairs. Two-stage gradient boosting over classical features.",
            "",
            "| system | FNC score | ratio to max | accuracy | F1 agree | F1 disagree | F1 discuss | F1 unrelated |",
            "|---|---|---|---|---|---|---|---|",
            f"| two-stage HGB (shipped) | {m['fnc_score']:.1f} / {m['fnc_max']:.1f} | **{m['fnc_ratio']:.3f}** | {m['accuracy']:.3f} | {m['f1']['agree']:.3f} | {m['f1']['disagree']:.3f} | {m['f1']['discuss']:.3f} | {m['f1']['unrelated']:.3f} |",
            f"| baseline: majority (unrelated) | {b['fnc_score']:.1f} | {b['fnc_ratio']:.3f} | {b['accuracy']:.3f} | 0 | 0 | 0 | {b['f1']['unrelated']:.3f} |",
            "",
            "For reference, the best FNC-1 systems reached ~0.82 of the maximum on the official test set."
            " This split is easier than the official one: only the competition test file is"
            " available, and its headlines (claims) recur across bodies, so held-out bodies share"
            " claims and topics with training bodies; the figures are not comparable one to one.",
            f"Speed: {r['pairs_per_s']:.0f} pairs/s.",
            "",
        ]
    if "evidence_stance" in results:
        r = results["evidence_stance"]
        p, c = r["pairs"], r["claims"]
        lines += [
            "## Stance of short evidence passages (CLIMATE-FEVER)",
            "",
            "Index passages are a sentence or two; FNC-1's model, trained on news bodies, calls most"
            " of them 'discuss'. `veracity train evidence-stance` fits a two-stage head (MiniLM"
            " `u*v`, `|u-v|` into a logistic regression, then its probabilities with lexical and"
            " denial / negation / figure cues into gradient boosting) on CLIMATE-FEVER claim /"
            " evidence pairs, FNC-1 headline / best body window pairs and derived denials and"
            f" rewrites. Claims are split by id: {r['held_out_claims']} held-out claims ({r['held_out_pairs']}"
            f" labelled pairs + {r['unrelated_pairs']} unrelated), none seen in training or in the"
            " validation part that chose C and the verdict rule. `veracity verify` uses it for"
            " every passage (details and the denial set: bench/verify.py's section).",
            "",
            "| held-out pairs | accuracy (labelled) | macro-F1 (3 classes) | F1 agree | F1 disagree | F1 discuss | F1 unrelated |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, label in (
            ("model", "evidence head (shipped)"),
            ("fnc1_model", "before: FNC-1 model"),
            ("majority_baseline", "baseline: majority (discuss)"),
        ):
            m = p[name]
            lines.append(
                f"| {label} | {m['accuracy_labelled']:.3f} | {m['macro_f1_labelled']:.3f} |"
                f" {m['f1']['agree']:.3f} | {m['f1']['disagree']:.3f} | {m['f1']['discuss']:.3f} |"
                f" {m['f1']['unrelated']:.3f} |"
            )
        lines += [
            "",
            "Claim-level verdicts (`verify.verdict.aggregate` over each held-out claim's 5 annotated"
            " sentences; gold: the claim's SUPPORTS / REFUTES / DISPUTED / NOT_ENOUGH_INFO):",
            "",
            "| held-out claims | accuracy | macro-F1 | F1 supported | F1 refuted | F1 disputed | F1 not enough evidence |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, label in (
            ("model", "evidence head (shipped)"),
            ("fnc1_model", "before: FNC-1 model"),
            ("majority_baseline", f"baseline: majority ({c['majority_baseline']['label']})"),
        ):
            m = c[name]
            accuracy = f"**{m['accuracy']:.3f}**" if name == "model" else f"{m['accuracy']:.3f}"
            lines.append(
                f"| {label} | {accuracy} | {m['macro_f1']:.3f} |"
                f" {m['f1']['supported']:.3f} | {m['f1']['refuted']:.3f} | {m['f1']['disputed']:.3f} |"
                f" {m['f1']['not_enough_evidence']:.3f} |"
            )
        lines += [
            "",
            "Refutation stays the weak class: a Wikipedia sentence that refutes a climate claim"
            " rarely says 'not'; it states another figure or fact, which sentence vectors and word"
            " overlap do not weigh against the claim. Verdicts are leads for a reader, not rulings.",
            "",
        ]
    if "retrieval" in results:
        r = results["retrieval"]
        lines += [
            "## Retrieval",
            "",
            f"Index of {r['passages']} passages ({r['documents']} documents: LIAR statements, CLIMATE-FEVER"
            f" claims and evidence sentences), built in {r['build_s']:.0f} s (embeddings cached)."
            f" {r['queries']} CLIMATE-FEVER claims as queries; a hit is one of the claim's own"
            " SUPPORTS/REFUTES evidence sentences in the top 5.",
            "",
            "| system | recall@5 | latency p50 (ms) | latency p95 (ms) |",
            "|---|---|---|---|",
            f"| hybrid BM25 + MiniLM, RRF (shipped; query embedding included) | **{r['recall_at_5']['hybrid']:.3f}** | {r['hybrid_latency_ms']['p50']:.1f} | {r['hybrid_latency_ms']['p95']:.1f} |",
            f"| baseline: BM25 alone | {r['recall_at_5']['bm25']:.3f} | {r['bm25_latency_ms']['p50']:.1f} | {r['bm25_latency_ms']['p95']:.1f} |",
            f"| dense alone | {r['recall_at_5']['dense']:.3f} | | |",
            "",
            f"Query embedding alone: p50 {r['query_embedding_ms']['p50']:.1f} ms, p95 {r['query_embedding_ms']['p95']:.1f} ms.",
            "",
        ]
    lines.append(MARK_END)
    return "\n".join(lines)


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

        cards = {}
        folders = {
            name.replace("-", "_"): ARTEFACTS[name].directory for name in ("factchecks", "stance")
        }
        for name, folder in folders.items():
            card_path = folder / "card.json"
            if card_path.is_file():
                cards[name] = json.loads(card_path.read_text(encoding="utf-8"))
        write_section(render_markdown(results, cards), MARK_START, MARK_END, BENCHMARKS_MD)
    print(text)


if __name__ == "__main__":
    main()
