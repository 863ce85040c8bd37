"""Reliability score under edits that leave an article's content as it was (invariance tests).

A sample of real articles with a headline (BuzzFeed-Webis 2016 and SemEval-2019 hyperpartisan,
800 to 8,000 characters of body, drawn with a fixed seed) goes through the product's ingest and
fast path (``article_from_bytes``, ``analyze_many``) as written, then once per edit: quotation
marks and apostrophes typographic or straight, the headline in capitals, lower case or Title
Case, a final period on the headline, a reporter's sign-off line, the first paragraph repeated
at the end, paragraphs one line apart, lines hard-wrapped at 72 columns, two spaces after each
full stop, the same article as an HTML page. For each edit: the share of articles whose label
(band) changes, and the mean and largest change of the score, in the manner of CheckList
(Ribeiro et al. 2020). Then pages that hold only a list of the corpora's headlines, one a
line (30 of 10, 25 and 60 headlines): how many get a score, and a confident band. The deep
path adds a MiniLM head to the same linear model and is not run.

Run: ``.venv/bin/python bench/reliability_edits.py --before FILE --write``
(about 20 CPU seconds for 200 articles), where FILE is this bench's ``--out`` result from the
checkout to compare with (run there with that checkout's code and artefacts).
"""

from __future__ import annotations

import argparse
import html
import random
import re
import statistics
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from _docs import result_cli  # bench/_docs.py
from _templates import render  # bench/_templates.py
from veracity.ingest.normalise import fold_quotes

if TYPE_CHECKING:
    from veracity.data.record import NewsRecord

START, END = "<!-- reliability-edits:start -->", "<!-- reliability-edits:end -->"
SAMPLE = 200
SEED = 7
SIGN_OFF = "Reporting by Jane Doe; editing by Mark Smith"
LIST_SIZES = (10, 25, 60)
LISTS_PER_SIZE = 30

Edit = Callable[[str, str], tuple[str, str]]


def _curly(text: str) -> str:
    text = re.sub(r"(\w)'(\w)", "\\1\u2019\\2", text)
    text = re.sub(r'"(?=\S)', "\u201c", text)
    return re.sub(r'(?<=\S)"', "\u201d", text)


def _repeat_first_paragraph(body: str) -> str:
    first = body.split("\n\n")[0] if "\n\n" in body else body.split("\n")[0]
    return f"{body}\n\n{first}"


EDITS: dict[str, tuple[str, Edit | None]] = {
    "curly_quotes": ("quotation marks and apostrophes typographic (“ ” ’)", lambda t, b: (_curly(t), _curly(b))),
    "straight_quotes": ("quotation marks and apostrophes straight (\" ')", lambda t, b: (fold_quotes(t), fold_quotes(b))),
    "headline_caps": ("headline in capitals", lambda t, b: (t.upper(), b)),
    "headline_lower": ("headline in lower case", lambda t, b: (t.lower(), b)),
    "headline_title_case": ("headline in Title Case", lambda t, b: (t.title(), b)),
    "headline_period": ("a period after the headline", lambda t, b: (t + ".", b)),
    "sign_off": ("a reporter's sign-off line appended", lambda t, b: (t, f"{b}\n\n{SIGN_OFF}")),
    "repeat_paragraph": ("the first paragraph repeated at the end", lambda t, b: (t, _repeat_first_paragraph(b))),
    "single_line_breaks": ("paragraphs one line apart, not two", lambda t, b: (t, re.sub(r"\n\s*\n", "\n", b))),
    "hard_wrap": ("lines hard-wrapped at 72 columns", lambda t, b: (t, "\n\n".join(textwrap.fill(p, 72) for p in b.split("\n\n")))),
    "double_spaces": ("two spaces after each full stop", lambda t, b: (t, b.replace(". ", ".  "))),
    "html": ("the same article as an HTML page", None),
}  # fmt: skip


class EditResult(BaseModel):
    name: str
    description: str
    label_flips: int
    mean_change: float
    max_change: float
    changed_over_005: int


class ListResult(BaseModel):
    headlines: int
    lists: int
    scored: int
    confident: int


class EditsBench(BaseModel):
    articles: int
    scored: int
    seed: int
    edits: list[EditResult]
    headline_lists: list[ListResult]
    before: EditsBench | None = None  # the same bench on another checkout (``--before``)
    before_label: str = ""


