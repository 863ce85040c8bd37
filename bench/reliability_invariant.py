"""Stable ("invariant") vocabulary and per-corpus style standardisation, leave-one-corpus-out.

Each setting is the shipped fast configuration (``model_config("fast")``) with one or both of
the estimator's options: ``stable_vocabulary`` (keep only the word n-grams that lean the same
way in all but ``j`` of the training corpora, :func:`veracity.models.estimator.stable_columns`,
selected inside every fit from its own training corpora) and ``style_per_corpus`` (the
combiner learns from style standardised within each training corpus). Every setting, the
shipped configuration and the plain TF-IDF+LR baseline are scored on the same LOCO folds as
``bench/reliability_report.py --per-fold-vocabulary``: each fold's TF-IDF vocabulary is fitted
on its (capped) training rows only, once, and shared by every setting of the run.

Fold features and each setting's held-out scores are cached under ``--cache`` (keyed by the
setting's configuration and the estimator's code), so a run stopped by its time box resumes.

Usage: ``timeout 25m .venv/bin/python bench/reliability_invariant.py
--write`` (``--render`` rewrites the section from the saved run).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from pydantic import BaseModel

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CACHE = Path("/tmp/loco-cache")
START = "<!-- reliability-invariant:start -->"
END = "<!-- reliability-invariant:end -->"
COMMAND = "timeout 25m .venv/bin/python bench/reliability_invariant.py --write"
log = logging.getLogger("reliability_invariant")

# name -> (label, options added to the shipped configuration)
SETTINGS: dict[str, tuple[str, dict[str, Any]]] = {
    "shipped": ("shipped fast configuration", {}),
    "stable_all": (
        "stable vocabulary, same sign in every training corpus",
        {"stable_vocabulary": 0},
    ),
    "stable_all-1": ("stable vocabulary, all but 1 corpus", {"stable_vocabulary": 1}),
    "stable_all-2": ("stable vocabulary, all but 2 corpora", {"stable_vocabulary": 2}),
    "style_per_corpus": ("style standardised per corpus", {"style_per_corpus": True}),
    "stable_all+style": (
        "stable vocabulary (every corpus) + style per corpus",
        {"stable_vocabulary": 0, "style_per_corpus": True},
    ),
    "stable_all-1+style": (
        "stable vocabulary (all but 1) + style per corpus",
        {"stable_vocabulary": 1, "style_per_corpus": True},
    ),
    "stable_all-2+style": (
        "stable vocabulary (all but 2) + style per corpus",
        {"stable_vocabulary": 2, "style_per_corpus": True},
    ),
}
BASELINE = "plain_tfidf_lr"
# The per-fold table's note where each row's margin is read over TF-IDF+LR and the shipped
# configuration (:func:`setting_tables`).
PER_FOLD_NOTE = (
    "Per fold (macro-F1 at the 0.5 cut; in brackets the margin over TF-IDF+LR, then over the "
    "shipped configuration):"
)


class SettingRow(BaseModel):
    """One system over the folds."""

    name: str
    label: str
    options: dict[str, Any]
    mean_macro_f1: float
    worst_macro_f1: float
    mean_auc: float
    pooled_ece: float | None
    min_margin_over_tfidf: float | None
    per_fold: dict[str, float]
    kept_columns: dict[str, int] = {}

    @classmethod
    def of(
        cls, result: dict[str, Any], name: str, label: str, options: dict[str, Any], **extra: Any
    ) -> SettingRow:
        """System ``name``'s row of a ``run_loco`` result ("majority class" for ``majority``)."""
        summary = result["summary"][name]
        return cls(
            name=name,
            label="majority class" if name == "majority" else label,
            options=options,
            mean_macro_f1=summary["mean_macro_f1"],
            worst_macro_f1=summary["worst_macro_f1"],
            mean_auc=summary["mean_auc"],
            pooled_ece=result["pooled"][name]["ece"] if name in result["pooled"] else None,
            min_margin_over_tfidf=summary.get("min_margin_over_tfidf"),
            per_fold={f: s[name]["macro_f1"] for f, s in result["folds"].items()},
            **extra,
        )


