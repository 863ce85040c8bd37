"""Claims beside a passage that negates them: what one passage alone makes of its claim when the
negation is contracted ("hasn't", "didn’t", "won't"), written out ("has not") or absent.

LIAR statements without a negation, at least eight words, with an auxiliary ("is", "has",
"did", "will", ...): the passage is the statement negated after its first auxiliary. Each pair
is judged as the product judges one passage (``verdict.alone_verdicts``: the evidence-stance
head's probabilities, ``verdict.passage_stance`` under the shipped rules, ``verdict.aggregate``); the statement against
itself is the confirmation check. A negated passage should never support its claim.

Usage: ``.venv/bin/python bench/contracted_negations.py [--statements 200]``. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter

from veracity.data import load_corpus
from veracity.settings import get_settings
from veracity.verify.verdict import alone_verdicts

_AUXILIARY = re.compile(r"\b(is|was|are|were|has|have|had|does|did|will|can|would|should|could)\b")
_CONTRACTED = {"will": "won't", "can": "can't"}
# Statements that already hold a negation are left out (read by this pattern, not by the
# tokenizer under test, so that every version of it reads the same statements).
_NEGATION = re.compile(
    r"\b(?:not|no|never|nothing|none|nobody|neither|nor|without|cannot)\b|n['’]t\b", re.I
)


def negated_forms(statement: str) -> dict[str, str] | None:
    """The statement negated after its first auxiliary: contracted, with a typographic
    apostrophe, and written out (None without an auxiliary)."""
    found = _AUXILIARY.search(statement)
    if found is None:
        return None
    auxiliary = found.group(1)
    contracted = _CONTRACTED.get(auxiliary, f"{auxiliary}n't")
    written = "cannot" if auxiliary == "can" else f"{auxiliary} not"
    head, tail = statement[: found.start()], statement[found.end() :]
    return {
        "contracted": head + contracted + tail,
        "typographic": head + contracted.replace("'", "\u2019") + tail,
        "written out": head + written + tail,
        "the statement itself": statement,
    }


def run(statements: int) -> dict[str, dict[str, int]]:
    """Verdict counts per form of the passage."""
    rows = [
        forms
        for r in load_corpus("liar", get_settings().data_dir)
        if len(r.text.split()) >= 8
        and not _NEGATION.search(r.text)
        and (forms := negated_forms(r.text)) is not None
    ]
    random.Random(0).shuffle(rows)
    chosen = rows[:statements]
    claims = [forms["the statement itself"] for forms in chosen]
    return {
        name: dict(Counter(alone_verdicts(claims, [forms[name] for forms in chosen])))
        for name in ("contracted", "typographic", "written out", "the statement itself")
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=200, help="LIAR statements (200)")
    args = parser.parse_args()
    if args.statements < 1:
        parser.error("--statements must be at least 1")
    print(json.dumps(run(args.statements), indent=2))


if __name__ == "__main__":
    main()
