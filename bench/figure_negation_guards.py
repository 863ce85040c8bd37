"""Another figure for the same thing, and the claim's event negated: where the verdict's
figure rule and negated-event rule can change a verdict, on development data only.

Probe s41's fact-checker scenario (``tests/verify/test_document_stance.py`` reproduces it):
"Raising the minimum wage to $10.10 an hour would lift over a million Americans out of poverty"
was **supported (0.90)** by "... would lift about 900,000 people out of poverty", and "The
bridge repairs were cancelled in May because the contractor went bankrupt" was not enough
evidence against "The repairs were not cancelled, a city spokeswoman said in May." (the head:
neutral). :class:`~veracity.verify.verdict.FigureRule` reads a passage that gives another
figure for what the claim's figure counts (:func:`~veracity.verify.cues.contradicting_figures`)
as no support ("no_support"), refutation ("refutes") or refutation of its sideless discussion
too ("refutes_related"); ``RestatementRule.negated_event`` counts a passage that negates the
claim's main verb for its subject (:func:`~veracity.verify.cues.negated_event`) as refutation.

``EventRule.outcomes`` ("any" or "repeatable") reads a passage that states another outcome for
the claim's subject and never the claim's verb (:func:`~veracity.verify.cues.another_outcome`:
"Council approves Main Street bridge repairs" for "Bridge repairs cancelled", supported before)
as no support.

Choice, fixed before the run: a candidate must stay within 0.005 of the rule before on the
CLIMATE-FEVER development score (mean of claim accuracy and macro-F1), lose no confirmation
the rule before supports among the dev pairs and the denial set, support no denied claim, and
not raise the FNC-1 dev part's inversions (agreeing bodies refuted + disagreeing bodies
supported); of those the strongest figure effect (refutes_related, refutes, no_support), and
the negated-event rule if it passes, and of the other-outcome rules the one with the higher
CLIMATE-FEVER development score.

Parts (development only; no held-out set is read):

- ``climate_fever``: the CLIMATE-FEVER train + validation claims (the shipped head's out-of-fold
  probabilities, bench/denial_stance.py's cache): claim verdicts under each candidate, and the
  evidence sentences each cue fires on, by gold label.
- ``fnc1``: the FNC-1 claim set's dev part: the cases where a cue fires on a body sentence,
  judged as bench/verify.py judges them (5 retrieved passages, the shipped head and guards, the
  shipped document model's readings) under each candidate; no other case can change.
- ``guards``: the dev halves of the opposite-outcome, other-event and verdict-defect pairs (each
  passage alone) and the denial set under each candidate.

Usage: ``.venv/bin/python bench/figure_negation_guards.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from _verdict_dev import (  # bench/_verdict_dev.py
    SHARED_OOF,
    climate_fever_scores,
    guard_counts,
    parsed_once_cli,
    verdict_data,
)

CANDIDATES: dict[str, tuple[str | None, bool, str | None]] = {
    "before": (None, False, None),
    "figures: no_support": ("no_support", False, None),
    "figures: refutes": ("refutes", False, None),
    "figures: refutes_related": ("refutes_related", False, None),
    "negated event": (None, True, None),
    "another outcome: any": (None, False, "any"),
    "another outcome: repeatable": (None, False, "repeatable"),
}


@contextmanager
def candidate(name: str) -> Iterator[None]:
    """The verdict's shipped figure, restatement and event rules set to candidate ``name``'s."""
    from veracity.verify import verdict

    effect, negated, outcomes = CANDIDATES[name]
    kept = verdict.SHIPPED_FIGURE_RULE, verdict.SHIPPED_RESTATEMENT_RULE, verdict.SHIPPED_EVENT_RULE
    verdict.SHIPPED_FIGURE_RULE = verdict.FigureRule(effect)  # type: ignore[arg-type]
    verdict.SHIPPED_RESTATEMENT_RULE = replace(kept[1], negated_event=negated)
    verdict.SHIPPED_EVENT_RULE = replace(kept[2], outcomes=outcomes)  # type: ignore[arg-type]
    try:
        yield
    finally:
        (
            verdict.SHIPPED_FIGURE_RULE,
            verdict.SHIPPED_RESTATEMENT_RULE,
            verdict.SHIPPED_EVENT_RULE,
        ) = kept


def fires(claim: str, passage: str) -> dict[str, bool]:
    from veracity.verify.cues import another_outcome, contradicting_figures, negated_event

    return {
        "figures": bool(contradicting_figures(claim, passage)),
        "negated_event": bool(negated_event(claim, passage)),
        "another_outcome": bool(another_outcome(claim, passage)),
        "another_outcome_repeatable": bool(another_outcome(claim, passage, repeatable=True)),
    }


def climate_fever(data_dir: Path) -> dict[str, Any]:
    from veracity.verify.train_evidence_stance import VerdictMetrics, claim_verdicts

    data = verdict_data(data_dir, SHARED_OOF, compute=False)
    out: dict[str, Any] = {"claims": len(data.dev_claims)}
    fired: Counter[str] = Counter()
    for claim in data.dev_claims:
        for evidence in claim["evidences"]:
            for cue, hit in fires(claim["claim"], evidence["evidence"]).items():
                fired[f"{cue} {evidence['evidence_label']}"] += hit
    out["fires"] = dict(fired)
    for name in CANDIDATES:
        with candidate(name):
            verdicts = claim_verdicts(data.dev_claims, data.oof)
        out[name] = climate_fever_scores(VerdictMetrics.of(data.dev_gold, verdicts))
    return out


def _reaches(claim: str, body: str) -> bool:
    """Whether a cue fires on the body or one of its sentences (a passage it fires on holds a
    sentence it fires on, or is the body's whole)."""
    from veracity.verify.stance import split_sentences

    return any(any(fires(claim, text).values()) for text in [body, *split_sentences(body)])


def fnc1(data_dir: Path) -> dict[str, Any]:
    from veracity.verify.fnc_claims import fnc_claim_readings, fnc_claim_set, fnc_claim_verdicts

    cases = fnc_claim_set(data_dir)["dev"]
    reach = [c for c in cases if _reaches(c["claim"], c["body"])]
    passages, proba, readings = fnc_claim_readings(reach, k=5)
    out: dict[str, Any] = {
        "cases": dict(Counter(c["stance"] for c in cases)),
        "reached": dict(Counter(c["stance"] for c in reach)),
    }
    for name in CANDIDATES:
        with candidate(name):
            verdicts = fnc_claim_verdicts(reach, passages, proba, readings)
        out[name] = dict(
            Counter(f"{c['stance']} -> {v}" for c, v in zip(reach, verdicts, strict=True))
        )
    return out


def guards(_data_dir: Path) -> dict[str, Any]:
    return guard_counts(CANDIDATES, candidate)


PARTS = {"climate_fever": climate_fever, "fnc1": fnc1, "guards": guards}


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