def _html_page(title: str, body: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in body.split("\n") if p.strip())
    return (
        f"<html><head><title>{html.escape(title)}</title></head><body><article>"
        f"<h1>{html.escape(title)}</h1>\n{paragraphs}</article></body></html>"
    ).encode()


def _records(data_dir: Path) -> list[NewsRecord]:
    from veracity.data.buzzfeed_webis import load_buzzfeed_webis
    from veracity.data.hyperpartisan import load_hyperpartisan

    return load_buzzfeed_webis(data_dir / "buzzfeed_webis_2016") + load_hyperpartisan(
        data_dir / "semeval2019_hyperpartisan"
    )


def sample(records: list[NewsRecord]) -> list[tuple[str, str]]:
    records = [r for r in records if r.title and 800 < len(r.text) < 8000]
    return [(r.title, r.text) for r in random.Random(SEED).sample(records, SAMPLE)]


def headline_lists(records: list[NewsRecord]) -> list[ListResult]:
    """Pages that are only a list of headlines, one a line: no article to judge."""
    titles = sorted({r.title for r in records if len(r.title.split()) >= 4})
    rng = random.Random(SEED)
    results = []
    for size in LIST_SIZES:
        pages = [
            ("Latest headlines\n\n" + "\n".join(rng.sample(titles, size))).encode()
            for _ in range(LISTS_PER_SIZE)
        ]
        outcomes = _outcomes(pages, html_pages=False)
        results.append(
            ListResult(
                headlines=size,
                lists=len(pages),
                scored=sum(score is not None for _, score in outcomes),
                confident=sum(label in {"reliable", "unreliable"} for label, _ in outcomes),
            )
        )
    return results


def _outcomes(pages: list[bytes], html_pages: bool) -> list[tuple[str | None, float | None]]:
    from veracity.ingest import article_from_bytes
    from veracity.pipeline import analyze_many

    articles = [article_from_bytes(page, html=html_pages) for page in pages]
    outcomes: list[tuple[str | None, float | None]] = []
    for report in analyze_many(articles, depth="fast"):
        reliability = report.reliability
        if reliability is None:
            outcomes.append((report.reliability_status, None))
        else:
            outcomes.append((reliability.label, reliability.score))
    return outcomes


def run(data_dir: Path) -> EditsBench:
    records = _records(data_dir)
    articles = sample(records)
    base = _outcomes([f"{t}\n\n{b}".encode() for t, b in articles], html_pages=False)
    results = []
    for name, (description, edit) in EDITS.items():
        if edit is None:
            edited = _outcomes([_html_page(t, b) for t, b in articles], html_pages=True)
        else:
            pages = [f"{t}\n\n{b}".encode() for t, b in (edit(t, b) for t, b in articles)]
            edited = _outcomes(pages, html_pages=False)
        changes = [
            abs(a[1] - e[1])
            for a, e in zip(base, edited, strict=True)
            if a[1] is not None and e[1] is not None
        ]
        results.append(
            EditResult(
                name=name,
                description=description,
                label_flips=sum(a[0] != e[0] for a, e in zip(base, edited, strict=True)),
                mean_change=statistics.fmean(changes) if changes else 0.0,
                max_change=max(changes, default=0.0),
                changed_over_005=sum(change > 0.05 for change in changes),
            )
        )
    return EditsBench(
        articles=len(articles),
        scored=sum(score is not None for _, score in base),
        seed=SEED,
        edits=results,
        headline_lists=headline_lists(records),
    )


def section(bench: EditsBench) -> str:
    before = bench.before
    return render(
        "reliability_edits.md.j2",
        start=START,
        end=END,
        bench=bench,
        before_edits={e.name: e for e in before.edits} if before else {},
        before_lists={row.headlines: row for row in before.headline_lists} if before else {},
    ).removesuffix("\n")


def main() -> None:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--before", type=Path, default=None)
    parser.add_argument("--before-label", default="")
    args, rest = parser.parse_known_args()
    sys.argv = [sys.argv[0], *rest]
    before = (
        EditsBench.model_validate_json(args.before.read_text(encoding="utf-8"))
        if args.before
        else None
    )

    def run_beside_before(data_dir: Path) -> EditsBench:
        result = run(data_dir)
        result.before, result.before_label = before, args.before_label
        return result

    result_cli(__doc__.splitlines()[0], EditsBench, run_beside_before, section, START, END)


if __name__ == "__main__":
    main()
