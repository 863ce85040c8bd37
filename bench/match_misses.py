"""Known-fact-check matching: the dev misses at the store build's point, grouped by why, and
general changes aimed at them (dev only).

The store build (:func:`veracity.verify.calibrate.build_factchecks`) chooses its cosine rule's
point on the 656 dev queries (:func:`~veracity.verify.calibrate.choose_held`: precision >= 0.97
on each of the five folds by FNC-1 story, then the most real paraphrases). This bench rebuilds
those dev queries' candidates as the build does (the store plus the FNC-1 headlines; dense top
10 and MinHash LSH; the guard, :func:`~veracity.verify.factchecks.claims_conflict`) from any
score matrix, then:

- groups each real paraphrase the point misses by why: the answer is not a candidate; a wrong
  record comes first (a false positive); the guard refuses every right candidate (which part);
  or the best right candidate scores under the point (by how far);
- scores the guard before stop 41 (polarity compared as negation against negation and debunk
  against debunk) beside the guard now (:func:`~veracity.verify.factchecks._denies`: one side);
- measures changes to what is embedded or how candidates are scored, each with the guard now,
  at the point the build's rule chooses for it, and read nested (chosen by the same rule on four
  dev folds, read on the fifth, the five held folds pooled), and at fixed cosines 0.76-0.80:
  figures and dates written one way (``numbers``), one name for a country or body
  (``acronyms``), scare quotes dropped (``quotes``), the claim
  without its frame ("Report:", ", sources say", "Viral post claims", "reportedly"; ``core``) in
  place of the text or as a second embedding whose cosine counts when higher (``max(full,
  core)``), and cross-domain similarity local scaling (``csls``: the cosine less the mean of
  each side's cosines to its 10 nearest statements, which lowers the pairs in a dense
  neighbourhood: one story's other headlines, one speaker's checks);
- scores compact re-rankers (:data:`SMALL_RANKERS`: a logistic regression over the cosine, the
  word TF-IDF cosine, the names and figures shared, the guard and MinHash, then also the rare
  words shared) and the re-ranker's own model beside them, out of fold on the build's folds.

The test queries are neither built nor read here.

Run: ``.venv/bin/python bench/match_misses.py --write`` (about 5 CPU minutes the first time,
for the variants' embeddings; cached after; needs this machine's fact-check store, ``veracity
setup``).
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from _docs import result_cli  # bench/_docs.py
from _match_tables import POINT_COLUMNS, point_cells, table  # bench/_match_tables.py

MARK_START = "<!-- match-misses:start -->"
MARK_END = "<!-- match-misses:end -->"
COMMAND = ".venv/bin/python bench/match_misses.py --write"
NEIGHBOURS = 10  # csls: nearest statements whose mean cosine is a text's neighbourhood
EXAMPLES = 3  # pairs shown per miss group
FIXED = (0.76, 0.77, 0.78, 0.79, 0.80)  # cosines read at a fixed point, beside the chosen one


class Point(BaseModel):
    """One rule's point on the dev queries and its figures, then its nested reading."""

    jaccard: float
    cosine: float
    probability: float | None = None  # a re-ranker's point
    precision: float
    false_positives: int
    lowest_fold: float
    real_recall: float
    real_found: int
    nested_precision: float
    nested_false_positives: int
    nested_real_recall: float
    # at each fixed cosine of FIXED (MinHash 0.55): real-paraphrase recall, false positives,
    # lowest fold's precision
    fixed: dict[str, list[float]]


class MatchMisses(BaseModel):
    """The bench's result."""

    dev_queries: int
    real_paraphrases: int
    misses_before: dict[str, int]
    misses: dict[str, int]
    examples: dict[str, list[list[str]]]
    flags_freed: dict[str, int]
    points: dict[str, Point]
    texts_changed: dict[str, int]
    rankers: dict[str, Point] = {}


def _log(line: str) -> None:
    print(time.strftime("%H:%M:%S"), line, file=sys.stderr, flush=True)


