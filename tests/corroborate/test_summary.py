"""The corroboration section of the corpus overview."""

from __future__ import annotations

import json
from pathlib import Path

from tests.corroborate.test_batch import _write_corpus
from veracity.batch import BatchJob, InputSpec, run_batch, write_summary_html


def test_summary_lists_events_outlets_and_the_figures_that_disagree(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "corpus.jsonl")
    out = tmp_path / "out.jsonl"
    run_batch(BatchJob(input=InputSpec.for_path(corpus), out=out, corroborate=True))
    page_path = tmp_path / "summary.html"
    summary = write_summary_html(out, page_path)
    page = page_path.read_text(encoding="utf-8")
    assert "Corroboration across outlets" in page
    assert summary.corroboration.multi_origin_rows == 7  # all but the lone blog post
    assert summary.corroboration.contradicted_claims >= 1
    [toll, *_] = summary.corroboration.disagreements
    assert toll["outlets"][0] == ("Viral Site", "300")
    assert ("Wire Service", "32") in toll["outlets"]
    assert "Viral Site: 300" in page and "Regional Daily: 32" in page
    assert "Springfield Gazette" in page  # the council event and its outlets


def test_summary_without_corroboration_has_no_such_section(tmp_path: Path) -> None:
    results = tmp_path / "plain.jsonl"
    row = {"index": 0, "id": "a", "title": "T", "score": 0.5, "label": "uncertain"}
    results.write_text(json.dumps(row) + "\n", encoding="utf-8")
    page_path = tmp_path / "summary.html"
    write_summary_html(results, page_path)
    assert "Corroboration" not in page_path.read_text(encoding="utf-8")
