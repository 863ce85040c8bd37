"""The whole pipeline on the bundled articles: offsets quote the text, the report round-trips."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_ARTICLE
from veracity.ingest import article_from_text
from veracity.models.artefact import load_artefact
from veracity.nlp import analyse_text
from veracity.pipeline import analyze, analyze_many
from veracity.report.schema import Report


def check_report(report: Report) -> None:
    assert report.signals, "the bundled articles are full of signals"
    for signal in report.signals:
        assert report.text[signal.start : signal.end] == signal.quote
        assert signal.quote == signal.quote.strip()
    assert report.signal_counts == dict(Counter(s.kind.value for s in report.signals))
    if report.title:
        assert report.text.startswith(report.title + "\n\n")
        assert report.body_start == len(report.title) + 2
    assert Report.model_validate_json(report.model_dump_json()) == report


@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_example_article(depth: str) -> None:
    report = analyze(EXAMPLE_ARTICLE, depth=depth)
    check_report(report)
    assert report.title == (
        "SHOCKING: You Won't Believe What Officials Are Hiding About The City Water Supply!"
    )
    assert report.analysis_path == depth
    assert report.language == "en"
    assert report.text.endswith("before it gets deleted!")
    assert {"vague_attribution", "clickbait"} <= set(report.signal_counts)
    # each path is scored by its own reliability model (word n-grams; + char n-grams on deep)
    assert report.reliability is not None
    assert report.reliability.model_version == load_artefact(depth=depth).version


@pytest.mark.data
@pytest.mark.parametrize("depth", ["fast", "deep"])
def test_seed_article(data_dir: Path, depth: str) -> None:
    report = analyze(data_dir.parent / "examples" / "seed-article.txt", depth=depth)
    check_report(report)
    assert report.title.startswith("Russia Kills 30 US")
    assert report.text.endswith("experts are convinced that it is.")
    assert any(s.quote.lower() == "experts are convinced" for s in report.signals)


def test_deep_stages_run_each_sentence_through_minilm_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, graph_rows: list[tuple[int, ...]]
) -> None:
    """The sentence heads, the span tagger, the check-worthiness heads and fact-check matching
    read the encoder's states of the same sentences: one graph pass each, same report."""
    from veracity.embeddings.memo import sharing_token_states
    from veracity.settings import get_settings

    rows = graph_rows
    analyze(EXAMPLE_ARTICLE, depth="deep")  # models loaded, outside the counts
    settings = get_settings()
    monkeypatch.setattr(settings, "cache_dir", tmp_path / "shared")  # empty embedding cache
    rows.clear()
    shared = analyze(EXAMPLE_ARTICLE, depth="deep")
    shared_rows = list(rows)
    monkeypatch.setattr(settings, "cache_dir", tmp_path / "not-shared")
    rows.clear()
    with sharing_token_states(max_bytes=0):  # analyze() shares through a memo keeping nothing
        alone = analyze(EXAMPLE_ARTICLE, depth="deep")
    assert shared == alone
    assert len(shared_rows) == len(set(shared_rows))  # no text through the graph twice
    # without the memo the stages repeat each other's sentences (over a third of the rows)
    assert len(rows) - len(set(rows)) > len(rows) / 3
    assert set(shared_rows) == set(rows)


def test_article_object_is_analysed_as_given() -> None:
    article = article_from_text(
        "Sources say the council knew. It is widely believed that the plant leaked.",
        detect_title=False,
    )
    report = analyze(article, depth="fast", detectors=["vague_attribution"])
    assert report.title is None and report.body_start == 0
    assert [s.quote for s in report.signals] == ["Sources say", "It is widely believed that"]


def test_analyze_sources_keeps_order_and_each_unreadable_input_in_its_place(
    tmp_path: Path,
) -> None:
    from veracity.errors import VeracityError
    from veracity.pipeline import analyze_sources

    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    sources = [
        str(EXAMPLE_ARTICLE),
        str(binary),
        str(tmp_path / "missing.txt"),
        str(EXAMPLE_ARTICLE),
    ]
    results = list(analyze_sources(sources, depth="fast", batch_size=2))
    assert [source for source, _ in results] == sources
    first, unreadable, missing, again = (result for _, result in results)
    assert isinstance(unreadable, VeracityError) and "binary" in str(unreadable)
    assert isinstance(missing, VeracityError) and "no such file" in str(missing)
    assert isinstance(first, Report) and isinstance(again, Report)
    single = analyze(EXAMPLE_ARTICLE, depth="fast")
    assert first.model_dump_json() == again.model_dump_json() == single.model_dump_json()


