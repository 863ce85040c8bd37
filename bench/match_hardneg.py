"""Known-fact-check matching: the bi-encoder with claim-level hard negatives, and a dev point
that holds its precision on every fold.

The bi-encoder of bench/match_headlines.py (MiniLM's top layer tuned on headline / lead pairs)
won on dev as a re-ranker feature (real-paraphrase recall 0.821 at precision 0.970) and fell
to precision 0.930 held out. Two changes are measured here, on the store build's 656 dev
queries only:

- harder negatives, at the level of the claim, from the training side only
  (:mod:`veracity.verify.claim_negatives`): LIAR *train* statements, each with a light
  rewrite as its partner and, as negatives, statements on the same PolitiFact subject by
  another speaker rated two or more steps away, and the statement negated / with an opposite
  word / another figure; added to the headline / lead pairs (:mod:`veracity.verify.
  headline_pairs`). Every FNC-1 story is a dev or a test story of the store build, so none
  trains it. A leak check counts the training texts that are a dev or test query, an answer
  of one, or an FNC-1 headline (they are dropped; the count is reported);
- the operating point with a margin (:func:`veracity.verify.calibrate.choose_each_fold`):
  precision >= 0.97 on each of the re-ranker's five dev folds (by FNC-1 story), not only over
  all dev queries (``pooled``, :func:`~veracity.verify.calibrate.choose`).

Every system is scored at both rules: the cosine rule, the re-ranker alone, the re-ranker with
last stop's headline / lead bi-encoder (``--baseline``, its saved weights) and with the new
one after each epoch (cosine and margin as two more features; out of fold by FNC-1 story).
``--held-out NAME`` reads the test queries once for the dev choice, by the store build's
procedure: the re-ranker fitted on every dev candidate, its threshold chosen out of fold on dev
by the each-fold rule, then `calibrate.shipped_rule`.

Run: ``.venv/bin/python bench/match_hardneg.py --epochs 2 --baseline
/tmp/match-headlines-cache/tuned-e2.npz --out /tmp/match-hardneg.json --write`` (about 25 CPU
minutes at one thread; needs this machine's fact-check store, ``veracity setup``; the
``--baseline`` weights are written by ``bench/match_headlines.py --epochs '' --tuned-epochs 2``).
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from _docs import write_section  # bench/_docs.py
from _match_tables import FLOOR_COLUMNS, floor_cells, table, thresholds_text
from match_headlines import HeldOutFigures, add_run_options, held_out_figures, render_saved
from match_pair import FLOORS, LABELS, DevPoint, _auc, _log, dev_set, with_pair

MARK_START = "<!-- match-hardneg:start -->"
MARK_END = "<!-- match-hardneg:end -->"
MAX_ARTICLES = 6000
LIAR_TRIPLES = 3000
RULES = ("pooled", "each-fold")
# The shipped cosine rule held out (docs/benchmarks.md, Debunk matching): what a shipped
# replacement must meet at precision >= 0.97.
SHIPPED_HELD_OUT = {"precision": 0.975, "real_recall": 0.615}


class FoldPoint(DevPoint):
    """One system at one rule's dev point (out of fold for the re-rankers), with each of the
    re-ranker's five dev folds' precision."""

    fold_precisions: list[float]


class HeldOut(HeldOutFigures):
    """The one held-out read of the dev choice."""

    system: str


class MatchHardNeg(BaseModel):
    """The bench's result."""

    command: str
    dev_queries: int
    real_paraphrases: int
    training: dict[str, int]
    leak_check: dict[str, int]
    auc: dict[str, float]
    dev: dict[str, FoldPoint]  # "<system>|<rule>"
    seconds: dict[str, float]
    held_out: HeldOut | None = None


def key(system: str, rule: str) -> str:
    return f"{system}|{rule}"


def best_system(r: MatchHardNeg) -> str:
    """The dev choice (fixed before the run): among the re-ranker systems at the each-fold
    rule, the most real paraphrases found, then the mean over the floors."""
    systems = [
        k.split("|")[0] for k in r.dev if k.endswith("|each-fold") and k.startswith("reranker")
    ]
    return max(
        systems,
        key=lambda s: (
            r.dev[key(s, "each-fold")].real_recall,
            r.dev[key(s, "each-fold")].floor_mean or 0.0,
        ),
    )


