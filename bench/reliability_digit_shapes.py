"""Figures as digit shapes inside the text model's vectoriser, and cut-keeping calibration maps,
leave-one-corpus-out.

Last stop's figures placeholder ("names and figures as placeholders in the text model") was a
regular-expression pass of its own over the text (0.055 CPU ms per 1,000 words, over the 0.05
budget) that merged each figure into one ``xxnum`` token. Here the vectoriser's own preprocessing
step, which lower-cases the text, also maps every digit to ``0`` in one byte-table pass
(:func:`digit_shapes`): "2016" reads ``0000``, "3.5" ``0.0``, "covid-19" ``covid 00``, so the word
n-grams keep the shape of a figure (a year, a percentage, a count) without which one it is. A
UTF-8 digit is one byte that no multi-byte character contains, so the table maps digits only.

- ``digits``: figures as digit shapes;
- ``digits_names``: also each capitalised word that does not open a sentence as ``xxname``
  (:data:`NAME`, a regular-expression pass before the shapes: the brief's "if cheap" part).

Style, headline and signal columns read the unmasked text. Each fold's TF-IDF vocabulary is
fitted on its own training texts as the setting reads them; the shipped fast configuration
(``model_config("fast")``) and TF-IDF+LR are refitted in the same run, on the folds of
``bench/reliability_report.py --per-fold-vocabulary``.

Cost: the word analyzer of the shipped vectoriser (preprocessing, tokens, 1-2-grams) with and
without the setting's preprocessing, in alternating rounds on the first :data:`COST_ARTICLES`
model texts of the LOCO table, best of :data:`COST_ROUNDS`; the difference per 1,000 words.

Calibration maps (issue 15's ECE, 0.108 against 0.05), read from the shipped fold models of the
same run: the calibrated log-odds ``z`` of each held-out article become ``T * z`` (*temperature*)
or ``T- * z`` below 0 and ``T+ * z`` above (*two slopes*), with ``T`` chosen inside each fold model
on its own inner out-of-corpus predictions (``out_of_fold_``: each training corpus scored by the
models fitted without it) by log-loss at the training corpora's own shares of reliable articles.
Both keep the 0.5 cut, so every fold's macro-F1 and AUC are the shipped model's; only the ECE
moves. *Isotonic below and above 0.5*: two isotonic regressions fitted on the same inner
predictions, one on the scores below 0.5 (held below 0.5) and one on the rest (held at 0.5 or
above), which keep the cut too (ties within a step can move the AUC); *corpora at full size*: the
same with each training corpus's capped rows weighted up to its full size, as the corpora count in
the pooled LOCO predictions. The isotonic maps were added after the run had started, when the
per-side isotonic map fitted on the shipped LOCO predictions themselves (an oracle, not a method:
docs/benchmarks.md) read a pooled ECE of 0.021 and the best two slopes 0.053; their fits read only
each fold model's inner predictions.

Rule, fixed before the run: a text setting is kept only if the LOCO mean rises (an equal mean is
not), the worst fold does not fall, no fold falls by more than :data:`FOLD_DROP` and its
preprocessing costs at most :data:`COST_LIMIT` CPU ms more per 1,000-word article; a calibration
map only if the pooled ECE falls by at least :data:`ECE_GAIN`. The bench and its section land
whatever the outcome.

Usage: ``timeout 60m nice -n 10 .venv/bin/python bench/reliability_digit_shapes.py --write``;
``--render`` rewrites the section from the saved run.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from _loco import (  # noqa: E402  (bench/ on the path first)
    LocoRun,
    LocoSetup,
    cached_fold,
    code_digest,
    fit_fold,
    fold_features,
    fold_rows,
    passing,
    setting_main,
    setting_outcome,
    shipped_tables,
)
from reliability_shape_mask import masked_system  # noqa: E402

DEFAULT_CACHE = Path("/tmp/loco-digit-shapes-cache")
START = "<!-- reliability-digit-shapes:start -->"
END = "<!-- reliability-digit-shapes:end -->"
COMMAND = "timeout 60m nice -n 10 .venv/bin/python bench/reliability_digit_shapes.py --write"
DIGITS = bytes.maketrans(b"0123456789", b"0000000000")
# a capitalised word after a word character, a comma, a semicolon or a colon and one space:
# not the first word of a sentence or a line
NAME = re.compile(r"(?<=[\w,;:] )[A-Z][\w'’]*")


def digit_shapes(text: str) -> str:
    """``text`` lower-cased (as the vectoriser reads it) with every digit read as ``0``."""
    return (
        text.lower()
        .encode("utf-8", "surrogatepass")
        .translate(DIGITS)
        .decode("utf-8", "surrogatepass")
    )


def name_and_digit_shapes(text: str) -> str:
    """:func:`digit_shapes` after each capitalised word that opens no sentence became ``xxname``."""
    return digit_shapes(NAME.sub("xxname", text))


SHAPES: dict[str, tuple[str, Callable[[str], str]]] = {
    "digits": ("figures as digit shapes, in the vectoriser", digit_shapes),
    "digits_names": ("figures as digit shapes and names as xxname", name_and_digit_shapes),
}
MAPS = {
    "temperature": "shipped, temperature chosen on its inner out-of-corpus predictions",
    "two_slopes": "shipped, two slopes (below / above 0.5) chosen the same way",
    "isotonic_sides": "shipped, isotonic below and above 0.5 on its inner predictions",
    "isotonic_sides_sized": "shipped, isotonic below and above 0.5, corpora at full size",
}
SLOPE_MAPS = ("temperature", "two_slopes")
LABELS = {
    "shipped": "shipped fast configuration",
    **{k: v[0] for k, v in SHAPES.items()},
    **MAPS,
}
COST_ARTICLES = 3000
COST_ROUNDS = 7
FOLD_DROP = 0.02
COST_LIMIT = 0.05  # CPU ms per 1,000-word article a fast-path feature may cost
ECE_GAIN = 0.01
log = logging.getLogger("reliability_digit_shapes")


class DigitShapesRun(LocoRun):
    added_ms_per_1000_words: dict[str, float]
    base_ms_per_1000_words: float
    slopes: dict[str, dict[str, list[float]]]  # map -> fold -> its slopes
    # system -> shares of the pooled scored articles below 0.35 and from 0.65 (the bands)
    bands: dict[str, list[float]]


def analyzer_costs(texts: list[str]) -> tuple[float, dict[str, float]]:
    """CPU ms per 1,000 words of the shipped word analyzer, and what each setting's
    preprocessing adds to it (alternating rounds, best of :data:`COST_ROUNDS`)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from veracity.models.estimator import WORD_TOKENS

    def analyzer(preprocessor: Callable[[str], str] | None) -> Callable[[str], list[str]]:
        vectoriser = TfidfVectorizer(
            ngram_range=(1, 2), token_pattern=WORD_TOKENS, preprocessor=preprocessor
        )
        return vectoriser.build_analyzer()

    analyzers = {"shipped": analyzer(None)}
    analyzers.update({name: analyzer(shape) for name, (_, shape) in SHAPES.items()})
    words = sum(len(text.split()) for text in texts)
    times: dict[str, list[float]] = {name: [] for name in analyzers}
    for _ in range(COST_ROUNDS):
        for name, analyze in analyzers.items():
            clock = time.process_time()
            for text in texts:
                analyze(text)
            times[name].append(time.process_time() - clock)
    best = {name: 1e6 * min(t) / max(words, 1) for name, t in times.items()}
    log.info("word analyzer, CPU s by round: %s", times)
    added = {name: round(best[name] - best["shipped"], 4) for name in SHAPES}
    return round(best["shipped"], 4), added