def guard_before(first: str, second: str) -> bool:
    """The guard before stop 41: polarity compared as a pair (negation, debunk), so a negation
    on one side and a debunk on the other conflicted."""
    from veracity.verify.cues import fold_outcome_phrases
    from veracity.verify.factchecks import claims_conflict
    from veracity.verify.matcher import polarity

    return claims_conflict(first, second) or polarity(
        fold_outcome_phrases(first, negations=False)
    ) != polarity(fold_outcome_phrases(second, negations=False))


def guard_part(first: str, second: str) -> str:
    """Which part of the guard refuses a pair (the first that does, in the guard's order)."""
    from veracity.verify import factchecks as fc
    from veracity.verify.cues import fold_outcome_phrases, opposite_outcomes
    from veracity.verify.matcher import polarity

    a, b = fc._figures(first), fc._figures(second)
    if a and b and not (a <= b or b <= a):
        return "figures"
    if fc._denies(first) != fc._denies(second):
        return "polarity (one side denies)"
    if polarity(fold_outcome_phrases(first, negations=False)) != polarity(
        fold_outcome_phrases(second, negations=False)
    ):
        return "polarity (a negation against a debunk; before stop 41)"
    first, second = fc._SAYS.sub("", first), fc._SAYS.sub("", second)
    if opposite_outcomes(first, second) or opposite_outcomes(second, first):
        return "opposite outcome"
    if fc._reports_failure_of(first, second) or fc._reports_failure_of(second, first):
        return "failure reported"
    return "publication reported"


# Figures and dates one way: "$1.5bn" / "$1.5 billion", "10,000" / "10000", "per cent" / "%",
# "Jan." / "January", "3rd" / "3", "eight" / "8".
_SCALES = (
    (re.compile(r"(\d)\s*(?:bn|b)\b", re.I), r"\1 billion"),
    (re.compile(r"(\d)\s*(?:mn|m)\b"), r"\1 million"),
    (re.compile(r"(\d)\s*k\b"), r"\1 thousand"),
    (re.compile(r"\bper\s*cent\b|\bpercent\b", re.I), "%"),
    (re.compile(r"(\d),(\d{3})\b"), r"\1\2"),
    (re.compile(r"(\d),(\d{3})\b"), r"\1\2"),  # "1,000,000": each group in turn
)
_MONTHS = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "aug": "August",
    "sep": "September",
    "sept": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r")\.", re.I)
_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b", re.I)
# One name for a country or body: "U.S." / "United States" / "US".
_ALIASES = (
    (re.compile(r"\bU\.S\.A?\.?(?=\W|$)"), "US"),
    (re.compile(r"\bUnited States(?: of America)?\b"), "US"),
    (re.compile(r"\bU\.K\.?(?=\W|$)"), "UK"),
    (re.compile(r"\bUnited Kingdom\b"), "UK"),
    (re.compile(r"\bU\.N\.?(?=\W|$)"), "UN"),
    (re.compile(r"\bUnited Nations\b"), "UN"),
)
_SCARE_QUOTES = re.compile(r"(?<!\w)[\"“‘']([^\"”’']{1,80}?)[\"”’'](?!\w)")


def numbers(text: str) -> str:
    """``text`` with its figures and dates written one way."""
    from veracity.verify.factchecks import _SPELLED, _in_digits

    text = _SPELLED.sub(_in_digits, text)
    for pattern, replacement in _SCALES:
        text = pattern.sub(replacement, text)
    text = _MONTH.sub(lambda m: _MONTHS[m[1].lower()], text)
    return _ORDINAL.sub(r"\1", text)


def acronyms(text: str) -> str:
    """``text`` with one name for each country or body ("U.S.", "United States": "US")."""
    for pattern, replacement in _ALIASES:
        text = pattern.sub(replacement, text)
    return text


def quotes(text: str) -> str:
    """``text`` without scare quotes ("Argentina's president 'adopts' godson")."""
    return _SCARE_QUOTES.sub(r"\1", text)


