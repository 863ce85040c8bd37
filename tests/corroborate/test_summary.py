"""The corroboration section of the corpus overview."""

from __future__ import annotations

import json
from pathlib import Path

from tests.corroborate.test_batch import _write_corpus
from veracity.batch import BatchJob, InputSpec, run_batch, write_summary_html
from veracity.batch.summary_corroboration import CorroborationDigest, corroboration_section


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


def test_the_headline_counts_every_status_the_tables_show() -> None:
    # From a 150-article ReCOVery batch: the headline said "0 claims have figures that two or
    # more outlets contradict" above a table of two disputed claims, and never said how many
    # claims other outlets corroborate.
    digest = CorroborationDigest()
    statuses = ["corroborated", "corroborated", "disputed", "uncorroborated", "no_other_origin"]
    for index, status in enumerate(statuses):
        claim = {"text": f"Claim {index} counts 12 people.", "figures": ["12"], "status": status}
        digest.add(
            {"corroboration": {"event_id": "e1", "independent_origins": 2, "claims": [claim]}}
        )
    page = corroboration_section(digest)
    assert (digest.corroborated_claims, digest.contradicted_claims) == (2, 0)
    assert (digest.disputed_claims, digest.uncorroborated_claims) == (1, 1)
    assert "2 corroborated (another outlet states the same figure)" in page
    assert "0 contradicted (two or more outlets give one other figure)" in page
    assert "1 disputed (one other outlet gives another figure" in page
    assert "1 uncorroborated (not found" in page
