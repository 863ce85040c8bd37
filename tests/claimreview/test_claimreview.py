"""ClaimReview import (real-shaped files), matching against imports, export and claims:search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from veracity.claimreview import (
    claimreview_json,
    claimreview_jsonld,
    import_claimreviews,
    parse_claimreviews,
    search_claims,
)
from veracity.claimreview import store as claimreview_store
from veracity.errors import InputError, InputTooLargeError
from veracity.report.schema import DebunkMatch
from veracity.verify import factchecks

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "claimreview"


@pytest.fixture
def imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty imported-fact-checks folder of its own; the corpus store stays the machine's."""
    folder = tmp_path / "factchecks-imported"
    monkeypatch.setattr(factchecks, "imported_dir", lambda: folder)
    monkeypatch.setattr(claimreview_store, "imported_dir", lambda: folder)
    return folder


def test_parses_object_graph_and_fields() -> None:
    [single] = parse_claimreviews(json.loads((FIXTURES / "single.json").read_text()))
    assert single.claim == "Drinking a small amount of bleach every day cures COVID-19."
    assert (single.rating, single.rating_value, single.best_rating) == ("False", "1", "5")
    assert (single.fact_checker, single.claimant) == ("Example Fact Check", "Viral Facebook post")
    assert (single.date_published, single.claim_date) == ("2024-03-12", "2024-03-01")
    graph = parse_claimreviews(json.loads((FIXTURES / "page-graph.json").read_text()))
    assert [r.rating for r in graph] == ["Falso", "Mostly true"]  # Organization, WebPage skipped
    assert (graph[0].language, graph[0].claimant) == ("es", "Cadena de WhatsApp")
    assert graph[0].fact_checker == "Verificado Ejemplo"


def test_terminal_controls_in_a_claimreview_are_dropped() -> None:
    """Hostile round 3: an imported ClaimReview's claim, rating and fact-checker kept ESC and
    C1 sequences, and `veracity verify` printed them to the terminal (retitle, clear, blink)."""
    item = {
        "@type": "ClaimReview",
        "url": "https://factcheck.example/r1",
        "claimReviewed": "Bleach cures \x1b]0;PWNED\x07\x1b[2J\x9b31mCOVID\x00 \ud800",
        "author": {"@type": "Organization", "name": "Evil \x1b[31mChecker\x9b0m"},
        "reviewRating": {"@type": "Rating", "alternateName": "False \x1b[5m"},
    }
    [review] = parse_claimreviews(item)
    fields = (review.claim, review.fact_checker, review.rating)
    assert fields == ("Bleach cures ]0;PWNED[2J31mCOVID ?", "Evil [31mChecker0m", "False [5m")


@pytest.mark.parametrize("query", ["\x00", "\x00\u200b\x00", " \ufeff "])
def test_a_search_for_only_invisible_characters_is_an_empty_query(query: str) -> None:
    """Hostile round 3: `factchecks:search?query=%00` answered fact-checks matching nothing
    (the analyses search already refused NUL)."""
    with pytest.raises(InputError, match="query is empty"):
        search_claims(query)


def test_a_file_nested_too_deeply_is_not_json(imported: Path, tmp_path: Path) -> None:
    """Hostile round 3: `veracity factchecks import` ended in a RecursionError (exit 70)."""
    path = tmp_path / "deep.json"
    path.write_text(
        '{"@type": "ClaimReview", "claimReviewed": ' + "[" * 100_000 + "]" * 100_000 + "}"
    )
    with pytest.raises(InputError, match=r"deep\.json is not JSON"):
        import_claimreviews(path)
    assert not imported.exists()


def test_malformed_item_is_named(imported: Path) -> None:
    with pytest.raises(
        InputError, match=r"item 2 \(https://factcheck.example.org/2024/05/no-rating\)"
    ):
        import_claimreviews(FIXTURES / "malformed-list.json")
    assert not imported.exists()  # nothing half-imported


