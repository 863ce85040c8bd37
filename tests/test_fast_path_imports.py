"""A cold fast-path analysis of a file imports neither scikit-learn, SciPy, pandas nor the HTTP
client (about 2 s of CPU that `veracity analyze --fast` would pay in every process), not even
with an empty cache folder: the runtime forms of its models are shipped beside them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "example-article.txt"
CHECK = f"""
import json, sys
from veracity.pipeline import analyze
report = analyze({str(EXAMPLE)!r}, depth="fast")
heavy = [m for m in ("sklearn", "pandas", "scipy", "torch", "spacy", "httpx",
                      "veracity.embeddings.mpnet", "veracity.propaganda.mpnet_tagger")
         if m in sys.modules]
print(json.dumps({{"heavy": heavy, "score": report.reliability.score,
                  "signals": len(report.signals)}}))
"""


def _run(cache: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", CHECK],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "PYTHONPATH": os.pathsep.join(sys.path),
            "VERACITY_CACHE_DIR": str(cache),
        },
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_fast_path_scores_without_importing_scikit_learn_even_with_an_empty_cache(
    tmp_path: Path,
) -> None:
    first = _run(tmp_path)  # empty cache folder: the shipped runtime forms are read
    assert first["heavy"] == []
    again = _run(tmp_path)
    assert again["heavy"] == []
    assert again["score"] == first["score"] and again["signals"] == first["signals"] > 0
    # nothing had to be derived from the scikit-learn models
    assert not list((tmp_path / "artefacts").glob("model-linear-scorer-*.pickle"))
