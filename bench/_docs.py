"""Shared by the bench scripts: write a generated section into docs/benchmarks.md."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

R = TypeVar("R", bound=BaseModel)

BENCHMARKS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def write_section(text: str, start: str, end: str, path: Path = BENCHMARKS) -> None:
    """Replace the text between the ``start`` and ``end`` markers (or append it)."""
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
    if pattern.search(current):
        updated = pattern.sub(lambda _: text, current)
    else:
        updated = current.rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(updated, encoding="utf-8")


def result_cli(
    description: str,
    result_type: type[R],
    run: Callable[[Path], R],
    section: Callable[[R], str],
    start: str,
    end: str,
) -> None:
    """The command line of a bench script whose run returns one typed result.

    ``--render FILE`` re-renders a saved result instead of running; ``--out FILE`` saves the
    result; ``--write`` replaces the script's section of docs/benchmarks.md. The result is
    always printed to stderr as JSON.
    """
    from veracity.settings import get_settings

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--render", type=Path, default=None, help="a saved --out result")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    if args.render:
        result = result_type.model_validate_json(args.render.read_text(encoding="utf-8"))
    else:
        result = run(get_settings().data_dir)
    print(result.model_dump_json(indent=1), file=sys.stderr, flush=True)
    if args.out:
        args.out.write_text(result.model_dump_json(indent=2) + "\n", encoding="utf-8")
    if args.write:
        write_section(section(result), start, end)


class SavedResult(BaseModel):
    """A bench's result as saved (a JSON object) and the command that made it, as the bench's
    template reads them (``doc.command``, ``doc.result``)."""

    command: str
    result: dict[str, Any]


def saved_result_cli(
    description: str,
    run: Callable[[Path, Path], dict[str, Any]],
    section: Callable[[dict[str, Any], str], str],
    start: str,
    end: str,
    *,
    script: str,
    default_out: Path,
    argv: list[str] | None = None,
) -> int:
    """The command line of a bench that saves its result as JSON and chooses a candidate.

    ``run(data_dir, out)`` makes the result (``out``: where it is saved, beside which a bench
    may keep its caches). ``--out`` (default ``default_out``) saves the result; ``--reuse`` renders the saved one
    instead of running; ``--write`` replaces the section between ``start`` and ``end`` of
    docs/benchmarks.md, naming ``.venv/bin/python bench/<script> --write`` as its command. The
    chosen candidate and the reported figures are printed.
    """
    import json

    from veracity.settings import get_settings

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", type=Path, default=default_out)
    parser.add_argument("--reuse", action="store_true", help="render the saved --out")
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args(argv)
    if args.reuse:
        result = json.loads(args.out.read_text())
    else:
        result = run(get_settings().data_dir, args.out)
        args.out.write_text(json.dumps(result, indent=1))
    print(json.dumps({"chosen": result["chosen"], "reported": result["reported"]}, indent=1))
    if args.write:
        write_section(section(result, f".venv/bin/python bench/{script} --write"), start, end)
    return 0
