"""Evaluate the reliability model and regenerate its docs from that one run.

Default: leave-one-corpus-out (LOCO) evaluation of the shipped configuration beside TF-IDF+LR
and the majority class (``veracity evaluate --loco``); writes the "Reliability across corpora"
section of ``docs/benchmarks.md``, ``docs/reliability-diagram.png`` (pooled out-of-fold LOCO
predictions) and ``docs/model-card.md``, and keeps the raw results as JSON under the cache dir.

Usage: ``nice -n 10 .venv/bin/python bench/reliability_report.py [--speed]`` (about an hour on
the shared 2-core machine; needs the ``bench`` extra for matplotlib); ``--render`` rewrites the
docs from the saved results without re-running. ``--legacy SECTIONS`` runs the earlier
in-domain, LIAR, CONSTRAINT and cross-corpus tables (``veracity evaluate``) and rewrites the
"Reliability model" section: ``--legacy in_domain,provenance_probe,...``.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from _templates import render  # bench/_templates.py
from veracity.models.loco import LocoResult, TradeoffPoint

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
SECTION = "## Reliability model"


class LocoTarget(BaseModel):
    """One of the issue's LOCO targets: measured (None when not measured) against its goal."""

    figure: str
    measured: float | None
    goal: str
    met: bool


class Thresholds(BaseModel):
    unreliable_below: float
    reliable_from: float


class TrainingRows(BaseModel):
    total: int
    cap_per_corpus: int
    by_corpus_label: dict[str, int]


class TrainingConfig(BaseModel):
    model_config = ConfigDict(extra="allow")

    C: int | float
    word_features: int


class ScoringCost(BaseModel):
    model_config = ConfigDict(extra="allow")

    ms_per_article: float


class Combiner(BaseModel):
    model_config = ConfigDict(extra="allow")

    style_weights: dict[str, float]
    signal_weights: dict[str, float]


class ReliabilityCard(BaseModel):
    """The fields of a shipped reliability card (``artefacts/reliability*/card.json``) the
    model card shows."""

    model_config = ConfigDict(extra="ignore")

    model_version: str
    trained_at: str
    thresholds: Thresholds
    training_rows: TrainingRows
    training_data_manifest: dict[str, str]
    corpora: list[str]
    config: TrainingConfig
    style_features: list[str]
    scoring_cost: ScoringCost
    combiner: Combiner
    embedding_head: dict[str, Any] | None = None  # the deep card's MiniLM head, when it has one
    calibration: dict[str, Any] | None = None  # Platt and the cut-keeping map (since reliability-3)
    adaptation: dict[str, Any] | None = None  # `batch --adapt`'s share (fast card, stop 49)


TARGETS = [
    # (label, getter, target, higher is better)
    (
        "LIAR 6-way accuracy (official test, stacked head)",
        lambda r: r["liar"]["six"]["model"]["accuracy"],
        0.30,
    ),
    (
        "LIAR binary accuracy (official test)",
        lambda r: r["liar"]["binary"]["model"]["accuracy"],
        0.65,
    ),
    (
        "CONSTRAINT weighted F1 (official test)",
        lambda r: r["constraint"]["model"]["weighted_f1"],
        0.95,
    ),
    (
        (
            "FakeNewsNet PolitiFact accuracy, source-disjoint (word + char 3-5-gram head, the deep "
            "path's configuration before LOCO)"
        ),
        lambda r: r["politifact"]["model"]["accuracy"],
        0.90,
    ),
]


def _ece_targets(results: dict[str, Any]) -> list[tuple[str, float, float, bool]]:
    """ECE on the source-disjoint held-out articles, of each shipped model that was evaluated."""
    held_out = results["in_domain"]["source_disjoint"]
    rows = []
    models = (
        ("model", "fast-path model"),
        ("with_chars", "same model + char 3-5-grams (the deep path's configuration before LOCO)"),
    )
    for key, model in models:
        if key in held_out:
            ece = held_out[key]["ece"]
            rows.append((f"ECE of the {model}, source-disjoint held-out", ece, 0.05, ece <= 0.05))
    return rows