def test_a_folder_a_pipe_or_a_device_is_named_as_what_it_is(imported: Path, tmp_path: Path) -> None:
    """Round 7: `veracity factchecks import` of a folder, a pipe or /dev/zero said "no such
    file", which sent its user looking for a file that is there."""
    import os

    from veracity.errors import SourceNotFoundError

    os.mkfifo(tmp_path / "feed.json")
    with pytest.raises(InputError, match=r"is a folder: import one ClaimReview file at a time"):
        import_claimreviews(tmp_path)
    for path in (tmp_path / "feed.json", Path("/dev/zero")):
        with pytest.raises(InputError, match=r"is not a regular file \(a pipe or a device\)"):
            import_claimreviews(path)
    with pytest.raises(SourceNotFoundError, match="no such file"):
        import_claimreviews(tmp_path / "missing.json")
    assert not imported.exists()


def test_a_statement_longer_than_a_claim_is_refused_naming_its_item(
    imported: Path, tmp_path: Path
) -> None:
    """Security s38: `veracity factchecks import` took a 100 KB claimReviewed into the store
    (matched against every claim near it, shown whole), while `verify` takes a claim of at most
    2,000 characters. Such an item is one error naming it, as the importer refuses any bad item;
    nothing is imported."""
    review = json.loads((FIXTURES / "single.json").read_text())
    long = {**review, "url": "https://p.example/long", "claimReviewed": "word " * 20_000}
    path = tmp_path / "long.json"
    path.write_text(json.dumps([review, long]), encoding="utf-8")
    with pytest.raises(
        InputTooLargeError,
        match=r"long\.json item 2 \(https://p\.example/long\): claimReviewed is 99,999 "
        r"characters long; a claim is at most 2,000 characters",
    ):
        import_claimreviews(path)
    assert not imported.exists()
    search = {"claims": [{"text": "x" * 2001, "claimReview": [{"textualRating": "False"}]}]}
    with pytest.raises(InputTooLargeError, match=r"x claim 1: text is 2,001 characters long"):
        parse_claimreviews(search, name="x")
    [kept] = parse_claimreviews({**review, "claimReviewed": "y" * 2000})  # at the limit: taken
    assert len(kept.claim) == 2000


def test_a_field_longer_than_a_claim_is_refused_naming_it(imported: Path, tmp_path: Path) -> None:
    """Round 7: round 6 capped claimReviewed at a claim's 2,000 characters, not the other
    fields the store keeps and every match shows: a 5 MB author name or reviewRating was taken
    whole (a 5 MB source on every `verify` match and API answer near it), and the error naming
    an item quoted its url whole. Each field is refused past 2,000 characters, naming it."""
    review = json.loads((FIXTURES / "single.json").read_text())
    big = "F" * 5_000_000
    for change, field in (
        ({"author": {"@type": "Organization", "name": big}}, "author.name"),
        ({"reviewRating": {"@type": "Rating", "alternateName": big}}, "reviewRating"),
        ({"name": big}, "name"),
        ({"itemReviewed": {"author": {"name": big}}}, "itemReviewed.author.name"),
        ({"url": "https://p.example/" + big}, "url"),
    ):
        path = tmp_path / "long.json"
        path.write_text(json.dumps([review, {**review, **change}]), encoding="utf-8")
        with pytest.raises(InputTooLargeError) as caught:
            import_claimreviews(path)
        message = str(caught.value)
        assert f": {field} is 5,0" in message and "at most 2,000 characters" in message, message
        assert len(message) < 400
    assert not imported.exists()
    search = {
        "claims": [
            {"text": "x is y", "claimReview": [{"textualRating": big, "publisher": {"name": "P"}}]}
        ]
    }
    with pytest.raises(InputTooLargeError, match=r"x claim 1 review 1: textualRating is 5,000,000"):
        parse_claimreviews(search, name="x")


