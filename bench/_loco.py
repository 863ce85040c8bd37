"""Shared by the reliability setting benches (``bench/reliability_*.py`` that score settings of
the fast configuration leave-one-corpus-out on the folds of ``bench/reliability_report.py
--per-fold-vocabulary``): the LOCO table loaded and timed (:class:`LocoSetup`), each fold's
training rows capped as shipped (:func:`fold_rows`), a model fitted on them and read as the
product reads it (:func:`fit_fold`, :func:`probability`), each fold's TF-IDF features and each
system's held-out scores cached per fold, the shipped configuration with options or extra
combiner columns, TF-IDF+LR, a row per system (:class:`LocoRun`), the rule
every setting is held to against the shipped configuration (:func:`passing`), the command line
(--cache, --render, --write) and the tables of their docs sections."""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import pickle
import time
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from pydantic import BaseModel

log = logging.getLogger("loco")

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


class LocoRun(BaseModel):
    """A setting bench's run: its wall seconds, each held-out corpus's size and a row per system
    (the settings, then TF-IDF+LR and the majority class)."""

    seconds: float
    folds: dict[str, int]
    rows: list[SettingRow]


def code_digest() -> str:
    """A digest of the estimator's code and configuration (part of every cached score's key)."""
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


def fold_rows(table: Any, train: np.ndarray, test: np.ndarray) -> tuple[np.ndarray, str]:
    """A fold's training rows capped per corpus as the shipped model's training caps them, and
    the name of its held-out corpus."""
    from veracity.models.config import TRAIN_CAP_PER_CORPUS
    from veracity.models.loco import capped_rows

    return capped_rows(table, train, TRAIN_CAP_PER_CORPUS), str(table.fold[test[0]])


def fit_fold(model: Any, table: Any, train: np.ndarray, matrix: Any, frame: Any = None) -> Any:
    """``model`` (a calibrated linear model of the estimator) fitted on a fold's training rows:
    their feature frame (``frame``, else the table's), labels, corpora and folds, and their text
    features ``matrix``."""
    from veracity.models.loco import table_frame

    model.fit(
        table_frame(table, train) if frame is None else frame,
        table.y[train],
        [table.records[i].group for i in train],
        table.fold[train],
        matrix=matrix,
    )
    return model


def probability(log_odds: np.ndarray, distance: np.ndarray) -> np.ndarray:
    """P(reliable) from calibrated log-odds, NaN where the model abstains as out of scope (its
    scope distance above 1)."""
    return np.where(distance > 1.0, np.nan, 1.0 / (1.0 + np.exp(-log_odds)))


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
    model = fit_fold(
        CalibratedLinearModel(**config, vectoriser=vectoriser), table, train, train_matrix
    )
    _, log_odds = model.explained_decision(table_frame(table, test), test_matrix)
    return model, probability(log_odds, model.scope_distance(table.style[test]))


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
    """The shipped configuration plus ``options`` (none: the shipped configuration itself), on
    the cached fold features; the n-grams each fold model kept go to ``kept[name]``."""
    from veracity.models.config import model_config

    config = {**model_config("fast"), **(options or {})}
    tag = hashlib.sha256(json.dumps([config, code_digest()], sort_keys=True).encode())

    def system(table: Any, train: np.ndarray, test: np.ndarray) -> np.ndarray:
        train, fold = fold_rows(table, train, test)
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


