"""Two things said in one sentence, joined by "and that", read as two claims: what changes over
a corpus sample (deep path; ``veracity.claims.extract._said_parts``).

Stop 47's fact-checker case: "Her challenger, Maria Reyes, said crime went up 40% in the
downtown district and that the county lost two hospitals since 2020." was one claim of
``veracity analyze``; no verdict rule reads two statements at once, so it stayed not enough
evidence while its first statement alone reads refuted. Claim extraction now reads a statement
joined to the one a verb reports by "and that", with its own subject, as a claim of its own.
This bench counts, over the first ``--per-group`` records of each corpus and label (shuffled,
seed 7, as ``bench/semicolon_claims.py``), the sentences so cut and the claims that change
(texts only in one of the two lists, the cut off and on), and lists them.

Usage: ``.venv/bin/python bench/said_claims.py [--per-group N] > results.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from semicolon_claims import cut_counts  # bench/semicolon_claims.py


def run(per_group: int) -> dict[str, Any]:
    return cut_counts("_said_parts", per_group)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--per-group", type=int, default=10)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.per_group), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