def main() -> None:
    from veracity.data.liar import load_liar
    from veracity.settings import get_settings
    from veracity.verify import headline_pairs
    from veracity.verify.calibrate import (
        REAL_PARAPHRASES,
        Outcome,
        candidate_features,
        choose,
        choose_each_fold,
        cosine_grid,
        fold_precisions,
        match_results,
        out_of_fold,
        query_folds,
        ranker_grid,
        rescored,
        vars_of,
    )
    from veracity.verify.claim_negatives import liar_triples
    from veracity.verify.factchecks import Thresholds, normalise
    from veracity.verify.match_encoder import tuned_vectors
    from veracity.verify.matcher import MatchRanker
    from veracity.verify.train_match_encoder import fit_bi_encoder, text_states

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--liar-triples", type=int, default=LIAR_TRIPLES)
    parser.add_argument("--max-articles", type=int, default=MAX_ARTICLES)
    parser.add_argument("--baseline", type=Path, default=None, help="last stop's tuned-e2.npz")
    parser.add_argument("--tuned-from", default=None, help="hardneg-eE.npz files: no fit")
    parser.add_argument(
        "--ranker-negatives",
        type=int,
        default=0,
        help="LIAR train statements queried to give the re-ranker more negatives (dev only)",
    )
    parser.add_argument("--cache", type=Path, default=Path("/tmp/match-headlines-cache"))
    add_run_options(parser, "system")
    args = parser.parse_args()
    if args.render:
        render_saved(args.render, MatchHardNeg, merged, section, MARK_START, MARK_END, args.write)
        return
    command = ".venv/bin/python bench/match_hardneg.py " + shlex.join(sys.argv[1:])
    started = time.monotonic()
    seconds: dict[str, float] = {}
    data_dir = get_settings().data_dir
    store, dev, test, statements, ranker, base, sizes, same, folds = dev_set(data_dir)
    store_statements = statements[: len(store.records)]
    fold_of = query_folds(dev, folds)
    real = [i for i, row in enumerate(dev) if row.query.kind in REAL_PARAPHRASES]
    grid = ranker_grid()

    # Training triples: headline / lead pairs and LIAR train statements.
    articles = headline_pairs.corpus_articles(data_dir)
    leads = headline_pairs.headline_leads(articles, args.max_articles)
    pairs = headline_pairs.derive(leads)
    headline_of = {a: h for a, h, _ in leads}
    by_article: dict[str, list[str]] = {}
    for p in pairs:
        if p.kind in ("rewrite", "denied", "neighbour"):
            other = p.second if p.first == headline_of[p.article] else p.first
            by_article.setdefault(p.article, []).append(other)
    triples = [(h, lead, tuple(by_article.get(a, [])[:3])) for a, h, lead in leads]
    liar = liar_triples(load_liar(data_dir / "liar"), args.liar_triples)
    triples += [(t.anchor, t.partner, t.negatives[:3]) for t in liar]
    # Leak check: no text of a calibration query, of an answer of one, or an FNC-1 headline.
    fnc1 = statements[len(store.records) :]
    forbidden = {normalise(t) for t in fnc1}
    for row in dev + test:
        forbidden.add(normalise(row.query.text))
        forbidden.update(normalise(statements[i]) for i in row.query.accept)
    clean = [t for t in triples if not {normalise(x) for x in (t[0], t[1], *t[2])} & forbidden]
    leak = {
        "triples": len(triples),
        "dropped": len(triples) - len(clean),
        "dropped_liar": sum(
            1
            for t in triples[len(leads) :]
            if {normalise(x) for x in (t[0], t[1], *t[2])} & forbidden
        ),
    }
    training = {"headline_leads": len(leads), "liar": len(liar), "kept": len(clean)}
    _log(f"training triples {training}, leak check {leak}")

    texts = list(
        dict.fromkeys(
            [row.query.text for row in dev + test]
            + [statements[c.index] for row in dev + test for c in row.candidates]
            + [x for t in clean for x in (t[0], t[1], *t[2])]
        )
    )
    at = {t: i for i, t in enumerate(texts)}
    states = text_states(texts, args.cache)
    anchors = np.asarray([at[t[0]] for t in clean])
    partners = np.asarray([at[t[1]] for t in clean])
    negatives = np.full((len(clean), 3), -1, dtype=np.int64)
    for i, t in enumerate(clean):
        negatives[i, : len(t[2])] = [at[x] for x in t[2]]
    seconds["prepare"] = round(time.monotonic() - started, 1)
    _log(f"{len(texts)} texts' states, {seconds['prepare']} s")

    def tuned_cosines(weights: dict[str, np.ndarray], part: list[Outcome]) -> np.ndarray:
        wanted = list(
            dict.fromkeys(
                [row.query.text for row in part]
                + [statements[c.index] for row in part for c in row.candidates]
            )
        )
        rows_ = np.asarray([at[t] for t in wanted])
        vectors = np.zeros((len(wanted), 384), dtype=np.float32)
        order = np.argsort(states.lengths()[rows_], kind="stable")
        for s0 in range(0, len(order), 128):
            chunk = order[s0 : s0 + 128]
            vectors[chunk] = tuned_vectors(weights, *states.batch(rows_[chunk]))
        index = {t: i for i, t in enumerate(wanted)}
        q = [index[row.query.text] for row in part for _ in row.candidates]
        c = [index[statements[x.index]] for row in part for x in row.candidates]
        return np.einsum("ij,ij->i", vectors[q], vectors[c]).astype(np.float64)

    points: dict[str, FoldPoint] = {}
    aucs: dict[str, float] = {}

    real_mask = np.asarray([row.query.kind in REAL_PARAPHRASES for row in dev])
    positives = np.asarray([bool(row.query.accept) for row in dev])

    def point(results: np.ndarray, thresholds: Thresholds, floor_mean: float | None) -> FoldPoint:
        right, wrong = int((results == 1).sum()), int((results == -1).sum())
        real_right = int((results[real_mask] == 1).sum())
        real_wrong = int((results[real_mask] == -1).sum())
        return FoldPoint(
            thresholds=vars_of(thresholds),
            precision=round(right / (right + wrong) if right + wrong else 1.0, 4),
            recall=round(right / max(1, positives.sum()), 4),
            real_precision=round(
                real_right / (real_right + real_wrong) if real_right + real_wrong else 1.0, 4
            ),
            real_recall=round(real_right / max(1, positives[real_mask].sum()), 4),
            false_positives=wrong,
            fold_precisions=[round(p, 4) for p in fold_precisions(results, fold_of)],
            floor_mean=floor_mean,
        )

    def both_rules(name: str, rows: list[Outcome], grid_: list[Thresholds], floors: bool) -> None:
        by_point = {t: match_results(rows, t) for t in grid_}
        floor_mean = None
        if floors:
            figures = [
                (point(r, t, None).precision, point(r, t, None).real_recall)
                for t, r in by_point.items()
            ]
            floor_mean = round(
                float(
                    np.mean([max((r for p, r in figures if p >= f), default=0.0) for f in FLOORS])
                ),
                4,
            )
        for rule, chosen in (
            ("pooled", choose(rows, grid_)),
            ("each-fold", choose_each_fold(rows, grid_, fold_of)),
        ):
            points[key(name, rule)] = point(by_point[chosen], chosen, floor_mean)
        _log(f"{name}: {points[key(name, 'pooled')]} | {points[key(name, 'each-fold')]}")

    both_rules("cosine_rule", dev, cosine_grid(), False)
    both_rules("reranker", rescored(dev, out_of_fold(base, same, folds)), grid, True)
    if args.ranker_negatives:
        # Measured after the held-out read, on dev only: named apart from the re-ranker systems
        # best_system chooses among.
        extra = ranker_negatives(
            load_liar(data_dir / "liar"), store, ranker, statements, args.ranker_negatives
        )
        training["ranker_negatives"] = len(extra)
        training["ranker_negative_queries"] = args.ranker_negatives
        probabilities = np.zeros(len(same))
        for fit, held in folds:
            fitted_ = MatchRanker().fit(
                np.vstack([base[fit], extra]),
                np.concatenate([same[fit], np.zeros(len(extra), dtype=bool)]),
            )
            probabilities[held] = fitted_.probability(base[held])
        both_rules("liarneg:reranker", rescored(dev, probabilities), grid, True)
    scorers: dict[str, Callable[[list[Outcome]], np.ndarray]] = {}

    def measure(name: str, weights: dict[str, np.ndarray]) -> None:
        scorers[name] = lambda part, w=weights: tuned_cosines(w, part)
        cos = scorers[name](dev)
        aucs[name] = _auc(same, cos)
        both_rules(f"{name} alone", rescored(dev, np.clip(cos, 0.0, 1.0)), grid, True)
        ranked = rescored(dev, out_of_fold(with_pair(base, cos, sizes), same, folds))
        both_rules(f"reranker+{name}", ranked, grid, True)

    aucs["shared cosine"] = _auc(same, np.asarray([c.cosine for r in dev for c in r.candidates]))
    if args.baseline:
        saved = np.load(args.baseline)
        measure("headlines", {k: saved[k] for k in saved.files})

    def at_epoch_end(epoch: int, weights: dict[str, np.ndarray]) -> None:
        if epoch == 0:
            return  # the untuned copy: the control of bench/match_headlines.py
        measure(f"hardneg/e{epoch}", weights)
        if not args.tuned_from:
            np.savez(args.cache / f"hardneg-e{epoch}.npz", **weights)
        seconds[f"e{epoch}"] = round(time.monotonic() - started, 1)

    t0 = time.monotonic()
    if args.tuned_from:
        for path in [Path(p) for p in args.tuned_from.split(",")]:
            saved = np.load(path)
            at_epoch_end(int(path.stem.rsplit("-e", 1)[1]), {k: saved[k] for k in saved.files})
    elif args.epochs > 0:
        fit_bi_encoder(
            states,
            anchors,
            partners,
            negatives,
            epochs=args.epochs,
            at_epoch_end=at_epoch_end,
            log=_log,
        )
    seconds["tuned"] = round(time.monotonic() - t0, 1)

    partial = MatchHardNeg(
        command=command,
        dev_queries=len(dev),
        real_paraphrases=sum(bool(dev[i].query.accept) for i in real),
        training=training,
        leak_check=leak,
        auc=aucs,
        dev=points,
        seconds=seconds,
    )
    held: HeldOut | None = None
    if args.held_out:
        if args.held_out != best_system(partial):
            raise SystemExit(
                f"error: the dev choice is {best_system(partial)}, not {args.held_out}"
            )
        # The store build's procedure (calibrate.build_factchecks) with the each-fold rule.
        extra = scorers.get(args.held_out.removeprefix("reranker+"))

        def features_of(part: list[Outcome], part_base: np.ndarray) -> np.ndarray:
            if extra is None:
                return part_base
            return with_pair(part_base, extra(part), [len(row.candidates) for row in part])

        features = features_of(dev, base)
        chosen_rows = rescored(dev, out_of_fold(features, same, folds))
        chosen = choose_each_fold(chosen_rows, grid, fold_of)
        fitted = MatchRanker().fit_rarity(store_statements).fit(features, same)
        test_base = np.vstack(candidate_features(test, ranker, statements))
        test_rows = rescored(test, fitted.probability(features_of(test, test_base)))
        figures = held_out_figures(
            dev, test, chosen_rows, test_rows, chosen, choose(dev, cosine_grid())
        )
        held = HeldOut(system=args.held_out, **figures.model_dump())
        _log(f"held out: {held.model_dump()}")
    seconds["total"] = round(time.monotonic() - started, 1)
    result = partial.model_copy(update={"held_out": held, "seconds": seconds})
    print(result.model_dump_json(indent=1), file=sys.stderr, flush=True)
    if args.out:
        args.out.write_text(result.model_dump_json(indent=2) + "\n", encoding="utf-8")
    if args.write:
        write_section(section(result), MARK_START, MARK_END)