# The frame around a claim: a tag ("Report:", "VIDEO:"), a bracketed tail ("[VIDEO]"), an
# attribution at the end (", reports say", ": report", "- source says"), a medium that claims
# or shows at the start ("Viral post claims that", "Video purports to show"), a hedge.
_TAG = re.compile(
    r"^\s*(?:report|reports|video|photos?|pictures?|watch|update|breaking|exclusive|rumou?r|"
    r"confirmed|revealed)\s*:\s+",
    re.I,
)
_BRACKET_TAIL = re.compile(r"\s*[\[(][^\])]*[\])]\s*$")
_ATTRIBUTION_TAIL = re.compile(
    r"\s*(?:[,:;–—-]+|\s)\s*(?:(?:a\s+)?(?:new\s+)?(?:reports?|sources?|police|officials?|media|"
    r"witnesses)\s+(?:says?|claims?|suggests?)|(?:reports?|report\s+says|reports\s+say|"
    r"says\s+report|claims\s+report|source\s+says|sources\s+say))\s*[.!]?\s*$",
    re.I,
)
_MEDIUM_CLAIMS = re.compile(
    r"^\s*(?:(?:a|the)\s+)?(?:viral\s+)?(?:(?:facebook|social\s+media|twitter|whatsapp|online)\s+)?"
    r"(?:posts?|photos?|images?|videos?|pictures?|tweets?|messages?|reports?|rumou?rs?|claims?|"
    r"memes?|articles?|footage)\s+(?:that\s+)?(?:purports?\s+to\s+|purportedly\s+|appears?\s+to\s+)?"
    r"(?:claims?|claiming|says?|saying|shows?|showing|suggests?|suggesting|states?|alleges?|"
    r"alleging|reveals?)\s+(?:that\s+)?",
    re.I,
)
_HEDGE = re.compile(r"\b(?:reportedly|allegedly|apparently|purportedly|supposedly)\s+", re.I)


def core(text: str) -> str:
    """The claim of ``text`` without its frame (``text`` when under three words are left)."""
    claim = _BRACKET_TAIL.sub("", text)
    claim = _TAG.sub("", claim)
    claim = _ATTRIBUTION_TAIL.sub("", claim)
    claim = _MEDIUM_CLAIMS.sub("", claim)
    claim = _HEDGE.sub("", claim).strip(" -–—:;,")
    return claim[:1].upper() + claim[1:] if len(claim.split()) >= 3 else text


class StoreDevQueries:
    """The store build's dev queries over the calibration store, and their candidates from any
    (queries x statements) score matrix, as :meth:`FactCheckStore.candidates` finds them (the
    re-ranker benches' fixed candidate rows are bench/match_combined.py's ``DevCandidates``)."""

    def __init__(self, data_dir: Path) -> None:
        from veracity.verify import calibrate
        from veracity.verify.factchecks import (
            SignatureBands,
            load_factcheck_store,
            minhash_signatures,
        )

        store = load_factcheck_store()
        headlines, self.queries, _ = calibrate.calibration_queries(data_dir, store.records)
        self.statements = [r.statement for r in store.records] + headlines
        self.store_vectors = store.vectors
        self.signatures = np.vstack([store.signatures, minhash_signatures(headlines)])
        bands = SignatureBands(self.signatures)
        self.query_signatures = minhash_signatures([q.text for q in self.queries])
        self.lexical = [bands.query(s) for s in self.query_signatures]
        self._conflicts: dict[tuple[str, str, str], bool] = {}

    def vectors(self, transform: Callable[[str], str] | None = None) -> tuple[np.ndarray, ...]:
        """(query vectors, statement vectors): :func:`matching_text` then ``transform``, MiniLM;
        statements stored as float16, as the store keeps them."""
        from veracity.embeddings import embed
        from veracity.verify.factchecks import matching_text

        if transform is None:
            from veracity.verify.factchecks import matching_vectors

            headlines = self.statements[len(self.store_vectors) :]
            statements = np.vstack([self.store_vectors, matching_vectors(headlines)])
            queries = matching_vectors([q.text for q in self.queries])
        else:
            statements = embed([transform(matching_text(t)) for t in self.statements])
            queries = embed([transform(matching_text(q.text)) for q in self.queries])
        return queries, statements.astype(np.float16).astype(np.float32)

    def rows(self, scores: np.ndarray, guard: Callable[[str, str], bool]) -> list[Any]:
        """The dev ``Outcome`` rows with candidates scored by ``scores`` and flagged by
        ``guard``."""
        from veracity.verify.calibrate import Outcome
        from veracity.verify.factchecks import DENSE_CANDIDATES, Candidate

        out = []
        for i, query in enumerate(self.queries):
            row = scores[i]
            top = np.argpartition(-row, DENSE_CANDIDATES)[:DENSE_CANDIDATES]
            indices = sorted(set(top.tolist()) | self.lexical[i])
            jaccards = (self.signatures[indices] == self.query_signatures[i]).mean(axis=1)
            candidates = [
                Candidate(k, float(row[k]), float(j), self._conflict(guard, query.text, k))
                for k, j in zip(indices, jaccards, strict=True)
                if k not in query.ignore
            ]
            out.append(Outcome(query, sorted(candidates, key=lambda c: -c.cosine)))
        return out

    def _conflict(self, guard: Callable[[str, str], bool], text: str, index: int) -> bool:
        key = (guard.__name__, text, self.statements[index])
        if key not in self._conflicts:
            self._conflicts[key] = guard(text, self.statements[index])
        return self._conflicts[key]


