"""A claim said in other words: where the verdict's agreeing-outcome reading and the
restatement's words of when can change a verdict, on development data only.

The stance head reads the MiniLM vectors of the whole passage, and a passage that says what the
claim says in other words can read to it as a contradiction ("Jobs boom continues as
unemployment drops" refuted (0.90) by "Jobless rate falls to 3.9 percent / The national
unemployment rate fell ...", probe s40). :class:`~veracity.verify.verdict.AgreementRule` reads
the head's refutation of a passage that states each outcome of the claim the same way for its
subject (:func:`~veracity.verify.cues.agreeing_outcomes`) as support ("supports") or as no side
("discuss"); :data:`~veracity.verify.cues.RELATIVE_TIME` leaves the words that say when
relative to the day a text is written ("last month") out of what a restatement must hold.

Parts (development only; no held-out set is read):

- ``climate_fever``: the CLIMATE-FEVER train + validation evidence sentences (the shipped head's
  out-of-fold probabilities, bench/denial_stance.py's cache), by gold label: how many the head
  reads as refuting (its most probable label), and how many of those the reading reaches (it
  acts on no other: :func:`~veracity.verify.verdict.read_as_agreeing`). The SUPPORTS sentences
  said otherwise (some content word of the claim missing) are the agree-in-other-words pairs:
  the head's inversion rate is the share it reads as refuting.
- ``fnc1``: the FNC-1 claim set's dev part: the cases the reading reaches (headline against
  the whole body), judged as bench/verify.py judges them (5 retrieved passages, the shipped head
  and guards, the shipped document model's readings; and passages alone) under each rule; and
  the body sentences where the words of when change
  :func:`~veracity.verify.cues.plain_restatement`.
- ``guards``: the dev halves of the other-event and opposite-outcome pairs (each passage alone)
  and the denial set under each rule, and the denial set's passages the reading reaches.

Usage: ``.venv/bin/python bench/agreeing_outcomes.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from _verdict_dev import (  # bench/_verdict_dev.py
    DENIAL_SET,
    REPO,
    SHARED_OOF,
    denial_counts,
    fixture_pairs,
    judged,
    parts_cli,
    read_jsonl,
    verdict_data,
)

OPPOSITE_PAIRS = REPO / "tests" / "fixtures" / "opposite_outcome_pairs.jsonl"
EVENT_PAIRS = REPO / "tests" / "fixtures" / "other_event_pairs.jsonl"


def rules() -> dict[str, Any]:
    """Each rule's name -> its AgreementRule; "before" first."""
    from veracity.verify.verdict import AgreementRule

    return {
        "before": AgreementRule(),
        "supports": AgreementRule("supports"),
        "discuss": AgreementRule("discuss"),
    }


def said_otherwise(claim: str, passage: str) -> bool:
    """Whether ``passage`` lacks some content word of ``claim`` (by their first five letters)."""
    from veracity.verify.cues import content_words

    words = {w[:5] for w in content_words(claim)}
    return bool(words - {w[:5] for w in content_words(passage)})


def reached(claim: str, passage: str) -> bool:
    """Whether the agreeing-outcome reading acts on the pair where the head refutes it."""
    from veracity.verify.cues import agreeing_outcomes, other_figures

    return bool(agreeing_outcomes(claim, passage)) and not other_figures(claim, passage)


def climate_fever(data_dir: Path) -> dict[str, Any]:
    from veracity.verify.stance import STANCE_LABELS

    data = verdict_data(data_dir, SHARED_OOF, compute=False)
    rows = [
        (c["claim"], e["evidence"], e["evidence_label"])
        for c in data.dev_claims
        for e in c["evidences"]
    ]
    disagree = STANCE_LABELS.index("disagree")
    out: dict[str, Any] = {}
    for label in ("SUPPORTS", "REFUTES", "NOT_ENOUGH_INFO"):
        of_label = [i for i, row in enumerate(rows) if row[2] == label]
        refuted = [i for i in of_label if int(np.argmax(data.oof[i])) == disagree]
        out[label] = {
            "pairs": len(of_label),
            "head_refutes": len(refuted),
            "reached": sum(reached(rows[i][0], rows[i][1]) for i in refuted),
        }
    otherwise = [
        i for i, row in enumerate(rows) if row[2] == "SUPPORTS" and said_otherwise(*row[:2])
    ]
    out["agree_in_other_words"] = {
        "pairs": len(otherwise),
        "head_refutes": sum(int(np.argmax(data.oof[i])) == disagree for i in otherwise),
    }
    return out


def fnc1(data_dir: Path) -> dict[str, Any]:
    from veracity.verify import cues
    from veracity.verify.fnc_claims import fnc_claim_readings, fnc_claim_set, fnc_claim_verdicts
    from veracity.verify.stance import split_sentences

    cases = fnc_claim_set(data_dir)["dev"]
    when: Counter[str] = Counter()
    for case in cases:
        for sentence in split_sentences(case["body"]):
            now = cues.plain_restatement(case["claim"], sentence)
            kept, cues.RELATIVE_TIME = cues.RELATIVE_TIME, frozenset()
            before = cues.plain_restatement(case["claim"], sentence)
            cues.RELATIVE_TIME = kept
            when[case["stance"]] += now != before
    reach = [c for c in cases if cues.agreeing_outcomes(c["claim"], c["body"])]
    passages, proba, readings = fnc_claim_readings(reach, k=5)
    out: dict[str, Any] = {
        "cases": dict(Counter(c["stance"] for c in cases)),
        "restatement_sentences_changed": dict(when),
        "reached": dict(Counter(c["stance"] for c in reach)),
    }
    for name, agreement in rules().items():
        out[name] = {
            system: dict(
                Counter(
                    f"{c['stance']} -> {v}"
                    for c, v in zip(
                        reach,
                        fnc_claim_verdicts(reach, passages, proba, bound, agreement=agreement),
                        strict=True,
                    )
                )
            )
            for system, bound in (("shipped", readings), ("passages_alone", None))
        }
    return out


def guards(_data_dir: Path) -> dict[str, Any]:
    from veracity.verify.evidence_stance import load_evidence_stance_model
    from veracity.verify.verdict import aggregate

    model = load_evidence_stance_model()
    rule = replace(model.verdict_rule_, min_support=0.0)
    _, opposite, _ = fixture_pairs(OPPOSITE_PAIRS)
    _, event, _ = fixture_pairs(EVENT_PAIRS)
    denial = read_jsonl(DENIAL_SET)
    out: dict[str, Any] = {
        "denial_set_reached": {
            side: sum(reached(c["claim"], c[side]) for c in denial)
            for side in ("confirming", "denying", "unrelated")
        }
    }
    for name, agreement in rules().items():
        counts: dict[str, int] = {}
        for cases, fields in (
            (opposite, ("confirming", "opposite", "side")),
            (event, ("confirming", "other_event")),
        ):
            for field in fields:
                labels = [
                    aggregate([p], rule).label
                    for p in judged(
                        model,
                        [c["claim"] for c in cases],
                        [c[field] for c in cases],
                        agreement=agreement,
                    )
                ]
                key = f"{'opposite' if cases is opposite else 'event'}_{field}"
                counts[f"{key}_supported"] = labels.count("supported")
                counts[f"{key}_refuted"] = labels.count("refuted")
        counts.update(denial_counts(model, rule, agreement=agreement))
        out[name] = counts
    return out


PARTS = {"climate_fever": climate_fever, "fnc1": fnc1, "guards": guards}


def main(argv: list[str] | None = None) -> int:
    return parts_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
