"""The store keeps one row per article text and per (article, model versions), on both backends."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from veracity.errors import InputError
from veracity.report.schema import FeatureContribution, Reliability, Report, Signal, SignalKind
from veracity.store import (
    content_hash,
    get_analysis,
    list_analyses,
    model_versions,
    open_database,
    report_digest,
    save_report,
)
from veracity.store.models import AnalysisRow, ArticleRow

BODY = (
    "Experts say the council knew about the contamination for weeks. "
    "The water department said tests found chlorine levels within legal limits."
)


def make_report(
    title: str = "Water supply questions in Millbrook",
    body: str = BODY,
    *,
    path: str = "fast",
    model_version: str | None = None,
    domain: str | None = None,
) -> Report:
    """A report as the pipeline would write it, with one vague-attribution signal."""
    text = f"{title}\n\n{body}"
    start = text.index("Experts say")
    return Report(
        veracity_version="0.1.0",
        analysis_path=path,
        title=title,
        text=text,
        body_start=len(title) + 2,
        language="en",
        source_url=f"https://{domain}/story" if domain else None,
        source_domain=domain,
        signals=[
            Signal(
                kind=SignalKind.VAGUE_ATTRIBUTION,
                start=start,
                end=start + len("Experts say"),
                quote="Experts say",
                weight=0.6,
                explanation="Attributed to unnamed experts.",
                detector="vague_attribution",
            )
        ],
        signal_counts={"vague_attribution": 1},
        reliability=(
            Reliability(score=0.25, label="unreliable", model_version=model_version)
            if model_version
            else None
        ),
    )


def count_rows(database, row_type) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(row_type))


def test_saved_report_reads_back_identical(database_url: str) -> None:
    database = open_database(database_url)
    report = make_report(title="Flood 🌊 warning: “unverified” claims spread", domain="example.org")
    with database.session(write=True) as session:
        stored, created = save_report(session, report)
    with database.session() as session:
        again = get_analysis(session, stored.id)
    database.dispose()
    assert created
    assert again is not None
    assert again.report == report
    assert again.article_id == stored.article_id
    assert again.created_at.tzinfo is not None
    assert again.model_versions == {
        "veracity": "0.1.0",
        "analysis_path": "fast",
        "reliability": None,
        "report": report_digest(report),
    }


def test_same_report_twice_is_one_article_and_one_analysis(database_url: str) -> None:
    database = open_database(database_url)
    with database.session(write=True) as session:
        first, first_created = save_report(session, make_report())
    with database.session(write=True) as session:
        second, second_created = save_report(session, make_report())
    assert (first_created, second_created) == (True, False)
    assert (second.id, second.article_id) == (first.id, first.article_id)
    assert count_rows(database, ArticleRow) == 1
    assert count_rows(database, AnalysisRow) == 1
    database.dispose()


def test_new_model_versions_add_an_analysis_to_the_same_article(database_url: str) -> None:
    database = open_database(database_url)
    reports = [
        make_report(path="fast"),
        make_report(path="deep"),
        make_report(path="deep", model_version="reliability-1.0"),
        make_report(path="deep", model_version="reliability-1.1"),
        make_report(path="deep", model_version="reliability-1.1"),
    ]
    with database.session(write=True) as session:
        saved = [save_report(session, report) for report in reports]
    assert [created for _, created in saved] == [True, True, True, True, False]
    assert len({stored.article_id for stored, _ in saved}) == 1
    assert len({stored.id for stored, _ in saved}) == 4
    assert count_rows(database, ArticleRow) == 1
    assert count_rows(database, AnalysisRow) == 4
    database.dispose()


# The models were refitted under the same version and a detector changed within release 0.1.0
# (lead, session 34: three reliability refits of 2026-12-05 were all 'reliability-2.20261205.
# 89c18d76'). Before, the re-analysis was not stored and the store answered with the old one.
def test_a_changed_analysis_under_the_same_versions_is_stored_and_returned(
    database_url: str,
) -> None:
    database = open_database(database_url)
    before = make_report(model_version="reliability-2.20261205")
    assert before.reliability is not None
    reliability = before.reliability.model_copy(update={"score": 0.2})
    after = before.model_copy(
        update={"signals": [], "signal_counts": {}, "reliability": reliability}
    )
    with database.session(write=True) as session:
        first, first_created = save_report(session, before)
        second, second_created = save_report(session, after)
        third, third_created = save_report(session, after)
    assert (first_created, second_created, third_created) == (True, True, False)
    assert second.article_id == first.article_id and second.id != first.id
    assert second.report == after and third.id == second.id
    assert count_rows(database, AnalysisRow) == 2
    database.dispose()


def test_different_text_is_a_different_article(database_url: str) -> None:
    database = open_database(database_url)
    with database.session(write=True) as session:
        one, _ = save_report(session, make_report(body=BODY))
        other, created = save_report(session, make_report(body=BODY + " Reuters reported it."))
    assert created
    assert other.article_id != one.article_id
    database.dispose()


def test_history_search_paging_and_order(database_url: str) -> None:
    database = open_database(database_url)
    titles = [
        ("Council denies cover-up claims", "bluewave.example"),
        ("Valve replaced at the water plant", "reuters.com"),
        ("Mayor's donor under scrutiny", "bluewave.example"),
        ("100% of residents_affected, says blog", None),
    ]
    with database.session(write=True) as session:
        ids = [save_report(session, make_report(title=t, domain=d))[0].id for t, d in titles]
    with database.session() as session:
        everything = list_analyses(session)
        by_domain = list_analyses(session, "BLUEWAVE")
        by_title = list_analyses(session, "valve")
        percent = list_analyses(session, "100%")
        literal_wildcards = list_analyses(session, "%_")
        page_two = list_analyses(session, limit=2, offset=2)
        nothing = list_analyses(session, "no such article")
    database.dispose()
    assert [item.id for item in everything.items] == ids[::-1]
    assert everything.total == 4
    assert {item.title for item in by_domain.items} == {titles[0][0], titles[2][0]}
    assert [item.source_domain for item in by_title.items] == ["reuters.com"]
    assert [item.title for item in percent.items] == [titles[3][0]]
    assert literal_wildcards.total == 0
    assert [item.id for item in page_two.items] == ids[1::-1]
    assert (page_two.total, page_two.limit, page_two.offset) == (4, 2, 2)
    assert (nothing.total, nothing.items) == (0, [])
    summary = by_title.items[0]
    assert (summary.signal_count, summary.analysis_path) == (1, "fast")


def test_summary_carries_reliability(database_url: str) -> None:
    database = open_database(database_url)
    with database.session(write=True) as session:
        save_report(session, make_report(model_version="reliability-1.0"))
    with database.session() as session:
        (summary,) = list_analyses(session).items
    database.dispose()
    assert (summary.reliability_score, summary.reliability_label) == (0.25, "unreliable")


def test_missing_analysis_is_none(database_url: str) -> None:
    database = open_database(database_url)
    with database.session() as session:
        assert get_analysis(session, 12345) is None
    database.dispose()


@pytest.mark.parametrize("analysis_id", [0, -1, 2**31, 10**17, 2**63])
def test_an_id_no_row_can_have_is_none_not_a_database_error(
    database_url: str, analysis_id: int
) -> None:
    """Hostile round 3: on PostgreSQL an id past the 32-bit column (the web page's permalink
    takes up to 18 digits) was a DataError, "integer out of range", not a missing analysis."""
    database = open_database(database_url)
    with database.session() as session:
        assert get_analysis(session, analysis_id) is None
        assert list_analyses(session).total == 0  # the session is still usable
    database.dispose()


def test_a_report_of_a_hostile_batch_row_is_stored(database_url: str) -> None:
    """Hostile round 3: a URL with a NUL or a 300-character host (a batch row's `url`) was a
    database error on PostgreSQL; the article keeps it percent-encoded, the domain dropped."""
    from veracity.ingest import article_from_text
    from veracity.pipeline import analyze

    database = open_database(database_url)
    for n, (url, domain) in enumerate(
        [
            ("http://x.example/\x00story", "x.example"),
            ("http://" + "a" * 300 + ".com/x", "a" * 300 + ".com"),
        ]
    ):
        article = article_from_text(
            f"Water rates rise, part {n + 1}\n\n{BODY}", source_url=url, source_domain=domain
        )
        with database.session(write=True) as session:
            stored, created = save_report(session, analyze(article, depth="fast"))
        assert created
        with database.session() as session:
            again = get_analysis(session, stored.id)
        assert again is not None and "\x00" not in (again.report.source_url or "")
    database.dispose()


def test_identity_helpers() -> None:
    report = make_report(path="deep", model_version="m-2")
    assert content_hash(report.text) == content_hash(make_report(path="fast").text)
    assert content_hash(report.text) != content_hash(report.text + " ")
    assert len(content_hash(report.text)) == 64
    assert model_versions(report) == {
        "veracity": "0.1.0",
        "analysis_path": "deep",
        "reliability": "m-2",
        "report": report_digest(report),
    }
    assert report_digest(report) == report_digest(make_report(path="deep", model_version="m-2"))
    assert len(report_digest(report)) == 16


@pytest.mark.parametrize("query", ["", "   "])
def test_blank_query_lists_everything(database_url: str, query: str) -> None:
    database = open_database(database_url)
    with database.session(write=True) as session:
        save_report(session, make_report())
    with database.session() as session:
        assert list_analyses(session, query).total == 1
    database.dispose()


def test_a_search_finds_a_title_however_its_text_is_encoded(database_url: str) -> None:
    """Hostile round 4: titles are stored as an article's text (NFC, no invisible characters),
    the search text was not: "Cafe" + a combining accent, the way some keyboards and pasted
    text spell it, or a zero-width space inside a word found nothing."""
    database = open_database(database_url)
    with database.session(write=True) as session:
        save_report(session, make_report(title="Caf\u00e9 owners protest the bridge"))
    with database.session() as session:
        for query in ("Caf\u00e9", "Cafe\u0301", "pro\u200btest", "  owners   protest "):
            assert list_analyses(session, query).total == 1, repr(query)
    database.dispose()


def test_nul_in_a_search_is_refused_not_a_match_all(database_url: str) -> None:
    """Attack 9: PostgreSQL answered a NUL byte with a database error naming its URL, and
    SQLite cut the pattern at the NUL, so the search matched every row."""
    database = open_database(database_url)
    with database.session(write=True) as session:
        save_report(session, make_report(title="Council denies cover-up claims"))
    with database.session() as session:
        for query in ("\x00", "zzz\x00", "\x00council"):
            with pytest.raises(InputError, match="NUL character"):
                list_analyses(session, query)
        assert list_analyses(session, "zzz").total == 0
    database.dispose()


def test_a_history_entry_says_why_its_article_has_no_score(database_url: str) -> None:
    """Probe s37: the web page's history said "not scored" where the report says why (not
    English, too short, out of scope): the history's entries did not carry the reason."""
    database = open_database(database_url)
    with database.session(write=True) as session:
        scored = make_report(model_version="reliability-1.0")
        save_report(session, scored.model_copy(update={"reliability_status": "scored"}))
        unscored = make_report(title="Preguntas sobre el agua").model_copy(
            update={"reliability": None, "reliability_status": "not_english"}
        )
        save_report(session, unscored)
        older = make_report(title="Stored before the status existed").model_copy(
            update={"reliability": None}
        )
        save_report(session, older)
    with database.session() as session:
        items = {item.title: item for item in list_analyses(session).items}
    database.dispose()
    assert items["Preguntas sobre el agua"].reliability_status == "not_english"
    assert items["Preguntas sobre el agua"].reliability_score is None
    assert items["Water supply questions in Millbrook"].reliability_status == "scored"
    assert items["Stored before the status existed"].reliability_status is None


