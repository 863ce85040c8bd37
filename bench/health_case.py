"""A fact-checker's case (health, a factory fire, a doping case, or an election recount): documents, claims, one article.

``--case health`` (the default): the case (``tests/fixtures/health_case``, its README says what it is) was written by hand for
the project, to the description of stop 48's case (docs/benchmarks.md, "A fresh fact-checker's
case in another domain"), whose files were lost: a vaccine maker's Phase 3 release and its
correction, the regulator's approval, a formula recall, a county's outbreak update by week, the
health officer's denial and a neighbouring county's outbreak of 2025. The bench indexes the
documents with ``veracity index``, runs ``veracity verify --format json`` on the sixteen claims
and ``veracity analyze --index --format json`` on the lawmakers' article that makes nine of them
in reported speech, and sorts each verdict:

- ``right``: a verdict the case allows, decided (where it is supported, refuted or disputed)
  by a passage of a document the case names that holds the words the case names;
- ``right_by_wrong_passage``: an allowed verdict, but none of its deciding passages is one the
  case names (a figure supported by a passage that gives none);
- ``inverted``: supported where the case does not allow it, or refuted where the case expects
  it supported;
- ``lost``: any other verdict (not enough evidence for a claim the documents decide).

With ``--forms`` the sixteen claims are also checked in the terminal's form (``verify`` without
``--format``: its "verdict:" lines) and through ``POST /v1/claims/verify`` with the index as
the server's (``VERACITY_EVIDENCE_INDEX``), and the bench says where a form's verdict differs
from the JSON's.

``--case fire``: probe s49's case on one story (``tests/fixtures/fire_case``, its README says
what it is): six documents on a factory fire (the fire service, the company, the council, the
local paper, the HSE, the MP), eighteen claims and a rumour story making six of them; the same
runs and the same sorting.

``--case doping``: probe s50's case on one story (``tests/fixtures/doping_case``, its README says
what it is): seven documents on a cyclist's positive test (the anti-doping unit, the rider's
denial, a wire story with a correction notice, the team, a newspaper's retraction of a report
about a team-mate, the B sample, the race organiser), thirty-three claims and a summary story
making six of them; the same runs and the same sorting.

``--case recount``: probe s51's case on one story (``tests/fixtures/recount_case``, its README
says what it is): seven documents on a disputed mayoral election count (the electoral board's
provisional result and its recount result, the losing mayor's statement, a wire story with a
correction notice, a newspaper's retraction of a report that the board's chair resigned, the High
Court's refusal to halt the swearing-in, the board's audit of a double-counting allegation),
thirty-four claims and a summary story making seven of them; the same runs and the same sorting.

It is a case, not a data set: no rule is chosen on it alone (each fix is a class of cases,
checked on the verdict development sets: bench/_verdict_dev.py's parts).

Usage: ``.venv/bin/python bench/health_case.py [--case fire|doping|recount] [--forms] > results.json`` (about 60 CPU-s;
``--forms`` about 40 more).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CASES = {
    "health": REPO / "tests" / "fixtures" / "health_case",
    "fire": REPO / "tests" / "fixtures" / "fire_case",
    "doping": REPO / "tests" / "fixtures" / "doping_case",
    "recount": REPO / "tests" / "fixtures" / "recount_case",
}
NOT_ENOUGH = "not enough evidence"


def veracity(*args: str) -> str:
    """stdout of ``python -m veracity.cli ARGS`` in this tree (an error ends the bench)."""
    env = os.environ | {"PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "veracity.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"veracity {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def label(verdict: dict[str, Any] | None) -> str:
    """A verdict's label as the case writes it ("not_enough_evidence" -> "not enough evidence")."""
    return NOT_ENOUGH if verdict is None else str(verdict["label"]).replace("_", " ")


def sort_verdict(
    verdict: dict[str, Any] | None,
    expected: list[str],
    documents: list[str],
    words: str | None,
) -> str:
    """right / right_by_wrong_passage / inverted / lost, as the module's docstring says."""
    got = label(verdict)
    if got not in expected:
        if got == "supported" or (got == "refuted" and expected == ["supported"]):
            return "inverted"
        return "lost"
    if got == NOT_ENOUGH or not documents:
        return "right"
    deciding = (verdict or {}).get("passages") or []
    for passage in deciding:
        if passage["document_id"] in documents and (
            words is None or words.lower() in passage["passage"].lower()
        ):
            return "right"
    return "right_by_wrong_passage"


def _deciding(verdict: dict[str, Any] | None) -> list[str]:
    return [
        f"{p['stance']} {p['weight']:.2f} {p['document_id']}: {p['passage'][:160]}"
        for p in (verdict or {}).get("passages") or []
    ]


