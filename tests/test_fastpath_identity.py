"""bench/fastpath_identity.py: the dump diff that guards speed-ups of the fast path."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def identity(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(REPO / "bench"))
    return importlib.import_module("fastpath_identity")


def _dump(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _record(i: int, score: float) -> dict:
    row = json.dumps({"index": i, "score": score, "label": "reliable"})
    return {"id": f"r{i}", "row": row, "report": json.dumps({"score": score}), "claims_row": None}


def test_identical_dumps_pass_and_one_changed_score_fails(identity, tmp_path, capsys):
    before = _dump(tmp_path / "a.jsonl", [_record(i, 0.5 + i / 10) for i in range(3)])
    same = _dump(tmp_path / "b.jsonl", [_record(i, 0.5 + i / 10) for i in range(3)])
    assert identity.compare(same, before) == 0
    changed = [_record(i, 0.5 + i / 10) for i in range(3)]
    changed[1] = _record(1, 0.6001)
    after = _dump(tmp_path / "c.jsonl", changed)
    assert identity.compare(after, before) == 1
    shown = capsys.readouterr().out
    assert "r1 row differs" in shown and "0.6001" in shown


def test_a_different_sample_is_not_compared(identity, tmp_path):
    before = _dump(tmp_path / "a.jsonl", [_record(i, 0.5) for i in range(3)])
    after = _dump(tmp_path / "b.jsonl", [_record(i, 0.5) for i in range(2)])
    assert identity.compare(after, before) == 3