def test_a_fact_check_tools_search_response_is_read() -> None:
    """Stop 35's probe: a response of Google Fact Check Tools' claims:search (the API most
    fact-checkers' verdicts are fetched from) was refused as holding no ClaimReview."""
    reviews = parse_claimreviews(json.loads((FIXTURES / "factcheck-tools-search.json").read_text()))
    assert [(r.claim, r.fact_checker, r.rating, r.language) for r in reviews] == [
        ("5G towers spread the coronavirus.", "Example Fact Check", "False", "en"),
        ("5G towers spread the coronavirus.", "verificado.example.mx", "Falso", "es"),
        (
            "The city doubled its police budget in 2023.",
            "Local Checks",
            "Half true: the budget rose by 48%",
            "en",
        ),
    ]
    first = reviews[0]
    assert (first.claimant, first.claim_date) == ("Social media posts", "2020-04-02T00:00:00Z")
    assert (first.url, first.date_published) == (
        "https://factcheck.example.org/2020/04/5g-coronavirus",
        "2020-04-06T00:00:00Z",
    )
    assert first.title == "No, 5G does not spread the coronavirus"
    assert first.written_rating == "False"
    assert len({r.id for r in reviews}) == 3


def test_what_our_claims_search_answers_imports_again(imported: Path, tmp_path: Path) -> None:
    import_claimreviews(FIXTURES / "page-graph.json")
    answer = search_claims("vacunas microchips", language="es")
    saved = tmp_path / "answer.json"
    saved.write_text(answer.model_dump_json(exclude_none=True), encoding="utf-8")
    [review] = parse_claimreviews(json.loads(saved.read_text()))
    original = next(
        r
        for r in parse_claimreviews(json.loads((FIXTURES / "page-graph.json").read_text()))
        if r.language == "es"
    )
    assert (review.claim, review.rating, review.fact_checker, review.url, review.claimant) == (
        original.claim,
        original.rating,
        original.fact_checker,
        original.url,
        original.claimant,
    )
    assert review.id == original.id  # importing it again changes nothing


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not JSON"),
        ('{"@type": "WebPage", "name": "x"}', "no item of @type ClaimReview"),
        ('[{"claimReviewed": "x"}]', "item 1 has no @type"),
        (
            '{"@type": "ClaimReview", "reviewRating": {"alternateName": "False"}}',
            "no claimReviewed",
        ),
        ("{}", "an empty object"),
        ('{"claims": {"text": "x"}}', "'claims' is not a list"),
        ('{"claims": []}', "claims:search response with no claims"),
        ('{"claims": [{"claimReview": []}]}', "claim 1: no text"),
        ('{"claims": [{"text": "x"}]}', "claim 1: no claimReview list"),
        (
            '{"claims": [{"text": "x", "claimReview": [{"textualRating": "False"}]}]}',
            "claim 1 review 1: no publisher with a name or site",
        ),
        (
            '{"claims": [{"text": "x", "claimReview": [{"publisher": {"name": "P"}, '
            '"url": "https://p.example/1"}]}]}',
            r"claim 1 review 1 \(https://p.example/1\): no textualRating",
        ),
        (
            '{"claims": [{"text": "x", "claimReview": [{"publisher": {"name": "P"}, '
            '"textualRating": "False", "url": "javascript:alert(1)"}]}]}',
            "is not an http",
        ),
    ],
)
def test_bad_files_are_one_clear_error(imported: Path, tmp_path: Path, content, message) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        import_claimreviews(path)


@pytest.mark.data
def test_import_is_idempotent_and_matched_with_the_fact_checkers_rating(imported: Path) -> None:
    first = import_claimreviews(FIXTURES / "single.json")
    assert (first.added, first.updated, first.total) == (1, 0, 1)
    second = import_claimreviews(FIXTURES / "page-graph.json")
    assert (second.added, second.total) == (2, 3)
    again = import_claimreviews(FIXTURES / "single.json")
    assert (again.added, again.updated, again.unchanged, again.total) == (0, 0, 1, 3)

    [matches] = factchecks.match_debunks(["Drinking a little bleach each day cures COVID-19"])
    ours = [m for m in matches if "Example Fact Check" in m.source]
    assert ours and ours[0].verdict == "False"
    document = claimreview_jsonld(ours)
    [node] = document["@graph"]
    assert node["reviewRating"]["alternateName"] == "False"
    assert node["url"] == "https://factcheck.example.org/2024/03/drinking-bleach-cures-covid"
    assert node["itemReviewed"]["author"]["name"] == "Viral Facebook post"
    # what we export imports again, unchanged
    assert (
        parse_claimreviews(document)[0].model_dump()
        == parse_claimreviews(json.loads((FIXTURES / "single.json").read_text()))[0].model_dump()
    )