def test_analyze_sources_reads_the_evidence_index_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, index_loads: list[Path]
) -> None:
    """`veracity analyze A B C --index DIR --corroborate` loaded the index again for every
    article's claims and again for its corroboration (12 ms at 1,926 passages, growing with the
    index); the reports are those of one load."""
    from veracity.pipeline import analyze_sources
    from veracity.verify.index import build_index

    documents = tmp_path / "documents.jsonl"
    documents.write_text(
        json.dumps({"id": "council", "text": EXAMPLE_ARTICLE.read_text(encoding="utf-8")}) + "\n",
        encoding="utf-8",
    )
    build_index(documents, tmp_path / "index")
    monkeypatch.setenv("VERACITY_DATABASE_URL", f"sqlite:///{tmp_path / 'store.db'}")
    sources = [str(EXAMPLE_ARTICLE)] * 2
    results = list(analyze_sources(sources, index=tmp_path / "index", corroborate=True))
    assert all(isinstance(report, Report) for _, report in results)
    # each article's claims were checked against the index (which holds the article itself,
    # so its passages are left out and a note says so), from one load
    assert all(
        any("evidence index holds this article's own text" in note for note in report.notes)  # type: ignore[union-attr]
        for _, report in results
    )
    assert len(index_loads) == 1


FRENCH = (
    "Le gouvernement a annoncé mardi un nouveau plan de soutien de 20 milliards d'euros pour "
    "les entreprises touchées par la crise sanitaire. Selon le ministre de l'Économie, les "
    "aides seront versées dès le mois prochain aux petites et moyennes entreprises qui ont "
    "perdu plus de la moitié de leur chiffre d'affaires. Le chômage a atteint 9 % au dernier "
    "trimestre, le niveau le plus élevé depuis cinq ans, et les syndicats réclament davantage."
)


@pytest.mark.parametrize("depth", ["deep", "fast"])
def test_claims_are_not_read_from_text_that_is_not_english(depth: str) -> None:
    # Before, the English-trained check-worthiness model gave a French sentence 0.68 with no
    # note (probe2): a score it cannot judge.
    [report] = analyze_many([article_from_text(FRENCH)], depth=depth, claims=True)
    assert report.language == "fr"
    assert report.claims == []
    assert any("not English" in note and "'fr'" in note for note in report.notes)
    [english] = analyze_many(
        [
            article_from_text(
                "The unemployment rate reached 9 percent last quarter, the highest "
                "level in five years, the ministry said on Tuesday. " * 3
            )
        ],
        depth=depth,
        claims=True,
    )
    assert not any("not English" in note for note in english.notes)


@pytest.mark.parametrize("depth", ["deep", "fast"])
def test_a_short_text_is_read_as_english_unless_it_plainly_is_not(depth: str) -> None:
    # Under 200 characters the language guess never counted, so a short French text got claims
    # from the English models (probe). Its function words decide now, as in veracity claims; a
    # short English claim guessed otherwise is read as English, and a note says so.
    short_french = "Le gouvernement a versé 20 milliards d'euros aux entreprises en 2020."
    [french, english] = analyze_many(
        [article_from_text(short_french), article_from_text("Vaccines cause autism.")],
        depth=depth,
        claims=True,
    )
    assert french.claims == []
    assert any(note.startswith("No claims") and "'fr'" in note for note in french.notes)
    assert any(note.startswith("Read as English") for note in english.notes)
    assert not any("not English" in note or "not in English" in note for note in english.notes)
    # the reliability model abstains on its length, not on a language it was read as not having
    assert english.reliability_status == "too_short"
    assert french.reliability_status == "not_english"


FRENCH_ARTICLE = (
    "Le gouvernement annonce une hausse des impôts\n\n"
    "Le gouvernement a annoncé mardi une hausse des impôts sur le revenu pour les ménages les "
    "plus aisés, une mesure qui doit rapporter près de deux milliards d'euros par an selon le "
    "ministère de l'Économie. Le Premier ministre a défendu cette décision devant l'Assemblée "
    "nationale, affirmant qu'elle était nécessaire pour financer les hôpitaux et les écoles. "
    "L'opposition a dénoncé une attaque contre les classes moyennes. Les syndicats ont salué "
    "un premier pas mais réclament davantage de mesures pour les salariés modestes."
)