def point(rows: list[Any], grid: list[Any] | None = None) -> Point:
    """The build's point on ``rows`` and its figures, then the nested reading: the same rule
    on four of the five folds, read on the fifth, each fold in turn, pooled."""
    from veracity.verify import calibrate
    from veracity.verify.factchecks import Thresholds

    grid = grid or calibrate.cosine_grid()
    chosen = calibrate.choose_held(rows, grid)
    fold_of = calibrate.query_folds(rows, calibrate.story_folds(rows))
    results = calibrate.match_results(rows, chosen)
    every = calibrate.score_by_kind(rows, chosen)
    nested = np.zeros(len(rows), dtype=int)
    for fold in sorted(set(fold_of.tolist()) - {-1}):
        fit = np.flatnonzero(fold_of != fold)
        held = np.flatnonzero(fold_of == fold)
        inner = calibrate.choose_each_fold([rows[i] for i in fit], grid, fold_of[fit])
        nested[held] = calibrate.match_results([rows[i] for i in held], inner)
    real = np.asarray([r.query.kind in calibrate.REAL_PARAPHRASES for r in rows])
    fixed = {}
    for cosine in FIXED:
        at = Thresholds(0.55, cosine)
        figures = calibrate.score_by_kind(rows, at)
        fixed[f"{cosine:.2f}"] = [
            figures["real_paraphrases"]["recall"],
            figures["all"]["false_positives"],
            round(min(calibrate.fold_precisions(calibrate.match_results(rows, at), fold_of)), 4),
        ]
    right, wrong = int((nested == 1).sum()), int((nested == -1).sum())
    return Point(
        jaccard=float(chosen.lexical_jaccard),
        cosine=float(chosen.semantic_cosine),
        probability=chosen.match_probability,
        precision=every["all"]["precision"],
        false_positives=int(every["all"]["false_positives"]),
        lowest_fold=round(min(calibrate.fold_precisions(results, fold_of)), 4),
        real_recall=every["real_paraphrases"]["recall"],
        real_found=int(every["real_paraphrases"]["true_positives"]),
        nested_precision=round(right / max(1, right + wrong), 4),
        nested_false_positives=wrong,
        nested_real_recall=round(float((nested[real] == 1).sum() / real.sum()), 4),
        fixed=fixed,
    )