def target_rows(results: dict[str, Any]) -> list[tuple[str, float, float, bool]]:
    """(figure, measured, target, met) for every target whose section was run."""
    rows = []
    for label, get, target in TARGETS:
        try:
            value = get(results)
        except KeyError:
            continue
        rows.append((label, value, target, value >= target))
    return [*rows, *_ece_targets(results)]


class ModelTarget(BaseModel):
    """One target of the earlier evaluation (``--legacy``): measured against its threshold."""

    figure: str
    measured: float
    target: float
    met: bool

    @property
    def sign(self) -> str:
        return "≤" if self.figure.startswith("ECE") else "≥"


class InferenceSpeed(BaseModel):
    """``bench/reliability_speed.py``'s figures (articles per CPU-second); the deep-path rows
    only where they were measured."""

    model_config = ConfigDict(extra="allow")

    n_articles: int | float
    mean_chars: float
    plain_tfidf_lr_batch: float
    model_batch_text_only: float
    word_char_model_batch: float | None = None  # runs when the deep path read char n-grams
    deep_model_batch: float | None = None
    score_reliability_one_by_one: float
    deep_score_reliability_one_by_one: float | None = None
    fast_pipeline_tokenise_signals_score: float


class ReliabilityModelSection(BaseModel):
    """The "Reliability model" section of docs/benchmarks.md from one ``veracity evaluate``
    run (templates/reliability-model.md.j2)."""

    seconds: float
    records_after_dedup: int | float
    targets: list[ModelTarget]
    not_run: list[str] = []
    tables: str
    speed: InferenceSpeed | None = None

    @classmethod
    def from_run(
        cls, results: dict[str, Any], speed: dict[str, Any] | None
    ) -> ReliabilityModelSection:
        from veracity.models.evaluation import format_tables

        return cls(
            seconds=results["seconds"],
            records_after_dedup=results["records_after_dedup"],
            targets=[
                ModelTarget(figure=label, measured=value, target=target, met=met)
                for label, value, target, met in target_rows(results)
            ],
            not_run=results.get("not_run") or [],
            tables=format_tables(results),
            speed=InferenceSpeed.model_validate(speed) if speed else None,
        )

    def summary(self) -> str:
        """One line: the targets met, and what was not run."""
        met = sum(target.met for target in self.targets)
        line = f"Reliability model: {met} of {len(self.targets)} targets met"
        return line + (f"; not run: {', '.join(self.not_run)}" if self.not_run else "")


def benchmarks_section(results: dict[str, Any], speed: dict[str, Any] | None) -> str:
    """The "Reliability model" section of docs/benchmarks.md (``--legacy``)."""
    doc = ReliabilityModelSection.from_run(results, speed)
    return render("reliability-model.md.j2", heading=SECTION, doc=doc)


def write_benchmarks(section: str) -> None:
    """Replace (or append) the Reliability model section of docs/benchmarks.md."""
    path = DOCS / "benchmarks.md"
    current = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmarks\n"
    # The section ends at the next heading or at another generator's marker comment.
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |^<!-- |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(current):
        updated = pattern.sub(lambda _: section + "\n", current)
    else:
        updated = current.rstrip("\n") + "\n\n" + section
    path.write_text(updated, encoding="utf-8")


KEPT_BLOCKS = (
    "checkworthiness-card",
    "corroboration-card",
)  # sections other bench scripts write into the card


def _kept_blocks(card_path: Path) -> str:
    """The card's sections written by other scripts (``bench/claims.py``), kept as they are."""
    old = card_path.read_text(encoding="utf-8") if card_path.exists() else ""
    kept = []
    for name in KEPT_BLOCKS:
        start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
        if start in old and end in old:
            kept.append(old[old.index(start) : old.index(end) + len(end)])
    return "".join(f"\n{block}\n" for block in kept)


LOCO_START, LOCO_END = "<!-- reliability-loco:start -->", "<!-- reliability-loco:end -->"
COMMAND = "nice -n 10 .venv/bin/python bench/reliability_report.py"


