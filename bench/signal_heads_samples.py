"""Sentence heads fitted on every development sample against the shipped two, out of fold.

Usage::

    nice -n 10 python bench/signal_heads_samples.py --kinds rhetorical_question --out A.json
    nice -n 10 python bench/signal_heads_samples.py --render A.json B.json --write

The shipped heads (artefact ``signal-heads``) were fitted on the first two development samples
(``dev``, ``dev2``: 58 loaded, 49 rhetorical positives); later samples (``dev3``, ``dev4``,
``dev6``) were drawn from articles new to the set and read like the held-out half. For each kind
with a head (and conspiracy framing, a candidate) this bench scores every development sentence
out of fold (five folds grouped by article, as the trainer does) with heads chosen and fitted
two ways in the same run: on ``dev`` and ``dev2`` rows only (as shipped) and on every
development row, each with the trainer's grid, straight-news negatives and budget. It reports
"rule or head" and the head alone on all development sentences and on the later samples alone.
Never reads the held-out ``test`` part.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from _docs import write_section  # bench/_docs.py
from veracity.signals.sentence_heads_train import (
    ALL_DEV_SPLITS,
    DEV_SPLITS,
    GRID_PTC_WEIGHT,
    MAX_PRECISION_DROP,
    RATE_BUDGET,
    _groups,
    choose_head,
    is_question,
    ptc_lines,
    read_labelled,
    rule_flags,
    straight_news,
)

START, END = "<!-- signal-heads-samples:start -->", "<!-- signal-heads-samples:end -->"
KINDS = ("loaded_language", "rhetorical_question", "conspiracy_framing")
SHIPPED, EVERY = "dev, dev2", "every development sample"
RULE = (
    "Rule (written after the rhetorical-question and conspiracy runs, before the loaded-language "
    "one): the head fitted on every sample wins when its out-of-fold rule-or-head recall on all "
    "development sentences rises, does not fall on the later samples, and the setting is "
    "admissible (conspiracy framing: at most 0.10 precision lost against the rule, as for the "
    "candidate heads); a win is then read once on the held-out half before it ships."
)
LATER = ("dev3", "dev4", "dev6")


class Reading(BaseModel):
    sentences: int
    positives: int
    rule_recall: float
    rule_precision: float
    recall: float  # rule or head
    precision: float
    head_recall: float
    head_precision: float


class Variant(BaseModel):
    kind: str
    trained_on: str
    setting: str
    threshold: float
    admissible: bool
    every: Reading
    later: Reading


class Samples(BaseModel):
    variants: list[Variant]


def _rp(flags: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    hits = int((flags & (y == 1)).sum())
    return round(hits / max(int(y.sum()), 1), 4), round(hits / max(int(flags.sum()), 1), 4)


def _reading(rows: np.ndarray, y: np.ndarray, rule: np.ndarray, head: np.ndarray) -> Reading:
    y, rule, head = y[rows], rule[rows], head[rows]
    rule_r, rule_p = _rp(rule, y)
    r, p = _rp(rule | head, y)
    head_r, head_p = _rp(head, y)
    return Reading(
        sentences=len(y),
        positives=int(y.sum()),
        rule_recall=rule_r,
        rule_precision=rule_p,
        recall=r,
        precision=p,
        head_recall=head_r,
        head_precision=head_p,
    )


def run(
    data_dir: Path, kinds: tuple[str, ...] = KINDS, ptc_weights: tuple[float, ...] | None = None
) -> Samples:
    """``ptc_weights``: another grid of PTC weights for loaded language (the trainer's when
    None); the variants' names then say so and they are not paired with the shipped one."""
    from veracity.embeddings import embed

    rows = read_labelled(splits=ALL_DEV_SPLITS)
    news, _ = straight_news(data_dir)
    rate_words = sum(words for half, _, words in news if half == 1)
    ptc_texts, ptc_labels, _ = ptc_lines(data_dir)
    ptc = (embed(ptc_texts), ptc_labels)
    out = []
    for kind in kinds:
        kind_rows = [r for r in rows if r["kind"] == kind]
        keep = is_question if kind == "rhetorical_question" else (lambda s: True)
        train_news = [s for half, sents, _ in news if half == 0 for s in sents if keep(s)]
        rate_news = [s for half, sents, _ in news if half == 1 for s in sents if keep(s)]
        x = embed([r["text"] for r in kind_rows])
        y = np.array([r["label"] for r in kind_rows])
        groups, rule = _groups(kind_rows), rule_flags(kind_rows)
        negatives, rate_vectors = embed(train_news), embed(rate_news)
        splits = np.array([r["split"] for r in kind_rows])
        later = np.isin(splits, LATER)
        every = np.ones(len(y), dtype=bool)
        grid = GRID_PTC_WEIGHT.get(kind, (0.0,))
        suffix = ""
        if ptc_weights is not None and kind == "loaded_language":
            grid, suffix = ptc_weights, f", PTC weights {' / '.join(map(str, ptc_weights))}"
        for name, trainable in ((SHIPPED, np.isin(splits, DEV_SPLITS)), (EVERY, every)):
            chosen = choose_head(
                x,
                y,
                groups,
                rule,
                negatives,
                rate_vectors,
                rate_words,
                RATE_BUDGET[kind],
                ptc if kind == "loaded_language" else None,
                grid,
                max_precision_drop=MAX_PRECISION_DROP.get(kind),
                trainable=trainable,
            )
            best = chosen["chosen"]
            head = chosen["oof_head"]
            out.append(
                Variant(
                    kind=kind,
                    trained_on=name + suffix,
                    setting=(
                        f"C {best['C']}, straight-news weight {best['negative_weight']}, "
                        f"PTC weight {best['ptc_weight']}"
                    ),
                    threshold=round(chosen["threshold"], 4),
                    admissible=bool(best["admissible"]),
                    every=_reading(every, y, rule, head),
                    later=_reading(later, y, rule, head),
                )
            )
            print(out[-1].model_dump_json(), flush=True)
    return Samples(variants=out)