def misses(
    rows: list[Any], statements: list[str], examples: dict[str, list[list[str]]] | None = None
) -> dict[str, int]:
    """Why each real paraphrase is missed at the build's point, counted by group."""
    from veracity.verify import calibrate
    from veracity.verify.factchecks import decide

    chosen = calibrate.choose_held(rows, calibrate.cosine_grid())
    groups: Counter[str] = Counter()
    for row in rows:
        if row.query.kind not in calibrate.REAL_PARAPHRASES or not row.query.accept:
            continue
        matched = decide(row.candidates, chosen)
        if matched and matched[0][0].index in row.query.accept:
            continue
        right = [c for c in row.candidates if c.index in row.query.accept]
        free = [c for c in right if not c.conflict]
        best = max(free or right, key=lambda c: c.cosine, default=None)
        if matched:
            why = "a wrong record first (a false positive)"
        elif best is None:
            why = "the answer is not a candidate"
        elif not free:
            side = "at or over" if best.cosine >= chosen.semantic_cosine else "under"
            part = guard_part(row.query.text, statements[best.index])
            why = f"the guard refuses it: {part}, cosine {side} the point"
        else:
            gap = chosen.semantic_cosine - best.cosine
            why = (
                "under the point by < 0.04"
                if gap < 0.04
                else "under the point by 0.04-0.08"
                if gap < 0.08
                else "under the point by 0.08-0.18"
                if gap < 0.18
                else "under the point by >= 0.18"
            )
        groups[why] += 1
        if examples is not None and best is not None and len(examples.get(why, [])) < EXAMPLES:
            examples.setdefault(why, []).append(
                [row.query.text, statements[best.index], f"{best.cosine:.2f}"]
            )
    return dict(groups.most_common())


def neighbourhoods(queries: np.ndarray, statements: np.ndarray, rows_ignored: list[Any]) -> Any:
    """Each query's and statement's mean cosine to its :data:`NEIGHBOURS` nearest statements
    (itself, its exact repeats and a query's ignored records left out)."""
    of_statements = np.zeros(len(statements))
    for start in range(0, len(statements), 2000):
        block = statements[start : start + 2000] @ statements.T
        block[block > 0.999] = -1.0
        of_statements[start : start + 2000] = -np.partition(-block, NEIGHBOURS, axis=1)[
            :, :NEIGHBOURS
        ].mean(axis=1)
    scores = queries @ statements.T
    of_queries = np.zeros(len(queries))
    for i, query in enumerate(rows_ignored):
        row = scores[i].copy()
        row[list(query.ignore)] = -1.0
        row[row > 0.999] = -1.0
        of_queries[i] = -np.partition(-row, NEIGHBOURS)[:NEIGHBOURS].mean()
    return scores, of_queries, of_statements


# Compact re-rankers (a standardised logistic regression over a few of MATCH_FEATURES): the
# cosine, the word TF-IDF cosine (IDF over the store, as BM25 weighs words), the names and the
# figures the two share, the guard's flag and MinHash; then with the rare words shared.
SMALL_RANKERS = {
    "cosine, word TF-IDF cosine, names, figures, guard, MinHash": (
        "cosine",
        "word_tfidf_cosine",
        "query_names_shared",
        "candidate_names_shared",
        "both_have_figures",
        "figures_shared",
        "conflict",
        "jaccard",
    ),
}
SMALL_RANKERS["the same and the rare words shared, both ways"] = (
    *SMALL_RANKERS["cosine, word TF-IDF cosine, names, figures, guard, MinHash"],
    "query_rarity_shared",
    "candidate_rarity_shared",
)


class _SmallRanker:
    """A standardised logistic regression over some columns of the re-ranker's features."""

    def __init__(self, columns: list[int]) -> None:
        self.columns = columns

    def fit(self, features: np.ndarray, same: np.ndarray) -> _SmallRanker:
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        self.model_ = make_pipeline(StandardScaler(), LogisticRegression(max_iter=3000))
        self.model_.fit(features[:, self.columns], same)
        return self

    def probability(self, features: np.ndarray) -> np.ndarray:
        return self.model_.predict_proba(features[:, self.columns])[:, 1]


