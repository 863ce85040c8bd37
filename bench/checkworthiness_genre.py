"""Check-worthiness beyond the debates: claims fact-checkers checked, and debate non-claims.

The shipped models learnt the debate genre (CheckThat! 2024, ClaimBuster); "Hydroxychloroquine
treats coronavirus." scored 0.21 with the deep model. This bench measures them on claims that
fact-checkers actually checked (:mod:`veracity.claims.fact_checked`) and tries fact-checked
claims as extra check-worthy training sentences of the linear models.

- **Development half** (chooses): LIAR's valid statements and CONSTRAINT's valid fake posts
  (check-worthy), CheckThat! dev's "No" sentences (not check-worthy; never trained on).
- **Held-out half** (other sources; read once, for the report, with ``--held-out``):
  CLIMATE-FEVER's claims (check-worthy), the ClaimBuster held-out part's not check-worthy
  sentences. A positive whose text is in any training sentence is left out of both halves.
- **Candidates**: the batch model (``tfidf+cues``) rebuilt as ``veracity train claims-batch``
  rebuilds it (C and threshold chosen on validation, the mean F1 of CheckThat! dev and the late
  debates, then fitted again with the late debates), with the fact-checked claims of LIAR's and
  CONSTRAINT's training splits added at each weight of :data:`WEIGHTS`
  (``claims.train.fit_linear``); for the deep model, each candidate's linear part mixed with the
  shipped MiniLM heads at the shipped share and threshold (a deep rebuild trains the heads
  again; this reads what the linear part alone brings).
- **Rule, fixed before the run**: against the shipped model of its path, development recall on
  the fact-checked claims up by >= 0.10, false alarms on the non-claims up by <= 0.03, CheckThat!
  dev F1 down by <= 0.01; among the candidates that pass, the best validation mean F1.

Run in boxes (each under 15 minutes on the shared machine; the heads' scores are kept in the
work folder): ``.venv/bin/python bench/checkworthiness_genre.py --work W --held-out --box
shipped --box 0.3 --box 1`` (one box or several), then ``--work W --write`` judges them and
writes the section.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from _docs import write_section  # bench/_docs.py

START, END = "<!-- checkworthiness-genre:start -->", "<!-- checkworthiness-genre:end -->"
WEIGHTS = (0.3, 1.0)
RECALL_GAIN, ALARM_RISE, DEV_F1_FALL = 0.10, 0.03, 0.01
EXAMPLES = (
    "Hydroxychloroquine treats coronavirus.",
    "Vitamin C cures COVID-19.",
    "Thank you all for coming tonight.",
    "I think that's a great question.",
)


class Figures(BaseModel):
    """One system on the check set, at its threshold."""

    system: str
    path: str  # deep or batch
    weight: float  # the fact-checked claims' sample weight (0: the shipped model)
    c: float
    threshold: float
    validation_mean_f1: float  # fitted on the training part; the rebuild's criterion
    dev_f1: float  # CheckThat! dev, the model fitted on every training debate
    recall: dict[str, float]  # development: per source and "all"
    false_alarms: float  # development: CheckThat! dev "No"
    held_out_recall: float | None = None  # CLIMATE-FEVER claims
    held_out_false_alarms: float | None = None  # ClaimBuster held-out, not check-worthy
    examples: list[float]
    passes: bool = False
    cpu_ms_per_sentence: float


class GenreResult(BaseModel):
    dev_sizes: dict[str, int]
    held_out_sizes: dict[str, int]
    fact_checked_training: int
    systems: list[Figures]
    chosen: dict[str, str | None]  # path -> chosen candidate's name (None: none passes)
    held_out_reads: int


def check_set(data_dir: Path, data: Any) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    from veracity.claims.fact_checked import fact_checked_claims
    from veracity.claims.train import FACT_CHECKED_TRAINING, _normalised, all_training

    seen = {_normalised(t) for t in all_training(data).texts}
    for source, split in FACT_CHECKED_TRAINING:
        seen |= {_normalised(t) for t in fact_checked_claims(data_dir, source, split)}

    def unseen(texts: list[str]) -> list[str]:
        return [t for t in texts if _normalised(t) not in seen]

    dev = {
        "liar": unseen(fact_checked_claims(data_dir, "liar", "valid")),
        "constraint": unseen(fact_checked_claims(data_dir, "constraint", "valid")),
        "non_claims": [t for t, y in zip(data.dev.texts, data.dev.labels, strict=True) if not y],
    }
    held_out = {
        "climate_fever": unseen(fact_checked_claims(data_dir, "climate_fever")),
        "non_claims": [
            t for t, y in zip(data.claimbuster.texts, data.claimbuster.labels, strict=True) if not y
        ],
    }
    return dev, held_out


def _rates(score: Any, threshold: float, dev: dict[str, list[str]]) -> tuple[dict, float]:
    recall = {s: float(np.mean(score(dev[s]) >= threshold)) for s in ("liar", "constraint")}
    positives = dev["liar"] + dev["constraint"]
    recall["all"] = float(np.mean(score(positives) >= threshold))
    return {k: round(v, 4) for k, v in recall.items()}, round(
        float(np.mean(score(dev["non_claims"]) >= threshold)), 4
    )


def _cost(score: Any, texts: list[str]) -> float:
    started = time.process_time()
    score(texts)
    return round(1000 * (time.process_time() - started) / len(texts), 3)


class Box(BaseModel):
    """One box of the run (the shipped models, or one weight's candidates)."""

    dev_sizes: dict[str, int]
    held_out_sizes: dict[str, int]
    fact_checked_training: int
    systems: list[Figures]
    held_out: bool


def run_box(data_dir: Path, part: str, held_out: bool, work: Path) -> Box:
    """``part``: ``shipped`` or one of :data:`WEIGHTS`; the heads' scores are kept in
    ``work`` for the other boxes."""
    import json

    from sklearn.metrics import f1_score

    from veracity.claims.model import (
        CLAIMS,
        build_checkworthiness_pipeline,
        load_batch_checkworthiness_model,
        load_checkworthiness_model,
    )
    from veracity.claims.train import (
        BATCH_C_GRID,
        BATCH_FEATURE_SET,
        _best_linear,
        all_training,
        fit_linear,
        load_checkworthiness_data,
    )

    base = load_checkworthiness_data(data_dir, fact_checked_weight=0.0)
    dev, held = check_set(data_dir, base)
    deep = load_checkworthiness_model()
    deep_threshold = float(CLAIMS.read_card().threshold or 0.5)
    heads, share = deep.members[1], float(deep.weights[1])
    texts = sorted(
        {*base.dev.texts, *(t for v in dev.values() for t in v), *EXAMPLES}
        | ({t for v in held.values() for t in v} if held_out else set())
    )
    kept = work / "head_scores.json"
    head_score: dict[str, float] = (
        json.loads(kept.read_text(encoding="utf-8")) if kept.exists() else {}
    )
    missing = [t for t in texts if t not in head_score]
    if missing:
        head_score.update(zip(missing, heads.predict_proba(missing)[:, 1].tolist(), strict=True))
        kept.write_text(json.dumps(head_score), encoding="utf-8")

    def heads_of(part: list[str]) -> np.ndarray:
        return np.array([head_score[t] for t in part])

    systems: list[Figures] = []

    def add(name: str, path: str, weight: float, c: float, threshold: float, mean_f1: float,
            score: Any, cost: float | None = None) -> None:  # fmt: skip
        recall, alarms = _rates(score, threshold, dev)
        figures = Figures(
            system=name,
            path=path,
            weight=weight,
            c=c,
            threshold=threshold,
            validation_mean_f1=mean_f1,
            dev_f1=round(float(f1_score(base.dev.labels, score(base.dev.texts) >= threshold)), 4),
            recall=recall,
            false_alarms=alarms,
            examples=[round(float(s), 3) for s in score(list(EXAMPLES))],
            cpu_ms_per_sentence=_cost(score, dev["liar"]) if cost is None else cost,
        )
        if held_out:
            figures.held_out_recall = round(
                float(np.mean(score(held["climate_fever"]) >= threshold)), 4
            )
            figures.held_out_false_alarms = round(
                float(np.mean(score(held["non_claims"]) >= threshold)), 4
            )
        systems.append(figures)

    fact_checked = 0
    if part == "shipped":
        batch = load_batch_checkworthiness_model()
        batch_card = batch_card_metrics()
        add("shipped batch (`claims-batch`)", "batch", 0.0, batch_card["c"],
            batch_card["threshold"], batch_card["mean_f1"],
            lambda t: batch.predict_proba(t)[:, 1])  # fmt: skip
        # The deep model's cost: the whole model (encoder and heads) on sentences it has not
        # seen; its figures read the heads' scores computed once above.
        deep_cost = _cost(lambda t: deep.predict_proba(t)[:, 1], dev["constraint"][:200])
        card = CLAIMS.read_card().metrics or {}
        validation = card["validation"]["tfidf+cues+minilm_head"]
        add("shipped deep (`claims`)", "deep", 0.0, float(card["c"]),
            float(validation["threshold"]), float(validation["mean_f1"]),
            lambda t: share * heads_of(t) + (1 - share) * deep.members[0].predict_proba(t)[:, 1],
            deep_cost)  # fmt: skip
    else:
        weight = float(part)
        data = load_checkworthiness_data(data_dir, fact_checked_weight=weight)
        fact_checked = len(data.fact_checked.texts)
        chosen, _, validation = _best_linear(data, (BATCH_FEATURE_SET,), BATCH_C_GRID)
        c = float(validation[chosen]["c"])
        model = fit_linear(build_checkworthiness_pipeline(chosen, c=c), all_training(data), data)
        add(f"batch + fact-checked claims at weight {weight:g}", "batch", weight, c,
            float(validation[chosen]["threshold"]), float(validation[chosen]["mean_f1"]),
            lambda t: model.predict_proba(t)[:, 1])  # fmt: skip
        add(f"deep + fact-checked claims at weight {weight:g}", "deep", weight, c, deep_threshold,
            float(validation[chosen]["mean_f1"]),
            lambda t: share * heads_of(t) + (1 - share) * model.predict_proba(t)[:, 1],
            None)  # fmt: skip
        # the deep candidate's cost is the shipped deep model's (same members, same sizes)
        systems[-1].cpu_ms_per_sentence = -1.0
    return Box(
        dev_sizes={k: len(v) for k, v in dev.items()},
        held_out_sizes={k: len(v) for k, v in held.items()},
        fact_checked_training=fact_checked,
        systems=systems,
        held_out=held_out,
    )


def merge(work: Path) -> GenreResult:
    """The boxes of ``work`` as one result, each candidate judged by the rule."""
    boxes = [
        Box.model_validate_json(p.read_text(encoding="utf-8"))
        for p in sorted(work.glob("box-*.json"))
    ]
    systems = sorted(
        (s for box in boxes for s in box.systems), key=lambda s: (s.path != "batch", s.weight)
    )
    deep_cost = next(s.cpu_ms_per_sentence for s in systems if s.path == "deep" and not s.weight)
    for s in systems:
        if s.cpu_ms_per_sentence < 0:
            s.cpu_ms_per_sentence = deep_cost
    return GenreResult(
        dev_sizes=boxes[0].dev_sizes,
        held_out_sizes=boxes[0].held_out_sizes,
        fact_checked_training=max(b.fact_checked_training for b in boxes),
        systems=systems,
        chosen=_judge(systems),
        held_out_reads=1 if all(b.held_out for b in boxes) else 0,
    )


def batch_card_metrics() -> dict[str, float]:
    from veracity.claims.model import CLAIMS_BATCH

    card = CLAIMS_BATCH.read_card()
    metrics = card.metrics or {}
    validation = metrics["validation"][metrics["feature_set"]]
    return {
        "c": float(metrics["c"]),
        "threshold": float(card.threshold or 0.5),
        "mean_f1": float(validation["mean_f1"]),
    }


def _judge(systems: list[Figures]) -> dict[str, str | None]:
    """Mark the candidates that pass the rule against their path's shipped model; the best
    validation mean F1 among them is chosen."""
    chosen: dict[str, str | None] = {}
    for path in ("batch", "deep"):
        shipped = next(s for s in systems if s.path == path and s.weight == 0)
        passing = []
        for s in systems:
            if s.path != path or s.weight == 0:
                continue
            s.passes = (
                s.recall["all"] >= shipped.recall["all"] + RECALL_GAIN
                and s.false_alarms <= shipped.false_alarms + ALARM_RISE
                and s.dev_f1 >= shipped.dev_f1 - DEV_F1_FALL
            )
            if s.passes:
                passing.append(s)
        best = max(passing, key=lambda s: s.validation_mean_f1, default=None)
        chosen[path] = best.system if best else None
    return chosen


def render_section(result: GenreResult) -> str:
    dev, held = result.dev_sizes, result.held_out_sizes
    lines = [
        START,
        "## Check-worthiness beyond the debates: claims fact-checkers checked "
        "(`bench/checkworthiness_genre.py`)",
        "",
        "Generated by `.venv/bin/python bench/checkworthiness_genre.py --work W --held-out "
        "--box shipped --box 1 --box 0.3`, then `--work W --write` (2 shared CPU cores, one "
        "queue job). Check-worthy: claims fact-checkers checked "
        "(`claims.fact_checked`: links dropped, posts with a mention, hashtag or retweet left out, "
        "4-40 words, none that is a training sentence). Development half (chooses): "
        f"{dev['liar']:,} LIAR valid statements and {dev['constraint']:,} CONSTRAINT valid fake "
        f'COVID-19 posts, against {dev["non_claims"]:,} CheckThat! dev "No" sentences. Held-out '
        f"half (other sources, read {result.held_out_reads} time(s), never to choose): "
        f"{held['climate_fever']:,} CLIMATE-FEVER claims, against {held['non_claims']:,} not "
        "check-worthy ClaimBuster held-out sentences. Candidates: the batch model rebuilt as "
        "`veracity train claims-batch` rebuilds it with the "
        f"{result.fact_checked_training:,} fact-checked claims of LIAR's and CONSTRAINT's training "
        "splits added as check-worthy at a sample weight (against a check-worthy debate sentence's "
        "class weight); the deep candidates mix that linear model with the shipped MiniLM heads at "
        "the shipped share and threshold (validation mean F1: the linear part's). Rule fixed before the run, against the "
        f"shipped model of the same path: development recall up by >= {RECALL_GAIN:.2f}, false "
        f"alarms up by <= {ALARM_RISE:.2f}, CheckThat! dev F1 down by <= {DEV_F1_FALL:.2f}; among "
        "those that pass, the best validation mean F1 (CheckThat! dev and the late debates).",
        "",
        "| system | C | threshold | validation mean F1 | CheckThat! dev F1 | recall LIAR | "
        "recall CONSTRAINT | recall all | false alarms | passes | held-out recall | "
        "held-out false alarms | CPU ms / sentence |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for s in result.systems:
        shipped = s.weight == 0
        held_recall = "" if s.held_out_recall is None else f"{s.held_out_recall:.3f}"
        held_alarms = "" if s.held_out_false_alarms is None else f"{s.held_out_false_alarms:.3f}"
        lines.append(
            f"| {s.system} | {s.c:g} | {s.threshold:.2f} | {s.validation_mean_f1:.4f} | "
            f"{s.dev_f1:.3f} | {s.recall['liar']:.3f} | {s.recall['constraint']:.3f} | "
            f"**{s.recall['all']:.3f}** | {s.false_alarms:.3f} | "
            f"{'' if shipped else ('yes' if s.passes else 'no')} | {held_recall} | {held_alarms} | "
            f"{s.cpu_ms_per_sentence:.3f} |"
        )
    lines += ["", "Scores of the fault's sentences and two debate non-claims:", ""]
    lines.append("| system | " + " | ".join(f'"{e}"' for e in EXAMPLES) + " |")
    lines.append("|---|" + "---|" * len(EXAMPLES))
    for s in result.systems:
        lines.append(f"| {s.system} | " + " | ".join(f"{x:.2f}" for x in s.examples) + " |")
    chosen = ", ".join(f"{path}: {name or 'none passes'}" for path, name in result.chosen.items())
    lines += ["", f"Chosen by the rule: {chosen}.", END]
    return "\n".join(lines)


def main() -> None:
    from veracity.settings import get_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True, help="the boxes' folder")
    parser.add_argument(
        "--box", action="append", default=[], help="run a box: shipped, or a weight (repeatable)"
    )
    parser.add_argument("--held-out", action="store_true", help="read the held-out half (once)")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    for name in args.box:
        box = run_box(get_settings().data_dir, name, args.held_out, args.work)
        (args.work / f"box-{name}.json").write_text(box.model_dump_json(indent=1), "utf-8")
        print(box.model_dump_json(indent=1), file=sys.stderr, flush=True)
    if args.box:
        return
    result = merge(args.work)
    print(result.model_dump_json(indent=1), file=sys.stderr, flush=True)
    (args.work / "result.json").write_text(result.model_dump_json(indent=2) + "\n", "utf-8")
    if args.write:
        write_section(render_section(result), START, END)


if __name__ == "__main__":
    main()
