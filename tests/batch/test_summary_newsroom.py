"""The overview's newsroom views: publishers with mean scores, band lines, and known debunks
merged across near-duplicate wordings with the articles that matched them."""

from __future__ import annotations

from pathlib import Path

from tests.batch.conftest import write_jsonl
from tests.batch.test_summary import result_row
from veracity.batch import summarize_results, write_summary_html


def publisher(name: str) -> list[dict]:
    return [
        {"outlet": name, "domain": None, "factuality": "low", "bias": "right", "role": "publisher"}
    ]


def debunk(statement: str, verdict: str = "pants-fire") -> dict:
    return {"title": statement, "claim": "x", "verdict": verdict, "source": "PolitiFact via LIAR"}


def corpus() -> list[dict]:
    rows = [result_row(i, 0.2 + i / 100) for i in range(10)]
    for row in rows[:4]:
        row["outlets"] = publisher("Daily Planet")
    rows[4]["outlets"] = publisher("Gazette")
    quoted = 'Says Obama said "we are no longer a Christian nation".'
    rows[0]["debunks"] = [debunk(quoted)]
    rows[1]["debunks"] = [debunk('Obama said "we are no longer a Christian nation."')]
    rows[2]["debunks"] = [
        debunk('Says Obama said "We are no longer a Christian nation"'),
        debunk(quoted),
    ]
    rows[3]["debunks"] = [debunk("The stimulus created zero jobs.", "false")]
    return rows


def test_publishers_get_count_and_mean_score() -> None:
    summary = summarize_results(corpus())
    planet = summary.publisher_scores["Daily Planet"]
    assert (planet.articles, round(planet.mean, 4)) == (4, round((0.2 + 0.21 + 0.22 + 0.23) / 4, 4))
    assert summary.publisher_scores["Gazette"].articles == 1


def test_near_duplicate_statements_merge_and_count_articles_once() -> None:
    groups = sorted(summarize_results(corpus()).debunk_groups, key=lambda g: -g.articles)
    assert [g.articles for g in groups] == [3, 1]  # row 2 matched two wordings: counted once
    assert len(groups[0].statements) == 3
    assert [e["id"] for e in groups[0].examples] == ["a0", "a1", "a2"]


def test_page_shows_band_lines_counts_decoded_text_and_matching_articles(tmp_path: Path) -> None:
    results = write_jsonl(tmp_path / "results.jsonl", corpus())
    page = tmp_path / "summary.html"
    write_summary_html(results, page)
    text = page.read_text(encoding="utf-8")
    assert "unreliable | uncertain (0.35)" in text and "uncertain | reliable (0.65)" in text
    assert "&amp;quot;" not in text and "&quot;we are no longer" not in text.split("<table>")[0]
    assert "Known fact-checks and the articles that matched them" in text
    assert '<a href="https://example.org/2"' in text  # a matching article, linked
    assert "Publishers: articles and mean reliability score" in text
    assert "<td>Daily Planet</td><td>4</td><td>0.21</td>" in text


def test_a_fact_check_rated_true_is_not_called_a_debunk(tmp_path: Path) -> None:
    """The page listed PolitiFact's [mostly-true] 'Every Republican nominee since Richard Nixon
    ... has released their tax returns.' under 'Known debunks' (probe s35); 7,821 of the 19,471
    statements of the fact-check store are rated true, mostly true, half true or supported."""
    rows = [result_row(i, 0.5) for i in range(3)]
    rows[0]["debunks"] = [
        debunk("Every Republican nominee has released tax returns.", "mostly-true")
    ]
    results = write_jsonl(tmp_path / "results.jsonl", rows)
    page = tmp_path / "summary.html"
    write_summary_html(results, page)
    text = page.read_text(encoding="utf-8")
    assert "debunk" not in text.lower()
    assert "Most-matched known fact-checks" in text
    assert "<td>mostly-true</td>" in text


def test_the_page_says_what_the_mean_score_is_and_is_not(tmp_path: Path) -> None:
    # probe s36-2: the page's figures read "0.43 mean reliability" with nothing on the page
    # saying what the score measures, so an editor could read it as 43% of the day's articles
    # being true
    results = write_jsonl(tmp_path / "results.jsonl", corpus())
    page = tmp_path / "summary.html"
    write_summary_html(results, page)
    text = " ".join(page.read_text(encoding="utf-8").split())
    assert "mean reliability score</span>" in text
    assert (
        "The reliability score (0 to 1) estimates how far the article can be trusted from its "
        "writing style and sourcing; it is not a verdict on whether its facts are true. Bands: "
        "unreliable below 0.35, uncertain from 0.35 to 0.65, reliable from 0.65. The mean is of "
        "the scores on their 0-1 scale, not a share of articles."
    ) in text
