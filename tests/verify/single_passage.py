"""The hand-labelled pair fixtures' rows; what one passage alone makes of its claim is
``veracity.verify.verdict.alone_verdicts``."""

from __future__ import annotations

import json
from pathlib import Path


def read_cases(path: Path) -> list[dict]:
    """The rows of a hand-labelled JSON-lines fixture."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