def fitted_slopes(log_odds: np.ndarray, y: np.ndarray, two: bool) -> list[float]:
    """The slope(s) on calibrated log-odds that minimise the mean log-loss on ``(log_odds, y)``
    (two: one below 0, one above)."""

    def loss(slopes: np.ndarray) -> float:
        scaled = np.where(log_odds < 0, slopes[0], slopes[-1]) * log_odds
        return float(np.mean(np.logaddexp(0.0, -scaled) + (1 - y) * scaled))

    start = np.ones(2 if two else 1)
    found = minimize(loss, start, bounds=[(0.05, 5.0)] * len(start), method="L-BFGS-B")
    return [round(float(s), 4) for s in found.x]


def isotonic_sides(
    p: np.ndarray, y: np.ndarray, weights: np.ndarray | None, p_new: np.ndarray
) -> np.ndarray:
    """``p_new`` through two isotonic regressions fitted on ``(p, y)``: one on the scores below
    0.5, held below 0.5, and one on the rest, held at 0.5 or above (the cut stays where it is)."""
    from sklearn.isotonic import IsotonicRegression

    out = np.empty_like(p_new)
    for below, low, high in ((True, 0.0, 0.4999), (False, 0.5, 1.0)):
        fit_rows = (p < 0.5) == below
        new_rows = (p_new < 0.5) == below
        if not new_rows.any():
            continue
        iso = IsotonicRegression(y_min=low, y_max=high, out_of_bounds="clip")
        iso.fit(p[fit_rows], y[fit_rows], None if weights is None else weights[fit_rows])
        out[new_rows] = iso.predict(p_new[new_rows])
    return out