def loco_targets(loco: LocoResult) -> list[LocoTarget]:
    """The issue's LOCO targets: measured (None when not measured) against the goal."""
    ours = loco.summary["veracity"]
    pooled = loco.pooled["veracity"]
    margin = ours.min_margin_over_tfidf
    coverage = pooled.coverage if loco.coverage_english_news is None else loco.coverage_english_news
    return [
        LocoTarget(
            figure="LOCO macro-F1, mean of the folds",
            measured=ours.mean_macro_f1,
            goal="≥ 0.75",
            met=ours.mean_macro_f1 >= 0.75,
        ),
        LocoTarget(
            figure="LOCO macro-F1, worst fold",
            measured=ours.worst_macro_f1,
            goal="≥ 0.65",
            met=ours.worst_macro_f1 >= 0.65,
        ),
        LocoTarget(
            figure="smallest margin over TF-IDF+LR on a fold",
            measured=margin,
            goal="≥ +0.08",
            met=margin is not None and margin >= 0.08,
        ),
        LocoTarget(
            figure="ECE of the pooled LOCO predictions",
            measured=pooled.ece,
            goal="≤ 0.05",
            met=pooled.ece <= 0.05,
        ),
        LocoTarget(
            figure="coverage on English news (share scored)",
            measured=coverage,
            goal="≥ 0.95",
            met=coverage >= 0.95,
        ),
    ]


class CalibrationRow(BaseModel):
    """One calibration of the same fold models: its LOCO macro-F1 and pooled calibration."""

    label: str
    mean_macro_f1: float
    worst_macro_f1: float
    ece: float
    share_scored_reliable: float | None


class ReliableShareSpread(BaseModel):
    """The held-out corpora's lowest and highest shares of reliable articles, and the pooled."""

    lowest: float
    lowest_corpus: str
    highest: float
    highest_corpus: str
    pooled: float


class LocoSpeed(BaseModel):
    """The scoring speeds the section quotes (articles per CPU-second)."""

    model_config = ConfigDict(extra="allow")

    model_batch_text_only: float
    plain_tfidf_lr_batch: float
    fast_pipeline_tokenise_signals_score: float


CALIBRATIONS = (
    ("shipped: Platt, every (corpus, class) cell weighted equally, then isotonic below and "
     "above 0.5 (the cut-keeping map)", "veracity"),
    ("same fold models, Platt only (shipped before 2026-12-07)", "veracity_platt_only"),
    ("same fold models, Platt fitted to the training share of reliable articles",
     "veracity_prior_calibrated"),
    ("plain TF-IDF+LR (its own probabilities)", "plain_tfidf_lr"),
)  # fmt: skip
# The score bands of the reports (the shipped cards' thresholds).
BANDS = (0.35, 0.65)


class MapFold(BaseModel):
    """One held-out corpus (or all of them pooled) before and after the cut-keeping map."""

    corpus: str
    n: int
    macro_f1: tuple[float, float]
    auc: tuple[float, float]
    ece: tuple[float, float]


class CutMapEffect(BaseModel):
    """What the cut-keeping map changed in one LOCO run: the same fold models' scores before
    (Platt only) and after, per held-out corpus and pooled, and the pooled scored articles'
    shares in the lowest and the reliable band."""

    folds: list[MapFold]
    pooled: MapFold
    mean_ece: tuple[float, float]
    lowest_band: tuple[float, float]
    reliable_band: tuple[float, float]
    same_labels: bool  # every fold's macro-F1 the same before and after

    @classmethod
    def from_run(cls, result: LocoResult) -> CutMapEffect | None:
        import numpy as np

        from veracity.models.loco import PLATT_ONLY

        if PLATT_ONLY not in result.pooled:
            return None
        before_after = (PLATT_ONLY, "veracity")
        folds = [
            MapFold(
                corpus=corpus,
                n=int(scores["veracity"].n),
                **{
                    figure: tuple(getattr(scores[key], figure) for key in before_after)
                    for figure in ("macro_f1", "auc", "ece")
                },
            )
            for corpus, scores in result.folds.items()
        ]
        pooled = MapFold(
            corpus="pooled",
            n=int(result.pooled["veracity"].n),
            **{
                figure: tuple(getattr(result.pooled[key], figure) for key in before_after)
                for figure in ("macro_f1", "auc", "ece")
            },
        )
        shares = []
        for key in before_after:
            p = np.array(result.pooled_predictions[key]["p"], dtype=float)
            p = p[~np.isnan(p)]
            shares.append((float((p < BANDS[0]).mean()), float((p >= BANDS[1]).mean())))
        return cls(
            folds=folds,
            pooled=pooled,
            mean_ece=(
                float(np.mean([f.ece[0] for f in folds])),
                float(np.mean([f.ece[1] for f in folds])),
            ),
            lowest_band=(shares[0][0], shares[1][0]),
            reliable_band=(shares[0][1], shares[1][1]),
            same_labels=all(f.macro_f1[0] == f.macro_f1[1] for f in folds),
        )