def test_a_stored_report_this_version_cannot_read_is_one_clear_error(database_url: str) -> None:
    """Round 7: a store shared by two versions of veracity (a rolling upgrade), or a report
    changed in the database, held a report this version could not read: one with a signal kind
    of a newer version, a field missing, a span that does not quote the text, a score that is
    no number, null or a list. `GET /v1/analyses/{id}` answered a bare 500 and the permalink
    page a 500 or no answer at all (the connection reset); they are one error naming the
    analysis, the versions that wrote it and what this one cannot read (409 in the API)."""
    from sqlalchemy import update

    from veracity.store.models import AnalysisRow
    from veracity.store.repository import UnreadableAnalysisError

    database = open_database(database_url)
    with database.session(write=True) as session:
        stored, _ = save_report(session, make_report())
    written = stored.report.model_dump(mode="json", exclude={"text"})
    signal = {**written["signals"][0], "kind": "satire"}
    for name, report in (
        ("a newer kind", {**written, "schema_version": "1.9", "signals": [signal]}),
        ("a field missing", {k: v for k, v in written.items() if k != "analysis_path"}),
        (
            "a span off the text",
            {**written, "signals": [{**signal, "kind": "clickbait", "end": 10**9}]},
        ),
        ("no object", [1, 2]),
    ):
        with database.session(write=True) as session:
            session.execute(
                update(AnalysisRow).where(AnalysisRow.id == stored.id).values(report=report)
            )
        with database.session() as session, pytest.raises(UnreadableAnalysisError) as caught:
            get_analysis(session, stored.id)
        message = str(caught.value)
        assert message.startswith(f"analysis {stored.id} was stored by veracity "), name
        assert "does not read as a report of this server's veracity" in message, name
        assert "\n" not in message and len(message) < 600, name
    assert UnreadableAnalysisError.http_status == 409
    newer = {**written, "schema_version": "2.0", "a_field_of_a_newer_version": 1}
    with database.session(write=True) as session:
        session.execute(update(AnalysisRow).where(AnalysisRow.id == stored.id).values(report=newer))
    with database.session() as session:  # a field this version does not know is left out
        assert get_analysis(session, stored.id).report.title == stored.report.title


