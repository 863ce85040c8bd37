"""What a report's reasons lead with on corpora the model never saw (probe s50 S2; issue 15).

Probe s50 (S2) found topic words ("measles", "council") as a report's first reason: "wording
typical of reliable articles: ...", where a journalist reads reasons ("names no source for its
figures"). This measures how often that happens on the LOCO folds, and how much of the named
vocabulary keeps its direction across corpora. Written before the run; no choice is made from
these figures (they size the problem for the change that follows them).

For each LOCO fold: the fold model fitted as the LOCO matrix's ``product_system`` fits it (the
fast configuration, training corpora capped at 3,000 articles); a seeded sample (seed 0) of
``--sample`` held-out articles that the product's scope decision scores; each article's reasons
as the product computes them (``top_contributions``, 8 entries: its text as ingest reads it,
its title, its signal counts; no signal spans). Per fold and pooled:

- the share of reports whose first reason (largest push) is a wording entry, and with one
  among the first three;
- of the words the wording entries name, the share that are *corpus-bound*: the term's weight
  in this fold model has the other sign, or the term is absent, in at least one of the other
  seven fold models; the same for the first reason's words when it is a wording entry.

Usage: ``nice -n 10 .venv/bin/python bench/reliability_reasons.py --write`` (about 4 minutes
on the shared 2-core machine with the LOCO table cached). Held-out sets read: none beyond the
LOCO folds.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from _docs import result_cli  # bench/_docs.py

START = "<!-- reliability-reasons:start -->"
END = "<!-- reliability-reasons:end -->"
SAMPLE = 150
COMMAND = "nice -n 10 .venv/bin/python bench/reliability_reasons.py --write"
_QUOTED = re.compile(r"“([^”]+)”")


class FoldReasons(BaseModel):
    """Counts over one held-out corpus's sampled reports."""

    reports: int = 0
    first_is_wording: int = 0
    wording_in_top3: int = 0
    named: int = 0
    named_corpus_bound: int = 0
    first_named: int = 0
    first_corpus_bound: int = 0

    def add(self, other: FoldReasons) -> FoldReasons:
        return FoldReasons(
            **{name: getattr(self, name) + getattr(other, name) for name in type(self).model_fields}
        )


class ReasonsRun(BaseModel):
    seconds: float
    sample: int
    folds: dict[str, FoldReasons]
    examples: dict[str, str]  # a fold's first report that leads with wording: that entry


def corpus_bound(term: str, held_out: str, weights: dict[str, dict[str, float]]) -> bool:
    """Whether ``term``'s direction in ``held_out``'s fold model fails to hold in another fold
    model (the other sign, or no such term)."""
    own = weights[held_out].get(term)
    if own is None:
        return True
    return any(
        np.sign(other.get(term, 0.0)) != np.sign(own)
        for fold, other in weights.items()
        if fold != held_out
    )


def count_reasons(
    first_features: list[list[str]], entries: list[list[tuple[str, str]]], bound: set[str]
) -> FoldReasons:
    """The counts of a fold's reports: each report's features in order and its wording entries
    as (feature, phrase); ``bound`` the corpus-bound terms."""
    counts = FoldReasons()
    for features, wording in zip(first_features, entries, strict=True):
        counts.reports += 1
        if any(f.startswith("terms:") for f in features[:3]):
            counts.wording_in_top3 += 1
        for k, (feature, phrase) in enumerate(wording):
            named = _QUOTED.findall(phrase)
            counts.named += len(named)
            counts.named_corpus_bound += sum(t in bound for t in named)
            if k == 0 and features and features[0] == feature:
                counts.first_is_wording += 1
                counts.first_named += len(named)
                counts.first_corpus_bound += sum(t in bound for t in named)
    return counts