def test_imports_live_outside_every_folder_setup_rebuilds() -> None:
    from veracity.reference import PARTS, reference_folder

    folder = factchecks.imported_dir()
    assert all(not folder.is_relative_to(reference_folder(name)) for name in PARTS)
    assert folder != factchecks.store_dir()


@pytest.mark.data
def test_imports_are_matched_beside_the_corpus_store(imported: Path) -> None:
    import_claimreviews(FIXTURES / "single.json")
    store = factchecks.load_factcheck_store()
    corpus = factchecks.load_factcheck_store(factchecks.store_dir())
    assert len(store.records) == len(corpus.records) + 1
    assert store.records[-1].collection == "claimreview"


@pytest.mark.data
def test_search_answers_in_google_claims_search_shape(imported: Path) -> None:
    import_claimreviews(FIXTURES / "page-graph.json")
    spanish = search_claims("vacunas microchips", language="es")
    assert [c.text for c in spanish.claims] == [
        "Las vacunas contra el COVID-19 contienen microchips para rastrear a la gente."
    ]
    review = spanish.claims[0].claimReview[0]
    assert (review.textualRating, review.publisher.site) == ("Falso", "verificado.example.mx")
    page = search_claims("minimum wage", page_size=2)
    assert len(page.claims) == 2 and page.nextPageToken
    following = search_claims("minimum wage", page_size=2, page_token=page.nextPageToken)
    assert {c.text for c in following.claims}.isdisjoint({c.text for c in page.claims})
    with pytest.raises(InputError, match="pageToken"):
        search_claims("minimum wage", page_token="bogus")


@pytest.mark.data
def test_search_endpoint(imported: Path) -> None:
    from veracity.api import create_app
    from veracity.store import open_database

    import_claimreviews(FIXTURES / "single.json")
    client = TestClient(create_app(database=open_database("sqlite://")))
    answer = client.get("/v1/factchecks:search", params={"query": "bleach cures covid"})
    assert answer.status_code == 200
    body = answer.json()
    first = body["claims"][0]
    assert first["text"] == "Drinking a small amount of bleach every day cures COVID-19."
    assert first["claimReview"][0]["textualRating"] == "False"
    assert first["claimReview"][0]["publisher"]["name"] == "Example Fact Check"
    # dates as Google's API gives them: RFC 3339 timestamps, not bare dates
    assert (first["claimDate"], first["claimReview"][0]["reviewDate"]) == (
        "2024-03-01T00:00:00Z",
        "2024-03-12T00:00:00Z",
    )
    assert client.get("/v1/factchecks:search", params={"query": ""}).status_code == 422
    bad = client.get("/v1/factchecks:search", params={"query": "x", "pageToken": "zz"})
    assert bad.status_code == 400


