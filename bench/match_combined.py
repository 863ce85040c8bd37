"""Known-fact-check matching: the re-ranker with the tuned bi-encoder and the cross-encoder (dev only).

Three measured pieces have only been tried alone against the cosine rule: the re-ranker over
:data:`veracity.verify.matcher.MATCH_FEATURES` (nested on dev 0.730 at 0.983, section 'Misses at
the shipped point'), the bi-encoder whose top layer was tuned on headline / lead pairs
(bench/match_syndicated.py, its weights ``leads-e2.npz``: the mean of its cosine and the shared
one nested 0.650) and the cross-encoder over the matcher's candidates (bench/match_cross.py,
``cross-e1.npz`` / ``cross-e2.npz``: mixed with the cosine nested 0.639). Here they are put
together: the tuned cosine and / or the cross-encoder's probability join MATCH_FEATURES as
features, each with its margin over the query's best other candidate (as ``above_next_cosine``
is the cosine's), and the re-ranker is scored as it was: out of fold on dev by FNC-1 story
(:func:`veracity.verify.calibrate.out_of_fold`, five folds), its point chosen by the build's
rule (:func:`~veracity.verify.calibrate.choose_held` over the re-ranker's grid) and read nested
(the same rule on four folds, read on the fifth, pooled).

The systems, fixed before the run: the re-ranker alone (the rule's baseline, the same run),
with the tuned cosine, with the cross-encoder's probability after 1 and after 2 epochs, and
with both. The rule to keep one, fixed before the run: nested real-paraphrase recall at least
:data:`MIN_GAIN` above the re-ranker's own nested figure in this run, nested precision >= 0.97,
and every held fold's precision >= 0.97. The test queries are not read.

The weights are those the two benches saved (their documented commands re-create them). The
scores of each (query, candidate) are cached under :data:`CACHE`, keyed by the pairs' texts and
the weights' bytes, so a feature run takes minutes.

Run: ``.venv/bin/python bench/match_combined.py --out /tmp/match-combined.json --write``
(needs this machine's fact-check store, ``veracity setup``, and the saved weights).
"""

from __future__ import annotations

import hashlib
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
from pydantic import BaseModel

from _match_tables import POINT_COLUMNS, point_cells, table  # bench/_match_tables.py

MARK_START = "<!-- match-combined:start -->"
MARK_END = "<!-- match-combined:end -->"
COMMAND = ".venv/bin/python bench/match_combined.py --out /tmp/match-combined.json --write"
TUNED = Path("/tmp/match-syndicated-cache/leads-e2.npz")
CROSS = {
    "cross_e1": Path("/tmp/match-cross-cache/cross-e1.npz"),
    "cross_e2": Path("/tmp/match-cross-cache/cross-e2.npz"),
}
CACHE = Path("/tmp/match-combined-cache")
MIN_GAIN = 0.03
FLOOR = 0.97
BASELINE = "re-ranker"
# Each system: the scores whose value and margin join MATCH_FEATURES.
SYSTEMS: dict[str, tuple[str, ...]] = {
    BASELINE: (),
    "re-ranker + tuned cosine": ("tuned",),
    "re-ranker + cross-encoder e1": ("cross_e1",),
    "re-ranker + cross-encoder e2": ("cross_e2",),
    "re-ranker + tuned cosine + cross-encoder e1": ("tuned", "cross_e1"),
    "re-ranker + tuned cosine + cross-encoder e2": ("tuned", "cross_e2"),
}
LABELS = {
    "tuned": "the tuned bi-encoder's cosine (headline / lead pairs, 2 epochs)",
    "cross_e1": "the cross-encoder's probability (1 epoch)",
    "cross_e2": "the cross-encoder's probability (2 epochs)",
}


class System(BaseModel):
    """One re-ranker's out-of-fold point and nested reading (bench/match_cross.py's MixPoint
    fields) and the ranking of its out-of-fold probabilities."""

    point: dict[str, Any]
    auc: float


class MatchCombined(BaseModel):
    """The bench's result."""

    dev_queries: int
    real_paraphrases: int
    dev_candidates: int
    cross_read: float  # share of the dev candidates the cross-encoder reads (cosine >= its gate)
    score_auc: dict[str, float]  # each added score alone, and the shared cosine
    systems: dict[str, System]
    seconds: dict[str, float]


