"""The FNC-1 claim set: FNC-1 headlines as claims, each judged against one body.

Split by story (Emergent's claims: headlines linked by related bodies,
:func:`~veracity.verify.calibrate.fnc_headline_relations`) into a ``dev`` and a ``test`` part
before any verdict was read on it, so no headline or body is in both. The document-stance model
(:mod:`.train_document_stance`) trains on the dev stories' pairs only; bench/verify.py measures
verdicts on both parts.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

    from veracity.verify.document_stance import DocumentReading

# Gold verdict from the body's stance: a body that discusses the claim without taking a side
# leaves it unverified, as an unrelated body does.
FNC_GOLD = {
    "agree": "supported",
    "disagree": "refuted",
    "discuss": "not_enough_evidence",
    "unrelated": "not_enough_evidence",
}
FNC_VERDICTS = ("supported", "refuted", "not_enough_evidence")
FNC_SPLIT_SEED = 2026  # stories to dev / test; chosen before any verdict was read
FNC_SAMPLE_SEED = 7
FNC_SAMPLED = {"discuss": 600, "unrelated": 600}  # a part's seeded sample; agree, disagree all


def fnc_story_pairs(data_dir: Path) -> pd.DataFrame:
    """Every FNC-1 pair with ``headline_story``, ``body_story`` and ``part`` ("dev", "test",
    or "" for an unrelated pair whose headline and body are of stories in different parts).

    A body belongs to the story of the headlines it is related to; a headline or body with none
    is a story of its own. Half the stories (seeded) are dev, the rest test."""
    from veracity.data.fnc1 import load_fnc_pairs
    from veracity.verify.calibrate import fnc_headline_relations

    pairs = load_fnc_pairs(data_dir)
    story = {h: f"story-{s}" for h, s in fnc_headline_relations(data_dir)[0].items()}
    headline_of = {h: story.get(h, f"headline-{h}") for h in pairs["headline"].unique()}
    related = pairs[pairs["stance"] != "unrelated"]
    body_story = {
        int(b): headline_of[h] for b, h in zip(related["body_id"], related["headline"], strict=True)
    }
    body_of = {int(b): body_story.get(int(b), f"body-{b}") for b in pairs["body_id"].unique()}
    stories = sorted(set(headline_of.values()) | set(body_of.values()))
    random.Random(FNC_SPLIT_SEED).shuffle(stories)
    dev = set(stories[: len(stories) // 2])
    pairs = pairs.assign(
        headline_story=pairs["headline"].map(headline_of),
        body_story=pairs["body_id"].map(lambda b: body_of[int(b)]),
    )
    sides = zip(pairs["headline_story"].isin(dev), pairs["body_story"].isin(dev), strict=True)
    part = [("dev" if h else "test") if h == b else "" for h, b in sides]
    return pairs.assign(part=part)


def fnc_claim_set(data_dir: Path) -> dict[str, list[dict]]:
    """The FNC-1 claim set's ``dev`` and ``test`` parts: each case a headline, one body id and
    body, its stance and gold verdict, and its story. A part holds the pairs whose headline and
    body are both of its stories: all agree and disagree pairs, a seeded sample of the discuss
    and unrelated ones (:data:`FNC_SAMPLED`)."""
    pairs = fnc_story_pairs(data_dir)
    parts: dict[str, list[dict]] = {"dev": [], "test": []}
    for row in pairs.itertuples(index=False):
        if row.part:
            parts[row.part].append(
                {
                    "claim": row.headline,
                    "body_id": int(row.body_id),
                    "body": row.body,
                    "stance": row.stance,
                    "gold": FNC_GOLD[row.stance],
                    "story": row.headline_story,
                }
            )
    rng = random.Random(FNC_SAMPLE_SEED)
    for name, cases in parts.items():
        kept = []
        for stance in ("agree", "disagree", "discuss", "unrelated"):
            of_stance = [c for c in cases if c["stance"] == stance]
            count = FNC_SAMPLED.get(stance, len(of_stance))
            kept += rng.sample(of_stance, min(count, len(of_stance)))
        parts[name] = kept
    return parts


def fnc_claim_passages(cases: list[dict], k: int = 5) -> list[list[str]]:
    """Each case's ``k`` passages, retrieved from an index of its body alone as ``veracity
    verify`` retrieves them (:meth:`~veracity.verify.index.EvidenceIndex.search`)."""
    from veracity.verify.index import EvidenceIndex

    indexes: dict[int, EvidenceIndex] = {}
    retrieved = []
    for case in cases:
        if case["body_id"] not in indexes:
            indexes[case["body_id"]] = EvidenceIndex.build([(str(case["body_id"]), case["body"])])
        hits = indexes[case["body_id"]].search(case["claim"], k=k)
        retrieved.append([hit.passage.text for hit in hits])
    return retrieved


def fnc_claim_readings(
    cases: list[dict], k: int = 5
) -> tuple[list[list[str]], np.ndarray, list[DocumentReading | None]]:
    """What the shipped models read of each case, for :func:`fnc_claim_verdicts`: its ``k``
    passages (:func:`fnc_claim_passages`), the evidence-stance head's rows for them (in order)
    and its body's document reading (None where it has fewer passages than the reading needs)."""
    from veracity.verify.document_stance import load_document_stance, read_document
    from veracity.verify.evidence_stance import load_evidence_stance_model

    passages = fnc_claim_passages(cases, k=k)
    proba = load_evidence_stance_model().predict_proba(
        [c["claim"] for c, texts in zip(cases, passages, strict=True) for _ in texts],
        [text for texts in passages for text in texts],
    )
    document = load_document_stance()
    rows = document.model_.predict_proba([c["claim"] for c in cases], [c["body"] for c in cases])
    readings = [
        read_document(row, document.rule_) if len(texts) >= document.rule_.min_passages else None
        for row, texts in zip(rows, passages, strict=True)
    ]
    return passages, proba, readings