@pytest.mark.data
def test_cli_imports_and_verify_prints_claimreview(imported: Path) -> None:
    from typer.testing import CliRunner

    from veracity.cli import app

    runner = CliRunner()
    bad = runner.invoke(app, ["factchecks", "import", str(FIXTURES / "malformed-list.json")])
    assert bad.exit_code != 0
    assert bad.stderr.startswith("error: ") and "item 2" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    good = runner.invoke(app, ["factchecks", "import", str(FIXTURES / "single.json")])
    assert good.exit_code == 0 and good.stdout.startswith("1 added")
    result = runner.invoke(
        app, ["verify", "--format", "claimreview", "Drinking bleach every day cures COVID-19"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["@context"] == "https://schema.org"
    ours = [n for n in document["@graph"] if n["author"]["name"] == "Example Fact Check"]
    assert ours and ours[0]["reviewRating"]["alternateName"] == "False"
    assert all(n["@type"] == "ClaimReview" and n["claimReviewed"] for n in document["@graph"])


@pytest.mark.data
def test_claimreview_output_is_safe_inside_a_pages_script_block(
    imported: Path, tmp_path: Path
) -> None:
    """Hostile round 11, attack 7: ClaimReview JSON-LD is published inside an HTML page's
    <script type="application/ld+json"> block, and `--format claimreview` wrote an imported
    review's strings as they came: a fact-checker named 'Fact Desk</script><img src=x
    onerror=alert(1)>' on a review whose claim is near the one checked ended the block and ran
    its markup on the page of whoever published the output."""
    from typer.testing import CliRunner

    from veracity.cli import app

    review = json.loads((FIXTURES / "single.json").read_text(encoding="utf-8"))
    hostile = "Fact Desk</script><img src=x onerror=alert(1)> & co"
    review["author"]["name"] = hostile
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps(review), encoding="utf-8")
    import_claimreviews(source)
    result = CliRunner().invoke(
        app, ["verify", "--format", "claimreview", "Drinking bleach every day cures COVID-19"]
    )
    assert result.exit_code == 0, result.output
    assert "<" not in result.stdout and ">" not in result.stdout and "&" not in result.stdout
    graph = json.loads(result.stdout)["@graph"]
    assert hostile in [node["author"]["name"] for node in graph]  # the same JSON when read


@pytest.mark.data
def test_the_apis_answers_are_safe_inside_a_pages_script_block(
    imported: Path, tmp_path: Path
) -> None:
    """Hostile round 12 (left by round 11): `factchecks:search` answers ClaimReview-shaped JSON
    in Google Fact Check Tools' shape, which is pasted into a page's <script> block as round
    11's `--format claimreview` is, and it wrote an imported review's claim as it came: a
    `</script>` in it ended the block. Every JSON answer of the API is written so now."""
    import httpx

    from tests.api.live_server import app_settings, serve
    from veracity.api import create_app

    review = json.loads((FIXTURES / "single.json").read_text(encoding="utf-8"))
    hostile = "Bleach cures COVID-19</script><img src=x onerror=alert(1)> & more"
    review["claimReviewed"] = hostile
    review["author"]["name"] = "Fact Desk</script><script>alert(2)</script>"
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps(review), encoding="utf-8")
    import_claimreviews(source)
    settings = app_settings(tmp_path / "veracity.db", api_analysis_timeout_s=600)
    with serve(create_app(settings)) as url, httpx.Client(base_url=url, timeout=600) as client:
        text = f"Headline\n\n{hostile}"
        answers = [
            client.get("/v1/factchecks:search", params={"query": "bleach cures covid"}),
            client.post("/v1/analyses", json={"text": text, "depth": "fast"}),
            client.get("/v1/analyses/1"),
            client.get("/v1/analyses", params={"q": "bleach"}),
            client.get("/v1/analyses/2"),  # an error answer
        ]
    for answer in answers[:-1]:
        assert answer.status_code in (200, 201), answer.text
    for answer in answers:
        assert not {"<", ">", "&"} & set(answer.text), answer.text[:300]
    first = answers[0].json()["claims"][0]
    assert first["text"] == hostile  # the same JSON when read
    assert first["claimReview"][0]["publisher"]["name"].endswith("<script>alert(2)</script>")
    assert hostile in answers[1].json()["report"]["text"]


def test_claimreview_json_escapes_what_would_end_a_script_block() -> None:
    document = {"@graph": [{"claimReviewed": "a </script><script>x()</script> & b"}]}
    written = claimreview_json(document)
    assert "</" not in written and "<script" not in written and " & " not in written
    assert json.loads(written) == document


def test_search_dates_are_rfc3339_timestamps() -> None:
    from veracity.claimreview.search import _timestamp

    assert _timestamp("2024-03-12") == "2024-03-12T00:00:00Z"
    assert _timestamp("2024-03-12T10:30:00+02:00") == "2024-03-12T08:30:00Z"
    assert _timestamp("2024-03-12T10:30:00Z") == "2024-03-12T10:30:00Z"
    assert _timestamp("March 2024") is None and _timestamp(None) is None