@pytest.mark.parametrize(
    "where", ["the weight of a reason", "a signal's detail", "a corroborated score"]
)
@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_a_stored_report_holding_a_number_json_cannot_carry_is_one_clear_error(
    tmp_path, where: str, number: float
) -> None:
    """Round 14: SQLite keeps a report as JSON text, and Python reads NaN and Infinity in it;
    a report changed in the database to hold one where the schema bounds no number (a reason's
    contribution, a signal's detail, a corroborated score) read back as a report, and
    `GET /v1/analyses/{id}` answered a bare 500 (its JSON cannot carry the number) while
    `veracity db show` printed it as null. It is the unreadable analysis it is (409 in the API)."""
    from fastapi.testclient import TestClient
    from sqlalchemy import update

    from veracity.api.app import create_app
    from veracity.store.repository import UnreadableAnalysisError

    database = open_database(f"sqlite:///{tmp_path / 'store.db'}")
    report = make_report(model_version="reliability-test")
    report.reliability.top_features = [  # type: ignore[union-attr]
        FeatureContribution(
            name="names no source for its figures", source="style", contribution=-1.0
        )
    ]
    with database.session(write=True) as session:
        stored, _ = save_report(session, report)
    written = stored.report.model_dump(mode="json", exclude={"text"})
    if where == "the weight of a reason":
        written["reliability"]["top_features"][0]["contribution"] = number
    elif where == "a signal's detail":
        written["signals"][0]["detail"] = {"share": number}
    else:
        written["corroboration"] = {
            "event_id": "e1",
            "event_articles": 2,
            "independent_origins": 2,
            "base_score": 0.4,
            "score": number,
        }
    with database.session(write=True) as session:
        session.execute(
            update(AnalysisRow).where(AnalysisRow.id == stored.id).values(report=written)
        )
    with database.session() as session, pytest.raises(UnreadableAnalysisError):
        get_analysis(session, stored.id)
    answer = TestClient(create_app(database=database)).get(f"/v1/analyses/{stored.id}")
    assert answer.status_code == 409, answer.text
    assert answer.json()["error"]["message"].startswith(f"analysis {stored.id} was stored by")