def ranker_negatives(
    liar: list[Any], store: Any, ranker: Any, statements: list[str], count: int
) -> np.ndarray:
    """Re-ranker features of more candidates that state another claim, from the training side
    only: ``count`` LIAR train statements (:func:`~veracity.verify.claim_negatives.
    training_statements`, drawn at random) queried against the store with their own records
    left out; kept, the candidates that are train statements too (never a query or an answer of
    one), by another speaker and rated at least RATING_GAP steps away (featurised among all the
    query's candidates, as the re-ranker reads them)."""
    import random

    from veracity.data.liar import LIAR_LABELS
    from veracity.verify.calibrate import Outcome, Query, candidate_features
    from veracity.verify.claim_negatives import RATING_GAP, training_statements
    from veracity.verify.factchecks import normalise

    pool = training_statements(liar)
    allowed = {r.id for r in pool}
    sample = random.Random(0).sample(pool, min(count, len(pool)))
    by_text: dict[str, set[int]] = {}
    for index, record in enumerate(store.records):
        by_text.setdefault(normalise(record.statement), set()).add(index)
    rows, keep = [], []
    for record, found in zip(sample, store.candidates([r.text for r in sample]), strict=True):
        itself = by_text.get(normalise(record.text), set())
        candidates = [c for c in found if c.index not in itself]
        rows.append(Outcome(Query(record.text, "liar_negative"), candidates))
        for c in candidates:
            other = store.records[c.index]
            keep.append(
                other.id in allowed
                and other.speaker != record.meta.get("speaker")
                and other.verdict in LIAR_LABELS
                and abs(LIAR_LABELS.index(other.verdict) - LIAR_LABELS.index(record.original_label))
                >= RATING_GAP
            )
    blocks = [b for b in candidate_features(rows, ranker, statements) if len(b)]
    if not blocks:
        return np.zeros((0, 0))
    return np.vstack(blocks)[np.asarray(keep, dtype=bool)]


