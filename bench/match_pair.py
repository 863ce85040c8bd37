"""Known-fact-check matching: a MiniLM pair head as a re-ranker feature (dev, out of fold).

The re-ranker's remaining errors are FNC-1 headlines of one story that take opposite sides
('Woman With Three Breasts Is Reportedly A Fake' / '... denies surgery hoax claims'). Surface
features, and sentence vectors compared one against the other, do not separate them; a model
that reads both texts together might. The pair head (:mod:`veracity.verify.pair_match`) reads
``[CLS] query [SEP] candidate [SEP]`` through the shared int8 MiniLM encoder and puts a logistic
head on the ``[CLS]`` state and the token mean; its logit and margin join the re-ranker's
features.

Training data. Every FNC-1 story is a dev or a test story of the store build
(:func:`veracity.verify.calibrate.calibration_sets` splits all 105 stories 52 / 53), so no FNC-1
headline is free of both; the head is trained on dev data only
(:func:`pair_training`: the dev candidates and the dev stories'
same-claim / contradicting headline pairs, both orders), inside the re-ranker's own folds by
FNC-1 story: for each fold it is fitted on the other folds' pairs and scores the held fold. The
re-ranker (:class:`~veracity.verify.matcher.MatchRanker`) over MATCH_FEATURES plus the head's
logit and margin is then scored out of fold on the same folds, each system at the operating
point :func:`~veracity.verify.calibrate.choose` picks (precision >= 0.97 on all dev queries, then
the most real paraphrases), beside the re-ranker alone and the cosine rule from the same run.
Variants: ``adamE`` is the numpy head (:class:`~veracity.verify.pair_match.PairHead`, E
epochs); ``tLeE`` a torch head with L BERT layers started from MiniLM's top layer
(:mod:`veracity.verify.train_pair_match`, training only). The test queries are not read here:
the store build (``veracity factchecks build``) reads them once for what it ships.

Run: ``.venv/bin/python bench/match_pair.py --heads adam1,adam2,adam3,adam4,adam6 --out
/tmp/match-pair.json --write`` (about 8 CPU minutes; needs this machine's fact-check store,
``veracity setup``; token states are cached under ``--cache``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from pydantic import BaseModel

from _docs import write_section  # bench/_docs.py
from _match_tables import PAIR_HEAD_COLUMNS, pair_head_cells, table  # bench/_match_tables.py

MARK_START = "<!-- match-pair:start -->"
MARK_END = "<!-- match-pair:end -->"
# The one held-out read of the candidate (adam3, candidates from cosine 0.5): the store build of
# branch match-pairhead (9626eb7, `VERACITY_REFERENCE_DIR=/tmp/match-ref2 veracity factchecks
# build`), which fits the head and the re-ranker on dev as above and scores the test queries
# once; its card's figures, beside that build's cosine rule.
HELD_OUT_READ = {
    "commit": "9626eb7",
    "dev": {"precision": 0.9709, "real_recall": 0.854, "false_positives": 13},
    "reranked": {
        "precision": 0.9338,
        "recall": 0.8896,
        "real_precision": 0.907,
        "real_recall": 0.7992,
        "fnc1_recall": 0.8017,
        "false_positives": 28,
        "fnc1_false_positives": 20,
        "thresholds": "J 0.6, p 0.5",
    },
    "cosine_rule": {"precision": 0.975, "real_recall": 0.615, "false_positives": 9},
    "reranker_before": {"precision": 0.960, "real_recall": 0.766, "false_positives": 16},
}
# Precision floors of the steadier dev summary: mean real-paraphrase recall over them.
FLOORS = (0.96, 0.965, 0.97, 0.975, 0.98)


class DevPoint(BaseModel):
    """One system's operating point and its figures (out of fold for the re-rankers on dev)."""

    thresholds: dict[str, float | None]
    precision: float
    recall: float
    real_precision: float
    real_recall: float
    false_positives: int
    floor_mean: float | None = None  # mean real-paraphrase recall at precision 0.96-0.98