def corpus_size_weights(table: Any, train: np.ndarray) -> np.ndarray:
    """Row weights under which each training corpus counts by its full size (its capped rows
    weighted up), as the corpora count in the pooled LOCO predictions."""
    folds = table.fold[train]
    weights = np.ones(len(train))
    for fold in set(folds.tolist()):
        rows = folds == fold
        weights[rows] = len(table.rows([fold])) / rows.sum()
    return weights


def shipped_system(
    cache: Path, mapped: dict[str, dict[int, float]], slopes: dict[str, dict[str, list[float]]]
) -> Any:
    """The shipped fast configuration on the cached fold features; its held-out log-odds also go
    through each calibration map (``mapped``: row -> P(reliable), NaN where it abstains)."""
    from veracity.models.config import model_config
    from veracity.models.estimator import CalibratedLinearModel
    from veracity.models.loco import table_frame

    config = model_config("fast")
    tag = hashlib.sha256(json.dumps([config, code_digest()]).encode()).hexdigest()[:12]

    def system(table: Any, train: np.ndarray, test: np.ndarray) -> np.ndarray:
        train, fold = fold_rows(table, train, test)

        def fit() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
            vectoriser, train_matrix, test_matrix = fold_features(table, fold, train, test, cache)
            model = CalibratedLinearModel(**config, vectoriser=vectoriser)
            fit_fold(model, table, train, train_matrix)
            _, log_odds = model.explained_decision(table_frame(table, test), test_matrix)
            out = model.scope_distance(table.style[test]) > 1.0
            return log_odds, out, model.out_of_fold_, model.out_of_fold_labels_

        log_odds, out, inner, inner_y = cached_fold(
            cache / f"pred-shipped-{fold}-{tag}.pkl", f"shipped on {fold}", log, fit
        )
        known = ~np.isnan(inner)
        p_inner = np.clip(inner[known], 1e-6, 1 - 1e-6)
        z_inner = np.log(p_inner / (1 - p_inner))
        p_test = 1.0 / (1.0 + np.exp(-log_odds))
        for name in MAPS:
            if name in SLOPE_MAPS:
                found = fitted_slopes(z_inner, inner_y[known], two=name == "two_slopes")
                slopes.setdefault(name, {})[fold] = found
                scaled = np.where(log_odds < 0, found[0], found[-1]) * log_odds
                p = 1.0 / (1.0 + np.exp(-scaled))
            else:
                sized = corpus_size_weights(table, train)[known]
                weights = sized if name == "isotonic_sides_sized" else None
                p = isotonic_sides(p_inner, inner_y[known], weights, p_test)
            p = np.where(out, np.nan, p)
            mapped.setdefault(name, {}).update(zip(test.tolist(), p.tolist(), strict=True))
        return np.where(out, np.nan, p_test)

    return system