def merged(runs: list[MatchHardNeg]) -> MatchHardNeg:
    """Runs over the same dev queries and training triples as one result: the commands joined,
    a later run's rows replacing the same systems', the last held-out read."""
    first = runs[0]
    for run in runs[1:]:
        shared = ("headline_leads", "liar", "kept")
        if run.dev_queries != first.dev_queries or any(
            run.training.get(k) != first.training.get(k) for k in shared
        ):
            raise ValueError("runs over different dev queries or training triples")
    return MatchHardNeg(
        command="`; `".join(r.command for r in runs),
        dev_queries=first.dev_queries,
        real_paraphrases=first.real_paraphrases,
        training={k: v for r in runs for k, v in r.training.items()},
        leak_check=first.leak_check,
        auc={k: v for r in runs for k, v in r.auc.items()},
        dev={k: v for r in runs for k, v in r.dev.items()},
        seconds={"total": sum(r.seconds["total"] for r in runs)},
        held_out=next((r.held_out for r in reversed(runs) if r.held_out), None),
    )


def _label(system: str) -> str:
    if system in LABELS:
        return LABELS[system]
    if system == "liarneg:reranker":
        return "re-ranker, also fitted on LIAR train negatives (after the held-out read)"
    names = {"headlines": "bi-encoder on headline / lead pairs (stop 37, 2 epochs)"}
    name = system.removeprefix("reranker+").removesuffix(" alone")
    if name.startswith("hardneg/e"):
        label = f"bi-encoder with claim-level hard negatives, {name[9:]} epoch(s)"
    else:
        label = names.get(name, name)
    if system.endswith(" alone"):
        return f"{label}, cosine alone"
    return f"re-ranker + {label}"