def _counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    kinds = ("right", "right_by_wrong_passage", "inverted", "lost")
    return {k: sum(r["sorted"] == k for r in rows) for k in kinds}


def verify_claims(index: Path, claims_file: Path, case: list[dict[str, Any]]) -> list[dict]:
    checked = json.loads(veracity("verify", str(claims_file), "--index", str(index), "-f", "json"))
    rows = []
    for row, result in zip(case, checked, strict=True):
        verdict = result.get("verdict")
        rows.append(
            {
                "claim": row["claim"],
                "expected": row["expected"],
                "verdict": label(verdict),
                "confidence": (verdict or {}).get("confidence"),
                "sorted": sort_verdict(verdict, row["expected"], row["documents"], row["passage"]),
                "deciding": _deciding(verdict),
            }
        )
    return rows


def analyze_article(case: Path, index: Path) -> list[dict[str, Any]]:
    report = json.loads(
        veracity("analyze", str(case / "article.txt"), "--index", str(index), "-f", "json")
    )
    rows = []
    for row in read_jsonl(case / "article_claims.jsonl"):
        found = [c for c in report["claims"] if row["claim_contains"] in c["text"]]
        claim = found[0] if found else None
        verdict = claim.get("verdict") if claim else None
        documents = [row["document"]] if row["document"] else []
        rows.append(
            {
                "claim": claim["text"] if claim else f"(no claim holds {row['claim_contains']!r})",
                "expected": row["expected"],
                "verdict": label(verdict),
                "confidence": (verdict or {}).get("confidence"),
                "sorted": sort_verdict(verdict, row["expected"], documents, None)
                if claim
                else "lost",
                "deciding": _deciding(verdict),
            }
        )
    return rows


_TERMINAL_VERDICT = re.compile(r"^verdict: (supported|refuted|disputed|not enough evidence) ")


def terminal_labels(index: Path, claims_file: Path) -> list[str]:
    """Each claim's verdict as the terminal prints it (one "verdict:" line per claim)."""
    text = veracity("verify", str(claims_file), "--index", str(index))
    return [m.group(1) for line in text.splitlines() if (m := _TERMINAL_VERDICT.match(line))]


def api_labels(index: Path, claims: list[str], database: Path) -> list[str]:
    """Each claim's verdict from ``POST /v1/claims/verify`` with ``index`` as the server's."""
    sys.path.insert(0, str(REPO / "src"))
    from fastapi.testclient import TestClient

    from veracity.api import create_app
    from veracity.settings import Settings

    settings = Settings(database_url=f"sqlite:///{database}", evidence_index=index)
    with TestClient(create_app(settings)) as client:
        labels = []
        for claim in claims:
            response = client.post("/v1/claims/verify", json={"claim": claim})
            response.raise_for_status()
            labels.append(label(response.json().get("verdict")))
    return labels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--case", choices=sorted(CASES), default="health", help="which case")
    parser.add_argument("--forms", action="store_true", help="terminal and API verdicts too")
    args = parser.parse_args(argv)
    started, cpu = time.monotonic(), time.process_time()
    folder = CASES[args.case]
    case = read_jsonl(folder / "claims.jsonl")
    with tempfile.TemporaryDirectory(prefix=f"{args.case}_case_") as tmp:
        index, claims_file = Path(tmp) / "index", Path(tmp) / "claims.txt"
        claims_file.write_text("".join(r["claim"] + "\n" for r in case), encoding="utf-8")
        indexed = veracity("index", str(folder / "docs"), "--out", str(index)).strip()
        verified = verify_claims(index, claims_file, case)
        article = analyze_article(folder, index)
        result: dict[str, Any] = {
            "case": args.case,
            "indexed": indexed.splitlines()[-1] if indexed else "",
            "verify": _counts(verified),
            "analyze": _counts(article),
            "verify_claims": verified,
            "article_claims": article,
        }
        if args.forms:
            json_labels = [r["verdict"] for r in verified]
            forms = {
                "terminal": terminal_labels(index, claims_file),
                "api": api_labels(index, [r["claim"] for r in case], Path(tmp) / "api.db"),
            }
            result["forms_differ"] = {
                name: [
                    f"{c['claim']}: json {j}, {name} {f}"
                    for c, j, f in zip(case, json_labels, labels, strict=False)
                    if j != f
                ]
                + (
                    [f"{len(labels)} verdicts for {len(case)} claims"]
                    if len(labels) != len(case)
                    else []
                )
                for name, labels in forms.items()
            }
    result["seconds"] = round(time.monotonic() - started, 1)
    result["bench_cpu_seconds"] = round(time.process_time() - cpu, 1)
    json.dump(result, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