def test_import_without_a_built_store_says_when_its_claims_will_be_matched(
    imported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from veracity.cli import app

    monkeypatch.setattr(claimreview_store, "store_dir", lambda: tmp_path / "factchecks")
    result = CliRunner().invoke(app, ["factchecks", "import", str(FIXTURES / "single.json")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 added")
    assert result.stderr.startswith("note: claims are matched against these once")
    assert "veracity setup" in result.stderr
    assert import_claimreviews(FIXTURES / "single.json").store_built is False


def _liar_match(speaker: str) -> DebunkMatch:
    return DebunkMatch(
        statement="Says the stimulus created no jobs.",
        verdict="false",
        source="PolitiFact via LIAR, statement 1234.json",
        similarity=0.9,
        match_type="semantic",
        explanation="same meaning",
        speaker=speaker,
    )


def test_a_liar_speaker_is_exported_by_name_not_by_slug(imported: Path) -> None:
    """LIAR names its speakers by PolitiFact's slug: the export wrote "barack-obama" as the
    claim's author, and a chain email as a person."""
    speakers = ("barack-obama", "george-w-bush", "national-rifle-association", "chain-email")
    graph = claimreview_jsonld(
        [_liar_match(s).model_copy(update={"statement": s}) for s in speakers]
    )["@graph"]
    claims = [node["itemReviewed"] for node in graph]
    assert claims[0]["author"] == {"@type": "Person", "name": "Barack Obama"}
    assert claims[1]["author"] == {"@type": "Person", "name": "George W. Bush"}
    assert claims[2]["author"] == {"@type": "Organization", "name": "National Rifle Association"}
    assert "author" not in claims[3]
    assert claims[3]["appearance"] == {"@type": "CreativeWork", "name": "Chain Email"}


@pytest.mark.data
def test_a_group_without_an_organisation_word_in_its_slug_is_an_organization(
    imported: Path,
) -> None:
    """Stop 35's probe: of the 177 speakers LIAR files as organizations, the 80 whose slug holds
    no organisation word were written as Persons ("naral-pro-choice", "trimet"), and so were
    news outlets ("drudge-report"). LIAR's party column and the outlet table's names decide;
    a person LIAR files under the group they speak for, and a pundit with a site of their own
    (glennbeck.com), stay Persons."""
    speakers = {
        "naral-pro-choice": "Organization",
        "trimet": "Organization",
        "mothers-against-drunk-driving": "Organization",
        "drudge-report": "Organization",
        "barry-duval": "Person",  # President and CEO of the Virginia Chamber of Commerce
        "glenn-beck": "Person",
        "barack-obama": "Person",
    }
    graph = claimreview_jsonld(
        [_liar_match(s).model_copy(update={"statement": s}) for s in speakers]
    )["@graph"]
    assert {
        node["claimReviewed"]: node["itemReviewed"]["author"]["@type"] for node in graph
    } == speakers


def test_without_the_speakers_table_a_slug_is_read_by_its_words(
    imported: Path, no_reference_data: Path
) -> None:
    graph = claimreview_jsonld(
        [_liar_match(s).model_copy(update={"statement": s}) for s in ("trimet", "sierra-club")]
    )["@graph"]
    assert [node["itemReviewed"]["author"]["@type"] for node in graph] == [
        "Person",
        "Organization",
    ]


def test_a_rating_given_only_as_a_number_exports_no_made_up_alternate_name(
    imported: Path, tmp_path: Path
) -> None:
    """Google wants reviewRating.alternateName to be the fact-checker's own words; a review
    rated only 1 of 5 was exported with alternateName "1/5", which veracity wrote."""
    numeric = json.loads((FIXTURES / "single.json").read_text())
    del numeric["reviewRating"]["alternateName"]
    path = tmp_path / "numeric.json"
    path.write_text(json.dumps(numeric), encoding="utf-8")
    import_claimreviews(path)
    [review] = claimreview_store.read_reviews().values()
    assert review.rating == "1/5" and review.written_rating is None
    match = _liar_match("x").model_copy(
        update={"source": claimreview_store.source_label(review), "verdict": review.rating}
    )
    [node] = claimreview_jsonld([match])["@graph"]
    assert node["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": "1",
        "bestRating": "5",
        "worstRating": "1",
    }
    # nor does claims:search make one up (Google's API leaves textualRating out then)
    [found] = [c for c in search_claims("bleach cures covid").claims if c.text == review.claim]
    assert found.claimReview[0].textualRating is None
    # a rating the fact-checker wrote is kept as written
    [written] = parse_claimreviews(json.loads((FIXTURES / "single.json").read_text()))
    assert written.written_rating == "False"


def test_a_fact_check_page_saved_as_html_imports_its_claimreview_markup(imported: Path) -> None:
    """Fact-checkers publish ClaimReview inside their pages' <script type="application/ld+json">
    blocks; `veracity factchecks import` read only JSON files, so a saved page was 'not JSON'."""
    result = import_claimreviews(FIXTURES / "factcheck-page.html")
    assert (result.added, result.total) == (1, 1)
    [review] = claimreview_store.read_reviews().values()
    assert review.claim == "5G mobile masts spread the coronavirus."
    assert (review.rating, review.fact_checker) == ("False", "Example Fact Check")
    assert review.url == "https://factcheck.example.org/2020/04/5g-coronavirus/"
    assert review.claimant == "Facebook posts"


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("<html><body><p>No markup here.</p></body></html>", "HTML page without JSON-LD"),
        (
            '<html><script type="application/ld+json">{"@type": </script></html>',
            "JSON-LD block 1 of 1 is not JSON",
        ),
        (
            '<html><script type="application/ld+json">{"@type": "NewsArticle"}</script></html>',
            "no item of @type ClaimReview",
        ),
    ],
)
def test_an_html_page_without_claimreview_markup_is_one_clear_error(
    imported: Path, tmp_path: Path, page: str, message: str
) -> None:
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        import_claimreviews(path)


@pytest.mark.data
def test_claims_triage_links_an_imported_review_to_its_page(imported: Path) -> None:
    """Probe s36: `veracity claims` (and POST /v1/claims:triage) gave every matched fact-check
    'url': null, an imported review's page too, which the store keeps; the corpus fact-checks
    have no page and keep none."""
    from veracity.pipeline import triage_statements

    import_claimreviews(FIXTURES / "single.json")
    triage = triage_statements(
        "A viral Facebook post says drinking a small amount of bleach every day cures COVID-19.\n"
        "Says the Obama administration doubled the national debt.",
        by_line=True,
    )
    checks = [check for row in triage.rows for check in row.fact_checks]
    ours = [check for check in checks if "Example Fact Check" in check.fact_checker]
    assert (
        ours and ours[0].url == "https://factcheck.example.org/2024/03/drinking-bleach-cures-covid"
    )
    assert all(check.url is None for check in checks if check not in ours)


def test_json_ld_blocks_of_a_page_of_open_tags_are_read_in_linear_time() -> None:
    """Hostile round 5: one pattern for a whole block was searched on from each JSON-LD tag
    with no end tag after it: `veracity factchecks import page.html` of 100 KB of such tags
    took 7.6 s, of 400 KB 43 s (quadratic; a saved page may be 200 MiB)."""
    import time

    from veracity.claimreview.store import json_ld_blocks

    for unit in ('<script type="application/ld+json">{', "<script a<script type=x "):
        page = "<html>" + unit * (100_000 // len(unit))
        start = time.process_time()
        assert json_ld_blocks(page) == []
        assert time.process_time() - start < 1.0


def test_json_ld_blocks_are_what_the_block_pattern_found() -> None:
    """The one-pass reader gives the blocks the former pattern gave, on pages made of tags,
    bodies, end tags and text in any order."""
    import random
    import re

    from veracity.claimreview.store import json_ld_blocks

    former = re.compile(
        r"<script\b[^>]*\btype\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>",
        re.IGNORECASE | re.DOTALL,
    )
    pieces = [
        '<script type="application/ld+json">',
        "<SCRIPT TYPE='application/ld+json' class=x>",
        "<script type=application/ld+jsonx>",
        "<script>",
        "<script src=a.js>",
        "<scripttype=application/ld+json>",
        "<script type =\n application/ld+json",
        "</script>",
        "</SCRIPT >",
        "</script\n>",
        '{"a": 1}',
        "<p>text</p>",
        ">",
        "<",
        " ",
    ]
    rng = random.Random(38)
    for _ in range(3000):
        page = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert json_ld_blocks(page) == former.findall(page), page