class InvariantRun(BaseModel):
    """The grid's run: every setting beside the shipped configuration and TF-IDF+LR."""

    seconds: float
    folds: dict[str, int]
    rows: list[SettingRow]


def _code_digest() -> str:
    from veracity.models import config, estimator

    digest = hashlib.sha256()
    for module in (config, estimator):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()[:12]


def fold_features(table: Any, fold: str, train: np.ndarray, test: np.ndarray, cache: Path) -> Any:
    """The fold's TF-IDF vectoriser (fitted on its capped training rows) and the matrices."""
    from veracity.models.config import model_config
    from veracity.models.estimator import build_vectoriser
    from veracity.models.features import TEXT_COLUMN
    from veracity.models.loco import table_frame

    config = model_config("fast")
    digest = hashlib.sha256(
        json.dumps([fold, train.tolist(), test.tolist(), config], sort_keys=True).encode()
    )
    for i in np.concatenate([train, test]):  # the model texts too: ingest or provenance change
        digest.update(table.texts[i].encode("utf-8", "surrogatepass"))
    key = digest.hexdigest()[:12]
    path = cache / f"fold-{fold}-{key}.pkl"
    if path.is_file():
        with path.open("rb") as handle:
            return pickle.load(handle)
    vectoriser = build_vectoriser(
        word_features=config["word_features"],
        char_features=config["char_features"],
        use_chars=config["use_chars"],
    )
    frame = table_frame(table, train)
    train_matrix = vectoriser.fit_transform(frame[[TEXT_COLUMN]]).tocsr()
    test_matrix = vectoriser.transform(table_frame(table, test)[[TEXT_COLUMN]]).tocsr()
    value = (vectoriser, train_matrix, test_matrix)
    with path.open("wb") as handle:
        pickle.dump(value, handle)
    return value


def fold_probabilities(
    config: dict[str, Any],
    vectoriser: Any,
    table: Any,
    rows: tuple[np.ndarray, np.ndarray],
    matrices: tuple[Any, Any],
) -> tuple[Any, np.ndarray]:
    """The reliability model of ``config`` fitted on a fold's training rows (``rows``: train,
    test; ``matrices``: their text features), and its P(reliable) of the held-out rows, NaN
    where it abstains as out of scope."""
    from veracity.models.estimator import CalibratedLinearModel
    from veracity.models.loco import table_frame

    (train, test), (train_matrix, test_matrix) = rows, matrices
    model = CalibratedLinearModel(**config, vectoriser=vectoriser)
    model.fit(
        table_frame(table, train),
        table.y[train],
        [table.records[i].group for i in train],
        table.fold[train],
        matrix=train_matrix,
    )
    _, log_odds = model.explained_decision(table_frame(table, test), test_matrix)
    distance = model.scope_distance(table.style[test])
    return model, np.where(distance > 1.0, np.nan, 1.0 / (1.0 + np.exp(-log_odds)))


Fitted = TypeVar("Fitted")


def cached_fold(
    path: Path, label: str, logger: logging.Logger, fit: Callable[[], Fitted]
) -> Fitted:
    """What ``fit`` gives for one fold, pickled at ``path`` and read back on later runs (the
    setting benches' fold scores); its CPU time logged under ``label`` when it runs."""
    if path.is_file():
        with path.open("rb") as handle:
            return pickle.load(handle)
    started = time.process_time()
    fitted = fit()
    with path.open("wb") as handle:
        pickle.dump(fitted, handle)
    logger.info("%s: %.0f CPU s", label, time.process_time() - started)
    return fitted


