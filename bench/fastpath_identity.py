"""Dump the fast path's outputs on a fixed, varied sample, to check that a speed-up changes none.

Usage: ``python bench/fastpath_identity.py OUT.jsonl [--compare BEFORE.jsonl] [--per-corpus 90]``.

The sample (fixed seed) mixes every labelled corpus in the data dir: articles of each article
corpus, claims and tweets (LIAR, CONSTRAINT), clickbait headlines, and variants of some articles
(no title given, so the title is detected; cut to 20 words, so the model abstains). For each
record the dump holds three outputs:

* ``row``: the line ``veracity batch`` writes (``run_batch`` end to end on a JSONL input, fast
  path, chunks of 100), byte for byte;
* ``report``: the full report (``--store`` reports: the score's ``top_features`` included), as
  ``Report.model_dump_json()``;
* ``claims_row``: for ``--claims-records`` records spread over the sample, the row of ``veracity batch --claims``.

``--compare`` diffs the dump against an earlier one and exits non-zero on the first difference
(it prints the first few). A speed-up of the fast path is kept only when this passes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SEED = 22
CLAIM_CORPORA = ("liar", "constraint_covid19")
HEADLINE_CORPORA = ("clickbait",)


def sample_records(per_corpus: int) -> list[dict[str, Any]]:
    """The fixed sample: input rows (id, title, text, url) from every registered corpus."""
    from veracity.data.registry import corpus_loaders
    from veracity.errors import DataError
    from veracity.settings import get_settings

    data_dir = get_settings().data_dir
    rng = random.Random(SEED)
    rows: list[dict[str, Any]] = []
    for loader in corpus_loaders():
        try:
            records = loader.load(data_dir / loader.folder)
        except DataError as exc:
            print(f"skipped {loader.name}: {exc}", file=sys.stderr)
            continue
        records.sort(key=lambda r: r.id)
        n = per_corpus if loader.level == "article" else per_corpus // 2
        for record in rng.sample(records, min(n, len(records))):
            row: dict[str, Any] = {
                "id": f"{loader.name}:{record.id}",
                "title": record.title or None,
                "text": record.text,
            }
            url = record.meta.get("url")
            if url:
                row["url"] = url
            variant = rng.random()
            if loader.level == "article" and variant < 0.1:  # title detected from the text
                row["title"] = None
                row["text"] = record.full_text
            elif loader.level == "article" and variant < 0.15:  # too short to score
                row["text"] = " ".join(record.text.split()[:20])
            rows.append(row)
    return rows


def run_rows(rows: list[dict[str, Any]], workdir: Path, *, claims: bool) -> list[str]:
    """The output lines of ``run_batch`` (fast path) over ``rows`` as a JSONL input."""
    from veracity.batch import BatchJob, InputSpec, run_batch

    source = workdir / f"input-{claims}.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = workdir / f"out-{claims}.jsonl"
    job = BatchJob(
        input=InputSpec.for_path(str(source)),
        out=out,
        depth="fast",
        claims=claims,
        chunk_size=100,
        workers=1,
        engine="local",
        fresh=True,
    )
    run_batch(job)
    return out.read_text(encoding="utf-8").splitlines()


def run_reports(rows: list[dict[str, Any]]) -> list[str]:
    """The full report of each row (as ``--store`` keeps it), JSON; an error row's error."""
    from veracity.batch.analysis import AnalysisOptions, analyse_chunk
    from veracity.batch.readers import InputRecord

    records = [
        InputRecord(index=i, id=r["id"], text=r["text"], title=r["title"], url=r.get("url"))
        for i, r in enumerate(rows)
    ]
    options = AnalysisOptions(depth="fast", with_reports=True)
    dumps = []
    for start in range(0, len(records), 100):
        for result in analyse_chunk(records[start : start + 100], options):
            report = result.report
            dumps.append(report.model_dump_json() if report else f"error: {result.row.error}")
    return dumps


def dump(out: Path, per_corpus: int, claims_records: int) -> None:
    started = time.perf_counter()
    rows = sample_records(per_corpus)
    with tempfile.TemporaryDirectory(prefix="veracity-identity-") as workdir:
        batch_rows = run_rows(rows, Path(workdir), claims=False)
        step = max(len(rows) // max(claims_records, 1), 1)
        claims_rows = run_rows(rows[::step][:claims_records], Path(workdir), claims=True)
    reports = run_reports(rows)
    if len(batch_rows) != len(rows) or len(reports) != len(rows):
        raise SystemExit("the batch output does not have one line per input row")
    digest = hashlib.sha256()
    with out.open("w", encoding="utf-8") as stream:
        for i, row in enumerate(rows):
            line = json.dumps(
                {
                    "id": row["id"],
                    "row": batch_rows[i],
                    "report": reports[i],
                    "claims_row": (
                        claims_rows[i // step]
                        if i % step == 0 and i // step < len(claims_rows)
                        else None
                    ),
                },
                ensure_ascii=False,
            )
            digest.update(line.encode("utf-8"))
            stream.write(line + "\n")
    print(
        f"{len(rows)} records ({len(claims_rows)} with --claims) in "
        f"{time.perf_counter() - started:.0f} s -> {out}, sha256 {digest.hexdigest()[:16]}"
    )


def compare(new: Path, old: Path, show: int = 5) -> int:
    """The number of records whose outputs differ (the first ``show`` printed)."""
    new_lines = new.read_text(encoding="utf-8").splitlines()
    old_lines = old.read_text(encoding="utf-8").splitlines()
    if len(new_lines) != len(old_lines):
        print(f"{len(new_lines)} records against {len(old_lines)}: not the same sample")
        return max(len(new_lines), len(old_lines))
    differing = 0
    for new_line, old_line in zip(new_lines, old_lines, strict=True):
        if new_line == old_line:
            continue
        differing += 1
        if differing <= show:
            a, b = json.loads(old_line), json.loads(new_line)
            for key in ("row", "report", "claims_row"):
                if a[key] != b[key]:
                    at = next(
                        (i for i, (x, y) in enumerate(zip(a[key], b[key], strict=False)) if x != y),
                        min(len(a[key]), len(b[key])),
                    )
                    print(f"{a['id']} {key} differs at {at}:")
                    print(f"  before: ...{a[key][max(at - 80, 0) : at + 80]}")
                    print(f"  after:  ...{b[key][max(at - 80, 0) : at + 80]}")
    print(f"{differing} of {len(new_lines)} records differ")
    return differing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="where the dump goes (JSONL)")
    parser.add_argument("--compare", type=Path, help="an earlier dump to diff against")
    parser.add_argument("--per-corpus", type=int, default=100, help="articles per article corpus")
    parser.add_argument("--claims-records", type=int, default=150)
    args = parser.parse_args()
    dump(args.out, args.per_corpus, args.claims_records)
    if args.compare is not None and compare(args.out, args.compare):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