class MatchPair(BaseModel):
    """The bench's result: dev points by system and the pair heads' out-of-fold AUC."""

    command: str
    dev_queries: int
    real_paraphrases: int
    training_pairs: int
    extra_story_pairs: int
    pair_auc: dict[str, float]
    dev: dict[str, DevPoint]
    seconds: dict[str, float]


class DevSet(NamedTuple):
    """The store build's calibration queries and the re-ranker's features of the dev
    candidates, as every matching bench starts (:func:`dev_set`)."""

    store: Any  # the fact-check store
    dev: list[Any]  # the dev queries' ``Outcome`` rows
    test: list[Any]  # the held-out queries' (read only by a held-out read)
    statements: list[str]  # the store's statements, then the FNC-1 headlines
    ranker: Any  # MatchRanker, its word rarity fitted on the store's statements
    base: np.ndarray  # MATCH_FEATURES of every dev candidate
    sizes: list[int]  # candidates per dev query
    same: np.ndarray  # each dev candidate: the same claim as its query
    folds: list[Any]  # the re-ranker's dev folds by FNC-1 story


def dev_set(data_dir: Path) -> DevSet:
    """:class:`DevSet` from this machine's fact-check store (shared with
    bench/match_headlines.py and bench/match_hardneg.py)."""
    from veracity.verify import calibrate
    from veracity.verify.factchecks import load_factcheck_store
    from veracity.verify.matcher import MatchRanker

    store = load_factcheck_store()
    dev, test = calibrate.calibration_sets(data_dir, store.records, store.vectors, store.signatures)
    statements = calibrate.calibration_statements(data_dir, store.records)
    ranker = MatchRanker().fit_rarity(statements[: len(store.records)])
    base = np.vstack(calibrate.candidate_features(dev, ranker, statements))
    sizes = [len(row.candidates) for row in dev]
    same = calibrate.candidate_labels(dev)
    return DevSet(
        store, dev, test, statements, ranker, base, sizes, same, calibrate.story_folds(dev)
    )


def _log(line: str) -> None:
    print(time.strftime("%H:%M:%S"), line, file=sys.stderr, flush=True)


