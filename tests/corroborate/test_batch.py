"""``veracity batch --corroborate``: the corpus step after the chunks, resumable, and nothing
changed without it."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from tests.corroborate.conftest import council_articles, lone_article, quake_articles
from tests.test_cli import veracity_in_process
from veracity.batch import BatchJob, InputSpec, run_batch, write_summary_html
from veracity.batch.checkpoint import ChunkStore
from veracity.batch.corroboration import RESULT_NAME
from veracity.batch.writers import read_results


def _write_corpus(path: Path, *, bad_date: bool = False) -> Path:
    rows = []
    for article in quake_articles() + council_articles() + [lone_article()]:
        rows.append(
            {
                "id": article.id,
                "title": article.title,
                "text": article.text,
                "outlet": article.publisher,
                "published": article.published.isoformat(),
            }
        )
    if bad_date:
        rows[-1]["published"] = "sometime in spring"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _rows(path: Path) -> dict[str, dict]:
    return {row["id"]: row for row in read_results(path)}


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_corroborate_adds_events_claims_and_an_adjusted_score(tmp_path: Path, suffix) -> None:
    corpus = _write_corpus(tmp_path / "corpus.jsonl", bad_date=True)
    out = tmp_path / f"out{suffix}"
    run_batch(BatchJob(input=InputSpec.for_path(corpus), out=out, corroborate=True, chunk_size=3))
    rows = _rows(out)
    outlier = rows["outlier"]["corroboration"]
    assert outlier["independent_origins"] == 4
    assert "Wire Service / Daily Reprint" in outlier["other_origins"]  # outlet column, by name
    assert [s["kind"] for s in outlier["signals"]].count("figure_contradicted") >= 1
    assert rows["outlier"]["model_version"].startswith("corroboration-1+")
    assert rows["outlier"]["score"] == outlier["score"] < outlier["base_score"]
    # a score corroboration left where it was is the model's, and its version says so
    unmoved = [
        r for r in rows.values() if r["corroboration"]["score"] == r["corroboration"]["base_score"]
    ]
    assert {r["id"] for r in unmoved} >= {"wire", "lone"}
    assert all(not (r["model_version"] or "").startswith("corroboration-1") for r in unmoved)
    assert all(
        r["model_version"].startswith("corroboration-1+") for r in rows.values() if r not in unmoved
    )
    assert rows["wire"]["corroboration"]["same_origin_articles"] == ["copy"]
    lone = rows["lone"]["corroboration"]
    assert lone["independent_origins"] == 1
    assert lone["notes"] == ["unparsable date 'sometime in spring': grouped on text alone"]
    assert not (tmp_path / f"out{suffix}.parts").exists()


def test_without_corroborate_the_output_is_unchanged(tmp_path: Path) -> None:
    corpus = _write_corpus(tmp_path / "corpus.jsonl")
    out = tmp_path / "out.jsonl"
    job = BatchJob(input=InputSpec.for_path(corpus), out=out)
    run_batch(job)
    rows = list(read_results(out))
    assert all("corroboration" not in row for row in rows)
    assert "corroborate" not in job.manifest()


def test_a_killed_corroboration_step_is_redone_once_and_a_finished_one_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _write_corpus(tmp_path / "corpus.jsonl")
    out = tmp_path / "out.jsonl"
    job = BatchJob(
        input=InputSpec.for_path(corpus), out=out, corroborate=True, chunk_size=4, keep_parts=True
    )
    import veracity.corroborate as corroborate

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(corroborate, "corroborate_corpus", killed)
    with pytest.raises(KeyboardInterrupt):
        run_batch(job)
    parts = ChunkStore(out, job.manifest())
    assert len(parts.done_chunks()) == 2 and not (parts.folder / RESULT_NAME).exists()
    assert not out.exists()
    monkeypatch.undo()
    summary = run_batch(job)
    assert summary.resumed_rows == 8 and summary.analysed_rows == 0
    first = out.read_bytes()
    result = parts.folder / RESULT_NAME
    stamp = result.stat().st_mtime_ns
    run_batch(job)  # finished: the stored result is joined again, not recomputed
    assert result.stat().st_mtime_ns == stamp
    assert out.read_bytes() == first
    assert _rows(out)["outlier"]["corroboration"]["claims"]


def test_a_csv_output_has_flat_corroboration_columns_that_summarize_reads_back(
    tmp_path: Path,
) -> None:
    import csv

    articles = quake_articles() + council_articles() + [lone_article()]
    corpus = tmp_path / "feed.csv"
    with corpus.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "headline", "body", "media", "when"])
        for article in articles:
            when = "next tuesday-ish" if article.id == "lone" else article.published.isoformat()
            writer.writerow([article.id, article.title, article.text, article.publisher, when])
    out = tmp_path / "out.csv"
    result = veracity_in_process(
        "batch", str(corpus), "--out", str(out), "--corroborate",
        "--publisher-col", "media", "--date-col", "when",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8-sig", newline="") as stream:
        cells = {row["id"]: row for row in csv.DictReader(stream)}
    outlier = cells["outlier"]
    assert outlier["origin"] == "Viral Site" and outlier["independent_origins"] == "4"
    assert "Wire Service / Daily Reprint" in outlier["other_origins"].split("\n")
    lines = outlier["claims_corroboration"].split("\n")
    assert any(
        line.startswith("contradicted by 3 | 300 | other figures: ") and "Wire Service: 32" in line
        for line in lines
    )
    assert "Figure contradicted by 3 independent outlet(s)" in outlier["corroboration_signals"]
    # each signal line names its claim (probe5: eight identical "Claim reported by no other
    # outlet." lines, none saying which claim); a story no other origin tells has no signal per
    # claim (probe s47 U5): its independent_origins, 1, says it once, and each claim keeps its
    # status
    claims = {line.rsplit(" | ", 1)[-1] for line in lines}
    signals = outlier["corroboration_signals"].split("\n")
    assert signals and all(line.rsplit(" | ", 1)[-1] in claims for line in signals)
    assert cells["lone"]["independent_origins"] == "1"
    assert cells["lone"]["corroboration_signals"] == ""
    assert float(outlier["score"]) < float(outlier["base_score"])
    assert cells["lone"]["claims_corroboration"].startswith("no_other_origin | ")
    assert "unparsable date 'next tuesday-ish'" in cells["lone"]["corroboration_notes"]
    assert "{" not in "".join(outlier.values())  # no JSON in any cell
    page = tmp_path / "summary.html"
    summary = write_summary_html(out, page)
    assert summary.corroboration.contradicted_claims >= 1
    assert "Viral Site: 300" in page.read_text(encoding="utf-8")
    plain = tmp_path / "plain.csv"
    assert veracity_in_process("batch", str(corpus), "--out", str(plain)).returncode == 0
    with plain.open(encoding="utf-8-sig", newline="") as stream:
        assert "event" not in next(csv.DictReader(stream))


GERMAN = (
    "Die Bundesregierung hat am Freitag weitere Lockerungen der Corona-Beschränkungen "
    "angekündigt. Nach Angaben des Gesundheitsministeriums sind in Deutschland bislang mehr als "
    "178.000 Menschen positiv auf das Virus getestet worden, rund 8.200 sind gestorben. Die "
    "Länder sollen künftig selbst entscheiden, wann Restaurants, Hotels und Schulen wieder "
    "öffnen dürfen. Kritiker warnen jedoch vor einer zweiten Welle, falls die Abstandsregeln "
    "nicht eingehalten werden."
)


def test_a_row_in_another_language_compares_no_claims(tmp_path: Path) -> None:
    # a day's intake (probe s36-2): the German row's notes said it has no claims, its
    # corroboration listed "mehr als 178.000 Menschen" as a claim reported by no other outlet
    corpus = _write_corpus(tmp_path / "corpus.jsonl")
    german = {"id": "german", "title": "Bund kündigt Lockerungen an", "text": GERMAN}
    with corpus.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps(german | {"outlet": "Beispiel Zeitung"}) + "\n")
    out = tmp_path / "out.jsonl"
    run_batch(BatchJob(input=InputSpec.for_path(corpus), out=out, corroborate=True))
    rows = _rows(out)
    assert rows["german"]["language"] == "de"
    corroboration = rows["german"]["corroboration"]
    assert corroboration["claims"] == [] and corroboration["signals"] == []
    assert corroboration["notes"][0].startswith(
        "No claims compared: the text reads as German ('de')"
    )
    assert rows["lone"]["corroboration"]["claims"]  # an English row still states its claims


def test_a_stored_analysis_says_what_its_corroborated_row_says(tmp_path: Path) -> None:
    # a day's intake with --store --corroborate (probe s36-2): a row's score was moved by
    # corroboration (0.34 -> 0.10) while its stored analysis, which the API, the web page and
    # summarize --report-url show, kept 0.34 and no corroboration
    from sqlalchemy import func, select

    from veracity.report.schema import score_band, shown_score
    from veracity.store import get_analysis, open_database
    from veracity.store.models import AnalysisRow

    corpus = _write_corpus(tmp_path / "corpus.jsonl")
    url = f"sqlite:///{tmp_path / 'store.db'}"
    out = tmp_path / "out.jsonl"
    job = BatchJob(
        input=InputSpec.for_path(corpus),
        out=out,
        corroborate=True,
        store=True,
        database_url=url,
        chunk_size=3,
    )
    run_batch(job)
    rows = _rows(out)
    assert rows["outlier"]["score"] < rows["outlier"]["corroboration"]["base_score"]
    assert all("analysis_id" in row for row in read_results(out))  # None on an error row
    # the reasons a report gives are the model's, for the score before corroboration moved it
    base, score = rows["outlier"]["corroboration"]["base_score"], rows["outlier"]["score"]
    assert rows["outlier"]["notes"][-1] == (
        f"Corroboration moved the reliability score from {shown_score(base)} "
        f"({score_band(base)}) to {shown_score(score)} ({score_band(score)}): other outlets "
        "contradict the figures of 2 claim(s) (see the corroboration). The reasons given for "
        f"the score are the model's reading of the text, which gave {shown_score(base)}."
    )
    assert not any(n.startswith("Corroboration moved") for n in rows["wire"]["notes"])
    database = open_database(url)
    try:
        with database.session() as session:
            for row in rows.values():
                stored = get_analysis(session, row["analysis_id"])
                assert stored is not None
                reliability = stored.report.reliability
                assert (reliability.score if reliability else None) == row["score"]
                assert (reliability.label if reliability else None) == row["label"]
                if reliability is not None:
                    assert reliability.model_version == row["model_version"]
                assert stored.report.corroboration is not None
                assert stored.report.corroboration.model_dump() == row["corroboration"]
                assert stored.report.notes == row["notes"]
            # one analysis per row: the uncorroborated report is not stored beside it
            assert session.scalar(select(func.count()).select_from(AnalysisRow)) == len(rows)
    finally:
        database.dispose()
    # run again from scratch: the same stored analyses, nothing added
    run_batch(dataclasses.replace(job, fresh=True))
    assert {r["id"]: r["analysis_id"] for r in _rows(out).values()} == {
        r["id"]: r["analysis_id"] for r in rows.values()
    }