def recorded(store: dict[str, dict[int, float]], name: str) -> Any:
    """The scores the shipped system recorded under calibration map ``name``."""

    def system(table: Any, train: np.ndarray, test: np.ndarray) -> np.ndarray:
        return np.array([store[name][int(i)] for i in test], dtype=np.float64)

    return system


def recording(system: Any, store: dict[int, float]) -> Any:
    """``system``, its held-out scores also kept in ``store`` (row -> P(reliable))."""

    def recorded_system(table: Any, train: np.ndarray, test: np.ndarray) -> np.ndarray:
        p = system(table, train, test)
        store.update(zip(test.tolist(), p.tolist(), strict=True))
        return p

    return recorded_system


def run(cache: Path) -> DigitShapesRun:
    from veracity.models.loco import FOLDS

    loco = LocoSetup(cache)
    table = loco.table
    base_ms, added = analyzer_costs(table.texts[:COST_ARTICLES])
    log.info("analyzer %.4f ms per 1,000 words; added %s", base_ms, added)
    mapped: dict[str, dict[int, float]] = {}
    slopes: dict[str, dict[str, list[float]]] = {}
    systems: dict[str, Any] = {"shipped": shipped_system(cache, mapped, slopes)}
    systems.update({name: recorded(mapped, name) for name in MAPS})
    for name, (_, shape) in SHAPES.items():
        systems[name] = masked_system(name, shape, cache)
    shipped_scores: dict[int, float] = {}
    systems["shipped"] = recording(systems["shipped"], shipped_scores)
    scored = loco.scored(systems, LABELS)
    bands = {}
    held_out = table.rows(FOLDS).tolist()  # not the auxiliary corpora every fold scores too
    for name, scores in {"shipped": shipped_scores, **mapped}.items():
        p = np.array([scores[i] for i in held_out])
        p = p[~np.isnan(p)]
        bands[name] = [round(float((p < 0.35).mean()), 4), round(float((p >= 0.65).mean()), 4)]
    return DigitShapesRun(
        **scored,
        bands=bands,
        added_ms_per_1000_words=added,
        base_ms_per_1000_words=base_ms,
        slopes=slopes,
    )


def shape_winners(result: DigitShapesRun, cost: bool = True) -> list[str]:
    """The text settings that pass the rule fixed before the run, highest mean first (without
    ``cost``: its LOCO part only)."""
    return [
        name
        for name in passing(result, SHAPES, FOLD_DROP)
        if not (cost and result.added_ms_per_1000_words[name] > COST_LIMIT)
    ]


def map_winners(result: DigitShapesRun) -> list[str]:
    """The calibration maps whose pooled ECE is at least :data:`ECE_GAIN` below the shipped."""
    by_name = {row.name: row for row in result.rows}
    shipped_ece = by_name["shipped"].pooled_ece or 0.0
    return [name for name in MAPS if (by_name[name].pooled_ece or 1.0) <= shipped_ece - ECE_GAIN]