def _log(line: str) -> None:
    print(time.strftime("%H:%M:%S"), line, file=sys.stderr, flush=True)


def margins(values: np.ndarray, sizes: list[int]) -> np.ndarray:
    """Each candidate's value less the best other value of its query's candidates (``sizes``:
    candidates per query, in order); a lone candidate's margin is its value."""
    out = np.zeros(len(values))
    start = 0
    for n in sizes:
        part = values[start : start + n]
        for i in range(n):
            others = np.delete(part, i)
            out[start + i] = part[i] - (others.max() if len(others) else 0.0)
        start += n
    return out


@dataclass(frozen=True)
class DevCandidates:
    """The dev queries' candidates as the re-ranker benches read them (this bench,
    bench/match_agreement.py and bench/match_mpnet.py): the rows, each candidate's label, its
    query's text and its statement, the shared cosine, the MATCH_FEATURES block and the folds
    by FNC-1 story."""

    dev: list[Any]
    store_statements: list[str]
    same: np.ndarray
    sizes: list[int]
    pairs: list[tuple[str, str]]
    shared: np.ndarray
    base: np.ndarray
    folds: list[tuple[np.ndarray, np.ndarray]]

    @classmethod
    def of(
        cls, dev: list[Any], statements: list[str], store_statements: list[str]
    ) -> DevCandidates:
        """``dev``'s candidates, ``statements`` the calibration store's (records, then the FNC-1
        headlines), ``store_statements`` the fact-check store's."""
        from veracity.verify import calibrate
        from veracity.verify.matcher import MatchRanker

        return cls(
            dev=dev,
            store_statements=store_statements,
            same=calibrate.candidate_labels(dev),
            sizes=[len(row.candidates) for row in dev],
            pairs=[(row.query.text, statements[c.index]) for row in dev for c in row.candidates],
            shared=np.asarray([c.cosine for row in dev for c in row.candidates]),
            base=np.vstack(
                calibrate.candidate_features(
                    dev, MatchRanker().fit_rarity(store_statements), statements
                )
            ),
            folds=calibrate.story_folds(dev),
        )

    @property
    def real_paraphrases(self) -> int:
        """Dev queries that are real paraphrases with an answer in the store."""
        from veracity.verify import calibrate

        return sum(
            r.query.kind in calibrate.REAL_PARAPHRASES and bool(r.query.accept) for r in self.dev
        )


def dev_candidates(data_dir: Path) -> DevCandidates:
    """The store build's dev queries over this machine's fact-check store (``veracity setup``)."""
    from veracity.verify import calibrate
    from veracity.verify.factchecks import load_factcheck_store

    store = load_factcheck_store()
    dev, _ = calibrate.calibration_sets(data_dir, store.records, store.vectors, store.signatures)
    return DevCandidates.of(
        dev,
        calibrate.calibration_statements(data_dir, store.records),
        [r.statement for r in store.records],
    )


def reranker_system(d: DevCandidates, features: np.ndarray) -> System:
    """A re-ranker over ``features`` (one row per candidate of ``d``) scored out of fold by
    FNC-1 story, its point chosen by the build's rule and read nested (bench/match_cross.py's
    ``read_point``), and the ranking (AUC) of its out-of-fold probabilities."""
    from sklearn.metrics import roc_auc_score

    from match_cross import read_point  # bench/match_cross.py
    from veracity.verify import calibrate
    from veracity.verify.matcher import MatchRanker

    probability = calibrate.out_of_fold(
        features, d.same, d.folds, lambda: MatchRanker().fit_rarity(d.store_statements)
    )
    point = read_point({0.0: calibrate.rescored(d.dev, probability)}, calibrate.ranker_grid(), 0.0)
    return System(point=point.model_dump(), auc=round(float(roc_auc_score(d.same, probability)), 4))


def kept(r: MatchCombined, name: str) -> bool:
    """The rule fixed before the run (module docstring)."""
    p, base = r.systems[name].point, r.systems[BASELINE].point
    return (
        p["nested_real_recall"] >= base["nested_real_recall"] + MIN_GAIN
        and p["nested_precision"] >= FLOOR
        and min(p["nested_fold_precisions"]) >= FLOOR
    )