def setting_system(
    name: str,
    cache: Path,
    kept: dict[str, dict[str, int]],
    options: dict[str, Any] | None = None,
) -> Any:
    """The shipped configuration plus the setting's options (``options``, else those of
    :data:`SETTINGS`), on the cached fold features."""
    from veracity.models.config import TRAIN_CAP_PER_CORPUS, model_config
    from veracity.models.loco import capped_rows

    options = SETTINGS[name][1] if options is None else options
    config = {**model_config("fast"), **options}
    tag = hashlib.sha256(json.dumps([config, _code_digest()], sort_keys=True).encode())

    def system(table: Any, train: np.ndarray, test: np.ndarray) -> np.ndarray:
        train = capped_rows(table, train, TRAIN_CAP_PER_CORPUS)
        fold = str(table.fold[test[0]])
        path = cache / f"pred-{name}-{fold}-{tag.hexdigest()[:12]}.pkl"

        def fit() -> tuple[np.ndarray, int]:
            vectoriser, train_matrix, test_matrix = fold_features(table, fold, train, test, cache)
            model, p = fold_probabilities(
                config, vectoriser, table, (train, test), (train_matrix, test_matrix)
            )
            return p, model.stable_columns_ or train_matrix.shape[1]

        p, n_kept = cached_fold(path, f"{name} on {fold}", log, fit)
        kept.setdefault(name, {})[fold] = int(n_kept)
        return p

    return system


# Extra combiner columns of a setting: full-length arrays (one value per table row), or a
# function of the fold's name, its fitted TF-IDF vectoriser, its (capped) training rows and its
# held-out rows that gives them for that fold (columns that read the fold's vocabulary, or are
# centred on its training rows).
ExtraColumns = (
    dict[str, np.ndarray] | Callable[[str, Any, np.ndarray, np.ndarray], dict[str, np.ndarray]]
)


def _frame(table: Any, rows: np.ndarray, extra: dict[str, np.ndarray]) -> Any:
    from veracity.models.loco import table_frame

    frame = table_frame(table, rows)
    for column, values in extra.items():
        frame[column] = values[rows]
    return frame


def with_columns_system(
    name: str, columns: ExtraColumns, cache: Path, tag: str, logger: logging.Logger = log
) -> Any:
    """The shipped fast configuration whose combiner also reads ``columns`` (free signs: their
    names must not start with ``signal:``, whose weights are held toward unreliable)."""
    from veracity.models import estimator
    from veracity.models.config import TRAIN_CAP_PER_CORPUS, model_config
    from veracity.models.loco import capped_rows

    config = model_config("fast")

    def system(table: Any, train: np.ndarray, test: np.ndarray) -> np.ndarray:
        train = capped_rows(table, train, TRAIN_CAP_PER_CORPUS)
        fold = str(table.fold[test[0]])
        path = cache / f"pred-{name}-{fold}-{tag}.pkl"

        def fit() -> np.ndarray:
            vectoriser, train_matrix, test_matrix = fold_features(table, fold, train, test, cache)
            extra = columns(fold, vectoriser, train, test) if callable(columns) else columns
            model = estimator.CalibratedLinearModel(**config, vectoriser=vectoriser)
            shipped_columns = estimator.SIGNAL_COLUMNS
            estimator.SIGNAL_COLUMNS = [*shipped_columns, *extra]  # read beside the signals
            try:
                model.fit(
                    _frame(table, train, extra),
                    table.y[train],
                    [table.records[i].group for i in train],
                    table.fold[train],
                    matrix=train_matrix,
                )
            finally:
                estimator.SIGNAL_COLUMNS = shipped_columns
            _, log_odds = model.explained_decision(_frame(table, test, extra), test_matrix)
            distance = model.scope_distance(table.style[test])
            weights = dict(
                zip(
                    model.signal_columns_,
                    model.combiner_.coef_[0, -len(model.signal_columns_) :].tolist(),
                    strict=True,
                )
            )
            logger.info("%s on %s: weights %s", name, fold,
                        {c: round(weights.get(c, 0.0), 3) for c in extra})  # fmt: skip
            return np.where(distance > 1.0, np.nan, 1.0 / (1.0 + np.exp(-log_odds)))

        return cached_fold(path, f"{name} on {fold}", logger, fit)

    return system


def baseline_system(cache: Path) -> Any:
    """TF-IDF+LR on raw text (the LOCO matrix's baseline), its scores cached per fold."""
    from veracity.models.loco import plain_system

    def system(table: Any, train: np.ndarray, test: np.ndarray) -> np.ndarray:
        fold = str(table.fold[test[0]])
        key = hashlib.sha256(json.dumps([train.tolist(), test.tolist()]).encode()).hexdigest()
        path = cache / f"pred-{BASELINE}-{fold}-{key[:12]}.npy"
        if path.is_file():
            return np.load(path)
        p = plain_system(table, train, test)
        np.save(path, p)
        return p

    return system