def _auc(labels: np.ndarray, scores: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return round(float(roc_auc_score(labels, scores)), 4)


def dev_point(
    rows: list[Any],
    thresholds: Any,
    real_rows: list[int],
    grid: list[Any],
    floors: bool = True,
) -> DevPoint:
    """The figures of the store build's dev ``rows`` (its ``Outcome`` rows) at ``thresholds``;
    with ``floors``, the mean real-paraphrase recall at :data:`FLOORS` over the probability
    ``grid`` (the re-rankers' and heads' points). Shared with bench/match_headlines.py."""
    from veracity.verify.calibrate import score, vars_of

    every = score(rows, thresholds)
    real_part = [rows[i] for i in real_rows]
    only_real = score(real_part, thresholds)
    scored = (
        [(score(rows, t)["precision"], score(real_part, t)["recall"]) for t in grid]
        if floors
        else []
    )
    at_floors = [max((r for p, r in scored if p >= floor), default=0.0) for floor in FLOORS]
    return DevPoint(
        thresholds=vars_of(thresholds),
        precision=every["precision"],
        recall=every["recall"],
        real_precision=only_real["precision"],
        real_recall=only_real["recall"],
        false_positives=int(every["false_positives"]),
        floor_mean=round(float(np.mean(at_floors)), 4) if floors else None,
    )


def with_pair(features: np.ndarray, logits: np.ndarray, query_sizes: list[int]) -> np.ndarray:
    """The re-ranker's features with a pair model's logit and its margin over the query's next
    candidate as two more columns."""
    from veracity.verify.pair_match import margins

    return np.hstack([features, logits[:, None], margins(logits, query_sizes)[:, None]])


def pair_training(
    dev: list, statements: list[str], data_dir: Path
) -> tuple[list[str], list[str], np.ndarray, list[str], np.ndarray]:
    """The pair head's training pairs: ``(queries, candidates, same claim, group, read)``.

    First every dev candidate (the query's accepted records are the same claim; the rest are
    other stories, contradicting headlines and LIAR neighbours, already hard by cosine), in
    the order of the re-ranker's rows, ``read`` True where the head reads it (cosine >=
    :data:`~veracity.verify.pair_match.PAIR_MIN_COSINE`); then every same-claim or
    contradicting FNC-1 headline pair of the dev queries' stories
    (:func:`~veracity.verify.calibrate.fnc_headline_relations`), both orders, that is not a
    candidate row already (always read). Groups are
    the re-ranker's (FNC-1 story, else the query), so its folds keep each story's pairs
    together.
    """
    from veracity.verify.calibrate import fnc_headline_relations
    from veracity.verify.pair_match import PAIR_MIN_COSINE

    queries = [row.query.text for row in dev for _ in row.candidates]
    candidates = [statements[c.index] for row in dev for c in row.candidates]
    same = [c.index in row.query.accept for row in dev for c in row.candidates]
    groups = [row.query.group or f"query-{i}" for i, row in enumerate(dev) for _ in row.candidates]
    read = [c.cosine >= PAIR_MIN_COSINE for row in dev for c in row.candidates]
    story, same_pairs, contradicting = fnc_headline_relations(data_dir)
    dev_groups = {row.query.group for row in dev if row.query.group}
    seen = set(zip(queries, candidates, strict=True))
    for pairs, label in ((same_pairs, True), (contradicting, False)):
        for pair in sorted(pairs, key=sorted):
            first, second = sorted(pair)
            group = f"fnc1-story-{story[first]}"
            if group not in dev_groups:
                continue
            for query, candidate in ((first, second), (second, first)):
                if (query, candidate) not in seen:
                    queries.append(query)
                    candidates.append(candidate)
                    same.append(label)
                    groups.append(group)
                    read.append(True)
    return queries, candidates, np.asarray(same), groups, np.asarray(read)


def pooled(states) -> np.ndarray:  # type: ignore[no-untyped-def]
    """:func:`~veracity.verify.pair_match.pair_vectors` of every cached pair."""
    from veracity.verify.pair_match import PAIR_DIM, pair_vectors

    out = np.zeros((len(states), PAIR_DIM), dtype=np.float32)
    order = np.argsort(states.lengths(), kind="stable")
    for start in range(0, len(order), 256):
        rows = order[start : start + 256]
        hidden, mask, _ = states.batch(rows)
        out[rows] = pair_vectors(hidden, mask)
    return out


def main() -> None:
    from veracity.settings import get_settings
    from veracity.verify.calibrate import (
        RANKER_FOLDS,
        REAL_PARAPHRASES,
        Outcome,
        choose,
        operating_points,
        out_of_fold,
        ranker_grid,
        rescored,
    )
    from veracity.verify.factchecks import Thresholds
    from veracity.verify.pair_match import FLOOR_LOGIT, PAIR_MIN_COSINE, PairHead
    from veracity.verify.train_claim_stance import pair_states
    from veracity.verify.train_pair_match import PairRows, fit_layers_head, pair_logits

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--heads",
        default="adam2",
        help="adamE: pair_match.PairHead, E epochs; tLeE: torch head, L layers, E epochs",
    )
    parser.add_argument("--gate", type=float, default=PAIR_MIN_COSINE)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/match-cache2"))
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--render", type=Path, default=None)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    if args.render:
        result = MatchPair.model_validate_json(args.render.read_text(encoding="utf-8"))
        if args.write:
            write_section(section(result), MARK_START, MARK_END)
        return
    command = ".venv/bin/python bench/match_pair.py " + " ".join(sys.argv[1:])
    seconds: dict[str, float] = {}
    started = time.monotonic()
    data_dir = get_settings().data_dir
    # The re-ranker's folds (story_folds) are by the groups of all_groups[:n] below.
    _, dev, _, statements, _, base, sizes, same, folds = dev_set(data_dir)
    # The store build's pair-head training pairs: dev candidates, then dev stories' pairs.
    all_q, all_c, all_same, all_groups, _ = pair_training(dev, statements, data_dir)
    n = len(same)
    fold_of = np.zeros(n, dtype=int)
    for k, (_, held) in enumerate(folds):
        fold_of[held] = k
    group_fold = {g: int(f) for g, f in zip(all_groups[:n], fold_of, strict=True)}
    all_fold = np.asarray([group_fold[g] for g in all_groups])
    all_y = all_same.astype(np.float32)
    cosines = np.asarray([c.cosine for row in dev for c in row.candidates])
    all_cos = np.concatenate([cosines, np.ones(len(all_q) - n)])  # story pairs always train
    _log(f"dev candidates {n} ({int(same.sum())} same), story pairs {len(all_q) - n}")
    states = pair_states(all_q, all_c, args.cache)
    seconds["prepare"] = round(time.monotonic() - started, 1)
    _log(f"states ready: {len(states)} pairs, {seconds['prepare']} s")

    grid = ranker_grid()
    real = [i for i, row in enumerate(dev) if row.query.kind in REAL_PARAPHRASES]
    vectors = pooled(states)

    def point(
        rows: list[Outcome], thresholds: Thresholds, real_rows: list[int], floors: bool = True
    ) -> DevPoint:
        return dev_point(rows, thresholds, real_rows, grid, floors)

    points: dict[str, DevPoint] = {
        "cosine_rule": point(dev, operating_points(dev)["hybrid"], real, floors=False)
    }
    reranker_rows = rescored(dev, out_of_fold(base, same, folds))
    points["reranker"] = point(reranker_rows, choose(reranker_rows, grid), real)
    _log(f"reranker {points['reranker'].model_dump()}")
    aucs: dict[str, float] = {}
    dev_logits: dict[str, np.ndarray] = {}

    def record(name: str, logits: np.ndarray) -> None:
        logits = np.where(cosines >= args.gate, logits, FLOOR_LOGIT)
        dev_logits[name] = logits
        aucs[name] = _auc(same, logits)
        alone = rescored(dev, 1 / (1 + np.exp(-logits)))
        points[f"{name}_alone"] = point(alone, choose(alone, grid), real)
        rows = rescored(dev, out_of_fold(with_pair(base, logits, sizes), same, folds))
        points[f"reranker+{name}"] = point(rows, choose(rows, grid), real)
        _log(f"{name}: auc {aucs[name]} alone {points[f'{name}_alone'].model_dump()}")
        _log(f"reranker+{name}: {points[f'reranker+{name}'].model_dump()}")

    for head in [h for h in args.heads.split(",") if h]:
        t0 = time.monotonic()
        if head.startswith("adam"):
            oof = np.zeros(len(same))
            for k in range(RANKER_FOLDS):
                fit = np.flatnonzero((all_fold != k) & (all_cos >= args.gate))
                held = np.flatnonzero(fold_of == k)
                model = PairHead(epochs=int(head[4:])).fit(vectors[fit], all_y[fit])
                oof[held] = model.logit(vectors[held])
            record(head, oof)
        else:
            layers, epochs = (int(x) for x in head[1:].split("e"))
            per_epoch = np.zeros((epochs, len(same)))
            for k in range(RANKER_FOLDS):
                fit = np.flatnonzero((all_fold != k) & (all_cos >= args.gate))
                held = np.flatnonzero(fold_of == k)

                def keep(epoch: int, weights: dict, held=held, out=per_epoch, n=layers) -> None:
                    out[epoch - 1, held] = pair_logits(weights, n, PairRows(states, held))

                _log(f"{head} fold {k}: {len(fit)} training pairs")
                fit_layers_head(
                    PairRows(states, fit),
                    all_y[fit],
                    layers=layers,
                    epochs=epochs,
                    at_epoch_end=keep,
                    log=_log,
                )
            for epoch in range(1, epochs + 1):
                record(f"t{layers}e{epoch}", per_epoch[epoch - 1])
        seconds[head] = round(time.monotonic() - t0, 1)

    np.savez(
        args.cache / "dev-arrays.npz",
        base=base,
        same=same,
        sizes=np.asarray(sizes),
        fold_of=fold_of,
        **{f"logits_{k}": v for k, v in dev_logits.items()},
    )
    seconds["total"] = round(time.monotonic() - started, 1)
    result = MatchPair(
        command=command,
        dev_queries=len(dev),
        real_paraphrases=sum(bool(dev[i].query.accept) for i in real),
        training_pairs=len(states),
        extra_story_pairs=len(all_q) - n,
        pair_auc=aucs,
        dev=points,
        seconds=seconds,
    )
    print(result.model_dump_json(indent=1), file=sys.stderr, flush=True)
    if args.out:
        args.out.write_text(result.model_dump_json(indent=2) + "\n", encoding="utf-8")
    if args.write:
        write_section(section(result), MARK_START, MARK_END)