def rankers(rows: list[Any], statements: list[str], store_size: int) -> dict[str, Point]:
    """The compact re-rankers and the shipped re-ranker's model, scored out of fold on the
    build's folds by FNC-1 story, each at the point the build's rule chooses for it."""
    from veracity.verify import calibrate
    from veracity.verify.matcher import MATCH_FEATURES, MatchRanker

    ranker = MatchRanker().fit_rarity(statements[:store_size])
    features = np.vstack(calibrate.candidate_features(rows, ranker, statements))
    same = calibrate.candidate_labels(rows)
    folds = calibrate.story_folds(rows)
    makers: dict[str, Callable[[], Any]] = {
        name: partial(_SmallRanker, [MATCH_FEATURES.index(c) for c in columns])
        for name, columns in SMALL_RANKERS.items()
    }
    makers["the re-ranker's model, MATCH_FEATURES (not enabled)"] = MatchRanker
    out = {}
    for name, make in makers.items():
        scored = calibrate.rescored(rows, calibrate.out_of_fold(features, same, folds, make))
        out[name] = point(scored, calibrate.ranker_grid())
        _log(f"{name}: {out[name]}")
    return out


def run(data_dir: Path) -> MatchMisses:
    from veracity.verify import calibrate
    from veracity.verify.factchecks import claims_conflict

    lab = StoreDevQueries(data_dir)
    _log(f"{len(lab.queries)} dev queries, {len(lab.statements)} statements")
    queries, statements = lab.vectors()
    base = queries @ statements.T
    before = lab.rows(base, guard_before)
    now = lab.rows(base, claims_conflict)
    freed = Counter(
        "true" if c.index in n.query.accept else "false"
        for b, n in zip(before, now, strict=True)
        for c, d in zip(b.candidates, n.candidates, strict=True)
        if c.conflict and not d.conflict and c.cosine >= 0.73
    )
    examples: dict[str, list[list[str]]] = {}
    result: dict[str, Any] = {
        "dev_queries": len(now),
        "real_paraphrases": sum(
            r.query.kind in calibrate.REAL_PARAPHRASES and bool(r.query.accept) for r in now
        ),
        "misses_before": misses(before, lab.statements),
        "misses": misses(now, lab.statements, examples),
        "examples": examples,
        "flags_freed": {"true": freed["true"], "false": freed["false"]},
        "points": {"guard before": point(before), "guard now": point(now)},
        "texts_changed": {},
    }
    _log(f"guard: {result['points']}")
    variants: dict[str, Callable[[str], str]] = {
        "numbers": numbers,
        "acronyms": acronyms,
        "quotes": quotes,
        "core": core,
    }
    for name, transform in variants.items():
        result["texts_changed"][name] = sum(
            transform(t) != t for t in [*lab.statements, *(q.text for q in lab.queries)]
        )
        changed_queries, changed_statements = lab.vectors(transform)
        scores = changed_queries @ changed_statements.T
        result["points"][name] = point(lab.rows(scores, claims_conflict))
        if name == "core":
            both = np.maximum(base, scores)
            result["points"]["max(full, core)"] = point(lab.rows(both, claims_conflict))
        _log(f"{name}: {result['points']}")
    scores, of_queries, of_statements = neighbourhoods(queries, statements, lab.queries)
    local = (of_queries[:, None] + of_statements[None, :]) / 2 - of_statements.mean()
    result["points"]["csls"] = point(lab.rows(scores - local, claims_conflict))
    _log(f"csls: {result['points']['csls']}")
    result["rankers"] = rankers(now, lab.statements, len(lab.store_vectors))
    return MatchMisses.model_validate(result)


LABELS = {
    "guard before": "cosine rule, guard before (negation against negation, debunk against debunk)",
    "guard now": "cosine rule, guard now (one side: a negation or a debunk denies)",
    "numbers": "figures and dates written one way, both sides (guard now)",
    "acronyms": "one name per country or body: U.S., United States -> US (guard now)",
    "quotes": "scare quotes dropped (guard now)",
    "core": "the claim without its frame, in place of the text (guard now)",
    "max(full, core)": "a second embedding of the claim without its frame, the higher cosine",
    "csls": "local scaling: cosine less the two sides' mean cosine to 10 nearest (guard now)",
}


