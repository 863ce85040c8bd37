"""When a passage that denies a claim counts as refuting it: the verdict's denial rule, chosen
on development pairs, then read once on the held-out claims and the denial set.

The verdict's guard (``veracity.verify.verdict.passage_stance``) takes the support probability
away from a passage that denies or negates the claim, so a denial never supports it. Before this
bench that probability went to the other labels in proportion, which left nearly every denial
"neutral": of the denial set's 25 explicitly denied claims ("The Pentagon said reports that ...
were false"), 2 were judged refuted and 23 "not enough evidence". A :class:`DenialRule` moves
the support probability to "refutes" instead when one sentence of the passage carries an
explicit denial (optionally a plain negation) and holds at least ``min_coverage`` of the claim's
content words: the passage states what the claim states, and denies it.

Development (the choice reads only these):

- CLIMATE-FEVER train + validation claims: the shipped head's out-of-fold probabilities
  (``train_evidence_stance.out_of_fold_proba``, 5 folds by claim, its own C and pair weight,
  as its verdict rule was chosen), claim verdicts under the shipped verdict rule; the score is
  the mean of claim accuracy and macro-F1, as ``choose_rule``'s.
- FNC-1 headline / body-window pairs labelled agree or disagree, from bodies no training
  window was cut from (the head trains on 4,497 windows of other bodies): F1 of "refutes" on
  the disagree pairs and of "supports" on the agree pairs, and their mean.

Choice: the rule with the best FNC-1 mean F1 among those whose CLIMATE-FEVER score is within
0.005 of the rule before (no move of the support probability); the rule before wins ties.
Read once, after the choice: held-out CLIMATE-FEVER claims (the shipped head's probabilities)
and the denial set (``tests/fixtures/denial_set.jsonl``).

Usage: ``.venv/bin/python bench/denial_stance.py [--out results.json] [--write]``.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path
from typing import Any

from _verdict_dev import (  # bench/_verdict_dev.py
    CLIMATE_FEVER_FLOOR,
    DENIAL_SET,
    REPO,
    judged,
    markers,
    read_jsonl,
    rule_bench_main,
    rule_section,
    verdict_data,
)

# Passages that confirm the claim while denying something beside it ("... but denied that the
# cuts were linked to the merger"): a denial rule must not read them as refutation.
SIDE_DENIALS = REPO / "tests" / "fixtures" / "side_denials.jsonl"
SECTION_START, SECTION_END = markers("denial-stance")
COVERAGES = (0.2, 0.3, 0.4, 0.5, 0.6, 0.8)
# How far below the rule before a candidate may score on the CLIMATE-FEVER development claims:
# 0.005 (a claim or two of 1,228, chosen first), then none.
TOLERANCES = (0.005, 0.0)
FNC_DEV_PER_LABEL = 1500
FNC_DEV_SEED = 29


def rules() -> dict[str, Any]:
    from veracity.verify.verdict import DenialRule

    out = {"before": DenialRule()}
    for negations in (False, True):
        for coverage in COVERAGES:
            name = f"{'denial or negation' if negations else 'explicit denial'} >= {coverage}"
            out[name] = DenialRule(min_coverage=coverage, negations=negations)
    return out


def fnc_dev_pairs(data_dir: Path, training: set[tuple[str, str]]) -> tuple[list[str], ...]:
    """Agree / disagree headline-window pairs, none of them a training pair (the shipped head
    gives the FNC-1 windows no weight at all: its out-of-fold choice set it to 0)."""
    from veracity.data.fnc1 import load_fnc_pairs
    from veracity.verify.cues import content_words
    from veracity.verify.index import split_passages

    pairs = load_fnc_pairs(data_dir)
    windows = {
        body_id: [p.text for p in split_passages("", body)]
        for body_id, body in pairs.drop_duplicates("body_id")[["body_id", "body"]].itertuples(
            index=False
        )
    }
    rng = random.Random(FNC_DEV_SEED)
    texts, passages, labels = [], [], []
    for label in ("agree", "disagree"):
        rows = pairs[pairs["stance"] == label]
        chosen = sorted(rng.sample(range(len(rows)), min(FNC_DEV_PER_LABEL, len(rows))))
        for row in rows.iloc[chosen].itertuples(index=False):
            words = content_words(row.headline)
            if not windows[row.body_id] or not words:
                continue
            best = max(windows[row.body_id], key=lambda w: len(words & content_words(w)))
            if (row.headline, best) in training:
                continue
            texts.append(row.headline)
            passages.append(best)
            labels.append(label)
    return texts, passages, labels


def pair_f1(gold: list[str], stances: list[str]) -> dict[str, float]:
    """F1 of "refutes" on the disagree pairs and of "supports" on the agree pairs."""

    def f1(label: str, stance: str) -> float:
        tp = sum(g == label and s == stance for g, s in zip(gold, stances, strict=True))
        predicted, actual = stances.count(stance), gold.count(label)
        return 2 * tp / (predicted + actual) if predicted + actual else 0.0

    refutes, supports = f1("disagree", "refutes"), f1("agree", "supports")
    return {"refutes_f1": refutes, "supports_f1": supports, "mean_f1": (refutes + supports) / 2}


def denial_set(model: Any, rule: Any) -> dict[str, int]:
    from veracity.verify.verdict import aggregate, passage_stance

    cases = read_jsonl(DENIAL_SET)
    counts = dict.fromkeys(
        ("denied_refuted", "denied_supported", "confirmed_supported", "confirmed_refuted"), 0
    )
    counts["unrelated_not_enough_evidence"] = 0
    for case in cases:
        texts = [case["confirming"], case["denying"], case["unrelated"]]
        confirming, denying, unrelated = judged(model, [case["claim"]] * 3, texts, denial=rule)
        denied = aggregate([denying, unrelated]).label
        confirmed = aggregate([confirming, unrelated]).label
        counts["denied_refuted"] += denied == "refuted"
        counts["denied_supported"] += denied == "supported"
        counts["confirmed_supported"] += confirmed == "supported"
        counts["confirmed_refuted"] += confirmed == "refuted"
        counts["unrelated_not_enough_evidence"] += (
            aggregate([unrelated]).label == "not_enough_evidence"
        )
    side = read_jsonl(SIDE_DENIALS)
    proba = model.predict_proba([c["claim"] for c in side], [c["passage"] for c in side])
    stances = [
        passage_stance(case["claim"], case["passage"], row, denial=rule)[0]
        for case, row in zip(side, proba, strict=True)
    ]
    counts["side_denials_refuting"] = stances.count("refutes")
    counts["side_denials_supporting"] = stances.count("supports")
    return counts | {"claims": len(cases), "side_denials": len(side)}


def run(data_dir: Path, oof_cache: Path | None = None) -> dict[str, Any]:
    """The development table, the choice and the reported figures; ``oof_cache``: a ``.npy``
    of the out-of-fold probabilities (written on the first run, read on later ones)."""
    from veracity.verify.train_evidence_stance import VerdictMetrics, claim_verdicts
    from veracity.verify.verdict import passage_stance

    started = time.time()
    data = verdict_data(data_dir, oof_cache)
    model, dev_claims, dev_gold, oof = data.model, data.dev_claims, data.dev_gold, data.oof
    extra_weight, fnc, held_out = data.extra_weight, data.fnc, data.held_out
    print(f"out-of-fold probabilities: {time.time() - started:.0f} s", flush=True)
    # The FNC-1 windows the head could have trained on: none when its pair weight is 0.
    fitted = set(zip(fnc[0], fnc[1], strict=True)) if extra_weight > 0 else set()
    texts, passages, labels = fnc_dev_pairs(data_dir, fitted)
    fnc_proba = model.predict_proba(texts, passages)
    held_proba, held_gold = data.held_out_probabilities()
    rule = model.verdict_rule_
    development: dict[str, Any] = {}
    candidates = rules()
    for name, denial in candidates.items():
        verdicts = VerdictMetrics.of(dev_gold, claim_verdicts(dev_claims, oof, rule, None, denial))
        stances = [
            passage_stance(t, p, row, denial=denial)[0]
            for t, p, row in zip(texts, passages, fnc_proba, strict=True)
        ]
        development[name] = {
            "climate_fever": {
                "accuracy": verdicts.accuracy,
                "macro_f1": verdicts.macro_f1,
                "score": (verdicts.accuracy + verdicts.macro_f1) / 2,
            },
            "fnc1": pair_f1(labels, stances),
        }
        print(name, json.dumps(development[name]), flush=True)
    before = development["before"]["climate_fever"]["score"]
    chosen_at = {}
    for tolerance in TOLERANCES:
        eligible = [
            n
            for n, d in development.items()
            if d["climate_fever"]["score"] >= before - tolerance and not candidates[n].negations
        ]
        chosen_at[str(tolerance)] = max(
            eligible, key=lambda n: (development[n]["fnc1"]["mean_f1"], n == "before")
        )
    reported: dict[str, Any] = {}
    # Measured, never a candidate: plain negations are read in their whole sentence, with no
    # clause to keep a side point apart from the claim.
    shown = max(
        (n for n in development if candidates[n].negations),
        key=lambda n: development[n]["fnc1"]["mean_f1"],
    )
    for name in dict.fromkeys(("before", *chosen_at.values(), shown)):
        denial = candidates[name]
        verdicts = VerdictMetrics.of(
            held_gold, claim_verdicts(held_out, held_proba, rule, None, denial)
        )
        reported[name] = {
            "climate_fever_held_out": verdicts.model_dump(),
            "denial_set": denial_set(model, denial),
        }
    # The floors, read on the reported parts: a candidate ships only if it keeps them.
    chosen = next(
        (
            name
            for name in chosen_at.values()
            if reported[name]["climate_fever_held_out"]["accuracy"] > CLIMATE_FEVER_FLOOR
            and reported[name]["denial_set"]["denied_supported"] == 0
        ),
        "before",
    )
    return {
        "development": development,
        "chosen_at": chosen_at,
        "negation_shown": shown,
        "chosen": chosen,
        "rule": candidates[chosen].__dict__,
        "reported": reported,
        "fnc1_dev_pairs": {"agree": labels.count("agree"), "disagree": labels.count("disagree")},
        "fnc1_pair_weight": extra_weight,
        "dev_claims": len(dev_claims),
        "held_out_claims": len(held_out),
        "seconds": round(time.time() - started, 1),
    }


def section(result: dict[str, Any], command: str) -> str:
    return rule_section(
        "denial-stance", result, command, tolerances=TOLERANCES, floor=CLIMATE_FEVER_FLOOR
    )


def main(argv: list[str] | None = None) -> int:
    return rule_bench_main(
        "denial-stance", __doc__, run, section, argv, oof=lambda out: out.with_suffix(".oof.npy")
    )


if __name__ == "__main__":
    sys.exit(main())
