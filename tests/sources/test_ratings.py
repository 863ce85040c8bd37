import json

import pytest

from veracity.errors import InputError, ModelError
from veracity.ingest import article_from_text
from veracity.report.schema import Signal, SignalKind
from veracity.sources import build_sources, rate_article_sources, rate_outlet
from veracity.sources.table import OUTLETS_FILE, load_outlet_table, outlet_table_ready, table_dir


@pytest.mark.parametrize(
    ("query", "domain", "factuality", "bias"),
    [
        ("Sputnik", "sputniknews.com", "mixed", "right-center"),
        ("sputniknews.com", "sputniknews.com", "mixed", "right-center"),
        ("Russia Today", "rt.com", "mixed", "right-center"),
        ("https://www.rt.com/news/123-story/", "rt.com", "mixed", "right-center"),
        ("Reuters", "reuters.com", "high", "center"),
        ("the Associated Press", "apnews.com", "high", "center"),
        ("CNN", "cnn.com", "mixed", "left"),
        ("edition.cnn.com", "cnn.com", "mixed", "left"),
        ("Al Jazeera", "aljazeera.com", "high", "left-center"),
        ("Daily Mail", "dailymail.co.uk", "mixed", "right"),
        ("Fox News", "foxnews.com", "mixed", "right"),
    ],
)
def test_rates_known_outlets_from_the_data(query, domain, factuality, bias) -> None:
    rating = rate_outlet(query)
    assert (rating.domain, rating.factuality, rating.bias) == (domain, factuality, bias)
    assert rating.rating_source and "mediabiasfactcheck.com" in rating.rating_source


def test_newer_corpus_wins_on_conflict() -> None:
    # Breitbart: "mixed" in the EMNLP 2018 corpus, "low" in the newer ACL 2020 one.
    rating = rate_outlet("Breitbart")
    assert rating.factuality == "low"
    assert "ACL 2020" in (rating.rating_source or "")


def test_section_rating_does_not_stand_for_the_whole_site() -> None:
    observer = rate_outlet("https://www.theguardian.com/observer/2017/story")
    assert (observer.outlet, observer.factuality) == ("The Observer", "high")
    guardian = rate_outlet("The Guardian")
    assert (guardian.domain, guardian.factuality) == ("theguardian.com", "unknown")


@pytest.mark.parametrize(
    "query", ["The New York Times", "nytimes.com", "BBC", "Totally Invented Gazette"]
)
def test_outlets_missing_from_the_data_are_unknown_never_guessed(query) -> None:
    rating = rate_outlet(query)
    assert rating.factuality == "unknown"
    assert rating.bias == "unknown"
    assert rating.rating_source is None


@pytest.mark.parametrize("query", ["", "   ", "http://[::1", "x" * 400])
def test_bad_queries_raise_input_error(query) -> None:
    with pytest.raises(InputError):
        rate_outlet(query)


def test_rate_article_sources_rates_publisher_and_cited_outlets() -> None:
    text = "Reuters said the vote was close. Sputnik said otherwise. Reuters later corrected it."
    article = article_from_text(
        text, detect_title=False, source_url="https://www.breitbart.com/politics/2019/story/"
    )
    citations = [
        Signal(
            kind=SignalKind.OUTLET_CITATION,
            start=start,
            end=start + len(name),
            quote=name,
            weight=0.1,
            explanation="cites",
            detector="outlet_citation",
            detail={"outlet": name, "domain": domain},
        )
        for name, domain, start in [
            ("Reuters", "reuters.com", 0),
            ("Sputnik", "sputniknews.com", 33),
            ("Reuters", "reuters.com", 57),
        ]
    ]
    ratings = rate_article_sources(article, citations)
    assert [(r.role, r.domain, r.factuality) for r in ratings] == [
        ("publisher", "breitbart.com", "low"),
        ("cited", "reuters.com", "high"),
        ("cited", "sputniknews.com", "mixed"),
    ]
    assert [c.start for c in ratings[1].citations] == [0, 57]
    assert all(text[c.start : c.end] == c.quote for r in ratings for c in r.citations)


def test_article_without_url_or_citations_has_no_outlets() -> None:
    article = article_from_text("A plain note about the weather today.", detect_title=False)
    assert rate_article_sources(article, []) == []


def test_missing_or_stale_table_raises_model_error(tmp_path) -> None:
    with pytest.raises(ModelError, match="veracity train sources"):
        load_outlet_table(tmp_path)
    (tmp_path / OUTLETS_FILE).write_text(json.dumps({"version": "sources-0"}), encoding="utf-8")
    with pytest.raises(ModelError, match="version"):
        load_outlet_table(tmp_path)


@pytest.mark.data
def test_installed_table_is_what_the_data_rebuilds(data_dir, tmp_path) -> None:
    card = build_sources(data_dir, tmp_path)
    assert set(card["data"]["files"]) == {"emnlp18_corpus.tsv", "acl2020_corpus.tsv"}
    assert card["counts"]["outlets"] > 1400
    installed = (table_dir() / OUTLETS_FILE).read_bytes()
    assert (tmp_path / OUTLETS_FILE).read_bytes() == installed


@pytest.mark.data
def test_report_lists_the_seed_articles_cited_outlet(data_dir) -> None:
    from veracity.pipeline import analyze

    report = analyze(
        data_dir.parent / "examples" / "seed-article.txt",
        depth="fast",
        detectors=["outlet_citation"],
        with_reliability=False,
    )
    sputnik = [o for o in report.outlets if o.domain == "sputniknews.com"]
    assert len(sputnik) == 1
    assert (sputnik[0].role, sputnik[0].factuality) == ("cited", "mixed")
    [span] = sputnik[0].citations
    assert report.text[span.start : span.end] == span.quote == "Sputnik news agency"


def test_table_ready_is_checked_on_disk_until_built(tmp_path) -> None:
    assert not outlet_table_ready(tmp_path)
    (tmp_path / OUTLETS_FILE).write_text("{}", encoding="utf-8")
    assert outlet_table_ready(tmp_path)
    (tmp_path / OUTLETS_FILE).unlink()  # once seen built, the process keeps the loaded table
    assert outlet_table_ready(tmp_path)