def test_the_address_a_page_gives_for_itself_is_not_listed_as_its_publisher(
    database_url: str,
) -> None:
    """Round 10: a saved page's own address (og:url, canonical link) is named in its report but
    not rated, since a fake page names any site there (d255567); the history listed it all the
    same, so a fake page naming reuters.com was listed under the publisher "reuters.com" and
    found by a search for "reuters" (`db list`, GET /v1/analyses, the web history). The report
    says where its address came from (``source_from``), the history lists and searches only
    an address a caller gave or a page was fetched from, and the stored report keeps the
    page's own with its note."""
    from veracity.ingest.html import article_from_html
    from veracity.pipeline import analyze

    page = (
        '<html><head><meta property="og:url" content="https://www.reuters.com/world/story/">'
        f"<title>Budget vote</title></head><body><article><p>{BODY} {BODY}</p></article>"
        "</body></html>"
    )
    report = analyze(article_from_html(page), depth="fast")
    assert (report.source_domain, report.source_from) == ("reuters.com", "page")
    plain = make_report(title="Given its address", domain="apnews.com")
    assert "source_from" not in plain.model_dump_json()  # schema 1.3 byte for byte without it
    database = open_database(database_url)
    with database.session(write=True) as session:
        stored, _ = save_report(session, report)
        save_report(session, plain)
    with database.session() as session:
        items = {item.title: item for item in list_analyses(session).items}
        found = list_analyses(session, "reuters").items
        read_back = get_analysis(session, stored.id)
    database.dispose()
    assert (items["Budget vote"].source_domain, items["Budget vote"].source_url) == (None, None)
    assert items["Given its address"].source_domain == "apnews.com"
    assert found == []
    assert (read_back.report.source_domain, read_back.report.source_from) == (
        "reuters.com",
        "page",
    )