def section(r: MatchMisses) -> str:
    base = r.points["guard now"]
    lines = [
        MARK_START,
        "### Misses at the shipped point, and what reaches them (stop 41; dev only)",
        "",
        f"Command: `{COMMAND}`. The {r.dev_queries} dev queries of the store build"
        f" ({r.real_paraphrases} real paraphrases), their candidates rebuilt as the build"
        " finds them from this machine's store; every point chosen by the build's rule"
        " (`calibrate.choose_held`: precision >= 0.97 on each of the five folds by FNC-1"
        " story, then the most real paraphrases), then read nested (the same rule on four"
        " folds, read on the fifth, pooled). The test queries are neither built nor read.",
        "",
        "Why each real paraphrase is missed at the build's point (guard before -> now):",
        "",
        *table(
            (
                "group",
                "misses, guard before",
                "misses, guard now",
                "e.g. (query / best right candidate, cosine)",
            ),
            (
                (
                    group,
                    str(r.misses_before.get(group, 0)),
                    str(r.misses.get(group, 0)),
                    "; ".join(
                        f"'{q[:70]}' / '{c[:70]}', {s}" for q, c, s in r.examples.get(group, [])[:1]
                    ),
                )
                for group in dict.fromkeys([*r.misses_before, *r.misses])
            ),
        ),
        "",
        *table(
            ("rule (dev)", "point J / cos", *POINT_COLUMNS),
            (
                (
                    label,
                    f"{r.points[name].jaccard:.2f} / {r.points[name].cosine:.2f}",
                    *point_cells(r.points[name]),
                )
                for name, label in LABELS.items()
            ),
        ),
        "",
        "The same systems at fixed points (MinHash 0.55, the cosine given): real-paraphrase"
        " recall / false positives / lowest fold's precision.",
        "",
        *table(
            ("rule (dev)", *(f"cos {c:.2f}" for c in FIXED)),
            (
                (
                    label,
                    *(
                        f"{rc:.3f} / {int(fp)} / {low:.3f}"
                        for rc, fp, low in (r.points[name].fixed[f"{c:.2f}"] for c in FIXED)
                    ),
                )
                for name, label in LABELS.items()
            ),
        ),
    ]
    if r.rankers:
        lines += [
            "",
            "Re-rankers on the same dev candidates (guard now), out of fold on the build's folds"
            " by FNC-1 story, each at the point the build's rule chooses on its probabilities:",
            "",
            *table(
                ("re-ranker (dev, out of fold)", "point J / p", *POINT_COLUMNS),
                (
                    (
                        name,
                        f"{p.jaccard:.2f} / "
                        + (f"{p.probability:.2f}" if p.probability is not None else "-"),
                        *point_cells(p),
                    )
                    for name, p in r.rankers.items()
                ),
            ),
        ]
    kept = [
        name
        for name in LABELS
        if name not in ("guard before", "guard now")
        and r.points[name].real_recall > base.real_recall
        and r.points[name].nested_precision >= 0.97
    ]
    lines += [
        "",
        f"Texts changed by each rewrite (statements, FNC-1 headlines and dev queries):"
        f" {', '.join(f'{k} {v:,}' for k, v in r.texts_changed.items())}. Candidates whose"
        f" flag the guard's one-side reading frees, at cosine 0.73 or more:"
        f" {r.flags_freed['true']} true, {r.flags_freed['false']} false.",
        "",
        (
            "Raises dev real-paraphrase recall over the guard now at the build's rule, holding"
            f" nested precision >= 0.97: {'; '.join(LABELS[name] for name in kept)}."
            if kept
            else "No rewrite or rescoring raises dev real-paraphrase recall over the guard now"
            " at the build's rule: none is kept."
        ),
        MARK_END,
    ]
    return "\n".join(lines)


def main() -> None:
    result_cli(__doc__.splitlines()[0], MatchMisses, run, section, MARK_START, MARK_END)


if __name__ == "__main__":
    main()