# The two systems every matching bench measures beside its own (shared with
# bench/match_headlines.py and bench/match_hardneg.py).
LABELS = {
    "cosine_rule": "cosine rule (MinHash + cosine + guard; shipped)",
    "reranker": "re-ranker, MATCH_FEATURES (measured, not enabled)",
}


def _label(name: str) -> str:
    if name in LABELS:
        return LABELS[name]
    alone = name.endswith("_alone")
    core = name.removeprefix("reranker+").removesuffix("_alone")
    if core.startswith("adam"):
        head = f"pair head, {core[4:]} epoch(s)"
    else:
        layers, epochs = core[1:].split("e")
        head = f"torch pair head, {layers} BERT layer(s), {epochs} epoch(s)"
    return f"{head} alone" if alone else f"re-ranker + {head}"


def section(r: MatchPair) -> str:
    """The docs section: dev points of every system."""

    reranker = r.dev["reranker"]
    pair_systems = [n for n in r.dev if n.startswith("reranker+")]
    best = max(pair_systems, key=lambda n: (r.dev[n].real_recall, r.dev[n].precision))
    wins = r.dev[best].precision >= 0.97 and r.dev[best].real_recall > reranker.real_recall
    lines = [
        MARK_START,
        "## Known-fact-check matching: MiniLM pair head as a re-ranker feature",
        "",
        f"Command: `{r.command}` ({r.seconds['total'] / 60:.0f} min at one niced thread)."
        f" The {r.dev_queries} dev queries of the store build ({r.real_paraphrases} real"
        " paraphrases). The pair head (`verify/pair_match.py`) reads `[CLS] query [SEP]"
        " candidate [SEP]` through the shared int8 MiniLM encoder (token states cached once)"
        " and puts a logistic output on the [CLS] state and the token mean (768 numbers),"
        " fitted by mini-batch AdamW for E epochs (`adamE`) from a small random start, with"
        " no torch; candidates below cosine 0.5 are not read (floor logit). All 105"
        " FNC-1 stories are dev or test stories of the store build, so no FNC-1 pair is free"
        " of both: the head is trained per fold of the re-ranker's own folds by FNC-1 story"
        f" (5), on the other folds' dev candidates and their stories' same-claim /"
        f" contradicting headline pairs ({r.extra_story_pairs} pairs, both orders;"
        f" {r.training_pairs} pairs in all), and scores the held fold. Its logit and its"
        " margin over the query's next candidate join MATCH_FEATURES; the re-ranker is then"
        " scored out of fold on the same folds, each system at the point the store build"
        " would choose (precision >= 0.97 on all dev queries, then the most real"
        " paraphrases). AUC: the head's out-of-fold ranking of same-claim candidates.",
        "",
        *table(
            ("system (dev, out of fold)", *PAIR_HEAD_COLUMNS),
            (
                (_label(name), *pair_head_cells(name, p, r.pair_auc, floor=name != "cosine_rule"))
                for name, p in r.dev.items()
            ),
        ),
        "",
    ]
    if wins:
        lines.append(
            f"Best on dev: {_label(best)} (real-paraphrase recall {r.dev[best].real_recall:.3f}"
            f" at precision {r.dev[best].precision:.3f}, re-ranker alone"
            f" {reranker.real_recall:.3f} at {reranker.precision:.3f})."
        )
    else:
        lines.append(
            "No pair-head variant beats the re-ranker alone on dev (real-paraphrase recall"
            f" {reranker.real_recall:.3f} at precision {reranker.precision:.3f}; best variant"
            f" {_label(best)}: {r.dev[best].real_recall:.3f} at {r.dev[best].precision:.3f})."
        )
    lines += [
        "",
        "Earlier runs of this bench in this session (same folds and grid; the dev stories"
        " without a dev query then also gave training pairs), each beside the re-ranker alone"
        " at 0.799: reading every candidate (no cosine gate), a torch head with no BERT layer"
        " (`t0e1`-`t0e3`) gave 0.832 / 0.843 / 0.814, a standardised logistic regression"
        " fitted to convergence (C 0.01 / 0.1) 0.788 / 0.759 although it ranked better"
        " (pair AUC 0.906 / 0.876 against 0.857-0.872); with candidates read from cosine 0.6,"
        " the regression (C 0.1 / 1) gave 0.770 / 0.745. The cosine gate of the measured head"
        " (0.5) was set from coverage, not from these figures: it keeps 98% of the dev"
        " same-claim candidates and reads 74% of the dev candidates (fewer for claims far"
        " from the store). A torch head with one BERT layer started from MiniLM's top layer"
        " took about 70 s per epoch and fold at a shared core (5 folds x 3 epochs: 17"
        " minutes); it was stopped for the shippable numpy head and not measured.",
        "",
        "Held out, read once for the dev-chosen candidate (3 epochs, candidates from cosine"
        f" 0.5), by the store build of branch `match-pairhead` (`{HELD_OUT_READ['commit']}`:"
        " the head and the re-ranker fitted on dev as above, the threshold chosen out of fold"
        f" on dev: dev real-paraphrase recall {HELD_OUT_READ['dev']['real_recall']:.3f} at"
        f" precision {HELD_OUT_READ['dev']['precision']:.3f}): real-paraphrase recall"
        f" {HELD_OUT_READ['reranked']['real_recall']:.3f} at precision"
        f" **{HELD_OUT_READ['reranked']['precision']:.3f}**"
        f" ({HELD_OUT_READ['reranked']['false_positives']} false positives,"
        f" {HELD_OUT_READ['reranked']['fnc1_false_positives']} of them FNC-1 headlines; all"
        f" positives {HELD_OUT_READ['reranked']['recall']:.3f}); same build, cosine rule"
        f" {HELD_OUT_READ['cosine_rule']['real_recall']:.3f} at"
        f" {HELD_OUT_READ['cosine_rule']['precision']:.3f}; the re-ranker without the head"
        f" (store build of 2026-12-03) {HELD_OUT_READ['reranker_before']['real_recall']:.3f}"
        f" at {HELD_OUT_READ['reranker_before']['precision']:.3f}. Precision falls far below"
        " the 0.97 floor, so `calibrate.shipped_rule` keeps the cosine rule and the head is"
        " not part of the store build; the target (>= 0.80 at >= 0.97) is not met. The head"
        " learns the 52 dev stories: out of fold by story it still ranks the dev stories'"
        " pairs well (AUC 0.92), but on the 53 test stories it lets through twice the"
        " FNC-1 false positives of dev. Trained on dev stories only, a pair model has about"
        " 450 headlines to learn from; a held-out FNC-1 split or another source of"
        " same-story headline pairs would be needed to train it without the dev queries.",
        "",
        "The head's epochs (3) were chosen on these dev figures and, because one operating"
        " point at the 0.97 floor moves by 0.02-0.03 between near-identical feature sets, on"
        " the mean of the dev real-paraphrase recall at precision floors 0.96-0.98 (the"
        " table's column).",
        MARK_END,
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