def fnc_claim_verdicts(
    cases: list[dict],
    passages: list[list[str]],
    proba: np.ndarray,
    readings: Sequence[DocumentReading | None] | None = None,
    **rules: Any,
) -> list[str]:
    """The verdict of each case from its passages' rows of the evidence-stance head's ``proba``
    (in order), each case's passages bounded by its body's reading (``readings``, one per case;
    None: none), under the guard rules given (``event=``, ...; default the shipped ones)."""
    from veracity.verify.index import split_passages
    from veracity.verify.verdict import aggregate, judged_passages

    verdicts: list[str] = []
    row = 0
    for n, (case, texts) in enumerate(zip(cases, passages, strict=True)):
        rows = proba[row : row + len(texts)]
        row += len(texts)
        reading = readings[n] if readings is not None else None
        # the body's opening, as the index keeps it: its first passage
        opening = next(iter(split_passages("body", case["body"])), None)
        lead = opening.text if opening is not None else None
        verdicts.append(
            aggregate(judged_passages(case["claim"], texts, rows, reading, lead, **rules)).label
        )
    return verdicts


def fnc_claim_scores(cases: list[dict], verdicts: list[str]) -> dict:
    """Accuracy, macro-F1 and F1 per verdict over :data:`FNC_VERDICTS` (a "disputed" verdict is
    wrong), and the verdicts given for each gold stance."""
    from veracity.metrics import label_scores

    scores = label_scores([c["gold"] for c in cases], verdicts, FNC_VERDICTS)._asdict()
    by_stance: dict[str, dict[str, int]] = {}
    for case, verdict in zip(cases, verdicts, strict=True):
        counts = by_stance.setdefault(case["stance"], {})
        counts[verdict] = counts.get(verdict, 0) + 1
    return {**scores, "cases": len(cases), "by_stance": by_stance}
