"""The deep path's spaCy pipeline loads without importing PyTorch (thinc would, when installed)."""

from __future__ import annotations

import os
import subprocess
import sys

CHECK = """
import importlib.util, sys
from veracity.nlp.document import load_pipeline
doc = load_pipeline("deep")("Officials in Paris said on Monday that 40 people were hurt.")
assert [e.text for e in doc.ents] == ["Paris", "Monday", "40"], doc.ents
assert "torch" not in sys.modules, "spaCy imported torch"
if importlib.util.find_spec("torch") is not None:
    import torch  # training code can still import it in the same process
    assert torch.tensor([1, 2]).sum().item() == 3
print("ok")
"""


def test_spacy_loads_without_torch_and_torch_still_imports_after() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