def section(result: Samples) -> str:
    lines = [
        START,
        "## Sentence heads fitted on every development sample",
        "",
        "Commands: `nice -n 10 python bench/signal_heads_samples.py --kinds KIND --out KIND.json` "
        "for each kind (one queued job each), then `python bench/signal_heads_samples.py --render "
        "*.json --write`.",
        "",
        "Every development sentence of the labelled set (`dev` to `dev6`; never `test`) scored out "
        "of fold (five folds grouped by article), by heads chosen and fitted in the same run on "
        "the `dev` and `dev2` rows of the training folds only (as the shipped `signal-heads` "
        "are) or on every development row there; same grid, straight-news negatives and budgets "
        "as `veracity train signal-heads` (loaded language also with PTC lines as weak "
        f"examples). Rule: the fast-path rule detector. Later samples: {', '.join(LATER)}, drawn "
        "from articles new to the set, which read like the held-out half before any change. "
        "R / P: recall / precision.",
        "",
        "| kind | fitted on | setting | rule R / P (all) | rule or head R / P (all) "
        "| head R / P (all) | rule R / P (later) | rule or head R / P (later) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for v in result.variants:
        e, la = v.every, v.later
        lines.append(
            f"| {v.kind} | {v.trained_on} | {v.setting} "
            f"| {e.rule_recall:.2f} / {e.rule_precision:.2f} "
            f"| {e.recall:.2f} / {e.precision:.2f} | {e.head_recall:.2f} / {e.head_precision:.2f} "
            f"| {la.rule_recall:.2f} / {la.rule_precision:.2f} "
            f"| {la.recall:.2f} / {la.precision:.2f} |"
        )
    lines += ["", *verdicts(result), END]
    return "\n".join(lines)


def verdicts(result: Samples) -> list[str]:
    """Per kind, whether the head fitted on every sample beats the one fitted on ``dev`` and
    ``dev2`` by the rule of :data:`RULE`."""
    out = [RULE, ""]
    pairs: dict[tuple[str, str], dict[str, Variant]] = {}
    for v in result.variants:
        base = EVERY if v.trained_on.startswith(EVERY) else SHIPPED
        grid = v.trained_on.removeprefix(base)  # another PTC grid, if any
        pairs.setdefault((v.kind, grid), {})[base] = v
    for (kind, grid), pair in pairs.items():
        if set(pair) != {SHIPPED, EVERY}:
            continue
        old, new = pair[SHIPPED], pair[EVERY]
        # Another PTC grid is judged against the head fitted as shipped (the trainer's grid).
        shipped = pairs.get((kind, ""), {}).get(SHIPPED, old)
        wins = (
            new.every.recall > max(old.every.recall, shipped.every.recall)
            and new.later.recall >= max(old.later.recall, shipped.later.recall)
            and new.admissible
        )
        out.append(
            f"- {kind}{grid}: rule or head, all development sentences {old.every.recall:.2f} -> "
            f"{new.every.recall:.2f} (precision {old.every.precision:.2f} -> "
            f"{new.every.precision:.2f}), later samples ({new.later.positives} positives) "
            f"{old.later.recall:.2f} -> "
            f"{new.later.recall:.2f} (precision {old.later.precision:.2f} -> "
            f"{new.later.precision:.2f})"
            + (f", shipped grid {shipped.every.recall:.2f}" if grid else "")
            + f"; {'admissible' if new.admissible else 'not admissible'}"
            f": {'wins' if wins else 'does not win'}."
        )
    return out


def main() -> None:
    from veracity.settings import get_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated kinds")
    parser.add_argument(
        "--ptc-weights", help="loaded language: PTC weights to try (comma-separated)"
    )
    parser.add_argument("--out", type=Path, help="save the result (JSON)")
    parser.add_argument("--render", type=Path, nargs="*", help="saved results to render")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    if args.render:
        parts = [Samples.model_validate_json(f.read_text(encoding="utf-8")) for f in args.render]
        result = Samples(variants=[v for part in parts for v in part.variants])
    else:
        weights = tuple(map(float, args.ptc_weights.split(","))) if args.ptc_weights else None
        result = run(get_settings().data_dir, tuple(args.kinds.split(",")), weights)
    if args.out:
        args.out.write_text(result.model_dump_json(indent=2) + "\n", encoding="utf-8")
    print(section(result))
    if args.write:
        write_section(section(result), START, END)


if __name__ == "__main__":
    main()