def labelled_rows(
    table: Any, systems: dict[str, Any], labels: dict[str, str]
) -> tuple[list[SettingRow], dict[str, int]]:
    """LOCO of ``systems`` on ``table`` (the settings ``labels`` names abstain where the shipped
    model does): a row per setting, labelled, then the baseline's and the majority's; and each
    fold's size."""
    from veracity.models.loco import FOLDS, run_loco

    result = run_loco(table, systems, abstain_systems=list(labels))
    rows = [
        SettingRow.of(result, name, labels.get(name, "plain TF-IDF+LR (baseline)"), {})
        for name in [*labels, BASELINE, "majority"]
    ]
    return rows, {f: len(table.rows([f])) for f in FOLDS}


def run(cache: Path, names: list[str]) -> InvariantRun:
    from veracity.models.loco import FOLDS, load_loco_table, run_loco

    cache.mkdir(parents=True, exist_ok=True)
    started = time.time()
    table = load_loco_table()
    kept: dict[str, dict[str, int]] = {}
    systems = {name: setting_system(name, cache, kept) for name in names}
    systems[BASELINE] = baseline_system(cache)
    result = run_loco(table, systems, abstain_systems=names)
    rows = []
    for name in [*names, BASELINE, "majority"]:
        label, options = SETTINGS.get(name, ("plain TF-IDF+LR (baseline)", {}))
        rows.append(SettingRow.of(result, name, label, options, kept_columns=kept.get(name, {})))
    return InvariantRun(
        seconds=round(time.time() - started, 1),
        folds={f: len(table.rows([f])) for f in FOLDS},
        rows=rows,
    )


def _f(value: float | None, signed: bool = False) -> str:
    if value is None or value != value:
        return "–"
    return f"{value:+.3f}" if signed else f"{value:.3f}"


Run = TypeVar("Run", bound=BaseModel)


def setting_arguments(doc: str | None, cache: Path) -> argparse.ArgumentParser:
    """The options every LOCO setting bench takes: its fold cache, --render and --write."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--cache", type=Path, default=cache)
    parser.add_argument("--render", action="store_true", help="rewrite from the saved run")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    return parser


def saved_run(saved: Path, model: type[Run], render: bool, fresh: Callable[[], Run | None]):
    """The run saved at ``saved`` (``render``), or a fresh one, saved there (None: no run)."""
    if render:
        return model.model_validate_json(saved.read_text(encoding="utf-8"))
    result = fresh()
    if result is not None:
        saved.write_text(result.model_dump_json(indent=1), encoding="utf-8")
    return result


def setting_main(
    doc: str | None,
    cache: Path,
    saved: str,
    model: type[Run],
    run: Callable[[Path], Run],
    section: Callable[[Run], str],
    start: str,
    end: str,
) -> None:
    """The command line of a setting bench with no options of its own (:func:`setting_arguments`):
    a fresh run saved as ``saved`` in its cache, or with --render that saved run, and its
    section printed (with --write, put between the docs markers)."""
    args = setting_arguments(doc, cache).parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    result = saved_run(args.cache / saved, model, args.render, lambda: run(args.cache))
    show_section(section(result), args.write, start, end)


def show_section(text: str, write: bool, start: str, end: str) -> None:
    """Print a bench's section and, with ``write``, put it between its docs markers."""
    print(text)
    if write:
        from _docs import write_section

        write_section(text, start, end)