def _key(pairs: list[tuple[str, str]], weights: Path) -> str:
    digest = hashlib.sha1(weights.read_bytes())
    for a, b in pairs:
        digest.update(f"{a}\x01{b}\x02".encode())
    return digest.hexdigest()[:20]


def tuned_cosines(pairs: list[tuple[str, str]], weights: Path) -> np.ndarray:
    """The tuned bi-encoder's cosine of each pair (cached)."""
    from veracity.verify.match_encoder import encode_tuned

    path = CACHE / f"tuned-{_key(pairs, weights)}.npy"
    if path.exists():
        return np.load(path)
    saved = np.load(weights)
    texts = list(dict.fromkeys(t for pair in pairs for t in pair))
    at = {t: i for i, t in enumerate(texts)}
    vectors = encode_tuned(texts, {k: saved[k] for k in saved.files})
    first = vectors[[at[a] for a, _ in pairs]]
    second = vectors[[at[b] for _, b in pairs]]
    out = np.einsum("ij,ij->i", first, second).astype(np.float64)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, out)
    return out


def cross_probabilities(
    pairs: list[tuple[str, str]], read: np.ndarray, weights: Path
) -> np.ndarray:
    """The cross-encoder's same-claim probability of each pair in ``read`` (0 elsewhere, as
    bench/match_cross.py scores the candidates it does not read; cached)."""
    from match_cross import CACHE as PAIR_STATES  # bench/match_cross.py
    from match_cross import probabilities
    from veracity.verify.train_claim_stance import pair_states

    path = CACHE / f"cross-{_key(pairs, weights)}-{len(read)}.npy"
    if path.exists():
        return np.load(path)
    states = pair_states([pairs[i][0] for i in read], [pairs[i][1] for i in read], PAIR_STATES)
    saved = np.load(weights)
    out = np.zeros(len(pairs))
    out[read] = probabilities({k: saved[k] for k in saved.files}, states)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, out)
    return out


def run(data_dir: Path) -> MatchCombined:
    from sklearn.metrics import roc_auc_score

    from match_cross import GATE  # bench/match_cross.py

    started = time.monotonic()
    seconds: dict[str, float] = {}
    d = dev_candidates(data_dir)
    read = np.flatnonzero(d.shared >= GATE)
    seconds["features"] = round(time.monotonic() - started, 1)
    _log(f"{len(d.dev)} dev queries, {len(d.pairs)} candidates, {seconds['features']} s")
    scores = {"tuned": tuned_cosines(d.pairs, TUNED)}
    seconds["tuned"] = round(time.monotonic() - started, 1)
    _log(f"tuned cosines, {seconds['tuned']} s")
    for name, weights in CROSS.items():
        scores[name] = cross_probabilities(d.pairs, read, weights)
        seconds[name] = round(time.monotonic() - started, 1)
        _log(f"{name} probabilities, {seconds[name]} s")
    score_auc = {"shared cosine": round(float(roc_auc_score(d.same, d.shared)), 4)}
    score_auc.update({n: round(float(roc_auc_score(d.same, s)), 4) for n, s in scores.items()})
    _log(f"AUC {score_auc}")
    added = {n: np.column_stack([s, margins(s, d.sizes)]) for n, s in scores.items()}
    systems: dict[str, System] = {}
    for name, parts in SYSTEMS.items():
        systems[name] = reranker_system(d, np.hstack([d.base, *(added[p] for p in parts)]))
        seconds[name] = round(time.monotonic() - started, 1)
        _log(f"{name}: {systems[name]} ({seconds[name]} s)")
    return MatchCombined(
        dev_queries=len(d.dev),
        real_paraphrases=d.real_paraphrases,
        dev_candidates=len(d.pairs),
        cross_read=round(len(read) / max(1, len(d.pairs)), 3),
        score_auc=score_auc,
        systems=systems,
        seconds=seconds,
    )


def _label(name: str) -> str:
    if name == BASELINE:
        return "re-ranker, MATCH_FEATURES (the rule's baseline; not enabled)"
    return "re-ranker + " + " + ".join(LABELS[p] for p in SYSTEMS[name])