class LocoSection(BaseModel):
    """What the "Reliability across corpora" section of docs/benchmarks.md shows of one LOCO
    run (templates/reliability-loco.md.j2)."""

    kind: str
    seconds: float
    shared_vocabulary: bool
    targets: list[LocoTarget]
    matrix: str
    calibration: list[CalibrationRow] | None = None
    cut_map: CutMapEffect | None = None
    spread: ReliableShareSpread | None = None
    coverage_english_news: float | None = None
    scope_tradeoff: list[TradeoffPoint] = []
    speed: LocoSpeed | None = None

    @classmethod
    def from_run(cls, loco: dict[str, Any], speed: dict[str, Any] | None) -> LocoSection:
        from veracity.models.loco import format_loco

        result = LocoResult.model_validate(loco)
        calibration = spread = None
        if {"veracity_prior_calibrated", "veracity_platt_only"} & set(result.summary):
            calibration = [
                CalibrationRow(
                    label=label,
                    mean_macro_f1=result.summary[key].mean_macro_f1,
                    worst_macro_f1=result.summary[key].worst_macro_f1,
                    ece=result.pooled[key].ece,
                    share_scored_reliable=result.pooled[key].share_scored_reliable,
                )
                for label, key in CALIBRATIONS
                if key in result.summary and key in result.pooled
            ]
            shares = result.reliable_share
            if shares:
                y = result.pooled_predictions["veracity"]["y"]
                spread = ReliableShareSpread(
                    lowest=min(shares.values()),
                    lowest_corpus=min(shares, key=shares.__getitem__),
                    highest=max(shares.values()),
                    highest_corpus=max(shares, key=shares.__getitem__),
                    pooled=sum(y) / len(y),
                )
        return cls(
            kind=result.kind,
            seconds=result.seconds,
            shared_vocabulary=bool(result.shared_vocabulary),
            targets=loco_targets(result),
            matrix=format_loco(loco),
            calibration=calibration,
            cut_map=CutMapEffect.from_run(result),
            spread=spread,
            coverage_english_news=result.coverage_english_news,
            scope_tradeoff=result.scope_tradeoff,
            speed=LocoSpeed.model_validate(speed) if speed else None,
        )

    def summary(self) -> str:
        """One line: the LOCO targets met, and which parts the section shows."""
        met = sum(target.met for target in self.targets)
        parts = [
            name
            for name, shown in (
                ("calibration", self.calibration is not None),
                ("coverage trade-off", bool(self.scope_tradeoff)),
                ("speed", self.speed is not None),
            )
            if shown
        ]
        return f"LOCO ({self.kind}): {met} of {len(self.targets)} targets met" + (
            f"; with {', '.join(parts)}" if parts else ""
        )


def loco_section(loco: dict[str, Any], speed: dict[str, Any] | None) -> str:
    """The "Reliability across corpora" section of docs/benchmarks.md."""
    doc = LocoSection.from_run(loco, speed)
    text = render(
        "reliability-loco.md.j2",
        doc=doc,
        command=COMMAND,
        start=LOCO_START,
        end=LOCO_END,
        inf=float("inf"),
    )
    return text.removesuffix("\n")  # the section ends at its end marker