def section(result: DigitShapesRun) -> str:
    """The section of docs/benchmarks.md."""
    added = result.added_ms_per_1000_words
    slopes = "; ".join(
        f"{LABELS[name]}: "
        + ", ".join(f"{fold} {'/'.join(f'{s:.2f}' for s in found)}" for fold, found in by.items())
        for name, by in result.slopes.items()
    )
    lines = [
        START,
        "### Reliability across corpora: figures as digit shapes inside the vectoriser, and "
        "calibration maps that keep the 0.5 cut (leave-one-corpus-out)",
        "",
        f"Generated by `{COMMAND}` ({result.seconds:.0f} s on the shared 2-core machine). "
        "*Figures as digit shapes*: the vectoriser's preprocessing, which lower-cases the "
        "text, also maps every digit to `0` in one byte-table pass (`2016` reads `0000`, "
        "`3.5` `0.0`), so the word n-grams keep a figure's shape without which figure it is "
        "(last stop's `xxnum` pass merged every figure into one token, in a pass of its own). "
        "*And names as xxname*: also each capitalised word that follows a word character, a "
        "comma, a semicolon or a colon and a space (one regular-expression pass). Style, "
        "headline and signal columns read the unmasked text; each fold's TF-IDF vocabulary is "
        "fitted on its training texts as the setting reads them. Cost over the shipped word "
        "analyzer (preprocessing, tokens, 1-2-grams: "
        f"{result.base_ms_per_1000_words:.3f} CPU ms per 1,000 words), alternating rounds on "
        f"the first {COST_ARTICLES:,} LOCO model texts, best of {COST_ROUNDS}: digit shapes "
        f"{added['digits']:+.4f}, digit shapes and names {added['digits_names']:+.4f} ms "
        f"(budget {COST_LIMIT}). *Calibration maps*: each shipped fold model's calibrated "
        "log-odds times a slope (*temperature*), or one slope below 0 and one above (*two "
        "slopes*), chosen inside the fold model on its inner out-of-corpus predictions by "
        "log-loss at its training corpora's own shares of reliable articles; both keep the 0.5 "
        f"cut, so only the ECE can move (slopes: {slopes}). *Isotonic below and above 0.5*: "
        "two isotonic regressions on the same inner predictions, one on the scores below 0.5 "
        "(held below it) and one on the rest (held at 0.5 or above), so the cut stays too "
        "(ties within a step can move the AUC); *corpora at full size*: the same with each "
        "training corpus's capped rows weighted up to its full size, as the corpora count in "
        "the pooled LOCO predictions. The isotonic maps were added after the run had started, "
        "when the per-side isotonic map fitted on the shipped LOCO predictions themselves (an "
        "oracle, not a method) read a pooled ECE of 0.021; their fits read only each fold "
        "model's inner predictions. Folds, training rows, abstentions "
        "and the 0.5 cut are the LOCO matrix's; the shipped configuration and TF-IDF+LR are "
        "refitted in this run. Rule, fixed before the run: a text setting is better only if "
        "its mean rises above the shipped configuration's, its worst fold does not fall below "
        f"it, no fold falls by more than {FOLD_DROP} and its preprocessing costs at most "
        f"{COST_LIMIT} CPU ms more per 1,000-word article; a calibration map only if the "
        f"pooled ECE falls by at least {ECE_GAIN}.",
        "",
    ]
    lines += shipped_tables(result, lambda row: row.name in SHAPES or row.name in MAPS)
    lines += [
        "",
        "Where the pooled scored articles fall among the three bands (under each calibration):",
        "",
        "| calibration | pooled ECE | mean AUC | unreliable (below 0.35) | reliable (from 0.65) |",
        "|---|---|---|---|---|",
    ]
    by_name = {row.name: row for row in result.rows}
    for name, (low, high) in result.bands.items():
        row = by_name[name]
        lines.append(
            f"| {row.label} | {row.pooled_ece:.3f} | {row.mean_auc:.3f} | {low:.1%} | {high:.1%} |"
        )
    won = [LABELS[n] for n in shape_winners(result)] + [LABELS[n] for n in map_winners(result)]
    loco_only = [LABELS[n] for n in shape_winners(result, cost=False)]
    lines += setting_outcome(
        result,
        lambda row: row.name in SHAPES,
        won,
        "Passes the rule fixed before the run: ",
        "No setting passes the rule fixed before the run: measured, not kept"
        + (f" (the LOCO part alone: {', '.join(loco_only)})." if loco_only else "."),
    )
    lines.append(END)
    return "\n".join(lines)


def main() -> None:
    setting_main(
        __doc__, DEFAULT_CACHE, "digit_shapes.json", DigitShapesRun, run, section, START, END
    )


if __name__ == "__main__":
    main()