def section(r: MatchCombined) -> str:
    rows = []
    for name, s in r.systems.items():
        p = SimpleNamespace(**s.point)
        rows.append(
            (
                _label(name),
                f"J {p.jaccard:g} / p {p.threshold:g}",
                *point_cells(p),
                ", ".join(f"{f:.3f}" for f in p.nested_fold_precisions),
                f"{s.auc:.3f}",
            )
        )
    base = r.systems[BASELINE].point
    bar = base["nested_real_recall"] + MIN_GAIN
    winners = [n for n in r.systems if n != BASELINE and kept(r, n)]
    if winners:
        best = max(winners, key=lambda n: r.systems[n].point["nested_real_recall"])
        p = r.systems[best].point
        verdict = (
            f"Passes the rule fixed before the run: {_label(best)}, nested real-paraphrase"
            f" recall {p['nested_real_recall']:.3f} at nested precision"
            f" {p['nested_precision']:.3f} (the re-ranker alone {base['nested_real_recall']:.3f}"
            f" at {base['nested_precision']:.3f}; the bar {bar:.3f})."
        )
    else:
        best = max(
            (n for n in r.systems if n != BASELINE),
            key=lambda n: r.systems[n].point["nested_real_recall"],
            default=BASELINE,
        )
        p = r.systems[best].point
        verdict = (
            "No system passes the rule fixed before the run (nested real-paraphrase recall at"
            f" least {bar:.3f}, the re-ranker's own {base['nested_real_recall']:.3f} +"
            f" {MIN_GAIN:.2f}; nested precision >= {FLOOR}; every held fold >= {FLOOR}):"
            f" nothing is wired. Highest nested real-paraphrase recall: {_label(best)},"
            f" {p['nested_real_recall']:.3f} at nested precision {p['nested_precision']:.3f}"
            f" (lowest held fold {min(p['nested_fold_precisions']):.3f})."
        )
    aucs = ", ".join(
        f"{'the shared cosine' if n == 'shared cosine' else LABELS[n]} {v:.3f}"
        for n, v in r.score_auc.items()
    )
    lines = [
        MARK_START,
        "### The re-ranker with the tuned bi-encoder and the cross-encoder as features"
        " (stop 44; dev only)",
        "",
        f"Command: `{COMMAND}` ({max(r.seconds.values(), default=0.0) / 60:.0f} min at one"
        " niced thread, the scores of the two encoders cached per (query, candidate)). The"
        " measured pieces of the sections above, until now tried only alone against the"
        " cosine rule, put together: the tuned bi-encoder's cosine (bench/match_syndicated.py's"
        " headline / lead arm after 2 epochs, `leads-e2.npz`) and the cross-encoder's"
        " probability (bench/match_cross.py, `cross-e1.npz` / `cross-e2.npz`; candidates under"
        f" cosine 0.5 are not read and score 0: {r.cross_read:.0%} read) join MATCH_FEATURES,"
        " each with its margin over the query's best other candidate. Each re-ranker (the"
        " mean of a logistic regression and gradient-boosted trees, as shipped) is scored out"
        f" of fold on the {r.dev_queries} dev queries' {r.dev_candidates} candidates"
        f" ({r.real_paraphrases} real paraphrases) by FNC-1 story (five folds), its point"
        " chosen by the build's rule (`calibrate.choose_held` over the re-ranker's grid) and"
        " read nested (the same rule on four folds, read on the fifth, pooled; 'held folds':"
        " each fifth's precision). AUC: the out-of-fold probabilities' ranking of the dev"
        f" same-claim candidates (each added score alone: {aucs}). The systems and the rule"
        " were fixed before the run; the test queries were not read.",
        "",
        *table(
            (
                "system (dev, out of fold)",
                "point",
                *POINT_COLUMNS,
                "nested: held folds' precision",
                "AUC",
            ),
            rows,
        ),
        "",
        verdict,
        MARK_END,
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    from _docs import result_cli  # bench/_docs.py

    result_cli(__doc__.splitlines()[0], MatchCombined, run, section, MARK_START, MARK_END)