def draw_diagram(loco: dict[str, Any], path: Path) -> None:
    """Reliability diagram of the pooled out-of-fold LOCO predictions (scored articles)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from veracity.metrics import calibration_curve

    def curve_of(key: str) -> tuple[Any, Any, Any]:
        pooled = loco["pooled_predictions"][key]
        y, p = np.array(pooled["y"]), np.array(pooled["p"], dtype=float)
        scored = ~np.isnan(p)
        return tuple(zip(*calibration_curve(y[scored], p[scored]), strict=True))  # type: ignore[return-value]

    mean_score, observed, counts = curve_of("veracity")
    ece = loco["pooled"]["veracity"]["ece"]
    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(5, 6), gridspec_kw={"height_ratios": [3, 1]}, sharex=True
    )
    top.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfect calibration")
    if "veracity_platt_only" in loco["pooled_predictions"]:
        before, seen, _ = curve_of("veracity_platt_only")
        platt_ece = loco["pooled"]["veracity_platt_only"]["ece"]
        top.plot(
            before, seen, marker=".", color="tab:orange", alpha=0.7,
            label=f"Platt only, before the map (ECE {platt_ece:.3f})",
        )  # fmt: skip
    top.plot(mean_score, observed, marker="o", label=f"veracity, shipped (ECE {ece:.3f})")
    top.set_ylabel("observed share of reliable articles")
    top.set_title("Reliability diagram, pooled leave-one-corpus-out")
    top.legend(loc="upper left")
    bottom.bar(mean_score, counts, width=0.05)
    bottom.set_xlabel("predicted P(reliable)")
    bottom.set_ylabel("articles")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def model_card(loco: LocoResult, card: ReliabilityCard, deep_card: ReliabilityCard) -> str:
    """docs/model-card.md from the shipped cards and the LOCO run (templates/model-card.md.j2)."""
    from veracity.models.explain import SIGNAL_PHRASES
    from veracity.models.scope import MIN_WORDS
    from veracity.models.style import STYLE_PHRASES

    plain = loco.summary.get("plain_tfidf_lr")
    baseline = (
        f"plain TF-IDF+LR {plain.mean_macro_f1:.3f}, worst {plain.worst_macro_f1:.3f}"
        if plain
        else "in the selection runs the TF-IDF text model alone reached 0.554, worst 0.391"
    )
    weights = card.combiner
    style = ", ".join(
        f"{STYLE_PHRASES[k.removeprefix('style:')][0]} {v:+.2f}"
        for k, v in sorted(weights.style_weights.items(), key=lambda kv: -abs(kv[1]))[:8]
    )
    signals = (
        ", ".join(
            f"{SIGNAL_PHRASES.get(k.removeprefix('signal:'), k)} {v:+.2f}"
            for k, v in weights.signal_weights.items()
        )
        or "none"
    )
    from veracity.models.headline import HEADLINE_PHRASES

    headline = ", ".join(
        f"{HEADLINE_PHRASES[k][0]} {v:+.2f}"
        for k, v in (weights.model_extra or {}).get("headline_weights", {}).items()
    )
    return render(
        "model-card.md.j2",
        loco=loco,
        card=card,
        deep_card=deep_card,
        targets=loco_targets(loco),
        baseline=baseline,
        style=style,
        signals=signals,
        headline=headline or "none",
        min_words=MIN_WORDS,
    )


def inner_loco() -> dict[str, Any]:
    """LOCO figures of the shipped fast model from its own training run, in seconds.

    Each training corpus was scored by models fitted without it (the predictions its
    calibration was fitted on, kept in the model): no baseline is refitted, so the plain
    TF-IDF+LR column stays empty; the majority class is each fold's training majority.
    Coverage applies the shipped abstention rules to every article of the folds, and the
    auxiliary corpora are scored by the shipped model.
    """
    import numpy as np

    from veracity.metrics import scores_with_abstentions
    from veracity.models.artefact import load_artefact
    from veracity.models.loco import (
        AUXILIARY,
        FOLDS,
        _abstention_counts,
        _auxiliary,
        load_loco_table,
        summarise,
        table_frame,
    )

    model = load_artefact().model
    table = load_loco_table()
    # the training rows' labels and corpora, as the model kept them with its predictions
    y, folds, p = model.out_of_fold_labels_, model.out_of_fold_domains_, model.out_of_fold_
    covered = np.ones(len(y), dtype=bool)  # abstention is measured on every article below
    result: dict[str, Any] = {"folds": {}, "kind": "inner"}
    for name in FOLDS:
        mask = np.asarray(folds == name, dtype=bool)
        result["folds"][name] = {
            "veracity": scores_with_abstentions(y[mask], p[mask], covered[mask]),
            "majority": scores_with_abstentions(y[mask], np.full(mask.sum(), y[~mask].mean())),
        }
    all_rows = table.rows(list(FOLDS))
    scored = np.array([table.abstained[i] is None for i in all_rows])
    scored &= ~model.out_of_scope(table.style[all_rows])
    for name in FOLDS:  # coverage: the share of every article of the fold that gets a score
        result["folds"][name]["veracity"]["coverage"] = float(
            scored[table.fold[all_rows] == name].mean()
        )
    result["summary"] = summarise(result)
    result["pooled"] = {"veracity": scores_with_abstentions(y, p, covered)}
    result["pooled"]["veracity"]["coverage"] = float(scored.mean())
    result["pooled_predictions"] = {"veracity": {"y": y.tolist(), "p": p.round(4).tolist()}}
    result["abstentions"] = _abstention_counts(table, all_rows)
    aux = table.rows(AUXILIARY)
    frame = table_frame(table, aux)
    aux_p = model.predict_proba(frame)[:, 1]
    result["auxiliary"] = _auxiliary(table, aux, {"veracity": [aux_p]}, covered)
    result["coverage_english_news"] = float(scored.mean())
    result["scope_tradeoff"] = []
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--render", action="store_true", help="only rewrite docs from saved results"
    )
    parser.add_argument("--speed", action="store_true", help="also measure scoring speed")
    parser.add_argument(
        "--inner",
        action="store_true",
        help="only the shipped model's own leave-one-corpus-out predictions (seconds; no "
        "TF-IDF+LR refit)",
    )
    parser.add_argument(
        "--per-fold-vocabulary",
        action="store_true",
        help="fit each TF-IDF vocabulary on the training folds only (about 3x the time)",
    )
    parser.add_argument("--legacy", help="comma-separated sections of the earlier tables to run")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    sys.path.insert(0, str(REPO / "bench"))
    from veracity.models.artefact import load_artefact
    from veracity.settings import get_settings

    parts_dir = get_settings().cache_dir / "reliability-evaluation"
    parts_dir.mkdir(parents=True, exist_ok=True)
    if args.legacy:
        from veracity.models.evaluation import run_evaluation

        results = run_evaluation(sections=args.legacy.split(","))
        speed = None
        if args.speed:
            from reliability_speed import measure_speed

            speed = measure_speed(1000)
        write_benchmarks(benchmarks_section(results.as_dict(), speed))
        return
    saved = parts_dir / "loco.json"
    if args.inner:
        loco = inner_loco()
        loco["seconds"] = 0.0
        saved.write_text(json.dumps(loco), encoding="utf-8")
    elif not args.render:
        import time

        from veracity.models.loco import evaluate_loco

        started = time.time()
        result = evaluate_loco(depth="fast", shared_vocabulary=not args.per_fold_vocabulary)
        result.seconds = round(time.time() - started, 1)
        if args.speed:
            from reliability_speed import measure_speed

            result.speed = measure_speed(1000)
        saved.write_text(json.dumps(result.as_saved()), encoding="utf-8")
    loco = json.loads(saved.read_text(encoding="utf-8"))
    from _docs import write_section

    DOCS.mkdir(exist_ok=True)
    draw_diagram(loco, DOCS / "reliability-diagram.png")
    write_section(loco_section(loco, loco.get("speed")), LOCO_START, LOCO_END)
    card_path = DOCS / "model-card.md"
    card_path.write_text(
        model_card(
            LocoResult.model_validate(loco),
            ReliabilityCard.model_validate(load_artefact().card.model_dump()),
            ReliabilityCard.model_validate(load_artefact(depth="deep").card.model_dump()),
        )
        + _kept_blocks(card_path),
        encoding="utf-8",
    )
    print(f"wrote {card_path}, {DOCS / 'benchmarks.md'}, {DOCS / 'reliability-diagram.png'}")


if __name__ == "__main__":
    main()
