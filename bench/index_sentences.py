"""Evidence-index passages cut by another sentence split than the stance models' regex, on
development data only (issue 16; deep path, ``veracity index``; stop 48 measured two, not
wired; stop 49 the third, "tokenizer", index version 5).

Stop 48's health case (/tmp/verify2_48, part verify2's item 3): ``veracity index`` cuts its
sentences with ``verify.stance.split_sentences``, a regex that ends a sentence at any period
before a capital, so "The U.S. Food and Drug Administration" and "Dr. Elena Marsh" are split
across two passages. Candidates: "claims", the fast path's and the claims' split
(``nlp.document.split_sentences``: no sentence ends at an initial or a common abbreviation,
closing quotes stay with their sentence, a lower-case word goes on); "regex+abbreviations",
the stance regex that ends no sentence where the claims' split reads an abbreviation (its
lookbehinds, ``nlp.document._NOT_ABBREVIATION``: one list); "tokenizer" (stop 49, index
version 5, ``verify.index.split_sentences``), the stance regex that ends no sentence after a
word spaCy's English tokenizer keeps whole with its period (its exceptions: a library's list,
not one written here). Each is an index version of its own (the passages change); "regex" is
version 4's split, the baseline every other is compared with in the same run.

Choice, fixed before the run: the change lands only if it keeps the denial set at 0 denied
claims supported, loses no confirmation (an agreeing FNC-1 body supported before and not
after), keeps the CLIMATE-FEVER development accuracy and macro-F1 within 0.005, keeps the FNC-1
claim set's dev accuracy and macro-F1 within 0.005, and adds no inverted verdict. Stop 49 held
"tokenizer" to the same rule, fixed before its run, and read every verdict it changed: it fails
the confirmation and inversion parts too (9 confirmations gained, 5 lost; one new inversion, a
verdict rule exposed by a joined window, docs/benchmarks.md) and was shipped as version 5 on
stop 48's health case (bench/health_case.py: inverted verdicts 3 -> 1 in verify and analyze).

Parts (development only; no held-out set is read): ``passages`` (the FNC-1 bodies, 904, at most
2,000: bodies and passages that change, words lost per body in each split), ``fnc1`` (the FNC-1 claim
set's dev part, its bodies indexed under each split), ``climate_fever`` and ``guards`` (as
bench/question_rule.py's: they read given sentences and fixed passages, not the index's split,
so they cannot change; run as a check).

Usage: ``.venv/bin/python bench/index_sentences.py [--only PART] > results.json``.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from _verdict_dev import (  # bench/_verdict_dev.py
    candidate_parts,
    fnc_candidate_scores,
    parsed_once_cli,
)

# version 4's split (before); the claims' split; version 4's regex that ends no sentence where the
# claims' split reads an abbreviation (its lookbehinds, the one list: nlp.document._NOT_ABBREVIATION);
# version 5's (the product's: no sentence ends at a period spaCy's English tokenizer keeps on its word)
CANDIDATES = ("regex", "claims", "regex+abbreviations", "tokenizer")
BODIES = 2000


@contextmanager
def split_by(name: str) -> Iterator[None]:
    """Inside, ``veracity index`` cuts passages with version 4's split ("regex"), the claims'
    ("claims"), version 4's regex ending no sentence at the claims' abbreviations, or version
    5's ("tokenizer", the product's own)."""
    import re

    from veracity.nlp import document
    from veracity.verify import index, stance

    kept = index.split_sentences
    breaks = re.compile(r"(?<=[.!?])" + document._NOT_ABBREVIATION + r"\s+(?=[\"'“A-Z0-9])|\n+")

    def abbreviations(text: str) -> list[str]:
        return [s.strip() for s in breaks.split(text) if s and s.strip()]

    index.split_sentences = {
        "regex": stance.split_sentences,
        "claims": document.split_sentences,
        "regex+abbreviations": abbreviations,
        "tokenizer": kept,
    }[name]
    try:
        yield
    finally:
        index.split_sentences = kept


def _words(text: str) -> Counter[str]:
    return Counter(text.split())


def passages(data_dir: Path) -> dict[str, Any]:
    from veracity.data.fnc1 import load_fnc_pairs
    from veracity.verify.index import split_passages

    pairs = load_fnc_pairs(data_dir)
    bodies = list(dict.fromkeys(zip(pairs["body_id"], pairs["body"], strict=True)))[:BODIES]
    cut: dict[str, list[list[str]]] = {}
    out: dict[str, Any] = {"bodies": len(bodies)}
    for name in CANDIDATES:
        with split_by(name):
            cut[name] = [[p.text for p in split_passages("", body)] for _, body in bodies]
        lost = [
            sum((_words(body) - _words(" ".join(texts))).values())
            for (_, body), texts in zip(bodies, cut[name], strict=True)
        ]
        out[name] = {
            "passages": sum(map(len, cut[name])),
            "bodies losing words": sum(n > 0 for n in lost),
            "most words lost": max(lost),
        }
    before = cut["regex"]
    for name in CANDIDATES[1:]:
        after = cut[name]
        changed = [n for n, (b, a) in enumerate(zip(before, after, strict=True)) if b != a]
        out[name]["bodies changed"] = len(changed)
        out[name]["passages changed"] = sum(len(set(after[n]) - set(before[n])) for n in changed)
        out[name]["examples"] = [
            {
                "body": int(bodies[n][0]),
                "before": sorted(set(before[n]) - set(after[n]))[:2],
                "after": sorted(set(after[n]) - set(before[n]))[:2],
            }
            for n in changed[:6]
        ]
    return out


def fnc1(data_dir: Path) -> dict[str, Any]:
    from veracity.verify.fnc_claims import fnc_claim_readings, fnc_claim_set, fnc_claim_verdicts

    cases = fnc_claim_set(data_dir)["dev"]
    out: dict[str, Any] = {"cases": dict(Counter(c["stance"] for c in cases))}
    before: list[str] = []
    for name in CANDIDATES:
        with split_by(name):
            texts, proba, readings = fnc_claim_readings(cases, k=5)
        verdicts = fnc_claim_verdicts(cases, texts, proba, readings)
        before = before or verdicts
        out[name] = fnc_candidate_scores(cases, verdicts, before)
        out[name]["confirmations lost"] = sum(
            c["stance"] == "agree" and b == "supported" and v != "supported"
            for c, b, v in zip(cases, before, verdicts, strict=True)
        )
    return out


PARTS = {**candidate_parts(CANDIDATES, split_by), "passages": passages, "fnc1": fnc1}


def main(argv: list[str] | None = None) -> int:
    return parsed_once_cli(PARTS, __doc__, argv)


if __name__ == "__main__":
    sys.exit(main())
