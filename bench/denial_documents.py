"""The denial set read as ``veracity verify`` reads documents: each claim against an index of one
document that holds its denying (or confirming) passage beside two unrelated sentences.

The denial set's other guard rails (bench/verify.py, bench/denial_stance.py) judge its passages
alone, so a document that is read whole (:mod:`veracity.verify.document_stance`: 2+ passages)
never enters them. Here each case's denying and confirming passage opens a three-sentence
document (two passages), closed by the unrelated sentences of the next two cases; its claim is
verified against an index of that document alone (:func:`veracity.verify.verdict.verify_claim`:
retrieval, passage stance, guards, the document's reading, the verdict rule). Beside it, the
same passages without the document's reading (the verdict before the document stance).

Usage: ``.venv/bin/python bench/denial_documents.py [--out FILE] [--write]``.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

from pydantic import BaseModel

from _docs import result_cli  # bench/_docs.py
from _templates import render  # bench/_templates.py

REPO = Path(__file__).resolve().parents[1]
DENIAL_SET = REPO / "tests" / "fixtures" / "denial_set.jsonl"
START, END = "<!-- denial-documents:start -->", "<!-- denial-documents:end -->"
VERDICTS = ("supported", "refuted", "disputed", "not_enough_evidence")


class Verdicts(BaseModel):
    """How many claims got each verdict, against the denying and the confirming document."""

    denying: dict[str, int]
    confirming: dict[str, int]


class DenialDocuments(BaseModel):
    claims: int
    documents_bounded: int
    shipped: Verdicts
    passages_alone: Verdicts
    seconds: float


def documents(cases: list[dict]) -> list[dict[str, str]]:
    """Each case's denying and confirming document: its passage, then the unrelated sentences
    of the next two cases (about other things: budgets, coffee, a symphony)."""
    n = len(cases)
    return [
        {
            side: " ".join(
                [case[side], cases[(i + 1) % n]["unrelated"], cases[(i + 2) % n]["unrelated"]]
            )
            for side in ("denying", "confirming")
        }
        for i, case in enumerate(cases)
    ]


def run(_data_dir: Path) -> DenialDocuments:
    from veracity.verify.document_stance import load_document_stance
    from veracity.verify.index import EvidenceIndex
    from veracity.verify.verdict import DEFAULT_PASSAGES, aggregate, judge_passages

    start = time.perf_counter()
    cases = [json.loads(line) for line in DENIAL_SET.read_text(encoding="utf-8").splitlines()]
    counts = {
        system: {side: Counter[str]() for side in ("denying", "confirming")}
        for system in ("shipped", "passages_alone")
    }
    bounded = 0
    for case, texts in zip(cases, documents(cases), strict=True):
        for side, text in texts.items():
            index = EvidenceIndex.build([(side, text)])
            hits = index.search(case["claim"], k=DEFAULT_PASSAGES)
            held = index.documents(hit.passage.document_id for hit in hits)
            bounded += bool(load_document_stance().readings(case["claim"], held))
            counts["shipped"][side][aggregate(judge_passages(case["claim"], hits, held)).label] += 1
            counts["passages_alone"][side][
                aggregate(judge_passages(case["claim"], hits)).label
            ] += 1
    return DenialDocuments(
        claims=len(cases),
        documents_bounded=bounded,
        **{
            system: Verdicts(**{side: {v: c[v] for v in VERDICTS} for side, c in by_side.items()})
            for system, by_side in counts.items()
        },
        seconds=round(time.perf_counter() - start, 1),
    )


def section(result: DenialDocuments) -> str:
    """The section of docs/benchmarks.md (templates/denial-documents.md.j2)."""
    return render("denial-documents.md.j2", start=START, end=END, r=result).removesuffix("\n")


if __name__ == "__main__":
    result_cli(__doc__.splitlines()[0], DenialDocuments, run, section, START, END)