def setting_tables(
    result: Any,
    *,
    reference: SettingRow,
    plain: SettingRow,
    versus: str,
    compared: Callable[[SettingRow], bool],
    per_fold_note: str = PER_FOLD_NOTE,
    per_fold_versus: bool = True,
) -> list[str]:
    """The settings table (each ``compared`` row's margin over ``reference``, named ``versus``)
    and the per-fold table (margin over TF-IDF+LR, and over ``reference`` where
    ``per_fold_versus``; a stable-vocabulary row adds the n-grams its fold model kept)."""
    lines = [
        "| setting | mean macro-F1 | worst fold | pooled ECE | mean AUC | min margin over "
        f"TF-IDF+LR | margin over {versus}: mean / worst |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in result.rows:
        margin = (
            f"{row.mean_macro_f1 - reference.mean_macro_f1:+.3f} / "
            f"{row.worst_macro_f1 - reference.worst_macro_f1:+.3f}"
            if compared(row)
            else "–"
        )
        lines.append(
            f"| {row.label} | {_f(row.mean_macro_f1)} | {_f(row.worst_macro_f1)} | "
            f"{_f(row.pooled_ece)} | {_f(row.mean_auc)} | {_f(row.min_margin_over_tfidf, True)} "
            f"| {margin} |"
        )
    folds = list(result.folds)
    lines += [
        "",
        per_fold_note,
        "",
        "| setting | " + " | ".join(f"{f} (n={result.folds[f]})" for f in folds) + " |",
        "|---|" + "---|" * len(folds),
    ]
    for row in result.rows:
        cells = []
        for f in folds:
            value = row.per_fold[f]
            cell = f"{value:.3f}"
            if row.name not in (BASELINE, "majority"):
                cell += f" ({value - plain.per_fold[f]:+.3f}"
                against = per_fold_versus and compared(row)
                cell += f", {value - reference.per_fold[f]:+.3f})" if against else ")"
            if row.options.get("stable_vocabulary") is not None and f in row.kept_columns:
                cell += f" / {row.kept_columns[f]:,}"
            cells.append(cell)
        lines.append(f"| {row.label} | " + " | ".join(cells) + " |")
    return lines


def shipped_tables(result: Any, compared: Callable[[SettingRow], bool]) -> list[str]:
    """:func:`setting_tables` against the run's shipped configuration (its ``shipped`` row),
    per fold over TF-IDF+LR and the shipped configuration."""
    by_name = {row.name: row for row in result.rows}
    return setting_tables(
        result,
        reference=by_name["shipped"],
        plain=by_name[BASELINE],
        versus="shipped",
        compared=compared,
    )


def fold_aucs(
    table: Any, values: np.ndarray, sign: float = 1.0, keep: np.ndarray | None = None
) -> dict[str, float]:
    """A column's AUC for "unreliable" (``sign`` -1: read reversed) among each held-out
    corpus's rows (with ``keep``, only the rows it marks); NaN where a fold's rows hold one
    class."""
    from sklearn.metrics import roc_auc_score

    from veracity.models.loco import FOLDS

    per_fold = {}
    for fold in FOLDS:
        rows = table.rows([fold])
        if keep is not None:
            rows = rows[keep[rows]]
        unreliable = 1 - table.y[rows]
        per_fold[fold] = (
            round(float(roc_auc_score(unreliable, sign * values[rows])), 4)
            if len(set(unreliable.tolist())) == 2
            else float("nan")
        )
    return per_fold


def auc_table(
    intro: str,
    headers: list[str],
    entries: list[tuple[list[str], dict[str, float]]],
    folds: list[str],
) -> list[str]:
    """The lines of a per-fold AUC table (:func:`fold_aucs`) after ``intro``: each entry's
    ``headers`` cells, then its AUC in each of ``folds`` (– for NaN)."""
    lines = [
        "",
        intro,
        "",
        "| " + " | ".join([*headers, *folds]) + " |",
        "|" + "---|" * (len(headers) + len(folds)),
    ]
    for cells, per_fold in entries:
        aucs = ["–" if per_fold[f] != per_fold[f] else f"{per_fold[f]:.3f}" for f in folds]
        lines.append("| " + " | ".join([*cells, *aucs]) + " |")
    return lines


def setting_outcome(
    result: Any, compared: Callable[[SettingRow], bool], won: list[str], above: str, none: str
) -> list[str]:
    """The closing lines: the best mean of the ``compared`` rows against the shipped
    configuration's, then ``above`` with the ``won`` labels, or ``none`` when there are none."""
    shipped = next(row for row in result.rows if row.name == "shipped")
    best = max((row for row in result.rows if compared(row)), key=lambda row: row.mean_macro_f1)
    return [
        "",
        f"Best mean: {best.label}, {best.mean_macro_f1:.3f} (worst {best.worst_macro_f1:.3f}) "
        f"against the shipped {shipped.mean_macro_f1:.3f} (worst {shipped.worst_macro_f1:.3f}).",
        "",
        above + ", ".join(won) + "." if won else none,
    ]


def section(result: InvariantRun) -> str:
    """The section of docs/benchmarks.md."""
    by_name = {row.name: row for row in result.rows}
    shipped, plain = by_name["shipped"], by_name[BASELINE]
    lines = [
        START,
        "### Reliability across corpora: stable vocabulary and per-corpus style (leave-one-corpus-out)",
        "",
        f"Generated by `{COMMAND}` ({result.seconds:.0f} s on the shared 2-core machine; fold "
        "features and scores are cached per fold, so a run stopped by its time box resumes). "
        "Folds, training rows (3,000 a corpus at most), "
        "abstentions (counted as errors) and the 0.5 cut are those of the LOCO matrix above; "
        "each fold's TF-IDF vocabulary is fitted on its training rows only and shared by every "
        "setting; the shipped configuration and TF-IDF+LR are refitted in this run. *Stable "
        "vocabulary, all but j*: the text model reads only the word n-grams whose log ratio of "
        "document frequencies (reliable vs unreliable articles) has the same sign in all but j "
        "of the training corpora that use them (at least 3 articles) and hold both classes; "
        "every fit (each fold model and each of its inner out-of-corpus models) selects from "
        "its own training corpora, never the held-out one. *Style per corpus*: the combiner "
        "learns from style features standardised within each training corpus and reads a new "
        "article against the mean of the corpora's means and spreads.",
        "",
    ]
    lines += setting_tables(
        result,
        reference=shipped,
        plain=plain,
        versus="shipped",
        compared=lambda row: row.name not in ("shipped", BASELINE, "majority"),
        per_fold_note="Per fold (macro-F1 at the 0.5 cut; in brackets the margin over TF-IDF+LR, "
        "then over the shipped configuration; after the slash, the word n-grams the fold model "
        "kept of its vocabulary):",
    )
    winners = [
        row.label
        for row in result.rows
        if row.name not in ("shipped", BASELINE, "majority")
        and row.mean_macro_f1 > shipped.mean_macro_f1
        and row.worst_macro_f1 > shipped.worst_macro_f1
    ]
    candidates = [r for r in result.rows if r.name not in ("shipped", BASELINE, "majority")]
    best = max(candidates, key=lambda r: r.mean_macro_f1)
    worst_fold = min(best.per_fold, key=best.per_fold.__getitem__)
    lines += [
        "",
        f"Best mean: {best.label}, {best.mean_macro_f1:.3f} against the shipped "
        f"{shipped.mean_macro_f1:.3f}; its worst fold is {worst_fold} at "
        f"{best.per_fold[worst_fold]:.3f} (shipped {shipped.per_fold[worst_fold]:.3f}, worst "
        f"{shipped.worst_macro_f1:.3f}).",
        "",
        (
            "Above the shipped configuration on both the mean and the worst fold: "
            + ", ".join(winners)
            + "."
            if winners
            else "No setting is above the shipped configuration on both the mean and the worst "
            "fold: none is shipped (`stable_vocabulary` and `style_per_corpus` stay off in "
            "`model_config`)."
        ),
        END,
    ]
    return "\n".join(lines)


def main() -> None:
    parser = setting_arguments(__doc__, DEFAULT_CACHE)
    parser.add_argument("--only", nargs="*", default=None, help="settings besides 'shipped'")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    sys.path.insert(0, str(REPO / "bench"))
    names = ["shipped", *(args.only if args.only is not None else list(SETTINGS)[1:])]
    result = saved_run(
        args.cache / "invariant.json", InvariantRun, args.render, lambda: run(args.cache, names)
    )
    show_section(section(result), args.write, START, END)


if __name__ == "__main__":
    main()