def standardised_columns(values: np.ndarray, names: list[str]) -> ExtraColumns:
    """Extra combiner columns ``names``, one a column of ``values`` (a row per table row), each
    standardised on the fold's training rows."""

    def columns(
        fold: str, vectoriser: Any, train: np.ndarray, test: np.ndarray
    ) -> dict[str, np.ndarray]:
        mean, std = values[train].mean(axis=0), values[train].std(axis=0)
        scaled = (values - mean) / np.where(std > 0, std, 1.0)
        return {name: scaled[:, i] for i, name in enumerate(names)}

    return columns


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
    from veracity.models.config import model_config

    config = model_config("fast")

    def system(table: Any, train: np.ndarray, test: np.ndarray) -> np.ndarray:
        train, fold = fold_rows(table, train, test)
        path = cache / f"pred-{name}-{fold}-{tag}.pkl"

        def fit() -> np.ndarray:
            vectoriser, train_matrix, test_matrix = fold_features(table, fold, train, test, cache)
            extra = columns(fold, vectoriser, train, test) if callable(columns) else columns
            model = estimator.CalibratedLinearModel(**config, vectoriser=vectoriser)
            shipped_columns = estimator.SIGNAL_COLUMNS
            estimator.SIGNAL_COLUMNS = [*shipped_columns, *extra]  # read beside the signals
            try:
                fit_fold(model, table, train, train_matrix, _frame(table, train, extra))
            finally:
                estimator.SIGNAL_COLUMNS = shipped_columns
            _, log_odds = model.explained_decision(_frame(table, test, extra), test_matrix)
            weights = dict(
                zip(
                    model.signal_columns_,
                    model.combiner_.coef_[0, -len(model.signal_columns_) :].tolist(),
                    strict=True,
                )
            )
            logger.info("%s on %s: weights %s", name, fold,
                        {c: round(weights.get(c, 0.0), 3) for c in extra})  # fmt: skip
            return probability(log_odds, model.scope_distance(table.style[test]))

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
    table: Any,
    systems: dict[str, Any],
    labels: dict[str, str],
    options: dict[str, dict[str, Any]] | None = None,
    kept: dict[str, dict[str, int]] | None = None,
) -> tuple[list[SettingRow], dict[str, int]]:
    """LOCO of ``systems`` on ``table`` (the settings ``labels`` names abstain where the shipped
    model does): a row per setting, labelled, with its ``options`` and the n-grams its fold
    models ``kept``, then the baseline's and the majority's; and each fold's size."""
    from veracity.models.loco import FOLDS, run_loco

    options, kept = options or {}, kept or {}
    result = run_loco(table, systems, abstain_systems=list(labels))
    rows = [
        SettingRow.of(
            result,
            name,
            labels.get(name, "plain TF-IDF+LR (baseline)"),
            options.get(name, {}),
            kept_columns=kept.get(name, {}),
        )
        for name in [*labels, BASELINE, "majority"]
    ]
    return rows, {f: len(table.rows([f])) for f in FOLDS}


class LocoSetup:
    """A setting bench's run as it starts: its fold cache made, its clock started and the LOCO
    table loaded (``table``)."""

    def __init__(self, cache: Path) -> None:
        from veracity.models.loco import load_loco_table

        cache.mkdir(parents=True, exist_ok=True)
        self.cache = cache
        self.started = time.time()
        self.table = load_loco_table()

    def scored(
        self,
        systems: dict[str, Any],
        labels: dict[str, str],
        options: dict[str, dict[str, Any]] | None = None,
        kept: dict[str, dict[str, int]] | None = None,
    ) -> dict[str, Any]:
        """LOCO of ``systems`` and then TF-IDF+LR (:func:`labelled_rows`): the :class:`LocoRun`
        fields, the seconds counted from the start."""
        systems = {**systems, BASELINE: baseline_system(self.cache)}
        rows, folds = labelled_rows(self.table, systems, labels, options, kept)
        return {"seconds": round(time.time() - self.started, 1), "folds": folds, "rows": rows}


def passing(
    result: Any, names: Collection[str], fold_drop: float | None = None, strict: bool = False
) -> list[str]:
    """The ``names`` rows that pass the setting benches' rule against the run's shipped row,
    highest mean first: the mean above the shipped one (an equal mean is not), the worst fold
    not below it (above it where ``strict``) and, with ``fold_drop``, no fold more than that
    below the shipped one's."""
    shipped = next(row for row in result.rows if row.name == "shipped")
    found = [
        row
        for row in result.rows
        if row.name in names
        and row.name != "shipped"
        and row.mean_macro_f1 > shipped.mean_macro_f1
        and (
            row.worst_macro_f1 > shipped.worst_macro_f1
            if strict
            else row.worst_macro_f1 >= shipped.worst_macro_f1
        )
        and (
            fold_drop is None
            or all(row.per_fold[f] >= v - fold_drop for f, v in shipped.per_fold.items())
        )
    ]
    return [row.name for row in sorted(found, key=lambda row: -row.mean_macro_f1)]


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