def run(data_dir: Path, sample: int = SAMPLE) -> ReasonsRun:
    import time

    from veracity.models.abstention import scope_decision
    from veracity.models.estimator import CalibratedLinearModel
    from veracity.models.explain import top_contributions
    from veracity.models.inference import LinearScorer
    from veracity.models.loco import (
        FOLDS,
        TRAIN_CAP_PER_CORPUS,
        _ArticleTexts,
        capped_rows,
        load_loco_table,
        model_config,
        table_frame,
    )

    started = time.time()
    table = load_loco_table(data_dir)
    folds = list(FOLDS)
    models, scorers = {}, {}
    for held_out in folds:
        train = capped_rows(
            table, table.rows([f for f in folds if f != held_out]), TRAIN_CAP_PER_CORPUS
        )
        model = CalibratedLinearModel(**model_config("fast"))
        model.fit(
            table_frame(table, train),
            table.y[train],
            [table.records[i].group for i in train],
            table.fold[train],
        )
        models[held_out], scorers[held_out] = model, LinearScorer(model)
    weights = {
        fold: dict(
            zip(
                scorer.terms[scorer.is_word].tolist(),
                scorer.text_coef[scorer.is_word].tolist(),
                strict=True,
            )
        )
        for fold, scorer in scorers.items()
    }
    rng = np.random.default_rng(0)
    result: dict[str, FoldReasons] = {}
    examples: dict[str, str] = {}
    for held_out in folds:
        scorer = scorers[held_out]
        test = table.rows([held_out])
        decided = scope_decision(
            _ArticleTexts(table, test),
            table.style[test],
            [table.abstained[i] for i in test],
            models[held_out].out_of_scope,
        )
        scored = test[[reason is None for reason in decided.reasons]]
        picked = np.sort(rng.choice(scored, min(sample, len(scored)), replace=False))
        texts = list(_ArticleTexts(table, picked))
        titles = [table.titles[i] for i in picked]
        matrix, style, headline = scorer.all_features(texts, titles)
        rows = [table.signals[i] for i in picked]
        platt = scorer.decision(matrix, rows, style, headline, mapped=False)
        standardised = scorer.standardised_style(style)
        features, wording = [], []
        for j in range(len(picked)):
            reasons = top_contributions(
                scorer,
                matrix[j],
                rows[j],
                texts[j],
                [],
                style=standardised[j],
                headline=scorer.centred_headline(headline[j]),
                title=titles[j],
                log_odds=float(platt[j]),
            )
            features.append([r.feature for r in reasons])
            wording.append([(r.feature, r.name) for r in reasons if r.feature.startswith("terms:")])
            if held_out not in examples and wording[-1] and features[-1][0] == wording[-1][0][0]:
                examples[held_out] = reasons[0].name
        named = {t for entries in wording for _, phrase in entries for t in _QUOTED.findall(phrase)}
        bound = {t for t in named if corpus_bound(t, held_out, weights)}
        result[held_out] = count_reasons(features, wording, bound)
    return ReasonsRun(
        seconds=round(time.time() - started, 1), sample=sample, folds=result, examples=examples
    )


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "–"


def section(result: ReasonsRun) -> str:
    pooled = FoldReasons()
    for counts in result.folds.values():
        pooled = pooled.add(counts)
    rows = [
        f"| {name} | {c.reports} | {_share(c.first_is_wording, c.reports)} | "
        f"{_share(c.wording_in_top3, c.reports)} | {_share(c.named_corpus_bound, c.named)} | "
        f"{_share(c.first_corpus_bound, c.first_named)} |"
        for name, c in [*result.folds.items(), ("**pooled**", pooled)]
    ]
    examples = "; ".join(f"{fold}: {text}" for fold, text in result.examples.items())
    return "\n".join(
        [
            START,
            "### What the reasons lead with on unseen corpora (probe s50 S2)",
            "",
            f"Generated by `{COMMAND}` ({result.seconds:.0f} s on the shared 2-core machine). "
            "Each LOCO fold model (the matrix's, fitted on the other corpora) explains a seeded "
            f"sample of {result.sample} held-out articles it scores, as the product does (8 "
            "reasons, largest push first). *Corpus-bound*: a word a wording entry names whose "
            "weight has the other sign, or no weight, in at least one of the other seven fold "
            "models. Measured, not a choice: no setting is chosen from these figures.",
            "",
            "| held-out corpus | reports | first reason is wording | wording in the first "
            "three | named words corpus-bound | the first reason's words corpus-bound |",
            "|---|---|---|---|---|---|",
            *rows,
            "",
            f"The first such entry of each fold: {examples}.",
            END,
        ]
    )


if __name__ == "__main__":
    result_cli(
        (__doc__ or "").splitlines()[0],
        ReasonsRun,
        lambda data_dir: run(data_dir),
        section,
        START,
        END,
    )
