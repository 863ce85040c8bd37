"""What one passage alone makes of its claim, judged as the product judges a passage
(``verdict.alone_verdicts``). Shared by the hand-labelled pair fixtures' tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from veracity.verify.verdict import alone_verdicts


def read_cases(path: Path) -> list[dict]:
    """The rows of a hand-labelled JSON-lines fixture."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def verdicts(claims: list[str], passages: list[str], **rules: Any) -> list[str]:
    """The verdict label each passage alone gives its claim (``rules``: ``event=``,
    ``outcome=``, ``denial=``, as ``passage_stance`` takes them)."""
    return alone_verdicts(claims, passages, **rules)