SQL_TITLES = [
    "Council'; DROP TABLE analyses; --",
    "Mayor \\' OR 1=1 -- resigns",
    "$$ budget $$ E'\\x27' vote",
    'Report " OR ""=" flags bridge',
    "Back\\slash at the plant",
]


def test_sql_in_every_stored_field_and_search_is_data(database_url: str) -> None:
    """Hostile round 16 (held): SQL in a report's title, text, domain, quote, explanation and
    model version, and in the history search (quotes, comments, PostgreSQL dollar quoting and
    E'' escapes, a backslash before the LIKE escape character): stored and read back as
    written, the tables whole, a search matching only what its words spell."""
    database = open_database(database_url)
    with database.session(write=True) as session:
        ids = [
            save_report(
                session, make_report(title=title, model_version=f"v'{n}--", domain=f"x{n}.example")
            )[0].id
            for n, title in enumerate(SQL_TITLES)
        ]
    with database.session() as session:
        stored = [get_analysis(session, analysis_id) for analysis_id in ids]
        assert [analysis.report.title for analysis in stored if analysis] == SQL_TITLES
        assert list_analyses(session).total == len(SQL_TITLES)
        assert list_analyses(session, "' OR '1'='1").total == 0
        assert list_analyses(session, "1=1 --").total == 1
        assert list_analyses(session, "\\").total == 3  # the three titles holding a backslash
        assert list_analyses(session, "\\%").total == 0
        assert list_analyses(session, "$$ budget").total == 1
    database.dispose()


def test_a_report_stored_before_claims_had_speakers_reads_back(database_url: str) -> None:
    """Schema 1.7 adds a claim's speaker: a stored 1.6 report (no speaker field) reads with
    none, and a 1.7 report's speaker survives the store."""
    from veracity.report.schema import Claim

    database = open_database(database_url)
    report = make_report()
    words = report.text.split(".")[0]
    said = report.model_copy(
        update={
            "claims": [
                Claim(text=words, start=0, end=len(words), score=0.9, speaker="TRUMP"),
            ]
        }
    )
    with database.session(write=True) as session:
        stored, _ = save_report(session, said)
    with database.session() as session:
        again = get_analysis(session, stored.id)
    assert again is not None and again.report.claims[0].speaker == "TRUMP"
    old = stored.report.model_dump(mode="json", exclude={"text"})
    old["schema_version"] = "1.6"
    del old["claims"][0]["speaker"]
    with database.session(write=True) as session:
        session.execute(update(AnalysisRow).where(AnalysisRow.id == stored.id).values(report=old))
    with database.session() as session:
        read = get_analysis(session, stored.id)
    database.dispose()
    assert read is not None and read.report.claims[0].speaker is None
    assert read.report.claims[0].text == words