def _auc_label(name: str) -> str:
    if name == "headlines":
        return "headline / lead bi-encoder"
    if name.startswith("hardneg/e"):
        return f"with claim-level hard negatives, {name[9:]} epoch(s)"
    return name


def _cells(name: str, p: FoldPoint) -> tuple[str, ...]:
    system, rule = name.split("|")
    return (
        _label(system),
        rule,
        thresholds_text(p.thresholds),
        f"{p.precision:.3f}",
        f"{min(p.fold_precisions):.3f}",
        f"{p.real_precision:.3f} / {p.real_recall:.3f}",
        *floor_cells(p),
    )


def section(r: MatchHardNeg) -> str:
    """The docs section."""
    best = best_system(r)
    b = r.dev[key(best, "each-fold")]
    reranker = r.dev[key("reranker", "each-fold")]
    pooled = r.dev[key("reranker", "pooled")]
    lines = [
        MARK_START,
        "## Known-fact-check matching: claim-level hard negatives and a point that holds on"
        " every fold",
        "",
        f"Command: `{r.command}` ({r.seconds['total'] / 60:.0f} min at one niced thread). The"
        " bi-encoder of the section above (a copy of MiniLM's top layer, multiple-negatives"
        " ranking both ways, on the int8 graph's layer-4 states) trained with harder negatives"
        " at the level of the claim, from the training side only"
        " (`verify/claim_negatives.py`): LIAR *train* statements (LIAR valid and test give the"
        " dev and test queries), each with a light rewrite as its partner and as negatives up"
        " to two statements on a PolitiFact subject it shares, by another speaker, rated two"
        " or more steps away, nearest by word TF-IDF cosine in [0.25, 0.55), and the statement"
        " negated, with an opposite word or another figure; statements of a judged re-check"
        f" pair and texts of valid or test statements left out. {r.training['liar']} LIAR"
        f" triples beside the {r.training['headline_leads']} headline / lead triples of the"
        " section above (its neighbour, rewritten and denied leads as negatives). Every FNC-1"
        " story is a dev or a test story of the store build, so no FNC-1 headline trains it."
        f" Leak check: {r.leak_check['dropped']} of {r.leak_check['triples']} triples hold a"
        " dev or test query, an answer of one, or an FNC-1 headline (normalised text), and"
        f" are dropped ({r.leak_check['dropped_liar']} of them LIAR). Each system is scored at"
        " two rules on the 656 dev queries: `pooled`, the store build's (precision >= 0.97"
        " over all dev queries, then the most real paraphrases), and `each-fold`"
        " (`calibrate.choose_each_fold`: precision >= 0.97 on each of the re-ranker's five"
        " folds by FNC-1 story, so that the point holds off the queries that chose it). The"
        " re-rankers are out of fold on those folds; 'lowest fold' is the lowest of the five"
        " folds' precision.",
        "",
        *table(
            (
                "system (dev)",
                "rule",
                "thresholds",
                "precision",
                "lowest fold",
                "real paraphrases P / R",
                *FLOOR_COLUMNS,
            ),
            (_cells(name, p) for name, p in r.dev.items()),
        ),
    ]
    aucs = ", ".join(f"{_auc_label(k)} {v:.3f}" for k, v in r.auc.items())
    lines += [
        "",
        f"Ranking of the dev same-claim candidates (AUC): {aucs}.",
        "",
        f"Chosen on dev (each-fold rule, then the most real paraphrases): {_label(best)},"
        f" real-paraphrase recall {b.real_recall:.3f} at precision {b.precision:.3f} (lowest"
        f" fold {min(b.fold_precisions):.3f}); the re-ranker alone at the same rule"
        f" {reranker.real_recall:.3f} at {reranker.precision:.3f}, and at the pooled rule"
        f" {pooled.real_recall:.3f} at {pooled.precision:.3f} (lowest fold"
        f" {min(pooled.fold_precisions):.3f}).",
    ]
    tuned = sorted(
        k.split("|")[0] for k in r.dev if k.startswith("reranker+hardneg/") and "|pooled" in k
    )
    if tuned and key("reranker+headlines", "pooled") in r.dev:
        old_p, old_f = (
            r.dev[key("reranker+headlines", "pooled")],
            r.dev[key("reranker+headlines", "each-fold")],
        )
        last = tuned[-1].removeprefix("reranker+")
        new_p, new_f = r.dev[key(tuned[-1], "pooled")], r.dev[key(tuned[-1], "each-fold")]
        lines += [
            "",
            f"The claim-level negatives make the bi-encoder rank better"
            f" (AUC {r.auc.get('headlines', 0.0):.3f} -> {r.auc.get(last, 0.0):.3f}; the shared"
            f" cosine {r.auc.get('shared cosine', 0.0):.3f}), but as a re-ranker feature it"
            f" finds fewer real paraphrases than the headline / lead bi-encoder at either rule"
            f" ({_label(tuned[-1])}: pooled {new_p.real_recall:.3f} at {new_p.precision:.3f}"
            f" against {old_p.real_recall:.3f} at {old_p.precision:.3f}; each-fold"
            f" {new_f.real_recall:.3f} against {old_f.real_recall:.3f}; a reading, not"
            " measured: what it learned to separate, LIAR neighbours and statements turned"
            " round, is what the re-ranker's word, figure and negation features already read)."
            " The each-fold rule costs every system dev recall (the re-ranker"
            f" {pooled.real_recall:.3f} -> {reranker.real_recall:.3f}) for a point whose"
            " precision no fold brings under the floor.",
        ]
    if key("liarneg:reranker", "pooled") in r.dev:
        lp, lf = (
            r.dev[key("liarneg:reranker", "pooled")],
            r.dev[key("liarneg:reranker", "each-fold")],
        )
        lines += [
            "",
            "Measured after the held-out read, on dev only (not read held out): the re-ranker"
            f" also fitted, in every fold, on {r.training.get('ranker_negatives', 0)} more"
            " candidates that state another claim, from the training side"
            f" (`match_hardneg.ranker_negatives`: {r.training.get('ranker_negative_queries', 0)}"
            " LIAR train statements queried against the store with their own records left out;"
            " of their candidates, the train statements by another speaker rated two or more"
            " steps away): pooled"
            f" {lp.real_recall:.3f} at {lp.precision:.3f} (lowest fold"
            f" {min(lp.fold_precisions):.3f}), each-fold {lf.real_recall:.3f} at"
            f" {lf.precision:.3f}, against the re-ranker alone {pooled.real_recall:.3f} at"
            f" {pooled.precision:.3f} and {reranker.real_recall:.3f} at"
            f" {reranker.precision:.3f}: within the 0.02-0.03 that one point at the floor moves"
            " between near-identical feature sets. The held-out false positives are mostly FNC-1"
            " headlines, which LIAR negatives do not resemble.",
        ]
    h = r.held_out
    if h is not None:
        meets = h.precision >= 0.97 and h.real_recall >= SHIPPED_HELD_OUT["real_recall"]
        lines += [
            "",
            f"Held out, read once for the dev choice ({_label(h.system)}, each-fold rule) by"
            " the store build's procedure (the re-ranker fitted on every dev candidate, its"
            f" threshold chosen out of fold on dev, dev {h.dev_real_recall:.3f} at"
            f" {h.dev_precision:.3f}): real-paraphrase recall {h.real_recall:.3f} at precision"
            f" **{h.precision:.3f}** ({h.false_positives} false positives,"
            f" {h.fnc1_false_positives} of them FNC-1 headlines; FNC-1 rewording recall"
            f" {h.fnc1_recall:.3f}, LIAR re-checks {h.liar_recheck_recall:.3f}; all positives"
            f" {h.recall:.3f}); the cosine rule in the same run"
            f" {h.cosine_rule['real_recall']:.3f} at {h.cosine_rule['precision']:.3f}. This"
            " is the third read of the held-out queries for a learned matching feature (the"
            " pair head's, then the headline / lead bi-encoder's at the pooled point, 0.766 at"
            " 0.930, sections above), and the each-fold rule was proposed after that read had"
            " shown the bi-encoder's precision falling off dev. "
            + (
                "It holds the floor and finds more real paraphrases than the shipped rule."
                if meets
                else "It does not both hold the 0.97 floor and beat the shipped rule's"
                f" {SHIPPED_HELD_OUT['real_recall']:.3f}, so nothing ships."
            ),
        ]
    lines.append(MARK_END)
    return "\n".join(lines)


if __name__ == "__main__":
    main()