def test_english_detectors_do_not_read_text_that_is_not_english() -> None:
    """On French news the deep path marked 'annonce une hausse des impôts' as name calling
    and three plain sentences as unsourced claims 'about Le, qu'elle': detectors of English
    wording. Text that does not read as English gets only the outlet citations, and a note."""
    [report] = analyze_many([article_from_text(FRENCH_ARTICLE)], depth="deep")
    assert report.language == "fr"
    assert [s for s in report.signals if s.detector != "outlet_citation"] == []
    assert any(note.startswith("No signals from its wording") for note in report.notes)
    # probe s37: the reliability note said so too ("The signal detectors that read English
    # wording were not run either"), and the page showed it twice
    assert sum("detectors" in note for note in report.notes) == 1, report.notes
    english = analyze(EXAMPLE_ARTICLE, depth="deep")
    assert {s.kind.value for s in english.signals} >= {"propaganda", "vague_attribution"}
    assert not any(note.startswith("No signals from its wording") for note in english.notes)


def test_outlet_citations_are_read_in_any_language() -> None:
    from veracity.signals import detect_signals, detectors

    assert [d.name for d in detectors() if not d.english_only] == ["outlet_citation"]
    text = analyse_text(article_from_text(FRENCH_ARTICLE), "fast")
    assert detect_signals(text, english=False) == detect_signals(text, names=["outlet_citation"])


def test_a_publisher_listed_as_satire_gets_a_note() -> None:
    """An Onion story was scored 'reliable' (0.67) with nothing said of its publisher's being
    a satire site, which the newest rating lists say (probe s35). Golbeck et al.'s 203 satire
    stories: 137 get the note; its 283 fabricated ones 13 (sites the lists file as satire);
    no article of SemEval hyperpartisan, ReCOVery, BuzzFeed-Webis or FakeNewsNet's real ones."""
    text = (
        "Democrats Unveil New Slogans\n\nWASHINGTON - Hoping to appeal to voters, Democratic "
        "leaders unveiled 324 new slogans on Tuesday, each tested with focus groups for months "
        "before being printed on banners that party officials said would hang in every office."
    )
    onion = analyze(
        article_from_text(text, source_url="https://www.theonion.com/a-1"), depth="fast"
    )
    assert any("The Onion, is listed as satire" in note for note in onion.notes)
    news = analyze(article_from_text(text, source_url="https://www.reuters.com/a-1"), depth="fast")
    assert not any("satire" in note for note in news.notes)


def test_a_report_lists_a_bounded_number_of_signals_of_each_kind_and_counts_them_all() -> None:
    """Security round 7 (left by round 6): a dense 5 MB article flagged in every sentence gave
    338,984 signals on the fast path, a 133 MB report built in 1.2 GB. A report lists the first
    MAX_LISTED_SIGNALS of each kind; signal_counts counts every one, signals_not_listed the rest,
    a note says so, and the score is the one every signal gives."""
    from veracity.models import score_reliability_batch
    from veracity.report.schema import MAX_LISTED_SIGNALS, found_counts
    from veracity.signals import detect_signals

    sentence = (
        "Sources say the corrupt elites secretly hide the shocking truth, experts claim 90% "
        "agree! Isn't it obvious? "
    )
    article = article_from_text(sentence * 650)
    every = detect_signals(analyse_text(article, "fast"))
    everything = Counter(s.kind.value for s in every)
    assert max(everything.values()) > MAX_LISTED_SIGNALS  # the text sets off more than a list

    report = analyze(article, depth="fast")
    listed = Counter(s.kind.value for s in report.signals)
    assert report.signal_counts == dict(everything)
    assert all(n <= MAX_LISTED_SIGNALS for n in listed.values())
    assert report.signals_not_listed == {
        kind: n - MAX_LISTED_SIGNALS for kind, n in everything.items() if n > MAX_LISTED_SIGNALS
    }
    # the listed ones are the first of their kind in the text
    for kind, n in listed.items():
        assert [s for s in report.signals if s.kind.value == kind] == [
            s for s in every if s.kind.value == kind
        ][:n]
    assert any("Too many signals to list" in note for note in report.notes)
    assert sum(found_counts(report).values()) == len(every)
    # the score and what drove it are those of every signal found
    [whole] = score_reliability_batch(
        [analyse_text(article, "fast").text], [every], depth="fast", titles=[None]
    )
    assert report.reliability == whole.reliability
    # bounded in size: the text, plus a bounded list (about 300 bytes a signal)
    assert len(report.model_dump_json()) < len(article.text) + 8 * MAX_LISTED_SIGNALS * 400
    assert Report.model_validate_json(report.model_dump_json()) == report
    assert f"Signals ({len(every)})" in render_terminal_text(report)


def render_terminal_text(report: Report) -> str:
    from io import StringIO

    from rich.console import Console

    from veracity.report.terminal import print_summary

    out = StringIO()
    print_summary(report, Console(file=out, width=200, color_system=None))
    return out.getvalue()
