"""Sentence-head candidates for conspiracy framing and clickbait, out of fold on the development part.

Usage::

    nice -n 10 python bench/signal_head_candidates.py --write

The deep path reads MiniLM sentence heads for loaded language and rhetorical questions
(artefact ``signal-heads``). This bench chooses a head for each of the two other kinds short of
the recall target the same way (:func:`veracity.signals.sentence_heads_train.candidate_head`:
development sentences only, five folds grouped by article, straight-news sentences or
headlines as negatives, the threshold set by a straight-news budget fixed before the first run,
at most 0.10 out-of-fold precision lost against the rule) and reports, beside the rule alone
(the baseline, same run and folds), the out-of-fold recall and precision of "rule or head" and
of the head alone. For clickbait the head reads the headline's MiniLM vector, alone or with the
headline model's log-odds and cue families, with the "Stop Clickbait" headlines the headline
model never saw as weak examples, flagging any headline or only one with a visible cue.
``--write`` replaces its section of ``docs/benchmarks.md``. Never reads the held-out ``test``
part.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from _docs import result_cli  # bench/_docs.py
from veracity.signals.sentence_heads_train import (
    CANDIDATE_KINDS,
    MAX_PRECISION_DROP,
    RATE_BUDGET,
    candidate_head,
)

START, END = "<!-- signal-head-candidates:start -->", "<!-- signal-head-candidates:end -->"
COMMAND = "nice -n 10 python bench/signal_head_candidates.py --write"


class Setting(BaseModel):
    label: str
    oof_recall: float
    oof_precision: float
    head_recall: float
    head_precision: float
    admissible: bool


class Candidate(BaseModel):
    kind: str
    positives: int
    sentences: int
    rule_recall: float
    rule_precision: float
    budget: float
    threshold: float
    chosen: Setting
    variants: list[Setting]  # the best setting of each variant (clickbait), else the chosen one


class Candidates(BaseModel):
    candidates: list[Candidate]


def _setting(g: dict[str, Any], admissible: bool) -> Setting:
    parts = [f"C {g['C']}", f"straight-news weight {g['negative_weight']}"]
    if "features" in g:
        parts.insert(0, "MiniLM + headline model" if g["features"] == "minilm+model" else "MiniLM")
        parts.append(f"Stop Clickbait weight {g['ptc_weight']}")
        parts.append("cue needed" if g["needs_cue"] else "any headline")
    return Setting(
        label=", ".join(parts),
        oof_recall=g["oof_recall"],
        oof_precision=g["oof_precision"],
        head_recall=g["oof_head_recall"],
        head_precision=g["oof_head_precision"],
        admissible=admissible,
    )


def run(data_dir: Path) -> Candidates:
    out = []
    for kind in CANDIDATE_KINDS:
        chosen = candidate_head(kind, data_dir)
        floor = chosen["rule_precision"] - MAX_PRECISION_DROP[kind]
        variants = []
        keys = sorted({(g.get("features", ""), g.get("needs_cue", False)) for g in chosen["grid"]})
        for features, needs_cue in keys:
            grid = [
                g
                for g in chosen["grid"]
                if (g.get("features", ""), g.get("needs_cue", False)) == (features, needs_cue)
            ]
            allowed = [g for g in grid if g["oof_precision"] >= floor]
            best = max(allowed or grid, key=lambda g: (g["oof_recall"], g["oof_precision"]))
            variants.append(_setting(best, bool(allowed)))
        out.append(
            Candidate(
                kind=kind,
                positives=chosen["positives"],
                sentences=chosen["sentences"],
                rule_recall=chosen["rule_recall"],
                rule_precision=chosen["rule_precision"],
                budget=RATE_BUDGET[kind],
                threshold=round(chosen["threshold"], 4),
                chosen=_setting(chosen["chosen"], chosen["chosen"]["admissible"]),
                variants=variants,
            )
        )
    return Candidates(candidates=out)


def section(result: Candidates) -> str:
    lines = [
        START,
        "## Sentence-head candidates: conspiracy framing and clickbait",
        "",
        f"Command: `{COMMAND}`",
        "",
        "Development part of the labelled signal sentences only (`dev` and `dev2`), five folds "
        "grouped by article; baseline: the fast-path rule alone on the same sentences. Each "
        "head's threshold flags at most the budget per 1,000 words of straight news (the other "
        "half of the 529 ReCOVery articles of `veracity train signal-heads`: body sentences for "
        "conspiracy framing, headlines for clickbait), budgets fixed before the first run; a "
        "setting is admissible when rule-or-head loses at most 0.10 precision against the rule.",
        "",
        "| kind | dev pos / all | budget | rule R / P | rule or head R / P | head alone R / P "
        "| admissible | chosen setting |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for c in result.candidates:
        lines.append(
            f"| {c.kind} | {c.positives} / {c.sentences} | {c.budget:g} "
            f"| {c.rule_recall:.2f} / {c.rule_precision:.2f} "
            f"| {c.chosen.oof_recall:.2f} / {c.chosen.oof_precision:.2f} "
            f"| {c.chosen.head_recall:.2f} / {c.chosen.head_precision:.2f} "
            f"| {'yes' if c.chosen.admissible else 'no'} | {c.chosen.label} |"
        )
    clickbait = next((c for c in result.candidates if c.kind == "clickbait"), None)
    if clickbait is not None:
        lines += [
            "",
            "Clickbait, the best setting of each variant (rule alone: "
            f"{clickbait.rule_recall:.2f} / {clickbait.rule_precision:.2f}):",
            "",
            "| variant | rule or head R / P | head alone R / P | admissible |",
            "|---|---|---|---|",
        ]
        for v in clickbait.variants:
            lines.append(
                f"| {v.label} | {v.oof_recall:.2f} / {v.oof_precision:.2f} "
                f"| {v.head_recall:.2f} / {v.head_precision:.2f} "
                f"| {'yes' if v.admissible else 'no'} |"
            )
    rules = [c.rule_recall for c in result.candidates]
    added = max(
        round((c.chosen.oof_recall - c.rule_recall) * c.positives) for c in result.candidates
    )
    lines += [
        "",
        f"The rules find {min(rules):.2f}-{max(rules):.2f} of these development positives already "
        f"(they were developed on them); out of fold the heads add at most {added} of them. "
        'A head ships only if held-out deep recall rises ("Explainable signals" above).',
        END,
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    result_cli(__doc__.splitlines()[0], Candidates, run, section, START, END)
