"""Fuzz every ingest path and the pipeline with 10,000+ generated hostile inputs; count crashes.

The generators and invariants are those of the property tests (``tests/hostile.py``), run here
at a scale the test suite cannot afford. A crash is any exception other than the project's own
``VeracityError``, or a broken invariant: a span that does not quote the text, a report that
fails its JSON schema, HTML output with active content, a batch row that is not UTF-8 JSON.
Results go to stdout and to the "Fuzzing" section of docs/benchmarks.md; the exit status is 1
when anything crashed.

    .venv/bin/python bench/fuzz.py            # 10,000 inputs, about 10 minutes on one core
    .venv/bin/python bench/fuzz.py --scale 0.1 --no-write
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the generators live with the property tests

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from tests.hostile import (  # noqa: E402
    CSV_DOCUMENT,
    HOSTILE_TEXT,
    HTML_DOCUMENT,
    JSONL_DOCUMENT,
    check_report,
    csv_bytes,
    long_text,
    rows_of,
)

from _docs import write_section  # noqa: E402
from veracity.errors import VeracityError  # noqa: E402
from veracity.ingest import article_from_bytes, article_from_html, article_from_text  # noqa: E402
from veracity.pipeline import analyze  # noqa: E402

SECTION_START = "<!-- fuzzing:start -->"
SECTION_END = "<!-- fuzzing:end -->"
MAX_CRASH_EXAMPLES = 5


@dataclass
class Area:
    """One entry point fed with one generator."""

    name: str
    strategy: st.SearchStrategy[Any]
    run: Callable[[Any], None]
    share: int  # inputs at --scale 1
    inputs: int = 0
    refused: int = 0
    crashes: int = 0
    seconds: float = 0.0
    examples: list[str] = field(default_factory=list)


def analyse_article(build: Callable[[], Any], depth: str) -> None:
    """Analyse and check the report; VeracityError propagates as a refusal."""
    check_report(analyze(build(), depth=depth))  # type: ignore[arg-type]


def batch_rows(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory(prefix="veracity-fuzz-") as folder:
        rows_of(data, suffix, Path(folder))


def areas() -> list[Area]:
    return [
        Area(
            "text, fast path",
            st.tuples(HOSTILE_TEXT, st.booleans()),
            lambda x: analyse_article(lambda: article_from_text(x[0], detect_title=x[1]), "fast"),
            3_600,
        ),
        Area(
            "text with a given title, fast path",
            st.tuples(HOSTILE_TEXT, HOSTILE_TEXT),
            lambda x: analyse_article(lambda: article_from_text(x[1], title=x[0]), "fast"),
            1_000,
        ),
        Area(
            "very long lines (up to 3,000 repeats), fast path",
            long_text(max_repeat=3_000),
            lambda x: analyse_article(lambda: article_from_text(x), "fast"),
            100,
        ),
        Area(
            "HTML (scripts, iframes, forms, deep nesting), fast path",
            HTML_DOCUMENT,
            lambda x: analyse_article(lambda: article_from_html(x), "fast"),
            2_200,
        ),
        Area(
            "raw bytes (any encoding, binary), fast path",
            st.one_of(
                st.binary(max_size=3_000),
                HOSTILE_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
                HOSTILE_TEXT.map(lambda t: t.encode("utf-16", "surrogatepass")),
            ),
            lambda x: analyse_article(lambda: article_from_bytes(x), "fast"),
            1_000,
        ),
        Area(
            "CSV files (unbalanced quotes, huge fields, wrong column counts)",
            CSV_DOCUMENT,
            lambda x: batch_rows(csv_bytes(x), ".csv"),
            800,
        ),
        Area(
            "JSONL files (invalid JSON, lone surrogates, non-objects)",
            JSONL_DOCUMENT,
            lambda x: batch_rows(x, ".jsonl"),
            800,
        ),
        Area(
            "text and HTML, deep path",
            st.one_of(HOSTILE_TEXT, HTML_DOCUMENT),
            lambda x: analyse_article(
                lambda: article_from_html(x) if x.startswith("<") else article_from_text(x), "deep"
            ),
            500,
        ),
    ]


def fuzz(area: Area, count: int, random_seed: int) -> None:
    """Feed ``count`` generated inputs to the area, counting refusals and crashes."""

    @seed(random_seed)
    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(area.strategy)
    def one(value: Any) -> None:
        area.inputs += 1
        try:
            area.run(value)
        except VeracityError as exc:
            area.refused += 1
            if not str(exc).strip():
                raise AssertionError(f"{type(exc).__name__} without a message") from exc
        except Exception as exc:
            area.crashes += 1
            if len(area.examples) < MAX_CRASH_EXAMPLES:
                where = traceback.extract_tb(exc.__traceback__)[-1]
                area.examples.append(
                    f"{type(exc).__name__}: {str(exc)[:200]} at {Path(where.filename).name}:"
                    f"{where.lineno}; input {value!r:.200}"
                )

    started = time.perf_counter()
    one()
    area.seconds = time.perf_counter() - started


def write_docs(results: list[Area], command: str, elapsed_s: float) -> None:
    total = sum(a.inputs for a in results)
    crashes = sum(a.crashes for a in results)
    rows = "\n".join(
        f"| {a.name} | {a.inputs:,} | {a.inputs - a.refused - a.crashes:,} | {a.refused:,} | "
        f"{a.crashes} | {a.seconds:.0f} |"
        for a in results
    )
    text = "\n".join(
        [
            SECTION_START,
            "## Fuzzing",
            "",
            f"Generated by `{command}` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC "
            f"({platform.python_implementation()} {platform.python_version()}, one process, "
            f"load average {os.getloadavg()[0]:.1f} at the end): **{total:,} generated inputs, "
            f"{crashes} crashes** in {elapsed_s / 60:.1f} minutes.",
            "",
            "| entry point and inputs | inputs | analysed | refused (VeracityError) | crashes | seconds |",
            "|---|---:|---:|---:|---:|---:|",
            rows,
            "",
            "Inputs come from the generators of `tests/hostile.py` (RTL and bidi controls, "
            "zero-width joiners, emoji sequences, combining marks, NUL and C0 controls, lone "
            "surrogates, markup and injection strings in text; HTML with scripts, iframes, "
            "forms, SVG/MathML tricks and nesting up to 6,000 levels; malformed CSV and JSONL). "
            "Each analysed input must give a report whose every span (signals, claims, claim "
            "entities, feature spans, outlet citations) lies in the text and quotes it exactly, "
            "that validates against `Report.model_json_schema()` (jsonschema), encodes as UTF-8 "
            "JSON and renders (`render_html`) with no script, handler or `javascript:`/`data:` "
            "URL; batch rows must be UTF-8 JSON. A refusal must be a `VeracityError` with a "
            "message. The regular test suite runs the same checks on a small profile "
            "(`tests/test_pipeline_properties.py`, `tests/batch/test_reader_properties.py`).",
            SECTION_END,
        ]
    )
    write_section(text, SECTION_START, SECTION_END)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0: 10,000 inputs")
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--no-write", action="store_true", help="do not update the docs")
    args = parser.parse_args()
    for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ.setdefault(variable, "1")

    started = time.perf_counter()
    results = areas()
    for number, area in enumerate(results):
        fuzz(area, max(1, round(area.share * args.scale)), args.seed + number)
        print(
            f"{area.name}: {area.inputs:,} inputs, {area.refused:,} refused, "
            f"{area.crashes} crashes, {area.seconds:.0f} s",
            flush=True,
        )
        for example in area.examples:
            print(f"  crash: {example}", flush=True)
    elapsed = time.perf_counter() - started
    total = sum(a.inputs for a in results)
    crashes = sum(a.crashes for a in results)
    print(f"total: {total:,} inputs, {crashes} crashes, {elapsed:.0f} s")
    if not args.no_write:
        write_docs(results, " ".join(["python bench/fuzz.py", *sys.argv[1:]]), elapsed)
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
